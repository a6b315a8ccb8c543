"""The LKjIP's own content, per OPD and year (docs/laporan.md, docs/formats/lkjip.md).

What is neither plan, measurement nor budget: the narrative sections, the signatory, the staff
and asset tables, the budget comparison with last year, the LHE SAKIP with its follow-up, awards,
crosscutting partners and printed links. Derived values (totals, the LHE score) are never stored
as typed: printed ones are kept under `tercetak` (JSON) so the consistency checker can compare
them with the system's own sums.

Editable rows carry `versi` for optimistic locking (sakip.audit.layanan.versi_periksa).
"""

from django.db import models

from sakip.core.fields import NilaiField, RupiahField
from sakip.organisasi.models import PerangkatDaerah, UnitKerja


class Laporan(models.Model):
    """The report of one OPD and year: its header (signatory) and data kept as printed."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="laporan_kinerja")
    tahun = models.PositiveSmallIntegerField()
    ttd_nama = models.CharField("nama penandatangan", max_length=200, blank=True)
    ttd_nip = models.CharField("NIP penandatangan", max_length=30, blank=True)
    ttd_jabatan = models.CharField("jabatan penandatangan", max_length=300, blank=True)
    ttd_tempat = models.CharField("tempat", max_length=120, blank=True)
    ttd_tanggal = models.DateField("tanggal", null=True, blank=True)
    ttd_tanggal_tercetak = models.CharField("tanggal tercetak", max_length=60, blank=True,
                                            help_text="Mis. 'Januari 2026'")
    # Document-level printed derived values (totals, percentages, the printed scale) for the checker.
    tercetak = models.JSONField(default=dict, blank=True)
    # Blocks a report prints that have no model of their own (lkip-2024: pegawai_rekap,
    # kegiatan_pendukung, verifikasi, aset_catatan; extraction notes under `catatan`), kept as read.
    tambahan = models.JSONField(default=dict, blank=True)
    versi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "Laporan Kinerja"
        verbose_name_plural = "Laporan Kinerja"
        constraints = [models.UniqueConstraint(fields=["opd", "tahun"], name="laporan_unik_per_tahun")]

    def __str__(self) -> str:
        return f"LKjIP {self.opd.slug} {self.tahun}"


class Narasi(models.Model):
    """One narrative section (key from `bagian.BAGIAN`); plain text, paragraphs by blank lines."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="narasi")
    kunci = models.CharField(max_length=40)
    teks = models.TextField(blank=True)
    versi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "Narasi"
        constraints = [models.UniqueConstraint(fields=["laporan", "kunci"], name="narasi_kunci_unik")]

    def __str__(self) -> str:
        return f"{self.laporan} {self.kunci}"


class Pegawai(models.Model):
    """Staff table row: position × education × sex (education may be absent, lkip-2024)."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="pegawai")
    jabatan = models.CharField(max_length=200)
    pendidikan = models.CharField(max_length=40, blank=True)
    unit = models.ForeignKey(UnitKerja, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    laki_laki = models.PositiveIntegerField(default=0)
    perempuan = models.PositiveIntegerField(default=0)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "Pegawai"
        ordering = ["laporan", "urutan"]

    def __str__(self) -> str:
        return f"{self.jabatan} {self.pendidikan}".strip()


class PegawaiJabatan(models.Model):
    """Staff by position (lkjip-2025 Tabel I.1): formation vs filled per education level; sex."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="pegawai_per_jabatan")
    kelompok = models.CharField(max_length=120, blank=True)
    nomor = models.PositiveIntegerField(null=True, blank=True)
    jabatan = models.CharField(max_length=300)
    # education level as printed ("S2", "D1/SLTA/SLTP") → count; a missing level is 0
    formasi = models.JSONField(default=dict, blank=True)
    ada = models.JSONField(default=dict, blank=True)
    laki_laki = models.PositiveIntegerField(default=0)
    perempuan = models.PositiveIntegerField(default=0)
    tercetak = models.JSONField(default=dict, blank=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "Pegawai per jabatan"
        ordering = ["laporan", "urutan"]

    def __str__(self) -> str:
        return self.jabatan


class Aset(models.Model):
    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="aset")
    kelompok = models.CharField(max_length=120, blank=True)
    nama = models.CharField(max_length=300)
    jumlah = NilaiField(null=True, blank=True)
    satuan = models.CharField(max_length=60, blank=True)
    nilai = RupiahField(null=True, blank=True)
    kondisi = models.CharField(max_length=60, blank=True)
    catatan = models.TextField(blank=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "Aset"
        ordering = ["laporan", "urutan"]

    def __str__(self) -> str:
        return self.nama


class AnggaranTahunLalu(models.Model):
    """Budget comparison with last year (lkjip-2025 Tabel I.3); the change is derived."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="anggaran_tahun_lalu")
    uraian = models.CharField(max_length=300)
    tahun_lalu = RupiahField(null=True, blank=True)
    tahun_ini = RupiahField(null=True, blank=True)
    catatan = models.TextField(blank=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "Anggaran tahun lalu"
        ordering = ["laporan", "urutan"]

    def __str__(self) -> str:
        return self.uraian


class LHE(models.Model):
    """The inspectorate's LHE SAKIP the report follows up (evaluation of `tahun_evaluasi`)."""

    laporan = models.OneToOneField(Laporan, on_delete=models.CASCADE, related_name="lhe")
    nomor = models.CharField("nomor surat", max_length=120, blank=True)
    tanggal = models.DateField("tanggal surat", null=True, blank=True)
    perihal = models.CharField(max_length=500, blank=True)
    dari = models.CharField(max_length=300, blank=True)
    tahun_evaluasi = models.PositiveSmallIntegerField(null=True, blank=True)
    predikat = models.CharField(max_length=10, blank=True)
    interpretasi = models.CharField(max_length=60, blank=True)
    # The score as the letter states it when no components are entered; with components the
    # selector derives it from them (the printed total stays in `tercetak`).
    nilai = NilaiField(null=True, blank=True)
    # Evaluation components with their sub-components ({kode, uraian, bobot, nilai_tahun_lalu,
    # subkomponen: [{kode, uraian, bobot, predikat, nilai}]}), numbers as dot-decimal strings.
    komponen = models.JSONField(default=list, blank=True)
    # Letters around the follow-up (surat tugas, signatory, surat_tindak_lanjut, surat_internal,
    # kertas_kerja_bukti) as read: printed, never computed with.
    dokumen = models.JSONField(default=dict, blank=True)
    tercetak = models.JSONField(default=dict, blank=True)
    versi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "LHE SAKIP"
        verbose_name_plural = "LHE SAKIP"

    def __str__(self) -> str:
        return f"LHE {self.nomor or '(tanpa nomor)'}"


class RekomendasiLHE(models.Model):
    """A recommendation of the LHE and its follow-up (lkjip-2025 Tabel III.7)."""

    lhe = models.ForeignKey(LHE, on_delete=models.CASCADE, related_name="rekomendasi")
    urutan = models.PositiveIntegerField(default=0)
    uraian = models.TextField()
    uraian_lhe = models.TextField(blank=True, help_text="Rumusan rekomendasi dalam surat LHE")
    tindak_lanjut = models.TextField(blank=True)
    target = models.CharField(max_length=200, blank=True)
    bulan = models.CharField("rencana waktu", max_length=120, blank=True)
    status = models.CharField("status/progres/output", max_length=300, blank=True)
    tw1 = models.BooleanField(default=False)
    tw2 = models.BooleanField(default=False)
    tw3 = models.BooleanField(default=False)
    tw4 = models.BooleanField(default=False)
    bukti = models.JSONField(default=list, blank=True)  # evidence URLs, in order
    bukti_uraian = models.CharField(max_length=500, blank=True)
    tercetak = models.JSONField(default=dict, blank=True)
    versi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "Rekomendasi LHE"
        verbose_name_plural = "Rekomendasi LHE"
        ordering = ["lhe", "urutan", "pk"]

    def __str__(self) -> str:
        return f"Rekomendasi {self.urutan + 1}: {self.uraian[:60]}"

    @property
    def tw(self) -> list[bool]:
        return [self.tw1, self.tw2, self.tw3, self.tw4]


class Penghargaan(models.Model):
    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="penghargaan")
    nama = models.CharField(max_length=300)
    pemberi = models.CharField(max_length=300, blank=True)
    tahun = models.PositiveSmallIntegerField(null=True, blank=True)
    uraian = models.TextField(blank=True)
    nomor = models.CharField(max_length=120, blank=True)
    penandatangan = models.CharField(max_length=300, blank=True)
    catatan = models.TextField(blank=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "Penghargaan"
        ordering = ["laporan", "urutan"]

    def __str__(self) -> str:
        return self.nama


class Crosscutting(models.Model):
    """A partner of the crosscutting diagram."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="crosscutting")
    kelompok = models.CharField(max_length=120, blank=True)
    dengan = models.CharField(max_length=300)
    peran = models.TextField(blank=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "Crosscutting"
        ordering = ["laporan", "urutan"]

    def __str__(self) -> str:
        return self.dengan


class Tautan(models.Model):
    """Other links the report prints (full cascade, business process map, websites …)."""

    laporan = models.ForeignKey(Laporan, on_delete=models.CASCADE, related_name="tautan")
    url = models.URLField(max_length=500)
    keterangan = models.CharField(max_length=500, blank=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "Tautan"
        ordering = ["laporan", "urutan"]

    def __str__(self) -> str:
        return self.url
