"""Permission-matrix cases of the realisation entry pages (tests/test_matriks_izin.py)."""

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from sakip.akun.izin import Aksi
from sakip.organisasi.models import PerangkatDaerah
from sakip.pengukuran.models import Bukti
from sakip.perencanaan.models import Indikator

from .akses import KasusAkses
from .dunia import Dunia
from .kasus_perencanaan import rencana_dunia

TAHUN, TW = 2025, 1  # the alur cases use 2024, so a submission there never locks these


def kasus(dunia: Dunia) -> list[KasusAkses]:
    rencana = rencana_dunia(dunia)

    def ind(opd: PerangkatDaerah) -> Indikator:
        return rencana[opd.pk][1]

    # A link per OPD (two: the delete case removes one), served by the permission-checked view.
    bukti: dict[int, list[Bukti]] = {}
    for opd in (dunia.opd_a1, dunia.opd_a2, dunia.opd_b1):
        bukti[opd.pk] = [
            Bukti.objects.create(opd=opd, indikator=ind(opd), tahun=TAHUN, triwulan=TW, jenis="tautan",
                                 url=f"https://contoh.go.id/{opd.slug}/{n}", keterangan=f"Bukti {n}")
            for n in (1, 2)
        ]

    def url(nama: str, *arg: Callable[[PerangkatDaerah], Any]) -> Callable[[PerangkatDaerah], str]:
        return lambda opd: reverse(f"pengukuran:{nama}", args=[opd.slug, *(a(opd) for a in arg)])

    def tahun(opd: PerangkatDaerah) -> int:
        return TAHUN

    def tw(opd: PerangkatDaerah) -> int:
        return TW

    def ind_pk(opd: PerangkatDaerah) -> int:
        return ind(opd).pk

    return [
        KasusAkses("realisasi: ke triwulan berjalan", url("indeks"), Aksi.LIHAT),
        KasusAkses("realisasi: halaman isian", url("isian", tahun, tw), Aksi.LIHAT, sukses=(200,)),
        KasusAkses("realisasi: simpan baris", url("simpan", tahun, tw, ind_pk), Aksi.ISI_REALISASI, method="post",
                   data=lambda opd: {"versi": "", "nilai": "7,5", "pendukung": "Uji matriks"},
                   extra={"HTTP_HX_REQUEST": "true"}, sukses=(200,)),
        KasusAkses("realisasi: tambah bukti", url("bukti-tambah", tahun, tw, ind_pk), Aksi.ISI_REALISASI,
                   method="post", data=lambda opd: {"url": "https://contoh.go.id/ba.pdf", "keterangan": "BA"},
                   extra={"HTTP_HX_REQUEST": "true"}, sukses=(200,)),
        KasusAkses("realisasi: unduh bukti", url("bukti-unduh", lambda opd: bukti[opd.pk][0].pk),
                   Aksi.UNDUH_DOKUMEN, sukses=(302,)),
        KasusAkses("realisasi: hapus bukti", url("bukti-hapus", lambda opd: bukti[opd.pk][1].pk),
                   Aksi.ISI_REALISASI, method="post", extra={"HTTP_HX_REQUEST": "true"}, sukses=(200,)),
    ]
