"""A small, safe formula language over named data elements (no `eval`).

Realisation is often computed from raw data, and reports print the worked computation
(lkjip-2025: `(24.374 - 23.479)/23.479 × 100% = 3,8%`; lkip-2024:
`1.916.311,34 / 137.282.476,24 × 100% = 1,40%`). A formula names the data elements:

    (unit_industri - prev(unit_industri)) / prev(unit_industri) * 100

Grammar (recursive descent, docs/algorithms/formula.md):

    ekspresi := suku (("+" | "-") suku)*
    suku     := faktor (("*" | "/") faktor)*
    faktor   := ("-" | "+") faktor | primer
    primer   := ANGKA | NAMA | ("prev" | "lalu") "(" NAMA ")" | "(" ekspresi ")"

Numbers in formula text use a dot for decimals, like code (`0.5`): a formula is stored like
code and has no thousands separators. A comma is rejected with a hint, and so is a literal
like `1.000` (three digits after a dot) because an Indonesian reader means one thousand.
`×`, `÷` and `−` copied from a report are accepted as `*`, `/` and `-`.

Arithmetic is exact: values become `fractions.Fraction`, and the result is converted to
`Decimal` once (`angka.dari_pecahan`: exact when it terminates within 50 significant digits,
otherwise correctly rounded to 50 digits).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import get_close_matches
from fractions import Fraction

from .angka import Pembulatan, dari_pecahan, format_angka, format_masukan
from .hasil import TidakTerukur

FUNGSI_LALU = ("prev", "lalu")  # last year's value; "lalu" is the Indonesian alias
PANJANG_MAKS = 2000  # characters; a formula longer than this is a data-entry accident
KEDALAMAN_MAKS = 100  # nesting of parentheses / unary signs, keeps recursion bounded

_OPERATOR = {"+": "+", "-": "-", "−": "-", "*": "*", "×": "*", "/": "/", "÷": "/"}
_TAMPIL = {"+": "+", "-": "−", "*": "×", "/": "/"}  # how the jejak prints each operator
_PRIORITAS = {"+": 1, "-": 1, "*": 2, "/": 2}


class FormulaTidakValid(ValueError):
    """A formula that does not parse; `posisi` is the 0-based character index of the problem."""

    def __init__(self, pesan: str, posisi: int) -> None:
        super().__init__(f"{pesan} (kolom {posisi + 1})")
        self.pesan = pesan
        self.posisi = posisi


class SiklusFormula(ValueError):
    """Derived data elements that (indirectly) define themselves."""

    def __init__(self, siklus: tuple[str, ...]) -> None:
        super().__init__("definisi formula membentuk siklus: " + " → ".join(siklus))
        self.siklus = siklus


# --- syntax tree --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Angka:
    nilai: Decimal


@dataclass(frozen=True)
class _Elemen:
    nama: str
    lalu: bool  # True for prev(nama)


@dataclass(frozen=True)
class _Negasi:
    isi: _Simpul


@dataclass(frozen=True)
class _Biner:
    op: str  # one of + - * /
    kiri: _Simpul
    kanan: _Simpul


_Simpul = _Angka | _Elemen | _Negasi | _Biner


# --- tokens and parser --------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    jenis: str  # "angka", "nama", "op", "(", ")", "akhir"
    teks: str
    posisi: int


def _tokenisasi(teks: str) -> list[_Token]:
    token: list[_Token] = []
    i = 0
    while i < len(teks):
        c = teks[i]
        if c.isspace():
            i += 1
        elif c.isascii() and c.isdigit():
            j = i
            while j < len(teks) and (teks[j].isascii() and teks[j].isdigit() or teks[j] in ".,"):
                j += 1
            token.append(_Token("angka", _periksa_literal(teks[i:j], i), i))
            i = j
        elif c.isascii() and (c.isalpha() or c == "_"):
            j = i
            while j < len(teks) and teks[j].isascii() and (teks[j].isalnum() or teks[j] == "_"):
                j += 1
            nama = teks[i:j]
            if nama != nama.lower():
                raise FormulaTidakValid(
                    f"nama elemen data ditulis huruf kecil (snake_case): '{nama.lower()}'", i
                )
            token.append(_Token("nama", nama, i))
            i = j
        elif c in _OPERATOR:
            token.append(_Token("op", _OPERATOR[c], i))
            i += 1
        elif c in "()":
            token.append(_Token(c, c, i))
            i += 1
        else:
            raise FormulaTidakValid(f"karakter '{c}' tidak dikenal dalam rumus", i)
    token.append(_Token("akhir", "", len(teks)))
    return token


def _periksa_literal(teks: str, posisi: int) -> str:
    if "," in teks:
        raise FormulaTidakValid(
            f"dalam rumus desimal ditulis dengan titik: tulis {teks.replace(',', '.')}, "
            f"bukan {teks}",
            posisi,
        )
    bulat, titik, pecahan = teks.partition(".")
    if titik and (not pecahan or "." in pecahan):
        raise FormulaTidakValid(f"angka '{teks}' tidak valid", posisi)
    if titik and len(pecahan) == 3 and bulat != "0":
        # "1.000" reads as one thousand to an Indonesian eye and as 1.0 to Python: refuse.
        raise FormulaTidakValid(
            f"angka '{teks}' ambigu: tulis {bulat}{pecahan} untuk ribuan, "
            f"atau {bulat}.{pecahan.rstrip('0') or '0'} untuk desimal",
            posisi,
        )
    return teks


class _Parser:
    def __init__(self, teks: str) -> None:
        self.token = _tokenisasi(teks)
        self.i = 0
        self.kedalaman = 0

    @property
    def kini(self) -> _Token:
        return self.token[self.i]

    def maju(self) -> _Token:
        t = self.token[self.i]
        self.i += 1
        return t

    def parse(self) -> _Simpul:
        if self.kini.jenis == "akhir":
            raise FormulaTidakValid("rumus kosong", 0)
        akar = self.ekspresi()
        t = self.kini
        if t.jenis == ")":
            raise FormulaTidakValid("kurung tutup ')' tanpa pasangan '('", t.posisi)
        if t.jenis != "akhir":
            raise FormulaTidakValid(f"diharapkan operator sebelum '{t.teks}'", t.posisi)
        return akar

    def ekspresi(self) -> _Simpul:
        kiri = self.suku()
        while self.kini.jenis == "op" and self.kini.teks in "+-":
            op = self.maju().teks
            kiri = _Biner(op, kiri, self.suku())
        return kiri

    def suku(self) -> _Simpul:
        kiri = self.faktor()
        while self.kini.jenis == "op" and self.kini.teks in "*/":
            op = self.maju().teks
            kiri = _Biner(op, kiri, self.faktor())
        return kiri

    def faktor(self) -> _Simpul:
        t = self.kini
        self.kedalaman += 1
        if self.kedalaman > KEDALAMAN_MAKS:
            raise FormulaTidakValid("rumus terlalu dalam (terlalu banyak kurung)", t.posisi)
        try:
            if t.jenis == "op" and t.teks in "+-":
                self.maju()
                isi = self.faktor()
                return _Negasi(isi) if t.teks == "-" else isi
            return self.primer()
        finally:
            self.kedalaman -= 1

    def primer(self) -> _Simpul:
        t = self.maju()
        if t.jenis == "angka":
            return _Angka(Decimal(t.teks))
        if t.jenis == "nama":
            if self.kini.jenis == "(":
                return self.fungsi(t)
            if t.teks in FUNGSI_LALU:
                raise FormulaTidakValid(
                    f"'{t.teks}' adalah nama fungsi; tulis {t.teks}(nama_elemen)", t.posisi
                )
            return _Elemen(t.teks, lalu=False)
        if t.jenis == "(":
            isi = self.ekspresi()
            if self.kini.jenis != ")":
                raise FormulaTidakValid(
                    f"kurung '(' pada kolom {t.posisi + 1} belum ditutup", self.kini.posisi
                )
            self.maju()
            return isi
        if t.jenis == "akhir":
            raise FormulaTidakValid(
                "rumus berakhir tiba-tiba; diharapkan angka, nama elemen data, atau '('", t.posisi
            )
        raise FormulaTidakValid(
            f"'{t.teks}' tidak diharapkan di sini; diharapkan angka, nama elemen data, atau '('",
            t.posisi,
        )

    def fungsi(self, nama: _Token) -> _Simpul:
        if nama.teks not in FUNGSI_LALU:
            raise FormulaTidakValid(
                f"fungsi '{nama.teks}' tidak dikenal; yang tersedia: prev(nama), lalu(nama)",
                nama.posisi,
            )
        self.maju()  # "("
        arg = self.maju()
        if arg.jenis != "nama" or self.kini.jenis != ")" or arg.teks in FUNGSI_LALU:
            raise FormulaTidakValid(
                f"{nama.teks}() hanya menerima satu nama elemen data, mis. {nama.teks}(jumlah)",
                arg.posisi,
            )
        self.maju()  # ")"
        return _Elemen(arg.teks, lalu=True)


# --- evaluation and rendering -------------------------------------------------------------


def _render(simpul: _Simpul, daun: Callable[[_Angka | _Elemen], str]) -> str:
    """Print a tree with the fewest parentheses that keep its meaning."""
    if isinstance(simpul, _Angka | _Elemen):
        return daun(simpul)
    if isinstance(simpul, _Negasi):
        isi = _render(simpul.isi, daun)
        return f"−({isi})" if isinstance(simpul.isi, _Biner) or isi.startswith("-") else f"−{isi}"
    prioritas = _PRIORITAS[simpul.op]
    kiri = _render(simpul.kiri, daun)
    kanan = _render(simpul.kanan, daun)
    if isinstance(simpul.kiri, _Biner) and _PRIORITAS[simpul.kiri.op] < prioritas:
        kiri = f"({kiri})"
    if isinstance(simpul.kanan, _Biner) and (
        _PRIORITAS[simpul.kanan.op] < prioritas
        or (_PRIORITAS[simpul.kanan.op] == prioritas and simpul.op in "-/")
    ):
        kanan = f"({kanan})"
    return f"{kiri} {_TAMPIL[simpul.op]} {kanan}"


def _nama_sumber(simpul: _Angka | _Elemen) -> str:
    if isinstance(simpul, _Angka):
        return str(simpul.nilai)
    return f"prev({simpul.nama})" if simpul.lalu else simpul.nama


class _PembagiNol(Exception):
    def __init__(self, pembagi: _Simpul) -> None:
        self.pembagi = pembagi


def _nilai(simpul: _Simpul, daun: Callable[[_Elemen], Fraction]) -> Fraction:
    if isinstance(simpul, _Angka):
        return Fraction(simpul.nilai)
    if isinstance(simpul, _Elemen):
        return daun(simpul)
    if isinstance(simpul, _Negasi):
        return -_nilai(simpul.isi, daun)
    kiri, kanan = _nilai(simpul.kiri, daun), _nilai(simpul.kanan, daun)
    if simpul.op == "+":
        return kiri + kanan
    if simpul.op == "-":
        return kiri - kanan
    if simpul.op == "*":
        return kiri * kanan
    if kanan == 0:
        raise _PembagiNol(simpul.kanan)
    return kiri / kanan


def _daun_daun(simpul: _Simpul) -> list[_Elemen]:
    if isinstance(simpul, _Elemen):
        return [simpul]
    if isinstance(simpul, _Negasi):
        return _daun_daun(simpul.isi)
    if isinstance(simpul, _Biner):
        return _daun_daun(simpul.kiri) + _daun_daun(simpul.kanan)
    return []


def _kali_seratus(simpul: _Simpul) -> bool:
    """`… × 100` at the top: the report formula's "× 100%"."""
    return (
        isinstance(simpul, _Biner)
        and simpul.op == "*"
        and any(isinstance(s, _Angka) and s.nilai == 100 for s in (simpul.kiri, simpul.kanan))
    )


@dataclass(frozen=True)
class NilaiFormula:
    """A computed value (exact) and its worked computation in Indonesian notation."""

    nilai: Decimal
    jejak: str


HasilFormula = NilaiFormula | TidakTerukur


@dataclass(frozen=True)
class Formula:
    """A parsed formula. Build it with `Formula.parse(teks)`."""

    teks: str
    _akar: _Simpul = field(repr=False, compare=False)

    @classmethod
    def parse(cls, teks: str) -> Formula:
        if len(teks) > PANJANG_MAKS:
            raise FormulaTidakValid(f"rumus lebih dari {PANJANG_MAKS} karakter", PANJANG_MAKS)
        return cls(teks, _Parser(teks).parse())

    def __str__(self) -> str:
        return self.teks

    @property
    def nama_elemen(self) -> frozenset[str]:
        """Data elements used with this year's value."""
        return frozenset(d.nama for d in _daun_daun(self._akar) if not d.lalu)

    @property
    def nama_elemen_lalu(self) -> frozenset[str]:
        """Data elements used through prev()/lalu(), i.e. last year's value."""
        return frozenset(d.nama for d in _daun_daun(self._akar) if d.lalu)

    @property
    def kanonik(self) -> str:
        """The formula re-printed from its tree (operators as in reports: −, ×, /)."""
        return _render(self._akar, _nama_sumber)

    def hitung(
        self,
        nilai: Mapping[str, Decimal | None],
        nilai_lalu: Mapping[str, Decimal | None] | None = None,
        *,
        desimal: int = 2,
        pembulatan: Pembulatan = Pembulatan.HALF_UP,
        persen: bool | None = None,
    ) -> HasilFormula:
        """Evaluate; never raises for missing data or a zero divisor (returns `TidakTerukur`).

        `persen=None` treats the result as a percentage when the formula ends in `× 100`
        (as the reports' `× 100%`); pass True/False to decide explicitly.
        `desimal`/`pembulatan` only shape the printed result in `jejak`; `nilai` is exact.
        """
        lalu = nilai_lalu or {}
        kurang = []
        for d in _daun_daun(self._akar):
            sumber = lalu if d.lalu else nilai
            x = sumber.get(d.nama)
            label = f"{d.nama} tahun lalu" if d.lalu else d.nama
            if x is None or not x.is_finite():
                if label not in kurang:
                    kurang.append(label)
        if kurang:
            return TidakTerukur(f"data {', '.join(kurang)} belum diisi")

        def daun(d: _Elemen) -> Fraction:
            x = (lalu if d.lalu else nilai)[d.nama]
            assert x is not None  # checked above
            return Fraction(x)

        try:
            hasil = dari_pecahan(_nilai(self._akar, daun))
        except _PembagiNol as e:
            return TidakTerukur(f"pembagi bernilai nol: {_render(e.pembagi, _nama_sumber)} = 0")

        adalah_persen = _kali_seratus(self._akar) if persen is None else persen
        # Only the top-level "× 100" literal is printed as "100%", like the reports do.
        seratus = _literal_seratus(self._akar) if adalah_persen else None

        def tampil(s: _Angka | _Elemen) -> str:
            if isinstance(s, _Angka):
                return format_masukan(s.nilai) + ("%" if s is seratus else "")
            x = (lalu if s.lalu else nilai)[s.nama]
            assert x is not None
            teks = format_masukan(x)
            return f"({teks})" if x < 0 else teks

        akhir = format_angka(hasil, desimal, pembulatan=pembulatan) + ("%" if adalah_persen else "")
        return NilaiFormula(hasil, f"{_render(self._akar, tampil)} = {akhir}")


def _literal_seratus(akar: _Simpul) -> _Simpul | None:
    if _kali_seratus(akar):
        assert isinstance(akar, _Biner)
        kanan = akar.kanan
        return kanan if isinstance(kanan, _Angka) and kanan.nilai == 100 else akar.kiri
    return None


def periksa_formula(teks: str, elemen_dikenal: set[str] | frozenset[str]) -> list[str]:
    """All problems of a formula as Indonesian sentences; an empty list means it is usable."""
    try:
        formula = Formula.parse(teks)
    except FormulaTidakValid as e:
        return [str(e)]
    masalah = []
    for nama in sorted(formula.nama_elemen | formula.nama_elemen_lalu):
        if nama not in elemen_dikenal:
            saran = get_close_matches(nama, sorted(elemen_dikenal), n=1)
            petunjuk = f" (maksud Anda '{saran[0]}'?)" if saran else ""
            masalah.append(f"elemen data '{nama}' tidak dikenal{petunjuk}")
    return masalah


def urutkan_definisi(definisi: Mapping[str, Formula]) -> list[str]:
    """Order derived data elements so each comes after the derived elements it uses.

    Only this year's references create dependencies: `prev(x)` reads last year's stored value,
    so `stok = prev(stok) + masuk - keluar` is a valid definition, not a cycle.
    Raises `SiklusFormula` naming the cycle. The order is deterministic (alphabetical ties).
    """
    urutan: list[str] = []
    selesai: set[str] = set()
    jalur: list[str] = []

    def kunjungi(nama: str) -> None:
        if nama in selesai:
            return
        if nama in jalur:
            raise SiklusFormula((*jalur[jalur.index(nama) :], nama))
        jalur.append(nama)
        for dep in sorted(definisi[nama].nama_elemen):
            if dep in definisi:
                kunjungi(dep)
        jalur.pop()
        selesai.add(nama)
        urutan.append(nama)

    for nama in sorted(definisi):
        kunjungi(nama)
    return urutan
