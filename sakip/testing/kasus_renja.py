"""Permission-matrix cases of the Renja pages (tests/test_matriks_izin.py, tests/renja/test_halaman.py)."""

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from sakip.akun.izin import Aksi
from sakip.organisasi.models import PerangkatDaerah
from sakip.renja.models import BarisRenja, EvaluasiRenja

from .akses import KasusAkses
from .dunia import Dunia
from .kasus_perencanaan import rencana_dunia

TAHUN = 2025


def renja_dunia(dunia: Dunia) -> dict[int, EvaluasiRenja]:
    """One Renja row and one evaluation row of 2025 in each OPD of the world (idempotent)."""
    hasil = {}
    for opd_pk, (node, ind) in rencana_dunia(dunia).items():
        opd = PerangkatDaerah.objects.get(pk=opd_pk)
        BarisRenja.objects.get_or_create(opd=opd, tahun=TAHUN, node=node, indikator=ind,
                                         defaults={"target": "10", "satuan": "%"})
        hasil[opd_pk], _ = EvaluasiRenja.objects.get_or_create(
            opd=opd, tahun=TAHUN, node=node, indikator=ind, defaults={"target_renja_k": 10})
    return hasil


def kasus(dunia: Dunia) -> list[KasusAkses]:
    evaluasi = renja_dunia(dunia)

    def url(nama: str, query: str = f"?tahun={TAHUN}") -> Callable[[PerangkatDaerah], str]:
        return lambda opd: reverse(f"renja:{nama}", args=[opd.slug]) + query

    def isi(opd: PerangkatDaerah) -> dict[str, Any]:
        b = evaluasi[opd.pk]
        return {"tahun": TAHUN, "tw": 2, f"k_{b.pk}": "4", f"versi_{b.pk}": b.versi}

    return [
        KasusAkses("tabel Renja", url("renja"), Aksi.LIHAT, sukses=(200,)),
        KasusAkses("unduh Renja (Word)", url("renja-unduh", f"?tahun={TAHUN}&format=docx"), Aksi.UNDUH_DOKUMEN,
                   sukses=(200,)),
        KasusAkses("tabel evaluasi Renja", url("evaluasi", f"?tahun={TAHUN}&tw=2"), Aksi.LIHAT, sukses=(200,)),
        KasusAkses("unduh evaluasi (Excel)", url("evaluasi-unduh", f"?tahun={TAHUN}&format=xlsx"),
                   Aksi.UNDUH_DOKUMEN, sukses=(200,)),
        KasusAkses("unduh isian evaluasi (Excel)", url("evaluasi-templat"), Aksi.UNDUH_DOKUMEN, sukses=(200,)),
        KasusAkses("form isi realisasi TW", url("evaluasi-isi", f"?tahun={TAHUN}&tw=2"), Aksi.ISI_REALISASI,
                   sukses=(200,)),
        # The same value each time: the first permitted POST saves (302), later ones change nothing (302).
        KasusAkses("simpan realisasi TW", url("evaluasi-isi", ""), Aksi.ISI_REALISASI, method="post",
                   data=isi, sukses=(302,)),
        # The world's Renja line already has its evaluation row: the permitted are redirected (302),
        # nothing is created.
        KasusAkses("siapkan tabel evaluasi dari Renja", url("evaluasi-siapkan", ""), Aksi.ISI_REALISASI,
                   method="post", data=lambda opd: {"tahun": TAHUN}, sukses=(302,)),
        # An empty upload: the permitted get the error page (200), nothing written.
        KasusAkses("unggah isian evaluasi (Excel)", url("evaluasi-unggah", ""), Aksi.ISI_REALISASI,
                   method="post", sukses=(200,)),
    ]
