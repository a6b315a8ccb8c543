"""Perjanjian Kinerja (with its versions), Rencana Aksi, and the budget with its realisation.

Only what is entered or imported is stored. Absorption (serapan), efficiency, differences
before/after the change and every total are derived (`anggaran.py`, `selectors.py`): DOMAIN §4
says the system computes them, never stores them typed in (the demo files keep printed values
under `tercetak`, which importers ignore).
"""

from django.db import models
from django.db.models import Q

from sakip.core.fields import NilaiField, RupiahField
from sakip.organisasi.models import PerangkatDaerah, UnitKerja
from sakip.perencanaan.models import Indikator, JenisNode, Node


class SumberDana(models.TextChoices):
    # The sources named by the seeds (lkip-2024 Tabel 3.18/3.21, lkjip-2025 Tabel II.5).
    APBD = "APBD", "APBD"
    APBN_DEKONSENTRASI = "APBN Dekonsentrasi", "APBN Dekonsentrasi"
    APBN_TUGAS_PEMBANTUAN = "APBN Tugas Pembantuan", "APBN Tugas Pembantuan"
    DAK = "DAK", "DAK"


class KelompokAnggaran(models.TextChoices):
    # lkjip-2025 Tabel II.5 prints three subtotals: programs of the sasaran ("langsung"),
    # Program Penunjang ("Anggaran Penunjang") and APBN ("Anggaran Pendukung").
    LANGSUNG = "langsung", "Langsung"
    PENUNJANG = "penunjang", "Penunjang"
    PENDUKUNG = "pendukung", "Pendukung"


class JenisVersi(models.TextChoices):
    INDUK = "induk", "Induk"
    PERUBAHAN = "perubahan", "Perubahan"


class JenisTargetTW(models.TextChoices):
    KUMULATIF = "kumulatif", "Kumulatif"
    PER_TRIWULAN = "per_triwulan", "Per triwulan"
    TETAP = "tetap", "Tetap"


class PerjanjianKinerja(models.Model):
    """One agreement per OPD and year; its content lives in its versions."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="perjanjian_kinerja")
    tahun = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = "Perjanjian Kinerja"
        verbose_name_plural = "Perjanjian Kinerja"
        constraints = [models.UniqueConstraint(fields=["opd", "tahun"], name="pk_unik_per_tahun")]

    def __str__(self) -> str:
        return f"PK {self.opd.slug} {self.tahun}"


class VersiPK(models.Model):
    """The PK induk (ke=0) or a revision (Perubahan Kesatu = 1, Kedua = 2, …)."""

    perjanjian = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE, related_name="versi")
    jenis = models.CharField(max_length=16, choices=JenisVersi.choices)
    ke = models.PositiveSmallIntegerField()
    tempat = models.CharField(max_length=120, blank=True)
    tanggal = models.DateField(null=True, blank=True)
    tanggal_tercetak = models.CharField(max_length=60, blank=True, help_text="Mis. 'Juli 2025'")
    alasan = models.TextField(blank=True)
    berita_acara_nomor = models.CharField(max_length=120, blank=True)
    berita_acara_tanggal = models.DateField(null=True, blank=True)
    pihak_pertama_nama = models.CharField(max_length=200)
    pihak_pertama_jabatan = models.CharField(max_length=300)
    pihak_pertama_nip = models.CharField(max_length=30, blank=True)
    pihak_pertama_pangkat = models.CharField(max_length=100, blank=True)
    pihak_kedua_nama = models.CharField(max_length=200)
    pihak_kedua_jabatan = models.CharField(max_length=300)
    pihak_kedua_nip = models.CharField(max_length=30, blank=True)
    # Optimistic lock (sakip.audit.layanan.versi_periksa): bumped by every write of this version
    # or its rows, so a revision form based on a version changed meanwhile is refused.
    versi = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "Versi PK"
        verbose_name_plural = "Versi PK"
        ordering = ["perjanjian", "ke"]
        constraints = [
            models.UniqueConstraint(fields=["perjanjian", "ke"], name="versi_pk_ke_unik"),
            models.CheckConstraint(
                condition=Q(jenis=JenisVersi.INDUK, ke=0) | Q(jenis=JenisVersi.PERUBAHAN, ke__gte=1),
                name="versi_pk_jenis_ke",
            ),
            # A revision must say why (lkjip-2025 §2.5.2; Permenpan-RB 53/2014 asks for it).
            models.CheckConstraint(
                condition=Q(jenis=JenisVersi.INDUK) | ~Q(alasan=""),
                name="versi_pk_perubahan_beralasan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.perjanjian} {self.label}"

    @property
    def label(self) -> str:
        if self.jenis == JenisVersi.INDUK:
            return "Induk"
        urutan = {1: "Kesatu", 2: "Kedua", 3: "Ketiga", 4: "Keempat", 5: "Kelima"}
        return f"Perubahan {urutan.get(self.ke, f'ke-{self.ke}')}"


class KinerjaPK(models.Model):
    """A row of the agreement: sasaran, indikator, annual and quarterly targets as printed."""

    versi = models.ForeignKey(VersiPK, on_delete=models.CASCADE, related_name="kinerja")
    sasaran = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="+")
    target = models.CharField(max_length=60)
    target_tw1 = models.CharField(max_length=60, blank=True)
    target_tw2 = models.CharField(max_length=60, blank=True)
    target_tw3 = models.CharField(max_length=60, blank=True)
    target_tw4 = models.CharField(max_length=60, blank=True)
    jenis_target_tw = models.CharField(max_length=16, choices=JenisTargetTW.choices, blank=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "Kinerja PK"
        ordering = ["versi", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["versi", "indikator"], name="kinerja_pk_indikator_unik")
        ]

    def __str__(self) -> str:
        return f"{self.indikator_id}: {self.target}"

    @property
    def target_tw(self) -> list[str]:
        return [self.target_tw1, self.target_tw2, self.target_tw3, self.target_tw4]


class AnggaranPK(models.Model):
    """A budget component of the agreement: a program of the tree, or a named one (Penunjang, APBN)."""

    versi = models.ForeignKey(VersiPK, on_delete=models.CASCADE, related_name="anggaran")
    program = models.ForeignKey(
        Node, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        limit_choices_to={"jenis": JenisNode.PROGRAM},
    )
    nama = models.CharField(max_length=300, blank=True)
    sumber = models.CharField(max_length=32, choices=SumberDana.choices)
    pagu = RupiahField()
    keterangan = models.CharField(max_length=300, blank=True)
    kelompok = models.CharField(max_length=16, choices=KelompokAnggaran.choices, blank=True)
    unit = models.ForeignKey(UnitKerja, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    indikator = models.ForeignKey(
        Indikator, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "Anggaran PK"
        ordering = ["versi", "urutan"]
        constraints = [
            models.CheckConstraint(
                condition=Q(program__isnull=False) | ~Q(nama=""), name="anggaran_pk_program_atau_nama"
            )
        ]

    def __str__(self) -> str:
        return f"{self.nama or self.program_id} {self.sumber}: {self.pagu}"


class RencanaAksi(models.Model):
    """A Rencana Aksi row: quarterly targets of one indicator, with who is responsible."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="rencana_aksi")
    tahun = models.PositiveSmallIntegerField()
    tingkat = models.CharField(max_length=16, choices=JenisNode.choices)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+")
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="+")
    target_tw1 = models.CharField(max_length=60, blank=True)
    target_tw2 = models.CharField(max_length=60, blank=True)
    target_tw3 = models.CharField(max_length=60, blank=True)
    target_tw4 = models.CharField(max_length=60, blank=True)
    penanggung_jawab = models.CharField(max_length=300, blank=True)
    unit = models.ForeignKey(UnitKerja, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "Rencana Aksi"
        ordering = ["opd", "tahun", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "indikator"], name="rencana_aksi_indikator_unik"
            )
        ]

    def __str__(self) -> str:
        return f"Rencana Aksi {self.tahun} {self.tingkat} {self.indikator_id}"

    @property
    def target_tw(self) -> list[str]:
        return [self.target_tw1, self.target_tw2, self.target_tw3, self.target_tw4]


class BelanjaAnggaran(models.Model):
    """A spending line: a program / kegiatan / sub kegiatan of the tree, or a named line."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="belanja")
    tahun = models.PositiveSmallIntegerField()
    node = models.ForeignKey(Node, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    nama = models.CharField(max_length=500, blank=True)
    sumber = models.CharField(max_length=32, choices=SumberDana.choices)
    pagu_sebelum = RupiahField(null=True, blank=True, help_text="DPA, sebelum perubahan")
    pagu_sesudah = RupiahField(help_text="DPPA, pagu yang berlaku")
    realisasi = RupiahField(null=True, blank=True)
    fisik = NilaiField(null=True, blank=True, help_text="Realisasi fisik %")
    kelompok = models.CharField(max_length=16, choices=KelompokAnggaran.choices, blank=True)
    unit = models.ForeignKey(UnitKerja, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    urutan = models.PositiveIntegerField(default=0)
    versi = models.PositiveIntegerField(default=0)  # optimistic lock of the edit form

    class Meta:
        verbose_name_plural = "Belanja"
        ordering = ["opd", "tahun", "urutan"]
        indexes = [models.Index(fields=["opd", "tahun"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(node__isnull=False) | ~Q(nama=""), name="belanja_node_atau_nama"
            )
        ]

    def __str__(self) -> str:
        return f"{self.nama or self.node_id} {self.sumber}: {self.pagu_sesudah}"


class RealisasiSasaran(models.Model):
    """Budget realisation printed per sasaran only (lkjip-2025 Tabel III.6 has no per-line figure)."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    sasaran = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+")
    realisasi = RupiahField()

    class Meta:
        verbose_name_plural = "Realisasi anggaran per sasaran"
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "sasaran"], name="realisasi_sasaran_unik")
        ]

    def __str__(self) -> str:
        return f"{self.sasaran_id} {self.tahun}: {self.realisasi}"


class Pendapatan(models.Model):
    """Revenue by type (retribusi, hasil kerja sama …) with its target (lkip-2024 Tabel 3.22)."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="pendapatan")
    tahun = models.PositiveSmallIntegerField()
    jenis = models.CharField(max_length=300)
    target = RupiahField()
    realisasi = RupiahField(null=True, blank=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "Pendapatan"
        ordering = ["opd", "tahun", "urutan"]

    def __str__(self) -> str:
        return f"{self.jenis} {self.tahun}: {self.target}"
