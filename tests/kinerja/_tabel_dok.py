"""Read the worked tables of docs/algorithms/anggaran.md, so the doc and the tests are one table.

Same convention as tests/engine/_tabel_dok.py: `<!-- tabel-uji: nama -->` on the line before.
"""

from decimal import Decimal
from pathlib import Path

from sakip.engine.angka import parse_angka

DOK = Path(__file__).resolve().parents[2] / "docs" / "algorithms" / "anggaran.md"


def baca_tabel(nama: str) -> list[dict[str, str]]:
    baris = DOK.read_text(encoding="utf-8").splitlines()
    mulai = baris.index(f"<!-- tabel-uji: {nama} -->") + 1
    tabel = []
    for b in baris[mulai:]:
        if not b.startswith("|"):
            break
        tabel.append([s.strip() for s in b.strip()[1:-1].split("|")])
    kepala, _, *isi = tabel
    assert isi, f"tabel {nama} kosong"
    return [dict(zip(kepala, r, strict=True)) for r in isi]


def angka(teks: str) -> Decimal:
    return parse_angka(teks)
