"""`sakip export-plan <opd-slug> FILE`: a whole plan as its workbook (.xlsx) or YAML file.

Both carry the document `rencana_dokumen` gives, so `sakip import-plan FILE` reads either back
unchanged, into the same database or an empty one.
"""

from pathlib import Path
from typing import Any

import yaml
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.organisasi.models import PerangkatDaerah
from sakip.perencanaan.ekspor import rencana_dokumen
from sakip.perencanaan.excel import dokumen_ke_workbook
from sakip.perencanaan.models import Renstra
from sakip.perencanaan.selectors import renstra_opd


def _renstra(slug: str, tahun_awal: int | None) -> Renstra:
    opd = PerangkatDaerah.objects.filter(slug=slug).first()
    if opd is None:
        raise CommandError(f"OPD {slug!r} tidak dikenal")
    daftar = renstra_opd(opd=opd)
    if tahun_awal is not None:
        daftar = daftar.filter(tahun_awal=tahun_awal)
    renstra = daftar.first()
    if renstra is None:
        periode = f" mulai {tahun_awal}" if tahun_awal is not None else ""
        raise CommandError(f"{opd.nama} belum mempunyai Renstra{periode}")
    return renstra


def _isi(dokumen: dict[str, Any], akhiran: str) -> bytes:
    if akhiran == ".xlsx":
        return dokumen_ke_workbook(dokumen)
    # Dates come out ISO (YAML's own date form); keys keep the document's order.
    teks = yaml.safe_dump(dokumen, allow_unicode=True, sort_keys=False)
    return f"# Rencana Sakip; format: docs/formats/rencana.md\n{teks}".encode()


class Command(BaseCommand):
    help = "Ekspor rencana (Renstra dan cascade-nya) sebuah OPD ke buku kerja .xlsx atau berkas .yaml."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("opd", help="slug OPD")
        parser.add_argument("berkas", type=Path, help="nama berkas tujuan: .xlsx, .yaml atau .yml")
        parser.add_argument("--tahun-awal", type=int, default=None,
                            help="Renstra yang dimulai tahun ini (bawaan: Renstra terbaru)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["berkas"]
        akhiran = path.suffix.lower()
        if akhiran not in {".xlsx", ".yaml", ".yml"}:
            raise CommandError(f"{path}: pilih akhiran .xlsx, .yaml atau .yml")
        renstra = _renstra(options["opd"], options["tahun_awal"])
        path.write_bytes(_isi(rencana_dokumen(renstra=renstra), akhiran))
        self.stdout.write(self.style.SUCCESS(f"{renstra} → {path}"))
