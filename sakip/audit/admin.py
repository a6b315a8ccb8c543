from django.contrib import admin

from .models import Jejak


@admin.register(Jejak)
class JejakAdmin(admin.ModelAdmin):
    list_display = ["waktu", "pengguna", "opd", "aksi", "objek_label", "alasan"]
    list_filter = ["aksi", "pemda"]
    search_fields = ["objek_label", "alasan"]
    readonly_fields = [f.name for f in Jejak._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
