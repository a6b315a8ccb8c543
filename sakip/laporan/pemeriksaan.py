"""The consistency checker of an OPD-year (`sakip periksa`, the "Pemeriksaan" page).

Real reports contradict themselves (DOMAIN §6): a PK whose TW IV target is not its annual
target, targets below last year's realisation, totals that do not add up. This module lists
every such inconsistency with where it is and how to fix it.

Two halves:
- `bahan_periksa` — the one selector: every row the checks need, read in a fixed number of
  queries (it does not grow with indicators), mapped to plain values;
- `PEMERIKSAAN` — pure functions `BahanPeriksa -> list[Temuan]`, one concern each, testable
  without a database.

Which checks, which severity and why: docs/algorithms/periksa.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.utils import timezone

from sakip.engine.agregasi import ROMAWI
from sakip.engine.angka import AngkaTidakValid, format_angka, format_masukan, parse_angka
from sakip.engine.capaian import Polaritas
from sakip.engine.formula import Formula, FormulaTidakValid
from sakip.kinerja.models import AnggaranPK, KinerjaPK, RencanaAksi, VersiPK
from sakip.kinerja.selectors import anggaran_opd_tahun, pk_periksa
from sakip.organisasi.models import PerangkatDaerah
from sakip.pengukuran.hitung import rapikan
from sakip.pengukuran.models import Bukti, HasilCapaian, Narasi, NilaiDataElemen, Realisasi
from sakip.pengukuran.selectors import renstra_untuk_tahun
from sakip.perencanaan.models import DataElemen, Indikator, NilaiTarget, Node
from sakip.perencanaan.target import TargetTidakValid, baca_target, kanonik

FORMAT_JSON = "sakip-periksa/1"


class Tingkat(StrEnum):
    GALAT = "galat"  # the report would print wrong or contradictory numbers
    PERINGATAN = "peringatan"  # incomplete, or against a guideline; a person decides


class Bidang(StrEnum):
    PK = "pk"
    RENCANA = "rencana"
    REALISASI = "realisasi"
    BUKTI = "bukti"
    ANGGARAN = "anggaran"
    NARASI = "narasi"


_JUDUL_BAB = {"awal": "", "I": "Bab I", "II": "Bab II", "III": "Bab III", "IV": "Bab IV"}

JUDUL_TINGKAT = {Tingkat.GALAT: "Galat", Tingkat.PERINGATAN: "Peringatan"}
JUDUL_BIDANG = {
    Bidang.PK: "Perjanjian Kinerja",
    Bidang.RENCANA: "Indikator dan target",
    Bidang.REALISASI: "Realisasi",
    Bidang.BUKTI: "Bukti dukung",
    Bidang.ANGGARAN: "Anggaran",
    Bidang.NARASI: "Narasi laporan",
}


@dataclass(frozen=True)
class Lokasi:
    """Where a finding is, from the document down to the quarter."""

    dokumen: str  # "PK 2025 Perubahan Kesatu", "Renstra 2022–2026", "Anggaran 2025", "LKjIP 2025"
    tabel: str = ""
    baris: str = ""
    indikator: str = ""
    triwulan: int | None = None

    @property
    def teks(self) -> str:
        bagian = [self.dokumen, self.tabel, self.baris]
        if self.indikator:
            bagian.append(f"indikator '{self.indikator}'")
        if self.triwulan:
            bagian.append(f"TW {ROMAWI[self.triwulan - 1]}")
        return ", ".join(b for b in bagian if b)

    def ke_json(self) -> dict[str, Any]:
        return {"dokumen": self.dokumen, "tabel": self.tabel, "baris": self.baris,
                "indikator": self.indikator, "triwulan": self.triwulan, "teks": self.teks}


# Where a finding is fixed: URL names with their arguments, tried in order by the page (other
# capabilities add their pages over time; a name not (yet) there is skipped, never an error).
Tautan = tuple[tuple[str, tuple[Any, ...]], ...]


@dataclass(frozen=True)
class Temuan:
    tingkat: Tingkat
    kode: str  # stable, for filtering and tests: "TW_IV_BEDA_TAHUNAN"
    bidang: Bidang
    pesan: str  # Indonesian, numbers in Indonesian notation
    lokasi: Lokasi
    perbaikan: str  # what to do about it
    data: dict[str, str] = field(default_factory=dict)  # numbers as plain strings (JSON)
    tautan: Tautan = ()

    def ke_json(self) -> dict[str, Any]:
        return {"tingkat": self.tingkat.value, "kode": self.kode, "bidang": self.bidang.value,
                "pesan": self.pesan, "lokasi": self.lokasi.ke_json(), "perbaikan": self.perbaikan,
                "data": self.data}


def polos(nilai: Decimal | None) -> str:
    """A number for JSON: plain dot decimal, never Indonesian notation nor exponent."""
    return "" if nilai is None else format(nilai, "f")


def _angka(teks: str | None) -> Decimal | None:
    try:
        return parse_angka(teks) if teks and teks.strip() else None
    except (AngkaTidakValid, ValueError):
        return None


# ------------------------------------------------------------------------------ plain inputs


@dataclass(frozen=True)
class IndikatorPeriksa:
    id: int
    ref: str
    nama: str
    satuan: str
    polaritas: str
    skala_kualitatif: str
    formula: str
    formulasi: str
    iku: bool
    desimal: int


@dataclass(frozen=True)
class RevisiPeriksa:
    indikator_id: int
    ke: int
    label: str
    alasan: str
    teks: str  # the target it sets for the year


@dataclass(frozen=True)
class KinerjaPeriksa:
    indikator_id: int
    target: str
    target_tw: tuple[str, str, str, str]


@dataclass(frozen=True)
class TemuanTw:
    """A finding of `kinerja.selectors.pk_periksa` (engine `Temuan`), as plain values."""

    indikator_id: int
    kode: str
    pesan: str
    triwulan: int | None


@dataclass(frozen=True)
class VersiPeriksa:
    pk: int
    ke: int
    label: str  # "Induk", "Perubahan Kesatu"
    perubahan: bool
    alasan: str
    berita_acara_nomor: str
    kinerja: tuple[KinerjaPeriksa, ...]
    temuan_tw: tuple[TemuanTw, ...]


@dataclass(frozen=True)
class BelanjaPeriksa:
    label: str  # node ref + uraian, or the line's name
    pagu: Decimal
    realisasi: Decimal | None


@dataclass(frozen=True)
class SelisihRincian:
    """An upper budget line whose pagu or realisation is not the sum of its detail lines."""

    label: str
    kolom: str  # "pagu" | "realisasi"
    tercatat: Decimal
    jumlah_rincian: Decimal


@dataclass(frozen=True)
class AnggaranProgram:
    ref: str
    uraian: str
    pagu_dpa: Decimal  # sum of the budget's leaf lines (pagu sesudah perubahan)
    pagu_pk: Decimal | None  # sum of the PK in force's components for the program


@dataclass
class BahanPeriksa:
    """Everything the checks read, for one OPD-year, as plain values."""

    opd_slug: str
    tahun: int
    hari_ini: dt.date
    tenggat: dict[int, dt.date]  # triwulan → last day to enter it
    tenggat_sumber: str  # "akhir triwulan" | "jendela pengisian"
    renstra_label: str = ""
    indikator: list[IndikatorPeriksa] = field(default_factory=list)
    target: dict[int, str] = field(default_factory=dict)  # indikator → in-force target of the year
    revisi: list[RevisiPeriksa] = field(default_factory=list)  # revisions setting the year
    realisasi_lalu: dict[int, Decimal] = field(default_factory=dict)  # last year's value
    ada_realisasi: set[tuple[int, int]] = field(default_factory=set)  # (indikator, tw); tw 0 = year
    elemen_dikenal: dict[str, str] = field(default_factory=dict)  # kode → formula ("" = raw)
    ada_elemen: set[tuple[str, int, int]] = field(default_factory=set)  # (kode, tahun, tw)
    bukti: set[tuple[int, int]] = field(default_factory=set)  # (indikator, tw) with evidence
    narasi_terisi: set[tuple[int, int]] = field(default_factory=set)  # (indikator, tw)
    versi_pk: list[VersiPeriksa] = field(default_factory=list)
    target_tw_rencana_aksi: dict[int, tuple[str, str, str, str]] = field(default_factory=dict)
    belanja: list[BelanjaPeriksa] = field(default_factory=list)
    selisih_rincian: list[SelisihRincian] = field(default_factory=list)
    anggaran_program: list[AnggaranProgram] = field(default_factory=list)
    dalam_periode: bool = True  # False for a plan's base year (no targets to check)
    konten: Any = None  # laporan.selectors.KontenLaporan (frozen), None when that app is absent

    @property
    def pk_berlaku(self) -> VersiPeriksa | None:
        return self.versi_pk[-1] if self.versi_pk else None

    def jatuh_tempo(self, triwulan: int) -> bool:
        """A quarter is due once its entry deadline has passed."""
        return self.hari_ini > self.tenggat[triwulan]

    def indikator_id(self, ind_id: int) -> IndikatorPeriksa | None:
        return next((i for i in self.indikator if i.id == ind_id), None)


# --------------------------------------------------------------------------------- helpers


def tenggat_akhir_triwulan(tahun: int) -> dict[int, dt.date]:
    """Default deadline: a quarter's data are due after the quarter ends."""
    return {1: dt.date(tahun, 3, 31), 2: dt.date(tahun, 6, 30), 3: dt.date(tahun, 9, 30),
            4: dt.date(tahun, 12, 31)}


def _tautan_indikator(b: BahanPeriksa, ind_id: int) -> Tautan:
    return (("perencanaan:indikator-ubah", (b.opd_slug, ind_id)),
            ("perencanaan:indikator", (b.opd_slug, ind_id)))


def _tautan_target(b: BahanPeriksa, ind_id: int) -> Tautan:
    return (("perencanaan:target-revisi", (b.opd_slug, ind_id)),
            ("perencanaan:indikator", (b.opd_slug, ind_id)))


def _tautan_realisasi(b: BahanPeriksa, ind_id: int) -> Tautan:
    return (("pengukuran:isian", (b.opd_slug, ind_id, b.tahun)),
            ("pengukuran:indikator", (b.opd_slug, ind_id, b.tahun)),
            ("pengukuran:isian", (b.opd_slug, b.tahun, ind_id)),
            ("pengukuran:daftar", (b.opd_slug, b.tahun)),
            ("perencanaan:indikator", (b.opd_slug, ind_id)))


def _tautan_pk(b: BahanPeriksa, versi: VersiPeriksa | None = None) -> Tautan:
    daftar: list[tuple[str, tuple[Any, ...]]] = []
    if versi is not None:
        daftar += [("kinerja:pk-versi-ubah", (b.opd_slug, b.tahun, versi.ke)),
                   ("kinerja:pk-versi", (b.opd_slug, b.tahun, versi.ke))]
    return (*daftar, ("kinerja:pk", (b.opd_slug, b.tahun)))


def _tautan_anggaran(b: BahanPeriksa) -> Tautan:
    return (("kinerja:anggaran", (b.opd_slug, b.tahun)),)


def _tautan_narasi(b: BahanPeriksa, kunci: str) -> Tautan:
    return (("laporan:narasi-ubah", (b.opd_slug, b.tahun, kunci)),
            ("laporan:narasi", (b.opd_slug, b.tahun)),
            ("laporan:konten", (b.opd_slug, b.tahun)))


def _tautan_konten(b: BahanPeriksa) -> Tautan:
    return (("laporan:konten", (b.opd_slug, b.tahun)),)


def _tw_diharapkan(b: BahanPeriksa, ind: IndikatorPeriksa) -> list[int]:
    """Quarters whose realisation must be reported: those with a quarterly target in the PK in
    force or the Rencana Aksi; for an indicator without quarterly targets, only the year (TW IV),
    and only when it has a target for the year. Promised per quarter → reported per quarter."""
    pk = b.pk_berlaku
    tw: set[int] = set()
    if pk is not None:
        for k in pk.kinerja:
            if k.indikator_id == ind.id:
                tw |= {i + 1 for i, t in enumerate(k.target_tw) if t.strip()}
    ra = b.target_tw_rencana_aksi.get(ind.id)
    if ra is not None:
        tw |= {i + 1 for i, t in enumerate(ra) if t.strip()}
    if not tw and (ind.id in b.target or any(k.indikator_id == ind.id for k in (pk.kinerja if pk else ()))):
        tw = {4}
    return sorted(tw)


def _dijanjikan(b: BahanPeriksa, ind_id: int) -> bool:
    pk = b.pk_berlaku
    return pk is not None and any(k.indikator_id == ind_id for k in pk.kinerja)


def _ada_realisasi(b: BahanPeriksa, ind_id: int, tw: int) -> bool:
    # The year's value given directly (a year-end BPS figure) stands for TW IV.
    return (ind_id, tw) in b.ada_realisasi or (tw == 4 and (ind_id, 0) in b.ada_realisasi)


def _formula(teks: str) -> Formula | None:
    try:
        return Formula.parse(teks) if teks.strip() else None
    except FormulaTidakValid:
        return None


def _elemen_mentah(b: BahanPeriksa, nama: frozenset[str], dilihat: frozenset[str] = frozenset()) -> set[str]:
    """The raw data elements behind these names (derived elements are expanded to their inputs)."""
    hasil: set[str] = set()
    for n in nama:
        turunan = b.elemen_dikenal.get(n, "")
        f = _formula(turunan) if turunan else None
        if f is None or n in dilihat:
            hasil.add(n)
        else:
            hasil |= _elemen_mentah(b, f.nama_elemen, dilihat | {n})
    return hasil


# ----------------------------------------------------------------------------------- checks


def periksa_target_triwulan(b: BahanPeriksa) -> list[Temuan]:
    """PK quarterly targets against the annual one (`pk_periksa`: TW IV ≠ annual for cumulative
    targets, a cumulative target going down, a quarter typed with too many decimals …)."""
    hasil = []
    for v in b.versi_pk:
        for t in v.temuan_tw:
            ind = b.indikator_id(t.indikator_id)
            nama = ind.nama if ind else str(t.indikator_id)
            k = next((k for k in v.kinerja if k.indikator_id == t.indikator_id), None)
            data = {"versi": str(v.ke)}
            if k is not None:
                data |= {"target": polos(_angka(k.target))} | {
                    f"target_tw{i + 1}": polos(_angka(x)) for i, x in enumerate(k.target_tw)}
            galat = t.kode in ("TW_IV_BEDA_TAHUNAN", "JUMLAH_TW_BEDA_TAHUNAN", "RATA_RATA_TW_BEDA_TAHUNAN",
                               "TARGET_KUMULATIF_MENURUN")
            hasil.append(Temuan(
                Tingkat.GALAT if galat else Tingkat.PERINGATAN, t.kode, Bidang.PK, t.pesan,
                Lokasi(f"PK {b.tahun} {v.label}", "target triwulan", indikator=nama, triwulan=t.triwulan),
                "Samakan target triwulan dengan target tahunan pada PK (atau betulkan salah ketik), "
                "lalu cetak ulang PK." if galat else "Periksa dan betulkan target triwulan pada PK.",
                data, _tautan_pk(b, v),
            ))
    return hasil


def periksa_target_di_bawah_realisasi_lalu(b: BahanPeriksa) -> list[Temuan]:
    """KemenPAN-RB asks that a target not be set below last year's realisation (DOMAIN §6);
    mirrored for a negative indicator (a target above last year's value is a lower ambition)."""
    hasil = []
    pk = b.pk_berlaku
    target_pk = {k.indikator_id: k.target for k in pk.kinerja} if pk else {}
    for ind in b.indikator:
        lalu = b.realisasi_lalu.get(ind.id)
        if lalu is None or ind.polaritas not in (Polaritas.POSITIF, Polaritas.NEGATIF):
            continue
        sumber = [(f"{b.renstra_label}, target tahun {b.tahun}", b.target.get(ind.id), _tautan_target(b, ind.id))]
        if pk is not None and ind.id in target_pk and _angka(target_pk[ind.id]) != _angka(b.target.get(ind.id)):
            sumber.append((f"PK {b.tahun} {pk.label}", target_pk[ind.id], _tautan_pk(b, pk)))
        for dokumen, teks, tautan in sumber:
            target = _angka(teks)
            if target is None:
                continue
            positif = ind.polaritas == Polaritas.POSITIF
            if (positif and target < lalu) or (not positif and target > lalu):
                arah = "di bawah" if positif else "di atas"
                hasil.append(Temuan(
                    Tingkat.PERINGATAN, "TARGET_DI_BAWAH_REALISASI_LALU", Bidang.RENCANA,
                    f"Target {b.tahun} ({format_masukan(target)}) {arah} realisasi {b.tahun - 1} "
                    f"({format_masukan(lalu)}) untuk indikator "
                    f"{'positif' if positif else 'negatif (makin kecil makin baik)'}.",
                    Lokasi(dokumen, indikator=ind.nama),
                    "KemenPAN-RB meminta target tidak lebih rendah dari capaian tahun lalu: naikkan "
                    "target melalui revisi (dengan alasan), atau jelaskan alasannya dalam laporan.",
                    {"target": polos(target), "realisasi_lalu": polos(lalu), "polaritas": ind.polaritas},
                    tautan,
                ))
    return hasil


def periksa_realisasi(b: BahanPeriksa) -> list[Temuan]:
    """Realisation missing for quarters that are due (one finding per indicator, listing the
    quarters); for a formula indicator, name the data elements whose values are missing."""
    hasil = []
    for ind in b.indikator:
        kosong_tw = [tw for tw in _tw_diharapkan(b, ind) if b.jatuh_tempo(tw) and not _ada_realisasi(b, ind.id, tw)]
        if not kosong_tw:
            continue
        f = _formula(ind.formula)
        tw_teks = ", ".join(f"TW {ROMAWI[tw - 1]}" for tw in kosong_tw)
        lokasi = Lokasi(f"Realisasi {b.tahun}", indikator=ind.nama,
                        triwulan=kosong_tw[0] if len(kosong_tw) == 1 else None)
        tingkat = Tingkat.GALAT if (ind.iku or _dijanjikan(b, ind.id)) else Tingkat.PERINGATAN
        tenggat = b.tenggat[kosong_tw[-1]].strftime("%d-%m-%Y")
        data = {"triwulan": ",".join(map(str, kosong_tw)), "tenggat": b.tenggat[kosong_tw[-1]].isoformat()}
        elemen: set[str] = set()
        if f is not None:
            for tw in kosong_tw:
                elemen |= {n for n in _elemen_mentah(b, f.nama_elemen) if (n, b.tahun, tw) not in b.ada_elemen}
                elemen |= {f"prev({n})" for n in _elemen_mentah(b, f.nama_elemen_lalu)
                           if (n, b.tahun - 1, tw) not in b.ada_elemen}
        if elemen:
            hasil.append(Temuan(
                tingkat, "DATA_ELEMEN_KOSONG", Bidang.REALISASI,
                f"Realisasi {tw_teks} tidak dapat dihitung: data elemen {', '.join(sorted(elemen))} belum "
                f"diisi (tenggat {tenggat}, {b.tenggat_sumber}).",
                lokasi, "Isi nilai data elemen yang kosong; realisasi dan capaian dihitung ulang otomatis.",
                data | {"elemen": ",".join(sorted(elemen))}, _tautan_realisasi(b, ind.id)))
        else:
            hasil.append(Temuan(
                tingkat, "REALISASI_KOSONG", Bidang.REALISASI,
                f"Realisasi {tw_teks} belum diisi padahal sudah jatuh tempo (tenggat {tenggat}, "
                f"{b.tenggat_sumber}).",
                lokasi, "Isi realisasi triwulan itu (nilai langsung atau data elemen rumusnya).",
                data, _tautan_realisasi(b, ind.id)))
    return hasil


def periksa_definisi_indikator(b: BahanPeriksa) -> list[Temuan]:
    """An indicator without unit; a printed formula without a computable one; an IKU without any
    formula; a formula that reads an unknown data element or cannot be read."""
    hasil = []
    for ind in b.indikator:
        lokasi = Lokasi(b.renstra_label, "definisi indikator", indikator=ind.nama)
        tautan = _tautan_indikator(b, ind.id)
        if not ind.satuan.strip() and ind.polaritas != Polaritas.KUALITATIF:
            hasil.append(Temuan(
                Tingkat.PERINGATAN, "SATUAN_KOSONG", Bidang.RENCANA, "Indikator belum bersatuan.",
                lokasi, "Isi satuan indikator (%, Unit, Dokumen, Nilai, …); tabel laporan mencetaknya.",
                {}, tautan))
        if ind.formula.strip():
            try:
                f = Formula.parse(ind.formula)
            except FormulaTidakValid as exc:
                hasil.append(Temuan(
                    Tingkat.GALAT, "FORMULA_TIDAK_TERBACA", Bidang.RENCANA,
                    f"Rumus indikator tidak dapat dibaca: {exc}.", lokasi,
                    "Perbaiki rumus indikator.", {"formula": ind.formula}, tautan))
                continue
            asing = sorted((f.nama_elemen | f.nama_elemen_lalu) - set(b.elemen_dikenal))
            if asing:
                hasil.append(Temuan(
                    Tingkat.GALAT, "FORMULA_ELEMEN_TIDAK_DIKENAL", Bidang.RENCANA,
                    f"Rumus memakai data elemen yang tidak didefinisikan: {', '.join(asing)}.", lokasi,
                    "Definisikan data elemen itu pada rencana, atau betulkan namanya di rumus.",
                    {"elemen": ",".join(asing)}, tautan))
        elif ind.formulasi.strip():
            hasil.append(Temuan(
                Tingkat.PERINGATAN, "FORMULA_BELUM_DITETAPKAN", Bidang.RENCANA,
                f"Formulasi tercetak ada (\"{ind.formulasi[:80]}\") tetapi rumus atas data elemen "
                "belum ditetapkan: realisasi diisi langsung dan tidak dapat diperiksa.", lokasi,
                "Tetapkan rumus atas data elemen sesuai formulasi, lalu isi data elemennya.",
                {}, tautan))
        elif ind.iku:
            hasil.append(Temuan(
                Tingkat.PERINGATAN, "FORMULASI_KOSONG", Bidang.RENCANA,
                "Indikator Kinerja Utama tanpa formulasi perhitungan.", lokasi,
                "Isi formulasi perhitungan (dan rumusnya) sesuai SK IKU.", {}, tautan))
    return hasil


def periksa_target_tahun(b: BahanPeriksa) -> list[Temuan]:
    """An IKU or PK indicator without a Renstra target for the year; a target that cannot be read
    for the indicator's polarity; a PK target other than the Renstra target in force."""
    hasil: list[Temuan] = []
    if not b.dalam_periode:
        return hasil
    pk = b.pk_berlaku
    target_pk = {k.indikator_id: k.target for k in pk.kinerja} if pk else {}
    for ind in b.indikator:
        teks = b.target.get(ind.id)
        lokasi = Lokasi(b.renstra_label, f"target tahun {b.tahun}", indikator=ind.nama)
        if teks is None:
            if ind.iku or ind.id in target_pk:
                hasil.append(Temuan(
                    Tingkat.GALAT, "TARGET_TAHUN_KOSONG", Bidang.RENCANA,
                    f"Indikator {'IKU' if ind.iku else 'PK'} tanpa target Renstra tahun {b.tahun}.",
                    lokasi, "Tetapkan target tahun ini melalui revisi target (dengan alasan).",
                    {}, _tautan_target(b, ind.id)))
            continue
        try:
            baca_target(teks, polaritas=ind.polaritas, skala_kualitatif=ind.skala_kualitatif)
        except TargetTidakValid as exc:
            hasil.append(Temuan(
                Tingkat.GALAT, "TARGET_TIDAK_TERBACA", Bidang.RENCANA,
                f"Target \"{teks}\" tidak dapat dibaca: {exc}.", lokasi,
                "Tulis target sebagai angka (22,300), rentang (3 - 10) atau label skala.",
                {"target": teks}, _tautan_target(b, ind.id)))
            continue
        if pk is not None and ind.id in target_pk and kanonik(target_pk[ind.id]) != kanonik(teks):
            hasil.append(Temuan(
                Tingkat.PERINGATAN, "PK_BEDA_RENSTRA", Bidang.PK,
                f"Target PK ({target_pk[ind.id]}) berbeda dengan target Renstra yang berlaku ({teks}); "
                "laporan akan membandingkan realisasi dengan target PK.",
                Lokasi(f"PK {b.tahun} {pk.label}", "target tahunan", indikator=ind.nama),
                "Samakan keduanya: revisi target Renstra (dengan alasan) atau ubah PK melalui perubahan.",
                {"target_pk": polos(_angka(target_pk[ind.id])) or target_pk[ind.id],
                 "target_renstra": polos(_angka(teks)) or teks},
                _tautan_pk(b, pk) + _tautan_target(b, ind.id)))
    return hasil


def periksa_alasan_revisi(b: BahanPeriksa) -> list[Temuan]:
    """A PK revision without reason or minutes number; a target revision without reason."""
    hasil = []
    for v in b.versi_pk:
        if not v.perubahan:
            continue
        lokasi = Lokasi(f"PK {b.tahun} {v.label}")
        if not v.alasan.strip():
            hasil.append(Temuan(
                Tingkat.GALAT, "PK_PERUBAHAN_TANPA_ALASAN", Bidang.PK,
                "Perubahan PK tidak menyebut alasannya.", lokasi,
                "Tulis alasan perubahan (PermenPAN-RB 53/2014), mis. refocusing anggaran atau hasil "
                "evaluasi AKIP.", {"versi": str(v.ke)}, _tautan_pk(b, v)))
        if not v.berita_acara_nomor.strip():
            hasil.append(Temuan(
                Tingkat.PERINGATAN, "PK_PERUBAHAN_TANPA_BERITA_ACARA", Bidang.PK,
                "Perubahan PK tanpa nomor Berita Acara.", lokasi,
                "Isi nomor dan tanggal Berita Acara perubahan PK.", {"versi": str(v.ke)}, _tautan_pk(b, v)))
    for r in b.revisi:
        if r.ke >= 1 and not r.alasan.strip():
            ind = b.indikator_id(r.indikator_id)
            hasil.append(Temuan(
                Tingkat.PERINGATAN, "REVISI_TARGET_TANPA_ALASAN", Bidang.RENCANA,
                f"Revisi target \"{r.label}\" (target {b.tahun}: {r.teks}) tanpa alasan.",
                Lokasi(b.renstra_label, "riwayat target", r.label, ind.nama if ind else ""),
                "Catat alasan revisi target (mis. nomor surat/berita acara).",
                {"revisi": str(r.ke)}, _tautan_target(b, r.indikator_id)))
    return hasil


def periksa_anggaran(b: BahanPeriksa) -> list[Temuan]:
    """Budget totals: an upper line against its detail lines, realisation above pagu, and the PK
    in force's program budget against the DPA/DPPA."""
    hasil = []
    lokasi_dok = f"Anggaran {b.tahun}"
    for s in b.selisih_rincian:
        hasil.append(Temuan(
            Tingkat.GALAT, "ANGGARAN_RINCIAN_BEDA", Bidang.ANGGARAN,
            f"{'Pagu' if s.kolom == 'pagu' else 'Realisasi'} Rp {format_angka(s.tercatat, None)} tidak "
            f"sama dengan jumlah rinciannya Rp {format_angka(s.jumlah_rincian, None)}.",
            Lokasi(lokasi_dok, "belanja", s.label),
            "Betulkan angka baris induk atau rinciannya; total dihitung dari rincian.",
            {"kolom": s.kolom, "tercatat": polos(s.tercatat), "jumlah_rincian": polos(s.jumlah_rincian)},
            _tautan_anggaran(b)))
    for line in b.belanja:
        if line.realisasi is not None and line.realisasi > line.pagu:
            hasil.append(Temuan(
                Tingkat.GALAT, "REALISASI_MELEBIHI_PAGU", Bidang.ANGGARAN,
                f"Realisasi Rp {format_angka(line.realisasi, None)} melebihi pagu "
                f"Rp {format_angka(line.pagu, None)}.",
                Lokasi(lokasi_dok, "belanja", line.label),
                "Periksa realisasi atau pagu sesudah perubahan (DPPA).",
                {"pagu": polos(line.pagu), "realisasi": polos(line.realisasi)}, _tautan_anggaran(b)))
    pk = b.pk_berlaku
    for p in b.anggaran_program:
        if pk is None or p.pagu_pk is None or p.pagu_pk == p.pagu_dpa:
            continue
        hasil.append(Temuan(
            Tingkat.PERINGATAN, "PK_ANGGARAN_BEDA_DPA", Bidang.ANGGARAN,
            f"Anggaran program pada PK Rp {format_angka(p.pagu_pk, None)} berbeda dengan pagu "
            f"anggaran (DPA/DPPA) Rp {format_angka(p.pagu_dpa, None)}.",
            Lokasi(f"PK {b.tahun} {pk.label}", "komponen anggaran", f"{p.ref} {p.uraian}"),
            "Samakan komponen anggaran PK dengan pagu yang berlaku (perubahan PK bila perlu).",
            {"pagu_pk": polos(p.pagu_pk), "pagu_dpa": polos(p.pagu_dpa)}, _tautan_pk(b, pk)))
    return hasil


def periksa_bukti(b: BahanPeriksa) -> list[Temuan]:
    """An IKU indicator without evidence (data dukung) for a quarter that is due."""
    hasil = []
    for ind in b.indikator:
        if not ind.iku:
            continue
        for tw in _tw_diharapkan(b, ind):
            if b.jatuh_tempo(tw) and (ind.id, tw) not in b.bukti:
                hasil.append(Temuan(
                    Tingkat.PERINGATAN, "BUKTI_KOSONG", Bidang.BUKTI,
                    f"Indikator Kinerja Utama tanpa bukti dukung TW {ROMAWI[tw - 1]}.",
                    Lokasi(f"Realisasi {b.tahun}", "bukti dukung", indikator=ind.nama, triwulan=tw),
                    "Unggah dokumen atau tautkan sumber data (rilis BPS, laporan, notulen).",
                    {}, _tautan_realisasi(b, ind.id)))
    return hasil


# Sections PermenPAN-RB 53/2014 asks every LKjIP for (DOMAIN §5); the others of the registry are
# provincial variants (NTT's "Maksud dan Tujuan", Babel's "Pohon Kinerja" text) and may stay empty.
NARASI_WAJIB = (
    "kata_pengantar", "latar_belakang", "tugas_fungsi", "isu_strategis", "perencanaan", "iku",
    "perjanjian_kinerja", "faktor_pendukung", "faktor_penghambat", "upaya", "efisiensi",
    "tindak_lanjut_lhe", "kesimpulan",
)


def periksa_narasi(b: BahanPeriksa) -> list[Temuan]:
    """Required narrative sections of the report still empty, and an IKU's last due quarter
    without its success/failure factors (PermenPAN-RB 53/2014 asks for both)."""
    hasil = []
    k = b.konten
    if k is not None and not k.ada and b.dalam_periode and b.hari_ini > dt.date(b.tahun, 12, 31):
        hasil.append(Temuan(
            Tingkat.PERINGATAN, "LAPORAN_BELUM_DISUSUN", Bidang.NARASI,
            f"Isi LKjIP {b.tahun} (narasi, tabel pegawai dan aset, tindak lanjut LHE) belum diisi.",
            Lokasi(f"LKjIP {b.tahun}"), "Isi atau impor konten laporan (sakip import-lkjip).",
            {}, _tautan_narasi(b, "kata_pengantar")))
    elif k is not None and k.ada:
        for kunci in NARASI_WAJIB:
            try:
                bagian = k.narasi(kunci)
            except KeyError:
                continue
            if bagian.kosong:
                hasil.append(Temuan(
                    Tingkat.PERINGATAN, "NARASI_KOSONG", Bidang.NARASI,
                    f"Bagian \"{bagian.judul}\" masih kosong.",
                    Lokasi(f"LKjIP {b.tahun}", _JUDUL_BAB.get(bagian.bab, ""), bagian.judul),
                    "Tulis isi bagian ini sebelum laporan difinalkan.",
                    {"bagian": kunci}, _tautan_narasi(b, kunci)))
    for ind in b.indikator:
        if not ind.iku:
            continue
        jatuh = [tw for tw in _tw_diharapkan(b, ind) if b.jatuh_tempo(tw)]
        if jatuh and _ada_realisasi(b, ind.id, jatuh[-1]) and (ind.id, jatuh[-1]) not in b.narasi_terisi:
            hasil.append(Temuan(
                Tingkat.PERINGATAN, "NARASI_INDIKATOR_KOSONG", Bidang.NARASI,
                f"Faktor pendukung/penghambat dan upaya TW {ROMAWI[jatuh[-1] - 1]} belum ditulis.",
                Lokasi(f"Realisasi {b.tahun}", "narasi", indikator=ind.nama, triwulan=jatuh[-1]),
                "Tulis faktor pendukung, penghambat dan upaya perbaikan untuk indikator ini.",
                {}, _tautan_realisasi(b, ind.id)))
    return hasil


def _banding_tercetak(b: BahanPeriksa, kode: str, lokasi: Lokasi, tercetak: Any,
                      dihitung: Decimal | None, rupiah: bool = False) -> Temuan | None:
    """A total printed in the imported report against the one computed from its rows."""
    if tercetak in (None, "") or dihitung is None:
        return None
    teks = str(tercetak)
    nilai = _angka(teks)
    tampil = (lambda v: f"Rp {format_angka(v, None)}") if rupiah else (lambda v: format_angka(v, None))
    if nilai is None:
        return Temuan(
            Tingkat.GALAT, "ANGKA_TERCETAK_TIDAK_VALID", Bidang.NARASI,
            f"Angka tercetak \"{teks}\" bukan angka yang sah (dihitung dari rinciannya: "
            f"{tampil(dihitung)}).", lokasi,
            "Cetak jumlah yang dihitung sistem; periksa rincian bila jumlahnya tidak sesuai dokumen.",
            {"tercetak": teks, "dihitung": polos(dihitung)}, _tautan_konten(b))
    if nilai != dihitung:
        return Temuan(
            Tingkat.GALAT, kode, Bidang.NARASI,
            f"Jumlah tercetak {tampil(nilai)} tidak sama dengan jumlah rinciannya {tampil(dihitung)} "
            f"(selisih {tampil(dihitung - nilai)}).", lokasi,
            "Periksa baris rincian yang salah ketik, atau jumlah tercetak yang salah; laporan mencetak "
            "jumlah yang dihitung.",
            {"tercetak": polos(nilai), "dihitung": polos(dihitung)}, _tautan_konten(b))
    return None


def periksa_tercetak_laporan(b: BahanPeriksa) -> list[Temuan]:
    """Totals printed in the imported LKjIP (assets, staff, last year's budget, LHE score)
    against the sums of their own rows — lkjip-2025's "5.719.50.296,82" and an asset total that
    is not the sum of its rows (DOMAIN §6)."""
    k = b.konten
    if k is None or not k.ada:
        return []
    c = k.tercetak or {}
    dok = f"LKjIP {b.tahun}"
    hasil: list[Temuan | None] = []
    if k.aset:
        hasil.append(_banding_tercetak(b, "TOTAL_TERCETAK_BEDA", Lokasi(dok, "tabel aset", "jumlah"),
                                       c.get("aset_total"), k.aset_total, rupiah=True))
        per_kelompok: dict[str, Decimal] = defaultdict(Decimal)
        for a in k.aset:
            if a.nilai is not None:
                per_kelompok[a.kelompok.lower()] += a.nilai
        for kel in c.get("aset_kelompok") or ():
            nama = str(kel.get("kelompok", ""))
            hasil.append(_banding_tercetak(b, "TOTAL_TERCETAK_BEDA", Lokasi(dok, "tabel aset", f"kelompok {nama}"),
                                           kel.get("nilai"), per_kelompok.get(nama.lower()), rupiah=True))
    pj = c.get("pegawai_jumlah") or {}
    if k.pegawai_per_jabatan and pj:
        baris = k.pegawai_per_jabatan
        for kunci, nilai in (("formasi", sum(r.jumlah_formasi for r in baris)),
                             ("ada", sum(r.jumlah_ada for r in baris)),
                             ("laki_laki", sum(r.laki_laki for r in baris)),
                             ("perempuan", sum(r.perempuan for r in baris))):
            hasil.append(_banding_tercetak(b, "TOTAL_TERCETAK_BEDA",
                                           Lokasi(dok, "tabel pegawai", f"jumlah {kunci.replace('_', '-')}"),
                                           pj.get(kunci), Decimal(nilai)))
    aj = c.get("anggaran_tahun_lalu_jumlah") or {}
    if k.anggaran_tahun_lalu and aj:
        lalu, ini = k.anggaran_total
        hasil.append(_banding_tercetak(b, "TOTAL_TERCETAK_BEDA", Lokasi(dok, "perbandingan anggaran", "jumlah tahun lalu"),
                                       aj.get("tahun_lalu"), lalu, rupiah=True))
        hasil.append(_banding_tercetak(b, "TOTAL_TERCETAK_BEDA", Lokasi(dok, "perbandingan anggaran", "jumlah tahun ini"),
                                       aj.get("tahun_ini"), ini, rupiah=True))
    if k.lhe is not None and k.lhe.komponen:
        hasil.append(_banding_tercetak(b, "TOTAL_TERCETAK_BEDA", Lokasi(dok, "LHE SAKIP", "nilai akhir"),
                                       (k.lhe.tercetak or {}).get("nilai"), k.lhe.nilai))
    return [t for t in hasil if t is not None]


PEMERIKSAAN: tuple[Callable[[BahanPeriksa], list[Temuan]], ...] = (
    periksa_target_triwulan,
    periksa_target_tahun,
    periksa_target_di_bawah_realisasi_lalu,
    periksa_alasan_revisi,
    periksa_definisi_indikator,
    periksa_realisasi,
    periksa_bukti,
    periksa_narasi,
    periksa_tercetak_laporan,
    periksa_anggaran,
)

_URUT_BIDANG = list(Bidang)


def jalankan(bahan: BahanPeriksa) -> list[Temuan]:
    """Every finding, errors first, then by area, in the order the checks found them."""
    semua = [t for periksa in PEMERIKSAAN for t in periksa(bahan)]
    return sorted(semua, key=lambda t: (t.tingkat != Tingkat.GALAT, _URUT_BIDANG.index(t.bidang)))


# ---------------------------------------------------------------------------------- selector


def _tenggat(opd: PerangkatDaerah, tahun: int) -> tuple[dict[int, dt.date], str]:
    """Entry windows of the workflow (sakip.alur) when the Pemda set them, else quarter ends."""
    from sakip.alur.models import JendelaIsian

    tenggat = tenggat_akhir_triwulan(tahun)
    ditutup = dict(JendelaIsian.objects.filter(pemda_id=opd.pemda_id, tahun=tahun).values_list("triwulan", "ditutup"))
    if not ditutup:
        return tenggat, "akhir triwulan"
    return {**tenggat, **ditutup}, "jendela pengisian"


def _konten(opd: PerangkatDaerah, tahun: int) -> Any:
    """The report's own content (narratives, printed totals): sakip.laporan.selectors."""
    from sakip.laporan.selectors import konten_laporan

    return konten_laporan(opd=opd, tahun=tahun)


def bahan_periksa(*, opd: PerangkatDaerah, tahun: int, hari_ini: dt.date | None = None) -> BahanPeriksa:
    """Everything the checks need for an OPD-year, in a fixed number of queries (about 20, plus
    one per PK version for `pk_periksa`), whatever the number of indicators."""
    tenggat, sumber = _tenggat(opd, tahun)
    b = BahanPeriksa(opd.slug, tahun, hari_ini or timezone.localdate(), tenggat, sumber)
    renstra = renstra_untuk_tahun(opd=opd, tahun=tahun)
    if renstra is not None:
        b.renstra_label = f"Renstra {renstra.tahun_awal}–{renstra.tahun_akhir}"
        b.dalam_periode = renstra.tahun_awal <= tahun <= renstra.tahun_akhir
        b.indikator = [
            IndikatorPeriksa(*row) for row in Indikator.objects.filter(renstra=renstra).order_by("urutan", "pk")
            .values_list("pk", "ref", "nama", "satuan", "polaritas", "skala_kualitatif", "formula", "formulasi",
                         "iku", "desimal")
        ]
        ids = [i.id for i in b.indikator]
        # The target in force is the latest revision that sets the year (perencanaan.selectors).
        terbaru: dict[int, RevisiPeriksa] = {}
        for iid, ke, label, alasan, teks in NilaiTarget.objects.filter(
            revisi__indikator_id__in=ids, tahun=tahun
        ).order_by("revisi__ke").values_list("revisi__indikator_id", "revisi__ke", "revisi__label",
                                             "revisi__alasan", "teks"):
            r = RevisiPeriksa(iid, ke, label, alasan, teks)
            b.revisi.append(r)
            terbaru[iid] = r
        b.target = {iid: r.teks for iid, r in terbaru.items()}
        for iid, th, tw, nilai, teks in HasilCapaian.objects.filter(
            opd=opd, indikator_id__in=ids, tahun__in=[tahun - 1, tahun]
        ).values_list("indikator_id", "tahun", "triwulan", "realisasi", "realisasi_teks"):
            if th == tahun - 1:
                if tw == 0 and nilai is not None:
                    b.realisasi_lalu[iid] = rapikan(nilai) or nilai
            elif nilai is not None or teks:
                b.ada_realisasi.add((iid, tw))
        for iid, tw in Realisasi.objects.filter(indikator_id__in=ids, tahun=tahun).exclude(
            nilai__isnull=True, label=""
        ).values_list("indikator_id", "triwulan"):
            b.ada_realisasi.add((iid, tw))
        b.bukti = set(Bukti.objects.filter(opd=opd, indikator_id__in=ids, tahun=tahun)
                      .values_list("indikator_id", "triwulan"))
        for iid, tw, *teks in Narasi.objects.filter(indikator_id__in=ids, tahun=tahun).values_list(
            "indikator_id", "triwulan", *Narasi.BAGIAN
        ):
            if any((t or "").strip() for t in teks):
                b.narasi_terisi.add((iid, tw))
    b.elemen_dikenal = dict(DataElemen.objects.filter(opd=opd).values_list("kode", "formula"))
    b.ada_elemen = set(NilaiDataElemen.objects.filter(
        data_elemen__opd=opd, tahun__in=[tahun - 1, tahun]
    ).values_list("data_elemen__kode", "tahun", "triwulan"))

    versi = list(VersiPK.objects.filter(perjanjian__opd=opd, perjanjian__tahun=tahun).order_by("ke"))
    kinerja: dict[int, list[KinerjaPeriksa]] = defaultdict(list)
    for vid, iid, target, t1, t2, t3, t4 in KinerjaPK.objects.filter(versi__in=versi).order_by(
        "urutan", "pk"
    ).values_list("versi_id", "indikator_id", "target", "target_tw1", "target_tw2", "target_tw3", "target_tw4"):
        kinerja[vid].append(KinerjaPeriksa(iid, target, (t1, t2, t3, t4)))
    for v in versi:
        temuan = tuple(TemuanTw(k.indikator_id, t.kode, t.pesan, t.triwulan) for k, t in pk_periksa(opd=opd, versi=v))
        b.versi_pk.append(VersiPeriksa(v.pk, v.ke, v.label, v.jenis == "perubahan", v.alasan,
                                       v.berita_acara_nomor, tuple(kinerja[v.pk]), temuan))
    b.target_tw_rencana_aksi = {
        iid: (t1, t2, t3, t4) for iid, t1, t2, t3, t4 in RencanaAksi.objects.filter(opd=opd, tahun=tahun)
        .values_list("indikator_id", "target_tw1", "target_tw2", "target_tw3", "target_tw4")
    }

    lap = anggaran_opd_tahun(opd=opd, tahun=tahun)
    _isi_anggaran(b, lap, {pk: (ref, uraian) for pk, ref, uraian in
                           Node.objects.filter(renstra__opd=opd).values_list("pk", "ref", "uraian")})
    pk = versi[-1] if versi else None
    if pk is not None and lap.per_program:
        per_program: dict[str, Decimal] = defaultdict(Decimal)
        for ref, pagu in AnggaranPK.objects.filter(versi=pk, program__isnull=False).values_list(
            "program__ref", "pagu"
        ):
            per_program[ref] += pagu
        for k in lap.per_program:
            if k.kunci in per_program:
                b.anggaran_program.append(AnggaranProgram(k.kunci, k.uraian, k.ringkasan.pagu, per_program[k.kunci]))
    b.konten = _konten(opd, tahun)
    return b


def _isi_anggaran(b: BahanPeriksa, lap: Any, node: dict[int, tuple[str, str]]) -> None:
    """Budget lines, and the upper lines that differ from their details as `anggaran_opd_tahun`
    found them (its `periksa_konsistensi`, reused rather than rewritten)."""
    uraian = {ref: f"{ref} {teks}" for ref, teks in node.values()}
    for bl, r in lap.baris:
        label = uraian.get(node[bl.node_id][0], bl.nama) if bl.node_id in node else bl.nama
        b.belanja.append(BelanjaPeriksa(label, r.pagu, r.realisasi))
    for t in lap.temuan:
        b.selisih_rincian.append(
            SelisihRincian(uraian.get(t.label, t.label), t.kolom, t.tercatat, t.jumlah_rincian))


# ---------------------------------------------------------------------------------- entry point


@dataclass(frozen=True)
class HasilPeriksa:
    opd: PerangkatDaerah
    tahun: int
    hari_ini: dt.date
    tenggat_sumber: str
    temuan: list[Temuan]

    @property
    def galat(self) -> list[Temuan]:
        return [t for t in self.temuan if t.tingkat == Tingkat.GALAT]

    @property
    def peringatan(self) -> list[Temuan]:
        return [t for t in self.temuan if t.tingkat == Tingkat.PERINGATAN]

    def kelompok(self) -> list[tuple[Tingkat, list[tuple[Bidang, list[Temuan]]]]]:
        """Findings grouped by severity, then area (the page's sections)."""
        hasil = []
        for tingkat in Tingkat:
            per_bidang = [(bd, [t for t in self.temuan if t.tingkat == tingkat and t.bidang == bd]) for bd in Bidang]
            per_bidang = [(bd, daftar) for bd, daftar in per_bidang if daftar]
            if per_bidang:
                hasil.append((tingkat, per_bidang))
        return hasil


def periksa_opd(*, opd: PerangkatDaerah, tahun: int, hari_ini: dt.date | None = None) -> HasilPeriksa:
    bahan = bahan_periksa(opd=opd, tahun=tahun, hari_ini=hari_ini)
    return HasilPeriksa(opd, tahun, bahan.hari_ini, bahan.tenggat_sumber, jalankan(bahan))


def hasil_json(hasil: HasilPeriksa) -> dict[str, Any]:
    """`sakip-periksa/1`: numbers in `data` are plain strings (dot decimal), never Indonesian."""
    return {
        "format": FORMAT_JSON,
        "opd": hasil.opd.slug,
        "tahun": hasil.tahun,
        "tanggal_periksa": hasil.hari_ini.isoformat(),
        "tenggat": hasil.tenggat_sumber,
        "jumlah": {"galat": len(hasil.galat), "peringatan": len(hasil.peringatan)},
        "temuan": [t.ke_json() for t in hasil.temuan],
    }


def hasil_teks(hasil: HasilPeriksa) -> str:
    baris = [f"Pemeriksaan {hasil.opd.nama} ({hasil.opd.slug}) tahun {hasil.tahun}: "
             f"{len(hasil.galat)} galat, {len(hasil.peringatan)} peringatan."]
    for tingkat, per_bidang in hasil.kelompok():
        for bidang, daftar in per_bidang:
            baris.append("")
            baris.append(f"{JUDUL_TINGKAT[tingkat].upper()} — {JUDUL_BIDANG[bidang]}")
            for t in daftar:
                baris.append(f"  [{t.kode}] {t.lokasi.teks}")
                baris.append(f"      {t.pesan}")
                baris.append(f"      Perbaikan: {t.perbaikan}")
    return "\n".join(baris)
