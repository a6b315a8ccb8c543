"""Pages: sections by chapter, the section editor (conflict keeps the typed text), the LHE pages;
the permission matrix of every view; query counts."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sakip.akun.models import Keanggotaan, Peran, User
from sakip.laporan.models import Narasi, RekomendasiLHE
from sakip.testing import kasus_laporan, kueri
from sakip.testing.akses import periksa_matriks
from sakip.testing.dunia import Dunia


def _klien(opd: Any, peran: Peran) -> Client:
    user = User.objects.create_user(username=f"uji-{peran.value}", password="x", nama="Uji")
    Keanggotaan.objects.create(user=user, peran=peran, pemda=opd.pemda, opd=opd if peran == Peran.OPERATOR else None)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def operator(babel: Any) -> Client:
    return _klien(babel, Peran.OPERATOR)


def test_matriks_izin(dunia: Dunia) -> None:
    kasus = kasus_laporan.kasus(dunia)
    assert periksa_matriks(dunia, kasus) == len(kasus) * (1 + 6 * 3)


HALAMAN_KONTEN = kueri.SESI_DAN_IZIN + 1 + 10 + kueri.NAVIGASI + kueri.TUGAS


def test_halaman_per_bab(babel: Any, operator: Client, django_assert_num_queries: Any) -> None:
    url = reverse("laporan:konten", args=[babel.slug, 2025])
    operator.get(url)  # warm the session and content-type caches
    # session + user + memberships (kueri.SESI_DAN_IZIN), OPD (1), the selector (10), the permission
    # for the edit links (0: memberships are cached on the user), the base layout's menu
    # (kueri.NAVIGASI + kueri.TUGAS: the operator's inbox count)
    with django_assert_num_queries(HALAMAN_KONTEN):
        r = operator.get(url)
    html = r.content.decode()
    assert "28 dari 35 bagian narasi terisi" in html
    assert html.count('class="status status-kosong"') == 7
    assert 'id="bagian-faktor_penghambat" class="bagian-kosong"' in html
    assert reverse("laporan:narasi-ubah", args=[babel.slug, 2025, "kesimpulan"]) in html
    assert "Rp 24.772.110.984,32" in html  # asset total, derived and in Indonesian format


def test_pembaca_tanpa_tautan_ubah(babel: Any) -> None:
    r = _klien(babel, Peran.PEMBACA).get(reverse("laporan:konten", args=[babel.slug, 2025]))
    assert r.status_code == 200 and "/narasi/" not in r.content.decode()


def test_ubah_narasi_dan_konflik(babel: Any, operator: Client) -> None:
    url = reverse("laporan:narasi-ubah", args=[babel.slug, 2025, "faktor_penghambat"])
    r = operator.get(url)
    assert r.status_code == 200 and 'name="versi" value="0"' in r.content.decode()
    r = operator.post(url, {"teks": "Cuaca ekstrem.\n\nHarga naik.", "versi": "0"})
    assert r.status_code == 302 and r["Location"].endswith("#bagian-faktor_penghambat")
    n = Narasi.objects.get(laporan__opd=babel, laporan__tahun=2025, kunci="faktor_penghambat")
    assert n.teks == "Cuaca ekstrem.\n\nHarga naik." and n.versi == 1
    # a second tab still at version 0: refused, the typed text is shown back, nothing lost
    r = operator.post(url, {"teks": "Versi tab lain", "versi": "0"})
    html = r.content.decode()
    assert r.status_code == 200 and "Versi tab lain" in html and "Teks terbaru yang tersimpan" in html
    assert 'name="versi" value="1"' in html
    n.refresh_from_db()
    assert n.teks == "Cuaca ekstrem.\n\nHarga naik."
    assert operator.get(reverse("laporan:narasi-ubah", args=[babel.slug, 2025, "tidak_ada"])).status_code == 404


def test_lhe_halaman_dan_rekomendasi(babel: Any, operator: Client, django_assert_num_queries: Any) -> None:
    url = reverse("laporan:lhe", args=[babel.slug, 2025])
    operator.get(url)
    with django_assert_num_queries(HALAMAN_KONTEN):  # as the chapter page
        r = operator.get(url)
    html = r.content.decode()
    assert "700/117/LHE-ITDA/2025" in html and "76,90" in html and html.count('title="dilaksanakan"') >= 5
    r = operator.post(reverse("laporan:rekomendasi-baru", args=[babel.slug, 2025]),
                      {"uraian": "Rekomendasi baru", "tw4": "on", "bukti": "https://contoh.go.id/a\nbukan-url",
                       "versi": "0"})
    assert r.status_code == 200 and "Bukan tautan http(s) yang valid: bukan-url" in r.content.decode()
    r = operator.post(reverse("laporan:rekomendasi-baru", args=[babel.slug, 2025]),
                      {"uraian": "Rekomendasi baru", "tw4": "on", "bukti": "https://contoh.go.id/a", "versi": "0"})
    assert r.status_code == 302
    rek = RekomendasiLHE.objects.get(lhe__laporan__opd=babel, uraian="Rekomendasi baru")
    assert rek.tw == [False, False, False, True] and rek.urutan == 5
    r = operator.post(reverse("laporan:lhe-ubah", args=[babel.slug, 2025]),
                      {"nomor": "700/117/LHE-ITDA/2025", "predikat": "BB", "nilai": "80", "versi": "1"})
    assert "Nilai dihitung dari komponen evaluasi" in r.content.decode()
