"""A small plan per OPD for measurement tests (the demo is loaded only where the seeds matter)."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from sakip.organisasi.models import PerangkatDaerah
from sakip.perencanaan.models import DataElemen, Indikator, NilaiTarget, Node, Renstra, RevisiTarget
from sakip.testing.dunia import Dunia

D = Decimal


@dataclass
class Rencana:
    opd: PerangkatDaerah
    renstra: Renstra
    sasaran: Node
    program: Node
    iku_langsung: Indikator  # IKU, agregasi jumlah, direct values
    iku_tumbuh: Indikator  # IKU, growth formula through prev(unit)
    rasio: Indikator  # program indicator, formula over a derived element
    dokumen: Indikator  # program indicator, kumulatif counts


def _indikator(renstra: Renstra, node: Node, ref: str, urutan: int, target: str, **kw: object) -> Indikator:
    ind = Indikator.objects.create(renstra=renstra, node=node, ref=ref, nama=f"Indikator {ref}", urutan=urutan, **kw)
    rv = RevisiTarget.objects.create(indikator=ind, ke=0, label="Awal")
    NilaiTarget.objects.create(revisi=rv, tahun=2025, teks=target)
    return ind


def buat_rencana(opd: PerangkatDaerah) -> Rencana:
    renstra = Renstra.objects.create(opd=opd, nama=f"Renstra {opd.slug}", tahun_awal=2025, tahun_akhir=2026)
    sasaran = Node.objects.create(renstra=renstra, jenis="sasaran", ref="S1", uraian="Sasaran satu", urutan=1)
    program = Node.objects.create(
        renstra=renstra, induk=sasaran, jenis="program", ref="P1", uraian="Program satu", urutan=2
    )
    DataElemen.objects.create(opd=opd, kode="unit", nama="Unit usaha", urutan=1)
    DataElemen.objects.create(opd=opd, kode="a", nama="Pembilang", urutan=2)
    DataElemen.objects.create(opd=opd, kode="b", nama="Penyebut", urutan=3)
    DataElemen.objects.create(opd=opd, kode="a_kali_dua", nama="Turunan", formula="a * 2", urutan=4)
    return Rencana(
        opd=opd,
        renstra=renstra,
        sasaran=sasaran,
        program=program,
        iku_langsung=_indikator(renstra, sasaran, "IKU1", 1, "22,300", iku=True, agregasi="jumlah", desimal=3),
        iku_tumbuh=_indikator(
            renstra, sasaran, "IKU2", 2, "2,75", iku=True, agregasi="nilai_akhir",
            formula="(unit - prev(unit)) / prev(unit) * 100",
        ),
        rasio=_indikator(renstra, program, "IP1", 3, "90", formula="a_kali_dua / b * 100"),
        dokumen=_indikator(renstra, program, "IP2", 4, "12", agregasi="kumulatif", desimal=0),
    )


@pytest.fixture
def rencana(dunia: Dunia) -> Rencana:
    return buat_rencana(dunia.opd_a1)
