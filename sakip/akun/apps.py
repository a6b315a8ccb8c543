from django.apps import AppConfig


class AkunConfig(AppConfig):
    name = "sakip.akun"
    label = "akun"
    verbose_name = "Akun dan Akses"
