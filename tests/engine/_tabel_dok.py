"""The engine's reading of the doc tables (reader: sakip.testing.tabel_dok); `–` means empty."""

from __future__ import annotations

from decimal import Decimal

from sakip.engine import parse_angka
from sakip.testing.tabel_dok import baca_tabel

__all__ = ["KOSONG", "angka", "baca_tabel", "daftar_angka", "kasus", "kebijakan_dok", "nilai_bernama"]

KOSONG = "–"


def angka(sel: str) -> Decimal | None:
    """An Indonesian number cell; `–` is None."""
    return None if sel == KOSONG else parse_angka(sel, boleh_persen=True)


def daftar_angka(sel: str) -> list[Decimal | None]:
    """`100; –; 11,07` -> [100, None, 11.07]."""
    return [angka(s.strip()) for s in sel.split(";")]


def nilai_bernama(sel: str) -> dict[str, Decimal]:
    """`a=1; b=2,5` -> {"a": 1, "b": 2.5}; `–` is an empty mapping."""
    if sel == KOSONG:
        return {}
    hasil = {}
    for bagian in sel.split(";"):
        nama, _, teks = bagian.partition("=")
        hasil[nama.strip()] = parse_angka(teks)
    return hasil


def kasus(tabel: list[dict[str, str]], kolom: str) -> list[object]:
    """Rows as pytest params, each with a readable id taken from `kolom`."""
    import pytest

    return [pytest.param(r, id=f"{i}-{r[kolom]}"[:60]) for i, r in enumerate(tabel)]


def kebijakan_dok() -> dict[str, object]:
    """The named policies of docs/algorithms/capaian.md section 1 (table `kebijakan`)."""
    from sakip.engine import Kebijakan, Pembulatan, RumusNegatif
    from sakip.engine.skala import SKALA_BAWAAN

    hasil: dict[str, object] = {}
    for r in baca_tabel("capaian.md", "kebijakan"):
        hasil[r["nama"]] = Kebijakan(
            rumus_negatif=RumusNegatif(r["rumus negatif"]),
            batas_atas=angka(r["batas atas"]),
            skala=SKALA_BAWAAN[r["skala"]],
            pembulatan=Pembulatan(r["pembulatan"]),
            desimal=int(r["desimal"]),
        )
    return hasil
