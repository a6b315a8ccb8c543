"""From quarterly values (TW I–IV) to the year's value, and checks on quarterly targets.

How quarters add up is a property of the indicator, never a guess (DOMAIN.md section 2):

- KUMULATIF: each quarter is to date (lkjip-2025 PK induk: 4,000 / 8,000 / 12,500 / 16,750);
  the year is the value of TW IV.
- JUMLAH: each quarter stands alone; the year is the sum (lkjip-2025 realisasi
  5,830 + 6,170 + 6,080 + 6,612 = 24,692).
- RATA_RATA: a level held through the year (95% every quarter); the year is the mean of the
  quarters that were reported.
- NILAI_AKHIR: a level observed at points in time (an index, a predicate); the year is the
  latest reported value.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from .angka import dari_pecahan, format_masukan, jumlah_desimal, jumlahkan
from .hasil import Temuan, TidakTerukur

ROMAWI = ("I", "II", "III", "IV")


class Agregasi(StrEnum):
    KUMULATIF = "kumulatif"
    JUMLAH = "jumlah"
    RATA_RATA = "rata_rata"
    NILAI_AKHIR = "nilai_akhir"


def _empat(triwulan: Sequence[Decimal | None]) -> list[Decimal | None]:
    if len(triwulan) > 4:
        raise ValueError(f"paling banyak 4 triwulan, diterima {len(triwulan)}")
    return [*triwulan, *([None] * (4 - len(triwulan)))]


def nilai_tahunan(
    agregasi: Agregasi, triwulan: Sequence[Decimal | None], sampai_tw: int = 4
) -> Decimal | TidakTerukur:
    """The value for the year (or to date, `sampai_tw` < 4) from quarterly values.

    Missing data is handled per kind (docs/algorithms/formula.md, "Agregasi triwulan"):
    KUMULATIF needs the quarter `sampai_tw` itself — an earlier to-date value is NOT used as the
    year's value, because it would understate the year and produce a low capaian by accident;
    JUMLAH needs every quarter up to `sampai_tw`; RATA_RATA averages the reported quarters;
    NILAI_AKHIR takes the latest reported quarter.
    """
    if not 1 <= sampai_tw <= 4:
        raise ValueError(f"sampai_tw harus 1..4, diterima {sampai_tw}")
    tw = _empat(triwulan)[:sampai_tw]
    ada = [(i, v) for i, v in enumerate(tw) if v is not None]
    kosong = [ROMAWI[i] for i, v in enumerate(tw) if v is None]
    if not ada:
        return TidakTerukur(f"realisasi TW I s.d. TW {ROMAWI[sampai_tw - 1]} belum diisi")
    if agregasi is Agregasi.KUMULATIF:
        akhir = tw[sampai_tw - 1]
        if akhir is None:
            i, v = ada[-1]
            return TidakTerukur(
                f"realisasi TW {ROMAWI[sampai_tw - 1]} belum diisi "
                f"(data kumulatif terakhir: TW {ROMAWI[i]} = {format_masukan(v)})"
            )
        return akhir
    if agregasi is Agregasi.JUMLAH:
        if kosong:
            return TidakTerukur(f"realisasi TW {', '.join(kosong)} belum diisi")
        return jumlahkan([v for _, v in ada])
    if agregasi is Agregasi.RATA_RATA:
        total = jumlahkan([v for _, v in ada])
        return dari_pecahan(Fraction(total) / len(ada))
    return ada[-1][1]  # NILAI_AKHIR


def periksa_target_triwulan(
    agregasi: Agregasi,
    target_tahunan: Decimal | None,
    target_tw: Sequence[Decimal | None],
    *,
    toleransi: Decimal = Decimal(0),
) -> list[Temuan]:
    """Inconsistencies between quarterly targets and the annual target.

    Catches the seed errors of lkjip-2025: PK Perubahan TW IV 22,150 vs annual 22,300 (and
    16,550 vs 16,700), and TW III "9,7005" typed with one decimal too many. `toleransi` allows
    a rounding difference for JUMLAH/RATA_RATA (7,25 split as 4 × 1,81 = 7,24).
    """
    tw = _empat(target_tw)
    temuan = [
        Temuan("TARGET_TW_KOSONG", f"Target TW {ROMAWI[i]} belum diisi.", i + 1)
        for i, v in enumerate(tw)
        if v is None
    ]
    if target_tahunan is None:
        return [*temuan, Temuan("TARGET_TAHUNAN_KOSONG", "Target tahunan belum diisi.")]
    tahunan = format_masukan(target_tahunan)
    ada = [v for v in tw if v is not None]
    iv = tw[3]

    if agregasi is Agregasi.KUMULATIF:
        for i in range(1, 4):
            a, b = tw[i - 1], tw[i]
            if a is not None and b is not None and b < a:
                temuan.append(
                    Temuan(
                        "TARGET_KUMULATIF_MENURUN",
                        f"Target kumulatif TW {ROMAWI[i]} ({format_masukan(b)}) lebih kecil dari "
                        f"TW {ROMAWI[i - 1]} ({format_masukan(a)}).",
                        i + 1,
                    )
                )
    if agregasi in (Agregasi.KUMULATIF, Agregasi.NILAI_AKHIR) and iv is not None:
        if iv != target_tahunan:
            temuan.append(
                Temuan(
                    "TW_IV_BEDA_TAHUNAN",
                    f"Target TW IV ({format_masukan(iv)}) tidak sama dengan target tahunan "
                    f"({tahunan}); untuk target {agregasi.value.replace('_', ' ')} keduanya harus "
                    "sama.",
                    4,
                )
            )
    if agregasi is Agregasi.JUMLAH and len(ada) == 4:
        total = jumlahkan(ada)
        selisih = jumlahkan([total, target_tahunan.copy_negate()])
        if abs(Fraction(selisih)) > Fraction(toleransi):
            temuan.append(
                Temuan(
                    "JUMLAH_TW_BEDA_TAHUNAN",
                    f"Jumlah target TW I–IV ({format_masukan(total)}) tidak sama dengan target "
                    f"tahunan ({tahunan}); selisih {format_masukan(selisih)}.",
                )
            )
    if agregasi is Agregasi.RATA_RATA and len(ada) == 4:
        rata = Fraction(jumlahkan(ada)) / 4
        if abs(rata - Fraction(target_tahunan)) > Fraction(toleransi):
            temuan.append(
                Temuan(
                    "RATA_RATA_TW_BEDA_TAHUNAN",
                    f"Rata-rata target TW I–IV ({format_masukan(dari_pecahan(rata))}) tidak sama "
                    f"dengan target tahunan ({tahunan}).",
                )
            )
    temuan.extend(_presisi_ganjil(tw))
    return temuan


def _presisi_ganjil(tw: list[Decimal | None]) -> list[Temuan]:
    """A quarter typed with more decimals than all the others is probably a typo (9,7005).

    Works only when the typed exponent is kept (import); values read back from a fixed-scale
    column all have the same exponent and are never flagged.
    """
    desimal = [(i, jumlah_desimal(v)) for i, v in enumerate(tw) if v is not None]
    if len(desimal) < 3:
        return []
    hasil = []
    for i, d in desimal:
        lain = {dd for j, dd in desimal if j != i}
        if len(lain) == 1 and d > max(lain):
            v = tw[i]
            assert v is not None
            hasil.append(
                Temuan(
                    "PRESISI_TIDAK_SERAGAM",
                    f"Target TW {ROMAWI[i]} ({format_masukan(v)}) ditulis dengan {d} desimal, "
                    f"target triwulan lain {max(lain)} desimal; periksa salah ketik.",
                    i + 1,
                )
            )
    return hasil
