"""Measurement: what operators enter each quarter, and the capaian computed from it.

Entered (the source of truth):
- `NilaiDataElemen` — raw data per quarter (inputs of formulas, e.g. unit_industri);
- `Realisasi` — a direct value (indicators without formula) or a qualitative label;
- `Narasi` — faktor pendukung / penghambat / upaya (and the analysis paragraph);
- `Bukti` — evidence (data dukung): a link or an uploaded document;
- `IsianTriwulan` — the version of an indicator-quarter's entry (optimistic locking); its
  audit trail (who, when, before → after, why) is `sakip.audit.Jejak`.

Computed (derived, rebuilt by `layanan.capaian_recompute` / `realisasi_simpan`, never typed in):
- `HasilCapaian` — one row per indicator × year × quarter (1–4, 0 = the year);
- `HasilRollup` — the sasaran and OPD means.

Rules and decisions: docs/algorithms/realisasi.md.
"""

from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from sakip.core.fields import NilaiField
from sakip.engine.angka import format_angka
from sakip.organisasi.models import PerangkatDaerah
from sakip.perencanaan.models import DataElemen, Indikator, Node

TAHUNAN = 0  # triwulan 0 = the whole year in the computed tables
TRIWULAN = (1, 2, 3, 4)

# What an entered value may be: NilaiField is NUMERIC(30, 8), and Decimal's default 28-digit
# context quantizes to 8 decimals only below 10^20.
NILAI_MAKS = Decimal("1e20")

BUKTI_EKSTENSI = ("pdf", "jpg", "jpeg", "png", "xlsx", "docx")
BUKTI_MAKS_BYTE = 10 * 1024 * 1024  # 10 MB


def _cek_triwulan(nama: str, *, boleh_tahunan: bool = False) -> models.CheckConstraint:
    rentang = Q(triwulan__gte=0 if boleh_tahunan else 1, triwulan__lte=4)
    return models.CheckConstraint(condition=rentang, name=nama)


def validasi_berkas_bukti(berkas: Any) -> None:
    """Allowed types and size of an evidence file, with a message an operator can act on."""
    nama = getattr(berkas, "name", "") or ""
    ekstensi = PurePath(nama).suffix.lower().lstrip(".")
    if ekstensi not in BUKTI_EKSTENSI:
        raise ValidationError(
            f"Jenis berkas '{ekstensi or 'tanpa ekstensi'}' tidak diizinkan. Unggah berkas PDF, "
            "JPG, PNG, XLSX, atau DOCX.",
            code="jenis_berkas",
        )
    ukuran = getattr(berkas, "size", 0) or 0
    if ukuran > BUKTI_MAKS_BYTE:
        mb = format_angka(Decimal(ukuran) / (1024 * 1024), 1)
        raise ValidationError(
            f"Ukuran berkas {mb} MB melebihi batas 10 MB. Perkecil atau pecah berkasnya.",
            code="ukuran_berkas",
        )


def _lokasi_bukti(instance: "Bukti", filename: str) -> str:
    return f"bukti/{instance.opd_id}/{instance.tahun}/{filename}"


class NilaiDataElemen(models.Model):
    """A raw data value of one quarter (quarter 4 = year end when a source gives only the year)."""

    data_elemen = models.ForeignKey(DataElemen, on_delete=models.CASCADE, related_name="nilai")
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField()
    nilai = NilaiField()
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diisi_pada = models.DateTimeField(default=timezone.now)
    sumber = models.CharField(max_length=300, blank=True, help_text="Layar, atau berkas impor")

    class Meta:
        verbose_name_plural = "Nilai data elemen"
        constraints = [
            models.UniqueConstraint(
                fields=["data_elemen", "tahun", "triwulan"], name="nilai_data_elemen_unik"
            ),
            _cek_triwulan("nilai_data_elemen_triwulan_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.data_elemen_id} {self.tahun} TW{self.triwulan}: {self.nilai}"


class Realisasi(models.Model):
    """A directly entered realisation of one quarter.

    `nilai` for indicators without formula; for a formula indicator it is only a fallback when
    the formula's data are missing (docs/algorithms/realisasi.md §2). `label` holds a
    qualitative realisation (WTP, BB, …). Triwulan 0 is the year's value as a source gives it
    (a year-end BPS figure): it is the year's realisation whatever the quarters add up to.
    """

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="realisasi")
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField(help_text="1–4, atau 0 untuk nilai tahunan langsung")
    nilai = NilaiField(null=True, blank=True)
    label = models.CharField(max_length=60, blank=True, help_text="Realisasi kualitatif")
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diisi_pada = models.DateTimeField(default=timezone.now)
    sumber = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name_plural = "Realisasi"
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun", "triwulan"], name="realisasi_unik"),
            _cek_triwulan("realisasi_triwulan_0_4", boleh_tahunan=True),
        ]

    def __str__(self) -> str:
        return f"{self.indikator_id} {self.tahun} TW{self.triwulan}: {self.nilai or self.label}"


class Narasi(models.Model):
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="narasi")
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField()
    pendukung = models.TextField("faktor pendukung", blank=True)
    penghambat = models.TextField("faktor penghambat", blank=True)
    upaya = models.TextField("upaya perbaikan / solusi", blank=True)
    analisis = models.TextField("analisis capaian", blank=True)
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diisi_pada = models.DateTimeField(default=timezone.now)

    BAGIAN = ("pendukung", "penghambat", "upaya", "analisis")

    class Meta:
        verbose_name_plural = "Narasi"
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun", "triwulan"], name="narasi_unik"),
            _cek_triwulan("narasi_triwulan_1_4"),
        ]

    def __str__(self) -> str:
        return f"Narasi {self.indikator_id} {self.tahun} TW{self.triwulan}"


class JenisBukti(models.TextChoices):
    TAUTAN = "tautan", "Tautan"
    DOKUMEN = "dokumen", "Dokumen"


class Bukti(models.Model):
    """Evidence (data dukung). A `dokumen` may be only named (as reports list them) until the
    file is uploaded; a `tautan` needs its URL."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="bukti")
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField()
    jenis = models.CharField(max_length=8, choices=JenisBukti.choices)
    url = models.URLField(max_length=500, blank=True)
    berkas = models.FileField(
        upload_to=_lokasi_bukti, blank=True, max_length=300, validators=[validasi_berkas_bukti]
    )
    keterangan = models.TextField(blank=True)
    urutan = models.PositiveIntegerField(default=0)
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diisi_pada = models.DateTimeField(default=timezone.now)
    sumber = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name_plural = "Bukti"
        ordering = ["indikator", "tahun", "triwulan", "urutan", "pk"]
        constraints = [_cek_triwulan("bukti_triwulan_1_4")]
        indexes = [models.Index(fields=["indikator", "tahun"], name="bukti_indikator_tahun")]

    def __str__(self) -> str:
        return self.keterangan or self.url or self.berkas.name

    def clean(self) -> None:
        if self.jenis == JenisBukti.TAUTAN and not self.url:
            raise ValidationError({"url": "Bukti berupa tautan wajib berisi alamat (URL)."})
        if self.jenis == JenisBukti.DOKUMEN and not (self.berkas or self.keterangan):
            raise ValidationError({"berkas": "Unggah berkas atau tulis keterangan dokumen."})


class IsianTriwulan(models.Model):
    """The version of one indicator-quarter's entry (value, data elements, narrative), for
    optimistic locking: a form carries the `versi` it was opened with and a save based on an
    older one is refused (audit.layanan.versi_periksa). Every save is one `audit.Jejak` row on
    this object, with every changed part before → after (the realisation's audit trail)."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField(help_text="1–4, atau 0 untuk nilai tahunan langsung")
    versi = models.PositiveIntegerField(default=0)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diubah_pada = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "Isian triwulan"
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun", "triwulan"], name="isian_triwulan_unik"),
            _cek_triwulan("isian_triwulan_0_4", boleh_tahunan=True),
        ]
        indexes = [models.Index(fields=["opd", "tahun", "triwulan"], name="isian_opd_tahun_tw")]

    def __str__(self) -> str:
        tw = "tahunan" if self.triwulan == 0 else f"TW {self.triwulan}"
        return f"Realisasi indikator {self.indikator_id} {self.tahun} {tw}"


class HasilCapaian(models.Model):
    """Computed capaian of one indicator for a quarter (1–4) or the year (0). Derived data:
    rebuilt by the services, never edited. `opd` is denormalised for tenant-scoped reads.

    A full recompute writes two million of these rows, so the table carries only the indexes
    reads need and no database-level foreign keys (docs/PERFORMANCE.md): PostgreSQL's deferred
    checks of the two keys doubled the server's time per row (22 → 43 s for 2 M rows). The
    keys stay ForeignKeys for Django, whose deletes cascade (an indicator or OPD deleted through
    the ORM takes its results along), and the recompute deletes rows of indicators no longer in
    the plan. The single-column indexes Django would add are covered by the unique key
    (indikator, tahun, triwulan) and the index (opd, tahun, triwulan)."""

    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    indikator = models.ForeignKey(
        Indikator, on_delete=models.CASCADE, related_name="hasil", db_constraint=False, db_index=False
    )
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField(help_text="1–4, atau 0 untuk tahunan")
    # The quarter's own value (year row: the year's value) and the value to date.
    realisasi = NilaiField(null=True, blank=True)
    realisasi_sd = NilaiField(null=True, blank=True)
    realisasi_teks = models.CharField(max_length=80, blank=True, help_text="Seperti dicetak")
    target_teks = models.CharField(max_length=60, blank=True)
    terukur = models.BooleanField(default=False)
    # Exact value as text (up to 50 significant digits, engine `Capaian.nilai`): roll-ups read
    # it back, so a partial recompute gives exactly what a full one gives.
    capaian_eksak = models.CharField(max_length=80, blank=True)
    nilai_tampil = NilaiField(null=True, blank=True)
    teks = models.CharField(max_length=40, help_text="110,73% atau tidak terukur")
    band = models.CharField(max_length=40, blank=True)
    band_kode = models.CharField(max_length=20, blank=True)
    warna = models.CharField(max_length=7, blank=True)
    kata = models.CharField(max_length=40, blank=True)
    dibatasi = models.BooleanField(default=False)
    alasan = models.TextField(blank=True)
    jejak = models.TextField(blank=True)
    dihitung_pada = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "Hasil capaian"
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "triwulan"], name="hasil_capaian_unik"
            ),
            _cek_triwulan("hasil_capaian_triwulan_0_4", boleh_tahunan=True),
        ]
        indexes = [models.Index(fields=["opd", "tahun", "triwulan"], name="hasil_opd_tahun_tw")]

    def __str__(self) -> str:
        return f"{self.indikator_id} {self.tahun} TW{self.triwulan}: {self.teks}"


class LevelRollup(models.TextChoices):
    SASARAN = "sasaran", "Sasaran"
    OPD = "opd", "Perangkat Daerah"


class HasilRollup(models.Model):
    """Computed mean capaian of a sasaran (its indicators) or of the OPD (its IKU).

    `kunci` is the sasaran node id, or 0 for the OPD: a non-null key, so the unique constraint
    that bulk upserts conflict on works the same on SQLite and PostgreSQL (NULLs never
    conflict)."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=8, choices=LevelRollup.choices)
    node = models.ForeignKey(Node, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    kunci = models.PositiveBigIntegerField()
    tahun = models.PositiveSmallIntegerField()
    triwulan = models.PositiveSmallIntegerField()
    terukur = models.BooleanField(default=False)
    nilai_eksak = models.CharField(max_length=80, blank=True)
    nilai_tampil = NilaiField(null=True, blank=True)
    teks = models.CharField(max_length=40)
    band = models.CharField(max_length=40, blank=True)
    band_kode = models.CharField(max_length=20, blank=True)
    warna = models.CharField(max_length=7, blank=True)
    jumlah_dihitung = models.PositiveIntegerField(default=0)
    jumlah_dikecualikan = models.PositiveIntegerField(default=0)
    alasan = models.TextField(blank=True)
    jejak = models.TextField(blank=True)
    dihitung_pada = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "Hasil rollup"
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "level", "kunci", "tahun", "triwulan"], name="hasil_rollup_unik"
            ),
            _cek_triwulan("hasil_rollup_triwulan_0_4", boleh_tahunan=True),
            models.CheckConstraint(
                condition=(Q(level="opd", kunci=0, node__isnull=True) | Q(level="sasaran", node__isnull=False)),
                name="hasil_rollup_level_kunci",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.kunci} {self.tahun} TW{self.triwulan}: {self.teks}"


class SidikHitung(models.Model):
    """Fingerprint of the inputs of one OPD-year as of its last full computation.

    `capaian_recompute` hashes what the engine reads for an OPD-year (policy, plan, indicators,
    targets, realisation, data element values, and the computing code itself) and skips the
    OPD-year when the hash equals the stored one and its result rows are all there: saves
    already keep results current, so a full recompute mostly finds nothing to do
    (docs/PERFORMANCE.md). Derived data like the results: deleting a row only forces a
    recompute."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    sidik = models.CharField(max_length=64)
    dihitung_pada = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "Sidik hitung"
        constraints = [models.UniqueConstraint(fields=["opd", "tahun"], name="sidik_hitung_unik")]

    def __str__(self) -> str:
        return f"{self.opd_id} {self.tahun}: {self.sidik}"
