"""Excel workbooks of the PK, Rencana Aksi and budget: lossless round trip, located errors,
the PK version policy, and the audit trail of imports; the Rencana Aksi Word document."""

from decimal import Decimal
from io import BytesIO, StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook

from sakip.audit.models import Jejak
from sakip.core.impor import ImporGagal, tanpa_lokasi
from sakip.engine.angka import parse_angka
from sakip.kinerja import excel
from sakip.kinerja.ekspor import anggaran_dokumen, pk_dokumen, rencana_aksi_dokumen
from sakip.kinerja.impor import anggaran_impor, pk_impor_buku, rencana_aksi_impor
from sakip.kinerja.models import VersiPK
from sakip.kinerja.selectors import anggaran_opd_tahun, pk_berlaku
from sakip.organisasi.models import PerangkatDaerah

pytestmark = pytest.mark.usefixtures("demo_kinerja")

INFO = {"indikator_nama", "satuan", "uraian", "program_uraian"}


def _tanpa_info(data: Any) -> Any:
    """A document without the read-only (info) keys the workbook does not import."""
    if isinstance(data, dict):
        return {k: _tanpa_info(v) for k, v in data.items() if k not in INFO}
    if isinstance(data, list):
        return [_tanpa_info(v) for v in data]
    return data


def _opd(slug: str) -> PerangkatDaerah:
    return PerangkatDaerah.objects.get(slug=slug)


def _ubah_sel(isi: bytes, lembar: str, sel: str, nilai: Any) -> bytes:
    wb = load_workbook(BytesIO(isi))
    wb[lembar][sel].value = nilai
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def test_pk_pulang_pergi_tanpa_kehilangan(db: None) -> None:
    opd = _opd("babel-disperindag")
    versi = pk_berlaku(opd=opd, tahun=2025)
    assert versi is not None
    dokumen = pk_dokumen(opd=opd, versi=versi)
    isi = excel.tulis(excel.BUKU_PK, dokumen)
    dibaca = excel.baca(excel.BUKU_PK, isi, sumber="pk.xlsx")
    harapan = _tanpa_info(dokumen)
    # Empty optional cells come back as absent / None, exactly as the YAML writes them.
    assert tanpa_lokasi(dibaca)["versi"][0]["kinerja"] == harapan["versi"][0]["kinerja"]
    assert tanpa_lokasi(dibaca)["versi"][0]["anggaran"] == harapan["versi"][0]["anggaran"]
    jejak = Jejak.objects.count()
    hasil = pk_impor_buku(data=dibaca, opd=opd, sumber="pk.xlsx")
    assert hasil.jumlah == {"versi tidak berubah": 1}
    assert Jejak.objects.count() == jejak  # nothing changed, nothing recorded
    assert VersiPK.objects.filter(perjanjian__opd=opd).count() == 3


def test_pk_beda_menjadi_perubahan_baru_yang_wajib_beralasan(db: None) -> None:
    opd = _opd("babel-disperindag")
    versi = pk_berlaku(opd=opd, tahun=2025)
    assert versi is not None
    isi = excel.tulis(excel.BUKU_PK, pk_dokumen(opd=opd, versi=versi))
    # Kinerja!E2 is the annual target of IKU1 (22,300): raise it.
    assert load_workbook(BytesIO(isi))["Kinerja"]["E2"].value == "22,300"
    diubah = excel.baca(excel.BUKU_PK, _ubah_sel(isi, "Kinerja", "E2", "22,500"), sumber="pk.xlsx")
    with pytest.raises(ImporGagal) as err:
        pk_impor_buku(data=diubah, opd=opd, sumber="pk.xlsx")
    assert "Perubahan ke-3 yang wajib beralasan" in str(err.value)
    assert VersiPK.objects.filter(perjanjian__opd=opd).count() == 3
    hasil = pk_impor_buku(data=diubah, opd=opd, sumber="pk.xlsx", alasan="Target dinaikkan")
    assert hasil.jumlah["perubahan baru"] == 1
    baru = pk_berlaku(opd=opd, tahun=2025)
    assert baru is not None and baru.ke == 3 and baru.label == "Perubahan Ketiga"
    assert baru.alasan == "Target dinaikkan" and baru.berita_acara_nomor == ""
    assert baru.kinerja.get(indikator__ref="IKU1").target == "22,500"
    assert versi.kinerja.get(indikator__ref="IKU1").target == "22,300"  # the signed version is kept
    assert baru.anggaran.count() == versi.anggaran.count()
    jejak = Jejak.objects.filter(objek_id=str(baru.pk), aksi="ubah").get()
    assert jejak.perubahan["target S1 / IKU1"]["baru"].startswith("22,500 |")
    assert jejak.sumber == "impor:pk.xlsx"


def test_pk_galat_bersel_dan_tidak_menulis(db: None) -> None:
    opd = _opd("babel-disperindag")
    versi = pk_berlaku(opd=opd, tahun=2025)
    assert versi is not None
    isi = excel.tulis(excel.BUKU_PK, pk_dokumen(opd=opd, versi=versi))
    isi = _ubah_sel(isi, "Kinerja", "F2", "4,0,0")  # TW I of IKU1
    isi = _ubah_sel(isi, "Kinerja", "B3", "TIDAK-ADA")  # indicator ref of row 2
    isi = _ubah_sel(isi, "Anggaran", "E2", 0.5)  # a float pagu: decimals unknowable
    with pytest.raises(ImporGagal) as err:
        dok = excel.baca(excel.BUKU_PK, isi, sumber="pk.xlsx")
    lokasi = {k.lokasi for k in err.value.kesalahan}
    assert lokasi == {"Anggaran!E2"}
    isi = _ubah_sel(isi, "Anggaran", "E2", "464.684.550")
    dok = excel.baca(excel.BUKU_PK, isi, sumber="pk.xlsx")
    with pytest.raises(ImporGagal) as err:
        pk_impor_buku(data=dok, opd=opd, sumber="pk.xlsx", alasan="x")
    lokasi = {k.lokasi for k in err.value.kesalahan}
    assert {"Kinerja!F2", "Kinerja!B3"} <= lokasi
    assert VersiPK.objects.filter(perjanjian__opd=opd).count() == 3
    # Another OPD's workbook is refused on this OPD's page.
    with pytest.raises(ImporGagal):
        pk_impor_buku(data=dok, opd=_opd("ntt-disperindag"), sumber="pk.xlsx", alasan="x")


def test_rencana_aksi_pulang_pergi(db: None) -> None:
    opd = _opd("kab-dpkukmp")
    dokumen = rencana_aksi_dokumen(opd=opd, tahun=2024)
    assert len(dokumen["baris"]) == 101
    dibaca = excel.baca(excel.BUKU_RENCANA_AKSI, excel.tulis(excel.BUKU_RENCANA_AKSI, dokumen), sumber="ra.xlsx")
    assert tanpa_lokasi(dibaca) == _tanpa_info(dokumen)
    jejak = Jejak.objects.count()
    assert rencana_aksi_impor(data=dibaca, sumber="ra.xlsx").jumlah == {"baris rencana aksi": 101}
    assert Jejak.objects.count() == jejak
    assert rencana_aksi_dokumen(opd=opd, tahun=2024) == dokumen


def test_anggaran_pulang_pergi_dan_jejak(db: None) -> None:
    opd = _opd("ntt-disperindag")
    dokumen = anggaran_dokumen(opd=opd, tahun=2024)
    sebelum = anggaran_opd_tahun(opd=opd, tahun=2024).total
    isi = excel.tulis(excel.BUKU_ANGGARAN, dokumen)
    dibaca = excel.baca(excel.BUKU_ANGGARAN, isi, sumber="anggaran.xlsx")
    assert tanpa_lokasi(dibaca) == _tanpa_info(dokumen)
    anggaran_impor(data=dibaca, sumber="anggaran.xlsx")
    assert anggaran_opd_tahun(opd=opd, tahun=2024).total == sebelum
    # One realisation changed (Belanja!G2): one trail entry naming old → new.
    lama = load_workbook(BytesIO(isi))["Belanja"]["G2"].value
    dibaca = excel.baca(excel.BUKU_ANGGARAN, _ubah_sel(isi, "Belanja", "G2", "1.000,01"), sumber="anggaran.xlsx")
    anggaran_impor(data=dibaca, sumber="anggaran.xlsx")
    jejak = Jejak.objects.filter(opd=opd, aksi="impor").latest("pk")
    (perubahan,) = jejak.perubahan.values()
    assert perubahan["baru"] == "1000.01"
    assert perubahan["lama"] == format(parse_angka(lama).quantize(Decimal("0.01")), "f")
    # A bad amount is located, and nothing is written.
    with pytest.raises(ImporGagal) as err:
        anggaran_impor(data=excel.baca(excel.BUKU_ANGGARAN, _ubah_sel(isi, "Belanja", "F3", "-5"),
                                       sumber="anggaran.xlsx"), sumber="anggaran.xlsx")
    assert [k.lokasi for k in err.value.kesalahan] == ["Belanja!F3"]


def test_rencana_aksi_word_seperti_seed(db: None, tmp_path: Path) -> None:
    tujuan = tmp_path / "ra.docx"
    call_command("rencana-aksi", "kab-dpkukmp", "2024", "-o", str(tujuan), stdout=StringIO())
    dok = Document(str(tujuan))
    teks = "\n".join(p.text for p in dok.paragraphs)
    assert "RENCANA AKSI" in teks and "TAHUN 2024" in teks
    assert "DINAS PERDAGANGAN, KOPERASI, USAHA KECIL MENENGAH DAN PERINDUSTRIAN" in teks
    (tabel,) = dok.tables
    judul = [c.text for c in tabel.rows[0].cells]
    assert judul[0] == "SASARAN STRATEGIS" and judul[4] == "PROGRAM" and judul[8] == "KEGIATAN/SUB KEGIATAN"
    assert judul[12] == "PENANGGUNG JAWAB"
    pertama = [c.text for c in tabel.rows[3].cells]
    # The seed's first printed line: sasaran, program and kegiatan side by side, "TW n = …".
    assert pertama[0].startswith("Meningkatnya kelancaran distribusi")
    assert pertama[3] == "TW 1 = 95\nTW 2 = 95\nTW 3 = 95\nTW 4 = 95"
    assert pertama[7] == "TW 1 = 7,8\nTW 2 = 7,8\nTW 3 = 7,8\nTW 4 = 7,8"
    assert pertama[11] == "TW 1 = 44\nTW 2 = 44\nTW 3 = 44\nTW 4 = 44"
    assert pertama[12] == "Kepala Bidang Perdagangan"
    # The third line: a sub kegiatan alone; a quarter without target prints "-".
    ketiga = [c.text for c in tabel.rows[5].cells]
    assert ketiga[0] == "" and ketiga[11] == "TW 1 = -\nTW 2 = 11\nTW 3 = -\nTW 4 = -"
    # 101 indicators in fewer printed lines (3 header rows + lines).
    assert 3 + 30 < len(tabel.rows) < 3 + 101
    assert "{{" not in "".join(c.text for r in tabel.rows for c in r.cells)
