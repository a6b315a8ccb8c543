"""`sakip import-lkjip FILE`: the LKjIP content of one OPD and year (docs/formats/lkjip.md).
All or nothing; every error is printed with its place."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.core.impor import ImporGagal, baca_yaml
from sakip.laporan.impor import lkjip_impor


class Command(BaseCommand):
    help = "Impor isi LKjIP (narasi, pegawai, aset, LHE …) dari berkas lkjip-<tahun>.yaml; format docs/formats/lkjip.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("berkas", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        berkas: Path = options["berkas"]
        if not berkas.is_file():
            raise CommandError(f"Berkas {berkas} tidak ada.")
        try:
            hasil = lkjip_impor(data=baca_yaml(berkas), sumber=berkas.name)
        except ImporGagal as exc:
            raise CommandError("Impor dibatalkan, tidak ada yang ditulis:\n" + str(exc)) from exc
        self.stdout.write(hasil.ringkasan())
