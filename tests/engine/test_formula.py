"""Formula language: the tables of docs/algorithms/formula.md section 2, plus properties."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip.engine import (
    Formula,
    FormulaTidakValid,
    NilaiFormula,
    SiklusFormula,
    TidakTerukur,
    bulatkan,
    parse_angka,
    periksa_formula,
    urutkan_definisi,
)

from ._oracle import sama_dengan_oracle
from ._tabel_dok import baca_tabel, kasus, nilai_bernama

HITUNG = baca_tabel("formula.md", "formula")
TIDAK_TERUKUR = baca_tabel("formula.md", "formula-tidak-terukur")
TOLAK = baca_tabel("formula.md", "formula-tolak")


@pytest.mark.parametrize("r", kasus(HITUNG, "sumber"))
def test_formula_seed(r: dict[str, str]) -> None:
    hasil = Formula.parse(r["rumus"]).hitung(
        nilai_bernama(r["nilai"]), nilai_bernama(r["nilai lalu"])
    )
    assert isinstance(hasil, NilaiFormula)
    assert hasil.jejak == r["jejak"]
    assert bulatkan(hasil.nilai, 2) == parse_angka(r["hasil (2 desimal)"])


@pytest.mark.parametrize("r", kasus(TIDAK_TERUKUR, "alasan"))
def test_formula_tidak_terukur(r: dict[str, str]) -> None:
    hasil = Formula.parse(r["rumus"]).hitung(
        nilai_bernama(r["nilai"]), nilai_bernama(r["nilai lalu"])
    )
    assert hasil == TidakTerukur(r["alasan"])


@pytest.mark.parametrize("r", kasus(TOLAK, "rumus"))
def test_formula_ditolak(r: dict[str, str]) -> None:
    with pytest.raises(FormulaTidakValid) as e:
        Formula.parse(r["rumus"])
    assert r["pesan memuat"] in e.value.pesan
    assert e.value.posisi + 1 == int(r["kolom"])
    assert f"(kolom {r['kolom']})" in str(e.value)


def test_nama_elemen() -> None:
    f = Formula.parse("(unit_industri - prev(unit_industri)) / lalu(unit_industri) * 100")
    assert f.nama_elemen == {"unit_industri"}
    assert f.nama_elemen_lalu == {"unit_industri"}
    g = Formula.parse("a * b + prev(c)")
    assert g.nama_elemen == {"a", "b"}
    assert g.nama_elemen_lalu == {"c"}


def test_none_dianggap_belum_diisi_dan_persen_bisa_dipaksa() -> None:
    f = Formula.parse("a / b")
    assert f.hitung({"a": Decimal(1), "b": None}) == TidakTerukur("data b belum diisi")
    hasil = f.hitung({"a": Decimal(1), "b": Decimal(8)}, persen=True, desimal=3)
    assert hasil == NilaiFormula(Decimal("0.125"), "1 / 8 = 0,125%")


def test_simbol_dari_laporan_diterima() -> None:
    f = Formula.parse("(a − b) ÷ b × 100")
    assert f.kanonik == "(a − b) / b × 100"
    assert f.hitung({"a": Decimal(3), "b": Decimal(2)}) == NilaiFormula(
        Decimal(50), "(3 − 2) / 2 × 100% = 50,00%"
    )


def test_pembagian_eksak() -> None:
    # No intermediate rounding: (a / b) * b == a even for a non-terminating quotient.
    f = Formula.parse("a / b * b")
    hasil = f.hitung({"a": Decimal(70), "b": Decimal(90)})
    assert isinstance(hasil, NilaiFormula)
    assert hasil.nilai == 70


def test_periksa_formula() -> None:
    dikenal = {"unit_industri", "ekspor"}
    assert periksa_formula("(unit_industri - prev(unit_industri)) * 2", dikenal) == []
    assert periksa_formula("unit_industy * 2 + prev(impor)", dikenal) == [
        "elemen data 'impor' tidak dikenal",
        "elemen data 'unit_industy' tidak dikenal (maksud Anda 'unit_industri'?)",
    ]
    assert periksa_formula("a +", dikenal) == [
        "rumus berakhir tiba-tiba; diharapkan angka, nama elemen data, atau '(' (kolom 4)"
    ]


def test_urutkan_definisi() -> None:
    definisi = {
        "persen_ekspor": Formula.parse("ekspor_nonmigas / ekspor_total * 100"),
        "ekspor_total": Formula.parse("ekspor_nonmigas + ekspor_migas"),
        # prev(stok) is last year's stored value: not a dependency, so not a cycle.
        "stok": Formula.parse("prev(stok) + masuk - keluar"),
    }
    assert urutkan_definisi(definisi) == ["ekspor_total", "persen_ekspor", "stok"]


def test_siklus_disebut() -> None:
    definisi = {
        "a": Formula.parse("b + 1"),
        "b": Formula.parse("c * 2"),
        "c": Formula.parse("a"),
        "d": Formula.parse("d + 1"),
    }
    with pytest.raises(SiklusFormula) as e:
        urutkan_definisi(definisi)
    assert e.value.siklus == ("a", "b", "c", "a")
    assert "a → b → c → a" in str(e.value)
    with pytest.raises(SiklusFormula, match="d → d"):
        urutkan_definisi({"d": definisi["d"]})


def test_rumus_terlalu_panjang_atau_dalam() -> None:
    with pytest.raises(FormulaTidakValid, match="terlalu dalam"):
        Formula.parse("(" * 150 + "a" + ")" * 150)
    with pytest.raises(FormulaTidakValid, match="terlalu dalam"):
        Formula.parse("-" * 150 + "a")
    with pytest.raises(FormulaTidakValid, match="lebih dari"):
        Formula.parse("a + " * 600 + "a")


# --- properties ---------------------------------------------------------------------------

angka = st.decimals(
    min_value=-(10**9), max_value=10**9, places=4, allow_nan=False, allow_infinity=False
)
_OP = ["+", "-", "*", "/"]


@st.composite
def ekspresi(draw: st.DrawFn, kedalaman: int = 3) -> tuple[str, Fraction | None]:
    """A random formula text over a, b, prev(a) and its value by a Fraction oracle."""
    nilai = {"a": Fraction(3, 2), "b": Fraction(-7), "prev(a)": Fraction(1, 4)}
    if kedalaman == 0 or draw(st.booleans()):
        daun = draw(st.sampled_from([*nilai, "2", "0.5", "100", "0"]))
        return daun, nilai.get(daun, Fraction(daun) if daun[0].isdigit() else None)
    kiri, nk = draw(ekspresi(kedalaman - 1))
    kanan, nn = draw(ekspresi(kedalaman - 1))
    op = draw(st.sampled_from(_OP))
    if nk is None or nn is None:
        hasil = None
    elif op == "+":
        hasil = nk + nn
    elif op == "-":
        hasil = nk - nn
    elif op == "*":
        hasil = nk * nn
    else:
        hasil = None if nn == 0 else nk / nn
    return f"({kiri} {op} {kanan})", hasil


@settings(deadline=None)
@given(ekspresi())
def test_properti_hasil_sama_dengan_oracle_pecahan(kasus_: tuple[str, Fraction | None]) -> None:
    teks, oracle = kasus_
    hasil = Formula.parse(teks).hitung(
        {"a": Decimal("1.5"), "b": Decimal(-7)}, {"a": Decimal("0.25")}
    )
    if oracle is None:
        assert isinstance(hasil, TidakTerukur)
        assert "pembagi bernilai nol" in hasil.alasan
        return
    assert isinstance(hasil, NilaiFormula)
    assert sama_dengan_oracle(hasil.nilai, oracle)


@settings(deadline=None)
@given(angka, angka)
def test_properti_tidak_pernah_exception_untuk_data(a: Decimal, b: Decimal) -> None:
    f = Formula.parse("(a - prev(a)) / prev(a) * 100 + a / b")
    hasil = f.hitung({"a": a, "b": b}, {"a": b})
    if b == 0:
        assert isinstance(hasil, TidakTerukur)
    else:
        assert isinstance(hasil, NilaiFormula)
        oracle = (Fraction(a) - Fraction(b)) / Fraction(b) * 100 + Fraction(a) / Fraction(b)
        assert sama_dengan_oracle(hasil.nilai, oracle)


@settings(deadline=None)
@given(st.text(alphabet="ab_ ()+-*/.,0123456789prevlu", max_size=30))
def test_properti_parse_tidak_pernah_crash(teks: str) -> None:
    try:
        Formula.parse(teks)
    except FormulaTidakValid as e:
        assert 0 <= e.posisi <= len(teks)
