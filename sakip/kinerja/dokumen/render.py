"""The Perjanjian Kinerja as a Word document, rendered from the editable template `pk.docx`.

A renderer in the pretix sense: `pk_render(konteks)` → (filename, mimetype, bytes); it never
touches a request. The template is data (rebuild it with `buat_template.py`, or replace it).
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

from sakip.engine.angka import format_angka, jumlahkan
from sakip.kinerja.models import RencanaAksi, VersiPK
from sakip.kinerja.selectors import pk_anggaran, pk_kinerja, rencana_aksi_opd
from sakip.organisasi.models import PerangkatDaerah

TEMPLATE = Path(__file__).with_name("pk.docx")
MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember")


@dataclass(frozen=True)
class KonteksPK:
    nama_berkas: str
    data: dict[str, Any]


def _rupiah(nilai: Decimal) -> str:
    return format_angka(nilai, 2 if nilai != nilai.to_integral_value() else 0)


def pk_konteks(*, opd: PerangkatDaerah, versi: VersiPK) -> KonteksPK:
    """Everything the template prints, as plain strings (Indonesian notation)."""
    tahun = versi.perjanjian.tahun
    judul = f"PERJANJIAN KINERJA TAHUN {tahun}" if versi.ke == 0 else (
        f"PERJANJIAN KINERJA {versi.label.upper()} TAHUN {tahun}")
    if versi.tanggal:
        tanggal = f"{versi.tanggal.day} {BULAN[versi.tanggal.month - 1]} {versi.tanggal.year}"
    else:
        tanggal = versi.tanggal_tercetak  # the seed prints only "Januari 2025"
    kinerja = [
        {"no": i, "sasaran": k.sasaran.kinerja or k.sasaran.uraian, "indikator": k.indikator.nama,
         "satuan": k.indikator.satuan, "target": k.target, "tw": [t or "-" for t in k.target_tw]}
        for i, k in enumerate(pk_kinerja(opd=opd, versi=versi), start=1)
    ]
    anggaran = []
    per_sumber: dict[str, list[Decimal]] = defaultdict(list)
    for i, a in enumerate(pk_anggaran(opd=opd, versi=versi), start=1):
        program = a.program.uraian if a.program else a.nama
        if a.program and a.unit:
            program = f"{program} ({a.unit.nama})"
        anggaran.append({"no": i, "program": program, "sumber": a.sumber, "pagu": _rupiah(a.pagu),
                         "keterangan": a.keterangan})
        per_sumber[a.sumber].append(a.pagu)
    ba = versi.berita_acara_nomor
    if ba and versi.berita_acara_tanggal:
        t = versi.berita_acara_tanggal
        ba = f"Nomor {ba} tanggal {t.day} {BULAN[t.month - 1]} {t.year}"
    data = {
        "judul": judul,
        "label": versi.label,
        "tahun": tahun,
        "opd_nama": opd.nama,
        "alasan": versi.alasan,
        "berita_acara": ba,
        "tempat_tanggal": ", ".join(x for x in (versi.tempat, tanggal) if x),
        "pihak_pertama": {"nama": versi.pihak_pertama_nama, "jabatan": versi.pihak_pertama_jabatan,
                          "nip": versi.pihak_pertama_nip, "pangkat": versi.pihak_pertama_pangkat},
        "pihak_kedua": {"nama": versi.pihak_kedua_nama, "jabatan": versi.pihak_kedua_jabatan},
        "kinerja": kinerja,
        "anggaran": anggaran,
        # Derived at render time, never stored (DOMAIN §4).
        "total_anggaran": [{"sumber": s, "pagu": _rupiah(jumlahkan(v))} for s, v in per_sumber.items()],
    }
    nama = f"pk-{opd.slug}-{tahun}-{'induk' if versi.ke == 0 else f'perubahan-{versi.ke}'}.docx"
    return KonteksPK(nama, data)


def pk_render(konteks: KonteksPK, *, template: Path = TEMPLATE) -> tuple[str, str, bytes]:
    from docxtpl import DocxTemplate

    dok = DocxTemplate(str(template))
    dok.render(konteks.data, autoescape=True)
    keluaran = BytesIO()
    dok.save(keluaran)
    return konteks.nama_berkas, MIMETYPE, keluaran.getvalue()


# ------------------------------------------------------------------------------- Rencana Aksi

TEMPLATE_RA = Path(__file__).with_name("rencana_aksi.docx")
# The three column groups of the seed's table (rencana-aksi-2024): sasaran strategis, program,
# kegiatan / sub kegiatan (one group for both).
KELOMPOK_RA = {"sasaran": 0, "program": 1, "kegiatan": 2, "sub_kegiatan": 2}


def _sel_ra(r: RencanaAksi, ulang: bool) -> dict[str, str]:
    # "TW 1 = 95" as the seed prints it; a quarter without target prints "-".
    target = "\n".join(f"TW {i} = {t or '-'}" for i, t in enumerate(r.target_tw, start=1))
    return {"uraian": "" if ulang else r.node.uraian, "indikator": r.indikator.nama,
            "satuan": r.indikator.satuan, "target": target}


def rencana_aksi_baris_cetak(baris: list[RencanaAksi]) -> list[dict[str, Any]]:
    """Rows grouped into the seed's printed lines: one line holds at most one sasaran, one program
    and one kegiatan/sub kegiatan, left to right. A row starts a new line when its group is already
    filled or lies left of the last filled one; a node's second indicator repeats no uraian."""
    kosong = {"uraian": "", "indikator": "", "satuan": "", "target": ""}
    garis: list[dict[str, Any]] = []
    kini: list[dict[str, str] | None] = [None, None, None]
    pj = ""
    terakhir: list[int | None] = [None, None, None]  # node of the last row printed in each group

    def tutup() -> None:
        if any(kini):
            garis.append({"kolom": [k or kosong for k in kini], "penanggung_jawab": pj})

    for r in baris:
        g = KELOMPOK_RA[r.tingkat]
        terisi = [i for i, k in enumerate(kini) if k is not None]
        if terisi and g <= max(terisi):
            tutup()
            kini, pj = [None, None, None], ""
        kini[g] = _sel_ra(r, ulang=terakhir[g] == r.node_id)
        terakhir[g] = r.node_id
        for lebih_kanan in range(g + 1, 3):
            terakhir[lebih_kanan] = None
        pj = pj or r.penanggung_jawab
    tutup()
    for i, g in enumerate(garis, start=1):
        g["no"] = i
    return garis


def rencana_aksi_konteks(*, opd: PerangkatDaerah, tahun: int) -> KonteksPK:
    baris = list(rencana_aksi_opd(opd=opd, tahun=tahun).order_by("urutan"))
    data = {"judul": "RENCANA AKSI", "opd_nama": opd.nama.upper(), "tahun": tahun,
            "baris": rencana_aksi_baris_cetak(baris)}
    return KonteksPK(f"rencana-aksi-{opd.slug}-{tahun}.docx", data)


def rencana_aksi_render(konteks: KonteksPK, *, template: Path = TEMPLATE_RA) -> tuple[str, str, bytes]:
    return pk_render(konteks, template=template)
