"""Reading the LKjIP content: `konten_laporan(opd=, tahun=) -> KontenLaporan`.

One call gives everything the report's own content holds (docs/laporan.md), as frozen
dataclasses, in a fixed number of queries whatever the number of rows (tests/laporan/
test_selectors.py): the document builder, the consistency checker and the pages read only this.
Every registered narrative section is present, with `kosong=True` when nothing was written, so a
builder can print a placeholder or skip it without knowing which keys exist.

Derived values (totals, the change from last year, the LHE score from its components) are
computed here, never read from what was printed; the printed ones stay under `tercetak`.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sakip.organisasi.models import PerangkatDaerah

from .bagian import BAB, BAGIAN
from .models import Laporan


@dataclass(frozen=True)
class BagianNarasi:
    kunci: str
    judul: str
    bab: str  # "awal", "I" … "IV" (bagian.BAB)
    teks: str
    versi: int  # 0 when the section was never written
    keterangan: str = ""

    @property
    def kosong(self) -> bool:
        return not self.teks.strip()

    @property
    def paragraf(self) -> tuple[str, ...]:
        """Paragraphs: the text split at blank lines (docs/formats/lkjip.md)."""
        return tuple(p.strip() for p in self.teks.split("\n\n") if p.strip())


@dataclass(frozen=True)
class BabNarasi:
    kode: str
    judul: str
    bagian: tuple[BagianNarasi, ...]

    @property
    def jumlah_terisi(self) -> int:
        return sum(not b.kosong for b in self.bagian)


@dataclass(frozen=True)
class Penandatangan:
    nama: str = ""
    nip: str = ""
    jabatan: str = ""
    tempat: str = ""
    tanggal: date | None = None
    tanggal_tercetak: str = ""


@dataclass(frozen=True)
class BarisPegawai:
    jabatan: str
    pendidikan: str
    unit: str  # the unit kerja's name, "" when none
    laki_laki: int
    perempuan: int

    @property
    def jumlah(self) -> int:
        return self.laki_laki + self.perempuan


@dataclass(frozen=True)
class BarisPegawaiJabatan:
    kelompok: str
    nomor: int | None
    jabatan: str
    formasi: Mapping[str, int]  # education level as printed → count
    ada: Mapping[str, int]
    laki_laki: int
    perempuan: int
    tercetak: Mapping[str, Any]

    @property
    def jumlah_formasi(self) -> int:
        return sum(self.formasi.values())

    @property
    def jumlah_ada(self) -> int:
        return sum(self.ada.values())


@dataclass(frozen=True)
class BarisAset:
    kelompok: str
    nama: str
    jumlah: Decimal | None
    satuan: str
    nilai: Decimal | None  # Rupiah
    kondisi: str
    catatan: str


@dataclass(frozen=True)
class BarisAnggaranTahunLalu:
    uraian: str
    tahun_lalu: Decimal | None
    tahun_ini: Decimal | None
    catatan: str

    @property
    def selisih(self) -> Decimal | None:
        if self.tahun_lalu is None or self.tahun_ini is None:
            return None
        return self.tahun_ini - self.tahun_lalu


@dataclass(frozen=True)
class SubkomponenLHE:
    kode: str
    uraian: str
    bobot: Decimal | None
    predikat: str
    nilai: Decimal | None
    tercetak: Mapping[str, Any]


@dataclass(frozen=True)
class KomponenLHE:
    kode: str
    uraian: str
    bobot: Decimal | None
    nilai_tahun_lalu: Decimal | None
    subkomponen: tuple[SubkomponenLHE, ...]
    nilai_tertulis: Decimal | None  # as entered when there are no sub-components
    tercetak: Mapping[str, Any]

    @property
    def nilai(self) -> Decimal | None:
        nilai = [s.nilai for s in self.subkomponen if s.nilai is not None]
        return sum(nilai, Decimal(0)) if nilai else self.nilai_tertulis


@dataclass(frozen=True)
class RekomendasiTindakLanjut:
    pk: int
    urutan: int
    uraian: str
    uraian_lhe: str
    tindak_lanjut: str
    target: str
    bulan: str
    status: str
    tw: tuple[bool, bool, bool, bool]  # TW I–IV implementation marks
    bukti: tuple[str, ...]  # evidence URLs
    bukti_uraian: str
    tercetak: Mapping[str, Any]
    versi: int


@dataclass(frozen=True)
class DataLHE:
    pk: int
    nomor: str
    tanggal: date | None
    perihal: str
    dari: str
    tahun_evaluasi: int | None
    predikat: str
    interpretasi: str
    nilai_tertulis: Decimal | None
    komponen: tuple[KomponenLHE, ...]
    rekomendasi: tuple[RekomendasiTindakLanjut, ...]
    dokumen: Mapping[str, Any]  # surat (tugas, penandatangan), surat_tindak_lanjut, surat_internal, …
    tercetak: Mapping[str, Any]
    versi: int

    @property
    def nilai(self) -> Decimal | None:
        """The score: the sum of the components when they are entered, else as written."""
        nilai = [k.nilai for k in self.komponen if k.nilai is not None]
        return sum(nilai, Decimal(0)) if nilai else self.nilai_tertulis


@dataclass(frozen=True)
class Penghargaan:
    nama: str
    pemberi: str
    tahun: int | None
    uraian: str
    nomor: str
    penandatangan: str


@dataclass(frozen=True)
class MitraCrosscutting:
    kelompok: str
    dengan: str
    peran: str


@dataclass(frozen=True)
class Tautan:
    url: str
    keterangan: str


@dataclass(frozen=True)
class KontenLaporan:
    opd_id: int
    tahun: int
    ada: bool  # False: nothing imported or written yet (every section kosong, tables empty)
    versi: int
    penandatangan: Penandatangan
    bab: tuple[BabNarasi, ...]
    pegawai: tuple[BarisPegawai, ...] = ()
    pegawai_per_jabatan: tuple[BarisPegawaiJabatan, ...] = ()
    aset: tuple[BarisAset, ...] = ()
    anggaran_tahun_lalu: tuple[BarisAnggaranTahunLalu, ...] = ()
    lhe: DataLHE | None = None
    penghargaan: tuple[Penghargaan, ...] = ()
    crosscutting: tuple[MitraCrosscutting, ...] = ()
    tautan: tuple[Tautan, ...] = ()
    tercetak: Mapping[str, Any] = field(default_factory=dict)
    tambahan: Mapping[str, Any] = field(default_factory=dict)

    def narasi(self, kunci: str) -> BagianNarasi:
        """The section `kunci` (KeyError for a key not in bagian.BAGIAN)."""
        for bab in self.bab:
            for b in bab.bagian:
                if b.kunci == kunci:
                    return b
        raise KeyError(kunci)

    @property
    def semua_narasi(self) -> tuple[BagianNarasi, ...]:
        return tuple(b for bab in self.bab for b in bab.bagian)

    @property
    def aset_total(self) -> Decimal:
        return sum((a.nilai for a in self.aset if a.nilai is not None), Decimal(0))

    @property
    def pegawai_total(self) -> tuple[int, int]:
        """(laki-laki, perempuan) over the staff table, or by position when that is the one filled."""
        baris = self.pegawai or self.pegawai_per_jabatan
        return sum(b.laki_laki for b in baris), sum(b.perempuan for b in baris)

    @property
    def anggaran_total(self) -> tuple[Decimal, Decimal]:
        """(tahun lalu, tahun ini) over the comparison rows."""
        return (sum((b.tahun_lalu or Decimal(0) for b in self.anggaran_tahun_lalu), Decimal(0)),
                sum((b.tahun_ini or Decimal(0) for b in self.anggaran_tahun_lalu), Decimal(0)))


def _bab(teks: Mapping[str, tuple[str, int]]) -> tuple[BabNarasi, ...]:
    return tuple(
        BabNarasi(bab.kode, bab.judul, tuple(
            BagianNarasi(b.kunci, b.judul, b.bab, *teks.get(b.kunci, ("", 0)), keterangan=b.keterangan)
            for b in BAGIAN if b.bab == bab.kode
        ))
        for bab in BAB
    )


def _desimal(teks: Any) -> Decimal | None:
    return None if teks in (None, "") else Decimal(str(teks))


def _lhe(laporan: Laporan) -> DataLHE | None:
    try:
        lhe = laporan.lhe
    except Laporan.lhe.RelatedObjectDoesNotExist:  # type: ignore[attr-defined]
        return None
    komponen = tuple(
        KomponenLHE(
            k.get("kode", ""), k.get("uraian", ""), _desimal(k.get("bobot")), _desimal(k.get("nilai_tahun_lalu")),
            tuple(SubkomponenLHE(s.get("kode", ""), s.get("uraian", ""), _desimal(s.get("bobot")),
                                 s.get("predikat", ""), _desimal(s.get("nilai")), s.get("tercetak") or {})
                  for s in k.get("subkomponen") or ()),
            _desimal(k.get("nilai")), k.get("tercetak") or {},
        )
        for k in lhe.komponen
    )
    rekomendasi = tuple(
        RekomendasiTindakLanjut(r.pk, r.urutan, r.uraian, r.uraian_lhe, r.tindak_lanjut, r.target, r.bulan,
                                r.status, (r.tw1, r.tw2, r.tw3, r.tw4), tuple(r.bukti), r.bukti_uraian,
                                r.tercetak, r.versi)
        for r in lhe.rekomendasi.all()
    )
    return DataLHE(lhe.pk, lhe.nomor, lhe.tanggal, lhe.perihal, lhe.dari, lhe.tahun_evaluasi, lhe.predikat,
                   lhe.interpretasi, lhe.nilai, komponen, rekomendasi, lhe.dokumen, lhe.tercetak, lhe.versi)


def konten_laporan(*, opd: PerangkatDaerah, tahun: int) -> KontenLaporan:
    """Everything the report's own content holds for `opd` and `tahun`.

    Queries: 1 when nothing is stored; otherwise 10 — the report with its LHE (1), then one each
    for narasi, pegawai (with unit), pegawai per jabatan, aset, anggaran tahun lalu, rekomendasi
    LHE, penghargaan, crosscutting and tautan (9), whatever the number of rows.
    """
    laporan = (
        Laporan.objects.filter(opd=opd, tahun=tahun).select_related("lhe")
        .prefetch_related("narasi", "pegawai__unit", "pegawai_per_jabatan", "aset", "anggaran_tahun_lalu",
                          "lhe__rekomendasi", "penghargaan", "crosscutting", "tautan")
        .first()
    )
    if laporan is None:
        return KontenLaporan(opd_id=opd.pk, tahun=tahun, ada=False, versi=0, penandatangan=Penandatangan(),
                             bab=_bab({}))
    return KontenLaporan(
        opd_id=opd.pk, tahun=tahun, ada=True, versi=laporan.versi,
        penandatangan=Penandatangan(laporan.ttd_nama, laporan.ttd_nip, laporan.ttd_jabatan, laporan.ttd_tempat,
                                    laporan.ttd_tanggal, laporan.ttd_tanggal_tercetak),
        bab=_bab({n.kunci: (n.teks, n.versi) for n in laporan.narasi.all()}),
        pegawai=tuple(BarisPegawai(p.jabatan, p.pendidikan, p.unit.nama if p.unit else "", p.laki_laki,
                                   p.perempuan) for p in laporan.pegawai.all()),
        pegawai_per_jabatan=tuple(
            BarisPegawaiJabatan(p.kelompok, p.nomor, p.jabatan, p.formasi, p.ada, p.laki_laki, p.perempuan,
                                p.tercetak) for p in laporan.pegawai_per_jabatan.all()),
        aset=tuple(BarisAset(a.kelompok, a.nama, a.jumlah, a.satuan, a.nilai, a.kondisi, a.catatan)
                   for a in laporan.aset.all()),
        anggaran_tahun_lalu=tuple(BarisAnggaranTahunLalu(b.uraian, b.tahun_lalu, b.tahun_ini, b.catatan)
                                  for b in laporan.anggaran_tahun_lalu.all()),
        lhe=_lhe(laporan),
        penghargaan=tuple(Penghargaan(p.nama, p.pemberi, p.tahun, p.uraian, p.nomor, p.penandatangan)
                          for p in laporan.penghargaan.all()),
        crosscutting=tuple(MitraCrosscutting(c.kelompok, c.dengan, c.peran) for c in laporan.crosscutting.all()),
        tautan=tuple(Tautan(t.url, t.keterangan) for t in laporan.tautan.all()),
        tercetak=laporan.tercetak, tambahan=laporan.tambahan,
    )


def laporan_opd(*, opd: PerangkatDaerah, tahun: int) -> Laporan | None:
    """The report row itself (for services and edit pages), scoped by OPD."""
    return Laporan.objects.filter(opd=opd, tahun=tahun).first()
