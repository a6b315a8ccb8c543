"""The capaian of an OPD-year as text (for people) and as JSON (for programs).

The JSON format is documented in docs/formats/capaian-json.md and is stable: numbers are
strings with a dot decimal (`"110.72645739910313901345291479820627802690582959641"`), never the
Indonesian notation; the only Indonesian-formatted strings are the worked computations
(`jejak`), which are prose for readers.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sakip.engine import TargetKualitatif, TargetRentang, TargetTitik, format_angka
from sakip.engine.agregasi import ROMAWI
from sakip.perencanaan.target import TargetTidakValid, baca_target

from .hitung import rapikan
from .models import HasilCapaian, HasilRollup
from .selectors import BarisLaporan, LaporanCapaian

FORMAT_JSON = "sakip-capaian/1"


def _angka(nilai: Decimal | None, desimal: int | None = None) -> str | None:
    """A number for JSON: plain digits, dot decimal, no exponent; the fixed-scale column's
    trailing zeros removed down to `desimal` places (24.69200000 → "24.692")."""
    if nilai is None:
        return None
    return format(rapikan(nilai, desimal), "f")


def _eksak(teks: str) -> str | None:
    return format(Decimal(teks), "f") if teks else None


def _target(teks: str, polaritas: str, skala: str) -> dict[str, Any] | None:
    if not teks:
        return None
    try:
        t = baca_target(teks, polaritas=polaritas, skala_kualitatif=skala)
    except TargetTidakValid:
        return {"jenis": "tidak_valid", "teks": teks}
    if isinstance(t, TargetTitik):
        return {"jenis": "titik", "nilai": format(t.nilai, "f")}
    if isinstance(t, TargetRentang):
        return {"jenis": "rentang", "bawah": format(t.bawah, "f"), "atas": format(t.atas, "f")}
    assert isinstance(t, TargetKualitatif)
    return {"jenis": "kualitatif", "label": t.label}


def _band(h: HasilCapaian | HasilRollup) -> dict[str, Any]:
    return {
        "band": h.band or None,
        "band_kode": h.band_kode or None,
        "warna": h.warna or None,
    }


def _indikator_json(b: BarisLaporan, desimal: int) -> dict[str, Any]:
    ind, h = b.indikator, b.hasil
    node = ind.node
    data: dict[str, Any] = {
        "ref": ind.ref,
        "nama": ind.nama,
        "satuan": ind.satuan,
        "iku": ind.iku,
        "polaritas": ind.polaritas,
        "agregasi": ind.agregasi,
        "formula": ind.formula or None,
        "node": {"ref": node.ref, "jenis": node.jenis, "uraian": node.uraian},
        "dihitung": h is not None,
    }
    if h is None:
        data.update(target=None, realisasi=None, capaian=None, jejak=[])
        return data
    kualitatif = ind.polaritas == "kualitatif"
    data["target"] = _target(h.target_teks, ind.polaritas, ind.skala_kualitatif)
    data["realisasi"] = {
        "nilai": None if kualitatif else _angka(h.realisasi, ind.desimal),
        "sd": None if kualitatif else _angka(h.realisasi_sd, ind.desimal),
        "label": (h.realisasi_teks or None) if kualitatif else None,
    }
    data["capaian"] = {
        "terukur": h.terukur,
        "nilai": _eksak(h.capaian_eksak),
        "nilai_tampil": _angka(h.nilai_tampil, desimal),
        **_band(h),
        "kata": h.kata or None,
        "dibatasi": h.dibatasi,
        "alasan": h.alasan or None,
    }
    data["jejak"] = h.jejak.splitlines()
    return data


def _rollup_json(h: HasilRollup | None, desimal: int) -> dict[str, Any] | None:
    if h is None:
        return None
    return {
        "terukur": h.terukur,
        "nilai": _eksak(h.nilai_eksak),
        "nilai_tampil": _angka(h.nilai_tampil, desimal),
        **_band(h),
        "jumlah_dihitung": h.jumlah_dihitung,
        "jumlah_dikecualikan": h.jumlah_dikecualikan,
        "alasan": h.alasan or None,
        "jejak": h.jejak.splitlines(),
    }


def capaian_json(laporan: LaporanCapaian) -> dict[str, Any]:
    opd = laporan.opd
    k = laporan.kebijakan
    r = laporan.renstra
    return {
        "format": FORMAT_JSON,
        "opd": {"slug": opd.slug, "nama": opd.nama},
        "pemda": {"slug": opd.pemda.slug, "nama": opd.pemda.nama},
        "tahun": laporan.tahun,
        "triwulan": laporan.triwulan,
        "renstra": None if r is None else {"nama": r.nama, "tahun_awal": r.tahun_awal, "tahun_akhir": r.tahun_akhir},
        "kebijakan": {
            "rumus_negatif": k.rumus_negatif.value,
            "batas_atas": _angka(k.batas_atas),
            "skala": k.skala.nama,
            "pembulatan": k.pembulatan.value,
            "desimal": k.desimal,
        },
        "indikator": [_indikator_json(b, k.desimal) for b in laporan.baris],
        "sasaran": [
            {
                "ref": s.node.ref,
                "uraian": s.node.uraian,
                "indikator": [b.indikator.ref for b in s.indikator],
                "capaian": _rollup_json(s.hasil, k.desimal),
            }
            for s in laporan.sasaran
        ],
        "capaian_opd": {
            "indikator": [b.indikator.ref for b in laporan.iku],
            "capaian": _rollup_json(laporan.opd_rollup, k.desimal),
        },
    }


# --------------------------------------------------------------------------- text


def _periode(laporan: LaporanCapaian) -> str:
    if laporan.triwulan:
        return f"TW {ROMAWI[laporan.triwulan - 1]} tahun {laporan.tahun}"
    return f"tahun {laporan.tahun}"


def _kebijakan_teks(laporan: LaporanCapaian) -> str:
    k = laporan.kebijakan
    batas = "tanpa batas atas" if k.batas_atas is None else f"batas atas {format_angka(k.batas_atas, None)}%"
    return (
        f"rumus negatif {k.rumus_negatif.value}, {batas}, skala {k.skala.nama}, "
        f"pembulatan {k.pembulatan.value}, {k.desimal} desimal"
    )


def _hasil_teks(h: HasilCapaian | HasilRollup | None) -> str:
    if h is None:
        return "belum dihitung (jalankan: sakip recompute)"
    if not h.terukur:
        return f"tidak terukur — {h.alasan}"
    band = f" {h.band}" + (f" ({h.band_kode})" if h.band_kode else "") if h.band else ""
    return f"{h.teks}{band}"


def capaian_teks(laporan: LaporanCapaian) -> str:
    opd = laporan.opd
    baris = [
        f"Capaian kinerja {opd.nama} — {opd.pemda.nama}, {_periode(laporan)}",
        f"Kebijakan: {_kebijakan_teks(laporan)}",
    ]
    if laporan.renstra is None:
        baris.append(f"Tidak ada Renstra yang berlaku untuk tahun {laporan.tahun}.")
        return "\n".join(baris)
    baris.append(f"Renstra: {laporan.renstra}")
    node_kini = None
    for b in laporan.baris:
        ind, h = b.indikator, b.hasil
        if ind.node_id != node_kini:
            node_kini = ind.node_id
            baris += ["", f"{ind.node.get_jenis_display()} {ind.node.ref}: {ind.node.uraian}"]
        tanda = " [IKU]" if ind.iku else ""
        baris.append(f"  {ind.ref}{tanda} {ind.nama}" + (f" ({ind.satuan})" if ind.satuan else ""))
        if h is None:
            baris.append(f"    {_hasil_teks(h)}")
            continue
        realisasi = h.realisasi_teks or "–"
        baris.append(
            f"    target {h.target_teks or '–'} | realisasi {realisasi} | capaian {_hasil_teks(h)}"
        )
        langkah = h.jejak.splitlines()
        if not h.terukur and langkah and langkah[-1] == f"tidak terukur: {h.alasan}":
            langkah.pop()  # the reason is already on the line above
        baris += [f"      {x}" for x in langkah]
    if laporan.sasaran:
        baris += ["", "Capaian sasaran (rata-rata indikator sasaran):"]
        for s in laporan.sasaran:
            baris.append(f"  {s.node.ref} {s.node.uraian}: {_hasil_teks(s.hasil)}")
            if s.hasil is not None and s.hasil.terukur:
                baris.append(f"      {s.hasil.jejak}")
    iku = ", ".join(b.indikator.ref for b in laporan.iku) or "tidak ada IKU"
    baris += ["", f"Capaian OPD (rata-rata IKU: {iku}): {_hasil_teks(laporan.opd_rollup)}"]
    if laporan.opd_rollup is not None and laporan.opd_rollup.terukur:
        baris.append(f"      {laporan.opd_rollup.jejak}")
    return "\n".join(baris)
