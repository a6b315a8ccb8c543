"""Reads for the dashboards (DOMAIN §7): stored results only, scoped by the OPDs a user may see.

Nothing is computed on page load beyond sums and counts of stored rows: capaian, bands and
roll-ups come from `HasilCapaian` / `HasilRollup` (rebuilt by the measurement services), budget
absorption from the budget lines by the same rules as `kinerja.selectors.anggaran_opd_tahun`
(leaves only, realisation printed per sasaran when that is all a report gives). Every selector
makes a fixed number of queries whatever the number of OPDs or indicators (tests/web).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Model, Q
from django.db.models.functions import Cast

from sakip.audit.models import Jejak
from sakip.engine.angka import dari_pecahan, jumlahkan
from sakip.engine.skala import Band
from sakip.kinerja import anggaran as hitung
from sakip.kinerja.models import BelanjaAnggaran, RealisasiSasaran
from sakip.organisasi.models import Pemda, PerangkatDaerah
from sakip.pengukuran.kebijakan import kebijakan_pemda
from sakip.pengukuran.models import TAHUNAN, Bukti, HasilCapaian, HasilRollup, LevelRollup, Narasi, Realisasi
from sakip.pengukuran.selectors import LaporanCapaian, capaian_opd_tahun
from sakip.perencanaan.models import Indikator, JenisNode, RevisiTarget

LABEL_TRIWULAN = {0: "Tahunan", 1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}
TIDAK_TERUKUR = ""  # band key of an indicator without capaian

# How deep a budget line's ancestors are read in one query: tujuan → sasaran → program →
# kegiatan → sub kegiatan is the deepest cascade (perencanaan.models.INDUK_SAH).
_KEDALAMAN = 5


# ------------------------------------------------------------------------------- the period


@dataclass(frozen=True)
class Periode:
    tahun: int
    triwulan: int  # 0 = the year
    tahun_tersedia: tuple[int, ...]

    @property
    def label(self) -> str:
        return f"{LABEL_TRIWULAN[self.triwulan]} {self.tahun}" if self.triwulan else f"Tahun {self.tahun}"


def tahun_hasil(*, opd_ids: Iterable[int]) -> list[tuple[int, bool]]:
    """Years with stored OPD roll-ups, and whether any of them is measured (one query)."""
    ada: dict[int, bool] = {}
    for tahun, terukur in (
        HasilRollup.objects.filter(opd_id__in=list(opd_ids), level=LevelRollup.OPD, triwulan=TAHUNAN)
        .values_list("tahun", "terukur")
        .distinct()
    ):
        ada[tahun] = ada.get(tahun, False) or terukur
    return sorted(ada.items())


def pilih_periode(
    *, tahun_ada: Sequence[tuple[int, bool]], tahun: str | None, triwulan: str | None, hari_ini: dt.date
) -> Periode:
    """The period asked for in the query string, else a sensible default: the latest year with a
    measured result (not a planned future year), the whole year. Unknown input falls back to the
    default rather than failing: a dashboard link must always open."""
    tersedia = tuple(th for th, _ in tahun_ada) or (hari_ini.year,)
    terukur = [th for th, ada in tahun_ada if ada and th <= hari_ini.year]
    bawaan = terukur[-1] if terukur else min(max(tersedia[0], hari_ini.year), tersedia[-1])
    pilih = int(tahun) if tahun and tahun.isdigit() and int(tahun) in tersedia else bawaan
    tw = int(triwulan) if triwulan and triwulan.isdigit() and int(triwulan) in LABEL_TRIWULAN else TAHUNAN
    return Periode(pilih, tw, tersedia)


# ------------------------------------------------------------------------------ budget


@dataclass(frozen=True)
class Serapan:
    """Budget absorption of an OPD-year. `per_sasaran`: the realisation is known only per
    sasaran (lkjip-2025 Tabel III.6), so pagu and realisation cover the sasaran's lines only."""

    pagu: Decimal
    realisasi: Decimal | None
    per_sasaran: bool = False

    @property
    def persen(self) -> Decimal | None:
        if self.realisasi is None or self.pagu == 0:
            return None
        return dari_pecahan(Fraction(self.realisasi) * 100 / Fraction(self.pagu))


def serapan_opd(*, opd_ids: Iterable[int], tahun: int) -> dict[int, Serapan]:
    """Absorption of each OPD's budget for a year, in two queries for any number of OPDs.

    The same numbers as `anggaran_opd_tahun(...).total`, or its `total_sasaran` when the total
    realisation is unknown but the per-sasaran one is (test_serapan_sama_dengan_laporan_anggaran).
    """
    ids = list(opd_ids)
    kolom = ["opd_id", "nama", "sumber", "pagu_sesudah", "pagu_sebelum", "realisasi"]
    rantai = ["node"] + ["node" + "__induk" * i for i in range(1, _KEDALAMAN)]
    for r in rantai:
        kolom += [f"{r}_id", f"{r}__jenis"]
    per_opd: dict[int, list[hitung.Baris]] = defaultdict(list)
    for row in BelanjaAnggaran.objects.filter(opd_id__in=ids, tahun=tahun).order_by("urutan").values_list(*kolom):
        opd_id, nama, sumber, pagu, sebelum, realisasi = row[:6]
        jalur_turun = [(row[i], row[i + 1]) for i in range(6, len(row), 2) if row[i] is not None]
        jalur = tuple(str(pk) for pk, _ in reversed(jalur_turun))
        sasaran = next((str(pk) for pk, jenis in jalur_turun if jenis == JenisNode.SASARAN), None)
        per_opd[opd_id].append(hitung.Baris(
            label=jalur[-1] if jalur else nama, sumber=sumber, pagu=pagu, pagu_sebelum=sebelum,
            realisasi=realisasi, jalur=jalur, sasaran=sasaran,
        ))
    if not per_opd:
        return {}
    tercetak: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for opd_id, sasaran_id, realisasi in RealisasiSasaran.objects.filter(
        opd_id__in=list(per_opd), tahun=tahun
    ).values_list("opd_id", "sasaran_id", "realisasi"):
        tercetak[opd_id][str(sasaran_id)] = realisasi
    return {opd_id: _serapan(baris, tercetak.get(opd_id, {})) for opd_id, baris in per_opd.items()}


def _serapan(baris: list[hitung.Baris], tercetak: dict[str, Decimal]) -> Serapan:
    daun = hitung.daun(baris)
    total = hitung.jumlah(daun)
    if total.realisasi is not None:
        return Serapan(total.pagu, total.realisasi)
    grup = hitung.kelompokkan(daun, lambda b: b.sasaran)
    if grup:
        ringkas = [hitung.jumlah(g, realisasi=tercetak.get(k)) for k, g in grup.items()]
        if all(r.realisasi is not None for r in ringkas):
            return Serapan(
                jumlahkan([r.pagu for r in ringkas]),
                jumlahkan([r.realisasi for r in ringkas if r.realisasi is not None]),
                per_sasaran=True,
            )
    return Serapan(total.pagu, None)


# ---------------------------------------------------------------------- Pemda dashboard


@dataclass
class BarisOpd:
    opd: PerangkatDaerah
    rollup: HasilRollup | None
    iku: dict[str, int]  # band label (TIDAK_TERUKUR = no capaian) → number of IKU
    serapan: Serapan | None

    @property
    def capaian(self) -> Decimal | None:
        return self.rollup.nilai_tampil if self.rollup is not None and self.rollup.terukur else None

    @property
    def jumlah_iku(self) -> int:
        return sum(self.iku.values())


@dataclass
class DasborPemda:
    pemda: Pemda
    periode: Periode
    band: list[Band]  # the Pemda's rating scale, best band first
    baris: list[BarisOpd]

    @property
    def total_serapan(self) -> Serapan | None:
        """The Pemda's absorption over the OPDs whose absorption is known."""
        ada = [b.serapan for b in self.baris if b.serapan is not None and b.serapan.realisasi is not None]
        if not ada:
            return None
        return Serapan(jumlahkan([s.pagu for s in ada]),
                       jumlahkan([s.realisasi for s in ada if s.realisasi is not None]))

    @property
    def opd_per_band(self) -> list[tuple[Band, int]]:
        hitung_band: dict[str, int] = defaultdict(int)
        for b in self.baris:
            if b.capaian is not None and b.rollup is not None:
                hitung_band[b.rollup.band] += 1
        return [(band, hitung_band[band.label]) for band in self.band if hitung_band.get(band.label)]

    @property
    def opd_tidak_terukur(self) -> int:
        return sum(1 for b in self.baris if b.capaian is None)

    @property
    def jumlah_iku(self) -> int:
        return sum(b.jumlah_iku for b in self.baris)

    @property
    def iku_per_band(self) -> dict[str, int]:
        total: dict[str, int] = defaultdict(int)
        for b in self.baris:
            for kunci, n in b.iku.items():
                total[kunci] += n
        return dict(total)


def dasbor_pemda(
    *, pemda: Pemda, opd: Iterable[PerangkatDaerah], tahun: int, triwulan: int, tahun_tersedia: Sequence[int] = ()
) -> DasborPemda:
    """Every given OPD (the caller passes those the user may see) with its IKU mean, IKU count
    per band and budget absorption: four queries whatever the number of OPDs."""
    daftar = list(opd)
    ids = [o.pk for o in daftar]
    rollup = {
        r.opd_id: r
        for r in HasilRollup.objects.filter(
            opd_id__in=ids, level=LevelRollup.OPD, kunci=0, tahun=tahun, triwulan=triwulan
        ).only("opd_id", "terukur", "nilai_tampil", "teks", "band", "warna", "jumlah_dihitung",
               "jumlah_dikecualikan", "jejak")
    }
    iku: dict[int, dict[str, int]] = defaultdict(dict)
    # The IKU first (a few per OPD), then their rows through the (indikator, tahun, triwulan)
    # key: joining every result row of the OPDs to its indicator to test `iku` was 25× slower
    # on the national dataset (docs/PERFORMANCE.md, "Dasbor").
    iku_ids = Indikator.objects.filter(renstra__opd_id__in=ids, iku=True).values("pk")
    for opd_id, band, n in (
        HasilCapaian.objects.filter(opd_id__in=ids, tahun=tahun, triwulan=triwulan, indikator_id__in=iku_ids)
        .values("opd_id", "band")
        .annotate(n=Count("pk"))
        .values_list("opd_id", "band", "n")
    ):
        iku[opd_id][band or TIDAK_TERUKUR] = iku[opd_id].get(band or TIDAK_TERUKUR, 0) + n
    serapan = serapan_opd(opd_ids=ids, tahun=tahun)
    skala = kebijakan_pemda(pemda).skala
    return DasborPemda(
        pemda=pemda,
        periode=Periode(tahun, triwulan, tuple(tahun_tersedia) or (tahun,)),
        band=list(reversed(skala.band)),
        baris=[BarisOpd(o, rollup.get(o.pk), iku.get(o.pk, {}), serapan.get(o.pk)) for o in daftar],
    )


# ------------------------------------------------------------------------ OPD dashboard


@dataclass(frozen=True)
class TitikTren:
    tahun: int
    triwulan: int
    nilai: Decimal | None  # capaian as displayed; None = not measurable
    teks: str
    warna: str

    @property
    def label(self) -> str:
        return f"{LABEL_TRIWULAN[self.triwulan]} {self.tahun}"


@dataclass
class BarisIndikator:
    indikator: Indikator
    hasil: HasilCapaian | None
    tren: list[TitikTren] = field(default_factory=list)
    realisasi_kosong: list[int] = field(default_factory=list)  # due quarters without realisation
    bukti_kosong: list[int] = field(default_factory=list)  # due quarters of an IKU without evidence


@dataclass
class DasborOpd:
    laporan: LaporanCapaian
    baris: list[BarisIndikator]
    triwulan_diperiksa: list[int]  # the due quarters checked for missing data

    @property
    def iku_per_band(self) -> dict[str, int]:
        hasil: dict[str, int] = defaultdict(int)
        for b in self.baris:
            if b.indikator.iku:
                hasil[(b.hasil.band if b.hasil else "") or TIDAK_TERUKUR] += 1
        return dict(hasil)

    @property
    def kekurangan(self) -> list[BarisIndikator]:
        return [b for b in self.baris if b.realisasi_kosong or b.bukti_kosong]

    def jumlah_kosong(self, triwulan: int) -> tuple[int, int]:
        """(indicators without realisation, IKU without evidence) of a quarter."""
        return (sum(1 for b in self.baris if triwulan in b.realisasi_kosong),
                sum(1 for b in self.baris if triwulan in b.bukti_kosong))


def dasbor_opd(*, opd: PerangkatDaerah, tahun: int, triwulan: int, triwulan_jatuh_tempo: Iterable[int]) -> DasborOpd:
    """Every indicator of the plan in force with its stored result for the period, its trend
    over the quarters of the plan's years up to `tahun`, and what is missing in the due quarters
    (`triwulan_jatuh_tempo`, decided by the caller). Six queries whatever the plan's size."""
    laporan = capaian_opd_tahun(opd=opd, tahun=tahun, triwulan=triwulan)
    diperiksa = sorted(set(triwulan_jatuh_tempo))
    if laporan.renstra is None:
        return DasborOpd(laporan, [], diperiksa)
    tren: dict[int, list[TitikTren]] = defaultdict(list)
    terisi: set[tuple[int, int]] = set()
    for iid, th, tw, nilai, terukur, teks, warna, realisasi, realisasi_teks in (
        HasilCapaian.objects.filter(
            opd=opd, indikator__renstra=laporan.renstra, tahun__gte=laporan.renstra.tahun_awal,
            tahun__lte=tahun, triwulan__gte=1,
        )
        .order_by("tahun", "triwulan")
        .values_list("indikator_id", "tahun", "triwulan", "nilai_tampil", "terukur", "teks", "warna",
                     "realisasi", "realisasi_teks")
    ):
        tren[iid].append(TitikTren(th, tw, nilai if terukur else None, teks, warna))
        if th == tahun and (realisasi is not None or realisasi_teks):
            terisi.add((iid, tw))
    berbukti = set(
        Bukti.objects.filter(opd=opd, tahun=tahun, triwulan__in=diperiksa).values_list("indikator_id", "triwulan")
    ) if diperiksa else set()
    baris = []
    for b in laporan.baris:
        iid = b.indikator.pk
        baris.append(BarisIndikator(
            b.indikator, b.hasil, tren.get(iid, []),
            [tw for tw in diperiksa if (iid, tw) not in terisi],
            [tw for tw in diperiksa if b.indikator.iku and (iid, tw) not in berbukti],
        ))
    return DasborOpd(laporan, baris, diperiksa)


# ----------------------------------------------------------------------- indicator page


@dataclass
class PengukuranIndikator:
    """What the indicator page shows of its measurement: stored results of every year, and the
    selected year's evidence and narratives."""

    tahun: int | None  # the selected year (None: nothing measured or planned)
    tahun_tersedia: list[int]
    hasil: dict[int, dict[int, HasilCapaian]]  # tahun → triwulan (0 = the year) → stored result
    bukti: dict[int, list[Bukti]]  # triwulan → evidence of the selected year
    narasi: list[Narasi]  # the selected year's, by quarter

    @property
    def hasil_tahun(self) -> list[tuple[int, HasilCapaian | None]]:
        """TW I–IV then the year, for the selected year."""
        baris = self.hasil.get(self.tahun or 0, {})
        return [(tw, baris.get(tw)) for tw in (1, 2, 3, 4, TAHUNAN)]

    @property
    def tahunan(self) -> list[tuple[int, HasilCapaian | None]]:
        return [(th, self.hasil[th].get(TAHUNAN)) for th in sorted(self.hasil)]


def pengukuran_indikator(
    *, opd: PerangkatDaerah, indikator: Indikator, tahun: str | None, hari_ini: dt.date
) -> PengukuranIndikator:
    """Three queries. Raises nothing for another OPD's indicator: the caller found `indikator`
    through the OPD (perencanaan views), and every query here is scoped by the OPD too."""
    hasil: dict[int, dict[int, HasilCapaian]] = defaultdict(dict)
    for h in HasilCapaian.objects.filter(opd=opd, indikator=indikator).order_by("tahun", "triwulan"):
        hasil[h.tahun][h.triwulan] = h
    tersedia = sorted(hasil)
    terukur = [th for th, per_tw in hasil.items() if th <= hari_ini.year and any(h.terukur for h in per_tw.values())]
    bawaan = max(terukur) if terukur else (max([t for t in tersedia if t <= hari_ini.year], default=None)
                                           or (tersedia[0] if tersedia else None))
    pilih = int(tahun) if tahun and tahun.isdigit() and int(tahun) in hasil else bawaan
    bukti: dict[int, list[Bukti]] = defaultdict(list)
    narasi: list[Narasi] = []
    if pilih is not None:
        for b in Bukti.objects.filter(opd=opd, indikator=indikator, tahun=pilih):
            bukti[b.triwulan].append(b)
        narasi = list(Narasi.objects.filter(indikator=indikator, indikator__renstra__opd=opd, tahun=pilih)
                      .select_related("diisi_oleh").order_by("triwulan"))
    return PengukuranIndikator(pilih, tersedia, dict(hasil), dict(bukti), narasi)


def _model_indikator() -> list[type[Model]]:
    """Records that belong to one indicator and write their own audit rows. The quarter entry
    (pengukuran.IsianTriwulan) carries the realisation's trail; looked up by name so this page
    keeps working while the measurement app evolves."""
    daftar: list[type[Model]] = [RevisiTarget, Realisasi, Narasi, Bukti]
    try:
        daftar.append(apps.get_model("pengukuran", "IsianTriwulan"))
    except LookupError:
        pass
    return daftar


def jejak_indikator(*, opd: PerangkatDaerah, indikator: Indikator, batas: int = 30) -> list[Jejak]:
    """The audit trail of an indicator and of what hangs on it (target revisions, quarter
    entries, realisations, narratives, evidence), newest first, in one query (plus the content
    types on first use)."""
    model = _model_indikator()
    jenis = ContentType.objects.get_for_models(Indikator, *model, for_concrete_models=False)
    kondisi = Q(jenis=jenis[Indikator], objek_id=str(indikator.pk))
    for m in model:
        ids = m.objects.filter(indikator=indikator).annotate(_teks=Cast("pk", CharField())).values("_teks")
        kondisi |= Q(jenis=jenis[m], objek_id__in=ids)
    return list(
        Jejak.objects.filter(kondisi, opd=opd).select_related("pengguna", "jenis").order_by("-waktu", "-pk")[:batas]
    )
