from pathlib import Path

from django.apps import AppConfig


def _impor_realisasi(path: Path, opsi: object) -> str:
    from sakip.core.impor import baca_yaml

    from .impor import realisasi_impor

    hasil = realisasi_impor(data=baca_yaml(path), sumber=f"{path.parent.name}/{path.name}")
    return hasil.ringkasan()


class PengukuranConfig(AppConfig):
    name = "sakip.pengukuran"
    label = "pengukuran"
    verbose_name = "Pengukuran kinerja"

    def ready(self) -> None:
        from sakip.akun.izin import Aksi
        from sakip.core.demo import LangkahDemo, daftarkan_langkah
        from sakip.web.navigasi import EntriMenu, daftarkan_menu

        daftarkan_menu(EntriMenu(20, "Realisasi", "pengukuran:indeks", "opd", Aksi.LIHAT))

        # After the plans (40). The loader sorts the paths, so each OPD's files come in year
        # order (realisasi-2024 before realisasi-2025); the importer also recomputes the next
        # year, so a file loaded out of order still leaves prev() indicators correct.
        daftarkan_langkah(LangkahDemo(50, "realisasi", "*/realisasi-*.yaml", _impor_realisasi))
