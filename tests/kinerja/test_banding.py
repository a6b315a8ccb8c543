"""The PK version comparison page names each sasaran, indicator and program beside its ref, in a
constant number of queries however many rows changed."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from sakip.akun.models import Peran
from sakip.kinerja.layanan import pk_perubahan_buat
from sakip.kinerja.models import AnggaranPK, KinerjaPK, VersiPK
from sakip.perencanaan.models import Indikator, JenisNode, Node
from sakip.testing import kueri
from sakip.testing.dunia import Dunia
from sakip.testing.kasus_kinerja import TAHUN, kinerja_dunia

PANJANG = ("Persentase pelaku industri kecil dan menengah yang memperoleh fasilitasi sertifikasi halal, "
           "standar nasional Indonesia dan hak kekayaan intelektual")


def _dua_versi(dunia: Dunia, tambahan: int) -> None:
    """The minimal PK of Dinas Satu A (S1/I1/P1) with `tambahan` more indicators and programs, and a
    Perubahan Kesatu (through the service) that changes every target and every pagu."""
    kinerja_dunia(dunia)
    induk = VersiPK.objects.get(perjanjian__opd=dunia.opd_a1, ke=0)
    baris = induk.kinerja.select_related("sasaran").get()
    komponen = induk.anggaran.get()
    s1 = baris.sasaran
    for i in range(2, 2 + tambahan):
        indikator = Indikator.objects.create(renstra=s1.renstra, node=s1, ref=f"I{i}", nama=f"{PANJANG} {i}",
                                             urutan=i)
        KinerjaPK.objects.create(versi=induk, sasaran=s1, indikator=indikator, target="10,00", urutan=i)
        program = Node.objects.create(renstra=s1.renstra, induk=s1, jenis=JenisNode.PROGRAM, ref=f"P{i}",
                                      uraian=f"Program tambahan {i}", urutan=i)
        AnggaranPK.objects.create(versi=induk, program=program, sumber=komponen.sumber, pagu=Decimal(1000 * i),
                                  urutan=i)
    induk.refresh_from_db()
    pk_perubahan_buat(perjanjian=induk.perjanjian, dasar_ke=0, dasar_versi=induk.versi, alasan="Refocusing",
                      target={k.pk: {"target": "12,00"} for k in induk.kinerja.all()},
                      pagu={a.pk: a.pagu + 1 for a in induk.anggaran.all()})


def _halaman(dunia: Dunia) -> Client:
    client = Client()
    client.force_login(dunia.pengguna_a[Peran.OPERATOR])
    return client


def _url(dunia: Dunia) -> str:
    return reverse("kinerja:pk-banding", args=[dunia.opd_a1.slug]) + f"?tahun={TAHUN}&a=0&b=1"


def test_banding_menyebut_nama_di_samping_ref(dunia: Dunia) -> None:
    _dua_versi(dunia, 1)
    html = _halaman(dunia).get(_url(dunia)).content.decode()
    # The minimal plan (sakip.testing.kasus_perencanaan): S1 "Sasaran Dinas Satu A", I1, P1.
    assert '<span class="ref">S1</span> · Sasaran Dinas Satu A' in html
    assert '<span class="ref">I1</span> · Indikator Dinas Satu A' in html
    assert f'<span class="ref">I2</span> · {PANJANG} 2' in html
    assert '<span class="ref">P1</span> · Program Dinas Satu A' in html
    assert "<del>10,00</del>" in html and "<ins>12,00</ins>" in html
    # As on the PK page, a sasaran's performance statement comes before its uraian.
    Node.objects.filter(renstra__opd=dunia.opd_a1, ref="S1").update(kinerja="Meningkatnya kinerja uji")
    html = _halaman(dunia).get(_url(dunia)).content.decode()
    assert '<span class="ref">S1</span> · Meningkatnya kinerja uji' in html


def test_banding_baris_di_luar_pohon_tanpa_nama(dunia: Dunia) -> None:
    # A named budget line (Penunjang, APBN) has no ref: its name alone, no " · ".
    _dua_versi(dunia, 0)
    baru = VersiPK.objects.get(perjanjian__opd=dunia.opd_a1, ke=1)
    AnggaranPK.objects.create(versi=baru, nama="APBN Dekonsentrasi", sumber="APBN", pagu=Decimal(5))
    html = _halaman(dunia).get(_url(dunia)).content.decode()
    assert '<td class="nama-ref">APBN Dekonsentrasi</td>' in html


def test_banding_menyebut_nama_unit(dunia: Dunia) -> None:
    # The unit column shows the unit's name, not its slug (the slug only keys the line).
    from sakip.organisasi.models import UnitKerja

    _dua_versi(dunia, 0)
    unit = UnitKerja.objects.create(opd=dunia.opd_a1, slug="bidang-uji", nama="Bidang Uji Coba", jenis="bidang")
    AnggaranPK.objects.filter(versi__perjanjian__opd=dunia.opd_a1).update(unit=unit)
    html = _halaman(dunia).get(_url(dunia)).content.decode()
    assert '<td data-label="Unit">Bidang Uji Coba</td>' in html
    assert "bidang-uji" not in html


# session + user + memberships + OPD (4), the years with data (1), the layout (kueri), the versions
# (1), each version's rows with their sasaran/indicator (2) and components with program/unit (2).
KUERI_BANDING = 5 + kueri.NAVIGASI + kueri.TUGAS + 5


@pytest.mark.parametrize("tambahan", [0, 5])
def test_banding_jumlah_kueri_tetap(dunia: Dunia, django_assert_num_queries, tambahan: int) -> None:  # type: ignore[no-untyped-def]
    _dua_versi(dunia, tambahan)
    client = _halaman(dunia)
    with django_assert_num_queries(KUERI_BANDING):
        html = client.get(_url(dunia)).content.decode()
    # Every row and component changed: 1 + tambahan of each, all with their names.
    assert html.count('<tr class="berubah">') == 2 * (1 + tambahan)
    assert html.count('<td class="nama-ref"><span class="ref">') == 3 * (1 + tambahan)
