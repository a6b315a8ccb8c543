"""Quarters to year: the tables of docs/algorithms/formula.md sections 3 and 4."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sakip.engine import (
    Agregasi,
    TidakTerukur,
    format_masukan,
    nilai_tahunan,
    periksa_target_triwulan,
)

from ._oracle import sama_dengan_oracle
from ._tabel_dok import KOSONG, angka, baca_tabel, kasus

AGREGASI = baca_tabel("formula.md", "agregasi")
TARGET_TW = baca_tabel("formula.md", "target-triwulan")
TW = ("TW I", "TW II", "TW III", "TW IV")


@pytest.mark.parametrize("r", kasus(AGREGASI, "jenis"))
def test_nilai_tahunan_seed(r: dict[str, str]) -> None:
    hasil = nilai_tahunan(
        Agregasi(r["jenis"]), [angka(r[k]) for k in TW], sampai_tw=int(r["sampai TW"])
    )
    if r["hasil"].startswith("tidak terukur"):
        assert isinstance(hasil, TidakTerukur)
        assert str(hasil) == r["hasil"]
    else:
        assert isinstance(hasil, Decimal)
        assert format_masukan(hasil) == r["hasil"]  # value and printed precision


@pytest.mark.parametrize("r", kasus(TARGET_TW, "sumber"))
def test_periksa_target_triwulan_seed(r: dict[str, str]) -> None:
    temuan = periksa_target_triwulan(
        Agregasi(r["jenis"]), angka(r["tahunan"]), [angka(r[k]) for k in TW]
    )
    harapan = set() if r["temuan"] == KOSONG else {k.strip() for k in r["temuan"].split(",")}
    assert {t.kode for t in temuan} == harapan


def test_pesan_temuan_babel() -> None:
    # lkjip-2025 Tabel II.6: TW IV 22,150 against the annual 22,300.
    (t,) = periksa_target_triwulan(
        Agregasi.KUMULATIF,
        Decimal("22.300"),
        [Decimal("4.000"), Decimal("8.000"), Decimal("16.500"), Decimal("22.150")],
    )
    assert t.triwulan == 4
    assert t.pesan == (
        "Target TW IV (22,150) tidak sama dengan target tahunan (22,300); "
        "untuk target kumulatif keduanya harus sama."
    )


def test_toleransi_pembulatan() -> None:
    tw = [Decimal("1.81")] * 4
    assert (
        periksa_target_triwulan(Agregasi.JUMLAH, Decimal("7.25"), tw, toleransi=Decimal("0.01"))
        == []
    )
    (t,) = periksa_target_triwulan(Agregasi.JUMLAH, Decimal("7.25"), tw)
    assert "selisih -0,01" in t.pesan


def test_target_tahunan_kosong() -> None:
    kode = [t.kode for t in periksa_target_triwulan(Agregasi.JUMLAH, None, [None] * 4)]
    assert kode == ["TARGET_TW_KOSONG"] * 4 + ["TARGET_TAHUNAN_KOSONG"]


def test_argumen_salah_adalah_kesalahan_program() -> None:
    with pytest.raises(ValueError):
        nilai_tahunan(Agregasi.JUMLAH, [Decimal(1)] * 5)
    with pytest.raises(ValueError):
        nilai_tahunan(Agregasi.JUMLAH, [Decimal(1)], sampai_tw=0)


nilai_tw = st.one_of(
    st.none(),
    st.decimals(
        min_value=-(10**13), max_value=10**13, places=4, allow_nan=False, allow_infinity=False
    ),
)


@settings(deadline=None)
@given(
    st.sampled_from(Agregasi),
    st.lists(nilai_tw, min_size=4, max_size=4),
    st.integers(min_value=1, max_value=4),
)
@example(Agregasi.RATA_RATA, [Decimal(1), Decimal(1), Decimal(2), None], 4)  # mean 4/3
def test_properti_agregasi_sama_dengan_oracle(
    jenis: Agregasi, tw: list[Decimal | None], sampai: int
) -> None:
    hasil = nilai_tahunan(jenis, tw, sampai_tw=sampai)
    bagian = tw[:sampai]
    ada = [Fraction(v) for v in bagian if v is not None]
    oracle: Fraction | None
    if jenis is Agregasi.KUMULATIF:
        terakhir = bagian[-1]
        oracle = None if terakhir is None else Fraction(terakhir)
    elif jenis is Agregasi.JUMLAH:
        oracle = None if len(ada) < sampai else sum(ada, Fraction(0))
    elif jenis is Agregasi.RATA_RATA:
        oracle = sum(ada, Fraction(0)) / len(ada) if ada else None
    else:
        oracle = ada[-1] if ada else None
    if oracle is None:
        assert isinstance(hasil, TidakTerukur)
    else:
        assert isinstance(hasil, Decimal)
        assert sama_dengan_oracle(hasil, oracle)
