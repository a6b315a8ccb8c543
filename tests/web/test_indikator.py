"""The indicator page's measurement and audit sections (perencanaan:indikator, issue 7)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from sakip.akun.models import Peran
from sakip.pengukuran.layanan import realisasi_simpan
from sakip.testing.dunia import Dunia

from ._dasbor import TAHUN, isi_opd, klien


def test_halaman_indikator_capaian_bukti_narasi_jejak(dunia: Dunia) -> None:
    ind = isi_opd(dunia.opd_a1)[0]
    operator = dunia.pengguna_a[Peran.OPERATOR]
    realisasi_simpan(indikator=ind, tahun=TAHUN, triwulan=3, nilai=Decimal("12.5"), oleh=operator,
                     narasi={"penghambat": "Data BPS terlambat terbit."})
    isi = klien(dunia.pengguna_a[Peran.PEMBACA]).get(
        reverse("perencanaan:indikator", args=[dunia.opd_a1.slug, ind.pk]) + f"?tahun={TAHUN}"
    ).content.decode()
    bagian = isi.split('id="capaian"')[1]
    assert "90,00%" in bagian and "125,00%" in bagian  # TW I 9/10, TW III 12,5/10
    assert "× 100% = 90,00%" in bagian  # the worked computation, as stored
    assert "Laporan TW I" in isi  # evidence
    assert "Data BPS terlambat terbit." in isi  # narrative
    jejak = isi.split('id="jejak"')[1]
    assert "<ins>12,5</ins>" in jejak and str(operator) in jejak  # who changed what, old → new


@pytest.mark.parametrize("jumlah_simpan", [1, 4])
def test_halaman_indikator_jumlah_query_tetap(dunia: Dunia, jumlah_simpan: int, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    ind = isi_opd(dunia.opd_a1)[0]
    for i in range(jumlah_simpan):
        realisasi_simpan(indikator=ind, tahun=TAHUN, triwulan=4, nilai=Decimal(10 + i), oleh=None,
                         narasi={"upaya": f"Upaya {i}"})
    client = klien(dunia.pengguna_a[Peran.OPERATOR])
    url = reverse("perencanaan:indikator", args=[dunia.opd_a1.slug, ind.pk])
    client.get(url)  # content types cached by the first request of the process
    # session, user, memberships, OPD (4); indicator (1); revisions, target values, national
    # values (3); path nodes (1); results of every year, evidence, narratives (3); audit rows of
    # the indicator and its records (1); nav: OPDs, Pemda, workflow inbox (3) = 16, however many
    # quarters, changes or audit rows there are.
    with django_assert_num_queries(16):
        assert client.get(url).status_code == 200
