"""The checker over the loaded demo: every known inconsistency of the seeds that the data keep is
reported (DOMAIN §6), the command's output and exit code, the page and its query count."""

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from sakip.akun.models import Keanggotaan, Peran, User
from sakip.laporan.pemeriksaan import Temuan, periksa_opd
from sakip.organisasi.models import PerangkatDaerah
from sakip.testing import kueri
from sakip.testing.akses import periksa_matriks
from sakip.testing.dunia import Dunia
from sakip.testing.kasus_laporan_periksa import kasus

HARI = dt.date(2026, 11, 23)  # every 2024/2025 quarter is due


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    from sakip.testing.demo import muat_demo

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        with transaction.atomic():
            muat_demo()
            yield
            transaction.set_rollback(True)


def temuan(slug: str, tahun: int) -> list[Temuan]:
    return periksa_opd(opd=PerangkatDaerah.objects.get(slug=slug), tahun=tahun, hari_ini=HARI).temuan


def ringkas(daftar: list[Temuan], kode: str) -> list[tuple[str, str]]:
    return [(t.lokasi.teks, t.pesan) for t in daftar if t.kode == kode]


@pytest.mark.django_db
def test_babel_2025_tw_iv_beda_tahunan(demo: None) -> None:
    # lkjip-2025 Tabel II.6 and II.8: TW IV 22,150 / 16,550 against annual 22,300 / 16,700, in
    # both revisions (the induk is consistent: 16,750 / 13,550).
    hasil = [(t.lokasi.teks, t.data["target_tw4"], t.data["target"])
             for t in temuan("babel-disperindag", 2025) if t.kode == "TW_IV_BEDA_TAHUNAN"]
    assert hasil == [
        ("PK 2025 Perubahan Kesatu, target triwulan, indikator 'Nilai Lapangan Usaha Industri Pengolahan', TW IV",
         "22.150", "22.300"),
        ("PK 2025 Perubahan Kesatu, target triwulan, indikator 'Nilai Lapangan Usaha Perdagangan', TW IV",
         "16.550", "16.700"),
        ("PK 2025 Perubahan Kedua, target triwulan, indikator 'Nilai Lapangan Usaha Industri Pengolahan', TW IV",
         "22.150", "22.300"),
        ("PK 2025 Perubahan Kedua, target triwulan, indikator 'Nilai Lapangan Usaha Perdagangan', TW IV",
         "16.550", "16.700"),
    ]


@pytest.mark.django_db
def test_babel_2025_target_triwulan_salah_ketik(demo: None) -> None:
    # lkjip-2025 Tabel II.4: TW III printed "9,7005" between 6,500 and 13,550.
    assert ringkas(temuan("babel-disperindag", 2025), "PRESISI_TIDAK_SERAGAM") == [
        ("PK 2025 Induk, target triwulan, indikator 'Nilai Lapangan Usaha Perdagangan', TW III",
         "Target TW III (9,7005) ditulis dengan 4 desimal, target triwulan lain 3 desimal; periksa salah ketik."),
    ]


@pytest.mark.django_db
def test_babel_2025_total_aset(demo: None) -> None:
    # lkjip-2025 Tabel I.2: the group total "5.719.50.296,82" is not a number, and the printed
    # totals are Rp 47.550.000 short of their rows.
    daftar = temuan("babel-disperindag", 2025)
    assert [(t.lokasi.baris, t.data) for t in daftar if t.kode == "ANGKA_TERCETAK_TIDAK_VALID"] == [
        ("kelompok Gedung dan bangunan", {"tercetak": "5.719.50.296,82", "dihitung": "5719508296.82"})]
    assert [(t.lokasi.baris, t.data["tercetak"], t.data["dihitung"]) for t in daftar
            if t.kode == "TOTAL_TERCETAK_BEDA"] == [
        ("jumlah", "24724560984.32", "24772110984.32"),
        ("kelompok Peralatan dan mesin", "18064140081.50", "18111690081.50"),
    ]


@pytest.mark.django_db
def test_babel_2025_faktor_penghambat_kosong(demo: None) -> None:
    # lkjip-2025 has no "faktor penghambat" section at OPD level.
    assert [t.data["bagian"] for t in temuan("babel-disperindag", 2025) if t.kode == "NARASI_KOSONG"] == [
        "faktor_penghambat"]


@pytest.mark.django_db
def test_babel_2025_iku_lengkap(demo: None) -> None:
    # The IKU have realisation, evidence and narratives for every quarter of the PK: nothing to report.
    daftar = temuan("babel-disperindag", 2025)
    iku = {"Nilai Lapangan Usaha Industri Pengolahan", "Nilai Lapangan Usaha Perdagangan"}
    assert not [t for t in daftar if t.lokasi.indikator in iku and t.kode in (
        "REALISASI_KOSONG", "BUKTI_KOSONG", "NARASI_INDIKATOR_KOSONG", "TARGET_DI_BAWAH_REALISASI_LALU")]


@pytest.mark.django_db
def test_ntt_2024_target_di_bawah_realisasi_lalu(demo: None) -> None:
    # lkip-2024: 2024 targets 1,3 and 12,5 against 2023 realisations 1,31 and 12,52 (DOMAIN §6).
    hasil = [(t.lokasi.indikator, t.data["target"], t.data["realisasi_lalu"])
             for t in temuan("ntt-disperindag", 2024) if t.kode == "TARGET_DI_BAWAH_REALISASI_LALU"]
    assert hasil == [
        ("Persentase kontribusi sektor industri pengolahan terhadap PDRB", "1.3", "1.31"),
        ("Persentase kontribusi sektor perdagangan terhadap PDRB", "12.5", "12.52"),
    ]


@pytest.mark.django_db
def test_ntt_2024_perubahan_pk_tanpa_berita_acara(demo: None) -> None:
    assert ringkas(temuan("ntt-disperindag", 2024), "PK_PERUBAHAN_TANPA_BERITA_ACARA") == [
        ("PK 2024 Perubahan Kesatu", "Perubahan PK tanpa nomor Berita Acara.")]


@pytest.mark.django_db
def test_tahun_dasar_tanpa_galat_target(demo: None) -> None:
    # 2023 is the base year of NTT's 2024–2026 Renstra: no targets to miss.
    assert not [t for t in temuan("ntt-disperindag", 2023) if t.kode.startswith("TARGET")]


@pytest.mark.django_db
def test_perintah_json_dan_kode_keluar(demo: None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as keluar:
        call_command("periksa", "babel-disperindag", "2025", "--json")
    assert keluar.value.code == 1  # errors exist
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "sakip-periksa/1"
    assert data["opd"] == "babel-disperindag" and data["tahun"] == 2025
    assert data["jumlah"]["galat"] == sum(1 for t in data["temuan"] if t["tingkat"] == "galat") >= 4
    tw4 = next(t for t in data["temuan"] if t["kode"] == "TW_IV_BEDA_TAHUNAN")
    assert tw4["data"]["target_tw4"] == "22.150"  # plain string, no Indonesian notation
    assert tw4["lokasi"]["triwulan"] == 4 and tw4["perbaikan"]


@pytest.mark.django_db
def test_perintah_teks_tanpa_galat_keluar_nol(demo: None, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("periksa", "babel-dkukm", "2024")  # no SystemExit: no errors
    assert "0 galat" in capsys.readouterr().out


@pytest.mark.django_db
def test_perintah_opd_tidak_dikenal(demo: None) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="tidak dikenal"):
        call_command("periksa", "tidak-ada", "2025")


def _pembaca(opd: PerangkatDaerah) -> Client:
    user = User.objects.create_user(username="pembaca-periksa", password="x")
    Keanggotaan.objects.create(user=user, peran=Peran.PEMBACA, pemda=opd.pemda)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_halaman_demo_dan_jumlah_query(demo: None, django_assert_num_queries: object) -> None:
    opd = PerangkatDaerah.objects.get(slug="babel-disperindag")
    client = _pembaca(opd)
    url = reverse("laporan:periksa", args=[opd.slug, 2025])
    # Page, 7: session, user, memberships, OPD, Renstra years, and base.html's menu (the user's
    # OPDs and Pemdas; a reader has no workflow inbox to count). Checker, 32: entry windows, Renstra, indicators, targets, results, realisation,
    # evidence, narratives, data elements, element values (10); PK versions, PK rows, pk_periksa
    # once per version (3 here); Rencana Aksi; anggaran_opd_tahun (4); node names; PK budget;
    # konten_laporan (10). None grows with the number of indicators (next test).
    # kueri.JENDELA: the entry windows are read once the workflow app is installed.
    with django_assert_num_queries(38 + kueri.JENDELA):  # type: ignore[operator]
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Target TW IV (22,150) tidak sama dengan target tahunan (22,300)" in html
    assert "PK 2025 Perubahan Kesatu, target triwulan, indikator &#x27;Nilai Lapangan Usaha Industri Pengolahan&#x27;, TW IV" in html
    # A fix link where the page exists (the report's narrative editor), none where it doesn't.
    assert reverse("laporan:narasi-ubah", args=[opd.slug, 2025, "faktor_penghambat"]) in html
    assert reverse("laporan:periksa", args=[opd.slug, 2024]) in html  # year selector


@pytest.mark.django_db
def test_jumlah_query_tidak_tumbuh_dengan_indikator(dunia: Dunia, django_assert_num_queries: object) -> None:
    from sakip.perencanaan.models import Indikator

    kasus(dunia)  # a minimal plan in each OPD
    client = Client()
    client.force_login(dunia.pengguna_a[Peran.OPERATOR])
    url = reverse("laporan:periksa", args=[dunia.opd_a1.slug, 2025])
    client.get(url)
    ind = Indikator.objects.get(renstra__opd=dunia.opd_a1)
    for i in range(2, 7):
        Indikator.objects.create(renstra=ind.renstra, node=ind.node, ref=f"I{i}", nama=f"Indikator {i}")
    # Page 8 (as above, plus the operator's workflow inbox count in the menu); checker 18: the 10 plan/measurement reads, PK versions (none: no rows,
    # no pk_periksa, no PK budget), Rencana Aksi, budget (4), node names, report content (1: none).
    with django_assert_num_queries(24 + kueri.TUGAS + kueri.JENDELA):  # type: ignore[operator]
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_matriks_izin(dunia: Dunia) -> None:
    assert periksa_matriks(dunia, kasus(dunia)) == 1 + 6 * 3
