"""`sakip import-plan FILE`: a whole plan from its workbook (.xlsx) or its YAML file."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.core.impor import ImporGagal, baca_yaml
from sakip.perencanaan.excel import workbook_ke_dokumen
from sakip.perencanaan.impor import rencana_impor


def _dokumen(path: Path) -> Mapping[str, Any]:
    akhiran = path.suffix.lower()
    if akhiran == ".xlsx":
        return workbook_ke_dokumen(path.read_bytes(), sumber=path.name)
    if akhiran in {".yaml", ".yml"}:
        return baca_yaml(path)
    raise CommandError(f"{path}: hanya .xlsx, .yaml atau .yml yang dapat diimpor")


class Command(BaseCommand):
    help = (
        "Impor rencana (Renstra dan cascade-nya) dari buku kerja .xlsx atau berkas .yaml "
        "(format: docs/formats/rencana.md). Semua-atau-tidak-sama-sekali."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("berkas", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["berkas"]
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        try:
            hasil = rencana_impor(data=_dokumen(path), sumber=path.name)
        except ImporGagal as exc:
            raise CommandError(
                f"Impor {path} gagal, tidak ada yang disimpan ({len(exc.kesalahan)} kesalahan):\n{exc}"
            ) from exc
        self.stdout.write(self.style.SUCCESS(f"{path}: {hasil.ringkasan()}"))
        for peringatan in hasil.peringatan:
            self.stdout.write(self.style.WARNING(f"  peringatan: {peringatan}"))
