"""The cache of LKjIP PDFs on disk, keyed by the SHA-256 of the Word document they were made from.

The Word document is reproducible (render.zip_tetap), so an unchanged report has the same hash
and its PDF is served without LibreOffice. One folder per OPD-year,
`<SAKIP_LKJIP_PDF_CACHE or MEDIA_ROOT/cache/lkjip>/<opd id>/<tahun>/`, holds per hash:

- `<sha>.pdf`   the PDF (written to a temporary name, then renamed: never read half-written);
- `<sha>.json`  what the waiting page shows: file name, stage, start time, failure message;
- `<sha>.kunci` the lock of the render in progress, created exclusively (O_EXCL), so two clicks —
  even on two web workers — start one LibreOffice run. It names the host and process; its mtime
  is the render's heartbeat.

A lock whose process is gone (same host) or whose heartbeat is older than `batas_macet()` is a
render that died with its server: the state is "gagal" and the next click starts it again.
Nothing here touches the database or a request; the web and the CLI share it
(docs/laporan-dokumen.md, "PDF: cache and background render").
"""

from __future__ import annotations

import json
import os
import re
import socket
import time
import uuid
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from django.conf import settings
from django.utils import timezone

POLA_SHA = re.compile(r"[0-9a-f]{64}")  # always .fullmatch: "$" would let "…\n" through
# A failed entry without its PDF is kept this long, so the page of whoever waited can say why.
UMUR_GAGAL = 24 * 3600


class Keadaan(StrEnum):
    SIAP = "siap"
    PROSES = "proses"
    GAGAL = "gagal"
    TIDAK_ADA = "tidak_ada"


TAHAP_ANTRE = "antre"  # waiting for the process's LibreOffice slot; then pdf.TAHAP_* stages


@dataclass(frozen=True)
class Entri:
    """The files of one document hash in one OPD-year folder."""

    folder: Path
    sha: str

    @property
    def pdf(self) -> Path:
        return self.folder / f"{self.sha}.pdf"

    @property
    def meta(self) -> Path:
        return self.folder / f"{self.sha}.json"

    @property
    def kunci(self) -> Path:
        return self.folder / f"{self.sha}.kunci"


@dataclass(frozen=True)
class StatusPdf:
    sha: str
    keadaan: Keadaan
    nama: str = ""  # file name of the download, "lkjip-<opd>-<tahun>.pdf"
    tahap: str = ""
    pesan: str = ""  # why it failed, for the user
    mulai: datetime | None = None
    path: Path | None = None  # the PDF, when SIAP


def akar() -> Path:
    tempat = getattr(settings, "SAKIP_LKJIP_PDF_CACHE", None)
    return Path(tempat) if tempat else Path(settings.MEDIA_ROOT) / "cache" / "lkjip"


def entri(opd_id: int, tahun: int, sha: str) -> Entri:
    if not POLA_SHA.fullmatch(sha):
        raise ValueError(f"Bukan SHA-256: {sha!r}")
    return Entri(akar() / str(int(opd_id)) / str(int(tahun)), sha)


def batas_macet() -> float:
    """Seconds without a heartbeat after which a render is taken for dead: each stage (a
    LibreOffice pass, bounded by SAKIP_SOFFICE_TIMEOUT, then pdfinfo, bounded by 60 s) beats once,
    and a render waiting for its turn beats every pdf_latar.DENYUT seconds."""
    return float(getattr(settings, "SAKIP_SOFFICE_TIMEOUT", 180)) + 120


def jumlah_simpan() -> int:
    return max(1, int(getattr(settings, "SAKIP_LKJIP_PDF_SIMPAN", 3)))


def _baca_meta(e: Entri) -> dict:
    try:
        return dict(json.loads(e.meta.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def _tulis_atomik(path: Path, isi: bytes) -> None:
    sementara = path.with_name(f"{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    sementara.write_bytes(isi)
    os.replace(sementara, path)


def _tulis_meta(e: Entri, **ubah: object) -> None:
    data = _baca_meta(e)
    data.update(ubah)
    _tulis_atomik(e.meta, json.dumps(data, ensure_ascii=False).encode())


def _proses_hilang(kunci: Path) -> bool:
    """The lock names a process of this host that no longer exists (the server restarted)."""
    try:
        host, pid, *_ = kunci.read_text(encoding="utf-8").split()
    except (OSError, ValueError):
        return False
    if host != socket.gethostname():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, ValueError):
        return False
    return False


def _macet(e: Entri) -> bool:
    try:
        umur = time.time() - e.kunci.stat().st_mtime
    except FileNotFoundError:
        return False
    return umur > batas_macet() or _proses_hilang(e.kunci)


def _waktu(detik: object) -> datetime | None:
    if not isinstance(detik, int | float):
        return None
    return datetime.fromtimestamp(detik, tz=timezone.get_current_timezone())


PESAN_TERHENTI = (
    "Pembuatan PDF terhenti sebelum selesai (server dimulai ulang atau LibreOffice macet). "
    "Silakan coba lagi, atau unduh versi Word (.docx)."
)


def status(e: Entri) -> StatusPdf:
    meta = _baca_meta(e)
    dasar = StatusPdf(e.sha, Keadaan.TIDAK_ADA, nama=str(meta.get("nama", "")), mulai=_waktu(meta.get("mulai")))
    if e.pdf.exists():
        return replace(dasar, keadaan=Keadaan.SIAP, path=e.pdf)
    if e.kunci.exists():
        if _macet(e):
            return replace(dasar, keadaan=Keadaan.GAGAL, pesan=PESAN_TERHENTI)
        return replace(dasar, keadaan=Keadaan.PROSES, tahap=str(meta.get("tahap", TAHAP_ANTRE)))
    if meta.get("tahap") == Keadaan.GAGAL:
        return replace(dasar, keadaan=Keadaan.GAGAL, pesan=str(meta.get("pesan", "")))
    return dasar


# The token written into each lock this process took, so `lepas` removes its own lock only.
_MILIK: dict[Path, str] = {}


def _singkirkan_macet(e: Entri) -> None:
    """Move a dead render's lock aside. Two callers may both see it dead: each renames the file
    it saw (identified by its inode) to a name of its own, and puts back anything else it moved —
    a fresh lock another caller created meanwhile — so a live render's lock is never removed."""
    try:
        dilihat = e.kunci.stat().st_ino
    except FileNotFoundError:
        return
    sisih = e.kunci.with_name(f"{e.kunci.name}.basi-{uuid.uuid4().hex}")
    try:
        os.rename(e.kunci, sisih)
    except FileNotFoundError:
        return  # another caller moved it first
    if sisih.stat().st_ino != dilihat:
        os.rename(sisih, e.kunci)  # a fresh lock, not the dead one: put it back
        return
    sisih.unlink(missing_ok=True)


def klaim(e: Entri, *, nama: str) -> bool:
    """Take the render of this hash: True for exactly one caller while no live render holds it."""
    e.folder.mkdir(parents=True, exist_ok=True)
    if _macet(e):
        _singkirkan_macet(e)
    try:
        fd = os.open(e.kunci, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    token = f"{socket.gethostname()} {os.getpid()} {uuid.uuid4().hex}"
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(token)
    _MILIK[e.kunci] = token
    _tulis_meta(e, nama=nama, tahap=TAHAP_ANTRE, pesan="", mulai=time.time())
    return True


def denyut(e: Entri) -> None:
    try:
        os.utime(e.kunci)
    except FileNotFoundError:
        pass


def tandai_tahap(e: Entri, tahap: str) -> None:
    _tulis_meta(e, tahap=tahap)
    denyut(e)


def simpan(e: Entri, isi: bytes, *, nama: str | None = None) -> None:
    e.folder.mkdir(parents=True, exist_ok=True)
    _tulis_atomik(e.pdf, isi)
    ubah: dict[str, object] = {"tahap": "selesai", "pesan": ""}
    if nama:
        ubah["nama"] = nama
    _tulis_meta(e, **ubah)


def tandai_gagal(e: Entri, pesan: str) -> None:
    _tulis_meta(e, tahap=Keadaan.GAGAL.value, pesan=pesan)


def lepas(e: Entri) -> None:
    """Remove this process's lock of the hash — not one another render took after ours was
    judged dead."""
    token = _MILIK.pop(e.kunci, None)
    try:
        if token is not None and e.kunci.read_text(encoding="utf-8") == token:
            e.kunci.unlink(missing_ok=True)
    except FileNotFoundError:
        pass


def dipakai(e: Entri) -> None:
    """A cache hit: the PDF counts as new again, so pruning keeps what is being downloaded."""
    try:
        os.utime(e.pdf)
    except FileNotFoundError:
        pass


def pangkas(folder: Path, *, tetap: Collection[str] = (), jumlah: int | None = None) -> list[str]:
    """Keep the `jumlah` most recently made or served PDFs of an OPD-year (SAKIP_LKJIP_PDF_SIMPAN,
    default 3) and the hashes in `tetap` (the frozen final document's); delete the rest, failed
    entries older than a day and stray temporary files. Returns the hashes deleted."""
    jumlah = jumlah_simpan() if jumlah is None else jumlah
    if not folder.is_dir():
        return []
    sekarang = time.time()

    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except FileNotFoundError:
            return 0.0

    pdf = sorted(folder.glob("*.pdf"), key=mtime, reverse=True)
    hapus = [p.stem for p in pdf[jumlah:] if p.stem not in tetap]
    for m in folder.glob("*.json"):
        if not (folder / f"{m.stem}.pdf").exists() and not (folder / f"{m.stem}.kunci").exists() \
                and sekarang - mtime(m) > UMUR_GAGAL:
            hapus.append(m.stem)
    for sha in hapus:
        for akhiran in (".pdf", ".json"):
            (folder / f"{sha}{akhiran}").unlink(missing_ok=True)
    for tmp in folder.glob("*.tmp"):
        if sekarang - mtime(tmp) > batas_macet():
            tmp.unlink(missing_ok=True)
    return sorted(hapus)
