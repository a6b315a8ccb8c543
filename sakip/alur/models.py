"""The workflow: who submitted, verified and approved an OPD's quarter or yearly document.

- `StatusTriwulan` — one row per OPD × year × quarter (created on first use; no row = draf);
- `JendelaIsian` — the entry window of a year-quarter, set by the Pemda admin;
- `DokumenTahunan` — the PK / LKjIP of an OPD-year: draf, or final with its frozen file.

States, who may move them and what a state locks: docs/algorithms/alur.md.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from sakip.organisasi.models import Pemda, PerangkatDaerah


class StatusAlur(models.TextChoices):
    DRAF = "draf", "Draf"
    DIAJUKAN = "diajukan", "Diajukan"
    DIVERIFIKASI = "diverifikasi", "Diverifikasi"
    DISETUJUI = "disetujui", "Disetujui"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"


# States in which the operator may enter data (dikembalikan is a draf with a note to read).
STATUS_TERBUKA = frozenset({StatusAlur.DRAF, StatusAlur.DIKEMBALIKAN})


def _oleh(nama: str) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=nama,
    )


class StatusTriwulan(models.Model):
    """Where an OPD's quarter is in the workflow. Each step keeps its last actor and time."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16, choices=StatusAlur.choices, default=StatusAlur.DRAF)
    # Once submitted, every later change of the quarter's data needs a reason (alur.md §3); the
    # first submission also decides whether the quarter was late (§4).
    pertama_diajukan_pada = models.DateTimeField(null=True, blank=True)
    diajukan_oleh = _oleh("diajukan oleh")
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    diverifikasi_oleh = _oleh("diverifikasi oleh")
    diverifikasi_pada = models.DateTimeField(null=True, blank=True)
    disetujui_oleh = _oleh("disetujui oleh")
    disetujui_pada = models.DateTimeField(null=True, blank=True)
    dikembalikan_oleh = _oleh("dikembalikan oleh")
    dikembalikan_pada = models.DateTimeField(null=True, blank=True)
    catatan = models.TextField(blank=True, help_text="Catatan pengembalian / alasan buka kunci terakhir")
    diubah_pada = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "status triwulan"
        verbose_name_plural = "status triwulan"
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "triwulan"], name="status_triwulan_unik"),
            models.CheckConstraint(condition=Q(triwulan__gte=1, triwulan__lte=4), name="status_triwulan_1_4"),
        ]
        indexes = [models.Index(fields=["status", "opd"], name="status_triwulan_status")]

    def __str__(self) -> str:
        return f"{self.opd} {self.tahun} TW {self.triwulan}: {self.get_status_display()}"

    @property
    def terbuka(self) -> bool:
        return self.status in STATUS_TERBUKA

    @property
    def pernah_diajukan(self) -> bool:
        return self.pertama_diajukan_pada is not None


class JendelaIsian(models.Model):
    """When operators are expected to enter a quarter: from `dibuka` to `ditutup` (inclusive).

    Entry is never blocked by the window; a submission before it opens is refused and one after
    it closes is marked late (alur.md §4)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField()
    dibuka = models.DateField()
    ditutup = models.DateField()

    class Meta:
        verbose_name = "jendela pengisian"
        verbose_name_plural = "jendela pengisian"
        constraints = [
            models.UniqueConstraint(fields=["pemda", "tahun", "triwulan"], name="jendela_isian_unik"),
            models.CheckConstraint(condition=Q(triwulan__gte=1, triwulan__lte=4), name="jendela_triwulan_1_4"),
            models.CheckConstraint(condition=Q(ditutup__gte=models.F("dibuka")), name="jendela_urut"),
        ]

    def __str__(self) -> str:
        return f"{self.pemda} {self.tahun} TW {self.triwulan}: {self.dibuka} – {self.ditutup}"


class StatusDokumen(models.TextChoices):
    DRAF = "draf", "Draf"
    FINAL = "final", "Final"


def _lokasi_dokumen(instance: "DokumenTahunan", filename: str) -> str:
    return f"dokumen/{instance.opd_id}/{instance.tahun}/{filename}"


class DokumenTahunan(models.Model):
    """A yearly document of an OPD (PK, LKjIP). Final = its file is frozen: later downloads serve
    the stored bytes, whose SHA-256 is kept to prove they never changed."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    jenis = models.CharField(max_length=16)  # a key of alur.dokumen's registry: "pk", "lkjip"
    status = models.CharField(max_length=8, choices=StatusDokumen.choices, default=StatusDokumen.DRAF)
    berkas = models.FileField(upload_to=_lokasi_dokumen, blank=True, max_length=300)
    nama_berkas = models.CharField(max_length=200, blank=True)
    mimetype = models.CharField(max_length=120, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    ukuran = models.PositiveBigIntegerField(default=0)
    difinalkan_oleh = _oleh("difinalkan oleh")
    difinalkan_pada = models.DateTimeField(null=True, blank=True)
    catatan = models.TextField(blank=True, help_text="Alasan buka kunci terakhir")

    class Meta:
        verbose_name = "dokumen tahunan"
        verbose_name_plural = "dokumen tahunan"
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "jenis"], name="dokumen_tahunan_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.jenis.upper()} {self.opd} {self.tahun}: {self.get_status_display()}"
