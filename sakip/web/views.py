"""Pages of the foundation: home, Pemda profile, OPD profile."""

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.views.generic import TemplateView

from sakip.akun.izin import Aksi, aksi_diizinkan, boleh, opd_terlihat
from sakip.akun.mixins import OpdViewMixin, PemdaViewMixin
from sakip.akun.models import Keanggotaan
from sakip.organisasi.models import KepalaDaerah, PerangkatDaerah
from sakip.organisasi.selectors import pejabat_opd
from sakip.web.navigasi import entri_menu


class BerandaView(LoginRequiredMixin, TemplateView):
    template_name = "web/beranda.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        daftar = list(opd_terlihat(self.request.user).order_by("pemda__nama", "nama"))  # type: ignore[arg-type]
        per_pemda: dict[Any, list[PerangkatDaerah]] = {}
        for opd in daftar:
            per_pemda.setdefault(opd.pemda, []).append(opd)
        context["per_pemda"] = per_pemda
        return context


class PemdaView(PemdaViewMixin, TemplateView):
    template_name = "web/pemda.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["daftar_opd"] = opd_terlihat(user).filter(pemda=self.pemda).order_by("nama")  # type: ignore[arg-type]
        context["kepala_daerah"] = KepalaDaerah.objects.filter(pemda=self.pemda)
        context["boleh_kelola_pengguna"] = boleh(user, Aksi.KELOLA_PENGGUNA, pemda=self.pemda)  # type: ignore[arg-type]
        if context["boleh_kelola_pengguna"]:
            context["anggota"] = (
                Keanggotaan.objects.filter(pemda=self.pemda)
                .select_related("user", "opd")
                .order_by("opd__nama", "peran", "user__username")
            )
        context["menu"] = entri_menu("pemda")
        return context


class OpdView(OpdViewMixin, TemplateView):
    template_name = "web/opd.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        opd = PerangkatDaerah.objects.select_related("pemda").prefetch_related(
            Prefetch("unit_kerja")
        ).get(pk=self.opd.pk)
        context["opd"] = opd
        context["pejabat"] = pejabat_opd(opd=opd)
        aksi = aksi_diizinkan(self.request.user, opd=opd)  # type: ignore[arg-type]
        context["aksi"] = {a.value for a in aksi}
        context["menu"] = [e for e in entri_menu("opd") if e.aksi in aksi]
        return context
