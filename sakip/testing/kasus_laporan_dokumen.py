"""Permission-matrix cases of the LKjIP download (tests/test_matriks_izin.py)."""

from django.urls import reverse

from sakip.akun.izin import Aksi

from .akses import KasusAkses
from .dunia import Dunia
from .kasus_perencanaan import rencana_dunia


def kasus(dunia: Dunia) -> list[KasusAkses]:
    rencana_dunia(dunia)  # a plan in each OPD: the report has a sasaran and an indicator to print
    return [
        KasusAkses("unduh LKjIP (Word)", lambda opd: reverse("laporan:lkjip-unduh", args=[opd.slug, 2025, "docx"]),
                   Aksi.UNDUH_DOKUMEN, sukses=(200,)),
    ]
