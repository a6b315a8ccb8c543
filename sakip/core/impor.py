"""Shared machinery of every importer: all-or-nothing, with every error located.

An importer walks a parsed document (YAML mapping or workbook rows), collects *every* problem
with where it is (`file › path`, or the workbook cell `Sheet!F12`) instead of stopping at the
first, and writes nothing unless the whole document is valid.

A document read from a workbook is the very mapping a YAML file gives, plus, on each mapping, a
`_lokasi` map from its keys to the cells they were read from (`{"polaritas": "Indikator!F12",
"": "Indikator!B12"}`; `""` locates the row itself). The importer passes each mapping it enters to
`Pemeriksa.di()`, so one importer reports `file › pohon[1] › indikator[2] › polaritas` for YAML and
`Indikator!F12` for Excel.
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

# The key under which a mapping read from a workbook says where each of its values came from.
LOKASI = "_lokasi"


def peta_lokasi(data: object) -> Mapping[str, str] | None:
    """The `_lokasi` map of a mapping read from a workbook; None for YAML."""
    if isinstance(data, Mapping):
        peta = data.get(LOKASI)
        if isinstance(peta, Mapping):
            return peta
    return None


def tanpa_lokasi(data: Any) -> Any:
    """A copy of a document without its `_lokasi` maps (to compare it with an export)."""
    if isinstance(data, Mapping):
        return {k: tanpa_lokasi(v) for k, v in data.items() if k != LOKASI}
    if isinstance(data, list):
        return [tanpa_lokasi(v) for v in data]
    return data


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
    # The `_lokasi` map of the document itself, and of each mapping entered (parallel to _jalur).
    peta_akar: Mapping[str, str] | None = None
    _peta: list[Mapping[str, str] | None] = field(default_factory=list)

    @contextmanager
    def di(self, bagian: str | int, data: object = None) -> Iterator[None]:
        """Enter part of the document; pass the mapping entered so its cells can be named."""
        self._jalur.append(str(bagian))
        self._peta.append(peta_lokasi(data))
        try:
            yield
        finally:
            self._jalur.pop()
            self._peta.pop()

    def _sel(self, kunci: str | None) -> str | None:
        """The workbook cell of `kunci` in the innermost located mapping, else its row.

        A part entered without a map of its own (e.g. the `data_elemen` block) is looked up by its
        name in the map around it. None when nothing is located (a YAML document).
        """
        tingkat = [("", self.peta_akar), *zip(self._jalur, self._peta, strict=True)]
        cari = kunci
        for bagian, peta in reversed(tingkat):
            if peta is not None:
                if cari and cari in peta:
                    return peta[cari]
                return peta.get("")
            cari = bagian
        return None

    def lokasi(self, kunci: str | None = None) -> str:
        sel = self._sel(kunci)
        if sel is not None:
            return sel
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

    def daftar(self, data: Mapping[str, Any], kunci: str) -> list[Mapping[str, Any]]:
        """The list of mappings under `kunci` (empty when absent), or an error and []."""
        value = data.get(kunci) or []
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            self.salah("harus berupa daftar pemetaan", kunci)
            return []
        return value

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


# Sakip's workbooks are well under 1 MB; the cap keeps a stray upload from tying up a worker.
MAKS_UKURAN_XLSX = 10 * 1024 * 1024


@dataclass(frozen=True)
class ContohSel:
    """A cell of one workbook, named as the importers name cells (`Indikator!F12`): the upload
    error page explains that form with a cell of the very workbook uploaded."""

    lembar: str
    kolom: str
    baris: int
    petunjuk: bool = True  # the workbook has a Petunjuk sheet

    def __str__(self) -> str:
        return f"{self.lembar}!{self.kolom}{self.baris}"

    @property
    def kotak_nama(self) -> bool:
        # Excel's Name Box takes `Lembar!F12` as written only when the sheet name has no space
        # (otherwise it wants `'Tindak Lanjut LHE'!H4`).
        return " " not in self.lembar


def nama_berkas(berkas: "UploadedFile | None") -> str:
    """The uploaded file's name as the error page shows it."""
    return berkas.name if berkas is not None and berkas.name else "berkas"


def berkas_xlsx_periksa(berkas: "UploadedFile | None", *, maks_ukuran: int = MAKS_UKURAN_XLSX) -> bytes:
    """The content of an uploaded workbook; ImporGagal when no file came, it is not an .xlsx or
    it is larger than `maks_ukuran` bytes (the same words on every upload page)."""
    if berkas is None:
        raise ImporGagal([KesalahanImpor("berkas", "pilih buku kerja .xlsx untuk diunggah")])
    nama = nama_berkas(berkas)
    if not nama.lower().endswith(".xlsx"):
        raise ImporGagal([KesalahanImpor(nama, "hanya buku kerja Excel .xlsx yang dapat diunggah")])
    if berkas.size is not None and berkas.size > maks_ukuran:
        raise ImporGagal([KesalahanImpor(nama, f"berkas lebih dari {maks_ukuran // 2**20} MB")])
    return berkas.read()


def dokumen_opd_periksa(dokumen: Mapping[str, Any], *, opd: str, sumber: str) -> None:
    """ImporGagal when a workbook read on an OPD's page names another OPD: the permission was
    checked on the page's OPD, so the workbook must not write another OPD's data."""
    if dokumen.get("opd") != opd:
        sel = dokumen.get(LOKASI, {}).get("opd", sumber)
        raise ImporGagal([KesalahanImpor(
            sel, f"buku kerja ini untuk OPD {dokumen.get('opd')!r}, bukan {opd!r}; "
                 "unggah di halaman OPD tersebut")])


def baca_yaml(path: Path) -> Mapping[str, Any]:
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except yaml.YAMLError as exc:
        raise ImporGagal([KesalahanImpor(path.name, f"YAML tidak valid: {exc}")]) from exc
    if not isinstance(data, Mapping):
        raise ImporGagal([KesalahanImpor(path.name, "isi berkas harus berupa pemetaan (mapping)")])
    return data


def periksa_panjang(p: Pemeriksa, model: Any, nilai: Mapping[str, Any]) -> None:
    """Report text longer than its column allows (PostgreSQL would refuse it mid-write;
    SQLite would silently keep it), so the import fails up front with the field named."""
    for kunci, value in nilai.items():
        if not isinstance(value, str):
            continue
        try:
            maks = model._meta.get_field(kunci).max_length
        except Exception:  # not a model field (e.g. a relation given by slug)
            continue
        if maks and len(value) > maks:
            p.salah(f"terlalu panjang ({len(value)} karakter, paling banyak {maks})", kunci)
