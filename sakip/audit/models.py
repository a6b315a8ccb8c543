"""The audit trail: one row per change of anything an agency is accountable for.

Plans, targets, realisations, budgets, PK, narratives and workflow steps all write here through
`sakip.audit.layanan.jejak_catat`, in the same transaction as the change itself, so nothing can
change without a trace (issue 7). Rows are never updated or deleted by the application.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from sakip.organisasi.models import Pemda, PerangkatDaerah


class AksiJejak(models.TextChoices):
    BUAT = "buat", "Dibuat"
    UBAH = "ubah", "Diubah"
    HAPUS = "hapus", "Dihapus"
    IMPOR = "impor", "Diimpor"
    STATUS = "status", "Status berubah"
    BUKA_KUNCI = "buka_kunci", "Kunci dibuka"


class Jejak(models.Model):
    """Who changed what, when, old → new, and why."""

    waktu = models.DateTimeField(default=timezone.now)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Denormalised scope, so "everything that changed in this OPD" is one indexed query.
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    jenis = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    objek_id = models.CharField(max_length=64)
    objek_label = models.CharField(max_length=300)
    aksi = models.CharField(max_length=16, choices=AksiJejak.choices)
    # {"field": {"label": "Target", "lama": "22,15", "baru": "22,30"}, …} — values as text so
    # Decimals keep every digit and the row stays readable whatever the model becomes later.
    perubahan = models.JSONField(default=dict, blank=True)
    alasan = models.TextField(blank=True)
    sumber = models.CharField(max_length=100, blank=True, help_text="layar, impor:<berkas>, perintah")

    class Meta:
        verbose_name = "jejak audit"
        verbose_name_plural = "jejak audit"
        ordering = ["-waktu", "-pk"]
        indexes = [
            models.Index(fields=["jenis", "objek_id"], name="jejak_objek"),
            models.Index(fields=["opd", "-waktu"], name="jejak_opd_waktu"),
            models.Index(fields=["pemda", "-waktu"], name="jejak_pemda_waktu"),
        ]

    def __str__(self) -> str:
        return f"{self.get_aksi_display()} {self.objek_label}"
