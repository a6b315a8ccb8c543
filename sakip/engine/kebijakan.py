"""Measurement policy: what differs between Pemda (DOMAIN.md section 3).

A Pemda sets a default `Kebijakan`; an indicator may override single fields with
`kebijakan.timpa(...)`. The default reproduces lkjip-2025 (Babel): no cap, (2T − R)/T for
negative indicators, Permendagri 86/2017 bands, two decimals rounded half-up.
lkip-2024 (NTT) is `Kebijakan(batas_atas=Decimal(100), skala=KEMENPANRB)`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from .angka import Pembulatan
from .skala import PERMENDAGRI_86_2017, SkalaPeringkat


class RumusNegatif(StrEnum):
    """How a negative indicator (lower is better) becomes a capaian."""

    DUA_T_KURANG_R = "2T-R"  # (2T − R) / T × 100 = (1 + (1 − R/T)) × 100: common practice
    T_BAGI_R = "T/R"  # T / R × 100: used by some Pemda; undefined for R ≤ 0


@dataclass(frozen=True)
class Kebijakan:
    rumus_negatif: RumusNegatif = RumusNegatif.DUA_T_KURANG_R
    # None = no cap (lkjip-2025 reports 110,72%); Decimal(100) = lkip-2024's
    # "persentase capaiannya tetap dihitung sebesar 100 persen"; or any custom cap > 0.
    batas_atas: Decimal | None = None
    pembulatan: Pembulatan = Pembulatan.HALF_UP  # presentation only
    desimal: int = 2  # presentation only
    skala: SkalaPeringkat = PERMENDAGRI_86_2017

    def __post_init__(self) -> None:
        if not isinstance(self.rumus_negatif, RumusNegatif):
            raise ValueError(f"rumus_negatif tidak dikenal: {self.rumus_negatif!r}")
        if not isinstance(self.pembulatan, Pembulatan):
            raise ValueError(f"pembulatan tidak dikenal: {self.pembulatan!r}")
        if self.batas_atas is not None and (
            not isinstance(self.batas_atas, Decimal)
            or not self.batas_atas.is_finite()
            or self.batas_atas <= 0
        ):
            raise ValueError("batas_atas harus Decimal > 0 atau None (tanpa batas)")
        if type(self.desimal) is not int or not 0 <= self.desimal <= 10:
            raise ValueError("desimal harus bilangan bulat 0..10")
        if not isinstance(self.skala, SkalaPeringkat):
            raise ValueError("skala harus SkalaPeringkat")

    def timpa(self, **perubahan: Any) -> Kebijakan:
        """A copy with some fields overridden (per-indicator policy over the Pemda default).

        Unknown field names raise TypeError; invalid values raise ValueError.
        """
        return dataclasses.replace(self, **perubahan)
