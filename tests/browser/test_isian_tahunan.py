"""The entry page's two less common inputs, as an operator uses them: the year's value given
directly (on TW IV) and the direct value a formula indicator falls back on when its data are
missing. Demo babel-disperindag 2025, loaded once for the module (`server_demo`).

IKU1 (agregasi jumlah, target 22,300): the quarters add up to 24,692 (110,73%); a year-end
figure of 22,142 typed as the year's value makes the year 22,142 / 22,300 = 99,29%.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from sakip.testing.demo import PASSWORD_UJI

POLA_DEMO = "babel-disperindag"
OPD = "babel-disperindag"
TAHUN = 2025


@pytest.fixture(scope="module")
def db(server_demo: str) -> str:
    """This module's tests share one demo load and one live server (see test_alur_lengkap)."""
    return server_demo


pytestmark = pytest.mark.usefixtures("db")


def _operator(layar_demo: Any) -> Any:
    orang = layar_demo("operator")
    orang.masuk("babel-disperindag.operator", PASSWORD_UJI)
    return orang


def _indikator_id(ref: str) -> int:
    from sakip.perencanaan.models import Indikator

    return Indikator.objects.get(renstra__opd__slug=OPD, ref=ref, renstra__tahun_awal__lte=TAHUN,
                                 renstra__tahun_akhir__gte=TAHUN).pk


def test_nilai_tahunan_di_tw4(layar_demo: Any) -> None:
    operator = _operator(layar_demo)
    operator.buka(f"/opd/{OPD}/realisasi/{TAHUN}/tw4/")
    baris = operator.page.locator(f"#ind-{_indikator_id('IKU1')}")
    tahun = baris.locator(".isian-capaian .capaian").nth(1)
    expect(tahun).to_have_text("110,73%")
    operator.potret("tw4-terlipat", fokus=f"#ind-{_indikator_id('IKU1')}")
    baris.locator(".bidang-tahunan summary").click()  # folded while empty
    baris.locator("input[name=tahunan]").fill("22,142")
    baris.get_by_role("button", name="Simpan").click()
    expect(baris.locator(".pesan-berhasil")).to_have_text("Tersimpan.")
    expect(tahun).to_have_text("99,29%")
    expect(baris.locator(".isian-capaian")).to_contain_text("realisasi 22,142 · diisi langsung")
    expect(baris.locator(".isian-capaian")).to_contain_text("dari TW I–IV: 24,692")
    expect(baris.locator(".isian-capaian .capaian").first).to_have_text("110,73%")  # TW IV: the quarters
    operator.potret("nilai-tahunan", fokus=f"#ind-{_indikator_id('IKU1')}")


def test_nilai_cadangan_rumus(layar_demo: Any) -> None:
    from sakip.pengukuran.models import HasilCapaian

    # IP1.2 (a percentage from three data elements, target 70): the demo has no TW I data for it.
    ind = _indikator_id("IP1.2")
    assert HasilCapaian.objects.get(indikator_id=ind, tahun=TAHUN, triwulan=1).realisasi is None
    operator = _operator(layar_demo)
    operator.buka(f"/opd/{OPD}/realisasi/{TAHUN}/tw1/")
    baris = operator.page.locator(f"#ind-{ind}")
    expect(baris.locator(".isian-capaian .capaian").first).to_have_text("tidak terukur")
    baris.locator(".bidang-cadangan summary").click()  # folded while empty
    expect(baris.locator(".bidang-cadangan")).to_contain_text("Dipakai hanya bila data rumus triwulan ini belum diisi")
    baris.locator("input[name=nilai]").fill("65,5")
    baris.get_by_role("button", name="Simpan").click()
    expect(baris.locator(".pesan-berhasil")).to_have_text("Tersimpan.")
    expect(baris.locator(".bidang-cadangan")).to_contain_text("Sekarang dipakai.")
    expect(baris.locator(".isian-capaian .capaian").first).to_have_text("93,57%")  # 65,5 / 70
    operator.potret("nilai-cadangan", fokus=f"#ind-{ind}")
