"""The LKjIP as a Word document (and PDF): a renderer in the pretix sense.

`render_lkjip(opd, tahun)` → (filename, mimetype, bytes); it never touches a request, so the
workflow registry (sakip.alur.dokumen) can call it to freeze the final document.

Steps: `konteks.lkjip_konteks` reads everything (fixed number of queries) → docxtpl renders the
template the Pemda chose (`Pemda.template_lkjip`; a file of the same name in
`settings.SAKIP_LKJIP_TEMPLATE_DIR` replaces the shipped one) → `daftar.isi_daftar` puts a bookmark
on every heading and caption and fills the Daftar Isi / Tabel / Gambar → for PDF, LibreOffice
converts it (`pdf.py`), twice, so the lists carry the page numbers of the PDF.
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
from docx.shared import Cm

from sakip.organisasi.models import PerangkatDaerah

from .daftar import isi_daftar
from .konteks import KonteksLKjIP, Teks, lkjip_konteks

FOLDER_TEMPLATE = Path(__file__).with_name("template")
TEMPLATE = ("default", "babel", "ntt")
MIMETYPE_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIMETYPE_PDF = "application/pdf"
ABU = "D9D9D9"


class Penomoran:
    """Table and figure numbers per chapter, in document order: `nomor.tabel('III')` → "III.4".

    The template passes the chapter label, so the numbering style ("III.4", "3.4") is the
    template's choice, not code."""

    def __init__(self) -> None:
        self._hitung: dict[tuple[str, str], int] = defaultdict(int)

    def _berikut(self, jenis: str, bab: str) -> str:
        self._hitung[(jenis, bab)] += 1
        return f"{bab}.{self._hitung[(jenis, bab)]}"

    def tabel(self, bab: str) -> str:
        return self._berikut("tabel", bab)

    def gambar(self, bab: str) -> str:
        return self._berikut("gambar", bab)


def template_path(nama: str) -> Path:
    """The template file: the Pemda's replacement when present, else the shipped one."""
    if nama not in TEMPLATE:
        raise ValueError(f"Template LKjIP '{nama}' tidak dikenal ({', '.join(TEMPLATE)}).")
    pengganti = getattr(settings, "SAKIP_LKJIP_TEMPLATE_DIR", None)
    if pengganti:
        path = Path(pengganti) / f"{nama}.docx"
        if path.exists():
            return path
    return FOLDER_TEMPLATE / f"{nama}.docx"


def _belum(judul: str) -> Any:
    from docxtpl import RichText

    # Shaded and italic: an empty section is visible in the document, never silently dropped.
    return RichText(f"[Bagian ini belum diisi: {judul}]", italic=True, highlight=ABU, color="595959")


def _warna(teks: str, warna_hex: str) -> Any:
    """Text in a colour (white on the dark band colours, so a shaded cell stays legible)."""
    from docxtpl import RichText

    return RichText(teks, color=warna_hex, bold=warna_hex.upper() == "FFFFFF")


def _rich(teks: Teks) -> Any:
    from docxtpl import RichText

    if teks.kosong:
        return _belum(teks.judul)
    # "\a" starts a new paragraph with the same paragraph style (docxtpl). Each line of a
    # paragraph becomes a paragraph too: lists are typed as "1. …" lines, and a line break inside
    # a justified paragraph would stretch the line before it across the page.
    baris = [b.strip() for p in teks.paragraf for b in p.split("\n") if b.strip()]
    return RichText("\a".join(baris))


def render_docx(konteks: KonteksLKjIP, *, template: Path | None = None) -> bytes:
    from docxtpl import DocxTemplate, InlineImage

    dok = DocxTemplate(str(template or template_path(konteks.template)))
    data = dict(konteks.data)
    data["narasi_rt"] = {k: _rich(v) for k, v in data["narasi"].items()}
    data["belum"] = _belum
    data["warna"] = _warna
    data["nomor"] = Penomoran()
    data["grafik"] = {k: InlineImage(dok, BytesIO(png), width=Cm(15)) for k, png in konteks.grafik.items()}
    for kunci in ("capaian", "anggaran"):
        data["grafik"].setdefault(kunci, "")
    dok.render(data, autoescape=True)
    isi_daftar(dok.docx)
    keluaran = BytesIO()
    dok.save(keluaran)
    return zip_tetap(keluaran.getvalue())


# The DOS epoch: the earliest time a zip entry can carry.
WAKTU_ZIP = (1980, 1, 1, 0, 0, 0)


def zip_tetap(isi: bytes) -> bytes:
    """The same package with every entry stamped WAKTU_ZIP instead of the time of saving.

    python-docx stamps each zip entry with the current time, so two renders of unchanged data
    differed in their bytes. Reproducible bytes make the SHA-256 of the Word document a key of
    its content: the PDF cache (dokumen/pdf_tembolok.py) finds an unchanged report by it."""
    keluaran = BytesIO()
    with zipfile.ZipFile(BytesIO(isi)) as sumber, zipfile.ZipFile(keluaran, "w") as tujuan:
        for info in sumber.infolist():
            baru = zipfile.ZipInfo(info.filename, date_time=WAKTU_ZIP)
            baru.compress_type = info.compress_type
            baru.external_attr = info.external_attr
            tujuan.writestr(baru, sumber.read(info))
    return keluaran.getvalue()


def render_lkjip(opd: PerangkatDaerah, tahun: int, *, format: str = "docx",
                 template: str | None = None) -> tuple[str, str, bytes]:
    """The full LKjIP of an OPD-year: (filename, mimetype, bytes). `format` docx or pdf."""
    if format not in ("docx", "pdf"):
        raise ValueError("format harus docx atau pdf")
    konteks = lkjip_konteks(opd=opd, tahun=tahun, template=template)
    isi = render_docx(konteks)
    if format == "docx":
        return f"{konteks.nama_berkas}.docx", MIMETYPE_DOCX, isi
    from .pdf import docx_ke_pdf

    return f"{konteks.nama_berkas}.pdf", MIMETYPE_PDF, docx_ke_pdf(isi)
