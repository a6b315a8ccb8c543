"""Response time of the dashboards on the configured database (docs/PERFORMANCE.md, "Dasbor").

Times, through Django's test client (the whole request: middleware, permission, selectors,
templates), the Pemda dashboard of one Pemda (every OPD), the OPD dashboard of its largest OPD
and that OPD's first IKU page: one cold request, then `--ulang` warm ones; median, 90th
percentile, maximum, queries and response size. `--siapkan` first gives the synthetic OPDs
(`sakip synth`, which writes no budget) a budget line per program, and creates the reading
account the requests run as.
"""

import random
import statistics
import time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client, override_settings
from django.urls import reverse

from sakip.akun.models import Keanggotaan, Peran, User
from sakip.kinerja.models import BelanjaAnggaran
from sakip.organisasi.models import Pemda, PerangkatDaerah
from sakip.perencanaan.models import Indikator, JenisNode, Node

PENGGUNA = "bench-dasbor"


class Command(BaseCommand):
    help = "Mengukur waktu tampil dasbor Pemda, dasbor OPD dan halaman indikator (lihat docs/PERFORMANCE.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pemda", help="slug Pemda (bawaan: Pemda dengan OPD terbanyak)")
        parser.add_argument("--tahun", type=int, default=2025)
        parser.add_argument("--triwulan", type=int, default=0, help="0 = tahunan")
        parser.add_argument("--ulang", type=int, default=20, help="permintaan hangat per halaman")
        parser.add_argument("--siapkan", action="store_true",
                            help="buat anggaran sintetis (OPD synth-* tanpa anggaran) dan akun pembaca")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **opsi: Any) -> None:
        pemda = self._pemda(opsi["pemda"])
        if opsi["siapkan"]:
            self._siapkan(opsi["tahun"], random.Random(opsi["seed"]))
        user = User.objects.filter(username=PENGGUNA).first()
        if user is None:
            raise CommandError(f"Akun '{PENGGUNA}' belum ada: jalankan dengan --siapkan.")
        Keanggotaan.objects.get_or_create(user=user, peran=Peran.PEMBACA, pemda=pemda, opd=None)
        opd = (PerangkatDaerah.objects.filter(pemda=pemda)
               .annotate(n=Count("renstra__indikator")).order_by("-n", "pk").first())
        if opd is None:
            raise CommandError(f"Pemda '{pemda.slug}' tidak punya OPD.")
        iku = Indikator.objects.filter(renstra__opd=opd, iku=True).order_by("pk").first()
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        client = Client()
        client.force_login(user)
        periode = f"?tahun={opsi['tahun']}&tw={opsi['triwulan']}"
        halaman = [
            (f"dasbor Pemda ({pemda.opd.count()} OPD)", reverse("pemda", args=[pemda.slug]) + periode),
            (f"dasbor OPD ({Indikator.objects.filter(renstra__opd=opd).count()} indikator)",
             reverse("opd", args=[opd.slug]) + periode),
        ]
        if iku is not None:
            halaman.append(("halaman indikator (IKU)",
                            reverse("perencanaan:indikator", args=[opd.slug, iku.pk]) + f"?tahun={opsi['tahun']}"))
        self.stdout.write(f"Basis data: {connection.vendor} ({connection.settings_dict['NAME']}); "
                          f"DEBUG={settings.DEBUG}; Pemda {pemda.slug}, OPD {opd.slug}")
        # Static URLs without the manifest `collectstatic` writes in production (a dict lookup
        # either way), so the command runs on a checkout with DEBUG=0.
        statis = {**settings.STORAGES, "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
        with override_settings(STORAGES=statis):
            for nama, url in halaman:
                self._ukur(client, nama, url, opsi["ulang"])

    def _pemda(self, slug: str | None) -> Pemda:
        if slug:
            pemda = Pemda.objects.filter(slug=slug).first()
            if pemda is None:
                raise CommandError(f"Pemda '{slug}' tidak dikenal.")
            return pemda
        pemda = Pemda.objects.annotate(n=Count("opd")).order_by("-n", "pk").first()
        if pemda is None:
            raise CommandError("Belum ada Pemda: jalankan `sakip synth` atau `sakip load-demo` dahulu.")
        return pemda

    def _ukur(self, client: Client, nama: str, url: str, ulang: int) -> None:
        kueri: list[str] = []

        def hitung(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            # Counted at execution: Django empties `connection.queries` at every request start.
            kueri.append(sql)
            return execute(sql, params, many, context)

        mulai = time.perf_counter()
        with connection.execute_wrapper(hitung):
            respons = client.get(url, secure=True)
        dingin = (time.perf_counter() - mulai) * 1000
        if respons.status_code != 200:
            raise CommandError(f"{nama}: {url} menjawab {respons.status_code}")
        waktu = []
        for _ in range(ulang):
            mulai = time.perf_counter()
            client.get(url, secure=True)
            waktu.append((time.perf_counter() - mulai) * 1000)
        waktu.sort()
        p90 = waktu[min(len(waktu) - 1, int(len(waktu) * 0.9))] if waktu else dingin
        median = statistics.median(waktu) if waktu else dingin
        maks = waktu[-1] if waktu else dingin
        self.stdout.write(
            f"{nama}: dingin {dingin:.0f} ms; median {median:.0f} ms, p90 {p90:.0f} ms, maks {maks:.0f} ms "
            f"({ulang}×); {len(kueri)} kueri, {len(respons.content) // 1024} KB"
        )

    @transaction.atomic
    def _siapkan(self, tahun: int, rng: random.Random) -> None:
        user, _ = User.objects.get_or_create(username=PENGGUNA, defaults={"nama": "Pengukur dasbor"})
        sudah = set(BelanjaAnggaran.objects.filter(tahun=tahun).values_list("opd_id", flat=True).distinct())
        baris = []
        for opd_id, node_id in (
            Node.objects.filter(jenis=JenisNode.PROGRAM, renstra__opd__pemda__slug__startswith="synth-")
            .exclude(renstra__opd_id__in=sudah).values_list("renstra__opd_id", "pk")
        ):
            pagu = Decimal(rng.randint(50_000, 5_000_000) * 1000)
            # About one OPD line in ten without realisation yet: the "not measurable" path.
            realisasi = None if rng.random() < 0.1 else (pagu * Decimal(rng.randint(55, 100)) / 100).quantize(Decimal(1))
            baris.append(BelanjaAnggaran(opd_id=opd_id, tahun=tahun, node_id=node_id, sumber="APBD",
                                         pagu_sesudah=pagu, realisasi=realisasi))
        BelanjaAnggaran.objects.bulk_create(baris, batch_size=5000)
        self.stdout.write(f"Disiapkan: {len(baris)} baris anggaran sintetis, akun {user.username}.")
