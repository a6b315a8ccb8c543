"""Word → PDF through LibreOffice headless, with the page numbers of the Daftar Isi/Tabel/Gambar.

`soffice --headless --convert-to pdf` lays the document out but does not refresh TOC fields, so
the conversion runs twice: the first PDF is exported with the bookmarks as named destinations,
`pdfinfo -dests` (poppler) tells the page of every heading and caption, the renderer writes those
page numbers into the lists, and the second conversion is the final PDF. The lists keep their
length between the passes, so the pages do not move. Without `pdfinfo` one pass is made and the
lists carry no page numbers.

Each process uses its own LibreOffice profile (`-env:UserInstallation`), so parallel workers do
not collide on the profile lock; a timeout stops a hung conversion.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from django.conf import settings
from docx import Document
from docx.oxml.ns import qn

from .daftar import AWALAN

FILTER = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'


class PdfGagal(RuntimeError):
    """The PDF could not be made; the message is for the user (Indonesian)."""


def soffice() -> str:
    """The LibreOffice binary, or PdfGagal with what to do about it."""
    nama = getattr(settings, "SAKIP_SOFFICE", "soffice")
    path = shutil.which(nama)
    if path is None:
        raise PdfGagal(
            f"LibreOffice ('{nama}') tidak ditemukan di server, sehingga PDF tidak dapat dibuat. "
            "Unduh versi Word (.docx), atau minta admin memasang paket libreoffice-writer-nogui."
        )
    return path


def _profil() -> Path:
    folder = Path(tempfile.gettempdir()) / f"sakip-lo-{os.getpid()}-{threading.get_ident()}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _konversi(docx: Path, keluar: Path) -> Path:
    batas = int(getattr(settings, "SAKIP_SOFFICE_TIMEOUT", 180))
    perintah = [soffice(), f"-env:UserInstallation={_profil().as_uri()}", "--headless", "--norestore",
                "--nolockcheck", "--convert-to", FILTER, "--outdir", str(keluar), str(docx)]
    try:
        hasil = subprocess.run(perintah, capture_output=True, timeout=batas, check=False)
    except subprocess.TimeoutExpired as exc:
        raise PdfGagal(f"LibreOffice tidak selesai mengubah dokumen ke PDF dalam {batas} detik.") from exc
    pdf = keluar / (docx.stem + ".pdf")
    if hasil.returncode != 0 or not pdf.exists():
        pesan = (hasil.stderr or hasil.stdout).decode(errors="replace").strip()[:300]
        raise PdfGagal(f"LibreOffice gagal membuat PDF{': ' + pesan if pesan else ''}.")
    return pdf


def halaman_bookmark(pdf: Path) -> dict[str, int] | None:
    """Bookmark name → physical page (1-based), from the PDF's named destinations."""
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        return None
    hasil = subprocess.run([pdfinfo, "-dests", str(pdf)], capture_output=True, timeout=60, check=False)
    halaman = {}
    for baris in hasil.stdout.decode(errors="replace").splitlines():
        m = re.match(r"\s*(\d+)\s+\[.*\]\s+\"(.*)\"\s*$", baris)
        if m:
            # LibreOffice escapes "_" as "5F" in destination names.
            nama = m.group(2).replace("5F", "_", 1) if m.group(2).startswith("5F") else m.group(2)
            halaman[nama] = int(m.group(1))
    return halaman


def romawi(n: int) -> str:
    hasil = ""
    for nilai, huruf in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                         (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= nilai:
            hasil += huruf
            n -= nilai
    return hasil


def isi_nomor_halaman(isi: bytes, halaman: dict[str, int]) -> bytes:
    """Write printed page numbers into the lists: cover = page 1 (unnumbered), front matter in
    roman from page 2, the body in arabic from the first chapter heading (the template's
    sections restart numbering there)."""
    dok = Document(BytesIO(isi))
    body = dok.element.body
    bab1 = None
    for p in body.iter(qn("w:p")):
        ps = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        teks = "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
        if ps is not None and ps.get(qn("w:val")) in ("Heading1", "Judul1") and teks.upper().startswith("BAB"):
            awal = p.find(qn("w:bookmarkStart"))
            if awal is not None:
                bab1 = halaman.get(awal.get(qn("w:name")))
            break

    def label(nama: str) -> str:
        fisik = halaman.get(nama)
        if fisik is None:
            return ""
        if bab1 is not None and fisik >= bab1:
            return str(fisik - bab1 + 1)
        return romawi(max(fisik - 1, 1))

    for link in body.iter(qn("w:hyperlink")):
        anchor = link.get(qn("w:anchor")) or ""
        if not anchor.startswith(AWALAN):
            continue
        teks = list(link.iter(qn("w:t")))
        if len(teks) >= 2:
            teks[-1].text = label(anchor)
    keluaran = BytesIO()
    dok.save(keluaran)
    return keluaran.getvalue()


# Stages reported to `kemajuan` (the background render shows them to the waiting user).
TAHAP_TATA_LETAK = "tata_letak"  # first pass: LibreOffice lays the document out
TAHAP_NOMOR_HALAMAN = "nomor_halaman"  # second pass, with the page numbers in the lists


def docx_ke_pdf(isi: bytes, *, kemajuan: Callable[[str], None] | None = None) -> bytes:
    """The PDF of a Word document; `kemajuan(tahap)` is called as each pass starts."""
    lapor = kemajuan or (lambda tahap: None)
    with tempfile.TemporaryDirectory(prefix="sakip-pdf-") as tmp:
        folder = Path(tmp)
        docx = folder / "lkjip.docx"
        docx.write_bytes(isi)
        lapor(TAHAP_TATA_LETAK)
        pdf = _konversi(docx, folder)
        halaman = halaman_bookmark(pdf)
        if not halaman:
            return pdf.read_bytes()
        docx.write_bytes(isi_nomor_halaman(isi, halaman))
        pdf.unlink()
        lapor(TAHAP_NOMOR_HALAMAN)
        return _konversi(docx, folder).read_bytes()
