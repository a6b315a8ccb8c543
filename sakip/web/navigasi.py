"""The navigation menu: each capability registers its entries, shown per role.

An entry is shown for an OPD when the user may do its `aksi` there, or for a Pemda when the user
has a Pemda-wide membership allowing it.
"""

from dataclasses import dataclass
from typing import Literal

from sakip.akun.izin import Aksi


@dataclass(frozen=True)
class EntriMenu:
    urutan: int
    label: str
    url_name: str  # reversed with the OPD or Pemda slug as its single argument
    lingkup: Literal["opd", "pemda"]
    aksi: Aksi = Aksi.LIHAT


_ENTRI: list[EntriMenu] = []


def daftarkan_menu(entri: EntriMenu) -> None:
    if entri not in _ENTRI:
        _ENTRI.append(entri)


def entri_menu(lingkup: str) -> list[EntriMenu]:
    return sorted((e for e in _ENTRI if e.lingkup == lingkup), key=lambda e: e.urutan)
