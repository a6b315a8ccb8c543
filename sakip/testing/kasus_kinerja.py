"""Permission-matrix cases of the PK, Rencana Aksi and budget pages (tests/test_matriks_izin.py)."""

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from sakip.akun.izin import Aksi
from sakip.kinerja.impor import anggaran_impor, pk_impor, rencana_aksi_impor
from sakip.kinerja.models import BelanjaAnggaran
from sakip.organisasi.models import PerangkatDaerah

from .akses import KasusAkses
from .dunia import Dunia
from .kasus_perencanaan import rencana_dunia

TAHUN = 2025
PIHAK = {"nama": "Kepala Dinas", "jabatan": "Kepala Dinas"}


def kinerja_minimal(opd: PerangkatDaerah) -> None:
    """A PK induk, a Rencana Aksi row and a budget line on the minimal plan (S1, I1, P1)."""
    pk_impor(sumber="uji.yaml", data={"opd": opd.slug, "tahun": TAHUN, "versi": [{
        "jenis": "induk", "ke": 0, "pihak_pertama": PIHAK, "pihak_kedua": {"nama": "Gubernur", "jabatan": "Gubernur"},
        "kinerja": [{"sasaran": "S1", "indikator": "I1", "target": "10,00",
                     "target_tw": ["2,50", "5,00", "7,50", "10,00"], "jenis_target_tw": "kumulatif"}],
        "anggaran": [{"program": "P1", "sumber": "APBD", "pagu": "1.000.000"}],
    }]})
    rencana_aksi_impor(sumber="uji.yaml", data={"opd": opd.slug, "tahun": TAHUN, "baris": [
        {"tingkat": "sasaran", "node": "S1", "indikator": "I1", "target_tw": ["2,50", "5,00", "7,50", "10,00"],
         "penanggung_jawab": "Kepala Bidang"}]})
    anggaran_impor(sumber="uji.yaml", data={"opd": opd.slug, "tahun": TAHUN, "belanja": [
        {"node": "P1", "sumber": "APBD", "pagu_sebelum": "1.000.000", "pagu_sesudah": "900.000",
         "realisasi": "800.000"}]})


def kinerja_dunia(dunia: Dunia) -> dict[int, BelanjaAnggaran]:
    rencana_dunia(dunia)
    hasil = {}
    for opd in (dunia.opd_a1, dunia.opd_a2, dunia.opd_b1):
        if not BelanjaAnggaran.objects.filter(opd=opd, tahun=TAHUN).exists():
            kinerja_minimal(opd)
        hasil[opd.pk] = BelanjaAnggaran.objects.get(opd=opd, tahun=TAHUN)
    return hasil


def kasus(dunia: Dunia) -> list[KasusAkses]:
    belanja = kinerja_dunia(dunia)

    def url(nama: str, obj: Callable[[PerangkatDaerah], Any] | None = None,
            query: str = f"?tahun={TAHUN}") -> Callable[[PerangkatDaerah], str]:
        return lambda opd: reverse(f"kinerja:{nama}", args=[opd.slug, *([obj(opd).pk] if obj else [])]) + query

    def baris(opd: PerangkatDaerah) -> BelanjaAnggaran:
        return belanja[opd.pk]

    return [
        KasusAkses("PK", url("pk"), Aksi.LIHAT, sukses=(200,)),
        KasusAkses("perbandingan versi PK", url("pk-banding"), Aksi.LIHAT, sukses=(200,)),
        KasusAkses("unduh PK (Word)", url("pk-docx"), Aksi.UNDUH_DOKUMEN, sukses=(200,)),
        KasusAkses("unduh PK (Excel)", url("pk-excel"), Aksi.LIHAT, sukses=(200,)),
        KasusAkses("form perubahan PK", url("pk-perubahan"), Aksi.UBAH_RENCANA, sukses=(200,)),
        # Without a reason: the permitted get the form back with the error (200), nothing written.
        KasusAkses("simpan perubahan PK", url("pk-perubahan"), Aksi.UBAH_RENCANA, method="post",
                   data=lambda opd: {"tahun": TAHUN, "dasar_ke": 0, "dasar_versi": 0, "alasan": ""},
                   sukses=(200,)),
        KasusAkses("unggah PK (Excel)", url("pk-unggah", query=""), Aksi.UBAH_RENCANA, method="post", sukses=(200,)),
        KasusAkses("Rencana Aksi", url("rencana-aksi"), Aksi.LIHAT, sukses=(200,)),
        KasusAkses("unduh Rencana Aksi (Word)", url("rencana-aksi-docx"), Aksi.UNDUH_DOKUMEN, sukses=(200,)),
        KasusAkses("unduh Rencana Aksi (Excel)", url("rencana-aksi-excel"), Aksi.LIHAT, sukses=(200,)),
        KasusAkses("unggah Rencana Aksi (Excel)", url("rencana-aksi-unggah", query=""), Aksi.UBAH_RENCANA,
                   method="post", sukses=(200,)),
        KasusAkses("anggaran", url("anggaran"), Aksi.LIHAT, sukses=(200,)),
        KasusAkses("unduh anggaran (Excel)", url("anggaran-excel"), Aksi.LIHAT, sukses=(200,)),
        KasusAkses("unggah anggaran (Excel)", url("anggaran-unggah", query=""), Aksi.UBAH_RENCANA, method="post",
                   sukses=(200,)),
        KasusAkses("form ubah baris anggaran", url("belanja-ubah", baris, query=""), Aksi.UBAH_RENCANA, sukses=(200,)),
        # An invalid amount: the form comes back with its error (200), nothing written.
        KasusAkses("simpan baris anggaran", url("belanja-ubah", baris, query=""), Aksi.UBAH_RENCANA, method="post",
                   data=lambda opd: {"pagu_sesudah": "satu juta"}, sukses=(200,)),
    ]
