"""The audit pages: an OPD's trail (filters, pages) and one record's trail, under the matrix."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sakip.akun.models import Peran
from sakip.audit.layanan import jejak_catat
from sakip.audit.models import AksiJejak, Jejak
from sakip.audit.views import PER_HALAMAN, url_objek
from sakip.testing.akses import periksa_matriks
from sakip.testing.dunia import Dunia
from sakip.testing.kasus_audit import jejak_dunia, kasus
from sakip.testing.kasus_perencanaan import rencana_dunia


def _klien(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_matriks_izin_audit(dunia: Dunia) -> None:
    daftar = kasus(dunia)
    assert periksa_matriks(dunia, daftar) == len(daftar) * (1 + 6 * 3)


def test_jejak_opd_terbaca_dan_tersaring(dunia: Dunia) -> None:
    node, ind = rencana_dunia(dunia)[dunia.opd_a1.pk]
    operator = dunia.pengguna_a[Peran.OPERATOR]
    lama = jejak_catat(oleh=operator, objek=ind, opd=dunia.opd_a1, aksi=AksiJejak.UBAH, alasan="Salah ketik",
                       perubahan={"target": {"label": "Target", "lama": "22.15000000", "baru": "22.30000000"}})
    assert lama is not None
    Jejak.objects.filter(pk=lama.pk).update(waktu=timezone.make_aware(dt.datetime(2025, 3, 1, 10)))
    jejak_catat(oleh=None, objek=node, opd=dunia.opd_a1, aksi=AksiJejak.BUAT,
                perubahan={"kode": {"label": "Kode", "lama": "", "baru": "2.17.03"}})
    client = _klien(dunia.pengguna_a[Peran.INSPEKTORAT])
    url = reverse("audit:opd", args=[dunia.opd_a1.slug])
    isi = client.get(url).content.decode()
    # Old → new, readable: Indonesian decimals; codes and years as stored; who and why.
    assert "<del>22,15</del>" in isi and "<ins>22,3</ins>" in isi
    assert "<ins>2.17.03</ins>" in isi
    assert "Salah ketik" in isi and str(operator) in isi and "Sistem" in isi
    assert "Dinas Dua A" not in isi.split("<main")[1].split("</hgroup>")[1]
    hanya_ubah = client.get(url, {"aksi": "ubah"}).content.decode()
    assert "Salah ketik" in hanya_ubah and "2.17.03" not in hanya_ubah
    jenis = client.get(url, {"jenis": "perencanaan.node"}).content.decode()
    assert "2.17.03" in jenis and "Salah ketik" not in jenis
    tanggal = client.get(url, {"dari": "2025-02-01", "sampai": "2025-03-01"}).content.decode()
    assert "Salah ketik" in tanggal and "2.17.03" not in tanggal


def test_saringan_salah_diberi_pesan_dan_diabaikan(dunia: Dunia) -> None:
    jejak_dunia(dunia)
    client = _klien(dunia.pengguna_a[Peran.PEMBACA])
    url = reverse("audit:opd", args=[dunia.opd_a1.slug])
    r = client.get(url, {"dari": "31-31-2025", "jenis": "tidak.ada"})
    isi = r.content.decode()
    assert r.status_code == 200
    assert "Tanggal awal tidak dikenali" in isi and "Jenis data itu tidak ada" in isi
    assert "Uji matriks" in isi  # the row is still shown: a bad filter hides nothing
    terbalik = client.get(url, {"dari": "2025-05-01", "sampai": "2025-04-01"}).content.decode()
    assert "Tanggal akhir harus sama dengan atau sesudah tanggal awal" in terbalik


def test_jejak_opd_berhalaman_dengan_query_tetap(dunia: Dunia, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    _, ind = rencana_dunia(dunia)[dunia.opd_a1.pk]
    for i in range(PER_HALAMAN + 5):
        jejak_catat(oleh=dunia.pengguna_a[Peran.OPERATOR], objek=ind, opd=dunia.opd_a1, aksi=AksiJejak.UBAH,
                    perubahan={"nama": {"label": "Nama", "lama": str(i), "baru": str(i + 1)}})
    client = _klien(dunia.pengguna_a[Peran.ADMIN])
    url = reverse("audit:opd", args=[dunia.opd_a1.slug])
    # session, user, memberships, OPD (mixin); kinds present; count; page rows (user, kind
    # joined); nav (OPDs, Pemda; an admin has no workflow inbox to count) = 9, whatever the
    # number of rows.
    with django_assert_num_queries(9):
        pertama = client.get(url + "?aksi=ubah").content.decode()
    assert f"{PER_HALAMAN + 5} catatan" in pertama and "Halaman 1 dari 2" in pertama
    assert "aksi=ubah&amp;halaman=2" in pertama
    kedua = client.get(url, {"aksi": "ubah", "halaman": "2"}).content.decode()
    assert kedua.count('class="jejak-baris') == 5


def test_jejak_satu_data(dunia: Dunia) -> None:
    jejak = jejak_dunia(dunia)
    j = jejak[dunia.opd_a1.pk]
    client = _klien(dunia.pengguna_a[Peran.OPERATOR])
    isi = client.get(url_objek(j.jenis, j.objek_id)).content.decode()
    assert "Riwayat indikator" in isi and "Uji matriks" in isi
    assert reverse("perencanaan:indikator", args=[dunia.opd_a1.slug, j.objek_id]) in isi
    assert client.get(reverse("audit:objek", args=["tidak.ada", "1"])).status_code == 404
    assert client.get(reverse("audit:objek", args=["perencanaan.indikator", "999999"])).status_code == 404


def test_jejak_data_tingkat_pemda_butuh_pemda(dunia: Dunia) -> None:
    j = jejak_catat(oleh=None, objek=dunia.pemda_a, pemda=dunia.pemda_a, aksi=AksiJejak.UBAH,
                    perubahan={"skala": {"label": "Skala", "lama": "kemenpanrb", "baru": "permendagri-86-2017"}})
    assert j is not None
    url = url_objek(ContentType.objects.get_for_model(dunia.pemda_a), str(dunia.pemda_a.pk))
    assert _klien(dunia.pengguna_a[Peran.OPERATOR]).get(url).status_code == 200
    assert _klien(dunia.pengguna_b[Peran.ADMIN]).get(url).status_code == 404
