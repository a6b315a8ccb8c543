"""Indonesian numbers: the tables of docs/algorithms/formula.md section 1, plus properties."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip.engine import (
    AngkaTidakValid,
    Pembulatan,
    bulatkan,
    format_angka,
    format_persen,
    format_rupiah,
    parse_angka,
    parse_rentang,
    to_decimal,
)

from ._tabel_dok import KOSONG, baca_tabel, kasus

VALID = baca_tabel("formula.md", "angka-valid")
TOLAK = baca_tabel("formula.md", "angka-tolak")
FORMAT = baca_tabel("formula.md", "format")


@pytest.mark.parametrize("r", kasus(VALID, "teks"))
def test_parse_angka_seed(r: dict[str, str]) -> None:
    hasil = parse_angka(r["teks"], boleh_persen=r["boleh %"] == "ya")
    # str() compares the exponent too: "22,300" must stay Decimal("22.300").
    assert str(hasil) == r["hasil (Python)"]


@pytest.mark.parametrize("r", kasus(TOLAK, "teks"))
def test_parse_angka_menolak(r: dict[str, str]) -> None:
    with pytest.raises(AngkaTidakValid) as e:
        parse_angka(r["teks"], boleh_persen=r["boleh %"] == "ya")
    assert r["pesan memuat"].lower() in str(e.value).lower()


@pytest.mark.parametrize("r", kasus(FORMAT, "hasil"))
def test_format_seed(r: dict[str, str]) -> None:
    nilai = Decimal(r["nilai (Python)"])
    desimal = None if r["desimal"] == KOSONG else int(r["desimal"])
    mode = Pembulatan(r["pembulatan"])
    if r["fungsi"] == "angka":
        teks = format_angka(nilai, desimal, pembulatan=mode)
    elif r["fungsi"] == "persen":
        teks = format_persen(nilai, desimal, pembulatan=mode)
    else:
        teks = format_rupiah(nilai, pembulatan=mode)
    assert teks == r["hasil"]


def test_seribu_dua_ratus_tiga_puluh_empat_bukan_desimal() -> None:
    # The documented ambiguous case: a dot is always a thousands separator.
    assert parse_angka("1.234") == 1234
    with pytest.raises(AngkaTidakValid, match="gunakan koma untuk desimal"):
        parse_angka("1.5")


def test_to_decimal() -> None:
    assert to_decimal(Decimal("1.50")) == Decimal("1.50")
    assert to_decimal(7) == 7
    assert to_decimal("22,300") == Decimal("22.300")
    assert to_decimal("87,08%", boleh_persen=True) == Decimal("87.08")
    for salah in (22.3, True, None, [1], Decimal("NaN"), Decimal("Infinity")):
        with pytest.raises(AngkaTidakValid):
            to_decimal(salah)


def test_parse_rentang() -> None:
    assert parse_rentang("3 - 10") == (Decimal(3), Decimal(10))  # lkip-2024 Tabel 2.8
    assert parse_rentang("3–10") == (Decimal(3), Decimal(10))
    assert parse_rentang("2,5 s.d. 7,5") == (Decimal("2.5"), Decimal("7.5"))
    assert parse_rentang("-3 - -1") == (Decimal(-3), Decimal(-1))
    with pytest.raises(AngkaTidakValid, match="batas bawah lebih besar"):
        parse_rentang("10 - 3")
    with pytest.raises(AngkaTidakValid):
        parse_rentang("10")


def test_bulatkan_modes() -> None:
    x = Decimal("110.7264573991")
    assert bulatkan(x, 2) == Decimal("110.73")
    assert bulatkan(x, 2, Pembulatan.DOWN) == Decimal("110.72")
    assert bulatkan(Decimal("0.125"), 2, Pembulatan.HALF_EVEN) == Decimal("0.12")
    assert bulatkan(Decimal("-0.125"), 2) == Decimal("-0.13")  # half-up is away from zero
    assert bulatkan(Decimal("1234"), -2) == Decimal("1.2E+3")
    # Large values keep every digit (the helper widens its precision).
    besar = Decimal("12345678901234567890123456789012345.678")
    assert bulatkan(besar, 2) == Decimal("12345678901234567890123456789012345.68")


def test_format_tidak_menerima_float_atau_nan() -> None:
    with pytest.raises(TypeError):
        format_angka(1.5)  # type: ignore[arg-type]
    with pytest.raises(AngkaTidakValid):
        format_angka(Decimal("NaN"))


desimal_terhingga = st.decimals(
    allow_nan=False, allow_infinity=False, min_value=-(10**15), max_value=10**15, places=None
)


@settings(deadline=None)
@given(st.one_of(desimal_terhingga, st.decimals(allow_nan=False, allow_infinity=False)))
def test_properti_format_lalu_parse_kembali_sama(x: Decimal) -> None:
    assert parse_angka(format_angka(x, desimal=None)) == x


@settings(deadline=None)
@given(desimal_terhingga, st.integers(min_value=0, max_value=6), st.sampled_from(Pembulatan))
def test_properti_format_berdesimal_sama_dengan_bulatkan(
    x: Decimal, desimal: int, mode: Pembulatan
) -> None:
    teks = format_angka(x, desimal, pembulatan=mode)
    assert parse_angka(teks) == bulatkan(x, desimal, mode)
    assert abs(bulatkan(x, desimal, mode) - x) < Decimal(1).scaleb(-desimal)


@settings(deadline=None)
@given(st.text(max_size=20))
def test_properti_parse_hanya_angka_atau_angka_tidak_valid(teks: str) -> None:
    try:
        hasil = parse_angka(teks, boleh_persen=True)
    except AngkaTidakValid:
        return
    assert hasil.is_finite()
