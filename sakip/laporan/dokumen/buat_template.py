"""Build the three editable LKjIP templates in `template/`: default.docx, babel.docx, ntt.docx.

    python -m sakip.laporan.dokumen.buat_template

Reproducible: the committed .docx files are exactly what this script writes. A Pemda may instead
open a template in Word, change wording, fonts, logo and order, and keep the `{{ … }}` /
`{%p … %}` / `{%tr … %}` tags (docxtpl, Jinja syntax). Keys: docs/laporan-dokumen.md.

- default: PermenPAN-RB 53/2014 (Lampiran III, format LKjIP) with arabic table numbers ("Tabel 3.2");
- babel: headings and numbering of the Babel LKjIP 2025 ("Tabel III.4 Target dan Realisasi");
- ntt: headings and numbering of the NTT LKIP 2024 ("Tabel 3.4 Pencapaian Kinerja Sasaran 1
  Indikator 1", Ringkasan Eksekutif with its IKU table).

Table and figure numbers are written by the template itself (`{{ nomor.tabel('III') }}` gives the
next number of chapter III), so a Pemda changes the style by editing the caption. Captions use the
paragraph styles "Keterangan Tabel" / "Keterangan Gambar": the renderer lists them in the Daftar
Tabel / Daftar Gambar (Word TOC fields, filled with page numbers when the PDF is made).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table

FOLDER = Path(__file__).with_name("template")
LEBAR_HALAMAN = 16.0  # cm between the margins (A4, 3 cm left, 2 cm right)
KEPALA_TABEL = "D9E2F3"


# --------------------------------------------------------------------------- document basics


def _gaya(doc: DocumentType) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Arial")
    pf = normal.paragraph_format
    pf.space_after = Pt(6)
    pf.line_spacing = 1.15
    for nama, ukuran, rata in (("Heading 1", 14, WD_ALIGN_PARAGRAPH.CENTER), ("Heading 2", 12, None),
                               ("Heading 3", 11, None)):
        g = doc.styles[nama]
        g.font.name = "Arial"
        g.font.size = Pt(ukuran)
        g.font.bold = True
        g.font.italic = False
        g.font.color.rgb = RGBColor(0, 0, 0)
        rfonts = g.element.rPr.rFonts
        for tema in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            # Theme fonts win over the named font: drop them so "Arial" applies.
            if rfonts.get(qn(tema)) is not None:
                del rfonts.attrib[qn(tema)]
        g.paragraph_format.space_before = Pt(12)
        g.paragraph_format.space_after = Pt(6)
        g.paragraph_format.keep_with_next = True
        if rata is not None:
            g.paragraph_format.alignment = rata
    for nama, basis in (("Keterangan Tabel", "Normal"), ("Keterangan Gambar", "Normal")):
        g = doc.styles.add_style(nama, WD_STYLE_TYPE.PARAGRAPH)
        g.base_style = doc.styles[basis]
        g.font.bold = True
        g.font.size = Pt(10)
        g.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        g.paragraph_format.space_before = Pt(6)
        g.paragraph_format.space_after = Pt(4)
        g.paragraph_format.keep_with_next = nama == "Keterangan Tabel"
    isi = doc.styles.add_style("Isi Tabel", WD_STYLE_TYPE.PARAGRAPH)
    isi.base_style = normal
    isi.font.size = Pt(8.5)
    isi.paragraph_format.space_after = Pt(0)
    isi.paragraph_format.space_before = Pt(0)
    isi.paragraph_format.line_spacing = 1.0
    kendali = doc.styles.add_style("Kendali", WD_STYLE_TYPE.PARAGRAPH)
    kendali.base_style = normal
    kendali.font.size = Pt(2)
    kiri = doc.styles.add_style("Isi Kiri", WD_STYLE_TYPE.PARAGRAPH)
    kiri.base_style = normal
    kiri.paragraph_format.space_after = Pt(2)
    kiri.paragraph_format.left_indent = Cm(0.6)
    sumber = doc.styles.add_style("Sumber Tabel", WD_STYLE_TYPE.PARAGRAPH)
    sumber.base_style = normal
    sumber.font.size = Pt(8)
    sumber.font.italic = True
    for nama in ("TOC 1", "TOC 2", "TOC 3"):
        try:
            doc.styles[nama]
        except KeyError:
            g = doc.styles.add_style(nama, WD_STYLE_TYPE.PARAGRAPH)
            g.base_style = normal
    for i, nama in enumerate(("TOC 1", "TOC 2", "TOC 3")):
        g = doc.styles[nama]
        g.paragraph_format.left_indent = Cm(0.6 * i)
        g.paragraph_format.space_after = Pt(2)
        g.font.bold = False
        tabs = g.paragraph_format.tab_stops
        tabs.add_tab_stop(Cm(LEBAR_HALAMAN), alignment=2, leader=1)  # right, dots


def _halaman(doc: DocumentType) -> None:
    s = doc.sections[0]
    s.page_width, s.page_height = Cm(21), Cm(29.7)
    s.left_margin, s.right_margin = Cm(3), Cm(2)
    s.top_margin, s.bottom_margin = Cm(2.5), Cm(2)
    s.footer_distance = Cm(1)


def _nomor_halaman(section, format_: str | None) -> None:  # type: ignore[no-untyped-def]
    """Page numbering of a section: format (lowerRoman / decimal) restarting at 1."""
    sect = section._sectPr
    for lama in sect.findall(qn("w:pgNumType")):
        sect.remove(lama)
    if format_ is None:
        return
    pg = OxmlElement("w:pgNumType")
    pg.set(qn("w:fmt"), format_)
    pg.set(qn("w:start"), "1")
    sect.append(pg)


def _field(paragraf, instruksi: str, hasil: str = "") -> None:  # type: ignore[no-untyped-def]
    def fld(jenis: str) -> None:
        r = paragraf.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), jenis)
        r._r.append(el)

    fld("begin")
    r = paragraf.add_run()
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = f" {instruksi} "
    r._r.append(it)
    fld("separate")
    paragraf.add_run(hasil)
    fld("end")


def _footer(section, teks: str, nomor: bool) -> None:  # type: ignore[no-untyped-def]
    section.footer.is_linked_to_previous = False
    p = section.footer.paragraphs[0]
    p.text = ""
    tabs = p.paragraph_format.tab_stops
    tabs.add_tab_stop(Cm(LEBAR_HALAMAN), alignment=2)
    run = p.add_run(teks)
    run.font.size = Pt(8)
    run.italic = True
    if nomor:
        p.add_run("\t")
        _field(p, "PAGE", "1")
    _garis_atas(p)


def _garis_atas(p) -> None:  # type: ignore[no-untyped-def]
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for k, v in (("w:val", "single"), ("w:sz", "4"), ("w:space", "4"), ("w:color", "808080")):
        top.set(qn(k), v)
    bdr.append(top)
    ppr.append(bdr)


def _arsir(sel, warna: str) -> None:  # type: ignore[no-untyped-def]
    tcpr = sel._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), warna)
    tcpr.append(shd)


def _ulang_kepala(baris) -> None:  # type: ignore[no-untyped-def]
    trpr = baris._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


# --------------------------------------------------------------------------- writer helpers


@dataclass
class Penulis:
    doc: DocumentType
    bab_tabel: str = "1"  # chapter label passed to nomor.tabel()

    def judul(self, teks: str, tingkat: int = 1, halaman_baru: bool = False) -> None:
        p = self.doc.add_heading(teks, tingkat)
        if halaman_baru:
            p.paragraph_format.page_break_before = True

    def par(self, teks: str, *, tebal: bool = False, miring: bool = False, tengah: bool = False,
            gaya: str | None = None, ukuran: float | None = None, rata_kanan: bool = False) -> None:
        p = self.doc.add_paragraph(style=gaya)
        run = p.add_run(teks)
        run.bold = tebal
        run.italic = miring
        if ukuran:
            run.font.size = Pt(ukuran)
        if tengah:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif rata_kanan:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif gaya is None:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    def narasi(self, kunci: str) -> None:
        """A narrative section: its paragraphs, or the shaded "belum diisi" marker."""
        p = self.doc.add_paragraph("{{r narasi_rt." + kunci + " }}")
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    def kendali(self, tag: str) -> None:
        self.doc.add_paragraph(tag, style="Kendali")

    def butir(self, teks: str) -> None:
        p = self.doc.add_paragraph(teks, style="List Bullet")
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    def keterangan_tabel(self, teks: str) -> None:
        self.doc.add_paragraph(f"Tabel {{{{ nomor.tabel('{self.bab_tabel}') }}}} {teks}", style="Keterangan Tabel")

    def keterangan_gambar(self, teks: str) -> None:
        self.doc.add_paragraph(f"Gambar {{{{ nomor.gambar('{self.bab_tabel}') }}}} {teks}",
                               style="Keterangan Gambar")

    def sumber(self, teks: str) -> None:
        self.doc.add_paragraph(teks, style="Sumber Tabel")

    def gambar(self, kunci: str) -> None:
        p = self.doc.add_paragraph("{{ grafik." + kunci + " }}")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def tabel(self, kepala: Sequence[str], baris: Sequence[str | Sequence[str]], lebar: Sequence[float],
              *, nomor_kolom: bool = True, tebal_baris: Sequence[int] = ()) -> Table:
        """Header row (+ the seeds' column-number row), then rows: a list of cell texts, or a
        `{%tr … %}` control string (a row of its own, removed by docxtpl)."""
        n = len(kepala)
        t = self.doc.add_table(rows=0, cols=n)
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        kepala_baris = [list(kepala)]
        if nomor_kolom:
            kepala_baris.append([str(i) for i in range(1, n + 1)])
        for isi in kepala_baris:
            r = t.add_row()
            _ulang_kepala(r)
            for sel, teks in zip(r.cells, isi, strict=True):
                sel.text = ""
                p = sel.paragraphs[0]
                p.style = "Isi Tabel"
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = p.add_run(teks)
                run.bold = True
                _arsir(sel, KEPALA_TABEL)
        for i, isi in enumerate(baris):
            r = t.add_row()
            if isinstance(isi, str):
                r.cells[0].text = isi
                r.cells[0].paragraphs[0].style = "Isi Tabel"
                continue
            for j, (sel, teks) in enumerate(zip(r.cells, isi, strict=True)):
                sel.text = ""
                p = sel.paragraphs[0]
                p.style = "Isi Tabel"
                run = p.add_run(teks)
                run.bold = i in tebal_baris
                if j == 0 or _angka_kolom(teks):
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if j == 0 else WD_ALIGN_PARAGRAPH.RIGHT
        # LibreOffice lays tables out from the grid (w:gridCol), Word from the cells: set both.
        for kolom, cm in zip(t.columns, lebar, strict=True):
            kolom.width = Cm(cm)
        for r in t.rows:
            for sel, cm in zip(r.cells, lebar, strict=True):
                sel.width = Cm(cm)
        tblpr = t._tbl.tblPr
        # Narrow cell margins (0,08 cm): money columns of 13 digits fit in 2,4 cm at 8,5 pt.
        mar = OxmlElement("w:tblCellMar")
        for sisi in ("left", "right"):
            el = OxmlElement(f"w:{sisi}")
            el.set(qn("w:w"), "45")
            el.set(qn("w:type"), "dxa")
            mar.append(el)
        tblpr.append(mar)
        tata = OxmlElement("w:tblLayout")
        tata.set(qn("w:type"), "fixed")
        tblpr.append(tata)
        self.doc.add_paragraph(style="Kendali")
        return t


def _angka_kolom(teks: str) -> bool:
    kunci = ("pagu", "realisasi", "sebelum", "sesudah", "selisih", "nilai", "rupiah", "efisiensi", "lalu }}",
             "ini }}", "total", "jumlah", "serapan", "persen")
    return teks.startswith("{{") and any(k in teks for k in kunci) and "uraian" not in teks


# --------------------------------------------------------------------------- variants


@dataclass
class Varian:
    nama: str
    bab: dict[str, str]  # chapter number → label in captions ("III" or "3")
    judul_laporan: str
    kata_pengantar: str
    ikhtisar: str
    ringkasan_tabel: bool  # NTT: IKU table in the executive summary
    per_indikator: bool  # NTT: analysis per indicator; Babel/default: per sasaran


BAWAAN = Varian(
    "default", {"1": "1", "2": "2", "3": "3", "4": "4", "L": "L"},
    "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)", "KATA PENGANTAR", "IKHTISAR EKSEKUTIF",
    ringkasan_tabel=True, per_indikator=False,
)
BABEL = Varian(
    "babel", {"1": "I", "2": "II", "3": "III", "4": "IV", "L": "L"},
    "LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN {{ tahun }}", "KATA PENGANTAR", "IKHTISAR EKSEKUTIF",
    ringkasan_tabel=False, per_indikator=False,
)
NTT = Varian(
    "ntt", {"1": "1", "2": "2", "3": "3", "4": "4", "L": "L"},
    "LAPORAN KINERJA INSTANSI PEMERINTAH (LKIP)", "PENGANTAR", "RINGKASAN EKSEKUTIF",
    ringkasan_tabel=True, per_indikator=True,
)


def _sampul(w: Penulis, v: Varian) -> None:
    d = w.doc
    for _ in range(5):
        d.add_paragraph()
    w.par("{{ pemda.pemerintah|upper }}", tebal=True, tengah=True, ukuran=14)
    w.par("{{ opd.nama_upper }}", tebal=True, tengah=True, ukuran=14)
    for _ in range(4):
        d.add_paragraph()
    w.par(v.judul_laporan, tebal=True, tengah=True, ukuran=20)
    if v.nama != "babel":
        w.par("TAHUN {{ tahun }}", tebal=True, tengah=True, ukuran=20)
    for _ in range(10):
        d.add_paragraph()
    w.par("{{ opd.nama_upper }}", tebal=True, tengah=True, ukuran=12)
    w.par("{{ opd.alamat }}", tengah=True, ukuran=10)
    w.par("{{ pemda.ibu_kota }}, {{ tahun + 1 }}", tengah=True, ukuran=11)


def _tanda_tangan(w: Penulis) -> None:
    t = w.doc.add_table(rows=1, cols=2)
    kiri, kanan = t.rows[0].cells
    kiri.width, kanan.width = Cm(8), Cm(8)
    kanan.text = ""
    baris = ["{{ penandatangan.tempat_tanggal }}", "{{ penandatangan.jabatan }}", "", "", "",
             "{{ penandatangan.nama }}", "{% if penandatangan.nip %}NIP. {{ penandatangan.nip }}{% endif %}"]
    p = kanan.paragraphs[0]
    for i, teks in enumerate(baris):
        if i:
            p = kanan.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(teks)
        run.bold = i == 5
        run.underline = i == 5
    w.doc.add_paragraph(style="Kendali")


def _depan(w: Penulis, v: Varian) -> None:
    w.judul(v.kata_pengantar, 1)
    w.narasi("kata_pengantar")
    _tanda_tangan(w)

    w.judul(v.ikhtisar, 1, halaman_baru=True)
    w.narasi("ikhtisar_pengantar")
    if v.ringkasan_tabel:
        w.bab_tabel = v.bab["L"]
        w.tabel(
            ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian"],
            ["{%tr for s in sasaran %}", "{%tr for i in s.indikator %}",
             ["{{ s.no }}", "{{ s.uraian }}", "{{ i.nama }}", "{{ i.satuan }}", "{{ i.target }}", "{{ i.realisasi }}",
              "{% cellbg i.warna %}{{r warna(i.capaian, i.warna_teks) }}"],
             "{%tr endfor %}", "{%tr endfor %}",
             ["", "RATA-RATA CAPAIAN", "", "", "", "", "{% cellbg capaian.warna %}{{r warna(capaian.rata_rata, capaian.warna_teks) }}"]],
            [1.0, 4.2, 4.6, 1.6, 1.5, 1.6, 1.7], nomor_kolom=False, tebal_baris=(5,),
        )
        w.par("{{ capaian.kalimat }}")
    w.kendali("{%p for ik in ikhtisar %}")
    w.par("{{ ik.no }}. {{ ik.paragraf }}")
    w.kendali("{%p endfor %}")
    w.narasi("ikhtisar_penutup")

    w.judul("DAFTAR ISI", 1, halaman_baru=True)
    p = w.doc.add_paragraph()
    _field(p, 'TOC \\o "1-3" \\h \\z \\u', "[Daftar isi diperbarui saat dokumen dibuka atau dicetak]")
    w.judul("DAFTAR TABEL", 1, halaman_baru=True)
    p = w.doc.add_paragraph()
    _field(p, 'TOC \\h \\z \\t "Keterangan Tabel,1"', "[Daftar tabel diperbarui saat dokumen dibuka atau dicetak]")
    w.judul("DAFTAR GAMBAR", 1, halaman_baru=True)
    p = w.doc.add_paragraph()
    _field(p, 'TOC \\h \\z \\t "Keterangan Gambar,1"', "[Daftar gambar diperbarui saat dokumen dibuka atau dicetak]")


# --------------------------------------------------------------------------- shared table blocks


def _tabel_pegawai(w: Penulis) -> None:
    w.kendali("{%p if pegawai.baris %}")
    w.tabel(["No", "Kelompok / Jabatan", "Formasi", "Terisi", "Laki-laki", "Perempuan"],
            ["{%tr for p in pegawai.baris %}",
             ["{{ loop.index }}", "{% if p.kelompok %}{{ p.kelompok }}: {% endif %}{{ p.jabatan }}",
              "{{ p.jumlah_formasi }}", "{{ p.jumlah_ada }}", "{{ p.l }}", "{{ p.p }}"],
             "{%tr endfor %}",
             ["", "Jumlah", "", "{{ pegawai.jumlah }}", "{{ pegawai.l }}", "{{ pegawai.p }}"]],
            [1.0, 7.6, 1.8, 1.8, 1.9, 1.9], tebal_baris=(3,))
    w.kendali("{%p else %}")
    w.par("{{r belum('Tabel pegawai') }}")
    w.kendali("{%p endif %}")


def _tabel_aset(w: Penulis) -> None:
    w.kendali("{%p if aset.baris %}")
    w.tabel(["No", "Kelompok", "Nama Barang", "Jumlah", "Satuan", "Nilai (Rp)", "Kondisi"],
            ["{%tr for a in aset.baris %}",
             ["{{ a.no }}", "{{ a.kelompok }}", "{{ a.nama }}", "{{ a.jumlah }}", "{{ a.satuan }}", "{{ a.nilai }}",
              "{{ a.kondisi }}"],
             "{%tr endfor %}",
             ["", "Jumlah", "", "", "", "{{ aset.total }}", ""]],
            [1.0, 3.0, 4.4, 1.6, 1.6, 2.8, 1.6], tebal_baris=(3,))
    w.kendali("{%p else %}")
    w.par("{{r belum('Tabel sarana dan prasarana') }}")
    w.kendali("{%p endif %}")


def _tabel_anggaran_banding(w: Penulis) -> None:
    w.kendali("{%p if anggaran_banding.baris %}")
    w.tabel(["No", "Uraian", "Tahun {{ tahun_lalu }} (Rp)", "Tahun {{ tahun }} (Rp)", "Selisih (Rp)"],
            ["{%tr for a in anggaran_banding.baris %}",
             ["{{ a.no }}", "{{ a.uraian }}", "{{ a.lalu }}", "{{ a.ini }}", "{{ a.selisih }}"],
             "{%tr endfor %}",
             ["", "Jumlah", "{{ anggaran_banding.lalu }}", "{{ anggaran_banding.ini }}", "{{ anggaran_banding.selisih }}"]],
            [1.0, 6.0, 3.0, 3.0, 3.0], tebal_baris=(3,))
    w.kendali("{%p else %}")
    w.par("{{r belum('Tabel perbandingan anggaran dengan tahun lalu') }}")
    w.kendali("{%p endif %}")


def _sumber_daya(w: Penulis, judul_pegawai: str, judul_aset: str) -> None:
    """Staff, assets and budget against last year, each with the text under it (Bab I)."""
    w.keterangan_tabel(judul_pegawai)
    _tabel_pegawai(w)
    w.narasi("sdm")
    w.keterangan_tabel(judul_aset)
    _tabel_aset(w)
    w.narasi("sarana_prasarana")
    w.keterangan_tabel("Perbandingan Anggaran Tahun {{ tahun_lalu }} dan {{ tahun }}")
    _tabel_anggaran_banding(w)
    w.narasi("dukungan_anggaran")


def _tabel_lhe(w: Penulis) -> None:
    w.kendali("{%p if lhe %}")
    w.par("Laporan Hasil Evaluasi (LHE) SAKIP Nomor {{ lhe.nomor }}{% if lhe.tanggal %} tanggal {{ lhe.tanggal }}"
          "{% endif %}: predikat {{ lhe.predikat }} ({{ lhe.interpretasi }}).")
    w.kendali("{%p endif %}")
    w.kendali("{%p if lhe_rekomendasi %}")
    w.tabel(["No", "Rekomendasi", "Tindak Lanjut", "Target", "Waktu", "TW I", "TW II", "TW III", "TW IV",
             "Status", "Bukti"],
            ["{%tr for r in lhe_rekomendasi %}",
             ["{{ r.no }}", "{{ r.uraian }}", "{{ r.tindak_lanjut }}", "{{ r.target }}", "{{ r.waktu }}",
              "{{ r.tw[0] }}", "{{ r.tw[1] }}", "{{ r.tw[2] }}", "{{ r.tw[3] }}", "{{ r.status }}", "{{ r.bukti }}"],
             "{%tr endfor %}"],
            [0.8, 3.0, 3.0, 1.3, 1.3, 0.8, 0.8, 0.8, 0.8, 1.4, 2.0])
    w.kendali("{%p else %}")
    w.par("{{r belum('Tindak lanjut rekomendasi LHE SAKIP') }}")
    w.kendali("{%p endif %}")


def _tabel_renstra(w: Penulis, judul: str) -> None:
    w.keterangan_tabel(judul)
    # Five year columns: a Renstra spans five years (an RPD-based one four; the fifth stays empty).
    w.tabel(["No", "Sasaran", "Indikator (Satuan)", "Baseline", "Target",
             *[f"{{{{ renstra.kolom[{i}] }}}}" for i in range(5)], "Akhir"],
            ["{%tr for r in renstra_target %}",
             ["{{ r.no }}", "{{ r.sasaran }}", "{{ r.indikator }} ({{ r.satuan }})",
              "{{ r.baseline }}", "{{ r.revisi }}", *[f"{{{{ r.target[{i}] }}}}" for i in range(5)],
              "{{ r.target_akhir }}"],
             "{%tr endfor %}"],
            [0.6, 2.7, 3.1, 1.2, 2.1, 1.15, 1.15, 1.15, 1.15, 1.15, 1.2])
    w.sumber("Sumber: {{ renstra.nama }}{% if renstra.dasar_hukum %} ({{ renstra.dasar_hukum }}){% endif %}")


def _tabel_strategi(w: Penulis, judul: str) -> None:
    w.keterangan_tabel(judul)
    w.kendali("{%p if strategi %}")
    w.tabel(["No", "Tujuan / Sasaran", "Strategi", "Arah Kebijakan"],
            ["{%tr for s in strategi %}", ["{{ s.no }}", "{{ s.uraian }}", "{{ s.strategi }}", "{{ s.arah }}"],
             "{%tr endfor %}"],
            [1.0, 4.5, 5.2, 5.3])
    w.kendali("{%p else %}")
    w.par("{{r belum('Strategi dan arah kebijakan pada Renstra') }}")
    w.kendali("{%p endif %}")


def _tabel_program(w: Penulis, judul_langsung: str, judul_pendukung: str) -> None:
    w.keterangan_tabel(judul_langsung)
    w.tabel(["No", "Sasaran / Program / Kegiatan", "Kode", "Sebelum Perubahan (Rp)", "Setelah Perubahan (Rp)",
             "Selisih (Rp)"],
            ["{%tr for b in struktur_program.baris %}",
             ["{{ loop.index }}", "{% if b.tingkat == 'program' %}   {% elif b.tingkat == 'kegiatan' %}      - {% endif %}"
              "{{ b.uraian }}", "{{ b.kode }}", "{{ b.sebelum }}", "{{ b.sesudah }}", "{{ b.selisih }}"],
             "{%tr endfor %}",
             ["", "{{ struktur_program.total.uraian }}", "", "{{ struktur_program.total.sebelum }}",
              "{{ struktur_program.total.sesudah }}", "{{ struktur_program.total.selisih }}"]],
            [0.7, 5.9, 1.9, 2.5, 2.5, 2.5], tebal_baris=(3,))
    w.kendali("{%p if struktur_program.pendukung %}")
    w.keterangan_tabel(judul_pendukung)
    w.tabel(["No", "Program", "Sumber Dana", "Sebelum Perubahan (Rp)", "Setelah Perubahan (Rp)", "Selisih (Rp)"],
            ["{%tr for b in struktur_program.pendukung %}",
             ["{{ loop.index }}", "{{ b.uraian }}", "{{ b.sumber }}", "{{ b.sebelum }}", "{{ b.sesudah }}",
              "{{ b.selisih }}"],
             "{%tr endfor %}",
             ["", "{{ struktur_program.total_semua.uraian }}", "", "{{ struktur_program.total_semua.sebelum }}",
              "{{ struktur_program.total_semua.sesudah }}", "{{ struktur_program.total_semua.selisih }}"]],
            [0.7, 5.4, 2.4, 2.5, 2.5, 2.5], tebal_baris=(3,))
    w.kendali("{%p endif %}")


def _tabel_iku(w: Penulis, judul: str) -> None:
    w.keterangan_tabel(judul)
    w.tabel(["No", "Sasaran", "Indikator Kinerja Utama", "Formulasi Perhitungan", "Satuan", "Sumber Data",
             "Target"],
            ["{%tr for i in iku %}",
             ["{{ i.no }}", "{{ i.sasaran }}", "{{ i.indikator }}", "{{ i.formulasi }}", "{{ i.satuan }}",
              "{{ i.sumber_data }}", "{{ i.target }}"],
             "{%tr endfor %}"],
            [0.8, 2.8, 3.2, 4.0, 1.4, 2.4, 1.4])


def _pk(w: Penulis, judul_kinerja: str, judul_anggaran: str, nomor_sub: str | None) -> None:
    w.kendali("{%p for v in pk %}")
    if nomor_sub:
        w.judul(nomor_sub + ".{{ loop.index }} {{ v.judul }}", 3)
    else:
        w.par("{{ v.judul }}", tebal=True)
    w.par("Ditandatangani {% if v.tempat %}di {{ v.tempat }} {% endif %}pada {{ v.tanggal }} oleh "
          "{{ v.pihak_pertama }} dan {{ v.pihak_kedua }}.{% if not v.induk %} Perubahan dilakukan karena "
          "{{ v.alasan }}{% if v.berita_acara %} (Berita Acara {{ v.berita_acara }}){% endif %}.{% endif %}")
    w.keterangan_tabel(judul_kinerja + " {{ v.label }}")
    w.tabel(["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "TW I", "TW II", "TW III",
             "TW IV"],
            ["{%tr for k in v.kinerja %}",
             ["{{ k.no }}", "{{ k.sasaran }}", "{{ k.indikator }}", "{{ k.satuan }}", "{{ k.target }}",
              "{{ k.tw[0] }}", "{{ k.tw[1] }}", "{{ k.tw[2] }}", "{{ k.tw[3] }}"],
             "{%tr endfor %}"],
            [0.8, 3.6, 4.2, 1.6, 1.4, 1.1, 1.1, 1.1, 1.1])
    w.keterangan_tabel(judul_anggaran + " {{ v.label }}")
    w.tabel(["No", "Program", "Sumber Dana", "Anggaran (Rp)", "Keterangan"],
            ["{%tr for a in v.anggaran %}",
             ["{{ a.no }}", "{{ a.program }}", "{{ a.sumber }}", "{{ a.pagu }}", "{{ a.keterangan }}"],
             "{%tr endfor %}",
             "{%tr for t in v.total %}",
             ["", "Jumlah {{ t.sumber }}", "", "{{ t.pagu }}", ""],
             "{%tr endfor %}"],
            [0.8, 7.0, 3.0, 2.8, 2.4])
    w.kendali("{%p endfor %}")
    w.kendali("{%p if not pk %}")
    w.par("{{r belum('Perjanjian Kinerja tahun ini') }}")
    w.kendali("{%p endif %}")


def _tabel_skala(w: Penulis, judul: str) -> None:
    w.keterangan_tabel(judul)
    w.tabel(["No", "Interval Nilai Capaian", "Kriteria", "Kode Warna"],
            ["{%tr for b in skala %}",
             ["{{ b.no }}", "{{ b.interval }}", "{{ b.label }}", "{% cellbg b.warna %}{{r warna(b.kode, b.warna_teks) }}"],
             "{%tr endfor %}"],
            [1.2, 5.0, 5.0, 4.8])
    w.sumber("Sumber: skala {{ kebijakan.skala }}{% if kebijakan.batas_atas %}; capaian dibatasi paling tinggi "
             "{{ kebijakan.batas_atas }}{% endif %}.")


def _tabel_capaian(w: Penulis, judul: str) -> None:
    w.keterangan_tabel(judul)
    w.tabel(["No", "Sasaran Strategis", "Indikator", "Satuan", "Baseline", "Capaian {{ tahun_lalu }}",
             "Target {{ tahun }}", "Realisasi {{ tahun }}", "Capaian (%)", "Kriteria", "Target Akhir Renstra"],
            ["{%tr for s in sasaran %}", "{%tr for i in s.indikator %}",
             ["{{ s.no }}", "{{ s.uraian }}", "{{ i.nama }}", "{{ i.satuan }}", "{{ i.baseline }}",
              "{{ i.lalu_capaian }}", "{{ i.target }}", "{{ i.realisasi }}", "{{ i.capaian }}",
              "{% cellbg i.warna %}{{r warna(i.kriteria, i.warna_teks) }}", "{{ i.target_akhir }}"],
             "{%tr endfor %}", "{%tr endfor %}",
             ["", "Rata-rata capaian (IKU)", "", "", "", "", "", "", "{{ capaian.rata_rata }}",
              "{% cellbg capaian.warna %}{{r warna(capaian.kriteria, capaian.warna_teks) }}", ""]],
            [0.6, 2.4, 2.7, 1.3, 1.2, 1.3, 1.2, 1.3, 1.3, 1.6, 1.3], tebal_baris=(5,))
    w.par("{{ capaian.kalimat }} Perhitungan: {{ capaian.jejak }}.")
    w.gambar("capaian")
    w.keterangan_gambar("Capaian Kinerja per Indikator Tahun {{ tahun }}")


def _analisis_indikator(w: Penulis) -> None:
    """Sentences and factors of indicator `i` (inside loops)."""
    w.butir("{{ i.kalimat_capaian }}")
    w.butir("{{ i.kalimat_tahun_lalu }}")
    w.butir("{{ i.kalimat_target_akhir }}")
    w.kendali("{%p if i.analisis %}")
    w.kendali("{%p for x in i.analisis %}")
    w.par("{{ x }}")
    w.kendali("{%p endfor %}")
    w.kendali("{%p endif %}")
    for kunci, judul in (("pendukung", "Faktor pendukung"), ("penghambat", "Faktor penghambat"),
                         ("upaya", "Upaya perbaikan / solusi")):
        w.kendali("{%p if i." + kunci + " %}")
        w.par(judul + ":", tebal=True)
        w.kendali("{%p for x in i." + kunci + " %}")
        w.par("{{ x }}", gaya="Isi Kiri")
        w.kendali("{%p endfor %}")
        w.kendali("{%p endif %}")


def _program_pendukung(w: Penulis) -> None:
    w.par("Program pendukung: {{ s.kalimat_program }}")
    w.kendali("{%p for p in s.program %}")
    w.par("{{ loop.index }}. {{ p.uraian }}{% if p.unit %} ({{ p.unit }}){% endif %}", tebal=True)
    w.par("Sasaran program: {{ p.kinerja }}. Pagu anggaran: Rp {{ p.pagu }}.")
    w.kendali("{%p for i in p.indikator %}")
    w.par("Indikator {{ i.nama }} ({{ i.satuan }}), formulasi: {{ i.formulasi }}.")
    w.kendali("{%p for j in i.jejak %}")
    w.butir("{{ j }}")
    w.kendali("{%p endfor %}")
    w.par("{{ i.kalimat_capaian }} {{ i.kalimat_tahun_lalu }}")
    for kunci, judul in (("pendukung", "Target indikator program ini didukung oleh faktor berikut:"),
                         ("penghambat", "Kendala yang dihadapi:"), ("upaya", "Upaya perbaikan ke depan:")):
        w.kendali("{%p if i." + kunci + " %}")
        w.par(judul, miring=True)
        w.kendali("{%p for x in i." + kunci + " %}")
        w.par("{{ x }}", gaya="Isi Kiri")
        w.kendali("{%p endfor %}")
        w.kendali("{%p endif %}")
    w.kendali("{%p endfor %}")
    w.kendali("{%p if p.kegiatan %}")
    w.par("Kegiatan yang mendukung:")
    w.kendali("{%p for k in p.kegiatan %}")
    w.butir("{{ k.uraian }}{% if k.unit %} ({{ k.unit }}){% endif %}: anggaran Rp {{ k.pagu }}")
    w.kendali("{%p endfor %}")
    w.kendali("{%p endif %}")
    w.kendali("{%p endfor %}")


def _per_sasaran_babel(w: Penulis, nomor: str, judul_rumus: str, judul_target: str, judul_nasional: str) -> None:
    w.kendali("{%p for s in sasaran %}")
    w.judul(nomor + ".{{ loop.index }} Sasaran {{ s.no }}: {{ s.uraian }}", 3)
    w.par("Kinerja sasaran {{ s.uraian }} diukur dengan {{ s.indikator|length }} indikator. Penjelasan hubungan "
          "sasaran, indikator dan formulasi perhitungannya adalah sebagai berikut:")
    w.keterangan_tabel(judul_rumus)
    w.tabel(["No", "Sasaran", "Indikator", "Formulasi Perhitungan", "Sumber Data"],
            ["{%tr for i in s.indikator %}",
             ["{{ s.no }}.{{ loop.index }}", "{{ s.uraian }}", "{{ i.nama }}", "{{ i.formulasi }}", "{{ i.sumber_data }}"],
             "{%tr endfor %}"],
            [1.0, 3.6, 3.6, 5.0, 2.8])
    w.keterangan_tabel(judul_target)
    w.tabel(["No", "Indikator", "Target {{ tahun_lalu }}", "Realisasi {{ tahun_lalu }}", "% Capaian {{ tahun_lalu }}",
             "Target {{ tahun }}", "Realisasi {{ tahun }}", "% Capaian {{ tahun }}", "Target Akhir Renstra ({{ renstra.tahun_akhir }})",
             "Capaian s/d {{ tahun }} thd Target Akhir"],
            ["{%tr for i in s.indikator %}",
             ["{{ s.no }}.{{ loop.index }}", "{{ i.nama }}", "{{ i.lalu_target }}", "{{ i.lalu_realisasi }}",
              "{{ i.lalu_capaian }}", "{{ i.target }}", "{{ i.realisasi }}", "{% cellbg i.warna %}{{r warna(i.capaian, i.warna_teks) }}",
              "{{ i.target_akhir }}", "{{ i.capaian_akhir }}"],
             "{%tr endfor %}"],
            [0.9, 3.3, 1.3, 1.4, 1.4, 1.3, 1.4, 1.4, 1.8, 1.8])
    w.par("Analisis ketercapaian sasaran {{ s.uraian }} adalah sebagai berikut:")
    w.kendali("{%p for i in s.indikator %}")
    w.par("{{ i.nama }}", tebal=True)
    _analisis_indikator(w)
    w.kendali("{%p endfor %}")
    _program_pendukung(w)
    w.kendali("{%p if s.ada_nasional %}")
    w.keterangan_tabel(judul_nasional)
    w.tabel(["No", "Indikator", "Realisasi Daerah", "Nilai Nasional", "Kontribusi terhadap Nasional"],
            ["{%tr for i in s.indikator %}",
             ["{{ s.no }}.{{ loop.index }}", "{{ i.nama }}", "{{ i.realisasi }}", "{{ i.nasional }}",
              "{{ i.kontribusi_nasional }}"],
             "{%tr endfor %}"],
            [1.0, 6.0, 3.0, 3.0, 3.0])
    w.kendali("{%p for i in s.indikator %}")
    w.kendali("{%p if i.ada_nasional %}")
    w.par("{{ i.kalimat_nasional }}")
    w.kendali("{%p endif %}")
    w.kendali("{%p endfor %}")
    w.kendali("{%p endif %}")
    w.kendali("{%p for i in s.indikator %}")
    w.kendali("{%p if i.bukti %}")
    w.par("Data dukung {{ i.nama }}:", miring=True)
    w.kendali("{%p for x in i.bukti %}")
    w.butir("{{ x }}")
    w.kendali("{%p endfor %}")
    w.kendali("{%p endif %}")
    w.kendali("{%p endfor %}")
    w.kendali("{%p endfor %}")


def _per_indikator_ntt(w: Penulis) -> None:
    w.kendali("{%p for s in sasaran %}")
    w.judul("{{ loop.index }}. SASARAN STRATEGIS {{ s.no }}: {{ s.uraian|upper }}", 3)
    w.tabel(["Sasaran Strategis", "{{ s.uraian }}"],
            ["{%tr for i in s.indikator %}", ["Indikator Kinerja {{ loop.index }}", "{{ i.nama }}"], "{%tr endfor %}"],
            [5.0, 11.0], nomor_kolom=False)
    w.kendali("{%p for i in s.indikator %}")
    w.par("{{ s.no }}.{{ loop.index }} {{ i.nama }}", tebal=True)
    w.par("Formulasi perhitungan: {{ i.formulasi }}. Sumber data: {{ i.sumber_data }}.")
    w.kendali("{%p for j in i.jejak %}")
    w.butir("{{ j }}")
    w.kendali("{%p endfor %}")
    w.keterangan_tabel("Pencapaian Kinerja Sasaran {{ s.no }} Indikator {{ loop.index }}")
    w.tabel(["No", "Indikator Kinerja Utama (IKU)", "Satuan", "Target", "Realisasi", "Capaian"],
            [["1", "{{ i.nama }}", "{{ i.satuan }}", "{{ i.target }}", "{{ i.realisasi }}",
              "{% cellbg i.warna %}{{r warna(i.capaian, i.warna_teks) }}"]],
            [1.0, 7.0, 1.6, 2.0, 2.2, 2.2])
    w.par("{{ i.kalimat_capaian }}")
    w.keterangan_tabel("Perbandingan Realisasi Kinerja dengan Tahun Sebelumnya")
    w.tabel(["No", "Indikator Kinerja Utama (IKU)", "Satuan", "Target {{ tahun }}", "Realisasi {{ tahun_lalu }}",
             "Realisasi {{ tahun }}", "Capaian {{ tahun_lalu }}", "Capaian {{ tahun }}"],
            [["1", "{{ i.nama }}", "{{ i.satuan }}", "{{ i.target }}", "{{ i.lalu_realisasi }}", "{{ i.realisasi }}",
              "{{ i.lalu_capaian }}", "{{ i.capaian }}"]],
            [0.8, 5.0, 1.4, 1.6, 1.8, 1.8, 1.8, 1.8])
    w.par("{{ i.kalimat_tahun_lalu }} {{ i.kalimat_target_akhir }}")
    w.kendali("{%p if i.ada_nasional %}")
    w.keterangan_tabel("Perbandingan Capaian Kinerja dengan Capaian Nasional")
    w.tabel(["No", "Indikator Kinerja Utama (IKU)", "Realisasi {{ pemda.nama }}", "Nasional", "Kontribusi"],
            [["1", "{{ i.nama }}", "{{ i.realisasi }}", "{{ i.nasional }}", "{{ i.kontribusi_nasional }}"]],
            [1.0, 6.0, 3.0, 3.0, 3.0])
    w.par("{{ i.kalimat_nasional }}")
    w.kendali("{%p endif %}")
    for kunci, judul in (("pendukung", "Faktor Pendukung"), ("penghambat", "Faktor Penghambat"), ("upaya", "Solusi")):
        w.kendali("{%p if i." + kunci + " %}")
        w.par("➤ " + judul, tebal=True)
        w.kendali("{%p for x in i." + kunci + " %}")
        w.par("{{ x }}")
        w.kendali("{%p endfor %}")
        w.kendali("{%p endif %}")
    w.kendali("{%p endfor %}")
    _program_pendukung(w)
    w.kendali("{%p endfor %}")


def _anggaran(w: Penulis, judul_sasaran: str, judul_program: str, judul_sumber: str, judul_pendapatan: str) -> None:
    w.narasi("efisiensi")
    w.kendali("{%p if anggaran.ada_per_sasaran %}")
    w.keterangan_tabel(judul_sasaran)
    w.tabel(["No", "Sasaran", "Anggaran (Rp)", "Realisasi (Rp)", "Serapan (%)", "Efisiensi (Rp)"],
            ["{%tr for a in anggaran.per_sasaran %}",
             ["{{ loop.index }}", "{{ a.uraian }}", "{{ a.pagu }}", "{{ a.realisasi }}", "{{ a.serapan }}",
              "{{ a.efisiensi_rp }}"],
             "{%tr endfor %}",
             "{%tr if anggaran.total_sasaran %}",
             ["", "Jumlah", "{{ anggaran.total_sasaran.pagu }}", "{{ anggaran.total_sasaran.realisasi }}",
              "{{ anggaran.total_sasaran.serapan }}", "{{ anggaran.total_sasaran.efisiensi_rp }}"],
             "{%tr endif %}"],
            [0.8, 5.4, 2.6, 2.6, 1.8, 2.8], tebal_baris=(4,))
    w.kendali("{%p endif %}")
    w.kendali("{%p if anggaran.ada_per_program %}")
    w.keterangan_tabel(judul_program)
    w.tabel(["No", "Program", "Sumber", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)", "Efisiensi (%)"],
            ["{%tr for a in anggaran.per_program %}",
             ["{{ loop.index }}", "{{ a.uraian }}", "{{ a.sumber }}", "{{ a.pagu }}", "{{ a.realisasi }}",
              "{{ a.serapan }}", "{{ a.efisiensi_persen }}"],
             "{%tr endfor %}"],
            [0.8, 5.2, 2.0, 2.4, 2.4, 1.6, 1.6])
    w.keterangan_tabel(judul_sumber)
    w.tabel(["No", "Sumber Dana", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)", "Efisiensi (Rp)", "Efisiensi (%)"],
            ["{%tr for a in anggaran.per_sumber %}",
             ["{{ loop.index }}", "{{ a.uraian }}", "{{ a.pagu }}", "{{ a.realisasi }}", "{{ a.serapan }}",
              "{{ a.efisiensi_rp }}", "{{ a.efisiensi_persen }}"],
             "{%tr endfor %}"],
            [0.8, 3.6, 2.6, 2.6, 1.8, 2.6, 2.0])
    w.kendali("{%p endif %}")
    w.par("{{ anggaran.kalimat }}")
    w.kendali("{%p if ada_grafik_anggaran %}")
    w.gambar("anggaran")
    w.keterangan_gambar("Serapan Anggaran Tahun {{ tahun }}")
    w.kendali("{%p endif %}")
    w.kendali("{%p if anggaran.pendapatan %}")
    w.keterangan_tabel(judul_pendapatan)
    w.tabel(["No", "Jenis Pendapatan", "Target (Rp)", "Realisasi (Rp)", "Persentase"],
            ["{%tr for p in anggaran.pendapatan %}",
             ["{{ loop.index }}", "{{ p.uraian }}", "{{ p.target }}", "{{ p.realisasi }}", "{{ p.persen }}"],
             "{%tr endfor %}",
             ["", "Jumlah", "{{ anggaran.total_pendapatan.target }}", "{{ anggaran.total_pendapatan.realisasi }}",
              "{{ anggaran.total_pendapatan.persen }}"]],
            [0.8, 6.2, 3.0, 3.0, 3.0], tebal_baris=(3,))
    w.kendali("{%p endif %}")


def _daftar_konten(w: Penulis, kunci: str, kolom: list[str], isi: list[str], lebar: list[float]) -> None:
    w.kendali("{%p if " + kunci + " %}")
    w.tabel(kolom, ["{%tr for x in " + kunci + " %}", isi, "{%tr endfor %}"], lebar, nomor_kolom=False)
    w.kendali("{%p endif %}")


def _tabel_penghargaan(w: Penulis) -> None:
    _daftar_konten(w, "penghargaan", ["No", "Penghargaan", "Pemberi", "Tahun"],
                   ["{{ x.no }}", "{{ x.nama }}", "{{ x.pemberi }}", "{{ x.tahun }}"], [1.0, 8.0, 5.0, 2.0])


def _tabel_crosscutting(w: Penulis) -> None:
    _daftar_konten(w, "crosscutting", ["No", "Kelompok", "Mitra", "Peran"],
                   ["{{ x.no }}", "{{ x.kelompok }}", "{{ x.dengan }}", "{{ x.peran }}"], [1.0, 3.0, 5.0, 7.0])


def _lampiran(w: Penulis) -> None:
    w.kendali("{%p for l in lampiran %}")
    w.par("{{ loop.index }}. {{ l }}")
    w.kendali("{%p endfor %}")
    w.judul("Rincian Perhitungan Capaian", 2)
    w.kendali("{%p for s in sasaran %}")
    w.kendali("{%p for i in s.indikator %}")
    w.par("{{ i.ref }} {{ i.nama }}", tebal=True)
    w.kendali("{%p for j in i.jejak %}")
    w.butir("{{ j }}")
    w.kendali("{%p endfor %}")
    w.kendali("{%p endfor %}")
    w.kendali("{%p endfor %}")
    w.kendali("{%p if tautan %}")
    w.judul("Tautan Dokumen Pendukung", 2)
    w.kendali("{%p for t in tautan %}")
    w.butir("{{ t.keterangan }}: {{ t.url }}")
    w.kendali("{%p endfor %}")
    w.kendali("{%p endif %}")


# --------------------------------------------------------------------------- outlines

# One step of a chapter: (function, *arguments), called as function(penulis, *arguments).
Langkah = tuple[Any, ...]


@dataclass(frozen=True)
class Bab:
    kunci: str  # the chapter's key in Varian.bab (its label in table captions)
    judul: str
    isi: tuple[Langkah, ...]


def _h2(w: Penulis, teks: str) -> None:
    w.judul(teks, 2)


def _h3(w: Penulis, teks: str) -> None:
    w.judul(teks, 3)


def _narasi(w: Penulis, *kunci: str) -> None:
    for k in kunci:
        w.narasi(k)


def _par(w: Penulis, teks: str) -> None:
    w.par(teks)


def _tebal(w: Penulis, teks: str) -> None:
    w.par(teks, tebal=True)


def _rumus(w: Penulis, teks: str) -> None:
    w.par(teks, tengah=True, tebal=True)


def _lhe(w: Penulis, judul: str) -> None:
    w.keterangan_tabel(judul)
    _tabel_lhe(w)


def _penutup(judul_rekomendasi: str) -> Bab:
    return Bab("4", "BAB IV PENUTUP", (
        (_h2, "4.1 Kesimpulan"), (_par, "{{ capaian.kalimat }}"), (_narasi, "kesimpulan"),
        (_h2, judul_rekomendasi), (_narasi, "rekomendasi"),
        (_h2, "4.3 Rencana Aksi"), (_narasi, "rencana_aksi"), (_par, ""), (_tanda_tangan,),
    ))


LAMPIRAN = Bab("L", "LAMPIRAN", ((_lampiran,),))

# --------------------------------------------------------------------------- the chapters
# Each variant's outline: chapter headings, section headings, which narratives and which table
# blocks (with their captions) in which order.

BAB_BAWAAN: tuple[Bab, ...] = (
    Bab("1", "BAB I PENDAHULUAN", (
        (_h2, "1.1 Latar Belakang"), (_narasi, "latar_belakang"),
        (_h2, "1.2 Tugas, Fungsi dan Struktur Organisasi"), (_narasi, "tugas_fungsi", "struktur_organisasi"),
        (_h2, "1.3 Isu Strategis"), (_narasi, "isu_strategis"),
        (_h2, "1.4 Sumber Daya"),
        (_sumber_daya, "Jumlah Pegawai Menurut Jabatan dan Jenis Kelamin", "Sarana dan Prasarana"),
        (_h2, "1.5 Pohon Kinerja dan Cascading"), (_narasi, "pohon_kinerja", "cascading"),
        (_h2, "1.6 Tindak Lanjut Hasil Evaluasi SAKIP"), (_narasi, "tindak_lanjut_lhe"),
        (_lhe, "Tindak Lanjut Rekomendasi LHE SAKIP"),
        (_h2, "1.7 Sistematika Penyajian"),
        (_par, "Laporan ini disusun menurut Peraturan Menteri PANRB Nomor 53 Tahun 2014: Bab I Pendahuluan; "
               "Bab II Perencanaan Kinerja; Bab III Akuntabilitas Kinerja (capaian kinerja organisasi dan "
               "realisasi anggaran); Bab IV Penutup; serta lampiran."),
    )),
    Bab("2", "BAB II PERENCANAAN KINERJA", (
        (_h2, "2.1 Rencana Strategis"), (_narasi, "perencanaan"),
        (_tabel_renstra, "Tujuan, Sasaran, Indikator dan Target Renstra {{ renstra.periode }}"),
        (_h2, "2.2 Strategi dan Arah Kebijakan"), (_narasi, "strategi"),
        (_tabel_strategi, "Strategi dan Arah Kebijakan"),
        (_h2, "2.3 Program dan Kegiatan Tahun {{ tahun }}"), (_narasi, "struktur_program"),
        (_tabel_program, "Program dan Kegiatan Pendukung Sasaran dengan Anggaran Sebelum dan Setelah Perubahan",
         "Program Penunjang dan Pendukung Lainnya"),
        (_h2, "2.4 Indikator Kinerja Utama"), (_narasi, "iku"), (_tabel_iku, "Indikator Kinerja Utama"),
        (_h2, "2.5 Perjanjian Kinerja Tahun {{ tahun }}"), (_narasi, "perjanjian_kinerja"),
        (_pk, "Perjanjian Kinerja", "Komponen Anggaran Perjanjian Kinerja", "2.5"),
    )),
    Bab("3", "BAB III AKUNTABILITAS KINERJA", (
        (_h2, "3.1 Pengukuran Kinerja"), (_narasi, "pengukuran"), (_tabel_skala, "Skala Nilai Peringkat Kinerja"),
        (_h2, "3.2 Capaian Kinerja Organisasi Tahun {{ tahun }}"), (_narasi, "capaian_pengantar"),
        (_tabel_capaian, "Capaian Kinerja Tahun {{ tahun }}"),
        (_h2, "3.3 Analisis Capaian Kinerja per Sasaran"), (_narasi, "evaluasi_pengantar"),
        (_per_sasaran_babel, "3.3", "Rumusan Indikator dan Formulasi Perhitungan", "Target dan Realisasi Kinerja",
         "Perbandingan Realisasi Kinerja dengan Nasional"),
        (_tebal, "Faktor pendukung, penghambat dan upaya tingkat organisasi:"),
        (_narasi, "faktor_pendukung", "faktor_penghambat", "upaya"),
        (_h2, "3.4 Realisasi Anggaran dan Efisiensi"),
        (_anggaran, "Anggaran dan Realisasi Belanja Langsung per Sasaran", "Alokasi dan Realisasi Anggaran per Program",
         "Realisasi Anggaran per Sumber Dana", "Realisasi Pendapatan"),
        (_h2, "3.5 Inovasi"), (_narasi, "inovasi"),
        (_h2, "3.6 Penghargaan"), (_narasi, "penghargaan"), (_tabel_penghargaan,),
        (_h2, "3.7 Crosscutting"), (_narasi, "crosscutting"), (_tabel_crosscutting,),
    )),
    _penutup("4.2 Rekomendasi"),
    LAMPIRAN,
)

BAB_BABEL: tuple[Bab, ...] = (
    Bab("1", "BAB I PENDAHULUAN", (
        (_narasi, "latar_belakang"),
        (_h2, "1.1 Pohon Kinerja"), (_narasi, "pohon_kinerja"),
        (_h2, "1.2 Cascading Kinerja, Peta Proses Bisnis dan Struktur Organisasi"), (_narasi, "cascading"),
        (_h2, "1.3 Tugas, Fungsi dan Peta Jabatan"), (_narasi, "tugas_fungsi"),
        (_h2, "1.4 Isu-Isu Strategis"), (_narasi, "isu_strategis"),
        (_h2, "1.5 Dukungan SDM, Sarana-Prasarana dan Anggaran"),
        (_sumber_daya, "Jumlah Pegawai Menurut Kualifikasi Jabatan, Jenis Kelamin dan Kompetensi", "Sarana-Prasarana"),
    )),
    Bab("2", "BAB II PERENCANAAN DAN PERJANJIAN KINERJA", (
        (_h2, "2.1 Tujuan, Sasaran dan Indikator Kinerja OPD"), (_narasi, "perencanaan"),
        (_tabel_renstra, "Sasaran Strategis {{ opd.nama }} {{ renstra.periode }}"),
        (_h2, "2.2 Strategi dan Arah Kebijakan"), (_narasi, "strategi"),
        (_tabel_strategi, "Strategi dan Arah Kebijakan"),
        (_h2, "2.3 Struktur Program dan Kegiatan Tahun {{ tahun }}"), (_narasi, "struktur_program"),
        (_tabel_program, "Struktur Program dan Kegiatan terkait Langsung Pencapaian Sasaran Tahun {{ tahun }}",
         "Struktur Program dan Kegiatan Pendukung Pencapaian Sasaran Tahun {{ tahun }}"),
        (_h2, "2.4 Indikator Kinerja Utama (IKU)"), (_narasi, "iku"),
        (_tabel_iku, "Indikator Kinerja Utama {{ opd.nama }}"),
        (_h2, "2.5 Perjanjian Kinerja Tahun {{ tahun }}"), (_narasi, "perjanjian_kinerja"),
        (_pk, "Perjanjian Kinerja Kepala {{ opd.nama }}", "Komponen Anggaran pada Perjanjian Kinerja", "2.5"),
        (_h2, "2.6 Instrumen Pendukung Capaian Kinerja Tahun {{ tahun }}"), (_narasi, "instrumen_pendukung"),
    )),
    Bab("3", "BAB III AKUNTABILITAS KINERJA", (
        (_h2, "3.1 Capaian Kinerja Tahun {{ tahun }}"), (_narasi, "pengukuran"),
        (_tabel_skala, "Skala Nilai Peringkat Kinerja"), (_tabel_capaian, "Capaian Kinerja Tahun {{ tahun }}"),
        (_par, "Adapun analisis capaian kinerja sasaran strategis diuraikan sebagai berikut:"),
        (_per_sasaran_babel, "3.1", "Rumusan Indikator dan Formulasi Perhitungan",
         "Target dan Realisasi Kinerja Tahun {{ tahun }}",
         "Perbandingan Target dan Realisasi Kinerja PD dengan Nasional Tahun {{ tahun }}"),
        (_narasi, "faktor_pendukung", "faktor_penghambat", "upaya"),
        (_h2, "3.2 Efisiensi Anggaran"),
        (_anggaran, "Anggaran dan Realisasi Belanja Langsung per Sasaran Tahun {{ tahun }}",
         "Alokasi dan Realisasi Anggaran per Program Tahun {{ tahun }}",
         "Realisasi Anggaran per Sumber Dana Tahun {{ tahun }}", "Realisasi Pendapatan Tahun {{ tahun }}"),
        (_h2, "3.3 Tindak Lanjut atas Laporan Hasil Evaluasi SAKIP"), (_narasi, "tindak_lanjut_lhe"),
        (_lhe, "Tindak Lanjut atas Laporan Hasil Evaluasi SAKIP"),
        (_h2, "3.4 Inovasi"), (_narasi, "inovasi"),
        (_h2, "3.5 Penghargaan"), (_narasi, "penghargaan"), (_tabel_penghargaan,),
        (_h2, "3.6 Crosscutting"), (_narasi, "crosscutting"), (_tabel_crosscutting,),
    )),
    _penutup("4.2 Rekomendasi"),
    LAMPIRAN,
)

BAB_NTT: tuple[Bab, ...] = (
    Bab("1", "BAB I PENDAHULUAN", (
        (_h2, "1.1 Latar Belakang"), (_narasi, "latar_belakang"),
        (_h2, "1.2 Maksud dan Tujuan"), (_narasi, "maksud_tujuan"),
        (_h2, "1.3 Tugas Pokok dan Fungsi"), (_narasi, "tugas_fungsi"),
        (_h2, "1.4 Struktur Organisasi"), (_narasi, "struktur_organisasi"),
        (_h2, "1.5 Sumber Daya Manusia"), (_sumber_daya, "Komposisi Pegawai {{ opd.nama }}", "Sarana dan Prasarana"),
        (_h2, "1.6 Dasar Pelaksanaan"), (_narasi, "dasar_pelaksanaan"),
        (_h2, "1.7 Isu Strategis"), (_narasi, "isu_strategis"),
        (_h2, "1.8 Sistematika Penulisan"),
        (_par, "BAB I. PENDAHULUAN: latar belakang, maksud dan tujuan, tugas pokok dan fungsi, struktur organisasi, "
               "sumber daya manusia, dasar pelaksanaan dan isu strategis. BAB II. PERENCANAAN KINERJA: Renstra, "
               "rencana kerja tahunan dan perjanjian kinerja. BAB III. AKUNTABILITAS KINERJA: capaian kinerja, "
               "evaluasi capaian kinerja, akuntabilitas keuangan dan efisiensi. BAB IV. PENUTUP: kesimpulan, "
               "permasalahan dan rekomendasi."),
    )),
    Bab("2", "BAB II PERENCANAAN KINERJA", (
        (_h2, "2.1 Renstra {{ opd.nama }} {{ pemda.nama }}"),
        (_h3, "2.1.1 Visi dan Misi"), (_narasi, "visi_misi"),
        (_h3, "2.1.2 Tujuan dan Sasaran"), (_narasi, "perencanaan"),
        (_tabel_renstra, "Tujuan dan Sasaran Pelayanan {{ opd.nama }} {{ pemda.nama }}"),
        (_h2, "2.2 Rencana Kerja Tahunan (RKT) {{ opd.nama }}"),
        (_h3, "2.2.1 Strategi dan Arah Kebijakan"), (_narasi, "strategi"),
        (_tabel_strategi, "Perumusan Strategi dan Arah Kebijakan"),
        (_h3, "2.2.2 Program Dukungan Dana APBN dan APBD"), (_narasi, "struktur_program"),
        (_tabel_program, "Pagu Anggaran {{ opd.nama }} Tahun {{ tahun }}",
         "Program Dukungan Dana Lainnya Tahun {{ tahun }}"),
        (_h3, "2.2.3 Indikator"), (_narasi, "iku"), (_tabel_iku, "Indikator Kinerja Utama"),
        (_h2, "2.3 Perjanjian Kinerja"), (_narasi, "perjanjian_kinerja"),
        (_pk, "Perjanjian Kinerja Tahun {{ tahun }}", "Dukungan Anggaran APBD dan APBN Tahun {{ tahun }}", None),
    )),
    Bab("3", "BAB III AKUNTABILITAS KINERJA", (
        (_narasi, "pengukuran"), (_tabel_skala, "Skala Pengukuran Capaian Kinerja Tahun {{ tahun }}"),
        (_h2, "3.1 Capaian Kinerja Tahun {{ tahun }}"), (_narasi, "capaian_pengantar"),
        (_rumus, "Capaian Indikator Kinerja = Realisasi / Target × 100%"),
        (_tabel_capaian, "Capaian Kinerja Tahun {{ tahun }}"),
        (_h2, "3.2 Evaluasi Capaian Kinerja"), (_narasi, "evaluasi_pengantar"), (_per_indikator_ntt,),
        (_narasi, "faktor_pendukung", "faktor_penghambat", "upaya"),
        (_h2, "3.3 Akuntabilitas Keuangan"),
        (_anggaran, "Anggaran dan Realisasi Belanja per Sasaran Tahun {{ tahun }}",
         "Alokasi dan Realisasi Anggaran Program/Kegiatan TA {{ tahun }}",
         "Efisiensi Penggunaan Anggaran per Sumber Dana Tahun {{ tahun }}", "Realisasi Pendapatan Tahun {{ tahun }}"),
        (_h2, "3.4 Tindak Lanjut Hasil Evaluasi SAKIP"), (_narasi, "tindak_lanjut_lhe"),
        (_lhe, "Tindak Lanjut Rekomendasi LHE SAKIP"),
        (_h2, "3.5 Inovasi, Penghargaan dan Crosscutting"), (_narasi, "inovasi", "penghargaan"),
        (_tabel_penghargaan,), (_narasi, "crosscutting"), (_tabel_crosscutting,),
    )),
    _penutup("4.2 Permasalahan dan Rekomendasi"),
    LAMPIRAN,
)

BAB_VARIAN: dict[str, tuple[Varian, tuple[Bab, ...]]] = {
    "default": (BAWAAN, BAB_BAWAAN), "babel": (BABEL, BAB_BABEL), "ntt": (NTT, BAB_NTT),
}


def _tulis_bab(w: Penulis, v: Varian, daftar: Sequence[Bab]) -> None:
    """The one builder of every variant's chapters: each on a new page, its tables numbered in
    the chapter's label."""
    for bab in daftar:
        w.bab_tabel = v.bab[bab.kunci]
        w.judul(bab.judul, 1, halaman_baru=True)
        for fungsi, *argumen in bab.isi:
            fungsi(w, *argumen)


def buat(nama: str, folder: Path = FOLDER) -> Path:
    v, daftar_bab = BAB_VARIAN[nama]
    doc = Document()
    _gaya(doc)
    _halaman(doc)
    w = Penulis(doc)
    _sampul(w, v)
    doc.add_section(WD_SECTION.NEW_PAGE)
    _depan(w, v)
    doc.add_section(WD_SECTION.NEW_PAGE)
    _tulis_bab(w, v, daftar_bab)
    # Set once the three sections exist: python-docx's Section objects follow the body's last
    # sectPr, so earlier handles would point at the wrong section. Cover: no number; front
    # matter: i, ii, …; chapters: 1, 2, … (the PDF's lists rely on this, pdf.isi_nomor_halaman).
    sampul, depan, isi = doc.sections
    teks = "Laporan Kinerja {{ opd.nama }} Tahun {{ tahun }}"
    for bagian, format_, nomor in ((sampul, None, False), (depan, "lowerRoman", True), (isi, "decimal", True)):
        _nomor_halaman(bagian, format_)
        _footer(bagian, teks if nomor else "", nomor=nomor)
    # Word refreshes the TOC fields when the file is opened (the PDF path fills them itself).
    pengaturan = doc.settings.element
    upd = OxmlElement("w:updateFields")
    upd.set(qn("w:val"), "true")
    pengaturan.append(upd)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{nama}.docx"
    doc.core_properties.title = "Laporan Kinerja Instansi Pemerintah"
    doc.core_properties.author = "Sakip"
    # Fixed dates: rebuilding gives the same XML (only the zip entries' timestamps differ).
    doc.core_properties.created = doc.core_properties.modified = datetime(2026, 1, 1, tzinfo=UTC)
    doc.core_properties.last_modified_by = "sakip.laporan.dokumen.buat_template"
    doc.core_properties.revision = 1
    doc.save(str(path))
    return path


if __name__ == "__main__":
    for n in BAB_VARIAN:
        print(buat(n))
