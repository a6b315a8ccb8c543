"""Test data for the dashboards: OPDs with a plan, realisation, evidence and budget, built
through the real services (plan import, realisasi_simpan with its recompute)."""

from decimal import Decimal

from django.test import Client

from sakip.kinerja.models import BelanjaAnggaran, RealisasiSasaran
from sakip.organisasi.models import Pemda, PerangkatDaerah
from sakip.pengukuran.layanan import bukti_tambah, realisasi_simpan
from sakip.perencanaan.impor import rencana_impor
from sakip.perencanaan.models import Indikator, Node

TAHUN = 2025


def klien(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def rencana(opd: PerangkatDaerah, *, indikator: int) -> list[Indikator]:
    """One sasaran with `indikator` indicators (the first two are IKU), a program and a kegiatan."""
    rencana_impor(sumber="uji.yaml", data={
        "opd": opd.slug,
        "renstra": {"nama": f"Renstra {opd.nama}", "tahun_awal": 2023, "tahun_akhir": 2026},
        "pohon": [{
            "jenis": "sasaran", "ref": "S1", "uraian": f"Sasaran {opd.nama}",
            "indikator": [
                {"ref": f"I{i}", "nama": f"Indikator {i} {opd.nama}", "satuan": "%", "iku": i <= 2, "polaritas": "positif",
                 "target": {2024: "10,00", TAHUN: "10,00"}}
                for i in range(1, indikator + 1)
            ],
            "anak": [{
                "jenis": "program", "ref": "P1", "kode": "2.17.03", "uraian": f"Program {opd.nama}",
                "anak": [{"jenis": "kegiatan", "ref": "K1", "kode": "2.17.03.2.01", "uraian": f"Kegiatan {opd.nama}"}],
            }],
        }],
    })
    return list(Indikator.objects.filter(renstra__opd=opd).order_by("urutan", "pk"))


def isi_opd(opd: PerangkatDaerah, *, indikator: int = 3, nilai: str = "9") -> list[Indikator]:
    """A plan; TW I of every indicator entered (capaian 90%), TW II only for the first; evidence
    for the first IKU's TW I; a budget with a program line and its kegiatan (leaves only count)."""
    daftar = rencana(opd, indikator=indikator)
    for ind in daftar:
        realisasi_simpan(indikator=ind, tahun=TAHUN, triwulan=1, nilai=Decimal(nilai), oleh=None)
    realisasi_simpan(indikator=daftar[0], tahun=TAHUN, triwulan=2, nilai=Decimal("11"), oleh=None)
    bukti_tambah(indikator=daftar[0], tahun=TAHUN, triwulan=1, jenis="tautan", oleh=None,
                 url="https://contoh.go.id/bukti.pdf", keterangan="Laporan TW I")
    program = Node.objects.get(renstra__opd=opd, ref="P1")
    kegiatan = Node.objects.get(renstra__opd=opd, ref="K1")
    # The program line repeats its kegiatan's sum (lkip-2024 Tabel 3.20): never added twice.
    BelanjaAnggaran.objects.create(opd=opd, tahun=TAHUN, node=program, sumber="APBD",
                                   pagu_sesudah=Decimal("1000000"), realisasi=Decimal("800000"))
    BelanjaAnggaran.objects.create(opd=opd, tahun=TAHUN, node=kegiatan, sumber="APBD",
                                   pagu_sesudah=Decimal("1000000"), realisasi=Decimal("800000"))
    BelanjaAnggaran.objects.create(opd=opd, tahun=TAHUN, nama="Program Penunjang", sumber="APBD",
                                   pagu_sesudah=Decimal("500000.50"), realisasi=Decimal("450000.25"))
    return daftar


def opd_tambahan(pemda: Pemda, jumlah: int) -> list[PerangkatDaerah]:
    return [
        PerangkatDaerah.objects.create(pemda=pemda, slug=f"{pemda.slug}-tambah-{i}", nama=f"Dinas Tambahan {i}")
        for i in range(1, jumlah + 1)
    ]


def realisasi_per_sasaran(opd: PerangkatDaerah, realisasi: str) -> None:
    """Budget realisation printed per sasaran only (lkjip-2025 Tabel III.6)."""
    BelanjaAnggaran.objects.filter(opd=opd, tahun=TAHUN).update(realisasi=None)
    RealisasiSasaran.objects.create(opd=opd, tahun=TAHUN, sasaran=Node.objects.get(renstra__opd=opd, ref="S1"),
                                    realisasi=Decimal(realisasi))
