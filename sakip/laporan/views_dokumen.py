"""Download of the full LKjIP (Word or PDF). Thin: permission, then the renderer / the PDF service.

GET /opd/<slug>/laporan/<tahun>/unduh/docx/ gives the Word document (the frozen file once the
LKjIP is final). GET …/unduh/pdf/ serves the PDF from the cache when the report did not change,
else starts its background render and sends the user to the waiting page
GET …/pdf/<sha>/ (polled by htmx every 2 s; a meta refresh without JavaScript), which offers
…/pdf/<sha>/berkas/ when ready. Every view: permission Aksi.UNDUH_DOKUMEN; an OPD the user cannot
see is 404, a visible one without the action 403 (OpdViewMixin). When LibreOffice is missing the
user goes back to the report page with the reason; when it fails the waiting page says why; the
Word version stays offered. docs/laporan-dokumen.md, "PDF: cache and background render".
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views import View

from sakip.akun.izin import Aksi
from sakip.akun.mixins import OpdViewMixin

from .dokumen.pdf import TAHAP_NOMOR_HALAMAN, TAHAP_TATA_LETAK, PdfGagal
from .dokumen.pdf_latar import lkjip_docx, lkjip_pdf_minta, lkjip_pdf_status
from .dokumen.pdf_tembolok import POLA_SHA, TAHAP_ANTRE, Keadaan, StatusPdf
from .dokumen.render import MIMETYPE_DOCX, MIMETYPE_PDF

FORMAT = ("docx", "pdf")
# Stage → (what the waiting page says, progress value out of 3; None = indeterminate).
TAHAP = {
    TAHAP_ANTRE: ("Menunggu giliran: PDF laporan lain sedang dibuat di server.", None),
    TAHAP_TATA_LETAK: ("Tahap 1 dari 2: LibreOffice menata halaman dokumen.", 1),
    TAHAP_NOMOR_HALAMAN: ("Tahap 2 dari 2: nomor halaman Daftar Isi, Tabel dan Gambar diisi.", 2),
}


def _kembali(request: HttpRequest, opd_slug: str, tahun: int, pesan: list[str]) -> HttpResponse:
    for p in pesan:
        messages.error(request, p)
    return redirect("laporan:konten", opd_slug, tahun)


def _berkas_pdf(st: StatusPdf, opd_slug: str, tahun: int) -> HttpResponse:
    assert st.path is not None
    try:
        berkas = st.path.open("rb")
    except FileNotFoundError:  # pruned between the status and the open: back to the waiting page
        return redirect("laporan:lkjip-pdf", opd_slug, tahun, st.sha)
    return FileResponse(berkas, as_attachment=True, filename=st.nama or f"lkjip-{st.sha[:12]}.pdf",
                        content_type=MIMETYPE_PDF)


def _ukuran(st: StatusPdf) -> int | None:
    try:
        return st.path.stat().st_size if st.path else None
    except FileNotFoundError:  # pruned between the two looks
        return None


class UnduhLkjipView(OpdViewMixin, View):
    permission = Aksi.UNDUH_DOKUMEN

    def get(self, request: HttpRequest, *args: Any, tahun: int, format: str, **kwargs: Any) -> HttpResponse:
        if format not in FORMAT:
            raise Http404("Format dokumen tidak dikenal (docx atau pdf).")
        try:
            if format == "docx":
                docx = lkjip_docx(opd=self.opd, tahun=tahun)
                response = HttpResponse(docx.isi, content_type=MIMETYPE_DOCX)
                response["Content-Disposition"] = content_disposition_header(True, docx.nama)
                return response
            st = lkjip_pdf_minta(opd=self.opd, tahun=tahun)
        except PdfGagal as exc:
            return _kembali(request, self.opd.slug, tahun, [str(exc)])
        except ValidationError as exc:
            return _kembali(request, self.opd.slug, tahun, exc.messages)
        if st.keadaan == Keadaan.SIAP:
            return _berkas_pdf(st, self.opd.slug, tahun)
        return redirect("laporan:lkjip-pdf", self.opd.slug, tahun, st.sha)


class _PdfMixin(OpdViewMixin):
    permission = Aksi.UNDUH_DOKUMEN

    def status_pdf(self) -> StatusPdf:
        sha = self.kwargs["sha"]
        if not POLA_SHA.fullmatch(sha):
            raise Http404("Alamat PDF tidak dikenal.")
        return lkjip_pdf_status(opd=self.opd, tahun=self.kwargs["tahun"], sha=sha)


class LkjipPdfView(_PdfMixin, View):
    """The waiting page: the whole page, or (htmx poll) only its status block. No database query
    beyond the permission check: the state is in the cache folder."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        st = self.status_pdf()
        tahap, nilai = TAHAP.get(st.tahap, TAHAP[TAHAP_ANTRE])
        polling = bool(request.headers.get("HX-Request"))
        context = {
            "opd": self.opd, "tahun": self.kwargs["tahun"], "st": st, "akhir": "PDF",
            "tahap": tahap, "nilai": nilai,
            "detik": int((timezone.now() - st.mulai).total_seconds()) if st.mulai else None,
            "ukuran": _ukuran(st),
            # Arriving by the poll means the user watched it being made: the download starts by
            # itself. A reload of a finished page only offers the button.
            "otomatis": polling and st.keadaan == Keadaan.SIAP,
        }
        return render(request, "laporan/_pdf_status.html" if polling else "laporan/pdf_status.html", context)


class LkjipPdfBerkasView(_PdfMixin, View):
    """The finished PDF; before it is ready (or after the cache dropped it) the waiting page."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        st = self.status_pdf()
        if st.keadaan != Keadaan.SIAP:
            return redirect("laporan:lkjip-pdf", self.opd.slug, self.kwargs["tahun"], st.sha)
        return _berkas_pdf(st, self.opd.slug, self.kwargs["tahun"])
