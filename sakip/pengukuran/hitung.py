"""Rows in, engine out: the capaian of one indicator-year, derived data elements, roll-ups.

No database access here: the services load rows (plain values, not model instances, so a bulk
recompute of hundreds of thousands of indicators stays cheap), this module turns them into the
engine's types, calls the engine, and returns plain results the services write back. Every
formula, aggregation, capaian, band and mean is the engine's (`sakip.engine`); this module only
decides *which* inputs go in and composes the worked computation (jejak) of a row.

Rules: docs/algorithms/realisasi.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from sakip.engine import (
    Agregasi,
    Capaian,
    Formula,
    FormulaTidakValid,
    HasilRollup,
    Kebijakan,
    Pembulatan,
    Polaritas,
    SiklusFormula,
    Target,
    TidakTerukur,
    capaian_opd,
    capaian_sasaran,
    format_angka,
    format_masukan,
    hitung_capaian,
    nilai_tahunan,
    urutkan_definisi,
)
from sakip.engine.agregasi import ROMAWI
from sakip.engine.capaian import tidak_terukur as _tidak_terukur
from sakip.perencanaan.target import TargetTidakValid, baca_target

TRIWULAN = (1, 2, 3, 4)
TAHUNAN = 0

# A quarter is measured against the annual target only when the to-date value is comparable with
# it: a to-date cumulative value, the latest value of a level, or the mean of a level held through
# the year. A quarter of a summed indicator (5,830 of a year's 24,692) against the year's target
# would read as failure, so it is not measured on its own; the reason says so in words an operator
# understands (the PK's quarterly targets are shown beside the entry, not used here).
AGREGASI_TW_TERUKUR = frozenset({Agregasi.KUMULATIF, Agregasi.NILAI_AKHIR, Agregasi.RATA_RATA})
ALASAN_TW_JUMLAH = "indikator berjenis jumlah diukur atas jumlah setahun, bukan per triwulan"

NilaiTw = list[Decimal | None]  # four quarters, index 0 = TW I


@lru_cache(maxsize=10_000)
def tidak_terukur(alasan: str) -> Capaian:
    """The engine's not-measurable Capaian, one shared (frozen) object per reason: a bulk
    recompute makes hundreds of thousands with a few dozen distinct reasons."""
    return _tidak_terukur(alasan)


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class DefinisiIndikator:
    """What the computation needs of an `Indikator` row (policy already resolved)."""

    id: int
    opd_id: int
    node_id: int
    sasaran: bool  # the node is a sasaran: the indicator counts in its roll-up
    ref: str
    polaritas: Polaritas
    skala_kualitatif: str
    desimal: int
    agregasi: Agregasi
    formula: Formula | None
    iku: bool
    kebijakan: Kebijakan
    kebijakan_no: int = field(default=-1, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kebijakan_no", nomor_kebijakan(self.kebijakan))


# Hashing a Kebijakan walks its rating scale (bands, colours): a few microseconds that a
# bulk recompute would pay on every memo lookup. Policies are few and cached, so each gets a
# small number once; the registry keeps a reference, so an id() is never reused.
_KEBIJAKAN: dict[int, tuple[int, Kebijakan]] = {}
_KEBIJAKAN_NO: list[Kebijakan] = []


def nomor_kebijakan(kebijakan: Kebijakan) -> int:
    ada = _KEBIJAKAN.get(id(kebijakan))
    if ada is not None:
        return ada[0]
    for no, k in enumerate(_KEBIJAKAN_NO):
        if k == kebijakan:
            _KEBIJAKAN[id(kebijakan)] = (no, kebijakan)
            return no
    _KEBIJAKAN_NO.append(kebijakan)
    _KEBIJAKAN[id(kebijakan)] = (len(_KEBIJAKAN_NO) - 1, kebijakan)
    return len(_KEBIJAKAN_NO) - 1


@lru_cache(maxsize=1024)
def teks_kebijakan(kebijakan_no: int) -> str:
    """A policy as text that is the same in every process (the numbers above are not): part
    of an OPD-year's fingerprint."""
    return repr(_KEBIJAKAN_NO[kebijakan_no])


# The code that turns inputs into stored rows. An OPD-year's fingerprint includes a hash of
# it, so a change of a rule (or of how rows are written) makes the next full recompute redo
# everything instead of keeping results the new code would not produce.
_KODE_HITUNG = (
    "engine/*.py", "pengukuran/hitung.py", "pengukuran/kebijakan.py", "pengukuran/selectors.py",
    "pengukuran/layanan.py", "perencanaan/target.py", "core/fields.py",
)


@lru_cache(maxsize=1)
def versi_hitung() -> str:
    akar = Path(__file__).resolve().parent.parent
    h = hashlib.blake2b(digest_size=16)
    for pola in _KODE_HITUNG:
        for berkas in sorted(akar.glob(pola)):
            h.update(berkas.name.encode())
            h.update(berkas.read_bytes())
    return h.hexdigest()


@dataclass
class Masukan:
    """Entered inputs of one indicator-year."""

    target: str | None = None  # the in-force annual target as written ("22,300", "3 - 10")
    langsung: NilaiTw | None = None  # direct values per quarter
    label: list[str] | None = None  # qualitative labels per quarter ("" = none)
    tahunan: Decimal | None = None  # the year's value given directly (Realisasi triwulan 0)
    label_tahunan: str = ""


@lru_cache(maxsize=8192)
def _nama_formula(formula: Formula) -> tuple[frozenset[str], frozenset[str]]:
    """(elements read this year, elements read through prev()): the engine walks the tree on
    every access; a recompute asks four times per indicator-year."""
    return formula.nama_elemen, formula.nama_elemen_lalu


@lru_cache(maxsize=8192)
def formula_dari(teks: str) -> Formula | None:
    """Parsed formula (cached: a bulk recompute parses each distinct text once)."""
    teks = (teks or "").strip()
    return Formula.parse(teks) if teks else None


@lru_cache(maxsize=65536)
def _target(teks: str, polaritas: Polaritas, skala_kualitatif: str) -> Target | str:
    try:
        return baca_target(teks, polaritas=polaritas, skala_kualitatif=skala_kualitatif)
    except TargetTidakValid as exc:
        return f"target '{teks}' tidak valid: {exc}"


def rapikan(nilai: Decimal | None, desimal: int | None = None) -> Decimal | None:
    """A stored value (NilaiField: 8 decimals) back to the precision it was typed with.

    Numerically equal — only the exponent changes — so it is not rounding: with `desimal` the
    value shows at least that many decimals (24,692 for an indicator of 3 decimals, so the sum
    of 5,830 + 6,170 + 6,080 + 6,612 prints as 24,692); without, trailing zeros go (24.374).
    """
    if nilai is None:
        return None
    bersih = nilai.normalize()
    eksponen = bersih.as_tuple().exponent
    assert isinstance(eksponen, int)
    if eksponen > 0:
        bersih = bersih.quantize(Decimal(1))
        eksponen = 0
    if desimal is not None and -eksponen < desimal:
        return bersih.quantize(Decimal(1).scaleb(-desimal))
    return bersih


# --------------------------------------------------------------------------- data elements


@dataclass(frozen=True)
class DefinisiElemen:
    kode: str
    formula: Formula | None  # None = raw data


def urutan_turunan(definisi: Mapping[str, DefinisiElemen]) -> list[str]:
    """Derived elements in dependency order (engine `urutkan_definisi`); a cycle is reported by
    the plan import, so here it only leaves the elements underived."""
    turunan = {k: d.formula for k, d in definisi.items() if d.formula is not None}
    try:
        return urutkan_definisi(turunan)  # type: ignore[arg-type]
    except SiklusFormula:
        return []


def hitung_elemen(
    definisi: Mapping[str, DefinisiElemen],
    mentah: Mapping[int, Mapping[str, NilaiTw]],
    urutan: Sequence[str] | None = None,
) -> dict[int, dict[str, NilaiTw]]:
    """Raw values per year → raw + derived values per year, years in ascending order.

    A derived element is computed per quarter from this year's values and, for `prev()`,
    last year's (raw + derived) values. A value stored for a derived element wins (an opening
    balance for `stok = prev(stok) + masuk`). Missing inputs leave the derived value empty.
    """
    urutan = urutan_turunan(definisi) if urutan is None else urutan
    hasil: dict[int, dict[str, NilaiTw]] = {}
    for tahun in sorted(mentah):
        nilai = {k: list(v) for k, v in mentah[tahun].items()}
        lalu = hasil.get(tahun - 1, {})
        for kode in urutan:
            formula = definisi[kode].formula
            assert formula is not None
            tersimpan = nilai.get(kode, [None] * 4)
            baru: NilaiTw = []
            for i in range(4):
                if tersimpan[i] is not None:
                    baru.append(tersimpan[i])
                    continue
                h = formula.hitung(_per_tw(nilai, i), _per_tw(lalu, i))
                baru.append(None if isinstance(h, TidakTerukur) else h.nilai)
            if any(v is not None for v in baru):
                nilai[kode] = baru
        hasil[tahun] = nilai
    return hasil


def _per_tw(nilai: Mapping[str, NilaiTw], i: int) -> dict[str, Decimal]:
    return {k: v[i] for k, v in nilai.items() if v[i] is not None}  # type: ignore[misc]


class ElemenTahun:
    """Data element values of one OPD, indexed by year and quarter for formula evaluation."""

    def __init__(self, nilai: Mapping[int, Mapping[str, NilaiTw]]) -> None:
        self._tw: dict[int, list[dict[str, Decimal]]] = {
            tahun: [_per_tw(per_kode, i) for i in range(4)] for tahun, per_kode in nilai.items()
        }

    def pada(self, tahun: int, i: int) -> dict[str, Decimal]:
        tw = self._tw.get(tahun)
        return tw[i] if tw is not None else {}


KOSONG = ElemenTahun({})


# --------------------------------------------------------------------------- one indicator


class Baris(NamedTuple):
    """One computed row: an indicator's quarter (1–4) or year (0). A NamedTuple: a bulk
    recompute makes two million of them."""

    indikator_id: int
    opd_id: int
    tahun: int
    triwulan: int
    realisasi: Decimal | None
    realisasi_sd: Decimal | None
    realisasi_teks: str
    label: str
    target_teks: str
    capaian: Capaian
    jejak: str


def _teks_angka(nilai: Decimal, ind: DefinisiIndikator) -> str:
    return _format_angka(nilai, ind.desimal, ind.kebijakan.pembulatan)


# Formatting is most of the cost of a row; the same values recur (counts, 100, the to-date
# value of an unchanged quarter). Rounded output depends only on the value, so the Decimal
# itself is the key; an input printed as typed depends on its exponent, so its text is.
@lru_cache(maxsize=100_000)
def _format_angka(nilai: Decimal, desimal: int, pembulatan: Pembulatan) -> str:
    return format_angka(nilai, desimal, pembulatan=pembulatan)


@lru_cache(maxsize=100_000)
def _masukan_teks(teks: str) -> str:
    return format_masukan(Decimal(teks))


def _masukan(nilai: Decimal) -> str:
    return _masukan_teks(str(nilai))


_KOSONG4 = ("", "", "", "")  # jejak / alasan of a quarter entered directly (never written to)


@lru_cache(maxsize=100_000)
def _rapikan(nilai: Decimal, desimal: int, bertanda: bool) -> Decimal | None:
    # Keyed by value: equal Decimals (5.0, 5.00000000) give the same result, which depends on
    # the value only; `bertanda` keeps -0 apart from 0.
    return rapikan(nilai, desimal)


@dataclass
class _Tw:
    nilai: NilaiTw
    jejak: Sequence[str]  # worked formula per quarter ("" when entered directly)
    alasan: Sequence[str]  # why a quarter has no value although data were entered


def _realisasi_tw(
    ind: DefinisiIndikator, tahun: int, masukan: Masukan, elemen: ElemenTahun
) -> _Tw:
    langsung = masukan.langsung or [None] * 4
    formula = ind.formula
    if formula is None:
        desimal = ind.desimal
        return _Tw([None if v is None else _rapikan(v, desimal, v.is_signed()) for v in langsung], _KOSONG4, _KOSONG4)
    nilai: NilaiTw = [None] * 4
    jejak, alasan = [""] * 4, [""] * 4
    nama, nama_lalu = _nama_formula(formula)
    for i in range(4):
        sekarang = elemen.pada(tahun, i)
        ada_data = any(n in sekarang for n in nama) or (
            not nama and any(n in elemen.pada(tahun - 1, i) for n in nama_lalu)
        )
        hasil: object = None
        if ada_data:
            hasil = formula.hitung(
                sekarang,
                elemen.pada(tahun - 1, i),
                desimal=ind.desimal,
                pembulatan=ind.kebijakan.pembulatan,
            )
        if hasil is not None and not isinstance(hasil, TidakTerukur):
            nilai[i] = hasil.nilai  # type: ignore[attr-defined]
            jejak[i] = hasil.jejak  # type: ignore[attr-defined]
        elif langsung[i] is not None:
            # A direct value on a formula indicator is a fallback for a year whose raw data
            # are not available (realisasi-2023 of NTT gives only the printed result).
            v = rapikan(langsung[i], ind.desimal)
            nilai[i] = v
            sebab = f" ({hasil.alasan})" if isinstance(hasil, TidakTerukur) else " (data rumus belum diisi)"
            jejak[i] = f"nilai langsung {_masukan(v)}{sebab}"  # type: ignore[arg-type]
        elif isinstance(hasil, TidakTerukur):
            alasan[i] = hasil.alasan
    return _Tw(nilai, jejak, alasan)


def _jejak_agregasi(ind: DefinisiIndikator, tw: _Tw, sampai: int, hasil: Decimal) -> list[str]:
    """The worked lines of a to-date value: formula lines of the quarters used, then how the
    quarters aggregate (the engine computed the value; this only prints it)."""
    dipakai = [i for i in range(sampai) if tw.nilai[i] is not None]
    if ind.agregasi in (Agregasi.KUMULATIF, Agregasi.NILAI_AKHIR):
        dipakai = dipakai[-1:]
    baris = [f"TW {ROMAWI[i]}: {tw.jejak[i]}" for i in dipakai if tw.jejak[i]]
    hasil_teks = _teks_angka(hasil, ind)
    nilai = [tw.nilai[i] for i in dipakai]
    if ind.agregasi is Agregasi.JUMLAH and len(dipakai) > 1:
        suku = " + ".join(_masukan(v) for v in nilai if v is not None)
        baris.append(f"realisasi s.d. TW {ROMAWI[sampai - 1]} (jumlah) = {suku} = {hasil_teks}")
    elif ind.agregasi is Agregasi.RATA_RATA and len(dipakai) > 1:
        suku = " + ".join(_masukan(v) for v in nilai if v is not None)
        baris.append(
            f"realisasi s.d. TW {ROMAWI[sampai - 1]} (rata-rata) = ({suku}) / {len(dipakai)} = {hasil_teks}"
        )
    elif dipakai:
        i = dipakai[-1]
        jenis = "kumulatif" if ind.agregasi is Agregasi.KUMULATIF else "nilai akhir"
        if sampai == 4 and i == 3 and ind.agregasi is not Agregasi.RATA_RATA:
            baris.append(f"realisasi = TW IV = {hasil_teks}")
        else:
            baris.append(f"realisasi s.d. TW {ROMAWI[sampai - 1]} ({jenis}, TW {ROMAWI[i]}) = {hasil_teks}")
    return baris


def _alasan_tidak_ada(tw: _Tw, sampai: int, alasan_agregasi: str) -> str:
    # When data were entered but a formula could not be evaluated, say why (more useful than
    # "realisasi belum diisi").
    for i in range(sampai - 1, -1, -1):
        if tw.alasan[i]:
            return f"realisasi TW {ROMAWI[i]} tidak dapat dihitung: {tw.alasan[i]}"
    return alasan_agregasi


_TW_JUMLAH = tidak_terukur(ALASAN_TW_JUMLAH)


def hitung_indikator(
    ind: DefinisiIndikator, tahun: int, masukan: Masukan, elemen: ElemenTahun = KOSONG
) -> list[Baris]:
    """The five rows (TW I–IV and the year) of one indicator-year."""
    target_teks = (masukan.target or "").strip()
    target: Target | str | None = (
        _target(target_teks, ind.polaritas, ind.skala_kualitatif) if target_teks else None
    )
    if ind.polaritas is Polaritas.KUALITATIF:
        return _hitung_kualitatif(ind, tahun, masukan, target, target_teks)
    tw = _realisasi_tw(ind, tahun, masukan, elemen)
    baris: list[Baris] = []
    iid, opd_id, agregasi, desimal, pembulatan = ind.id, ind.opd_id, ind.agregasi, ind.desimal, ind.kebijakan.pembulatan
    tw_terukur = agregasi in AGREGASI_TW_TERUKUR
    nilai_tw = tw.nilai
    for q in TRIWULAN:
        sd = nilai_tahunan(agregasi, nilai_tw, q)
        if isinstance(sd, TidakTerukur):
            sd_nilai = None
            jejak_sd: list[str] = []
            c = tidak_terukur(_alasan_tidak_ada(tw, q, sd.alasan))
        else:
            sd_nilai = sd
            jejak_sd = _jejak_agregasi(ind, tw, q, sd)
            c = _capaian(ind, target, sd, target_teks)
        # Through TW IV the to-date value is the year's, so TW IV is always comparable.
        c_tw = c if q == 4 or tw_terukur else _TW_JUMLAH
        jejak_sd.append(c_tw.jejak)
        jejak = "\n".join(jejak_sd)
        own = nilai_tw[q - 1]
        baris.append(
            Baris(
                iid, opd_id, tahun, q, own, sd_nilai,
                _format_angka(own, desimal, pembulatan) if own is not None else "",
                "", target_teks, c_tw, jejak,
            )
        )
    nilai_tahun, c_tahun, jejak_tahun = sd_nilai, c, jejak  # TW IV's: the year's
    if masukan.tahunan is not None:
        # A year value given directly (a year-end source) is the year's realisation; the
        # quarters' own result, when there is one, is shown beside it.
        dari_tw = nilai_tahun
        nilai_tahun = rapikan(masukan.tahunan, ind.desimal)
        assert nilai_tahun is not None
        c_tahun = _capaian(ind, target, nilai_tahun, target_teks)
        catatan = "" if dari_tw is None else f" (dari triwulan: {_teks_angka(dari_tw, ind)})"
        jejak_tahun = f"realisasi tahunan diisi langsung = {_teks_angka(nilai_tahun, ind)}{catatan}\n{c_tahun.jejak}"
    baris.append(
        Baris(
            ind.id, ind.opd_id, tahun, TAHUNAN, nilai_tahun, nilai_tahun,
            _teks_angka(nilai_tahun, ind) if nilai_tahun is not None else "",
            "", target_teks, c_tahun, jejak_tahun,
        )
    )
    return baris


def _capaian(
    ind: DefinisiIndikator, target: Target | str | None, realisasi: Decimal | str | None, target_teks: str = ""
) -> Capaian:
    if isinstance(target, str):
        return tidak_terukur(target)
    if target is None or realisasi is None:
        return hitung_capaian(polaritas=ind.polaritas, target=target, realisasi=realisasi, kebijakan=ind.kebijakan)
    # The same inputs give the same Capaian (it is a pure function of them): a bulk recompute
    # meets the same (target, realisation) pairs again and again — counts of documents,
    # 100 against 100 — and a quarter whose to-date value did not move. Keys use the
    # inputs' exact text, because the jejak prints them as typed (22,300 is not 22,3).
    return _capaian_memo(
        ind.polaritas, ind.skala_kualitatif, target_teks, str(realisasi), isinstance(realisasi, str),
        ind.kebijakan_no,
    )


@lru_cache(maxsize=100_000)
def _capaian_memo(
    polaritas: Polaritas, skala_kualitatif: str, target_teks: str, realisasi: str, label: bool, kebijakan_no: int
) -> Capaian:
    target = _target(target_teks, polaritas, skala_kualitatif)
    assert not isinstance(target, str)  # _capaian handles an invalid target before the memo
    r: Decimal | str = realisasi if label else Decimal(realisasi)
    return hitung_capaian(polaritas=polaritas, target=target, realisasi=r, kebijakan=_KEBIJAKAN_NO[kebijakan_no])


def _hitung_kualitatif(
    ind: DefinisiIndikator, tahun: int, masukan: Masukan, target: Target | str | None, target_teks: str
) -> list[Baris]:
    # A label is a level observed at a point in time (an audit opinion, a predicate): to date
    # and for the year, the latest label entered counts, whatever the indicator's agregasi.
    label = [(x or "").strip() for x in (masukan.label or [""] * 4)]
    baris = []
    for q in (*TRIWULAN, TAHUNAN):
        sampai = 4 if q == TAHUNAN else q
        ada = [lbl for lbl in label[:sampai] if lbl]
        if q == TAHUNAN and masukan.label_tahunan:
            ada.append(masukan.label_tahunan.strip())
        sd = ada[-1] if ada else None
        if sd is None:
            c = tidak_terukur(f"realisasi TW I s.d. TW {ROMAWI[sampai - 1]} belum diisi")
        else:
            c = _capaian(ind, target, sd, target_teks)
        sendiri = label[q - 1] if q else (sd or "")
        baris.append(
            Baris(ind.id, ind.opd_id, tahun, q, None, None, sendiri, sendiri, target_teks, c, c.jejak)
        )
    return baris


# --------------------------------------------------------------------------- roll-ups


@dataclass(frozen=True)
class Anggota:
    """An indicator as a roll-up sees it (a `DefinisiIndikator` serves too)."""

    id: int
    ref: str
    node_id: int
    sasaran: bool
    iku: bool


@dataclass(frozen=True)
class BarisRollup:
    opd_id: int
    node_id: int | None  # None: the OPD (mean of its IKU)
    tahun: int
    triwulan: int
    hasil: HasilRollup


def hitung_rollup(
    opd_id: int,
    tahun: int,
    indikator: Iterable[DefinisiIndikator | Anggota],
    capaian: Mapping[tuple[int, int], Capaian],
    kebijakan: Kebijakan,
    *,
    sasaran: Iterable[int] | None = None,
    opd: bool = True,
) -> list[BarisRollup]:
    """Sasaran means (its indicators) and the OPD mean (its IKU), per quarter and year.

    `indikator` in report order (the roll-up's jejak lists them so); `capaian` maps
    (indikator id, triwulan) → Capaian. `sasaran` limits which sasaran nodes are computed
    (all when None); `opd=False` skips the OPD mean.
    """
    daftar = list(indikator)
    per_node: dict[int, list[DefinisiIndikator | Anggota]] = {}
    for ind in daftar:
        if ind.sasaran:
            per_node.setdefault(ind.node_id, []).append(ind)
    pilih = set(per_node) if sasaran is None else set(sasaran) & set(per_node)
    iku = [ind for ind in daftar if ind.iku]
    hasil = []
    for q in (*TRIWULAN, TAHUNAN):
        for node_id, anggota in per_node.items():
            if node_id in pilih:
                peta = {ind.ref: capaian[(ind.id, q)] for ind in anggota}
                hasil.append(BarisRollup(opd_id, node_id, tahun, q, capaian_sasaran(peta, kebijakan=kebijakan)))
        if opd:
            peta = {ind.ref: capaian[(ind.id, q)] for ind in iku}
            hasil.append(BarisRollup(opd_id, None, tahun, q, capaian_opd(peta, kebijakan=kebijakan)))
    return hasil


def capaian_tersimpan(terukur: bool, eksak: str, teks: str, alasan: str) -> Capaian:
    """A stored HasilCapaian back as the engine's Capaian, for roll-ups (only `nilai` and
    `alasan` matter there; `eksak` is the exact text, so the mean is the same as in a full
    recompute)."""
    if not terukur or not eksak:
        return tidak_terukur(alasan or "capaian belum ada")
    return Capaian(True, Decimal(eksak), None, None, teks, "", "")


def periksa_formula_indikator(teks: str) -> str | None:
    """None when the formula parses, else the message (for import checks)."""
    try:
        formula_dari(teks)
    except FormulaTidakValid as exc:
        return str(exc)
    return None
