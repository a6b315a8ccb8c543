"""Rating scales: table `skala` of docs/algorithms/capaian.md section 4, plus properties."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip.engine import (
    KEMENPANRB,
    PERMENDAGRI_86_2017,
    PREDIKAT_RENJA_86_2017,
    Band,
    SkalaPeringkat,
    SkalaTidakValid,
)

from ._tabel_dok import KOSONG, angka, baca_tabel, kasus

SKALA = {
    "PERMENDAGRI_86_2017": PERMENDAGRI_86_2017,
    "KEMENPANRB": KEMENPANRB,
    "PREDIKAT_RENJA_86_2017": PREDIKAT_RENJA_86_2017,
}
TABEL = baca_tabel("capaian.md", "skala")


@pytest.mark.parametrize("r", kasus(TABEL, "nilai"))
def test_band_seed(r: dict[str, str]) -> None:
    nilai = angka(r["nilai"])
    assert nilai is not None
    band = SKALA[r["skala"]].cari(nilai)
    assert band is not None
    assert band.label == r["band"]
    assert band.kode == ("" if r["kode"] == KOSONG else r["kode"])


def test_warna_hex() -> None:
    for skala in SKALA.values():
        for b in skala.band:
            assert b.warna_hex.startswith("#") and len(b.warna_hex) == 7


def _b(label: str, bawah: str | None, atas: str | None) -> Band:
    return Band(
        label,
        None if bawah is None else Decimal(bawah),
        None if atas is None else Decimal(atas),
        "#000000",
    )


@pytest.mark.parametrize(
    ("band", "pesan"),
    [
        ((), "tidak punya band"),
        ((_b("A", None, "50"), _b("B", "51", None)), "celah"),
        ((_b("A", None, "60"), _b("B", "50", None)), "tumpang tindih"),
        ((_b("A", None, "50"), _b("A", "50", None)), "kembar"),
        ((_b("A", None, "50"), _b("B", None, None)), "band pertama"),
        ((_b("A", None, None), _b("B", "50", None)), "band terakhir"),
        ((_b("A", "50", "40"),), "batas bawah harus < batas atas"),
        ((Band("A", None, None, "hijau"),), "hex"),
    ],
)
def test_skala_tidak_valid(band: tuple[Band, ...], pesan: str) -> None:
    with pytest.raises(SkalaTidakValid, match=pesan):
        SkalaPeringkat("uji", band)


def test_skala_tertutup_bisa_tanpa_band() -> None:
    skala = SkalaPeringkat("tertutup", (_b("A", "0", "50"), _b("B", "50", "100")))
    assert skala.cari(Decimal(-1)) is None
    assert skala.cari(Decimal(100)) is None  # half-open: 100 is outside [50, 100)
    assert skala.cari(Decimal("99.99")) == skala.band[1]


@settings(deadline=None)
@given(st.sampled_from(list(SKALA.values())), st.decimals(allow_nan=False, allow_infinity=False))
def test_properti_setiap_nilai_tepat_satu_band(skala: SkalaPeringkat, nilai: Decimal) -> None:
    memuat = [b for b in skala.band if b.memuat(nilai)]
    assert len(memuat) == 1
    assert skala.cari(nilai) is memuat[0]


@settings(deadline=None)
@given(
    st.lists(
        st.decimals(min_value=-1000, max_value=1000, places=2), min_size=1, max_size=6, unique=True
    ),
    st.decimals(min_value=-2000, max_value=2000, places=3),
)
def test_properti_skala_buatan_tanpa_celah(batas: list[Decimal], nilai: Decimal) -> None:
    batas = sorted(batas)
    tepi: list[Decimal | None] = [None, *batas, None]
    skala = SkalaPeringkat(
        "acak", tuple(Band(f"B{i}", tepi[i], tepi[i + 1], "#123456") for i in range(len(tepi) - 1))
    )
    assert sum(b.memuat(nilai) for b in skala.band) == 1
