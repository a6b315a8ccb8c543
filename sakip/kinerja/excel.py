"""PK, Rencana Aksi and budget realisation as Excel workbooks (docs/formats/excel-kinerja.md).

Same design as the plan workbook (`sakip.perencanaan.excel`; the sheet/column machinery of both
is `sakip.core.excel`): a workbook is written from the document of docs/formats/pk.md,
rencana-aksi.md or anggaran.md (`ekspor.py`) and read back into exactly that document, each mapping
carrying its `_lokasi` (cells), so the one importer of each format serves YAML and Excel and names
the cell of every error ("Kinerja!E7: …"). Numbers are TEXT cells in Indonesian notation
("22,300", "670.610.850"); a fraction Excel turned into a float is refused, never guessed.

Columns marked "(info)" are context for the person editing (indicator names, units, computed
absorption) and are not imported.
"""

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sakip.core.excel import (
    BULAT,
    MIMETYPE,
    TANGGAL,
    Baris,
    Kolom,
    Lembar,
    Pembaca,
    Tabel,
    baca_baris,
    buka_buku,
    buka_lembar,
    tulis_lembar,
    ubah_sel,
)
from sakip.core.impor import LOKASI, ContohSel, ImporGagal, KesalahanImpor

from .models import JenisTargetTW, JenisVersi, KelompokAnggaran, SumberDana

__all__ = ["MIMETYPE", "BUKU_PK", "BUKU_RENCANA_AKSI", "BUKU_ANGGARAN", "tulis", "baca"]

SUMBER = tuple(s.value for s in SumberDana)
KELOMPOK = tuple(k.value for k in KelompokAnggaran)
TINGKAT = ("sasaran", "program", "kegiatan", "sub_kegiatan")
TW = ("target_tw1", "target_tw2", "target_tw3", "target_tw4")


@dataclass(frozen=True)
class Buku:
    """One kind of workbook: a key/value identity sheet, then its row sheets."""

    judul: str
    identitas: tuple[Kolom, ...]  # rows of the key/value sheet named `lembar_identitas`
    lembar: tuple[Lembar, ...]
    petunjuk: tuple[str, ...]  # "{contoh}" stands for `contoh_sel`
    # (sheet, column) of the example cell that the Petunjuk sheet and the upload error page use to
    # explain how errors name cells: a cell of this very workbook, never another's.
    contoh: tuple[str, str]
    lembar_identitas: str = "Identitas"

    @property
    def contoh_sel(self) -> ContohSel:
        """The example cell, its column letter as written by `tulis` (row 7: a typical data row)."""
        nama_lembar, nama_kolom = self.contoh
        lembar = next(lb for lb in self.lembar if lb.nama == nama_lembar)
        posisi = next(j for j, k in enumerate(lembar.kolom, start=1) if k.nama == nama_kolom)
        return ContohSel(nama_lembar, get_column_letter(posisi), 7)


def _kv(nama: str) -> Lembar:
    return Lembar(nama, "Identitas dokumen: satu baris per kunci, nilainya di kolom nilai.", (
        Kolom("kunci", "Nama isian", lebar=24),
        Kolom("nilai", "Nilai isian", lebar=60, panjang=True),
        Kolom("keterangan", "Penjelasan isian (tidak diimpor)", lebar=60, panjang=True, wajib_ada=False),
    ), kunci="kunci")


_TW_KOLOM = tuple(Kolom(f"target_tw{i}", f"Target TW {'I' * i if i < 4 else 'IV'} sebagaimana tertulis; kosong = "
                        "tidak ada", lebar=11) for i in range(1, 5))
_UMUM = (
    "Unduh, ubah, lalu unggah kembali di halaman yang sama. Impor bersifat semua-atau-tidak-sama-sekali: bila ada "
    "satu kesalahan, tidak ada yang disimpan, dan setiap kesalahan disebut dengan selnya (mis. {contoh}).",
    "Angka ditulis sebagai TEKS dalam format Indonesia: titik pemisah ribuan, koma desimal (\"670.610.850\", "
    "\"22,300\"); rentang ditulis \"3 - 10\". Pecahan yang diubah Excel menjadi bilangan ditolak karena "
    "desimalnya tidak dapat dipastikan: format sel sebagai Teks lalu ketik ulang. Tanggal ditulis YYYY-MM-DD.",
    "Kolom bertanda (info) hanya keterangan dan tidak diimpor. Kolom berdaftar pilihan hanya menerima nilai dari "
    "daftarnya. Baris kosong diabaikan; urutan baris = urutan pada dokumen.",
)

BUKU_PK = Buku(
    "Perjanjian Kinerja",
    identitas=(
        Kolom("opd", "Slug perangkat daerah"),
        Kolom("tahun", "Tahun PK", BULAT),
        Kolom("ke", "Versi: 0 = induk, 1 = perubahan kesatu, 2 = kedua, …", BULAT),
        Kolom("jenis", "induk atau perubahan"),
        Kolom("alasan", "Alasan perubahan (wajib untuk perubahan)"),
        Kolom("tempat", "Tempat penandatanganan"),
        Kolom("tanggal", "Tanggal penandatanganan YYYY-MM-DD", TANGGAL),
        Kolom("tanggal_tercetak", "Tanggal sebagaimana tercetak bila tanpa hari (mis. Juli 2025)"),
        Kolom("berita_acara_nomor", "Nomor Berita Acara perubahan"),
        Kolom("berita_acara_tanggal", "Tanggal Berita Acara YYYY-MM-DD", TANGGAL),
        Kolom("pihak_pertama_nama", "Nama pihak pertama (kepala perangkat daerah)"),
        Kolom("pihak_pertama_jabatan", "Jabatan pihak pertama"),
        Kolom("pihak_pertama_nip", "NIP pihak pertama"),
        Kolom("pihak_pertama_pangkat", "Pangkat/golongan pihak pertama"),
        Kolom("pihak_kedua_nama", "Nama pihak kedua (kepala daerah)"),
        Kolom("pihak_kedua_jabatan", "Jabatan pihak kedua"),
        Kolom("pihak_kedua_nip", "NIP pihak kedua"),
    ),
    lembar=(
        _kv("PK"),
        Lembar("Kinerja", "Sasaran, indikator, target tahunan dan target triwulan.", (
            Kolom("sasaran", "ref sasaran (Renstra)"),
            Kolom("indikator", "ref indikator sasaran itu"),
            Kolom("indikator_nama", "(info) nama indikator", lebar=45, panjang=True, wajib_ada=False),
            Kolom("satuan", "(info) satuan", wajib_ada=False),
            Kolom("target", "Target tahunan sebagaimana tertulis"),
            *_TW_KOLOM,
            Kolom("jenis_target_tw", "Cara menulis target triwulan", pilihan=tuple(JenisTargetTW.values)),
        ), kunci="indikator", beku="C2"),
        Lembar("Anggaran", "Komponen anggaran PK: program Renstra (ref) atau nama program di luar pohon.", (
            Kolom("program", "ref program (Renstra); kosong bila diisi nama"),
            Kolom("nama", "Nama komponen di luar pohon (mis. Program Penunjang, APBN)", lebar=40, panjang=True),
            Kolom("program_uraian", "(info) uraian program", lebar=45, panjang=True, wajib_ada=False),
            Kolom("sumber", "Sumber dana", pilihan=SUMBER, lebar=20),
            Kolom("pagu", "Pagu Rupiah (teks, mis. 670.610.850)", lebar=18),
            Kolom("keterangan", "Keterangan sebagaimana tercetak", lebar=24),
            Kolom("kelompok", "langsung, penunjang atau pendukung", pilihan=KELOMPOK),
            Kolom("unit", "Slug unit kerja bila program dicantumkan per unit"),
            Kolom("indikator", "ref indikator tempat komponen dicantumkan"),
        ), kunci="program"),
    ),
    petunjuk=(
        "Buku kerja ini memuat SATU versi Perjanjian Kinerja (lembar PK: identitas dan para pihak; Kinerja: target; "
        "Anggaran: komponen anggaran). Isinya sama dengan satu versi berkas YAML PK (docs/formats/pk.md).",
        "Versi yang sudah ada tidak ditimpa: bila isi buku kerja berbeda dari versi terakhir, Sakip mencatatnya "
        "sebagai perubahan baru (Perubahan berikutnya) yang wajib beralasan — isi alasan pada formulir unggah "
        "atau pada baris alasan lembar PK. Versi lama tetap tersimpan untuk perbandingan.",
        *_UMUM,
    ),
    contoh=("Kinerja", "target"),
    lembar_identitas="PK",
)

BUKU_RENCANA_AKSI = Buku(
    "Rencana Aksi",
    identitas=(Kolom("opd", "Slug perangkat daerah"), Kolom("tahun", "Tahun Rencana Aksi", BULAT)),
    lembar=(
        _kv("Identitas"),
        Lembar("RencanaAksi", "Satu baris per indikator, urut seperti dokumen Rencana Aksi.", (
            Kolom("tingkat", "Tingkat simpul", pilihan=TINGKAT),
            Kolom("node", "ref simpul (Renstra)"),
            Kolom("uraian", "(info) uraian simpul", lebar=45, panjang=True, wajib_ada=False),
            Kolom("indikator", "ref indikator simpul itu"),
            Kolom("indikator_nama", "(info) nama indikator", lebar=45, panjang=True, wajib_ada=False),
            Kolom("satuan", "(info) satuan", wajib_ada=False),
            *_TW_KOLOM,
            Kolom("penanggung_jawab", "Penanggung jawab (jabatan)", lebar=28),
            Kolom("unit", "Slug unit kerja penanggung jawab"),
        ), kunci="indikator", beku="C2"),
    ),
    petunjuk=(
        "Buku kerja ini memuat Rencana Aksi satu perangkat daerah untuk satu tahun (docs/formats/rencana-aksi.md). "
        "Mengunggahnya mengganti seluruh baris Rencana Aksi tahun itu; perubahan dicatat dalam jejak audit.",
        *_UMUM,
    ),
    contoh=("RencanaAksi", "target_tw1"),
)

BUKU_ANGGARAN = Buku(
    "Anggaran",
    identitas=(Kolom("opd", "Slug perangkat daerah"), Kolom("tahun", "Tahun anggaran", BULAT)),
    lembar=(
        _kv("Identitas"),
        Lembar("Belanja", "Pagu dan realisasi per program / kegiatan / sub kegiatan (atau baris bernama).", (
            Kolom("node", "ref program/kegiatan/sub kegiatan (Renstra); kosong bila diisi nama"),
            Kolom("nama", "Nama baris di luar pohon (mis. APBN Dekonsentrasi)", lebar=36, panjang=True),
            Kolom("uraian", "(info) uraian", lebar=45, panjang=True, wajib_ada=False),
            Kolom("sumber", "Sumber dana", pilihan=SUMBER, lebar=20),
            Kolom("pagu_sebelum", "Pagu sebelum perubahan (DPA), Rupiah teks", lebar=18),
            Kolom("pagu_sesudah", "Pagu sesudah perubahan (DPPA, berlaku), Rupiah teks", lebar=18),
            Kolom("realisasi", "Realisasi Rupiah (teks); kosong = belum/tidak dicatat per baris", lebar=18),
            Kolom("fisik", "Realisasi fisik %", lebar=10),
            Kolom("kelompok", "langsung, penunjang atau pendukung", pilihan=KELOMPOK),
            Kolom("unit", "Slug unit kerja"),
        ), kunci="node", beku="C2"),
        Lembar("RealisasiSasaran", "Realisasi yang hanya tercetak per sasaran (mis. lkjip-2025 Tabel III.6).", (
            Kolom("sasaran", "ref sasaran"),
            Kolom("uraian", "(info) uraian sasaran", lebar=50, panjang=True, wajib_ada=False),
            Kolom("realisasi", "Realisasi Rupiah (teks)", lebar=18),
        ), kunci="sasaran"),
        Lembar("Pendapatan", "Pendapatan per jenis dengan target dan realisasi.", (
            Kolom("jenis", "Jenis pendapatan", lebar=45, panjang=True),
            Kolom("target", "Target Rupiah (teks)", lebar=18),
            Kolom("realisasi", "Realisasi Rupiah (teks)", lebar=18),
        ), kunci="jenis"),
    ),
    petunjuk=(
        "Buku kerja ini memuat anggaran satu perangkat daerah untuk satu tahun (docs/formats/anggaran.md). "
        "Mengunggahnya mengganti seluruh baris belanja, realisasi per sasaran dan pendapatan tahun itu; setiap "
        "nilai yang berubah dicatat dalam jejak audit. Serapan dan efisiensi dihitung Sakip, tidak diisi.",
        "Lembar Ringkasan (bila ada) hanya keterangan hasil hitungan dan tidak diimpor.",
        *_UMUM,
    ),
    contoh=("Belanja", "realisasi"),
)


# ================================================================ writing

# Document → rows of each sheet.
_BARIS: dict[str, Callable[[Mapping[str, Any]], dict[str, list[Mapping[str, Any]]]]] = {}


def _tw_baris(row: Mapping[str, Any]) -> dict[str, Any]:
    tw = row.get("target_tw") or [None] * 4
    return {**row, **dict(zip(TW, tw, strict=True))}


def _identitas(buku: Buku, nilai: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [{"kunci": k.nama, "nilai": nilai.get(k.nama), "keterangan": k.arti} for k in buku.identitas]


def _baris_pk(dok: Mapping[str, Any]) -> dict[str, list[Mapping[str, Any]]]:
    v = (dok.get("versi") or [{}])[0]
    ba = v.get("berita_acara") or {}
    satu, dua = v.get("pihak_pertama") or {}, v.get("pihak_kedua") or {}
    nilai = {
        "opd": dok.get("opd"), "tahun": dok.get("tahun"), **v,
        "berita_acara_nomor": ba.get("nomor"), "berita_acara_tanggal": ba.get("tanggal"),
        **{f"pihak_pertama_{k}": satu.get(k) for k in ("nama", "jabatan", "nip", "pangkat")},
        **{f"pihak_kedua_{k}": dua.get(k) for k in ("nama", "jabatan", "nip")},
    }
    return {"PK": _identitas(BUKU_PK, nilai), "Kinerja": [_tw_baris(r) for r in v.get("kinerja") or []],
            "Anggaran": list(v.get("anggaran") or [])}


def _baris_ra(dok: Mapping[str, Any]) -> dict[str, list[Mapping[str, Any]]]:
    return {"Identitas": _identitas(BUKU_RENCANA_AKSI, dok),
            "RencanaAksi": [_tw_baris(r) for r in dok.get("baris") or []]}


def _baris_anggaran(dok: Mapping[str, Any]) -> dict[str, list[Mapping[str, Any]]]:
    return {"Identitas": _identitas(BUKU_ANGGARAN, dok), "Belanja": list(dok.get("belanja") or []),
            "RealisasiSasaran": list(dok.get("per_sasaran") or []),
            "Pendapatan": list(dok.get("pendapatan") or [])}


_BARIS.update({BUKU_PK.judul: _baris_pk, BUKU_RENCANA_AKSI.judul: _baris_ra, BUKU_ANGGARAN.judul: _baris_anggaran})


def tulis(buku: Buku, dokumen: Mapping[str, Any], *,
          tambahan: Callable[[Workbook], None] | None = None) -> bytes:
    """The .xlsx of a document; `tambahan` may add sheets that are not imported (Ringkasan)."""
    wb = Workbook()
    petunjuk = wb.active
    assert petunjuk is not None
    petunjuk.title = "Petunjuk"
    _tulis_petunjuk(petunjuk, buku)
    baris = _BARIS[buku.judul](dokumen)
    for lembar in buku.lembar:
        tulis_lembar(wb.create_sheet(lembar.nama), lembar, lembar.kolom, baris[lembar.nama])
    if tambahan is not None:
        tambahan(wb)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def _tulis_petunjuk(ws: Worksheet, buku: Buku) -> None:
    ws.append([f"Petunjuk buku kerja {buku.judul} Sakip"])
    ws["A1"].font = Font(bold=True, size=14)
    for paragraf in buku.petunjuk:
        ws.append([paragraf.replace("{contoh}", str(buku.contoh_sel))])
    ws.append([])
    ws.append(["Lembar", "Kolom", "Arti"])
    for sel in ws[ws.max_row]:
        sel.font = Font(bold=True)
    for lembar in buku.lembar:
        ws.append([lembar.nama, "", lembar.arti])
        kolom = buku.identitas if lembar.nama == buku.lembar_identitas else lembar.kolom
        for k in kolom:
            ws.append(["", k.nama, k.arti + (f" — pilihan: {', '.join(k.pilihan)}" if k.pilihan else "")])
    ws.column_dimensions["A"].width = 110
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = 90


# ================================================================ reading


def _baca_tabel(pembaca: Pembaca, wb: Any, lembar: Lembar) -> Tabel | None:
    ditemukan = buka_lembar(pembaca, wb, lembar, hilang="semua lembar buku kerja wajib ada")
    if ditemukan is None:
        return None
    ws, posisi = ditemukan
    kolom = {k.nama: k for k in lembar.kolom if k.nama in posisi and not k.arti.startswith("(info)")}
    return baca_baris(pembaca, ws, lembar, kolom, posisi)


def _baca_identitas(pembaca: Pembaca, tabel: Tabel, buku: Buku) -> tuple[dict[str, Any], dict[str, str]]:
    """The key/value sheet: values by key (typed by the key's Kolom) and each value's cell."""
    jenis = {k.nama: k for k in buku.identitas}
    nilai: dict[str, Any] = {}
    lokasi: dict[str, str] = {}
    for b in tabel.baris:
        kunci = str(b.nilai.get("kunci") or "").strip()
        if kunci not in jenis:
            pembaca.salah(b.sel("kunci"), f"kunci {kunci!r} tidak dikenal; yang boleh: {', '.join(jenis)}")
            continue
        if kunci in nilai:
            pembaca.salah(b.sel("kunci"), f"kunci {kunci!r} ganda")
            continue
        lokasi[kunci] = b.sel("nilai")
        mentah = b.nilai.get("nilai")
        nilai[kunci] = ubah_sel(pembaca, mentah, jenis[kunci].jenis, lokasi[kunci]) if mentah is not None else None
    return nilai, lokasi


def _tw_dok(b: Baris) -> tuple[dict[str, Any], dict[str, str]]:
    """A row's four TW cells as the document's `target_tw` list, and their cells for errors."""
    tw = [b.nilai.get(k) for k in TW]
    peta = {f"target_tw[{i}]": b.sel(k) for i, k in enumerate(TW, start=1)} | {"target_tw": b.sel(TW[0])}
    return {"target_tw": tw if any(t is not None for t in tw) else None}, peta


def _baris_dok(b: Baris, *, tw: bool = False) -> dict[str, Any]:
    data = {k: v for k, v in b.nilai.items() if k not in TW}
    peta = b.peta()
    if tw:
        tambahan, peta_tw = _tw_dok(b)
        data |= tambahan
        peta |= peta_tw
    data[LOKASI] = peta
    return data


def baca(buku: Buku, isi: bytes, *, sumber: str) -> dict[str, Any]:
    """The document of a workbook, each mapping located; ImporGagal lists every structural error."""
    pembaca = Pembaca()
    wb = buka_buku(isi, sumber)
    tabel = {lb.nama: t for lb in buku.lembar if (t := _baca_tabel(pembaca, wb, lb)) is not None}
    if len(tabel) < len(buku.lembar):
        pembaca.selesai()
    identitas, lokasi = _baca_identitas(pembaca, tabel[buku.lembar_identitas], buku)
    pembaca.selesai()
    dok: dict[str, Any] = {"opd": identitas.get("opd"), "tahun": identitas.get("tahun"),
                           LOKASI: {k: lokasi[k] for k in ("opd", "tahun") if k in lokasi}}
    if buku is BUKU_PK:
        dok["versi"] = [_versi_dok(identitas, lokasi, tabel)]
    elif buku is BUKU_RENCANA_AKSI:
        dok["baris"] = [_baris_dok(b, tw=True) for b in tabel["RencanaAksi"].baris]
    else:
        dok["belanja"] = [_baris_dok(b) for b in tabel["Belanja"].baris]
        dok["per_sasaran"] = [_baris_dok(b) for b in tabel["RealisasiSasaran"].baris]
        dok["pendapatan"] = [_baris_dok(b) for b in tabel["Pendapatan"].baris]
    return dok


def _versi_dok(nilai: Mapping[str, Any], lokasi: Mapping[str, str], tabel: Mapping[str, Tabel]) -> dict[str, Any]:
    def pihak(awalan: str, kunci: Sequence[str]) -> dict[str, Any]:
        return {**{k: nilai.get(f"{awalan}_{k}") for k in kunci},
                LOKASI: {k: lokasi[f"{awalan}_{k}"] for k in kunci if f"{awalan}_{k}" in lokasi}
                | {"": lokasi.get(f"{awalan}_nama", "PK!B1")}}

    ke = nilai.get("ke")
    jenis = nilai.get("jenis") or (JenisVersi.INDUK.value if ke == 0 else JenisVersi.PERUBAHAN.value)
    return {
        "jenis": jenis, "ke": ke, "alasan": nilai.get("alasan"), "tempat": nilai.get("tempat"),
        "tanggal": nilai.get("tanggal"), "tanggal_tercetak": nilai.get("tanggal_tercetak"),
        "berita_acara": {"nomor": nilai.get("berita_acara_nomor"), "tanggal": nilai.get("berita_acara_tanggal"),
                         LOKASI: {"nomor": lokasi.get("berita_acara_nomor", "PK!B1"),
                                  "tanggal": lokasi.get("berita_acara_tanggal", "PK!B1"), "": "PK!A1"}},
        "pihak_pertama": pihak("pihak_pertama", ("nama", "jabatan", "nip", "pangkat")),
        "pihak_kedua": pihak("pihak_kedua", ("nama", "jabatan", "nip")),
        "kinerja": [_baris_dok(b, tw=True) for b in tabel["Kinerja"].baris],
        "anggaran": [_baris_dok(b) for b in tabel["Anggaran"].baris],
        LOKASI: {k: v for k, v in lokasi.items()} | {"": "PK!A1"},
    }


def galat(lokasi: str, pesan: str) -> ImporGagal:
    return ImporGagal([KesalahanImpor(lokasi, pesan)])
