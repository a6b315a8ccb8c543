"""`sakip renja-eval`: text, JSON and the Tabel 2.1 workbook read back."""

import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook


def _jalankan(*args: str) -> str:
    keluaran = StringIO()
    call_command("renja-eval", *args, stdout=keluaran)
    return keluaran.getvalue()


@pytest.mark.django_db
def test_teks(demo_renja: list[str]) -> None:
    teks = _jalankan("babel-dkukm", "2022")
    assert teks.startswith("Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah")
    sel = [[s.strip() for s in b.split(" | ")] for b in teks.splitlines() if b.count(" | ") > 10]
    baris = {s[2]: s for s in sel if s[2]}
    # Columns: No, Kode, Program/Kegiatan, Indikator, then K/Rp of 5, 6, 7, 8–11, 12, 13, 14, 15.
    sk = baris["Penyusunan Dokumen Perencanaan Perangkat Daerah"]
    assert (sk[9], sk[19], sk[21]) == ("44.397.000", "44.371.813", "99,94")
    assert baris["Program Penunjang Urusan Pemerintahan Daerah Provinsi"][21] == "92,15"
    rata = [s for s in sel if s[2] == "Rata-rata Capaian Kinerja (%)"]
    assert (rata[0][20], rata[0][21]) == ("24,72", "92,15")
    assert [s[20] for s in sel if s[2] == "Predikat Kinerja"] == ["SR"] * 6
    jumlah = baris["Jumlah"]
    assert (jumlah[9], jumlah[19], jumlah[21]) == ("19.842.621.949", "14.166.882.599", "71,40")


@pytest.mark.django_db
def test_json_tidak_dilokalkan(demo_renja: list[str]) -> None:
    data = json.loads(_jalankan("babel-dkukm", "2022", "--json"))
    sk = next(b for b in data["baris"] if b["node"] == "SK1.1.1")
    assert sk["realisasi"]["rp"] == "44371813.00"
    assert Decimal(sk["capaian"]["rp"]).quantize(Decimal("0.01")) == Decimal("99.94")
    p1 = next(p for p in data["program"] if p["program"] == "P1")
    assert (p1["predikat"], p1["predikat_rp"]) == ("SR", "ST")
    assert data["total"]["realisasi_rp"] == "14166882599.00"


@pytest.mark.django_db
def test_sampai_tw_iii_tanpa_realisasi_tahunan(demo_renja: list[str]) -> None:
    # Every demo row is year-only (the seed prints no quarters): through TW III nothing is known.
    data = json.loads(_jalankan("babel-dkukm", "2022", "--tw", "3", "--json"))
    assert data["sampai_tw"] == 3
    assert all(b["realisasi"] == {"k": None, "rp": None} for b in data["baris"])
    assert all(b["tw4"] == {"k": None, "rp": None} for b in data["baris"])
    assert "s/d Tahun 2022 (s.d. Triwulan III)" in _jalankan("babel-dkukm", "2022", "--tw", "3")


@pytest.mark.django_db
def test_xlsx_dibaca_kembali(demo_renja: list[str], tmp_path: Path) -> None:
    berkas = tmp_path / "evaluasi.xlsx"
    assert "Ditulis" in _jalankan("babel-dkukm", "2022", "-o", str(berkas))
    ws = load_workbook(berkas).active
    assert ws["C3"].value == "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan"
    assert ws["S5"].value == "12=8+9+10+11" and ws["U5"].value == "13=12/7x100%"
    assert (ws["S4"].value, ws["T4"].value) == ("K", "Rp")
    baris = {ws.cell(row=r, column=3).value: r for r in range(6, ws.max_row + 1)
             if ws.cell(row=r, column=3).value}
    r = baris["Penyusunan Dokumen Perencanaan Perangkat Daerah"]
    assert ws.cell(row=r, column=2).value == "2.17.01.1.01.0001"
    assert ws.cell(row=r, column=10).value == 44397000  # 7 Rp
    assert ws.cell(row=r, column=20).value == 44371813  # 12 Rp
    assert ws.cell(row=r, column=22).value == pytest.approx(99.94)  # 13 Rp
    assert ws.cell(row=r, column=20).number_format == "#,##0"
    assert ws.cell(row=r, column=22).number_format == "#,##0.00"
    # The program's mean and predicate rows follow its last row, before the next program.
    rata = [r for r in range(6, ws.max_row + 1) if ws.cell(row=r, column=3).value == "Rata-rata Capaian Kinerja (%)"]
    assert len(rata) == 6
    assert ws.cell(row=rata[0], column=21).value == pytest.approx(24.72)
    assert ws.cell(row=rata[0], column=22).value == pytest.approx(92.15)
    assert ws.cell(row=rata[0] + 1, column=21).value == "SR"
    assert ws.cell(row=rata[0] + 1, column=3).value == "Predikat Kinerja"
    jumlah = baris["Jumlah"]
    assert ws.cell(row=jumlah, column=10).value == 19842621949
    assert ws.cell(row=jumlah, column=22).value == pytest.approx(71.40)


@pytest.mark.django_db
def test_galat(demo_renja: list[str]) -> None:
    with pytest.raises(CommandError, match="tidak dikenal"):
        _jalankan("tidak-ada", "2022")
    with pytest.raises(CommandError, match="Belum ada data"):
        _jalankan("babel-dkukm", "2030")
    with pytest.raises(CommandError, match=r"\.xlsx atau \.docx"):
        _jalankan("babel-dkukm", "2022", "-o", "x.csv")


@pytest.mark.django_db
def test_docx_evaluasi_dibaca_kembali(demo_renja: list[str], tmp_path: Path) -> None:
    from docx import Document

    berkas = tmp_path / "evaluasi.docx"
    _jalankan("babel-dkukm", "2022", "-o", str(berkas))
    tabel = Document(str(berkas)).tables[0]
    sel = [[c.text for c in r.cells] for r in tabel.rows]
    # Columns 1–4, then K/Rp of 5, 6, 7, 12, 13, 14, 15 (quarters left out, as the seed prints).
    assert sel[2][:4] == ["1", "2", "3", "4"] and "12=8+9+10+11" in sel[2]
    sk = next(r for r in sel if r[2] == "Penyusunan Dokumen Perencanaan Perangkat Daerah")
    assert (sk[9], sk[11], sk[13]) == ("44.397.000", "44.371.813", "99,94")
    rata = [r for r in sel if r[2] == "Rata-rata Capaian Kinerja (%)"]
    assert (rata[0][12], rata[0][13]) == ("24,72", "92,15")
    jumlah = next(r for r in sel if r[2] == "Jumlah")
    assert (jumlah[9], jumlah[13]) == ("19.842.621.949", "71,40")


@pytest.mark.django_db
def test_renja_tabel_docx_dan_teks(demo_renja: list[str], tmp_path: Path) -> None:
    from docx import Document

    berkas = tmp_path / "renja.docx"
    keluaran = StringIO()
    call_command("renja-tabel", "babel-dkukm", "2024", "-o", str(berkas), stdout=keluaran)
    sel = [[c.text for c in r.cells] for r in Document(str(berkas)).tables[0].rows]
    assert sel[0][6] == "Pagu Indikatif (Rp)"
    p1 = next(r for r in sel if r[2] == "Program Penunjang Urusan Pemerintahan Daerah Provinsi")
    assert (p1[4], p1[5], p1[6], p1[9]) == ("81", "persen", "13.633.250.262", "81,5")
    assert sel[-1][2] == "Jumlah" and sel[-1][6] == "23.633.051.862"
    teks = StringIO()
    call_command("renja-tabel", "babel-dkukm", "2024", stdout=teks)
    assert teks.getvalue().rstrip().endswith("23.633.051.862")
    with pytest.raises(CommandError, match="Belum ada Renja"):
        call_command("renja-tabel", "babel-dkukm", "2031", stdout=StringIO())
