from pathlib import Path

from django.apps import AppConfig


def _impor_lkjip(path: Path, opsi: object) -> str:
    from sakip.core.impor import baca_yaml

    from .impor import lkjip_impor

    return lkjip_impor(data=baca_yaml(path), sumber=f"{path.parent.name}/{path.name}").ringkasan()


class LaporanConfig(AppConfig):
    name = "sakip.laporan"
    label = "laporan"
    verbose_name = "Laporan Kinerja (LKjIP)"

    def ready(self) -> None:
        from sakip.akun.izin import Aksi
        from sakip.core.demo import LangkahDemo, daftarkan_langkah
        from sakip.web.navigasi import EntriMenu, daftarkan_menu

        # Needs only the organisation (its units); after the PK and budget so the report's own
        # content comes last, as the report is written last.
        daftarkan_langkah(LangkahDemo(80, "lkjip", "*/lkjip-*.yaml", _impor_lkjip))
        daftarkan_menu(EntriMenu(50, "Laporan Kinerja", "laporan:daftar", "opd", Aksi.LIHAT))

        from sakip.alur.dokumen import daftarkan_dokumen

        from .dokumen.render import render_lkjip

        # Made final in the workflow as the Word document (the editable original; its PDF is a
        # rendering of it), frozen with its SHA-256.
        daftarkan_dokumen("lkjip", render_lkjip, label="Laporan Kinerja (LKjIP)")
