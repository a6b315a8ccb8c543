"""Reads of the PK, Rencana Aksi and budget. Every query is scoped by the OPD (tenant scoping)."""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import QuerySet

from sakip.engine.agregasi import Agregasi, periksa_target_triwulan
from sakip.engine.angka import AngkaTidakValid, jumlahkan, parse_angka
from sakip.engine.hasil import Temuan
from sakip.organisasi.models import PerangkatDaerah
from sakip.perencanaan.models import JenisNode, Node

from . import anggaran as hitung
from .models import (
    AnggaranPK,
    BelanjaAnggaran,
    JenisTargetTW,
    KinerjaPK,
    Pendapatan,
    RealisasiSasaran,
    RencanaAksi,
    VersiPK,
)

# ------------------------------------------------------------------------------------------ PK


def pk_versi_daftar(*, opd: PerangkatDaerah, tahun: int) -> QuerySet[VersiPK]:
    return VersiPK.objects.filter(perjanjian__opd=opd, perjanjian__tahun=tahun).order_by("ke")


def pk_berlaku(*, opd: PerangkatDaerah, tahun: int) -> VersiPK | None:
    """The version in force: the latest one (highest `ke`).

    Policy (docs/algorithms/anggaran.md, "PK yang berlaku"): a revision replaces the whole
    agreement from its signature on, and the year-end report measures against the last one —
    lkjip-2025 Bab III uses the Perubahan targets (22,300) and Tabel III.6 the Perubahan Kedua
    budget. Earlier versions stay readable for the comparison tables of Bab II.
    """
    return pk_versi_daftar(opd=opd, tahun=tahun).last()


@dataclass(frozen=True)
class PerubahanTarget:
    sasaran: str  # ref
    indikator: str  # ref
    kolom: str  # "target", "target_tw1" … "target_tw4", "baris"
    sebelum: str | None
    sesudah: str | None
    # The names shown beside the refs: the sasaran's performance statement (its uraian when it has
    # none, as the PK page prints it) and the indicator's name.
    sasaran_nama: str = ""
    indikator_nama: str = ""


@dataclass(frozen=True)
class PerubahanAnggaran:
    program: str  # program ref, or the name of a line outside the tree
    sumber: str
    unit: str  # unit_kerja slug ("" when the PK lists the program once)
    sebelum: Decimal | None  # None: not in version a
    sesudah: Decimal | None  # None: not in version b
    program_uraian: str = ""  # the program's name beside its ref ("" for a named line)
    unit_nama: str = ""  # the unit's name, as the page shows it (the slug is the key)

    @property
    def selisih(self) -> Decimal | None:
        if self.sebelum is None or self.sesudah is None:
            return None
        return jumlahkan([self.sesudah, self.sebelum.copy_negate()])


@dataclass(frozen=True)
class PerbandinganPK:
    target: list[PerubahanTarget]
    anggaran: list[PerubahanAnggaran]


_KOLOM_TARGET = ("target", "target_tw1", "target_tw2", "target_tw3", "target_tw4")


def _kinerja(versi: VersiPK) -> dict[tuple[str, str], KinerjaPK]:
    return {
        (k.sasaran.ref, k.indikator.ref): k
        for k in versi.kinerja.select_related("sasaran", "indikator")
    }


def _nama_kinerja(k: KinerjaPK) -> tuple[str, str]:
    return k.sasaran.kinerja or k.sasaran.uraian, k.indikator.nama


_KunciAnggaran = tuple[str, str, str]  # (program ref or line name, source, unit slug)


def _anggaran(
    versi: VersiPK, uraian: dict[_KunciAnggaran, tuple[str, str]]
) -> dict[_KunciAnggaran, Decimal]:
    """Pagu per key; fills `uraian` with each key's (program name, unit name) ("" for a named
    line / no unit)."""
    hasil: dict[_KunciAnggaran, Decimal] = {}
    for a in versi.anggaran.select_related("program", "unit"):
        kunci = (a.program.ref if a.program else a.nama, a.sumber, a.unit.slug if a.unit else "")
        hasil[kunci] = jumlahkan([hasil.get(kunci, Decimal(0)), a.pagu])
        uraian[kunci] = (a.program.uraian if a.program else "", a.unit.nama if a.unit else "")
    return hasil


def pk_bandingkan(*, versi_a: VersiPK, versi_b: VersiPK) -> PerbandinganPK:
    """Targets and budget components that differ between two versions of the same PK."""
    if versi_a.perjanjian_id != versi_b.perjanjian_id:
        raise ValueError("Hanya versi dari PK yang sama yang dapat dibandingkan.")
    ka, kb = _kinerja(versi_a), _kinerja(versi_b)
    target: list[PerubahanTarget] = []
    for kunci in [*ka, *(k for k in kb if k not in ka)]:
        a, b = ka.get(kunci), kb.get(kunci)
        baris = b if b is not None else a
        assert baris is not None  # the key comes from one of the two versions
        nama = _nama_kinerja(baris)
        if a is None or b is None:
            target.append(PerubahanTarget(*kunci, "baris", a and a.target, b and b.target, *nama))
            continue
        for kolom in _KOLOM_TARGET:
            if getattr(a, kolom) != getattr(b, kolom):
                target.append(PerubahanTarget(*kunci, kolom, getattr(a, kolom), getattr(b, kolom), *nama))
    uraian: dict[_KunciAnggaran, tuple[str, str]] = {}
    aa, ab = _anggaran(versi_a, uraian), _anggaran(versi_b, uraian)
    anggaran = [
        PerubahanAnggaran(*kunci, aa.get(kunci), ab.get(kunci), *uraian[kunci])
        for kunci in [*aa, *(k for k in ab if k not in aa)]
        if aa.get(kunci) != ab.get(kunci)
    ]
    return PerbandinganPK(target, anggaran)


# The PK row says how its quarterly targets are written; only when it does not, the indicator's
# own aggregation decides. They differ in lkjip-2025: IKU1's realisation is summed per quarter
# (agregasi jumlah) while its PK targets are cumulative (4,000 / 8,000 / 12,500 / 16,750).
_AGREGASI_TARGET_TW = {
    JenisTargetTW.KUMULATIF: Agregasi.KUMULATIF,
    JenisTargetTW.PER_TRIWULAN: Agregasi.JUMLAH,
    JenisTargetTW.TETAP: Agregasi.RATA_RATA,
}


def _angka(teks: str) -> Decimal | None:
    try:
        return parse_angka(teks) if teks else None
    except AngkaTidakValid:
        return None


def pk_periksa(*, opd: PerangkatDaerah, versi: VersiPK) -> list[tuple[KinerjaPK, Temuan]]:
    """Findings on the quarterly targets of a version (e.g. cumulative TW IV ≠ annual target).

    Rows without quarterly targets (lkip-2024 prints none) and range/qualitative targets are
    not checked.
    """
    hasil = []
    baris = KinerjaPK.objects.filter(versi=versi, versi__perjanjian__opd=opd).select_related("indikator")
    for k in baris:
        if not any(k.target_tw):
            continue
        tahunan = _angka(k.target)
        if tahunan is None:
            continue
        agregasi = _AGREGASI_TARGET_TW.get(k.jenis_target_tw) or Agregasi(k.indikator.agregasi)
        for t in periksa_target_triwulan(agregasi, tahunan, [_angka(t) for t in k.target_tw]):
            hasil.append((k, t))
    return hasil


def pk_anggaran(*, opd: PerangkatDaerah, versi: VersiPK) -> QuerySet[AnggaranPK]:
    return AnggaranPK.objects.filter(versi=versi, versi__perjanjian__opd=opd).select_related(
        "program", "unit", "indikator")


def pk_kinerja(*, opd: PerangkatDaerah, versi: VersiPK) -> QuerySet[KinerjaPK]:
    return KinerjaPK.objects.filter(versi=versi, versi__perjanjian__opd=opd).select_related(
        "sasaran", "indikator"
    )


def rencana_aksi_opd(*, opd: PerangkatDaerah, tahun: int) -> QuerySet[RencanaAksi]:
    return RencanaAksi.objects.filter(opd=opd, tahun=tahun).select_related("node", "indikator", "unit")


# ------------------------------------------------------------------------------------ Anggaran


@dataclass(frozen=True)
class Kelompok:
    kunci: str  # node ref, or the line's name when it has no node
    uraian: str
    sumber: str  # the one source of the group, or "" when mixed
    ringkasan: hitung.Ringkasan


@dataclass
class LaporanAnggaran:
    opd: PerangkatDaerah
    tahun: int
    baris: list[tuple[BelanjaAnggaran, hitung.Ringkasan]] = field(default_factory=list)
    per_program: list[Kelompok] = field(default_factory=list)
    per_sasaran: list[Kelompok] = field(default_factory=list)
    per_sumber: list[Kelompok] = field(default_factory=list)
    total_sasaran: hitung.Ringkasan | None = None
    total: hitung.Ringkasan | None = None
    pendapatan: list[tuple[Pendapatan, hitung.Ringkasan]] = field(default_factory=list)
    total_pendapatan: hitung.Ringkasan | None = None
    temuan: list[hitung.Temuan] = field(default_factory=list)


def _leluhur(nodes: dict[int, Node], node_id: int) -> list[Node]:
    jalur = []
    cur: int | None = node_id
    while cur is not None:
        n = nodes[cur]
        jalur.append(n)
        cur = n.induk_id
    return list(reversed(jalur))


def _sumber_tunggal(baris: list[hitung.Baris]) -> str:
    sumber = {b.sumber for b in baris}
    return sumber.pop() if len(sumber) == 1 else ""


def anggaran_opd_tahun(*, opd: PerangkatDaerah, tahun: int) -> LaporanAnggaran:
    """The budget of an OPD-year with every derived number (4 queries, independent of size)."""
    lap = LaporanAnggaran(opd=opd, tahun=tahun)
    belanja = list(BelanjaAnggaran.objects.filter(opd=opd, tahun=tahun).order_by("urutan"))
    nodes = {n.pk: n for n in Node.objects.filter(renstra__opd=opd)}
    baris: list[hitung.Baris] = []
    for b in belanja:
        if b.node_id:
            b.node = nodes[b.node_id]  # already loaded: pages print it without a query per line
        jalur = _leluhur(nodes, b.node_id) if b.node_id else []
        program = next((n for n in jalur if n.jenis == JenisNode.PROGRAM), None)
        sasaran = next((n for n in reversed(jalur) if n.jenis == JenisNode.SASARAN), None)
        hb = hitung.Baris(
            label=nodes[b.node_id].ref if b.node_id else b.nama,
            sumber=b.sumber, pagu=b.pagu_sesudah, pagu_sebelum=b.pagu_sebelum, realisasi=b.realisasi,
            jalur=tuple(n.ref for n in jalur), program=program.ref if program else None,
            sasaran=sasaran.ref if sasaran else None,
        )
        baris.append(hb)
        lap.baris.append((b, hitung.ringkasan_baris(hb)))
    daun = hitung.daun(baris)
    ref_node = {n.ref: n for n in nodes.values()}

    # A line outside the tree is its own program; the same name may come from two sources
    # (lkip-2024 Tabel 3.21: "Pengembangan Perdagangan Dalam Negeri", Dekonsentrasi and TP).
    sendiri = {b.jalur[-1]: b for b in baris if b.jalur}
    grup_program = hitung.kelompokkan(daun, lambda b: b.program or f"{b.label}\x00{b.sumber}")
    for kunci, grup in grup_program.items():
        node = ref_node.get(kunci) if grup[0].program else None
        ringkasan = hitung.jumlah(grup)
        baris_program = sendiri.get(kunci)
        if (ringkasan.pagu_sebelum is None and baris_program is not None
                and baris_program.pagu == ringkasan.pagu):
            # lkip-2024 prints the pagu before the change per program only (from the PK induk),
            # not per sub kegiatan: take the program line's own figure.
            ringkasan = replace(ringkasan, pagu_sebelum=baris_program.pagu_sebelum)
        label = node.ref if node else grup[0].label
        lap.per_program.append(Kelompok(label, node.uraian if node else label, _sumber_tunggal(grup),
                                        ringkasan))

    printed = {
        r.sasaran.ref: r.realisasi
        for r in RealisasiSasaran.objects.filter(opd=opd, tahun=tahun).select_related("sasaran")
    }
    per_sasaran = hitung.kelompokkan(daun, lambda b: b.sasaran)
    for kunci, grup in per_sasaran.items():
        lap.per_sasaran.append(Kelompok(kunci, ref_node[kunci].uraian, _sumber_tunggal(grup),
                                        hitung.jumlah(grup, realisasi=printed.get(kunci))))
    if lap.per_sasaran:
        # Sum of the sasaran groups, so a realisation printed per sasaran counts (Tabel III.6).
        realisasi_s = [k.ringkasan.realisasi for k in lap.per_sasaran]
        pagu_s = hitung.jumlah([b for grup in per_sasaran.values() for b in grup])
        lap.total_sasaran = hitung.Ringkasan(
            pagu_s.pagu, pagu_s.pagu_sebelum,
            jumlahkan([r for r in realisasi_s if r is not None])
            if all(r is not None for r in realisasi_s) else None,
        )

    golongan: dict[str, list[hitung.Baris]] = defaultdict(list)
    for b in daun:
        golongan[b.sumber].append(b)
        if hitung.golongan_sumber(b.sumber) != b.sumber:
            golongan[hitung.golongan_sumber(b.sumber)].append(b)
    for kunci in sorted(golongan):
        lap.per_sumber.append(Kelompok(kunci, kunci, kunci, hitung.jumlah(golongan[kunci])))
    lap.total = hitung.jumlah(daun)
    lap.temuan = hitung.periksa_konsistensi(baris)

    pendapatan = list(Pendapatan.objects.filter(opd=opd, tahun=tahun).order_by("urutan"))
    for p in pendapatan:
        lap.pendapatan.append((p, hitung.Ringkasan(p.target, None, p.realisasi)))
    if pendapatan:
        lap.total_pendapatan = hitung.jumlah(
            [hitung.Baris(p.jenis, "", p.target, None, p.realisasi) for p in pendapatan]
        )
    return lap


def tahun_kinerja(*, opd: PerangkatDaerah) -> list[int]:
    """Years with a PK, a Rencana Aksi or a budget for the OPD, newest first (one query)."""
    from .models import PerjanjianKinerja

    tahun = (
        PerjanjianKinerja.objects.filter(opd=opd).order_by().values_list("tahun")
        .union(RencanaAksi.objects.filter(opd=opd).order_by().values_list("tahun"),
               BelanjaAnggaran.objects.filter(opd=opd).order_by().values_list("tahun"),
               Pendapatan.objects.filter(opd=opd).order_by().values_list("tahun"))
    )
    return sorted({t for (t,) in tahun}, reverse=True)
