from django.contrib import admin

from .models import KepalaDaerah, Pejabat, Pemda, PerangkatDaerah, UnitKerja

admin.site.register([Pemda, KepalaDaerah, PerangkatDaerah, UnitKerja, Pejabat])
