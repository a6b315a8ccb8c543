"""Planning pages, mounted at /opd/<opd>/rencana/ (sakip/urls.py); every URL names the OPD."""

from django.urls import path

from . import views, views_excel

app_name = "perencanaan"

urlpatterns = [
    path("", views.PohonView.as_view(), name="pohon"),
    path("pohon-kinerja/", views.DiagramView.as_view(), name="diagram"),
    path("pohon-kinerja.svg", views.DiagramSvgView.as_view(), name="diagram-svg"),
    path("simpul/<int:pk>/ubah/", views.NodeUbahView.as_view(), name="simpul-ubah"),
    path("indikator/<int:pk>/", views.IndikatorView.as_view(), name="indikator"),
    path("indikator/<int:pk>/ubah/", views.IndikatorUbahView.as_view(), name="indikator-ubah"),
    path("indikator/<int:pk>/target/", views.TargetRevisiView.as_view(), name="target-revisi"),
    # The Excel workbook (views_excel.py, built with excel.py): download, and upload back.
    path("unduh/", views_excel.UnduhRencanaView.as_view(), name="unduh"),
    path("unggah/", views_excel.UnggahRencanaView.as_view(), name="unggah"),
]
