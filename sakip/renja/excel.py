"""The Renja rows as a workbook: lossless export and import (the `renja-<year>.yaml` content).

Sheet "Dokumen" holds `opd` and `tahun` (key in A, value in B); sheet "Renja" has one row per
Renja row under a header row of the document's keys. Numbers are written as Indonesian text
("70.000.000"), exactly what the YAML holds, and read back through the one Indonesian parser; a
number typed as an Excel number is accepted when whole (a fractional Excel number arrives as a
binary float, which Sakip refuses on the money path). Every mapping read carries `_lokasi`, so the
importer's errors name cells ("Renja!G7").
"""

from io import BytesIO
from typing import Any

from sakip.core.impor import LOKASI, ImporGagal, KesalahanImpor
from sakip.engine.angka import format_masukan
from sakip.organisasi.models import PerangkatDaerah

from .selectors import baris_renja_opd

KOLOM = ("node", "indikator", "target", "satuan", "pagu_indikatif", "lokasi", "sumber_dana",
         "prakiraan_maju_target", "prakiraan_maju_pagu")
_UANG = {"pagu_indikatif", "prakiraan_maju_pagu"}


def renja_dokumen(*, opd: PerangkatDaerah, tahun: int) -> dict[str, Any]:
    """The stored Renja of a year as the document `renja_impor` reads (docs/formats/renja.md)."""
    def uang(nilai: Any) -> str | None:
        return None if nilai is None else format_masukan(nilai)

    return {
        "opd": opd.slug, "tahun": tahun,
        "baris": [
            {"node": b.node.ref, "indikator": b.indikator.ref, "target": b.target or None,
             "satuan": b.satuan or None, "pagu_indikatif": uang(b.pagu_indikatif),
             "prakiraan_maju": {"target": b.prakiraan_maju_target or None,
                                "pagu": uang(b.prakiraan_maju_pagu)},
             "lokasi": b.lokasi or None, "sumber_dana": b.sumber_dana or None}
            for b in baris_renja_opd(opd=opd, tahun=tahun)
        ],
    }


def _rata(baris: dict[str, Any]) -> dict[str, Any]:
    pm = baris.get("prakiraan_maju") or {}
    return {**{k: baris.get(k) for k in KOLOM if not k.startswith("prakiraan")},
            "prakiraan_maju_target": pm.get("target"), "prakiraan_maju_pagu": pm.get("pagu")}


def dokumen_ke_workbook(dokumen: dict[str, Any]) -> bytes:
    from openpyxl import Workbook

    buku = Workbook()
    ws = buku.active
    ws.title = "Dokumen"
    ws.append(["opd", dokumen["opd"]])
    ws.append(["tahun", dokumen["tahun"]])
    renja = buku.create_sheet("Renja")
    renja.append(list(KOLOM))
    for baris in dokumen["baris"]:
        datar = _rata(baris)
        renja.append([datar[k] for k in KOLOM])
    for sel in renja.iter_rows(min_row=2):
        for c in sel:
            c.number_format = "@"  # text: '70.000.000' must not become the number 70
    keluaran = BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def _nilai(nilai: Any) -> Any:
    if isinstance(nilai, bool) or nilai is None:
        return nilai
    if isinstance(nilai, float) and nilai.is_integer():
        return str(int(nilai))
    if isinstance(nilai, int):
        return str(nilai)
    if isinstance(nilai, str):
        return nilai.strip() or None
    return nilai  # a fractional float: the importer refuses it, located


def workbook_ke_dokumen(isi: bytes, *, sumber: str) -> dict[str, Any]:
    from openpyxl import load_workbook

    try:
        buku = load_workbook(BytesIO(isi), data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ImporGagal([KesalahanImpor(sumber, f"bukan buku kerja .xlsx yang dapat dibaca ({exc})")]) from exc
    galat = [KesalahanImpor(sumber, f"lembar {nama!r} tidak ada") for nama in ("Dokumen", "Renja")
             if nama not in buku.sheetnames]
    if galat:
        raise ImporGagal(galat)
    dokumen: dict[str, Any] = {LOKASI: {}}
    for a, b in buku["Dokumen"].iter_rows(min_row=1, max_col=2):
        if a.value in ("opd", "tahun"):
            dokumen[a.value] = b.value if a.value == "tahun" else _nilai(b.value)
            dokumen[LOKASI][a.value] = f"Dokumen!{b.coordinate}"
    ws = buku["Renja"]
    kepala = [str(c.value).strip() if c.value is not None else "" for c in ws[1]]
    hilang = [k for k in KOLOM if k not in kepala]
    if hilang:
        raise ImporGagal([KesalahanImpor("Renja!1:1", f"kolom {k!r} tidak ada di baris judul") for k in hilang])
    posisi = {k: kepala.index(k) for k in KOLOM}
    dokumen["baris"] = []
    for sel in ws.iter_rows(min_row=2):
        nilai = {k: _nilai(sel[j].value) if j < len(sel) else None for k, j in posisi.items()}
        if all(v is None for v in nilai.values()):
            continue
        lokasi = {k: f"Renja!{sel[j].coordinate}" for k, j in posisi.items() if j < len(sel)}
        baris = {k: v for k, v in nilai.items() if not k.startswith("prakiraan")}
        baris["prakiraan_maju"] = {
            "target": nilai["prakiraan_maju_target"], "pagu": nilai["prakiraan_maju_pagu"],
            LOKASI: {"target": lokasi["prakiraan_maju_target"], "pagu": lokasi["prakiraan_maju_pagu"],
                     "": lokasi["prakiraan_maju_target"]},
        }
        baris[LOKASI] = {**lokasi, "": lokasi["node"]}
        dokumen["baris"].append(baris)
    return dokumen
