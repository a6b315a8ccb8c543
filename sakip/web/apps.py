from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "sakip.web"
    label = "web"
    verbose_name = "Antarmuka Web"
