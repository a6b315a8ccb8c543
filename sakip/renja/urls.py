"""URLs under /opd/<slug>/renja/ (the OPD slug reaches every view as `opd`).

The year (and quarter) are query parameters (`?tahun=2022&tw=2`), as the Renstra period is on
the planning pages: one page per kind of table, the year chosen on it.
"""

from django.urls import path

from . import views

app_name = "renja"

urlpatterns = [
    path("", views.RenjaView.as_view(), name="renja"),
    path("unduh/", views.RenjaUnduhView.as_view(), name="renja-unduh"),
    path("evaluasi/", views.EvaluasiView.as_view(), name="evaluasi"),
    path("evaluasi/siapkan/", views.SiapkanView.as_view(), name="evaluasi-siapkan"),
    path("evaluasi/unduh/", views.EvaluasiUnduhView.as_view(), name="evaluasi-unduh"),
    path("evaluasi/isi/", views.IsiView.as_view(), name="evaluasi-isi"),
    path("evaluasi/templat/", views.TemplatView.as_view(), name="evaluasi-templat"),
    path("evaluasi/unggah/", views.UnggahView.as_view(), name="evaluasi-unggah"),
]
