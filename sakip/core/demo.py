"""The demo loader: every capability registers how its demo files are imported.

`sakip load-demo` walks the steps in order, each importing files of `demo/` through the same
import service a user calls. Capabilities register in their AppConfig.ready().
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LangkahDemo:
    urutan: int
    nama: str
    pola: str  # glob below the demo folder, e.g. "*/renstra.yaml"
    impor: Callable[[Path, "OpsiDemo"], str]  # returns a one-line summary


@dataclass(frozen=True)
class OpsiDemo:
    password: str
    # Which OPD folders are loaded ("*" = all). Steps whose file names every OPD (the users of
    # pemda.yaml) take only the rows of the OPDs loaded, so tests can load one OPD quickly.
    pola_opd: str = "*"


_LANGKAH: list[LangkahDemo] = []


def daftarkan_langkah(langkah: LangkahDemo) -> None:
    if any(existing.nama == langkah.nama for existing in _LANGKAH):
        return
    _LANGKAH.append(langkah)


def langkah_demo() -> list[LangkahDemo]:
    return sorted(_LANGKAH, key=lambda item: (item.urutan, item.nama))
