"""Template helpers of the workflow pages."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def nama_pengguna(user: Any) -> str:
    """Who did a step: full name, else username; "sistem" for imports and deleted accounts."""
    if user is None:
        return "sistem"
    return str(user.get_full_name() or user.username)


@register.filter
def romawi(triwulan: int) -> str:
    return {1: "I", 2: "II", 3: "III", 4: "IV"}.get(int(triwulan), str(triwulan))
