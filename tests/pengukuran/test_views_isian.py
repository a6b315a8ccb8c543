"""The realisation entry page: the grid, saving a row through htmx, errors that keep the typed
input, conflicts between stale forms, evidence, and the page's query count."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sakip.akun.models import Keanggotaan, Peran, User
from sakip.alur.layanan import triwulan_ajukan, triwulan_kembalikan
from sakip.audit.layanan import KonflikVersi
from sakip.audit.models import Jejak
from sakip.pengukuran.layanan import realisasi_simpan
from sakip.pengukuran.models import Bukti, HasilCapaian, IsianTriwulan, NilaiDataElemen, Realisasi
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


def _url_simpan(r: Rencana, ind: Indikator, tw: int = TW) -> str:
    return reverse("pengukuran:simpan", args=[r.opd.slug, TH, tw, ind.pk])


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


def _tambah_indikator(r: Rencana, n: int, tw: int) -> None:
    for i in range(n):
        ind = Indikator.objects.create(renstra=r.renstra, node=r.program, ref=f"X{i}", nama=f"Tambahan {i}", urutan=10 + i)
        rv = RevisiTarget.objects.create(indikator=ind, ke=0, label="Awal")
        NilaiTarget.objects.create(revisi=rv, tahun=TH, teks="10")
        realisasi_simpan(indikator=ind, tahun=TH, triwulan=tw, nilai=D(i), narasi={"upaya": "x"}, oleh=None)
        realisasi_simpan(indikator=ind, tahun=TH, triwulan=0, nilai=D(i + 1), oleh=None)  # a year value too
        Bukti.objects.create(opd=r.opd, indikator=ind, tahun=TH, triwulan=tw, jenis="tautan", url="https://contoh.go.id")


@pytest.mark.parametrize("tw", [TW, 4])
def test_jumlah_query_halaman_isian_tetap(rencana: Rencana, dunia: Dunia, django_assert_num_queries, tw: int) -> None:  # type: ignore[no-untyped-def]
    c = _klien(dunia.pengguna_a[Peran.OPERATOR])
    url = reverse("pengukuran:isian", args=[rencana.opd.slug, TH, tw])
    c.get(url)
    # session + user (2), memberships (1, then cached for the request), the OPD (1); the grid
    # (pengukuran.isian): plan, indicators, workflow status, entry window, PK version, results,
    # direct values (the quarter's and the year's, one query), data element definitions and
    # values, narratives, evidence, versions (quarter and year, one query), roll-ups (13; no PK
    # here, so no PK rows to read); the navigation's OPD and Pemda lists and the badge count (3):
    # 20. TW IV shows the year's value as an input, the other quarters as a note: the same 20.
    with django_assert_num_queries(20):
        pertama = c.get(url)
    _tambah_indikator(rencana, 6, tw)
    with django_assert_num_queries(20):  # ten indicators instead of four, six with a year value
        kedua = c.get(url)
    assert pertama.content.decode().count('<article class="isian') == 4
    html = kedua.content.decode()
    assert html.count('<article class="isian') == 10
    # The year values were read (not merely queried): as inputs on TW IV, as a note elsewhere.
    if tw == 4:
        assert html.count('name="tahunan"') == 10 and re.search(r'name="tahunan" value="6(,0+)?"', html)
    else:
        assert 'name="tahunan"' not in html and html.count("diisi langsung (di TW IV)") == 6


# ------------------------------------------------------------- the year's value (TW IV) and fallbacks


def _artikel(html: str, ind: Indikator) -> str:
    awal = html.index(f'id="ind-{ind.pk}"')
    return html[awal: html.index("</article>", awal)]


def _capaian(artikel: str, judul: str) -> str:
    """The capaian chip under a heading of the row's capaian column ("TW IV", "Tahun 2025")."""
    m = re.search(rf'{judul}</span>\s*<span class="capaian[^"]*"[^>]*>([^<]+)</span>', artikel)
    assert m, f"capaian {judul} tidak ada"
    return m.group(1)


def _isi_tw_i_iii(r: Rencana, oleh: User) -> None:
    # lkjip-2025 IKU1 quarters: 5,830 + 6,170 + 6,080 (+ 6,612 at TW IV) = 24,692
    for tw, v in ((1, "5.830"), (2, "6.170"), (3, "6.080")):
        realisasi_simpan(indikator=r.iku_langsung, tahun=TH, triwulan=tw, nilai=D(v), oleh=oleh)


def test_nilai_tahunan_di_tw4_dipakai_capaian_tahun_lalu_dikosongkan(rencana: Rencana, dunia: Dunia) -> None:
    operator = dunia.pengguna_a[Peran.OPERATOR]
    _isi_tw_i_iii(rencana, operator)
    c = _klien(operator)
    ind = rencana.iku_langsung
    halaman = c.get(reverse("pengukuran:isian", args=[rencana.opd.slug, TH, 4])).content.decode()
    assert _input(_artikel(halaman, ind), "tahunan") == "" and _input(halaman, "versi-tahunan") == "0"
    r = c.post(_url_simpan(rencana, ind, 4),
               {"versi": "0", "nilai": "6,612", "versi-tahunan": "0", "tahunan": "22,142"}, **HX)
    html = r.content.decode()
    assert "Tersimpan." in html
    # TW IV of a summed indicator is the quarters' year: 24,692 / 22,300 = 110,73%; the year row
    # uses the value given: 22,142 / 22,300 = 99,29%.
    assert _capaian(html, "Capaian TW IV") == "110,73%" and _capaian(html, "Tahun 2025") == "99,29%"
    assert "realisasi 22,142 · diisi langsung" in html and "dari TW I–IV: 24,692" in html
    assert _input(html, "tahunan") == "22,142" and _input(html, "versi-tahunan") == "1"
    assert Realisasi.objects.get(indikator=ind, tahun=TH, triwulan=0).nilai == D("22.142")
    tahun = HasilCapaian.objects.get(indikator=ind, tahun=TH, triwulan=0)
    assert tahun.realisasi == D("22.142") and tahun.teks == "99,29%"
    assert tahun.jejak.startswith("realisasi tahunan diisi langsung = 22,142 (dari triwulan: 24,692)")
    assert IsianTriwulan.objects.get(indikator=ind, tahun=TH, triwulan=0).versi == 1
    assert IsianTriwulan.objects.get(indikator=ind, tahun=TH, triwulan=4).versi == 1
    # The OPD roll-up (an IKU) moved with it: sent out of band.
    assert 'id="rollup-opd" hx-swap-oob="true"' in html
    # Other quarters show it as a note, not as an input.
    tw2 = c.get(reverse("pengukuran:isian", args=[rencana.opd.slug, TH, 2])).content.decode()
    assert 'name="tahunan"' not in tw2 and "realisasi 22,142 · diisi langsung (di TW IV)" in _artikel(tw2, ind)
    # Cleared: the year is the quarters' again; the quarter itself did not change (no new version).
    r = c.post(_url_simpan(rencana, ind, 4), {"versi": "1", "nilai": "6,612", "versi-tahunan": "1", "tahunan": "",
                                                "awal-tahunan": "22,142"}, **HX)
    html = r.content.decode()
    assert _capaian(html, "Tahun 2025") == "110,73%" and "· diisi langsung" not in html
    assert not Realisasi.objects.filter(indikator=ind, tahun=TH, triwulan=0).exists()
    assert HasilCapaian.objects.get(indikator=ind, tahun=TH, triwulan=0).teks == "110,73%"
    assert IsianTriwulan.objects.get(indikator=ind, tahun=TH, triwulan=0).versi == 2
    assert IsianTriwulan.objects.get(indikator=ind, tahun=TH, triwulan=4).versi == 1
    j = Jejak.objects.filter(objek_label__startswith="Realisasi IKU1 tahunan 2025").first()
    assert j.perubahan["realisasi"] == {"label": "Realisasi", "lama": "22.142", "baru": ""}


def test_nilai_tahunan_salah_tampil_di_bidangnya_dan_tidak_ada_yang_tersimpan(rencana: Rencana, dunia: Dunia) -> None:
    c = _klien(dunia.pengguna_a[Peran.OPERATOR])
    ind = rencana.iku_langsung
    r = c.post(_url_simpan(rencana, ind, 4), {"versi": "0", "nilai": "6,612", "versi-tahunan": "0", "tahunan": "22.1"}, **HX)
    html = r.content.decode()
    assert f'aria-describedby="ind-{ind.pk}-tahunan-galat"' in html and "gunakan koma untuk desimal" in html
    assert _input(html, "tahunan") == "22.1" and _input(html, "nilai") == "6,612"  # typed input kept
    assert not Realisasi.objects.filter(indikator=ind, tahun=TH).exists()


def test_nilai_tahunan_label_kualitatif(rencana: Rencana, dunia: Dunia) -> None:
    ind = Indikator.objects.create(renstra=rencana.renstra, node=rencana.program, ref="Q1", nama="Opini BPK",
                                   urutan=9, polaritas="kualitatif", skala_kualitatif="opini-bpk")
    NilaiTarget.objects.create(revisi=RevisiTarget.objects.create(indikator=ind, ke=0, label="Awal"), tahun=TH, teks="WTP")
    c = _klien(dunia.pengguna_a[Peran.OPERATOR])
    halaman = _artikel(c.get(reverse("pengukuran:isian", args=[rencana.opd.slug, TH, 4])).content.decode(), ind)
    assert f'<select id="ind-{ind.pk}-tahunan" name="tahunan"' in halaman and "Realisasi tahun 2025 diisi langsung</summary>" in halaman
    assert "Nilai setahun (label)" in halaman
    # A label outside the scale is refused by the service: shown at the year's field, and the
    # quarter's label typed in the same form is not saved either (one button, one transaction).
    html = c.post(_url_simpan(rencana, ind, 4), {"versi": "0", "label": "WDP", "versi-tahunan": "0", "tahunan": "Baik"},
                  **HX).content.decode()
    assert re.search(r'id="ind-\d+-tahunan-galat" role="alert">Label &#x27;Baik&#x27; tidak ada dalam skala', html)
    assert not Realisasi.objects.filter(indikator=ind).exists()
    html = c.post(_url_simpan(rencana, ind, 4), {"versi": "0", "label": "WDP", "versi-tahunan": "0", "tahunan": "WTP"},
                  **HX).content.decode()
    assert "Tersimpan." in html and _capaian(html, "Tahun 2025") == "100,00%"
    assert Realisasi.objects.get(indikator=ind, tahun=TH, triwulan=0).label == "WTP"
    assert HasilCapaian.objects.get(indikator=ind, tahun=TH, triwulan=4).realisasi_teks == "WDP"
    assert HasilCapaian.objects.get(indikator=ind, tahun=TH, triwulan=0).realisasi_teks == "WTP"


def test_nilai_tahunan_formulir_basi_tidak_menulis_apa_pun(rencana: Rencana, dunia: Dunia) -> None:
    kedua = User.objects.create_user(username="operator-dua", password="x", first_name="Sri", last_name="Rahayu")
    Keanggotaan.objects.create(user=kedua, peran=Peran.OPERATOR, pemda=dunia.pemda_a, opd=dunia.opd_a1)
    ind = rencana.iku_langsung
    c1, c2 = _klien(kedua), _klien(dunia.pengguna_a[Peran.OPERATOR])
    assert "Tersimpan." in c1.post(_url_simpan(rencana, ind, 4), {"versi": "0", "nilai": "", "versi-tahunan": "0",
                                                                   "tahunan": "22,142"}, **HX).content.decode()
    jejak = Jejak.objects.count()
    # c2 opened the page before: both rows at version 0. Its TW IV value is refused with the year's.
    r = c2.post(_url_simpan(rencana, ind, 4), {"versi": "0", "nilai": "6,612", "versi-tahunan": "0", "tahunan": "20"}, **HX)
    html = r.content.decode()
    assert re.search(r"Realisasi tahunan: Data ini telah diubah oleh Sri Rahayu pada \d\d-\d\d-\d{4} \d\d\.\d\d", html)
    assert _input(html, "tahunan") == "20" and _input(html, "nilai") == "6,612"  # own input kept
    assert _input(html, "versi-tahunan") == "1"  # saving again is a deliberate overwrite
    assert Realisasi.objects.get(indikator=ind, tahun=TH, triwulan=0).nilai == D("22.142")
    assert not Realisasi.objects.filter(indikator=ind, tahun=TH, triwulan=4).exists()
    assert not IsianTriwulan.objects.filter(indikator=ind, tahun=TH, triwulan=4).exists()
    assert Jejak.objects.count() == jejak


def test_nilai_tahunan_ikut_status_tw4(rencana: Rencana, dunia: Dunia) -> None:
    operator = dunia.pengguna_a[Peran.OPERATOR]
    ind = rencana.iku_langsung
    realisasi_simpan(indikator=ind, tahun=TH, triwulan=0, nilai=D("22.142"), oleh=operator)
    triwulan_ajukan(opd=rencana.opd, tahun=TH, triwulan=4, oleh=operator)
    c = _klien(operator)
    halaman = c.get(reverse("pengukuran:isian", args=[rencana.opd.slug, TH, 4])).content.decode()
    artikel = _artikel(halaman, ind)
    assert "Data TW IV 2025 sedang diajukan" in halaman
    assert f'id="ind-{ind.pk}-tahunan" name="tahunan" value="22,142" readonly' in artikel and "Simpan</button>" not in artikel
    # A page left open before the submission: refused with the same message, nothing written.
    html = c.post(_url_simpan(rencana, ind, 4), {"versi": "0", "versi-tahunan": "1", "tahunan": "20"}, **HX).content.decode()
    assert "Data TW IV 2025 sedang diajukan (menunggu verifikasi) dan tidak dapat diubah" in html
    assert Realisasi.objects.get(indikator=ind, tahun=TH, triwulan=0).nilai == D("22.142")
    # Returned: it may change again, with a reason (TW IV was submitted), shown at the reason's input.
    triwulan_kembalikan(opd=rencana.opd, tahun=TH, triwulan=4, oleh=dunia.pengguna_a[Peran.VERIFIKATOR], catatan="cek")
    html = c.post(_url_simpan(rencana, ind, 4), {"versi": "0", "versi-tahunan": "1", "tahunan": "20", "alasan": ""},
                  **HX).content.decode()
    assert re.search(r'id="ind-\d+-alasan-galat" role="alert">Alasan perubahan wajib diisi karena data TW IV 2025', html)
    # Without JavaScript: back to the page, with the same message.
    r = c.post(_url_simpan(rencana, ind, 4), {"versi": "0", "versi-tahunan": "1", "tahunan": "20"}, follow=True)
    assert "Alasan perubahan wajib diisi karena data TW IV 2025" in r.content.decode()
    html = c.post(_url_simpan(rencana, ind, 4), {"versi": "0", "versi-tahunan": "1", "tahunan": "20",
                                                  "alasan": "Rilis BPS final"}, **HX).content.decode()
    assert "Tersimpan." in html
    assert Jejak.objects.filter(objek_label__startswith="Realisasi IKU1 tahunan 2025").first().alasan == "Rilis BPS final"


def test_nilai_cadangan_rumus_dipakai_bila_data_kosong(rencana: Rencana, dunia: Dunia) -> None:
    c = _klien(dunia.pengguna_a[Peran.OPERATOR])
    ind = rencana.rasio  # a_kali_dua / b * 100, target 90
    artikel = _artikel(c.get(reverse("pengukuran:isian", args=[rencana.opd.slug, TH, TW])).content.decode(), ind)
    assert '<details class="bidang-cadangan">' in artikel  # folded while empty
    assert "Nilai langsung (cadangan)</summary>" in artikel
    assert "Dipakai hanya bila data rumus triwulan ini belum diisi" in artikel
    assert 'name="tahunan"' not in artikel  # the year's value is entered on TW IV only
    kosong = {"data-a": "", "data-b": "", "awal-a": "", "awal-b": ""}
    html = c.post(_url_simpan(rencana, ind), {"versi": "0", **kosong, "nilai": "85,5"}, **HX).content.decode()
    # No data: the fallback is the quarter's realisation, 85,5 / 90 = 95,00%.
    assert "Tersimpan." in html and _capaian(html, "Capaian TW II") == "95,00%"
    assert "Sekarang dipakai." in html and _input(html, "nilai") == "85,50"
    assert '<details class="bidang-cadangan" open>' in html  # a value is never hidden
    assert "nilai langsung 85,50 (data rumus belum diisi)" in HasilCapaian.objects.get(indikator=ind, tahun=TH, triwulan=TW).jejak
    assert Realisasi.objects.get(indikator=ind, tahun=TH, triwulan=TW).nilai == D("85.5")
    # The data arrive (a = 45 → a_kali_dua = 90, b = 100 → 90): the formula wins, the fallback stays.
    html = c.post(_url_simpan(rencana, ind), {"versi": "1", **kosong, "data-a": "45", "data-b": "100", "nilai": "85,50"},
                  **HX).content.decode()
    assert _capaian(html, "Capaian TW II") == "100,00%" and "Sekarang tidak dipakai: rumus sudah terhitung." in html
    # Cleared with bad input elsewhere in the form: nothing saved, the error at its own field.
    html = c.post(_url_simpan(rencana, ind), {"versi": "2", "data-a": "45", "data-b": "100", "awal-a": "45",
                                              "awal-b": "100", "nilai": "1.5"}, **HX).content.decode()
    assert f'aria-describedby="ind-{ind.pk}-nilai-galat"' in html
    assert Realisasi.objects.get(indikator=ind, tahun=TH, triwulan=TW).nilai == D("85.5")


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


def test_id_dan_versi_besar_tanpa_pemisah_ribuan(rencana: Rencana, dunia: Dunia) -> None:
    # USE_THOUSAND_SEPARATOR would print 12345 as "12.345": hx-target="#ind-12.345" selects nothing
    # and a posted version "1.500" is not a number. Ids and versions are written plain.
    salinan = Indikator.objects.get(pk=rencana.dokumen.pk)
    salinan.pk, salinan.ref = 12345, "X9"
    salinan.save(force_insert=True)
    IsianTriwulan.objects.create(opd=rencana.opd, indikator=rencana.dokumen, tahun=TH, triwulan=TW, versi=1500)
    c = _klien(dunia.pengguna_a[Peran.OPERATOR])
    halaman = c.get(reverse("pengukuran:isian", args=[rencana.opd.slug, TH, TW])).content.decode()
    assert 'id="ind-12345"' in halaman and 'hx-target="#ind-12345"' in halaman and "12.345" not in halaman
    assert 'name="versi" value="1500"' in halaman
    r = c.post(_url_simpan(rencana, rencana.dokumen), {"versi": "1500", "nilai": "6"}, **HX)
    assert "Tersimpan." in r.content.decode() and _input(r.content.decode(), "versi") == "1501"


def test_simpan_triwulan_tidak_menyentuh_nilai_tahunan(rencana: Rencana, dunia: Dunia) -> None:
    # A label stored as typed in another case ("wtp", from a script before labels were stored in
    # the scale's spelling) is shown selected; saving only the quarter leaves the year's label alone
    # (the untouched year field is not saved), and a new label is stored as the scale spells it.
    ind = Indikator.objects.create(renstra=rencana.renstra, node=rencana.program, ref="Q2", nama="Opini BPK",
                                   urutan=9, polaritas="kualitatif", skala_kualitatif="opini-bpk")
    NilaiTarget.objects.create(revisi=RevisiTarget.objects.create(indikator=ind, ke=0, label="Awal"), tahun=TH, teks="WTP")
    Realisasi.objects.create(indikator=ind, tahun=TH, triwulan=0, label="wtp")
    c = _klien(dunia.pengguna_a[Peran.OPERATOR])
    artikel = _artikel(c.get(reverse("pengukuran:isian", args=[rencana.opd.slug, TH, 4])).content.decode(), ind)
    assert '<option value="WTP" selected>' in artikel and _input(artikel, "awal-tahunan") == "WTP"
    html = c.post(_url_simpan(rencana, ind, 4), {"versi": "0", "label": "wdp", "versi-tahunan": "0", "tahunan": "WTP",
                                                 "awal-tahunan": "WTP"}, **HX).content.decode()
    assert "Tersimpan." in html
    assert Realisasi.objects.get(indikator=ind, tahun=TH, triwulan=0).label == "wtp"  # untouched
    assert Realisasi.objects.get(indikator=ind, tahun=TH, triwulan=4).label == "WDP"  # the scale's spelling
    assert not Jejak.objects.filter(objek_label__startswith="Realisasi Q2 tahunan").exists()
