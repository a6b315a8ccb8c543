"""`sakip export-renja <opd-slug> <tahun> FILE`: the Renja rows as .xlsx or .yaml, which
`sakip import-renja FILE` reads back unchanged."""

from pathlib import Path
from typing import Any

import yaml
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.organisasi.models import PerangkatDaerah
from sakip.renja.excel import dokumen_ke_workbook, renja_dokumen


class Command(BaseCommand):
    help = "Ekspor baris Renja satu OPD satu tahun ke .xlsx atau .yaml (dapat diimpor kembali)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("opd")
        parser.add_argument("tahun", type=int)
        parser.add_argument("berkas", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        opd = PerangkatDaerah.objects.filter(slug=options["opd"]).first()
        if opd is None:
            raise CommandError(f"OPD '{options['opd']}' tidak dikenal.")
        dokumen = renja_dokumen(opd=opd, tahun=options["tahun"])
        if not dokumen["baris"]:
            raise CommandError(f"Belum ada Renja {opd.slug} tahun {options['tahun']}.")
        berkas: Path = options["berkas"]
        akhiran = berkas.suffix.lower()
        if akhiran == ".xlsx":
            berkas.write_bytes(dokumen_ke_workbook(dokumen))
        elif akhiran in (".yaml", ".yml"):
            teks = yaml.safe_dump(dokumen, allow_unicode=True, sort_keys=False)
            berkas.write_text(f"# Renja Sakip; format: docs/formats/renja.md\n{teks}", encoding="utf-8")
        else:
            raise CommandError("Berkas tujuan harus .xlsx, .yaml atau .yml")
        self.stdout.write(f"Ditulis: {berkas} ({len(dokumen['baris'])} baris)")
