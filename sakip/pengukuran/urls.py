"""URLs under /opd/<slug>/realisasi/ (the OPD slug reaches every view as `opd`)."""

from django.urls import path

from . import views

app_name = "pengukuran"

urlpatterns = [
    path("", views.IndeksView.as_view(), name="indeks"),
    path("<int:tahun>/tw<int:triwulan>/", views.IsianView.as_view(), name="isian"),
    path("<int:tahun>/tw<int:triwulan>/<int:indikator>/", views.SimpanBarisView.as_view(), name="simpan"),
    path("<int:tahun>/tw<int:triwulan>/<int:indikator>/bukti/", views.BuktiTambahView.as_view(), name="bukti-tambah"),
    path("bukti/<int:pk>/", views.BuktiUnduhView.as_view(), name="bukti-unduh"),
    path("bukti/<int:pk>/hapus/", views.BuktiHapusView.as_view(), name="bukti-hapus"),
]
