"""The plan workbook on the web: download it, edit it in Excel, upload it back.

Thin views over `excel.py` and `impor.rencana_impor` (the same path as `sakip import-plan`).
Another module wires the URLs; each view takes the OPD slug as `opd`.
"""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views import View

from sakip.akun.izin import Aksi
from sakip.akun.mixins import OpdViewMixin
from sakip.core.impor import ContohSel, ImporGagal, berkas_xlsx_periksa, dokumen_opd_periksa, nama_berkas

from .ekspor import rencana_dokumen
from .excel import MIMETYPE, dokumen_ke_workbook, workbook_ke_dokumen
from .impor import rencana_impor
from .models import Renstra
from .selectors import renstra_opd

MAKS_PERINGATAN = 20  # shown as messages; the summary counts them all


class UnduhRencanaView(OpdViewMixin, View):
    """GET → the OPD's latest Renstra as an .xlsx download; `?periode=N` picks the Renstra
    starting in year N, as on the plan pages (`?tahun_awal=N` too, as in `sakip export-plan`)."""

    permission = Aksi.LIHAT

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        renstra = self.get_renstra()
        isi = dokumen_ke_workbook(rencana_dokumen(renstra=renstra))
        nama = f"rencana-{self.opd.slug}-{renstra.tahun_awal}-{renstra.tahun_akhir}.xlsx"
        response = HttpResponse(isi, content_type=MIMETYPE)
        response["Content-Disposition"] = content_disposition_header(True, nama)
        return response

    def get_renstra(self) -> Renstra:
        daftar = renstra_opd(opd=self.opd)
        tahun_awal = self.request.GET.get("periode") or self.request.GET.get("tahun_awal", "")
        if tahun_awal.isdigit():
            daftar = daftar.filter(tahun_awal=int(tahun_awal))
        renstra = daftar.first()
        if renstra is None:
            raise Http404("OPD ini belum mempunyai Renstra")
        return renstra


class UnggahRencanaView(OpdViewMixin, View):
    """POST with file `berkas` (.xlsx) → import; redirect with the summary, or list every error."""

    permission = Aksi.UBAH_RENCANA
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        berkas = request.FILES.get("berkas")
        nama = nama_berkas(berkas)
        try:
            dokumen = workbook_ke_dokumen(berkas_xlsx_periksa(berkas), sumber=nama)
            dokumen_opd_periksa(dokumen, opd=self.opd.slug, sumber=nama)
            hasil = rencana_impor(data=dokumen, sumber=nama, oleh=request.user)  # type: ignore[arg-type]
        except ImporGagal as exc:
            kembali = self.get_success_url()
            return render(request, "web/unggah_galat.html", {
                "opd": self.opd, "berkas": nama, "kesalahan": exc.kesalahan, "kembali": kembali,
                "judul": "rencana", "contoh": ContohSel("Indikator", "F", 12),
                "tersembunyi": {"next": kembali}})
        messages.success(request, f"Rencana diimpor dari {nama}: {hasil.ringkasan()}")
        for peringatan in hasil.peringatan[:MAKS_PERINGATAN]:
            messages.warning(request, peringatan)
        return redirect(self.get_success_url())

    def get_success_url(self) -> str:
        tujuan = self.request.POST.get("next", "")
        if tujuan and url_has_allowed_host_and_scheme(
            tujuan, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return tujuan
        try:
            return reverse("perencanaan:pohon", kwargs={"opd": self.opd.slug})
        except NoReverseMatch:  # the plan pages are not mounted (e.g. a minimal URLconf)
            return reverse("opd", kwargs={"opd": self.opd.slug})
