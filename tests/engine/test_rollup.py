"""Roll-ups: table `rollup` of docs/algorithms/capaian.md section 5, plus an oracle property."""

from decimal import Decimal
from fractions import Fraction
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip.engine import (
    KEMENPANRB,
    Capaian,
    Kebijakan,
    Polaritas,
    capaian_opd,
    capaian_sasaran,
    hitung_capaian,
)
from sakip.engine.formula import Formula, NilaiFormula

from ._oracle import sama_dengan_oracle
from ._tabel_dok import KOSONG, baca_tabel, daftar_angka, kasus, kebijakan_dok

KEBIJAKAN = cast(dict[str, Kebijakan], kebijakan_dok())
TABEL = baca_tabel("capaian.md", "rollup")
NTT = Kebijakan(batas_atas=Decimal(100), skala=KEMENPANRB)


@pytest.mark.parametrize("r", kasus(TABEL, "kasus"))
def test_rollup_seed(r: dict[str, str]) -> None:
    capaian = {f"IKU {i + 1}": c for i, c in enumerate(daftar_angka(r["capaian"]))}
    bobot = None
    if r["bobot"] != KOSONG:
        bobot = {f"IKU {i + 1}": b for i, b in enumerate(daftar_angka(r["bobot"]))}
    hasil = capaian_opd(capaian, bobot=bobot, kebijakan=KEBIJAKAN[r["kebijakan"]])  # type: ignore[arg-type]
    assert hasil.teks == r["hasil"]
    assert hasil.jejak == r["jejak"]
    assert (hasil.band.label if hasil.band else KOSONG) == r["band"]
    assert hasil.jumlah_dihitung + hasil.jumlah_dikecualikan == len(capaian)


def _ntt(target: str, realisasi: Decimal) -> Capaian:
    return hitung_capaian(
        polaritas=Polaritas.POSITIF, target=Decimal(target), realisasi=realisasi, kebijakan=NTT
    )


def test_ntt_2024_dari_target_dan_realisasi() -> None:
    # lkip-2024 Tabel 3.2: 1,40 vs 1,3; 12,80 vs 12,5; 6,09 vs 55; cap 100 -> 70,36% Cukup Berhasil
    iku = {
        "kontribusi industri": _ntt("1.3", Decimal("1.40")),
        "kontribusi perdagangan": _ntt("12.5", Decimal("12.80")),
        "peningkatan ekspor": _ntt("55", Decimal("6.09")),
    }
    hasil = capaian_opd(iku, kebijakan=NTT)
    assert hasil.jejak == "(100 + 100 + 11,07) / 3 = 70,36%"
    assert hasil.band is not None and hasil.band.label == "Cukup Berhasil"
    assert hasil.nilai is not None
    assert sama_dengan_oracle(hasil.nilai, (100 + 100 + Fraction(609, 55)) / 3)


def test_ntt_2024_dari_data_mentah() -> None:
    # The same, with the export growth computed exactly from lkip-2024 Tabel 3.11.
    ekspor = Formula.parse("(ekspor - prev(ekspor)) / prev(ekspor) * 100").hitung(
        {"ekspor": Decimal(61081414)}, {"ekspor": Decimal(57576670)}
    )
    assert isinstance(ekspor, NilaiFormula)
    iku = {
        "a": _ntt("1.3", Decimal("1.40")),
        "b": _ntt("12.5", Decimal("12.80")),
        "c": _ntt("55", ekspor.nilai),
    }
    hasil = capaian_opd(iku, kebijakan=NTT)
    assert hasil.teks == "70,36%"
    assert hasil.band is not None and hasil.band.label == "Cukup Berhasil"


def test_sasaran_mengecualikan_yang_tidak_terukur_dengan_alasan() -> None:
    tanpa_target = hitung_capaian(polaritas=Polaritas.POSITIF, target=None, realisasi=Decimal(5))
    hasil = capaian_sasaran({"A": Decimal(80), "B": tanpa_target})
    assert hasil.nilai == 80 and hasil.jumlah_dihitung == 1
    assert hasil.dikecualikan == (("B", "target belum ditetapkan"),)
    pesan = "1 indikator tidak terukur dikecualikan: B (target belum ditetapkan)"
    assert hasil.jejak.endswith(pesan)


def test_bobot_nol_dan_negatif() -> None:
    hasil = capaian_opd({"A": Decimal(80), "B": Decimal(20)}, bobot={"B": Decimal(0)})
    assert hasil.nilai == 80 and hasil.jumlah_dihitung == 1 and hasil.jumlah_dikecualikan == 0
    with pytest.raises(ValueError):
        capaian_opd({"A": Decimal(80)}, bobot={"A": Decimal(-1)})


capaian_st = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**6, places=4))


@settings(deadline=None)
@given(
    st.lists(st.tuples(capaian_st, st.integers(min_value=0, max_value=5)), max_size=8),
    st.booleans(),
)
def test_properti_sama_dengan_rata_rata_naif(
    isi: list[tuple[Decimal | None, int]], berbobot: bool
) -> None:
    capaian = {f"i{n}": c for n, (c, _) in enumerate(isi)}
    bobot = {f"i{n}": Decimal(w) for n, (_, w) in enumerate(isi)} if berbobot else None
    hasil = capaian_opd(capaian, bobot=bobot)
    # Naive oracle: plain loops over Fractions.
    pembilang, penyebut, dikecualikan = Fraction(0), Fraction(0), 0
    for c, w in isi:
        if c is None:
            dikecualikan += 1
            continue
        bobot_i = w if berbobot else 1
        pembilang += Fraction(c) * bobot_i
        penyebut += bobot_i
    assert hasil.jumlah_dikecualikan == dikecualikan
    if penyebut == 0:
        assert not hasil.terukur and hasil.nilai is None
    else:
        assert hasil.nilai is not None
        assert sama_dengan_oracle(hasil.nilai, pembilang / penyebut)
