"""Renja rows as a workbook: export, import back unchanged, cell-located errors."""

from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from sakip.core.impor import ImporGagal
from sakip.organisasi.models import PerangkatDaerah
from sakip.renja.excel import dokumen_ke_workbook, renja_dokumen, workbook_ke_dokumen
from sakip.renja.impor import renja_impor


def _perintah(nama: str, *args: str) -> str:
    keluaran = StringIO()
    call_command(nama, *args, stdout=keluaran)
    return keluaran.getvalue()


@pytest.mark.django_db
def test_ekspor_impor_xlsx_tanpa_perubahan(demo_renja: list[str], tmp_path: Path) -> None:
    berkas = tmp_path / "renja.xlsx"
    assert "66 baris" in _perintah("export-renja", "babel-dkukm", "2024", str(berkas))
    ws = load_workbook(berkas)["Renja"]
    assert [c.value for c in ws[1]][:5] == ["node", "indikator", "target", "satuan", "pagu_indikatif"]
    assert _perintah("import-renja", str(berkas)).strip() == "baris Renja: baru 0, diubah 0, tetap 66, dihapus 0"


@pytest.mark.django_db
def test_ekspor_impor_yaml_tanpa_perubahan(demo_renja: list[str], tmp_path: Path) -> None:
    berkas = tmp_path / "renja-2024.yaml"
    _perintah("export-renja", "babel-dkukm", "2024", str(berkas))
    assert "tetap 66" in _perintah("import-renja", str(berkas))


@pytest.mark.django_db
def test_kesalahan_menunjuk_sel(demo_renja: list[str]) -> None:
    opd = PerangkatDaerah.objects.get(slug="babel-dkukm")
    buku = load_workbook(BytesIO(dokumen_ke_workbook(renja_dokumen(opd=opd, tahun=2024))))
    ws = buku["Renja"]
    ws["A3"] = "TIDAK-ADA"
    ws["E4"] = "70.000.000,001"
    ws["I5"] = 12.5  # a fractional Excel number: a float, refused on the money path
    isi = BytesIO()
    buku.save(isi)
    dokumen = workbook_ke_dokumen(isi.getvalue(), sumber="renja.xlsx")
    with pytest.raises(ImporGagal) as info:
        renja_impor(data=dokumen, sumber="renja.xlsx")
    assert [k.lokasi for k in info.value.kesalahan] == ["Renja!A3", "Renja!E4", "Renja!I5"]
    # Without a valid year the Renstra (and so every node ref) cannot be resolved: one error.
    buku["Dokumen"]["B2"] = "dua ribu"
    isi = BytesIO()
    buku.save(isi)
    with pytest.raises(ImporGagal) as info:
        renja_impor(data=workbook_ke_dokumen(isi.getvalue(), sumber="r"), sumber="r")
    assert [k.lokasi for k in info.value.kesalahan] == ["Dokumen!B2", "Renja!E4", "Renja!I5"]


@pytest.mark.django_db
def test_impor_perintah_gagal_tanpa_menulis(demo_renja: list[str], tmp_path: Path) -> None:
    berkas = tmp_path / "rusak.xlsx"
    berkas.write_bytes(b"bukan zip")
    with pytest.raises(CommandError, match="tidak ada yang ditulis"):
        _perintah("import-renja", str(berkas))
