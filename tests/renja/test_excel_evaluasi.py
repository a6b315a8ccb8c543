"""The Excel form of the evaluation inputs: template, round trip, located errors, all or nothing."""

from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from sakip.akun.models import Keanggotaan, Peran, User
from sakip.audit.models import Jejak
from sakip.core.impor import ImporGagal
from sakip.organisasi.models import PerangkatDaerah
from sakip.renja.excel_evaluasi import KOLOM, isian_impor, templat_isian
from sakip.renja.models import EvaluasiRenja

pytestmark = pytest.mark.django_db


@pytest.fixture
def dkukm(demo_renja: list[str]) -> PerangkatDaerah:
    return PerangkatDaerah.objects.get(slug="babel-dkukm")


def _kolom(nama: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(KOLOM.index(nama) + 1)


def _buku(isi: bytes):  # type: ignore[no-untyped-def]
    return load_workbook(BytesIO(isi))


def _simpan(buku) -> bytes:  # type: ignore[no-untyped-def]
    keluaran = BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def _baris_ws(ws, node: str, indikator: str) -> int:  # type: ignore[no-untyped-def]
    return next(r for r in range(3, ws.max_row + 1)
                if ws[f"A{r}"].value == node and ws[f"B{r}"].value == indikator)


def test_templat_berisi_baris_dan_nilai(dkukm: PerangkatDaerah, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    # rows with node and indicator (1) + the Renstra's nodes for "where money is typed" (1)
    with django_assert_num_queries(2):
        isi = templat_isian(opd=dkukm, tahun=2022)
    ws = _buku(isi)["Isian"]
    assert ws.max_row - 2 == 55
    r = _baris_ws(ws, "SK1.1.1", "I-SK1.1.1")
    assert ws[f"{_kolom('tw4_k')}{r}"].value == "7"
    assert ws[f"{_kolom('tw4_rp')}{r}"].value == "44.371.813"
    assert ws[f"{_kolom('tw1_k')}{r}"].fill.fgColor.rgb.endswith("D9D9D9")  # year-only: TW I greyed
    p1 = _baris_ws(ws, "P1", "I-P1")
    assert ws[f"{_kolom('tw4_rp')}{p1}"].fill.fgColor.rgb.endswith("D9D9D9")  # roll-up Rp greyed


def test_pulang_pergi_tanpa_perubahan_dan_dengan_perubahan(dkukm: PerangkatDaerah) -> None:
    isi = templat_isian(opd=dkukm, tahun=2022)
    jejak_awal = Jejak.objects.count()
    _, _, hasil = isian_impor(isi=isi, sumber="isian.xlsx", oleh=None, opd=dkukm)
    assert (hasil.diubah, hasil.tetap) == (0, 55) and Jejak.objects.count() == jejak_awal
    buku = _buku(isi)
    ws = buku["Isian"]
    r = _baris_ws(ws, "SK1.1.1", "I-SK1.1.1")
    ws[f"{_kolom('tw4_rp')}{r}"] = "44.000.000"
    ws[f"{_kolom('tw4_k')}{r}"] = 8  # a whole number Excel made numeric is fine
    ws[f"{_kolom('tindak_lanjut')}{r}"] = "Percepat penyusunan dokumen"
    _, tahun, hasil = isian_impor(isi=_simpan(buku), sumber="isian.xlsx", oleh=None, opd=dkukm)
    assert tahun == 2022 and (hasil.diubah, hasil.tetap) == (1, 54)
    b = EvaluasiRenja.objects.get(opd=dkukm, tahun=2022, node__ref="SK1.1.1")
    assert (b.tw4_k, b.tw4_rp, b.tindak_lanjut, b.versi) == (Decimal(8), Decimal(44000000),
                                                              "Percepat penyusunan dokumen", 1)
    assert Jejak.objects.get(objek_id=str(b.pk)).sumber == "impor:isian.xlsx"
    # Export → import of the new state changes nothing (lossless).
    _, _, lagi = isian_impor(isi=templat_isian(opd=dkukm, tahun=2022), sumber="x.xlsx", oleh=None)
    assert lagi.diubah == 0


def test_kesalahan_bersel_semua_atau_tidak_sama_sekali(dkukm: PerangkatDaerah) -> None:
    buku = _buku(templat_isian(opd=dkukm, tahun=2022))
    ws = buku["Isian"]
    sk = _baris_ws(ws, "SK1.1.1", "I-SK1.1.1")
    sk2 = _baris_ws(ws, "SK1.1.2", "I-SK1.1.2")
    p1 = _baris_ws(ws, "P1", "I-P1")
    ws[f"{_kolom('tw4_k')}{sk}"] = "9"  # valid: must not be saved either
    ws[f"{_kolom('tw4_k')}{sk2}"] = 0.065  # a fractional Excel number
    ws[f"{_kolom('tw4_rp')}{sk2}"] = "sepuluh"
    ws[f"{_kolom('tw2_k')}{p1}"] = "3"  # year-only row
    ws[f"{_kolom('tw4_rp')}{p1}"] = "1.000"  # roll-up Rp
    ws.append(["SK9.9.9", "I-X"])  # a row that is not in the evaluation
    with pytest.raises(ImporGagal) as e:
        isian_impor(isi=_simpan(buku), sumber="isian.xlsx", oleh=None, opd=dkukm)
    lokasi = {k.lokasi for k in e.value.kesalahan}
    assert f"Isian!{_kolom('tw4_k')}{sk2}" in lokasi and f"Isian!A{ws.max_row}" in lokasi
    assert f"Isian!{_kolom('tw4_rp')}{sk2}" not in lokasi  # the identity check stops before values
    # Fix the workbook-level errors: the service's errors are located by cell too.
    ws[f"{_kolom('tw4_k')}{sk2}"] = "0,065"
    ws.delete_rows(ws.max_row)
    with pytest.raises(ImporGagal) as e:
        isian_impor(isi=_simpan(buku), sumber="isian.xlsx", oleh=None, opd=dkukm)
    pesan = {k.lokasi: k.pesan for k in e.value.kesalahan}
    assert set(pesan) == {f"Isian!{_kolom('tw4_rp')}{sk2}", f"Isian!{_kolom('tw2_k')}{p1}",
                          f"Isian!{_kolom('tw4_rp')}{p1}"}
    assert "setahun saja" in pesan[f"Isian!{_kolom('tw2_k')}{p1}"]
    assert EvaluasiRenja.objects.get(opd=dkukm, tahun=2022, node__ref="SK1.1.1").tw4_k == Decimal(7)


def test_versi_basi_dan_opd_lain(dkukm: PerangkatDaerah) -> None:
    isi = templat_isian(opd=dkukm, tahun=2022)
    b = EvaluasiRenja.objects.get(opd=dkukm, tahun=2022, node__ref="SK1.1.1")
    b.tw4_k, b.versi = Decimal(9), 3
    b.save(update_fields=["tw4_k", "versi"])  # someone saved after the form was written
    buku = _buku(isi)
    ws = buku["Isian"]
    r = _baris_ws(ws, "SK1.1.1", "I-SK1.1.1")
    ws[f"{_kolom('tw4_k')}{r}"] = "8"
    with pytest.raises(ImporGagal) as e:
        isian_impor(isi=_simpan(buku), sumber="isian.xlsx", oleh=None, opd=dkukm)
    assert [k.lokasi for k in e.value.kesalahan] == [f"Isian!{_kolom('versi')}{r}"]
    lain = PerangkatDaerah.objects.create(pemda=dkukm.pemda, slug="babel-lain", nama="Dinas Lain")
    with pytest.raises(ImporGagal) as e:
        isian_impor(isi=isi, sumber="isian.xlsx", oleh=None, opd=lain)
    assert e.value.kesalahan[0].lokasi == "Dokumen!B1" and "bukan 'babel-lain'" in e.value.kesalahan[0].pesan
    with pytest.raises(ImporGagal) as e:
        isian_impor(isi=b"bukan excel", sumber="x.xlsx", oleh=None)
    assert "bukan buku kerja .xlsx yang dapat dibaca" in str(e.value)


def test_unggah_halaman_galat_dan_sukses(dkukm: PerangkatDaerah) -> None:
    user = User.objects.create_user(username="op", password="x-uji-123")
    Keanggotaan.objects.create(user=user, peran=Peran.OPERATOR, pemda=dkukm.pemda, opd=dkukm)
    client = Client()
    client.force_login(user)
    url = reverse("renja:evaluasi-unggah", args=[dkukm.slug])
    buku = _buku(templat_isian(opd=dkukm, tahun=2022))
    ws = buku["Isian"]
    r = _baris_ws(ws, "SK1.1.1", "I-SK1.1.1")
    ws[f"{_kolom('tw4_rp')}{r}"] = "-1"
    from django.core.files.uploadedfile import SimpleUploadedFile

    berkas = SimpleUploadedFile("isian.xlsx", _simpan(buku))
    halaman = client.post(url, {"berkas": berkas, "tahun": "2022"})
    assert halaman.status_code == 200
    assert f"Isian!{_kolom('tw4_rp')}{r}" in halaman.content.decode() and "Tidak ada yang disimpan" in halaman.content.decode()
    ws[f"{_kolom('tw4_rp')}{r}"] = "44.000.000"
    sukses = client.post(url, {"berkas": SimpleUploadedFile("isian.xlsx", _simpan(buku)), "tahun": "2022"})
    assert sukses.status_code == 302
    assert EvaluasiRenja.objects.get(opd=dkukm, tahun=2022, node__ref="SK1.1.1").tw4_rp == Decimal(44000000)


def test_perintah(dkukm: PerangkatDaerah, tmp_path: Path) -> None:
    berkas = tmp_path / "isian.xlsx"
    call_command("export-renja-isian", "babel-dkukm", "2022", str(berkas))
    buku = load_workbook(berkas)
    r = _baris_ws(buku["Isian"], "SK1.1.1", "I-SK1.1.1")
    buku["Isian"][f"{_kolom('tw4_k')}{r}"] = "6"
    buku.save(berkas)
    from io import StringIO

    keluar = StringIO()
    call_command("import-renja-isian", str(berkas), stdout=keluar)
    assert "1 baris diubah, 54 tetap" in keluar.getvalue()
    buku["Isian"][f"{_kolom('tw4_k')}{r}"] = "enam"
    buku.save(berkas)
    with pytest.raises(CommandError, match=f"Isian!{_kolom('tw4_k')}{r}"):
        call_command("import-renja-isian", str(berkas))
