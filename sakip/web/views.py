"""Pages of the foundation: home, and the Pemda and OPD dashboards (DOMAIN §7).

The dashboards read stored results through `sakip.web.selectors` (no computation on page
load) and a fixed number of queries whatever the number of OPDs or indicators.
"""

from decimal import Decimal
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.generic import TemplateView

from sakip.akun.izin import Aksi, aksi_diizinkan, boleh, opd_terlihat
from sakip.akun.mixins import OpdViewMixin, PemdaViewMixin
from sakip.akun.models import Keanggotaan
from sakip.engine.angka import format_persen, format_rupiah
from sakip.kinerja.selectors import LaporanAnggaran, anggaran_opd_tahun
from sakip.organisasi.models import KepalaDaerah, PerangkatDaerah
from sakip.organisasi.selectors import pejabat_opd
from sakip.web.navigasi import entri_menu

from .selectors import (
    LABEL_TRIWULAN,
    TIDAK_TERUKUR,
    BarisOpd,
    Periode,
    dasbor_opd,
    dasbor_pemda,
    pilih_periode,
    tahun_hasil,
)
from .tenggat import status_triwulan_opd, tenggat_opd


class BerandaView(LoginRequiredMixin, TemplateView):
    template_name = "web/beranda.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        daftar = list(opd_terlihat(self.request.user).order_by("pemda__nama", "nama"))  # type: ignore[arg-type]
        per_pemda: dict[Any, list[PerangkatDaerah]] = {}
        for opd in daftar:
            per_pemda.setdefault(opd.pemda, []).append(opd)
        context["per_pemda"] = per_pemda
        return context


def _periode(request: Any, opd_ids: list[int]) -> Periode:
    return pilih_periode(
        tahun_ada=tahun_hasil(opd_ids=opd_ids), tahun=request.GET.get("tahun"),
        triwulan=request.GET.get("tw"), hari_ini=timezone.localdate(),
    )


def _teks_persen(nilai: Decimal | None) -> str:
    return "" if nilai is None else format_persen(nilai)


# Sort keys of the Pemda table; OPDs without a value go last whatever the direction.
_URUT_PEMDA = {
    "nama": lambda b: b.opd.nama.lower(),
    "capaian": lambda b: b.capaian,
    "iku": lambda b: b.jumlah_iku,
    "serapan": lambda b: b.serapan.persen if b.serapan else None,
}


def _urutkan(baris: list[BarisOpd], urut: str, arah: str) -> list[BarisOpd]:
    kunci = _URUT_PEMDA[urut]
    ada = [b for b in baris if kunci(b) is not None]
    tanpa = [b for b in baris if kunci(b) is None]
    return sorted(ada, key=kunci, reverse=arah == "turun") + tanpa


class PemdaView(PemdaViewMixin, TemplateView):
    template_name = "web/pemda.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        daftar_opd = list(opd_terlihat(user).filter(pemda=self.pemda).order_by("nama"))  # type: ignore[arg-type]
        periode = _periode(self.request, [o.pk for o in daftar_opd])
        dasbor = dasbor_pemda(
            pemda=self.pemda, opd=daftar_opd, tahun=periode.tahun, triwulan=periode.triwulan,
            tahun_tersedia=periode.tahun_tersedia,
        )
        urut = self.request.GET.get("urut", "nama")
        urut = urut if urut in _URUT_PEMDA else "nama"
        arah = "turun" if self.request.GET.get("arah") == "turun" else "naik"
        baris = _urutkan(dasbor.baris, urut, arah)
        context.update(
            dasbor=dasbor, baris=baris, periode=periode, urut=urut, arah=arah,
            label_triwulan=LABEL_TRIWULAN, tidak_terukur=TIDAK_TERUKUR,
            status=status_triwulan_opd(opd_ids=[o.pk for o in daftar_opd], tahun=periode.tahun,
                                       triwulan=periode.triwulan),
            grafik={
                "label": [b.opd.singkatan or b.opd.nama for b in baris],
                "capaian": [b.capaian for b in baris],
                "capaian_teks": [_teks_persen(b.capaian) for b in baris],
                "warna": [(b.rollup.warna if b.rollup else "") or "#b8c4d0" for b in baris],
                "serapan": [b.serapan.persen if b.serapan else None for b in baris],
                "serapan_teks": [_teks_persen(b.serapan.persen if b.serapan else None) for b in baris],
            },
            # Horizontal bars: two per OPD, readable at 14 px each, plus the axes.
            tinggi_grafik=max(220, 34 * len(baris) + 70),
            daftar_opd=daftar_opd,
            kepala_daerah=KepalaDaerah.objects.filter(pemda=self.pemda),
            boleh_kelola_pengguna=boleh(user, Aksi.KELOLA_PENGGUNA, pemda=self.pemda),  # type: ignore[arg-type]
            menu=entri_menu("pemda"),
        )
        if context["boleh_kelola_pengguna"]:
            context["anggota"] = (
                Keanggotaan.objects.filter(pemda=self.pemda)
                .select_related("user", "opd")
                .order_by("opd__nama", "peran", "user__username")
            )
        return context


def url_isian(opd: PerangkatDaerah, tahun: int, triwulan: int) -> str | None:
    """The quarter's entry page (sakip.pengukuran), when the measurement app provides it."""
    try:
        return reverse("pengukuran:isian", args=[opd.slug, tahun, triwulan])
    except NoReverseMatch:
        return None


def _grafik_anggaran(lap: LaporanAnggaran) -> dict[str, Any] | None:
    """Pagu against realisation per program, or per sasaran when the realisation is printed only
    per sasaran (lkjip-2025 Tabel III.6)."""
    kelompok = lap.per_program
    if not any(k.ringkasan.realisasi is not None for k in kelompok) and any(
        k.ringkasan.realisasi is not None for k in lap.per_sasaran
    ):
        kelompok, dasar = lap.per_sasaran, "sasaran"
    else:
        dasar = "program"
    if not kelompok:
        return None
    return {
        "baris": kelompok,
        "dasar": dasar,
        "label": [k.uraian if len(k.uraian) <= 48 else k.uraian[:46] + "…" for k in kelompok],
        "pagu": [k.ringkasan.pagu for k in kelompok],
        "realisasi": [k.ringkasan.realisasi for k in kelompok],
        "pagu_teks": [format_rupiah(k.ringkasan.pagu) for k in kelompok],
        "realisasi_teks": [format_rupiah(k.ringkasan.realisasi) if k.ringkasan.realisasi is not None else "–"
                           for k in kelompok],
        "tinggi": max(220, 40 * len(kelompok) + 70),
    }


class OpdView(OpdViewMixin, TemplateView):
    template_name = "web/opd.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        opd = PerangkatDaerah.objects.select_related("pemda").prefetch_related(
            Prefetch("unit_kerja")
        ).get(pk=self.opd.pk)
        hari_ini = timezone.localdate()
        periode = _periode(self.request, [opd.pk])
        tenggat = tenggat_opd(opd=opd, tahun=periode.tahun)
        dicek = [periode.triwulan] if periode.triwulan else list(tenggat)
        jatuh_tempo = [tw for tw in dicek if tenggat[tw].jatuh_tempo(hari_ini)]
        dasbor = dasbor_opd(opd=opd, tahun=periode.tahun, triwulan=periode.triwulan,
                            triwulan_jatuh_tempo=jatuh_tempo)
        hanya_iku = self.request.GET.get("iku") == "1"
        anggaran = anggaran_opd_tahun(opd=opd, tahun=periode.tahun)
        # Entry links go to the first quarter an indicator is missing (one page per quarter).
        isian = {tw: url_isian(opd, periode.tahun, tw) for tw in jatuh_tempo}
        aksi = aksi_diizinkan(self.request.user, opd=opd)  # type: ignore[arg-type]
        grafik = _grafik_anggaran(anggaran)
        context.update(
            opd=opd, periode=periode, dasbor=dasbor, anggaran=anggaran,
            baris=[b for b in dasbor.baris if b.indikator.iku] if hanya_iku else dasbor.baris,
            hanya_iku=hanya_iku, label_triwulan=LABEL_TRIWULAN, tidak_terukur=TIDAK_TERUKUR,
            band=list(reversed(dasbor.laporan.kebijakan.skala.band)),
            tenggat=[
                {"t": tenggat[tw], "jatuh_tempo": tw in jatuh_tempo, "terlambat": tenggat[tw].terlambat(hari_ini),
                 "kosong": dasbor.jumlah_kosong(tw)}
                for tw in dicek
            ],
            grafik_anggaran=grafik,
            data_grafik_anggaran={k: v for k, v in grafik.items() if k not in ("baris", "tinggi")} if grafik else None,
            isian=isian,
            pejabat=pejabat_opd(opd=opd),
            aksi={a.value for a in aksi},
            menu=[e for e in entri_menu("opd") if e.aksi in aksi],
        )
        return context
