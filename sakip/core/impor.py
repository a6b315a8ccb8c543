"""Shared machinery of every importer: all-or-nothing, with every error located.

An importer walks a parsed document (YAML mapping or workbook rows), collects *every* problem
with where it is (`file › path` or `sheet › row › column`) instead of stopping at the first, and
writes nothing unless the whole document is valid.
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class KesalahanImpor:
    lokasi: str
    pesan: str

    def __str__(self) -> str:
        return f"{self.lokasi}: {self.pesan}"


class ImporGagal(Exception):
    """Raised with every error found; nothing was written."""

    def __init__(self, kesalahan: list[KesalahanImpor]):
        self.kesalahan = kesalahan
        super().__init__("\n".join(str(k) for k in kesalahan))


@dataclass
class Pemeriksa:
    """Collects located errors while an importer walks a document."""

    sumber: str
    kesalahan: list[KesalahanImpor] = field(default_factory=list)
    _jalur: list[str] = field(default_factory=list)

    @contextmanager
    def di(self, bagian: str | int) -> Iterator[None]:
        self._jalur.append(str(bagian))
        try:
            yield
        finally:
            self._jalur.pop()

    def lokasi(self, kunci: str | None = None) -> str:
        bagian = [self.sumber, *self._jalur]
        if kunci:
            bagian.append(kunci)
        return " › ".join(bagian)

    def salah(self, pesan: str, kunci: str | None = None) -> None:
        self.kesalahan.append(KesalahanImpor(self.lokasi(kunci), pesan))

    def wajib(self, data: Mapping[str, Any], kunci: str) -> Any:
        value = data.get(kunci)
        if value is None or value == "":
            self.salah("wajib diisi", kunci)
        return value

    def teks(self, data: Mapping[str, Any], kunci: str, *, wajib: bool = False) -> str:
        value = self.wajib(data, kunci) if wajib else data.get(kunci)
        if value is None:
            return ""
        return str(value).strip()

    def pilihan(
        self, data: Mapping[str, Any], kunci: str, pilihan: set[str], *, bawaan: str | None = None
    ) -> str:
        value = data.get(kunci, bawaan)
        if value not in pilihan:
            self.salah(f"harus salah satu dari {', '.join(sorted(pilihan))} (tertulis {value!r})",
                       kunci)
            return bawaan or sorted(pilihan)[0]
        return str(value)

    def tanggal(self, data: Mapping[str, Any], kunci: str) -> date | None:
        value = data.get(kunci)
        if value is None or value == "":
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.salah(f"tanggal tidak valid {value!r} (format YYYY-MM-DD)", kunci)
            return None

    def angka(self, data: Mapping[str, Any], kunci: str, *, wajib: bool = False) -> Decimal | None:
        value = data.get(kunci)
        if value is None or value == "":
            if wajib:
                self.salah("wajib diisi", kunci)
            return None
        return self.angka_dari(value, kunci)

    def angka_dari(self, value: Any, kunci: str | None = None) -> Decimal | None:
        from sakip.engine.angka import AngkaTidakValid, to_decimal

        try:
            return to_decimal(value)
        except AngkaTidakValid as exc:
            self.salah(str(exc), kunci)
            return None

    def selesai(self) -> None:
        if self.kesalahan:
            raise ImporGagal(self.kesalahan)


def baca_yaml(path: Path) -> Mapping[str, Any]:
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except yaml.YAMLError as exc:
        raise ImporGagal([KesalahanImpor(path.name, f"YAML tidak valid: {exc}")]) from exc
    if not isinstance(data, Mapping):
        raise ImporGagal([KesalahanImpor(path.name, "isi berkas harus berupa pemetaan (mapping)")])
    return data
