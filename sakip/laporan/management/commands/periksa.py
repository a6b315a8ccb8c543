import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.laporan.pemeriksaan import hasil_json, hasil_teks, periksa_opd
from sakip.organisasi.models import PerangkatDaerah


class Command(BaseCommand):
    # Named "periksa" to stay clear of Django's own `check`.
    help = (
        "Memeriksa konsistensi data satu OPD dan tahun (PK, target, realisasi, bukti, anggaran, "
        "narasi) dan menampilkan setiap temuan dengan lokasi dan cara memperbaikinya. Kode keluar 1 "
        "bila ada galat. --json: format sakip-periksa/1 (docs/algorithms/periksa.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("opd", help="slug OPD, mis. babel-disperindag")
        parser.add_argument("tahun", type=int)
        parser.add_argument("--json", action="store_true", help="keluaran JSON (angka bertitik desimal)")

    def handle(self, *args: Any, **options: Any) -> None:
        opd = PerangkatDaerah.objects.select_related("pemda").filter(slug=options["opd"]).first()
        if opd is None:
            raise CommandError(f"OPD '{options['opd']}' tidak dikenal.")
        hasil = periksa_opd(opd=opd, tahun=options["tahun"])
        if options["json"]:
            self.stdout.write(json.dumps(hasil_json(hasil), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(hasil_teks(hasil))
        if hasil.galat:
            raise SystemExit(1)
