"""The registry of the LKjIP's narrative sections: key → Indonesian title and chapter.

The chapters follow PermenPAN-RB 53/2014 as both seed reports do (DOMAIN §5). A key not in this
registry is refused by the importer and the editor: a typo would otherwise be stored and never
printed. Provinces name sections differently; the titles here are the template's defaults, the
document builder may print its own.

Pure Python (no Django): the importer, the selector and the document builder share it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Bab:
    kode: str
    judul: str


@dataclass(frozen=True)
class Bagian:
    kunci: str
    judul: str
    bab: str  # Bab.kode
    keterangan: str = ""


BAB: tuple[Bab, ...] = (
    Bab("awal", "Kata Pengantar dan Ikhtisar Eksekutif"),
    Bab("I", "Bab I Pendahuluan"),
    Bab("II", "Bab II Perencanaan dan Perjanjian Kinerja"),
    Bab("III", "Bab III Akuntabilitas Kinerja"),
    Bab("IV", "Bab IV Penutup"),
)

# In the order they are printed (lkjip-2025 of Babel; lkip-2024 of NTT for the keys marked NTT).
BAGIAN: tuple[Bagian, ...] = (
    Bagian("kata_pengantar", "Kata Pengantar", "awal"),
    Bagian("ikhtisar_pengantar", "Ikhtisar Eksekutif — pembuka", "awal",
           "Sebelum paragraf capaian per sasaran yang disusun sistem."),
    Bagian("ikhtisar_penutup", "Ikhtisar Eksekutif — penutup", "awal"),
    Bagian("latar_belakang", "Latar Belakang", "I"),
    Bagian("maksud_tujuan", "Maksud dan Tujuan", "I"),  # NTT
    Bagian("dasar_pelaksanaan", "Dasar Hukum Penyusunan", "I"),  # NTT
    Bagian("tugas_fungsi", "Tugas Pokok dan Fungsi", "I"),
    Bagian("struktur_organisasi", "Struktur Organisasi", "I"),  # NTT
    Bagian("pohon_kinerja", "Pohon Kinerja", "I"),
    Bagian("cascading", "Cascading Kinerja", "I"),
    Bagian("isu_strategis", "Isu Strategis", "I"),
    Bagian("sdm", "Sumber Daya Manusia", "I", "Di bawah tabel pegawai."),
    Bagian("sarana_prasarana", "Sarana dan Prasarana", "I", "Di bawah tabel aset."),
    Bagian("dukungan_anggaran", "Dukungan Anggaran", "I",
           "Di bawah tabel perbandingan anggaran dengan tahun lalu."),
    Bagian("visi_misi", "Visi dan Misi", "II"),  # NTT
    Bagian("perencanaan", "Rencana Strategis: Tujuan dan Sasaran", "II"),
    Bagian("strategi", "Strategi dan Arah Kebijakan", "II"),
    Bagian("struktur_program", "Struktur Program dan Kegiatan", "II"),
    Bagian("iku", "Indikator Kinerja Utama", "II"),
    Bagian("perjanjian_kinerja", "Perjanjian Kinerja", "II"),
    Bagian("instrumen_pendukung", "Instrumen Pendukung", "II"),
    Bagian("pengukuran", "Pengukuran Kinerja", "III"),
    Bagian("capaian_pengantar", "Capaian Kinerja — pembuka", "III"),  # NTT
    Bagian("evaluasi_pengantar", "Evaluasi dan Analisis Capaian — pembuka", "III"),  # NTT
    Bagian("faktor_pendukung", "Faktor Pendukung", "III",
           "Tingkat OPD; faktor per indikator diisi bersama realisasi."),
    Bagian("faktor_penghambat", "Faktor Penghambat", "III"),
    Bagian("upaya", "Upaya Peningkatan Kinerja", "III"),
    Bagian("efisiensi", "Realisasi Anggaran dan Efisiensi", "III"),
    Bagian("tindak_lanjut_lhe", "Tindak Lanjut Rekomendasi LHE", "III",
           "Di atas tabel tindak lanjut LHE SAKIP."),
    Bagian("inovasi", "Inovasi", "III"),
    Bagian("penghargaan", "Penghargaan", "III"),
    Bagian("crosscutting", "Crosscutting", "III"),
    Bagian("kesimpulan", "Kesimpulan", "IV"),
    Bagian("rekomendasi", "Rekomendasi", "IV"),
    Bagian("rencana_aksi", "Rencana Aksi", "IV"),
)

BAGIAN_PER_KUNCI: dict[str, Bagian] = {b.kunci: b for b in BAGIAN}
URUTAN: dict[str, int] = {b.kunci: i for i, b in enumerate(BAGIAN)}

# Other names a report uses for a registered section (lkip-2024 NTT writes the full word).
ALIAS: dict[str, str] = {"sumber_daya_manusia": "sdm"}


def bagian(kunci: str) -> Bagian:
    """The registered section `kunci`; KeyError with an Indonesian message otherwise."""
    try:
        return BAGIAN_PER_KUNCI[ALIAS.get(kunci, kunci)]
    except KeyError:
        raise KeyError(pesan_kunci_tak_dikenal(kunci)) from None


def pesan_kunci_tak_dikenal(kunci: str) -> str:
    return (f"bagian narasi '{kunci}' tidak dikenal; yang dikenal: "
            + ", ".join(b.kunci for b in BAGIAN))
