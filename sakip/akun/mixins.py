"""Permission declared on the view, checked in one place (Django's auth mixins pattern)."""

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404

from sakip.organisasi.models import Pemda, PerangkatDaerah

from .izin import Aksi, opd_terlihat, pemda_terlihat, wajib_boleh


class OpdViewMixin(LoginRequiredMixin):
    """A view about one OPD, named by the `opd` slug in the URL.

    An OPD the user may not see answers 404 (it is invisible, not merely forbidden); a visible
    OPD on which the declared `permission` is not granted answers 403.
    """

    permission: Aksi = Aksi.LIHAT
    request: HttpRequest
    kwargs: dict[str, Any]
    opd: PerangkatDaerah

    def get_permission(self) -> Aksi:
        return self.permission

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.opd = get_object_or_404(opd_terlihat(request.user), slug=kwargs["opd"])
        wajib_boleh(request.user, self.get_permission(), opd=self.opd)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc, no-any-return]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["opd"] = self.opd
        return context


class PemdaViewMixin(LoginRequiredMixin):
    """A view about one Pemda, named by the `pemda` slug in the URL."""

    permission: Aksi = Aksi.LIHAT
    request: HttpRequest
    pemda: Pemda

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.pemda = get_object_or_404(pemda_terlihat(request.user), slug=kwargs["pemda"])
        wajib_boleh(request.user, self.permission, pemda=self.pemda)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc, no-any-return]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["pemda"] = self.pemda
        return context
