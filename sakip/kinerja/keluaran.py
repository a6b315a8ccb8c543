"""Outputs of an OPD-year: the PK and Rencana Aksi documents (renderers other apps call, e.g.
the registry of final documents), and the budget report as text (for people) and JSON (for
programs).

JSON format `sakip-anggaran/1`, documented in docs/algorithms/anggaran.md: numbers are plain
dot-decimal strings (Rupiah with two decimals, percentages unrounded), null = not measurable.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sakip.engine.angka import format_persen, format_rupiah
from sakip.organisasi.models import PerangkatDaerah

from .anggaran import Ringkasan
from .selectors import Kelompok, LaporanAnggaran, pk_versi_daftar

FORMAT_JSON = "sakip-anggaran/1"


class DokumenTidakAda(LookupError):
    """Nothing to render (no PK / Rencana Aksi for that OPD and year)."""


def render_pk(opd: PerangkatDaerah, tahun: int, ke: int | None = None) -> tuple[str, str, bytes]:
    """The PK of a year as Word: the version in force (the latest) unless `ke` names another."""
    from .dokumen.render import pk_konteks, pk_render

    daftar = pk_versi_daftar(opd=opd, tahun=tahun).select_related("perjanjian")
    versi = daftar.last() if ke is None else daftar.filter(ke=ke).first()
    if versi is None:
        raise DokumenTidakAda(f"Tidak ada PK {opd.slug} tahun {tahun}" + (f" versi ke {ke}" if ke is not None else ""))
    return pk_render(pk_konteks(opd=opd, versi=versi))


def render_rencana_aksi(opd: PerangkatDaerah, tahun: int) -> tuple[str, str, bytes]:
    from .dokumen.render import rencana_aksi_konteks, rencana_aksi_render

    konteks = rencana_aksi_konteks(opd=opd, tahun=tahun)
    if not konteks.data["baris"]:
        raise DokumenTidakAda(f"Tidak ada Rencana Aksi {opd.slug} tahun {tahun}")
    return rencana_aksi_render(konteks)


def _angka(nilai: Decimal | None) -> str | None:
    return None if nilai is None else format(nilai, "f")


def _ringkasan_json(r: Ringkasan | None) -> dict[str, str | None] | None:
    if r is None:
        return None
    return {
        "pagu_sebelum": _angka(r.pagu_sebelum),
        "pagu": _angka(r.pagu),
        "selisih": _angka(r.selisih),
        "realisasi": _angka(r.realisasi),
        "serapan": _angka(r.serapan),
        "efisiensi_rupiah": _angka(r.efisiensi_rupiah),
        "efisiensi_persen": _angka(r.efisiensi_persen),
    }


def _kelompok_json(k: Kelompok) -> dict[str, Any]:
    return {"kunci": k.kunci, "uraian": k.uraian, "sumber": k.sumber, **(_ringkasan_json(k.ringkasan) or {})}


def anggaran_json(lap: LaporanAnggaran) -> dict[str, Any]:
    return {
        "format": FORMAT_JSON,
        "opd": lap.opd.slug,
        "tahun": lap.tahun,
        "program": [_kelompok_json(k) for k in lap.per_program],
        "sasaran": [_kelompok_json(k) for k in lap.per_sasaran],
        "sumber": [_kelompok_json(k) for k in lap.per_sumber],
        "total_sasaran": _ringkasan_json(lap.total_sasaran),
        "total": _ringkasan_json(lap.total),
        "pendapatan": {
            "baris": [
                {"jenis": p.jenis, "target": _angka(r.pagu), "realisasi": _angka(r.realisasi),
                 "capaian": _angka(r.serapan)}
                for p, r in lap.pendapatan
            ],
            "total": None if lap.total_pendapatan is None else {
                "target": _angka(lap.total_pendapatan.pagu),
                "realisasi": _angka(lap.total_pendapatan.realisasi),
                "capaian": _angka(lap.total_pendapatan.serapan),
            },
        },
        "temuan": [{"baris": t.label, "pesan": t.pesan} for t in lap.temuan],
    }


def _rp(nilai: Decimal | None) -> str:
    return "-" if nilai is None else format_rupiah(nilai)


def _pct(nilai: Decimal | None) -> str:
    return "-" if nilai is None else format_persen(nilai)


def _baris_teks(label: str, r: Ringkasan) -> str:
    return (f"  {label[:60]:<60} pagu {_rp(r.pagu):>22}  realisasi {_rp(r.realisasi):>22}  "
            f"serapan {_pct(r.serapan):>8}  efisiensi {_rp(r.efisiensi_rupiah):>20} / "
            f"{_pct(r.efisiensi_persen):>7}")


def anggaran_teks(lap: LaporanAnggaran) -> str:
    baris = [f"Anggaran {lap.opd.nama} ({lap.opd.slug}) tahun {lap.tahun}"]
    for judul, daftar in (("Per program", lap.per_program), ("Per sasaran", lap.per_sasaran),
                          ("Per sumber dana", lap.per_sumber)):
        if daftar:
            baris.append(judul + ":")
            baris.extend(_baris_teks(f"{k.kunci} {k.uraian}" if k.kunci != k.uraian else k.kunci,
                                     k.ringkasan) for k in daftar)
    if lap.total_sasaran is not None:
        baris.append("Total program sasaran:")
        baris.append(_baris_teks("Jumlah", lap.total_sasaran))
    if lap.total is not None:
        baris.append("Total seluruh belanja:")
        baris.append(_baris_teks("Jumlah", lap.total))
    if lap.total_pendapatan is not None:
        r = lap.total_pendapatan
        baris.append(f"Pendapatan: target {_rp(r.pagu)}, realisasi {_rp(r.realisasi)}, "
                     f"capaian {_pct(r.serapan)}")
    for t in lap.temuan:
        baris.append(f"Periksa: {t.label}: {t.pesan}")
    baris.append("('-' = tidak terukur: realisasi tidak tercatat per baris, atau pagu 0)")
    return "\n".join(baris)
