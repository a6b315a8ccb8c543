from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "sakip.laporan"
    label = "laporan"
    verbose_name = "Laporan Kinerja (LKjIP)"
