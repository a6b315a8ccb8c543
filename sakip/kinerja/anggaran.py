"""Budget absorption and efficiency: pure computations over budget lines (docs/algorithms/anggaran.md).

Standard library only, `Decimal` in and out, no rounding (rounding is presentation:
`sakip.engine.angka.bulatkan`). The Django side (`selectors.anggaran_opd_tahun`) maps stored lines
to `Baris` and calls `ringkas`.

- serapan % = realisasi / pagu × 100 (lkip-2024 §3.4 "Persentase Realisasi Anggaran");
- efisiensi in both printed forms (DOMAIN §4): Rupiah `pagu − realisasi` (lkjip-2025 Tabel III.6)
  and percent `100 − serapan` (lkip-2024 §3.4);
- selisih = pagu sesudah − pagu sebelum perubahan (lkjip-2025 Tabel II.3).

Double counting: a file may hold lines at several levels of the tree (lkip-2024 Tabel 3.20 prints
program, kegiatan AND sub kegiatan rows, the upper ones repeating the sums). Every roll-up sums
**leaves** only: a line whose node has no descendant line in the same set. Upper lines are kept
for checking (`periksa_konsistensi`), never added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from sakip.engine.angka import dari_pecahan, format_rupiah, jumlahkan

SERATUS = Decimal(100)


@dataclass(frozen=True)
class Baris:
    """One budget line. `jalur` = node refs from the root of the tree down to the line's node
    (empty for a named line without node); `program` / `sasaran` = the refs of its ancestors of
    that kind (None when it has none)."""

    label: str
    sumber: str
    pagu: Decimal
    pagu_sebelum: Decimal | None = None
    realisasi: Decimal | None = None
    jalur: tuple[str, ...] = ()
    program: str | None = None
    sasaran: str | None = None


@dataclass(frozen=True)
class Ringkasan:
    """Pagu, realisation and what derives from them, for one line or one group of leaves.

    None means "not measurable": realisation not (fully) known, pagu 0, or pagu before the change
    unknown for some leaf. Never 0, never 100 (DOMAIN §3 "zero / missing").
    """

    pagu: Decimal
    pagu_sebelum: Decimal | None
    realisasi: Decimal | None

    @property
    def selisih(self) -> Decimal | None:
        if self.pagu_sebelum is None:
            return None
        return jumlahkan([self.pagu, self.pagu_sebelum.copy_negate()])

    @property
    def serapan(self) -> Decimal | None:
        if self.realisasi is None or self.pagu == 0:
            return None
        return dari_pecahan(Fraction(self.realisasi) * 100 / Fraction(self.pagu))

    @property
    def efisiensi_rupiah(self) -> Decimal | None:
        if self.realisasi is None:
            return None
        return jumlahkan([self.pagu, self.realisasi.copy_negate()])

    @property
    def efisiensi_persen(self) -> Decimal | None:
        serapan = self.serapan
        if serapan is None:
            return None
        # Exact subtraction (no second rounding), so serapan + efisiensi is exactly 100.
        return jumlahkan([SERATUS, serapan.copy_negate()])


def ringkasan_baris(baris: Baris) -> Ringkasan:
    return Ringkasan(baris.pagu, baris.pagu_sebelum, baris.realisasi)


def jumlah(baris: Iterable[Baris], *, realisasi: Decimal | None = None) -> Ringkasan:
    """Sum of lines (call it with leaves). `realisasi` overrides the summed realisation: used for
    a sasaran whose realisation is printed only as a whole (lkjip-2025 Tabel III.6)."""
    daftar = list(baris)
    pagu = jumlahkan([b.pagu for b in daftar])
    sebelum_semua = [b.pagu_sebelum for b in daftar]
    pagu_sebelum = (
        jumlahkan([v for v in sebelum_semua if v is not None])
        if all(v is not None for v in sebelum_semua)
        else None
    )
    if realisasi is None:
        real_semua = [b.realisasi for b in daftar]
        if daftar and all(v is not None for v in real_semua):
            realisasi = jumlahkan([v for v in real_semua if v is not None])
    return Ringkasan(pagu, pagu_sebelum, realisasi)


def daun(baris: Sequence[Baris]) -> list[Baris]:
    """The leaves: lines whose node has no descendant line. Named lines (no node) are leaves."""
    jalur = [b.jalur for b in baris if b.jalur]
    return [
        b
        for b in baris
        if not b.jalur
        or not any(len(j) > len(b.jalur) and j[: len(b.jalur)] == b.jalur for j in jalur)
    ]


def kelompokkan(baris: Iterable[Baris], kunci: Callable[[Baris], str | None]) -> dict[str, list[Baris]]:
    """Group lines by a key, in first-seen order; lines whose key is None are left out."""
    hasil: dict[str, list[Baris]] = {}
    for b in baris:
        k = kunci(b)
        if k is not None:
            hasil.setdefault(k, []).append(b)
    return hasil


APBN = "APBN"


def golongan_sumber(sumber: str) -> str:
    """APBN Dekonsentrasi and Tugas Pembantuan are reported together as "APBN" (lkip-2024 §3.3.2)."""
    return APBN if sumber.startswith(APBN) else sumber


@dataclass(frozen=True)
class Temuan:
    """An upper line whose `kolom` (pagu or realisasi) is not the sum of its leaves."""

    label: str
    kolom: str  # "pagu" | "realisasi"
    tercatat: Decimal
    jumlah_rincian: Decimal

    @property
    def pesan(self) -> str:
        """For the page: Rupiah in Indonesian format ("pagu Rp 100 ≠ jumlah rincian Rp 90")."""
        return f"{self.kolom} {format_rupiah(self.tercatat)} ≠ jumlah rincian {format_rupiah(self.jumlah_rincian)}"


def periksa_konsistensi(baris: Sequence[Baris]) -> list[Temuan]:
    """An upper line (program/kegiatan) whose pagu or realisation differs from the sum of its leaves."""
    leaves = daun(baris)
    temuan = []
    for b in baris:
        if not b.jalur or b in leaves:
            continue
        bawah = [d for d in leaves if d.jalur[: len(b.jalur)] == b.jalur and d.jalur != b.jalur]
        total = jumlah(bawah)
        if total.pagu != b.pagu:
            temuan.append(Temuan(b.label, "pagu", b.pagu, total.pagu))
        if b.realisasi is not None and total.realisasi is not None and total.realisasi != b.realisasi:
            temuan.append(Temuan(b.label, "realisasi", b.realisasi, total.realisasi))
    return temuan
