"""Reads of the organisation, scoped by the caller's OPD or Pemda."""

from datetime import date

from django.db.models import Q, QuerySet

from .models import KepalaDaerah, Pejabat, Pemda, PerangkatDaerah


def _berlaku_pada(tanggal: date) -> Q:
    return (Q(mulai__isnull=True) | Q(mulai__lte=tanggal)) & (
        Q(selesai__isnull=True) | Q(selesai__gte=tanggal)
    )


def pejabat_kepala_pada(*, opd: PerangkatDaerah, tanggal: date) -> Pejabat | None:
    """The head of the OPD on a date: the signer a document of that date must show."""
    return (
        Pejabat.objects.filter(opd=opd, unit__isnull=True)
        .filter(_berlaku_pada(tanggal))
        .order_by("-mulai")
        .first()
    )


def kepala_daerah_pada(*, pemda: Pemda, tanggal: date) -> KepalaDaerah | None:
    return (
        KepalaDaerah.objects.filter(pemda=pemda).filter(_berlaku_pada(tanggal)).order_by("-mulai").first()
    )


def pejabat_opd(*, opd: PerangkatDaerah) -> QuerySet[Pejabat]:
    return Pejabat.objects.filter(opd=opd).select_related("unit").order_by("unit__nama", "-mulai")
