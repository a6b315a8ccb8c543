"""Computed vs printed (`tercetak`): where renja-2024 Tabel 2.1 contradicts its own inputs.

Each test asserts the exact set of rows where the seed is wrong, so a change in the computation
(or in the demo file) that hides or adds a mismatch fails here.
"""

from decimal import Decimal
from typing import Any

import pytest

from sakip.engine.angka import bulatkan, parse_angka
from sakip.organisasi.models import PerangkatDaerah
from sakip.renja.evaluasi import BarisHasil, TabelEvaluasi
from sakip.renja.selectors import tabel_evaluasi


@pytest.fixture(scope="module")
def tabel(demo_renja: list[str]) -> TabelEvaluasi:
    return tabel_evaluasi(opd=PerangkatDaerah.objects.get(slug="babel-dkukm"), tahun=2022)


def _pasangan(tabel: TabelEvaluasi, data: dict[str, Any]) -> list[tuple[BarisHasil, dict[str, Any]]]:
    hasil = []
    for isi in data["baris"]:
        baris = next(b for b in tabel.baris
                     if b.masukan.node == isi["node"] and b.masukan.indikator == isi["indikator"])
        hasil.append((baris, isi.get("tercetak") or {}))
    return hasil


def _d(teks: str | None) -> Decimal | None:
    return None if teks is None else parse_angka(teks)


@pytest.mark.django_db
def test_capaian_rp_tercetak_cocok_di_semua_baris(tabel: TabelEvaluasi, data_evaluasi: dict) -> None:
    """Column 13 Rp: every printed value is reproduced (from the sub kegiatan inputs)."""
    dibandingkan = 0
    for baris, cetak in _pasangan(tabel, data_evaluasi):
        if "capaian_rp" in cetak:
            assert bulatkan(baris.capaian.rp, 2) == parse_angka(cetak["capaian_rp"]), baris.masukan.node
            dibandingkan += 1
    assert dibandingkan == 41


@pytest.mark.django_db
def test_realisasi_tercetak_cocok(tabel: TabelEvaluasi, data_evaluasi: dict) -> None:
    """Column 12 Rp: every printed value equals the computed sum (roll-ups included)."""
    for baris, cetak in _pasangan(tabel, data_evaluasi):
        rp = (cetak.get("realisasi") or {}).get("rp")
        if rp is not None:
            assert baris.realisasi.rp == parse_angka(rp), baris.masukan.node


@pytest.mark.django_db
def test_kolom_14_rp_tercetak_tidak_sama_dengan_6_tambah_12(tabel: TabelEvaluasi, data_evaluasi: dict) -> None:
    salah = {}
    for baris, cetak in _pasangan(tabel, data_evaluasi):
        rp = (cetak.get("realisasi_renstra") or {}).get("rp")
        if rp is not None and baris.realisasi_renstra.rp != parse_angka(rp):
            salah[baris.masukan.node] = (parse_angka(rp), baris.realisasi_renstra.rp)
    assert set(salah) == {
        "P1", "K1.4", "P3", "K3.1", "SK3.1.2", "P4", "K4.1", "SK4.1.1", "SK4.1.2",
        "P6", "K6.1", "P7", "K7.1", "SK7.1.1", "P8", "K8.1", "SK8.1.1",
    }
    # The brief's example: Program Penunjang, column 14 Rp.
    dicetak, dihitung = salah["P1"]
    assert dicetak == Decimal("16368222737")
    assert dihitung == Decimal("22056498552")  # from the sub kegiatan inputs
    p1 = data_evaluasi["baris"][0]["tercetak"]
    # Printed column 6 + printed column 12 (the demo file's catatan): 22.084.448.552. The 27.950.000
    # between the two is K1.4's printed column 6 roll-up, which its children do not sum to.
    cetak_6_12 = parse_angka(p1["rp_rollup"]["realisasi_sd_tahun_lalu"]) + parse_angka(p1["realisasi"]["rp"])
    assert cetak_6_12 == Decimal("22084448552")
    assert cetak_6_12 - dihitung == Decimal("27950000")


@pytest.mark.django_db
def test_rollup_tercetak_yang_bukan_jumlah_anaknya(tabel: TabelEvaluasi, data_evaluasi: dict) -> None:
    kolom = {"target_renstra_akhir": "target_renstra", "realisasi_sd_tahun_lalu": "realisasi_lalu",
             "target_renja": "target_renja", "realisasi": "realisasi"}
    salah = set()
    for baris, cetak in _pasangan(tabel, data_evaluasi):
        for kunci, nilai in (cetak.get("rp_rollup") or {}).items():
            if getattr(baris, kolom[kunci]).rp != parse_angka(nilai):
                salah.add((baris.masukan.node, kunci))
    assert salah == {
        ("P1", "target_renstra_akhir"), ("P1", "realisasi_sd_tahun_lalu"),
        ("K1.3", "target_renstra_akhir"), ("K1.4", "realisasi_sd_tahun_lalu"),
        ("P6", "target_renstra_akhir"),
    }


@pytest.mark.django_db
def test_rata_rata_dan_predikat_tercetak(tabel: TabelEvaluasi, data_evaluasi: dict) -> None:
    beda_k, beda_rp, beda_predikat = set(), set(), set()
    for baris, cetak in _pasangan(tabel, data_evaluasi):
        if "predikat" not in cetak or baris.masukan.jenis != "program":
            continue
        r = tabel.ringkasan(baris.masukan.node)
        # The seed prints means with one or two decimals ('10,3', '25'): compare at its precision.
        k = parse_angka(cetak["rata_rata_capaian_k"])
        desimal = max(0, -k.as_tuple().exponent)  # type: ignore[operator]
        if r.rata_rata_k is None or bulatkan(r.rata_rata_k, desimal) != k:
            beda_k.add(r.program)
        if bulatkan(r.rata_rata_rp, 2) != parse_angka(cetak["rata_rata_capaian_rp"]):
            beda_rp.add(r.program)
        if r.predikat is None or r.predikat.kode != cetak["predikat"]:
            beda_predikat.add(r.program)
    assert beda_k == {"P4"}  # 1,06 printed; its 13 K is 13,78. (P1: 24,72 rounds to 25 — as printed)
    assert beda_rp == {"P1", "P4"}  # 96,95 and 95,43 printed; 92,15 and 90,19 computed
    assert beda_predikat == {"P1", "P3", "P4"}  # printed T; the K means are all < 51 (SR)


@pytest.mark.django_db
def test_baris_jumlah_tercetak_memuat_program_yang_tidak_dicetak(tabel: TabelEvaluasi, data_evaluasi: dict) -> None:
    cetak = data_evaluasi["tercetak"]["total"]
    total = tabel.total
    assert total.target_renja_rp == Decimal("19842621949")
    assert _d(cetak["target_renja_rp"]) - total.target_renja_rp == Decimal("2469963975")
    assert total.realisasi_rp == Decimal("14166882599")
    assert _d(cetak["realisasi_rp"]) - total.realisasi_rp == Decimal("2357174752")
    assert bulatkan(total.capaian_rp, 2) == Decimal("71.40")
    # The printed 74,06 is the printed totals' own quotient: consistent with itself, not with the rows.
    assert bulatkan(_d(cetak["realisasi_rp"]) / _d(cetak["target_renja_rp"]) * 100, 2) == Decimal("74.06")
