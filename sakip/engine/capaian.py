"""Achievement (capaian): realisation against target, as a percentage.

`capaian = realisasi / target × 100%` for a positive indicator (lkip-2024 section 3.1); the
other polarities, the cap, rounding and the rating scale are policy (`Kebijakan`). The rules,
with worked tables from the seeds, are in docs/algorithms/capaian.md. In short:

- not measurable (terukur=False, with a reason) when target or realisation is missing, the
  target is 0 or negative, or the formula is undefined (T/R with R ≤ 0) — never a silent 0% or
  100%. A realisation of 0 against a positive target IS a real 0%.
- a negative result is recorded as 0% (and the jejak says so): "nothing achieved" is the floor.
- the cap (batas_atas) applies after that; `nilai_tanpa_batas` keeps the raw value.
- `nilai` is exact (see angka.dari_pecahan); only `nilai_tampil`/`teks`/`jejak` are rounded,
  and the band is looked up on `nilai_tampil` — what the reader sees — so a printed 91,00 is
  never labelled with the band below 91.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from .angka import bulatkan, dari_pecahan, format_masukan, format_persen
from .kebijakan import Kebijakan, RumusNegatif
from .skala import Band, SkalaKualitatif

SERATUS = Fraction(100)
MELAMPAUI, MENCAPAI, BELUM_MENCAPAI = "melampaui target", "mencapai target", "belum mencapai target"


class Polaritas(StrEnum):
    POSITIF = "positif"  # higher is better
    NEGATIF = "negatif"  # lower is better (the cascade's "Negatif" column)
    RENTANG = "rentang"  # stay within an interval (lkip-2024 Tabel 2.8: "3 - 10")
    KUALITATIF = "kualitatif"  # labels on an ordered scale (WTP/WDP…, AA…D)


@dataclass(frozen=True)
class TargetTitik:
    nilai: Decimal


@dataclass(frozen=True)
class TargetRentang:
    bawah: Decimal
    atas: Decimal

    def __post_init__(self) -> None:
        if not (self.bawah.is_finite() and self.atas.is_finite()) or self.bawah > self.atas:
            raise ValueError("rentang target harus terhingga dengan bawah ≤ atas")


@dataclass(frozen=True)
class TargetKualitatif:
    label: str
    skala: SkalaKualitatif


Target = TargetTitik | TargetRentang | TargetKualitatif


@dataclass(frozen=True)
class Capaian:
    terukur: bool
    nilai: Decimal | None  # exact, after the 0-floor and the cap
    nilai_tanpa_batas: Decimal | None  # exact raw formula value, before floor and cap
    nilai_tampil: Decimal | None  # `nilai` rounded per policy (what the report prints)
    teks: str  # "110,73%" or "tidak terukur"
    jejak: str  # worked computation, Indonesian notation
    alasan: str = ""  # why not measurable (empty when terukur)
    band: Band | None = None
    dibatasi: bool = False  # the cap was applied
    dinolkan: bool = False  # a negative result was recorded as 0
    # "melampaui target" / "mencapai target" / "belum mencapai target"; "" if not measurable.
    # Judged on the uncapped value as printed: under lkip-2024's 100% cap, 1,40 against 1,3
    # prints 100% but the target was still exceeded.
    kata: str = ""


def tidak_terukur(alasan: str) -> Capaian:
    return Capaian(False, None, None, None, "tidak terukur", f"tidak terukur: {alasan}", alasan)


def hitung_capaian(
    *,
    polaritas: Polaritas,
    target: Target | Decimal | None,
    realisasi: Decimal | str | None,
    kebijakan: Kebijakan | None = None,
) -> Capaian:
    """Capaian of one indicator. Never raises for data: problems become `terukur=False`."""
    kebijakan = kebijakan or Kebijakan()
    if isinstance(target, Decimal):
        target = TargetTitik(target)
    if isinstance(realisasi, float) or isinstance(target, float):
        raise TypeError("float tidak diterima; gunakan Decimal")
    if target is None:
        return tidak_terukur("target belum ditetapkan")
    if realisasi is None:
        return tidak_terukur("realisasi belum diisi")
    hasil = _rumus(polaritas, target, realisasi, kebijakan.rumus_negatif)
    if isinstance(hasil, str):
        return tidak_terukur(hasil)
    return _selesaikan(*hasil, kebijakan)


_Rumus = tuple[Fraction, str] | str  # (raw value, jejak before "=") or the reason it fails


def _m(x: Decimal) -> str:
    teks = format_masukan(x)
    return f"({teks})" if x < 0 else teks


def _rumus(
    polaritas: Polaritas, target: Target, realisasi: Decimal | str, rumus_negatif: RumusNegatif
) -> _Rumus:
    if polaritas is Polaritas.KUALITATIF:
        if not isinstance(target, TargetKualitatif) or not isinstance(realisasi, str):
            return "polaritas kualitatif memerlukan target dan realisasi berupa label skala"
        return _kualitatif(target, realisasi)
    if isinstance(realisasi, str):
        return "realisasi harus berupa angka untuk polaritas " + polaritas.value
    if not realisasi.is_finite():
        return "realisasi bukan angka terhingga"
    if polaritas is Polaritas.RENTANG:
        if not isinstance(target, TargetRentang):
            return "polaritas rentang memerlukan target berupa rentang (mis. 3 - 10)"
        return _rentang(target, realisasi)
    if not isinstance(target, TargetTitik):
        return f"polaritas {polaritas.value} memerlukan target berupa satu angka"
    t, r = target.nilai, realisasi
    if not t.is_finite():
        return "target bukan angka terhingga"
    if t == 0:
        return "target bernilai nol; capaian tidak dapat dihitung sebagai persentase"
    if t < 0:
        return "target bernilai negatif; capaian tidak dapat dihitung sebagai rasio"
    if polaritas is Polaritas.POSITIF:
        return Fraction(r) * SERATUS / Fraction(t), f"{_m(r)} / {_m(t)} × 100%"
    if rumus_negatif is RumusNegatif.DUA_T_KURANG_R:
        nilai = (2 * Fraction(t) - Fraction(r)) * SERATUS / Fraction(t)
        return nilai, f"(2 × {_m(t)} − {_m(r)}) / {_m(t)} × 100%"
    if r <= 0:
        # T/R grows without bound as R -> 0: a realisation of 0 (the best possible for, e.g.,
        # complaints) cannot be expressed. Say so instead of inventing a number.
        return (
            "realisasi bernilai nol atau negatif; rumus T/R tidak dapat dipakai "
            "(gunakan rumus 2T−R)"
        )
    return Fraction(t) * SERATUS / Fraction(r), f"{_m(t)} / {_m(r)} × 100%"


def _rentang(target: TargetRentang, r: Decimal) -> _Rumus:
    bawah, atas = target.bawah, target.atas
    teks = f"{_m(bawah)} – {_m(atas)}"
    if bawah <= r <= atas:
        return SERATUS, f"{_m(bawah)} ≤ {_m(r)} ≤ {_m(atas)} (di dalam rentang)"
    if r < bawah:
        if bawah <= 0:
            return f"realisasi di bawah rentang {teks} yang batas bawahnya ≤ 0; tak bisa dirasiokan"
        return Fraction(r) * SERATUS / Fraction(bawah), (
            f"di bawah rentang {teks}: {_m(r)} / {_m(bawah)} × 100%"
        )
    if atas <= 0:
        return f"realisasi di atas rentang {teks} yang batas atasnya ≤ 0; tidak dapat dirasiokan"
    # Above a "stay within" interval: measured like a negative indicator against the upper bound.
    return Fraction(atas) * SERATUS / Fraction(r), (
        f"di atas rentang {teks}: {_m(atas)} / {_m(r)} × 100%"
    )


def _kualitatif(target: TargetKualitatif, realisasi: str) -> _Rumus:
    skala = target.skala
    daftar = ", ".join(skala.label)
    t, r = skala.angka(target.label), skala.angka(realisasi)
    if t is None:
        return f"target '{target.label}' tidak ada dalam skala {skala.nama} ({daftar})"
    if r is None:
        return f"realisasi '{realisasi}' tidak ada dalam skala {skala.nama} ({daftar})"
    return Fraction(r) * SERATUS / Fraction(t), (
        f"{realisasi.strip()} ({_m(r)}) / {target.label.strip()} ({_m(t)}) × 100%"
    )


def _selesaikan(mentah: Fraction, rumus: str, kebijakan: Kebijakan) -> Capaian:
    def persen(x: Decimal) -> str:
        return format_persen(x, kebijakan.desimal, pembulatan=kebijakan.pembulatan)

    nilai_tanpa_batas = dari_pecahan(mentah)
    nilai = nilai_tanpa_batas
    catatan = []
    dinolkan = mentah < 0
    if dinolkan:
        nilai = Decimal(0)
        catatan.append("capaian negatif dicatat 0%")
    batas = kebijakan.batas_atas
    dibatasi = batas is not None and mentah > Fraction(batas)
    if dibatasi:
        assert batas is not None
        nilai = batas
        catatan.append(f"dibatasi batas atas {format_masukan(batas)}%")
    pembulatan = kebijakan.pembulatan
    tampil = bulatkan(nilai, kebijakan.desimal, pembulatan)
    mentah_tampil = bulatkan(max(nilai_tanpa_batas, Decimal(0)), kebijakan.desimal, pembulatan)
    if mentah_tampil > 100:
        kata = MELAMPAUI
    elif mentah_tampil == 100:
        kata = MENCAPAI
    else:
        kata = BELUM_MENCAPAI
    jejak = f"{rumus} = {persen(nilai_tanpa_batas)}"
    if catatan:
        jejak += f" → {persen(nilai)} ({'; '.join(catatan)})"
    return Capaian(
        terukur=True,
        nilai=nilai,
        nilai_tanpa_batas=nilai_tanpa_batas,
        nilai_tampil=tampil,
        teks=persen(nilai),
        jejak=jejak,
        band=kebijakan.skala.cari(tampil),
        dibatasi=dibatasi,
        dinolkan=dinolkan,
        kata=kata,
    )
