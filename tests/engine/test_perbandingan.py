"""Comparisons: tables `tahun-lalu`, `target-akhir`, `nasional` of docs/algorithms/capaian.md."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip.engine import (
    Polaritas,
    bandingkan_nasional,
    bandingkan_tahun_lalu,
    bandingkan_target_akhir,
    hitung_capaian,
    kata_arah,
    kata_capaian,
)

from ._tabel_dok import KOSONG, angka, baca_tabel, kasus

TAHUN_LALU = baca_tabel("capaian.md", "tahun-lalu")
TARGET_AKHIR = baca_tabel("capaian.md", "target-akhir")
NASIONAL = baca_tabel("capaian.md", "nasional")


@pytest.mark.parametrize("r", kasus(TAHUN_LALU, "sumber"))
def test_tahun_lalu_seed(r: dict[str, str]) -> None:
    p = bandingkan_tahun_lalu(angka(r["sekarang"]), angka(r["lalu"]))
    assert p.selisih.label == "selisih (poin persen)" and p.rasio.label == "rasio"
    assert p.selisih.teks == r["selisih"]
    assert p.selisih.jejak == r["jejak selisih"]
    assert p.rasio.teks == r["rasio"]
    assert p.kata == p.selisih.kata == r["kata"]


@pytest.mark.parametrize("r", kasus(TARGET_AKHIR, "sumber"))
def test_target_akhir_seed(r: dict[str, str]) -> None:
    u = bandingkan_target_akhir(
        realisasi=angka(r["realisasi"]),
        target_akhir=angka(r["target akhir"]),
        tahun=int(r["tahun"]),
        tahun_akhir=int(r["tahun akhir"]),
    )
    assert u.label == (
        f"capaian s/d tahun {r['tahun']} terhadap target akhir Renstra ({r['tahun akhir']})"
    )
    assert u.teks == r["hasil"]
    assert u.jejak == r["jejak"]
    assert u.kata == ("" if r["kata"] == KOSONG else r["kata"])


@pytest.mark.parametrize("r", kasus(NASIONAL, "sumber"))
def test_nasional_seed(r: dict[str, str]) -> None:
    u = bandingkan_nasional(angka(r["daerah"]), angka(r["nasional"]), desimal=int(r["desimal"]))
    assert u.teks == r["hasil"]
    assert u.jejak == r["jejak"]


def test_target_akhir_tidak_dibatasi() -> None:
    from sakip.engine import KEMENPANRB, Kebijakan

    ntt = Kebijakan(batas_atas=Decimal(100), skala=KEMENPANRB)
    u = bandingkan_target_akhir(
        realisasi=Decimal("24.692"),
        target_akhir=Decimal("22.500"),
        tahun=2025,
        tahun_akhir=2026,
        kebijakan=ntt,
    )
    assert u.teks == "109,74%"


def test_kata_capaian_pasif_babel() -> None:
    # lkjip-2025: "… sebesar 110,72 % (kolom 8) terlampaui."
    c = hitung_capaian(
        polaritas=Polaritas.POSITIF, target=Decimal("22.300"), realisasi=Decimal("24.692")
    )
    assert kata_capaian(c) == "melampaui target"
    assert kata_capaian(c, pasif=True) == "terlampaui"
    tidak = hitung_capaian(polaritas=Polaritas.POSITIF, target=None, realisasi=Decimal(1))
    assert kata_capaian(tidak) == kata_capaian(tidak, pasif=True) == ""


@settings(deadline=None)
@given(st.decimals(min_value=-1000, max_value=1000, places=4))
def test_properti_kata_arah_sesuai_tanda_yang_tercetak(selisih: Decimal) -> None:
    kata = kata_arah(selisih)
    # The default policy prints half-up (0,005 → 0,01), not Decimal's default half-even.
    tercetak = selisih.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert kata == ("meningkat" if tercetak > 0 else "menurun" if tercetak < 0 else "tetap")
