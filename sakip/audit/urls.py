"""URLs under /audit/ (the trail of one record, the trail of an OPD)."""

from django.urls import path  # noqa: F401

app_name = "audit"

urlpatterns: list = []
