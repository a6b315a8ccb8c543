from pathlib import Path

from django.apps import AppConfig


def _impor_renja(path: Path, opsi: object) -> str:
    from sakip.core.impor import baca_yaml

    from .impor import renja_impor

    return renja_impor(data=baca_yaml(path), sumber=f"{path.parent.name}/{path.name}").ringkasan()


def _impor_evaluasi(path: Path, opsi: object) -> str:
    from sakip.core.impor import baca_yaml

    from .impor import evaluasi_renja_impor

    hasil = evaluasi_renja_impor(data=baca_yaml(path), sumber=f"{path.parent.name}/{path.name}")
    return hasil.ringkasan()


class RenjaConfig(AppConfig):
    name = "sakip.renja"
    label = "renja"
    verbose_name = "Renja dan evaluasinya"

    def ready(self) -> None:
        from sakip.akun.izin import Aksi
        from sakip.core.demo import LangkahDemo, daftarkan_langkah
        from sakip.web.navigasi import EntriMenu, daftarkan_menu

        # After the plan (40): every row refers to a node and an indicator of the Renstra.
        daftarkan_langkah(LangkahDemo(70, "renja", "*/renja-[0-9]*.yaml", _impor_renja))
        daftarkan_langkah(
            LangkahDemo(72, "renja-evaluasi", "*/renja-evaluasi-*.yaml", _impor_evaluasi)
        )
        # After the Renstra (10); the evaluation page is reached from the Renja page.
        daftarkan_menu(EntriMenu(40, "Renja", "renja:renja", "opd", Aksi.LIHAT))
        daftarkan_menu(EntriMenu(41, "Evaluasi Renja", "renja:evaluasi", "opd", Aksi.LIHAT))
