"""Permission-matrix cases of the web app's OPD pages (tests/test_matriks_izin.py)."""

from django.urls import reverse

from sakip.akun.izin import Aksi

from .akses import KasusAkses
from .dunia import Dunia


def kasus(dunia: Dunia) -> list[KasusAkses]:
    return [
        KasusAkses("dasbor OPD", lambda opd: reverse("opd", args=[opd.slug]), Aksi.LIHAT, sukses=(200,)),
        # A period and a filter in the query string change nothing about who may see the page.
        KasusAkses("dasbor OPD per triwulan, hanya IKU",
                   lambda opd: reverse("opd", args=[opd.slug]) + "?tahun=2025&tw=2&iku=1", Aksi.LIHAT,
                   sukses=(200,)),
    ]
