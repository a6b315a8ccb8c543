"""URLs under /opd/<slug>/laporan/ (the OPD slug reaches every view as `opd`)."""

from django.urls import path  # noqa: F401

app_name = "laporan"

urlpatterns: list = []
