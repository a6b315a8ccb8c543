"""URLs under /opd/<slug>/laporan/ (the OPD slug reaches every view as `opd`)."""

from django.urls import path

from . import views, views_dokumen, views_periksa

app_name = "laporan"

urlpatterns: list = [
    # LKjIP content (engineer "konten"; docs/laporan.md)
    path("", views.DaftarView.as_view(), name="daftar"),
    path("<int:tahun>/", views.KontenView.as_view(), name="konten"),
    path("<int:tahun>/narasi/<slug:kunci>/", views.NarasiUbahView.as_view(), name="narasi-ubah"),
    path("<int:tahun>/lhe/", views.LHEView.as_view(), name="lhe"),
    path("<int:tahun>/lhe/ubah/", views.LHEUbahView.as_view(), name="lhe-ubah"),
    path("<int:tahun>/lhe/rekomendasi/baru/", views.RekomendasiView.as_view(), name="rekomendasi-baru"),
    path("<int:tahun>/lhe/rekomendasi/<int:pk>/", views.RekomendasiView.as_view(), name="rekomendasi-ubah"),
    path("<int:tahun>/lhe/rekomendasi/<int:pk>/hapus/", views.RekomendasiHapusView.as_view(),
         name="rekomendasi-hapus"),
    path("<int:tahun>/lhe/templat.xlsx", views.TemplatLHEView.as_view(), name="lhe-templat"),
    path("<int:tahun>/lhe/unggah/", views.UnggahLHEView.as_view(), name="lhe-unggah"),
    # Consistency check of the OPD-year (engineer "periksa"; docs/algorithms/periksa.md)
    path("<int:tahun>/periksa/", views_periksa.PeriksaView.as_view(), name="periksa"),
    # The full LKjIP as Word / PDF (engineer "dokumen"; docs/laporan-dokumen.md)
    path("<int:tahun>/unduh/<str:format>/", views_dokumen.UnduhLkjipView.as_view(), name="lkjip-unduh"),
    # … its PDF made in the background: the waiting page (polled) and the finished file
    path("<int:tahun>/pdf/<str:sha>/", views_dokumen.LkjipPdfView.as_view(), name="lkjip-pdf"),
    path("<int:tahun>/pdf/<str:sha>/berkas/", views_dokumen.LkjipPdfBerkasView.as_view(), name="lkjip-pdf-berkas"),
]
