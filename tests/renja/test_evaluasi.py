"""The pure computation of the evaluation table (no database)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.renja.evaluasi import (
    KOSONG,
    BarisMasukan,
    KRp,
    TriwulanTidakValid,
    hitung_tabel,
    persen,
)

D = Decimal


def _tw(*nilai: KRp) -> tuple[KRp, KRp, KRp, KRp]:
    return (*nilai, *([KOSONG] * (4 - len(nilai))))  # type: ignore[return-value]


def _pohon(*, hanya_tahunan: bool = False) -> list[BarisMasukan]:
    """A program with one kegiatan holding two sub kegiatan; money on the sub kegiatan only."""
    return [
        BarisMasukan("P", "program", "IP", target_renja=KRp(D(10)),
                     tw=_tw(KRp(D(2)), KRp(D(3)), KRp(D(1)), KRp(D(2))), program="P"),
        BarisMasukan("K", "kegiatan", "IK", leluhur=("P",), program="P"),
        BarisMasukan("S1", "sub_kegiatan", "IS1", leluhur=("P", "K"), program="P",
                     target_renstra=KRp(None, D(1000)), realisasi_lalu=KRp(None, D(300)),
                     target_renja=KRp(D(4), D(400)),
                     tw=_tw(KRp(D(1), D(100)), KRp(D(1), D(100)), KRp(D(1), D(50)), KRp(D(1), D(150)))),
        BarisMasukan("S2", "sub_kegiatan", "IS2", leluhur=("P", "K"), program="P",
                     target_renja=KRp(None, D(100)),
                     tw=_tw(KOSONG, KOSONG, KOSONG, KRp(None, D(100))), hanya_tahunan=hanya_tahunan),
    ]


def test_kolom_12_menjumlah_triwulan_dan_13_membagi_target() -> None:
    tabel = hitung_tabel(_pohon())
    s1 = tabel.baris_node("S1")[0]
    assert s1.realisasi == KRp(D(4), D(400))  # 12 = 8 + 9 + 10 + 11
    assert s1.capaian == KRp(D(100), D(100))  # 13 = 12 / 7 × 100
    assert s1.realisasi_renstra.rp == D(700)  # 14 = 6 + 12
    assert s1.capaian_renstra.rp == D(70)  # 15 = 14 / 5 × 100
    program = tabel.baris_node("P")[0]
    assert program.realisasi.k == D(8)
    assert program.capaian.k == D(80)


def test_uang_naik_ke_kegiatan_dan_program_tanpa_dihitung_dua_kali() -> None:
    tabel = hitung_tabel(_pohon())
    for ref in ("K", "P"):
        b = tabel.baris_node(ref)[0]
        assert b.target_renja.rp == D(500)
        assert b.realisasi.rp == D(500)
        assert b.capaian.rp == D(100)
        assert b.target_renstra.rp == D(1000)  # only S1 has a Renstra amount


def test_sampai_tw_memotong_triwulan() -> None:
    tabel = hitung_tabel(_pohon(), sampai_tw=2)
    s1 = tabel.baris_node("S1")[0]
    assert s1.realisasi == KRp(D(2), D(200))
    assert s1.tw[2] == KOSONG and s1.tw[3] == KOSONG
    assert s1.capaian.rp == D(50)
    # S2's only quarter is TW IV: through TW II nothing was realised, which is 0 money, a sum of
    # empty cells — shown empty, not 0.
    assert tabel.baris_node("S2")[0].realisasi.rp is None
    assert tabel.baris_node("K")[0].realisasi.rp == D(200)


def test_realisasi_tahunan_saja_tidak_diketahui_sebelum_tw_iv() -> None:
    tabel = hitung_tabel(_pohon(hanya_tahunan=True), sampai_tw=3)
    s2 = tabel.baris_node("S2")[0]
    assert s2.realisasi == KOSONG and s2.capaian == KOSONG and s2.realisasi_renstra == KOSONG
    # ... and so is the money of every node above it; S1 alone is still known.
    assert tabel.baris_node("K")[0].realisasi.rp is None
    assert tabel.baris_node("P")[0].capaian.rp is None
    assert tabel.baris_node("S1")[0].realisasi.rp == D(250)
    lengkap = hitung_tabel(_pohon(hanya_tahunan=True), sampai_tw=4)
    assert lengkap.baris_node("P")[0].realisasi.rp == D(500)


def test_uang_simpul_hanya_pada_baris_pertama() -> None:
    baris = [
        BarisMasukan("K", "kegiatan", "I1", target_renja=KRp(D(1), D(100)),
                     tw=_tw(KOSONG, KOSONG, KOSONG, KRp(D(1), D(80)))),
        BarisMasukan("K", "kegiatan", "I2", target_renja=KRp(D(2)), tw=_tw(KRp(D(1)))),
    ]
    tabel = hitung_tabel(baris)
    pertama, kedua = tabel.baris
    assert pertama.pertama and pertama.capaian.rp == D(80)
    assert not kedua.pertama and kedua.target_renja.rp is None and kedua.capaian == KRp(D(50), None)


@pytest.mark.parametrize(("x", "t"), [(None, D(1)), (D(1), None), (D(1), D(0))])
def test_tanpa_target_atau_data_tidak_terukur(x: Decimal | None, t: Decimal | None) -> None:
    assert persen(x, t) is None


def test_rata_rata_dan_predikat_program() -> None:
    baris = [
        BarisMasukan("P", "program", "I1", target_renja=KRp(D(100)), tw=_tw(KRp(D(95))), program="P"),
        BarisMasukan("P", "program", "I2", target_renja=KRp(D(100)), tw=_tw(KRp(D(86))), program="P"),
        BarisMasukan("P", "program", "I3", target_renja=KRp(D(100)), program="P"),  # no data
        BarisMasukan("K", "kegiatan", "I4", leluhur=("P",), target_renja=KRp(D(1)),
                     tw=_tw(KRp(D(0))), program="P"),  # kegiatan rows are not in the mean
    ]
    r = hitung_tabel(baris).ringkasan("P")
    assert r.rata_rata_k == D("90.5")
    # Half-open bands on the exact value: 90,5 is T (the printed '76–90' / '91–100' leave a gap).
    assert r.predikat is not None and r.predikat.kode == "T"


def test_total_dari_jumlah_bukan_rata_rata_persen() -> None:
    baris = [
        BarisMasukan("A", "program", "IA", target_renja=KRp(None, D(100)),
                     tw=_tw(KRp(None, D(100))), program="A"),
        BarisMasukan("B", "program", "IB", target_renja=KRp(None, D(900)),
                     tw=_tw(KRp(None, D(0))), program="B"),
    ]
    total = hitung_tabel(baris).total
    assert total.capaian_rp == D(10)  # 100 / 1000, not (100 % + 0 %) / 2


def test_triwulan_di_luar_1_sampai_4_ditolak() -> None:
    with pytest.raises(TriwulanTidakValid):
        hitung_tabel([], sampai_tw=5)


rupiah = st.integers(min_value=1, max_value=10**15).map(lambda n: Decimal(n) / 100)


@given(target=rupiah)
def test_realisasi_sama_dengan_target_adalah_100_persen(target: Decimal) -> None:
    baris = [BarisMasukan("S", "sub_kegiatan", "I", target_renja=KRp(target, target),
                          tw=_tw(KOSONG, KOSONG, KOSONG, KRp(target, target)))]
    assert hitung_tabel(baris).baris[0].capaian == KRp(D(100), D(100))


@given(bagian=st.lists(rupiah, min_size=1, max_size=4))
def test_kolom_12_sama_dengan_jumlah_eksak(bagian: list[Decimal]) -> None:
    tw = _tw(*(KRp(None, b) for b in bagian))
    hasil = hitung_tabel([BarisMasukan("S", "sub_kegiatan", "I", tw=tw)]).baris[0]
    assert hasil.realisasi.rp == sum(bagian, Decimal(0))


def test_sel_triwulan_di_atas_baris_tahunan_kosong() -> None:
    """K holds a quarterly child (S1) and a year-only one (S2): K's TW I–III money is unknown,
    its year (TW IV cut) is the full sum."""
    tabel = hitung_tabel(_pohon(hanya_tahunan=True))
    k = tabel.baris_node("K")[0]
    assert [t.rp for t in k.tw] == [None, None, None, D(250)]
    assert k.realisasi.rp == D(500)
    s1 = tabel.baris_node("S1")[0]
    assert [t.rp for t in s1.tw] == [D(100), D(100), D(50), D(150)]
