from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from sakip.core.demo import OpsiDemo, langkah_demo
from sakip.core.impor import ImporGagal

from . import PASSWORD_DEMO


class Command(BaseCommand):
    help = "Memuat data demo (folder demo/) melalui kode impor yang sama dengan pengguna."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=None, help="folder data demo")
        parser.add_argument(
            "--password", default=PASSWORD_DEMO, help="kata sandi pengguna demo yang baru"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["dir"] or settings.SAKIP_DEMO_DIR
        if not folder.is_dir():
            raise CommandError(f"Folder data demo tidak ditemukan: {folder}")
        opsi = OpsiDemo(password=options["password"])
        try:
            with transaction.atomic():
                for langkah in langkah_demo():
                    for path in sorted(folder.glob(langkah.pola)):
                        ringkas = langkah.impor(path, opsi)
                        rel = path.relative_to(folder)
                        self.stdout.write(f"  {langkah.nama:<14} {rel}: {ringkas}")
        except ImporGagal as exc:
            raise CommandError(f"Impor demo gagal, tidak ada yang disimpan:\n{exc}") from exc
        self.stdout.write(self.style.SUCCESS("Data demo dimuat."))
