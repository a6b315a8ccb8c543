"""Columns 5–7 of the Renja evaluation corrected on the quarterly entry page, as an operator does it
(docs/algorithms/renja-evaluasi.md, "Entering the quarterly inputs"). Demo babel-dkukm, 2022."""

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


def test_koreksi_target_renja_di_bagian_lipat(layar_demo: Any) -> None:
    from sakip.renja.models import EvaluasiRenja

    b = EvaluasiRenja.objects.get(opd__slug=OPD, tahun=2022, node__ref="SK1.1.1")
    operator = layar_demo("operator")
    operator.masuk(f"{OPD}.operator", PASSWORD_UJI)
    operator.buka(f"/opd/{OPD}/renja/evaluasi/isi/?tahun=2022&tw=4")
    halaman = operator.page
    masukan = halaman.locator(f"input[name=target_renja_k_{b.pk}]")
    expect(masukan).to_be_hidden()  # folded
    halaman.locator(f"tr.baris-awal:has(input[name=target_renja_k_{b.pk}]) summary").click()
    expect(masukan).to_be_visible()
    masukan.fill("tujuh")
    halaman.get_by_role("button", name="Simpan TW IV").click()
    halaman.wait_for_load_state()
    expect(halaman.locator(".kotak-galat")).to_contain_text("Belum disimpan")
    expect(masukan).to_be_visible()  # the section with the mistake opens by itself
    expect(masukan).to_have_value("tujuh")
    masukan.scroll_into_view_if_needed()
    operator.potret("galat-kolom-7", ponsel=False)
    masukan.fill("7")
    halaman.get_by_role("button", name="Simpan TW IV").click()
    halaman.wait_for_load_state()
    expect(halaman.locator(".pesan-success")).to_contain_text("Isian TW IV 2022 disimpan: 1 baris diubah")
    b.refresh_from_db()
    assert b.target_renja_k == 7
