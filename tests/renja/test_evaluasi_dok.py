"""docs/algorithms/renja-evaluasi.md's worked table, row by row, against the computed table."""

import re
from decimal import Decimal

import pytest

from sakip.engine.angka import bulatkan, parse_angka
from sakip.organisasi.models import PerangkatDaerah
from sakip.renja.evaluasi import BarisHasil, TabelEvaluasi
from sakip.renja.selectors import tabel_evaluasi
from sakip.testing.tabel_dok import baca_tabel

_KOLOM = {"5": "target_renstra", "6": "realisasi_lalu", "7": "target_renja", "12": "realisasi",
          "13": "capaian", "14": "realisasi_renstra", "15": "capaian_renstra"}


BARIS_DOK = [(r["node"], r["indikator"], r["kolom"], r["nilai"])
             for r in baca_tabel("renja-evaluasi.md", "evaluasi-2022")]


@pytest.fixture(scope="module")
def tabel(demo_renja: list[str]) -> TabelEvaluasi:
    return tabel_evaluasi(opd=PerangkatDaerah.objects.get(slug="babel-dkukm"), tahun=2022)


def _sel(tabel: TabelEvaluasi, node: str, indikator: str, kolom: str) -> object:
    if node == "jumlah":
        nomor = kolom.split()[0]
        nama = {"5": "target_renstra_rp", "6": "realisasi_lalu_rp", "7": "target_renja_rp",
                "12": "realisasi_rp", "13": "capaian_rp", "14": "realisasi_renstra_rp",
                "15": "capaian_renstra_rp"}[nomor]
        return getattr(tabel.total, nama)
    if indikator == "-":
        r = tabel.ringkasan(node)
        nilai = {"rata-rata K": r.rata_rata_k, "rata-rata Rp": r.rata_rata_rp,
                 "predikat": r.predikat, "predikat Rp": r.predikat_rp}[kolom]
        return getattr(nilai, "kode", nilai)
    baris: BarisHasil = next(b for b in tabel.baris
                             if b.masukan.node == node and b.masukan.indikator == indikator)
    nomor, separuh = kolom.split()
    return getattr(getattr(baris, _KOLOM[nomor]), separuh.lower())


def test_tabel_dok_tidak_kosong() -> None:
    assert len(BARIS_DOK) >= 30


@pytest.mark.django_db
@pytest.mark.parametrize(("node", "indikator", "kolom", "nilai"), BARIS_DOK,
                         ids=[f"{n}-{i}-{k}" for n, i, k, _ in BARIS_DOK])
def test_baris_tabel_dok(tabel: TabelEvaluasi, node: str, indikator: str, kolom: str, nilai: str) -> None:
    dihitung = _sel(tabel, node, indikator, kolom)
    if re.fullmatch(r"[A-Z]{1,2}", nilai):
        assert dihitung == nilai
        return
    assert isinstance(dihitung, Decimal)
    # The doc shows values rounded half-up to two decimals (presentation); compare the same way.
    assert bulatkan(dihitung, 2) == bulatkan(parse_angka(nilai), 2)
