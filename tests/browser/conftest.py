"""Browser tests: Playwright (Python) driving Debian's Chromium against pytest-django's live server.

Screenshots are test artefacts, written to var/artefak/layar/ (or $SAKIP_ARTEFAK) so a reviewer can
look at every screen the suite passed through, at desktop (1366×768) and phone (390×844) sizes.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread
# with a running loop unless told it is safe (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("SAKIP_CHROMIUM", "/usr/bin/chromium")
DESKTOP = {"width": 1366, "height": 768}
PONSEL = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.skip(f"Chromium tidak ada di {CHROMIUM} (apt-get install chromium; .ci/run memasangnya)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="session")
def folder_artefak() -> Path:
    folder = Path(os.environ.get("SAKIP_ARTEFAK", settings.DATA_DIR / "artefak" / "layar"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Layar:
    """One browser context (a user) with a screenshot helper that shoots both sizes."""

    def __init__(self, browser: object, base_url: str, folder: Path, nama: str) -> None:
        self.context = browser.new_context(viewport=DESKTOP, locale="id-ID")  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.base_url = base_url
        self.folder = folder
        self.nama = nama
        self.nomor = 0

    def buka(self, path: str) -> None:
        self.page.goto(self.base_url + path)

    def masuk(self, username: str, password: str) -> None:
        self.buka("/akun/masuk/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_load_state()

    def potret(self, judul: str, *, ponsel: bool = True) -> Path:
        self.nomor += 1
        dasar = self.folder / f"{self.nama}-{self.nomor:02d}-{judul}"
        self.page.screenshot(path=f"{dasar}.png", full_page=True)
        if ponsel:
            self.page.set_viewport_size(PONSEL)
            self.page.screenshot(path=f"{dasar}-ponsel.png", full_page=True)
            self.page.set_viewport_size(DESKTOP)
        return Path(f"{dasar}.png")

    def tutup(self) -> None:
        self.context.close()


@pytest.fixture
def layar(browser: object, live_server: object, folder_artefak: Path, request: pytest.FixtureRequest) -> Iterator:
    dibuat: list[Layar] = []

    def buat(nama: str) -> Layar:
        item = Layar(browser, live_server.url, folder_artefak, f"{request.node.name}-{nama}")  # type: ignore[attr-defined]
        dibuat.append(item)
        return item

    yield buat
    for item in dibuat:
        item.tutup()
