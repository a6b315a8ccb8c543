"""Exact money and indicator values on SQLite and PostgreSQL alike."""

from decimal import Decimal

import pytest
from django.db import connection, models
from django.db.models import Sum

from sakip.core.fields import NilaiField, RupiahField


class Contoh(models.Model):
    rupiah = RupiahField(null=True)
    nilai = NilaiField(null=True)

    class Meta:
        app_label = "core"

    def __str__(self) -> str:
        return f"{self.rupiah} {self.nilai}"


@pytest.fixture
def tabel(transactional_db: None):  # type: ignore[no-untyped-def]
    with connection.schema_editor() as editor:
        editor.create_model(Contoh)
    yield Contoh
    with connection.schema_editor() as editor:
        editor.delete_model(Contoh)


def test_rupiah_eksak_sampai_sepuluh_pangkat_tiga_belas(tabel) -> None:  # type: ignore[no-untyped-def]
    besar = Decimal("9999999999999.99")
    tabel.objects.create(rupiah=besar)
    tabel.objects.create(rupiah=Decimal("0.01"))
    tabel.objects.create(rupiah=Decimal("5695798296.82"))
    assert tabel.objects.order_by("rupiah").last().rupiah == besar
    # A float sum would lose the cents here; the stored sen make SUM exact in SQL.
    total = tabel.objects.aggregate(t=Sum("rupiah"))["t"]
    assert total == Decimal("10005695798296.82")


def test_rupiah_menolak_lebih_dari_dua_desimal_dan_float(tabel) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="dua angka desimal"):
        tabel.objects.create(rupiah=Decimal("1.005"))
    with pytest.raises(TypeError, match="float"):
        tabel.objects.create(rupiah=1.5)


def test_nilai_menyimpan_semua_digit(tabel) -> None:  # type: ignore[no-untyped-def]
    for teks in ["9.7005", "137282476.24", "0.152", "1916311.34", "12345678901234567890.12345678"]:
        obj = tabel.objects.create(nilai=Decimal(teks))
        obj.refresh_from_db()
        assert obj.nilai == Decimal(teks)
