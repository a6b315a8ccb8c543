"""The realisation entry page: the grid, saving a row through htmx, errors that keep the typed
input, conflicts between stale forms, evidence, and the page's query count."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sakip.akun.models import Keanggotaan, Peran, User
from sakip.audit.layanan import KonflikVersi
from sakip.pengukuran.layanan import realisasi_simpan
from sakip.pengukuran.models import Bukti, IsianTriwulan, NilaiDataElemen, Realisasi
from sakip.perencanaan.models import Indikator, NilaiTarget, RevisiTarget
from sakip.testing.dunia import Dunia

from .conftest import Rencana

D = Decimal
TH, TW = 2025, 2
HX = {"HTTP_HX_REQUEST": "true"}


def _klien(user: User) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _url_simpan(r: Rencana, ind: Indikator) -> str:
    return reverse("pengukuran:simpan", args=[r.opd.slug, TH, TW, ind.pk])


def _input(html: str, nama: str) -> str:
    m = re.search(rf'name="{re.escape(nama)}" value="([^"]*)"', html)
    assert m, f"input {nama} tidak ada"
    return m.group(1)


def test_simpan_baris_htmx_mengembalikan_capaian_dan_warna(rencana: Rencana, dunia: Dunia) -> None:
    c = _klien(dunia.pengguna_a[Peran.OPERATOR])
    r = c.post(_url_simpan(rencana, rencana.dokumen), {"versi": "0", "nilai": "6", "pendukung": "Rapat rutin"}, **HX)
    html = r.content.decode()
    assert r.status_code == 200 and html.lstrip().startswith('<article class="isian')
    # kumulatif count 6 of 12 by TW II → 50,00%, Sangat Rendah (red) on the Permendagri scale
    assert re.search(r'<span class="capaian" style="--warna: #[0-9a-fA-F]{6}"[^>]*>50,00%</span>', html)
    assert "Tersimpan." in html and _input(html, "versi") == "1"
    assert 'id="rollup-opd" hx-swap-oob="true"' in html  # the OPD roll-up travels along
    assert Realisasi.objects.get(indikator=rencana.dokumen, tahun=TH, triwulan=TW).nilai == D(6)
    # Indonesian numbers: a thousands dot and a decimal comma, exact.
    c.post(_url_simpan(rencana, rencana.iku_langsung), {"versi": "0", "nilai": "1.234,567"}, **HX)
    assert Realisasi.objects.get(indikator=rencana.iku_langsung, tahun=TH, triwulan=TW).nilai == D("1234.567")
    halaman = c.get(reverse("pengukuran:isian", args=[rencana.opd.slug, TH, TW])).content.decode()
    assert 'value="1.234,567"' in halaman and "Rapat rutin" in halaman


def test_angka_salah_tampil_di_baris_dan_ketikan_tetap(rencana: Rencana, dunia: Dunia) -> None:
    operator = dunia.pengguna_a[Peran.OPERATOR]
    realisasi_simpan(indikator=rencana.dokumen, tahun=TH, triwulan=TW, nilai=D(5), oleh=operator)
    c = _klien(operator)
    r = c.post(_url_simpan(rencana, rencana.dokumen), {"versi": "1", "nilai": "1.5", "upaya": "Tetap ada"}, **HX)
    html = r.content.decode()
    assert r.status_code == 200 and 'aria-invalid="true"' in html and "gunakan koma untuk desimal" in html
    assert _input(html, "nilai") == "1.5" and ">Tetap ada</textarea>" in html
    assert Realisasi.objects.get(indikator=rencana.dokumen, tahun=TH, triwulan=TW).nilai == D(5)


def test_dua_formulir_basi_tidak_saling_menimpa(rencana: Rencana, dunia: Dunia) -> None:
    pertama = dunia.pengguna_a[Peran.OPERATOR]
    kedua = User.objects.create_user(username="operator-dua", password="x", first_name="Sri", last_name="Rahayu")
    Keanggotaan.objects.create(user=kedua, peran=Peran.OPERATOR, pemda=dunia.pemda_a, opd=dunia.opd_a1)
    c1, c2 = _klien(kedua), _klien(pertama)
    url_isian = reverse("pengukuran:isian", args=[rencana.opd.slug, TH, TW])
    # Both open the page (version 0).
    for c in (c1, c2):
        assert 'name="versi" value="0"' in c.get(url_isian).content.decode()
    assert c1.post(_url_simpan(rencana, rencana.dokumen), {"versi": "0", "nilai": "5"}, **HX).status_code == 200
    r = c2.post(_url_simpan(rencana, rencana.dokumen), {"versi": "0", "nilai": "7", "upaya": "punya saya"}, **HX)
    html = r.content.decode()
    assert re.search(r"Data ini telah diubah oleh Sri Rahayu pada \d\d-\d\d-\d{4} \d\d\.\d\d setelah Anda membukanya", html)
    assert _input(html, "nilai") == "7" and ">punya saya</textarea>" in html  # own input kept
    assert Realisasi.objects.get(indikator=rencana.dokumen, tahun=TH, triwulan=TW).nilai == D(5)
    # The form now carries the current version: saving again is a deliberate overwrite.
    assert _input(html, "versi") == "1"
    c2.post(_url_simpan(rencana, rencana.dokumen), {"versi": "1", "nilai": "7"}, **HX)
    assert Realisasi.objects.get(indikator=rencana.dokumen, tahun=TH, triwulan=TW).nilai == D(7)
    assert IsianTriwulan.objects.get(indikator=rencana.dokumen, tahun=TH, triwulan=TW).versi == 2


def test_data_elemen_bersama_diubah_lewat_indikator_lain(rencana: Rencana, dunia: Dunia) -> None:
    operator = dunia.pengguna_a[Peran.OPERATOR]
    # `a` is read by IP1's formula; someone saves it through IP2's form meanwhile.
    realisasi_simpan(indikator=rencana.dokumen, tahun=TH, triwulan=TW, data={"a": D(35)}, oleh=operator)
    with pytest.raises(KonflikVersi, match="Data elemen Pembilang telah diubah oleh a-operator"):
        realisasi_simpan(indikator=rencana.rasio, tahun=TH, triwulan=TW, data={"a": D(40), "b": D(90)},
                         data_awal={"a": None, "b": None}, versi=0, oleh=operator)
    assert NilaiDataElemen.objects.get(data_elemen__kode="a", tahun=TH, triwulan=TW).nilai == D(35)
    assert not NilaiDataElemen.objects.filter(data_elemen__kode="b").exists()
    # Through the page: the form shows the current value, so it saves.
    c = _klien(operator)
    html = c.get(reverse("pengukuran:isian", args=[rencana.opd.slug, TH, TW])).content.decode()
    assert 'name="awal-a" value="35' in html
    r = c.post(_url_simpan(rencana, rencana.rasio),
               {"versi": "0", "data-a": "40", "data-b": "90", "awal-a": "35", "awal-b": ""}, **HX)
    assert "Tersimpan." in r.content.decode()
    assert NilaiDataElemen.objects.get(data_elemen__kode="a", tahun=TH, triwulan=TW).nilai == D(40)


def test_bukti_unggah_daftar_unduh_hapus(rencana: Rencana, dunia: Dunia, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    c = _klien(dunia.pengguna_a[Peran.OPERATOR])
    url = reverse("pengukuran:bukti-tambah", args=[rencana.opd.slug, TH, TW, rencana.dokumen.pk])
    pdf = SimpleUploadedFile("ba-tw2.pdf", b"%PDF-1.4 isi", content_type="application/pdf")
    html = c.post(url, {"keterangan": "Berita acara TW II", "berkas": pdf}, **HX).content.decode()
    bukti = Bukti.objects.get()
    assert "Bukti ditambahkan." in html and "Berita acara TW II" in html
    assert reverse("pengukuran:bukti-unduh", args=[rencana.opd.slug, bukti.pk]) in html
    assert "/media/" not in html  # never a direct storage link
    exe = SimpleUploadedFile("x.exe", b"MZ")
    assert "tidak diizinkan" in c.post(url, {"berkas": exe}, **HX).content.decode()
    # A reader downloads through the permission-checked view; another Pemda's user cannot.
    pembaca = _klien(dunia.pengguna_a[Peran.PEMBACA])
    r = pembaca.get(reverse("pengukuran:bukti-unduh", args=[rencana.opd.slug, bukti.pk]))
    assert r.status_code == 200 and b"".join(r.streaming_content) == b"%PDF-1.4 isi"
    lain = _klien(dunia.pengguna_b[Peran.PEMBACA])
    assert lain.get(reverse("pengukuran:bukti-unduh", args=[rencana.opd.slug, bukti.pk])).status_code == 404
    c.post(reverse("pengukuran:bukti-hapus", args=[rencana.opd.slug, bukti.pk]), **HX)
    assert not Bukti.objects.exists()


def _tambah_indikator(r: Rencana, n: int) -> None:
    for i in range(n):
        ind = Indikator.objects.create(renstra=r.renstra, node=r.program, ref=f"X{i}", nama=f"Tambahan {i}", urutan=10 + i)
        rv = RevisiTarget.objects.create(indikator=ind, ke=0, label="Awal")
        NilaiTarget.objects.create(revisi=rv, tahun=TH, teks="10")
        realisasi_simpan(indikator=ind, tahun=TH, triwulan=TW, nilai=D(i), narasi={"upaya": "x"}, oleh=None)
        Bukti.objects.create(opd=r.opd, indikator=ind, tahun=TH, triwulan=TW, jenis="tautan", url="https://contoh.go.id")


def test_jumlah_query_halaman_isian_tetap(rencana: Rencana, dunia: Dunia, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    c = _klien(dunia.pengguna_a[Peran.OPERATOR])
    url = reverse("pengukuran:isian", args=[rencana.opd.slug, TH, TW])
    c.get(url)
    # session + user (2), memberships (1, then cached for the request), the OPD (1); the grid
    # (pengukuran.isian): plan, indicators, workflow status, entry window, PK version, results,
    # direct values, data element definitions and values, narratives, evidence, versions,
    # roll-ups (13; no PK here, so no PK rows to read); the navigation's OPD and Pemda lists and
    # the badge count (3): 20.
    with django_assert_num_queries(20):
        pertama = c.get(url)
    _tambah_indikator(rencana, 6)
    with django_assert_num_queries(20):  # ten indicators instead of four: the same queries
        kedua = c.get(url)
    assert pertama.content.decode().count('<article class="isian') == 4
    assert kedua.content.decode().count('<article class="isian') == 10


@pytest.mark.django_db
def test_demo_babel_target_pk_dan_capaian(settings) -> None:  # type: ignore[no-untyped-def]
    from sakip.organisasi.models import PerangkatDaerah
    from sakip.testing.demo import muat_demo

    muat_demo(sampai=60, pola_opd="babel-disperindag")
    opd = PerangkatDaerah.objects.get(slug="babel-disperindag")
    operator = User.objects.get(keanggotaan__opd=opd, keanggotaan__peran=Peran.OPERATOR)
    html = _klien(operator).get(reverse("pengukuran:isian", args=[opd.slug, 2025, 4])).content.decode()
    iku1 = html[html.index(">IKU1<"):]
    iku1 = iku1[: iku1.index("</article>")]
    # PK Perubahan: TW IV 22,150, year 22,300 (lkjip-2025 Tabel II.9); TW IV entered 6,612.
    assert "<dd>22,150</dd>" in iku1 and "<dd>22,300</dd>" in iku1
    assert 'value="6,612"' in iku1 and ">110,73%</span>" in iku1 and "Sangat Baik" in iku1
