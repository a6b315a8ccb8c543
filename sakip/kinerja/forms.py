"""Forms of the PK and budget screens: they carry typed text to the services (layanan.py).

Amounts are typed the Indonesian way ("1.234.567,89") and parsed by `engine.angka.parse_angka`,
the one parser; every rule lives in the service, whose per-field errors come back to the form.
"""

from decimal import Decimal
from typing import Any

from django import forms

from sakip.engine.angka import AngkaTidakValid, format_angka, parse_angka

from .models import BelanjaAnggaran


def teks_angka(nilai: Decimal | None) -> str:
    if nilai is None:
        return ""
    return format_angka(nilai, 2 if nilai != nilai.to_integral_value() else 0)


class AngkaField(forms.CharField):
    """An exact amount typed in Indonesian notation; empty is None."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        teks = (super().to_python(value) or "").strip()
        if not teks:
            return None
        try:
            return parse_angka(teks)
        except AngkaTidakValid as exc:
            raise forms.ValidationError(str(exc), code="angka") from exc


class PerubahanPKForm(forms.Form):
    """The header of a new Perubahan; the targets and pagu of each row are read by the view."""

    alasan = forms.CharField(label="Alasan perubahan", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Wajib. Dicetak pada dokumen PK perubahan (mis. refocusing anggaran, "
                                       "penyesuaian target dengan realisasi tahun lalu).")
    berita_acara_nomor = forms.CharField(label="Nomor Berita Acara", required=False, max_length=120)
    berita_acara_tanggal = forms.DateField(label="Tanggal Berita Acara", required=False,
                                           widget=forms.DateInput(attrs={"type": "date"}))
    tempat = forms.CharField(label="Tempat penandatanganan", required=False, max_length=120)
    tanggal = forms.DateField(label="Tanggal penandatanganan", required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
    dasar_ke = forms.IntegerField(widget=forms.HiddenInput)
    dasar_versi = forms.IntegerField(widget=forms.HiddenInput)


class BelanjaForm(forms.Form):
    pagu_sebelum = AngkaField(label="Pagu sebelum perubahan (Rp)", required=False)
    pagu_sesudah = AngkaField(label="Pagu sesudah perubahan (Rp)", required=True)
    realisasi = AngkaField(label="Realisasi (Rp)", required=False,
                           help_text="Kosongkan bila realisasi tidak dicatat per baris.")
    fisik = AngkaField(label="Realisasi fisik (%)", required=False)
    alasan = forms.CharField(label="Keterangan perubahan", required=False, max_length=500,
                             help_text="Dicatat dalam jejak audit bersama nilai lama dan baru.")
    versi = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, belanja: BelanjaAnggaran, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {
            "pagu_sebelum": teks_angka(belanja.pagu_sebelum), "pagu_sesudah": teks_angka(belanja.pagu_sesudah),
            "realisasi": teks_angka(belanja.realisasi),
            "fisik": "" if belanja.fisik is None else format_angka(belanja.fisik, None),
            "versi": belanja.versi,
        })
        super().__init__(*args, **kwargs)
