"""Permission-matrix cases of the consistency check page (tests/test_matriks_izin.py)."""

from django.urls import reverse

from sakip.akun.izin import Aksi

from .akses import KasusAkses
from .dunia import Dunia
from .kasus_perencanaan import rencana_dunia


def kasus(dunia: Dunia) -> list[KasusAkses]:
    rencana_dunia(dunia)  # a plan in each OPD, so the page has indicators to check
    return [
        KasusAkses("pemeriksaan konsistensi", lambda opd: reverse("laporan:periksa", args=[opd.slug, 2025]),
                   Aksi.LIHAT, sukses=(200,)),
    ]
