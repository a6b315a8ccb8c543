"""The full LKjIP from the demo data: Word content, numbering per Pemda template, band shading,
empty-section markers, query count, command, download view and the PDF path."""

import shutil
from collections.abc import Iterator
from io import BytesIO, StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from sakip.laporan.dokumen.konteks import lkjip_konteks
from sakip.laporan.dokumen.render import MIMETYPE_DOCX, render_lkjip
from sakip.organisasi.models import PerangkatDaerah
from sakip.testing.akses import periksa_matriks
from sakip.testing.kasus_laporan_dokumen import kasus


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """Every demo file loaded once for the module (plans, realisation, PK, budget, report content),
    rolled back at its end; each test runs in a savepoint."""
    from sakip.testing.demo import muat_demo

    with django_db_blocker.unblock():
        with transaction.atomic():
            muat_demo()
            yield
            transaction.set_rollback(True)


def _opd(slug: str) -> PerangkatDaerah:
    return PerangkatDaerah.objects.select_related("pemda").get(slug=slug)


@pytest.fixture
def babel(demo: None, db: None) -> PerangkatDaerah:
    return _opd("babel-disperindag")


@pytest.fixture
def ntt(demo: None, db: None) -> PerangkatDaerah:
    return _opd("ntt-disperindag")


@pytest.fixture(scope="module")
def docx_babel(demo: None, django_db_blocker: Any) -> Any:
    with django_db_blocker.unblock():
        return Document(BytesIO(render_lkjip(_opd("babel-disperindag"), 2025)[2]))


@pytest.fixture(scope="module")
def docx_ntt(demo: None, django_db_blocker: Any) -> Any:
    with django_db_blocker.unblock():
        return Document(BytesIO(render_lkjip(_opd("ntt-disperindag"), 2024)[2]))


def _teks(dok: Any) -> str:
    bagian = [p.text for p in dok.paragraphs]
    for tabel in dok.tables:
        for baris in tabel.rows:
            bagian.append(" | ".join(sel.text for sel in baris.cells))
    return "\n".join(bagian)


def _tabel_setelah(dok: Any, keterangan: str) -> Any:
    """The table that follows the caption starting with `keterangan`."""
    body = dok.element.body
    gaya = dok.styles["Keterangan Tabel"].style_id
    ketemu = False
    for el in body.iterchildren():
        ps = el.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if (el.tag == qn("w:p") and ps is not None and ps.get(qn("w:val")) == gaya
                and "".join(t.text or "" for t in el.iter(qn("w:t"))).startswith(keterangan)):
            ketemu = True
        elif ketemu and el.tag == qn("w:tbl"):
            return next(t for t in dok.tables if t._tbl is el)
    raise AssertionError(f"tabel '{keterangan}' tidak ditemukan")


def _baris(tabel: Any) -> list[list[str]]:
    return [[sel.text for sel in r.cells] for r in tabel.rows]


def _warna_sel(sel: Any) -> str:
    shd = sel._tc.tcPr.find(qn("w:shd"))
    return shd.get(qn("w:fill")) if shd is not None else ""


# ------------------------------------------------------------------------------------ Babel 2025


def test_babel_capaian_dengan_angka_engine_dan_warna_band(docx_babel: Any) -> None:
    tabel = _tabel_setelah(docx_babel, "Tabel III.2 Capaian Kinerja Tahun 2025")
    baris = [b for b in _baris(tabel) if "Nilai Lapangan Usaha Industri Pengolahan" in b[2]]
    assert len(baris) == 1
    # lkjip-2025 Tabel III.2: 24,692 / 22,300 = 110,73% (half-up), Sangat Baik, end target 22,500.
    assert baris[0][3:] == ["Triliun Rupiah", "14,500", "101,80%", "22,300", "24,692", "110,73%", "Sangat Baik",
                            "22,500"]
    sel = next(r.cells[9] for r in tabel.rows if r.cells[2].text.startswith("Nilai Lapangan Usaha Industri"))
    assert _warna_sel(sel) == "1B5E20"  # dark green band, white bold text
    rata = _baris(tabel)[-1]
    assert rata[8:10] == ["110,11%", "Sangat Baik"]


def test_babel_penomoran_dan_judul_template_babel(docx_babel: Any) -> None:
    teks = _teks(docx_babel)
    for keterangan in ("Tabel I.1 Jumlah Pegawai Menurut Kualifikasi Jabatan, Jenis Kelamin dan Kompetensi",
                       "Tabel II.1 Sasaran Strategis Dinas Perindustrian dan Perdagangan 2023–2026",
                       "Tabel III.1 Skala Nilai Peringkat Kinerja", "Tabel III.2 Capaian Kinerja Tahun 2025",
                       "Tabel III.3 Rumusan Indikator dan Formulasi Perhitungan",
                       "Tabel III.4 Target dan Realisasi Kinerja Tahun 2025",
                       "BAB II PERENCANAAN DAN PERJANJIAN KINERJA", "3.2 Efisiensi Anggaran",
                       "Gambar III.1 Capaian Kinerja per Indikator Tahun 2025"):
        assert keterangan in teks, keterangan
    assert "{{" not in teks and "{%" not in teks


def test_babel_target_realisasi_dan_kalimat(docx_babel: Any) -> None:
    tabel = _tabel_setelah(docx_babel, "Tabel III.4 Target dan Realisasi Kinerja Tahun 2025")
    # 2024: 21,750 / 22,142 / 101,80%; 2025: 22,300 / 24,692 / 110,73%; Renstra 2026: 22,500 → 109,74%.
    assert _baris(tabel)[-1][1:] == ["Nilai Lapangan Usaha Industri Pengolahan", "21,750", "22,142", "101,80%",
                                     "22,300", "24,692", "110,73%", "22,500", "109,74%"]
    teks = _teks(docx_babel)
    assert ("Tercapai 24,692 Triliun Rupiah dari target 22,300 Triliun Rupiah, dengan demikian persentase realisasi "
            "terhadap target sebesar 110,73% sehingga target terlampaui.") in teks
    assert "capaian tahun ini (110,73%) mengalami peningkatan sebesar 8,92 poin persen." in teks
    # National comparison (Tabel III.5): 24,692 / 4.541,5 × 100%.
    assert "memberikan kontribusi sebesar 0,54% terhadap nilai nasional (4.541,5)" in teks
    # Worked computation of a supporting program (lkjip-2025 §3.1.1).
    assert "TW IV: (24.374 − 23.479) / 23.479 × 100% = 3,81%" in teks


def test_babel_pk_anggaran_dan_konten(docx_babel: Any) -> None:
    teks = _teks(docx_babel)
    # Every PK version with its quarterly targets.
    assert "Tabel II.6 Perjanjian Kinerja Kepala Dinas Perindustrian dan Perdagangan Induk" in teks
    assert "Perubahan Kedua" in teks and "22,300 | 4,000 | 8,000 | 16,500 | 22,150" in teks
    # Tabel III.6-like budget per sasaran: 1.423.857.293 / 1.239.973.027, efficiency 183.884.266.
    tabel = _tabel_setelah(docx_babel, "Tabel III.9 Anggaran dan Realisasi Belanja Langsung per Sasaran")
    assert _baris(tabel)[-1][2:] == ["1.423.857.293", "1.239.973.027", "87,09%", "183.884.266"]
    # Program structure before/after the change: total −729.246.950.
    assert "2.153.104.243 | 1.423.857.293 | -729.246.950" in teks
    # Content of engineer "konten": signatory, LHE follow-up, assets, budget vs last year.
    assert "Subekti Saputra, S.TP., M.M." in teks and "NIP. 19830729 200903 1 003" in teks
    assert "Tindak Lanjut atas Laporan Hasil Evaluasi SAKIP" in teks
    assert "5.695.798.296,82" in teks
    assert "Belanja Operasi" in teks


def test_babel_daftar_isi_dan_tabel_terisi(docx_babel: Any) -> None:
    toc = [p.text.split("\t")[0] for p in docx_babel.paragraphs if p.style.name.startswith("TOC")]
    assert "BAB III AKUNTABILITAS KINERJA" in toc
    assert any(t.startswith("Tabel III.2 Capaian Kinerja Tahun 2025") for t in toc)
    assert any(t.startswith("Gambar III.1") for t in toc)
    # Word sees real TOC fields and refreshes them on opening.
    xml = docx_babel.element.xml
    assert 'TOC \\o "1-3"' in xml and 'TOC \\h \\z \\t "Keterangan Tabel,1"' in xml
    assert len(docx_babel.inline_shapes) == 2  # capaian chart, budget absorption chart


# ------------------------------------------------------------------------------------ NTT 2024


def test_ntt_capaian_rata_rata_dan_kategori(docx_ntt: Any) -> None:
    tabel = _tabel_setelah(docx_ntt, "Tabel 3.2 Capaian Kinerja Tahun 2024")
    isi = _baris(tabel)
    assert isi[-1][8:10] == ["70,36%", "Cukup Berhasil"]  # (100 + 100 + 11,07) / 3
    ekspor = next(b for b in isi if b[2] == "Persentase peningkatan nilai ekspor")
    assert ekspor[6:10] == ["55", "6,09", "11,07%", "Belum Berhasil"]
    teks = _teks(docx_ntt)
    assert ("Dari rata-rata capaian kinerja di atas, Dinas Perindustrian dan Perdagangan mencapai 70,36% yang artinya "
            "masuk dalam kategori Cukup Berhasil.") in teks


def test_ntt_kontribusi_pdrb_dibatasi_dan_efisiensi(docx_ntt: Any) -> None:
    teks = _teks(docx_ntt)
    # lkip-2024: 1.916.311,34 / 137.282.476,24 = 1,40% against 1,3 → capped at 100%.
    assert "TW IV: 1.916.311,34 / 137.282.476,24 × 100% = 1,40%" in teks
    assert "persentase capaiannya tetap dihitung sebesar 100%." in teks
    assert "Tabel 3.3 Pencapaian Kinerja Sasaran 1 Indikator 1" in teks
    # Efficiency = 100 − absorption (lkip-2024 §3.4): APBD 89,48% absorbed, 10,52% efficiency.
    per_sumber = next(t for t in docx_ntt.tables if t.rows[0].cells[1].text == "Sumber Dana"
                      and len(t.columns) == 7)
    apbd = next(b for b in _baris(per_sumber) if b[1] == "APBD")
    assert apbd[2:] == ["20.771.496.520", "18.586.962.597", "89,48%", "2.184.533.923", "10,52%"]


def test_ntt_template_ntt_dan_bagian_kosong_terlihat(docx_ntt: Any) -> None:
    teks = _teks(docx_ntt)
    assert "RINGKASAN EKSEKUTIF" in teks and "BAB II PERENCANAAN KINERJA" in teks
    assert "1.8 Sistematika Penulisan" in teks
    # NTT prints no innovation section: the report shows the gap instead of dropping it.
    assert "[Bagian ini belum diisi: Inovasi]" in teks
    run = next(r for p in docx_ntt.paragraphs for r in p.runs if r.text == "[Bagian ini belum diisi: Inovasi]")
    assert run._r.rPr.find(qn("w:shd")).get(qn("w:fill")) == "D9D9D9"


# ------------------------------------------------------------------------------------ builder


def test_konteks_jumlah_kueri_tetap(babel: PerangkatDaerah, ntt: PerangkatDaerah,
                                    django_assert_num_queries: Any) -> None:
    # capaian this year and last year (4 + 4) + cascade with strategies, crosscutting, Pemda goals,
    # indicators, revisions, targets and national values (8) + budget (4) + PK versions, rows and
    # budget components (3) + indicator narratives and evidence (2) + report content (10, konten)
    # + head of the OPD (1) = 36, whatever the size of the plan.
    with django_assert_num_queries(36):
        lkjip_konteks(opd=babel, tahun=2025, dengan_grafik=False)
    with django_assert_num_queries(36):
        lkjip_konteks(opd=ntt, tahun=2024, dengan_grafik=False)


def test_template_pemda_dan_timpa(babel: PerangkatDaerah) -> None:
    assert babel.pemda.template_lkjip == "babel"
    _, mime, isi = render_lkjip(babel, 2025, template="default")
    teks = _teks(Document(BytesIO(isi)))
    assert mime == MIMETYPE_DOCX
    assert "Tabel 3.2 Capaian Kinerja Organisasi" not in teks  # headings are not captions
    assert "Tabel 3.2 Capaian Kinerja Tahun 2025" in teks and "BAB II PERENCANAAN KINERJA" in teks


def test_perintah_docx_dan_opd_tak_dikenal(babel: PerangkatDaerah, tmp_path: Path) -> None:
    tujuan = tmp_path / "lkjip.docx"
    keluar = StringIO()
    call_command("lkjip", "babel-disperindag", "2025", "--format", "docx", "-o", str(tujuan), stdout=keluar)
    assert "lkjip-babel-disperindag-2025.docx" in keluar.getvalue()
    assert "110,73%" in _teks(Document(str(tujuan)))
    with pytest.raises(CommandError, match="tidak dikenal"):
        call_command("lkjip", "tidak-ada", "2025", "-o", str(tmp_path / "x.docx"))


def test_pdf_tanpa_soffice_pesan_jelas(babel: PerangkatDaerah, tmp_path: Path, settings: Any) -> None:
    settings.SAKIP_SOFFICE = "/tidak/ada/soffice"
    with pytest.raises(CommandError, match="LibreOffice .* tidak ditemukan"):
        call_command("lkjip", "babel-disperindag", "2025", "--format", "pdf", "-o", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


# ------------------------------------------------------------------------------------ view


def test_matriks_izin_unduh(dunia: Any) -> None:
    assert periksa_matriks(dunia, kasus(dunia)) == 1 + 6 * 3


def test_unduh_docx_dan_pdf_gagal(babel: PerangkatDaerah, settings: Any) -> None:
    from sakip.akun.models import User

    client = Client()
    client.force_login(User.objects.get(username="babel-disperindag.operator"))
    url = reverse("laporan:lkjip-unduh", args=["babel-disperindag", 2025, "docx"])
    r = client.get(url)
    assert r.status_code == 200 and r["Content-Type"] == MIMETYPE_DOCX
    assert "lkjip-babel-disperindag-2025.docx" in r["Content-Disposition"]
    assert client.get(reverse("laporan:lkjip-unduh", args=["babel-disperindag", 2025, "odt"])).status_code == 404
    settings.SAKIP_SOFFICE = "/tidak/ada/soffice"
    r = client.get(reverse("laporan:lkjip-unduh", args=["babel-disperindag", 2025, "pdf"]), follow=False)
    assert r.status_code == 302 and r["Location"].endswith("/laporan/2025/")
    pesan = [str(m) for m in r.wsgi_request._messages]
    assert any("LibreOffice" in m and "tidak ditemukan" in m for m in pesan)


# ------------------------------------------------------------------------------------ PDF


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) tidak terpasang")
def test_pdf_babel_dengan_nomor_halaman(babel: PerangkatDaerah) -> None:
    nama, mime, isi = render_lkjip(babel, 2025, format="pdf")
    assert (nama, mime) == ("lkjip-babel-disperindag-2025.pdf", "application/pdf")
    assert isi.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext tidak terpasang: isi PDF tidak diperiksa")
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(isi)
        f.flush()
        teks = subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True, check=True).stdout.decode()
    halaman = teks.split("\f")
    daftar_isi = next(h for h in halaman if "DAFTAR ISI" in h and "BAB III AKUNTABILITAS KINERJA" in h)
    # The Daftar Isi carries page numbers: chapter I starts on page 1 of the body.
    import re

    assert re.search(r"BAB I PENDAHULUAN\.*\s*1\s*$", daftar_isi, re.MULTILINE)
    assert "110,73%" in teks and "Sangat Baik" in teks


def test_template_tersimpan_sama_dengan_skrip(tmp_path: Path) -> None:
    # The committed templates are what buat_template.py writes (reproducible; zip timestamps aside).
    import zipfile

    from sakip.laporan.dokumen.buat_template import BAB_VARIAN, buat
    from sakip.laporan.dokumen.render import FOLDER_TEMPLATE

    for nama in BAB_VARIAN:
        baru = buat(nama, tmp_path)
        for bagian in ("word/document.xml", "word/styles.xml", "word/settings.xml"):
            with zipfile.ZipFile(baru) as a, zipfile.ZipFile(FOLDER_TEMPLATE / f"{nama}.docx") as b:
                assert a.read(bagian) == b.read(bagian), f"{nama}.docx {bagian}: jalankan buat_template"
