from collections.abc import Iterator

import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def demo_kinerja(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """All demo files loaded once per module (the full load takes ~10 s), rolled back afterwards.

    Each test still runs in its own savepoint (`db`), so nothing a test writes leaks into the next.
    """
    from sakip.testing.demo import muat_demo

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        with transaction.atomic():
            muat_demo()
            yield
            transaction.set_rollback(True)
