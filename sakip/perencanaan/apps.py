from pathlib import Path

from django.apps import AppConfig


def _impor_renstra(path: Path, opsi: object) -> str:
    from sakip.core.impor import baca_yaml

    from .impor import rencana_impor

    hasil = rencana_impor(data=baca_yaml(path), sumber=f"{path.parent.name}/{path.name}")
    return hasil.ringkasan()


class PerencanaanConfig(AppConfig):
    name = "sakip.perencanaan"
    label = "perencanaan"
    verbose_name = "Perencanaan"

    def ready(self) -> None:
        from sakip.akun.izin import Aksi
        from sakip.core.demo import LangkahDemo, daftarkan_langkah
        from sakip.web.navigasi import EntriMenu, daftarkan_menu

        daftarkan_langkah(LangkahDemo(40, "renstra", "*/renstra.yaml", _impor_renstra))
        daftarkan_menu(EntriMenu(10, "Rencana Strategis", "perencanaan:pohon", "opd", Aksi.LIHAT))
