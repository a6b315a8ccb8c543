"""Permission-matrix cases of the planning pages (tests/test_matriks_izin.py)."""

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from sakip.akun.izin import Aksi
from sakip.organisasi.models import PerangkatDaerah
from sakip.perencanaan.impor import rencana_impor
from sakip.perencanaan.models import Indikator, Node

from .akses import KasusAkses
from .dunia import Dunia


def rencana_minimal(opd: PerangkatDaerah) -> None:
    rencana_impor(sumber="uji.yaml", data={
        "opd": opd.slug,
        "renstra": {"nama": f"Renstra {opd.nama}", "tahun_awal": 2023, "tahun_akhir": 2026},
        "pohon": [{
            "jenis": "sasaran", "ref": "S1", "uraian": f"Sasaran {opd.nama}",
            "indikator": [{"ref": "I1", "nama": f"Indikator {opd.nama}", "satuan": "%",
                           "target": {2025: "10,00"}}],
            "anak": [{"jenis": "program", "ref": "P1", "kode": "2.17.03", "uraian": f"Program {opd.nama}"}],
        }],
    })


def rencana_dunia(dunia: Dunia) -> dict[int, tuple[Node, Indikator]]:
    """A minimal plan in each OPD of the world (idempotent: reused when already there)."""
    hasil = {}
    for opd in (dunia.opd_a1, dunia.opd_a2, dunia.opd_b1):
        if not Node.objects.filter(renstra__opd=opd, ref="P1").exists():
            rencana_minimal(opd)
        hasil[opd.pk] = (Node.objects.get(renstra__opd=opd, ref="P1"), Indikator.objects.get(renstra__opd=opd))
    return hasil


def kasus(dunia: Dunia) -> list[KasusAkses]:
    rencana = rencana_dunia(dunia)

    def url(nama: str, obj: Callable[[PerangkatDaerah], Any] | None = None) -> Callable[[PerangkatDaerah], str]:
        return lambda opd: reverse(f"perencanaan:{nama}", args=[opd.slug, *([obj(opd).pk] if obj else [])])

    def node(opd: PerangkatDaerah) -> Node:
        return rencana[opd.pk][0]

    def ind(opd: PerangkatDaerah) -> Indikator:
        return rencana[opd.pk][1]

    return [
        KasusAkses("pohon Renstra", url("pohon"), Aksi.LIHAT),
        KasusAkses("diagram pohon kinerja", url("diagram"), Aksi.LIHAT),
        KasusAkses("unduh SVG", url("diagram-svg"), Aksi.LIHAT),
        KasusAkses("detail indikator", url("indikator", ind), Aksi.LIHAT),
        KasusAkses("form ubah simpul", url("simpul-ubah", node), Aksi.UBAH_RENCANA),
        KasusAkses("simpan simpul", url("simpul-ubah", node), Aksi.UBAH_RENCANA, method="post",
                   data=lambda opd: {"uraian": "Program baru", "kinerja": "", "kode": "2.17.03", "unit": ""}),
        KasusAkses("form ubah indikator", url("indikator-ubah", ind), Aksi.UBAH_RENCANA),
        KasusAkses("simpan indikator", url("indikator-ubah", ind), Aksi.UBAH_RENCANA, method="post",
                   data=lambda opd: {"nama": "Indikator baru", "satuan": "%", "polaritas": "positif",
                                     "agregasi": "nilai_akhir", "desimal": "2"}),
        KasusAkses("form revisi target", url("target-revisi", ind), Aksi.UBAH_RENCANA),
        KasusAkses("simpan revisi target", url("target-revisi", ind), Aksi.UBAH_RENCANA, method="post",
                   data=lambda opd: {"alasan": "Uji matriks", "target_2026": "12,00"}),
        KasusAkses("unduh rencana (Excel)", url("unduh"), Aksi.LIHAT, sukses=(200,)),
        # An empty upload: the permitted get the form back with its error (200), nothing written.
        KasusAkses("unggah rencana (Excel)", url("unggah"), Aksi.UBAH_RENCANA, method="post", sukses=(200,)),
    ]
