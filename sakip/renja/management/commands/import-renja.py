"""`sakip import-renja FILE`: a Renja (.yaml or the .xlsx of `export-renja`) or a Renja evaluation
(`renja-evaluasi-*.yaml`). All or nothing; every error is printed with its place (key path or cell)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.core.impor import ImporGagal, baca_yaml
from sakip.renja.excel import workbook_ke_dokumen
from sakip.renja.impor import evaluasi_renja_impor, renja_impor


class Command(BaseCommand):
    help = "Impor Renja (.yaml/.xlsx) atau evaluasi Renja (renja-evaluasi-*.yaml); format docs/formats/renja.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("berkas", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        berkas: Path = options["berkas"]
        if not berkas.is_file():
            raise CommandError(f"Berkas {berkas} tidak ada.")
        try:
            if berkas.suffix.lower() == ".xlsx":
                data = workbook_ke_dokumen(berkas.read_bytes(), sumber=berkas.name)
                hasil = renja_impor(data=data, sumber=berkas.name)
            elif berkas.name.startswith("renja-evaluasi"):
                hasil = evaluasi_renja_impor(data=baca_yaml(berkas), sumber=berkas.name)
            else:
                hasil = renja_impor(data=baca_yaml(berkas), sumber=berkas.name)
        except ImporGagal as exc:
            raise CommandError("Impor dibatalkan, tidak ada yang ditulis:\n" + str(exc)) from exc
        self.stdout.write(hasil.ringkasan())
