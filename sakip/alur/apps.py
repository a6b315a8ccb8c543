from django.apps import AppConfig


class AlurConfig(AppConfig):
    name = "sakip.alur"
    label = "alur"
    verbose_name = "Alur Pengajuan dan Persetujuan"
