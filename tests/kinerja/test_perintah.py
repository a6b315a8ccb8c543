"""`sakip anggaran <opd> <tahun> [--json]`."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.usefixtures("demo_kinerja")


def _jalankan(*args: str) -> str:
    out = StringIO()
    call_command("anggaran", *args, stdout=out)
    return out.getvalue()


def test_json_babel_2025(db: None) -> None:
    data = json.loads(_jalankan("babel-disperindag", "2025", "--json"))
    assert data["format"] == "sakip-anggaran/1"
    assert (data["opd"], data["tahun"]) == ("babel-disperindag", 2025)
    sasaran = {s["kunci"]: s for s in data["sasaran"]}
    assert sasaran["S1"]["pagu"] == "733718300.00"
    assert sasaran["S1"]["efisiensi_rupiah"] == "96740269.00"
    assert sasaran["S2"]["efisiensi_rupiah"] == "87143997.00"
    assert sasaran["S1"]["selisih"] == "-407264100.00"
    total = data["total_sasaran"]
    assert (total["pagu"], total["realisasi"]) == ("1423857293.00", "1239973027.00")
    assert total["serapan"].startswith("87.08548")
    assert set(total) == {"pagu_sebelum", "pagu", "selisih", "realisasi", "serapan",
                          "efisiensi_rupiah", "efisiensi_persen"}
    program = {p["kunci"]: p for p in data["program"]}
    assert program["P1"]["pagu"] == "670610850.00" and program["P1"]["realisasi"] is None
    assert data["total"]["realisasi"] is None  # realisation printed per sasaran only
    assert data["pendapatan"] == {"baris": [], "total": None}


def test_json_ntt_2024_efisiensi_persen(db: None) -> None:
    data = json.loads(_jalankan("ntt-disperindag", "2024", "--json"))
    p2 = next(p for p in data["program"] if p["kunci"] == "P2")
    assert p2["efisiensi_persen"].startswith("5.03")  # printed 1,61 in lkip-2024 Tabel 3.23
    sumber = {s["kunci"]: s for s in data["sumber"]}
    assert sumber["APBD"]["serapan"].startswith("89.48")
    assert sumber["APBN"]["serapan"].startswith("94.60")
    assert data["pendapatan"]["total"]["capaian"].startswith("69.13")  # 69,1353… → 69,14 printed
    assert data["temuan"] == []


def test_teks(db: None) -> None:
    teks = _jalankan("babel-disperindag", "2025")
    assert "Rp 96.740.269" in teks and "Rp 1.423.857.293" in teks and "87,09%" in teks


def test_opd_tidak_dikenal(db: None) -> None:
    with pytest.raises(CommandError):
        _jalankan("tidak-ada", "2025")
    with pytest.raises(CommandError):
        _jalankan("babel-disperindag", "1999")
