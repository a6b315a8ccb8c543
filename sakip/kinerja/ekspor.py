"""Stored PK, Rencana Aksi and budget as the documents of docs/formats/ (pk.md, rencana-aksi.md,
anggaran.md): the very mappings the importers read, so export → import is lossless.

Numbers are Indonesian text as the formats write them ("670.610.850", "22,300"); targets are the
stored text as typed. Derived values (totals, absorption, efficiency) are never exported.
"""

from decimal import Decimal
from typing import Any

from sakip.engine.angka import format_angka
from sakip.organisasi.models import PerangkatDaerah

from .models import BelanjaAnggaran, Pendapatan, RealisasiSasaran, VersiPK
from .selectors import pk_anggaran, pk_kinerja, rencana_aksi_opd


def teks_rupiah(nilai: Decimal | None) -> str | None:
    """Rupiah as the formats write it: sen only when there are sen ("5.695.798.296,82")."""
    if nilai is None:
        return None
    return format_angka(nilai, 2 if nilai != nilai.to_integral_value() else 0)


def _tw(teks: list[str]) -> list[str | None] | None:
    return [t or None for t in teks] if any(teks) else None


def pk_versi_dokumen(*, opd: PerangkatDaerah, versi: VersiPK) -> dict[str, Any]:
    """One version in the `versi:` item form of pk.md (3 queries: the version's rows)."""
    baris_kinerja = list(pk_kinerja(opd=opd, versi=versi))
    kinerja = [
        {"sasaran": k.sasaran.ref, "indikator": k.indikator.ref, "target": k.target,
         "target_tw": _tw(k.target_tw), "jenis_target_tw": k.jenis_target_tw or None,
         # Read-only context for a person editing the workbook (the importer ignores them).
         "indikator_nama": k.indikator.nama, "satuan": k.indikator.satuan}
        for k in baris_kinerja
    ]
    # A component's indicator is one of the version's rows (pk.md); else it is read by ref below.
    ind_ref = {k.indikator_id: k.indikator.ref for k in baris_kinerja}
    anggaran = []
    for a in pk_anggaran(opd=opd, versi=versi):
        anggaran.append({
            "program": a.program.ref if a.program else None, "nama": a.nama or None, "sumber": a.sumber,
            "pagu": teks_rupiah(a.pagu), "keterangan": a.keterangan or None, "kelompok": a.kelompok or None,
            "unit": a.unit.slug if a.unit else None,
            "indikator": (ind_ref.get(a.indikator_id) or a.indikator.ref) if a.indikator else None,
            "program_uraian": a.program.uraian if a.program else a.nama,
        })
    return {
        "jenis": versi.jenis, "ke": versi.ke, "tempat": versi.tempat or None, "tanggal": versi.tanggal,
        "tanggal_tercetak": versi.tanggal_tercetak or None, "alasan": versi.alasan or None,
        "berita_acara": {"nomor": versi.berita_acara_nomor or None, "tanggal": versi.berita_acara_tanggal},
        "pihak_pertama": {"nama": versi.pihak_pertama_nama, "jabatan": versi.pihak_pertama_jabatan,
                          "nip": versi.pihak_pertama_nip or None, "pangkat": versi.pihak_pertama_pangkat or None},
        "pihak_kedua": {"nama": versi.pihak_kedua_nama, "jabatan": versi.pihak_kedua_jabatan,
                        "nip": versi.pihak_kedua_nip or None},
        "kinerja": kinerja,
        "anggaran": anggaran,
    }


def pk_dokumen(*, opd: PerangkatDaerah, versi: VersiPK) -> dict[str, Any]:
    return {"opd": opd.slug, "tahun": versi.perjanjian.tahun, "versi": [pk_versi_dokumen(opd=opd, versi=versi)]}


def rencana_aksi_dokumen(*, opd: PerangkatDaerah, tahun: int) -> dict[str, Any]:
    baris = [
        {"tingkat": r.tingkat, "node": r.node.ref, "indikator": r.indikator.ref, "target_tw": _tw(r.target_tw),
         "penanggung_jawab": r.penanggung_jawab or None, "unit": r.unit.slug if r.unit else None,
         "uraian": r.node.uraian, "indikator_nama": r.indikator.nama, "satuan": r.indikator.satuan}
        for r in rencana_aksi_opd(opd=opd, tahun=tahun).order_by("urutan")
    ]
    return {"opd": opd.slug, "tahun": tahun, "baris": baris}


def anggaran_dokumen(*, opd: PerangkatDaerah, tahun: int) -> dict[str, Any]:
    belanja = [
        {"node": b.node.ref if b.node else None, "nama": b.nama or None, "sumber": b.sumber,
         "pagu_sebelum": teks_rupiah(b.pagu_sebelum), "pagu_sesudah": teks_rupiah(b.pagu_sesudah),
         "realisasi": teks_rupiah(b.realisasi),
         "fisik": None if b.fisik is None else format_angka(b.fisik, None),
         "kelompok": b.kelompok or None, "unit": b.unit.slug if b.unit else None,
         "uraian": b.node.uraian if b.node else b.nama}
        for b in BelanjaAnggaran.objects.filter(opd=opd, tahun=tahun).select_related("node", "unit")
        .order_by("urutan")
    ]
    per_sasaran = [
        {"sasaran": r.sasaran.ref, "realisasi": teks_rupiah(r.realisasi), "uraian": r.sasaran.uraian}
        for r in RealisasiSasaran.objects.filter(opd=opd, tahun=tahun).select_related("sasaran")
        .order_by("sasaran__urutan", "pk")
    ]
    pendapatan = [
        {"jenis": p.jenis, "target": teks_rupiah(p.target), "realisasi": teks_rupiah(p.realisasi)}
        for p in Pendapatan.objects.filter(opd=opd, tahun=tahun).order_by("urutan")
    ]
    return {"opd": opd.slug, "tahun": tahun, "belanja": belanja, "per_sasaran": per_sasaran,
            "pendapatan": pendapatan}
