"""Permission-matrix cases of the LKjIP content pages (tests/test_matriks_izin.py)."""

from collections.abc import Callable

from django.urls import reverse

from sakip.akun.izin import Aksi
from sakip.laporan.layanan import narasi_simpan, rekomendasi_simpan
from sakip.laporan.models import RekomendasiLHE
from sakip.organisasi.models import PerangkatDaerah

from .akses import KasusAkses
from .dunia import Dunia

TAHUN = 2025
# A document hash with no PDF in the cache: the waiting page says "tidak tersedia" (200) and the
# file URL sends back to it (302); nothing is rendered or written by the matrix.
SHA_UJI = "0" * 64


def _rekomendasi_baru(opd: PerangkatDaerah) -> RekomendasiLHE:
    return rekomendasi_simpan(opd=opd, tahun=TAHUN, oleh=None, pk=None, versi=None,
                              uraian=f"Rekomendasi uji {opd.slug}", tw=[True, False, False, False])


def kasus(dunia: Dunia) -> list[KasusAkses]:
    rekomendasi = {}
    for opd in (dunia.opd_a1, dunia.opd_a2, dunia.opd_b1):
        narasi_simpan(opd=opd, tahun=TAHUN, kunci="kata_pengantar", teks=f"Kata pengantar {opd.nama}",
                      oleh=None, versi=None)
        rekomendasi[opd.pk] = _rekomendasi_baru(opd)

    def url(nama: str, *args: object) -> Callable[[PerangkatDaerah], str]:
        return lambda opd: reverse(f"laporan:{nama}", args=[opd.slug, TAHUN, *args])

    def url_rek(nama: str) -> Callable[[PerangkatDaerah], str]:
        return lambda opd: reverse(f"laporan:{nama}", args=[opd.slug, TAHUN, rekomendasi[opd.pk].pk])

    def url_hapus(opd: PerangkatDaerah) -> str:
        # a fresh row per request: the permitted role really deletes one each time
        return reverse("laporan:rekomendasi-hapus", args=[opd.slug, TAHUN, _rekomendasi_baru(opd).pk])

    return [
        KasusAkses("daftar laporan", lambda opd: reverse("laporan:daftar", args=[opd.slug]), Aksi.LIHAT),
        KasusAkses("isi laporan per bab", url("konten"), Aksi.LIHAT, sukses=(200,)),
        KasusAkses("form narasi", url("narasi-ubah", "kata_pengantar"), Aksi.UBAH_RENCANA, sukses=(200,)),
        KasusAkses("simpan narasi", url("narasi-ubah", "kata_pengantar"), Aksi.UBAH_RENCANA, method="post",
                   data=lambda opd: {"teks": "Teks uji matriks", "versi": ""}, sukses=(302,)),
        KasusAkses("tindak lanjut LHE", url("lhe"), Aksi.LIHAT, sukses=(200,)),
        KasusAkses("form surat LHE", url("lhe-ubah"), Aksi.UBAH_RENCANA, sukses=(200,)),
        KasusAkses("simpan surat LHE", url("lhe-ubah"), Aksi.UBAH_RENCANA, method="post",
                   data=lambda opd: {"nomor": "700/1/LHE/2025", "predikat": "BB", "nilai": "70,5", "versi": ""},
                   sukses=(302,)),
        KasusAkses("form rekomendasi baru", url("rekomendasi-baru"), Aksi.UBAH_RENCANA, sukses=(200,)),
        KasusAkses("simpan rekomendasi baru", url("rekomendasi-baru"), Aksi.UBAH_RENCANA, method="post",
                   data=lambda opd: {"uraian": "Rekomendasi matriks", "tw2": "on"}, sukses=(302,)),
        KasusAkses("form ubah rekomendasi", url_rek("rekomendasi-ubah"), Aksi.UBAH_RENCANA, sukses=(200,)),
        KasusAkses("simpan rekomendasi", url_rek("rekomendasi-ubah"), Aksi.UBAH_RENCANA, method="post",
                   data=lambda opd: {"uraian": "Rekomendasi diubah", "versi": ""}, sukses=(302,)),
        KasusAkses("hapus rekomendasi", url_hapus, Aksi.UBAH_RENCANA, method="post", sukses=(302,)),
        KasusAkses("unduh Excel tindak lanjut LHE", url("lhe-templat"), Aksi.LIHAT, sukses=(200,)),
        # An empty upload: the permitted get the error page (200), nothing written.
        KasusAkses("unggah Excel tindak lanjut LHE", url("lhe-unggah"), Aksi.UBAH_RENCANA, method="post",
                   sukses=(200,)),
        # The PDF made in the background follows the download's permission exactly.
        KasusAkses("status PDF LKjIP", url("lkjip-pdf", SHA_UJI), Aksi.UNDUH_DOKUMEN, sukses=(200,)),
        KasusAkses("status PDF LKjIP (htmx)", url("lkjip-pdf", SHA_UJI), Aksi.UNDUH_DOKUMEN, sukses=(200,),
                   extra={"HTTP_HX_REQUEST": "true"}),
        KasusAkses("berkas PDF LKjIP", url("lkjip-pdf-berkas", SHA_UJI), Aksi.UNDUH_DOKUMEN, sukses=(302,)),
    ]
