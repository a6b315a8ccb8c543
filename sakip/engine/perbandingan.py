"""The comparisons a performance report must make (PermenPAN-RB 53/2014; DOMAIN.md section 3).

Each returns an `Ukuran`: a value, its worked computation and the Indonesian word the
report's sentence needs. Words are chosen on the value as printed (rounded per policy), so a
report never says "meningkat" next to a difference printed as 0,00.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .angka import bulatkan, dari_pecahan, format_angka, format_masukan
from .capaian import BELUM_MENCAPAI, MELAMPAUI, MENCAPAI, Capaian, Polaritas, hitung_capaian
from .kebijakan import Kebijakan

# lkjip-2025 writes the passive form: "… sebesar 110,72 % (kolom 8) terlampaui."
_PASIF = {MELAMPAUI: "terlampaui", MENCAPAI: "tercapai", BELUM_MENCAPAI: "belum tercapai"}


@dataclass(frozen=True)
class Ukuran:
    label: str  # "selisih (poin persen)", "rasio", …
    nilai: Decimal | None  # exact; None when not measurable
    teks: str  # "8,92 poin persen", "108,76%", or "tidak terukur"
    jejak: str
    kata: str = ""  # "meningkat"/"menurun"/"tetap", "melampaui target"/…; "" if none applies
    alasan: str = ""

    @property
    def terukur(self) -> bool:
        return self.nilai is not None


@dataclass(frozen=True)
class PerbandinganTahunLalu:
    selisih: Ukuran  # percentage points: what lkjip-2025 prints (110,72 − 101,80 = 8,92)
    rasio: Ukuran  # this year ÷ last year × 100%, for Pemda that divide instead
    kata: str  # meningkat / menurun / tetap


def _tidak_terukur(label: str, alasan: str) -> Ukuran:
    return Ukuran(label, None, "tidak terukur", f"tidak terukur: {alasan}", "", alasan)


def kata_arah(selisih: Decimal, kebijakan: Kebijakan | None = None) -> str:
    """`meningkat` / `menurun` / `tetap`, judged on the difference as printed."""
    kebijakan = kebijakan or Kebijakan()
    tampil = bulatkan(selisih, kebijakan.desimal, kebijakan.pembulatan)
    return "meningkat" if tampil > 0 else "menurun" if tampil < 0 else "tetap"


def kata_capaian(capaian: Capaian, *, pasif: bool = False) -> str:
    """`capaian.kata`, or lkjip-2025's passive form ("terlampaui"/"tercapai"/"belum tercapai")."""
    return _PASIF.get(capaian.kata, "") if pasif else capaian.kata


def bandingkan_tahun_lalu(
    sekarang: Decimal | None, lalu: Decimal | None, *, kebijakan: Kebijakan | None = None
) -> PerbandinganTahunLalu:
    """This year's capaian against last year's: difference in points AND ratio, both labelled.

    lkjip-2025: 110,72 − 101,80 = 8,92 "peningkatan" (the report writes "8,92%", but a
    difference of two percentages is in percentage points).
    """
    kebijakan = kebijakan or Kebijakan()
    label_s, label_r = "selisih (poin persen)", "rasio"
    if sekarang is None or lalu is None:
        alasan = f"capaian tahun {'ini' if sekarang is None else 'lalu'} belum ada"
        return PerbandinganTahunLalu(
            _tidak_terukur(label_s, alasan), _tidak_terukur(label_r, alasan), ""
        )

    def angka(x: Decimal) -> str:
        return format_angka(x, kebijakan.desimal, pembulatan=kebijakan.pembulatan)

    selisih_nilai = dari_pecahan(Fraction(sekarang) - Fraction(lalu))
    kata = kata_arah(selisih_nilai, kebijakan)
    selisih = Ukuran(
        label_s,
        selisih_nilai,
        f"{angka(selisih_nilai)} poin persen",
        f"{format_masukan(sekarang)} − {format_masukan(lalu)} = {angka(selisih_nilai)} poin persen",
        kata,
    )
    if lalu == 0:
        rasio = _tidak_terukur(label_r, "capaian tahun lalu bernilai nol")
    else:
        r = dari_pecahan(Fraction(sekarang) * 100 / Fraction(lalu))
        rasio = Ukuran(
            label_r,
            r,
            f"{angka(r)}%",
            f"{format_masukan(sekarang)} / {format_masukan(lalu)} × 100% = {angka(r)}%",
            kata,
        )
    return PerbandinganTahunLalu(selisih, rasio, kata)


def bandingkan_target_akhir(
    *,
    realisasi: Decimal | None,
    target_akhir: Decimal | None,
    tahun: int,
    tahun_akhir: int,
    polaritas: Polaritas = Polaritas.POSITIF,
    kebijakan: Kebijakan | None = None,
) -> Ukuran:
    """Realisation to year N against the Renstra end target (lkjip-2025 Tabel III.4 col. 10:
    24,692 / 22,500 = 109,74%). Same rules as capaian but never capped: progress toward the
    end of the plan is information, and a cap would hide a target already passed."""
    kebijakan = (kebijakan or Kebijakan()).timpa(batas_atas=None)
    label = f"capaian s/d tahun {tahun} terhadap target akhir Renstra ({tahun_akhir})"
    c = hitung_capaian(
        polaritas=polaritas, target=target_akhir, realisasi=realisasi, kebijakan=kebijakan
    )
    if not c.terukur:
        return _tidak_terukur(label, c.alasan)
    return Ukuran(label, c.nilai, c.teks, c.jejak, c.kata)


def bandingkan_nasional(
    nilai_daerah: Decimal | None,
    nilai_nasional: Decimal | None,
    *,
    desimal: int | None = None,
    kebijakan: Kebijakan | None = None,
) -> Ukuran:
    """The region's value as a share of the national one (lkjip-2025 Tabel III.5:
    24,692 / 4.541,5 × 100% = 0,544%, printed with 3 decimals: pass `desimal=3`)."""
    kebijakan = kebijakan or Kebijakan()
    d = kebijakan.desimal if desimal is None else desimal
    label = "kontribusi terhadap nasional"
    if nilai_daerah is None or nilai_nasional is None:
        return _tidak_terukur(label, "nilai daerah atau nasional belum diisi")
    if nilai_nasional == 0:
        return _tidak_terukur(label, "nilai nasional bernilai nol")
    nilai = dari_pecahan(Fraction(nilai_daerah) * 100 / Fraction(nilai_nasional))
    teks = format_angka(nilai, d, pembulatan=kebijakan.pembulatan) + "%"
    jejak = f"{format_masukan(nilai_daerah)} / {format_masukan(nilai_nasional)} × 100% = {teks}"
    return Ukuran(label, nilai, teks, jejak)
