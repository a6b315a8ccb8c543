from collections.abc import Callable
from pathlib import Path

from django.apps import AppConfig


def _impor(nama: str) -> Callable[[Path, object], str]:
    def impor(path: Path, opsi: object) -> str:
        from sakip.core.impor import baca_yaml

        from . import impor as modul

        fungsi = getattr(modul, nama)
        return fungsi(data=baca_yaml(path), sumber=f"{path.parent.name}/{path.name}").ringkasan()

    return impor


class KinerjaConfig(AppConfig):
    name = "sakip.kinerja"
    label = "kinerja"
    verbose_name = "Perjanjian Kinerja dan Anggaran"

    def ready(self) -> None:
        from sakip.akun.izin import Aksi
        from sakip.core.demo import LangkahDemo, daftarkan_langkah
        from sakip.web.navigasi import EntriMenu, daftarkan_menu

        daftarkan_menu(EntriMenu(35, "Perjanjian Kinerja", "kinerja:pk", "opd", Aksi.LIHAT))
        daftarkan_menu(EntriMenu(36, "Rencana Aksi", "kinerja:rencana-aksi", "opd", Aksi.LIHAT))
        daftarkan_menu(EntriMenu(37, "Anggaran", "kinerja:anggaran", "opd", Aksi.LIHAT))

        # After the plans (40) and realisation (50): every file refers to nodes and indicators.
        daftarkan_langkah(LangkahDemo(60, "pk", "*/pk-*.yaml", _impor("pk_impor")))
        daftarkan_langkah(LangkahDemo(62, "rencana-aksi", "*/rencana-aksi-*.yaml", _impor("rencana_aksi_impor")))
        daftarkan_langkah(LangkahDemo(64, "anggaran", "*/anggaran-*.yaml", _impor("anggaran_impor")))
