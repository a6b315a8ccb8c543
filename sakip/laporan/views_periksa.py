"""The consistency check page of an OPD-year: every finding grouped by severity and area, each
with the page where it is fixed (when that page exists), and a year selector."""

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views import View

from sakip.akun.izin import Aksi
from sakip.akun.mixins import OpdViewMixin
from sakip.perencanaan.models import Renstra

from .pemeriksaan import JUDUL_BIDANG, JUDUL_TINGKAT, Tautan, Temuan, periksa_opd


def url_perbaikan(tautan: Tautan) -> str:
    """The first candidate page that exists. Other capabilities add their pages over time, so a
    name or signature not there yet is skipped rather than an error."""
    for nama, args in tautan:
        try:
            return reverse(nama, args=list(args))
        except NoReverseMatch:
            continue
    return ""


@dataclass(frozen=True)
class BarisTemuan:
    temuan: Temuan
    url: str


class PeriksaView(OpdViewMixin, View):
    permission = Aksi.LIHAT

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        tahun = int(kwargs["tahun"])
        if not 2000 <= tahun <= 2100:
            raise Http404("Tahun tidak dikenal")
        hasil = periksa_opd(opd=self.opd, tahun=tahun)
        kelompok = [
            (tingkat.value, JUDUL_TINGKAT[tingkat],
             [(JUDUL_BIDANG[bidang], [BarisTemuan(t, url_perbaikan(t.tautan)) for t in daftar])
              for bidang, daftar in per_bidang])
            for tingkat, per_bidang in hasil.kelompok()
        ]
        # Years of the OPD's plans, and the base year before each (its realisation is checked too).
        pilihan: set[int] = {tahun}
        for awal, akhir in Renstra.objects.filter(opd=self.opd).values_list("tahun_awal", "tahun_akhir"):
            pilihan |= set(range(awal - 1, akhir + 1))
        return render(request, "laporan/periksa.html", {
            "opd": self.opd, "tahun": tahun, "hasil": hasil, "kelompok": kelompok,
            "pilihan_tahun": sorted(pilihan, reverse=True),
        })
