"""The pohon kinerja (performance tree) as an SVG drawing: a pure function, tree in → text out.

Reports print the cascade as boxes joined by lines (lkjip-2025 §1.2 "CASCADING"). A Renstra has
a few tujuan/sasaran, about ten programs and dozens of kegiatan and sub kegiatan, so laying every
level side by side gives a strip several metres wide. The layout therefore mixes two styles:

- the upper levels are drawn top-down, children side by side under their parent, each level on
  its own row, joined by elbow connectors;
- a node whose subtree is at most `TINGGI_TUMPUK` levels deep (a program with its kegiatan and
  sub kegiatan) lists its descendants as an indented column below it, joined from the left.

That keeps a typical Renstra at about 1:1.5 (landscape A3/A4 when printed). Text is wrapped by
an estimate of glyph widths (no font metrics on the server); the estimate errs wide.

Every text is XML-escaped, and characters XML 1.0 forbids are dropped, so any uraian is safe.
Colours and fonts are presentation attributes (no <style>): the SVG looks the same inlined in a
page, opened alone, printed, or pasted into a word processor.
"""

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

LEBAR = 216  # box width
PAD = 8
HURUF = "DejaVu Sans, Arial, Helvetica, sans-serif"
UKURAN_JENIS, UKURAN_URAIAN, UKURAN_INDIKATOR = 9.0, 11.0, 9.0
BARIS_JENIS, BARIS_URAIAN, BARIS_INDIKATOR = 12.0, 14.0, 11.5
# Characters per line: the box's inner width over an average glyph width of ~0.6 em (DejaVu Sans
# is among the widest common fonts; bold uraian a little more).
HURUF_PER_BARIS_URAIAN = int((LEBAR - 2 * PAD) / (UKURAN_URAIAN * 0.64))
HURUF_PER_BARIS_INDIKATOR = int((LEBAR - 2 * PAD - 8) / (UKURAN_INDIKATOR * 0.6))
JARAK_X, JARAK_Y = 22, 40  # between side-by-side subtrees / between rows
INDEN, JARAK_TUMPUK = 22, 10  # indented columns
TINGGI_TUMPUK = 2
TEPI = 20
TINGGI_JUDUL = 66

WARNA: dict[str, tuple[str, str, str]] = {  # fill, stroke, text
    "tujuan": ("#17457a", "#0f3460", "#ffffff"),
    "sasaran": ("#2f6fb5", "#1d4f89", "#ffffff"),
    "program": ("#e3f1e6", "#2e7d46", "#1b3d26"),
    "kegiatan": ("#fff4d6", "#b7860b", "#4a3a08"),
    "sub_kegiatan": ("#f4f5f7", "#8a96a3", "#26313d"),
}
WARNA_LAIN = ("#ffffff", "#8a96a3", "#26313d")
GARIS = "#5c6b7a"

_TIDAK_SAH = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Kotak:
    """One node of the drawing."""

    jenis: str  # tujuan | sasaran | program | kegiatan | sub_kegiatan (colour); anything else: plain
    label_jenis: str
    uraian: str
    kode: str = ""
    indikator: tuple[str, ...] = ()
    anak: tuple["Kotak", ...] = ()


@dataclass
class _Letak:
    kotak: Kotak
    baris_uraian: list[str]
    baris_indikator: list[list[str]]
    tinggi_kotak: float
    tinggi_pohon: int  # levels below this node
    tumpuk: bool  # descendants listed as an indented column
    kedalaman: int
    anak: list["_Letak"] = field(default_factory=list)
    lebar: float = 0.0  # width of the subtree block
    x: float = 0.0
    y: float = 0.0


def _bersih(teks: str) -> str:
    return " ".join(_TIDAK_SAH.sub("", teks or "").split())


def _bungkus(teks: str, lebar: int) -> list[str]:
    return textwrap.wrap(_bersih(teks), lebar, break_long_words=True, break_on_hyphens=False) or [""]


def _ukur(kotak: Kotak, kedalaman: int, induk_tumpuk: bool) -> _Letak:
    anak = [_ukur(a, kedalaman + 1, False) for a in kotak.anak]
    tinggi_pohon = 1 + max((a.tinggi_pohon for a in anak), default=-1)
    tumpuk = induk_tumpuk or (bool(anak) and tinggi_pohon <= TINGGI_TUMPUK)
    if tumpuk and not induk_tumpuk:
        anak = [_ukur(a, kedalaman + 1, True) for a in kotak.anak]
    uraian = _bungkus(kotak.uraian, HURUF_PER_BARIS_URAIAN)
    indikator = [_bungkus(i, HURUF_PER_BARIS_INDIKATOR) for i in kotak.indikator]
    tinggi = PAD + BARIS_JENIS + 2 + len(uraian) * BARIS_URAIAN + PAD
    if indikator:
        tinggi += 4 + sum(len(b) for b in indikator) * BARIS_INDIKATOR + 2
    letak = _Letak(kotak, uraian, indikator, tinggi, tinggi_pohon, tumpuk, kedalaman, anak)
    if tumpuk:
        letak.lebar = LEBAR + INDEN * tinggi_pohon
    else:
        lebar_anak = sum(a.lebar for a in anak) + JARAK_X * max(len(anak) - 1, 0)
        letak.lebar = max(LEBAR, lebar_anak)
    return letak


def _tinggi_baris(akar: list[_Letak]) -> dict[int, float]:
    """Row heights of the side-by-side levels: the tallest box of each depth."""
    tinggi: dict[int, float] = {}
    tumpukan = list(akar)
    while tumpukan:
        s = tumpukan.pop()
        tinggi[s.kedalaman] = max(tinggi.get(s.kedalaman, 0.0), s.tinggi_kotak)
        if not s.tumpuk:
            tumpukan.extend(s.anak)
    return tinggi


def _tempatkan(s: _Letak, x: float, y_baris: dict[int, float]) -> None:
    s.y = y_baris[s.kedalaman]
    if s.tumpuk:
        s.x = x
        _tempatkan_tumpuk(s)
        return
    if not s.anak:
        s.x = x + (s.lebar - LEBAR) / 2
        return
    lebar_anak = sum(a.lebar for a in s.anak) + JARAK_X * (len(s.anak) - 1)
    kx = x + (s.lebar - lebar_anak) / 2
    for a in s.anak:
        _tempatkan(a, kx, y_baris)
        kx += a.lebar + JARAK_X
    s.x = (s.anak[0].x + s.anak[-1].x) / 2


def _tempatkan_tumpuk(s: _Letak) -> float:
    """Place the descendants of `s` below it, indented; returns the bottom of the column."""
    y = s.y + s.tinggi_kotak
    for a in s.anak:
        a.x, a.y = s.x + INDEN, y + JARAK_TUMPUK
        y = _tempatkan_tumpuk(a)
    return y


def _semua(akar: Sequence[_Letak]) -> list[_Letak]:
    hasil: list[_Letak] = []
    tumpukan = list(reversed(akar))
    while tumpukan:
        s = tumpukan.pop()
        hasil.append(s)
        tumpukan.extend(reversed(s.anak))
    return hasil


def _n(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _teks(x: float, y: float, baris: list[str], *, ukuran: float, tinggi_baris: float, warna: str,
          kelas: str, tebal: bool = False, inden: float = 0.0) -> str:
    """A multi-line text; lines after the first start `inden` further right (hanging indent)."""
    tspan = "".join(
        f'<tspan x="{_n(x if i == 0 else x + inden)}" dy="{_n(0 if i == 0 else tinggi_baris)}">{escape(b)}</tspan>'
        for i, b in enumerate(baris)
    )
    berat = ' font-weight="bold"' if tebal else ""
    return (f'<text class="{kelas}" x="{_n(x)}" y="{_n(y)}" font-size="{_n(ukuran)}" '
            f'fill="{warna}"{berat}>{tspan}</text>')


def _gambar_kotak(s: _Letak) -> str:
    isi, garis, tulisan = WARNA.get(s.kotak.jenis, WARNA_LAIN)
    k = s.kotak
    x, y = s.x + PAD, s.y + PAD + UKURAN_JENIS
    kepala = k.label_jenis.upper() + (f" · {k.kode}" if k.kode else "")
    bagian = [
        f'<g class="simpul" data-jenis={quoteattr(k.jenis)}>',
        f"<title>{escape(_bersih(k.label_jenis + ': ' + k.uraian))}</title>",
        f'<rect class="kotak" x="{_n(s.x)}" y="{_n(s.y)}" width="{LEBAR}" height="{_n(s.tinggi_kotak)}" '
        f'rx="6" fill="{isi}" stroke="{garis}" stroke-width="1.2"/>',
        _teks(x, y, [_bersih(kepala)], ukuran=UKURAN_JENIS, tinggi_baris=BARIS_JENIS, warna=tulisan,
              kelas="jenis"),
        _teks(x, y + BARIS_JENIS + 2 + 1, s.baris_uraian, ukuran=UKURAN_URAIAN, tinggi_baris=BARIS_URAIAN,
              warna=tulisan, kelas="uraian", tebal=True),
    ]
    yi = s.y + PAD + BARIS_JENIS + 2 + len(s.baris_uraian) * BARIS_URAIAN + 4
    if s.baris_indikator:
        bagian.append(f'<line x1="{_n(s.x + PAD)}" y1="{_n(yi)}" x2="{_n(s.x + LEBAR - PAD)}" y2="{_n(yi)}" '
                      f'stroke="{tulisan}" stroke-opacity="0.35" stroke-width="0.8"/>')
    for baris in s.baris_indikator:
        bagian.append(_teks(x, yi + UKURAN_INDIKATOR + 2, ["▸ " + baris[0], *baris[1:]],
                            ukuran=UKURAN_INDIKATOR, tinggi_baris=BARIS_INDIKATOR, warna=tulisan,
                            kelas="indikator", inden=9))
        yi += len(baris) * BARIS_INDIKATOR
    bagian.append("</g>")
    return "".join(bagian)


def _gambar_garis(s: _Letak, y_baris: dict[int, float]) -> list[str]:
    hasil = []
    for a in s.anak:
        if s.tumpuk:
            gx = s.x + INDEN / 2
            d = f"M{_n(gx)} {_n(s.y + s.tinggi_kotak)} V{_n(a.y + min(a.tinggi_kotak / 2, 16))} H{_n(a.x)}"
        else:
            tengah = y_baris[a.kedalaman] - JARAK_Y / 2
            d = (f"M{_n(s.x + LEBAR / 2)} {_n(s.y + s.tinggi_kotak)} V{_n(tengah)} "
                 f"H{_n(a.x + LEBAR / 2)} V{_n(a.y)}")
        hasil.append(f'<path class="garis" d="{d}" fill="none" stroke="{GARIS}" stroke-width="1.2"/>')
    return hasil


@dataclass(frozen=True)
class Gambar:
    svg: str
    lebar: float
    tinggi: float


def pohon_svg(akar: Sequence[Kotak], *, judul: str = "", subjudul: str = "") -> str:
    """Draw the trees in `akar` (usually the tujuan of one Renstra) as one SVG document."""
    return gambar_pohon(akar, judul=judul, subjudul=subjudul).svg


def gambar_pohon(akar: Sequence[Kotak], *, judul: str = "", subjudul: str = "") -> Gambar:
    """`pohon_svg` with the drawing's size (a page picks its print orientation from it)."""
    letak = [_ukur(k, 0, False) for k in akar]
    tinggi_baris = _tinggi_baris(letak)
    atas = TEPI + (TINGGI_JUDUL if judul else 0)
    y_baris: dict[int, float] = {}
    y = atas
    for d in range(max(tinggi_baris, default=-1) + 1):
        y_baris[d] = y
        y += tinggi_baris.get(d, 0.0) + JARAK_Y
    x = TEPI
    for s in letak:
        _tempatkan(s, x, y_baris)
        x += s.lebar + 2 * JARAK_X
    semua = _semua(letak)
    lebar = max(x - 2 * JARAK_X + TEPI, 2 * TEPI + LEBAR, 640.0)
    tinggi = max((s.y + s.tinggi_kotak for s in semua), default=atas) + TEPI

    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pohon-kinerja" width="{_n(lebar)}" '
        f'height="{_n(tinggi)}" viewBox="0 0 {_n(lebar)} {_n(tinggi)}" font-family={quoteattr(HURUF)} '
        f'role="img" aria-labelledby="pk-judul">',
        f'<title id="pk-judul">{escape(_bersih(judul or "Pohon kinerja"))}</title>',
        f'<rect width="{_n(lebar)}" height="{_n(tinggi)}" fill="#ffffff"/>',
    ]
    if judul:
        bagian.append(_teks(TEPI, TEPI + 16, [_bersih(judul)], ukuran=16, tinggi_baris=18, warna="#17457a",
                            kelas="judul", tebal=True))
        if subjudul:
            bagian.append(_teks(TEPI, TEPI + 34, [_bersih(subjudul)], ukuran=11, tinggi_baris=13,
                                warna="#51606f", kelas="subjudul"))
        bagian.append(_legenda(semua))
    for s in semua:
        bagian.extend(_gambar_garis(s, y_baris))
    for s in semua:
        bagian.append(_gambar_kotak(s))
    bagian.append("</svg>")
    return Gambar("\n".join(bagian) + "\n", lebar, tinggi)


def _legenda(semua: list[_Letak]) -> str:
    """Colour key of the kinds present, on its own line under the title."""
    jenis: dict[str, str] = {}
    for s in semua:
        jenis.setdefault(s.kotak.jenis, s.kotak.label_jenis)
    x, y = float(TEPI), TEPI + 42
    bagian = []
    for kunci, label in jenis.items():
        isi, garis, _ = WARNA.get(kunci, WARNA_LAIN)
        bagian.append(
            f'<rect class="legenda" x="{_n(x)}" y="{y}" width="10" height="10" rx="2" '
            f'fill="{isi}" stroke="{garis}"/>'
            f'<text x="{_n(x + 14)}" y="{y + 9}" font-size="10" fill="#26313d">{escape(_bersih(label))}</text>'
        )
        x += 14 + len(label) * 5.8 + 14
    return '<g class="legenda">' + "".join(bagian) + "</g>"
