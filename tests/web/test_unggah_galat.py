"""The one upload error page of every workbook upload (plan, PK/RA/budget, Renja evaluation, LHE
follow-up): each names its own example cell, keeps its own hidden field and breadcrumb, and the
upload checks (file present, .xlsx, size) say the same words everywhere."""

import os
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sakip.akun.models import Peran
from sakip.testing.dunia import Dunia

# (URL name, URL args after the OPD slug, POST fields, texts the page must show)
HALAMAN: dict[str, tuple[str, tuple[Any, ...], dict[str, str], list[str]]] = {
    "perencanaan": ("perencanaan:unggah", (), {"next": "/kembali/"}, [
        "<title>Impor rencana gagal · Dinas Satu A · Sakip</title>",
        "<li>Impor rencana</li>",
        "<code>Indikator!F12</code> berarti lembar Indikator, kolom F, baris 12",
        "Petunjuk pengisian ada di lembar Petunjuk buku kerja.",
        '<input type="hidden" name="next" value="/kembali/">',
        '<a href="/kembali/" role="button" class="secondary outline">Batal</a>',
    ]),
    "kinerja": ("kinerja:pk-unggah", (), {"tahun": "2025"}, [
        "<title>Impor Perjanjian Kinerja gagal · Dinas Satu A · Sakip</title>",
        "<li>Impor Perjanjian Kinerja</li>",
        "<code>Kinerja!E7</code> berarti lembar Kinerja, kolom E, baris 7",
        '<input type="hidden" name="tahun" value="2025">',
        'name="alasan"',  # a PK upload asks why targets changed
    ]),
    "renja": ("renja:evaluasi-unggah", (), {"tahun": "2022"}, [
        "<title>Impor isian evaluasi Renja gagal · Dinas Satu A · Sakip</title>",
        "?tahun=2022\">Evaluasi Renja</a></li>",
        "<code>Isian!K7</code> berarti lembar Isian, kolom K, baris 7",
        '<input type="hidden" name="tahun" value="2022">',
    ]),
    "laporan": ("laporan:lhe-unggah", (2025,), {}, [
        "<title>Impor tindak lanjut LHE gagal · Dinas Satu A · Sakip</title>",
        ">Tindak lanjut LHE</a></li>",
        "<code>Tindak Lanjut LHE!H4</code> berarti lembar “Tindak Lanjut LHE”, kolom H, baris 4",
    ]),
}


def _kirim(dunia: Dunia, app: str, berkas: SimpleUploadedFile | None) -> Any:
    nama, args, data, _ = HALAMAN[app]
    client = Client()
    client.force_login(dunia.pengguna_a[Peran.OPERATOR])
    isian: dict[str, Any] = dict(data)
    if berkas is not None:
        isian["berkas"] = berkas
    return client.post(reverse(nama, args=[dunia.opd_a1.slug, *args]), isian)


@pytest.mark.parametrize("app", HALAMAN)
def test_halaman_galat_milik_setiap_unggahan(dunia: Dunia, app: str) -> None:
    response = _kirim(dunia, app, SimpleUploadedFile("data.csv", b"a;b"))
    assert response.status_code == 200
    html = response.content.decode()
    # Set SAKIP_SIMPAN_GALAT=dir to keep each page (to compare the pages before/after a refactor).
    if simpan := os.environ.get("SAKIP_SIMPAN_GALAT"):
        Path(simpan, f"{app}.html").write_text(html, encoding="utf-8")
    assert "data.csv: 1 kesalahan. Tidak ada yang disimpan." in html
    assert "hanya buku kerja Excel .xlsx yang dapat diunggah" in html
    for teks in HALAMAN[app][3]:
        assert teks in html, teks
    lain = {a: h for a, h in HALAMAN.items() if a != app}
    for _, (_, _, _, teks_lain) in lain.items():
        assert teks_lain[2] not in html  # no other upload's example cell


@pytest.mark.parametrize("app", HALAMAN)
def test_pemeriksaan_berkas_sama_di_setiap_unggahan(dunia: Dunia, app: str) -> None:
    tanpa = _kirim(dunia, app, None).context["kesalahan"]
    assert [(k.lokasi, k.pesan) for k in tanpa] == [("berkas", "pilih buku kerja .xlsx untuk diunggah")]
    besar = SimpleUploadedFile("besar.XLSX", b"x" * (11 * 2**20))
    [k] = _kirim(dunia, app, besar).context["kesalahan"]
    batas = 5 if app == "laporan" else 10  # a follow-up table is a few kB
    assert (k.lokasi, k.pesan) == ("besar.XLSX", f"berkas lebih dari {batas} MB")
