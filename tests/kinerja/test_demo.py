import pytest

from sakip.kinerja.models import BelanjaAnggaran, KinerjaPK, RencanaAksi, VersiPK
from sakip.testing.demo import muat_demo

pytestmark = pytest.mark.django_db


def test_semua_berkas_demo_termuat_dan_impor_ulang_idempoten() -> None:
    ringkasan = muat_demo()
    assert any("pk-2025.yaml" in r for r in ringkasan)
    assert any("rencana-aksi-2024.yaml" in r for r in ringkasan)
    assert any("anggaran-2024.yaml" in r for r in ringkasan)
    jumlah = (VersiPK.objects.count(), KinerjaPK.objects.count(), RencanaAksi.objects.count(),
              BelanjaAnggaran.objects.count())
    # babel 3 + ntt 2 versions; 101 Rencana Aksi rows in kab-dpkukmp (rencana-aksi-2024.yaml)
    assert jumlah[0] == 5
    assert jumlah[2] == 101
    muat_demo()
    assert (VersiPK.objects.count(), KinerjaPK.objects.count(), RencanaAksi.objects.count(),
            BelanjaAnggaran.objects.count()) == jumlah
