"""Permission-matrix cases of the web app's OPD pages (tests/test_matriks_izin.py)."""

from django.urls import reverse

from sakip.akun.izin import Aksi

from .akses import KasusAkses
from .dunia import Dunia


def kasus(dunia: Dunia) -> list[KasusAkses]:
    return [
        KasusAkses("profil OPD", lambda opd: reverse("opd", args=[opd.slug]), Aksi.LIHAT),
    ]
