"""Set-based recompute: idempotent, removes stale rows, both write paths equal; commands."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from sakip.akun.models import Peran
from sakip.pengukuran.layanan import (
    CaraTulis,
    _hitung_bahan,
    _tulis_capaian,
    capaian_recompute,
    realisasi_simpan,
)
from sakip.pengukuran.models import HasilCapaian, HasilRollup, LevelRollup
from sakip.pengukuran.selectors import bahan_hitung
from sakip.perencanaan.models import Indikator
from sakip.testing.dunia import Dunia

from .conftest import Rencana, buat_rencana

D = Decimal
KOLOM = (
    "opd", "indikator", "tahun", "triwulan", "realisasi", "realisasi_sd", "realisasi_teks", "target_teks", "terukur",
    "capaian_eksak", "nilai_tampil", "teks", "band", "band_kode", "warna", "kata", "dibatasi", "alasan", "jejak",
)


def _isi(rencana: Rencana, dunia: Dunia) -> None:
    operator = dunia.pengguna_a[Peran.OPERATOR]
    realisasi_simpan(indikator=rencana.iku_tumbuh, tahun=2024, triwulan=4, data={"unit": D(23479)}, oleh=operator)
    realisasi_simpan(indikator=rencana.iku_tumbuh, tahun=2025, triwulan=4,
                     data={"unit": D(24374), "a": D(35), "b": D(90)}, oleh=operator)
    for tw, v in enumerate(["5.830", "6.170", "6.080", "6.612"], start=1):
        realisasi_simpan(indikator=rencana.iku_langsung, tahun=2025, triwulan=tw, nilai=D(v), oleh=operator)
        realisasi_simpan(indikator=rencana.dokumen, tahun=2025, triwulan=tw, nilai=D(3 * tw), oleh=operator)


def _isi_tabel() -> tuple[list, list]:
    capaian = list(HasilCapaian.objects.order_by("indikator", "tahun", "triwulan").values_list(*KOLOM))
    rollup = list(
        HasilRollup.objects.order_by("opd", "level", "kunci", "tahun", "triwulan").values_list(
            "opd", "level", "kunci", "tahun", "triwulan", "terukur", "nilai_eksak", "nilai_tampil", "teks", "band",
            "jumlah_dihitung", "jumlah_dikecualikan", "alasan", "jejak",
        )
    )
    return capaian, rollup


def test_recompute_idempoten_dan_lengkap(rencana: Rencana, dunia: Dunia) -> None:
    _isi(rencana, dunia)
    hasil = capaian_recompute(pemda=dunia.pemda_a)
    # Both OPDs of Pemda A; only a1 has a plan (2025–2026, and 2024 as its base year with data).
    assert (hasil.opd, hasil.opd_tahun, hasil.indikator_tahun) == (2, 3, 12)
    assert hasil.baris_capaian == 12 * 5
    pertama = _isi_tabel()
    capaian_recompute(pemda=dunia.pemda_a)
    assert _isi_tabel() == pertama
    assert HasilCapaian.objects.filter(indikator=rencana.dokumen, tahun=2026).count() == 5  # every plan year


def test_recompute_menghapus_baris_usang(rencana: Rencana, dunia: Dunia) -> None:
    _isi(rencana, dunia)
    capaian_recompute(opd=rencana.opd)
    sasaran = HasilRollup.objects.filter(opd=rencana.opd, level=LevelRollup.SASARAN, tahun=2025, triwulan=0)
    assert sasaran.get().kunci == rencana.sasaran.pk
    # Both IKU move to the program: the sasaran has no indicators any more.
    Indikator.objects.filter(pk__in=[rencana.iku_langsung.pk, rencana.iku_tumbuh.pk]).update(node=rencana.program)
    hasil = capaian_recompute(opd=rencana.opd)
    assert not sasaran.exists() and hasil.dihapus > 0
    # The plan no longer covers 2026: its rows go.
    rencana.renstra.tahun_akhir = 2025
    rencana.renstra.save(update_fields=["tahun_akhir"])
    capaian_recompute(opd=rencana.opd, tahun=2026)
    assert not HasilCapaian.objects.filter(tahun=2026).exists()
    assert not HasilRollup.objects.filter(tahun=2026).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the unnest path is PostgreSQL's")
def test_unnest_dan_bulk_create_menulis_sama(rencana: Rencana, dunia: Dunia) -> None:
    _isi(rencana, dunia)
    baris = []
    for b in bahan_hitung(opd_ids=[rencana.opd.pk]).values():
        baris += _hitung_bahan(b, None)[0]
    waktu = timezone.now()
    HasilCapaian.objects.all().delete()
    _tulis_capaian(baris, waktu, CaraTulis.BULK_CREATE)
    lewat_django = _isi_tabel()[0]
    HasilCapaian.objects.all().delete()
    _tulis_capaian(baris, waktu, CaraTulis.UNNEST)
    assert _isi_tabel()[0] == lewat_django
    # Upsert over existing rows (changed and unchanged) also agrees.
    _tulis_capaian(baris, waktu, CaraTulis.UNNEST)
    assert _isi_tabel()[0] == lewat_django


def test_dua_tenant_tidak_bercampur(dunia: Dunia) -> None:
    a, b = buat_rencana(dunia.opd_a1), buat_rencana(dunia.opd_b1)
    # Same data element codes and refs in both OPDs: values must not cross.
    realisasi_simpan(indikator=a.rasio, tahun=2025, triwulan=4, data={"a": D(35), "b": D(90)}, oleh=None)
    realisasi_simpan(indikator=b.rasio, tahun=2025, triwulan=4, data={"a": D(45), "b": D(90)}, oleh=None)
    capaian_recompute()
    assert HasilCapaian.objects.get(indikator=a.rasio, tahun=2025, triwulan=0).realisasi_teks == "77,78"
    assert HasilCapaian.objects.get(indikator=b.rasio, tahun=2025, triwulan=0).realisasi_teks == "100,00"


def test_synth_kecil_lalu_recompute(db: None) -> None:
    keluar = StringIO()
    call_command("synth", "--pemda", "1", "--opd", "2", "--indikator", "5", "--seed", "7", stdout=keluar)
    assert "2 OPD, 10 indikator" in keluar.getvalue()
    keluar = StringIO()
    call_command("recompute", "--pemda", "synth-1", "--year", "2025", stdout=keluar)
    teks = keluar.getvalue()
    assert "2 OPD, 2 OPD-tahun, 10 indikator-tahun (40 indikator-triwulan), 50 baris capaian" in teks
    assert "indikator-triwulan/detik" in teks
    assert HasilCapaian.objects.filter(tahun=2025, triwulan=0).count() == 10
    assert HasilRollup.objects.filter(level=LevelRollup.OPD, tahun=2025, triwulan=0).count() == 2
    assert HasilCapaian.objects.filter(terukur=True).exists()
    keluar = StringIO()
    call_command("capaian", "synth-1-opd-1", "2025", stdout=keluar)
    assert "Capaian OPD (rata-rata IKU: I1, I3, I5)" in keluar.getvalue()
    sebelum = _isi_tabel()
    keluar = StringIO()
    call_command("bench", "--ulang", "2", "--pemda", "synth-1", stdout=keluar)
    assert "Hitung ulang penuh: 2 OPD" in keluar.getvalue()
    assert "Simpan realisasi IKU (indikator + sasaran + OPD): median" in keluar.getvalue()
    assert _isi_tabel() == sebelum  # the measured saves were rolled back
