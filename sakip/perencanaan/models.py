"""The plan: Renstra, its cascade (tujuan → sasaran → program → kegiatan → sub kegiatan),
indicators with data elements and formulas, and targets with their revision history.

Targets are never edited in place. Each `RevisiTarget` is one set of yearly targets (the Renstra
"Awal" row, then each "Revisi" row of lkjip-2025 Tabel II.1) with who/when/why; the target in
force for a year is the one of the latest revision that sets that year (`selectors.target_berlaku`).
"""

from django.conf import settings
from django.db import models

from sakip.core.fields import NilaiField
from sakip.engine.agregasi import Agregasi
from sakip.engine.capaian import Polaritas
from sakip.engine.kebijakan import RumusNegatif
from sakip.organisasi.models import PerangkatDaerah, UnitKerja


def _pilihan(enum: type) -> list[tuple[str, str]]:
    return [(m.value, m.value.replace("_", " ").capitalize()) for m in enum]  # type: ignore[attr-defined]


class Renstra(models.Model):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="renstra")
    nama = models.CharField(max_length=300)
    tahun_awal = models.PositiveSmallIntegerField()
    tahun_akhir = models.PositiveSmallIntegerField()
    dasar_hukum = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "Renstra"
        ordering = ["opd", "-tahun_awal"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun_awal"], name="renstra_unik_per_periode"),
            models.CheckConstraint(
                condition=models.Q(tahun_akhir__gte=models.F("tahun_awal")),
                name="renstra_periode_urut",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.tahun_awal}–{self.tahun_akhir})"

    @property
    def tahun(self) -> range:
        return range(self.tahun_awal, self.tahun_akhir + 1)


class SasaranPemda(models.Model):
    """A goal of the RPJMD/RPD that the Renstra supports."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="sasaran_pemda")
    ref = models.CharField(max_length=40)
    uraian = models.TextField()

    class Meta:
        verbose_name_plural = "Sasaran Pemda"
        constraints = [
            models.UniqueConstraint(fields=["renstra", "ref"], name="sasaran_pemda_ref_unik")
        ]

    def __str__(self) -> str:
        return self.uraian


class JenisNode(models.TextChoices):
    TUJUAN = "tujuan", "Tujuan"
    SASARAN = "sasaran", "Sasaran Strategis"
    PROGRAM = "program", "Program"
    KEGIATAN = "kegiatan", "Kegiatan"
    SUB_KEGIATAN = "sub_kegiatan", "Sub Kegiatan"


# Where a node may hang in the cascade. A Renstra that states no tujuan puts its sasaran at the
# top (lkip-2024 Tabel 2.1 lists goals and targets per sasaran); below the sasaran the national
# nomenclature fixes the order program → kegiatan → sub kegiatan.
INDUK_SAH: dict[str, frozenset[str | None]] = {
    JenisNode.TUJUAN: frozenset({None}),
    JenisNode.SASARAN: frozenset({None, JenisNode.TUJUAN}),
    JenisNode.PROGRAM: frozenset({JenisNode.SASARAN, JenisNode.TUJUAN}),
    JenisNode.KEGIATAN: frozenset({JenisNode.PROGRAM}),
    JenisNode.SUB_KEGIATAN: frozenset({JenisNode.KEGIATAN}),
}


class Node(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="node")
    induk = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="anak"
    )
    jenis = models.CharField(max_length=16, choices=JenisNode.choices)
    ref = models.CharField(max_length=40)
    kode = models.CharField(max_length=24, blank=True, help_text="Kode nasional U.BB.PP.K.KK.SSSS")
    uraian = models.TextField()
    kinerja = models.TextField(blank=True, help_text="Pernyataan kinerja (hasil/keluaran)")
    unit = models.ForeignKey(UnitKerja, on_delete=models.SET_NULL, null=True, blank=True)
    sasaran_pemda = models.ManyToManyField(SasaranPemda, blank=True, related_name="node")
    urutan = models.PositiveIntegerField(default=0)
    versi = models.PositiveIntegerField(default=1, help_text="Penguncian optimis: naik setiap disimpan dari layar")

    class Meta:
        verbose_name = "Simpul pohon kinerja"
        verbose_name_plural = "Simpul pohon kinerja"
        ordering = ["renstra", "urutan"]
        constraints = [models.UniqueConstraint(fields=["renstra", "ref"], name="node_ref_unik")]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.uraian}"


class JenisStrategi(models.TextChoices):
    STRATEGI = "strategi", "Strategi"
    ARAH_KEBIJAKAN = "arah_kebijakan", "Arah Kebijakan"


class Strategi(models.Model):
    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="strategi")
    jenis = models.CharField(max_length=16, choices=JenisStrategi.choices)
    uraian = models.TextField()
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "Strategi dan arah kebijakan"
        ordering = ["node", "jenis", "urutan"]

    def __str__(self) -> str:
        return self.uraian


class Crosscutting(models.Model):
    """A link from a node to another OPD (by slug) or to an outside agency (by name)."""

    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="crosscutting")
    dengan_opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dengan = models.CharField(max_length=300, help_text="Nama instansi/OPD sebagaimana ditulis")
    peran = models.TextField(blank=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "Crosscutting"
        ordering = ["node", "urutan"]

    def __str__(self) -> str:
        return f"{self.dengan}: {self.peran}"


class DataElemen(models.Model):
    """Raw data an indicator's formula reads (e.g. number of industrial units)."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="data_elemen")
    kode = models.CharField(max_length=64, help_text="Nama dalam rumus (snake_case)")
    nama = models.CharField(max_length=300)
    satuan = models.CharField(max_length=100, blank=True)
    sumber = models.CharField(max_length=300, blank=True)
    formula = models.TextField(blank=True, help_text="Rumus untuk elemen turunan; kosong = data mentah")
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "Data elemen"
        ordering = ["opd", "urutan"]
        constraints = [models.UniqueConstraint(fields=["opd", "kode"], name="data_elemen_kode_unik")]

    def __str__(self) -> str:
        return self.kode


class Indikator(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="indikator")
    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="indikator")
    ref = models.CharField(max_length=40)
    nama = models.TextField()
    satuan = models.CharField(max_length=100, blank=True)
    polaritas = models.CharField(max_length=16, choices=_pilihan(Polaritas), default=Polaritas.POSITIF)
    skala_kualitatif = models.CharField(max_length=32, blank=True)
    desimal = models.PositiveSmallIntegerField(default=2, help_text="Desimal saat ditampilkan")
    agregasi = models.CharField(
        max_length=16, choices=_pilihan(Agregasi), default=Agregasi.NILAI_AKHIR,
        help_text="Cara nilai triwulan menjadi nilai tahunan",
    )
    formula = models.TextField(blank=True, help_text="Rumus atas data elemen; kosong = nilai langsung")
    formulasi = models.TextField(blank=True, help_text="Formulasi perhitungan sebagaimana dicetak")
    sumber_data = models.CharField(max_length=300, blank=True)
    iku = models.BooleanField("IKU", default=False)
    sk_iku = models.CharField("SK IKU", max_length=200, blank=True)
    baseline_tahun = models.PositiveSmallIntegerField(null=True, blank=True)
    baseline_nilai = models.CharField(max_length=60, blank=True, help_text="Seperti ditulis")
    # Policy override (DOMAIN §3): empty / unset fields follow the Pemda.
    kebijakan_rumus_negatif = models.CharField(
        max_length=8, blank=True, choices=[(r.value, r.value) for r in RumusNegatif]
    )
    kebijakan_batas_atur = models.BooleanField(default=False, help_text="Timpa batas atas Pemda")
    kebijakan_batas_atas = NilaiField(null=True, blank=True)
    urutan = models.PositiveIntegerField(default=0)
    versi = models.PositiveIntegerField(default=1, help_text="Penguncian optimis: naik setiap disimpan dari layar")

    class Meta:
        verbose_name_plural = "Indikator"
        ordering = ["renstra", "urutan"]
        constraints = [models.UniqueConstraint(fields=["renstra", "ref"], name="indikator_ref_unik")]

    def __str__(self) -> str:
        return self.nama


class RevisiTarget(models.Model):
    """One set of targets: ke=0 is the first ("Awal"), each later one a revision."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="revisi")
    ke = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=60)
    tanggal = models.DateField(null=True, blank=True)
    alasan = models.TextField(blank=True)
    target_akhir = models.CharField(max_length=60, blank=True, help_text="Target akhir Renstra")
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dicatat_pada = models.DateTimeField(auto_now_add=True)
    sumber = models.CharField(max_length=300, blank=True, help_text="Layar, atau berkas impor")

    class Meta:
        verbose_name_plural = "Revisi target"
        ordering = ["indikator", "ke"]
        constraints = [models.UniqueConstraint(fields=["indikator", "ke"], name="revisi_ke_unik")]

    def __str__(self) -> str:
        return f"{self.indikator.ref} {self.label}"


class NilaiTarget(models.Model):
    """A yearly target as the user wrote it ("22,300", "3 - 10", "WTP")."""

    revisi = models.ForeignKey(RevisiTarget, on_delete=models.CASCADE, related_name="nilai")
    tahun = models.PositiveSmallIntegerField()
    teks = models.CharField(max_length=60)

    class Meta:
        ordering = ["revisi", "tahun"]
        constraints = [models.UniqueConstraint(fields=["revisi", "tahun"], name="nilai_target_unik")]

    def __str__(self) -> str:
        return f"{self.tahun}: {self.teks}"


class NilaiNasional(models.Model):
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="nasional")
    tahun = models.PositiveSmallIntegerField()
    teks = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="nilai_nasional_unik")
        ]

    def __str__(self) -> str:
        return f"{self.tahun}: {self.teks}"
