"""Foundation pages: login, home, Pemda and OPD profiles, under the permission matrix."""

import pytest
from django.test import Client
from django.urls import reverse

from sakip.akun.izin import Aksi
from sakip.akun.models import Peran
from sakip.testing.akses import KasusAkses, periksa_matriks
from sakip.testing.dunia import PASSWORD, Dunia

KASUS = [
    KasusAkses("profil OPD", lambda opd: reverse("opd", args=[opd.slug]), Aksi.LIHAT),
]


def test_matriks_izin_halaman_dasar(dunia: Dunia) -> None:
    # 1 anonymous + 6 roles × 3 OPDs per case
    assert periksa_matriks(dunia, KASUS) == len(KASUS) * (1 + 6 * 3)


def test_masuk_dan_keluar(dunia: Dunia) -> None:
    client = Client()
    halaman = client.get(reverse("login"))
    assert "Masuk ke Sakip" in halaman.content.decode()
    salah = client.post(reverse("login"), {"username": "a-operator", "password": "keliru"})
    assert salah.status_code == 200
    assert "benar" in salah.content.decode()  # Django's Indonesian message names the mistake
    masuk = client.post(reverse("login"), {"username": "a-operator", "password": PASSWORD})
    assert masuk.status_code == 302 and masuk["Location"] == reverse("beranda")
    beranda = client.get(reverse("beranda")).content.decode()
    assert "Dinas Satu A" in beranda and "Dinas Dua A" not in beranda
    assert "Operator OPD" in beranda
    keluar = client.post(reverse("logout"))
    assert keluar.status_code == 302
    assert client.get(reverse("beranda")).status_code == 302


def test_beranda_pemda_wide_melihat_semua_opd_pemdanya(dunia: Dunia) -> None:
    client = Client()
    client.force_login(dunia.pengguna_a[Peran.VERIFIKATOR])
    isi = client.get(reverse("beranda")).content.decode()
    assert "Dinas Satu A" in isi and "Dinas Dua A" in isi and "Dinas Satu B" not in isi


def test_halaman_pemda_hanya_pemda_sendiri(dunia: Dunia) -> None:
    client = Client()
    client.force_login(dunia.pengguna_a[Peran.OPERATOR])
    assert client.get(reverse("pemda", args=["uji-a"])).status_code == 200
    assert client.get(reverse("pemda", args=["uji-b"])).status_code == 404


def test_daftar_pengguna_hanya_untuk_admin(dunia: Dunia) -> None:
    client = Client()
    client.force_login(dunia.pengguna_a[Peran.ADMIN])
    isi = client.get(reverse("pemda", args=["uji-a"])).content.decode()
    assert "Pengguna dan peran" in isi and "a-operator" in isi and "b-operator" not in isi
    client.force_login(dunia.pengguna_a[Peran.VERIFIKATOR])
    isi = client.get(reverse("pemda", args=["uji-a"])).content.decode()
    assert "Pengguna dan peran" not in isi


def test_ganti_kata_sandi(dunia: Dunia) -> None:
    client = Client()
    client.force_login(dunia.pengguna_a[Peran.KEPALA])
    r = client.post(
        reverse("kata-sandi"),
        {"old_password": PASSWORD, "new_password1": "Baru-sekali-2026", "new_password2": "Baru-sekali-2026"},
    )
    assert r.status_code == 302
    dunia.pengguna_a[Peran.KEPALA].refresh_from_db()
    assert dunia.pengguna_a[Peran.KEPALA].check_password("Baru-sekali-2026")


@pytest.mark.parametrize("peran", [Peran.OPERATOR, Peran.ADMIN])
def test_profil_opd_jumlah_query_tetap(dunia: Dunia, peran: Peran, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(dunia.pengguna_a[peran])
    # The OPD page is the OPD dashboard: the queries are listed in
    # tests/web/test_dasbor.py::test_dasbor_opd_jumlah_query_tetap (23 with a plan and results;
    # an OPD without a plan skips its indicator reads).
    with django_assert_max_num_queries(23):
        assert client.get(reverse("opd", args=[dunia.opd_a1.slug])).status_code == 200
