"""URLs under /alur/ (the user's own inbox: what waits for me, what was returned to me)."""

from django.urls import path  # noqa: F401

app_name = "alur"

urlpatterns: list = []
