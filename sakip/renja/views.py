"""Renja pages, mounted at /opd/<opd>/renja/: the Renja of a year, the Permendagri 86/2017
evaluation table up to a quarter, the quarterly entry form, downloads, and the Excel form.

Thin: choose the year (and quarter), call a selector or the service, render. Every number is
computed by `evaluasi.py` / `pagu.py` and formatted for the screen by `keluaran.py`, exactly as in
the documents. Permission is declared per view and checked by `OpdViewMixin`.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import TemplateView

from sakip.akun.izin import Aksi, aksi_diizinkan
from sakip.akun.mixins import OpdViewMixin
from sakip.core.impor import ContohSel, ImporGagal, berkas_xlsx_periksa, nama_berkas
from sakip.engine.capaian import Polaritas
from sakip.engine.skala import Band

from .dokumen import MIME_DOCX, evaluasi_docx, renja_docx
from .evaluasi import BarisHasil, RingkasanProgram, TabelEvaluasi
from .excel import dokumen_ke_workbook, renja_dokumen
from .excel_evaluasi import MIMETYPE, isian_impor, templat_isian
from .keluaran import (
    KOLOM_KRP,
    PERSEN,
    judul,
    krp_kolom,
    tabel_xlsx,
    teks_angka,
    teks_k,
    teks_masukan,
    urutan_tampil,
)
from .layanan import (
    KOLOM_AWAL,
    KOLOM_TARGET_K,
    ROMAWI,
    UMUM,
    IsianBaris,
    IsianTidakValid,
    baris_beruang,
    evaluasi_renja_isi,
    evaluasi_renja_siapkan,
)
from .models import BarisRenja, EvaluasiRenja
from .selectors import (
    baris_renja_tanpa_evaluasi,
    evaluasi_renja_opd,
    tabel_evaluasi,
    tabel_renja,
    tahun_renja_dan_evaluasi,
)


class _RenjaMixin(OpdViewMixin):
    model_tahun: type[BarisRenja] | type[EvaluasiRenja] = BarisRenja

    def aksi(self) -> set[str]:
        if not hasattr(self, "_aksi"):
            self._aksi = {a.value for a in aksi_diizinkan(self.request.user, opd=self.opd)}  # type: ignore[arg-type]
        return self._aksi

    def daftar_tahun(self) -> list[int]:
        tahun = self.model_tahun.objects.filter(opd=self.opd).order_by().values_list("tahun", flat=True)
        return sorted(set(tahun), reverse=True)

    def pilih_tahun(self, daftar: list[int]) -> int | None:
        """`?tahun=N` (404 when the OPD has no data that year), else the latest year with data."""
        teks = self.request.GET.get("tahun") or self.request.POST.get("tahun") or ""
        if teks:
            if not teks.isdigit() or int(teks) not in daftar:
                raise Http404("Tidak ada data tahun itu")
            return int(teks)
        return daftar[0] if daftar else None

    def tahun_wajib(self) -> int:
        """The chosen year, for pages that need data (downloads, forms): 404 without any."""
        tahun = self.pilih_tahun(self.daftar_tahun())
        if tahun is None:
            raise Http404("OPD ini belum mempunyai data Renja / evaluasi Renja")
        return tahun

    def pilih_tw(self) -> int:
        teks = self.request.GET.get("tw") or self.request.POST.get("tw") or "4"
        return int(teks) if teks in ("1", "2", "3", "4") else 4

    def konteks_dasar(self) -> dict[str, Any]:
        return {"opd": self.opd, "aksi": self.aksi(), "romawi": ROMAWI,
                "boleh_isi": Aksi.ISI_REALISASI.value in self.aksi()}


# ------------------------------------------------------------------------------------ the Renja


class RenjaView(_RenjaMixin, TemplateView):
    template_name = "renja/renja.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        daftar = self.daftar_tahun()
        tahun = self.pilih_tahun(daftar)
        context.update(self.konteks_dasar(), daftar_tahun=daftar, tahun=tahun)
        if tahun is not None:
            tabel = tabel_renja(opd=self.opd, tahun=tahun)
            no = 0
            baris = []
            for b in tabel.baris:
                no += b.pertama
                baris.append({"no": no, "b": b, "m": b.masukan,
                              "pagu": teks_angka(b.pagu_indikatif) if b.pertama else "",
                              "pm_pagu": teks_angka(b.prakiraan_maju_pagu) if b.pertama else ""})
            context.update(baris=baris, total=teks_angka(tabel.total_pagu_indikatif),
                           total_pm=teks_angka(tabel.total_prakiraan_maju_pagu))
        return context


class RenjaUnduhView(_RenjaMixin, View):
    """`?tahun=N&format=docx` → the Bab IV table (Word); `format=xlsx` → the Renja rows workbook
    (the lossless one `sakip import-renja` reads back)."""

    permission = Aksi.UNDUH_DOKUMEN

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        tahun = self.tahun_wajib()
        if request.GET.get("format") == "xlsx":
            isi, mime, akhiran = dokumen_ke_workbook(renja_dokumen(opd=self.opd, tahun=tahun)), MIMETYPE, "xlsx"
        else:
            teks = f"Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun {tahun} — {self.opd.nama}"
            isi, mime, akhiran = renja_docx(tabel_renja(opd=self.opd, tahun=tahun), judul_tabel=teks), MIME_DOCX, "docx"
        return _unduhan(isi, mime, f"renja-{self.opd.slug}-{tahun}.{akhiran}")


def _unduhan(isi: bytes, mime: str, nama: str) -> HttpResponse:
    response = HttpResponse(isi, content_type=mime)
    response["Content-Disposition"] = content_disposition_header(True, nama)
    return response


# ------------------------------------------------------------------------- the evaluation table


@dataclass
class Sel:
    teks: str
    kelas: str = ""
    judul: str = ""  # tooltip: the worked computation of a capaian


@dataclass
class BarisTampil:
    jenis: str  # baris | rata | predikat | total
    kelas: str = ""
    no: str = ""
    kode: str = ""
    uraian: str = ""
    indikator: str = ""
    sel: list[Sel] = field(default_factory=list)
    teks_akhir: list[str] = field(default_factory=list)  # faktor pendorong, penghambat, tindak lanjut


def _warna(band: Band | None) -> str:
    return f"band-{band.kode.lower()}" if band else ""


def kolom_tampil(sampai_tw: int) -> list[tuple[str, str, str]]:
    """The K/Rp columns shown: quarters after `sampai_tw` are left out (they are empty)."""
    return [k for k in KOLOM_KRP if not (k[2].startswith("tw") and int(k[2][2]) > sampai_tw)]


def baris_tampil(tabel: TabelEvaluasi) -> list[BarisTampil]:
    kolom = kolom_tampil(tabel.sampai_tw)
    i_13 = [a for _, _, a in kolom].index("capaian")
    hasil: list[BarisTampil] = []
    no = 0
    for item in urutan_tampil(tabel):
        if isinstance(item, BarisHasil):
            m = item.masukan
            no += item.pertama
            sel = []
            for _, _, atribut in kolom:
                nilai = krp_kolom(item, atribut)
                jejak = {"capaian": item.jejak_k, "capaian_renstra": item.jejak_renstra_k}.get(atribut, "")
                sel.append(Sel(teks_k(item, atribut), "k", jejak))
                sel.append(Sel(teks_angka(nilai.rp, atribut in PERSEN), "rp"))
            hasil.append(BarisTampil(
                "baris", f"jenis-{m.jenis}" + (" lanjutan" if not item.pertama else ""),
                str(no) if item.pertama else "", m.kode if item.pertama else "",
                m.uraian if item.pertama else "", m.nama_indikator, sel,
                [m.faktor_pendukung, m.faktor_penghambat, m.tindak_lanjut]))
        elif isinstance(item, RingkasanProgram):
            rata = [Sel("") for _ in range(2 * len(kolom))]
            rata[2 * i_13] = Sel(teks_angka(item.rata_rata_k, True), "k " + _warna(item.predikat))
            rata[2 * i_13 + 1] = Sel(teks_angka(item.rata_rata_rp, True), "rp " + _warna(item.predikat_rp))
            hasil.append(BarisTampil("rata", "ringkasan", uraian="Rata-rata Capaian Kinerja (%)", sel=rata))
            pred = [Sel("") for _ in range(2 * len(kolom))]
            pred[2 * i_13] = Sel(item.predikat.kode if item.predikat else "-", "k " + _warna(item.predikat),
                                 item.predikat.label if item.predikat else "")
            pred[2 * i_13 + 1] = Sel(item.predikat_rp.kode if item.predikat_rp else "-",
                                     "rp " + _warna(item.predikat_rp),
                                     item.predikat_rp.label if item.predikat_rp else "")
            hasil.append(BarisTampil("predikat", "ringkasan", uraian="Predikat Kinerja", sel=pred))
        else:
            nilai = {"target_renstra": item.target_renstra_rp, "realisasi_lalu": item.realisasi_lalu_rp,
                     "target_renja": item.target_renja_rp, "realisasi": item.realisasi_rp,
                     "capaian": item.capaian_rp, "realisasi_renstra": item.realisasi_renstra_rp,
                     "capaian_renstra": item.capaian_renstra_rp}
            sel = []
            for _, _, atribut in kolom:
                sel.append(Sel(teks_angka(item.rata_rata_k, True) if atribut == "capaian" else "", "k"))
                sel.append(Sel(teks_angka(nilai[atribut], atribut in PERSEN) if atribut in nilai else "", "rp"))
            hasil.append(BarisTampil("total", "jumlah", uraian="Jumlah", sel=sel))
    return hasil


class EvaluasiView(_RenjaMixin, TemplateView):
    """The evaluation table of a year. Years with a Renja but no evaluation rows are listed too:
    their page offers to prepare the table from the Renja (`SiapkanView`)."""

    template_name = "renja/evaluasi.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        tahun_renja, tahun_evaluasi = tahun_renja_dan_evaluasi(opd=self.opd)
        daftar = sorted(tahun_renja | tahun_evaluasi, reverse=True)
        tahun = self.pilih_tahun(daftar)
        if tahun is not None and "tahun" not in self.request.GET and tahun_evaluasi:
            tahun = max(tahun_evaluasi)  # by default the latest year that has a table to show
        tw = self.pilih_tw()
        ada_evaluasi = tahun in tahun_evaluasi
        boleh_isi = Aksi.ISI_REALISASI.value in self.aksi()
        context.update(self.konteks_dasar(), daftar_tahun=daftar, tahun=tahun, tw=tw, ada_evaluasi=ada_evaluasi,
                       # Only who may prepare the table needs the count (one query, on a year with a Renja).
                       belum_dievaluasi=(baris_renja_tanpa_evaluasi(opd=self.opd, tahun=tahun).count()
                                         if boleh_isi and tahun in tahun_renja else 0))
        if ada_evaluasi:
            tabel = tabel_evaluasi(opd=self.opd, tahun=tahun, sampai_tw=tw)  # type: ignore[arg-type]
            context.update(
                judul_tabel=judul(nama_opd=self.opd.nama, tahun=tahun, sampai_tw=tw),  # type: ignore[arg-type]
                kolom=kolom_tampil(tw), baris=baris_tampil(tabel), total=tabel.total,
                ada_tahunan=any(b.masukan.hanya_tahunan for b in tabel.baris),
            )
        return context


class SiapkanView(_RenjaMixin, View):
    """POST `tahun`: create the evaluation rows the year's Renja lines lack (`evaluasi_renja_siapkan`)."""

    permission = Aksi.ISI_REALISASI
    model_tahun = BarisRenja
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        tahun = self.tahun_wajib()
        try:
            hasil = evaluasi_renja_siapkan(opd=self.opd, tahun=tahun, oleh=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if hasil.dibuat:
                messages.success(request, f"Tabel evaluasi Renja {tahun} disiapkan dari Renja {tahun}: "
                                          f"{hasil.ringkasan()}. Isi realisasi triwulan dan faktor-faktornya.")
                for nama in hasil.target_kosong[:5]:
                    messages.warning(request, f"Target Renja bukan angka, kolom 7 K dibiarkan kosong: {nama}.")
            else:
                messages.info(request, f"Semua baris Renja {tahun} sudah ada di tabel evaluasi; tidak ada yang dibuat.")
        return redirect(reverse("renja:evaluasi", args=[self.opd.slug]) + f"?tahun={tahun}")


class EvaluasiUnduhView(_RenjaMixin, View):
    """`?tahun=N&tw=K&format=xlsx|docx`: the evaluation table (the `sakip renja-eval` builders)."""

    permission = Aksi.UNDUH_DOKUMEN
    model_tahun = EvaluasiRenja

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        tahun = self.tahun_wajib()
        tw = self.pilih_tw()
        tabel = tabel_evaluasi(opd=self.opd, tahun=tahun, sampai_tw=tw)
        teks = judul(nama_opd=self.opd.nama, tahun=tahun, sampai_tw=tw)
        nama = f"evaluasi-renja-{self.opd.slug}-{tahun}-tw{tw}"
        if request.GET.get("format") == "docx":
            return _unduhan(evaluasi_docx(tabel, judul_tabel=teks), MIME_DOCX, f"{nama}.docx")
        return _unduhan(tabel_xlsx(tabel, judul_tabel=teks), MIMETYPE, f"{nama}.xlsx")


# ------------------------------------------------------------------------------ the entry form


@dataclass
class SelAwal:
    """One input of columns 5–7 in the row's folded section."""

    kolom: str  # the service's field name, also the input's name prefix
    label: str
    nilai: str | None  # None: a roll-up Rp, not entered on this row
    galat: list[str] = field(default_factory=list)


@dataclass
class BarisIsi:
    b: EvaluasiRenja
    k: str
    rp: str | None  # None: Rp not entered on this row (a roll-up, shown read-only)
    k_terkunci: bool  # TW I–III of a year-only row
    awal: list[SelAwal] = field(default_factory=list)
    galat: dict[str, list[str]] = field(default_factory=dict)

    @property
    def target(self) -> str:
        return self.b.target_renja_rentang or teks_angka(self.b.target_renja_k)

    @property
    def galat_awal(self) -> bool:
        return any(s.galat for s in self.awal)


# Columns 5–7 as the folded section names them (the form's column numbers).
LABEL_AWAL = {"target_renstra_k": "5 · Target Renstra akhir periode (K)", "target_renstra_rp": "5 · (Rp)",
              "realisasi_lalu_k": "6 · Realisasi s.d. tahun lalu (K)", "realisasi_lalu_rp": "6 · (Rp)",
              "target_renja_k": "7 · Target Renja (K)", "target_renja_rp": "7 · (Rp)"}


def _teks_masukan(nilai: Decimal | None) -> str:
    return teks_masukan(nilai)


def _awal_tersimpan(b: EvaluasiRenja, kolom: str) -> str:
    if kolom in KOLOM_TARGET_K and b.indikator.polaritas == Polaritas.RENTANG:
        return getattr(b, kolom.removesuffix("_k") + "_rentang") or teks_masukan(getattr(b, kolom))
    return teks_masukan(getattr(b, kolom))


def _sel_awal(b: EvaluasiRenja, beruang: bool, post: Any = None) -> list[SelAwal]:
    """The six inputs of columns 5–7: what was typed (`post`) or what is stored."""
    hasil = []
    for kolom in KOLOM_AWAL:
        if kolom.endswith("_rp") and not beruang:
            hasil.append(SelAwal(kolom, LABEL_AWAL[kolom], None))
            continue
        nama = f"{kolom}_{b.pk}"
        hasil.append(SelAwal(kolom, LABEL_AWAL[kolom],
                             post[nama] if post is not None and nama in post else _awal_tersimpan(b, kolom)))
    return hasil


class IsiView(_RenjaMixin, View):
    """Realisation of one quarter (K and Rp) for every row of the year, and columns 5–7 in a folded
    section per row, saved all or nothing by `evaluasi_renja_isi`."""

    permission = Aksi.ISI_REALISASI
    model_tahun = EvaluasiRenja
    template_name = "renja/isi.html"

    def siapkan(self) -> tuple[int, int, list[EvaluasiRenja], set[int]]:
        tahun = self.tahun_wajib()
        baris = list(evaluasi_renja_opd(opd=self.opd, tahun=tahun))
        return tahun, self.pilih_tw(), baris, baris_beruang(baris)

    def tampil(self, tahun: int, tw: int, baris: list[BarisIsi], galat_umum: list[str] | None = None) -> HttpResponse:
        context = {**self.konteks_dasar(), "tahun": tahun, "tw": tw, "baris": baris,
                   "galat_umum": galat_umum or [], "ada_galat": bool(galat_umum) or any(b.galat or b.galat_awal for b in baris)}
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        tahun, tw, semua, beruang = self.siapkan()
        baris = [BarisIsi(b, _teks_masukan(getattr(b, f"tw{tw}_k")),
                          _teks_masukan(getattr(b, f"tw{tw}_rp")) if b.pk in beruang else None,
                          b.hanya_tahunan and tw < 4, _sel_awal(b, b.pk in beruang)) for b in semua]
        return self.tampil(tahun, tw, baris)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        tahun, tw, semua, beruang = self.siapkan()
        isian, baris = [], []
        for b in semua:
            nilai = {}
            if f"k_{b.pk}" in request.POST:
                nilai[f"tw{tw}_k"] = request.POST[f"k_{b.pk}"]
            if f"rp_{b.pk}" in request.POST:
                nilai[f"tw{tw}_rp"] = request.POST[f"rp_{b.pk}"]
            for kolom in KOLOM_AWAL:
                if f"{kolom}_{b.pk}" in request.POST:
                    nilai[kolom] = request.POST[f"{kolom}_{b.pk}"]
            if nilai:
                isian.append(IsianBaris(b.pk, nilai, request.POST.get(f"versi_{b.pk}")))
            baris.append(BarisIsi(
                b, request.POST.get(f"k_{b.pk}", _teks_masukan(getattr(b, f"tw{tw}_k"))),
                request.POST.get(f"rp_{b.pk}", _teks_masukan(getattr(b, f"tw{tw}_rp")))
                if b.pk in beruang else None, b.hanya_tahunan and tw < 4, _sel_awal(b, b.pk in beruang, request.POST)))
        try:
            hasil = evaluasi_renja_isi(opd=self.opd, tahun=tahun, isian=isian, oleh=request.user)  # type: ignore[arg-type]
        except IsianTidakValid as exc:
            for item in baris:
                galat = exc.galat.get(item.b.pk, {})
                item.galat = {("" if k == UMUM else k[4:]): v for k, v in galat.items() if k not in KOLOM_AWAL}
                for sel in item.awal:
                    sel.galat = galat.get(sel.kolom, [])
            return self.tampil(tahun, tw, baris)
        messages.success(request, f"Isian TW {ROMAWI[tw - 1]} {tahun} disimpan: {hasil.ringkasan()}.")
        return redirect(reverse("renja:evaluasi", args=[self.opd.slug]) + f"?tahun={tahun}&tw={tw}")


# ------------------------------------------------------------------------------- the Excel form


class TemplatView(_RenjaMixin, View):
    """The evaluation inputs of a year as an Excel form, pre-filled with what is stored."""

    permission = Aksi.UNDUH_DOKUMEN
    model_tahun = EvaluasiRenja

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        tahun = self.tahun_wajib()
        return _unduhan(templat_isian(opd=self.opd, tahun=tahun), MIMETYPE,
                        f"isian-evaluasi-renja-{self.opd.slug}-{tahun}.xlsx")


class UnggahView(_RenjaMixin, View):
    """POST with `berkas` (.xlsx) → import all or nothing; the error page lists every cell."""

    permission = Aksi.ISI_REALISASI
    model_tahun = EvaluasiRenja
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        berkas: UploadedFile | None = request.FILES.get("berkas")
        nama = nama_berkas(berkas)
        kembali = reverse("renja:evaluasi", args=[self.opd.slug])
        tahun_teks = request.POST.get("tahun", "")
        try:
            _, tahun, hasil = isian_impor(isi=berkas_xlsx_periksa(berkas), sumber=nama,
                                          oleh=request.user, opd=self.opd,  # type: ignore[arg-type]
                                          tahun=int(tahun_teks) if tahun_teks.isdigit() else None)
        except ImporGagal as exc:
            if tahun_teks.isdigit():
                kembali += f"?tahun={tahun_teks}"
            context = {**self.konteks_dasar(), "berkas": nama, "kesalahan": exc.kesalahan, "kembali": kembali,
                       "tahun": tahun_teks, "judul": "isian evaluasi Renja",
                       "contoh": ContohSel("Isian", "K", 7), "tersembunyi": {"tahun": tahun_teks},
                       "remah": "renja/_remah.html", "akhir": "Impor isian", "induk": "Evaluasi Renja",
                       "induk_url": "renja:evaluasi"}
            return render(request, "web/unggah_galat.html", context)
        messages.success(request, f"Isian evaluasi Renja {tahun} diimpor dari {nama}: {hasil.ringkasan()}.")
        return redirect(f"{kembali}?tahun={tahun}")
