"""The LKjIP charts as PNG bytes (matplotlib, Agg backend: no display, safe in workers).

Bars take the rating band's colour, so the chart reads like the capaian table. Values are
converted to float only here, for drawing; every printed number stays a Decimal formatted by
`sakip.engine.angka` (the labels on the bars too).
"""

from __future__ import annotations

import textwrap
from decimal import Decimal
from io import BytesIO

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from sakip.engine.angka import format_angka  # noqa: E402
from sakip.engine.skala import SkalaPeringkat  # noqa: E402

LEBAR_CM, DPI = 16, 120  # 120 dpi: sharp in print at 15 cm, half the drawing time of 150


def _png(fig: plt.Figure) -> bytes:
    keluaran = BytesIO()
    # tight_layout once instead of bbox_inches="tight" (which draws the figure twice).
    fig.tight_layout()
    fig.savefig(keluaran, format="png", dpi=DPI)
    plt.close(fig)
    return keluaran.getvalue()


def _label(teks: str, lebar: int = 28) -> str:
    return "\n".join(textwrap.wrap(teks, lebar)[:3])


def grafik_capaian(data: list[tuple[str, str, Decimal | None]], skala: SkalaPeringkat) -> bytes:
    """Capaian per indicator (ref, name, capaian %) as horizontal bars in band colours."""
    tinggi = max(2.2, 0.55 * len(data) + 1.2)
    fig, ax = plt.subplots(figsize=(LEBAR_CM / 2.54, tinggi))
    nama = [_label(f"{ref} {n}") for ref, n, _ in data]
    nilai = [float(c) if c is not None else 0.0 for _, _, c in data]
    warna = []
    for _, _, c in data:
        band = skala.cari(c) if c is not None else None
        warna.append(band.warna_hex if band else "#BDBDBD")
    y = list(range(len(data)))[::-1]
    ax.barh(y, nilai, color=warna, edgecolor="#424242", linewidth=0.5)
    for yi, (_, _, c), v in zip(y, data, nilai, strict=True):
        teks = "tidak terukur" if c is None else format_angka(c, 2) + "%"
        ax.text(v + 1, yi, teks, va="center", fontsize=7)
    ax.set_yticks(y, nama, fontsize=7)
    ax.axvline(100, color="#424242", linestyle="--", linewidth=0.8)
    ax.set_xlabel("Capaian (%)", fontsize=8)
    ax.set_xlim(0, max([*nilai, 100]) * 1.18)
    ax.tick_params(axis="x", labelsize=7)
    ax.legend(handles=[Patch(color=b.warna_hex, label=b.label) for b in reversed(skala.band)],
              fontsize=6, loc="lower right", frameon=True)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def grafik_serapan(data: list[tuple[str, Decimal | None]]) -> bytes:
    """Budget absorption (%) per program or sasaran."""
    tinggi = max(2.2, 0.5 * len(data) + 1.2)
    fig, ax = plt.subplots(figsize=(LEBAR_CM / 2.54, tinggi))
    y = list(range(len(data)))[::-1]
    nilai = [float(s) if s is not None else 0.0 for _, s in data]
    ax.barh(y, [100.0] * len(data), color="#E3F2FD", edgecolor="#90CAF9", linewidth=0.5, label="Pagu (100%)")
    ax.barh(y, nilai, color="#1565C0", height=0.5, label="Realisasi")
    for yi, (_, s), v in zip(y, data, nilai, strict=True):
        ax.text(min(v, 100) + 1, yi, "-" if s is None else format_angka(s, 2) + "%", va="center", fontsize=7)
    ax.set_yticks(y, [_label(u, 40) for u, _ in data], fontsize=7)
    ax.set_xlim(0, max([*nilai, 100]) * 1.15)
    ax.set_xlabel("Serapan anggaran (%)", fontsize=8)
    ax.tick_params(axis="x", labelsize=7)
    ax.legend(fontsize=6, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)
