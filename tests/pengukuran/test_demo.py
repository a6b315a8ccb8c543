"""The demo realisation, loaded through the real load-demo steps, reproduces the seed reports.

babel-disperindag 2025 = lkjip-2025 (no cap, Permendagri 86/2017, half-up);
ntt-disperindag 2024 = lkip-2024 (cap 100, KemenPAN-RB).
"""

import json
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from sakip.organisasi.models import PerangkatDaerah
from sakip.pengukuran.layanan import capaian_recompute
from sakip.pengukuran.models import Bukti, HasilCapaian, HasilRollup, LevelRollup, Narasi
from sakip.pengukuran.selectors import capaian_opd_tahun, realisasi_tahunan
from sakip.perencanaan.models import Indikator
from sakip.testing.demo import muat_demo

REALISASI = 50  # load-demo steps up to and including the realisation files


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo loaded once for this module, inside a transaction rolled back at its end; each
    test runs in a savepoint within it (as Django's TestCase.setUpTestData does)."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            muat_demo(sampai=REALISASI)
            yield
            transaction.set_rollback(True)


def _muat(opd: str) -> PerangkatDaerah:
    if not (settings.SAKIP_DEMO_DIR / opd / "realisasi-2024.yaml").exists():
        pytest.skip(f"demo/{opd}/realisasi-*.yaml belum ada")
    return PerangkatDaerah.objects.select_related("pemda").get(slug=opd)


def _hasil(opd: PerangkatDaerah, ref: str, tahun: int, triwulan: int = 0) -> HasilCapaian:
    return HasilCapaian.objects.get(opd=opd, indikator__ref=ref, tahun=tahun, triwulan=triwulan)


@pytest.fixture
def babel(demo: None, db: None) -> PerangkatDaerah:
    return _muat("babel-disperindag")


@pytest.fixture
def ntt(demo: None, db: None) -> PerangkatDaerah:
    return _muat("ntt-disperindag")


def test_babel_2025_iku(babel: PerangkatDaerah) -> None:
    iku1 = _hasil(babel, "IKU1", 2025)
    assert iku1.indikator.nama == "Nilai Lapangan Usaha Industri Pengolahan"
    # lkjip-2025 Tabel III.2: 24,692 / 22,300 = 110,726…%, half-up 110,73% (the seed truncates).
    assert (iku1.target_teks, iku1.realisasi_teks, iku1.teks) == ("22,300", "24,692", "110,73%")
    assert (iku1.band, iku1.band_kode, iku1.warna) == ("Sangat Baik", "Hijau Tua", "#1B5E20")
    assert iku1.jejak.splitlines()[-1] == "24,692 / 22,300 × 100% = 110,73%"
    iku2 = _hasil(babel, "IKU2", 2025)
    assert (iku2.realisasi_teks, iku2.teks, iku2.band) == ("18,286", "109,50%", "Sangat Baik")
    # The OPD: mean of the two IKU.
    opd = HasilRollup.objects.get(opd=babel, level=LevelRollup.OPD, tahun=2025, triwulan=0)
    assert (opd.teks, opd.jejak) == ("110,11%", "(110,73 + 109,50) / 2 = 110,11%")


@pytest.mark.parametrize(
    "ref, realisasi, capaian, band, baris_rumus",
    [
        # lkjip-2025 §3.1.1: (24.374 − 23.479) / 23.479 (printed 3,8%); 2024 data from realisasi-2024.
        ("IP1.1", "3,81", "138,62%", "Sangat Baik", "TW IV: (24.374 − 23.479) / 23.479 × 100% = 3,81%"),
        ("IP3.1", "77,78", "86,42%", "Tinggi", "TW IV: 70 / 90 × 100% = 77,78%"),  # SIINas, printed 77,77
        ("IP5.1", "88,89", "103,36%", "Sangat Baik", "TW IV: 16 / 18 × 100% = 88,89%"),
        ("IP7.1", "14,57", "291,46%", "Sangat Baik", "TW IV: (1.946,54 − 1.698,95) / 1.698,95 × 100% = 14,57%"),
    ],
)
def test_babel_2025_program_dari_data_mentah(babel, ref, realisasi, capaian, band, baris_rumus) -> None:
    h = _hasil(babel, ref, 2025)
    assert (h.realisasi_teks, h.teks, h.band) == (realisasi, capaian, band)
    assert h.jejak.splitlines()[0] == baris_rumus


def test_babel_2025_koefisien_variasi_negatif(babel: PerangkatDaerah) -> None:
    h = _hasil(babel, "IP6.1", 2025)
    assert h.indikator.polaritas == "negatif"
    assert (h.target_teks, h.realisasi_teks, h.teks) == ("8", "4,46", "144,25%")
    assert h.jejak.splitlines()[-1] == "(2 × 8 − 4,46) / 8 × 100% = 144,25%"


def test_babel_triwulan_dan_data_pendukung(babel: PerangkatDaerah) -> None:
    tw2 = _hasil(babel, "IKU1", 2025, 2)
    assert tw2.realisasi_teks == "6,170" and tw2.realisasi_sd == Decimal("12.000")
    assert not tw2.terukur and tw2.alasan == "indikator berjenis jumlah diukur atas jumlah setahun, bukan per triwulan"
    iku1 = Indikator.objects.get(renstra__opd=babel, ref="IKU1")
    assert Narasi.objects.get(indikator=iku1, tahun=2025, triwulan=4).pendukung.startswith("Keberhasilan")
    tautan = Bukti.objects.filter(indikator=iku1, tahun=2025, jenis="tautan").values_list("url", flat=True)
    assert list(tautan) == ["https://shorturl.at/pmf2a", "https://shorturl.at/wYIZO"]
    # Last year's realisation for the "target below last year's realisation" warning.
    ip11 = Indikator.objects.get(renstra__opd=babel, ref="IP1.1")
    assert str(realisasi_tahunan(ip11, 2025)) == "3.81191703"  # 895 / 23.479, 8 decimals


def test_ntt_2024_kebijakan_pemda(ntt: PerangkatDaerah) -> None:
    share = _hasil(ntt, "IKU1", 2024)
    assert share.jejak.splitlines()[0] == "TW IV: 1.916.311,34 / 137.282.476,24 × 100% = 1,40%"
    assert (share.realisasi_teks, share.teks, share.band, share.dibatasi) == ("1,40", "100,00%", "Sangat Berhasil", True)
    dagang = _hasil(ntt, "IKU2", 2024)
    assert (dagang.realisasi_teks, dagang.teks) == ("12,80", "100,00%")
    ekspor = _hasil(ntt, "IKU3", 2024)
    # Exports growth: the 2023 total is a derived element (sum of the months of realisasi-2023).
    assert ekspor.jejak.splitlines()[0] == (
        "TW IV: (61.081.414 − 57.576.670) / 57.576.670 × 100% = 6,09%"
    )
    assert (ekspor.realisasi_teks, ekspor.teks, ekspor.band) == ("6,09", "11,07%", "Belum Berhasil")
    opd = HasilRollup.objects.get(opd=ntt, level=LevelRollup.OPD, tahun=2024, triwulan=0)
    assert (opd.teks, opd.band, opd.jejak) == ("70,36%", "Cukup Berhasil", "(100 + 100 + 11,07) / 3 = 70,36%")
    # 2023 (the year before the 2024–2026 Renstra) holds the printed direct values.
    iku1 = Indikator.objects.get(renstra__opd=ntt, ref="IKU1")
    assert realisasi_tahunan(iku1, 2023) == Decimal("1.31")


def test_recompute_demo_idempoten(ntt: PerangkatDaerah) -> None:
    def isi() -> list[tuple]:
        return list(
            HasilCapaian.objects.filter(opd=ntt).order_by("indikator_id", "tahun", "triwulan").values_list(
                "indikator_id", "tahun", "triwulan", "realisasi", "teks", "capaian_eksak", "band", "jejak", "alasan"
            )
        )

    sebelum = isi()
    capaian_recompute(opd=ntt)
    pertama = isi()
    capaian_recompute(opd=ntt)
    assert isi() == pertama
    # The full recompute also fills the plan's later years; what the import computed stays the same.
    assert set(sebelum) <= set(pertama)


def test_perintah_capaian_teks_dan_json(ntt: PerangkatDaerah) -> None:
    keluar = StringIO()
    call_command("capaian", "ntt-disperindag", "2024", stdout=keluar)
    teks = keluar.getvalue()
    assert "Kebijakan: rumus negatif 2T-R, batas atas 100%, skala KemenPAN-RB" in teks
    assert "IKU3 [IKU] Persentase peningkatan nilai ekspor (%)" in teks
    assert "target 55 | realisasi 6,09 | capaian 11,07% Belum Berhasil" in teks
    assert "(61.081.414 − 57.576.670) / 57.576.670 × 100% = 6,09%" in teks
    assert "Capaian OPD (rata-rata IKU: IKU1, IKU2, IKU3): 70,36% Cukup Berhasil" in teks

    keluar = StringIO()
    call_command("capaian", "ntt-disperindag", "2024", "--json", stdout=keluar)
    data = json.loads(keluar.getvalue())
    assert data["format"] == "sakip-capaian/1"
    assert set(data) == {"format", "opd", "pemda", "tahun", "triwulan", "renstra", "kebijakan", "indikator",
                         "sasaran", "capaian_opd"}
    assert (data["tahun"], data["triwulan"], data["opd"]["slug"]) == (2024, 0, "ntt-disperindag")
    assert data["kebijakan"] == {"rumus_negatif": "2T-R", "batas_atas": "100", "skala": "KemenPAN-RB",
                                 "pembulatan": "half_up", "desimal": 2}
    iku3 = next(i for i in data["indikator"] if i["ref"] == "IKU3")
    assert iku3["target"] == {"jenis": "titik", "nilai": "55"}
    assert iku3["realisasi"]["nilai"] == "6.08709048"  # dot decimal, never "6,09" (stored with 8 decimals)
    assert iku3["capaian"]["nilai_tampil"] == "11.07"
    assert iku3["capaian"]["nilai"].startswith("11.067")
    assert (iku3["capaian"]["band"], iku3["capaian"]["warna"], iku3["capaian"]["terukur"]) == (
        "Belum Berhasil", "#C62828", True)
    assert iku3["jejak"][-1] == "6,0871 / 55 × 100% = 11,07%"
    iku1 = next(i for i in data["indikator"] if i["ref"] == "IKU1")
    assert iku1["capaian"]["nilai"] == "100" and iku1["capaian"]["dibatasi"] is True
    opd = data["capaian_opd"]
    assert opd["indikator"] == ["IKU1", "IKU2", "IKU3"]
    assert opd["capaian"]["nilai_tampil"] == "70.36" and opd["capaian"]["band"] == "Cukup Berhasil"
    assert opd["capaian"]["jumlah_dihitung"] == 3
    assert [s["ref"] for s in data["sasaran"]][:2] == ["SS1", "SS2"]

    keluar = StringIO()
    call_command("capaian", "ntt-disperindag", "2024", "--tw", "4", "--json", stdout=keluar)
    assert json.loads(keluar.getvalue())["triwulan"] == 4


def test_laporan_jumlah_kueri_tetap(ntt: PerangkatDaerah, django_assert_max_num_queries) -> None:
    jumlah = Indikator.objects.filter(renstra__opd=ntt).count()
    # renstra + indicators (with their nodes) + results + roll-ups: 4 queries whatever the size of
    # the plan (the Pemda came with the OPD); reading the rows' nodes costs nothing more.
    with django_assert_max_num_queries(4):
        laporan = capaian_opd_tahun(opd=ntt, tahun=2024)
        assert len(laporan.baris) == jumlah
        assert [b.indikator.node.ref for b in laporan.baris][:1] == ["SS1"]
    assert laporan.opd_rollup is not None and laporan.opd_rollup.teks == "70,36%"


def test_target_massal_sama_dengan_target_berlaku(babel: PerangkatDaerah, ntt: PerangkatDaerah) -> None:
    # The bulk loader applies perencanaan's "latest revision that sets the year" rule to plain
    # rows; it must agree with target_berlaku for every indicator and year of the demo plans.
    from sakip.pengukuran.selectors import bahan_hitung
    from sakip.perencanaan.selectors import target_berlaku

    bahan = bahan_hitung(opd_ids=[babel.pk, ntt.pk])
    dibandingkan = 0
    for opd in (babel, ntt):
        for ind in Indikator.objects.filter(renstra__opd=opd).select_related("renstra"):
            for tahun in ind.renstra.tahun:
                berlaku = target_berlaku(indikator=ind, tahun=tahun)
                assert bahan[opd.pk].target.get((ind.pk, tahun)) == (berlaku.teks if berlaku else None)
                dibandingkan += 1
    assert dibandingkan > 300
    # Babel IKU1 was revised twice for 2025 (16,750 → 22,150 → 22,300).
    iku1 = Indikator.objects.get(renstra__opd=babel, ref="IKU1")
    assert bahan[babel.pk].target[(iku1.pk, 2025)] == "22,300"


def test_babel_2024_nilai_tahunan(babel: PerangkatDaerah) -> None:
    # The 2024 year values of the two IKU (agregasi jumlah) are given as `tahunan` (only the year
    # is printed); they give lkjip-2025 Tabel III.4's 101,80% and 102,26%.
    assert (_hasil(babel, "IKU1", 2024).teks, _hasil(babel, "IKU2", 2024).teks) == ("101,80%", "102,26%")
    assert _hasil(babel, "IKU1", 2024).jejak.splitlines()[-1] == "22,142 / 21,750 × 100% = 101,80%"

