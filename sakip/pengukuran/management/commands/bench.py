"""Throughput of the capaian computation on the configured database (docs/PERFORMANCE.md).

1. a full recompute of everything (or of `--pemda`), timed, with indicator-quarters per second;
   `--kosongkan` empties the result tables first (a cold run); `--paksa` recomputes OPD-years
   whose inputs did not change (otherwise skipped by their fingerprint);
   `--skenario` then measures three more: a second full recompute (nothing changed), a full
   recompute after one committed realisation change (undone afterwards), and one OPD-year;
2. `--ulang` single saves through `realisasi_simpan` (each rolled back afterwards, so the data
   stay as they were): an IKU's direct value (recomputes the indicator, its sasaran and the OPD
   roll-up) and a data element read through prev() by a growth indicator (recomputes the base
   year and the next one). Median and 90th percentile in milliseconds, with query counts.
"""

import os
import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from sakip.organisasi.models import Pemda
from sakip.pengukuran.layanan import CaraTulis, HasilRecompute, capaian_recompute, realisasi_simpan
from sakip.pengukuran.models import HasilCapaian, HasilRollup, NilaiDataElemen, Realisasi, SidikHitung
from sakip.perencanaan.models import Indikator


class _Batal(Exception):
    pass


class Command(BaseCommand):
    help = "Mengukur kecepatan hitung ulang capaian dan simpan realisasi (lihat docs/PERFORMANCE.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pemda", help="batasi hitung ulang penuh pada satu Pemda (slug)")
        parser.add_argument("--year", "--tahun", dest="tahun", type=int, help="batasi hitung ulang pada satu tahun")
        parser.add_argument("--proses", type=int, default=1, help="proses paralel hitung ulang (PostgreSQL)")
        parser.add_argument(
            "--tulis", choices=[c.value for c in CaraTulis], default=CaraTulis.OTOMATIS.value,
            help="cara menulis hasil (otomatis: unnest di PostgreSQL, bulk_create di tempat lain)",
        )
        parser.add_argument("--ulang", type=int, default=20, help="jumlah simpan yang diukur per jenis")
        parser.add_argument("--tanpa-penuh", action="store_true", help="lewati hitung ulang penuh")
        parser.add_argument("--kosongkan", action="store_true", help="kosongkan tabel hasil lebih dulu (dingin)")
        parser.add_argument(
            "--paksa", "--force", dest="paksa", action="store_true",
            help="hitung ulang juga OPD-tahun yang masukannya tidak berubah",
        )
        parser.add_argument(
            "--skenario", action="store_true",
            help="ukur juga: hitung ulang tanpa perubahan, setelah satu perubahan realisasi, satu OPD-tahun",
        )
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **opsi: Any) -> None:
        pemda = None
        if opsi["pemda"]:
            pemda = Pemda.objects.filter(slug=opsi["pemda"]).first()
            if pemda is None:
                raise CommandError(f"Pemda '{opsi['pemda']}' tidak dikenal.")
        self.stdout.write(f"Basis data: {connection.vendor} ({connection.settings_dict['NAME']})")
        if opsi["kosongkan"]:
            self._kosongkan()
        if not opsi["tanpa_penuh"]:
            def penuh(paksa: bool = opsi["paksa"]) -> HasilRecompute:
                return capaian_recompute(
                    pemda=pemda, tahun=opsi["tahun"], proses=opsi["proses"], cara=CaraTulis(opsi["tulis"]),
                    paksa=paksa,
                )

            self._lapor("Hitung ulang penuh", penuh, opsi)
            if opsi["skenario"]:
                self._lapor("Hitung ulang penuh, tanpa perubahan", lambda: penuh(False), opsi)
                r = (
                    Realisasi.objects.filter(indikator__iku=True, nilai__isnull=False, tahun=opsi["tahun"] or 2025)
                    .filter(**({"indikator__renstra__opd__pemda": pemda} if pemda else {}))
                    .select_related("indikator").order_by("pk").first()
                )
                if r is not None:
                    realisasi_simpan(indikator=r.indikator, tahun=r.tahun, triwulan=r.triwulan,
                                     nilai=r.nilai + Decimal(1), oleh=None, sumber="bench")
                    self._lapor("Hitung ulang penuh, setelah satu perubahan realisasi", lambda: penuh(False), opsi)
                    realisasi_simpan(indikator=r.indikator, tahun=r.tahun, triwulan=r.triwulan,
                                     nilai=r.nilai, oleh=None, sumber="bench")
                    penuh(False)  # back to the stored fingerprint of the original value
                    opd = r.indikator.renstra.opd
                    self._lapor(
                        f"Satu OPD-tahun ({opd.slug} {r.tahun}, dipaksa)",
                        lambda: capaian_recompute(opd=opd, tahun=r.tahun, paksa=True, cara=CaraTulis(opsi["tulis"])),
                        opsi,
                    )
        rng = random.Random(opsi["seed"])
        self._simpan_iku(rng, opsi["ulang"])
        self._simpan_elemen(rng, opsi["ulang"])

    def _kosongkan(self) -> None:
        if connection.vendor == "postgresql":
            tabel = ", ".join(m._meta.db_table for m in (HasilCapaian, HasilRollup, SidikHitung))
            with connection.cursor() as c:
                c.execute(f"TRUNCATE {tabel}")
        else:
            for m in (HasilCapaian, HasilRollup, SidikHitung):
                m.objects.all().delete()
        self.stdout.write("Tabel hasil dikosongkan.")

    def _lapor(self, label: str, jalan: Callable[[], HasilRecompute], opsi: dict[str, Any]) -> None:
        cpu = time.process_time()
        server = _cpu_postgres()
        h = jalan()
        cpu = time.process_time() - cpu
        server = _cpu_postgres() - server if server is not None else None
        cpu_server = f", server PostgreSQL {server:.2f}" if server is not None else ""
        self.stdout.write(f"{label}: {h.ringkasan()}")
        self.stdout.write(
            f"  {h.detik:.2f} detik dengan {opsi['proses']} proses, tulis {opsi['tulis']}, "
            f"CPU proses utama {cpu:.2f} detik "
            f"(jumlah per proses: muat {h.detik_muat:.2f}, periksa sidik {h.detik_periksa:.2f}, "
            f"hitung {h.detik_hitung:.2f}, tulis {h.detik_tulis:.2f}; "
            f"CPU detik: proses hitung {h.detik_cpu:.2f}{cpu_server}); "
            f"{(h.indikator_triwulan + 4 * h.indikator_tahun_dilewati) / h.detik:,.0f} indikator-triwulan/detik"
        )

    def _ukur(self, label: str, kerja: list[Callable[[], object]]) -> None:
        if not kerja:
            self.stdout.write(f"{label}: tidak ada data yang cocok")
            return
        waktu, kueri = [], []
        for k in kerja:
            try:
                with transaction.atomic():
                    with CaptureQueriesContext(connection) as q:
                        mulai = time.perf_counter()
                        k()
                        waktu.append((time.perf_counter() - mulai) * 1000)
                    kueri.append(len(q))
                    raise _Batal  # roll back: the data stay as they were
            except _Batal:
                pass
        waktu.sort()
        p90 = waktu[min(len(waktu) - 1, int(len(waktu) * 0.9))]
        self.stdout.write(
            f"{label}: median {statistics.median(waktu):.1f} ms, p90 {p90:.1f} ms, "
            f"maks {waktu[-1]:.1f} ms, {statistics.median(kueri):.0f} kueri (n={len(waktu)})"
        )

    def _simpan_iku(self, rng: random.Random, n: int) -> None:
        baris = list(
            Realisasi.objects.filter(indikator__iku=True, triwulan=4, nilai__isnull=False)
            .select_related("indikator")
            .order_by("pk")[: n * 20]
        )
        pilih = rng.sample(baris, min(n, len(baris)))
        kerja: list[Callable[[], object]] = [
            (lambda r=r: realisasi_simpan(
                indikator=r.indikator, tahun=r.tahun, triwulan=4, nilai=r.nilai + Decimal(1), oleh=None
            ))
            for r in pilih
        ]
        self._ukur("Simpan realisasi IKU (indikator + sasaran + OPD)", kerja)

    def _simpan_elemen(self, rng: random.Random, n: int) -> None:
        # A base-year value of an element a growth indicator reads through prev().
        baris = list(
            NilaiDataElemen.objects.filter(data_elemen__formula="", triwulan=4)
            .select_related("data_elemen")
            .order_by("tahun", "pk")[: n * 20]
        )
        pilih = rng.sample(baris, min(n, len(baris)))
        kerja: list[Callable[[], object]] = []
        for nde in pilih:
            ind = (
                Indikator.objects.filter(renstra__opd_id=nde.data_elemen.opd_id, formula__contains=nde.data_elemen.kode)
                .order_by("pk")
                .first()
            )
            if ind is None:
                continue
            kerja.append(
                lambda nde=nde, ind=ind: realisasi_simpan(
                    indikator=ind, tahun=nde.tahun, triwulan=4,
                    data={nde.data_elemen.kode: nde.nilai + Decimal(7)}, oleh=None,
                )
            )
        self._ukur("Simpan data elemen (rumus, termasuk prev() tahun berikutnya)", kerja)


def _cpu_postgres() -> float | None:
    """CPU seconds used so far by every PostgreSQL process of this machine (backends, WAL
    writer, checkpointer), from /proc: the database's share of a run when it runs locally, as
    here. None where /proc or the server are not there."""
    if connection.vendor != "postgresql" or not Path("/proc").is_dir():
        return None
    detik = 0.0
    tik = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            teks = stat.read_text()
        except OSError:
            continue  # the process ended meanwhile
        nama, _, sisa = teks.partition(") ")
        if not nama.endswith("(postgres"):
            continue
        kolom = sisa.split()
        # utime, stime, cutime, cstime (fields 14–17): the postmaster's children times hold the
        # backends that ended during the run (each batch closes its connection).
        detik += sum(int(k) for k in kolom[11:15]) / tik
    return detik if detik else None
