"""The LHE follow-up workbook: template round trip, located errors, all or nothing."""

from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from sakip.akun.models import Keanggotaan, Peran, User
from sakip.laporan.models import RekomendasiLHE


def _operator(opd: Any) -> Client:
    user = User.objects.create_user(username="uji-op", password="x", nama="Uji")
    Keanggotaan.objects.create(user=user, peran=Peran.OPERATOR, pemda=opd.pemda, opd=opd)
    c = Client()
    c.force_login(user)
    return c


def _unggah(c: Client, opd: Any, isi: bytes, nama: str = "tl.xlsx") -> Any:
    return c.post(reverse("laporan:lhe-unggah", args=[opd.slug, 2025]),
                  {"berkas": SimpleUploadedFile(nama, isi)})


def _simpan(buku: Any) -> bytes:
    out = BytesIO()
    buku.save(out)
    return out.getvalue()


def test_unduh_ubah_unggah(babel: Any) -> None:
    c = _operator(babel)
    r = c.get(reverse("laporan:lhe-templat", args=[babel.slug, 2025]))
    assert r.status_code == 200 and "tindak-lanjut-lhe-babel-disperindag-2025.xlsx" in r["Content-Disposition"]
    buku = load_workbook(BytesIO(r.content))
    ws = buku["Tindak Lanjut LHE"]
    assert ws["B1"].value == "Rekomendasi" and ws.max_row == 6 and ws["J2"].value == "√"  # TW III of row 1
    ws["G3"] = "Dalam proses"
    ws["K3"] = "v"
    ws.append([6, "Rekomendasi dari Excel", None, "Rapat", "1 Laporan", None, None, None, "ya", None, None,
               "https://contoh.go.id/1\nhttps://contoh.go.id/2", "Notulen"])
    r = _unggah(c, babel, _simpan(buku))
    assert r.status_code == 302
    rek = list(RekomendasiLHE.objects.filter(lhe__laporan__opd=babel).order_by("urutan"))
    assert len(rek) == 6 and rek[1].status == "Dalam proses" and rek[1].tw4
    assert rek[5].bukti == ["https://contoh.go.id/1", "https://contoh.go.id/2"] and rek[5].tw == [False, True, False, False]
    assert rek[0].tindak_lanjut == "Melaksanakan rapat internal evaluasi SAKIP per triwulan"  # round trip


def test_kesalahan_per_sel_tidak_ada_yang_ditulis(babel: Any) -> None:
    c = _operator(babel)
    buku = load_workbook(BytesIO(c.get(reverse("laporan:lhe-templat", args=[babel.slug, 2025])).content))
    ws = buku["Tindak Lanjut LHE"]
    ws["B3"] = None  # recommendation text emptied, the rest of the row kept
    ws["I4"] = "mungkin"
    ws["L5"] = "drive.google.com/folder"
    sebelum = list(RekomendasiLHE.objects.filter(lhe__laporan__opd=babel).values_list("uraian", flat=True))
    r = _unggah(c, babel, _simpan(buku))
    html = r.content.decode()
    assert r.status_code == 200 and "3 kesalahan" in html
    assert "Tindak Lanjut LHE!B3</code></td><td>wajib diisi" in html
    assert "Tindak Lanjut LHE!I4</code></td><td>tanda pelaksanaan harus √" in html
    assert "Tindak Lanjut LHE!L5</code></td><td>bukan tautan http(s)" in html
    assert list(RekomendasiLHE.objects.filter(lhe__laporan__opd=babel).values_list("uraian", flat=True)) == sebelum


def test_berkas_salah(babel: Any) -> None:
    c = _operator(babel)
    assert "hanya buku kerja Excel .xlsx" in _unggah(c, babel, b"x", "a.csv").content.decode()
    assert "bukan buku kerja .xlsx yang dapat dibaca" in _unggah(c, babel, b"bukan zip").content.decode()
    from openpyxl import Workbook

    assert "lembar &#x27;Tindak Lanjut LHE&#x27; tidak ada" in _unggah(c, babel, _simpan(Workbook())).content.decode()
    assert RekomendasiLHE.objects.filter(lhe__laporan__opd=babel).count() == 5
