"""The report's own content (engineer "konten": sakip.laporan) as the document builder reads it.

One seam: `konten_dokumen` calls `sakip.laporan.selectors.konten_laporan` (10 queries, or 1 when
nothing is stored) and the builder reads its frozen `KontenLaporan` — narrative sections with their
registered titles, signatory, staff, assets, budget vs last year, LHE follow-up, awards,
crosscutting partners and links (/work/notes/laporan-konten.md).
"""

from __future__ import annotations

from sakip.laporan.selectors import KontenLaporan, konten_laporan
from sakip.organisasi.models import PerangkatDaerah


def konten_dokumen(*, opd: PerangkatDaerah, tahun: int) -> KontenLaporan:
    return konten_laporan(opd=opd, tahun=tahun)
