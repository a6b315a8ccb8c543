"""URLs under /opd/<slug>/alur/ (an OPD's quarters and documents through the workflow)."""

from django.urls import path

from . import views

app_name = "alur_opd"

_TW = "<int:tahun>/tw<int:triwulan>/"
_DOK = "<int:tahun>/dokumen/<slug:jenis>/"

urlpatterns = [
    path("", views.AlurIndeksView.as_view(), name="indeks"),
    path("<int:tahun>/", views.AlurOpdView.as_view(), name="tahun"),
    path(_TW + "ajukan/", views.AjukanView.as_view(), name="ajukan"),
    path(_TW + "verifikasi/", views.VerifikasiView.as_view(), name="verifikasi"),
    path(_TW + "setujui/", views.SetujuiView.as_view(), name="setujui"),
    path(_TW + "kembalikan/", views.KembalikanView.as_view(), name="kembalikan"),
    path(_TW + "buka-kunci/", views.BukaKunciView.as_view(), name="buka-kunci"),
    path(_DOK, views.DokumenUnduhView.as_view(), name="dokumen-unduh"),
    path(_DOK + "finalkan/", views.DokumenFinalkanView.as_view(), name="dokumen-finalkan"),
    path(_DOK + "buka-kunci/", views.DokumenBukaKunciView.as_view(), name="dokumen-buka-kunci"),
]
