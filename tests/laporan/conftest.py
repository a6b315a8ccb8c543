from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction

DEMO = Path(settings.SAKIP_DEMO_DIR)
BABEL = DEMO / "babel-disperindag" / "lkjip-2025.yaml"
NTT = DEMO / "ntt-disperindag" / "lkjip-2024.yaml"


def muat_lkjip_demo() -> list[str]:
    """The load-demo steps this app needs: Pemda, OPD (with units), then the registered lkjip step
    itself (80) — so the demo step is what the tests exercise. Users, plans and realisation play no
    part in the report's own content."""
    from sakip.core.demo import OpsiDemo, langkah_demo
    from sakip.testing.demo import PASSWORD_UJI

    hasil = []
    for langkah in langkah_demo():
        if langkah.nama not in {"pemda", "opd", "lkjip"}:
            continue
        for path in sorted(DEMO.glob(langkah.pola)):
            hasil.append(f"{path.parent.name}/{path.name}: {langkah.impor(path, OpsiDemo(password=PASSWORD_UJI))}")
    return hasil


@pytest.fixture(scope="module")
def demo_lkjip(django_db_setup: None, django_db_blocker: Any) -> Iterator[list[str]]:
    """Loaded once per module and rolled back afterwards; each test runs in its own savepoint."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield muat_lkjip_demo()
            transaction.set_rollback(True)


@pytest.fixture
def babel(demo_lkjip: list[str], db: None) -> Any:
    from sakip.organisasi.models import PerangkatDaerah

    return PerangkatDaerah.objects.get(slug="babel-disperindag")


@pytest.fixture
def ntt(demo_lkjip: list[str], db: None) -> Any:
    from sakip.organisasi.models import PerangkatDaerah

    return PerangkatDaerah.objects.get(slug="ntt-disperindag")
