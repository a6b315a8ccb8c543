"""A quarter through the whole workflow, as the people who do it, each in their own browser.

One demo load for the module (`server_demo`, babel-disperindag only); every test works on its own
quarter of 2025 so they do not depend on each other's order: TW IV the full round (entry →
submission → verification → approval → lock → dashboard → reopening), TW I the entry conflict,
TW II a return with a note. 2025 is the demo's reported year: IT1.1 (an indicator of the Tujuan,
"nilai akhir", year target 3,75) has no realisation in any quarter, so its capaian goes from
"tidak terukur" to a coloured band when the operator types one.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from sakip.testing.demo import PASSWORD_UJI

POLA_DEMO = "babel-disperindag"
OPD = "babel-disperindag"
NAMA_OPD = "Dinas Perindustrian dan Perdagangan"
TAHUN = 2025
REF = "IT1.1"  # target 2025 = 3,75; 3,10 / 3,75 = 82,67 % → "Tinggi" (Permendagri 86/2017, [76, 91))



@pytest.fixture(scope="module")
def db(server_demo: str) -> str:
    """Overrides pytest-django's per-test `db` here: this module's tests share one demo load and one
    live server (`server_demo`). The name is what matters: pytest-django creates the test database
    only when some test of the session asks for `db`, `transactional_db` or `live_server`."""
    return server_demo


pytestmark = pytest.mark.usefixtures("db")

# A minimal, valid one-page PDF: what an operator scans as the quarter's Berita Acara.
PDF_BUKTI = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _indikator_id(ref: str) -> int:
    from sakip.perencanaan.models import Indikator

    return Indikator.objects.get(renstra__opd__slug=OPD, ref=ref).pk


def _url_isian(tw: int) -> str:
    return f"/opd/{OPD}/realisasi/{TAHUN}/tw{tw}/"


def _url_alur() -> str:
    return f"/opd/{OPD}/alur/{TAHUN}/"


def _masuk(layar_demo: Any, nama: str, username: str) -> Any:
    orang = layar_demo(nama)
    orang.masuk(username, PASSWORD_UJI)
    expect(orang.page.locator("main")).not_to_contain_text("benar")  # no "username/sandi tidak benar"
    return orang


def _lencana(page: Page) -> int:
    """The 'Tugas' badge of the navigation (0 when there is none)."""
    lencana = page.locator("nav .nav-lencana")
    return int(lencana.inner_text()) if lencana.count() else 0


def _pesan(page: Page) -> str:
    return page.locator("main .pesan").inner_text()


def _capaian_dasbor(page: Page, ref: str) -> dict[str, str]:
    """Capaian cell of an indicator on the OPD dashboard: its text and the chip's colour."""
    baris = page.locator("table.indikator-dasbor tbody tr").filter(has=page.locator("small.kode", has_text=ref))
    expect(baris).to_have_count(1)
    sel = baris.locator("td.capaian")
    chip = sel.locator(".chip")
    return {"teks": sel.inner_text().strip(),
            "warna": (chip.get_attribute("style") or "") if chip.count() else ""}


def _kirim_dengan_teks(orang: Any, tw: int, tombol: str, kolom: str, teks: str, judul: str) -> Any:
    """Open the quarter's drop-down form (Kembalikan / Buka kunci), type the note or reason, take a
    picture, send it; return the quarter's row of the workflow page."""
    baris_tw = orang.page.locator(f"#tw-{tw}")
    baris_tw.locator(f"textarea[name={kolom}]").fill(teks)
    orang.potret(judul, ponsel=False)
    baris_tw.locator("button[type=submit]", has_text=tombol).click()
    orang.page.wait_for_load_state()
    return baris_tw


def _item_kotak_masuk(orang: Any, periode: str, *isi: str) -> Any:
    """Open the inbox /alur/ and return the entry of that quarter, checking what it says."""
    orang.buka("/alur/")
    item = orang.page.locator(".daftar-masuk li").filter(has_text=periode)
    for teks in isi:
        expect(item).to_contain_text(teks)
    return item


def _klik_tombol_alur(page: Page, tw: int, tombol: str) -> None:
    page.locator(f"#tw-{tw}").get_by_role("button", name=tombol, exact=True).click()
    page.wait_for_load_state()


def test_triwulan_diisi_diajukan_diverifikasi_disetujui_dibuka(layar_demo: Any) -> None:  # noqa: PLR0915
    ind = _indikator_id(REF)
    tw = 4

    # ---- the dashboard before: IT1.1 has no 2025 realisation, so no capaian and no colour
    kepala = _masuk(layar_demo, "kepala", "babel-disperindag.kepala")
    kepala.buka(f"/opd/{OPD}/?tahun={TAHUN}")
    sebelum = _capaian_dasbor(kepala.page, REF)
    assert sebelum["teks"] == "tidak terukur" and sebelum["warna"] == ""
    kepala.potret("dasbor-sebelum", fokus="#indikator")

    # ---- the operator types a realisation, first in the English habit, then in Indonesian
    operator = _masuk(layar_demo, "operator", "babel-disperindag.operator")
    operator.buka(_url_isian(tw))
    page = operator.page
    baris = page.locator(f"#ind-{ind}")
    capaian = baris.locator(".isian-capaian .capaian").first
    expect(capaian).to_have_text("tidak terukur")
    page.evaluate("window.penandaHalaman = 'belum dimuat ulang'")  # gone if the page reloads
    baris.locator("input[name=nilai]").fill("3.10")
    baris.get_by_role("button", name="Simpan").click()
    galat = baris.locator(".galat")
    expect(galat).to_contain_text("gunakan koma untuk desimal")
    expect(baris.locator("input[name=nilai]")).to_have_value("3.10")  # the typed input is kept
    operator.potret("angka-salah-format", fokus=f"#ind-{ind}")

    baris.locator("input[name=nilai]").fill("3,10")
    baris.get_by_role("button", name="Simpan").click()
    expect(baris.locator(".pesan-berhasil")).to_have_text("Tersimpan.")
    expect(capaian).to_have_text("82,67%")
    expect(baris.locator(".isian-capaian .band").first).to_have_text("Tinggi")
    assert "--warna: #81C784" in (capaian.get_attribute("style") or "")
    expect(baris.locator("input[name=nilai]")).to_have_value("3,10")
    assert page.evaluate("window.penandaHalaman") == "belum dimuat ulang"

    # ---- evidence: a PDF made here, uploaded in the row (still no reload)
    baris.locator("details.bukti summary").click()
    baris.locator("input[name=keterangan]").fill("Berita acara TW IV 2025")
    baris.locator("input[name=berkas]").set_input_files(
        files=[{"name": "ba-tw4-2025.pdf", "mimeType": "application/pdf", "buffer": PDF_BUKTI}])
    baris.get_by_role("button", name="Tambah bukti").click()
    expect(baris.locator(".pesan-berhasil")).to_have_text("Bukti ditambahkan.")
    expect(baris.locator("details.bukti summary .label")).to_have_text("1")
    tautan = baris.locator(".daftar-bukti a", has_text="Berita acara TW IV 2025")
    expect(tautan).to_have_count(1)
    unduhan = page.request.get(operator.base_url + (tautan.get_attribute("href") or ""))
    assert unduhan.ok and unduhan.body() == PDF_BUKTI
    assert page.evaluate("window.penandaHalaman") == "belum dimuat ulang"
    baris.locator("details.bukti summary").click()
    operator.potret("tersimpan-dengan-bukti", fokus=f"#ind-{ind}")

    # An entry page the operator leaves open in another tab (used again after the approval).
    tab_lama = operator.context.new_page()
    tab_lama.goto(operator.base_url + _url_isian(tw))

    # ---- submission; the verifikator's badge counts it
    verifikator = _masuk(layar_demo, "verifikator", "babel.verifikator")
    menunggu_awal = _lencana(verifikator.page)
    operator.buka(_url_alur())
    _klik_tombol_alur(page, tw, "Ajukan")
    assert "TW IV 2025 diajukan untuk diverifikasi." in _pesan(page)
    expect(page.locator(f"#tw-{tw} .status")).to_have_text("Diajukan")
    operator.potret("diajukan")

    item = _item_kotak_masuk(verifikator, "TW IV 2025", NAMA_OPD, "Operator Disperindag Babel")
    assert _lencana(verifikator.page) == menunggu_awal + 1
    verifikator.potret("kotak-masuk")
    item.get_by_role("button", name="Verifikasi…").click()
    verifikator.page.wait_for_load_state()
    _klik_tombol_alur(verifikator.page, tw, "Verifikasi")
    assert "diverifikasi; menunggu persetujuan Kepala OPD" in _pesan(verifikator.page)
    assert _lencana(verifikator.page) == menunggu_awal

    # ---- the kepala approves (from the inbox as well)
    item = _item_kotak_masuk(kepala, "TW IV 2025", "Verifikator Bappeda Babel")
    assert _lencana(kepala.page) >= 1
    item.get_by_role("button", name="Setujui…").click()
    kepala.page.wait_for_load_state()
    _klik_tombol_alur(kepala.page, tw, "Setujui")
    assert "disetujui; datanya kini terkunci" in _pesan(kepala.page)
    expect(kepala.page.locator(f"#tw-{tw} .status")).to_have_text("Disetujui")
    kepala.potret("disetujui")

    # ---- the operator: the page is read-only with the reason …
    operator.buka(_url_isian(tw))
    expect(page.locator(".kotak-peringatan")).to_contain_text("sudah disetujui dan terkunci")
    expect(baris.locator("input[name=nilai]")).to_have_attribute("readonly", "")
    expect(baris.get_by_role("button", name="Simpan")).to_have_count(0)
    expect(page.locator("form.unggah-bukti")).to_have_count(0)
    operator.potret("terkunci", fokus=".status-isian")
    # … and a save from the tab opened before the lock is refused with the same message, the
    # typed input kept on screen, nothing stored changed.
    baris_lama = tab_lama.locator(f"#ind-{ind}")
    baris_lama.locator("input[name=nilai]").fill("1,00")
    baris_lama.get_by_role("button", name="Simpan").click()
    expect(baris_lama.locator(".kotak-galat")).to_contain_text("sudah disetujui dan terkunci")
    expect(baris_lama.locator("input[name=nilai]")).to_have_value("1,00")
    baris_lama.scroll_into_view_if_needed()
    tab_lama.screenshot(path=str(operator.folder / f"{operator.nama}-simpan-ditolak.png"))
    tab_lama.close()
    operator.buka(_url_isian(tw))
    expect(baris.locator("input[name=nilai]")).to_have_value("3,10")
    expect(capaian).to_have_text("82,67%")

    # ---- the dashboard now shows the new capaian and its colour
    kepala.buka(f"/opd/{OPD}/?tahun={TAHUN}")
    sesudah = _capaian_dasbor(kepala.page, REF)
    assert sesudah["teks"].startswith("82,67%") and "Tinggi" in sesudah["teks"]
    assert "#81C784" in sesudah["warna"].upper()
    assert sesudah != sebelum
    kepala.potret("dasbor-sesudah", fokus="#indikator")

    # ---- the admin reopens it with a reason; the audit trail shows who, when and why
    admin = _masuk(layar_demo, "admin", "babel.admin")
    admin.buka(_url_alur())
    baris_tw = admin.page.locator(f"#tw-{tw}")
    baris_tw.locator("summary", has_text="Buka kunci").click()
    baris_tw.locator("button[type=submit]", has_text="Buka kunci").click()  # empty reason: the browser refuses
    expect(baris_tw.locator(".status")).to_have_text("Disetujui")
    alasan = "Koreksi angka BPS rilis Februari 2026"
    _kirim_dengan_teks(admin, tw, "Buka kunci", "alasan", alasan, "buka-kunci-alasan")
    assert "Kunci TW IV 2025 dibuka" in _pesan(admin.page)
    expect(baris_tw.locator(".status")).to_have_text("Dikembalikan")
    expect(baris_tw).to_contain_text(alasan)

    admin.buka(f"/audit/opd/{OPD}/")
    admin.page.locator("select[name=aksi]").select_option("buka_kunci")
    admin.page.get_by_role("button", name="Saring").click()
    admin.page.wait_for_load_state()
    catatan = admin.page.locator("ol.jejak li.jejak-baris")
    expect(catatan).to_have_count(1)
    expect(catatan).to_contain_text("Admin Pemda Babel")
    expect(catatan.locator(".jejak-alasan")).to_contain_text(alasan)
    expect(catatan).to_contain_text("disetujui")
    admin.potret("jejak-buka-kunci")

    # ---- the operator may correct again, with a reason (the quarter was submitted once)
    operator.buka(_url_isian(tw))
    expect(page.locator(".kotak-peringatan")).to_contain_text(alasan)
    expect(baris.locator("input[name=nilai]")).not_to_have_attribute("readonly", "")
    expect(baris.locator("input[name=alasan]")).to_be_visible()
    operator.potret("dibuka-kembali", fokus=".status-isian")


def test_konflik_dua_operator_pada_baris_yang_sama(layar_demo: Any) -> None:
    from django.contrib.auth import get_user_model

    from sakip.akun.models import Keanggotaan, Peran
    from sakip.organisasi.models import PerangkatDaerah

    opd = PerangkatDaerah.objects.get(slug=OPD)
    kedua = get_user_model().objects.create_user("babel-disperindag.operator2", password=PASSWORD_UJI,
                                                  nama="Sri Rahayu")
    Keanggotaan.objects.create(user=kedua, peran=Peran.OPERATOR, pemda=opd.pemda, opd=opd)
    ind = _indikator_id(REF)
    tw = 1

    pertama = _masuk(layar_demo, "operator-1", "babel-disperindag.operator")
    sri = _masuk(layar_demo, "operator-2", "babel-disperindag.operator2")
    for orang in (pertama, sri):
        orang.buka(_url_isian(tw))  # both see the row empty, version 0
    baris_1 = pertama.page.locator(f"#ind-{ind}")
    baris_2 = sri.page.locator(f"#ind-{ind}")

    baris_1.locator("input[name=nilai]").fill("3,50")
    baris_1.get_by_role("button", name="Simpan").click()
    expect(baris_1.locator(".pesan-berhasil")).to_have_text("Tersimpan.")

    baris_2.locator("input[name=nilai]").fill("2,25")
    baris_2.get_by_role("button", name="Simpan").click()
    kotak = baris_2.locator(".kotak-galat")
    expect(kotak).to_contain_text("telah diubah oleh Operator Disperindag Babel")
    expect(kotak).to_contain_text("Isian Anda masih ada di formulir ini")
    expect(baris_2.locator("input[name=nilai]")).to_have_value("2,25")  # her input is kept
    expect(baris_2.locator(".isian-capaian .capaian").first).to_have_text("93,33%")  # the stored 3,50
    sri.potret("konflik", fokus=f"#ind-{ind}")

    # Saving again is a deliberate overwrite (the form now carries the current version).
    baris_2.get_by_role("button", name="Simpan").click()
    expect(baris_2.locator(".pesan-berhasil")).to_have_text("Tersimpan.")
    expect(baris_2.locator(".isian-capaian .capaian").first).to_have_text("60,00%")
    from sakip.pengukuran.models import Realisasi

    assert str(Realisasi.objects.get(indikator_id=ind, tahun=TAHUN, triwulan=tw).nilai).startswith("2.25")


def test_verifikator_mengembalikan_dengan_catatan(layar_demo: Any) -> None:
    tw = 2
    operator = _masuk(layar_demo, "operator", "babel-disperindag.operator")
    dikembalikan_awal = _lencana(operator.page)
    operator.buka(_url_alur())
    _klik_tombol_alur(operator.page, tw, "Ajukan")
    expect(operator.page.locator(f"#tw-{tw} .status")).to_have_text("Diajukan")

    verifikator = _masuk(layar_demo, "verifikator", "babel.verifikator")
    verifikator.buka(_url_alur())
    baris_tw = verifikator.page.locator(f"#tw-{tw}")
    baris_tw.locator("summary", has_text="Kembalikan").click()
    catatan = "Bukti IKU2 TW II belum dilampirkan; mohon unggah berita acara."
    _kirim_dengan_teks(verifikator, tw, "Kembalikan", "catatan", catatan, "kembalikan-catatan")
    assert "TW II 2025 dikembalikan kepada operator." in _pesan(verifikator.page)
    expect(baris_tw.locator(".status")).to_have_text("Dikembalikan")

    item = _item_kotak_masuk(operator, "TW II 2025", catatan, "Verifikator Bappeda Babel")
    assert _lencana(operator.page) == dikembalikan_awal + 1
    operator.potret("kotak-masuk-dikembalikan")
    item.get_by_role("button", name="Perbaiki").click()
    operator.page.wait_for_load_state()
    assert operator.page.url.endswith(_url_isian(tw))
    expect(operator.page.locator(".kotak-peringatan")).to_contain_text(catatan)
    operator.potret("isian-dikembalikan", fokus=".status-isian")


def test_unduh_lkjip_docx(layar_demo: Any) -> None:
    from docx import Document

    kepala = _masuk(layar_demo, "kepala", "babel-disperindag.kepala")
    kepala.buka(f"/opd/{OPD}/laporan/{TAHUN}/")
    kepala.potret("laporan", ponsel=False)
    with kepala.page.expect_download() as info:
        kepala.page.get_by_role("button", name="Unduh Word").click()
    unduhan = info.value
    assert unduhan.suggested_filename.endswith(".docx")
    isi = unduhan.path().read_bytes()
    dokumen = Document(io.BytesIO(isi))
    teks = "\n".join(p.text for p in dokumen.paragraphs)
    teks += "\n".join(c.text for t in dokumen.tables for r in t.rows for c in r.cells)
    assert re.search(r"Dinas Perindustrian dan Perdagangan", teks, re.IGNORECASE)
    assert str(TAHUN) in teks

