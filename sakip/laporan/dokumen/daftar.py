"""Daftar Isi, Daftar Tabel and Daftar Gambar: bookmarks and the TOC fields' content.

The template holds three Word TOC fields (headings 1–3; captions "Keterangan Tabel"; captions
"Keterangan Gambar"). LibreOffice does not recompute a TOC field when it converts a .docx, so the
renderer writes the field's result itself: one entry per heading / caption, linked to a bookmark
on it, with the page number when known (`halaman`, from the PDF of a first conversion). Word
still sees real TOC fields and refreshes them on opening (`w:updateFields` in the template).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

GAYA_JUDUL = {"Heading 1": 1, "Heading 2": 2, "Heading 3": 3}
GAYA_TABEL, GAYA_GAMBAR = "Keterangan Tabel", "Keterangan Gambar"
AWALAN = "_Toc"


@dataclass(frozen=True)
class Entri:
    bookmark: str
    teks: str
    tingkat: int  # 1–3 for headings; 1 for captions


@dataclass
class Daftar:
    isi: list[Entri]
    tabel: list[Entri]
    gambar: list[Entri]


def pasang_bookmark(dok: Document) -> Daftar:
    """A `_Toc…` bookmark on every heading and caption (Word's own naming for TOC targets)."""
    hasil = Daftar([], [], [])
    # Style ids resolved once: python-docx's per-paragraph style lookup costs seconds on a report.
    tujuan: dict[str, tuple[list[Entri], int]] = {}
    for nama, tingkat in GAYA_JUDUL.items():
        tujuan[_gaya_id(dok, nama)] = (hasil.isi, tingkat)
    tujuan[_gaya_id(dok, GAYA_TABEL)] = (hasil.tabel, 1)
    tujuan[_gaya_id(dok, GAYA_GAMBAR)] = (hasil.gambar, 1)
    tujuan.pop("Normal", None)
    n = 0
    body = dok.element.body
    for el in body.iter(qn("w:p")):
        ps = el.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if ps is None or ps.get(qn("w:val")) not in tujuan:
            continue
        teks = " ".join("".join(t.text or "" for t in el.iter(qn("w:t"))).split())
        if not teks:
            continue
        daftar, tingkat = tujuan[ps.get(qn("w:val"))]
        n += 1
        nama = f"{AWALAN}{n:06d}"
        mulai = OxmlElement("w:bookmarkStart")
        mulai.set(qn("w:id"), str(90000 + n))
        mulai.set(qn("w:name"), nama)
        akhir = OxmlElement("w:bookmarkEnd")
        akhir.set(qn("w:id"), str(90000 + n))
        ppr = el.find(qn("w:pPr"))
        if ppr is not None:
            ppr.addnext(mulai)
        else:
            el.insert(0, mulai)
        el.append(akhir)
        daftar.append(Entri(nama, teks, tingkat))
    return hasil


def _field_toc(dok: Document) -> list[tuple[str, list]]:
    """The paragraphs holding a TOC field: (instruction, [begin … end paragraph elements])."""
    hasil = []
    for el in list(dok.element.body.iter(qn("w:p"))):
        instr = "".join(t.text or "" for t in el.iter(qn("w:instrText")))
        if "TOC" in instr:
            hasil.append((instr.strip(), [el]))
    return hasil


def _run(teks: str | None = None, fld: str | None = None, instr: str | None = None, tab: bool = False,
         tebal: bool = False):  # type: ignore[no-untyped-def]
    r = OxmlElement("w:r")
    if tebal:
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:b"))
        r.append(rpr)
    if fld:
        f = OxmlElement("w:fldChar")
        f.set(qn("w:fldCharType"), fld)
        r.append(f)
    if instr is not None:
        it = OxmlElement("w:instrText")
        it.set(qn("xml:space"), "preserve")
        it.text = f" {instr} "
        r.append(it)
    if tab:
        r.append(OxmlElement("w:tab"))
    if teks is not None:
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = teks
        r.append(t)
    return r


def _paragraf(gaya_id: str):  # type: ignore[no-untyped-def]
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    ps = OxmlElement("w:pStyle")
    ps.set(qn("w:val"), gaya_id)
    ppr.append(ps)
    p.append(ppr)
    return p


def _gaya_id(dok: Document, nama: str) -> str:
    try:
        return dok.styles[nama].style_id
    except KeyError:
        return "Normal"


def isi_field(dok: Document, daftar: Daftar, halaman: Callable[[str], str] | None = None) -> None:
    """Replace each TOC field's result with its entries (page numbers from `halaman`)."""
    for instr, (el,) in _field_toc(dok):
        if "Keterangan Tabel" in instr:
            entri, kosong = daftar.tabel, "Tidak ada tabel."
        elif "Keterangan Gambar" in instr:
            entri, kosong = daftar.gambar, "Tidak ada gambar."
        else:
            entri, kosong = daftar.isi, "Tidak ada judul."
        tebal = entri is daftar.isi  # chapter lines bold in the Daftar Isi only
        baru = []
        for i, e in enumerate(entri or [Entri("", kosong, 1)]):
            p = _paragraf(_gaya_id(dok, f"TOC {e.tingkat}"))
            if i == 0:
                p.append(_run(fld="begin"))
                p.append(_run(instr=instr))
                p.append(_run(fld="separate"))
            if e.bookmark:
                link = OxmlElement("w:hyperlink")
                link.set(qn("w:anchor"), e.bookmark)
                link.set(qn("w:history"), "1")
                b = tebal and e.tingkat == 1
                link.append(_run(e.teks, tebal=b))
                link.append(_run(tab=True, teks=halaman(e.bookmark) if halaman else "", tebal=b))
                p.append(link)
            else:
                p.append(_run(e.teks))
            baru.append(p)
        baru[-1].append(_run(fld="end"))
        for p in baru:
            el.addprevious(p)
        el.getparent().remove(el)


def isi_daftar(dok: Document, halaman: Callable[[str], str] | None = None) -> Daftar:
    daftar = pasang_bookmark(dok)
    isi_field(dok, daftar, halaman)
    return daftar
