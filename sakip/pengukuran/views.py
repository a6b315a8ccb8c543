"""Realisation entry: the grid of an OPD-quarter, saving one indicator row (htmx), evidence.

Views are thin: they parse what was typed (Indonesian numbers through `engine.angka`), call
`layanan.realisasi_simpan` / `bukti_tambah` / `bukti_hapus`, and render the row again from the
selector `isian.isian_opd_triwulan`. A refused save (bad number, locked quarter, stale form)
re-renders the row with the user's typed input and the message; nothing stored is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from sakip.akun.izin import Aksi, boleh
from sakip.akun.mixins import OpdViewMixin
from sakip.alur.layanan import keterlambatan, nama_triwulan, pesan_terkunci
from sakip.alur.models import STATUS_TERBUKA
from sakip.audit.layanan import KonflikVersi
from sakip.engine.angka import AngkaTidakValid, format_angka, parse_angka
from sakip.perencanaan.models import Indikator, Renstra

from . import layanan
from .hitung import rapikan
from .isian import BarisIsian, HalamanIsian, isian_opd_triwulan
from .models import Bukti, JenisBukti, Narasi

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
    awal: str | None = None  # for data elements: the stored value the form showed (plain decimal)


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


def form_baris(b: BarisIsian, ketik: dict[str, str] | None = None, galat: dict[str, str] | None = None) -> FormBaris:
    ketik, galat = ketik or {}, galat or {}

    def isi(nama: str, tersimpan: str) -> str:
        return ketik[nama] if nama in ketik else tersimpan

    bidang: list[Bidang] = []
    if b.cara == "langsung":
        tersimpan = rapikan(b.realisasi.nilai, b.indikator.desimal) if b.realisasi else None
        bidang.append(Bidang("nilai", "Realisasi", isi("nilai", teks_masukan(tersimpan)),
                             galat.get("nilai", "")))
    elif b.cara == "label":
        bidang.append(Bidang("label", "Realisasi (label)", isi("label", b.realisasi.label if b.realisasi else ""),
                             galat.get("label", "")))
    else:
        for m in b.elemen:
            nama = f"data-{m.elemen.kode}"
            bantuan = f"tahun lalu {teks_masukan(m.lalu)}" if m.lalu is not None else ""
            bidang.append(Bidang(nama, m.elemen.nama or m.elemen.kode, isi(nama, teks_masukan(m.nilai)),
                                 galat.get(nama, ""), bantuan, _kunci_awal(m.nilai)))
    narasi = [
        Bidang(bag, str(Narasi._meta.get_field(bag).verbose_name).capitalize(),
               isi(bag, getattr(b.narasi, bag) if b.narasi else ""), galat.get(bag, ""))
        for bag in BAGIAN_NARASI
    ]
    umum = [v for k, v in galat.items() if k == "__all__"]
    return FormBaris(b, bidang, narasi, b.versi, umum, alasan=ketik.get("alasan", ""))


def _angka_masukan(teks: str) -> Decimal | None:
    teks = teks.strip()
    return None if teks == "" else parse_angka(teks)


def baca_form(post: Any, b: BarisIsian) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """(arguments for realisasi_simpan, typed text, per-field errors)."""
    ketik = {k: post.get(k, "") for k in post if k != "csrfmiddlewaretoken"}
    galat: dict[str, str] = {}
    arg: dict[str, Any] = {"versi": post.get("versi", ""), "alasan": post.get("alasan", "")}
    if b.cara == "langsung" and "nilai" in post:
        try:
            arg["nilai"] = _angka_masukan(post["nilai"])
        except AngkaTidakValid as exc:
            galat["nilai"] = str(exc)
    elif b.cara == "label" and "label" in post:
        arg["label"] = post["label"].strip()
    elif b.cara == "rumus":
        data: dict[str, Decimal | None] = {}
        awal: dict[str, Decimal | None] = {}
        for m in b.elemen:
            nama = f"data-{m.elemen.kode}"
            if nama not in post:
                continue
            try:
                data[m.elemen.kode] = _angka_masukan(post[nama])
            except AngkaTidakValid as exc:
                galat[nama] = str(exc)
            teks_awal = post.get(f"awal-{m.elemen.kode}", "")
            awal[m.elemen.kode] = Decimal(teks_awal) if teks_awal else None
        arg["data"], arg["data_awal"] = data, awal
    if any(bag in post for bag in BAGIAN_NARASI):
        arg["narasi"] = {bag: post.get(bag, "") for bag in BAGIAN_NARASI}
    return arg, ketik, galat


def _galat_dari(exc: ValidationError) -> dict[str, str]:
    if hasattr(exc, "error_dict"):
        return {k: " ".join(v) for k, v in exc.message_dict.items()}
    return {"__all__": " ".join(exc.messages)}


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
            forms=[(k, [form_baris(b) for b in k.baris]) for k in halaman.kelompok],
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
            if form.galat or any(b.galat for b in [*form.bidang, *form.narasi]):
                for g in form.galat or ["Isian belum disimpan: periksa kembali angka yang diketik."]:
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
        b = halaman.baris[0]
        arg, ketik, galat = baca_form(request.POST, b)
        if galat:
            return self.tampil(halaman, form_baris(b, ketik, galat))
        try:
            layanan.realisasi_simpan(indikator=ind, tahun=halaman.tahun, triwulan=halaman.triwulan,
                                     oleh=request.user, **arg)  # type: ignore[arg-type]
        except KonflikVersi as exc:
            # Show the stored values beside the user's own, and the current version: saving again
            # is then a deliberate overwrite.
            baru = self.halaman(ind)
            form = form_baris(baru.baris[0], ketik, {"__all__": " ".join(exc.messages)})
            form.konflik = True
            return self.tampil(baru, form)
        except ValidationError as exc:
            return self.tampil(halaman, form_baris(b, ketik, _galat_dari(exc)))
        baru = self.halaman(ind)
        form = form_baris(baru.baris[0])
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
            form = form_baris(halaman.baris[0])
            form.galat = [f"Bukti belum ditambahkan: {' '.join(exc.messages)}"]
            return self.tampil(halaman, form)
        baru = self.halaman(ind)
        form = form_baris(baru.baris[0])
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
            form = form_baris(halaman.baris[0])
            form.galat = [f"Bukti belum dihapus: {' '.join(exc.messages)}"]
            return self.tampil(halaman, form)
        halaman = self.halaman(bukti.indikator)
        form = form_baris(halaman.baris[0])
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
