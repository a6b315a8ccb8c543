"""Roll-ups: a sasaran's capaian from its indicators, the OPD's from its IKU.

Both are the (optionally weighted) mean of the measurable capaian (lkip-2024 Tabel 3.2:
(100 + 100 + 11,07) / 3 = 70,36% -> "Cukup Berhasil"). Not-measurable indicators are left out
of the mean — counting them as 0 would punish missing data as failure, and counting them as
100 would hide it — and the result lists them with their reasons so the report can say so.
The values averaged are the capped `Capaian.nilai` (what each row of the report shows).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .angka import (
    bulatkan,
    dari_pecahan,
    format_angka,
    format_masukan,
    format_persen,
    jumlahkan,
)
from .capaian import Capaian
from .kebijakan import Kebijakan
from .skala import Band


@dataclass(frozen=True)
class HasilRollup:
    terukur: bool
    nilai: Decimal | None  # exact mean
    nilai_tampil: Decimal | None
    teks: str  # "70,36%" or "tidak terukur"
    jejak: str  # "(100 + 100 + 11,07) / 3 = 70,36%"
    band: Band | None
    jumlah_dihitung: int
    dikecualikan: tuple[tuple[str, str], ...]  # (name, reason) of left-out indicators
    alasan: str = ""

    @property
    def jumlah_dikecualikan(self) -> int:
        return len(self.dikecualikan)


def capaian_sasaran(
    capaian: Mapping[str, Capaian | Decimal | None], *, kebijakan: Kebijakan | None = None
) -> HasilRollup:
    """Mean capaian of a sasaran's indicators (name -> capaian, in report order)."""
    return rata_rata_capaian(capaian, kebijakan=kebijakan)


def capaian_opd(
    capaian: Mapping[str, Capaian | Decimal | None],
    *,
    bobot: Mapping[str, Decimal] | None = None,
    kebijakan: Kebijakan | None = None,
) -> HasilRollup:
    """Mean capaian of the OPD's IKU, weighted when `bobot` is given (missing weight = 1)."""
    return rata_rata_capaian(capaian, bobot=bobot, kebijakan=kebijakan)


def rata_rata_capaian(
    capaian: Mapping[str, Capaian | Decimal | None],
    *,
    bobot: Mapping[str, Decimal] | None = None,
    kebijakan: Kebijakan | None = None,
) -> HasilRollup:
    kebijakan = kebijakan or Kebijakan()
    dihitung: list[tuple[Decimal, Decimal]] = []  # (value, weight)
    dikecualikan: list[tuple[str, str]] = []
    for nama, c in capaian.items():
        w = Decimal(1) if bobot is None else bobot.get(nama, Decimal(1))
        if not w.is_finite() or w < 0:
            raise ValueError(f"bobot '{nama}' harus ≥ 0")
        nilai = c.nilai if isinstance(c, Capaian) else c
        if nilai is None or not nilai.is_finite():
            alasan = c.alasan if isinstance(c, Capaian) and c.alasan else "capaian belum ada"
            dikecualikan.append((nama, alasan))
        elif w > 0:  # weight 0 means "shown, not counted"
            dihitung.append((nilai, w))

    total_bobot = sum((Fraction(w) for _, w in dihitung), Fraction(0))
    if total_bobot == 0:
        alasan = "tidak ada capaian indikator yang terukur"
        return HasilRollup(
            False,
            None,
            None,
            "tidak terukur",
            f"tidak terukur: {alasan}",
            None,
            0,
            tuple(dikecualikan),
            alasan,
        )
    nilai = dari_pecahan(
        sum((Fraction(v) * Fraction(w) for v, w in dihitung), Fraction(0)) / total_bobot
    )
    tampil = bulatkan(nilai, kebijakan.desimal, kebijakan.pembulatan)
    teks = format_persen(nilai, kebijakan.desimal, pembulatan=kebijakan.pembulatan)
    return HasilRollup(
        terukur=True,
        nilai=nilai,
        nilai_tampil=tampil,
        teks=teks,
        jejak=_jejak(dihitung, bobot is not None, dikecualikan, teks, kebijakan),
        band=kebijakan.skala.cari(tampil),
        jumlah_dihitung=len(dihitung),
        dikecualikan=tuple(dikecualikan),
    )


def _jejak(
    dihitung: list[tuple[Decimal, Decimal]],
    berbobot: bool,
    dikecualikan: list[tuple[str, str]],
    teks: str,
    kebijakan: Kebijakan,
) -> str:
    def ringkas(x: Decimal) -> str:
        # Each capaian as its row prints it; a whole number without ",00" (lkip-2024 writes
        # "100 + 100 + 11,07").
        teks = format_angka(x, kebijakan.desimal, pembulatan=kebijakan.pembulatan)
        bulat, koma, pecahan = teks.partition(",")
        return bulat if koma and not pecahan.strip("0") else teks

    if berbobot:
        suku = " + ".join(f"{ringkas(v)} × {format_masukan(w)}" for v, w in dihitung)
        penyebut = format_masukan(jumlahkan([w for _, w in dihitung]))
    else:
        suku = " + ".join(ringkas(v) for v, _ in dihitung)
        penyebut = str(len(dihitung))
    jejak = f"({suku}) / {penyebut} = {teks}"
    if dikecualikan:
        daftar = "; ".join(f"{n} ({a})" for n, a in dikecualikan)
        jejak += f"; {len(dikecualikan)} indikator tidak terukur dikecualikan: {daftar}"
    return jejak
