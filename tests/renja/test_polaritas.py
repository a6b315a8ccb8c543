"""Column 13 K (and 15 K) by the indicator's polarity and the Pemda's policy.

The worked examples are docs/algorithms/renja-evaluasi.md's table `renja-polaritas`; the DB tests
prove the selector hands each row its indicator's polarity, the Pemda's policy and the indicator's
override, and that a range target travels from the import file to the table.
"""

import copy
from decimal import Decimal

import pytest

from sakip.core.impor import ImporGagal
from sakip.engine.angka import bulatkan, parse_angka, parse_rentang
from sakip.engine.kebijakan import Kebijakan, RumusNegatif
from sakip.engine.skala import KEMENPANRB
from sakip.organisasi.models import PerangkatDaerah
from sakip.perencanaan.models import Indikator
from sakip.renja.evaluasi import BarisMasukan, KRp, hitung_tabel
from sakip.renja.impor import evaluasi_renja_impor
from sakip.renja.keluaran import tabel_json, tabel_teks
from sakip.renja.selectors import tabel_evaluasi
from sakip.testing.tabel_dok import baca_tabel

KEBIJAKAN = {
    "babel": Kebijakan(),
    "babel-T/R": Kebijakan(rumus_negatif=RumusNegatif.T_BAGI_R),
    "ntt": Kebijakan(batas_atas=Decimal(100), skala=KEMENPANRB),
}
CONTOH = baca_tabel("renja-evaluasi.md", "renja-polaritas")


def _baris(polaritas: str, kebijakan: Kebijakan, target: str, realisasi: str, **lain: object) -> BarisMasukan:
    rentang = parse_rentang(target) if polaritas == "rentang" and "-" in target else None
    return BarisMasukan(
        node="S1", jenis="sub_kegiatan", indikator="I1",
        target_renja=KRp(None if rentang else parse_angka(target), Decimal(100)),
        tw=(KRp(), KRp(), KRp(), KRp(parse_angka(realisasi), Decimal(50))),
        polaritas=polaritas, kebijakan=kebijakan, rentang_renja=rentang, **lain,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("r", CONTOH, ids=[r["kasus"] for r in CONTOH])
def test_contoh_dok(r: dict[str, str]) -> None:
    b = hitung_tabel([_baris(r["polaritas"], KEBIJAKAN[r["kebijakan"]], r["target"], r["realisasi"])]).baris[0]
    assert b.jejak_k == r["jejak"]
    if r["13 K"] == "–":
        assert b.capaian.k is None
    else:
        assert b.capaian.k is not None and bulatkan(b.capaian.k, 2) == parse_angka(r["13 K"])
    assert b.capaian.rp == Decimal(50)  # money: always the plain ratio, whatever the polarity


def test_positif_tetap_rasio_formulir() -> None:
    """A positive indicator without a cap gives exactly the form's 12 / 7 × 100."""
    b = hitung_tabel([_baris("positif", Kebijakan(), "0,63", "0,065")]).baris[0]
    assert bulatkan(b.capaian.k, 2) == Decimal("10.32")  # type: ignore[arg-type]  # seed P3


def test_kolom_15_dan_rata_rata_program_menurut_polaritas() -> None:
    negatif = BarisMasukan(
        node="P1", jenis="program", indikator="I-neg", target_renstra=KRp(Decimal(10)),
        realisasi_lalu=KRp(Decimal(3)), target_renja=KRp(Decimal(10)),
        tw=(KRp(), KRp(), KRp(), KRp(Decimal(5))), polaritas="negatif", program="P1")
    positif = BarisMasukan(node="P1", jenis="program", indikator="I-pos", target_renja=KRp(Decimal(10)),
                           tw=(KRp(), KRp(), KRp(), KRp(Decimal(5))), program="P1")
    tabel = hitung_tabel([negatif, positif])
    neg, pos = tabel.baris
    assert neg.capaian.k == Decimal(150)  # (2 × 10 − 5) / 10
    assert neg.realisasi_renstra.k == Decimal(8)  # 14 = 6 + 12 = 3 + 5
    assert neg.capaian_renstra.k == Decimal(120)  # (2 × 10 − 8) / 10
    assert neg.jejak_renstra_k == "(2 × 10 − 8) / 10 × 100% = 120,00%"
    assert pos.capaian.k == Decimal(50)
    ringkasan = tabel.ringkasan("P1")
    assert ringkasan.rata_rata_k == Decimal(100)  # (150 + 50) / 2
    assert ringkasan.predikat is not None and ringkasan.predikat.kode == "ST"


# ---------------------------------------------------------------- through the database


@pytest.fixture
def dkukm(demo_renja: list[str]) -> PerangkatDaerah:
    return PerangkatDaerah.objects.get(slug="babel-dkukm")


def _k(opd: PerangkatDaerah, node: str, indikator: str) -> Decimal | None:
    b = next(b for b in tabel_evaluasi(opd=opd, tahun=2022).baris
             if b.masukan.node == node and b.masukan.indikator == indikator)
    return b.capaian.k


@pytest.mark.django_db
def test_selector_memakai_polaritas_kebijakan_pemda_dan_timpaan(dkukm: PerangkatDaerah) -> None:
    # Program Penunjang, Nilai SAKIP: target 80, realisation 20 (the seed's 25 %).
    assert _k(dkukm, "P1", "I-P1") == Decimal(25)
    ind = Indikator.objects.get(renstra__opd=dkukm, ref="I-P1")
    ind.polaritas = "negatif"
    ind.save(update_fields=["polaritas"])
    assert _k(dkukm, "P1", "I-P1") == Decimal(175)  # Babel's 2T−R: (160 − 20) / 80
    ind.kebijakan_rumus_negatif = RumusNegatif.T_BAGI_R.value
    ind.save(update_fields=["kebijakan_rumus_negatif"])
    assert _k(dkukm, "P1", "I-P1") == Decimal(400)  # the indicator's own T/R: 80 / 20
    pemda = dkukm.pemda
    pemda.batas_atas = Decimal(100)
    pemda.save(update_fields=["batas_atas"])
    dkukm.refresh_from_db()
    assert _k(dkukm, "P1", "I-P1") == Decimal(100)  # the Pemda's cap applies to column 13 K too


@pytest.mark.django_db
def test_target_rentang_dari_berkas_sampai_tabel(dkukm: PerangkatDaerah, data_evaluasi: dict) -> None:
    Indikator.objects.filter(renstra__opd=dkukm, ref="I-SK1.1.1").update(polaritas="rentang")
    data = copy.deepcopy(data_evaluasi)
    baris = next(b for b in data["baris"] if b["indikator"] == "I-SK1.1.1")
    baris["target_renja"]["k"] = "5 - 10"
    baris["target_renstra_akhir"]["k"] = "3 - 6"
    evaluasi_renja_impor(data=data, sumber="uji.yaml")
    hasil = next(b for b in tabel_evaluasi(opd=dkukm, tahun=2022).baris if b.masukan.indikator == "I-SK1.1.1")
    assert hasil.masukan.rentang_renja == (Decimal(5), Decimal(10))
    assert hasil.capaian.k == Decimal(100)  # 7 within 5 – 10
    assert hasil.jejak_k == "5 ≤ 7 ≤ 10 (di dalam rentang) = 100,00%"
    # Column 15: 14 = 3 + 7 = 10, above 3 – 6: 6 / 10 × 100.
    assert hasil.capaian_renstra.k == Decimal(60)
    tabel = tabel_evaluasi(opd=dkukm, tahun=2022)
    assert "5 – 10" in tabel_teks(tabel, judul_tabel="uji")
    json_baris = next(b for b in tabel_json(tabel)["baris"] if b["indikator"] == "I-SK1.1.1")
    assert json_baris["target_renja"]["rentang"] == ["5", "10"] and json_baris["polaritas"] == "rentang"
    # A range indicator's target must be an interval: a number is refused, located.
    baris["target_renja"]["k"] = "5"
    with pytest.raises(ImporGagal) as e:
        evaluasi_renja_impor(data=data, sumber="uji.yaml")
    assert "target_renja › k" in str(e.value) and "harus rentang" in str(e.value)
