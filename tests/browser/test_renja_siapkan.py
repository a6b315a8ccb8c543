"""Preparing the Renja evaluation table of a new year, as an operator does it: demo babel-dkukm has
the Renja 2024 but evaluation rows only for 2022 (docs/algorithms/renja-evaluasi.md, "Preparing the
table of a new year"). Loaded once for the module (`server_demo`)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from sakip.testing.demo import PASSWORD_UJI

POLA_DEMO = "babel-dkukm"
OPD = "babel-dkukm"


@pytest.fixture(scope="module")
def db(server_demo: str) -> str:
    return server_demo


pytestmark = pytest.mark.usefixtures("db")


def test_siapkan_tabel_evaluasi_dari_renja(layar_demo: Any) -> None:
    operator = layar_demo("operator")
    operator.masuk(f"{OPD}.operator", PASSWORD_UJI)
    operator.buka(f"/opd/{OPD}/renja/evaluasi/")
    halaman = operator.page
    expect(halaman.locator("h1")).to_have_text("Evaluasi Renja 2022")
    halaman.locator("select[name=tahun]").select_option("2024")
    halaman.wait_for_load_state()
    expect(halaman.locator("h1")).to_have_text("Evaluasi Renja 2024")
    kartu = halaman.locator("section.siapkan")
    expect(kartu).to_contain_text("Tabel evaluasi Renja 2024 belum ada.")
    expect(kartu).to_contain_text("Renja 2024 memuat 66 baris.")
    operator.potret("belum-ada")
    kartu.get_by_role("button", name="Siapkan tabel evaluasi dari Renja 2024").click()
    halaman.wait_for_load_state()
    expect(halaman.locator(".pesan-success")).to_contain_text(
        "Tabel evaluasi Renja 2024 disiapkan dari Renja 2024: 66 baris dibuat, 0 sudah ada.")
    expect(halaman.locator("section.siapkan")).to_have_count(0)
    expect(halaman.locator("table.tabel-evaluasi")).to_contain_text("Penyusunan Dokumen Perencanaan Perangkat Daerah")
    expect(halaman.locator("tr.jumlah")).to_contain_text("23.633.051.862")
    operator.potret("disiapkan")
    # A Renja line added later: the page offers to prepare only that row.
    from sakip.renja.models import EvaluasiRenja

    EvaluasiRenja.objects.filter(opd__slug=OPD, tahun=2024, node__ref="SK1.1.2").delete()
    operator.buka(f"/opd/{OPD}/renja/evaluasi/?tahun=2024")
    expect(halaman.locator("section.siapkan")).to_contain_text("1 baris Renja 2024 belum ada di tabel evaluasi ini.")
    operator.potret("sebagian", ponsel=False)
    halaman.get_by_role("button", name="Siapkan tabel evaluasi dari Renja 2024").click()
    halaman.wait_for_load_state()
    expect(halaman.locator(".pesan-success")).to_contain_text("1 baris dibuat, 65 sudah ada")
    # TW IV 2024 approved: the year's table is locked, the button explains why nothing was created.
    from sakip.alur.models import StatusAlur, StatusTriwulan

    EvaluasiRenja.objects.filter(opd__slug=OPD, tahun=2024, node__ref="SK1.1.2").delete()
    StatusTriwulan.objects.create(opd=EvaluasiRenja.objects.filter(opd__slug=OPD).first().opd,  # type: ignore[union-attr]
                                  tahun=2024, triwulan=4, status=StatusAlur.DISETUJUI)
    operator.buka(f"/opd/{OPD}/renja/evaluasi/?tahun=2024")
    halaman.get_by_role("button", name="Siapkan tabel evaluasi dari Renja 2024").click()
    halaman.wait_for_load_state()
    expect(halaman.locator(".pesan-error")).to_contain_text(
        "Tabel evaluasi Renja 2024 tidak dapat disiapkan: Data TW IV 2024 sudah disetujui dan terkunci.")
    operator.potret("terkunci", ponsel=False, fokus=".pesan")
