"""Template helpers of the dashboards: sparklines, band chips, sort links, audit values."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from sakip.engine.angka import format_angka
from sakip.web.selectors import LABEL_TRIWULAN, TitikTren

register = template.Library()

_LEBAR, _TINGGI, _TEPI = Decimal(112), Decimal(28), Decimal(3)
_SATU = Decimal("0.1")


def _koordinat(nilai: Decimal) -> str:
    return format(nilai.quantize(_SATU), "f")


@register.simple_tag
def sparkline(tren: list[TitikTren]) -> SafeString:
    """A small inline SVG of capaian per quarter: a line through measured quarters (broken where
    a quarter is not measurable), a dotted 100% reference, the last point in its band colour.
    Geometry in Decimal like every number here; drawn on the server, so the page needs no script
    and costs no query."""
    terukur = [t for t in tren if t.nilai is not None]
    if not terukur:
        return mark_safe('<span class="kosong" title="Belum ada capaian terukur">–</span>')
    atas = max([Decimal(100), *(t.nilai for t in terukur if t.nilai is not None)])
    bawah = min([Decimal(0), *(t.nilai for t in terukur if t.nilai is not None)])
    rentang = atas - bawah
    langkah = (_LEBAR - 2 * _TEPI) / max(len(tren) - 1, 1)

    def y(v: Decimal) -> Decimal:
        return _TINGGI - _TEPI - (v - bawah) / rentang * (_TINGGI - 2 * _TEPI)

    ruas: list[list[str]] = [[]]
    titik = []
    for i, t in enumerate(tren):
        if t.nilai is None:
            if ruas[-1]:
                ruas.append([])
            continue
        x = _TEPI + langkah * i
        ruas[-1].append(f"{_koordinat(x)},{_koordinat(y(t.nilai))}")
        titik.append((x, y(t.nilai), t))
    garis = format_html_join(
        "", '<polyline points="{}" fill="none" stroke="#2f6fb5" stroke-width="1.6"/>',
        ((" ".join(r),) for r in ruas if len(r) > 1),
    )
    x, yy, akhir = titik[-1]
    judul = "; ".join(f"{t.label}: {t.teks}" for t in tren)
    seratus = _koordinat(y(Decimal(100)))
    return format_html(
        '<svg class="sparkline" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{j}">'
        "<title>{j}</title>"
        '<line x1="0" x2="{w}" y1="{s}" y2="{s}" stroke="#b8c4d0" stroke-dasharray="2 2"/>{g}'
        '<circle cx="{x}" cy="{y}" r="2.8" fill="{c}" stroke="#33414f" stroke-width=".6"/></svg>',
        w=_LEBAR, h=_TINGGI, j=judul, s=seratus, g=garis, x=_koordinat(x), y=_koordinat(yy),
        c=akhir.warna or "#8a96a3",
    )


@register.simple_tag
def chip(warna: str, label: str = "") -> SafeString:
    """A band colour as a small square with its name (light bands stay readable: the text is
    never drawn on the colour)."""
    if not warna:
        return mark_safe('<span class="chip chip-kosong" aria-hidden="true"></span>')
    return format_html('<span class="chip" style="background:{}" title="{}"></span>', warna, label)


@register.simple_tag(takes_context=True)
def urut_url(context: dict[str, Any], kolom: str) -> str:
    """The link of a sortable column header: the same period, this column, the other direction
    when it is the current one."""
    request = context["request"]
    sekarang, arah = context.get("urut", ""), context.get("arah", "naik")
    baru = "turun" if kolom == sekarang and arah == "naik" else "naik"
    q = {k: v for k, v in request.GET.items() if k not in ("urut", "arah")}
    q.update(urut=kolom, arah=baru)
    return "?" + urlencode(q)


@register.simple_tag(takes_context=True)
def tanda_urut(context: dict[str, Any], kolom: str) -> str:
    if context.get("urut") != kolom:
        return ""
    return mark_safe(' <span aria-hidden="true">▲</span>' if context.get("arah") == "naik"
                     else ' <span aria-hidden="true">▼</span>')


@register.filter
def nilai_jejak(teks: Any) -> str:
    """A value of the audit trail as a reader expects it: stored values are locale-free text
    ("22.30000000"); a plain decimal number is shown in Indonesian format without trailing zeros
    ("22,3"). Whole numbers (years, codes, counts) and any other text are shown as stored, so a
    year never becomes "2.025"."""
    if teks is None or teks == "":
        return "–"
    teks = str(teks)
    if "." not in teks or teks.count(".") != 1 or not teks.replace(".", "").lstrip("-").isdigit():
        return teks
    try:
        nilai = Decimal(teks)
    except InvalidOperation:
        return teks
    bersih = nilai.normalize() if nilai != nilai.to_integral_value() else nilai.quantize(Decimal(1))
    return format_angka(bersih, None)


@register.filter
def ambil(kamus: Any, kunci: Any) -> Any:
    """`{{ kamus|ambil:kunci }}` — dict lookup with a variable key."""
    if kamus is None:
        return None
    return kamus.get(kunci)


@register.filter
def triwulan(tw: Any) -> str:
    """1 → "TW I" … 4 → "TW IV", 0 → "Tahunan"."""
    try:
        return LABEL_TRIWULAN[int(tw)]
    except (KeyError, TypeError, ValueError):
        return str(tw)
