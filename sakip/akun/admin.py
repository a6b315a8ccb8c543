from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Keanggotaan, User


class KeanggotaanInline(admin.TabularInline):
    model = Keanggotaan
    extra = 0


@admin.register(User)
class PenggunaAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Sakip", {"fields": ("nama", "nip")}))  # type: ignore[misc]
    inlines = [KeanggotaanInline]
