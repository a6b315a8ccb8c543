"""Word (.docx) renderers: the evaluation table (Tabel 2.1) and the Renja table (Bab IV).

Renderers only (no queries). A Word table is read, not recomputed, so numbers are written as
Indonesian text (`44.371.813`, `99,94`) — unlike the workbook, whose cells stay numbers.
The evaluation table leaves out the quarter columns 8–11, as the seed's Tabel 2.1 does: 29
columns do not fit a landscape page; the workbook (`keluaran.tabel_xlsx`) has all of them.
"""

from collections.abc import Sequence
from io import BytesIO
from typing import Any

from .evaluasi import BarisHasil, RingkasanProgram, TabelEvaluasi
from .keluaran import (
    KOLOM_DEPAN,
    KOLOM_KRP,
    PERSEN,
    PREDIKAT,
    RATA_RATA,
    krp_kolom,
    teks_angka,
    teks_k,
    urutan_tampil,
)
from .pagu import TabelRenja

MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_KOLOM_DOCX = [k for k in KOLOM_KRP if not k[2].startswith("tw")]

KOLOM_RENJA = (
    "No", "Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target", "Satuan",
    "Pagu Indikatif (Rp)", "Lokasi", "Sumber Dana", "Prakiraan Maju: Target", "Prakiraan Maju: Pagu (Rp)",
)


def _dokumen(judul: str) -> Any:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc = Document()
    bagian = doc.sections[0]
    bagian.orientation = WD_ORIENT.LANDSCAPE
    bagian.page_width, bagian.page_height = Cm(33), Cm(21.5)  # F4 landscape, usual in Pemda prints
    for sisi in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(bagian, sisi, Cm(1.5))
    doc.styles["Normal"].font.size = Pt(7)
    doc.add_heading(judul, level=2)
    return doc


def _simpan(doc: Any) -> bytes:
    keluaran = BytesIO()
    doc.save(keluaran)
    return keluaran.getvalue()


def _tabel(doc: Any, kepala: Sequence[Sequence[str]], isi: Sequence[Sequence[str]]) -> Any:
    tabel = doc.add_table(rows=0, cols=len(kepala[0]))
    tabel.style = "Table Grid"
    for baris in (*kepala, *isi):
        sel = tabel.add_row().cells
        for i, teks in enumerate(baris):
            sel[i].text = teks
    return tabel


def evaluasi_docx(tabel: TabelEvaluasi, *, judul_tabel: str) -> bytes:
    doc = _dokumen(judul_tabel)
    kepala_1 = [teks for _, teks in KOLOM_DEPAN]
    kepala_2 = [""] * len(KOLOM_DEPAN)
    kepala_3 = [no for no, _ in KOLOM_DEPAN]
    for no, teks, _ in _KOLOM_DOCX:
        kepala_1 += [teks, ""]
        kepala_2 += ["K", "Rp"]
        kepala_3 += [no, ""]
    isi: list[list[str]] = []
    kol_13 = len(KOLOM_DEPAN) + 2 * [a for _, _, a in _KOLOM_DOCX].index("capaian")
    no = 0
    for item in urutan_tampil(tabel):
        if isinstance(item, BarisHasil):
            if item.pertama:
                no += 1
            sel = [str(no) if item.pertama else "", item.masukan.kode if item.pertama else "",
                   item.masukan.uraian if item.pertama else "", item.masukan.nama_indikator]
            for _, _, atribut in _KOLOM_DOCX:
                nilai = krp_kolom(item, atribut)
                sel += [teks_k(item, atribut), teks_angka(nilai.rp, atribut in PERSEN)]
            isi.append(sel)
        elif isinstance(item, RingkasanProgram):
            for label, k, rp in (
                (RATA_RATA, teks_angka(item.rata_rata_k, True), teks_angka(item.rata_rata_rp, True)),
                (PREDIKAT, item.predikat.kode if item.predikat else "-",
                 item.predikat_rp.kode if item.predikat_rp else "-"),
            ):
                sel = ["", "", label, ""] + [""] * (2 * len(_KOLOM_DOCX))
                sel[kol_13], sel[kol_13 + 1] = k, rp
                isi.append(sel)
        else:
            sel = ["", "", "Jumlah", ""]
            nilai = {"target_renstra": item.target_renstra_rp, "realisasi_lalu": item.realisasi_lalu_rp,
                     "target_renja": item.target_renja_rp, "realisasi": item.realisasi_rp,
                     "capaian": item.capaian_rp, "realisasi_renstra": item.realisasi_renstra_rp,
                     "capaian_renstra": item.capaian_renstra_rp}
            for _, _, atribut in _KOLOM_DOCX:
                sel += ["", teks_angka(nilai[atribut], atribut in PERSEN)]
            isi.append(sel)
    _tabel(doc, [kepala_1, kepala_2, kepala_3], isi)
    return _simpan(doc)


def renja_docx(tabel: TabelRenja, *, judul_tabel: str) -> bytes:
    doc = _dokumen(judul_tabel)
    isi: list[list[str]] = []
    no = 0
    for b in tabel.baris:
        m = b.masukan
        if b.pertama:
            no += 1
        isi.append([
            str(no) if b.pertama else "", m.kode if b.pertama else "", m.uraian if b.pertama else "",
            m.nama_indikator, m.target or "-", m.satuan or "-",
            teks_angka(b.pagu_indikatif) if b.pertama else "", m.lokasi or "-", m.sumber_dana or "-",
            m.prakiraan_maju_target or "-", teks_angka(b.prakiraan_maju_pagu) if b.pertama else "",
        ])
    isi.append(["", "", "Jumlah", "", "", "", teks_angka(tabel.total_pagu_indikatif), "", "", "",
                teks_angka(tabel.total_prakiraan_maju_pagu)])
    _tabel(doc, [list(KOLOM_RENJA), [str(i) for i in range(1, len(KOLOM_RENJA) + 1)]], isi)
    return _simpan(doc)
