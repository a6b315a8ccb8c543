"""Reading the audit trail: per record and per OPD (always scoped by the caller's OPD)."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from sakip.organisasi.models import PerangkatDaerah

from .models import Jejak


def jejak_objek(objek: models.Model) -> QuerySet[Jejak]:
    jenis = ContentType.objects.get_for_model(objek, for_concrete_model=False)
    return Jejak.objects.filter(jenis=jenis, objek_id=str(objek.pk)).select_related("pengguna")


def jejak_opd(opd: PerangkatDaerah) -> QuerySet[Jejak]:
    return Jejak.objects.filter(opd=opd).select_related("pengguna", "jenis")
