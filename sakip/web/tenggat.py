"""When a quarter's data are due, and where the quarter stands in the workflow (sakip.alur).

A quarter is *due* once operators are expected to have entered it: when the Pemda set an entry
window (`alur.JendelaIsian`), from the day the window opens; without a window, once the quarter
has ended (31 March, 30 June, 30 September, 31 December). It is *late* (terlambat) when its
window closed before the quarter was first submitted (docs/algorithms/alur.md §4); without a
window nothing is ever marked late, because no closing date was set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sakip.alur.models import JendelaIsian, StatusAlur, StatusTriwulan
from sakip.organisasi.models import PerangkatDaerah

AKHIR_TRIWULAN = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def akhir_triwulan(tahun: int, triwulan: int) -> dt.date:
    bulan, hari = AKHIR_TRIWULAN[triwulan]
    return dt.date(tahun, bulan, hari)


@dataclass(frozen=True)
class Tenggat:
    tahun: int
    triwulan: int
    dibuka: dt.date | None = None  # entry window, when the Pemda set one
    ditutup: dt.date | None = None
    status: str = StatusAlur.DRAF
    status_label: str = StatusAlur.DRAF.label
    pertama_diajukan: dt.datetime | None = None

    @property
    def akhir(self) -> dt.date:
        return akhir_triwulan(self.tahun, self.triwulan)

    def jatuh_tempo(self, hari_ini: dt.date) -> bool:
        return self.dibuka <= hari_ini if self.dibuka is not None else self.akhir < hari_ini

    def terlambat(self, hari_ini: dt.date) -> bool:
        if self.ditutup is None:
            return False
        if self.pertama_diajukan is not None:
            return self.pertama_diajukan.date() > self.ditutup
        return self.ditutup < hari_ini


def tenggat_opd(*, opd: PerangkatDaerah, tahun: int) -> dict[int, Tenggat]:
    """The four quarters of an OPD-year: window and workflow state (two queries)."""
    jendela = {j.triwulan: j for j in JendelaIsian.objects.filter(pemda_id=opd.pemda_id, tahun=tahun)}
    status = {s.triwulan: s for s in StatusTriwulan.objects.filter(opd=opd, tahun=tahun)}
    hasil = {}
    for tw in AKHIR_TRIWULAN:
        j, s = jendela.get(tw), status.get(tw)
        kode = s.status if s is not None else StatusAlur.DRAF
        hasil[tw] = Tenggat(
            tahun, tw, j.dibuka if j else None, j.ditutup if j else None, kode, StatusAlur(kode).label,
            s.pertama_diajukan_pada if s else None,
        )
    return hasil


def status_triwulan_opd(*, opd_ids: Iterable[int], tahun: int, triwulan: int) -> dict[int, str]:
    """Workflow state label of one quarter for many OPDs (one query; {} for the whole year)."""
    if not triwulan:
        return {}
    ids = list(opd_ids)
    ada = dict(
        StatusTriwulan.objects.filter(opd_id__in=ids, tahun=tahun, triwulan=triwulan).values_list("opd_id", "status")
    )
    return {i: StatusAlur(ada.get(i, StatusAlur.DRAF)).label for i in ids}
