"""Renja (the yearly work plan) and the inputs of its Permendagri 86/2017 evaluation.

Only what a Renja document or an evaluation form *types in* is stored. Every derived column of
the evaluation table (the year's realisation, the levels of achievement, the cumulative Renstra
realisation, program means and predicates) and every roll-up of money to kegiatan and program is
computed by `evaluasi.py` — DOMAIN §4: derived numbers are never stored typed in (the demo files
keep the printed ones under `tercetak`, which the importer ignores).
"""

from django.db import models

from sakip.core.fields import NilaiField, RupiahField
from sakip.organisasi.models import PerangkatDaerah
from sakip.perencanaan.models import Indikator, Node


class BarisRenja(models.Model):
    """One row of the Renja table (renja-2024 Tabel 3.1 / Bab IV): a node with one indicator."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="baris_renja")
    tahun = models.PositiveSmallIntegerField()
    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="baris_renja")
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="baris_renja")
    urutan = models.PositiveIntegerField(default=0)
    # Text as typed: Renja targets may be ranges or labels, like Renstra targets.
    target = models.CharField(max_length=60, blank=True)
    # As printed on the row; may differ from the indicator's unit ("Dok" vs "Dokumen").
    satuan = models.CharField(max_length=100, blank=True)
    # Money sits where it is spent (docs/formats/renja.md): null on a program/kegiatan row whose
    # children carry the amounts; the row's total is a roll-up computed, not stored.
    pagu_indikatif = RupiahField(null=True, blank=True)
    lokasi = models.CharField(max_length=300, blank=True)
    sumber_dana = models.CharField(max_length=60, blank=True)
    prakiraan_maju_target = models.CharField(max_length=60, blank=True)
    prakiraan_maju_pagu = RupiahField(null=True, blank=True)

    class Meta:
        verbose_name = "Baris Renja"
        verbose_name_plural = "Baris Renja"
        ordering = ["opd", "tahun", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "node", "indikator"], name="baris_renja_unik"
            )
        ]

    def __str__(self) -> str:
        return f"Renja {self.tahun} {self.node.ref} / {self.indikator.ref}"


class EvaluasiRenja(models.Model):
    """Inputs of one row of the Renja evaluation form (Permendagri 86/2017; renja-2024 Tabel 2.1).

    K = kinerja (an indicator value), Rp = money. The TW columns are the realisation *of each
    quarter* (the form adds them: column 12 = 8 + 9 + 10 + 11).
    """

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="evaluasi_renja")
    tahun = models.PositiveSmallIntegerField(help_text="Tahun Renja yang dievaluasi")
    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="evaluasi_renja")
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="evaluasi_renja")
    urutan = models.PositiveIntegerField(default=0)

    target_renstra_k = NilaiField(null=True, blank=True)
    # A range-polarity indicator's target is an interval ("3 - 10"), which no number field holds:
    # it is kept as written here and the matching *_k field stays empty.
    target_renstra_rentang = models.CharField(max_length=60, blank=True)
    target_renstra_rp = RupiahField(null=True, blank=True)
    realisasi_lalu_k = NilaiField(null=True, blank=True, help_text="s.d. tahun lalu")
    realisasi_lalu_rp = RupiahField(null=True, blank=True, help_text="s.d. tahun lalu")
    target_renja_k = NilaiField(null=True, blank=True)
    target_renja_rentang = models.CharField(max_length=60, blank=True)
    target_renja_rp = RupiahField(null=True, blank=True)
    tw1_k = NilaiField(null=True, blank=True)
    tw1_rp = RupiahField(null=True, blank=True)
    tw2_k = NilaiField(null=True, blank=True)
    tw2_rp = RupiahField(null=True, blank=True)
    tw3_k = NilaiField(null=True, blank=True)
    tw3_rp = RupiahField(null=True, blank=True)
    tw4_k = NilaiField(null=True, blank=True)
    tw4_rp = RupiahField(null=True, blank=True)
    # The source printed only the year's value; it is kept at TW IV and TW I–III are unknown,
    # not zero (docs/formats/renja.md, "Year-only realisation").
    hanya_tahunan = models.BooleanField(default=False)
    faktor_pendukung = models.TextField(blank=True)
    faktor_penghambat = models.TextField(blank=True)
    tindak_lanjut = models.TextField(blank=True)
    # Optimistic locking of the entry form (sakip.audit.layanan.versi_periksa).
    versi = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "Evaluasi Renja"
        verbose_name_plural = "Evaluasi Renja"
        ordering = ["opd", "tahun", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "node", "indikator"], name="evaluasi_renja_unik"
            )
        ]

    def __str__(self) -> str:
        return f"Evaluasi Renja {self.tahun} {self.node.ref} / {self.indikator.ref}"


class KinerjaPelayanan(models.Model):
    """A row of 'Pencapaian Kinerja Pelayanan Perangkat Daerah' (renja-2024 Tabel 2.2).

    These service indicators are not cascade nodes, so the row carries its own name and unit.
    The printed 'Catatan Analisis' is a judgement derived from the numbers and is not stored.
    """

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="kinerja_pelayanan")
    tahun = models.PositiveSmallIntegerField(help_text="Tahun evaluasi yang memuat tabel ini")
    urutan = models.PositiveIntegerField(default=0)
    indikator = models.TextField()
    satuan = models.CharField(max_length=100, blank=True)
    spm = models.CharField("SPM / standar nasional", max_length=100, blank=True)
    ikk = models.CharField("IKK", max_length=100, blank=True)

    class Meta:
        verbose_name_plural = "Kinerja pelayanan"
        ordering = ["opd", "tahun", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "urutan"], name="kinerja_pelayanan_unik")
        ]

    def __str__(self) -> str:
        return self.indikator


class JenisNilaiPelayanan(models.TextChoices):
    TARGET_RENSTRA = "target_renstra", "Target Renstra"
    REALISASI = "realisasi", "Realisasi"
    PROYEKSI = "proyeksi", "Proyeksi"


class NilaiKinerjaPelayanan(models.Model):
    baris = models.ForeignKey(KinerjaPelayanan, on_delete=models.CASCADE, related_name="nilai")
    jenis = models.CharField(max_length=16, choices=JenisNilaiPelayanan.choices)
    tahun = models.PositiveSmallIntegerField()
    nilai = NilaiField()

    class Meta:
        ordering = ["baris", "jenis", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["baris", "jenis", "tahun"], name="nilai_pelayanan_unik")
        ]

    def __str__(self) -> str:
        return f"{self.baris} {self.jenis} {self.tahun}"
