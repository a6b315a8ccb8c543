"""The PK, Rencana Aksi and budget workbooks on the web: download, edit in Excel, upload back.

Thin views over `excel.py` and the importers (the same path as the YAML files). An upload is
all-or-nothing; a failed one shows every error with its cell and keeps nothing.
"""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from openpyxl import Workbook

from sakip.akun.izin import Aksi
from sakip.core.impor import ImporGagal, berkas_xlsx_periksa, dokumen_opd_periksa, nama_berkas
from sakip.engine.angka import format_angka

from . import excel
from .ekspor import anggaran_dokumen, pk_dokumen, rencana_aksi_dokumen
from .impor import HasilImpor, anggaran_impor, pk_impor_buku, rencana_aksi_impor
from .selectors import LaporanAnggaran, anggaran_opd_tahun, pk_versi_daftar
from .views import _KinerjaMixin, _unduhan


class PKExcelView(_KinerjaMixin, View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        tahun, _ = self.pilih_tahun()
        daftar = list(pk_versi_daftar(opd=self.opd, tahun=tahun or 0).select_related("perjanjian"))
        ke = request.GET.get("versi", "")
        versi = next((v for v in daftar if str(v.ke) == ke), None) if ke else (daftar[-1] if daftar else None)
        if versi is None:
            raise Http404("PK itu tidak ada")
        isi = excel.tulis(excel.BUKU_PK, pk_dokumen(opd=self.opd, versi=versi))
        return _unduhan(f"pk-{self.opd.slug}-{tahun}-ke{versi.ke}.xlsx", excel.MIMETYPE, isi)


class RencanaAksiExcelView(_KinerjaMixin, View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        tahun, _ = self.pilih_tahun()
        if tahun is None:
            raise Http404("Belum ada data")
        isi = excel.tulis(excel.BUKU_RENCANA_AKSI, rencana_aksi_dokumen(opd=self.opd, tahun=tahun))
        return _unduhan(f"rencana-aksi-{self.opd.slug}-{tahun}.xlsx", excel.MIMETYPE, isi)


def _ringkasan(lap: LaporanAnggaran) -> Any:
    """A sheet of computed figures (not imported): per program, per sasaran, per source, total."""

    def tulis(wb: Workbook) -> None:
        ws = wb.create_sheet("Ringkasan")
        ws.append(["Ringkasan hasil hitungan Sakip (tidak diimpor)"])
        ws.append(["Kelompok", "Kode", "Uraian", "Pagu sebelum", "Pagu", "Selisih", "Realisasi", "Serapan %",
                   "Efisiensi Rp", "Efisiensi %"])

        def teks(nilai: Any, desimal: int | None = None) -> str | None:
            return None if nilai is None else format_angka(nilai, desimal)

        for judul, daftar in (("program", lap.per_program), ("sasaran", lap.per_sasaran), ("sumber", lap.per_sumber)):
            for k in daftar:
                r = k.ringkasan
                ws.append([judul, k.kunci, k.uraian, teks(r.pagu_sebelum), teks(r.pagu), teks(r.selisih),
                           teks(r.realisasi), teks(r.serapan, 2), teks(r.efisiensi_rupiah), teks(r.efisiensi_persen, 2)])
        if lap.total is not None:
            r = lap.total
            ws.append(["total", "", "Jumlah seluruh belanja", teks(r.pagu_sebelum), teks(r.pagu), teks(r.selisih),
                       teks(r.realisasi), teks(r.serapan, 2), teks(r.efisiensi_rupiah), teks(r.efisiensi_persen, 2)])
        for huruf, lebar in zip("ABCDEFGHIJ", (10, 14, 50, 18, 18, 18, 18, 10, 18, 10), strict=True):
            ws.column_dimensions[huruf].width = lebar

    return tulis


class AnggaranExcelView(_KinerjaMixin, View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        tahun, _ = self.pilih_tahun()
        if tahun is None:
            raise Http404("Belum ada data")
        isi = excel.tulis(excel.BUKU_ANGGARAN, anggaran_dokumen(opd=self.opd, tahun=tahun),
                          tambahan=_ringkasan(anggaran_opd_tahun(opd=self.opd, tahun=tahun)))
        return _unduhan(f"anggaran-{self.opd.slug}-{tahun}.xlsx", excel.MIMETYPE, isi)


class _UnggahView(_KinerjaMixin, View):
    """POST with file `berkas` (.xlsx) → import; redirect with the summary, or list every error."""

    permission = Aksi.UBAH_RENCANA
    http_method_names = ["post"]
    buku: excel.Buku
    halaman = ""  # URL name of the page to return to

    def impor(self, dokumen: dict[str, Any], nama: str) -> HasilImpor:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        berkas = request.FILES.get("berkas")
        nama = nama_berkas(berkas)
        try:
            dokumen = excel.baca(self.buku, berkas_xlsx_periksa(berkas), sumber=nama)
            dokumen_opd_periksa(dokumen, opd=self.opd.slug, sumber=nama)
            hasil = self.impor(dokumen, nama)
        except ImporGagal as exc:
            konteks = self.konteks_dasar()
            return render(request, "web/unggah_galat.html", {
                **konteks, "berkas": nama, "kesalahan": exc.kesalahan, "judul": self.buku.judul,
                "kembali": self.kembali(), "contoh": self.buku.contoh_sel,
                "tersembunyi": {"tahun": konteks["tahun"]}, "butuh_alasan": self.buku is excel.BUKU_PK})
        messages.success(request, f"{self.buku.judul} diimpor dari {nama}: {hasil.ringkasan()}.")
        return redirect(self.kembali(dokumen.get("tahun")))

    def kembali(self, tahun: Any = None) -> str:
        tahun = tahun or self.request.POST.get("tahun", "")
        url = reverse(self.halaman, args=[self.opd.slug])
        return f"{url}?tahun={tahun}" if str(tahun).isdigit() else url


class PKUnggahView(_UnggahView):
    buku = excel.BUKU_PK
    halaman = "kinerja:pk"

    def impor(self, dokumen: dict[str, Any], nama: str) -> HasilImpor:
        return pk_impor_buku(data=dokumen, opd=self.opd, sumber=nama, oleh=self.request.user,
                             alasan=self.request.POST.get("alasan", ""))


class RencanaAksiUnggahView(_UnggahView):
    buku = excel.BUKU_RENCANA_AKSI
    halaman = "kinerja:rencana-aksi"

    def impor(self, dokumen: dict[str, Any], nama: str) -> HasilImpor:
        return rencana_aksi_impor(data=dokumen, sumber=nama, oleh=self.request.user)


class AnggaranUnggahView(_UnggahView):
    buku = excel.BUKU_ANGGARAN
    halaman = "kinerja:anggaran"

    def impor(self, dokumen: dict[str, Any], nama: str) -> HasilImpor:
        return anggaran_impor(data=dokumen, sumber=nama, oleh=self.request.user)
