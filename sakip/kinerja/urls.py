"""URLs under /opd/<slug>/kinerja/ (the OPD slug reaches every view as `opd`)."""

from django.urls import path  # noqa: F401

app_name = "kinerja"

urlpatterns: list = []
