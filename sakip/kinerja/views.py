"""Pages of the Perjanjian Kinerja (versions, comparison, revision), Rencana Aksi and budget.

Thin views: find the OPD (OpdViewMixin: 404 invisible, 403 without the action), call a selector
or a service, render. The year is `?tahun=`, else the newest year with data.
"""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import TemplateView

from sakip.akun.izin import Aksi, aksi_diizinkan
from sakip.akun.mixins import OpdViewMixin
from sakip.engine.angka import AngkaTidakValid, jumlahkan, parse_angka

from . import layanan
from .forms import BelanjaForm, PerubahanPKForm, teks_angka
from .keluaran import DokumenTidakAda, render_pk, render_rencana_aksi
from .models import BelanjaAnggaran, PerjanjianKinerja, VersiPK
from .selectors import (
    anggaran_opd_tahun,
    pk_anggaran,
    pk_bandingkan,
    pk_kinerja,
    pk_periksa,
    pk_versi_daftar,
    rencana_aksi_opd,
    tahun_kinerja,
)

KOLOM_TW = ("target_tw1", "target_tw2", "target_tw3", "target_tw4")
LABEL_KOLOM = {"target": "Target tahunan", "target_tw1": "TW I", "target_tw2": "TW II", "target_tw3": "TW III",
               "target_tw4": "TW IV", "baris": "Baris"}


class _KinerjaMixin(OpdViewMixin):
    def aksi(self) -> set[str]:
        if not hasattr(self, "_aksi"):
            self._aksi = {a.value for a in aksi_diizinkan(self.request.user, opd=self.opd)}  # type: ignore[arg-type]
        return self._aksi

    def pilih_tahun(self) -> tuple[int | None, list[int]]:
        if not hasattr(self, "_tahun"):
            daftar = tahun_kinerja(opd=self.opd)
            teks = self.request.GET.get("tahun") or self.request.POST.get("tahun") or ""
            if teks.isdigit() and 2000 <= int(teks) <= 2100:
                self._tahun: tuple[int | None, list[int]] = (int(teks), daftar)
            else:
                self._tahun = ((daftar[0] if daftar else None), daftar)
        return self._tahun

    def konteks_dasar(self, **kwargs: Any) -> dict[str, Any]:
        tahun, daftar = self.pilih_tahun()
        return {"opd": self.opd, "aksi": self.aksi(), "boleh_ubah": Aksi.UBAH_RENCANA.value in self.aksi(),
                "tahun": tahun, "daftar_tahun": daftar, **kwargs}


def _versi_dari(opd: Any, tahun: int | None, ke: str | None, daftar: list[VersiPK]) -> VersiPK | None:
    if ke is not None and ke != "":
        if not ke.isdigit():
            raise Http404("Versi PK tidak dikenal")
        versi = next((v for v in daftar if v.ke == int(ke)), None)
        if versi is None:
            raise Http404("Versi PK itu tidak ada")
        return versi
    return daftar[-1] if daftar else None


def _total_per_sumber(anggaran: list[Any]) -> list[tuple[str, Decimal]]:
    per: dict[str, list[Decimal]] = {}
    for a in anggaran:
        per.setdefault(a.sumber, []).append(a.pagu)
    return [(s, jumlahkan(v)) for s, v in per.items()]


# ------------------------------------------------------------------------------------------ PK


class PKView(_KinerjaMixin, TemplateView):
    template_name = "kinerja/pk.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.konteks_dasar())
        tahun = context["tahun"]
        daftar = list(pk_versi_daftar(opd=self.opd, tahun=tahun)) if tahun else []
        versi = _versi_dari(self.opd, tahun, self.request.GET.get("versi"), daftar)
        context.update(daftar_versi=daftar, versi=versi, berlaku=daftar[-1] if daftar else None)
        if versi is not None:
            kinerja = list(pk_kinerja(opd=self.opd, versi=versi))
            anggaran = list(pk_anggaran(opd=self.opd, versi=versi))
            temuan: dict[int, list[str]] = {}
            for k, t in pk_periksa(opd=self.opd, versi=versi):
                temuan.setdefault(k.pk, []).append(t.pesan)
            context.update(
                kinerja=[(k, temuan.get(k.pk, [])) for k in kinerja], anggaran=anggaran,
                total_anggaran=_total_per_sumber(anggaran), jumlah_temuan=sum(len(t) for t in temuan.values()),
                banding_a=daftar[-2] if len(daftar) > 1 and versi == daftar[-1] else daftar[0],
            )
        return context


class PKBandingView(_KinerjaMixin, TemplateView):
    template_name = "kinerja/pk_banding.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.konteks_dasar())
        daftar = list(pk_versi_daftar(opd=self.opd, tahun=context["tahun"])) if context["tahun"] else []
        if len(daftar) < 2:
            context.update(daftar_versi=daftar, versi_a=None, versi_b=None)
            return context
        a = _versi_dari(self.opd, context["tahun"], self.request.GET.get("a") or str(daftar[-2].ke), daftar)
        b = _versi_dari(self.opd, context["tahun"], self.request.GET.get("b") or str(daftar[-1].ke), daftar)
        assert a is not None and b is not None
        banding = pk_bandingkan(versi_a=a, versi_b=b)
        context.update(daftar_versi=daftar, versi_a=a, versi_b=b, banding=banding, label_kolom=LABEL_KOLOM)
        return context


def _teks_target(request: HttpRequest, pk: int) -> dict[str, str]:
    # Only the cells posted: a cell left out keeps its value, a cell emptied is cleared.
    return {kolom: request.POST[f"{kolom}_{pk}"] for kolom in ("target", *KOLOM_TW) if f"{kolom}_{pk}" in request.POST}


class PKPerubahanView(_KinerjaMixin, View):
    """A new Perubahan: reason, Berita Acara, and every target / pagu pre-filled from the latest version."""

    permission = Aksi.UBAH_RENCANA
    template_name = "kinerja/pk_perubahan.html"

    def siapkan(self) -> tuple[PerjanjianKinerja, VersiPK, list[Any], list[Any]]:
        tahun, _ = self.pilih_tahun()
        pk = get_object_or_404(PerjanjianKinerja.objects.filter(opd=self.opd), tahun=tahun)
        terakhir = pk.versi.order_by("-ke").first()
        if terakhir is None:
            raise Http404("PK ini belum memiliki versi")
        pk.opd = self.opd
        terakhir.perjanjian = pk
        return pk, terakhir, list(pk_kinerja(opd=self.opd, versi=terakhir)), list(pk_anggaran(opd=self.opd, versi=terakhir))

    def tampil(self, form: PerubahanPKForm, terakhir: VersiPK, kinerja: list[Any], anggaran: list[Any],
               isian: dict[str, str], galat: dict[str, list[str]]) -> HttpResponse:
        baris_k = [(k, [(kolom, f"{kolom}_{k.pk}", isian.get(f"{kolom}_{k.pk}", getattr(k, kolom)),
                         galat.get(f"{kolom}_{k.pk}", [])) for kolom in ("target", *KOLOM_TW)]) for k in kinerja]
        baris_a = [(a, f"pagu_{a.pk}", isian.get(f"pagu_{a.pk}", teks_angka(a.pagu)), galat.get(f"pagu_{a.pk}", []))
                   for a in anggaran]
        return render(self.request, self.template_name, self.konteks_dasar(
            form=form, terakhir=terakhir, baris_k=baris_k, baris_a=baris_a, ke_baru=terakhir.ke + 1,
            label_kolom=LABEL_KOLOM))

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        _, terakhir, kinerja, anggaran = self.siapkan()
        form = PerubahanPKForm(initial={"dasar_ke": terakhir.ke, "dasar_versi": terakhir.versi,
                                        "tempat": terakhir.tempat})
        return self.tampil(form, terakhir, kinerja, anggaran, {}, {})

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        pk, terakhir, kinerja, anggaran = self.siapkan()
        form = PerubahanPKForm(request.POST)
        isian = {k: v for k, v in request.POST.items() if k.startswith(("target", "pagu_"))}
        galat: dict[str, list[str]] = {}
        pagu: dict[int, Decimal] = {}
        for a in anggaran:
            teks = request.POST.get(f"pagu_{a.pk}", "").strip()
            try:
                pagu[a.pk] = parse_angka(teks) if teks else a.pagu
            except AngkaTidakValid as exc:
                galat[f"pagu_{a.pk}"] = [str(exc)]
        if form.is_valid() and not galat:
            data = form.cleaned_data
            try:
                versi = layanan.pk_perubahan_buat(
                    perjanjian=pk, dasar_ke=data["dasar_ke"], dasar_versi=data["dasar_versi"],
                    alasan=data["alasan"], target={k.pk: _teks_target(request, k.pk) for k in kinerja},
                    pagu=pagu, tempat=data["tempat"], tanggal=data["tanggal"],
                    berita_acara_nomor=data["berita_acara_nomor"],
                    berita_acara_tanggal=data["berita_acara_tanggal"], oleh=request.user,
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for kunci, pesan in exc.message_dict.items():
                        if kunci in form.fields:
                            form.add_error(kunci, pesan)
                        else:
                            galat[kunci] = pesan
                else:
                    form.add_error("alasan" if getattr(exc, "code", "") == "alasan_wajib" else None, exc.messages)
            else:
                messages.success(request, f"{versi.label} PK {pk.tahun} disimpan; versi sebelumnya tetap tersimpan.")
                return redirect(reverse("kinerja:pk", args=[self.opd.slug]) + f"?tahun={pk.tahun}")
        if galat and not form.errors:
            form.add_error(None, "Periksa target dan pagu yang ditandai.")
        return self.tampil(form, terakhir, kinerja, anggaran, isian, galat)


def _unduhan(nama: str, mimetype: str, isi: bytes) -> HttpResponse:
    response = HttpResponse(isi, content_type=mimetype)
    response["Content-Disposition"] = content_disposition_header(True, nama)
    return response


class PKDocxView(_KinerjaMixin, View):
    permission = Aksi.UNDUH_DOKUMEN

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        tahun, _ = self.pilih_tahun()
        ke = request.GET.get("versi", "")
        try:
            return _unduhan(*render_pk(self.opd, tahun or 0, int(ke) if ke.isdigit() else None))
        except DokumenTidakAda as exc:
            raise Http404(str(exc)) from exc


# ------------------------------------------------------------------------------- Rencana Aksi


class RencanaAksiView(_KinerjaMixin, TemplateView):
    template_name = "kinerja/rencana_aksi.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.konteks_dasar())
        baris = list(rencana_aksi_opd(opd=self.opd, tahun=context["tahun"]).order_by("urutan")) if context["tahun"] else []
        context["baris"] = baris
        context["jumlah_per_tingkat"] = {t: sum(1 for b in baris if b.tingkat == t)
                                         for t in ("sasaran", "program", "kegiatan", "sub_kegiatan")}
        return context


class RencanaAksiDocxView(_KinerjaMixin, View):
    permission = Aksi.UNDUH_DOKUMEN

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        tahun, _ = self.pilih_tahun()
        try:
            return _unduhan(*render_rencana_aksi(self.opd, tahun or 0))
        except DokumenTidakAda as exc:
            raise Http404(str(exc)) from exc


# ------------------------------------------------------------------------------------ Anggaran


class AnggaranView(_KinerjaMixin, TemplateView):
    template_name = "kinerja/anggaran.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.konteks_dasar())
        if context["tahun"]:
            lap = anggaran_opd_tahun(opd=self.opd, tahun=context["tahun"])
            context["lap"] = lap
            # Per program when programs have a realisation; else per sasaran (lkjip-2025 prints the
            # realisation only per sasaran, Tabel III.6).
            kelompok = lap.per_program
            if not any(k.ringkasan.realisasi is not None for k in kelompok) and lap.per_sasaran:
                kelompok = lap.per_sasaran
            context["grafik_judul"] = "sasaran" if kelompok is lap.per_sasaran else "program"
            context["grafik"] = {
                "label": [k.kunci[:30] for k in kelompok],
                "uraian": [k.uraian for k in kelompok],
                # Exact values as strings: Chart.js parses them; no float on the server side.
                "pagu": [format(k.ringkasan.pagu, "f") for k in kelompok],
                "realisasi": [None if k.ringkasan.realisasi is None else format(k.ringkasan.realisasi, "f")
                              for k in kelompok],
            }
        return context


class BelanjaUbahView(_KinerjaMixin, View):
    permission = Aksi.UBAH_RENCANA
    template_name = "kinerja/belanja_ubah.html"

    def belanja(self) -> BelanjaAnggaran:
        return get_object_or_404(BelanjaAnggaran.objects.filter(opd=self.opd).select_related("node"),
                                 pk=self.kwargs["pk"])

    def tampil(self, belanja: BelanjaAnggaran, form: BelanjaForm) -> HttpResponse:
        return render(self.request, self.template_name, {**self.konteks_dasar(), "belanja": belanja, "form": form})

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        belanja = self.belanja()
        return self.tampil(belanja, BelanjaForm(belanja=belanja))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        belanja = self.belanja()
        form = BelanjaForm(request.POST, belanja=belanja)
        if form.is_valid():
            data = form.cleaned_data
            try:
                berubah = layanan.belanja_ubah(
                    belanja=belanja, pagu_sebelum=data["pagu_sebelum"], pagu_sesudah=data["pagu_sesudah"],
                    realisasi=data["realisasi"], fisik=data["fisik"], versi_form=data["versi"],
                    alasan=data["alasan"], oleh=request.user,
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for kunci, pesan in exc.message_dict.items():
                        form.add_error(kunci if kunci in form.fields else None, pesan)
                else:
                    form.add_error(None, exc.messages)
            else:
                messages.success(request, "Baris anggaran disimpan." if berubah else "Tidak ada perubahan.")
                return redirect(reverse("kinerja:anggaran", args=[self.opd.slug]) + f"?tahun={belanja.tahun}")
        return self.tampil(belanja, form)
