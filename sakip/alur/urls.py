"""URLs under /alur/ (the user's own inbox: what waits for me, what was returned to me; the
Pemda's entry windows)."""

from django.urls import path

from . import views

app_name = "alur"

urlpatterns = [
    path("", views.KotakMasukView.as_view(), name="kotak-masuk"),
    path("jendela/", views.JendelaView.as_view(), name="jendela"),
]
