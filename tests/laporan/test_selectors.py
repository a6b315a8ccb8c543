"""konten_laporan: complete, derived values computed, fixed query count, no leak between OPDs."""

from decimal import Decimal
from typing import Any

import pytest

from sakip.laporan.bagian import BAGIAN
from sakip.laporan.layanan import narasi_simpan
from sakip.laporan.selectors import konten_laporan
from sakip.testing.dunia import Dunia


def test_babel_lengkap(babel: Any, django_assert_num_queries: Any) -> None:
    # 1 report (+ its LHE, joined) + 9 prefetches (narasi, pegawai+unit, pegawai per jabatan, aset,
    # anggaran tahun lalu, rekomendasi LHE, penghargaan, crosscutting, tautan), whatever the row count
    with django_assert_num_queries(10):
        k = konten_laporan(opd=babel, tahun=2025)
    assert k.ada and [b.kode for b in k.bab] == ["awal", "I", "II", "III", "IV"]
    assert [b.kunci for b in k.semua_narasi] == [b.kunci for b in BAGIAN]  # every section, in print order
    assert sum(not b.kosong for b in k.semua_narasi) == 28
    assert k.narasi("faktor_penghambat").kosong and k.narasi("faktor_penghambat").versi == 0
    assert k.narasi("latar_belakang").paragraf[0].startswith("Penyusunan Laporan Kinerja")
    assert len(k.narasi("latar_belakang").paragraf) == 4
    assert k.penandatangan.nip == "198307292009031003"
    # DOMAIN §6: Tabel I.2 prints 24.724.560.984,32, its rows sum to 47.550.000 more
    assert k.aset_total == Decimal("24772110984.32")
    assert k.tercetak["aset_total"] == "24.724.560.984,32"
    assert k.anggaran_total == (Decimal("23077608564.00"), Decimal("21038543678.00"))
    assert k.anggaran_tahun_lalu[0].selisih == Decimal("-1881679522.00")
    assert k.pegawai == () and len(k.pegawai_per_jabatan) == 57
    assert k.lhe is not None
    assert k.lhe.nilai == Decimal("76.90") and k.lhe.tercetak["nilai"] == "76,90"  # derived = printed
    assert [kom.nilai for kom in k.lhe.komponen] == [Decimal("24.60"), Decimal("23.10"), Decimal("12.45"),
                                                      Decimal("16.75")]
    assert [r.tw for r in k.lhe.rekomendasi][0] == (False, False, True, False)
    assert len(k.crosscutting) == 9 and k.penghargaan[0].tahun == 2025 and len(k.tautan) == 7
    with pytest.raises(KeyError):
        k.narasi("tidak_ada")


def test_ntt_tanpa_lhe(ntt: Any) -> None:
    k = konten_laporan(opd=ntt, tahun=2024)
    assert k.lhe is None and k.narasi("sdm").teks.startswith("Sumber Daya Manusia")
    assert k.pegawai[0].unit and k.pegawai_total == (29, 34)
    assert "verifikasi" in k.tambahan


def test_belum_ada_satu_query(babel: Any, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):  # only the report row is looked for
        k = konten_laporan(opd=babel, tahun=2030)
    assert not k.ada and all(b.kosong for b in k.semua_narasi) and k.lhe is None


def test_dua_opd_tidak_bocor(dunia: Dunia) -> None:
    narasi_simpan(opd=dunia.opd_a1, tahun=2025, kunci="kesimpulan", teks="Milik a1", oleh=None, versi=None)
    narasi_simpan(opd=dunia.opd_b1, tahun=2025, kunci="kesimpulan", teks="Milik b1", oleh=None, versi=None)
    assert konten_laporan(opd=dunia.opd_a1, tahun=2025).narasi("kesimpulan").teks == "Milik a1"
    assert konten_laporan(opd=dunia.opd_b1, tahun=2025).narasi("kesimpulan").teks == "Milik b1"
    assert not konten_laporan(opd=dunia.opd_a2, tahun=2025).ada
