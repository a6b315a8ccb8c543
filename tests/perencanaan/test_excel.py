"""The plan workbook (docs/formats/rencana.md, "Excel workbook"): lossless round trips, an edited
cell becomes one revision, errors named by cell, the two commands and the two web views."""

import io
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import include, path
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from sakip.akun.izin import Aksi
from sakip.akun.models import Peran
from sakip.core.impor import ImporGagal, baca_yaml, tanpa_lokasi
from sakip.organisasi.models import PerangkatDaerah
from sakip.perencanaan.ekspor import rencana_dokumen
from sakip.perencanaan.excel import (
    BARIS_RENSTRA,
    LEMBAR,
    MIMETYPE,
    dokumen_ke_workbook,
    workbook_ke_dokumen,
)
from sakip.perencanaan.impor import HasilImpor, rencana_impor
from sakip.perencanaan.models import DataElemen, Indikator, Node, Renstra, RevisiTarget
from sakip.perencanaan.selectors import target_berlaku
from sakip.perencanaan.views_excel import UnduhRencanaView, UnggahRencanaView
from sakip.testing.akses import KasusAkses, periksa_matriks
from sakip.testing.demo import muat_demo
from sakip.testing.dunia import Dunia

ORGANISASI = 20  # load-demo steps up to the OPD files (pemda.yaml, */opd.yaml)
DEMO = ["babel-disperindag", "ntt-disperindag"]
BABEL = "babel-disperindag"


@pytest.fixture
def organisasi(db: None) -> None:
    muat_demo(sampai=ORGANISASI)


def _demo(opd: str) -> Renstra:
    berkas = settings.SAKIP_DEMO_DIR / opd / "renstra.yaml"
    if not berkas.exists():
        pytest.skip(f"demo/{opd}/renstra.yaml belum ada")
    hasil = rencana_impor(data=baca_yaml(berkas), sumber=f"{opd}/renstra.yaml")
    assert hasil.renstra is not None
    return hasil.renstra


def _impor_xlsx(isi: bytes, sumber: str = "uji.xlsx") -> HasilImpor:
    return rencana_impor(data=workbook_ke_dokumen(isi, sumber=sumber), sumber=sumber)


def _ubah(isi: bytes, ubah: Callable[[Workbook], None]) -> bytes:
    """The workbook edited with openpyxl, as a planner edits it in Excel."""
    buku = load_workbook(io.BytesIO(isi))
    ubah(buku)
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def _kolom(ws: Worksheet, nama: str) -> str:
    return next(str(c.column_letter) for c in ws[1] if c.value == nama)


def _baris(ws: Worksheet, **syarat: Any) -> int:
    """The number of the first row whose columns have the given values."""
    judul = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        nilai = dict(zip(judul, (c.value for c in row), strict=False))
        if all(nilai.get(k) == v for k, v in syarat.items()):
            return int(row[0].row)
    raise AssertionError(f"tidak ada baris {syarat} di {ws.title}")


def _galat(isi: bytes) -> list[str]:
    with pytest.raises(ImporGagal) as galat:
        _impor_xlsx(isi)
    return [str(k) for k in galat.value.kesalahan]


def _cari_indikator(pohon: list[dict[str, Any]], ref: str) -> dict[str, Any]:
    for simpul in pohon:
        for ind in simpul["indikator"]:
            if ind["ref"] == ref:
                return ind  # type: ignore[no-any-return]
        try:
            return _cari_indikator(simpul["anak"], ref)
        except LookupError:
            pass
    raise LookupError(ref)


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("opd", DEMO)
def test_ekspor_workbook_impor_tanpa_kehilangan(organisasi: None, opd: str) -> None:
    renstra = _demo(opd)
    dokumen = rencana_dokumen(renstra=renstra)
    isi = dokumen_ke_workbook(dokumen)

    # The workbook reads back into the very document it was written from.
    assert tanpa_lokasi(workbook_ke_dokumen(isi, sumber="r.xlsx")) == dokumen

    # Into the same database: nothing is written.
    ulang = _impor_xlsx(isi)
    assert (ulang.dibuat, ulang.diubah, ulang.revisi_baru, ulang.peringatan) == ({}, {}, 0, [])

    # Into an empty database: the same plan, history included, comes back out.
    jumlah_revisi = RevisiTarget.objects.count()
    Renstra.objects.all().delete()
    DataElemen.objects.all().delete()
    _impor_xlsx(isi)
    assert rencana_dokumen(renstra=Renstra.objects.get(opd__slug=opd)) == dokumen
    assert RevisiTarget.objects.count() == jumlah_revisi


def test_berkas_yaml_tulisan_tangan_lewat_workbook_sama_dengan_yaml(organisasi: None) -> None:
    # A hand-written file (catatan keys, omitted defaults, no revision key) through the workbook
    # gives the same plan as the file imported directly.
    berkas = settings.SAKIP_DEMO_DIR / BABEL / "renstra.yaml"
    dari_excel = _impor_xlsx(dokumen_ke_workbook(baca_yaml(berkas))).renstra
    assert dari_excel is not None
    lewat_excel = rencana_dokumen(renstra=dari_excel)
    Renstra.objects.all().delete()
    DataElemen.objects.all().delete()
    langsung = _demo(BABEL)
    assert rencana_dokumen(renstra=langsung) == lewat_excel


def test_ubah_satu_sel_target_menjadi_satu_revisi_baru(organisasi: None) -> None:
    renstra = _demo(BABEL)
    sebelum = rencana_dokumen(renstra=renstra)
    jumlah_revisi = RevisiTarget.objects.count()
    isi = dokumen_ke_workbook(sebelum)

    def ubah(buku: Workbook) -> None:
        ws = buku["Target"]
        ws[f"{_kolom(ws, '2025')}{_baris(ws, indikator_ref='IKU1', ke=2)}"] = "22,400"

    hasil = _impor_xlsx(_ubah(isi, ubah), sumber="ubah.xlsx")

    assert (hasil.dibuat, hasil.diubah, hasil.revisi_baru) == ({}, {}, 1)
    assert RevisiTarget.objects.count() == jumlah_revisi + 1
    iku = Indikator.objects.get(renstra=renstra, ref="IKU1")
    assert target_berlaku(indikator=iku, tahun=2025).teks == "22,400"  # type: ignore[union-attr]
    # Nothing else changed: without the new revision the plan is what it was.
    sesudah = rencana_dokumen(renstra=renstra)
    baru = _cari_indikator(sesudah["pohon"], "IKU1")["revisi"].pop()
    assert sesudah == sebelum
    assert baru["target"] == {2024: "21,750", 2025: "22,400", 2026: "22,500"}
    assert "ubah.xlsx" in baru["alasan"]
    # The replaced value stays in the history.
    assert iku.revisi.filter(nilai__tahun=2025, nilai__teks="22,300").exists()


def test_baris_revisi_baru_yang_ditambahkan_pengguna(organisasi: None) -> None:
    renstra = _demo(BABEL)
    isi = dokumen_ke_workbook(rencana_dokumen(renstra=renstra))

    def tambah(buku: Workbook) -> None:
        ws = buku["Target"]
        ws.append(["IKU1", 3, "Revisi APBD-P", "2025-09-30", "Penyesuaian anggaran", "22,600",
                   None, None, None, "22,600"])

    hasil = _impor_xlsx(_ubah(isi, tambah))
    assert (hasil.dibuat, hasil.diubah, hasil.revisi_baru) == ({}, {}, 1)
    terbaru = Indikator.objects.get(renstra=renstra, ref="IKU1").revisi.order_by("-ke").first()
    assert terbaru is not None
    assert (terbaru.ke, terbaru.label, str(terbaru.tanggal), terbaru.alasan) == (
        3, "Revisi APBD-P", "2025-09-30", "Penyesuaian anggaran")
    assert {n.tahun: n.teks for n in terbaru.nilai.all()} == {2026: "22,600"}


def test_angka_yang_diketik_sebagai_bilangan(organisasi: None) -> None:
    renstra = _demo(BABEL)
    isi = dokumen_ke_workbook(rencana_dokumen(renstra=renstra))
    ws_judul: dict[str, str] = {}

    def bilangan(nilai: float | int) -> Callable[[Workbook], None]:
        def ubah(buku: Workbook) -> None:
            ws = buku["Target"]
            sel = f"{_kolom(ws, '2023')}{_baris(ws, indikator_ref='IKU1', ke=0)}"
            ws[sel] = nilai
            ws_judul["sel"] = f"Target!{sel}"
        return ubah

    # A whole number is taken exactly; a fraction has lost its typed decimals and is refused.
    dokumen = workbook_ke_dokumen(_ubah(isi, bilangan(15)), sumber="uji.xlsx")
    assert _cari_indikator(dokumen["pohon"], "IKU1")["target"][2023] == "15"
    with pytest.raises(ImporGagal) as galat:
        workbook_ke_dokumen(_ubah(isi, bilangan(15.25)), sumber="uji.xlsx")
    [kesalahan] = galat.value.kesalahan
    assert kesalahan.lokasi == ws_judul["sel"] and "format sel sebagai Teks" in kesalahan.pesan


# ---------------------------------------------------------------- located errors


def test_kesalahan_isi_disebut_dengan_selnya_dan_tidak_ada_yang_disimpan(organisasi: None) -> None:
    renstra = _demo(BABEL)
    isi = dokumen_ke_workbook(rencana_dokumen(renstra=renstra))
    jumlah = (Node.objects.count(), Indikator.objects.count(), RevisiTarget.objects.count())
    sel: dict[str, str] = {}

    def rusak(buku: Workbook) -> None:
        ws = buku["Indikator"]
        sel["polaritas"] = f"E{_baris(ws, ref='IKU1')}"
        ws[sel["polaritas"]] = "naik"
        ws = buku["Target"]
        sel["angka"] = f"G{_baris(ws, indikator_ref='IKU1', ke=0)}"  # 2023
        ws[sel["angka"]] = "1.2.3"
        sel["revisi"] = f"I{_baris(ws, indikator_ref='IKU1', ke=2)}"  # 2025 of a revision
        ws[sel["revisi"]] = "abc"
        ws = buku["Renstra"]
        ws[f"B{_baris(ws, kunci='opd')}"] = "dinas-tidak-ada"

    pesan = _galat(_ubah(isi, rusak))

    harapan = [
        f"Indikator!{sel['polaritas']}: harus salah satu dari kualitatif, negatif, positif, rentang",
        f"Target!{sel['angka']}: '1.2.3'",
        f"Target!{sel['revisi']}: ",
        "Renstra!B2: OPD 'dinas-tidak-ada' tidak dikenal",
    ]
    for h in harapan:
        assert any(p.startswith(h) for p in pesan), f"tidak ada: {h}\n" + "\n".join(pesan)
    assert (Node.objects.count(), Indikator.objects.count(), RevisiTarget.objects.count()) == jumlah


def test_kesalahan_struktur_buku_kerja(organisasi: None) -> None:
    renstra = _demo(BABEL)
    isi = dokumen_ke_workbook(rencana_dokumen(renstra=renstra))

    def rusak(buku: Workbook) -> None:
        pohon = buku["Pohon"]
        pohon[f"B{_baris(pohon, ref='P1')}"] = "X9"
        # K1.1 ↔ P2 point at each other: neither reaches the top.
        pohon[f"B{_baris(pohon, ref='K1.1')}"] = "P2"
        pohon[f"B{_baris(pohon, ref='P2')}"] = "K1.1"
        indikator = buku["Indikator"]
        indikator[f"D{_baris(indikator, ref='IKU1')}"] = 22.3  # a fraction typed into a text column
        indikator[f"B{_baris(indikator, ref='IP1.1')}"] = "IKU1"
        buku["Strategi"]["B2"] = "taktik"
        buku["Target"][f"B{_baris(buku['Target'], indikator_ref='IKU1', ke=2)}"] = 7

    pesan = _galat(_ubah(isi, rusak))

    # Rows as in the export: Pohon T1, S1, P1, K1.1 (rows 2–5), P2 row 13; Indikator IT1.1, IKU1,
    # IP1.1 (rows 2–4); Target IT1.1, IKU1 ke 0–2, IP1.1 (rows 2–6).
    assert [p.split(";")[0] for p in pesan] == [
        "Indikator!D3: angka 22.3 tersimpan sebagai bilangan pecahan Excel, desimalnya tidak dapat dipastikan",
        "Pohon!B4: induk_ref 'X9' tidak ada di kolom ref lembar Pohon",
        "Pohon!B5: induk_ref berputar: K1.1 → P2 → K1.1",
        "Pohon!B13: induk_ref berputar: P2 → K1.1 → P2",
        "Strategi!B2: jenis harus salah satu dari strategi, arah_kebijakan (tertulis 'taktik')",
        "Indikator!B4: ref indikator 'IKU1' ganda (juga di Indikator!B3)",
        "Target!A6: 'IP1.1' tidak ada di kolom ref lembar Indikator",
        "Target!B5: ke untuk indikator 'IKU1' harus 0, 1, 2, … tanpa loncatan atau ganda (tertulis [0, 1, 7])",
    ]


def test_lembar_atau_kolom_yang_hilang(organisasi: None) -> None:
    isi = dokumen_ke_workbook(rencana_dokumen(renstra=_demo(BABEL)))

    def rusak(buku: Workbook) -> None:
        buku["Crosscutting"]["A1"] = "simpul"  # the simpul_ref column is gone
        del buku["Nasional"]
        del buku["Petunjuk"]  # instructions only: not required

    with pytest.raises(ImporGagal) as galat:
        workbook_ke_dokumen(_ubah(isi, rusak), sumber="uji.xlsx")
    assert [(k.lokasi, k.pesan.split(";")[0]) for k in galat.value.kesalahan] == [
        ("Crosscutting!1:1", "kolom 'simpul_ref' tidak ada di baris judul (baris 1)"),
        ("Nasional", "lembar 'Nasional' tidak ada"),
    ]


def test_berkas_bukan_xlsx() -> None:
    with pytest.raises(ImporGagal) as galat:
        workbook_ke_dokumen(b"bukan excel", sumber="rencana.xlsx")
    assert galat.value.kesalahan[0].lokasi == "rencana.xlsx"


def test_berkas_yaml_tetap_disebut_dengan_jalurnya(organisasi: None) -> None:
    # The workbook locations are additive: a YAML document still gets file › path locations.
    dokumen = baca_yaml(settings.SAKIP_DEMO_DIR / BABEL / "renstra.yaml")
    dokumen["pohon"][0]["indikator"][0]["polaritas"] = "naik"
    with pytest.raises(ImporGagal) as galat:
        rencana_impor(data=dokumen, sumber="renstra.yaml")
    assert [k.lokasi for k in galat.value.kesalahan] == ["renstra.yaml › pohon[1] › indikator[1] › polaritas"]


# ---------------------------------------------------------------- the workbook itself


def test_buku_kerja_dapat_diisi_perencana(organisasi: None) -> None:
    buku = load_workbook(io.BytesIO(dokumen_ke_workbook(rencana_dokumen(renstra=_demo(BABEL)))))
    assert buku.sheetnames == ["Petunjuk", *(lembar.nama for lembar in LEMBAR)]
    ws = buku["Indikator"]
    assert ws.freeze_panes == "C2" and ws["A1"].font.b and ws["A1"].fill.fgColor.rgb.endswith("1F5F8B")
    daftar = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert daftar[f"{_kolom(ws, 'polaritas')}2:{_kolom(ws, 'polaritas')}1048576"] == \
        '"positif,negatif,rentang,kualitatif"'
    # Numbers are text cells in the Indonesian form, so "17,500" keeps its three decimals.
    target = buku["Target"]
    sel = target[f"{_kolom(target, 'target_akhir')}{_baris(target, indikator_ref='IKU1', ke=0)}"]
    assert (sel.value, sel.data_type, sel.number_format) == ("17,500", "s", "@")


def test_dokumentasi_menyebut_setiap_lembar_dan_kolom() -> None:
    teks = (Path(__file__).resolve().parents[2] / "docs" / "formats" / "rencana.md").read_text(encoding="utf-8")
    bagian = teks.split("## Excel workbook", 1)[1]
    hilang = [f"### {lembar.nama}" for lembar in LEMBAR if f"### {lembar.nama}" not in bagian]
    hilang += [f"{lembar.nama}.{k.nama}" for lembar in LEMBAR for k in lembar.kolom if f"`{k.nama}`" not in bagian]
    hilang += [f"Renstra kunci {k.nama}" for k in BARIS_RENSTRA if f"`{k.nama}`" not in bagian]
    assert not hilang


# ---------------------------------------------------------------- commands


@pytest.mark.parametrize("akhiran", [".xlsx", ".yaml"])
def test_perintah_ekspor_lalu_impor(organisasi: None, tmp_path: Path, akhiran: str) -> None:
    dokumen = rencana_dokumen(renstra=_demo(BABEL))
    berkas = tmp_path / f"rencana{akhiran}"
    call_command("export-plan", BABEL, str(berkas), "--tahun-awal", "2023", stdout=io.StringIO())
    if akhiran == ".yaml":
        # The same document, dates in ISO form.
        assert yaml.safe_load(berkas.read_text(encoding="utf-8")) == dokumen
    Renstra.objects.all().delete()
    DataElemen.objects.all().delete()

    keluaran = io.StringIO()
    call_command("import-plan", str(berkas), stdout=keluaran)

    assert "baru: 1 renstra" in keluaran.getvalue()
    assert rencana_dokumen(renstra=Renstra.objects.get(opd__slug=BABEL)) == dokumen


def test_perintah_impor_gagal_menyebut_setiap_sel(organisasi: None, tmp_path: Path) -> None:
    renstra = _demo(BABEL)
    berkas = tmp_path / "rusak.xlsx"

    def rusak(buku: Workbook) -> None:
        buku["Indikator"][f"E{_baris(buku['Indikator'], ref='IKU1')}"] = "naik"
        buku["Target"]["G3"] = "1.2.3"

    berkas.write_bytes(_ubah(dokumen_ke_workbook(rencana_dokumen(renstra=renstra)), rusak))
    jumlah = RevisiTarget.objects.count()
    with pytest.raises(CommandError) as galat:
        call_command("import-plan", str(berkas), stdout=io.StringIO())
    pesan = str(galat.value)
    assert "tidak ada yang disimpan (2 kesalahan)" in pesan
    assert "Indikator!E3: harus salah satu dari" in pesan and "Target!G3: '1.2.3'" in pesan
    assert RevisiTarget.objects.count() == jumlah


def test_perintah_ekspor_menolak_yang_tidak_ada(organisasi: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="tidak dikenal"):
        call_command("export-plan", "tidak-ada", str(tmp_path / "r.xlsx"))
    with pytest.raises(CommandError, match="belum mempunyai Renstra mulai 2019"):
        call_command("export-plan", BABEL, str(tmp_path / "r.xlsx"), "--tahun-awal", "2019")
    with pytest.raises(CommandError, match="akhiran"):
        call_command("export-plan", BABEL, str(tmp_path / "r.csv"))


# ---------------------------------------------------------------- web views

# The views are mounted by sakip/perencanaan/urls.py; these tests mount them on their own so they
# check the views alone (the pages around them — layout, menus — come from the project's URLs).
URLCONF = types.ModuleType("uji_excel_urls")
URLCONF.urlpatterns = [  # type: ignore[attr-defined]
    path("uji/<slug:opd>/unduh/", UnduhRencanaView.as_view()),
    path("uji/<slug:opd>/unggah/", UnggahRencanaView.as_view()),
    path("", include("sakip.urls")),
]


@pytest.fixture
def url_uji(settings: Any) -> None:
    settings.ROOT_URLCONF = URLCONF


def _rencana_kecil(opd: str) -> dict[str, Any]:
    return {
        "opd": opd,
        "renstra": {"nama": "Renstra Uji", "tahun_awal": 2025, "tahun_akhir": 2026},
        "pohon": [{
            "jenis": "sasaran", "ref": "S1", "uraian": "Sasaran uji",
            "indikator": [{"ref": "I1", "nama": "Indikator uji", "satuan": "%",
                           "target": {2025: "10,5", 2026: "12"}, "target_akhir": "12"}],
        }],
    }


def _unggahan(isi: bytes, nama: str = "rencana.xlsx") -> dict[str, Any]:
    return {"berkas": SimpleUploadedFile(nama, isi, content_type=MIMETYPE)}


def _klien(dunia: Dunia, peran: Peran, pemda: str = "a") -> Client:
    client = Client()
    client.force_login((dunia.pengguna_a if pemda == "a" else dunia.pengguna_b)[peran])
    return client


def test_operator_mengunggah_dan_mengunduh(dunia: Dunia, url_uji: None) -> None:
    opd = dunia.opd_a1.slug
    client = _klien(dunia, Peran.OPERATOR)

    response = client.post(f"/uji/{opd}/unggah/", _unggahan(dokumen_ke_workbook(_rencana_kecil(opd))))

    assert response.status_code == 302 and response["Location"] == f"/opd/{opd}/rencana/"
    pesan = [str(m) for m in get_messages(response.wsgi_request)]
    assert pesan == ["Rencana diimpor dari rencana.xlsx: baru: 1 renstra, 1 simpul, 1 indikator; "
                     "diubah: tidak ada; revisi target baru: 1"]
    renstra = Renstra.objects.get(opd=dunia.opd_a1)
    revisi = RevisiTarget.objects.get(indikator__renstra=renstra)
    assert revisi.dicatat_oleh == dunia.pengguna_a[Peran.OPERATOR] and revisi.sumber == "rencana.xlsx"

    unduhan = client.get(f"/uji/{opd}/unduh/?periode=2025")
    assert unduhan.status_code == 200 and unduhan["Content-Type"] == MIMETYPE
    assert unduhan["Content-Disposition"] == f'attachment; filename="rencana-{opd}-2025-2026.xlsx"'
    dibaca = tanpa_lokasi(workbook_ke_dokumen(unduhan.content, sumber="unduhan.xlsx"))
    assert dibaca == rencana_dokumen(renstra=renstra)
    assert client.get(f"/uji/{opd}/unduh/?periode=2030").status_code == 404


def test_kepala_dilarang_dan_opd_lain_tidak_terlihat(dunia: Dunia, url_uji: None) -> None:
    a1, a2 = dunia.opd_a1.slug, dunia.opd_a2.slug

    def unggah(client: Client, opd: str) -> int:
        isi = dokumen_ke_workbook(_rencana_kecil(opd))
        return int(client.post(f"/uji/{opd}/unggah/", _unggahan(isi)).status_code)

    assert unggah(_klien(dunia, Peran.KEPALA), a1) == 403
    assert unggah(_klien(dunia, Peran.OPERATOR), a2) == 404  # an OPD role sees only its OPD
    assert unggah(_klien(dunia, Peran.OPERATOR, pemda="b"), a1) == 404
    assert _klien(dunia, Peran.OPERATOR).get(f"/uji/{a1}/unggah/").status_code == 405
    assert not Renstra.objects.exists()


def test_unggahan_rusak_menampilkan_setiap_kesalahan(dunia: Dunia, url_uji: None) -> None:
    opd = dunia.opd_a1.slug
    isi = dokumen_ke_workbook(_rencana_kecil(opd))

    def rusak(buku: Workbook) -> None:
        buku["Indikator"]["E2"] = "naik"
        buku["Target"]["G2"] = "1.2.3"

    response = _klien(dunia, Peran.OPERATOR).post(f"/uji/{opd}/unggah/", _unggahan(_ubah(isi, rusak)))

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "web/unggah_galat.html"
    html = response.content.decode()
    assert "2 kesalahan" in html and "Indikator!E2" in html and "Target!G2" in html
    assert not Renstra.objects.exists()


def test_unggahan_untuk_opd_lain_ditolak(dunia: Dunia, url_uji: None) -> None:
    # The permission was checked on the page's OPD: a workbook naming another OPD must not write it.
    isi = dokumen_ke_workbook(_rencana_kecil(dunia.opd_a2.slug))
    response = _klien(dunia, Peran.OPERATOR).post(f"/uji/{dunia.opd_a1.slug}/unggah/", _unggahan(isi))
    assert response.status_code == 200
    [kesalahan] = response.context["kesalahan"]
    assert kesalahan.lokasi == "Renstra!B2" and dunia.opd_a2.slug in kesalahan.pesan
    assert not Renstra.objects.exists()


def test_unggahan_bukan_xlsx_ditolak(dunia: Dunia, url_uji: None) -> None:
    client = _klien(dunia, Peran.OPERATOR)
    url = f"/uji/{dunia.opd_a1.slug}/unggah/"
    tanpa_berkas = client.post(url, {})
    assert tanpa_berkas.context["kesalahan"][0].lokasi == "berkas"
    yaml_ = client.post(url, _unggahan(b"opd: x", nama="rencana.yaml"))
    assert "hanya buku kerja Excel .xlsx" in yaml_.context["kesalahan"][0].pesan


def test_matriks_izin(dunia: Dunia, url_uji: None) -> None:
    for opd in (dunia.opd_a1, dunia.opd_a2, dunia.opd_b1):
        rencana_impor(data=_rencana_kecil(opd.slug), sumber="uji")

    def unggahan(opd: PerangkatDaerah) -> dict[str, Any]:
        return _unggahan(dokumen_ke_workbook(_rencana_kecil(opd.slug)))

    kasus = [
        KasusAkses("unduh rencana", lambda opd: f"/uji/{opd.slug}/unduh/", Aksi.LIHAT, sukses=(200,)),
        # Only a redirect is success: the error page (200) would hide a failed import.
        KasusAkses("unggah rencana", lambda opd: f"/uji/{opd.slug}/unggah/", Aksi.UBAH_RENCANA,
                   method="post", data=unggahan, sukses=(302,)),
    ]
    # 2 views × (anonymous + 6 roles × 3 OPDs)
    assert periksa_matriks(dunia, kasus) == 2 * (1 + len(Peran) * 3)
