"""Reads of the Renja and its evaluation. Every function takes the OPD (tenant scoping)."""

from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Value

from sakip.engine.angka import AngkaTidakValid, parse_rentang
from sakip.organisasi.models import PerangkatDaerah
from sakip.pengukuran.kebijakan import kebijakan_indikator, kebijakan_pemda
from sakip.perencanaan.models import JenisNode, Node

from .evaluasi import BarisMasukan, KRp, TabelEvaluasi, hitung_tabel
from .models import BarisRenja, EvaluasiRenja, KinerjaPelayanan, NilaiKinerjaPelayanan
from .pagu import BarisRenjaMasukan, TabelRenja, hitung_renja


def baris_renja_opd(*, opd: PerangkatDaerah, tahun: int) -> QuerySet[BarisRenja]:
    return (BarisRenja.objects.filter(opd=opd, tahun=tahun)
            .select_related("node", "indikator").order_by("urutan"))


def evaluasi_renja_opd(*, opd: PerangkatDaerah, tahun: int) -> QuerySet[EvaluasiRenja]:
    return (EvaluasiRenja.objects.filter(opd=opd, tahun=tahun)
            .select_related("node", "indikator").order_by("urutan"))


def baris_renja_tanpa_evaluasi(*, opd: PerangkatDaerah, tahun: int) -> QuerySet[BarisRenja]:
    """The Renja lines of a year that have no evaluation row (same node and indicator) yet."""
    ada = EvaluasiRenja.objects.filter(opd=opd, tahun=tahun, node=OuterRef("node"), indikator=OuterRef("indikator"))
    return baris_renja_opd(opd=opd, tahun=tahun).exclude(Exists(ada))


def tahun_renja_dan_evaluasi(*, opd: PerangkatDaerah) -> tuple[set[int], set[int]]:
    """(years with Renja lines, years with evaluation rows) of an OPD, in one query."""
    renja = BarisRenja.objects.filter(opd=opd).order_by().values_list("tahun", Value(False))
    evaluasi = EvaluasiRenja.objects.filter(opd=opd).order_by().values_list("tahun", Value(True))
    hasil: tuple[set[int], set[int]] = (set(), set())
    for tahun, dari_evaluasi in renja.union(evaluasi):
        hasil[bool(dari_evaluasi)].add(tahun)
    return hasil


def kinerja_pelayanan_opd(*, opd: PerangkatDaerah, tahun: int) -> QuerySet[KinerjaPelayanan]:
    return (KinerjaPelayanan.objects.filter(opd=opd, tahun=tahun).order_by("urutan")
            .prefetch_related(Prefetch("nilai", queryset=NilaiKinerjaPelayanan.objects.order_by("tahun"))))


def rentang(teks: str) -> tuple[Decimal, Decimal] | None:
    """A stored range target ("3 - 10") as (lower, upper); None when empty."""
    if not teks:
        return None
    try:
        return parse_rentang(teks)
    except (AngkaTidakValid, ValueError):
        return None  # the importer and the service refuse it; an old bad row stays "not measurable"


def masukan_evaluasi(*, opd: PerangkatDaerah, tahun: int) -> list[BarisMasukan]:
    """The stored rows as inputs of `evaluasi.hitung_tabel` (two queries; a third for the Pemda
    policy when `opd.pemda` is not loaded yet)."""
    baris = list(evaluasi_renja_opd(opd=opd, tahun=tahun))
    dasar = kebijakan_pemda(opd.pemda)
    renstra_ids = {b.node.renstra_id for b in baris}
    semua = {n.pk: n for n in Node.objects.filter(renstra_id__in=renstra_ids)}
    hasil = []
    for b in baris:
        naik = [semua[i] for i in _id_leluhur(b.node, semua)]  # nearest first
        leluhur = tuple(n.ref for n in reversed(naik))
        program = next((n.ref for n in [b.node, *naik] if n.jenis == JenisNode.PROGRAM), None)
        hasil.append(BarisMasukan(
            node=b.node.ref, jenis=b.node.jenis, indikator=b.indikator.ref,
            target_renstra=KRp(b.target_renstra_k, b.target_renstra_rp),
            realisasi_lalu=KRp(b.realisasi_lalu_k, b.realisasi_lalu_rp),
            target_renja=KRp(b.target_renja_k, b.target_renja_rp),
            tw=(KRp(b.tw1_k, b.tw1_rp), KRp(b.tw2_k, b.tw2_rp), KRp(b.tw3_k, b.tw3_rp),
                KRp(b.tw4_k, b.tw4_rp)),
            hanya_tahunan=b.hanya_tahunan, leluhur=leluhur, program=program,
            kode=b.node.kode, uraian=b.node.uraian, nama_indikator=b.indikator.nama,
            satuan=b.indikator.satuan, faktor_pendukung=b.faktor_pendukung,
            faktor_penghambat=b.faktor_penghambat, tindak_lanjut=b.tindak_lanjut,
            polaritas=b.indikator.polaritas,
            kebijakan=kebijakan_indikator(
                dasar, rumus_negatif=b.indikator.kebijakan_rumus_negatif,
                batas_atur=b.indikator.kebijakan_batas_atur, batas_atas=b.indikator.kebijakan_batas_atas),
            rentang_renstra=rentang(b.target_renstra_rentang), rentang_renja=rentang(b.target_renja_rentang),
        ))
    return hasil


def _id_leluhur(node: Node, semua: dict[int, Node]) -> list[int]:
    hasil = []
    cur = node.induk_id
    while cur is not None and cur in semua:
        hasil.append(cur)
        cur = semua[cur].induk_id
    return hasil


def tabel_evaluasi(*, opd: PerangkatDaerah, tahun: int, sampai_tw: int = 4) -> TabelEvaluasi:
    return hitung_tabel(masukan_evaluasi(opd=opd, tahun=tahun), sampai_tw=sampai_tw)


def tabel_renja(*, opd: PerangkatDaerah, tahun: int) -> TabelRenja:
    """The Renja table of a year with pagu rolled up to kegiatan and program (two queries)."""
    baris = list(baris_renja_opd(opd=opd, tahun=tahun))
    semua = {n.pk: n for n in Node.objects.filter(renstra_id__in={b.node.renstra_id for b in baris})}
    return hitung_renja([
        BarisRenjaMasukan(
            node=b.node.ref, jenis=b.node.jenis, indikator=b.indikator.ref,
            pagu_indikatif=b.pagu_indikatif, prakiraan_maju_pagu=b.prakiraan_maju_pagu,
            leluhur=tuple(semua[i].ref for i in reversed(_id_leluhur(b.node, semua))),
            kode=b.node.kode, uraian=b.node.uraian, nama_indikator=b.indikator.nama,
            target=b.target, satuan=b.satuan, lokasi=b.lokasi, sumber_dana=b.sumber_dana,
            prakiraan_maju_target=b.prakiraan_maju_target,
        )
        for b in baris
    ])
