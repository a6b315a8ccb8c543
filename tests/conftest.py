from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from sakip.testing.dunia import Dunia


@pytest.fixture(autouse=True)
def _hash_cepat(request: pytest.FixtureRequest) -> None:
    # PBKDF2 costs ~0,3 s per password; tests create many users and prove nothing with it.
    # Only for tests that use Django (tests/engine runs without it).
    if "settings" in request.fixturenames or "db" in request.fixturenames or \
            "transactional_db" in request.fixturenames or "dunia" in request.fixturenames:
        settings = request.getfixturevalue("settings")
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def dunia(db: None) -> "Dunia":
    from sakip.testing.dunia import buat_dunia

    return buat_dunia()
