from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from sakip.akun.models import Keanggotaan, Peran, User
from sakip.core.impor import baca_yaml
from sakip.organisasi.models import PerangkatDaerah

DEMO = Path(settings.SAKIP_DEMO_DIR) / "babel-dkukm"


def muat_renja_demo() -> list[str]:
    """The load-demo steps this app needs, for the babel-dkukm folder only: Pemda, OPD, Renstra,
    then this app's two steps (70, 72), each through its registered importer.

    Not `muat_demo(pola_opd="babel-dkukm")`: the users step (30) reads pemda.yaml, which names
    users of every OPD, and fails when only one OPD folder is loaded. Users play no part here.
    """
    from sakip.core.demo import OpsiDemo, langkah_demo
    from sakip.testing.demo import PASSWORD_UJI

    folder = DEMO.parent
    hasil = []
    for langkah in langkah_demo():
        if langkah.nama not in {"pemda", "opd", "renstra", "renja", "renja-evaluasi"}:
            continue
        for path in sorted(folder.glob(langkah.pola.replace("*/", "babel-dkukm/", 1))):
            hasil.append(f"{path.name}: {langkah.impor(path, OpsiDemo(password=PASSWORD_UJI))}")
    return hasil


@pytest.fixture(scope="module")
def demo_renja(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[list[str]]:
    """Loaded once per module and rolled back afterwards; each test runs in its own savepoint."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        with transaction.atomic():
            yield muat_renja_demo()
            transaction.set_rollback(True)


@pytest.fixture
def data_evaluasi() -> dict:
    return dict(baca_yaml(DEMO / "renja-evaluasi-2022.yaml"))


@pytest.fixture
def data_renja() -> dict:
    return dict(baca_yaml(DEMO / "renja-2024.yaml"))


@pytest.fixture
def dkukm(demo_renja: list[str]) -> PerangkatDaerah:
    return PerangkatDaerah.objects.get(slug="babel-dkukm")


@pytest.fixture
def operator(dkukm: PerangkatDaerah) -> Client:
    """A logged-in operator of the demo OPD (the entry pages)."""
    user = User.objects.create_user(username="op-dkukm", password="x-uji-123")
    Keanggotaan.objects.create(user=user, peran=Peran.OPERATOR, pemda=dkukm.pemda, opd=dkukm)
    client = Client()
    client.force_login(user)
    return client
