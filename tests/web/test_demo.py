"""`make demo`: the demo loads through the real importers and each demo user sees only their part."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from sakip.akun.models import Keanggotaan, User
from sakip.organisasi.models import PerangkatDaerah

PASSWORD = "demo-uji-123"

# Which OPD pages each demo account may open (by slug), straight from the role rules.
TERLIHAT = {
    "babel-disperindag.operator": {"babel-disperindag"},
    "babel-disperindag.kepala": {"babel-disperindag"},
    "babel-dkukm.operator": {"babel-dkukm"},
    "babel.verifikator": {"babel-disperindag", "babel-dkukm"},
    "babel.inspektorat": {"babel-disperindag", "babel-dkukm"},
    "babel.admin": {"babel-disperindag", "babel-dkukm"},
    "babel.pembaca": {"babel-disperindag", "babel-dkukm"},
    "ntt-disperindag.operator": {"ntt-disperindag"},
    "ntt.verifikator": {"ntt-disperindag"},
    "kab-dpkukmp.operator": {"kab-dpkukmp"},
}


@pytest.fixture
def demo(db: None) -> None:
    call_command("load-demo", password=PASSWORD, verbosity=0)


def test_load_demo_membuat_pemda_opd_dan_pengguna(demo: None) -> None:
    assert set(PerangkatDaerah.objects.values_list("slug", flat=True)) >= {
        "babel-disperindag", "babel-dkukm", "ntt-disperindag", "kab-dpkukmp",
    }
    peran = set(Keanggotaan.objects.filter(pemda__slug="babel").values_list("peran", flat=True))
    assert peran == {"operator", "kepala", "verifikator", "inspektorat", "admin", "pembaca"}


def test_load_demo_dua_kali_tidak_menggandakan(demo: None) -> None:
    sebelum = (User.objects.count(), Keanggotaan.objects.count(), PerangkatDaerah.objects.count())
    call_command("load-demo", password=PASSWORD, verbosity=0)
    assert (User.objects.count(), Keanggotaan.objects.count(), PerangkatDaerah.objects.count()) == sebelum


@pytest.mark.parametrize("username", sorted(TERLIHAT))
def test_pengguna_demo_melihat_hanya_bagiannya(demo: None, username: str) -> None:
    client = Client()
    masuk = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert masuk.status_code == 302, f"{username} tidak bisa masuk"
    for opd in PerangkatDaerah.objects.all():
        status = client.get(reverse("opd", args=[opd.slug])).status_code
        harapan = 200 if opd.slug in TERLIHAT[username] else 404
        assert status == harapan, f"{username} → {opd.slug}: {status}"
