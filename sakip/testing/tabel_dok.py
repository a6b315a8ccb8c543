"""Read the worked tables of docs/algorithms/*.md, so the docs and the tests are one table.

A table is marked in the Markdown with `<!-- tabel-uji: nama -->` on the line before it.
Cells are stripped; a cell wrapped in backticks keeps its inner text verbatim (spaces too).
Standard library only: the engine's tests use it without Django.
"""

from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs" / "algorithms"


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
