from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Administrasi Sakip"
admin.site.site_title = "Sakip"

urlpatterns = [
    path("", include("sakip.web.urls")),
    path("opd/<slug:opd>/rencana/", include("sakip.perencanaan.urls")),
    path("opd/<slug:opd>/realisasi/", include("sakip.pengukuran.urls")),
    path("opd/<slug:opd>/kinerja/", include("sakip.kinerja.urls")),
    path("opd/<slug:opd>/renja/", include("sakip.renja.urls")),
    path("opd/<slug:opd>/laporan/", include("sakip.laporan.urls")),
    path("opd/<slug:opd>/alur/", include("sakip.alur.urls_opd")),
    path("alur/", include("sakip.alur.urls")),
    path("audit/", include("sakip.audit.urls")),
    path("akun/", include("sakip.akun.urls")),
    path("admin/", admin.site.urls),
]

# MEDIA_ROOT (evidence, frozen documents, cached PDFs) is never served as files, not even with
# DEBUG: every file goes out through a view that checks the user's permission for its OPD.
