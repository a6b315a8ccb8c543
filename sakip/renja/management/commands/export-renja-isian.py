"""`sakip export-renja-isian <opd-slug> <tahun> FILE.xlsx`: the evaluation inputs of a year as the
Excel form of the Renja evaluation page (pre-filled with what is stored)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.organisasi.models import PerangkatDaerah
from sakip.renja.excel_evaluasi import templat_isian
from sakip.renja.selectors import evaluasi_renja_opd


class Command(BaseCommand):
    help = "Tulis isian evaluasi Renja (realisasi TW I–IV, faktor, tindak lanjut) satu OPD-tahun ke .xlsx."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("opd", help="slug OPD, mis. babel-dkukm")
        parser.add_argument("tahun", type=int)
        parser.add_argument("berkas", type=Path, help="berkas .xlsx")

    def handle(self, *args: Any, **options: Any) -> None:
        opd = PerangkatDaerah.objects.filter(slug=options["opd"]).first()
        if opd is None:
            raise CommandError(f"OPD '{options['opd']}' tidak dikenal.")
        berkas: Path = options["berkas"]
        if berkas.suffix.lower() != ".xlsx":
            raise CommandError("Berkas keluaran harus .xlsx")
        if not evaluasi_renja_opd(opd=opd, tahun=options["tahun"]).exists():
            raise CommandError(f"Belum ada data evaluasi Renja {opd.slug} tahun {options['tahun']}.")
        berkas.write_bytes(templat_isian(opd=opd, tahun=options["tahun"]))
        self.stdout.write(f"Ditulis: {berkas}")
