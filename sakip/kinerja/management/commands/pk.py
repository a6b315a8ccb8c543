from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.kinerja.keluaran import DokumenTidakAda, render_pk
from sakip.organisasi.models import PerangkatDaerah


class Command(BaseCommand):
    help = (
        "Menulis Perjanjian Kinerja satu OPD dan tahun sebagai dokumen Word (pernyataan, tanda "
        "tangan, lampiran target dan anggaran). Bawaan: versi yang berlaku (perubahan terakhir)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("opd", help="slug OPD, mis. babel-disperindag")
        parser.add_argument("tahun", type=int)
        parser.add_argument("-o", "--output", required=True, help="berkas .docx tujuan")
        parser.add_argument("--versi", type=int, default=None, help="ke: 0 = induk, 1 = perubahan kesatu, …")

    def handle(self, *args: Any, **options: Any) -> None:
        opd = PerangkatDaerah.objects.filter(slug=options["opd"]).first()
        if opd is None:
            raise CommandError(f"OPD '{options['opd']}' tidak dikenal.")
        try:
            nama, _, isi = render_pk(opd, options["tahun"], options["versi"])
        except DokumenTidakAda as exc:
            raise CommandError(f"{exc}.") from exc
        tujuan = Path(options["output"])
        tujuan.write_bytes(isi)
        self.stdout.write(f"{nama} → {tujuan} ({len(isi)} byte)")
