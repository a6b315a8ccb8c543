"""`sakip renja-eval <opd-slug> <tahun> [--tw N] [--json] [-o FILE.xlsx|FILE.docx]`.

The Renja evaluation table as text, JSON, an Excel workbook (all columns, numbers as numbers) or
a Word document (the seed's printed columns, numbers as Indonesian text).
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.organisasi.models import PerangkatDaerah
from sakip.renja.dokumen import evaluasi_docx
from sakip.renja.keluaran import judul, tabel_json, tabel_teks, tabel_xlsx
from sakip.renja.selectors import evaluasi_renja_opd, tabel_evaluasi


class Command(BaseCommand):
    help = (
        "Tabel evaluasi hasil Renja (Permendagri 86/2017, renja-2024 Tabel 2.1) satu OPD: teks, "
        "JSON, atau buku kerja .xlsx. Rumus: docs/algorithms/renja-evaluasi.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("opd", help="slug OPD, mis. babel-dkukm")
        parser.add_argument("tahun", type=int, help="tahun Renja yang dievaluasi")
        parser.add_argument("--tw", type=int, default=4, choices=[1, 2, 3, 4],
                            help="realisasi sampai triwulan ini (bawaan 4)")
        parser.add_argument("--json", action="store_true", help="keluaran JSON (angka bertitik desimal)")
        parser.add_argument("-o", "--output", type=Path, default=None, help="tulis ke berkas .xlsx atau .docx")

    def handle(self, *args: Any, **options: Any) -> None:
        opd = PerangkatDaerah.objects.filter(slug=options["opd"]).first()
        if opd is None:
            raise CommandError(f"OPD '{options['opd']}' tidak dikenal.")
        tahun = options["tahun"]
        if not evaluasi_renja_opd(opd=opd, tahun=tahun).exists():
            raise CommandError(f"Belum ada data evaluasi Renja {opd.slug} tahun {tahun}.")
        tabel = tabel_evaluasi(opd=opd, tahun=tahun, sampai_tw=options["tw"])
        teks_judul = judul(nama_opd=opd.nama, tahun=tahun, sampai_tw=options["tw"])
        berkas: Path | None = options["output"]
        if berkas is not None:
            akhiran = berkas.suffix.lower()
            if akhiran == ".xlsx":
                berkas.write_bytes(tabel_xlsx(tabel, judul_tabel=teks_judul))
            elif akhiran == ".docx":
                berkas.write_bytes(evaluasi_docx(tabel, judul_tabel=teks_judul))
            else:
                raise CommandError("Berkas keluaran harus .xlsx atau .docx")
            self.stdout.write(f"Ditulis: {berkas}")
        elif options["json"]:
            self.stdout.write(json.dumps(tabel_json(tabel), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(tabel_teks(tabel, judul_tabel=teks_judul))
