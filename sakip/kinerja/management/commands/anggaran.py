import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.kinerja.keluaran import anggaran_json, anggaran_teks
from sakip.kinerja.selectors import anggaran_opd_tahun
from sakip.organisasi.models import PerangkatDaerah


class Command(BaseCommand):
    help = (
        "Menampilkan pagu, realisasi, serapan dan efisiensi anggaran satu OPD per program, per "
        "sasaran, per sumber dana dan total. --json: format docs/algorithms/anggaran.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("opd", help="slug OPD, mis. babel-disperindag")
        parser.add_argument("tahun", type=int)
        parser.add_argument("--json", action="store_true", help="keluaran JSON (angka bertitik desimal)")

    def handle(self, *args: Any, **options: Any) -> None:
        opd = PerangkatDaerah.objects.filter(slug=options["opd"]).first()
        if opd is None:
            raise CommandError(f"OPD '{options['opd']}' tidak dikenal.")
        laporan = anggaran_opd_tahun(opd=opd, tahun=options["tahun"])
        if not laporan.baris and not laporan.pendapatan:
            raise CommandError(f"Belum ada data anggaran {opd.slug} tahun {options['tahun']}.")
        if options["json"]:
            self.stdout.write(json.dumps(anggaran_json(laporan), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(anggaran_teks(laporan))
