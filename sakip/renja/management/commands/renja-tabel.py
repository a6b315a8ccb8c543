"""`sakip renja-tabel <opd-slug> <tahun> [-o FILE.docx]`: the Renja table (Bab IV) with its money
rolled up to kegiatan and program (docs/algorithms/renja-evaluasi.md, "The Renja table")."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.organisasi.models import PerangkatDaerah
from sakip.renja.dokumen import renja_docx
from sakip.renja.keluaran import teks_angka
from sakip.renja.selectors import baris_renja_opd, tabel_renja


class Command(BaseCommand):
    help = "Tabel Renja (program, kegiatan, sub kegiatan, target, pagu indikatif, prakiraan maju) satu OPD."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("opd", help="slug OPD, mis. babel-dkukm")
        parser.add_argument("tahun", type=int)
        parser.add_argument("-o", "--output", type=Path, default=None, help="tulis ke berkas .docx")

    def handle(self, *args: Any, **options: Any) -> None:
        opd = PerangkatDaerah.objects.filter(slug=options["opd"]).first()
        if opd is None:
            raise CommandError(f"OPD '{options['opd']}' tidak dikenal.")
        tahun = options["tahun"]
        if not baris_renja_opd(opd=opd, tahun=tahun).exists():
            raise CommandError(f"Belum ada Renja {opd.slug} tahun {tahun}.")
        tabel = tabel_renja(opd=opd, tahun=tahun)
        judul = f"Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun {tahun} — {opd.nama}"
        berkas: Path | None = options["output"]
        if berkas is not None:
            if berkas.suffix.lower() != ".docx":
                raise CommandError("Berkas keluaran harus .docx")
            berkas.write_bytes(renja_docx(tabel, judul_tabel=judul))
            self.stdout.write(f"Ditulis: {berkas}")
            return
        self.stdout.write(judul + "\n")
        for b in tabel.baris:
            m = b.masukan
            pagu = teks_angka(b.pagu_indikatif) if b.pertama else ""
            self.stdout.write(f"{m.kode or '-':<18} {m.uraian:<60} {m.nama_indikator:<50} "
                              f"{m.target or '-':>8} {m.satuan or '-':<10} {pagu:>16}")
        self.stdout.write(f"{'Jumlah':<80} {teks_angka(tabel.total_pagu_indikatif):>16}")
