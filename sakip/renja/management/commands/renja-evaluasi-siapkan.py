"""`sakip renja-evaluasi-siapkan <opd-slug> <tahun>`: create the evaluation rows of a year from its
Renja (the lines that have none yet; existing rows are never changed). Without a user, as every
CLI writer; audited with source `perintah`. Rules: docs/algorithms/renja-evaluasi.md."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.organisasi.models import PerangkatDaerah
from sakip.renja.layanan import evaluasi_renja_siapkan


class Command(BaseCommand):
    help = "Siapkan tabel evaluasi Renja satu OPD satu tahun dari Renja tahun itu (baris yang belum ada)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("opd")
        parser.add_argument("tahun", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        opd = PerangkatDaerah.objects.select_related("pemda").filter(slug=options["opd"]).first()
        if opd is None:
            raise CommandError(f"OPD '{options['opd']}' tidak dikenal.")
        tahun: int = options["tahun"]
        try:
            hasil = evaluasi_renja_siapkan(opd=opd, tahun=tahun, oleh=None, sumber="perintah")
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Evaluasi Renja {opd.slug} {tahun}: {hasil.ringkasan()}")
        for nama in hasil.target_kosong:
            self.stdout.write(f"  target Renja bukan angka (kolom 7 K kosong): {nama}")
