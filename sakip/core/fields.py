"""Exact number fields, identical on SQLite and PostgreSQL.

SQLite has no decimal type: Django's DecimalField goes through REAL there, which keeps 15
significant digits and makes SUM() a float sum. Sakip promises exact values end to end, so:

- `RupiahField` stores whole *sen* (1/100 Rupiah) in a BIGINT. Sums in SQL stay exact on both
  databases and reach ±9,2 × 10^16 Rupiah (the brief asks for 10^13).
- `NilaiField` stores an indicator value as NUMERIC(30, 8) on PostgreSQL and as TEXT on SQLite.
  Values are never summed or compared in SQL (the engine computes in Python), so TEXT costs
  nothing and keeps every digit typed.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models

SEN = Decimal(100)
DUA_DESIMAL = Decimal("0.01")
NILAI_DESIMAL = 8
NILAI_DIGIT = 30
_NILAI_KUANTUM = Decimal(1).scaleb(-NILAI_DESIMAL)


def _ke_decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        raise TypeError("float tidak boleh dipakai untuk angka uang/indikator; gunakan Decimal")
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError) as exc:
        raise ValueError(f"bukan angka: {value!r}") from exc


class RupiahField(models.BigIntegerField):
    """Rupiah with two decimals, stored exactly as whole sen."""

    description = "Rupiah (disimpan dalam sen)"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / SEN).quantize(DUA_DESIMAL)

    def to_python(self, value: Any) -> Decimal | None:
        if value is None or value == "":
            return None
        return _ke_decimal(value).quantize(DUA_DESIMAL)

    def get_prep_value(self, value: Any) -> int | None:
        if value is None:
            return None
        if hasattr(value, "resolve_expression"):
            return value  # type: ignore[no-any-return]
        amount = _ke_decimal(value)
        sen = amount * SEN
        if sen != sen.to_integral_value():
            raise ValueError(f"Rupiah paling banyak dua angka desimal: {amount}")
        return int(sen)

    def formfield(self, **kwargs: Any) -> Any:
        from django import forms

        return forms.DecimalField(max_digits=17, decimal_places=2, **kwargs)


class NilaiField(models.Field):
    """An exact indicator / data value with up to 8 decimals."""

    description = "Nilai desimal eksak"

    def db_type(self, connection: Any) -> str:
        if connection.vendor == "sqlite":
            return "text"
        return f"numeric({NILAI_DIGIT}, {NILAI_DESIMAL})"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Decimal | None:
        if value is None:
            return None
        return _ke_decimal(str(value)).quantize(_NILAI_KUANTUM)

    def to_python(self, value: Any) -> Decimal | None:
        if value is None or value == "":
            return None
        return _ke_decimal(value).quantize(_NILAI_KUANTUM)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        if value is None or hasattr(value, "resolve_expression"):
            return value
        quantized = _ke_decimal(value).quantize(_NILAI_KUANTUM)
        if connection.vendor == "sqlite":
            return str(quantized)
        return quantized

    def formfield(self, **kwargs: Any) -> Any:
        from django import forms

        return forms.DecimalField(
            max_digits=NILAI_DIGIT, decimal_places=NILAI_DESIMAL, **kwargs
        )
