"""The LKjIP as PDF without making the browser wait: cache first, else a background render.

`lkjip_pdf_minta(opd=, tahun=)` is what a click on "Unduh PDF" does: the Word document is made
first (about a second; a final LKjIP's frozen file is used as it is, alur.layanan.dokumen_unduh),
its SHA-256 names the PDF in the cache (pdf_tembolok), and

- when that PDF exists it is served at once, LibreOffice is not started;
- when a render of it runs (another click, another worker), the caller waits on that one;
- otherwise the render is claimed (one per hash) and handed to `PELAKSANA`, by default a
  daemon thread of the web process. At most `SAKIP_PDF_SERENTAK` (default 1: the machine has
  two cores) LibreOffice runs per process; the others wait their turn ("antre").

The thread never touches the database: it gets the document's bytes and writes files only.
Tests replace `PELAKSANA` (run at once, or keep the job and run it when the test says so), so
they never depend on timing.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.conf import settings

from sakip.alur.layanan import dokumen_unduh
from sakip.alur.models import DokumenTahunan, StatusDokumen
from sakip.organisasi.models import PerangkatDaerah

from . import pdf_tembolok as tembolok
from .pdf import PdfGagal, docx_ke_pdf, soffice
from .pdf_tembolok import Keadaan, StatusPdf

logger = logging.getLogger(__name__)

JENIS = "lkjip"  # the kind in the workflow's document registry (LaporanConfig.ready)
DENYUT = 30  # seconds between heartbeats of a render waiting for its turn
PESAN_TAK_TERDUGA = (
    "PDF gagal dibuat karena kesalahan di server. Silakan coba lagi, atau unduh versi Word (.docx)."
)

Pelaksana = Callable[[Callable[[], None]], None]


def jalankan_di_thread(kerja: Callable[[], None]) -> None:
    threading.Thread(target=kerja, name="sakip-lkjip-pdf", daemon=True).start()


# Who runs a claimed render. Tests replace it (monkeypatch) with a synchronous or deferred runner.
PELAKSANA: Pelaksana = jalankan_di_thread

_semafor: threading.BoundedSemaphore | None = None
_semafor_kunci = threading.Lock()


def _giliran_proses() -> threading.BoundedSemaphore:
    global _semafor
    with _semafor_kunci:
        if _semafor is None:
            _semafor = threading.BoundedSemaphore(max(1, int(getattr(settings, "SAKIP_PDF_SERENTAK", 1))))
        return _semafor


@contextmanager
def _giliran(e: tembolok.Entri) -> Iterator[None]:
    """This process's LibreOffice slot; a render waiting for it keeps its lock alive."""
    semafor = _giliran_proses()
    while not semafor.acquire(timeout=DENYUT):
        tembolok.denyut(e)
    try:
        yield
    finally:
        semafor.release()


@dataclass(frozen=True)
class DocxLkjip:
    nama: str  # "lkjip-<opd>-<tahun>.docx"
    isi: bytes
    sha: str

    @property
    def nama_pdf(self) -> str:
        return Path(self.nama).with_suffix(".pdf").name


def lkjip_docx(*, opd: PerangkatDaerah, tahun: int) -> DocxLkjip:
    """The Word LKjIP: the frozen file of a final one (checksum checked), else a fresh render.
    Raises ValidationError when a frozen file no longer matches its checksum."""
    nama, _, isi = dokumen_unduh(opd=opd, tahun=tahun, jenis=JENIS)
    return DocxLkjip(nama, isi, hashlib.sha256(isi).hexdigest())


def _sha_final(opd: PerangkatDaerah, tahun: int) -> str:
    return (DokumenTahunan.objects.filter(opd=opd, tahun=tahun, jenis=JENIS, status=StatusDokumen.FINAL)
            .values_list("sha256", flat=True).first() or "")


def _buat(e: tembolok.Entri, isi: bytes, *, tetap: str) -> None:
    """The render itself (in the background): PDF into the cache, or the reason it failed."""
    try:
        with _giliran(e):
            pdf = docx_ke_pdf(isi, kemajuan=partial(tembolok.tandai_tahap, e))
        tembolok.simpan(e, pdf)
        tembolok.pangkas(e.folder, tetap={tetap} if tetap else set())
    except PdfGagal as exc:
        tembolok.tandai_gagal(e, str(exc))
    except Exception:
        logger.exception("PDF LKjIP %s gagal dibuat", e.sha)
        tembolok.tandai_gagal(e, PESAN_TAK_TERDUGA)
    finally:
        tembolok.lepas(e)


def lkjip_pdf_minta(*, opd: PerangkatDaerah, tahun: int) -> StatusPdf:
    """A click on "Unduh PDF": SIAP (served from the cache), else PROSES / GAGAL of the render
    started or joined. Raises PdfGagal at once when LibreOffice is not installed (no thread
    is started for a run that cannot succeed) and ValidationError for a corrupt frozen file."""
    docx = lkjip_docx(opd=opd, tahun=tahun)
    e = tembolok.entri(opd.pk, tahun, docx.sha)
    st = tembolok.status(e)
    if st.keadaan == Keadaan.SIAP:
        tembolok.dipakai(e)
        return st
    if st.keadaan == Keadaan.PROSES:
        return st
    soffice()
    # GAGAL or TIDAK_ADA: a click after a failure is the retry.
    if tembolok.klaim(e, nama=docx.nama_pdf):
        try:
            PELAKSANA(partial(_buat, e, docx.isi, tetap=_sha_final(opd, tahun)))
        except BaseException:
            tembolok.lepas(e)  # no render started: do not leave its lock for the timeout
            raise
    return tembolok.status(e)


def lkjip_pdf_status(*, opd: PerangkatDaerah, tahun: int, sha: str) -> StatusPdf:
    """What the waiting page shows; only the OPD-year's own folder is looked in (a hash of
    another OPD's report is TIDAK_ADA here). No database query."""
    return tembolok.status(tembolok.entri(opd.pk, tahun, sha))


def lkjip_pdf_langsung(*, opd: PerangkatDaerah, tahun: int, template: str | None = None,
                       pakai_tembolok: bool = True) -> tuple[str, bytes, bool]:
    """The PDF made in this process (the `sakip lkjip --format pdf` command): (file name, bytes,
    taken from the cache). A template override renders afresh; its hash is its own cache key."""
    from .render import render_lkjip

    if template is None:
        docx = lkjip_docx(opd=opd, tahun=tahun)
    else:
        nama, _, isi = render_lkjip(opd, tahun, template=template)
        docx = DocxLkjip(nama, isi, hashlib.sha256(isi).hexdigest())
    e = tembolok.entri(opd.pk, tahun, docx.sha)
    if pakai_tembolok and e.pdf.exists():
        tembolok.dipakai(e)
        return docx.nama_pdf, e.pdf.read_bytes(), True
    pdf = docx_ke_pdf(docx.isi)
    if pakai_tembolok:
        tembolok.simpan(e, pdf, nama=docx.nama_pdf)
        tembolok.pangkas(e.folder, tetap={_sha_final(opd, tahun)} - {""})
    return docx.nama_pdf, pdf, False
