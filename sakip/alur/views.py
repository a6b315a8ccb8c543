"""Workflow pages: an OPD's quarters and documents with the buttons each role may use, the
transitions (one POST view each, calling one service), the inbox, and the entry windows.

Views are thin: permission is declared per view (`OpdViewMixin`: 404 for an invisible OPD, 403
for a missing action); the service re-checks it and the state, and its message is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView

from sakip.akun.izin import Aksi, aksi_diizinkan, boleh, opd_terlihat, pemda_terlihat, wajib_boleh
from sakip.akun.mixins import OpdViewMixin
from sakip.organisasi.models import Pemda, PerangkatDaerah

from . import layanan
from .dokumen import dokumen_terdaftar
from .models import JendelaIsian, StatusTriwulan
from .selectors import alur_opd_tahun, kotak_masuk


def _tahun_laporan() -> int:
    hari_ini = timezone.localdate()
    return hari_ini.year - 1 if hari_ini.month <= 3 else hari_ini.year


def _pesan_galat(request: HttpRequest, exc: ValidationError) -> None:
    for pesan in exc.messages:
        messages.error(request, pesan)


class AlurIndeksView(OpdViewMixin, View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return redirect("alur_opd:tahun", self.opd.slug, _tahun_laporan())


class AlurOpdView(OpdViewMixin, TemplateView):
    template_name = "alur/opd.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        tahun = int(self.kwargs["tahun"])
        aksi = {a.value for a in aksi_diizinkan(self.request.user, opd=self.opd)}  # type: ignore[arg-type]
        alur = alur_opd_tahun(opd=self.opd, tahun=tahun)
        for b in alur.triwulan:
            b.boleh_kembalikan = (  # type: ignore[attr-defined]
                b.kode_status in layanan.KEMBALIKAN_DARI and layanan.aksi_kembalikan(b.kode_status).value in aksi
            )
        context.update(alur=alur, tahun=tahun, aksi=aksi, hari_ini=timezone.localdate(),
                       pilihan_tahun=[tahun - 1, tahun, tahun + 1])
        return context


# ------------------------------------------------------------------------------ transitions


class _TransisiView(OpdViewMixin, View):
    """POST → one service → back to the page (`next`, if local) with its message."""

    layanan_fungsi: Callable[..., Any]
    pesan_sukses = ""
    kolom_teks = "catatan"  # the POST field passed to the service (note or reason)

    def kembali(self) -> HttpResponse:
        tujuan = self.request.POST.get("next", "")
        if tujuan and url_has_allowed_host_and_scheme(tujuan, allowed_hosts={self.request.get_host()}):
            return redirect(tujuan)
        return redirect("alur_opd:tahun", self.opd.slug, self.kwargs["tahun"])

    def argumen(self) -> dict[str, Any]:
        return {"opd": self.opd, "tahun": int(self.kwargs["tahun"]), "triwulan": int(self.kwargs["triwulan"]),
                "oleh": self.request.user, self.kolom_teks: self.request.POST.get(self.kolom_teks, "")}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            type(self).layanan_fungsi(**self.argumen())
        except ValidationError as exc:
            _pesan_galat(request, exc)
        else:
            messages.success(request, self.pesan_sukses.format(
                nama=layanan.nama_triwulan(int(self.kwargs["tahun"]), int(self.kwargs.get("triwulan") or 4))))
        return self.kembali()


class AjukanView(_TransisiView):
    permission = Aksi.AJUKAN
    layanan_fungsi = layanan.triwulan_ajukan
    pesan_sukses = "{nama} diajukan untuk diverifikasi."


class VerifikasiView(_TransisiView):
    permission = Aksi.VERIFIKASI
    layanan_fungsi = layanan.triwulan_verifikasi
    pesan_sukses = "{nama} diverifikasi; menunggu persetujuan Kepala OPD."


class SetujuiView(_TransisiView):
    permission = Aksi.SETUJUI
    layanan_fungsi = layanan.triwulan_setujui
    pesan_sukses = "{nama} disetujui; datanya kini terkunci."


class KembalikanView(_TransisiView):
    layanan_fungsi = layanan.triwulan_kembalikan
    pesan_sukses = "{nama} dikembalikan kepada operator."

    def get_permission(self) -> Aksi:
        # The verifikator returns a submitted quarter, the Kepala OPD a verified one.
        status = StatusTriwulan.objects.filter(
            opd=self.opd, tahun=self.kwargs["tahun"], triwulan=self.kwargs["triwulan"]
        ).values_list("status", flat=True).first()
        return layanan.aksi_kembalikan(status)


class BukaKunciView(_TransisiView):
    permission = Aksi.BUKA_KUNCI
    layanan_fungsi = layanan.triwulan_buka_kunci
    pesan_sukses = "Kunci {nama} dibuka; operator dapat memperbaiki data (dengan alasan)."
    kolom_teks = "alasan"


# -------------------------------------------------------------------------------- documents


class _DokumenMixin(_TransisiView):
    def argumen(self) -> dict[str, Any]:
        return {"opd": self.opd, "tahun": int(self.kwargs["tahun"]), "jenis": self.kwargs["jenis"],
                "oleh": self.request.user}


class DokumenFinalkanView(_DokumenMixin):
    permission = Aksi.SETUJUI
    layanan_fungsi = layanan.dokumen_finalkan
    pesan_sukses = "Dokumen difinalkan; unduhan berikutnya memakai berkas yang dibekukan ini."


class DokumenBukaKunciView(_DokumenMixin):
    permission = Aksi.BUKA_KUNCI
    layanan_fungsi = layanan.dokumen_buka_kunci
    pesan_sukses = "Dokumen kembali menjadi draf."

    def argumen(self) -> dict[str, Any]:
        return {**super().argumen(), "alasan": self.request.POST.get("alasan", "")}


class DokumenUnduhView(OpdViewMixin, View):
    permission = Aksi.UNDUH_DOKUMEN

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        tahun = int(self.kwargs["tahun"])
        try:
            dokumen_terdaftar(self.kwargs["jenis"])
        except ValidationError as exc:
            raise Http404(exc.messages[0]) from exc
        try:
            nama, mimetype, isi = layanan.dokumen_unduh(opd=self.opd, tahun=tahun, jenis=self.kwargs["jenis"])
        except ValidationError as exc:
            _pesan_galat(request, exc)
            return redirect("alur_opd:tahun", self.opd.slug, tahun)
        response = HttpResponse(isi, content_type=mimetype)
        response["Content-Disposition"] = f'attachment; filename="{nama}"'
        return response


# ------------------------------------------------------------------------- inbox and windows


def _opd_dari_query(request: HttpRequest, aksi: Aksi) -> PerangkatDaerah | None:
    """`?opd=<slug>`: 404 for an OPD the user cannot see, 403 without the action."""
    slug = request.GET.get("opd", "")
    if not slug:
        return None
    opd = get_object_or_404(opd_terlihat(request.user), slug=slug)  # type: ignore[arg-type]
    wajib_boleh(request.user, aksi, opd=opd)  # type: ignore[arg-type]
    return opd


class KotakMasukView(LoginRequiredMixin, TemplateView):
    """What waits for me and what was returned to me (optionally one OPD: `?opd=<slug>`)."""

    template_name = "alur/kotak_masuk.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        opd = _opd_dari_query(self.request, Aksi.LIHAT)
        context.update(kotak=kotak_masuk(self.request.user, opd=opd), opd=opd)  # type: ignore[arg-type]
        return context


class JendelaView(LoginRequiredMixin, TemplateView):
    """Entry windows of a Pemda's year (Admin Pemda). The Pemda is `?pemda=<slug>`, or the Pemda
    of `?opd=<slug>` (the link from an OPD's workflow page), or the user's own."""

    template_name = "alur/jendela.html"
    pemda: Pemda
    opd: PerangkatDaerah | None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.opd = _opd_dari_query(request, Aksi.ATUR_KEBIJAKAN)
        if self.opd is not None:
            self.pemda = self.opd.pemda
        elif request.GET.get("pemda"):
            self.pemda = get_object_or_404(pemda_terlihat(request.user), slug=request.GET["pemda"])  # type: ignore[arg-type]
            wajib_boleh(request.user, Aksi.ATUR_KEBIJAKAN, pemda=self.pemda)  # type: ignore[arg-type]
        else:
            milik = [p for p in pemda_terlihat(request.user) if boleh(request.user, Aksi.ATUR_KEBIJAKAN, pemda=p)]  # type: ignore[arg-type]
            if not milik:
                raise PermissionDenied("Anda tidak berwenang mengatur jendela pengisian.")
            self.pemda = milik[0]
        return super().dispatch(request, *args, **kwargs)

    def tahun(self) -> int:
        teks = self.request.GET.get("tahun") or self.request.POST.get("tahun") or ""
        return int(teks) if teks.isdigit() and 2000 <= int(teks) <= 2100 else _tahun_laporan()

    def url_kembali(self) -> str:
        query = f"?pemda={self.pemda.slug}&tahun={self.tahun()}"
        return reverse("alur:jendela") + query

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        tahun = self.tahun()
        ada = {j.triwulan: j for j in JendelaIsian.objects.filter(pemda=self.pemda, tahun=tahun)}
        galat = kwargs.get("galat", {})
        ketik = kwargs.get("ketik", {})
        context.update(
            pemda=self.pemda, opd_asal=self.opd, tahun=tahun, pilihan_tahun=[tahun - 1, tahun, tahun + 1],
            baris=[{"triwulan": tw, "nama": layanan.nama_triwulan(tahun, tw), "jendela": ada.get(tw),
                    "dibuka": ketik.get(tw, {}).get("dibuka", ada[tw].dibuka.isoformat() if tw in ada else ""),
                    "ditutup": ketik.get(tw, {}).get("ditutup", ada[tw].ditutup.isoformat() if tw in ada else ""),
                    "galat": galat.get(tw, "")} for tw in (1, 2, 3, 4)],
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        tahun = self.tahun()
        tw = int(request.POST.get("triwulan", "0") or 0)
        teks = {"dibuka": request.POST.get("dibuka", ""), "ditutup": request.POST.get("ditutup", "")}
        try:
            try:
                dibuka, ditutup = (dt.date.fromisoformat(teks["dibuka"]), dt.date.fromisoformat(teks["ditutup"]))
            except ValueError:
                raise ValidationError("Isi tanggal buka dan tanggal tutup (format tanggal).") from None
            layanan.jendela_atur(pemda=self.pemda, tahun=tahun, triwulan=tw, dibuka=dibuka, ditutup=ditutup,
                                 oleh=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            return self.render_to_response(self.get_context_data(galat={tw: " ".join(exc.messages)},
                                                                 ketik={tw: teks}))
        messages.success(request, f"Jendela pengisian {layanan.nama_triwulan(tahun, tw)} disimpan.")
        return redirect(self.url_kembali())
