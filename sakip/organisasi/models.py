"""Pemda, Perangkat Daerah (OPD), their units and the officials who sign documents.

Officials have history: a document keeps the signer of its date (`pejabat_pada`), so when a head
of agency changes, last year's PK still shows last year's head.
"""

from datetime import date

from django.db import models
from django.db.models import Q

from sakip.core.fields import NilaiField


class JenisPemda(models.TextChoices):
    PROVINSI = "provinsi", "Provinsi"
    KABUPATEN = "kabupaten", "Kabupaten"
    KOTA = "kota", "Kota"


class RumusNegatif(models.TextChoices):
    DUA_T_MINUS_R = "2T-R", "(2 × Target − Realisasi) / Target × 100%"
    T_BAGI_R = "T/R", "Target / Realisasi × 100%"


class Skala(models.TextChoices):
    PERMENDAGRI_86_2017 = "permendagri-86-2017", "Permendagri 86/2017 (5 kategori)"
    KEMENPANRB = "kemenpanrb", "KemenPAN-RB (4 kategori)"


class Pembulatan(models.TextChoices):
    HALF_UP = "half-up", "Setengah ke atas"
    HALF_EVEN = "half-even", "Setengah ke genap"
    DOWN = "down", "Dipotong"


class TemplateLKjIP(models.TextChoices):
    # The LKjIP layout a Pemda prints (sakip/laporan/dokumen/template/*.docx; docs/laporan-dokumen.md).
    DEFAULT = "default", "PermenPAN-RB 53/2014 (bawaan)"
    BABEL = "babel", "Provinsi Kepulauan Bangka Belitung (LKjIP 2025)"
    NTT = "ntt", "Provinsi Nusa Tenggara Timur (LKIP 2024)"


class Pemda(models.Model):
    slug = models.SlugField(unique=True)
    nama = models.CharField(max_length=200)
    jenis = models.CharField(max_length=16, choices=JenisPemda.choices)
    ibu_kota = models.CharField(max_length=100, blank=True)
    # Capaian policy of the Pemda (DOMAIN §3); indicators may override it.
    rumus_negatif = models.CharField(
        max_length=8, choices=RumusNegatif.choices, default=RumusNegatif.DUA_T_MINUS_R
    )
    batas_atas = NilaiField(null=True, blank=True, help_text="Batas atas capaian (%); kosong = tanpa batas")
    skala = models.CharField(
        max_length=32, choices=Skala.choices, default=Skala.PERMENDAGRI_86_2017
    )
    pembulatan = models.CharField(
        max_length=16, choices=Pembulatan.choices, default=Pembulatan.HALF_UP
    )
    desimal = models.PositiveSmallIntegerField(default=2)
    template_lkjip = models.CharField(
        "template LKjIP", max_length=16, choices=TemplateLKjIP.choices, default=TemplateLKjIP.DEFAULT,
        help_text="Tata letak, penomoran tabel dan judul bab laporan kinerja",
    )

    class Meta:
        verbose_name = "Pemerintah Daerah"
        verbose_name_plural = "Pemerintah Daerah"
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class KepalaDaerah(models.Model):
    """Gubernur / Bupati / Wali Kota (or their acting Pj.), the PK's second party."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="kepala_daerah")
    nama = models.CharField(max_length=200)
    jabatan = models.CharField(max_length=200)
    mulai = models.DateField(null=True, blank=True)
    selesai = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "Kepala Daerah"
        ordering = ["pemda", "-mulai"]

    def __str__(self) -> str:
        return f"{self.nama}, {self.jabatan}"


class PerangkatDaerah(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="opd")
    slug = models.SlugField(unique=True, help_text="Pengenal tetap, mis. babel-disperindag")
    nama = models.CharField(max_length=200)
    singkatan = models.CharField(max_length=50, blank=True)
    alamat = models.TextField(blank=True)

    class Meta:
        verbose_name = "Perangkat Daerah"
        verbose_name_plural = "Perangkat Daerah"
        ordering = ["pemda__nama", "nama"]

    def __str__(self) -> str:
        return self.nama

    @property
    def nama_lengkap(self) -> str:
        return f"{self.nama} {self.pemda.nama}"


class JenisUnit(models.TextChoices):
    SEKRETARIAT = "sekretariat", "Sekretariat"
    BIDANG = "bidang", "Bidang"
    UPTD = "uptd", "UPTD"
    LAINNYA = "lainnya", "Lainnya"


class UnitKerja(models.Model):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="unit_kerja")
    slug = models.SlugField(max_length=100)
    nama = models.CharField(max_length=200)
    jenis = models.CharField(max_length=16, choices=JenisUnit.choices)

    class Meta:
        verbose_name_plural = "Unit Kerja"
        ordering = ["opd", "jenis", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "slug"], name="unit_kerja_slug_unik_per_opd")
        ]

    def __str__(self) -> str:
        return self.nama


class Pejabat(models.Model):
    """An official in a position for a period; `unit` empty means head of the OPD."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="pejabat")
    unit = models.ForeignKey(
        UnitKerja, on_delete=models.SET_NULL, null=True, blank=True, related_name="pejabat"
    )
    nama = models.CharField(max_length=200)
    nip = models.CharField("NIP", max_length=18, blank=True)
    jabatan = models.CharField(max_length=200)
    pangkat = models.CharField(max_length=100, blank=True)
    golongan = models.CharField(max_length=10, blank=True)
    mulai = models.DateField(null=True, blank=True)
    selesai = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "Pejabat"
        ordering = ["opd", "unit", "-mulai"]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(mulai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                name="pejabat_selesai_setelah_mulai",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.jabatan})"

    @property
    def pangkat_golongan(self) -> str:
        return " / ".join(part for part in (self.pangkat, self.golongan) if part)

    def menjabat_pada(self, tanggal: date) -> bool:
        return (self.mulai is None or self.mulai <= tanggal) and (
            self.selesai is None or tanggal <= self.selesai
        )
