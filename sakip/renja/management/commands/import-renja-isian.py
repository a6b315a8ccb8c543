"""`sakip import-renja-isian FILE.xlsx`: read a filled-in evaluation form back (all or nothing; every
error with its cell). Without a user: last writer wins except where the form's `versi` column says
the row changed since the form was written; every change is in the audit trail (source impor:FILE)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.core.impor import ImporGagal
from sakip.renja.excel_evaluasi import isian_impor


class Command(BaseCommand):
    help = "Impor isian evaluasi Renja (.xlsx dari export-renja-isian atau halaman Evaluasi Renja)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("berkas", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        berkas: Path = options["berkas"]
        if not berkas.is_file():
            raise CommandError(f"Berkas {berkas} tidak ada.")
        try:
            opd, tahun, hasil = isian_impor(isi=berkas.read_bytes(), sumber=berkas.name, oleh=None)
        except ImporGagal as exc:
            raise CommandError("Impor dibatalkan, tidak ada yang ditulis:\n" + str(exc)) from exc
        self.stdout.write(f"Evaluasi Renja {opd.slug} {tahun}: {hasil.ringkasan()}")
