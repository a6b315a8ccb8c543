"""The PK, Rencana Aksi and budget pages: permissions, query counts, revision, budget edit, downloads."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from sakip.akun.models import Peran
from sakip.audit.selectors import jejak_objek
from sakip.kinerja.models import BelanjaAnggaran, VersiPK
from sakip.testing import kueri
from sakip.testing.akses import periksa_matriks
from sakip.testing.dunia import Dunia
from sakip.testing.kasus_kinerja import TAHUN, kasus, kinerja_dunia


def test_matriks_izin(dunia: Dunia) -> None:
    daftar = kasus(dunia)
    assert periksa_matriks(dunia, daftar) == len(daftar) * (1 + 6 * 3)


def _operator(dunia: Dunia) -> Client:
    client = Client()
    client.force_login(dunia.pengguna_a[Peran.OPERATOR])
    return client


def _url(nama: str, dunia: Dunia, *args: object) -> str:
    return reverse(f"kinerja:{nama}", args=[dunia.opd_a1.slug, *args]) + f"?tahun={TAHUN}"


def _tambah_baris(dunia: Dunia, n: int) -> None:
    """n more budget lines and PK components, so a page doing a query per row would show it."""
    belanja = BelanjaAnggaran.objects.get(opd=dunia.opd_a1, tahun=TAHUN)
    versi = VersiPK.objects.get(perjanjian__opd=dunia.opd_a1)
    komponen = versi.anggaran.get()
    for i in range(n):
        belanja.pk, belanja.urutan = None, i + 1
        belanja.save()
        komponen.pk, komponen.urutan = None, i + 1
        komponen.save()


# The count of each page, the same with 1 row as with 6 (constant in the number of rows):
# session + user + memberships + OPD (4), the years with data (1 UNION query), the layout's
# navigation (base.html, not this app: kueri.NAVIGASI, and the operator's inbox count kueri.TUGAS),
# then:
TATA_LETAK = kueri.NAVIGASI + kueri.TUGAS
HALAMAN = [
    # versions (1), rows + their sasaran/indicator (1), components + program/unit/indicator (1),
    # the check of quarterly targets (1)
    ("pk", 5 + TATA_LETAK + 4),
    # versions (1); with one version there is nothing to compare
    ("pk-banding", 5 + TATA_LETAK + 1),
    # Rencana Aksi rows with node/indicator/unit (1)
    ("rencana-aksi", 5 + TATA_LETAK + 1),
    # lines (1), the Renstra's nodes (1), realisation per sasaran (1), revenue (1)
    ("anggaran", 5 + TATA_LETAK + 4),
]


@pytest.mark.parametrize(("nama", "n"), HALAMAN)
def test_jumlah_kueri_tetap(dunia: Dunia, django_assert_num_queries, nama: str, n: int) -> None:  # type: ignore[no-untyped-def]
    kinerja_dunia(dunia)
    client = _operator(dunia)
    with django_assert_num_queries(n):
        assert client.get(_url(nama, dunia)).status_code == 200
    _tambah_baris(dunia, 5)
    with django_assert_num_queries(n):
        assert client.get(_url(nama, dunia)).status_code == 200


def test_perubahan_pk_lewat_layar_dicatat_dan_dibandingkan(dunia: Dunia) -> None:
    kinerja_dunia(dunia)
    client = _operator(dunia)
    induk = VersiPK.objects.get(perjanjian__opd=dunia.opd_a1)
    baris = induk.kinerja.get()
    komponen = induk.anggaran.get()
    data = {"tahun": TAHUN, "dasar_ke": 0, "dasar_versi": induk.versi, "alasan": "",
            f"target_{baris.pk}": "12,00", f"target_tw4_{baris.pk}": "12,00", f"pagu_{komponen.pk}": "750.000,50"}
    # Without a reason: refused, the typed values shown again, nothing written.
    response = client.post(_url("pk-perubahan", dunia), data)
    assert response.status_code == 200
    assert "Alasan perubahan PK wajib diisi" in response.content.decode()
    assert 'value="750.000,50"' in response.content.decode()
    assert VersiPK.objects.filter(perjanjian__opd=dunia.opd_a1).count() == 1
    response = client.post(_url("pk-perubahan", dunia), {**data, "alasan": "Refocusing anggaran"})
    assert response.status_code == 302
    baru = VersiPK.objects.get(perjanjian__opd=dunia.opd_a1, ke=1)
    assert baru.label == "Perubahan Kesatu" and baru.alasan == "Refocusing anggaran"
    assert baru.kinerja.get().target == "12,00" and baru.kinerja.get().target_tw3 == "7,50"
    assert baru.anggaran.get().pagu == Decimal("750000.50")
    assert induk.kinerja.get().target == "10,00"  # the signed induk is untouched
    jejak = jejak_objek(baru).order_by("pk")
    assert [j.aksi for j in jejak] == ["buat", "ubah"]
    assert jejak[1].pengguna == dunia.pengguna_a[Peran.OPERATOR] and jejak[1].alasan == "Refocusing anggaran"
    perubahan = jejak[1].perubahan
    assert perubahan["target S1 / I1"] == {"label": "target S1 / I1", "lama": "",
                                           "baru": "12,00 | 2,50 | 5,00 | 7,50 | 12,00"}
    # The comparison page highlights exactly what changed.
    halaman = client.get(_url("pk-banding", dunia) + "&a=0&b=1").content.decode()
    assert "<del>10,00</del>" in halaman and "<ins>12,00</ins>" in halaman
    assert "<del>Rp 1.000.000</del>" in halaman and "<ins>Rp 750.000,50</ins>" in halaman
    # A second form opened on the induk is stale now: refused, nothing written.
    response = client.post(_url("pk-perubahan", dunia), {**data, "alasan": "Lagi"})
    assert "telah ditambahkan" in response.content.decode()
    assert VersiPK.objects.filter(perjanjian__opd=dunia.opd_a1).count() == 2


def test_ubah_baris_anggaran_dengan_kunci_optimis(dunia: Dunia) -> None:
    belanja = kinerja_dunia(dunia)[dunia.opd_a1.pk]
    client = _operator(dunia)
    url = reverse("kinerja:belanja-ubah", args=[dunia.opd_a1.slug, belanja.pk])
    data = {"pagu_sebelum": "1.000.000", "pagu_sesudah": "900.000", "realisasi": "850.000,25", "fisik": "95",
            "versi": belanja.versi, "alasan": "Koreksi SP2D"}
    assert client.post(url, data).status_code == 302
    belanja.refresh_from_db()
    assert belanja.realisasi == Decimal("850000.25") and belanja.versi == 1
    jejak = jejak_objek(belanja).get()
    assert jejak.perubahan["realisasi"]["lama"] == "800000.00"
    assert jejak.perubahan["realisasi"]["baru"] == "850000.25"
    assert jejak.alasan == "Koreksi SP2D"
    # The same form again (versi 0): someone saved meanwhile → refused, the input kept.
    response = client.post(url, {**data, "realisasi": "1"})
    assert response.status_code == 200
    assert "telah diubah" in response.content.decode() and 'value="1"' in response.content.decode()
    belanja.refresh_from_db()
    assert belanja.realisasi == Decimal("850000.25")
    # Bad input: a clear message, nothing stored.
    response = client.post(url, {**data, "versi": 1, "pagu_sesudah": "9,1,1"})
    assert response.status_code == 200 and "galat" in response.content.decode()


def test_unduhan_word(dunia: Dunia) -> None:
    kinerja_dunia(dunia)
    client = _operator(dunia)
    pk = client.get(_url("pk-docx", dunia))
    assert pk.status_code == 200 and pk["Content-Disposition"].endswith('pk-uji-a-satu-2025-induk.docx"')
    assert pk.content[:2] == b"PK"  # a zip: .docx
    ra = client.get(_url("rencana-aksi-docx", dunia))
    assert ra.status_code == 200 and ra.content[:2] == b"PK"
    assert client.get(reverse("kinerja:pk-docx", args=[dunia.opd_a1.slug]) + "?tahun=2019").status_code == 404
