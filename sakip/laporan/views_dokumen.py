"""Download of the full LKjIP (Word or PDF). Thin: permission, then the renderer.

GET /opd/<slug>/laporan/<tahun>/unduh/docx/ (or /pdf/). Permission Aksi.UNDUH_DOKUMEN; an OPD
the user cannot see is 404, a visible one without the action 403 (OpdViewMixin). When the PDF
cannot be made (LibreOffice missing or failing) the user goes back to the report page with the
reason, and can still take the Word version.
"""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views import View

from sakip.akun.izin import Aksi
from sakip.akun.mixins import OpdViewMixin

from .dokumen.pdf import PdfGagal
from .dokumen.render import render_lkjip

FORMAT = ("docx", "pdf")


class UnduhLkjipView(OpdViewMixin, View):
    permission = Aksi.UNDUH_DOKUMEN

    def get(self, request: HttpRequest, *args: Any, tahun: int, format: str, **kwargs: Any) -> HttpResponse:
        if format not in FORMAT:
            raise Http404("Format dokumen tidak dikenal (docx atau pdf).")
        try:
            nama, mimetype, isi = render_lkjip(self.opd, tahun, format=format)
        except PdfGagal as exc:
            messages.error(request, str(exc))
            return redirect(reverse("laporan:konten", kwargs={"opd": self.opd.slug, "tahun": tahun}))
        response = HttpResponse(isi, content_type=mimetype)
        response["Content-Disposition"] = content_disposition_header(True, nama)
        return response
