"""URLs under /opd/<slug>/alur/ (an OPD's quarters and documents through the workflow)."""

from django.urls import path  # noqa: F401

app_name = "alur_opd"

urlpatterns: list = []
