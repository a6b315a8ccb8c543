"""Result types shared by the engine modules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TidakTerukur:
    """A value that cannot be measured, with the reason in Indonesian.

    Missing data or a zero divisor is an answer, not an error: the report prints "tidak
    terukur" with the reason instead of a misleading 0% or 100% (DOMAIN.md section 3).
    """

    alasan: str

    def __str__(self) -> str:
        return f"tidak terukur: {self.alasan}"


@dataclass(frozen=True)
class Temuan:
    """A finding about entered data that a person should look at (e.g. a seed's typo)."""

    kode: str  # stable, for filtering and tests, e.g. "TW_IV_BEDA_TAHUNAN"
    pesan: str  # Indonesian sentence shown to the operator
    triwulan: int | None = None  # 1..4 when the finding is about one quarter
