from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.organisasi.models import Pemda, PerangkatDaerah
from sakip.pengukuran.layanan import CaraTulis, capaian_recompute


class Command(BaseCommand):
    help = "Menghitung ulang capaian (HasilCapaian, HasilRollup) untuk Pemda / OPD / tahun, atau semuanya."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pemda", help="slug Pemda")
        parser.add_argument("--opd", help="slug OPD")
        parser.add_argument("--year", "--tahun", dest="tahun", type=int, help="tahun; kosong = semua tahun")
        parser.add_argument(
            "--proses", type=int, default=1,
            help="jumlah proses paralel (PostgreSQL; SQLite selalu 1)",
        )
        parser.add_argument(
            "--tulis", choices=[c.value for c in CaraTulis], default=CaraTulis.OTOMATIS.value,
            help="cara menulis hasil (otomatis: unnest di PostgreSQL, bulk_create di tempat lain)",
        )
        parser.add_argument(
            "--paksa", "--force", dest="paksa", action="store_true",
            help="hitung ulang semua OPD-tahun, juga yang masukannya tidak berubah sejak hitungan terakhir",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        pemda = opd = None
        if options["pemda"]:
            pemda = Pemda.objects.filter(slug=options["pemda"]).first()
            if pemda is None:
                raise CommandError(f"Pemda '{options['pemda']}' tidak dikenal.")
        if options["opd"]:
            opd = PerangkatDaerah.objects.filter(slug=options["opd"]).first()
            if opd is None:
                raise CommandError(f"OPD '{options['opd']}' tidak dikenal.")
        hasil = capaian_recompute(
            pemda=pemda, opd=opd, tahun=options["tahun"], proses=options["proses"], cara=CaraTulis(options["tulis"]),
            paksa=options["paksa"],
        )
        self.stdout.write(hasil.ringkasan())
        per_detik = hasil.indikator_triwulan / hasil.detik if hasil.detik else 0
        self.stdout.write(
            f"{hasil.detik:.2f} detik (muat {hasil.detik_muat:.2f}, periksa sidik {hasil.detik_periksa:.2f}, "
            f"hitung {hasil.detik_hitung:.2f}, "
            f"tulis {hasil.detik_tulis:.2f}); {per_detik:,.0f} indikator-triwulan/detik"
        )
