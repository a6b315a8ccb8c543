"""Tenant scoping: one OPD's Renja and evaluation never show up in another's."""

import copy

import pytest

from sakip.organisasi.models import PerangkatDaerah
from sakip.renja.selectors import (
    baris_renja_opd,
    evaluasi_renja_opd,
    kinerja_pelayanan_opd,
    tabel_evaluasi,
)


@pytest.mark.django_db
def test_dua_opd_tidak_bocor(demo_renja: list[str]) -> None:
    dkukm = PerangkatDaerah.objects.get(slug="babel-dkukm")
    lain = PerangkatDaerah.objects.create(pemda=dkukm.pemda, slug="babel-lain", nama="Dinas Lain")
    assert evaluasi_renja_opd(opd=dkukm, tahun=2022).count() == 55
    assert baris_renja_opd(opd=dkukm, tahun=2024).count() == 66
    assert kinerja_pelayanan_opd(opd=dkukm, tahun=2022).count() == 59
    assert not evaluasi_renja_opd(opd=lain, tahun=2022).exists()
    assert not baris_renja_opd(opd=lain, tahun=2024).exists()
    assert not kinerja_pelayanan_opd(opd=lain, tahun=2022).exists()
    tabel = tabel_evaluasi(opd=lain, tahun=2022)
    assert tabel.baris == () and tabel.total.realisasi_rp is None


@pytest.mark.django_db
def test_opd_kedua_dengan_data_sendiri(demo_renja: list[str], data_evaluasi: dict) -> None:
    """A second OPD with its own plan and evaluation: each table holds only its own rows."""
    from sakip.core.impor import baca_yaml
    from sakip.perencanaan.impor import rencana_impor
    from sakip.renja.impor import evaluasi_renja_impor
    from tests.renja.conftest import DEMO

    kedua = PerangkatDaerah.objects.create(pemda=PerangkatDaerah.objects.get(slug="babel-dkukm").pemda,
                                           slug="babel-dkukm-kembar", nama="DKUKM kembar")
    rencana = dict(baca_yaml(DEMO / "renstra.yaml"))
    rencana["opd"] = kedua.slug
    for simpul in rencana["pohon"]:
        simpul["unit"] = None
    _tanpa_unit(rencana["pohon"])
    rencana_impor(data=rencana, sumber="kembar")
    data = copy.deepcopy(data_evaluasi)
    data["opd"] = kedua.slug
    data["baris"] = data["baris"][:3]
    data["kinerja_pelayanan"]["baris"] = []
    evaluasi_renja_impor(data=data, sumber="kembar")
    dkukm = PerangkatDaerah.objects.get(slug="babel-dkukm")
    assert len(tabel_evaluasi(opd=kedua, tahun=2022).baris) == 3
    assert len(tabel_evaluasi(opd=dkukm, tahun=2022).baris) == 55
    assert {e.node.renstra.opd_id for e in evaluasi_renja_opd(opd=kedua, tahun=2022)} == {kedua.pk}


def _tanpa_unit(pohon: list[dict]) -> None:
    # The twin OPD has no units; the plan's unit refs would not resolve there.
    for simpul in pohon:
        simpul["unit"] = None
        _tanpa_unit(simpul.get("anak") or [])


@pytest.mark.django_db
def test_jumlah_kueri_tetap(demo_renja: list[str], django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    from sakip.renja.selectors import tabel_renja

    # Pages load the OPD with its Pemda (opd_terlihat), so the Pemda's capaian policy is free.
    dkukm = PerangkatDaerah.objects.select_related("pemda").get(slug="babel-dkukm")
    # 2 queries whatever the number of rows: the rows (with node and indicator joined) and the
    # nodes of their Renstra (to walk up to kegiatan and program).
    with django_assert_num_queries(2):
        tabel = tabel_evaluasi(opd=dkukm, tahun=2022)
    assert len(tabel.baris) == 55
    with django_assert_num_queries(2):
        assert len(tabel_renja(opd=dkukm, tahun=2024).baris) == 66
