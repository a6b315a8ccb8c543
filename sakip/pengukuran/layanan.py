"""Writes of measurement data (services): saving a quarter's realisation, recomputing capaian.

- `realisasi_simpan` — one operator's save: atomic, locks the rows it changes, writes the audit
  trail, and recomputes only what depends on the change (docs/algorithms/realisasi.md §6).
- `capaian_recompute` — set-based rebuild of the computed tables for a Pemda, an OPD and/or a
  year: a handful of queries per batch of OPDs, the engine in Python, bulk upserts.
- `bukti_tambah` — attach evidence (a link or a validated file).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import IntegrityError, connection, connections, transaction
from django.db.models import Count, Q
from django.utils import timezone

from sakip.akun.izin import Aksi, wajib_boleh
from sakip.akun.models import User
from sakip.alur.layanan import alasan_perubahan, nama_triwulan, periode_periksa_ubah
from sakip.audit.layanan import KonflikVersi, jejak_catat, oleh_siapa, versi_naikkan, versi_periksa
from sakip.audit.models import AksiJejak
from sakip.core.fields import NILAI_DESIMAL
from sakip.engine import Capaian, Formula
from sakip.engine import HasilRollup as RollupEngine
from sakip.organisasi.models import Pemda, PerangkatDaerah
from sakip.perencanaan.models import DataElemen, Indikator, Renstra
from sakip.perencanaan.target import SKALA_KUALITATIF

from .hitung import (
    TAHUNAN,
    Anggota,
    Baris,
    BarisRollup,
    DefinisiIndikator,
    capaian_tersimpan,
    formula_dari,
    hitung_indikator,
    hitung_rollup,
    rapikan,
)
from .models import (
    NILAI_MAKS,
    Bukti,
    HasilCapaian,
    HasilRollup,
    IsianTriwulan,
    JenisBukti,
    LevelRollup,
    Narasi,
    NilaiDataElemen,
    Realisasi,
    SidikHitung,
    validasi_berkas_bukti,
)
from .selectors import BahanOpd, bahan_hitung, pilih_renstra, saring_id

UKURAN_BATCH = 2000  # rows per INSERT … ON CONFLICT statement
OPD_PER_POTONGAN = 25  # OPDs loaded and computed together (bounds memory: ~5k indicators)

_KOLOM_CAPAIAN = [
    "opd", "realisasi", "realisasi_sd", "realisasi_teks", "target_teks", "terukur", "capaian_eksak",
    "nilai_tampil", "teks", "band", "band_kode", "warna", "kata", "dibatasi", "alasan", "jejak",
    "dihitung_pada",
]
_KOLOM_ROLLUP = [
    "node", "terukur", "nilai_eksak", "nilai_tampil", "teks", "band", "band_kode", "warna",
    "jumlah_dihitung", "jumlah_dikecualikan", "alasan", "jejak", "dihitung_pada",
]


class _TidakDiubah:
    def __repr__(self) -> str:
        return "TIDAK_DIUBAH"


TIDAK_DIUBAH: Any = _TidakDiubah()  # default of realisasi_simpan's nilai/label: leave as is


# --------------------------------------------------------------------------- rows → models


def _eksak(nilai: Decimal | None) -> str:
    return "" if nilai is None else str(nilai)


# NilaiField is NUMERIC(30, 8): 22 integer digits, and Decimal's 28-digit context quantizes only
# below 10^20. A formula can produce more (a ratio over a tiny divisor); the row keeps its text
# (realisasi_teks, teks, jejak, capaian_eksak) and the numeric column stays empty rather than
# failing the whole recompute.
_BATAS_KOLOM = NILAI_MAKS


def _kolom(nilai: Decimal | None) -> Decimal | None:
    return None if nilai is None or abs(nilai) >= _BATAS_KOLOM else nilai


def _model_capaian(b: Baris, waktu: datetime) -> HasilCapaian:
    c = b.capaian
    band = c.band
    return HasilCapaian(
        opd_id=b.opd_id,
        indikator_id=b.indikator_id,
        tahun=b.tahun,
        triwulan=b.triwulan,
        realisasi=_kolom(b.realisasi),
        realisasi_sd=_kolom(b.realisasi_sd),
        realisasi_teks=b.realisasi_teks,
        target_teks=b.target_teks,
        terukur=c.terukur,
        capaian_eksak=_eksak(c.nilai),
        nilai_tampil=_kolom(c.nilai_tampil),
        teks=c.teks,
        band=band.label if band else "",
        band_kode=band.kode if band else "",
        warna=band.warna_hex if band else "",
        kata=c.kata,
        dibatasi=c.dibatasi,
        alasan=c.alasan,
        jejak=b.jejak,
        dihitung_pada=waktu,
    )


def _model_rollup(r: BarisRollup, waktu: datetime) -> HasilRollup:
    h: RollupEngine = r.hasil
    band = h.band
    return HasilRollup(
        opd_id=r.opd_id,
        level=LevelRollup.OPD if r.node_id is None else LevelRollup.SASARAN,
        node_id=r.node_id,
        kunci=r.node_id or 0,
        tahun=r.tahun,
        triwulan=r.triwulan,
        terukur=h.terukur,
        nilai_eksak=_eksak(h.nilai),
        nilai_tampil=_kolom(h.nilai_tampil),
        teks=h.teks,
        band=band.label if band else "",
        band_kode=band.kode if band else "",
        warna=band.warna_hex if band else "",
        jumlah_dihitung=h.jumlah_dihitung,
        jumlah_dikecualikan=h.jumlah_dikecualikan,
        alasan=h.alasan,
        jejak=h.jejak,
        dihitung_pada=waktu,
    )


class CaraTulis(StrEnum):
    """How computed rows are written. All are set-based upserts on the same unique key and
    write the same values (tests/pengukuran/test_recompute*.py compare them on PostgreSQL)."""

    OTOMATIS = "otomatis"  # PostgreSQL: copy for many rows, unnest for a few; bulk_create elsewhere
    BULK_CREATE = "bulk_create"  # Django bulk_create(update_conflicts=True): portable
    UNNEST = "unnest"  # PostgreSQL: INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE
    COPY = "copy"  # PostgreSQL: COPY into a temporary table (or an empty scope), one upsert


# Below this many rows OTOMATIS takes unnest (one statement) over COPY (four: create the
# temporary table, copy, upsert, drop): a save writes five rows, a recompute batch 25 000.
SALIN_MIN = 1000


def _cara(cara: CaraTulis, n: int = 0) -> CaraTulis:
    if cara is CaraTulis.OTOMATIS:
        if connection.vendor != "postgresql":
            return CaraTulis.BULK_CREATE
        return CaraTulis.COPY if n >= SALIN_MIN else CaraTulis.UNNEST
    if cara in (CaraTulis.UNNEST, CaraTulis.COPY) and connection.vendor != "postgresql":
        raise ValueError(f"cara tulis '{cara.value}' hanya untuk PostgreSQL")
    return cara


def _tulis_capaian(
    baris: Sequence[Baris], waktu: datetime, cara: CaraTulis = CaraTulis.OTOMATIS, kosong: bool = False
) -> None:
    """Upsert computed rows. `kosong`: the caller saw no stored row in the rows' scope, so
    COPY may go straight into the table (it falls back to the upsert if one appeared)."""
    cara = _cara(cara, len(baris))
    if cara is CaraTulis.COPY:
        _salin(HasilCapaian._meta.db_table, _KOLOM_SALIN_CAPAIAN, _UNIK_CAPAIAN,
               _larik_capaian(baris, (waktu,)), kosong)
        return
    if cara is CaraTulis.UNNEST:
        for i in range(0, len(baris), UKURAN_BATCH_UNNEST):
            _unnest_capaian(baris[i : i + UKURAN_BATCH_UNNEST], waktu)
        return
    for i in range(0, len(baris), UKURAN_BATCH):
        HasilCapaian.objects.bulk_create(
            [_model_capaian(b, waktu) for b in baris[i : i + UKURAN_BATCH]],
            update_conflicts=True,
            unique_fields=["indikator", "tahun", "triwulan"],
            update_fields=_KOLOM_CAPAIAN,
        )


def _tulis_rollup(
    baris: Sequence[BarisRollup], waktu: datetime, cara: CaraTulis = CaraTulis.OTOMATIS, kosong: bool = False
) -> None:
    # Roll-ups are ~3% of the rows, but bulk_create costs ~10× COPY per row: a full recompute
    # spent ~10 s of Python on them.
    if _cara(cara, len(baris)) is CaraTulis.COPY:
        _salin(HasilRollup._meta.db_table, _KOLOM_SALIN_ROLLUP, _UNIK_ROLLUP, _larik_rollup(baris, waktu), kosong)
        return
    for i in range(0, len(baris), UKURAN_BATCH):
        HasilRollup.objects.bulk_create(
            [_model_rollup(r, waktu) for r in baris[i : i + UKURAN_BATCH]],
            update_conflicts=True,
            unique_fields=["opd", "level", "kunci", "tahun", "triwulan"],
            update_fields=_KOLOM_ROLLUP,
        )


# PostgreSQL upsert from one array per column: a single short statement per batch, so neither
# Django nor psycopg builds and parses a query with 40 000 placeholders (bulk_create's cost
# is ~200 µs per row of this width in Python; this path ~10 µs).
_KOLOM_UNNEST = [
    ("opd_id", "bigint"), ("indikator_id", "bigint"), ("tahun", "smallint"), ("triwulan", "smallint"),
    ("realisasi", "numeric"), ("realisasi_sd", "numeric"), ("realisasi_teks", "text"), ("target_teks", "text"),
    ("terukur", "boolean"), ("capaian_eksak", "text"), ("nilai_tampil", "numeric"), ("teks", "text"),
    ("band", "text"), ("band_kode", "text"), ("warna", "text"), ("kata", "text"), ("dibatasi", "boolean"),
    ("alasan", "text"), ("jejak", "text"),
]
UKURAN_BATCH_UNNEST = 20_000


def _sql_unnest() -> str:
    tabel = HasilCapaian._meta.db_table
    nama = [k for k, _ in _KOLOM_UNNEST]
    larik = ", ".join(f"%b::{t}[]" for _, t in _KOLOM_UNNEST)
    nilai = [k for k in nama if k not in ("indikator_id", "tahun", "triwulan")]
    ubah = ", ".join(f"{k} = EXCLUDED.{k}" for k in [*nilai, "dihitung_pada"])
    # A row whose values did not change is not rewritten (no new row version, no index
    # updates): a recompute after a few saves costs reads and compares, not 2 million updates.
    beda = f"({', '.join(f't.{k}' for k in nilai)}) IS DISTINCT FROM ({', '.join(f'EXCLUDED.{k}' for k in nilai)})"
    return (
        f"INSERT INTO {tabel} AS t ({', '.join(nama)}, dihitung_pada) "
        f"SELECT u.*, %s::timestamptz FROM unnest({larik}) AS u({', '.join(nama)}) "
        f"ON CONFLICT (indikator_id, tahun, triwulan) DO UPDATE SET {ubah} WHERE {beda}"
    )


_KUANTUM = Decimal(1).scaleb(-NILAI_DESIMAL)


def _angka(v: Decimal | None) -> Decimal | None:
    # What NilaiField.get_db_prep_value does (8 decimals, the context's half-even), so every
    # write path stores the same digits.
    v = _kolom(v)
    return None if v is None else v.quantize(_KUANTUM)


def _larik_capaian(baris: Sequence[Baris], ekor: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows as tuples in the order of _KOLOM_UNNEST (+ `ekor`)."""
    angka = _angka
    # Rows share Capaian objects (the engine's results are memoised), so each one's columns are
    # prepared once.
    dari_capaian: dict[int, tuple[Any, ...]] = {}
    daftar: list[tuple[Any, ...]] = []
    for b in baris:
        c = b.capaian
        bagian = dari_capaian.get(id(c))
        if bagian is None:
            band = c.band
            bagian = (
                c.terukur, _eksak(c.nilai), angka(c.nilai_tampil), c.teks, band.label if band else "",
                band.kode if band else "", band.warna_hex if band else "", c.kata, c.dibatasi, c.alasan,
            )
            dari_capaian[id(c)] = bagian
        daftar.append((
            b.opd_id, b.indikator_id, b.tahun, b.triwulan, angka(b.realisasi), angka(b.realisasi_sd),
            b.realisasi_teks, b.target_teks, *bagian, b.jejak, *ekor,
        ))
    return daftar


def _larik_rollup(baris: Sequence[BarisRollup], waktu: datetime) -> list[tuple[Any, ...]]:
    """Rows as tuples in the order of _KOLOM_SALIN_ROLLUP, the values `_model_rollup` gives."""
    daftar = []
    for r in baris:
        h: RollupEngine = r.hasil
        band = h.band
        daftar.append((
            r.opd_id, LevelRollup.OPD.value if r.node_id is None else LevelRollup.SASARAN.value, r.node_id,
            r.node_id or 0, r.tahun, r.triwulan, h.terukur, _eksak(h.nilai), _angka(h.nilai_tampil), h.teks,
            band.label if band else "", band.kode if band else "", band.warna_hex if band else "",
            h.jumlah_dihitung, h.jumlah_dikecualikan, h.alasan, h.jejak, waktu,
        ))
    return daftar


_KOLOM_SALIN_CAPAIAN = [*(k for k, _ in _KOLOM_UNNEST), "dihitung_pada"]
_UNIK_CAPAIAN = ["indikator_id", "tahun", "triwulan"]
_KOLOM_SALIN_ROLLUP = [
    "opd_id", "level", "node_id", "kunci", "tahun", "triwulan", "terukur", "nilai_eksak", "nilai_tampil", "teks",
    "band", "band_kode", "warna", "jumlah_dihitung", "jumlah_dikecualikan", "alasan", "jejak", "dihitung_pada",
]
_UNIK_ROLLUP = ["opd_id", "level", "kunci", "tahun", "triwulan"]


def _salin(tabel: str, kolom: list[str], unik: list[str], baris: list[tuple[Any, ...]], kosong: bool) -> None:
    """PostgreSQL COPY (rows formatted by psycopg's C code): straight into `tabel` when the
    caller found the scope empty, otherwise into a temporary table and from there one
    INSERT … ON CONFLICT DO UPDATE that leaves unchanged rows alone (as _sql_unnest)."""
    if not baris:
        return
    import psycopg

    daftar = ", ".join(kolom)
    connection.ensure_connection()
    if kosong:
        try:
            with transaction.atomic(), psycopg.Cursor(connection.connection) as cur:
                with cur.copy(f"COPY {tabel} ({daftar}) FROM STDIN") as salinan:
                    for b in baris:
                        salinan.write_row(b)
            return
        except psycopg.errors.UniqueViolation:
            pass  # a save wrote some of these rows meanwhile: upsert instead (savepoint rolled back)
    nilai = [k for k in kolom if k not in unik and k != "dihitung_pada"]
    ubah = ", ".join(f"{k} = EXCLUDED.{k}" for k in [*nilai, "dihitung_pada"])
    beda = f"({', '.join(f't.{k}' for k in nilai)}) IS DISTINCT FROM ({', '.join(f'EXCLUDED.{k}' for k in nilai)})"
    # In a (sub)transaction: a failure rolls the temporary table back with everything else.
    with transaction.atomic(), psycopg.Cursor(connection.connection) as cur:
        cur.execute(f"CREATE TEMPORARY TABLE _salin ON COMMIT DROP AS SELECT {daftar} FROM {tabel} WITH NO DATA")
        with cur.copy(f"COPY _salin ({daftar}) FROM STDIN") as salinan:
            for b in baris:
                salinan.write_row(b)
        cur.execute(
            f"INSERT INTO {tabel} AS t ({daftar}) SELECT {daftar} FROM _salin "
            f"ON CONFLICT ({', '.join(unik)}) DO UPDATE SET {ubah} WHERE {beda}"
        )
        cur.execute("DROP TABLE _salin")


def _unnest_capaian(baris: Sequence[Baris], waktu: datetime) -> None:
    daftar = _larik_capaian(baris)
    kolom = [list(k) for k in zip(*daftar, strict=True)] if daftar else [[] for _ in _KOLOM_UNNEST]
    # A server-side-binding psycopg cursor on Django's connection (same transaction; Django's
    # own cursors bind client-side): the arrays travel as parameters, dumped in binary where
    # psycopg can, instead of being rendered into the SQL text in Python.
    import psycopg

    connection.ensure_connection()
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(_sql_unnest(), [waktu, *kolom])


# --------------------------------------------------------------------------- full recompute


@dataclass
class HasilRecompute:
    opd: int = 0
    opd_tahun: int = 0
    indikator_tahun: int = 0
    baris_capaian: int = 0
    baris_rollup: int = 0
    dihapus: int = 0
    # OPD-years whose inputs hash as at their last computation (all rows present): neither
    # computed nor written (docs/PERFORMANCE.md); not counted in opd_tahun/indikator_tahun.
    opd_tahun_dilewati: int = 0
    indikator_tahun_dilewati: int = 0
    detik: float = 0.0
    detik_muat: float = 0.0
    detik_periksa: float = 0.0  # fingerprints, and the check that the stored rows are there
    detik_hitung: float = 0.0
    detik_tulis: float = 0.0
    # CPU seconds of the computing processes (summed): what the wall times above spent working
    # rather than waiting for the database.
    detik_cpu: float = 0.0

    @property
    def indikator_triwulan(self) -> int:
        return self.indikator_tahun * 4

    def tambah(self, lain: HasilRecompute) -> None:
        for nama in ("opd", "opd_tahun", "indikator_tahun", "baris_capaian", "baris_rollup", "dihapus",
                     "opd_tahun_dilewati", "indikator_tahun_dilewati", "detik_muat", "detik_periksa",
                     "detik_hitung", "detik_tulis", "detik_cpu"):
            setattr(self, nama, getattr(self, nama) + getattr(lain, nama))

    def ringkasan(self) -> str:
        return (
            f"{self.opd} OPD, {self.opd_tahun} OPD-tahun, {self.indikator_tahun} indikator-tahun "
            f"({self.indikator_triwulan} indikator-triwulan), {self.baris_capaian} baris capaian, "
            f"{self.baris_rollup} baris rollup"
            + (
                f"; {self.opd_tahun_dilewati} OPD-tahun ({self.indikator_tahun_dilewati} indikator-tahun) "
                "dilewati: masukannya tidak berubah"
                if self.opd_tahun_dilewati else ""
            )
        )


def _tahun_bahan(b: BahanOpd, tahun: Sequence[int] | None) -> list[int]:
    """The OPD's years that have indicators to compute (all its years when None)."""
    return [th for th in (tahun if tahun is not None else b.tahun_hitung()) if b.indikator_tahun(th)]


def _hitung_bahan(b: BahanOpd, tahun: Sequence[int] | None) -> tuple[list[Baris], list[BarisRollup], int, int]:
    capaian_obj: list[Baris] = []
    rollup_obj: list[BarisRollup] = []
    jumlah_ind = jumlah_tahun = 0
    for th in tahun if tahun is not None else b.tahun_hitung():
        daftar = b.indikator_tahun(th)
        if not daftar:
            continue
        jumlah_tahun += 1
        elemen = b.elemen()
        peta: dict[tuple[int, int], Capaian] = {}
        for ind in daftar:
            for baris in hitung_indikator(ind, th, b.masukan(ind.id, th), elemen):
                peta[(ind.id, baris.triwulan)] = baris.capaian
                capaian_obj.append(baris)
        jumlah_ind += len(daftar)
        rollup_obj += hitung_rollup(b.opd_id, th, daftar, peta, b.kebijakan)
    return capaian_obj, rollup_obj, jumlah_ind, jumlah_tahun


@contextmanager
def _tanpa_gc() -> Iterator[None]:
    """Python's cyclic garbage collector off for a batch. A batch allocates millions of objects
    (rows, Decimals, strings) that reference counting frees (they form no cycles); the collector,
    triggered by allocation counts, would walk every live object again and again: ~15–30% of
    the compute (docs/PERFORMANCE.md)."""
    aktif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aktif:
            gc.enable()


def _recompute_potongan(
    opd_ids: list[int], tahun: list[int] | None, waktu: datetime, cara: CaraTulis = CaraTulis.OTOMATIS,
    paksa: bool = False,
) -> HasilRecompute:
    """Load, compute and write one batch of OPDs in one transaction. An OPD-year whose inputs
    did not change since its last computation (same fingerprint, rows all there) is skipped
    unless `paksa`."""
    with _tanpa_gc():
        return _recompute_potongan_isi(opd_ids, tahun, waktu, cara, paksa)


def _recompute_potongan_isi(
    opd_ids: list[int], tahun: list[int] | None, waktu: datetime, cara: CaraTulis, paksa: bool
) -> HasilRecompute:
    hasil = HasilRecompute(opd=len(opd_ids))
    cpu = time.process_time()
    t0 = time.perf_counter()
    bahan = bahan_hitung(opd_ids=opd_ids, tahun=tahun)
    t1 = time.perf_counter()
    per_opd = {b.opd_id: _tahun_bahan(b, tahun) for b in bahan.values()}
    sidik = {(o, th): bahan[o].sidik(th) for o, daftar in per_opd.items() for th in daftar}
    tersimpan = {
        (o, th): (pk, s)
        for pk, o, th, s in SidikHitung.objects.filter(
            opd_id__in=opd_ids, **({} if tahun is None else {"tahun__in": tahun})
        ).values_list("pk", "opd_id", "tahun", "sidik")
    }
    lewati = set() if paksa else _tidak_berubah(bahan, sidik, tersimpan)
    t2 = time.perf_counter()
    capaian_obj: list[Baris] = []
    rollup_obj: list[BarisRollup] = []
    for o, daftar in per_opd.items():
        c, r, n_ind, n_th = _hitung_bahan(bahan[o], [th for th in daftar if (o, th) not in lewati])
        capaian_obj += c
        rollup_obj += r
        hasil.indikator_tahun += n_ind
        hasil.opd_tahun += n_th
    dilewati = {(o, th): bahan[o].indikator_tahun(th) for o, th in lewati}
    hasil.opd_tahun_dilewati = len(dilewati)
    hasil.indikator_tahun_dilewati = sum(len(d) for d in dilewati.values())
    t3 = time.perf_counter()
    with transaction.atomic():
        # A scope with no stored rows yet (a first or cold recompute) is copied straight in.
        dihitung = {"opd_id__in": opd_ids, "tahun__in": {b.tahun for b in capaian_obj}}
        if capaian_obj:
            _tulis_capaian(capaian_obj, waktu, cara, kosong=not HasilCapaian.objects.filter(**dihitung).exists())
            _tulis_rollup(rollup_obj, waktu, cara, kosong=not HasilRollup.objects.filter(**dihitung).exists())
        hasil.dihapus = _hapus_usang(opd_ids, tahun, capaian_obj, rollup_obj, dilewati)
        _tulis_sidik(sidik, lewati, tersimpan, waktu)
    t4 = time.perf_counter()
    hasil.baris_capaian, hasil.baris_rollup = len(capaian_obj), len(rollup_obj)
    hasil.detik_muat, hasil.detik_periksa = t1 - t0, t2 - t1
    hasil.detik_hitung, hasil.detik_tulis = t3 - t2, t4 - t3
    hasil.detik_cpu = time.process_time() - cpu
    return hasil


def _tidak_berubah(
    bahan: Mapping[int, BahanOpd], sidik: Mapping[tuple[int, int], str],
    tersimpan: Mapping[tuple[int, int], tuple[int, str]],
) -> set[tuple[int, int]]:
    """OPD-years whose fingerprint equals the stored one and whose result rows are all there:
    a row deleted by anything but a recompute makes its OPD-year computed again."""
    calon = {k for k, s in sidik.items() if k in tersimpan and tersimpan[k][1] == s}
    if not calon:
        return set()
    saring = {"opd_id__in": {o for o, _ in calon}, "tahun__in": {th for _, th in calon}}
    ada: list[dict[tuple[int, int], int]] = [
        {
            (o, th): n
            for o, th, n in model.objects.filter(**saring).order_by().values_list("opd_id", "tahun")
            .annotate(n=Count("pk")).values_list("opd_id", "tahun", "n")
        }
        for model in (HasilCapaian, HasilRollup)
    ]
    lewati = set()
    for o, th in calon:
        daftar = bahan[o].indikator_tahun(th)
        n_sasaran = len({ind.node_id for ind in daftar if ind.sasaran})
        # Five rows (TW I–IV, year) per indicator, per sasaran with indicators, and the OPD's.
        if ada[0].get((o, th)) == 5 * len(daftar) and ada[1].get((o, th)) == 5 * (n_sasaran + 1):
            lewati.add((o, th))
    return lewati


def _tulis_sidik(
    sidik: Mapping[tuple[int, int], str], lewati: set[tuple[int, int]],
    tersimpan: Mapping[tuple[int, int], tuple[int, str]], waktu: datetime,
) -> None:
    """Store the fingerprints of the OPD-years just computed (not the skipped: theirs are
    stored), and drop those of the scope's OPD-years that have nothing to compute any more
    (their rows were deleted)."""
    usang = [pk for k, (pk, _) in tersimpan.items() if k not in sidik]
    if usang:
        SidikHitung.objects.filter(pk__in=usang).delete()
    SidikHitung.objects.bulk_create(
        [SidikHitung(opd_id=o, tahun=th, sidik=s, dihitung_pada=waktu) for (o, th), s in sidik.items()
         if (o, th) not in lewati],
        update_conflicts=True, unique_fields=["opd", "tahun"], update_fields=["sidik", "dihitung_pada"],
        batch_size=UKURAN_BATCH,
    )


def _hapus_usang(
    opd_ids: list[int], tahun: list[int] | None, capaian: Sequence[Baris], rollup: Sequence[BarisRollup],
    dilewati: Mapping[tuple[int, int], Sequence[DefinisiIndikator]] | None = None,
) -> int:
    """Delete the scope's rows this run did not produce: an indicator that left the plan, a
    sasaran that lost its indicators, a year no plan covers any more. A skipped OPD-year
    (`dilewati`) is left alone: its rows are those of its last computation, which deleted
    what it did not produce."""
    indikator: dict[int, set[int]] = {}
    for b in capaian:
        indikator.setdefault(b.tahun, set()).add(b.indikator_id)
    sasaran: dict[int, set[int]] = {}
    opd: dict[int, set[int]] = {}
    for r in rollup:
        if r.node_id is None:
            opd.setdefault(r.tahun, set()).add(r.opd_id)
        else:
            sasaran.setdefault(r.tahun, set()).add(r.node_id)
    lewat: dict[int, set[int]] = {}
    for o, th in dilewati or {}:
        lewat.setdefault(th, set()).add(o)
    dihapus = 0
    for th in sorted(set(indikator) | set(tahun or [])):
        cakupan = [o for o in opd_ids if o not in lewat.get(th, ())]
        if not cakupan:
            continue
        dihapus += HasilCapaian.objects.filter(opd_id__in=cakupan, tahun=th).filter(
            saring_id('"pengukuran_hasilcapaian"."indikator_id"', "indikator_id", indikator.get(th, ()), bukan=True)
        ).delete()[0]
        dihapus += HasilRollup.objects.filter(opd_id__in=cakupan, tahun=th, level=LevelRollup.SASARAN).filter(
            saring_id('"pengukuran_hasilrollup"."kunci"', "kunci", sasaran.get(th, ()), bukan=True)
        ).delete()[0]
        dihapus += HasilRollup.objects.filter(opd_id__in=cakupan, tahun=th, level=LevelRollup.OPD).exclude(
            opd_id__in=opd.get(th, set())
        ).delete()[0]
    return dihapus


def _hapus_yatim() -> int:
    """Rows of an OPD that no longer exists. `HasilCapaian` has no database foreign keys
    (docs/PERFORMANCE.md): ORM deletes cascade, but a recompute batch that committed while its
    OPD was being deleted would leave rows no later recompute visits (it only visits existing
    OPDs); a full recompute removes them. Rows of a deleted indicator need nothing here: the
    deletion changes its OPD-year's fingerprint, so the next recompute computes that OPD-year
    and deletes what it did not produce (`_hapus_usang`).

    The OPD ids present are read by a loose index scan (one index probe per OPD on
    (opd, tahun, triwulan): 0,14 s for 2 M rows, against 0,7 s for DISTINCT and 2 s for an
    anti-join)."""
    tabel = HasilCapaian._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"WITH RECURSIVE t(o) AS (SELECT min(opd_id) FROM {tabel} UNION ALL "
            f"SELECT (SELECT min(opd_id) FROM {tabel} WHERE opd_id > t.o) FROM t WHERE t.o IS NOT NULL) "
            "SELECT o FROM t WHERE o IS NOT NULL"
        )
        ada = {o for (o,) in cur.fetchall()}
    yatim = ada - set(PerangkatDaerah.objects.filter(pk__in=ada).values_list("pk", flat=True))
    return HasilCapaian.objects.filter(opd_id__in=yatim).delete()[0] if yatim else 0


def _potongan_di_proses(
    opd_ids: list[int], tahun: list[int] | None, waktu: datetime, cara: CaraTulis, paksa: bool
) -> HasilRecompute:
    try:
        return _recompute_potongan(opd_ids, tahun, waktu, cara, paksa)
    finally:
        connections.close_all()


def capaian_recompute(
    *,
    pemda: Pemda | None = None,
    opd: PerangkatDaerah | None = None,
    tahun: int | None = None,
    proses: int = 1,
    opd_per_potongan: int = OPD_PER_POTONGAN,
    cara: CaraTulis = CaraTulis.OTOMATIS,
    paksa: bool = False,
) -> HasilRecompute:
    """Rebuild HasilCapaian and HasilRollup for the scope (everything when no filter).

    Set-based: per batch of OPDs, seven reads (`selectors.bahan_hitung`), the engine in
    Python, bulk upserts; each batch is one transaction. Idempotent: running it twice
    writes the same values. `proses` > 1 computes batches in parallel worker processes
    (PostgreSQL only: SQLite serialises writers); it must not be called inside a transaction.

    An OPD-year whose inputs have the fingerprint stored at its last computation, and whose
    rows are all there, is skipped (saves keep results current, so usually most are);
    `paksa=True` computes and writes every OPD-year of the scope.
    """
    mulai = time.perf_counter()
    waktu = timezone.now()
    opd_qs = PerangkatDaerah.objects.all()
    if pemda is not None:
        opd_qs = opd_qs.filter(pemda=pemda)
    if opd is not None:
        opd_qs = opd_qs.filter(pk=opd.pk)
    opd_ids = list(opd_qs.order_by("pk").values_list("pk", flat=True))
    daftar_tahun = None if tahun is None else [tahun]
    potongan = [opd_ids[i : i + opd_per_potongan] for i in range(0, len(opd_ids), opd_per_potongan)]
    hasil = HasilRecompute()
    if pemda is None and opd is None:
        hasil.dihapus += _hapus_yatim()
    if proses > 1 and connection.vendor != "sqlite" and len(potongan) > 1:
        if connection.in_atomic_block:
            raise RuntimeError("capaian_recompute(proses>1) tidak boleh dipanggil di dalam transaksi")
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        connections.close_all()  # each worker opens its own connection after fork
        konteks = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=proses, mp_context=konteks) as pool:
            n = len(potongan)
            for h in pool.map(_potongan_di_proses, potongan, [daftar_tahun] * n, [waktu] * n, [cara] * n, [paksa] * n):
                hasil.tambah(h)
    else:
        for ids in potongan:
            hasil.tambah(_recompute_potongan(ids, daftar_tahun, waktu, cara, paksa))
    hasil.detik = time.perf_counter() - mulai
    return hasil


# --------------------------------------------------------------------------- partial recompute


def _elemen_terdampak(
    definisi: Mapping[str, Formula | None], berubah: set[str], tahun: int, tahun_akhir: int
) -> dict[int, set[str]]:
    """Data elements whose value changes, per year: the changed ones, the derived elements that
    use them (this year), and — through prev() — derived elements of the following years."""
    hasil: dict[int, set[str]] = {}
    kini = set(berubah)
    th = tahun
    while kini and th <= tahun_akhir:
        tambah = True
        while tambah:
            tambah = False
            for kode, f in definisi.items():
                if f is not None and kode not in kini and f.nama_elemen & kini:
                    kini.add(kode)
                    tambah = True
        hasil[th] = kini
        kini = {kode for kode, f in definisi.items() if f is not None and f.nama_elemen_lalu & hasil[th]}
        th += 1
    return hasil


def _indikator_terdampak(
    opd: PerangkatDaerah, elemen_berubah: set[str], tahun: int
) -> dict[int, set[int]]:
    """Indicators (per year) whose formula reads a changed data element this year or, through
    prev(), last year: a change of 2024 data moves 2025's growth indicators."""
    renstra = list(Renstra.objects.filter(opd=opd).values_list("pk", "tahun_awal", "tahun_akhir"))
    tahun_akhir = max((akhir for _, _, akhir in renstra), default=tahun) + 1
    definisi: dict[str, Formula | None] = {}
    for kode, teks in DataElemen.objects.filter(opd=opd).values_list("kode", "formula"):
        try:
            definisi[kode] = formula_dari(teks)
        except ValueError:
            definisi[kode] = None
    per_tahun = _elemen_terdampak(definisi, elemen_berubah, tahun, tahun_akhir)
    formula_ind = [
        (iid, rid, formula_dari(teks))
        for iid, rid, teks in Indikator.objects.filter(renstra__opd=opd)
        .exclude(formula="")
        .values_list("pk", "renstra_id", "formula")
    ]
    hasil: dict[int, set[int]] = {}
    for th in range(tahun, max(per_tahun, default=tahun) + 2):
        rid = pilih_renstra(renstra, th)
        kini, lalu = per_tahun.get(th, set()), per_tahun.get(th - 1, set())
        for iid, r, f in formula_ind:
            if r == rid and f is not None and (f.nama_elemen & kini or f.nama_elemen_lalu & lalu):
                hasil.setdefault(th, set()).add(iid)
    return hasil


def _recompute_sebagian(opd: PerangkatDaerah, per_tahun: Mapping[int, set[int]]) -> None:
    """Recompute some indicators (per year), then the roll-ups they belong to."""
    per_tahun = {th: ids for th, ids in per_tahun.items() if ids}
    if not per_tahun:
        return
    waktu = timezone.now()
    semua = set().union(*per_tahun.values())
    b = bahan_hitung(opd_ids=[opd.pk], tahun=sorted(per_tahun), indikator_ids=semua)[opd.pk]
    objek: list[Baris] = []
    terdampak: dict[int, tuple[set[int], bool]] = {}  # tahun → (sasaran node ids, IKU touched)
    for th, ids in sorted(per_tahun.items()):
        elemen = b.elemen()
        for ind in b.indikator_tahun(th):
            if ind.id not in ids:
                continue
            objek += hitung_indikator(ind, th, b.masukan(ind.id, th), elemen)
            node, iku = terdampak.get(th, (set(), False))
            terdampak[th] = (node | ({ind.node_id} if ind.sasaran else set()), iku or ind.iku)
    _tulis_capaian(objek, waktu)
    for th, (node_ids, iku) in terdampak.items():
        if node_ids or iku:
            _rollup_sebagian(opd, b, th, node_ids, iku, waktu)


def _rollup_sebagian(
    opd: PerangkatDaerah, b: BahanOpd, tahun: int, node_ids: set[int], iku: bool, waktu: datetime
) -> None:
    """Roll-ups of some sasaran (and the OPD) from the stored rows of all their members, in
    the same order as a full recompute, so both give the same text to the last digit."""
    rid = b.renstra_tahun(tahun)
    kondisi = Q(node_id__in=node_ids, node__jenis="sasaran")
    if iku:
        kondisi |= Q(iku=True)
    anggota = [
        Anggota(iid, ref, node_id, jenis == "sasaran", adalah_iku)
        for iid, ref, node_id, jenis, adalah_iku in Indikator.objects.filter(renstra_id=rid)
        .filter(kondisi)
        .order_by("urutan", "pk")
        .values_list("pk", "ref", "node_id", "node__jenis", "iku")
    ]
    peta = {
        (iid, tw): capaian_tersimpan(terukur, eksak, teks, alasan)
        for iid, tw, terukur, eksak, teks, alasan in HasilCapaian.objects.filter(
            indikator_id__in=[a.id for a in anggota], tahun=tahun
        ).values_list("indikator_id", "triwulan", "terukur", "capaian_eksak", "teks", "alasan")
    }
    for a in anggota:
        for tw in (1, 2, 3, 4, TAHUNAN):
            peta.setdefault((a.id, tw), capaian_tersimpan(False, "", "", "capaian belum dihitung"))
    baris = hitung_rollup(opd.pk, tahun, anggota, peta, b.kebijakan, sasaran=node_ids, opd=iku)
    _tulis_rollup(baris, waktu)


# --------------------------------------------------------------------------- saving a quarter


def _teks(nilai: object) -> str:
    if isinstance(nilai, Decimal):
        return format(rapikan(nilai), "f")  # 5, not 5.00000000 read back from the column
    return "" if nilai is None else str(nilai)


def _cek_angka(nilai: Decimal, apa: str) -> None:
    if abs(nilai) >= NILAI_MAKS:
        raise ValidationError(f"{apa} terlalu besar (paling banyak 20 digit sebelum koma).")
    if nilai.quantize(Decimal("1e-8")) != nilai:
        raise ValidationError(f"{apa} paling banyak 8 angka di belakang koma.")


def _cek_triwulan(triwulan: int) -> None:
    if triwulan not in (1, 2, 3, 4):
        raise ValidationError("Triwulan harus 1 sampai 4.")


def _simpan_langsung(
    indikator: Indikator, tahun: int, triwulan: int, nilai: Any, label: Any, oleh: User | None,
    sumber: str, perubahan: dict[str, dict[str, str]],
) -> bool:
    baris = Realisasi.objects.select_for_update().filter(indikator=indikator, tahun=tahun, triwulan=triwulan).first()
    lama_nilai = baris.nilai if baris else None
    lama_label = baris.label if baris else ""
    baru_nilai = lama_nilai if nilai is TIDAK_DIUBAH else nilai
    baru_label = lama_label if label is TIDAK_DIUBAH else (label or "").strip()
    if isinstance(baru_nilai, float):
        raise ValidationError("Nilai realisasi harus Decimal, bukan float.")
    if baru_nilai is not None and not isinstance(baru_nilai, Decimal):
        raise ValidationError("Nilai realisasi harus Decimal.")
    if baru_nilai is not None:
        _cek_angka(baru_nilai, "Nilai realisasi")
    kualitatif = indikator.polaritas == "kualitatif"
    if kualitatif and baru_nilai is not None:
        raise ValidationError("Indikator kualitatif diisi dengan label (mis. WTP), bukan angka.")
    if not kualitatif and baru_label:
        raise ValidationError("Label hanya untuk indikator kualitatif.")
    skala = SKALA_KUALITATIF.get(indikator.skala_kualitatif)
    if baru_label and skala is not None:
        baku = skala.baku(baru_label)
        if baku is None:
            raise ValidationError(f"Label '{baru_label}' tidak ada dalam skala {skala.nama} ({', '.join(skala.label)}).")
        baru_label = baku  # stored as the scale spells it ("wtp" → "WTP")
    berubah = baru_nilai != lama_nilai or baru_label != lama_label
    if not berubah:
        return False
    if baru_nilai is None and not baru_label:
        if baris:
            baris.delete()
    elif baris:
        baris.nilai, baris.label, baris.diisi_oleh, baris.diisi_pada, baris.sumber = (
            baru_nilai, baru_label, oleh, timezone.now(), sumber
        )
        baris.save(update_fields=["nilai", "label", "diisi_oleh", "diisi_pada", "sumber"])
    else:
        Realisasi.objects.create(
            indikator=indikator, tahun=tahun, triwulan=triwulan, nilai=baru_nilai, label=baru_label,
            diisi_oleh=oleh, sumber=sumber,
        )
    if baru_nilai != lama_nilai:
        perubahan["realisasi"] = {"label": "Realisasi", "lama": _teks(lama_nilai), "baru": _teks(baru_nilai)}
    if baru_label != lama_label:
        perubahan["label"] = {"label": "Realisasi (label)", "lama": lama_label, "baru": baru_label}
    return True


def _periksa_data_awal(
    data: Mapping[str, Decimal | None], data_awal: Mapping[str, Decimal | None],
    elemen: Mapping[str, DataElemen], lama: Mapping[int, NilaiDataElemen],
) -> None:
    """A data element is shared by every indicator whose formula reads it, so the form also
    carries the values it showed: one changed meanwhile (through another indicator's form) is a
    conflict, not something to overwrite silently."""
    for kode in data:
        if kode not in data_awal:
            continue
        kini = lama.get(elemen[kode].pk)
        if (kini.nilai if kini else None) == data_awal[kode]:
            continue
        siapa = oleh_siapa(kini.diisi_oleh, kini.diisi_pada) if kini is not None else ""
        raise KonflikVersi(
            f"Data elemen {elemen[kode].nama or kode} telah diubah{siapa} setelah Anda membuka formulir. "
            "Perubahan Anda belum disimpan: periksa nilai terbaru, lalu simpan kembali isian Anda.",
            code="konflik_versi",
        )


def _simpan_data(
    opd: PerangkatDaerah, indikator: Indikator | None, tahun: int, triwulan: int,
    data: Mapping[str, Decimal | None], oleh: User | None, sumber: str, perubahan: dict[str, dict[str, str]],
    data_awal: Mapping[str, Decimal | None] | None = None,
) -> set[str]:
    elemen = {e.kode: e for e in DataElemen.objects.filter(opd=opd, kode__in=list(data))}
    tak_dikenal = sorted(set(data) - set(elemen))
    if tak_dikenal:
        raise ValidationError(f"Data elemen tidak dikenal di OPD ini: {', '.join(tak_dikenal)}.")
    for kode, v in data.items():
        if v is not None and (not isinstance(v, Decimal) or not v.is_finite()):
            raise ValidationError(f"Nilai data elemen {kode} harus Decimal terhingga.")
        if v is not None:
            _cek_angka(v, f"Nilai data elemen {kode}")
    lama = {
        n.data_elemen_id: n
        for n in NilaiDataElemen.objects.select_for_update().filter(
            data_elemen__in=elemen.values(), tahun=tahun, triwulan=triwulan
        )
    }
    if data_awal is not None:
        _periksa_data_awal(data, data_awal, elemen, lama)
    waktu = timezone.now()
    simpan: list[NilaiDataElemen] = []
    hapus: list[int] = []
    berubah: set[str] = set()
    for kode, baru in data.items():
        e = elemen[kode]
        sebelum = lama.get(e.pk)
        nilai_lama = sebelum.nilai if sebelum else None
        if nilai_lama == baru:
            continue
        berubah.add(kode)
        if baru is None:
            hapus.append(sebelum.pk)  # type: ignore[union-attr]
        else:
            simpan.append(NilaiDataElemen(data_elemen=e, tahun=tahun, triwulan=triwulan, nilai=baru,
                                          diisi_oleh=oleh, diisi_pada=waktu, sumber=sumber))
        perubahan[f"data:{kode}"] = {"label": f"Data {e.nama or kode}", "lama": _teks(nilai_lama), "baru": _teks(baru)}
    if simpan:
        NilaiDataElemen.objects.bulk_create(
            simpan, update_conflicts=True, unique_fields=["data_elemen", "tahun", "triwulan"],
            update_fields=["nilai", "diisi_oleh", "diisi_pada", "sumber"],
        )
    if hapus:
        NilaiDataElemen.objects.filter(pk__in=hapus).delete()
    return berubah


def _simpan_narasi(
    indikator: Indikator, tahun: int, triwulan: int, narasi: Mapping[str, str | None], oleh: User | None,
    perubahan: dict[str, dict[str, str]],
) -> None:
    salah = sorted(set(narasi) - set(Narasi.BAGIAN))
    if salah:
        raise ValidationError(f"Bagian narasi tidak dikenal: {', '.join(salah)} (pilih {', '.join(Narasi.BAGIAN)}).")
    baris = Narasi.objects.select_for_update().filter(indikator=indikator, tahun=tahun, triwulan=triwulan).first()
    baris = baris or Narasi(indikator=indikator, tahun=tahun, triwulan=triwulan)
    ubah = []
    for bagian, teks in narasi.items():
        baru, lama = (teks or "").strip(), getattr(baris, bagian)
        if baru != lama:
            setattr(baris, bagian, baru)
            ubah.append(bagian)
            label = Narasi._meta.get_field(bagian).verbose_name
            perubahan[f"narasi:{bagian}"] = {"label": str(label).capitalize(), "lama": lama, "baru": baru}
    if ubah:
        baris.diisi_oleh, baris.diisi_pada = oleh, timezone.now()
        if baris.pk:
            baris.save(update_fields=[*ubah, "diisi_oleh", "diisi_pada"])
        else:
            baris.save()


def _kunci_isian(indikator: Indikator, tahun: int, triwulan: int) -> IsianTriwulan:
    """The indicator-quarter's version row, locked (unsaved, version 0, until the first change)."""
    isian = IsianTriwulan.objects.select_for_update().filter(indikator=indikator, tahun=tahun, triwulan=triwulan).first()
    if isian is None:
        return IsianTriwulan(opd_id=indikator.renstra.opd_id, indikator=indikator, tahun=tahun, triwulan=triwulan)
    isian.indikator = indikator  # already loaded with its plan and OPD
    return isian


def _label_isian(indikator: Indikator, tahun: int, triwulan: int) -> str:
    return f"Realisasi {indikator.ref} {nama_triwulan(tahun, triwulan)} · {indikator.nama}"


def _catat_isian(
    isian: IsianTriwulan, oleh: User | None, perubahan: Mapping[str, Any], *, alasan: str, sumber: str
) -> None:
    """Bump the version and write the audit row, in the save's transaction."""
    baru = isian.pk is None
    versi_naikkan(isian)
    isian.diubah_oleh, isian.diubah_pada = oleh, timezone.now()
    if baru:
        try:
            with transaction.atomic():
                isian.save()
        except IntegrityError as exc:  # another first save of the same quarter won the race
            raise KonflikVersi(
                "Data ini baru saja diisi oleh pengguna lain. Perubahan Anda belum disimpan: muat ulang, "
                "lalu simpan kembali isian Anda.", code="konflik_versi",
            ) from exc
    else:
        isian.save(update_fields=["versi", "diubah_oleh", "diubah_pada"])
    jejak_catat(oleh=oleh, objek=isian, opd=isian.indikator.renstra.opd, aksi=AksiJejak.UBAH,
                perubahan=perubahan, alasan=alasan, sumber=sumber,
                label=_label_isian(isian.indikator, isian.tahun, isian.triwulan))


@transaction.atomic
def realisasi_simpan(
    *,
    indikator: Indikator,
    tahun: int,
    triwulan: int,
    nilai: Decimal | None = TIDAK_DIUBAH,
    data: Mapping[str, Decimal | None] | None = None,
    narasi: Mapping[str, str | None] | None = None,
    oleh: User | None,
    label: str | None = TIDAK_DIUBAH,
    sumber: str = "layar",
    versi: int | str | None = None,
    data_awal: Mapping[str, Decimal | None] | None = None,
    alasan: str = "",
) -> HasilCapaian:
    """Save one quarter of an indicator and recompute what depends on it.

    `triwulan` 1–4, or 0 for the year's value given directly (a year-end source; then only
    `nilai`/`label`). `nilai`: the direct value (None clears it; omitted = unchanged). `label`: a qualitative
    realisation (WTP, BB…). `data`: values of the OPD's data elements for this quarter
    (None clears one). `narasi`: pendukung / penghambat / upaya / analisis. `oleh` must be
    allowed to enter realisation for the OPD (None only for imports and scripts).

    Recomputes only: this indicator's year (quarters and year); indicators whose formula
    reads a changed data element this year, or through prev() next year (growth
    indicators); the sasaran and OPD roll-ups they belong to. Returns the new result of the
    saved quarter (`teks`, `band`, `warna`, `jejak`, …).

    Workflow and audit (docs/algorithms/alur.md): refused while the quarter is submitted or
    approved; once it was ever submitted, a change needs `alasan`. `versi` is the indicator-
    quarter's version the form was opened with and `data_awal` the data element values it
    showed: a save based on a stale read raises `KonflikVersi` and writes nothing (None: no
    check, for imports and scripts). Every change is one `audit.Jejak` row on `IsianTriwulan`.
    """
    if triwulan == TAHUNAN:
        if data or narasi is not None:
            raise ValidationError("Data elemen dan narasi diisi per triwulan (1–4), bukan untuk triwulan 0.")
    else:
        _cek_triwulan(triwulan)
    indikator = Indikator.objects.select_related("renstra__opd__pemda").get(pk=indikator.pk)
    opd = indikator.renstra.opd
    if oleh is not None:
        wajib_boleh(oleh, Aksi.ISI_REALISASI, opd=opd)
    perlu_alasan = periode_periksa_ubah(opd=opd, tahun=tahun, triwulan=triwulan)
    isian = _kunci_isian(indikator, tahun, triwulan)
    versi_periksa(isian, versi)
    perubahan: dict[str, dict[str, str]] = {}
    per_tahun: dict[int, set[int]] = {}
    if nilai is not TIDAK_DIUBAH or label is not TIDAK_DIUBAH:
        if _simpan_langsung(indikator, tahun, triwulan, nilai, label, oleh, sumber, perubahan):
            per_tahun.setdefault(tahun, set()).add(indikator.pk)
    if data:
        berubah = _simpan_data(opd, indikator, tahun, triwulan, data, oleh, sumber, perubahan, data_awal)
        if berubah:
            for th, ids in _indikator_terdampak(opd, berubah, tahun).items():
                per_tahun.setdefault(th, set()).update(ids)
    if narasi is not None:
        _simpan_narasi(indikator, tahun, triwulan, narasi, oleh, perubahan)
    if perubahan:
        _catat_isian(isian, oleh, perubahan, sumber=sumber,
                     alasan=alasan_perubahan(alasan, tahun=tahun, triwulan=triwulan) if perlu_alasan else alasan)
    _recompute_sebagian(opd, per_tahun)
    hasil = HasilCapaian.objects.filter(indikator=indikator, tahun=tahun, triwulan=triwulan).first()
    if hasil is None:
        # Nothing changed and nothing was ever computed: compute this indicator-year now.
        _recompute_sebagian(opd, {tahun: {indikator.pk}})
        hasil = HasilCapaian.objects.filter(indikator=indikator, tahun=tahun, triwulan=triwulan).first()
    if hasil is None:
        raise ValidationError(f"Tahun {tahun} tidak termasuk periode Renstra indikator ini.")
    return hasil


# --------------------------------------------------------------------------- evidence

_URL = URLValidator(schemes=["http", "https"])


def validasi_url(url: str) -> None:
    try:
        _URL(url)
    except ValidationError as exc:
        raise ValidationError(f"Alamat tautan tidak valid: {url!r} (harus diawali http:// atau https://).") from exc


@transaction.atomic
def bukti_tambah(
    *,
    indikator: Indikator,
    tahun: int,
    triwulan: int,
    jenis: str,
    oleh: User | None,
    url: str = "",
    berkas: UploadedFile | None = None,
    keterangan: str = "",
    sumber: str = "layar",
    alasan: str = "",
) -> Bukti:
    """Attach evidence: a link (`tautan`, URL required) or a document (`dokumen`: a PDF, JPG,
    PNG, XLSX or DOCX file of at most 10 MB, or only its description). Refused while the
    quarter is submitted or approved; needs `alasan` once it was ever submitted (alur.md)."""
    _cek_triwulan(triwulan)
    indikator = Indikator.objects.select_related("renstra__opd__pemda").get(pk=indikator.pk)
    opd = indikator.renstra.opd
    if oleh is not None:
        wajib_boleh(oleh, Aksi.ISI_REALISASI, opd=opd)
    if periode_periksa_ubah(opd=opd, tahun=tahun, triwulan=triwulan):
        alasan = alasan_perubahan(alasan, tahun=tahun, triwulan=triwulan)
    if jenis not in JenisBukti.values:
        raise ValidationError(f"Jenis bukti harus {' atau '.join(JenisBukti.values)}.")
    if jenis == JenisBukti.TAUTAN:
        if not url:
            raise ValidationError("Bukti berupa tautan wajib berisi alamat (URL).")
        validasi_url(url)
    if berkas is not None:
        validasi_berkas_bukti(berkas)
    bukti = Bukti(
        opd=opd, indikator=indikator, tahun=tahun, triwulan=triwulan, jenis=jenis, url=url,
        keterangan=keterangan.strip(), diisi_oleh=oleh, sumber=sumber,
        urutan=Bukti.objects.filter(indikator=indikator, tahun=tahun, triwulan=triwulan).count(),
    )
    bukti.clean()
    if berkas is not None:
        bukti.berkas.save(berkas.name, berkas, save=False)
    bukti.save()
    jejak_catat(oleh=oleh, objek=bukti, opd=opd, aksi=AksiJejak.BUAT, alasan=alasan, sumber=sumber,
                perubahan={"bukti": {"label": "Bukti", "lama": "", "baru": _teks_bukti(bukti)}},
                label=f"Bukti {indikator.ref} {nama_triwulan(tahun, triwulan)} · {indikator.nama}")
    return bukti


def _teks_bukti(bukti: Bukti) -> str:
    return " · ".join(t for t in (bukti.keterangan, bukti.url, bukti.berkas.name) if t)


@transaction.atomic
def bukti_hapus(*, bukti: Bukti, oleh: User | None, alasan: str = "") -> None:
    """Remove evidence (the row; the stored file stays for the audit trail, named there)."""
    bukti = Bukti.objects.select_for_update(of=("self",)).select_related("indikator__renstra__opd__pemda").get(pk=bukti.pk)
    opd = bukti.indikator.renstra.opd
    if oleh is not None:
        wajib_boleh(oleh, Aksi.ISI_REALISASI, opd=opd)
    if periode_periksa_ubah(opd=opd, tahun=bukti.tahun, triwulan=bukti.triwulan):
        alasan = alasan_perubahan(alasan, tahun=bukti.tahun, triwulan=bukti.triwulan)
    jejak_catat(oleh=oleh, objek=bukti, opd=opd, aksi=AksiJejak.HAPUS, alasan=alasan,
                perubahan={"bukti": {"label": "Bukti", "lama": _teks_bukti(bukti), "baru": ""}},
                label=f"Bukti {bukti.indikator.ref} {nama_triwulan(bukti.tahun, bukti.triwulan)} · {bukti.indikator.nama}")
    bukti.delete()
