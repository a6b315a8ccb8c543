"""Throughput of the capaian computation on the configured database (docs/PERFORMANCE.md).

1. a full recompute of everything (or of `--pemda`), timed, with indicator-quarters per second;
2. `--ulang` single saves through `realisasi_simpan` (each rolled back afterwards, so the data
   stay as they were): an IKU's direct value (recomputes the indicator, its sasaran and the OPD
   roll-up) and a data element read through prev() by a growth indicator (recomputes the base
   year and the next one). Median and 90th percentile in milliseconds, with query counts.
"""

import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from sakip.organisasi.models import Pemda
from sakip.pengukuran.layanan import CaraTulis, capaian_recompute, realisasi_simpan
from sakip.pengukuran.models import NilaiDataElemen, Realisasi
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
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **opsi: Any) -> None:
        pemda = None
        if opsi["pemda"]:
            pemda = Pemda.objects.filter(slug=opsi["pemda"]).first()
            if pemda is None:
                raise CommandError(f"Pemda '{opsi['pemda']}' tidak dikenal.")
        self.stdout.write(f"Basis data: {connection.vendor} ({connection.settings_dict['NAME']})")
        if not opsi["tanpa_penuh"]:
            cpu = time.process_time()
            h = capaian_recompute(
                pemda=pemda, tahun=opsi["tahun"], proses=opsi["proses"], cara=CaraTulis(opsi["tulis"])
            )
            cpu = time.process_time() - cpu
            self.stdout.write(f"Hitung ulang penuh: {h.ringkasan()}")
            self.stdout.write(
                f"  {h.detik:.2f} detik dengan {opsi['proses']} proses, tulis {opsi['tulis']}, "
                f"CPU proses utama {cpu:.2f} detik "
                f"(jumlah per proses: muat {h.detik_muat:.2f}, hitung {h.detik_hitung:.2f}, "
                f"tulis {h.detik_tulis:.2f}); "
                f"{h.indikator_triwulan / h.detik:,.0f} indikator-triwulan/detik, "
                f"{(h.baris_capaian + h.baris_rollup) / h.detik:,.0f} baris/detik"
            )
        rng = random.Random(opsi["seed"])
        self._simpan_iku(rng, opsi["ulang"])
        self._simpan_elemen(rng, opsi["ulang"])

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
