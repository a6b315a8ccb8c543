"""Import of renja-<year>.yaml and renja-evaluasi-<year>.yaml: demo, idempotence, located errors."""

import copy
from decimal import Decimal

import pytest

from sakip.core.impor import ImporGagal
from sakip.organisasi.models import PerangkatDaerah
from sakip.renja.impor import evaluasi_renja_impor, renja_impor
from sakip.renja.models import BarisRenja, EvaluasiRenja, KinerjaPelayanan, NilaiKinerjaPelayanan


def _opd() -> PerangkatDaerah:
    return PerangkatDaerah.objects.get(slug="babel-dkukm")


@pytest.mark.django_db
def test_demo_dimuat_lewat_langkah_load_demo(demo_renja: list[str]) -> None:
    assert "renja-2024.yaml: baris Renja: baru 66, diubah 0, tetap 0, dihapus 0" in demo_renja
    assert any(r.startswith("renja-evaluasi-2022.yaml: baris evaluasi Renja: baru 55") for r in demo_renja)
    assert BarisRenja.objects.filter(opd=_opd(), tahun=2024).count() == 66
    assert EvaluasiRenja.objects.filter(opd=_opd(), tahun=2022).count() == 55
    assert KinerjaPelayanan.objects.filter(opd=_opd(), tahun=2022).count() == 59


@pytest.mark.django_db
def test_nilai_baris_renja_eksak(demo_renja: list[str]) -> None:
    sk = BarisRenja.objects.get(opd=_opd(), tahun=2024, node__ref="SK1.1.1")
    assert (sk.target, sk.satuan, sk.sumber_dana, sk.lokasi) == ("7", "Dok", "APBD", "")
    assert sk.pagu_indikatif == Decimal("70000000.00")
    assert (sk.prakiraan_maju_target, sk.prakiraan_maju_pagu) == ("6", Decimal("75000000.00"))
    # Program rows carry no money of their own: the printed 13.633.250.262 is a roll-up.
    assert BarisRenja.objects.get(opd=_opd(), tahun=2024, indikator__ref="I-P1").pagu_indikatif is None


@pytest.mark.django_db
def test_nilai_evaluasi_dan_pelayanan(demo_renja: list[str]) -> None:
    ev = EvaluasiRenja.objects.get(opd=_opd(), tahun=2022, indikator__ref="I-SK1.1.1")
    assert ev.hanya_tahunan and ev.tw1_rp is None and ev.tw4_rp == Decimal("44371813.00")
    assert ev.realisasi_lalu_rp == Decimal("30469000.00") and ev.target_renja_k == Decimal(3)
    baris = KinerjaPelayanan.objects.get(opd=_opd(), tahun=2022, urutan=1)
    assert baris.indikator == "Bertambahnya Koperasi" and baris.satuan == "Unit"
    nilai = {(n.jenis, n.tahun): n.nilai for n in NilaiKinerjaPelayanan.objects.filter(baris=baris)}
    assert nilai[("target_renstra", 2019)] == Decimal(21)
    assert nilai[("realisasi", 2022)] == Decimal(27)
    assert nilai[("proyeksi", 2024)] == Decimal(32)


@pytest.mark.django_db
def test_impor_ulang_tidak_mengubah_apa_pun(demo_renja: list[str], data_renja: dict, data_evaluasi: dict) -> None:
    sebelum = list(EvaluasiRenja.objects.order_by("pk").values())
    assert renja_impor(data=data_renja, sumber="r").ringkasan() == \
        "baris Renja: baru 0, diubah 0, tetap 66, dihapus 0"
    hasil = evaluasi_renja_impor(data=data_evaluasi, sumber="e")
    assert (hasil.dibuat, hasil.diubah, hasil.tetap, hasil.dihapus) == (0, 0, 55, 0)
    assert list(EvaluasiRenja.objects.order_by("pk").values()) == sebelum
    assert KinerjaPelayanan.objects.filter(opd=_opd(), tahun=2022).count() == 59


@pytest.mark.django_db
def test_impor_ulang_mengubah_di_tempat_dan_menghapus_yang_hilang(
    demo_renja: list[str], data_renja: dict
) -> None:
    data = copy.deepcopy(data_renja)
    data["baris"][2]["pagu_indikatif"] = "71.000.000,50"
    del data["baris"][-1]  # the last row: deleting a middle one renumbers every row after it
    pk = BarisRenja.objects.get(opd=_opd(), tahun=2024, node__ref="SK1.1.1").pk
    hasil = renja_impor(data=data, sumber="r")
    assert (hasil.diubah, hasil.dihapus) == (1, 1)
    baris = BarisRenja.objects.get(pk=pk)
    assert baris.pagu_indikatif == Decimal("71000000.50")


@pytest.mark.django_db
def test_semua_kesalahan_berlokasi_dan_tidak_ada_yang_ditulis(demo_renja: list[str], data_evaluasi: dict) -> None:
    data = copy.deepcopy(data_evaluasi)
    data["baris"][0]["node"] = "TIDAK-ADA"
    data["baris"][3]["target_renja"]["rp"] = "44.397.000,001"
    data["baris"][3]["realisasi_tw"][0] = {"k": "1", "rp": None}  # year-only row with a TW I value
    data["baris"][4]["indikator"] = "I-P1"  # an indicator of another node
    data["kinerja_pelayanan"]["baris"][0]["realisasi"][2022] = "dua puluh"
    data["baris"][5]["target_renja"]["k"] = 3.5  # an unquoted YAML float
    sebelum = list(EvaluasiRenja.objects.order_by("pk").values())
    with pytest.raises(ImporGagal) as info:
        evaluasi_renja_impor(data=data, sumber="babel-dkukm/renja-evaluasi-2022.yaml")
    lokasi = [k.lokasi for k in info.value.kesalahan]
    awal = "babel-dkukm/renja-evaluasi-2022.yaml › "
    assert lokasi == [
        awal + "baris[0] › node",
        awal + "baris[3] › target_renja › rp",
        awal + "baris[3] › realisasi_tw",
        awal + "baris[4] › indikator",
        awal + "baris[5] › target_renja › k",
        awal + "kinerja_pelayanan › baris[0] › realisasi › 2022",
    ]
    assert list(EvaluasiRenja.objects.order_by("pk").values()) == sebelum


@pytest.mark.django_db
def test_opd_tahun_dan_baris_kembar(demo_renja: list[str], data_renja: dict) -> None:
    data = copy.deepcopy(data_renja)
    data["opd"] = "tidak-ada"
    data["tahun"] = "2024"
    with pytest.raises(ImporGagal) as info:
        renja_impor(data=data, sumber="r.yaml")
    assert [k.lokasi for k in info.value.kesalahan] == ["r.yaml › opd", "r.yaml › tahun"]
    data = copy.deepcopy(data_renja)
    data["baris"][1]["satuan"] = "x" * 101  # PostgreSQL would refuse it; SQLite would store it
    with pytest.raises(ImporGagal, match=r"baris\[1\] › satuan: paling banyak 100"):
        renja_impor(data=data, sumber="r.yaml")
    data = copy.deepcopy(data_renja)
    data["baris"].append(copy.deepcopy(data["baris"][0]))
    with pytest.raises(ImporGagal, match=r"baris\[66\].*sudah ada"):
        renja_impor(data=data, sumber="r.yaml")
