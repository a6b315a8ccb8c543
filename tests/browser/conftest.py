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

    def potret(self, judul: str, *, ponsel: bool = True, fokus: str = "") -> Path:
        """Whole page at both sizes; with `fokus` (a selector) only the screen around that element,
        for long pages (an OPD's entry page is ~16 000 px tall on a desktop, ~40 000 on a phone)."""
        self.nomor += 1
        dasar = self.folder / f"{self.nama}-{self.nomor:02d}-{judul}"
        ukuran = [("", DESKTOP)] + ([("-ponsel", PONSEL)] if ponsel else [])
        for akhiran, viewport in ukuran:
            self.page.set_viewport_size(viewport)
            if fokus:
                # Plain DOM scrolling: Playwright's scroll_into_view_if_needed waits for the element
                # to be "stable", which a row mid-transition (htmx swap, <details> toggling) may not
                # be for a while — a screenshot must never fail the test it illustrates.
                self.page.locator(fokus).first.evaluate("el => el.scrollIntoView({block: 'start'})")
            self.page.screenshot(path=f"{dasar}{akhiran}.png", full_page=not fokus)
        self.page.set_viewport_size(DESKTOP)
        return Path(f"{dasar}.png")

    def tutup(self) -> None:
        self.context.close()


def _pembuat_layar(browser: object, base_url: str, folder: Path, request: pytest.FixtureRequest) -> Iterator:
    dibuat: list[Layar] = []

    def buat(nama: str) -> Layar:
        item = Layar(browser, base_url, folder, f"{request.node.name}-{nama}")
        dibuat.append(item)
        return item

    yield buat
    for item in dibuat:
        item.tutup()


@pytest.fixture
def layar(browser: object, live_server: object, folder_artefak: Path, request: pytest.FixtureRequest) -> Iterator:
    yield from _pembuat_layar(browser, live_server.url, folder_artefak, request)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def server_demo(
    request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker: object,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    """A live server over the demo data loaded ONCE for a whole test module (the OPD folders of the
    module's `POLA_DEMO`, default all); its URL. Tests of the module share (and change) the data, so
    each works on its own quarter. pytest-django's `live_server` would flush the database after
    every test (it forces `transactional_db`), i.e. one demo load per test. The database is
    flushed when the module ends, as `transactional_db` would have."""
    from django.core.management import call_command
    from django.test.utils import modify_settings, override_settings
    from pytest_django.live_server_helper import LiveServer

    from sakip.testing.demo import muat_demo

    pengaturan = [
        # PBKDF2 costs ~0,3 s per demo user and proves nothing here; uploads go to a temporary folder.
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                          MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        modify_settings(ALLOWED_HOSTS={"append": "localhost"}),
    ]
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        for p in pengaturan:
            p.enable()
        try:
            muat_demo(pola_opd=getattr(request.module, "POLA_DEMO", "*"))
            server = LiveServer("localhost")
            try:
                yield server.url
            finally:
                server.stop()
        finally:
            call_command("flush", interactive=False, verbosity=0)
            for p in reversed(pengaturan):
                p.disable()


@pytest.fixture
def layar_demo(browser: object, server_demo: str, folder_artefak: Path, request: pytest.FixtureRequest) -> Iterator:
    """Like `layar`, against `server_demo` (the module's shared demo data)."""
    yield from _pembuat_layar(browser, server_demo, folder_artefak, request)
