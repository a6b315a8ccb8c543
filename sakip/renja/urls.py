"""URLs under /opd/<slug>/renja/ (the OPD slug reaches every view as `opd`)."""

from django.urls import path  # noqa: F401

app_name = "renja"

urlpatterns: list = []
