"""The inputs of a new evaluation row, derived from its Renja line and what Sakip already knows.

Pure (standard library and `sakip.engine` only): `layanan.evaluasi_renja_siapkan` reads the Renja
line, the plan's end-of-period target and last year's evaluation row of the same node × indicator,
and this module decides what goes in columns 5, 6 and 7 of the Permendagri 86/2017 form. The
quarter columns (8–11) and the narratives are the operator's. Rules and their reasons:
docs/algorithms/renja-evaluasi.md, "Preparing the table of a new year".
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sakip.engine.agregasi import Agregasi
from sakip.engine.angka import AngkaTidakValid, jumlah_desimal, jumlahkan, parse_rentang, to_decimal
from sakip.engine.capaian import Polaritas

# What an evaluation row's K field holds (sakip.core.fields.NilaiField: NUMERIC(30, 8)); a target
# beyond it is left empty rather than rounded on the way into the database.
NILAI_DESIMAL = 8
NILAI_DIGIT = 30
# EvaluasiRenja.target_*_rentang
RENTANG_MAKS = 60


@dataclass(frozen=True)
class BarisLalu:
    """Last year's evaluation row of the same node × indicator (its stored inputs)."""

    target_renstra_k: Decimal | None = None
    target_renstra_rentang: str = ""
    target_renstra_rp: Decimal | None = None
    realisasi_lalu_k: Decimal | None = None
    realisasi_lalu_rp: Decimal | None = None
    tw_k: tuple[Decimal | None, ...] = (None, None, None, None)
    tw_rp: tuple[Decimal | None, ...] = (None, None, None, None)


@dataclass(frozen=True)
class SumberBaris:
    """What is known about one Renja line that has no evaluation row yet."""

    polaritas: str
    agregasi: str
    target_renja: str  # the Renja line's target, as typed
    pagu_indikatif: Decimal | None  # the Renja line's own pagu (None on a roll-up row)
    # The node's Renstra covers the evaluated year: only then are its targets this year's Renstra.
    dalam_periode: bool
    # The plan's end-of-period target of the indicator, as typed ("" when the plan has none).
    target_renstra: str = ""
    # Only when the previous year lies in the same Renstra period and has an evaluation row.
    lalu: BarisLalu | None = None


@dataclass(frozen=True)
class TargetK:
    k: Decimal | None = None
    rentang: str = ""
    terbaca: bool = True  # False: text was typed but is not this indicator's kind of K


@dataclass(frozen=True)
class IsianAwal:
    """Columns 5, 6, 7 of the new row (field names of `EvaluasiRenja`)."""

    target_renstra_k: Decimal | None
    target_renstra_rentang: str
    target_renstra_rp: Decimal | None
    realisasi_lalu_k: Decimal | None
    realisasi_lalu_rp: Decimal | None
    target_renja_k: Decimal | None
    target_renja_rentang: str
    target_renja_rp: Decimal | None
    # The Renja target was typed but could not become column 7 K (a label for a number indicator,
    # a single number for a range indicator, …): the operator is told, the cell stays empty.
    target_renja_terbaca: bool


def muat_nilai(nilai: Decimal) -> bool:
    desimal = jumlah_desimal(nilai)
    return desimal <= NILAI_DESIMAL and len(nilai.as_tuple().digits) - desimal <= NILAI_DIGIT - NILAI_DESIMAL


def target_k(teks: str, polaritas: str) -> TargetK:
    """A target as typed in the plan or the Renja, as the evaluation row keeps it.

    A range indicator keeps the interval as written (`*_rentang`); a qualitative indicator's
    target is a label, which no number field holds (column 13 K stays empty for it, as for
    imported rows); any other indicator needs one number ("81", "0,51", "81%").
    """
    teks = (teks or "").strip()
    if not teks or polaritas == Polaritas.KUALITATIF:
        return TargetK()
    try:
        if polaritas == Polaritas.RENTANG:
            parse_rentang(teks, boleh_persen=True)
            return TargetK(rentang=teks) if len(teks) <= RENTANG_MAKS else TargetK(terbaca=False)
        nilai = to_decimal(teks, boleh_persen=True)
    except (AngkaTidakValid, ValueError):
        return TargetK(terbaca=False)
    return TargetK(k=nilai) if muat_nilai(nilai) else TargetK(terbaca=False)


def _jumlah(nilai: Iterable[Decimal | None]) -> Decimal | None:
    """Empty adds nothing; all empty stays empty (as column 14 of the form)."""
    ada = [n for n in nilai if n is not None]
    return jumlahkan(ada) if ada else None


def realisasi_sd_tahun_ini(lalu: BarisLalu, *, jumlah_k: bool) -> tuple[Decimal | None, Decimal | None]:
    """Last year's column 14 from its own inputs (6 + 8 + 9 + 10 + 11), K and Rp: this year's 6.

    Rp always adds up. K only for an indicator whose quarters add up (agregasi `jumlah`): for a
    level (an index, a percentage) the form's sum is arithmetic, not a realisation to date.
    """
    rp = _jumlah((lalu.realisasi_lalu_rp, *lalu.tw_rp))
    k = _jumlah((lalu.realisasi_lalu_k, *lalu.tw_k)) if jumlah_k else None
    return k, rp


def isian_awal(s: SumberBaris) -> IsianAwal:
    renja = target_k(s.target_renja, s.polaritas)
    renstra, renstra_rp, lalu_k, lalu_rp = TargetK(), None, None, None
    if s.dalam_periode:
        renstra = target_k(s.target_renstra, s.polaritas)
        if s.lalu is not None:
            if renstra.k is None and not renstra.rentang:
                # Column 5 is the same every year of the period: last year's row says it when the
                # plan does not.
                renstra = TargetK(s.lalu.target_renstra_k, s.lalu.target_renstra_rentang)
            renstra_rp = s.lalu.target_renstra_rp
            lalu_k, lalu_rp = realisasi_sd_tahun_ini(s.lalu, jumlah_k=s.agregasi == Agregasi.JUMLAH)
    return IsianAwal(
        target_renstra_k=renstra.k, target_renstra_rentang=renstra.rentang, target_renstra_rp=renstra_rp,
        realisasi_lalu_k=lalu_k, realisasi_lalu_rp=lalu_rp,
        target_renja_k=renja.k, target_renja_rentang=renja.rentang, target_renja_rp=s.pagu_indikatif,
        target_renja_terbaca=renja.terbaca,
    )
