"""The LKjIP's formulaic analysis sentences, generated in Indonesian from the numbers.

Pure Python (standard library and `sakip.engine` only, no Django): the document builder passes
values already formatted for print (`"24,692"`, `"110,73%"`) plus the words the engine chose on
the printed value (`Capaian.kata`, `perbandingan.kata_arah`), so a sentence never says
"meningkat" next to a difference printed as 0,00. Phrasing follows the seeds: lkjip-2025 §3.1.1
("Tercapai 24,692 (kolom 7), dengan demikian prosentase realisasi terhadap target sebesar
110,72 % (kolom 8) terlampaui"), lkip-2024 §3.1 ("masuk dalam kategori Cukup Berhasil",
"persentase capaiannya tetap dihitung sebesar 100 persen").
"""

from __future__ import annotations

from collections.abc import Sequence

from sakip.engine.capaian import BELUM_MENCAPAI, MELAMPAUI, MENCAPAI

_SATUAN = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
           "sebelas")

# The engine's active words → the passive form the seeds print after "target".
_PASIF = {MELAMPAUI: "terlampaui", MENCAPAI: "tercapai", BELUM_MENCAPAI: "belum tercapai"}
_ARAH = {"meningkat": "peningkatan", "menurun": "penurunan"}


def terbilang(n: int) -> str:
    """0–999 in words ("dua puluh satu"); larger numbers stay digits (reports never spell them)."""
    if n < 0 or n > 999:
        return str(n)
    if n == 0:
        return "nol"
    if n < 12:
        return _SATUAN[n]
    if n < 20:
        return f"{_SATUAN[n - 10]} belas"
    if n < 100:
        puluh, sisa = divmod(n, 10)
        return f"{_SATUAN[puluh]} puluh" + (f" {_SATUAN[sisa]}" if sisa else "")
    ratus, sisa = divmod(n, 100)
    awal = "seratus" if ratus == 1 else f"{_SATUAN[ratus]} ratus"
    return awal + (f" {terbilang(sisa)}" if sisa else "")


def jumlah_kata(n: int, benda: str) -> str:
    """`3 (tiga) program`, as the seeds write counts."""
    return f"{n} ({terbilang(n)}) {benda}"


def daftar_koma(butir: Sequence[str]) -> str:
    """"A", "A dan B", "A, B, dan C"."""
    butir = [b for b in butir if b]
    if len(butir) <= 1:
        return "".join(butir)
    if len(butir) == 2:
        return f"{butir[0]} dan {butir[1]}"
    return ", ".join(butir[:-1]) + f", dan {butir[-1]}"


def _dengan_satuan(nilai: str, satuan: str) -> str:
    if not satuan:
        return nilai
    if satuan == "%":
        return f"{nilai}%"
    return f"{nilai} {satuan}"


def kata_pasif(kata: str) -> str:
    """"terlampaui" / "tercapai" / "belum tercapai" for the engine's word ("" when unknown)."""
    return _PASIF.get(kata, "")


def kalimat_capaian(*, realisasi: str, target: str, satuan: str, capaian: str, kata: str,
                    terukur: bool = True, alasan: str = "", batas_atas: str = "") -> str:
    """Realisation against target, the seed's sentence: exceeded / met / not met; capped; or not
    measurable (never 0% or 100%, DOMAIN §3)."""
    if not terukur:
        return f"Capaian belum dapat diukur: {alasan or 'data belum lengkap'}."
    r, t = _dengan_satuan(realisasi, satuan), _dengan_satuan(target, satuan)
    if kata == MELAMPAUI:
        awal = f"Tercapai {r} dari target {t}"
        akhir = "sehingga target terlampaui"
    elif kata == MENCAPAI:
        awal = f"Tercapai {r} dari target {t}"
        akhir = "sehingga target tercapai"
    else:
        awal = f"Terealisasi {r} dari target {t}"
        akhir = "sehingga target belum tercapai"
    kalimat = (f"{awal}, dengan demikian persentase realisasi terhadap target sebesar {capaian} "
               f"{akhir}.")
    if batas_atas:
        kalimat += (f" Sesuai kebijakan batas atas capaian, persentase capaiannya tetap dihitung "
                    f"sebesar {batas_atas}.")
    return kalimat


def kalimat_tahun_lalu(*, tahun_lalu: int, capaian_lalu: str, capaian_ini: str, selisih: str,
                       kata: str) -> str:
    """This year's capaian against last year's, difference in percentage points (lkjip-2025)."""
    if not kata:
        return (f"Capaian tahun {tahun_lalu} belum tersedia, sehingga perbandingan dengan tahun "
                "lalu belum dapat dilakukan.")
    awal = f"Dibandingkan capaian tahun {tahun_lalu} sebesar {capaian_lalu}, capaian tahun ini ({capaian_ini})"
    if kata == "tetap":
        return f"{awal} tidak berubah."
    return f"{awal} mengalami {_ARAH[kata]} sebesar {selisih.lstrip('-')}."


def kalimat_target_akhir(*, tahun_akhir: int, target_akhir: str, satuan: str, capaian: str, kata: str,
                         terukur: bool = True) -> str:
    """Progress toward the Renstra end target (lkjip-2025 Tabel III.4 columns 9–10)."""
    if not terukur:
        return (f"Perbandingan dengan target akhir Renstra ({tahun_akhir}) belum dapat dilakukan "
                "karena target akhir atau realisasi belum tersedia.")
    awal = (f"Dibandingkan dengan target akhir Renstra tahun {tahun_akhir} sebesar "
            f"{_dengan_satuan(target_akhir, satuan)}, realisasi sampai dengan tahun ini mencapai {capaian}")
    if kata == MELAMPAUI:
        return f"{awal}, sehingga target akhir Renstra telah terlampaui."
    if kata == MENCAPAI:
        return f"{awal}, sehingga target akhir Renstra telah tercapai."
    return f"{awal}; diperlukan upaya percepatan agar target akhir Renstra tercapai."


def kalimat_nasional(*, indikator: str, realisasi: str, nasional: str, kontribusi: str,
                     terukur: bool = True) -> str:
    """The region's value as a share of the national one (lkjip-2025 Tabel III.5)."""
    if not terukur:
        return f"Nilai nasional indikator {indikator} belum tersedia sebagai pembanding."
    return (f"Realisasi indikator {indikator} sebesar {realisasi} memberikan kontribusi sebesar "
            f"{kontribusi} terhadap nilai nasional ({nasional}).")


def kalimat_rata_rata(*, opd: str, capaian: str, kategori: str, terukur: bool = True) -> str:
    """The OPD's mean capaian and its category (lkip-2024 §3.1)."""
    if not terukur:
        return f"Rata-rata capaian kinerja {opd} belum dapat dihitung."
    return (f"Dari rata-rata capaian kinerja di atas, {opd} mencapai {capaian} yang artinya masuk "
            f"dalam kategori {kategori}.")


def kalimat_anggaran(*, pagu: str, realisasi: str | None, serapan: str, efisiensi_rp: str,
                     efisiensi_persen: str, melebihi: bool = False) -> str:
    """Absorption and efficiency (lkjip-2025 §3.2; lkip-2024 §3.4), or why it is unknown."""
    if realisasi is None:
        return f"Dari pagu anggaran Rp {pagu}, realisasi anggaran belum tersedia."
    awal = f"Dari pagu anggaran Rp {pagu} terealisasi Rp {realisasi} atau {serapan}"
    if melebihi:
        return f"{awal}, sehingga realisasi melebihi pagu sebesar Rp {efisiensi_rp.lstrip('-')}."
    if efisiensi_rp in ("0", "0,00"):
        return f"{awal}, sehingga anggaran terserap seluruhnya."
    return f"{awal}, sehingga terdapat efisiensi sebesar Rp {efisiensi_rp} ({efisiensi_persen})."


def kalimat_program(*, jumlah: int, nama: Sequence[str]) -> str:
    """"didukung oleh 3 (tiga) program, yakni A, B, dan C" (lkjip-2025 Ikhtisar)."""
    if jumlah == 0:
        return "Belum ada program yang dipetakan mendukung indikator ini."
    return f"Capaian indikator ini didukung oleh {jumlah_kata(jumlah, 'program')}, yakni {daftar_koma(nama)}."
