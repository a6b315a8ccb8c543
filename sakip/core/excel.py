"""The sheet/column machinery of the workbooks a user edits in Excel and uploads back (the plan:
`perencanaan.excel`; PK, Rencana Aksi and budget: `kinerja.excel`).

A workbook's sheets and columns are declared once (`Lembar`, `Kolom`) and drive the writer
(`tulis_lembar`: header row with each column's meaning as a comment, text cells, drop-down lists)
and the reader (`buka_buku`, `buka_lembar`, `baca_baris`: the header row locates the columns, each
cell is typed by its column, every error is collected with its cell by a `Pembaca`).

Numbers are TEXT cells written the Indonesian way, so "22,300" keeps its three decimals. A number a
user typed into a cell Excel turned numeric is accepted when it is whole (written as its digits,
exactly); a fraction is refused with its cell: Excel keeps a binary float, the typed decimals
("22,300" or "22,3"?) are gone, and Sakip never guesses a number (engine/angka.py).
"""

import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sakip.core.impor import ImporGagal, KesalahanImpor

MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Cell kinds.
TEKS = "teks"
BULAT = "bulat"  # years, decimals, revision number
TANGGAL = "tanggal"
YA_TIDAK = "ya_tidak"

# Whole floats up to 2^53 are exact integers; beyond that Excel has already rounded what was typed.
_BULAT_AMAN = 2**53


@dataclass(frozen=True)
class Kolom:
    nama: str  # header in row 1 = the document's key
    arti: str
    jenis: str = TEKS
    pilihan: tuple[str, ...] = ()  # an Excel drop-down list
    lebar: int = 14
    panjang: bool = False  # long text: wrapped
    wajib_ada: bool = True  # the header must be present


@dataclass(frozen=True)
class Lembar:
    nama: str
    arti: str
    kolom: tuple[Kolom, ...]
    kunci: str  # the column that names a row (row-level errors point at it)
    beku: str = "B2"  # frozen pane: header row and the identifying column stay visible
    per_tahun: bool = False  # one more column per year, headed by the year (the plan's Target)


# ================================================================ writing


def nilai_sel(nilai: Any, kolom: Kolom) -> Any:
    """What goes into a cell: text, except whole numbers of BULAT columns."""
    if nilai is None or nilai == "":
        return None
    if kolom.jenis == YA_TIDAK:
        return "ya" if nilai else "tidak"
    if kolom.jenis == BULAT and isinstance(nilai, int) and not isinstance(nilai, bool):
        return nilai
    if isinstance(nilai, date):
        return nilai.isoformat()
    return str(nilai)


_JUDUL_FONT = Font(bold=True, color="FFFFFF")
_JUDUL_ISI = PatternFill("solid", fgColor="1F5F8B")
_JUDUL_RATA = Alignment(wrap_text=True, vertical="center")
RATA_PANJANG = Alignment(wrap_text=True, vertical="top")
_RATA = Alignment(vertical="top")


def gaya_judul(sel: Any) -> None:
    """A header cell: white bold on the Sakip blue, wrapped."""
    sel.font, sel.fill, sel.alignment = _JUDUL_FONT, _JUDUL_ISI, _JUDUL_RATA


def tulis_lembar(ws: Worksheet, lembar: Lembar, kolom: Sequence[Kolom],
                 baris: Sequence[Mapping[str, Any]]) -> None:
    for j, k in enumerate(kolom, start=1):
        sel = ws.cell(row=1, column=j, value=k.nama)
        gaya_judul(sel)
        sel.comment = Comment(k.arti, "Sakip", width=300, height=90)
        huruf = get_column_letter(j)
        ws.column_dimensions[huruf].width = k.lebar
        if k.jenis != BULAT:
            # New cells typed in Excel stay text too ("22,300" must not become 22.3).
            ws.column_dimensions[huruf].number_format = "@"
    for i, data in enumerate(baris, start=2):
        for j, k in enumerate(kolom, start=1):
            _isi(ws.cell(row=i, column=j), nilai_sel(data.get(k.nama), k), k)
    ws.freeze_panes = lembar.beku
    ws.auto_filter.ref = f"A1:{get_column_letter(len(kolom))}{len(baris) + 1}"
    _validasi(ws, kolom)


def _isi(sel: Cell, nilai: Any, kolom: Kolom) -> None:
    sel.value = nilai
    if isinstance(nilai, str):
        sel.data_type = "s"  # a text starting with "=" stays text, never an Excel formula
    if kolom.jenis != BULAT:
        sel.number_format = "@"
    sel.alignment = RATA_PANJANG if kolom.panjang else _RATA


def _validasi(ws: Worksheet, kolom: Sequence[Kolom]) -> None:
    for j, k in enumerate(kolom, start=1):
        if not k.pilihan:
            continue
        daftar = ", ".join(k.pilihan)
        dv = DataValidation(
            type="list", formula1=f'"{",".join(k.pilihan)}"', allow_blank=True, showErrorMessage=True,
            errorTitle=f"Isian {k.nama} tidak dikenal", error=f"Pilih salah satu: {daftar}",
        )
        huruf = get_column_letter(j)
        dv.add(f"{huruf}2:{huruf}1048576")
        ws.add_data_validation(dv)


# ================================================================ reading


@dataclass
class Baris:
    """One data row of a sheet: values by column name, and each column's cell."""

    lembar: str
    nomor: int
    nilai: dict[str, Any]
    huruf: dict[str, str]
    kunci: str

    def sel(self, kolom: str | None = None) -> str:
        return f"{self.lembar}!{self.huruf[kolom or self.kunci]}{self.nomor}"

    def peta(self, **tambahan: str) -> dict[str, str]:
        """The `_lokasi` map of the mapping made from this row; `tambahan` maps document keys
        that differ from column names (e.g. baseline → baseline_nilai)."""
        peta = {k: self.sel(k) for k in self.huruf}
        peta |= {kunci: self.sel(kolom) for kunci, kolom in tambahan.items()}
        peta[""] = self.sel()
        return peta


@dataclass
class Tabel:
    lembar: str
    baris: list[Baris]
    huruf: dict[str, str]  # column name → letter

    def kolom(self, nama: str) -> str:
        """A whole column, e.g. "DataElemen!E:E", for errors about several rows."""
        return f"{self.lembar}!{self.huruf[nama]}:{self.huruf[nama]}"


@dataclass
class Pembaca:
    kesalahan: list[KesalahanImpor] = field(default_factory=list)
    _sel_salah: set[str] = field(default_factory=set)

    def salah(self, lokasi: str, pesan: str) -> None:
        # One error per cell: a cell that could not be read is empty to the later checks, which
        # would otherwise add "wajib diisi" to the precise first message.
        if lokasi not in self._sel_salah:
            self._sel_salah.add(lokasi)
            self.kesalahan.append(KesalahanImpor(lokasi, pesan))

    def selesai(self) -> None:
        if self.kesalahan:
            raise ImporGagal(self.kesalahan)


def buka_buku(isi: bytes, sumber: str) -> Any:
    try:
        return load_workbook(io.BytesIO(isi), data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImporGagal([KesalahanImpor(
            sumber, f"bukan buku kerja Excel .xlsx yang dapat dibaca ({exc})")]) from exc


def buka_lembar(pembaca: Pembaca, buku: Any, lembar: Lembar, *,
                hilang: str) -> tuple[Worksheet, dict[str, int]] | None:
    """The sheet and its columns' positions; None (error recorded) when the sheet or a column is
    missing. `hilang` ends the missing sheet's message."""
    if lembar.nama not in buku.sheetnames:
        pembaca.salah(lembar.nama, f"lembar {lembar.nama!r} tidak ada; {hilang}")
        return None
    ws = buku[lembar.nama]
    posisi = posisi_kolom(pembaca, ws, lembar)
    return None if posisi is None else (ws, posisi)


def baca_baris(pembaca: Pembaca, ws: Worksheet, lembar: Lembar, kolom: Mapping[str, Kolom],
               posisi: Mapping[str, int]) -> Tabel:
    """The sheet's non-empty data rows (row 2 on), each cell of `kolom` typed by its column."""
    huruf = {nama: get_column_letter(posisi[nama] + 1) for nama in kolom}
    baris: list[Baris] = []
    for nomor, sel_baris in enumerate(ws.iter_rows(min_row=2), start=2):
        nilai = {nama: baca_sel(pembaca, sel_baris, posisi[nama], k, f"{lembar.nama}!{huruf[nama]}{nomor}")
                 for nama, k in kolom.items()}
        if any(v is not None for v in nilai.values()):
            baris.append(Baris(lembar.nama, nomor, nilai, huruf, lembar.kunci))
    return Tabel(lembar.nama, baris, huruf)


def _nama_kolom(nilai: Any) -> str | None:
    if isinstance(nilai, bool) or nilai is None:
        return None
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    teks = str(nilai).strip().lower()
    return teks or None


def posisi_kolom(pembaca: Pembaca, ws: Worksheet, lembar: Lembar) -> dict[str, int] | None:
    """Column name → 0-based index, from the header row; None when a column is missing."""
    posisi: dict[str, int] = {}
    for j, sel in enumerate(next(ws.iter_rows(min_row=1, max_row=1), ())):
        nama = _nama_kolom(sel.value)
        if nama is None:
            continue
        if nama in posisi:
            pembaca.salah(f"{lembar.nama}!{sel.coordinate}", f"kolom {nama!r} ganda")
        else:
            posisi[nama] = j
    hilang = [k.nama for k in lembar.kolom if k.wajib_ada and k.nama not in posisi]
    for nama in hilang:
        pembaca.salah(f"{lembar.nama}!1:1", f"kolom {nama!r} tidak ada di baris judul (baris 1)")
    return None if hilang else posisi


def baca_sel(pembaca: Pembaca, baris: Sequence[Cell], j: int, kolom: Kolom, lokasi: str) -> Any:
    if j >= len(baris):
        return None
    sel = baris[j]
    if sel.data_type == "f":
        pembaca.salah(lokasi, f"rumus Excel tidak didukung ({sel.value}); ketik nilainya")
        return None
    return ubah_sel(pembaca, sel.value, kolom.jenis, lokasi)


def ubah_sel(pembaca: Pembaca, nilai: Any, jenis: str, lokasi: str) -> Any:
    """A cell's value as the document wants it; None for an empty cell or an error (recorded)."""
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        return None
    ubah = {TEKS: _teks, BULAT: _bulat, TANGGAL: _tanggal, YA_TIDAK: _ya_tidak}[jenis]
    try:
        return ubah(nilai)
    except ValueError as exc:
        pembaca.salah(lokasi, str(exc))
        return None


def _teks(nilai: Any) -> str:
    if isinstance(nilai, str):
        return nilai.strip()
    if isinstance(nilai, bool):
        raise ValueError(f"nilai benar/salah {nilai} bukan teks; ketik isinya sebagai teks")
    if isinstance(nilai, int):
        return str(nilai)
    if isinstance(nilai, float):
        if nilai.is_integer() and abs(nilai) < _BULAT_AMAN:
            return str(int(nilai))
        raise ValueError(
            f"angka {nilai!r} tersimpan sebagai bilangan pecahan Excel, desimalnya tidak dapat dipastikan; "
            "format sel sebagai Teks lalu ketik angkanya dalam format Indonesia (mis. 22,300)")
    if isinstance(nilai, datetime | date | time):
        raise ValueError(f"terbaca sebagai tanggal/waktu ({nilai}); format sel sebagai Teks lalu ketik ulang")
    raise ValueError(f"isi sel tidak dikenal: {nilai!r}")


def _bulat(nilai: Any) -> int:
    if isinstance(nilai, int) and not isinstance(nilai, bool):
        return nilai
    if isinstance(nilai, float) and nilai.is_integer():
        return int(nilai)
    if isinstance(nilai, str) and nilai.strip().isdigit():
        return int(nilai.strip())
    raise ValueError(f"harus bilangan bulat (tertulis {nilai!r})")


def _tanggal(nilai: Any) -> date:
    if isinstance(nilai, datetime):
        return nilai.date()
    if isinstance(nilai, date):
        return nilai
    if isinstance(nilai, str):
        try:
            return date.fromisoformat(nilai.strip())
        except ValueError:
            pass
    raise ValueError(f"tanggal tidak valid {nilai!r} (format YYYY-MM-DD, mis. 2024-07-01)")


def _ya_tidak(nilai: Any) -> bool:
    if isinstance(nilai, bool):
        return nilai
    teks = str(nilai).strip().lower()
    if teks in {"ya", "tidak"}:
        return teks == "ya"
    raise ValueError(f"isi ya atau tidak (tertulis {nilai!r})")
