from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.kinerja.keluaran import DokumenTidakAda, render_rencana_aksi
from sakip.organisasi.models import PerangkatDaerah


class Command(BaseCommand):
    help = (
        "Menulis Rencana Aksi satu OPD dan tahun sebagai dokumen Word (tabel sasaran strategis, "
        "program, kegiatan/sub kegiatan dengan target TW 1–4 dan penanggung jawab)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("opd", help="slug OPD, mis. kab-dpkukmp")
        parser.add_argument("tahun", type=int)
        parser.add_argument("-o", "--output", required=True, help="berkas .docx tujuan")

    def handle(self, *args: Any, **options: Any) -> None:
        opd = PerangkatDaerah.objects.filter(slug=options["opd"]).first()
        if opd is None:
            raise CommandError(f"OPD '{options['opd']}' tidak dikenal.")
        try:
            nama, _, isi = render_rencana_aksi(opd, options["tahun"])
        except DokumenTidakAda as exc:
            raise CommandError(f"{exc}.") from exc
        tujuan = Path(options["output"])
        tujuan.write_bytes(isi)
        self.stdout.write(f"{nama} → {tujuan} ({len(isi)} byte)")
