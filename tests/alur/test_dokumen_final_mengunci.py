"""A final PK / LKjIP freezes the data it was made from (issue 7: "the final document frozen").

The document is frozen as a file with its checksum (tests/alur/test_alur.py); here: the data behind
it cannot change either, until the admin reopens the document with a reason."""


import pytest
from django.core.exceptions import ValidationError

from sakip.akun.models import Peran
from sakip.alur.layanan import dokumen_buka_kunci, dokumen_finalkan
from sakip.kinerja.layanan import pk_perubahan_buat
from sakip.kinerja.models import PerjanjianKinerja
from sakip.laporan.layanan import narasi_simpan
from sakip.testing.dunia import Dunia
from sakip.testing.kasus_kinerja import TAHUN, kinerja_dunia


def _perubahan(dunia: Dunia) -> object:
    pk = PerjanjianKinerja.objects.get(opd=dunia.opd_a1, tahun=TAHUN)
    return pk_perubahan_buat(perjanjian=pk, dasar_ke=0, dasar_versi=None, alasan="Refocusing anggaran",
                             target={}, pagu={}, oleh=dunia.pengguna_a[Peran.OPERATOR])


def test_pk_final_menolak_perubahan_sampai_dibuka(dunia: Dunia) -> None:
    kinerja_dunia(dunia)
    kepala, admin = dunia.pengguna_a[Peran.KEPALA], dunia.pengguna_a[Peran.ADMIN]
    dokumen_finalkan(opd=dunia.opd_a1, tahun=TAHUN, jenis="pk", oleh=kepala)
    with pytest.raises(ValidationError) as galat:
        _perubahan(dunia)
    assert "sudah final" in str(galat.value) and "membuka" in str(galat.value)
    assert PerjanjianKinerja.objects.get(opd=dunia.opd_a1, tahun=TAHUN).versi.count() == 1
    dokumen_buka_kunci(opd=dunia.opd_a1, tahun=TAHUN, jenis="pk", oleh=admin, alasan="Perubahan PK Juni")
    assert _perubahan(dunia).ke == 1  # type: ignore[attr-defined]


def test_lkjip_final_menolak_ubah_narasi(dunia: Dunia) -> None:
    kinerja_dunia(dunia)
    operator, kepala = dunia.pengguna_a[Peran.OPERATOR], dunia.pengguna_a[Peran.KEPALA]
    assert narasi_simpan(opd=dunia.opd_a1, tahun=TAHUN, kunci="kata_pengantar", teks="Puji syukur …",
                         oleh=operator, versi=None)
    dokumen_finalkan(opd=dunia.opd_a1, tahun=TAHUN, jenis="lkjip", oleh=kepala)
    with pytest.raises(ValidationError) as galat:
        narasi_simpan(opd=dunia.opd_a1, tahun=TAHUN, kunci="kata_pengantar", teks="Diubah", oleh=operator,
                      versi=None)
    assert "Laporan Kinerja (LKjIP) 2025 sudah final" in str(galat.value)
    # Another OPD's report is not affected.
    assert narasi_simpan(opd=dunia.opd_a2, tahun=TAHUN, kunci="kata_pengantar", teks="Puji syukur …",
                         oleh=_operator_a2(dunia), versi=None)


def _operator_a2(dunia: Dunia) -> object:
    from sakip.akun.models import Keanggotaan, User

    user = User.objects.create_user("a2-operator", password="x")
    Keanggotaan.objects.create(user=user, peran=Peran.OPERATOR, pemda=dunia.pemda_a, opd=dunia.opd_a2)
    return user


