"""Rows → engine → results, without the database (docs/algorithms/realisasi.md)."""

from decimal import Decimal

import pytest

from sakip.engine import KEMENPANRB, Agregasi, Kebijakan, Polaritas
from sakip.pengukuran.hitung import (
    ALASAN_TW_JUMLAH,
    Anggota,
    DefinisiElemen,
    DefinisiIndikator,
    ElemenTahun,
    Masukan,
    capaian_tersimpan,
    formula_dari,
    hitung_elemen,
    hitung_indikator,
    hitung_rollup,
    rapikan,
)

D = Decimal
BABEL = Kebijakan()
NTT = Kebijakan(batas_atas=D(100), skala=KEMENPANRB)


def ind(
    *, agregasi: Agregasi = Agregasi.NILAI_AKHIR, formula: str = "", polaritas: Polaritas = Polaritas.POSITIF,
    desimal: int = 2, kebijakan: Kebijakan = BABEL, skala: str = "", iku: bool = False, ref: str = "I1",
    id: int = 1,
) -> DefinisiIndikator:
    return DefinisiIndikator(
        id=id, opd_id=1, node_id=10, sasaran=True, ref=ref, polaritas=polaritas, skala_kualitatif=skala,
        desimal=desimal, agregasi=agregasi, formula=formula_dari(formula), iku=iku, kebijakan=kebijakan,
    )


def per_tw(baris: list) -> dict:
    return {b.triwulan: b for b in baris}


def test_jumlah_tahun_dan_triwulan():
    # lkjip-2025 IKU1: quarters 5,830 + 6,170 + 6,080 + 6,612 = 24,692 against 22,300.
    nilai = [D("5.83000000"), D("6.17000000"), D("6.08000000"), D("6.61200000")]  # as NilaiField returns
    b = per_tw(hitung_indikator(ind(agregasi=Agregasi.JUMLAH, desimal=3), 2025, Masukan("22,300", nilai)))
    tahun = b[0]
    assert tahun.capaian.teks == "110,73%" and tahun.capaian.band.label == "Sangat Baik"
    assert tahun.realisasi == D("24.692") and tahun.realisasi_teks == "24,692"
    assert tahun.jejak.splitlines() == [
        "realisasi s.d. TW IV (jumlah) = 5,830 + 6,170 + 6,080 + 6,612 = 24,692",
        "24,692 / 22,300 × 100% = 110,73%",
    ]
    # A quarter of a summed indicator is not compared with the year's target (PK comes later)…
    assert not b[2].capaian.terukur and b[2].capaian.alasan == ALASAN_TW_JUMLAH
    assert b[2].realisasi == D("6.170") and b[2].realisasi_sd == D("12.000")
    # …but through TW IV the to-date value is the year's.
    assert b[4].capaian.teks == "110,73%"


def test_kumulatif_triwulan_terhadap_target_tahunan():
    nilai = [D(3), D(6), None, D(12)]
    b = per_tw(hitung_indikator(ind(agregasi=Agregasi.KUMULATIF, desimal=0), 2025, Masukan("12", nilai)))
    assert b[2].capaian.teks == "50,00%"  # 6 of 12 to date
    assert not b[3].capaian.terukur and "TW III belum diisi" in b[3].capaian.alasan
    assert b[0].capaian.teks == "100,00%" and b[0].capaian.kata == "mencapai target"


def test_rata_rata_triwulan_terukur():
    b = per_tw(hitung_indikator(ind(agregasi=Agregasi.RATA_RATA), 2025, Masukan("95", [D(90), D(96), None, None])))
    assert b[2].realisasi_sd == D(93) and b[2].capaian.teks == "97,89%"


def test_rumus_dengan_prev_dan_elemen_turunan():
    definisi = {
        "unit": DefinisiElemen("unit", None),
        "a": DefinisiElemen("a", None),
        "b": DefinisiElemen("b", None),
        "a_kali_dua": DefinisiElemen("a_kali_dua", formula_dari("a * 2")),
    }
    mentah = {
        2024: {"unit": [None, None, None, D("23479")]},
        2025: {"unit": [None, None, None, D("24374")], "a": [None, None, None, D(35)], "b": [None, None, None, D(90)]},
    }
    elemen = ElemenTahun(hitung_elemen(definisi, mentah))
    tumbuh = hitung_indikator(ind(formula="(unit - prev(unit)) / prev(unit) * 100"), 2025, Masukan("2,75"), elemen)
    assert tumbuh[-1].realisasi_teks == "3,81"
    assert tumbuh[-1].jejak.splitlines()[0] == "TW IV: (24.374 − 23.479) / 23.479 × 100% = 3,81%"
    rasio = hitung_indikator(ind(formula="a_kali_dua / b * 100"), 2025, Masukan("90"), elemen)
    assert rasio[-1].realisasi_teks == "77,78"  # 70 / 90: the derived element is computed first
    assert rasio[-1].capaian.teks == "86,42%"


def test_rumus_tanpa_data_tahun_lalu_menjelaskan_sebabnya():
    elemen = ElemenTahun({2025: {"unit": [None, None, None, D(10)]}})
    b = hitung_indikator(ind(formula="(unit - prev(unit)) / prev(unit) * 100"), 2025, Masukan("2"), elemen)
    assert not b[-1].capaian.terukur
    assert b[-1].capaian.alasan == "realisasi TW IV tidak dapat dihitung: data unit tahun lalu belum diisi"


def test_nilai_langsung_cadangan_untuk_indikator_berumus():
    # NTT realisasi-2023: the printed 1,31 stands in for the formula whose inputs are not printed.
    b = hitung_indikator(ind(formula="a / b * 100"), 2023, Masukan(None, [None, None, None, D("1.31")]))
    assert b[-1].realisasi == D("1.31")
    assert b[-1].jejak.splitlines()[0] == "TW IV: nilai langsung 1,31 (data rumus belum diisi)"
    assert b[-1].capaian.alasan == "target belum ditetapkan"


def test_nilai_tahunan_langsung_menang_atas_triwulan():
    # A year-end figure for a summed indicator (lkjip-2025: 2024 realisation 22,142 only).
    m = Masukan("21,750", [None, None, None, D("22.142")], tahunan=D("22.14200000"))
    b = per_tw(hitung_indikator(ind(agregasi=Agregasi.JUMLAH, desimal=3), 2024, m))
    assert b[0].capaian.teks == "101,80%"
    assert b[0].jejak.splitlines() == ["realisasi tahunan diisi langsung = 22,142", "22,142 / 21,750 × 100% = 101,80%"]
    assert not b[4].capaian.terukur  # the quarters alone do not make the year


def test_negatif_dan_batas_atas():
    b = hitung_indikator(ind(polaritas=Polaritas.NEGATIF), 2025, Masukan("8", [None, None, None, D("4.46")]))
    assert b[-1].capaian.teks == "144,25%"
    ntt = hitung_indikator(ind(kebijakan=NTT), 2024, Masukan("1,3", [None, None, None, D("1.40")]))
    assert ntt[-1].capaian.teks == "100,00%" and ntt[-1].capaian.dibatasi
    assert ntt[-1].capaian.band.label == "Sangat Berhasil"


def test_kualitatif_label_terakhir():
    m = Masukan("WTP", label=["", "WDP", "", ""])
    b = per_tw(hitung_indikator(ind(polaritas=Polaritas.KUALITATIF, skala="opini-bpk"), 2025, m))
    assert b[0].realisasi_teks == "WDP" and b[0].capaian.teks == "75,00%"
    assert not b[1].capaian.terukur


def test_target_tidak_valid_tidak_terukur():
    b = hitung_indikator(ind(), 2025, Masukan("1.5", [D(1), None, None, None]))
    assert not b[-1].capaian.terukur and "target '1.5' tidak valid" in b[-1].capaian.alasan


@pytest.mark.parametrize(
    "nilai, desimal, hasil",
    [(D("24.69200000"), 3, "24.692"), (D("100.00000000"), 2, "100.00"), (D("24374.00000000"), None, "24374"),
     (D("3.81191720"), 2, "3.8119172")],
)
def test_rapikan_tidak_membulatkan(nilai, desimal, hasil):
    r = rapikan(nilai, desimal)
    assert r == nilai and format(r, "f") == hasil


def test_rollup_dari_baris_tersimpan_sama_dengan_dari_engine():
    # NTT 2024: (100 + 100 + 11,07) / 3 = 70,36% "Cukup Berhasil", whether the roll-up reads the
    # engine's Capaian or rows read back from the database.
    daftar = [
        ind(id=1, ref="IKU1", iku=True, kebijakan=NTT),
        ind(id=2, ref="IKU2", iku=True, kebijakan=NTT),
        ind(id=3, ref="IKU3", iku=True, kebijakan=NTT),
    ]
    masukan = [("1,3", D("1.40")), ("12,5", D("12.80")), ("55", D("6.0871"))]
    peta = {}
    for i, (t, r) in zip(daftar, masukan, strict=True):
        for b in hitung_indikator(i, 2024, Masukan(t, [None, None, None, r])):
            peta[(i.id, b.triwulan)] = b.capaian
    langsung = hitung_rollup(1, 2024, daftar, peta, NTT, sasaran=[])
    tersimpan = {k: capaian_tersimpan(c.terukur, str(c.nilai) if c.nilai is not None else "", c.teks, c.alasan)
                 for k, c in peta.items()}
    anggota = [Anggota(i.id, i.ref, i.node_id, i.sasaran, i.iku) for i in daftar]
    dibaca = hitung_rollup(1, 2024, anggota, tersimpan, NTT, sasaran=[])
    assert [r.hasil for r in langsung] == [r.hasil for r in dibaca]
    opd = next(r.hasil for r in langsung if r.node_id is None and r.triwulan == 0)
    assert (opd.teks, opd.band.label, opd.jejak) == ("70,36%", "Cukup Berhasil", "(100 + 100 + 11,07) / 3 = 70,36%")
