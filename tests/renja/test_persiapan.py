"""`persiapan.py`: columns 5–7 of a new evaluation row (pure, no database)."""

from decimal import Decimal

import pytest

from sakip.core import fields
from sakip.renja.persiapan import (
    BarisLalu,
    SumberBaris,
    TargetK,
    isian_awal,
    realisasi_sd_tahun_ini,
    target_k,
)


@pytest.mark.parametrize(("teks", "polaritas", "hasil"), [
    ("81", "positif", TargetK(Decimal(81))),
    ("0,51", "positif", TargetK(Decimal("0.51"))),
    ("1.234,5", "negatif", TargetK(Decimal("1234.5"))),
    ("81%", "positif", TargetK(Decimal(81))),
    ("", "positif", TargetK()),
    ("  ", "negatif", TargetK()),
    ("Tersedia", "positif", TargetK(terbaca=False)),
    ("6 Dokumen", "positif", TargetK(terbaca=False)),
    ("3 - 10", "rentang", TargetK(rentang="3 - 10")),
    ("5", "rentang", TargetK(terbaca=False)),  # a point target for a range indicator
    ("10 - 3", "rentang", TargetK(terbaca=False)),
    ("WTP", "kualitatif", TargetK()),  # a label: no number field holds it, nothing to report
    ("0,123456789", "positif", TargetK(terbaca=False)),  # more decimals than the field keeps
    ("1" + "0" * 22, "positif", TargetK(terbaca=False)),  # more digits than NUMERIC(30, 8)
    ("1" + "0" * 21, "positif", TargetK(Decimal("1" + "0" * 21))),
])
def test_target_k(teks: str, polaritas: str, hasil: TargetK) -> None:
    assert target_k(teks, polaritas) == hasil


def test_batas_sama_dengan_field() -> None:
    from sakip.renja import persiapan

    assert (persiapan.NILAI_DESIMAL, persiapan.NILAI_DIGIT) == (fields.NILAI_DESIMAL, fields.NILAI_DIGIT)


LALU = BarisLalu(target_renstra_k=Decimal(6), target_renstra_rp=Decimal("63063104"),
                 realisasi_lalu_k=Decimal(3), realisasi_lalu_rp=Decimal("30469000"),
                 tw_k=(None, None, None, Decimal(7)), tw_rp=(None, None, None, Decimal("44371813")))


def test_realisasi_sd_tahun_ini() -> None:
    assert realisasi_sd_tahun_ini(LALU, jumlah_k=True) == (Decimal(10), Decimal("74840813"))
    assert realisasi_sd_tahun_ini(LALU, jumlah_k=False) == (None, Decimal("74840813"))
    kosong = BarisLalu()
    assert realisasi_sd_tahun_ini(kosong, jumlah_k=True) == (None, None)  # empty is not zero
    nol = BarisLalu(realisasi_lalu_rp=Decimal(0))
    assert realisasi_sd_tahun_ini(nol, jumlah_k=True) == (None, Decimal(0))


def _sumber(**isi: object) -> SumberBaris:
    dasar: dict[str, object] = {"polaritas": "positif", "agregasi": "jumlah", "target_renja": "7",
                                "pagu_indikatif": Decimal("70000000"), "dalam_periode": True,
                                "target_renstra": "6", "lalu": LALU}
    return SumberBaris(**{**dasar, **isi})  # type: ignore[arg-type]


def test_isian_awal_dalam_periode() -> None:
    isi = isian_awal(_sumber())
    assert (isi.target_renstra_k, isi.target_renstra_rp) == (Decimal(6), Decimal("63063104"))
    assert (isi.realisasi_lalu_k, isi.realisasi_lalu_rp) == (Decimal(10), Decimal("74840813"))
    assert (isi.target_renja_k, isi.target_renja_rp, isi.target_renja_terbaca) == (Decimal(7), Decimal("70000000"), True)


def test_isian_awal_di_luar_periode_hanya_kolom_7() -> None:
    isi = isian_awal(_sumber(dalam_periode=False))
    assert (isi.target_renstra_k, isi.target_renstra_rp, isi.realisasi_lalu_k, isi.realisasi_lalu_rp) == (None,) * 4
    assert (isi.target_renja_k, isi.target_renja_rp) == (Decimal(7), Decimal("70000000"))


def test_isian_awal_tanpa_tahun_lalu() -> None:
    isi = isian_awal(_sumber(lalu=None))
    assert (isi.target_renstra_k, isi.target_renstra_rp, isi.realisasi_lalu_k, isi.realisasi_lalu_rp) == (
        Decimal(6), None, None, None)


def test_isian_awal_target_renstra_dari_tahun_lalu_bila_rencana_kosong() -> None:
    assert isian_awal(_sumber(target_renstra="")).target_renstra_k == Decimal(6)
    rentang = BarisLalu(target_renstra_rentang="3 - 10")
    isi = isian_awal(_sumber(polaritas="rentang", target_renstra="", target_renja="2 - 8", lalu=rentang))
    assert (isi.target_renstra_k, isi.target_renstra_rentang, isi.target_renja_rentang) == (None, "3 - 10", "2 - 8")


def test_isian_awal_k_kolom_6_hanya_bila_dijumlahkan() -> None:
    for agregasi in ("nilai_akhir", "rata_rata", "kumulatif"):
        isi = isian_awal(_sumber(agregasi=agregasi))
        assert (isi.realisasi_lalu_k, isi.realisasi_lalu_rp) == (None, Decimal("74840813")), agregasi


def test_isian_awal_target_renja_tak_terbaca() -> None:
    isi = isian_awal(_sumber(target_renja="Tersedia"))
    assert (isi.target_renja_k, isi.target_renja_terbaca, isi.target_renja_rp) == (None, False, Decimal("70000000"))


def test_batas_nilai_sama_dengan_kolom_basis_data() -> None:
    # persiapan stays free of Django, so it keeps its own copy of NilaiField's size: the two must agree.
    from sakip.core import fields
    from sakip.renja import persiapan

    assert (persiapan.NILAI_DIGIT, persiapan.NILAI_DESIMAL) == (fields.NILAI_DIGIT, fields.NILAI_DESIMAL)
