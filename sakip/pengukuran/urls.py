"""URLs under /opd/<slug>/realisasi/ (the OPD slug reaches every view as `opd`)."""

from django.urls import path  # noqa: F401

app_name = "pengukuran"

urlpatterns: list = []
