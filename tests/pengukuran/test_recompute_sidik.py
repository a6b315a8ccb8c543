"""Skipping unchanged OPD-years (SidikHitung) and the COPY write path: a recompute that skips
must leave exactly the rows a recompute of everything writes, and a changed input must make
exactly its OPD-year(s) computed again."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from sakip.pengukuran import selectors
from sakip.pengukuran.layanan import (
    CaraTulis,
    _hitung_bahan,
    _tulis_capaian,
    _tulis_rollup,
    capaian_recompute,
    realisasi_simpan,
)
from sakip.pengukuran.models import HasilCapaian, HasilRollup, NilaiDataElemen, Realisasi, SidikHitung
from sakip.pengukuran.selectors import bahan_hitung
from sakip.perencanaan.models import Indikator, NilaiTarget
from sakip.testing.dunia import Dunia

from .conftest import Rencana, buat_rencana
from .test_recompute import _isi

D = Decimal
# Every column but the surrogate key and the time of the write.
KOLOM_CAPAIAN = [
    f.attname for f in HasilCapaian._meta.concrete_fields if f.attname not in ("id", "dihitung_pada")
]
KOLOM_ROLLUP = [f.attname for f in HasilRollup._meta.concrete_fields if f.attname not in ("id", "dihitung_pada")]


def _tabel() -> tuple[list, list]:
    return (
        list(HasilCapaian.objects.order_by("indikator", "tahun", "triwulan").values_list(*KOLOM_CAPAIAN)),
        list(HasilRollup.objects.order_by("opd", "level", "kunci", "tahun", "triwulan").values_list(*KOLOM_ROLLUP)),
    )


@pytest.fixture
def dua(dunia: Dunia) -> tuple[Rencana, Rencana]:
    """Two OPDs with plans 2025–2026 (and 2024 as base year with data) in two Pemda."""
    a, b = buat_rencana(dunia.opd_a1), buat_rencana(dunia.opd_b1)
    _isi(a, dunia)
    for tw in (1, 2, 3, 4):
        realisasi_simpan(indikator=b.dokumen, tahun=2025, triwulan=tw, nilai=D(2 * tw), oleh=None)
    realisasi_simpan(indikator=b.rasio, tahun=2025, triwulan=4, data={"a": D(40), "b": D(90)}, oleh=None)
    return a, b


def test_lewati_sama_dengan_hitung_semua(dua: tuple[Rencana, Rencana], dunia: Dunia) -> None:
    a, b = dua
    pertama = capaian_recompute()
    assert pertama.opd_tahun == 5 and pertama.opd_tahun_dilewati == 0  # a: 2024–2026, b: 2025–2026
    assert SidikHitung.objects.count() == 5
    kedua = capaian_recompute()
    assert (kedua.opd_tahun, kedua.opd_tahun_dilewati, kedua.baris_capaian) == (0, 5, 0)
    # Inputs changed behind the services' back (results now stale), in every way the
    # fingerprint must see: an entry, a target revision, a policy, an indicator's plan fields.
    Realisasi.objects.filter(indikator=a.dokumen, tahun=2025, triwulan=4).update(nilai=D(99))
    NilaiTarget.objects.filter(revisi__indikator=b.dokumen, tahun=2025).update(teks="5")
    dunia.pemda_b.batas_atas = D(105)
    dunia.pemda_b.save(update_fields=["batas_atas"])
    Indikator.objects.filter(pk=a.rasio.pk).update(node=a.sasaran)
    capaian_recompute()
    dilewati = _tabel()
    capaian_recompute(paksa=True)
    assert _tabel() == dilewati
    # …and both equal a recompute into empty tables.
    HasilCapaian.objects.all().delete()
    HasilRollup.objects.all().delete()
    capaian_recompute()
    assert _tabel() == dilewati
    assert HasilCapaian.objects.get(indikator=a.dokumen, tahun=2025, triwulan=0).realisasi_teks == "99"


def test_satu_perubahan_menghitung_ulang_satu_opd_tahun(dua: tuple[Rencana, Rencana]) -> None:
    a, b = dua
    capaian_recompute()
    Realisasi.objects.filter(indikator=b.dokumen, tahun=2025, triwulan=2).update(nilai=D(7))
    h = capaian_recompute()
    assert (h.opd_tahun, h.indikator_tahun, h.opd_tahun_dilewati) == (1, 4, 4)
    assert HasilCapaian.objects.get(indikator=b.dokumen, tahun=2025, triwulan=2).realisasi_teks == "7"
    assert capaian_recompute().opd_tahun == 0
    # A base-year data element read through prev(): its year and the next one.
    NilaiDataElemen.objects.filter(data_elemen__opd=a.opd, data_elemen__kode="unit", tahun=2024).update(
        nilai=D(20000)
    )
    h = capaian_recompute()
    assert h.opd_tahun == 2 and h.opd_tahun_dilewati == 3
    assert HasilCapaian.objects.get(indikator=a.iku_tumbuh, tahun=2025, triwulan=0).realisasi_teks == "21,87"
    # A save keeps the rows current but not the fingerprint: the next recompute redoes that
    # OPD-year only, and writes nothing new.
    sebelum = _tabel()
    realisasi_simpan(indikator=b.dokumen, tahun=2025, triwulan=2, nilai=D(9), oleh=None)
    sesudah_simpan = _tabel()
    h = capaian_recompute()
    assert (h.opd_tahun, h.opd_tahun_dilewati) == (1, 4)
    assert _tabel() == sesudah_simpan != sebelum


def test_baris_hilang_atau_kode_berubah_dihitung_ulang(
    dua: tuple[Rencana, Rencana], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _ = dua
    capaian_recompute()
    penuh = _tabel()
    HasilCapaian.objects.filter(indikator=a.rasio, tahun=2026, triwulan=3).delete()
    h = capaian_recompute()
    assert (h.opd_tahun, h.opd_tahun_dilewati) == (1, 4)
    assert _tabel() == penuh
    HasilRollup.objects.filter(opd=a.opd, tahun=2024).delete()
    assert capaian_recompute().opd_tahun == 1
    # Another version of the computing code: nothing is trusted.
    monkeypatch.setattr(selectors, "versi_hitung", lambda: "versi lain")
    assert capaian_recompute().opd_tahun == 5
    assert _tabel() == penuh


def test_tahun_tanpa_rencana_menghapus_sidik(dua: tuple[Rencana, Rencana]) -> None:
    a, _ = dua
    capaian_recompute()
    a.renstra.tahun_akhir = 2025
    a.renstra.save(update_fields=["tahun_akhir"])
    capaian_recompute(opd=a.opd, tahun=2026)
    assert not HasilCapaian.objects.filter(opd=a.opd, tahun=2026).exists()
    assert not SidikHitung.objects.filter(opd=a.opd, tahun=2026).exists()
    # The plan covers 2026 again: computed again, not skipped on a stale fingerprint.
    a.renstra.tahun_akhir = 2026
    a.renstra.save(update_fields=["tahun_akhir"])
    h = capaian_recompute(opd=a.opd)
    assert h.opd_tahun == 1 and HasilCapaian.objects.filter(opd=a.opd, tahun=2026).count() == 4 * 5


def test_perintah_recompute_paksa(dua: tuple[Rencana, Rencana]) -> None:
    call_command("recompute", stdout=StringIO())
    keluar = StringIO()
    call_command("recompute", stdout=keluar)
    assert "5 OPD-tahun (20 indikator-tahun) dilewati: masukannya tidak berubah" in keluar.getvalue()
    keluar = StringIO()
    call_command("recompute", "--paksa", stdout=keluar)
    assert "5 OPD-tahun, 20 indikator-tahun" in keluar.getvalue() and "dilewati" not in keluar.getvalue()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_copy_dan_bulk_create_menulis_sama(dua: tuple[Rencana, Rencana]) -> None:
    capaian, rollup = [], []
    for b in bahan_hitung(opd_ids=[dua[0].opd.pk, dua[1].opd.pk]).values():
        c, r, _, _ = _hitung_bahan(b, None)
        capaian += c
        rollup += r
    waktu = timezone.now()

    def tulis(cara: CaraTulis, kosong: bool) -> tuple[list, list]:
        _tulis_capaian(capaian, waktu, cara, kosong=kosong)
        _tulis_rollup(rollup, waktu, cara, kosong=kosong)
        return _tabel()

    lewat_django = tulis(CaraTulis.BULK_CREATE, False)
    # Upsert over the same rows, over changed rows, straight into empty tables, and "empty"
    # when it is not (a save wrote meanwhile: falls back to the upsert).
    assert tulis(CaraTulis.COPY, False) == lewat_django
    HasilCapaian.objects.update(teks="lama", jejak="")
    HasilRollup.objects.update(teks="lama")
    assert tulis(CaraTulis.COPY, False) == lewat_django
    HasilCapaian.objects.all().delete()
    HasilRollup.objects.all().delete()
    assert tulis(CaraTulis.COPY, True) == lewat_django
    HasilCapaian.objects.filter(triwulan=2).delete()
    assert tulis(CaraTulis.COPY, True) == lewat_django
