"""Oracle comparison for exact results (Hypothesis properties)."""

from decimal import Decimal
from fractions import Fraction

PRESISI = 50  # sakip.engine.angka.PRESISI, restated: the test must not trust the code under test


def _digit_eksak(f: Fraction) -> int | None:
    """Significant digits of f's decimal expansion, or None if it does not terminate."""
    d = f.denominator
    k = 0
    while d % 10 == 0 or d % 2 == 0 or d % 5 == 0:
        if d % 2 == 0:
            d //= 2
        else:
            d //= 5
        k += 1
    if d != 1:
        return None
    bulat = abs(f.numerator) * 10**k // f.denominator
    return len(str(bulat).rstrip("0")) or 1


def sama_dengan_oracle(hasil: Decimal, oracle: Fraction) -> bool:
    """`hasil` equals the exact rational `oracle` whenever it fits in PRESISI digits, and is
    otherwise within half a unit of the 50th significant digit."""
    digit = _digit_eksak(oracle)
    if digit is not None and digit <= PRESISI:
        return Fraction(hasil) == oracle
    return bool(abs(Fraction(hasil) - oracle) <= abs(oracle) / 10 ** (PRESISI - 1))
