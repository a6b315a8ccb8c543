"""Realisation entry: the grid of an OPD-quarter, saving one indicator row (htmx), evidence.

Views are thin: they parse what was typed (Indonesian numbers through `engine.angka`), call
`layanan.realisasi_simpan` / `bukti_tambah` / `bukti_hapus`, and render the row again from the
selector `isian.isian_opd_triwulan`. A refused save (bad number, locked quarter, stale form)
re-renders the row with the user's typed input and the message; nothing stored is lost.
On TW IV a row also carries the year's value given directly (triwulan 0), saved with the quarter
in one transaction (`simpan_baris`; docs/algorithms/realisasi.md §9).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from sakip.akun.izin import Aksi, boleh
from sakip.akun.mixins import OpdViewMixin
from sakip.akun.models import User
from sakip.alur.layanan import ROMAWI, keterlambatan, nama_triwulan, pesan_terkunci
from sakip.alur.models import STATUS_TERBUKA
from sakip.audit.layanan import KonflikVersi
from sakip.engine.angka import AngkaTidakValid, format_angka, parse_angka
from sakip.perencanaan.models import Indikator, Renstra
from sakip.perencanaan.target import SKALA_KUALITATIF

from . import layanan
from .hitung import TAHUNAN, rapikan
from .isian import BarisIsian, HalamanIsian, isian_opd_triwulan
from .models import Bukti, JenisBukti, Narasi, Realisasi

BAGIAN_NARASI = ("pendukung", "penghambat", "upaya")


def teks_masukan(nilai: Decimal | None) -> str:
    """A stored value as an operator would type it back (all its digits, Indonesian notation)."""
    return "" if nilai is None else format_angka(nilai, None)


def _kunci_awal(nilai: Decimal | None) -> str:
    return "" if nilai is None else format(nilai, "f")


@dataclass
class Bidang:
    nama: str
    label: str
    nilai: str
    galat: str = ""
    bantuan: str = ""
    # The stored value the form showed: a data element's (plain decimal, for the conflict check),
    # the year value's (as shown, so an untouched field is not saved).
    awal: str | None = None
    pilihan: tuple[str, ...] = ()  # a qualitative scale's labels: a <select> instead of a text input
    jenis: str = "angka"  # "angka" (Indonesian number) or "label"
    kelas: str = ""  # "cadangan": a formula's fallback value; "tahunan": the year's value


@dataclass
class FormBaris:
    """One indicator row as a form: stored values, or what the user typed when a save failed."""

    baris: BarisIsian
    bidang: list[Bidang]
    narasi: list[Bidang]
    versi: int
    galat: list[str]
    konflik: bool = False
    berhasil: str = ""
    alasan: str = ""
    galat_alasan: str = ""
    # TW IV only: the year's value given directly (Realisasi triwulan 0) and its own version.
    tahunan: Bidang | None = None
    versi_tahun: int = 0
    dari_triwulan: str = ""  # the year as the quarters give it, shown beside a year value

    @property
    def ada_galat(self) -> bool:
        semua = [*self.bidang, *self.narasi, *([self.tahunan] if self.tahunan else [])]
        return bool(self.galat or self.galat_alasan or any(d.galat for d in semua))


def _bidang_langsung(b: BarisIsian, nama: str, label: str, tersimpan: Realisasi | None, teks: str | None,
                     galat: str, *, dengan_awal: bool = False, **lain: Any) -> Bidang:
    """A direct value (number, or label for a qualitative indicator) as a form field;
    `dengan_awal`: it carries the text it showed (`awal`), so a save can tell whether it changed."""
    ind = b.indikator
    if b.cara == "label":
        nilai = tersimpan.label if tersimpan else ""
        # Shown as the scale spells it, so the choice list selects a label stored as "wtp" too
        # (an unselected list would post "" and clear it).
        skala = SKALA_KUALITATIF.get(ind.skala_kualitatif)
        nilai = (skala.baku(nilai) if skala is not None and nilai else None) or nilai
        return Bidang(nama, f"{label} (label)", nilai if teks is None else teks, galat,
                      pilihan=b.label_skala, jenis="label", awal=nilai if dengan_awal else None, **lain)
    angka = rapikan(tersimpan.nilai, ind.desimal) if tersimpan else None
    satuan = f" ({ind.satuan})" if ind.satuan else ""
    tampil = teks_masukan(angka)
    return Bidang(nama, label + satuan, tampil if teks is None else teks, galat,
                  awal=tampil if dengan_awal else None, **lain)


def _cadangan_dipakai(b: BarisIsian, triwulan: int) -> bool:
    # The engine writes "TW II: nilai langsung 5,5 (data rumus belum diisi)" in the quarter's
    # jejak when it used the direct value instead of the formula (docs/algorithms/realisasi.md §2).
    return bool(b.hasil and f"TW {ROMAWI[triwulan]}: nilai langsung" in b.hasil.jejak)


def form_baris(
    b: BarisIsian, halaman: HalamanIsian, ketik: dict[str, str] | None = None, galat: dict[str, str] | None = None
) -> FormBaris:
    ketik, galat = ketik or {}, galat or {}
    triwulan = halaman.triwulan

    def isi(nama: str, tersimpan: str) -> str:
        return ketik[nama] if nama in ketik else tersimpan

    bidang: list[Bidang] = []
    if b.cara in ("langsung", "label"):
        nama = "label" if b.cara == "label" else "nilai"
        bidang.append(_bidang_langsung(b, nama, "Realisasi", b.realisasi, ketik.get(nama), galat.get(nama, "")))
    else:
        for m in b.elemen:
            nama = f"data-{m.elemen.kode}"
            bantuan = f"tahun lalu {teks_masukan(m.lalu)}" if m.lalu is not None else ""
            bidang.append(Bidang(nama, m.elemen.nama or m.elemen.kode, isi(nama, teks_masukan(m.nilai)),
                                 galat.get(nama, ""), bantuan, _kunci_awal(m.nilai)))
        # The fallback the engine uses only when the formula gives nothing for the quarter.
        bantuan = "Dipakai hanya bila data rumus triwulan ini belum diisi."
        if b.realisasi and b.realisasi.nilai is not None and b.hasil:
            bantuan += (" Sekarang dipakai." if _cadangan_dipakai(b, triwulan)
                        else " Sekarang tidak dipakai: rumus sudah terhitung.")
        bidang.append(_bidang_langsung(b, "nilai", "Nilai langsung", b.realisasi, ketik.get("nilai"),
                                       galat.get("nilai", ""), bantuan=bantuan, kelas="cadangan"))
    narasi = [
        Bidang(bag, str(Narasi._meta.get_field(bag).verbose_name).capitalize(),
               isi(bag, getattr(b.narasi, bag) if b.narasi else ""), galat.get(bag, ""))
        for bag in BAGIAN_NARASI
    ]
    tahunan = None
    dari_triwulan = ""
    if triwulan == 4:
        tahunan = _bidang_langsung(
            b, "tahunan", "Nilai setahun",
            b.realisasi_tahun, ketik.get("tahunan"), galat.get("tahunan", ""), kelas="tahunan", dengan_awal=True,
            bantuan="Isi hanya bila sumber memberi angka setahun (mis. BPS); kosongkan agar dihitung dari TW I–IV.",
        )
        if b.ada_nilai_tahun and b.cara != "label" and b.hasil and b.hasil.realisasi_sd is not None:
            dari_triwulan = teks_masukan(rapikan(b.hasil.realisasi_sd, b.indikator.desimal))
    dikenal = {d.nama for d in [*bidang, *narasi]} | {"tahunan", "alasan"}
    umum = [v for k, v in galat.items() if k not in dikenal]  # "__all__", or a field this form lacks
    return FormBaris(b, bidang, narasi, b.versi, umum, alasan=ketik.get("alasan", ""),
                     galat_alasan=galat.get("alasan", ""), tahunan=tahunan, versi_tahun=b.versi_tahun,
                     dari_triwulan=dari_triwulan)


def _angka_masukan(teks: str) -> Decimal | None:
    teks = teks.strip()
    return None if teks == "" else parse_angka(teks)


def baca_form(
    post: Any, b: BarisIsian, triwulan: int
) -> tuple[dict[str, Any], dict[str, Any] | None, dict[str, str], dict[str, str]]:
    """(arguments for realisasi_simpan of the quarter, and of the year's value when the form
    carries one (TW IV), typed text, per-field errors)."""
    ketik = {k: post.get(k, "") for k in post if k != "csrfmiddlewaretoken"}
    galat: dict[str, str] = {}

    def angka(nama: str) -> Decimal | None:
        try:
            return _angka_masukan(post[nama])
        except AngkaTidakValid as exc:
            galat[nama] = str(exc)
            return None

    arg: dict[str, Any] = {"versi": post.get("versi", ""), "alasan": post.get("alasan", "")}
    if b.cara == "label":
        if "label" in post:
            arg["label"] = post["label"].strip()
    elif "nilai" in post:  # a direct value, or a formula indicator's fallback
        arg["nilai"] = angka("nilai")
    if b.cara == "rumus":
        data: dict[str, Decimal | None] = {}
        awal: dict[str, Decimal | None] = {}
        for m in b.elemen:
            nama = f"data-{m.elemen.kode}"
            if nama not in post:
                continue
            data[m.elemen.kode] = angka(nama)
            teks_awal = post.get(f"awal-{m.elemen.kode}", "")
            awal[m.elemen.kode] = Decimal(teks_awal) if teks_awal else None
        arg["data"], arg["data_awal"] = data, awal
    if any(bag in post for bag in BAGIAN_NARASI):
        arg["narasi"] = {bag: post.get(bag, "") for bag in BAGIAN_NARASI}
    arg_tahun: dict[str, Any] | None = None
    # The year's value is saved only when its field changed from what the form showed: a save of
    # the quarter alone must never touch (or clear) a year value the operator did not edit.
    if triwulan == 4 and "tahunan" in post and post["tahunan"].strip() != post.get("awal-tahunan", "").strip():
        arg_tahun = {"versi": post.get("versi-tahunan", ""), "alasan": arg["alasan"]}
        if b.cara == "label":
            arg_tahun["label"] = post["tahunan"].strip()
        else:
            arg_tahun["nilai"] = angka("tahunan")
    return arg, arg_tahun, ketik, galat


def _galat_dari(exc: ValidationError) -> dict[str, str]:
    if hasattr(exc, "error_dict"):
        return {k: " ".join(v) for k, v in exc.message_dict.items()}
    return {"__all__": " ".join(exc.messages)}


@transaction.atomic
def simpan_baris(*, indikator: Indikator, tahun: int, triwulan: int, oleh: User,
                 arg: dict[str, Any], arg_tahun: dict[str, Any] | None) -> None:
    """The quarter, then (TW IV) the year's value: two `realisasi_simpan` calls, each with its own
    version row, in one transaction, so a refused year value (stale form, bad label) leaves the
    quarter unsaved too: the operator pressed one button."""
    layanan.realisasi_simpan(indikator=indikator, tahun=tahun, triwulan=triwulan, oleh=oleh, **arg)
    if arg_tahun is None:
        return
    try:
        layanan.realisasi_simpan(indikator=indikator, tahun=tahun, triwulan=TAHUNAN, oleh=oleh, **arg_tahun)
    except KonflikVersi as exc:
        raise KonflikVersi(f"Realisasi tahunan: {' '.join(exc.messages)}", code="konflik_versi") from exc
    except ValidationError as exc:
        if hasattr(exc, "error_dict") or getattr(exc, "code", None) == "terkunci":
            raise
        raise ValidationError({"tahunan": exc.messages}) from exc


# ------------------------------------------------------------------------------------ pages


def triwulan_laporan(hari_ini: Any) -> tuple[int, int]:
    """The quarter being reported now: the last one that ended (January–March: last year's TW IV)."""
    if hari_ini.month <= 3:
        return hari_ini.year - 1, 4
    return hari_ini.year, (hari_ini.month - 1) // 3


class _RealisasiMixin(OpdViewMixin):
    def periode(self) -> tuple[int, int]:
        tahun, tw = int(self.kwargs["tahun"]), int(self.kwargs["triwulan"])
        if tw not in (1, 2, 3, 4) or not 2000 <= tahun <= 2100:
            raise Http404("Triwulan tidak dikenal")
        return tahun, tw

    def boleh_isi(self, halaman: HalamanIsian) -> bool:
        terbuka = halaman.status is None or halaman.status.status in STATUS_TERBUKA
        return terbuka and boleh(self.request.user, Aksi.ISI_REALISASI, opd=self.opd)  # type: ignore[arg-type]

    def url_isian(self, tahun: int, tw: int) -> str:
        return reverse("pengukuran:isian", args=[self.opd.slug, tahun, tw])


class IndeksView(_RealisasiMixin, View):
    """/realisasi/ → the quarter being reported now, within the years the OPD's plans cover."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        tahun, tw = triwulan_laporan(timezone.localdate())
        ada = sorted({t for a, b in Renstra.objects.filter(opd=self.opd).values_list("tahun_awal", "tahun_akhir")
                      for t in range(a, b + 1)})
        if ada and tahun not in ada:
            sebelum = [t for t in ada if t < tahun]
            tahun, tw = (sebelum[-1], 4) if sebelum else (ada[0], 1)
        return redirect(self.url_isian(tahun, tw))


class IsianView(_RealisasiMixin, TemplateView):
    template_name = "pengukuran/isian.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        tahun, tw = self.periode()
        halaman = isian_opd_triwulan(opd=self.opd, tahun=tahun, triwulan=tw)
        boleh_isi = self.boleh_isi(halaman)
        tahun_renstra = list(halaman.renstra.tahun) if halaman.renstra else []
        context.update(
            halaman=halaman,
            forms=[(k, [form_baris(b, halaman) for b in k.baris]) for k in halaman.kelompok],
            boleh_isi=boleh_isi,
            boleh_isi_peran=boleh(self.request.user, Aksi.ISI_REALISASI, opd=self.opd),  # type: ignore[arg-type]
            pesan_kunci=pesan_terkunci(halaman.status) if halaman.status and not halaman.status.terbuka else "",
            perlu_alasan=bool(halaman.status and halaman.status.pernah_diajukan),
            terlambat=keterlambatan(halaman.status, halaman.jendela, timezone.localdate()),
            tahun=tahun, triwulan=tw, nama_tw=nama_triwulan(tahun, tw),
            pilihan_tahun=sorted(set(tahun_renstra) | {tahun}),
            pilihan_tw=[(i, nama_triwulan(tahun, i).split(" ")[1]) for i in (1, 2, 3, 4)],
        )
        return context


class _BarisMixin(_RealisasiMixin):
    permission = Aksi.ISI_REALISASI

    def indikator(self) -> Indikator:
        return get_object_or_404(Indikator.objects.filter(renstra__opd=self.opd), pk=self.kwargs["indikator"])

    def halaman(self, ind: Indikator) -> HalamanIsian:
        tahun, tw = self.periode()
        halaman = isian_opd_triwulan(opd=self.opd, tahun=tahun, triwulan=tw, indikator_ids=[ind.pk])
        if not halaman.baris:
            raise Http404("Indikator ini bukan bagian dari Renstra tahun tersebut")
        return halaman

    def tampil(self, halaman: HalamanIsian, form: FormBaris, *, oob: bool = False) -> HttpResponse:
        if not self.request.headers.get("HX-Request"):
            # Without JavaScript: back to the page (the message says what happened).
            if form.ada_galat:
                umum = form.galat or ([form.galat_alasan] if form.galat_alasan else [])
                for g in umum or ["Isian belum disimpan: periksa kembali angka yang diketik."]:
                    messages.error(self.request, g)
            elif form.berhasil:
                messages.success(self.request, form.berhasil)
            return redirect(self.url_isian(halaman.tahun, halaman.triwulan) + f"#ind-{form.baris.indikator.pk}")
        return render(self.request, "pengukuran/_baris.html", {
            "f": form, "halaman": halaman, "opd": self.opd, "boleh_isi": self.boleh_isi(halaman),
            "perlu_alasan": bool(halaman.status and halaman.status.pernah_diajukan), "oob": oob,
        })


class SimpanBarisView(_BarisMixin, View):
    """POST one indicator row (htmx): save, then return the row with its new capaian and colour,
    plus the sasaran and OPD roll-ups out of band."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        ind = self.indikator()
        halaman = self.halaman(ind)
        b, tw = halaman.baris[0], halaman.triwulan
        arg, arg_tahun, ketik, galat = baca_form(request.POST, b, tw)
        if galat:
            return self.tampil(halaman, form_baris(b, halaman, ketik, galat))
        try:
            simpan_baris(indikator=ind, tahun=halaman.tahun, triwulan=tw, oleh=request.user,  # type: ignore[arg-type]
                         arg=arg, arg_tahun=arg_tahun)
        except KonflikVersi as exc:
            # Show the stored values beside the user's own, and the current version: saving again
            # is then a deliberate overwrite.
            baru = self.halaman(ind)
            form = form_baris(baru.baris[0], baru, ketik, {"__all__": " ".join(exc.messages)})
            form.konflik = True
            return self.tampil(baru, form)
        except ValidationError as exc:
            return self.tampil(halaman, form_baris(b, halaman, ketik, _galat_dari(exc)))
        baru = self.halaman(ind)
        form = form_baris(baru.baris[0], baru)
        form.berhasil = "Tersimpan."
        return self.tampil(baru, form, oob=True)


class BuktiTambahView(_BarisMixin, View):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        ind = self.indikator()
        halaman = self.halaman(ind)
        berkas = request.FILES.get("berkas")
        url = request.POST.get("url", "").strip()
        try:
            layanan.bukti_tambah(
                indikator=ind, tahun=halaman.tahun, triwulan=halaman.triwulan,
                jenis=JenisBukti.DOKUMEN if berkas or not url else JenisBukti.TAUTAN,
                url=url, berkas=berkas, keterangan=request.POST.get("keterangan", ""),
                alasan=request.POST.get("alasan", ""), oleh=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            form = form_baris(halaman.baris[0], halaman)
            form.galat = [f"Bukti belum ditambahkan: {' '.join(exc.messages)}"]
            return self.tampil(halaman, form)
        baru = self.halaman(ind)
        form = form_baris(baru.baris[0], baru)
        form.berhasil = "Bukti ditambahkan."
        return self.tampil(baru, form)


class _BuktiMixin(_RealisasiMixin):
    def bukti(self) -> Bukti:
        return get_object_or_404(Bukti.objects.filter(opd=self.opd).select_related("indikator"), pk=self.kwargs["pk"])


class BuktiHapusView(_BuktiMixin, _BarisMixin, View):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        bukti = self.bukti()
        self.kwargs.update(tahun=bukti.tahun, triwulan=bukti.triwulan, indikator=bukti.indikator_id)
        try:
            layanan.bukti_hapus(bukti=bukti, oleh=request.user, alasan=request.POST.get("alasan", ""))  # type: ignore[arg-type]
        except ValidationError as exc:
            halaman = self.halaman(bukti.indikator)
            form = form_baris(halaman.baris[0], halaman)
            form.galat = [f"Bukti belum dihapus: {' '.join(exc.messages)}"]
            return self.tampil(halaman, form)
        halaman = self.halaman(bukti.indikator)
        form = form_baris(halaman.baris[0], halaman)
        form.berhasil = "Bukti dihapus."
        return self.tampil(halaman, form)


class BuktiUnduhView(_BuktiMixin, View):
    """Evidence is served through this permission-checked view, never from MEDIA_URL."""

    permission = Aksi.UNDUH_DOKUMEN

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        bukti = self.bukti()
        if bukti.berkas:
            nama = bukti.berkas.name.rsplit("/", 1)[-1]
            return FileResponse(bukti.berkas.open("rb"), as_attachment=True, filename=nama)
        if bukti.url:
            return redirect(bukti.url)
        raise Http404("Bukti ini belum memiliki berkas")
