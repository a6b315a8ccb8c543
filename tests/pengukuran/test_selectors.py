"""Selectors: tenant scoping (two OPDs with identical plans) and fixed query counts."""

from decimal import Decimal

import pytest

from sakip.pengukuran.layanan import capaian_recompute, realisasi_simpan
from sakip.pengukuran.selectors import capaian_opd_tahun, isian_realisasi, realisasi_tahunan
from sakip.perencanaan.models import Indikator
from sakip.testing.dunia import Dunia

from .conftest import buat_rencana

D = Decimal


def test_dua_tenant_bocor_tidak(dunia: Dunia, django_assert_max_num_queries) -> None:
    a, b = buat_rencana(dunia.opd_a1), buat_rencana(dunia.opd_b1)
    for r, nilai in ((a, "5.830"), (b, "9.999")):
        realisasi_simpan(indikator=r.iku_langsung, tahun=2025, triwulan=0, nilai=D(nilai), oleh=None)
        realisasi_simpan(indikator=r.dokumen, tahun=2025, triwulan=4, nilai=D(3), narasi={"upaya": r.opd.slug}, oleh=None)
    capaian_recompute()

    # renstra, indicators with nodes, results, roll-ups — the Pemda was loaded with the OPD.
    opd_a = type(dunia.opd_a1).objects.select_related("pemda").get(pk=dunia.opd_a1.pk)
    with django_assert_max_num_queries(4):
        laporan = capaian_opd_tahun(opd=opd_a, tahun=2025)
        ids = {x.indikator.pk for x in laporan.baris}
    assert ids == set(Indikator.objects.filter(renstra__opd=dunia.opd_a1).values_list("pk", flat=True))
    assert {x.hasil.opd_id for x in laporan.baris if x.hasil} == {dunia.opd_a1.pk}
    iku1 = next(x for x in laporan.baris if x.indikator.ref == "IKU1")
    assert iku1.hasil is not None and iku1.hasil.realisasi_teks == "5,830"
    assert laporan.opd_rollup is not None and laporan.opd_rollup.opd_id == dunia.opd_a1.pk
    assert [s.hasil.opd_id for s in laporan.sasaran if s.hasil] == [dunia.opd_a1.pk]

    # Another OPD's indicator does not exist for this OPD's entry form.
    with pytest.raises(Indikator.DoesNotExist):
        isian_realisasi(opd=dunia.opd_a1, indikator=b.dokumen, tahun=2025)
    isian = isian_realisasi(opd=dunia.opd_a1, indikator=a.dokumen, tahun=2025)
    assert isian.narasi[4].upaya == dunia.opd_a1.slug and set(isian.hasil) == {0, 1, 2, 3, 4}
    # An OPD with no plan for the year gets an empty report, not someone else's.
    kosong = capaian_opd_tahun(opd=dunia.opd_a2, tahun=2025)
    assert kosong.renstra is None and kosong.baris == [] and kosong.opd_rollup is None

    assert realisasi_tahunan(a.iku_langsung, 2025) == D("5.830")
    assert realisasi_tahunan(b.iku_langsung, 2025) == D("9.999")


def test_isian_realisasi_elemen_rumus(dunia: Dunia) -> None:
    a = buat_rencana(dunia.opd_a1)
    realisasi_simpan(indikator=a.iku_tumbuh, tahun=2024, triwulan=4, data={"unit": D(23479)}, oleh=None)
    realisasi_simpan(indikator=a.iku_tumbuh, tahun=2025, triwulan=4, data={"unit": D(24374)}, oleh=None)
    isian = isian_realisasi(opd=dunia.opd_a1, indikator=a.iku_tumbuh, tahun=2025)
    assert [e.kode for e in isian.elemen] == ["unit"]
    assert isian.nilai_elemen[("unit", 2024, 4)] == D(23479)
    assert isian.hasil[0].realisasi_teks == "3,81"


def test_realisasi_tahunan_tanpa_hasil_tersimpan_dihitung(dunia: Dunia) -> None:
    from sakip.pengukuran.models import HasilCapaian

    a = buat_rencana(dunia.opd_a1)
    realisasi_simpan(indikator=a.rasio, tahun=2025, triwulan=4, data={"a": D(35), "b": D(90)}, oleh=None)
    HasilCapaian.objects.all().delete()
    assert str(realisasi_tahunan(a.rasio, 2025)) == "77.77777778"  # as stored: 8 decimals
    assert realisasi_tahunan(a.dokumen, 2025) is None
    assert realisasi_tahunan(a.dokumen, 2030) is None  # no plan covers the year
