"""Properties of the leaf roll-up: an oracle comparison against a naive recursive tree sum."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sakip.engine.angka import jumlahkan
from sakip.kinerja import anggaran as hitung

# A tree of up to 3 levels (program → kegiatan → sub kegiatan) with leaf amounts in sen.
sen = st.integers(min_value=0, max_value=10**15).map(lambda s: Decimal(s) / 100)
daun_st = st.lists(sen, min_size=1, max_size=3)
kegiatan_st = st.lists(daun_st, min_size=1, max_size=3)
pohon_st = st.lists(kegiatan_st, min_size=1, max_size=3)


def _baris(pohon: list[list[list[Decimal]]], tingkat: set[int]) -> list[hitung.Baris]:
    """Lines at the chosen levels (0 program, 1 kegiatan, 2 sub kegiatan); upper lines repeat sums,
    as lkip-2024 Tabel 3.20 does. The sub kegiatan level is always present."""
    hasil = []
    for p, keg in enumerate(pohon):
        jp = (f"P{p}",)
        if 0 in tingkat:
            total = sum((v for k in keg for v in k), Decimal(0))
            hasil.append(hitung.Baris(jp[0], "APBD", total, total, total, jp, jp[0]))
        for k, subs in enumerate(keg):
            jk = (*jp, f"K{p}.{k}")
            if 1 in tingkat:
                total = sum(subs, Decimal(0))
                hasil.append(hitung.Baris(jk[-1], "APBD", total, total, total, jk, jp[0]))
            for s, v in enumerate(subs):
                js = (*jk, f"SK{p}.{k}.{s}")
                hasil.append(hitung.Baris(js[-1], "APBD", v, v, v, js, jp[0]))
    return hasil


@given(pohon_st, st.sets(st.integers(0, 1)))
def test_jumlah_daun_sama_dengan_jumlah_pohon_apa_pun_tingkat_yang_dicetak(
    pohon: list[list[list[Decimal]]], tingkat: set[int]
) -> None:
    baris = _baris(pohon, tingkat)
    oracle = sum((v for keg in pohon for k in keg for v in k), Decimal(0))
    daun = hitung.daun(baris)
    assert all(b.label.startswith("SK") for b in daun)
    total = hitung.jumlah(daun)
    assert total.pagu == total.realisasi == oracle
    assert total.selisih == 0
    for p, keg in enumerate(pohon):
        grup = hitung.kelompokkan(daun, lambda b: b.program)[f"P{p}"]
        assert hitung.jumlah(grup).pagu == sum((v for k in keg for v in k), Decimal(0))
    assert hitung.periksa_konsistensi(baris) == []


@given(sen.filter(lambda v: v > 0), sen)
def test_serapan_ditambah_efisiensi_persen_tepat_seratus(pagu: Decimal, realisasi: Decimal) -> None:
    r = hitung.Ringkasan(pagu, None, realisasi)
    assert r.serapan is not None and r.efisiensi_persen is not None
    assert jumlahkan([r.serapan, r.efisiensi_persen]) == 100  # exact, no rounding drift
    assert r.efisiensi_rupiah == pagu - realisasi
    assert (r.serapan == 100) is (realisasi == pagu)
