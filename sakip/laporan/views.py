"""LKjIP content pages: the sections by chapter, the section editor, the LHE follow-up (entry,
editing, Excel template and upload). Thin views over `selectors.konten_laporan` and `layanan`.

Permissions (docs/laporan.md): reading is LIHAT; every edit is UBAH_RENCANA — the report, like the
PK and the Renja, is a document the OPD operator prepares; the LHE follow-up is the OPD's own
account of what it did about the Inspektorat's recommendations, so it is written by the OPD too.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views import View

from sakip.akun.izin import Aksi, boleh
from sakip.akun.mixins import OpdViewMixin
from sakip.audit.layanan import KonflikVersi
from sakip.core.impor import ContohSel, ImporGagal, berkas_xlsx_periksa, nama_berkas

from . import layanan
from .bagian import BAGIAN_PER_KUNCI
from .excel import LEMBAR, rekomendasi_dari_excel, templat_rekomendasi
from .forms import LHEForm, NarasiForm, RekomendasiForm, UnggahForm
from .models import LHE, Laporan, Narasi, RekomendasiLHE
from .selectors import konten_laporan

MIMETYPE_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAKS_UKURAN = 5 * 1024 * 1024  # a follow-up table is a few kB


def _pasang_galat(form: Form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        for pesan in exc.messages:
            form.add_error(None, pesan)
        return
    for kunci, pesan in exc.message_dict.items():
        form.add_error(kunci if kunci in form.fields else None, pesan)


class _LaporanMixin(OpdViewMixin):
    template_name = ""

    @property
    def tahun(self) -> int:
        tahun = int(self.kwargs["tahun"])
        if not 2000 <= tahun <= 2100:
            raise Http404("Tahun laporan tidak dikenal")
        return tahun

    def tampil(self, **context: Any) -> HttpResponse:
        boleh_ubah = boleh(self.request.user, Aksi.UBAH_RENCANA, opd=self.opd)  # type: ignore[arg-type]
        return render(self.request, self.template_name,
                      {"opd": self.opd, "tahun": self.tahun, "boleh_ubah": boleh_ubah, **context})

    def url_konten(self, jangkar: str = "") -> str:
        url = reverse("laporan:konten", args=[self.opd.slug, self.tahun])
        return url + (f"#{jangkar}" if jangkar else "")

    def url_lhe(self) -> str:
        return reverse("laporan:lhe", args=[self.opd.slug, self.tahun])


class DaftarView(OpdViewMixin, View):
    """The years with a report, plus this year and last year to start one."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        ada = {lap.tahun: lap for lap in Laporan.objects.filter(opd=self.opd)
               .annotate(jumlah_narasi=Count("narasi")).order_by("-tahun")}
        tahun_ini = timezone.localdate().year
        tahun = sorted({*ada, tahun_ini, tahun_ini - 1}, reverse=True)
        baris = [(t, ada.get(t)) for t in tahun]
        return render(request, "laporan/daftar.html", {"opd": self.opd, "baris": baris,
                                                       "jumlah_bagian": len(BAGIAN_PER_KUNCI)})


class KontenView(_LaporanMixin, View):
    template_name = "laporan/konten.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        konten = konten_laporan(opd=self.opd, tahun=self.tahun)
        terisi = sum(b.jumlah_terisi for b in konten.bab)
        return self.tampil(konten=konten, terisi=terisi, jumlah_bagian=len(BAGIAN_PER_KUNCI))


class NarasiUbahView(_LaporanMixin, View):
    permission = Aksi.UBAH_RENCANA
    template_name = "laporan/narasi_ubah.html"

    def bagian(self) -> Any:
        bagian = BAGIAN_PER_KUNCI.get(self.kwargs["kunci"])
        if bagian is None:
            raise Http404("Bagian narasi tidak dikenal")
        return bagian

    def narasi(self) -> Narasi | None:
        return Narasi.objects.filter(laporan__opd=self.opd, laporan__tahun=self.tahun,
                                     kunci=self.kwargs["kunci"]).first()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        bagian, narasi = self.bagian(), self.narasi()
        form = NarasiForm(initial={"teks": narasi.teks if narasi else "", "versi": narasi.versi if narasi else 0})
        return self.tampil(bagian=bagian, form=form, narasi=narasi)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        bagian = self.bagian()
        form = NarasiForm(request.POST)
        if form.is_valid():
            try:
                berubah = layanan.narasi_simpan(opd=self.opd, tahun=self.tahun, kunci=bagian.kunci,
                                                teks=form.cleaned_data["teks"], oleh=request.user,
                                                versi=form.cleaned_data["versi"])
            except KonflikVersi as exc:
                _pasang_galat(form, exc)
                narasi = self.narasi()
                # the user's text stays in the form; the hidden version moves to the current one so a
                # deliberate second save overwrites, and the current text is shown next to it
                data = form.data.copy()
                data["versi"] = str(narasi.versi if narasi else 0)
                form.data = data
                return self.tampil(bagian=bagian, form=form, narasi=narasi, terkini=narasi)
            except ValidationError as exc:
                _pasang_galat(form, exc)
            else:
                messages.success(request, f"{bagian.judul} disimpan." if berubah else "Tidak ada perubahan.")
                return redirect(self.url_konten(f"bagian-{bagian.kunci}"))
        return self.tampil(bagian=bagian, form=form, narasi=self.narasi())


class LHEView(_LaporanMixin, View):
    template_name = "laporan/lhe.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        konten = konten_laporan(opd=self.opd, tahun=self.tahun)
        return self.tampil(lhe=konten.lhe, narasi=konten.narasi("tindak_lanjut_lhe"), unggah=UnggahForm())


class LHEUbahView(_LaporanMixin, View):
    permission = Aksi.UBAH_RENCANA
    template_name = "laporan/lhe_ubah.html"

    def lhe(self) -> LHE | None:
        return LHE.objects.filter(laporan__opd=self.opd, laporan__tahun=self.tahun).first()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        lhe = self.lhe()
        awal: dict[str, Any] = {"versi": 0}
        if lhe is not None:
            awal = {k: getattr(lhe, k) for k in layanan.KOLOM_LHE} | {"versi": lhe.versi}
            awal["nilai"] = "" if lhe.nilai is None else format(lhe.nilai, "f").replace(".", ",")
        return self.tampil(form=LHEForm(initial=awal), lhe=lhe)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = LHEForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                berubah = layanan.lhe_simpan(
                    opd=self.opd, tahun=self.tahun, oleh=request.user, versi=d["versi"], nomor=d["nomor"],
                    tanggal=d["tanggal"], perihal=d["perihal"], dari=d["dari"], tahun_evaluasi=d["tahun_evaluasi"],
                    predikat=d["predikat"], interpretasi=d["interpretasi"], nilai=d["nilai"])
            except ValidationError as exc:
                _pasang_galat(form, exc)
            else:
                messages.success(request, "Data LHE disimpan." if berubah else "Tidak ada perubahan.")
                return redirect(self.url_lhe())
        return self.tampil(form=form, lhe=self.lhe())


class RekomendasiView(_LaporanMixin, View):
    """Add (no pk) or edit one recommendation and its follow-up."""

    permission = Aksi.UBAH_RENCANA
    template_name = "laporan/rekomendasi_ubah.html"

    def rekomendasi(self) -> RekomendasiLHE | None:
        if "pk" not in self.kwargs:
            return None
        rek = RekomendasiLHE.objects.filter(lhe__laporan__opd=self.opd, lhe__laporan__tahun=self.tahun,
                                            pk=self.kwargs["pk"]).first()
        if rek is None:
            raise Http404("Rekomendasi tidak ada")
        return rek

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        rek = self.rekomendasi()
        awal: dict[str, Any] = {"versi": 0}
        if rek is not None:
            awal = {k: getattr(rek, k) for k in layanan.KOLOM_REKOMENDASI} | {"versi": rek.versi}
            awal["bukti"] = "\n".join(rek.bukti)
        return self.tampil(form=RekomendasiForm(initial=awal), rek=rek)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        rek = self.rekomendasi()
        form = RekomendasiForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                layanan.rekomendasi_simpan(
                    opd=self.opd, tahun=self.tahun, oleh=request.user, pk=rek.pk if rek else None,
                    versi=d["versi"], uraian=d["uraian"], uraian_lhe=d["uraian_lhe"],
                    tindak_lanjut=d["tindak_lanjut"], target=d["target"], bulan=d["bulan"], status=d["status"],
                    tw=[d["tw1"], d["tw2"], d["tw3"], d["tw4"]], bukti=layanan.bukti_dari_teks(d["bukti"]),
                    bukti_uraian=d["bukti_uraian"])
            except ValidationError as exc:
                _pasang_galat(form, exc)
            else:
                messages.success(request, "Rekomendasi disimpan.")
                return redirect(self.url_lhe())
        return self.tampil(form=form, rek=rek)


class RekomendasiHapusView(_LaporanMixin, View):
    permission = Aksi.UBAH_RENCANA
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            layanan.rekomendasi_hapus(opd=self.opd, tahun=self.tahun, oleh=request.user, pk=self.kwargs["pk"],
                                      versi=request.POST.get("versi"))
        except RekomendasiLHE.DoesNotExist as exc:
            raise Http404("Rekomendasi tidak ada") from exc
        except KonflikVersi as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, "Rekomendasi dihapus.")
        return redirect(self.url_lhe())


class TemplatLHEView(_LaporanMixin, View):
    """The follow-up table as .xlsx: the current rows, or an empty template."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        konten = konten_laporan(opd=self.opd, tahun=self.tahun)
        response = HttpResponse(templat_rekomendasi(konten.lhe), content_type=MIMETYPE_XLSX)
        nama = f"tindak-lanjut-lhe-{self.opd.slug}-{self.tahun}.xlsx"
        response["Content-Disposition"] = content_disposition_header(True, nama)
        return response


class UnggahLHEView(_LaporanMixin, View):
    """POST `berkas` (.xlsx) → replace every recommendation; or list every located error."""

    permission = Aksi.UBAH_RENCANA
    http_method_names = ["post"]
    template_name = "web/unggah_galat.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        berkas = request.FILES.get("berkas")
        nama = nama_berkas(berkas)
        try:
            baris = rekomendasi_dari_excel(berkas_xlsx_periksa(berkas, maks_ukuran=MAKS_UKURAN), sumber=nama)
        except ImporGagal as exc:
            return self.tampil(berkas=nama, kesalahan=exc.kesalahan, kembali=self.url_lhe(),
                               judul="tindak lanjut LHE", contoh=ContohSel(LEMBAR, "H", 4, petunjuk=False),
                               remah="laporan/_remah.html", akhir="Impor gagal", lhe_induk=True)
        n = layanan.rekomendasi_ganti(opd=self.opd, tahun=self.tahun, oleh=request.user, baris=baris, sumber=nama)
        messages.success(request, f"Tindak lanjut LHE diimpor dari {nama}: {n} rekomendasi.")
        return redirect(self.url_lhe())
