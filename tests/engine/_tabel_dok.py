"""Read the worked tables of docs/algorithms/*.md so the docs and the tests are one table.

A table is marked in the Markdown with `<!-- tabel-uji: nama -->` on the line before it.
Cells are stripped; a cell wrapped in backticks keeps its inner text verbatim (spaces too);
`–` means empty (None).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sakip.engine import parse_angka

DOCS = Path(__file__).resolve().parents[2] / "docs" / "algorithms"
KOSONG = "–"


def _sel(teks: str) -> str:
    teks = teks.strip()
    if len(teks) >= 2 and teks.startswith("`") and teks.endswith("`"):
        return teks[1:-1]
    return teks


def baca_tabel(berkas: str, nama: str) -> list[dict[str, str]]:
    baris = (DOCS / berkas).read_text(encoding="utf-8").splitlines()
    penanda = f"<!-- tabel-uji: {nama} -->"
    try:
        mulai = baris.index(penanda) + 1
    except ValueError:
        raise AssertionError(f"tabel '{nama}' tidak ada di {berkas}") from None
    tabel = []
    for b in baris[mulai:]:
        if not b.startswith("|"):
            break
        tabel.append([_sel(s) for s in b.strip()[1:-1].split("|")])
    kepala, pemisah, *isi = tabel
    assert set("".join(pemisah)) <= {"-", ":", " "}, f"tabel '{nama}' tanpa baris pemisah"
    assert isi, f"tabel '{nama}' kosong"
    for r in isi:
        assert len(r) == len(kepala), f"tabel '{nama}': jumlah kolom salah pada {r}"
    return [dict(zip(kepala, r, strict=True)) for r in isi]


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
