from django.apps import AppConfig


class AlurConfig(AppConfig):
    name = "sakip.alur"
    label = "alur"
    verbose_name = "Alur Pengajuan dan Persetujuan"

    def ready(self) -> None:
        from sakip.akun.izin import Aksi
        from sakip.web.navigasi import EntriMenu, daftarkan_menu

        from .dokumen import daftarkan_dokumen, render_pk

        # The LKjIP renderer is registered by its own app (jenis "lkjip").
        daftarkan_dokumen("pk", render_pk, label="Perjanjian Kinerja")
        daftarkan_menu(EntriMenu(30, "Status & persetujuan", "alur_opd:indeks", "opd", Aksi.LIHAT))
