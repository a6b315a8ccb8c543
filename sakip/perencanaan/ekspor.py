"""The plan as its document (docs/formats/rencana.md): the inverse of `impor.rencana_impor`.

Export → import is lossless: every field the importer reads is written here, revisions
included, so a document exported from one database imports identically into another.
"""

from typing import Any

from sakip.engine.angka import format_angka

from .models import DataElemen, Indikator, Renstra, RevisiTarget
from .selectors import SimpulPohon, pohon_renstra


def _revisi(revisi: list[RevisiTarget]) -> dict[str, Any]:
    hasil: dict[str, Any] = {}
    if not revisi:
        return {"target": {}, "target_akhir": ""}
    awal, *lanjut = revisi
    hasil["target"] = {n.tahun: n.teks for n in awal.nilai.all()}
    hasil["target_akhir"] = awal.target_akhir
    hasil["revisi"] = [
        {
            "label": rv.label,
            "tanggal": rv.tanggal,
            "alasan": rv.alasan,
            "target": {n.tahun: n.teks for n in rv.nilai.all()},
            "target_akhir": rv.target_akhir,
        }
        for rv in lanjut
    ]
    return hasil


def _indikator(ind: Indikator) -> dict[str, Any]:
    kebijakan: dict[str, Any] = {}
    if ind.kebijakan_rumus_negatif:
        kebijakan["rumus_negatif"] = ind.kebijakan_rumus_negatif
    if ind.kebijakan_batas_atur:
        batas = ind.kebijakan_batas_atas
        kebijakan["batas_atas"] = None if batas is None else format_angka(batas.normalize(), None)
    data: dict[str, Any] = {
        "ref": ind.ref,
        "nama": ind.nama,
        "satuan": ind.satuan,
        "polaritas": ind.polaritas,
        "skala_kualitatif": ind.skala_kualitatif or None,
        "desimal": ind.desimal,
        "agregasi": ind.agregasi,
        "formula": ind.formula or None,
        "formulasi": ind.formulasi,
        "sumber_data": ind.sumber_data,
        "iku": ind.iku,
        "sk_iku": ind.sk_iku,
        "baseline": {"tahun": ind.baseline_tahun, "nilai": ind.baseline_nilai} if ind.baseline_nilai else None,
        **_revisi(list(ind.revisi.all())),
        "kebijakan": kebijakan,
        "nasional": {n.tahun: n.teks for n in sorted(ind.nasional.all(), key=lambda n: n.tahun)},
    }
    return data


def _simpul(s: SimpulPohon) -> dict[str, Any]:
    n = s.node
    strategi = [x for x in n.strategi.all()]
    return {
        "jenis": n.jenis,
        "ref": n.ref,
        "kode": n.kode or None,
        "uraian": n.uraian,
        "kinerja": n.kinerja or None,
        "sasaran_pemda": sorted(sp.ref for sp in n.sasaran_pemda.all()),
        "unit": n.unit.slug if n.unit else None,
        "strategi": [x.uraian for x in strategi if x.jenis == "strategi"],
        "arah_kebijakan": [x.uraian for x in strategi if x.jenis == "arah_kebijakan"],
        "crosscutting": [{"dengan": c.dengan, "peran": c.peran} for c in n.crosscutting.all()],
        "indikator": [_indikator(i) for i in s.indikator],
        "anak": [_simpul(a) for a in s.anak],
    }


def rencana_dokumen(*, renstra: Renstra) -> dict[str, Any]:
    return {
        "opd": renstra.opd.slug,
        "renstra": {
            "nama": renstra.nama,
            "tahun_awal": renstra.tahun_awal,
            "tahun_akhir": renstra.tahun_akhir,
            "dasar_hukum": renstra.dasar_hukum,
            "sasaran_pemda": [
                {"ref": sp.ref, "uraian": sp.uraian} for sp in renstra.sasaran_pemda.order_by("pk")
            ],
        },
        "data_elemen": [
            {"kode": d.kode, "nama": d.nama, "satuan": d.satuan, "sumber": d.sumber,
             "formula": d.formula or None}
            for d in DataElemen.objects.filter(opd=renstra.opd).order_by("urutan")
        ],
        "pohon": [_simpul(s) for s in pohon_renstra(renstra=renstra)],
    }
