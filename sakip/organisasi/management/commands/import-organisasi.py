from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.core.impor import ImporGagal
from sakip.organisasi.impor import organisasi_impor_berkas


class Command(BaseCommand):
    help = "Impor pemda.yaml atau <opd>/opd.yaml (format: docs/formats/organisasi.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("berkas", type=Path, nargs="+")
        parser.add_argument("--password", default=None,
                            help="kata sandi awal pengguna baru (tanpa ini: tidak bisa masuk)")

    def handle(self, *args: Any, **options: Any) -> None:
        for path in options["berkas"]:
            if not path.is_file():
                raise CommandError(f"Berkas tidak ditemukan: {path}")
            try:
                hasil = organisasi_impor_berkas(path=path, password_demo=options["password"])
            except ImporGagal as exc:
                raise CommandError(f"Impor {path} gagal, tidak ada yang disimpan:\n{exc}") from exc
            self.stdout.write(self.style.SUCCESS(f"{path}: {hasil}"))
