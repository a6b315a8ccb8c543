"""URLs under /audit/ (the trail of one record, the trail of an OPD)."""

from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("opd/<slug:opd>/", views.JejakOpdView.as_view(), name="opd"),
    # jenis = "app_label.model" of the record (e.g. perencanaan.indikator); objek_id as stored.
    path("objek/<str:jenis>/<str:objek_id>/", views.JejakObjekView.as_view(), name="objek"),
]
