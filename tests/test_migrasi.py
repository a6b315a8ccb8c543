"""Every model change has its migration (a missing one would break `sakip migrate` in production)."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_tidak_ada_migrasi_tertinggal() -> None:
    keluaran = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=keluaran)
    assert "No changes detected" in keluaran.getvalue()
