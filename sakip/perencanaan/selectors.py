"""Reads of the plan, scoped by OPD. Every query here takes the OPD (tenant scoping)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from sakip.organisasi.models import PerangkatDaerah

from .models import Indikator, NilaiTarget, Node, Renstra, RevisiTarget


def renstra_opd(*, opd: PerangkatDaerah) -> QuerySet[Renstra]:
    return Renstra.objects.filter(opd=opd).order_by("-tahun_awal")


def renstra_berlaku(*, opd: PerangkatDaerah, tahun: int) -> Renstra | None:
    """The Renstra whose period covers `tahun`."""
    return renstra_opd(opd=opd).filter(tahun_awal__lte=tahun, tahun_akhir__gte=tahun).first()


def indikator_opd(*, opd: PerangkatDaerah) -> QuerySet[Indikator]:
    return Indikator.objects.filter(renstra__opd=opd)


def _revisi_prefetch() -> Prefetch:
    return Prefetch(
        "revisi",
        queryset=RevisiTarget.objects.order_by("ke").prefetch_related(
            Prefetch("nilai", queryset=NilaiTarget.objects.order_by("tahun"))
        ),
    )


@dataclass(frozen=True)
class TargetBerlaku:
    teks: str
    revisi: RevisiTarget


def target_berlaku_dari(revisi: list[RevisiTarget], tahun: int) -> TargetBerlaku | None:
    """The in-force target of a year: the latest revision that sets that year.

    lkjip-2025 Tabel II.1: the "Revisi" row sets 2024–2026, so 2023 keeps its "Awal" target.
    Works on prefetched revisions (no query).
    """
    for rv in sorted(revisi, key=lambda r: r.ke, reverse=True):
        for nilai in rv.nilai.all():
            if nilai.tahun == tahun:
                return TargetBerlaku(nilai.teks, rv)
    return None


def target_akhir_berlaku(revisi: list[RevisiTarget]) -> str:
    for rv in sorted(revisi, key=lambda r: r.ke, reverse=True):
        if rv.target_akhir:
            return rv.target_akhir
    return ""


def target_berlaku(*, indikator: Indikator, tahun: int) -> TargetBerlaku | None:
    revisi = list(indikator.revisi.prefetch_related("nilai"))
    return target_berlaku_dari(revisi, tahun)


@dataclass
class SimpulPohon:
    node: Node
    indikator: list[Indikator] = field(default_factory=list)
    anak: list["SimpulPohon"] = field(default_factory=list)


def pohon_renstra(*, renstra: Renstra) -> list[SimpulPohon]:
    """The whole cascade of a Renstra in a fixed number of queries, as nested nodes."""
    nodes = list(
        Node.objects.filter(renstra=renstra)
        .select_related("unit")
        .prefetch_related("strategi", "crosscutting", "sasaran_pemda")
        .order_by("urutan")
    )
    indikator = defaultdict(list)
    for ind in (
        Indikator.objects.filter(renstra=renstra)
        .prefetch_related(_revisi_prefetch(), "nasional")
        .order_by("urutan")
    ):
        indikator[ind.node_id].append(ind)
    simpul = {n.pk: SimpulPohon(n, indikator[n.pk]) for n in nodes}
    akar: list[SimpulPohon] = []
    for n in nodes:
        (simpul[n.induk_id].anak if n.induk_id else akar).append(simpul[n.pk])
    return akar


def indikator_dengan_revisi(*, opd: PerangkatDaerah) -> QuerySet[Indikator]:
    return indikator_opd(opd=opd).select_related("node", "renstra").prefetch_related(_revisi_prefetch())
