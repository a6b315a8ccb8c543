from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.kinerja.dokumen.render import pk_konteks, pk_render
from sakip.kinerja.selectors import pk_berlaku, pk_versi_daftar
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
        if options["versi"] is None:
            versi = pk_berlaku(opd=opd, tahun=options["tahun"])
        else:
            versi = pk_versi_daftar(opd=opd, tahun=options["tahun"]).filter(ke=options["versi"]).first()
        if versi is None:
            raise CommandError(f"Tidak ada PK {opd.slug} tahun {options['tahun']} (versi {options['versi']}).")
        _, _, isi = pk_render(pk_konteks(opd=opd, versi=versi))
        tujuan = Path(options["output"])
        tujuan.write_bytes(isi)
        self.stdout.write(f"{versi} → {tujuan} ({len(isi)} byte)")
