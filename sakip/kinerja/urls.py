"""URLs under /opd/<slug>/kinerja/ (the OPD slug reaches every view as `opd`; the year is ?tahun=)."""

from django.urls import path

from . import views, views_excel

app_name = "kinerja"

urlpatterns = [
    path("pk/", views.PKView.as_view(), name="pk"),
    path("pk/banding/", views.PKBandingView.as_view(), name="pk-banding"),
    path("pk/perubahan/", views.PKPerubahanView.as_view(), name="pk-perubahan"),
    path("pk/unduh.docx", views.PKDocxView.as_view(), name="pk-docx"),
    path("pk/unduh.xlsx", views_excel.PKExcelView.as_view(), name="pk-excel"),
    path("pk/unggah/", views_excel.PKUnggahView.as_view(), name="pk-unggah"),
    path("rencana-aksi/", views.RencanaAksiView.as_view(), name="rencana-aksi"),
    path("rencana-aksi/unduh.docx", views.RencanaAksiDocxView.as_view(), name="rencana-aksi-docx"),
    path("rencana-aksi/unduh.xlsx", views_excel.RencanaAksiExcelView.as_view(), name="rencana-aksi-excel"),
    path("rencana-aksi/unggah/", views_excel.RencanaAksiUnggahView.as_view(), name="rencana-aksi-unggah"),
    path("anggaran/", views.AnggaranView.as_view(), name="anggaran"),
    path("anggaran/unduh.xlsx", views_excel.AnggaranExcelView.as_view(), name="anggaran-excel"),
    path("anggaran/unggah/", views_excel.AnggaranUnggahView.as_view(), name="anggaran-unggah"),
    path("anggaran/belanja/<int:pk>/ubah/", views.BelanjaUbahView.as_view(), name="belanja-ubah"),
]
