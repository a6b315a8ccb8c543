"""Build the editable Word template of the Perjanjian Kinerja: `pk.docx` beside this file.

    python -m sakip.kinerja.dokumen.buat_template

The template is data: a Pemda may open pk.docx in Word, change wording, fonts and logos, and keep
the `{{ … }}` / `{%tr … %}` tags (docxtpl, Jinja syntax). The layout follows the PK pages of the
seeds (lkjip-2025 annex "PERJANJIAN KINERJA TAHUN 2025"; lkip-2024 annex): statement page with
both parties, signatures, then the attachment with the targets (TW I–IV) and the budget.
Context keys: see `sakip.kinerja.dokumen.render.pk_konteks`.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

TEMPLATE = Path(__file__).with_name("pk.docx")


def _tengah(doc: Document, teks: str, *, tebal: bool = True, ukuran: int = 12) -> None:
    par = doc.add_paragraph()
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = par.add_run(teks)
    run.bold = tebal
    run.font.size = Pt(ukuran)


def _tabel_loop(doc: Document, kepala: list[str], isi: list[str], loop: str, kolom_lebar: list[float]) -> None:
    """A header row, the `{%tr for %}` row, the data row, the `{%tr endfor %}` row."""
    tabel = doc.add_table(rows=4, cols=len(kepala))
    tabel.style = "Table Grid"
    for i, teks in enumerate(kepala):
        tabel.rows[0].cells[i].text = teks
        for run in tabel.rows[0].cells[i].paragraphs[0].runs:
            run.bold = True
    tabel.rows[1].cells[0].text = "{%tr " + loop + " %}"
    for i, teks in enumerate(isi):
        tabel.rows[2].cells[i].text = teks
    tabel.rows[3].cells[0].text = "{%tr endfor %}"
    for baris in tabel.rows:
        for i, lebar in enumerate(kolom_lebar):
            baris.cells[i].width = Cm(lebar)


def buat(path: Path = TEMPLATE) -> Path:
    doc = Document()
    gaya = doc.styles["Normal"]
    gaya.font.name = "Arial"
    gaya.font.size = Pt(11)
    bagian = doc.sections[0]
    bagian.left_margin = bagian.right_margin = Cm(2.5)

    _tengah(doc, "{{ judul }}", ukuran=14)
    _tengah(doc, "{{ opd_nama }}", tebal=False)
    doc.add_paragraph(
        "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel "
        "serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
    )
    for pihak, sebutan in (("pihak_pertama", "PIHAK PERTAMA"), ("pihak_kedua", "PIHAK KEDUA")):
        doc.add_paragraph(f"Nama\t\t: {{{{ {pihak}.nama }}}}")
        doc.add_paragraph(f"Jabatan\t\t: {{{{ {pihak}.jabatan }}}}")
        doc.add_paragraph(f"selanjutnya disebut {sebutan}.")
    doc.add_paragraph(
        "PIHAK PERTAMA berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
        "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
        "ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja "
        "tersebut menjadi tanggung jawab kami."
    )
    doc.add_paragraph(
        "PIHAK KEDUA akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi "
        "terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam "
        "rangka pemberian penghargaan dan sanksi."
    )
    doc.add_paragraph("{% if alasan %}Perjanjian ini merupakan {{ label }} dengan alasan: {{ alasan }}"
                      "{% if berita_acara %} (Berita Acara {{ berita_acara }}){% endif %}{% endif %}")
    _tanda_tangan(doc)

    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    lampiran = doc.add_section()
    lampiran.orientation = WD_ORIENT.LANDSCAPE
    lampiran.page_width, lampiran.page_height = bagian.page_height, bagian.page_width
    _tengah(doc, "LAMPIRAN {{ judul }}")
    _tengah(doc, "{{ opd_nama }}", tebal=False)
    _tabel_loop(
        doc,
        ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "TW I", "TW II", "TW III", "TW IV"],
        ["{{ k.no }}", "{{ k.sasaran }}", "{{ k.indikator }}", "{{ k.satuan }}", "{{ k.target }}",
         "{{ k.tw[0] }}", "{{ k.tw[1] }}", "{{ k.tw[2] }}", "{{ k.tw[3] }}"],
        "for k in kinerja",
        [1.0, 5.0, 6.0, 2.5, 2.0, 1.8, 1.8, 1.8, 1.8],
    )
    doc.add_paragraph()
    _tabel_loop(
        doc,
        ["No", "Program", "Sumber", "Anggaran (Rp)", "Keterangan"],
        ["{{ a.no }}", "{{ a.program }}", "{{ a.sumber }}", "{{ a.pagu }}", "{{ a.keterangan }}"],
        "for a in anggaran",
        [1.0, 10.0, 4.0, 4.5, 4.5],
    )
    for total in ("{%p for t in total_anggaran %}", "Jumlah {{ t.sumber }}: Rp {{ t.pagu }}", "{%p endfor %}"):
        doc.add_paragraph(total)
    _tanda_tangan(doc)
    doc.save(str(path))
    return path


def _tanda_tangan(doc: Document) -> None:
    doc.add_paragraph()
    tabel = doc.add_table(rows=1, cols=2)
    kiri, kanan = tabel.rows[0].cells
    kiri.text = "\nPIHAK KEDUA,\n{{ pihak_kedua.jabatan }}\n\n\n\n{{ pihak_kedua.nama }}"
    kanan.text = (
        "{{ tempat_tanggal }}\nPIHAK PERTAMA,\n{{ pihak_pertama.jabatan }}\n\n\n\n"
        "{{ pihak_pertama.nama }}\n{% if pihak_pertama.pangkat %}{{ pihak_pertama.pangkat }}\n"
        "{% endif %}{% if pihak_pertama.nip %}NIP. {{ pihak_pertama.nip }}{% endif %}"
    )
    for sel in (kiri, kanan):
        for par in sel.paragraphs:
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER


TEMPLATE_RA = Path(__file__).with_name("rencana_aksi.docx")


def buat_rencana_aksi(path: Path = TEMPLATE_RA) -> Path:
    """The Rencana Aksi: one landscape table laid out like rencana-aksi-2024 — sasaran strategis,
    program and kegiatan/sub kegiatan side by side (uraian, indikator, satuan, target "TW n = …"),
    then the penanggung jawab. Context keys: `render.rencana_aksi_konteks`."""
    doc = Document()
    gaya = doc.styles["Normal"]
    gaya.font.name = "Arial"
    gaya.font.size = Pt(8)
    bagian = doc.sections[0]
    bagian.orientation = WD_ORIENT.LANDSCAPE
    bagian.page_width, bagian.page_height = Cm(33.0), Cm(21.5)  # F4, as Pemda print
    bagian.left_margin = bagian.right_margin = Cm(1.5)
    bagian.top_margin = bagian.bottom_margin = Cm(1.5)
    _tengah(doc, "{{ judul }}", ukuran=12)
    _tengah(doc, "{{ opd_nama }}", ukuran=12)
    _tengah(doc, "TAHUN {{ tahun }}", ukuran=12)
    kelompok = ("SASARAN STRATEGIS", "PROGRAM", "KEGIATAN/SUB KEGIATAN")
    lebar = [2.9, 3.0, 1.3, 2.0] * 3 + [2.4]  # 30 cm: F4 landscape less margins
    tabel = doc.add_table(rows=6, cols=13)
    tabel.style = "Table Grid"
    judul, sub, nomor, awal, isi, akhir = tabel.rows
    for g, nama in enumerate(kelompok):
        sel = judul.cells[g * 4].merge(judul.cells[g * 4 + 3])
        sel.text = nama
        for j, teks in enumerate(("URAIAN", "INDIKATOR KINERJA", "SATUAN", "TARGET")):
            sub.cells[g * 4 + j].text = teks
    pj = judul.cells[12].merge(sub.cells[12])
    pj.text = "PENANGGUNG JAWAB"
    for j in range(13):
        nomor.cells[j].text = str(j + 1)
    for baris in (judul, sub, nomor):
        for sel in baris.cells:
            for par in sel.paragraphs:
                par.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in par.runs:
                    run.bold = True
    for baris in (judul, sub, nomor):  # repeated on every page, as a long table needs
        baris._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    awal.cells[0].text = "{%tr for g in baris %}"
    for g in range(3):
        for j, kunci in enumerate(("uraian", "indikator", "satuan", "target")):
            isi.cells[g * 4 + j].text = f"{{{{ g.kolom[{g}].{kunci} }}}}"
    isi.cells[12].text = "{{ g.penanggung_jawab }}"
    akhir.cells[0].text = "{%tr endfor %}"
    # Word reads the grid, LibreOffice the cells: set both, with autofit off.
    tabel.autofit = False
    for j, cm in enumerate(lebar):
        tabel.columns[j].width = Cm(cm)
    for baris in tabel.rows:
        for j, cm in enumerate(lebar):
            baris.cells[j].width = Cm(cm)
    doc.save(str(path))
    return path


if __name__ == "__main__":
    print(buat())
    print(buat_rencana_aksi())
