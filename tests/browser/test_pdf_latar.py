"""The LKjIP PDF as a user gets it: click "Unduh PDF", watch "PDF sedang dibuat…" update itself,
the download starts when ready; the second click is served from the cache at once.

Real LibreOffice in the live server's background thread. The render is held at a gate until the
waiting page has been looked at, so the screenshots never depend on how fast the machine is.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from sakip.laporan.dokumen import pdf_latar
from sakip.laporan.dokumen.pdf import TAHAP_TATA_LETAK, docx_ke_pdf
from sakip.testing.demo import PASSWORD_UJI

POLA_DEMO = "babel-disperindag"
OPD = "babel-disperindag"
TAHUN = 2025


@pytest.fixture(scope="module")
def db(server_demo: str) -> str:
    """One demo load and live server for the module (see tests/browser/test_alur_lengkap.py)."""
    return server_demo


pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def gerbang(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event, list[float]]]:
    """The real conversion, started only when the test opens the gate; records each run's time."""
    import shutil

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    buka = threading.Event()
    lama: list[float] = []

    def tertahan(isi: bytes, *, kemajuan: Callable[[str], None] | None = None) -> bytes:
        if kemajuan:
            kemajuan(TAHAP_TATA_LETAK)
        buka.wait(timeout=300)
        mulai = time.perf_counter()
        hasil = docx_ke_pdf(isi, kemajuan=kemajuan)
        lama.append(time.perf_counter() - mulai)
        return hasil

    monkeypatch.setattr(pdf_latar, "docx_ke_pdf", tertahan)
    yield buka, lama
    buka.set()


def test_pdf_di_latar_lalu_dari_simpanan(layar_demo: Any, gerbang: tuple[threading.Event, list[float]]) -> None:
    buka, lama = gerbang
    kepala = layar_demo("kepala")
    kepala.masuk("babel-disperindag.kepala", PASSWORD_UJI)
    page = kepala.page
    kepala.buka(f"/opd/{OPD}/laporan/{TAHUN}/")
    kepala.potret("laporan-tombol-pdf", ponsel=False, fokus=".laporan-kepala")

    t = time.perf_counter()
    page.get_by_role("button", name="Unduh PDF").click()
    expect(page.locator("#pdf-status h2")).to_have_text("PDF sedang dibuat…")
    tunggu_awal = time.perf_counter() - t
    expect(page.locator("#pdf-status")).to_contain_text("Tahap 1 dari 2")
    assert f"/laporan/{TAHUN}/pdf/" in page.url
    # The block asks the server again by itself (htmx, every 2 s).
    with page.expect_request(lambda r: r.url == page.url and r.headers.get("hx-request") == "true", timeout=10_000):
        pass
    kepala.potret("pdf-sedang-dibuat")

    with page.expect_download(timeout=300_000) as info:
        buka.set()
    unduhan = info.value
    assert unduhan.suggested_filename == f"lkjip-{OPD}-{TAHUN}.pdf"
    assert unduhan.path().read_bytes().startswith(b"%PDF")
    expect(page.locator("#pdf-status h2")).to_have_text("PDF siap")
    kepala.potret("pdf-siap")

    # Unchanged report: the second click is served from the cache, LibreOffice is not run again.
    kepala.buka(f"/opd/{OPD}/laporan/{TAHUN}/")
    t = time.perf_counter()
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Unduh PDF").click()
    kedua = time.perf_counter() - t
    assert info.value.suggested_filename == f"lkjip-{OPD}-{TAHUN}.pdf"
    assert len(lama) == 1
    print(f"\nklik pertama → halaman tunggu {tunggu_awal:.2f} s; LibreOffice {lama[0]:.1f} s; "
          f"klik kedua (simpanan) {kedua:.2f} s")
