"""The registry of yearly documents that go draf → final: `daftarkan_dokumen(jenis, render)`.

A renderer is `render(opd, tahun) -> (filename, mimetype, bytes)` and never touches a request
(STYLE: documents are renderers). The PK renderer is registered by `AlurConfig.ready`; the LKjIP
one is registered by its app. Finalising stores what the renderer returns (alur.layanan).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from sakip.organisasi.models import PerangkatDaerah

Render = Callable[[PerangkatDaerah, int], tuple[str, str, bytes]]


@dataclass(frozen=True)
class JenisDokumen:
    jenis: str
    label: str
    render: Render


_DOKUMEN: dict[str, JenisDokumen] = {}


def daftarkan_dokumen(jenis: str, render: Render, *, label: str | None = None) -> None:
    """Register (or replace) the renderer of a document kind."""
    _DOKUMEN[jenis] = JenisDokumen(jenis, label or jenis.upper(), render)


def jenis_dokumen() -> list[JenisDokumen]:
    return [_DOKUMEN[k] for k in sorted(_DOKUMEN)]


def dokumen_terdaftar(jenis: str) -> JenisDokumen:
    try:
        return _DOKUMEN[jenis]
    except KeyError:
        raise ValidationError(f"Jenis dokumen '{jenis}' tidak dikenal.", code="jenis_dokumen") from None


def render_pk(opd: PerangkatDaerah, tahun: int) -> tuple[str, str, bytes]:
    """The PK in force for the year (the latest version), as the `sakip pk` command writes it."""
    from sakip.kinerja.dokumen.render import pk_konteks, pk_render
    from sakip.kinerja.selectors import pk_berlaku

    versi = pk_berlaku(opd=opd, tahun=tahun)
    if versi is None:
        raise ValidationError(f"Belum ada Perjanjian Kinerja {opd.nama} tahun {tahun}.", code="tanpa_pk")
    return pk_render(pk_konteks(opd=opd, versi=versi))
