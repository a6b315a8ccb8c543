"""Template context shared by every page: the user's roles and where they may go."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from sakip.akun.izin import opd_terlihat, pemda_terlihat, peran_pengguna
from sakip.akun.models import Peran


def navigasi(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {}

    def memuat() -> dict[str, Any]:
        peran = peran_pengguna(user)  # type: ignore[arg-type]
        return {
            "peran": sorted(Peran(p).label for p in peran),
            "opd_saya": list(opd_terlihat(user)[:50]),  # type: ignore[arg-type]
            "pemda_saya": list(pemda_terlihat(user)),  # type: ignore[arg-type]
        }

    def menunggu() -> int:
        from sakip.alur.selectors import jumlah_menunggu

        return jumlah_menunggu(user)  # type: ignore[arg-type]  # one COUNT query

    # Evaluated once per request, and only when a template reads it.
    return {"nav": SimpleLazyObject(memuat), "nav_menunggu": SimpleLazyObject(menunggu)}
