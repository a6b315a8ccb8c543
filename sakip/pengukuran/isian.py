"""The entry grid of an OPD-quarter (page selector): every indicator of the plan in force with
its targets, what was entered, the computed capaian, narratives, evidence and the version the
form carries. A fixed number of queries whatever the number of indicators (tests/pengukuran/
test_views_isian.py counts them); `indikator_ids` narrows it to the rows an htmx save re-renders.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from sakip.alur.models import JendelaIsian, StatusTriwulan
from sakip.engine.formula import FormulaTidakValid
from sakip.kinerja.models import KinerjaPK, VersiPK
from sakip.organisasi.models import PerangkatDaerah
from sakip.perencanaan.models import DataElemen, Indikator, JenisNode, Node, Renstra
from sakip.perencanaan.target import SKALA_KUALITATIF

from .hitung import TAHUNAN, formula_dari, rapikan
from .models import (
    Bukti,
    HasilCapaian,
    HasilRollup,
    IsianTriwulan,
    LevelRollup,
    Narasi,
    NilaiDataElemen,
    Realisasi,
)
from .selectors import renstra_untuk_tahun


@dataclass
class MasukanElemen:
    elemen: DataElemen
    nilai: Decimal | None  # this quarter
    lalu: Decimal | None  # same quarter last year (what prev() reads)


@dataclass
class BarisIsian:
    indikator: Indikator
    cara: str  # "langsung" (a value), "label" (qualitative), "rumus" (data elements)
    target_tahun: str
    target_tw: str
    realisasi: Realisasi | None
    elemen: list[MasukanElemen]  # inputs of a formula indicator (raw elements it reads this year)
    elemen_lalu: list[MasukanElemen]  # elements read through prev(): last year's value, read-only
    narasi: Narasi | None
    bukti: list[Bukti]
    hasil: HasilCapaian | None  # the quarter
    hasil_tahun: HasilCapaian | None
    isian: IsianTriwulan | None
    terlambat: bool  # last changed after the entry window closed
    galat_rumus: str = ""
    # The year's value given directly (Realisasi triwulan 0) and its own version row: entered on
    # the TW IV page, whose workflow status it follows (alur.layanan.triwulan_kunci).
    realisasi_tahun: Realisasi | None = None
    isian_tahun: IsianTriwulan | None = None

    @property
    def versi(self) -> int:
        return self.isian.versi if self.isian else 0

    @property
    def versi_tahun(self) -> int:
        return self.isian_tahun.versi if self.isian_tahun else 0

    @property
    def kode_elemen(self) -> set[str]:
        return {m.elemen.kode for m in self.elemen}

    @property
    def ada_nilai_tahun(self) -> bool:
        r = self.realisasi_tahun
        return r is not None and (r.nilai is not None or bool(r.label))

    @property
    def label_skala(self) -> tuple[str, ...]:
        skala = SKALA_KUALITATIF.get(self.indikator.skala_kualitatif)
        return tuple(skala.label) if skala else ()


@dataclass
class KelompokIsian:
    node: Node
    rollup: HasilRollup | None
    baris: list[BarisIsian] = field(default_factory=list)


@dataclass
class HalamanIsian:
    opd: PerangkatDaerah
    tahun: int
    triwulan: int
    renstra: Renstra | None
    kelompok: list[KelompokIsian]
    opd_rollup: HasilRollup | None
    status: StatusTriwulan | None
    jendela: JendelaIsian | None
    ada_pk: bool

    @property
    def baris(self) -> list[BarisIsian]:
        return [b for k in self.kelompok for b in k.baris]

    @property
    def tw_romawi(self) -> str:
        return ("I", "II", "III", "IV")[self.triwulan - 1]


def _akhir_hari(tanggal: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(tanggal + dt.timedelta(days=1), dt.time.min))


def _masukan_rumus(teks: str, definisi: dict[str, DataElemen]) -> tuple[list[str], list[str], str]:
    """The raw elements a formula reads this year (through derived elements too) and the ones it
    reads through prev(), in the OPD's element order."""
    try:
        formula = formula_dari(teks)
    except (FormulaTidakValid, ValueError) as exc:
        return [], [], f"Rumus tidak valid: {exc}"
    if formula is None:
        return [], [], ""
    mentah: set[str] = set()
    antre, dilihat = list(formula.nama_elemen), set()
    while antre:
        kode = antre.pop()
        if kode in dilihat:
            continue
        dilihat.add(kode)
        de = definisi.get(kode)
        if de is not None and de.formula:
            try:
                turunan = formula_dari(de.formula)
            except (FormulaTidakValid, ValueError):
                turunan = None
            if turunan is not None:
                antre.extend(turunan.nama_elemen)
                continue
        mentah.add(kode)
    urut = sorted(definisi, key=lambda k: (definisi[k].urutan, definisi[k].pk))
    return [k for k in urut if k in mentah], [k for k in urut if k in formula.nama_elemen_lalu], ""


def isian_opd_triwulan(
    *, opd: PerangkatDaerah, tahun: int, triwulan: int, indikator_ids: Iterable[int] | None = None
) -> HalamanIsian:
    """The entry grid of one OPD-quarter. Queries: plan, indicators, PK version + its rows,
    results (quarter and year), direct realisation, data element definitions + values, narratives,
    evidence, versions, roll-ups, workflow status, entry window: 14, whatever the plan's size.
    Direct values and versions are read for the quarter and the year (triwulan 0) in one query each."""
    renstra = renstra_untuk_tahun(opd=opd, tahun=tahun)
    status = StatusTriwulan.objects.filter(opd=opd, tahun=tahun, triwulan=triwulan).select_related(
        "diajukan_oleh", "dikembalikan_oleh"
    ).first()
    jendela = JendelaIsian.objects.filter(pemda_id=opd.pemda_id, tahun=tahun, triwulan=triwulan).first()
    if renstra is None:
        return HalamanIsian(opd, tahun, triwulan, None, [], None, status, jendela, False)
    ind_qs = Indikator.objects.filter(renstra=renstra).select_related("node").order_by("urutan", "pk")
    if indikator_ids is not None:
        ind_qs = ind_qs.filter(pk__in=list(indikator_ids))
    indikator = list(ind_qs)
    ids = [i.pk for i in indikator]

    versi_pk = VersiPK.objects.filter(perjanjian__opd=opd, perjanjian__tahun=tahun).order_by("-ke").first()
    pk_baris = {k.indikator_id: k for k in KinerjaPK.objects.filter(versi=versi_pk, indikator_id__in=ids)} if versi_pk else {}
    hasil: dict[tuple[int, int], HasilCapaian] = {
        (h.indikator_id, h.triwulan): h
        for h in HasilCapaian.objects.filter(opd=opd, tahun=tahun, triwulan__in=[triwulan, TAHUNAN], indikator_id__in=ids)
    }
    realisasi = {
        (r.indikator_id, r.triwulan): r
        for r in Realisasi.objects.filter(indikator_id__in=ids, tahun=tahun, triwulan__in=[triwulan, TAHUNAN])
    }
    definisi = {d.kode: d for d in DataElemen.objects.filter(opd=opd)}
    nilai: dict[tuple[str, int], Decimal] = {
        (kode, th): v
        for kode, th, v in NilaiDataElemen.objects.filter(
            data_elemen__opd=opd, tahun__in=[tahun - 1, tahun], triwulan=triwulan
        ).values_list("data_elemen__kode", "tahun", "nilai")
    }
    narasi = {n.indikator_id: n for n in Narasi.objects.filter(indikator_id__in=ids, tahun=tahun, triwulan=triwulan)}
    bukti: dict[int, list[Bukti]] = defaultdict(list)
    for b in Bukti.objects.filter(opd=opd, indikator_id__in=ids, tahun=tahun, triwulan=triwulan):
        bukti[b.indikator_id].append(b)
    isian = {
        (i.indikator_id, i.triwulan): i
        for i in IsianTriwulan.objects.filter(
            indikator_id__in=ids, tahun=tahun, triwulan__in=[triwulan, TAHUNAN]
        ).select_related("diubah_oleh")
    }
    rollup = list(HasilRollup.objects.filter(opd=opd, tahun=tahun, triwulan=triwulan))
    per_node = {r.kunci: r for r in rollup if r.level == LevelRollup.SASARAN}
    batas = _akhir_hari(jendela.ditutup) if jendela else None

    kelompok: dict[int, KelompokIsian] = {}
    for ind in indikator:
        k = kelompok.get(ind.node_id)
        if k is None:
            k = kelompok[ind.node_id] = KelompokIsian(
                ind.node, per_node.get(ind.node_id) if ind.node.jenis == JenisNode.SASARAN else None
            )
        pk_row = pk_baris.get(ind.pk)
        h_tahun = hasil.get((ind.pk, TAHUNAN))
        mentah, lalu, galat = _masukan_rumus(ind.formula, definisi) if ind.formula else ([], [], "")
        cara = "label" if ind.polaritas == "kualitatif" else ("rumus" if ind.formula else "langsung")
        isi = isian.get((ind.pk, triwulan))
        k.baris.append(BarisIsian(
            indikator=ind,
            cara=cara,
            target_tahun=pk_row.target if pk_row else (h_tahun.target_teks if h_tahun else ""),
            target_tw=pk_row.target_tw[triwulan - 1] if pk_row else "",
            realisasi=realisasi.get((ind.pk, triwulan)),
            elemen=[MasukanElemen(definisi[kd], rapikan(nilai.get((kd, tahun))), rapikan(nilai.get((kd, tahun - 1))))
                    for kd in mentah if kd in definisi],
            elemen_lalu=[MasukanElemen(definisi[kd], None, rapikan(nilai.get((kd, tahun - 1))))
                         for kd in lalu if kd in definisi],
            narasi=narasi.get(ind.pk),
            bukti=bukti.get(ind.pk, []),
            hasil=hasil.get((ind.pk, triwulan)),
            hasil_tahun=h_tahun,
            isian=isi,
            terlambat=bool(batas and isi and isi.diubah_pada >= batas),
            galat_rumus=galat,
            realisasi_tahun=realisasi.get((ind.pk, TAHUNAN)),
            isian_tahun=isian.get((ind.pk, TAHUNAN)),
        ))
    opd_rollup = next((r for r in rollup if r.level == LevelRollup.OPD), None)
    # Groups in the order of their first indicator (report order), as the capaian tables.
    return HalamanIsian(opd, tahun, triwulan, renstra, list(kelompok.values()), opd_rollup, status, jendela,
                        versi_pk is not None)
