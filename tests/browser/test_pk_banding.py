"""The PK version comparison as a reader sees it: each changed row names its sasaran, indicator and
program beside their refs, long names wrap inside their column, and on a phone the page itself
never scrolls sideways (the table scrolls in its own box). Demo babel-disperindag 2025, Induk →
Perubahan Kesatu (lkjip-2025 §2.5: IKU1 16,750 → 22,300; P1 of the Bidang 791.999.350 → 592.506.350).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sakip.testing.demo import PASSWORD_UJI

POLA_DEMO = "babel-disperindag"
OPD = "babel-disperindag"


@pytest.fixture(scope="module")
def db(server_demo: str) -> str:
    """This module's tests share one demo load and one live server (see test_alur_lengkap)."""
    return server_demo


pytestmark = pytest.mark.usefixtures("db")


def test_perbandingan_menyebut_nama_di_samping_ref(layar_demo: Any) -> None:
    pembaca = layar_demo("operator")
    pembaca.masuk(f"{OPD}.operator", PASSWORD_UJI)
    pembaca.buka(reverse("kinerja:pk-banding", args=[OPD]) + "?tahun=2025&a=0&b=1")
    target = pembaca.page.locator("section.kartu table").first
    baris = target.locator("tr", has_text="Target tahunan").first
    assert baris.locator("td").nth(0).inner_text() == "S1 · Meningkatnya PDRB Lapangan Usaha Industri Pengolahan"
    assert baris.locator("td").nth(1).inner_text() == "IKU1 · Nilai Lapangan Usaha Industri Pengolahan"
    assert "<del>16,750</del>" in baris.inner_html() and "<ins>22,300</ins>" in baris.inner_html()
    anggaran = pembaca.page.locator("section.kartu table").nth(1)
    assert "P1 · Program Perencanaan dan Pembangunan Industri" in anggaran.inner_text()
    # Long names wrap instead of widening the tables past the page (no sideways scrolling box).
    kotak = pembaca.page.eval_on_selector_all(
        "section.kartu .overflow-auto", "s => s.map(e => [e.scrollWidth, e.clientWidth])")
    assert len(kotak) == 2 and all(isi <= tampak for isi, tampak in kotak)
    tinggi = anggaran.locator("tr", has_text="P3 ·").locator("td.nama-ref").bounding_box()
    assert tinggi is not None and tinggi["height"] > 30  # "… Sistem Informasi Industri Nasional": two lines
    pembaca.potret("pk-banding")
    # A phone: each change is a card; the new value is in view and the page never scrolls sideways.
    pembaca.page.set_viewport_size({"width": 390, "height": 844})
    baru = baris.locator("ins").bounding_box()
    assert baru is not None and baru["x"] + baru["width"] <= 390
    nama = baris.locator("td").nth(0).bounding_box()  # S1 · Meningkatnya PDRB … Pengolahan
    assert nama is not None and nama["height"] > 30  # wrapped over two lines
    lebar = pembaca.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert lebar[0] <= lebar[1]
