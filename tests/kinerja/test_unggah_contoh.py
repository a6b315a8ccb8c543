"""Each kinerja workbook explains how errors name cells with a cell of its own: the upload error
page and the Petunjuk sheet say `RencanaAksi!G7` for a Rencana Aksi workbook, never `Kinerja!E7`
(a sheet only the PK workbook has)."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from sakip.akun.models import Peran
from sakip.kinerja import excel
from sakip.testing.dunia import Dunia

# upload URL name → (workbook, example cell as the page explains it, the column it points at)
UNGGAHAN = {
    "pk-unggah": (excel.BUKU_PK, "<code>Kinerja!E7</code> berarti lembar Kinerja, kolom E, baris 7", "target"),
    "rencana-aksi-unggah": (excel.BUKU_RENCANA_AKSI,
                            "<code>RencanaAksi!G7</code> berarti lembar RencanaAksi, kolom G, baris 7", "target_tw1"),
    "anggaran-unggah": (excel.BUKU_ANGGARAN,
                        "<code>Belanja!G7</code> berarti lembar Belanja, kolom G, baris 7", "realisasi"),
}


@pytest.mark.parametrize("nama", UNGGAHAN)
def test_halaman_galat_menyebut_sel_buku_kerjanya(dunia: Dunia, nama: str) -> None:
    client = Client()
    client.force_login(dunia.pengguna_a[Peran.OPERATOR])
    response = client.post(reverse(f"kinerja:{nama}", args=[dunia.opd_a1.slug]),
                           {"tahun": "2025", "berkas": SimpleUploadedFile("data.csv", b"a;b")})
    assert response.status_code == 200
    html = response.content.decode()
    assert "hanya buku kerja Excel .xlsx yang dapat diunggah" in html
    buku, contoh, _ = UNGGAHAN[nama]
    assert contoh in html
    assert "ketik di Kotak Nama Excel untuk melompat ke sana" in html
    for lain, (buku_lain, _, _) in UNGGAHAN.items():
        if lain != nama:
            assert f"<code>{buku_lain.contoh_sel}</code>" not in html


@pytest.mark.parametrize("nama", UNGGAHAN)
def test_sel_contoh_ada_di_buku_kerja_yang_ditulis(nama: str) -> None:
    # The example cell is in a sheet the workbook has, under the column it is meant to show, and
    # the Petunjuk sheet names the same cell.
    buku, _, kolom = UNGGAHAN[nama]
    sel = buku.contoh_sel
    wb = load_workbook(BytesIO(excel.tulis(buku, {"opd": "uji", "tahun": 2025})))
    assert wb[sel.lembar][f"{sel.kolom}1"].value == kolom
    petunjuk = "\n".join(str(c.value) for c in wb["Petunjuk"]["A"] if c.value)
    assert f"(mis. {sel})" in petunjuk
    assert "{contoh}" not in petunjuk
    if buku is not excel.BUKU_PK:
        assert "Kinerja!" not in petunjuk
