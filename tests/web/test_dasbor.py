"""The Pemda and OPD dashboards: what they show, who sees what, and a query count that does not
grow with the number of OPDs or indicators."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from sakip.akun.models import Peran
from sakip.kinerja.selectors import anggaran_opd_tahun
from sakip.organisasi.models import PerangkatDaerah
from sakip.pengukuran.models import HasilCapaian, HasilRollup
from sakip.testing.akses import periksa_matriks
from sakip.testing.dunia import Dunia
from sakip.testing.kasus_web import kasus
from sakip.web.selectors import dasbor_opd, pilih_periode, serapan_opd
from sakip.web.tenggat import Tenggat

from ._dasbor import TAHUN, isi_opd, klien, opd_tambahan, realisasi_per_sasaran, rencana


def test_matriks_izin_dasbor(dunia: Dunia) -> None:
    daftar = kasus(dunia)
    assert periksa_matriks(dunia, daftar) == len(daftar) * (1 + 6 * 3)


# ------------------------------------------------------------------------------- Pemda


@pytest.mark.parametrize("jumlah_opd", [2, 5])
def test_dasbor_pemda_jumlah_query_tetap(dunia: Dunia, jumlah_opd: int, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    for opd in [dunia.opd_a1, dunia.opd_a2, *opd_tambahan(dunia.pemda_a, jumlah_opd - 2)]:
        isi_opd(opd, indikator=3)
    client = klien(dunia.pengguna_a[Peran.VERIFIKATOR])
    url = reverse("pemda", args=[dunia.pemda_a.slug]) + f"?tahun={TAHUN}&tw=1"
    # session, user, memberships, Pemda (mixin); visible OPDs; years with results; OPD roll-ups;
    # IKU per band; budget lines; budget per sasaran; workflow state of the quarter; head of
    # region; nav (OPDs, Pemda, workflow inbox count) = 15 whatever the number of OPDs.
    with django_assert_num_queries(15):
        isi = client.get(url).content.decode()
    assert isi.count('href="/opd/') >= jumlah_opd


def test_dasbor_pemda_isi_dan_urutan(dunia: Dunia) -> None:
    isi_opd(dunia.opd_a1, indikator=3, nilai="9")  # 90% → Tinggi
    isi_opd(dunia.opd_a2, indikator=3, nilai="5")  # 50% → Sangat Rendah
    client = klien(dunia.pengguna_a[Peran.VERIFIKATOR])
    url = reverse("pemda", args=[dunia.pemda_a.slug])
    isi = client.get(url + f"?tahun={TAHUN}&tw=1").content.decode()
    assert "90,00%" in isi and "50,00%" in isi
    assert "Tinggi" in isi and "Sangat Rendah" in isi
    # Absorption counts leaves only: (800.000 + 450.000,25) / (1.000.000 + 500.000,50).
    assert "83,33%" in isi
    assert f'href="/opd/{dunia.opd_a1.slug}/?tahun={TAHUN}&amp;tw=1"' in isi  # drill-down keeps the period
    naik = client.get(url + f"?tahun={TAHUN}&tw=1&urut=capaian&arah=naik").content.decode()
    turun = client.get(url + f"?tahun={TAHUN}&tw=1&urut=capaian&arah=turun").content.decode()
    assert naik.index("Dinas Dua A") < naik.index("Dinas Satu A")
    assert turun.index("Dinas Satu A") < turun.index("Dinas Dua A")
    assert 'id="data-grafik-pemda"' in isi and "chart-4.6.1.umd.min.js" in isi
    # The chart data are plain dot decimals, never localised.
    data = re.search(r'id="data-grafik-pemda"[^>]*>(.*?)</script>', isi, re.S)
    assert data is not None and '"90.00000000"' in data.group(1)


def test_dasbor_pemda_hanya_opd_yang_terlihat(dunia: Dunia) -> None:
    isi_opd(dunia.opd_a1)
    isi_opd(dunia.opd_a2)
    isi = klien(dunia.pengguna_a[Peran.OPERATOR]).get(reverse("pemda", args=[dunia.pemda_a.slug])).content.decode()
    assert "Dinas Satu A" in isi and "Dinas Dua A" not in isi


def test_dasbor_pemda_periode_tak_dikenal_jatuh_ke_bawaan(dunia: Dunia) -> None:
    isi_opd(dunia.opd_a1)
    client = klien(dunia.pengguna_a[Peran.PEMBACA])
    r = client.get(reverse("pemda", args=[dunia.pemda_a.slug]) + "?tahun=abc&tw=9&urut=x")
    assert r.status_code == 200 and f"Tahun {TAHUN}" in r.content.decode()


def test_pilih_periode() -> None:
    hari_ini = dt.date(2026, 2, 1)
    ada = [(2024, True), (2025, True), (2026, False), (2027, False)]
    assert pilih_periode(tahun_ada=ada, tahun=None, triwulan=None, hari_ini=hari_ini).tahun == 2025
    p = pilih_periode(tahun_ada=ada, tahun="2024", triwulan="3", hari_ini=hari_ini)
    assert (p.tahun, p.triwulan, p.label) == (2024, 3, "TW III 2024")
    assert pilih_periode(tahun_ada=ada, tahun="1999", triwulan="7", hari_ini=hari_ini).triwulan == 0
    # Nothing measured yet: this year, kept inside the plan's years.
    assert pilih_periode(tahun_ada=[(2027, False), (2028, False)], tahun=None, triwulan=None,
                         hari_ini=hari_ini).tahun == 2027


# ------------------------------------------------------------------------------ budget


def test_serapan_sama_dengan_laporan_anggaran(dunia: Dunia) -> None:
    isi_opd(dunia.opd_a1)
    isi_opd(dunia.opd_a2)
    realisasi_per_sasaran(dunia.opd_a2, "900000")
    serapan = serapan_opd(opd_ids=[dunia.opd_a1.pk, dunia.opd_a2.pk, dunia.opd_b1.pk], tahun=TAHUN)
    assert dunia.opd_b1.pk not in serapan  # no budget: nothing, never 0%
    lap1 = anggaran_opd_tahun(opd=dunia.opd_a1, tahun=TAHUN)
    s1 = serapan[dunia.opd_a1.pk]
    assert (s1.pagu, s1.realisasi, s1.per_sasaran) == (lap1.total.pagu, lap1.total.realisasi, False)
    assert s1.pagu == Decimal("1500000.50")
    lap2 = anggaran_opd_tahun(opd=dunia.opd_a2, tahun=TAHUN)
    s2 = serapan[dunia.opd_a2.pk]
    assert lap2.total.realisasi is None and lap2.total_sasaran is not None
    assert (s2.pagu, s2.realisasi, s2.per_sasaran) == (lap2.total_sasaran.pagu, lap2.total_sasaran.realisasi, True)
    assert s2.persen == Decimal(90)


# ------------------------------------------------------------------------------- OPD


@pytest.mark.parametrize("jumlah_indikator", [2, 5])
def test_dasbor_opd_jumlah_query_tetap(dunia: Dunia, jumlah_indikator: int, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    isi_opd(dunia.opd_a1, indikator=jumlah_indikator)
    client = klien(dunia.pengguna_a[Peran.OPERATOR])
    url = reverse("opd", args=[dunia.opd_a1.slug]) + f"?tahun={TAHUN}"
    # session, user, memberships, OPD (mixin); OPD with units (+ prefetch); years with results;
    # entry windows, quarter states; renstra, indicators, results, roll-ups (capaian_opd_tahun);
    # trend; evidence; budget lines, nodes, budget per sasaran, revenue; officials; nav (OPDs,
    # Pemda, workflow inbox count) = 23 whatever the number of indicators.
    with django_assert_num_queries(23):
        isi = client.get(url).content.decode()
    assert isi.count('class="sparkline"') >= 1
    assert isi.count("/rencana/indikator/") >= jumlah_indikator


def test_dasbor_opd_isi(dunia: Dunia) -> None:
    indikator = isi_opd(dunia.opd_a1, indikator=3)
    client = klien(dunia.pengguna_a[Peran.OPERATOR])
    isi = client.get(reverse("opd", args=[dunia.opd_a1.slug]) + f"?tahun={TAHUN}&tw=1").content.decode()
    assert "TW I 2025" in isi and "90,00%" in isi and "Tinggi" in isi
    assert indikator[0].nama in isi
    # TW I entered for every indicator; only the second IKU lacks its TW I evidence.
    assert "bukti TW I belum ada" in isi and isi.count("bukti TW I belum ada") == 1
    assert "realisasi TW I belum diisi" not in isi
    iku = client.get(reverse("opd", args=[dunia.opd_a1.slug]) + f"?tahun={TAHUN}&tw=1&iku=1").content.decode()
    assert indikator[2].nama not in iku.split('id="indikator"')[1]  # not an IKU
    assert "Rp 1.500.000,50" in isi  # pagu of the leaves, sen shown


def test_dasbor_opd_kekurangan_hanya_triwulan_jatuh_tempo(dunia: Dunia) -> None:
    indikator = isi_opd(dunia.opd_a1, indikator=3)
    hasil = dasbor_opd(opd=dunia.opd_a1, tahun=TAHUN, triwulan=0, triwulan_jatuh_tempo=[1, 2])
    kosong = {b.indikator.pk: (b.realisasi_kosong, b.bukti_kosong) for b in hasil.baris}
    assert kosong[indikator[0].pk] == ([], [2])  # entered TW I and II; evidence only for TW I
    assert kosong[indikator[1].pk] == ([2], [1, 2])  # second IKU: no evidence at all
    assert kosong[indikator[2].pk] == ([2], [])  # not an IKU: evidence not asked for
    assert hasil.jumlah_kosong(2) == (2, 2)
    tren = {b.indikator.pk: [(t.triwulan, t.nilai) for t in b.tren if t.tahun == TAHUN] for b in hasil.baris}
    assert tren[indikator[0].pk][:2] == [(1, Decimal("90")), (2, Decimal("110"))]


def test_tenggat_tanpa_dan_dengan_jendela() -> None:
    tanpa = Tenggat(2025, 2)
    assert not tanpa.jatuh_tempo(dt.date(2025, 6, 30)) and tanpa.jatuh_tempo(dt.date(2025, 7, 1))
    assert not tanpa.terlambat(dt.date(2030, 1, 1))  # no closing date set: never late
    jendela = Tenggat(2025, 2, dibuka=dt.date(2025, 6, 20), ditutup=dt.date(2025, 7, 15))
    assert jendela.jatuh_tempo(dt.date(2025, 6, 20))
    assert not jendela.terlambat(dt.date(2025, 7, 15)) and jendela.terlambat(dt.date(2025, 7, 16))
    tepat = Tenggat(2025, 2, dibuka=dt.date(2025, 6, 20), ditutup=dt.date(2025, 7, 15),
                    pertama_diajukan=dt.datetime(2025, 7, 10, 9, tzinfo=dt.UTC))
    assert not tepat.terlambat(dt.date(2026, 1, 1))


def test_dasbor_opd_tanpa_renstra_dan_anggaran(dunia: Dunia) -> None:
    client = klien(dunia.pengguna_a[Peran.KEPALA])
    isi = client.get(reverse("opd", args=[dunia.opd_a1.slug])).content.decode()
    assert "Belum ada Renstra" in isi and "belum dicatat" in isi


def test_dasbor_opd_rencana_tanpa_hasil(dunia: Dunia) -> None:
    # A plan just imported, nothing computed yet: every indicator shows "tidak terukur".
    daftar = rencana(dunia.opd_a1, indikator=2)
    HasilCapaian.objects.filter(opd=dunia.opd_a1).delete()
    HasilRollup.objects.filter(opd=dunia.opd_a1).delete()
    isi = klien(dunia.pengguna_a[Peran.KEPALA]).get(
        reverse("opd", args=[dunia.opd_a1.slug]) + f"?tahun={TAHUN}").content.decode()
    assert daftar[0].nama in isi and "tidak terukur" in isi


def test_opd_tambahan_tidak_bocor(dunia: Dunia) -> None:
    isi_opd(dunia.opd_b1)
    isi = klien(dunia.pengguna_a[Peran.ADMIN]).get(reverse("pemda", args=[dunia.pemda_a.slug])).content.decode()
    assert "Dinas Satu B" not in isi
    assert PerangkatDaerah.objects.filter(pemda=dunia.pemda_b).exists()
