"""Reads of measurement data, scoped by OPD (tenant scoping: every query here takes the OPD).

Two kinds:
- page selectors (`capaian_opd_tahun`, `isian_realisasi`, `realisasi_tahunan`): a fixed number
  of queries whatever the number of indicators;
- the bulk loader `bahan_hitung` the services use to recompute: plain value tuples for many
  OPDs at once (no model instances), a handful of queries per batch of OPDs.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.db import connection, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.db.models.expressions import RawSQL

from sakip.engine import Agregasi, Kebijakan, Polaritas
from sakip.organisasi.models import PerangkatDaerah
from sakip.perencanaan.models import DataElemen, Indikator, JenisNode, NilaiTarget, Node, Renstra

from .hitung import (
    TAHUNAN,
    DefinisiElemen,
    DefinisiIndikator,
    ElemenTahun,
    Masukan,
    NilaiTw,
    formula_dari,
    hitung_elemen,
    hitung_indikator,
    nomor_kebijakan,
    rapikan,
    teks_kebijakan,
    urutan_turunan,
    versi_hitung,
)
from .kebijakan import kebijakan_dari, kebijakan_indikator, kebijakan_pemda
from .models import (
    Bukti,
    HasilCapaian,
    HasilRollup,
    LevelRollup,
    Narasi,
    NilaiDataElemen,
    Realisasi,
)

T = TypeVar("T")

# --------------------------------------------------------------------------- which plan


def pilih_renstra(renstra: Iterable[tuple[int, int, int]], tahun: int) -> int | None:
    """The Renstra (id, tahun_awal, tahun_akhir) whose indicators a year's realisation belongs to.

    The one covering the year; otherwise the one that starts the year after: the year before a
    plan is its base year ("kondisi awal"), whose realisation reports compare with and whose raw
    data growth formulas need (NTT's realisasi-2023 for a 2024–2026 Renstra).
    """
    daftar = list(renstra)
    for rid, awal, akhir in daftar:
        if awal <= tahun <= akhir:
            return rid
    for rid, awal, _ in daftar:
        if awal == tahun + 1:
            return rid
    return None


def renstra_untuk_tahun(*, opd: PerangkatDaerah, tahun: int) -> Renstra | None:
    daftar = list(
        Renstra.objects.filter(opd=opd)
        .filter(Q(tahun_awal__lte=tahun, tahun_akhir__gte=tahun) | Q(tahun_awal=tahun + 1))
        .order_by("tahun_awal")
    )
    rid = pilih_renstra(((r.pk, r.tahun_awal, r.tahun_akhir) for r in daftar), tahun)
    return next((r for r in daftar if r.pk == rid), None)


# --------------------------------------------------------------------------- page selectors


@dataclass
class BarisLaporan:
    indikator: Indikator  # node select_related
    hasil: HasilCapaian | None


@dataclass
class SasaranLaporan:
    node: Node
    hasil: HasilRollup | None
    indikator: list[BarisLaporan] = field(default_factory=list)


@dataclass
class LaporanCapaian:
    opd: PerangkatDaerah
    tahun: int
    triwulan: int  # 0 = the year
    renstra: Renstra | None
    kebijakan: Kebijakan
    baris: list[BarisLaporan]  # every indicator of the plan, in report order
    sasaran: list[SasaranLaporan]  # sasaran nodes with indicators, in report order
    opd_rollup: HasilRollup | None  # mean of the IKU

    @property
    def iku(self) -> list[BarisLaporan]:
        return [b for b in self.baris if b.indikator.iku]


def capaian_opd_tahun(*, opd: PerangkatDaerah, tahun: int, triwulan: int | None = None) -> LaporanCapaian:
    """Every indicator's stored result (target, realisation, capaian, band, jejak) and the
    sasaran and OPD roll-ups of one OPD-year (or quarter). Four queries (plus one for the
    Pemda when `opd.pemda` is not loaded), whatever the size of the plan."""
    tw = TAHUNAN if triwulan is None else triwulan
    if not 0 <= tw <= 4:
        raise ValueError("triwulan harus 1–4 (atau kosong untuk tahunan)")
    renstra = renstra_untuk_tahun(opd=opd, tahun=tahun)
    kebijakan = kebijakan_pemda(opd.pemda)
    if renstra is None:
        return LaporanCapaian(opd, tahun, tw, None, kebijakan, [], [], None)
    indikator = list(
        Indikator.objects.filter(renstra=renstra).select_related("node").order_by("urutan", "pk")
    )
    hasil = {
        h.indikator_id: h
        for h in HasilCapaian.objects.filter(opd=opd, tahun=tahun, triwulan=tw, indikator__renstra=renstra)
    }
    rollup = list(HasilRollup.objects.filter(opd=opd, tahun=tahun, triwulan=tw))
    per_node = {r.kunci: r for r in rollup if r.level == LevelRollup.SASARAN}
    baris = [BarisLaporan(ind, hasil.get(ind.pk)) for ind in indikator]
    sasaran: dict[int, SasaranLaporan] = {}
    for b in baris:
        node = b.indikator.node
        if node.jenis == JenisNode.SASARAN:
            if node.pk not in sasaran:
                sasaran[node.pk] = SasaranLaporan(node, per_node.get(node.pk))
            sasaran[node.pk].indikator.append(b)
    opd_rollup = next((r for r in rollup if r.level == LevelRollup.OPD), None)
    urut = sorted(sasaran.values(), key=lambda s: (s.node.urutan, s.node.pk))
    return LaporanCapaian(opd, tahun, tw, renstra, kebijakan, baris, urut, opd_rollup)


def realisasi_tahunan(indikator: Indikator, tahun: int) -> Decimal | None:
    """The year's realisation of an indicator (quarters aggregated, formula applied), or None.

    Used to warn when a target is set below last year's realisation (DOMAIN §6). Reads the
    stored result; when none is stored yet (nothing recomputed), computes it without writing.
    """
    tersimpan = (
        HasilCapaian.objects.filter(indikator=indikator, tahun=tahun, triwulan=TAHUNAN)
        .values_list("realisasi")
        .first()
    )
    if tersimpan is not None:
        return rapikan(tersimpan[0], indikator.desimal)
    renstra = indikator.renstra
    bahan = bahan_hitung(
        opd_ids=[renstra.opd_id], tahun=[tahun], indikator_ids={indikator.pk}
    ).get(renstra.opd_id)
    if bahan is None:
        return None
    for ind in bahan.indikator_tahun(tahun):
        if ind.id == indikator.pk:
            nilai = hitung_indikator(ind, tahun, bahan.masukan(ind.id, tahun), bahan.elemen())[-1].realisasi
            # As the stored value would be (8 decimals), so both paths answer the same.
            return None if nilai is None else rapikan(nilai.quantize(Decimal("1e-8")), indikator.desimal)
    return None


@dataclass
class IsianRealisasi:
    """What an entry form for one indicator-year shows: entered values per quarter, the data
    elements its formula reads (this year and, for prev(), last year), narratives, evidence
    and the computed rows."""

    indikator: Indikator
    tahun: int
    realisasi: dict[int, Realisasi]  # triwulan → row
    elemen: list[DataElemen]  # raw elements the formula reads (derived ones are computed)
    nilai_elemen: dict[tuple[str, int, int], Decimal]  # (kode, tahun, triwulan) → value
    narasi: dict[int, Narasi]
    bukti: dict[int, list[Bukti]]
    hasil: dict[int, HasilCapaian]  # triwulan (0 = year) → computed row


def isian_realisasi(*, opd: PerangkatDaerah, indikator: Indikator, tahun: int) -> IsianRealisasi:
    """Raises Indikator.DoesNotExist when the indicator is not the OPD's (tenant scoping)."""
    indikator = Indikator.objects.select_related("node", "renstra").get(pk=indikator.pk, renstra__opd=opd)
    formula = formula_dari(indikator.formula)
    nama = (formula.nama_elemen | formula.nama_elemen_lalu) if formula else frozenset()
    elemen = list(DataElemen.objects.filter(opd=opd, kode__in=nama).order_by("urutan", "pk"))
    nilai = {
        (kode, th, tw): v
        for kode, th, tw, v in NilaiDataElemen.objects.filter(
            data_elemen__opd=opd, data_elemen__kode__in=nama, tahun__in=[tahun - 1, tahun]
        ).values_list("data_elemen__kode", "tahun", "triwulan", "nilai")
    }
    bukti: dict[int, list[Bukti]] = defaultdict(list)
    for b in Bukti.objects.filter(opd=opd, indikator=indikator, tahun=tahun):
        bukti[b.triwulan].append(b)
    return IsianRealisasi(
        indikator=indikator,
        tahun=tahun,
        realisasi={r.triwulan: r for r in Realisasi.objects.filter(indikator=indikator, tahun=tahun)},
        elemen=elemen,
        nilai_elemen=nilai,
        narasi={n.triwulan: n for n in Narasi.objects.filter(indikator=indikator, tahun=tahun)},
        bukti=dict(bukti),
        hasil={h.triwulan: h for h in HasilCapaian.objects.filter(opd=opd, indikator=indikator, tahun=tahun)},
    )


# --------------------------------------------------------------------------- bulk loader


@dataclass
class BahanOpd:
    """Everything needed to compute one OPD's capaian for some years, as plain values."""

    opd_id: int
    kebijakan: Kebijakan
    renstra: list[tuple[int, int, int]]  # (id, tahun_awal, tahun_akhir)
    indikator: dict[int, list[DefinisiIndikator]]  # renstra id → indicators in report order
    target: dict[tuple[int, int], str] = field(default_factory=dict)  # (indikator, tahun) → teks
    langsung: dict[tuple[int, int], NilaiTw] = field(default_factory=dict)
    label: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    tahunan: dict[tuple[int, int], tuple[Decimal | None, str]] = field(default_factory=dict)
    definisi_elemen: dict[str, DefinisiElemen] = field(default_factory=dict)
    elemen_mentah: dict[int, dict[str, NilaiTw]] = field(default_factory=dict)
    tahun_data: set[int] = field(default_factory=set)  # years with entered realisation or data
    _elemen: ElemenTahun | None = None

    def renstra_tahun(self, tahun: int) -> int | None:
        return pilih_renstra(self.renstra, tahun)

    def indikator_tahun(self, tahun: int) -> list[DefinisiIndikator]:
        rid = self.renstra_tahun(tahun)
        return self.indikator.get(rid, []) if rid is not None else []

    def masukan(self, indikator_id: int, tahun: int) -> Masukan:
        kunci = (indikator_id, tahun)
        nilai, label = self.tahunan.get(kunci, (None, ""))
        return Masukan(self.target.get(kunci), self.langsung.get(kunci), self.label.get(kunci), nilai, label)

    def elemen(self) -> ElemenTahun:
        if self._elemen is None:
            if not self.elemen_mentah:
                self._elemen = ElemenTahun({})
            else:
                urutan = urutan_turunan(self.definisi_elemen)
                self._elemen = ElemenTahun(hitung_elemen(self.definisi_elemen, self.elemen_mentah, urutan))
        return self._elemen

    def sidik(self, tahun: int) -> str:
        """Fingerprint of everything the computation of this OPD-year reads: the code, the
        policy, the plan and its indicators in report order, each one's target and entries,
        and — when a formula reads them — the data element values of this year and the year
        before (derived ones included, so a change further back through prev() shows here).
        Equal fingerprints mean the engine would produce the same rows."""
        daftar = self.indikator_tahun(tahun)
        h = hashlib.blake2b(digest_size=16)
        h.update(repr((versi_hitung(), tahun, self.renstra_tahun(tahun), teks_kebijakan(nomor_kebijakan(self.kebijakan)))).encode())
        ada_formula = False
        target, langsung, label, tahunan = self.target, self.langsung, self.label, self.tahunan
        for ind in daftar:
            kunci = (ind.id, tahun)
            formula = ind.formula
            ada_formula = ada_formula or formula is not None
            h.update(repr((
                ind.id, ind.node_id, ind.sasaran, ind.ref, ind.polaritas.value, ind.skala_kualitatif, ind.desimal,
                ind.agregasi.value, formula.teks if formula is not None else None, ind.iku,
                teks_kebijakan(ind.kebijakan_no), target.get(kunci), langsung.get(kunci), label.get(kunci),
                tahunan.get(kunci),
            )).encode())
        if ada_formula:
            elemen = self.elemen()
            for th in (tahun - 1, tahun):
                for i in range(4):
                    h.update(repr(sorted(elemen.pada(th, i).items())).encode())
        return h.hexdigest()

    def tahun_hitung(self) -> list[int]:
        """Years to compute when none is given: every year of every plan, and base years
        (the year before a plan) that have entered data."""
        tahun = {t for _, awal, akhir in self.renstra for t in range(awal, akhir + 1)}
        tahun |= {t for t in self.tahun_data if self.renstra_tahun(t) is not None}
        return sorted(tahun)


def _tw_kosong() -> NilaiTw:
    return [None, None, None, None]


def bahan_hitung(
    *,
    opd_ids: Sequence[int],
    tahun: Sequence[int] | None = None,
    indikator_ids: set[int] | None = None,
) -> dict[int, BahanOpd]:
    """See `_bahan_hitung`. A whole batch on PostgreSQL reads with `random_page_cost` 1.1 (the
    usual value for SSDs and cached data; the default 4 is for spinning disks): with 4 the
    planner chose to scan all of NilaiTarget and RevisiTarget for the 5 000 indicators of a
    batch, 400 ms instead of 50 ms — for every batch of a full recompute."""
    if indikator_ids is not None or connection.vendor != "postgresql":
        return _bahan_hitung(opd_ids=opd_ids, tahun=tahun, indikator_ids=indikator_ids)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL random_page_cost = 1.1")
        return _bahan_hitung(opd_ids=opd_ids, tahun=tahun, indikator_ids=indikator_ids)


def _bahan_hitung(
    *,
    opd_ids: Sequence[int],
    tahun: Sequence[int] | None = None,
    indikator_ids: set[int] | None = None,
) -> dict[int, BahanOpd]:
    """Load what `capaian_recompute` needs for these OPDs and years (all years when None), in
    seven queries: OPD policy, plans, indicators, targets, realisation, data element
    definitions, data element values (eight for a whole batch: sasaran nodes apart). `indikator_ids`
    restricts indicators, targets and realisation (a save recomputes only what depends on it).

    Every query selects by primary or foreign key lists, without the models' default ordering
    (which joins up to the Pemda to sort by name): at 2 000 OPDs a join on
    `indikator__renstra_id__in` made PostgreSQL scan whole tables once per batch."""
    bahan: dict[int, BahanOpd] = {}
    for opd_id, rumus, batas, skala, pembulatan, desimal in PerangkatDaerah.objects.filter(
        pk__in=opd_ids
    ).order_by().values_list(
        "pk", "pemda__rumus_negatif", "pemda__batas_atas", "pemda__skala", "pemda__pembulatan", "pemda__desimal"
    ):
        dasar = kebijakan_dari(rumus, batas, skala, pembulatan, desimal)
        bahan[opd_id] = BahanOpd(opd_id, dasar, [], {})
    if not bahan:
        return bahan

    renstra_ids: dict[int, int] = {}
    # Latest plan first (Renstra's default ordering within an OPD): the first that covers a
    # year wins in pilih_renstra.
    for rid, opd_id, awal, akhir in Renstra.objects.filter(opd_id__in=bahan).order_by(
        "-tahun_awal", "pk"
    ).values_list("pk", "opd_id", "tahun_awal", "tahun_akhir"):
        bahan[opd_id].renstra.append((rid, awal, akhir))
        renstra_ids[rid] = opd_id
    if tahun is not None:
        # Only the plans the requested years resolve to.
        dipakai = {b.renstra_tahun(t) for b in bahan.values() for t in tahun}
        renstra_ids = {rid: o for rid, o in renstra_ids.items() if rid in dipakai}
    if not renstra_ids:
        return bahan

    ind_qs = Indikator.objects.filter(renstra_id__in=renstra_ids)
    kolom = [
        "pk", "renstra_id", "node_id", "ref", "polaritas", "skala_kualitatif", "desimal", "agregasi", "formula",
        "iku", "kebijakan_rumus_negatif", "kebijakan_batas_atur", "kebijakan_batas_atas",
    ]
    if indikator_ids is not None:
        # A few indicators: their nodes in the same query.
        ind_qs = ind_qs.filter(pk__in=indikator_ids)
        kolom.append("node__jenis")
        sasaran: set[int] | None = None
    else:
        # A whole batch: joining Node made PostgreSQL hash the entire node table each time.
        sasaran = set(
            Node.objects.filter(renstra_id__in=renstra_ids, jenis=JenisNode.SASARAN)
            .order_by().values_list("pk", flat=True)
        )
    for row in ind_qs.order_by("renstra_id", "urutan", "pk").values_list(*kolom):
        (iid, rid, node_id, ref, polaritas, skala_k, desimal, agregasi, formula, iku,
         rumus_neg, batas_atur, batas_atas) = row[:13]
        b = bahan[renstra_ids[rid]]
        b.indikator.setdefault(rid, []).append(
            DefinisiIndikator(
                id=iid, opd_id=b.opd_id, node_id=node_id,
                sasaran=row[13] == JenisNode.SASARAN if sasaran is None else node_id in sasaran, ref=ref,
                polaritas=Polaritas(polaritas), skala_kualitatif=skala_k, desimal=desimal,
                agregasi=Agregasi(agregasi), formula=formula_dari(formula), iku=iku,
                kebijakan=kebijakan_indikator(
                    b.kebijakan, rumus_negatif=rumus_neg, batas_atur=batas_atur, batas_atas=batas_atas
                ),
            )
        )
    opd_dari_indikator = {
        ind.id: b.opd_id for b in bahan.values() for daftar in b.indikator.values() for ind in daftar
    }
    filter_tahun = {} if tahun is None else {"tahun__in": list(tahun)}

    # The in-force target of a year is the latest revision that sets it — the rule of
    # perencanaan.selectors.target_berlaku_dari, applied here to plain rows (the test
    # test_target_massal_sama_dengan_target_berlaku keeps the two in step).
    semua_ind = list(opd_dari_indikator)
    terbaru: dict[tuple[int, int], int] = {}
    for iid, ke, th, teks in _per_potongan(
        semua_ind,
        lambda ids: _baris(
            NilaiTarget.objects.filter(saring_id('"perencanaan_revisitarget"."indikator_id"', "revisi__indikator_id", ids))
            .filter(**filter_tahun).order_by().values_list("revisi__indikator_id", "revisi__ke", "tahun", "teks")
        ),
    ):
        opd_id = opd_dari_indikator.get(iid)
        if opd_id is None:
            continue
        if ke >= terbaru.get((iid, th), -1):
            terbaru[(iid, th)] = ke
            bahan[opd_id].target[(iid, th)] = teks

    for iid, th, tw, nilai, label in _per_potongan(
        semua_ind,
        lambda ids: _baris(
            Realisasi.objects.filter(saring_id('"pengukuran_realisasi"."indikator_id"', "indikator_id", ids))
            .filter(**filter_tahun).order_by().values_list("indikator_id", "tahun", "triwulan", "nilai", "label")
        ),
    ):
        opd_id = opd_dari_indikator.get(iid)
        if opd_id is None:
            continue
        b = bahan[opd_id]
        b.tahun_data.add(th)
        if tw == TAHUNAN:
            b.tahunan[(iid, th)] = (nilai, label)
            continue
        if nilai is not None:
            b.langsung.setdefault((iid, th), _tw_kosong())[tw - 1] = nilai
        if label:
            b.label.setdefault((iid, th), ["", "", "", ""])[tw - 1] = label

    _muat_elemen(bahan, tahun)
    return bahan


# Ids per `IN (…)` list: SQLite allows 32 766 parameters per statement; a batch of 25 OPDs
# has ~5 000 indicators, so this is one query per table in practice.
POTONGAN_ID = 10_000


def _per_potongan(ids: Sequence[int], kueri: Callable[[Sequence[int]], Iterable[T]]) -> Iterator[T]:
    if connection.vendor == "postgresql":
        yield from kueri(ids)  # one array parameter, any length (saring_id)
        return
    for i in range(0, len(ids), POTONGAN_ID):
        yield from kueri(ids[i : i + POTONGAN_ID])


def saring_id(kolom: str, lookup: str, ids: Iterable[int], *, bukan: bool = False) -> Q | ExpressionWrapper:
    """`lookup IN ids` (`bukan`: NOT IN) for a filter. On PostgreSQL `kolom = ANY(%s)` with the
    ids as one array (`kolom`: the quoted column as Django names it in the query): Django
    expands `__in` into one placeholder per id, and psycopg then parses a statement of 5 000
    placeholders in Python (~0,2 s per batch, 16 s over a full recompute)."""
    ids = list(ids)
    if connection.vendor == "postgresql":
        sql = f"NOT ({kolom} = ANY(%s))" if bukan else f"{kolom} = ANY(%s)"
        return ExpressionWrapper(RawSQL(sql, (ids,)), output_field=BooleanField())
    q = Q(**{f"{lookup}__in": ids})
    return ~q if bukan else q


def _baris(qs: QuerySet[Any]) -> Iterable[tuple[Any, ...]]:
    """A values_list's rows. On PostgreSQL straight from the cursor, without Django's per-value
    converters: NilaiField's would turn the driver's Decimal (NUMERIC(30, 8): always eight
    decimals) into text and back into the same Decimal, ~2 µs for each of 1,7 M values."""
    if connection.vendor != "postgresql":
        return qs
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _muat_elemen(bahan: dict[int, BahanOpd], tahun: Sequence[int] | None) -> None:
    pakai_lalu = False
    elemen: dict[int, tuple[int, str]] = {}  # DataElemen id → (OPD, kode)
    for pk, opd_id, kode, teks in DataElemen.objects.filter(opd_id__in=bahan).order_by().values_list(
        "pk", "opd_id", "kode", "formula"
    ):
        elemen[pk] = (opd_id, kode)
        try:
            formula = formula_dari(teks)
        except ValueError:
            formula = None  # the plan import refuses bad formulas; never crash a recompute
        bahan[opd_id].definisi_elemen[kode] = DefinisiElemen(kode, formula)
        pakai_lalu = pakai_lalu or bool(formula and formula.nama_elemen_lalu)
    perlu_elemen = [
        b.opd_id
        for b in bahan.values()
        if any(ind.formula is not None for daftar in b.indikator.values() for ind in daftar)
    ]
    if not perlu_elemen:
        return
    perlu = set(perlu_elemen)
    saring: dict[str, object] = {}
    if tahun is not None:
        if pakai_lalu:
            # A derived element defined through prev() (stok = prev(stok) + masuk) needs every
            # earlier year; otherwise this year and the previous one are enough.
            saring["tahun__lte"] = max(tahun)
        else:
            saring["tahun__in"] = {t for th in tahun for t in (th - 1, th)}
    for eid, th, tw, nilai in _per_potongan(
        [pk for pk, (opd_id, _) in elemen.items() if opd_id in perlu],
        lambda ids: _baris(
            NilaiDataElemen.objects.filter(
                saring_id('"pengukuran_nilaidataelemen"."data_elemen_id"', "data_elemen_id", ids)
            ).filter(**saring).order_by().values_list("data_elemen_id", "tahun", "triwulan", "nilai")
        ),
    ):
        opd_id, kode = elemen[eid]
        bahan[opd_id].tahun_data.add(th)
        per_tahun = bahan[opd_id].elemen_mentah.setdefault(th, {})
        per_tahun.setdefault(kode, _tw_kosong())[tw - 1] = rapikan(nilai)
