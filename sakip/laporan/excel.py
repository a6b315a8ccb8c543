"""The LHE follow-up table as an Excel workbook: template/export and upload.

The workbook has one sheet, "Tindak Lanjut LHE", with a header row (Indonesian labels, as the
table is printed in lkjip-2025 Tabel III.7) and one recommendation per row. The upload is all or
nothing: every row is read into the same mapping a YAML file gives (with `_lokasi`, so errors name
the cell, e.g. `Tindak Lanjut LHE!H4`) and checked by the importer's own row reader.
"""

from datetime import date, datetime
from io import BytesIO
from typing import Any

from sakip.core.impor import LOKASI, ImporGagal, KesalahanImpor, Pemeriksa

from .impor import baca_rekomendasi
from .models import RekomendasiLHE
from .selectors import DataLHE

LEMBAR = "Tindak Lanjut LHE"
KOLOM: tuple[tuple[str, str, int], ...] = (  # key, header, column width
    ("no", "No", 5),
    ("uraian", "Rekomendasi", 40),
    ("uraian_lhe", "Rumusan dalam LHE", 40),
    ("tindak_lanjut", "Tindak Lanjut", 40),
    ("target", "Target", 14),
    ("bulan", "Rencana Waktu", 14),
    ("status", "Status/Progres/Output", 18),
    ("tw1", "TW I", 7),
    ("tw2", "TW II", 7),
    ("tw3", "TW III", 7),
    ("tw4", "TW IV", 7),
    ("bukti", "Tautan Bukti", 45),
    ("bukti_uraian", "Uraian Bukti", 30),
)
JUDUL = {judul: kunci for kunci, judul, _ in KOLOM}
TANDA_YA = {"√", "✓", "✔", "v", "ya", "y", "1", "true", "sudah"}
TANDA_TIDAK = {"", "-", "tidak", "t", "0", "false", "belum"}
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")


def templat_rekomendasi(lhe: DataLHE | None) -> bytes:
    """The workbook with the current rows (an empty template when there are none)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    buku = Workbook()
    ws = buku.active
    ws.title = LEMBAR
    ws.append([judul for _, judul, _ in KOLOM])
    for sel in ws[1]:
        sel.font = Font(bold=True)
    for i, (_, _, lebar) in enumerate(KOLOM):
        ws.column_dimensions[chr(ord("A") + i)].width = lebar
    for r in lhe.rekomendasi if lhe else ():
        ws.append([r.urutan + 1, r.uraian, r.uraian_lhe, r.tindak_lanjut, r.target, r.bulan, r.status,
                   *("√" if t else "" for t in r.tw), "\n".join(r.bukti), r.bukti_uraian])
    for baris in ws.iter_rows(min_row=2):
        for sel in baris:
            sel.number_format = "@"  # text: "1 Laporan" or "07-2025" must stay as typed
            sel.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B2"
    keluaran = BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def _teks(nilai: Any) -> str | None:
    if nilai is None:
        return None
    if isinstance(nilai, datetime | date):
        # a month typed as a date ("Juli 2025" that Excel turned into 01/07/2025)
        return f"{BULAN[nilai.month - 1]} {nilai.year}"
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    return str(nilai).strip() or None


def _tanda(p: Pemeriksa, nilai: Any, kunci: str) -> bool:
    if isinstance(nilai, bool):
        return nilai
    teks = ("" if nilai is None else str(nilai)).strip().lower()
    if isinstance(nilai, int | float) and nilai in (0, 1):
        teks = str(int(nilai))
    if teks in TANDA_YA:
        return True
    if teks not in TANDA_TIDAK:
        p.salah(f"tanda pelaksanaan harus √ (atau v / ya) bila dilaksanakan, kosong bila tidak (tertulis {nilai!r})",
                kunci)
    return False


def rekomendasi_dari_excel(isi: bytes, *, sumber: str) -> list[RekomendasiLHE]:
    """Read and check every row; ImporGagal with every located error, nothing written."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        buku = load_workbook(BytesIO(isi), data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ImporGagal([KesalahanImpor(sumber, f"bukan buku kerja .xlsx yang dapat dibaca ({exc})")]) from exc
    if LEMBAR not in buku.sheetnames:
        raise ImporGagal([KesalahanImpor(sumber, f"lembar {LEMBAR!r} tidak ada (unduh templat dulu)")])
    baris_ws = list(buku[LEMBAR].iter_rows())
    kepala = [str(c.value).strip() if c.value is not None else "" for c in (baris_ws[0] if baris_ws else ())]
    hilang = [judul for _, judul, _ in KOLOM if judul not in kepala]
    if hilang:
        raise ImporGagal([KesalahanImpor(f"{LEMBAR}!1:1", f"kolom {j!r} tidak ada di baris judul") for j in hilang])
    posisi = {JUDUL[j]: i for i, j in enumerate(kepala) if j in JUDUL}
    p = Pemeriksa(sumber)
    hasil = []
    for nomor, sel in enumerate(baris_ws[1:], start=2):
        nilai = {k: (sel[j].value if j < len(sel) else None) for k, j in posisi.items()}
        if all(_teks(v) is None for k, v in nilai.items() if k != "no"):
            continue
        # cells are named by position: a read-only sheet gives empty cells without a coordinate
        lokasi = {k: f"{LEMBAR}!{get_column_letter(j + 1)}{nomor}" for k, j in posisi.items()}
        bukti = (_teks(nilai["bukti"]) or "").split()
        row: dict[str, Any] = {k: _teks(v) for k, v in nilai.items()
                               if k not in {"no", "tw1", "tw2", "tw3", "tw4", "bukti"}}
        row["bukti"] = bukti
        row[LOKASI] = {**lokasi, "": lokasi["uraian"], **{f"bukti[{j}]": lokasi["bukti"] for j in range(len(bukti))}}
        with p.di(f"baris {nomor}", row):
            row["tw"] = [_tanda(p, nilai[f"tw{t}"], f"tw{t}") for t in range(1, 5)]
            hasil.append(baca_rekomendasi(p, row, len(hasil)))
    p.selesai()
    return hasil
