"""The LKjIP PDF: cache keyed by the Word document's SHA-256, background render with a waiting page,
failure and restart handling, pruning, the frozen final document, the command.

LibreOffice is replaced by a counting fake (`Pengubah`) and the background thread by a queue the
test runs when it chooses (`Antrean`): nothing here depends on timing. The real conversion is
tested in test_dokumen.py and, through the browser, in tests/browser/test_pdf_latar.py.
"""

import hashlib
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from io import BytesIO, StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from sakip.akun.models import Keanggotaan, Peran, User
from sakip.alur.layanan import dokumen_finalkan
from sakip.alur.models import DokumenTahunan
from sakip.laporan.dokumen import pdf_latar
from sakip.laporan.dokumen import pdf_tembolok as tembolok
from sakip.laporan.dokumen.pdf import TAHAP_NOMOR_HALAMAN, TAHAP_TATA_LETAK, PdfGagal
from sakip.laporan.dokumen.render import MIMETYPE_PDF, WAKTU_ZIP, render_lkjip, zip_tetap
from sakip.laporan.layanan import narasi_simpan
from sakip.testing import kueri

TAHUN = 2025
NAMA_PDF = "lkjip-babel-disperindag-2025.pdf"


class Pengubah:
    """Stands in for LibreOffice: counts calls, reports both stages, returns a PDF naming the
    document it was given. `saat_tahap` runs inside the render (to look at the page meanwhile)."""

    def __init__(self) -> None:
        self.panggilan: list[bytes] = []
        self.galat: Exception | None = None
        self.saat_tahap: Callable[[], None] | None = None

    def __call__(self, isi: bytes, *, kemajuan: Callable[[str], None] | None = None) -> bytes:
        self.panggilan.append(isi)
        if self.galat is not None:
            raise self.galat
        for tahap in (TAHAP_TATA_LETAK, TAHAP_NOMOR_HALAMAN):
            if kemajuan:
                kemajuan(tahap)
            if tahap == TAHAP_TATA_LETAK and self.saat_tahap:
                self.saat_tahap()
        return b"%PDF-1.7 palsu " + hashlib.sha256(isi).hexdigest().encode()


class Antrean:
    """The background runner of the tests: keeps each job until `jalankan()`."""

    def __init__(self) -> None:
        self.kerja: list[Callable[[], None]] = []

    def __call__(self, kerja: Callable[[], None]) -> None:
        self.kerja.append(kerja)

    def jalankan(self) -> int:
        n = len(self.kerja)
        while self.kerja:
            self.kerja.pop(0)()
        return n


@pytest.fixture
def simpanan(settings: Any, tmp_path: Path) -> Path:
    settings.SAKIP_LKJIP_PDF_CACHE = str(tmp_path / "cache")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "cache"


@pytest.fixture
def pengubah(monkeypatch: pytest.MonkeyPatch, simpanan: Path) -> Pengubah:
    palsu = Pengubah()
    monkeypatch.setattr(pdf_latar, "docx_ke_pdf", palsu)
    monkeypatch.setattr(pdf_latar, "soffice", lambda: "soffice")
    return palsu


@pytest.fixture
def antrean(monkeypatch: pytest.MonkeyPatch) -> Antrean:
    a = Antrean()
    monkeypatch.setattr(pdf_latar, "PELAKSANA", a)
    return a


@pytest.fixture
def langsung(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_latar, "PELAKSANA", lambda kerja: kerja())


def _klien(opd: Any, peran: Peran = Peran.OPERATOR) -> Client:
    user = User.objects.create_user(username=f"uji-pdf-{peran.value}", password="x", nama="Uji PDF")
    Keanggotaan.objects.create(user=user, peran=peran, pemda=opd.pemda,
                               opd=opd if peran in (Peran.OPERATOR, Peran.KEPALA) else None)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def operator(babel: Any) -> Client:
    return _klien(babel)


def _url_pdf(opd: Any) -> str:
    return reverse("laporan:lkjip-unduh", args=[opd.slug, TAHUN, "pdf"])


def _sha(opd: Any) -> str:
    return hashlib.sha256(render_lkjip(opd, TAHUN)[2]).hexdigest()


def _isi(r: Any) -> bytes:
    return b"".join(r.streaming_content) if r.streaming else r.content


# ------------------------------------------------------------------------- reproducible Word


def test_zip_tetap_menghapus_waktu_simpan() -> None:
    def paket(waktu: tuple[int, ...]) -> bytes:
        keluaran = BytesIO()
        with zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as z:
            for nama, isi in (("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")):
                z.writestr(zipfile.ZipInfo(nama, date_time=waktu), isi, zipfile.ZIP_DEFLATED)
        return keluaran.getvalue()

    a, b = paket((2025, 1, 2, 3, 4, 6)), paket((2026, 7, 8, 9, 10, 12))
    assert a != b and zip_tetap(a) == zip_tetap(b)
    with zipfile.ZipFile(BytesIO(zip_tetap(a))) as z:
        assert z.read("word/document.xml") == b"<w:document/>"
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in z.infolist())


def test_docx_lkjip_sama_untuk_data_sama(babel: Any) -> None:
    isi = render_lkjip(babel, TAHUN)[2]
    with zipfile.ZipFile(BytesIO(isi)) as z:
        assert {i.date_time for i in z.infolist()} == {WAKTU_ZIP}
    assert render_lkjip(babel, TAHUN)[2] == isi


# ------------------------------------------------------------------------------ cache hit


def test_klik_kedua_dari_simpanan_tanpa_libreoffice(babel: Any, operator: Client, pengubah: Pengubah,
                                                    langsung: None, simpanan: Path) -> None:
    r = operator.get(_url_pdf(babel))  # rendered at once by the synchronous runner, then served
    assert r.status_code == 200 and r["Content-Type"] == MIMETYPE_PDF
    assert f'filename="{NAMA_PDF}"' in r["Content-Disposition"] and r["Content-Disposition"].startswith("attachment")
    sha = _sha(babel)
    assert _isi(r) == b"%PDF-1.7 palsu " + sha.encode()
    assert (simpanan / str(babel.pk) / str(TAHUN) / f"{sha}.pdf").exists()
    assert len(pengubah.panggilan) == 1
    r = operator.get(_url_pdf(babel))
    assert r.status_code == 200 and _isi(r) == b"%PDF-1.7 palsu " + sha.encode()
    assert f'filename="{NAMA_PDF}"' in r["Content-Disposition"]
    assert len(pengubah.panggilan) == 1  # LibreOffice not started again


def test_laporan_berubah_pdf_baru_dan_simpanan_dipangkas(babel: Any, operator: Client, pengubah: Pengubah,
                                                         langsung: None, simpanan: Path, settings: Any) -> None:
    settings.SAKIP_LKJIP_PDF_SIMPAN = 1
    operator.get(_url_pdf(babel))
    sha_lama = _sha(babel)
    narasi_simpan(opd=babel, tahun=TAHUN, kunci="faktor_penghambat", teks="Cuaca ekstrem.", oleh=None, versi=None)
    sha_baru = _sha(babel)
    assert sha_baru != sha_lama
    r = operator.get(_url_pdf(babel))
    assert _isi(r) == b"%PDF-1.7 palsu " + sha_baru.encode()
    assert len(pengubah.panggilan) == 2
    folder = simpanan / str(babel.pk) / str(TAHUN)
    assert sorted(p.name for p in folder.glob("*.pdf")) == [f"{sha_baru}.pdf"]  # only the newest one kept


# ------------------------------------------------------------------- miss → waiting → done


def test_belum_ada_halaman_tunggu_lalu_unduh(babel: Any, operator: Client, pengubah: Pengubah,
                                             antrean: Antrean) -> None:
    sha = _sha(babel)
    url_status = reverse("laporan:lkjip-pdf", args=[babel.slug, TAHUN, sha])
    url_berkas = reverse("laporan:lkjip-pdf-berkas", args=[babel.slug, TAHUN, sha])
    r = operator.get(_url_pdf(babel))
    assert r.status_code == 302 and r["Location"] == url_status
    assert len(antrean.kerja) == 1 and pengubah.panggilan == []

    html = operator.get(url_status).content.decode()
    assert "PDF sedang dibuat…" in html and "Menunggu giliran" in html
    assert f'hx-get="{url_status}" hx-trigger="every 2s" hx-swap="outerHTML"' in html
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in html  # without JavaScript
    assert f'<a href="{url_status}">muat ulang</a>' in html
    assert reverse("laporan:lkjip-unduh", args=[babel.slug, TAHUN, "docx"]) in html  # Word meanwhile

    # A second click (or a second tab) joins the render: no second job.
    assert operator.get(_url_pdf(babel))["Location"] == url_status
    assert len(antrean.kerja) == 1
    assert operator.get(url_berkas)["Location"] == url_status  # not ready yet

    dilihat: list[str] = []
    pengubah.saat_tahap = lambda: dilihat.append(
        operator.get(url_status, HTTP_HX_REQUEST="true").content.decode())
    assert antrean.jalankan() == 1
    assert len(pengubah.panggilan) == 1
    assert "Tahap 1 dari 2" in dilihat[0] and 'value="1" max="3"' in dilihat[0] and "<html" not in dilihat[0]

    fragmen = operator.get(url_status, HTTP_HX_REQUEST="true").content.decode()
    assert "PDF siap" in fragmen and "hx-trigger" not in fragmen  # polling stops
    assert f'href="{url_berkas}" x-init="$el.click()"' in fragmen  # the download starts by itself
    halaman = operator.get(url_status).content.decode()
    assert "PDF siap" in halaman and NAMA_PDF in halaman and "x-init=\"$el.click()\"" not in halaman
    assert 'http-equiv="refresh"' not in halaman

    r = operator.get(url_berkas)
    assert r.status_code == 200 and r["Content-Type"] == MIMETYPE_PDF
    assert f'filename="{NAMA_PDF}"' in r["Content-Disposition"]
    assert _isi(r) == b"%PDF-1.7 palsu " + sha.encode()
    assert len(pengubah.panggilan) == 1


def test_halaman_tunggu_jumlah_query(babel: Any, operator: Client, pengubah: Pengubah, antrean: Antrean,
                                     django_assert_num_queries: Any) -> None:
    operator.get(_url_pdf(babel))
    url_status = reverse("laporan:lkjip-pdf", args=[babel.slug, TAHUN, _sha(babel)])
    operator.get(url_status)  # warm the session and content-type caches
    # The poll: session + user + memberships (kueri.SESI_DAN_IZIN) and the OPD (1); the state is
    # read from the cache folder, not the database.
    with django_assert_num_queries(kueri.SESI_DAN_IZIN + 1):
        assert "PDF sedang dibuat" in operator.get(url_status, HTTP_HX_REQUEST="true").content.decode()
    # The whole page adds the base layout's menu and the operator's inbox count.
    with django_assert_num_queries(kueri.SESI_DAN_IZIN + 1 + kueri.NAVIGASI + kueri.TUGAS):
        operator.get(url_status)
    antrean.jalankan()
    with django_assert_num_queries(kueri.SESI_DAN_IZIN + 1):
        assert "PDF siap" in operator.get(url_status, HTTP_HX_REQUEST="true").content.decode()


# -------------------------------------------------------------------------------- failures


def test_libreoffice_gagal_pesan_dan_coba_lagi(babel: Any, operator: Client, pengubah: Pengubah,
                                               antrean: Antrean) -> None:
    pengubah.galat = PdfGagal("LibreOffice gagal membuat PDF: Error: source file could not be loaded.")
    url_status = operator.get(_url_pdf(babel))["Location"]
    antrean.jalankan()
    html = operator.get(url_status).content.decode()
    assert "PDF gagal dibuat" in html and "hx-trigger" not in html
    assert "LibreOffice gagal membuat PDF: Error: source file could not be loaded." in html
    assert reverse("laporan:lkjip-unduh", args=[babel.slug, TAHUN, "docx"]) in html  # Word stays offered
    assert f'href="{_url_pdf(babel)}">Coba lagi' in html
    # "Coba lagi" is the same click: a new render starts and this time succeeds.
    pengubah.galat = None
    assert operator.get(_url_pdf(babel))["Location"] == url_status
    antrean.jalankan()
    assert len(pengubah.panggilan) == 2
    assert "PDF siap" in operator.get(url_status).content.decode()


def test_kesalahan_tak_terduga_tidak_menggantung(babel: Any, operator: Client, pengubah: Pengubah,
                                                 antrean: Antrean) -> None:
    pengubah.galat = OSError("disk penuh")
    url_status = operator.get(_url_pdf(babel))["Location"]
    antrean.jalankan()
    html = operator.get(url_status).content.decode()
    assert "PDF gagal dibuat" in html and pdf_latar.PESAN_TAK_TERDUGA in html
    assert not tembolok.entri(babel.pk, TAHUN, _sha(babel)).kunci.exists()  # the lock is released


def test_tanpa_libreoffice_kembali_dengan_pesan(babel: Any, operator: Client, simpanan: Path, antrean: Antrean,
                                                settings: Any) -> None:
    settings.SAKIP_SOFFICE = "/tidak/ada/soffice"
    r = operator.get(_url_pdf(babel))
    assert r.status_code == 302 and r["Location"] == reverse("laporan:konten", args=[babel.slug, TAHUN])
    assert any("LibreOffice ('/tidak/ada/soffice') tidak ditemukan" in str(m) for m in r.wsgi_request._messages)
    assert antrean.kerja == [] and not list(simpanan.glob("*/*/*.kunci"))  # nothing started


def test_server_mati_saat_membuat(babel: Any, operator: Client, pengubah: Pengubah, antrean: Antrean,
                                  settings: Any) -> None:
    url_status = operator.get(_url_pdf(babel))["Location"]
    antrean.kerja.clear()  # the process died with its thread: the lock stays behind
    e = tembolok.entri(babel.pk, TAHUN, _sha(babel))
    assert e.kunci.exists() and "PDF sedang dibuat" in operator.get(url_status).content.decode()
    # No heartbeat for longer than SAKIP_SOFFICE_TIMEOUT + 120 s: taken for dead.
    settings.SAKIP_SOFFICE_TIMEOUT = 10
    lama = time.time() - 131
    os.utime(e.kunci, (lama, lama))
    html = operator.get(url_status).content.decode()
    assert "PDF gagal dibuat" in html and "server dimulai ulang" in html
    # The next click takes the lock over and renders.
    operator.get(_url_pdf(babel))
    assert antrean.jalankan() == 1 and len(pengubah.panggilan) == 1
    assert "PDF siap" in operator.get(url_status).content.decode()


def test_proses_pemegang_kunci_sudah_tiada(simpanan: Path) -> None:
    e = tembolok.entri(1, TAHUN, "a" * 64)
    assert tembolok.klaim(e, nama="x.pdf")
    assert not tembolok.klaim(e, nama="x.pdf")  # a second click: the render is taken
    assert tembolok.status(e).keadaan == tembolok.Keadaan.PROSES
    mati = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    host = e.kunci.read_text().split()[0]
    e.kunci.write_text(f"{host} {int(mati.stdout)}")  # a worker of this host that has exited
    assert tembolok.status(e).keadaan == tembolok.Keadaan.GAGAL
    assert tembolok.klaim(e, nama="x.pdf")


def test_kunci_hanya_dilepas_pemiliknya(simpanan: Path) -> None:
    # Our render was judged dead and another took the hash over: our end must not remove its lock.
    e = tembolok.entri(1, TAHUN, "b" * 64)
    assert tembolok.klaim(e, nama="x.pdf")
    e.kunci.write_text("host-lain 1 token-lain")
    tembolok.lepas(e)
    assert e.kunci.read_text() == "host-lain 1 token-lain"
    # A lock of our own is removed.
    e.kunci.unlink()
    assert tembolok.klaim(e, nama="x.pdf")
    tembolok.lepas(e)
    assert not e.kunci.exists()


def test_kunci_macet_diambil_alih_sekali(simpanan: Path) -> None:
    e = tembolok.entri(1, TAHUN, "c" * 64)
    assert tembolok.klaim(e, nama="x.pdf")
    lama = time.time() - tembolok.batas_macet() - 10
    os.utime(e.kunci, (lama, lama))  # its heartbeat stopped: dead
    assert tembolok.klaim(e, nama="x.pdf")  # taken over …
    assert not tembolok.klaim(e, nama="x.pdf")  # … by one caller only: the new lock is live
    assert [p.name for p in e.folder.iterdir() if ".basi-" in p.name] == []


def test_pelaksana_gagal_tidak_meninggalkan_kunci(babel: Any, operator: Client, pengubah: Pengubah,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def gagal(kerja: Callable[[], None]) -> None:
        raise RuntimeError("thread tidak dapat dimulai")

    monkeypatch.setattr(pdf_latar, "PELAKSANA", gagal)
    with pytest.raises(RuntimeError):
        pdf_latar.lkjip_pdf_minta(opd=babel, tahun=TAHUN)
    assert not list(Path(tembolok.akar()).rglob("*.kunci"))


def test_sha_dengan_baris_baru_ditolak(babel: Any, operator: Client) -> None:
    url = reverse("laporan:lkjip-pdf", args=[babel.slug, TAHUN, "a" * 64 + "\n"])
    assert operator.get(url).status_code == 404


# ---------------------------------------------------------------------------------- pruning


def test_pangkas_simpan_terbaru_dan_dokumen_final(simpanan: Path) -> None:
    folder = simpanan / "7" / str(TAHUN)
    sha = [f"{i:064x}" for i in range(5)]
    for i, s in enumerate(sha):
        e = tembolok.entri(7, TAHUN, s)
        tembolok.simpan(e, b"%PDF", nama="x.pdf")
        waktu = time.time() - 1000 + i  # sha[4] newest
        os.utime(e.pdf, (waktu, waktu))
    gagal = tembolok.entri(7, TAHUN, "f" * 64)
    tembolok.klaim(gagal, nama="x.pdf")
    tembolok.tandai_gagal(gagal, "rusak")
    tembolok.lepas(gagal)
    terhapus = tembolok.pangkas(folder, tetap={sha[0]}, jumlah=2)
    assert terhapus == [sha[1], sha[2]]  # a fresh failure stays, so its page can say why
    assert sorted(p.stem for p in folder.glob("*.pdf")) == sorted([sha[0], sha[3], sha[4]])
    assert not (folder / f"{sha[1]}.json").exists()
    lama = time.time() - tembolok.UMUR_GAGAL - 1
    os.utime(gagal.meta, (lama, lama))
    assert tembolok.pangkas(folder, tetap={sha[0]}, jumlah=2) == ["f" * 64]


def test_pdf_opd_lain_tidak_terlihat(babel: Any, ntt: Any, pengubah: Pengubah, langsung: None) -> None:
    pdf_latar.lkjip_pdf_minta(opd=babel, tahun=TAHUN)
    sha = _sha(babel)
    assert pdf_latar.lkjip_pdf_status(opd=babel, tahun=TAHUN, sha=sha).keadaan == tembolok.Keadaan.SIAP
    assert pdf_latar.lkjip_pdf_status(opd=ntt, tahun=TAHUN, sha=sha).keadaan == tembolok.Keadaan.TIDAK_ADA
    client = _klien(ntt)
    assert client.get(reverse("laporan:lkjip-pdf-berkas", args=[ntt.slug, TAHUN, sha])).status_code == 302
    html = client.get(reverse("laporan:lkjip-pdf", args=[ntt.slug, TAHUN, sha])).content.decode()
    assert "PDF tidak tersedia" in html
    assert client.get(reverse("laporan:lkjip-pdf", args=[ntt.slug, TAHUN, ".." + sha[2:]])).status_code == 404
    assert client.get(reverse("laporan:lkjip-pdf", args=[ntt.slug, TAHUN, sha.upper()])).status_code == 404


# ---------------------------------------------------------------------- final (frozen) LKjIP


@pytest.fixture
def kepala(babel: Any) -> User:
    user = User.objects.create_user(username="uji-pdf-kepala", password="x", nama="Kepala")
    Keanggotaan.objects.create(user=user, peran=Peran.KEPALA, pemda=babel.pemda, opd=babel)
    return user


def test_lkjip_final_memakai_berkas_beku(babel: Any, kepala: User, pengubah: Pengubah, langsung: None) -> None:
    dok = dokumen_finalkan(opd=babel, tahun=TAHUN, jenis="lkjip", oleh=kepala)
    # The frozen file differs from what a fresh render would give now (here: another layout),
    # so the test tells the two apart.
    beku = render_lkjip(babel, TAHUN, template="ntt")[2]
    assert beku != render_lkjip(babel, TAHUN)[2]
    dok.berkas.save(dok.nama_berkas, ContentFile(beku), save=False)
    dok.sha256 = hashlib.sha256(beku).hexdigest()
    dok.save()

    client = Client()
    client.force_login(kepala)
    r = client.get(reverse("laporan:lkjip-unduh", args=[babel.slug, TAHUN, "docx"]))
    assert r.content == beku
    r = client.get(_url_pdf(babel))
    assert _isi(r) == b"%PDF-1.7 palsu " + dok.sha256.encode()  # keyed by the stored checksum
    assert pengubah.panggilan == [beku]
    # A frozen file that no longer matches its checksum is refused, with the reason.
    DokumenTahunan.objects.filter(pk=dok.pk).update(sha256="0" * 64)
    r = client.get(_url_pdf(babel))
    assert r.status_code == 302 and any("checksum" in str(m) for m in r.wsgi_request._messages)


def test_pangkas_tidak_menghapus_pdf_dokumen_final(babel: Any, kepala: User, pengubah: Pengubah, langsung: None,
                                                   settings: Any, simpanan: Path) -> None:
    settings.SAKIP_LKJIP_PDF_SIMPAN = 1
    dok = dokumen_finalkan(opd=babel, tahun=TAHUN, jenis="lkjip", oleh=kepala)
    pdf_latar.lkjip_pdf_minta(opd=babel, tahun=TAHUN)
    # A newer PDF of the same OPD-year (another template, from the command) prunes to one — but
    # the final document's PDF is kept besides.
    pdf_latar.lkjip_pdf_langsung(opd=babel, tahun=TAHUN, template="ntt")
    folder = simpanan / str(babel.pk) / str(TAHUN)
    ntt = hashlib.sha256(pengubah.panggilan[-1]).hexdigest()
    assert len(pengubah.panggilan) == 2 and ntt != dok.sha256
    assert sorted(p.stem for p in folder.glob("*.pdf")) == sorted([dok.sha256, ntt])


# ---------------------------------------------------------------------------------- command


def test_perintah_pdf_memakai_simpanan(babel: Any, pengubah: Pengubah, tmp_path: Path) -> None:
    def jalankan(*opsi: str) -> str:
        keluar = StringIO()
        call_command("lkjip", babel.slug, str(TAHUN), "--format", "pdf", "-o", str(tmp_path / "a.pdf"), *opsi,
                     stdout=keluar)
        return keluar.getvalue()

    assert "dari simpanan" not in jalankan() and len(pengubah.panggilan) == 1
    assert (tmp_path / "a.pdf").read_bytes() == b"%PDF-1.7 palsu " + _sha(babel).encode()
    assert f"{NAMA_PDF} →" in jalankan() and "dari simpanan" in jalankan()
    assert len(pengubah.panggilan) == 1
    assert "dari simpanan" not in jalankan("--tanpa-simpanan") and len(pengubah.panggilan) == 2
    jalankan("--template", "ntt")  # another document, its own key
    assert len(pengubah.panggilan) == 3
