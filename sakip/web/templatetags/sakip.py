"""Indonesian number formatting for templates (1.234.567,89); never used for APIs."""

from decimal import Decimal
from typing import Any

from django import template

from sakip.engine.angka import format_angka, format_persen, format_rupiah

register = template.Library()


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


@register.filter
def angka(value: Any, desimal: int | None = 2) -> str:
    nilai = _decimal(value)
    return "–" if nilai is None else format_angka(nilai, desimal)


@register.filter
def persen(value: Any, desimal: int = 2) -> str:
    nilai = _decimal(value)
    return "–" if nilai is None else format_persen(nilai, desimal)


@register.filter
def rupiah(value: Any) -> str:
    nilai = _decimal(value)
    return "–" if nilai is None else format_rupiah(nilai)
