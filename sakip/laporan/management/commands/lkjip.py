from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.laporan.dokumen.pdf import PdfGagal
from sakip.laporan.dokumen.pdf_latar import lkjip_docx, lkjip_pdf_langsung
from sakip.laporan.dokumen.render import TEMPLATE, render_lkjip
from sakip.organisasi.models import PerangkatDaerah


class Command(BaseCommand):
    help = (
        "Menulis Laporan Kinerja (LKjIP) lengkap satu OPD dan tahun sebagai dokumen Word atau PDF "
        "(struktur PermenPAN-RB 53/2014; template menurut pengaturan Pemda). PDF diambil dari "
        "simpanan bila dokumen Word-nya tidak berubah."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("opd", help="slug OPD, mis. babel-disperindag")
        parser.add_argument("tahun", type=int)
        parser.add_argument("--format", choices=("docx", "pdf"), default="docx")
        parser.add_argument("-o", "--output", required=True, help="berkas tujuan (.docx / .pdf)")
        parser.add_argument("--template", choices=TEMPLATE, default=None,
                            help="timpa template Pemda (default, babel, ntt)")
        parser.add_argument("--tanpa-simpanan", action="store_true",
                            help="PDF: selalu jalankan LibreOffice; simpanan PDF tidak dibaca dan tidak ditulis")

    def handle(self, *args: Any, **options: Any) -> None:
        opd = PerangkatDaerah.objects.select_related("pemda").filter(slug=options["opd"]).first()
        if opd is None:
            raise CommandError(f"OPD '{options['opd']}' tidak dikenal.")
        keterangan = ""
        try:
            if options["format"] == "pdf":
                nama, isi, tersimpan = lkjip_pdf_langsung(opd=opd, tahun=options["tahun"],
                                                          template=options["template"],
                                                          pakai_tembolok=not options["tanpa_simpanan"])
                keterangan = ", dari simpanan" if tersimpan else ""
            elif options["template"] is None:
                docx = lkjip_docx(opd=opd, tahun=options["tahun"])  # the frozen file once final
                nama, isi = docx.nama, docx.isi
            else:
                nama, _, isi = render_lkjip(opd, options["tahun"], template=options["template"])
        except (PdfGagal, ValidationError) as exc:
            raise CommandError(str(exc.messages[0] if isinstance(exc, ValidationError) else exc)) from exc
        tujuan = Path(options["output"])
        tujuan.write_bytes(isi)
        self.stdout.write(f"{nama} → {tujuan} ({len(isi)} byte{keterangan})")
