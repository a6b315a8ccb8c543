"""Organisation import: all-or-nothing, every error located, idempotent, officials' history."""

from datetime import date

import pytest

from sakip.core.impor import ImporGagal
from sakip.organisasi.impor import (
    organisasi_impor_opd,
    organisasi_impor_pemda,
    organisasi_impor_pengguna,
)
from sakip.organisasi.models import Pejabat, Pemda, PerangkatDaerah, UnitKerja
from sakip.organisasi.selectors import kepala_daerah_pada, pejabat_kepala_pada

PEMDA = {
    "pemda": [
        {
            "slug": "uji",
            "nama": "Provinsi Uji",
            "jenis": "provinsi",
            "kepala_daerah": [
                {"nama": "Pj. Lama", "jabatan": "Pj. Gubernur", "selesai": "2025-02-19"},
                {"nama": "Baru", "jabatan": "Gubernur", "mulai": "2025-02-20"},
            ],
            "kebijakan": {"batas_atas": "100", "skala": "kemenpanrb"},
        }
    ],
    "pengguna": [
        {"username": "uji.operator", "peran": "operator", "pemda": "uji", "opd": "uji-dinas"},
        {"username": "uji.admin", "peran": "admin", "pemda": "uji"},
    ],
}
OPD = {
    "slug": "uji-dinas",
    "pemda": "uji",
    "nama": "Dinas Uji",
    "unit_kerja": [{"slug": "sekretariat", "nama": "Sekretariat", "jenis": "sekretariat"}],
    "pejabat": [
        {"nama": "Kepala Lama", "nip": "196801011990031001", "jabatan": "Kepala Dinas",
         "mulai": "2020-01-01", "selesai": "2024-12-31"},
        {"nama": "Kepala Baru", "nip": "197502022000032002", "jabatan": "Kepala Dinas",
         "mulai": "2025-01-01"},
        {"nama": "Sekretaris", "jabatan": "Sekretaris", "unit": "sekretariat"},
    ],
}


def _impor_semua() -> None:
    organisasi_impor_pemda(data=PEMDA, sumber="pemda.yaml")
    organisasi_impor_opd(data=OPD, sumber="opd.yaml")
    organisasi_impor_pengguna(data=PEMDA, sumber="pemda.yaml", password="rahasia-uji-1")


@pytest.mark.django_db
def test_impor_lengkap_dan_riwayat_pejabat() -> None:
    _impor_semua()
    pemda = Pemda.objects.get(slug="uji")
    assert pemda.skala == "kemenpanrb" and str(pemda.batas_atas) == "100.00000000"
    opd = PerangkatDaerah.objects.get(slug="uji-dinas")
    assert pejabat_kepala_pada(opd=opd, tanggal=date(2024, 6, 1)).nama == "Kepala Lama"  # type: ignore[union-attr]
    assert pejabat_kepala_pada(opd=opd, tanggal=date(2025, 7, 1)).nama == "Kepala Baru"  # type: ignore[union-attr]
    assert kepala_daerah_pada(pemda=pemda, tanggal=date(2025, 1, 15)).nama == "Pj. Lama"  # type: ignore[union-attr]
    assert kepala_daerah_pada(pemda=pemda, tanggal=date(2025, 7, 1)).nama == "Baru"  # type: ignore[union-attr]
    from sakip.akun.models import User

    assert User.objects.get(username="uji.operator").check_password("rahasia-uji-1")


@pytest.mark.django_db
def test_impor_ulang_tidak_menggandakan() -> None:
    _impor_semua()
    _impor_semua()
    assert Pejabat.objects.count() == 3
    assert UnitKerja.objects.count() == 1
    from sakip.akun.models import Keanggotaan

    assert Keanggotaan.objects.count() == 2


@pytest.mark.django_db
def test_impor_gagal_menyebut_semua_kesalahan_dan_tidak_menyimpan_apa_pun() -> None:
    organisasi_impor_pemda(data=PEMDA, sumber="pemda.yaml")
    rusak = {
        **OPD,
        "nama": "",
        "unit_kerja": [{"slug": "x", "nama": "X", "jenis": "dinas-aneh"}],
        "pejabat": [
            {"nama": "A", "nip": "123", "jabatan": "Kepala", "mulai": "2025-13-01"},
            {"nama": "B", "jabatan": "Kabid", "unit": "tidak-ada",
             "mulai": "2025-02-01", "selesai": "2025-01-01"},
        ],
    }
    with pytest.raises(ImporGagal) as galat:
        organisasi_impor_opd(data=rusak, sumber="opd.yaml")
    pesan = [str(k) for k in galat.value.kesalahan]
    assert "opd.yaml › nama: wajib diisi" in pesan
    assert any("unit_kerja[1] › jenis" in p and "dinas-aneh" in p for p in pesan)
    assert any("pejabat[1] › nip" in p and "18 angka" in p for p in pesan)
    assert any("pejabat[1] › mulai" in p and "tanggal tidak valid" in p for p in pesan)
    assert any("pejabat[2] › unit" in p for p in pesan)
    assert any("pejabat[2] › selesai" in p for p in pesan)
    assert not PerangkatDaerah.objects.exists()
    assert not Pejabat.objects.exists()


@pytest.mark.django_db
def test_pengguna_peran_opd_tanpa_opd_ditolak_semuanya() -> None:
    organisasi_impor_pemda(data=PEMDA, sumber="pemda.yaml")
    organisasi_impor_opd(data=OPD, sumber="opd.yaml")
    data = {"pengguna": [
        {"username": "baik", "peran": "pembaca", "pemda": "uji"},
        {"username": "buruk", "peran": "kepala", "pemda": "uji"},
    ]}
    with pytest.raises(ImporGagal) as galat:
        organisasi_impor_pengguna(data=data, sumber="pemda.yaml", password="x-rahasia-9")
    assert "pengguna[2] › opd" in str(galat.value)
    from sakip.akun.models import User

    assert not User.objects.filter(username="baik").exists()


@pytest.mark.django_db
def test_teks_terlalu_panjang_ditolak_sebelum_menulis() -> None:
    # PostgreSQL would refuse the row mid-import; SQLite would keep it. Both must refuse it up front.
    organisasi_impor_pemda(data=PEMDA, sumber="pemda.yaml")
    panjang = {**OPD, "unit_kerja": [{"slug": "u" * 101, "nama": "Unit", "jenis": "bidang"}]}
    with pytest.raises(ImporGagal, match=r"unit_kerja\[1\] › slug: terlalu panjang \(101 karakter, paling banyak 100\)"):
        organisasi_impor_opd(data=panjang, sumber="opd.yaml")
    assert not PerangkatDaerah.objects.exists()
