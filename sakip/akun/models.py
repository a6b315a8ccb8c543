"""Users and their memberships: a role in one OPD, or across a Pemda."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from sakip.organisasi.models import Pemda, PerangkatDaerah


class User(AbstractUser):
    nama = models.CharField(max_length=200, blank=True)
    nip = models.CharField("NIP", max_length=18, blank=True)

    class Meta:
        verbose_name = "Pengguna"
        verbose_name_plural = "Pengguna"

    def __str__(self) -> str:
        return self.nama or self.username

    def get_full_name(self) -> str:
        # `nama` is the one name Sakip stores (imports and the admin fill it, not first/last
        # name); the workflow, the audit trail and conflict messages ask for get_full_name().
        return self.nama or super().get_full_name()


class Peran(models.TextChoices):
    OPERATOR = "operator", "Operator OPD"
    KEPALA = "kepala", "Kepala OPD"
    VERIFIKATOR = "verifikator", "Verifikator (Bappeda/Biro Organisasi)"
    INSPEKTORAT = "inspektorat", "Inspektorat"
    ADMIN = "admin", "Admin Pemda"
    PEMBACA = "pembaca", "Pembaca (hanya lihat)"


# Roles that belong to one OPD; the others act across the whole Pemda.
PERAN_OPD = frozenset({Peran.OPERATOR, Peran.KEPALA})
PERAN_PEMDA = frozenset({Peran.VERIFIKATOR, Peran.INSPEKTORAT, Peran.ADMIN})


class Keanggotaan(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="keanggotaan")
    peran = models.CharField(max_length=16, choices=Peran.choices)
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="keanggotaan")
    opd = models.ForeignKey(
        PerangkatDaerah,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="keanggotaan",
        help_text="Kosong = berlaku untuk seluruh Pemda",
    )

    class Meta:
        verbose_name_plural = "Keanggotaan"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "peran", "pemda", "opd"], name="keanggotaan_unik"
            ),
            models.CheckConstraint(
                condition=~Q(peran__in=sorted(p.value for p in PERAN_OPD)) | Q(opd__isnull=False),
                name="peran_opd_wajib_opd",
            ),
            models.CheckConstraint(
                condition=~Q(peran__in=sorted(p.value for p in PERAN_PEMDA)) | Q(opd__isnull=True),
                name="peran_pemda_tanpa_opd",
            ),
        ]

    def __str__(self) -> str:
        lingkup = self.opd.nama if self.opd_id and self.opd else self.pemda.nama
        return f"{self.get_peran_display()} — {lingkup}"
