"""Indonesian numbers: the one place that parses, rounds and formats them.

Indonesian writes `1.234.567,89`: the dot groups thousands, the comma starts the decimals. Reports
are typed by hand, so the parser is strict: a malformed number is rejected with a message the
operator can act on, never guessed (the seed lkjip-2025 prints an asset total `5.719.50.296,82`;
reading it as anything would invent money).

Rules (docs/algorithms/formula.md, section "Angka Indonesia"):

- a dot is ALWAYS a thousands separator and must be followed by exactly three digits, so
  `1.234` is one thousand two hundred thirty-four and `1.5` is rejected ("gunakan koma untuk
  desimal"); a grouped number may not start with 0 (`0.500` is an English decimal, rejected);
- at most one comma, followed by at least one digit; digits after it are kept as typed
  (`22,300` parses to `Decimal("22.300")`, so its precision survives to the printed jejak);
- a leading `-` (or the typographic minus `−`) or accounting parentheses `(729.246.950)` make a
  number negative; a `Rp`/`Rp.` prefix is dropped; `%` only when the caller allows it.

Every computation in the engine is exact; rounding happens only in `bulatkan`, called when a
value is presented.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import (
    MAX_EMAX,
    MIN_EMIN,
    ROUND_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
)
from enum import StrEnum
from fractions import Fraction

# Significant digits kept when a quotient does not terminate (e.g. 70/90). Fifty digits are far
# beyond anything a report prints (two decimals of a value below 10^13), and every sum or product
# of inputs of that size stays exact.
PRESISI = 50

# Inputs printed in a worked computation (jejak) keep the exponent they were typed with, up to
# this many decimals; longer values (e.g. a realisation computed by a formula) are shortened.
MAKS_DESIMAL_MASUKAN = 4


class AngkaTidakValid(ValueError):
    """A number that is malformed or ambiguous in Indonesian notation (message in Indonesian)."""


class Pembulatan(StrEnum):
    """Rounding modes a Pemda may choose for presentation."""

    HALF_UP = "half_up"  # 0,005 -> 0,01: what people do by hand; the default
    HALF_EVEN = "half_even"  # banker's rounding
    DOWN = "down"  # truncate toward zero: reproduces lkjip-2025's 110,72 (= 110,726...)

    @property
    def mode_decimal(self) -> str:
        return _MODE_DECIMAL[self]


_MODE_DECIMAL = {
    Pembulatan.HALF_UP: ROUND_HALF_UP,
    Pembulatan.HALF_EVEN: ROUND_HALF_EVEN,
    Pembulatan.DOWN: ROUND_DOWN,
}

# Contexts are passed to each operation instead of entering `localcontext()`: a bulk recompute
# rounds and divides millions of times, and entering a context costs more than the operation.
# `_KONTEKS` has PRESISI digits and the widest exponent range; an operation that needs more
# digits gets a context of its own (`_konteks`).
_KONTEKS = Context(prec=PRESISI, Emax=MAX_EMAX, Emin=MIN_EMIN)


def _konteks(prec: int) -> Context:
    return _KONTEKS if prec <= PRESISI else Context(prec=prec, Emax=MAX_EMAX, Emin=MIN_EMIN)


_KUANTUM: dict[int, Decimal] = {}


def _kuantum(desimal: int) -> Decimal:
    """Decimal(1).scaleb(-desimal), once per number of decimals."""
    q = _KUANTUM.get(desimal)
    if q is None:
        q = _KUANTUM[desimal] = Decimal(1).scaleb(-desimal, context=_KONTEKS)
    return q


_MINUS = "-−"  # ASCII hyphen-minus and U+2212, which the jejak texts use
_RP = re.compile(r"rp\.?\s*", re.IGNORECASE)
_INGGRIS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_angka(teks: str, *, boleh_persen: bool = False) -> Decimal:
    """Parse a number typed the Indonesian way; raise `AngkaTidakValid` when malformed."""
    if not isinstance(teks, str):
        raise AngkaTidakValid(f"Angka harus berupa teks, bukan {type(teks).__name__}.")
    asli = teks
    s = teks.strip()
    if not s:
        raise AngkaTidakValid("Angka kosong.")
    negatif = False
    persen_dibuang = False
    if boleh_persen and s.endswith("%"):
        s, persen_dibuang = s[:-1].rstrip(), True
    if s.startswith("(") and s.endswith(")"):
        negatif, s = True, s[1:-1].strip()
    elif "(" in s or ")" in s:
        raise AngkaTidakValid(f"Tanda kurung tidak berpasangan pada '{asli}'.")
    if boleh_persen and not persen_dibuang and s.endswith("%"):
        s = s[:-1].rstrip()
    if "%" in s:
        raise AngkaTidakValid(f"Tanda % tidak diizinkan di sini: '{asli}'.")
    s, negatif = _buang_tanda(s, negatif, asli)
    if m := _RP.match(s):
        s, negatif = _buang_tanda(s[m.end() :], negatif, asli)
    nilai = Decimal(_digit_baku(s, asli))
    if nilai.is_zero():
        return nilai.copy_abs()  # never a "-0" that would print as "-0"
    # copy_negate, not unary minus: "-x" rounds to the context precision (28 digits).
    return nilai.copy_negate() if negatif else nilai


def _buang_tanda(s: str, negatif: bool, asli: str) -> tuple[str, bool]:
    if s[:1] and s[0] in _MINUS + "+":
        if negatif:
            raise AngkaTidakValid(f"Tanda negatif ganda pada '{asli}'.")
        return s[1:].lstrip(), s[0] in _MINUS
    return s, negatif


def _digit_baku(s: str, asli: str) -> str:
    """Turn the unsigned Indonesian body into Python's `1234.56` form, or explain the error."""
    if not s:
        raise AngkaTidakValid(f"Tidak ada angka pada '{asli}'.")
    for c in s:
        if c not in "0123456789.,":
            if c.isspace():
                hal = "spasi di tengah angka"
            elif c in _MINUS + "+":
                hal = "tanda + atau - hanya boleh satu, di depan angka"
            else:
                hal = f"karakter '{c}' tidak dikenal"
            raise AngkaTidakValid(f"'{asli}' bukan angka: {hal}.")
    if s.count(",") > 1:
        if _INGGRIS.match(s):
            raise AngkaTidakValid(
                f"'{asli}' tampaknya format Inggris; gunakan titik sebagai pemisah ribuan dan "
                "koma untuk desimal (mis. 1.234.567,89)."
            )
        raise AngkaTidakValid(f"'{asli}' memuat lebih dari satu koma; koma hanya untuk desimal.")
    bulat, koma, pecahan = s.partition(",")
    if "." in pecahan:
        raise AngkaTidakValid(
            f"'{asli}': titik setelah koma; gunakan format Indonesia (mis. 1.234,56)."
        )
    if koma and not pecahan:
        raise AngkaTidakValid(f"'{asli}': tidak ada angka setelah koma.")
    if not bulat:
        raise AngkaTidakValid(f"'{asli}': tidak ada angka sebelum koma (tulis 0{s}).")
    return _ribuan(bulat, asli) + ("." + pecahan if pecahan else "")


def _ribuan(bulat: str, asli: str) -> str:
    kelompok = bulat.split(".")
    if len(kelompok) == 1:
        return bulat
    if any(not k for k in kelompok):
        raise AngkaTidakValid(f"'{asli}': titik di awal, di akhir, atau berurutan.")
    pertama, sisanya = kelompok[0], kelompok[1:]
    if len(kelompok) == 2 and len(sisanya[0]) != 3:
        # "1.5", "3.25": someone typed an English decimal point.
        raise AngkaTidakValid(
            f"'{asli}': titik adalah pemisah ribuan dan harus diikuti tepat 3 digit; "
            f"gunakan koma untuk desimal (mis. {pertama},{sisanya[0]})."
        )
    if len(pertama) > 3:
        raise AngkaTidakValid(f"'{asli}': kelompok pertama sebelum titik paling banyak 3 digit.")
    if pertama.startswith("0"):
        raise AngkaTidakValid(
            f"'{asli}': angka dengan pemisah ribuan tidak boleh diawali 0; "
            "gunakan koma untuk desimal (mis. 0,5)."
        )
    for k in sisanya:
        if len(k) != 3:
            raise AngkaTidakValid(f"'{asli}': kelompok ribuan '{k}' harus tepat 3 digit.")
    return "".join(kelompok)


def parse_rentang(teks: str, *, boleh_persen: bool = False) -> tuple[Decimal, Decimal]:
    """Parse a range target such as `3 - 10`, `3 – 10` or `3 s.d. 10` (lkip-2024 Tabel 2.8)."""
    m = re.match(r"^\s*(.+?)\s*(?:s\.?\s?d\.?|s/d|–|—|-)\s*(.+?)\s*$", teks, re.IGNORECASE)
    if not m:
        raise AngkaTidakValid(f"'{teks}' bukan rentang; tulis mis. '3 - 10'.")
    bawah = parse_angka(m.group(1), boleh_persen=boleh_persen)
    atas = parse_angka(m.group(2), boleh_persen=boleh_persen)
    if bawah > atas:
        raise AngkaTidakValid(f"'{teks}': batas bawah lebih besar dari batas atas.")
    return bawah, atas


def to_decimal(value: object, *, boleh_persen: bool = False) -> Decimal:
    """Decimal and int pass through; text goes through `parse_angka`; float is refused.

    A float (e.g. an unquoted `22.3` in YAML) has already lost exactness and cannot tell a
    decimal point from a thousands separator, so it is refused instead of converted.
    """
    if isinstance(value, bool):
        raise AngkaTidakValid("Nilai benar/salah bukan angka.")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise AngkaTidakValid(f"'{value}' bukan angka terhingga.")
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        return parse_angka(value, boleh_persen=boleh_persen)
    if isinstance(value, float):
        raise AngkaTidakValid(
            f"Angka pecahan {value!r} harus ditulis sebagai teks berformat Indonesia "
            "(mis. '22,300'), bukan bilangan float."
        )
    raise AngkaTidakValid(f"{type(value).__name__} bukan angka.")


def bulatkan(value: Decimal, desimal: int = 2, mode: Pembulatan = Pembulatan.HALF_UP) -> Decimal:
    """THE rounding helper: round to `desimal` places. Use it only to present a value."""
    _wajib_terhingga(value)
    ctx = _konteks(value.adjusted() + desimal + 2)
    return value.quantize(_kuantum(desimal), rounding=_MODE_DECIMAL[mode], context=ctx)


def dari_pecahan(nilai: Fraction) -> Decimal:
    """Exact rational -> Decimal: exact when it terminates within `PRESISI` digits, otherwise
    correctly rounded (half-even) to `PRESISI` significant digits. The only place the engine
    divides, so every quotient is rounded once, at the end of a computation."""
    hasil = _KONTEKS.divide(Decimal(nilai.numerator), Decimal(nilai.denominator))
    return hasil.copy_abs() if hasil.is_zero() else hasil


def jumlahkan(nilai: Sequence[Decimal]) -> Decimal:
    """Exact sum that keeps the typed exponent (`1,500 + 2,500` -> `4,000`)."""
    if not nilai:
        return Decimal(0)
    lebar = max(v.adjusted() for v in nilai) + max(jumlah_desimal(v) for v in nilai)
    ctx = _konteks(lebar + len(nilai) + 2)
    total = Decimal(0)
    for v in nilai:
        total = ctx.add(total, v)
    return total


def format_angka(
    value: Decimal,
    desimal: int | None = 2,
    *,
    pembulatan: Pembulatan = Pembulatan.HALF_UP,
) -> str:
    """`Decimal("1234567.891")` -> `"1.234.567,89"`; `desimal=None` keeps the value's exponent."""
    if desimal is not None:
        value = bulatkan(value, desimal, pembulatan)
    _wajib_terhingga(value)
    # Python groups with "," and marks decimals with "."; Indonesian is the other way round.
    hasil = format(value.copy_abs(), ",f").translate(_TUKAR_TANDA)
    return "-" + hasil if value < 0 else hasil


_TUKAR_TANDA = str.maketrans(",.", ".,")


def format_persen(
    value: Decimal,
    desimal: int | None = 2,
    *,
    pembulatan: Pembulatan = Pembulatan.HALF_UP,
) -> str:
    """`Decimal("110.7264")` -> `"110,73%"`."""
    return format_angka(value, desimal, pembulatan=pembulatan) + "%"


def format_rupiah(value: Decimal, *, pembulatan: Pembulatan = Pembulatan.HALF_UP) -> str:
    """`"Rp 1.423.857.293"`; the two decimals (`",82"`) are shown only when there are sen."""
    sen = bulatkan(value, 2, pembulatan)
    desimal = 0 if sen == sen.to_integral_value() else 2
    teks = format_angka(sen.copy_abs(), desimal)
    return ("-Rp " if sen < 0 else "Rp ") + teks


def format_masukan(value: Decimal) -> str:
    """An input as printed in a worked computation (jejak): as typed, e.g. `22,300`.

    Values longer than `MAKS_DESIMAL_MASUKAN` decimals lose trailing zeros first (a database
    column may return `22.30000000`), then are rounded half-up for display only.
    """
    _wajib_terhingga(value)
    if jumlah_desimal(value) > MAKS_DESIMAL_MASUKAN:
        value = value.normalize(context=_konteks(len(value.as_tuple().digits)))
        if jumlah_desimal(value) > MAKS_DESIMAL_MASUKAN:
            value = bulatkan(value, MAKS_DESIMAL_MASUKAN)
    return format_angka(value, None)


def jumlah_desimal(value: Decimal) -> int:
    """How many decimals a finite value was written with (`Decimal("22.300")` -> 3)."""
    eksponen = value.as_tuple().exponent
    return max(0, -eksponen) if isinstance(eksponen, int) else 0


def _wajib_terhingga(value: Decimal) -> None:
    if not isinstance(value, Decimal):
        raise TypeError(f"diharapkan Decimal, diterima {type(value).__name__}")
    if not value.is_finite():
        raise AngkaTidakValid(f"'{value}' bukan angka terhingga.")
