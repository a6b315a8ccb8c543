"""Rating scales (capaian -> band) and qualitative scales (label -> number).

Every band is the half-open interval [bawah, atas): it includes its lower bound and excludes its
upper bound. The first band may be open below (bawah=None), the last open above (atas=None).
A scale is validated on construction: ascending, no gaps, no overlaps. The printed tables of
the seeds use closed integer ranges ("91 ≤ 100", "76 ≤ 90") that leave 90,5 nowhere and say
nothing above 100; the shipped scales below close those gaps (docs/algorithms/capaian.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal


class SkalaTidakValid(ValueError):
    """A scale with gaps, overlaps, bad order, or duplicate labels."""


@dataclass(frozen=True)
class Band:
    label: str  # "Sangat Baik"
    bawah: Decimal | None  # inclusive; None = no lower bound
    atas: Decimal | None  # exclusive; None = no upper bound
    warna_hex: str  # "#1B5E20"
    kode: str = ""  # short code printed in reports: "ST" (Renja), "Hijau Tua" (lkjip-2025)

    def memuat(self, nilai: Decimal) -> bool:
        return (self.bawah is None or nilai >= self.bawah) and (
            self.atas is None or nilai < self.atas
        )


@dataclass(frozen=True)
class SkalaPeringkat:
    nama: str
    band: tuple[Band, ...]  # ascending: lowest band first

    def __post_init__(self) -> None:
        if not self.band:
            raise SkalaTidakValid(f"skala '{self.nama}' tidak punya band")
        label = [b.label for b in self.band]
        if len(set(label)) != len(label):
            raise SkalaTidakValid(f"skala '{self.nama}': label band tidak boleh kembar")
        for b in self.band:
            if not re.fullmatch(r"#[0-9A-Fa-f]{6}", b.warna_hex):
                raise SkalaTidakValid(f"band '{b.label}': warna harus hex #RRGGBB")
            if b.bawah is not None and b.atas is not None and not b.bawah < b.atas:
                raise SkalaTidakValid(f"band '{b.label}': batas bawah harus < batas atas")
        for i, b in enumerate(self.band):
            if i > 0 and b.bawah is None:
                raise SkalaTidakValid(f"band '{b.label}': hanya band pertama tanpa batas bawah")
            if i < len(self.band) - 1 and b.atas is None:
                raise SkalaTidakValid(f"band '{b.label}': hanya band terakhir tanpa batas atas")
        for kiri, kanan in zip(self.band, self.band[1:], strict=False):
            if kiri.atas != kanan.bawah:
                atas, bawah = kiri.atas, kanan.bawah
                celah = atas is not None and bawah is not None and atas < bawah
                jenis = "celah" if celah else "tumpang tindih atau urutan salah"
                raise SkalaTidakValid(
                    f"skala '{self.nama}': {jenis} antara '{kiri.label}' dan '{kanan.label}' "
                    "(batas atas satu band harus sama dengan batas bawah band berikutnya)"
                )

    def cari(self, nilai: Decimal) -> Band | None:
        """The band containing `nilai`; None only outside a scale that is closed at an end."""
        for b in self.band:
            if b.memuat(nilai):
                return b
        return None


def _d(teks: str) -> Decimal:
    return Decimal(teks)


# Permendagri 86/2017 as printed in lkjip-2025 Tabel III.1 (its top label is "Sangat Baik";
# the regulation's own table says "Sangat Tinggi" — see PREDIKAT_RENJA_86_2017).
# Half-open: ≥91 Sangat Baik (including > 100, which lkjip-2025 reports for 110,72%),
# [76, 91) Tinggi (so 90,5 is Tinggi), [66, 76) Sedang, [51, 66) Rendah, < 51 Sangat Rendah.
# Colours are named in the seed ("Hijau Tua" …); the hex values are our choice.
PERMENDAGRI_86_2017 = SkalaPeringkat(
    "Permendagri 86/2017",
    (
        Band("Sangat Rendah", None, _d("51"), "#C62828", "Merah"),
        Band("Rendah", _d("51"), _d("66"), "#FFF59D", "Kuning Muda"),
        Band("Sedang", _d("66"), _d("76"), "#F9A825", "Kuning Tua"),
        Band("Tinggi", _d("76"), _d("91"), "#81C784", "Hijau Muda"),
        Band("Sangat Baik", _d("91"), None, "#1B5E20", "Hijau Tua"),
    ),
)

# KemenPAN-RB categories as printed in lkip-2024 Tabel 3.1: X ≥ 85% Sangat Berhasil,
# 75% ≤ X < 85% Berhasil, 55% ≤ X < 75% Cukup Berhasil, X < 55% Belum Berhasil.
# The seed already writes half-open intervals; colours are our choice.
KEMENPANRB = SkalaPeringkat(
    "KemenPAN-RB",
    (
        Band("Belum Berhasil", None, _d("55"), "#C62828"),
        Band("Cukup Berhasil", _d("55"), _d("75"), "#F9A825"),
        Band("Berhasil", _d("75"), _d("85"), "#81C784"),
        Band("Sangat Berhasil", _d("85"), None, "#1B5E20"),
    ),
)

# Predicates of the Renja evaluation table of Permendagri 86/2017 (renja-2024 Tabel 2.1 prints
# the letters "T" and "SR" under "Predikat Kinerja" but not the limits). Same limits as above.
PREDIKAT_RENJA_86_2017 = SkalaPeringkat(
    "Predikat Renja Permendagri 86/2017",
    (
        Band("Sangat Rendah", None, _d("51"), "#C62828", "SR"),
        Band("Rendah", _d("51"), _d("66"), "#FFF59D", "R"),
        Band("Sedang", _d("66"), _d("76"), "#F9A825", "S"),
        Band("Tinggi", _d("76"), _d("91"), "#81C784", "T"),
        Band("Sangat Tinggi", _d("91"), None, "#1B5E20", "ST"),
    ),
)

SKALA_BAWAAN = {s.nama: s for s in (PERMENDAGRI_86_2017, KEMENPANRB, PREDIKAT_RENJA_86_2017)}


@dataclass(frozen=True)
class SkalaKualitatif:
    """Ordered labels mapped to numbers, best first, so qualitative targets can be measured."""

    nama: str
    nilai: tuple[tuple[str, Decimal], ...]

    def __post_init__(self) -> None:
        label = [self._kunci(lbl) for lbl, _ in self.nilai]
        angka = [n for _, n in self.nilai]
        if not self.nilai or len(set(label)) != len(label):
            raise SkalaTidakValid(f"skala '{self.nama}': label kosong atau kembar")
        if any(n <= 0 for n in angka):
            # A 0 would make "target D, realisasi D" a 0/0 instead of 100%.
            raise SkalaTidakValid(f"skala '{self.nama}': nilai label harus > 0")
        if any(a <= b for a, b in zip(angka, angka[1:], strict=False)):
            raise SkalaTidakValid(f"skala '{self.nama}': urutkan label dari yang terbaik")

    @staticmethod
    def _kunci(label: str) -> str:
        return label.strip().upper()

    def angka(self, label: str) -> Decimal | None:
        """The number of a label (case and surrounding spaces ignored); None if unknown."""
        kunci = self._kunci(label)
        for lbl, n in self.nilai:
            if self._kunci(lbl) == kunci:
                return n
        return None

    def baku(self, label: str) -> str | None:
        """The scale's own spelling of a label typed in any case ("wtp " → "WTP"); None if unknown.
        Stored labels use it, so a form's choice list always finds the stored one."""
        kunci = self._kunci(label)
        return next((lbl for lbl, _ in self.nilai if self._kunci(lbl) == kunci), None)

    @property
    def label(self) -> tuple[str, ...]:
        return tuple(lbl for lbl, _ in self.nilai)


# BPK audit opinion: Wajar Tanpa Pengecualian, Wajar Dengan Pengecualian, Tidak Wajar,
# Tidak Memberikan Pendapat.
OPINI_BPK = SkalaKualitatif(
    "Opini BPK", (("WTP", _d("4")), ("WDP", _d("3")), ("TW", _d("2")), ("TMP", _d("1")))
)

# SAKIP evaluation predicate (lkjip-2025 shows "BB" for a score of 76,90).
PREDIKAT_SAKIP = SkalaKualitatif(
    "Predikat SAKIP",
    tuple(
        (lbl, _d(str(n)))
        for lbl, n in zip(("AA", "A", "BB", "B", "CC", "C", "D"), range(7, 0, -1), strict=True)
    ),
)
