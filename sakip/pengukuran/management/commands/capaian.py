import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.organisasi.models import PerangkatDaerah
from sakip.pengukuran.keluaran import capaian_json, capaian_teks
from sakip.pengukuran.selectors import capaian_opd_tahun


class Command(BaseCommand):
    help = (
        "Menampilkan target, realisasi, capaian, kategori dan perhitungan setiap indikator satu OPD "
        "untuk satu tahun (atau triwulan), beserta capaian sasaran dan OPD. --json: format "
        "docs/formats/capaian-json.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("opd", help="slug OPD, mis. babel-disperindag")
        parser.add_argument("tahun", type=int)
        parser.add_argument("--tw", type=int, choices=[1, 2, 3, 4], default=None, help="triwulan 1–4")
        parser.add_argument("--json", action="store_true", help="keluaran JSON (angka bertitik desimal)")

    def handle(self, *args: Any, **options: Any) -> None:
        opd = PerangkatDaerah.objects.select_related("pemda").filter(slug=options["opd"]).first()
        if opd is None:
            raise CommandError(f"OPD '{options['opd']}' tidak dikenal.")
        laporan = capaian_opd_tahun(opd=opd, tahun=options["tahun"], triwulan=options["tw"])
        if options["json"]:
            self.stdout.write(json.dumps(capaian_json(laporan), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(capaian_teks(laporan))
