"""`HasilCapaian` has no database foreign keys (docs/PERFORMANCE.md): deleting an indicator or an
OPD through the application still removes its results (Django's cascade), and a full recompute
removes rows left behind by anything else."""

from sakip.pengukuran.layanan import capaian_recompute
from sakip.pengukuran.models import HasilCapaian
from sakip.testing.dunia import Dunia

from .conftest import Rencana

TH = 2025


def test_hapus_indikator_dan_opd_menghapus_hasilnya(rencana: Rencana, dunia: Dunia) -> None:
    capaian_recompute(opd=rencana.opd, tahun=TH)
    ind = rencana.dokumen
    assert HasilCapaian.objects.filter(indikator=ind).count() == 5
    ind.delete()
    assert not HasilCapaian.objects.filter(indikator_id=ind.pk).exists()
    assert HasilCapaian.objects.filter(opd=rencana.opd).exists()
    rencana.opd.delete()
    assert not HasilCapaian.objects.filter(opd_id=rencana.opd.pk).exists()


def test_recompute_penuh_menghapus_baris_yatim(rencana: Rencana, dunia: Dunia) -> None:
    capaian_recompute(tahun=TH)
    contoh = HasilCapaian.objects.filter(opd=rencana.opd).first()
    assert contoh is not None
    # Rows of an OPD that does not exist, as a write racing the OPD's deletion could leave them
    # (no database key refuses them any more).
    for tw in (0, 1):
        HasilCapaian.objects.create(opd_id=987654, indikator_id=contoh.indikator_id, tahun=2099, triwulan=tw,
                                    teks="x")
    capaian_recompute(opd=rencana.opd, tahun=TH)  # a scoped recompute leaves other scopes alone
    assert HasilCapaian.objects.filter(opd_id=987654).count() == 2
    sebelum = HasilCapaian.objects.count()
    hasil = capaian_recompute(tahun=TH)
    assert hasil.dihapus == 2 and HasilCapaian.objects.count() == sebelum - 2
    assert not HasilCapaian.objects.filter(opd_id=987654).exists()


def test_indikator_dihapus_barisnya_hilang_saat_recompute(rencana: Rencana, dunia: Dunia) -> None:
    # An indicator's rows left behind (as a racing write could) go with the next recompute of its
    # OPD-year: the deletion changed the OPD-year's fingerprint.
    capaian_recompute(tahun=TH)
    ind = rencana.dokumen
    baris = list(HasilCapaian.objects.filter(indikator=ind).values())
    ind.delete()
    HasilCapaian.objects.bulk_create([HasilCapaian(**b) for b in baris])  # back, without their indicator
    capaian_recompute(tahun=TH)
    assert not HasilCapaian.objects.filter(indikator_id=ind.pk).exists()
