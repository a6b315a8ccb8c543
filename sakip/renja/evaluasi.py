"""The Renja evaluation table of Permendagri 86/2017 (renja-2024 Tabel 2.1), computed.

Pure: frozen dataclasses in, `Decimal` out, standard library and `sakip.engine` only. Every
formula, with a worked table from the seed, is in docs/algorithms/renja-evaluasi.md. Column
numbers follow the seed's header (1 No … 5 Target Renstra, 6 Realisasi s.d. tahun lalu, 7 Target
Renja, 8–11 TW I–IV, 12 = 8+9+10+11, 13 = 12/7×100%, 14 = 6+12, 15 = 14/5×100%).

Nothing here rounds: percentages are exact quotients (`dari_pecahan`); rounding happens only when
a value is presented (`sakip.engine.angka.bulatkan`).

Column 13 K (and 15 K) is the indicator's capaian, so it goes through the one capaian engine
(`sakip.engine.capaian.hitung_capaian`) with the row's policy: the plain 12 / 7 × 100 for a
positive indicator, the Pemda's negative formula for a lower-is-better one, the interval rule for a
range target. Money (the Rp halves) is always spent against a budget: a plain ratio.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sakip.engine.angka import dari_pecahan, jumlahkan
from sakip.engine.capaian import Polaritas, Target, TargetRentang, TargetTitik, hitung_capaian
from sakip.engine.kebijakan import Kebijakan
from sakip.engine.skala import PREDIKAT_RENJA_86_2017, Band, SkalaPeringkat

SERATUS = Fraction(100)


@dataclass(frozen=True)
class KRp:
    """A K (kinerja) / Rp (money) pair of one column; None = empty cell."""

    k: Decimal | None = None
    rp: Decimal | None = None


KOSONG = KRp()


@dataclass(frozen=True)
class BarisMasukan:
    """The inputs of one table row: one node with one of its indicators."""

    node: str  # node ref
    jenis: str  # program | kegiatan | sub_kegiatan
    indikator: str  # indicator ref
    target_renstra: KRp = KOSONG  # column 5
    realisasi_lalu: KRp = KOSONG  # column 6
    target_renja: KRp = KOSONG  # column 7
    tw: tuple[KRp, KRp, KRp, KRp] = (KOSONG, KOSONG, KOSONG, KOSONG)  # columns 8–11
    hanya_tahunan: bool = False
    # Refs of the node's ancestors, root first: money rolls up along them.
    leluhur: tuple[str, ...] = ()
    program: str | None = None  # ref of the program the row belongs to (itself for a program)
    kode: str = ""
    uraian: str = ""
    nama_indikator: str = ""
    satuan: str = ""
    faktor_pendukung: str = ""
    faktor_penghambat: str = ""
    tindak_lanjut: str = ""
    polaritas: str = Polaritas.POSITIF.value
    # The Pemda's capaian policy with the indicator's overrides; None = the engine default.
    kebijakan: Kebijakan | None = None
    # Range-polarity targets (columns 5 and 7 K): (lower, upper); the KRp's k is then empty.
    rentang_renstra: tuple[Decimal, Decimal] | None = None
    rentang_renja: tuple[Decimal, Decimal] | None = None


@dataclass(frozen=True)
class BarisHasil:
    masukan: BarisMasukan
    # The node's money is shown on its first row only (a node may have several indicator rows).
    pertama: bool
    target_renstra: KRp  # 5
    realisasi_lalu: KRp  # 6
    target_renja: KRp  # 7
    tw: tuple[KRp, KRp, KRp, KRp]  # 8–11 (quarters after `sampai_tw` are empty)
    realisasi: KRp  # 12
    capaian: KRp  # 13, percent
    realisasi_renstra: KRp  # 14
    capaian_renstra: KRp  # 15, percent
    # The worked computation of 13 K and 15 K ("(2 × 10 − 8) / 10 × 100% = 120,00%", or why not).
    jejak_k: str = ""
    jejak_renstra_k: str = ""


@dataclass(frozen=True)
class RingkasanProgram:
    program: str
    rata_rata_k: Decimal | None  # 'Rata-rata Capaian Kinerja (%)', K
    rata_rata_rp: Decimal | None  # same row, Rp: the program's column 13 Rp
    predikat: Band | None  # on the K mean (see the doc for why)
    predikat_rp: Band | None


@dataclass(frozen=True)
class Total:
    target_renstra_rp: Decimal | None
    realisasi_lalu_rp: Decimal | None
    target_renja_rp: Decimal | None
    realisasi_rp: Decimal | None
    capaian_rp: Decimal | None
    realisasi_renstra_rp: Decimal | None
    capaian_renstra_rp: Decimal | None
    rata_rata_k: Decimal | None
    predikat: Band | None


@dataclass(frozen=True)
class TabelEvaluasi:
    sampai_tw: int
    baris: tuple[BarisHasil, ...]
    program: tuple[RingkasanProgram, ...]
    total: Total

    def baris_node(self, node: str) -> list[BarisHasil]:
        return [b for b in self.baris if b.masukan.node == node]

    def ringkasan(self, program: str) -> RingkasanProgram:
        return next(r for r in self.program if r.program == program)


class TriwulanTidakValid(ValueError):
    pass


# ---------------------------------------------------------------- helpers


def _jumlah(nilai: Iterable[Decimal | None]) -> Decimal | None:
    """Sum of the cells present; None when every cell is empty (empty is not zero)."""
    ada = [n for n in nilai if n is not None]
    return jumlahkan(ada) if ada else None


def persen(pembilang: Decimal | None, penyebut: Decimal | None) -> Decimal | None:
    """pembilang / penyebut × 100; None when either is empty or the base is 0 (not measurable,
    DOMAIN §3 — never 0% and never 100%)."""
    if pembilang is None or penyebut is None or penyebut == 0:
        return None
    return dari_pecahan(Fraction(pembilang) / Fraction(penyebut) * SERATUS)


def capaian_k(
    realisasi: Decimal | None,
    target: Decimal | None,
    *,
    rentang: tuple[Decimal, Decimal] | None = None,
    polaritas: str = Polaritas.POSITIF.value,
    kebijakan: Kebijakan | None = None,
) -> tuple[Decimal | None, str]:
    """Column 13 K (or 15 K): the capaian of `realisasi` against the target, by the indicator's
    polarity and policy, with its worked computation. (None, "") when there is nothing to compute
    (an empty cell); (None, reason) when it is not measurable (target 0, a point target for a range
    indicator, T/R with R = 0 …) — never 0 % and never 100 %.
    """
    sasaran: Target | None
    if rentang is not None:
        sasaran = TargetRentang(*rentang)
    elif target is not None:
        sasaran = TargetTitik(target)
    else:
        sasaran = None
    if realisasi is None or sasaran is None:
        return None, ""
    c = hitung_capaian(polaritas=Polaritas(polaritas), target=sasaran, realisasi=realisasi,
                       kebijakan=kebijakan)
    return (c.nilai if c.terukur else None), c.jejak


def rata_rata(nilai: Sequence[Decimal | None]) -> Decimal | None:
    ada = [Fraction(n) for n in nilai if n is not None]
    if not ada:
        return None
    return dari_pecahan(sum(ada, Fraction(0)) / len(ada))


_KOLOM_UANG = ("target_renstra", "realisasi_lalu", "target_renja", "tw1", "tw2", "tw3", "tw4")


def _uang_baris(b: BarisMasukan) -> dict[str, Decimal | None]:
    return {
        "target_renstra": b.target_renstra.rp, "realisasi_lalu": b.realisasi_lalu.rp,
        "target_renja": b.target_renja.rp,
        **{f"tw{n}": b.tw[n - 1].rp for n in range(1, 5)},
    }


def _rollup_uang(baris: Sequence[BarisMasukan]) -> dict[str, dict[str, Decimal | None]]:
    """Money of each node = its own rows' money + the money of every row below it.

    docs/formats/renja.md: a program/kegiatan row carries money only when none of its children
    does, so adding own and descendant rows never counts an amount twice. Each column is summed
    on its own (a node may hold its Renstra amount itself and let its children hold the rest).
    """
    per_node: dict[str, dict[str, list[Decimal]]] = {}
    for b in baris:
        uang = _uang_baris(b)
        for ref in (*b.leluhur, b.node):
            kolom = per_node.setdefault(ref, {k: [] for k in _KOLOM_UANG})
            for k, v in uang.items():
                if v is not None:
                    kolom[k].append(v)
    return {
        ref: {k: (jumlahkan(v) if v else None) for k, v in kolom.items()}
        for ref, kolom in per_node.items()
    }


def _tahunan_di_bawah(baris: Sequence[BarisMasukan]) -> set[str]:
    """Nodes with a year-only row at or below them: their quarterly money is unknown."""
    hasil: set[str] = set()
    for b in baris:
        if b.hanya_tahunan:
            hasil.update((*b.leluhur, b.node))
    return hasil


# ---------------------------------------------------------------- the table


def hitung_tabel(
    baris: Sequence[BarisMasukan],
    *,
    sampai_tw: int = 4,
    skala: SkalaPeringkat = PREDIKAT_RENJA_86_2017,
) -> TabelEvaluasi:
    """The evaluation table with realisation up to quarter `sampai_tw` (1–4)."""
    if sampai_tw not in (1, 2, 3, 4):
        raise TriwulanTidakValid(f"sampai_tw harus 1–4 (tertulis {sampai_tw})")
    uang = _rollup_uang(baris)
    tahunan = _tahunan_di_bawah(baris)
    # A year-only value sits at TW IV: before TW IV it is unknown, not zero.
    uang_tak_diketahui = tahunan if sampai_tw < 4 else set()
    sudah: set[str] = set()
    hasil: list[BarisHasil] = []
    for b in baris:
        pertama = b.node not in sudah
        sudah.add(b.node)
        rp = uang[b.node] if pertama else dict.fromkeys(_KOLOM_UANG)
        triwulan = range(1, sampai_tw + 1)
        # Below a year-only row the split over TW I–III is unknown: those money cells stay empty
        # (the year's sum, column 12, is still known at TW IV).
        tw = tuple(
            KRp(b.tw[n - 1].k, None if (b.node in tahunan and n < 4) else rp[f"tw{n}"])
            if n <= sampai_tw else KOSONG
            for n in range(1, 5)
        )
        k_diketahui = not (b.hanya_tahunan and sampai_tw < 4)
        k_tahun = _jumlah(b.tw[n - 1].k for n in triwulan) if k_diketahui else None
        rp_tahun = (
            None if (not pertama or b.node in uang_tak_diketahui)
            else _jumlah(rp[f"tw{n}"] for n in triwulan)
        )
        realisasi = KRp(k_tahun, rp_tahun)
        target_renstra = KRp(b.target_renstra.k, rp["target_renstra"])
        realisasi_lalu = KRp(b.realisasi_lalu.k, rp["realisasi_lalu"])
        target_renja = KRp(b.target_renja.k, rp["target_renja"])
        k_renstra = _kumulatif(realisasi_lalu.k, realisasi.k, diketahui=k_diketahui)
        rp_renstra = _kumulatif(realisasi_lalu.rp, realisasi.rp, diketahui=pertama
                                and b.node not in uang_tak_diketahui)
        realisasi_renstra = KRp(k_renstra, rp_renstra)
        opsi = {"polaritas": b.polaritas, "kebijakan": b.kebijakan}
        k13, jejak13 = capaian_k(realisasi.k, target_renja.k, rentang=b.rentang_renja, **opsi)  # type: ignore[arg-type]
        k15, jejak15 = capaian_k(k_renstra, target_renstra.k, rentang=b.rentang_renstra, **opsi)  # type: ignore[arg-type]
        hasil.append(BarisHasil(
            masukan=b, pertama=pertama, target_renstra=target_renstra,
            realisasi_lalu=realisasi_lalu, target_renja=target_renja, tw=tw,  # type: ignore[arg-type]
            realisasi=realisasi,
            capaian=KRp(k13, persen(realisasi.rp, target_renja.rp)),
            realisasi_renstra=realisasi_renstra,
            capaian_renstra=KRp(k15, persen(realisasi_renstra.rp, target_renstra.rp)),
            jejak_k=jejak13, jejak_renstra_k=jejak15,
        ))
    program = tuple(_ringkasan_program(hasil, skala))
    return TabelEvaluasi(sampai_tw, tuple(hasil), program, _total(hasil, program, skala))


def _kumulatif(lalu: Decimal | None, tahun_ini: Decimal | None, *, diketahui: bool) -> Decimal | None:
    """Column 14 = 6 + 12. An empty cell adds nothing (renja-2024 prints '-' for 'none'); a
    this-year value that is unknown (year-only data cut before TW IV) makes the sum unknown."""
    if not diketahui:
        return None
    return _jumlah((lalu, tahun_ini))


def _ringkasan_program(hasil: Sequence[BarisHasil], skala: SkalaPeringkat) -> Iterable[RingkasanProgram]:
    """Per program: the mean of column 13 K over the program's own indicator rows, and the
    program's column 13 Rp. The predicate is read on the K mean (Permendagri 86/2017 calls the row
    'Predikat Kinerja'); the Rp band is given beside it."""
    urutan: list[str] = []
    for b in hasil:
        if b.masukan.jenis == "program" and b.masukan.node not in urutan:
            urutan.append(b.masukan.node)
    for ref in urutan:
        sendiri = [b for b in hasil if b.masukan.node == ref]
        k = rata_rata([b.capaian.k for b in sendiri])
        rp = sendiri[0].capaian.rp
        yield RingkasanProgram(
            program=ref, rata_rata_k=k, rata_rata_rp=rp,
            predikat=skala.cari(k) if k is not None else None,
            predikat_rp=skala.cari(rp) if rp is not None else None,
        )


def _total(hasil: Sequence[BarisHasil], program: Sequence[RingkasanProgram], skala: SkalaPeringkat) -> Total:
    """The 'Jumlah' row: sums over the programs' money (the programs are the top of the table)."""
    pertama = [b for b in hasil if b.pertama and b.masukan.jenis == "program"]

    def jumlah(ambil: str) -> Decimal | None:
        return _jumlah(_ambil(b, ambil) for b in pertama)

    target_renstra = jumlah("target_renstra")
    target_renja = jumlah("target_renja")
    realisasi = jumlah("realisasi")
    realisasi_renstra = jumlah("realisasi_renstra")
    k = rata_rata([p.rata_rata_k for p in program])
    return Total(
        target_renstra_rp=target_renstra, realisasi_lalu_rp=jumlah("realisasi_lalu"),
        target_renja_rp=target_renja, realisasi_rp=realisasi,
        capaian_rp=persen(realisasi, target_renja), realisasi_renstra_rp=realisasi_renstra,
        capaian_renstra_rp=persen(realisasi_renstra, target_renstra),
        rata_rata_k=k, predikat=skala.cari(k) if k is not None else None,
    )


def _ambil(b: BarisHasil, kolom: str) -> Decimal | None:
    nilai: KRp = getattr(b, kolom)
    return nilai.rp
