"""The plan as an Excel workbook: the document of docs/formats/rencana.md in flat sheets.

`dokumen_ke_workbook` writes the document `ekspor.rencana_dokumen` gives; `workbook_ke_dokumen`
reads a workbook back into exactly that document, so the one importer (`impor.rencana_impor`)
serves YAML and Excel alike and export → import is lossless. Sheets and columns are declared once
(`LEMBAR`) and drive the writer, the reader and the "Petunjuk" sheet; docs/formats/rencana.md
("Excel workbook") describes the same, and a test keeps the two in step. The sheet/column
machinery, shared with the PK/RA/budget workbooks, is `sakip.core.excel`.

Decisions (the user's side is in the Petunjuk sheet and the docs):

- Numbers are TEXT cells written the Indonesian way; a fraction Excel made numeric is refused
  with its cell (`sakip.core.excel`).
- Every mapping read carries a `_lokasi` map (`sakip.core.impor.LOKASI`) from its keys to cells,
  so the importer's own checks name the cell: "Indikator!F12: polaritas harus salah satu dari …".
- What only a workbook can get wrong (a missing sheet or column, an unknown or circular
  induk_ref, a duplicate ref, a cell of the wrong type) is checked here; every such error is
  collected, located, and raised before the importer runs.
"""

import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from sakip.core.excel import (
    BULAT,
    MIMETYPE,  # noqa: F401  (the plan's views and tests take it from here)
    RATA_PANJANG,
    TANGGAL,
    YA_TIDAK,
    Baris,
    Kolom,
    Lembar,
    Pembaca,
    Tabel,
    baca_baris,
    buka_buku,
    buka_lembar,
    gaya_judul,
    tulis_lembar,
    ubah_sel,
)
from sakip.core.impor import LOKASI
from sakip.engine.agregasi import Agregasi
from sakip.engine.capaian import Polaritas
from sakip.engine.kebijakan import RumusNegatif

from .models import JenisNode, JenisStrategi
from .target import SKALA_KUALITATIF

# kebijakan_batas_atas: an override that removes the Pemda's cap (kebijakan {batas_atas: null}).
TANPA_BATAS = "tanpa batas"

_TAHUN = re.compile(r"^\d{4}$")


def _pilihan(nilai: Iterable[Any]) -> tuple[str, ...]:
    return tuple(str(getattr(v, "value", v)) for v in nilai)


JENIS_NODE = _pilihan(JenisNode)
POLARITAS = _pilihan(Polaritas)
AGREGASI = _pilihan(Agregasi)
SKALA = tuple(SKALA_KUALITATIF)
RUMUS_NEGATIF = _pilihan(RumusNegatif)
JENIS_STRATEGI = _pilihan(JenisStrategi)
YA_ATAU_TIDAK = ("ya", "tidak")

# Rows of the key/value "Renstra" sheet, in the same Kolom form.
BARIS_RENSTRA: tuple[Kolom, ...] = (
    Kolom("opd", "Slug perangkat daerah pemilik Renstra (mis. babel-disperindag)"),
    Kolom("nama", "Nama dokumen Renstra"),
    Kolom("tahun_awal", "Tahun pertama periode Renstra", BULAT),
    Kolom("tahun_akhir", "Tahun terakhir periode Renstra", BULAT),
    Kolom("dasar_hukum", "Dasar hukum penetapan Renstra (boleh kosong)", panjang=True, wajib_ada=False),
)

LEMBAR: tuple[Lembar, ...] = (
    Lembar("Renstra", "Identitas Renstra: satu baris per kunci (kolom kunci), nilainya di kolom nilai.", (
        Kolom("kunci", "Nama isian: opd, nama, tahun_awal, tahun_akhir, dasar_hukum", lebar=16),
        Kolom("nilai", "Nilai isian", lebar=70, panjang=True),
        Kolom("keterangan", "Penjelasan isian (tidak diimpor)", lebar=50, panjang=True, wajib_ada=False),
    ), kunci="kunci"),
    Lembar("SasaranPemda", "Sasaran/tujuan RPJMD/RPD yang didukung Renstra.", (
        Kolom("ref", "Kode unik sasaran Pemda (tanpa koma), dirujuk kolom sasaran_pemda lembar Pohon"),
        Kolom("uraian", "Uraian sasaran Pemda", lebar=70, panjang=True),
    ), kunci="ref"),
    Lembar("DataElemen", "Data mentah yang dibaca rumus indikator; satu daftar per OPD.", (
        Kolom("kode", "Nama dalam rumus: huruf kecil, angka, garis bawah (mis. unit_industri)", lebar=30),
        Kolom("nama", "Nama data elemen", lebar=45, panjang=True),
        Kolom("satuan", "Satuan"),
        Kolom("sumber", "Sumber data", lebar=25),
        Kolom("formula", "Rumus untuk data elemen turunan; kosong = data mentah", lebar=40, panjang=True),
    ), kunci="kode"),
    Lembar("Pohon", "Pohon kinerja: satu baris per simpul, anak ditautkan ke induknya lewat induk_ref. "
           "Urutan baris = urutan simpul.", (
        Kolom("ref", "Kode unik simpul (mis. T1, S1, P1.2, K1.2.3)"),
        Kolom("induk_ref", "ref simpul induk; kosong = puncak pohon"),
        Kolom("jenis", "Jenis simpul; kosong = tujuan", pilihan=JENIS_NODE),
        Kolom("kode", "Kode nasional program/kegiatan/sub kegiatan U.BB.PP.K.KK.SSSS (boleh kosong)", lebar=18),
        Kolom("uraian", "Uraian simpul", lebar=60, panjang=True),
        Kolom("kinerja", "Pernyataan kinerja (hasil/keluaran), boleh kosong", lebar=45, panjang=True),
        Kolom("unit", "Slug unit kerja penanggung jawab (boleh kosong)", lebar=18),
        Kolom("sasaran_pemda", "Tujuan/sasaran saja: ref SasaranPemda yang didukung, dipisah koma (mis. SP1, SP1.1)",
              lebar=18),
    ), kunci="ref"),
    Lembar("Strategi", "Strategi dan arah kebijakan sasaran: satu baris per butir, berurutan.", (
        Kolom("simpul_ref", "ref simpul (lembar Pohon)"),
        Kolom("jenis", "strategi atau arah_kebijakan", pilihan=JENIS_STRATEGI, lebar=16),
        Kolom("uraian", "Uraian", lebar=80, panjang=True),
    ), kunci="simpul_ref"),
    Lembar("Crosscutting", "Keterkaitan simpul dengan OPD lain atau instansi luar.", (
        Kolom("simpul_ref", "ref simpul (lembar Pohon)"),
        Kolom("dengan", "Slug OPD atau nama instansi", lebar=40, panjang=True),
        Kolom("peran", "Peran instansi tersebut", lebar=60, panjang=True),
    ), kunci="simpul_ref"),
    Lembar("Indikator", "Indikator kinerja: satu baris per indikator, di bawah simpulnya. "
           "Urutan baris = urutan indikator.", (
        Kolom("simpul_ref", "ref simpul pemilik indikator (lembar Pohon)"),
        Kolom("ref", "Kode unik indikator (mis. IKU1), dirujuk lembar Target dan Nasional"),
        Kolom("nama", "Nama indikator", lebar=50, panjang=True),
        Kolom("satuan", "Satuan (wajib untuk IKU)"),
        Kolom("polaritas", "Arah capaian; kosong = positif (wajib diisi untuk IKU)", pilihan=POLARITAS),
        Kolom("skala_kualitatif", "Indikator kualitatif saja: skala labelnya", pilihan=SKALA, lebar=16),
        Kolom("desimal", "Jumlah desimal saat ditampilkan, 0–8; kosong = 2", BULAT, lebar=9),
        Kolom("agregasi", "Cara nilai triwulan menjadi nilai tahunan; kosong = nilai_akhir", pilihan=AGREGASI),
        Kolom("formula", "Rumus atas data elemen; kosong = nilai diisi langsung", lebar=40, panjang=True),
        Kolom("formulasi", "Formulasi perhitungan sebagaimana tercetak di dokumen", lebar=40, panjang=True),
        Kolom("sumber_data", "Sumber data", lebar=20),
        Kolom("iku", "Indikator Kinerja Utama? ya atau tidak", YA_TIDAK, pilihan=YA_ATAU_TIDAK, lebar=8),
        Kolom("sk_iku", "Nomor SK penetapan IKU", lebar=24),
        Kolom("baseline_tahun", "Tahun nilai dasar", BULAT, lebar=10),
        Kolom("baseline_nilai", "Nilai dasar (angka Indonesia sebagai teks)", lebar=12),
        Kolom("kebijakan_rumus_negatif", "Timpa rumus indikator negatif Pemda; kosong = ikut Pemda",
              pilihan=RUMUS_NEGATIF, lebar=14),
        Kolom("kebijakan_batas_atas", f"Timpa batas atas capaian Pemda (mis. 100); \"{TANPA_BATAS}\" = tanpa batas; "
              "kosong = ikut Pemda", lebar=14),
    ), kunci="ref", beku="C2"),
    Lembar("Target", "Target per indikator: baris ke 0 = target awal Renstra, baris ke 1, 2, … = revisi berikutnya "
           "(yang terakhir berlaku). Satu kolom per tahun; sel kosong = revisi itu tidak mengubah tahun tersebut.", (
        Kolom("indikator_ref", "ref indikator (lembar Indikator)"),
        Kolom("ke", "Urutan: 0 = Awal, lalu 1, 2, … tanpa loncatan", BULAT, lebar=6),
        Kolom("label", "Nama revisi (mis. Revisi, SK IKU Perubahan Kedua); diabaikan pada baris ke 0", lebar=20),
        Kolom("tanggal", "Tanggal revisi YYYY-MM-DD (boleh kosong; kosong pada baris ke 0)", TANGGAL, lebar=12),
        Kolom("alasan", "Alasan revisi (wajib untuk revisi; kosong pada baris ke 0)", lebar=40, panjang=True),
        Kolom("target_akhir", "Target akhir periode Renstra", lebar=12),
    ), kunci="indikator_ref", beku="C2", per_tahun=True),
    Lembar("Nasional", "Nilai nasional pembanding per indikator dan tahun.", (
        Kolom("indikator_ref", "ref indikator (lembar Indikator)"),
        Kolom("tahun", "Tahun", BULAT, lebar=8),
        Kolom("nilai", "Nilai nasional (angka Indonesia sebagai teks)"),
    ), kunci="indikator_ref"),
)
LEMBAR_MENURUT_NAMA = {lembar.nama: lembar for lembar in LEMBAR}

KOLOM_TAHUN_ARTI = "Satu kolom per tahun (judul = tahun, mis. 2025): target tahun itu sebagai teks"

PETUNJUK_UMUM: tuple[str, ...] = (
    "Buku kerja ini memuat satu Renstra perangkat daerah dengan seluruh cascading-nya: tujuan → sasaran → "
    "program → kegiatan → sub kegiatan, indikator, data elemen, target beserta revisinya, dan nilai nasional. "
    "Isinya sama dengan berkas YAML rencana (docs/formats/rencana.md).",
    "Unduh, ubah, lalu unggah kembali. Impor bersifat semua-atau-tidak-sama-sekali: bila ada satu kesalahan, "
    "tidak ada yang disimpan, dan setiap kesalahan disebut dengan selnya, mis. Indikator!F12.",
    "Baris dicocokkan dengan ref: mengubah ref berarti membuat baris baru. Impor tidak pernah menghapus; "
    "simpul atau indikator yang tidak ada lagi di buku kerja hanya dilaporkan sebagai peringatan.",
    "Target tidak pernah ditimpa: target yang diubah dicatat sebagai revisi baru dan riwayatnya tetap tersimpan.",
    "Angka ditulis sebagai TEKS dalam format Indonesia persis seperti dokumen sumber: titik pemisah ribuan, "
    "koma desimal (\"1.916.311,34\", \"22,300\"). Target rentang ditulis \"3 - 10\", target kualitatif dengan "
    "labelnya (\"WTP\"). Bila Excel mengubah angka yang diketik menjadi bilangan, bilangan bulat diterima "
    "apa adanya, tetapi pecahan ditolak karena desimalnya tidak dapat dipastikan: format sel sebagai Teks "
    "lalu ketik ulang.",
    "Tanggal ditulis YYYY-MM-DD (mis. 2024-07-01).",
    "Kolom berdaftar pilihan hanya menerima nilai dari daftarnya. Sel kosong pada kolom jenis, polaritas, "
    "desimal dan agregasi berarti nilai bawaan (tujuan, positif, 2, nilai_akhir).",
    "Semua lembar wajib ada dan setiap kolom wajib ada di baris 1 (urutan kolom bebas). Kolom tambahan "
    "(mis. catatan) dan baris kosong diabaikan. Rumus Excel tidak didukung: ketik nilainya.",
)


# ================================================================ writing


def dokumen_ke_workbook(dokumen: Mapping[str, Any]) -> bytes:
    """The .xlsx of a plan document (the dict of `rencana_dokumen`, or a YAML file's)."""
    buku = Workbook()
    petunjuk = buku.active
    assert petunjuk is not None
    petunjuk.title = "Petunjuk"
    _tulis_petunjuk(petunjuk)
    tahun = _tahun_target(dokumen)
    for lembar, baris in _baris_dokumen(dokumen).items():
        spec = LEMBAR_MENURUT_NAMA[lembar]
        kolom = spec.kolom + (_kolom_tahun(tahun) if spec.per_tahun else ())
        tulis_lembar(buku.create_sheet(lembar), spec, kolom, baris)
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def _kolom_tahun(tahun: Iterable[int]) -> tuple[Kolom, ...]:
    return tuple(Kolom(str(t), KOLOM_TAHUN_ARTI, lebar=11) for t in tahun)


def _tahun_target(dokumen: Mapping[str, Any]) -> list[int]:
    """The Renstra years, plus any other year a target names (a hand-written document)."""
    renstra = dokumen.get("renstra") or {}
    awal, akhir = renstra.get("tahun_awal"), renstra.get("tahun_akhir")
    tahun = set(range(awal, akhir + 1)) if isinstance(awal, int) and isinstance(akhir, int) else set()
    for ind in _semua_indikator(dokumen.get("pohon") or []):
        for rv in [ind, *(ind.get("revisi") or [])]:
            tahun.update(int(t) for t in (rv.get("target") or {}))
    return sorted(tahun)


def _telusuri(pohon: Sequence[Mapping[str, Any]], induk: str | None = None) -> Iterator[tuple[Mapping[str, Any], str | None]]:
    """Every node with its parent's ref, depth first: the order the importer numbers them."""
    for simpul in pohon:
        yield simpul, induk
        yield from _telusuri(simpul.get("anak") or [], simpul.get("ref"))


def _semua_indikator(pohon: Sequence[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    for simpul, _ in _telusuri(pohon):
        yield from simpul.get("indikator") or []


def _baris_dokumen(dokumen: Mapping[str, Any]) -> dict[str, list[Mapping[str, Any]]]:
    """One list of rows (column → value) per sheet."""
    renstra = dokumen.get("renstra") or {}
    nilai_renstra = {**renstra, "opd": dokumen.get("opd")}
    baris: dict[str, list[Mapping[str, Any]]] = {
        "Renstra": [{"kunci": k.nama, "nilai": nilai_renstra.get(k.nama), "keterangan": k.arti}
                    for k in BARIS_RENSTRA],
        "SasaranPemda": list(renstra.get("sasaran_pemda") or []),
        "DataElemen": list(dokumen.get("data_elemen") or []),
        "Pohon": [], "Strategi": [], "Crosscutting": [], "Indikator": [], "Target": [], "Nasional": [],
    }
    for simpul, induk in _telusuri(dokumen.get("pohon") or []):
        ref = simpul.get("ref")
        baris["Pohon"].append({**simpul, "induk_ref": induk,
                               "sasaran_pemda": ", ".join(simpul.get("sasaran_pemda") or [])})
        for jenis in JENIS_STRATEGI:
            baris["Strategi"] += [{"simpul_ref": ref, "jenis": jenis, "uraian": u} for u in simpul.get(jenis) or []]
        baris["Crosscutting"] += [{**cc, "simpul_ref": ref} for cc in simpul.get("crosscutting") or []]
        for ind in simpul.get("indikator") or []:
            baris["Indikator"].append(_baris_indikator(ind, ref))
            baris["Target"] += _baris_target(ind)
            baris["Nasional"] += [{"indikator_ref": ind.get("ref"), "tahun": int(t), "nilai": v}
                                  for t, v in sorted((ind.get("nasional") or {}).items())]
    return baris


def _baris_indikator(ind: Mapping[str, Any], simpul_ref: str | None) -> dict[str, Any]:
    baseline = ind.get("baseline") or {}
    kebijakan = ind.get("kebijakan") or {}
    batas: Any = kebijakan.get("batas_atas")
    if "batas_atas" in kebijakan and batas is None:
        batas = TANPA_BATAS
    return {
        **ind,
        "simpul_ref": simpul_ref,
        "iku": bool(ind.get("iku")),
        "baseline_tahun": baseline.get("tahun"),
        "baseline_nilai": baseline.get("nilai"),
        "kebijakan_rumus_negatif": kebijakan.get("rumus_negatif"),
        "kebijakan_batas_atas": batas,
    }


def _baris_target(ind: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Row ke 0 is the first ("Awal") targets, then one row per revision, oldest first."""
    if "revisi" not in ind and not ind.get("target") and not ind.get("target_akhir"):
        return []  # an indicator without any target set: no row, so none is invented on import
    ref = ind.get("ref")
    baris = [{"indikator_ref": ref, "ke": 0, "label": "Awal", "target_akhir": ind.get("target_akhir"),
              **_per_tahun(ind.get("target"))}]
    for ke, rv in enumerate(ind.get("revisi") or [], start=1):
        baris.append({"indikator_ref": ref, "ke": ke, "label": rv.get("label"), "tanggal": rv.get("tanggal"),
                      "alasan": rv.get("alasan"), "target_akhir": rv.get("target_akhir"),
                      **_per_tahun(rv.get("target"))})
    return baris


def _per_tahun(target: Mapping[Any, Any] | None) -> dict[str, Any]:
    return {str(int(t)): v for t, v in (target or {}).items()}


def _tulis_petunjuk(ws: Worksheet) -> None:
    ws.append(["Petunjuk buku kerja rencana (Renstra) Sakip"])
    ws["A1"].font = Font(bold=True, size=14)
    for paragraf in PETUNJUK_UMUM:
        ws.append([paragraf])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=4)
        ws.cell(row=ws.max_row, column=1).alignment = RATA_PANJANG
        ws.row_dimensions[ws.max_row].height = 15 * (1 + len(paragraf) // 140)
    ws.append([])
    ws.append(["Lembar", "Kolom", "Arti", "Nilai yang boleh"])
    for sel in ws[ws.max_row]:
        gaya_judul(sel)
    for lembar in LEMBAR:
        ws.append([lembar.nama, "", lembar.arti])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
        kolom = BARIS_RENSTRA if lembar.nama == "Renstra" else lembar.kolom
        if lembar.nama == "Renstra":
            ws.append(["", "(kunci)", "Baris-baris kolom kunci:"])
        for k in kolom:
            ws.append(["", k.nama, k.arti, _nilai_boleh(k)])
        if lembar.per_tahun:
            ws.append(["", "2023, 2024, …", KOLOM_TAHUN_ARTI, "angka Indonesia, rentang \"3 - 10\" atau label"])
    for huruf, lebar in zip("ABCD", (16, 26, 90, 40), strict=True):
        ws.column_dimensions[huruf].width = lebar
    for baris in ws.iter_rows(min_row=len(PETUNJUK_UMUM) + 3):
        for sel in baris[2:]:
            sel.alignment = RATA_PANJANG


def _nilai_boleh(kolom: Kolom) -> str:
    if kolom.pilihan:
        return ", ".join(kolom.pilihan)
    return {BULAT: "bilangan bulat", TANGGAL: "YYYY-MM-DD", YA_TIDAK: "ya, tidak"}.get(kolom.jenis, "teks")


# ================================================================ reading


def workbook_ke_dokumen(isi: bytes, *, sumber: str) -> dict[str, Any]:
    """The plan document of a workbook, each mapping located (`_lokasi`); raises ImporGagal
    listing every structural error with its sheet and cell."""
    pembaca = Pembaca()
    buku = buka_buku(isi, sumber)
    tabel: dict[str, Tabel] = {}
    for lembar in LEMBAR:
        hasil = _baca_lembar(pembaca, buku, lembar)
        if hasil is not None:
            tabel[lembar.nama] = hasil
    if len(tabel) < len(LEMBAR):
        pembaca.selesai()  # a sheet or column is missing: the rows cannot be interpreted
    # Unreadable cells are empty from here on, so the cross-sheet checks still run and the
    # planner gets every error in one pass.
    dokumen = _susun(pembaca, tabel)
    pembaca.selesai()
    return dokumen


def _baca_lembar(pembaca: Pembaca, buku: Any, lembar: Lembar) -> Tabel | None:
    ditemukan = buka_lembar(pembaca, buku, lembar, hilang="semua lembar buku kerja rencana wajib ada "
                            "(lembar yang hilang akan mengosongkan isinya)")
    if ditemukan is None:
        return None
    ws, posisi = ditemukan
    kolom = {k.nama: k for k in lembar.kolom if k.nama in posisi}
    kolom |= {nama: Kolom(nama, KOLOM_TAHUN_ARTI) for nama in posisi if lembar.per_tahun and _TAHUN.match(nama)}
    return baca_baris(pembaca, ws, lembar, kolom, posisi)


# ---------------------------------------------------------------- from rows to the document


def _susun(pembaca: Pembaca, tabel: Mapping[str, Tabel]) -> dict[str, Any]:
    renstra, opd = _susun_renstra(pembaca, tabel["Renstra"])
    renstra["sasaran_pemda"] = _susun_sasaran_pemda(pembaca, tabel["SasaranPemda"])
    data_elemen = [_susun_data_elemen(b) for b in tabel["DataElemen"].baris]
    pohon, simpul = _susun_pohon(pembaca, tabel["Pohon"])
    _pasang_strategi(pembaca, tabel["Strategi"], simpul)
    _pasang_crosscutting(pembaca, tabel["Crosscutting"], simpul)
    indikator = _pasang_indikator(pembaca, tabel["Indikator"], simpul)
    _pasang_target(pembaca, tabel["Target"], indikator)
    _pasang_nasional(pembaca, tabel["Nasional"], indikator)
    return {
        "opd": opd,
        "renstra": renstra,
        "data_elemen": data_elemen,
        "pohon": pohon,
        # A formula cycle involves several rows: it is reported on the formula column.
        LOKASI: {"": "Renstra!A1", "opd": renstra[LOKASI].get("opd", "Renstra!A:A"),
                 "data_elemen": tabel["DataElemen"].kolom("formula"), "pohon": tabel["Pohon"].kolom("ref")},
    }


def _susun_renstra(pembaca: Pembaca, tabel: Tabel) -> tuple[dict[str, Any], str | None]:
    spec = {k.nama: k for k in BARIS_RENSTRA}
    nilai: dict[str, Any] = {}
    peta: dict[str, str] = {"": "Renstra!A1", "sasaran_pemda": "SasaranPemda!A:A"}
    for b in tabel.baris:
        kunci = (b.nilai["kunci"] or "").lower()
        if kunci not in spec:
            continue  # a note row the planner added
        if kunci in peta:
            pembaca.salah(b.sel("kunci"), f"kunci {kunci!r} ganda (juga di {peta[kunci]})")
            continue
        peta[kunci] = b.sel("nilai")
        nilai[kunci] = ubah_sel(pembaca, b.nilai["nilai"], spec[kunci].jenis, b.sel("nilai"))
    for k in BARIS_RENSTRA:
        if k.wajib_ada and k.nama not in peta:
            pembaca.salah(tabel.kolom("kunci"), f"baris dengan kunci {k.nama!r} tidak ada")
    renstra = {
        "nama": nilai.get("nama") or "",
        "tahun_awal": nilai.get("tahun_awal"),
        "tahun_akhir": nilai.get("tahun_akhir"),
        "dasar_hukum": nilai.get("dasar_hukum") or "",
        LOKASI: peta,
    }
    return renstra, nilai.get("opd")


def _susun_sasaran_pemda(pembaca: Pembaca, tabel: Tabel) -> list[dict[str, Any]]:
    hasil = []
    for b in tabel.baris:
        ref = b.nilai["ref"] or ""
        if "," in ref:
            pembaca.salah(b.sel("ref"), f"ref {ref!r} tidak boleh memuat koma (kolom sasaran_pemda di Pohon "
                                        "memisahkan ref dengan koma)")
        hasil.append({"ref": ref, "uraian": b.nilai["uraian"] or "", LOKASI: b.peta()})
    return hasil


def _susun_data_elemen(b: Baris) -> dict[str, Any]:
    v = b.nilai
    return {"kode": v["kode"] or "", "nama": v["nama"] or "", "satuan": v["satuan"] or "",
            "sumber": v["sumber"] or "", "formula": v["formula"], LOKASI: b.peta()}


def _berref(pembaca: Pembaca, tabel: Tabel, kolom: str, apa: str) -> dict[str, Baris]:
    """Rows by their ref; a missing or duplicate ref is an error (other sheets refer by it)."""
    hasil: dict[str, Baris] = {}
    for b in tabel.baris:
        ref = b.nilai[kolom]
        if not ref:
            pembaca.salah(b.sel(kolom), f"ref {apa} wajib diisi (lembar lain merujuk baris dengan ref-nya)")
        elif ref in hasil:
            pembaca.salah(b.sel(kolom), f"ref {apa} {ref!r} ganda (juga di {hasil[ref].sel(kolom)})")
        else:
            hasil[ref] = b
    return hasil


def _susun_pohon(pembaca: Pembaca, tabel: Tabel) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The nested tree from rows linked by induk_ref; children keep the order of the rows."""
    baris = _berref(pembaca, tabel, "ref", "simpul")
    simpul = {ref: _simpul(b) for ref, b in baris.items()}
    akar: list[dict[str, Any]] = []
    for ref, b in baris.items():
        induk = b.nilai["induk_ref"]
        if not induk:
            akar.append(simpul[ref])
        elif induk not in simpul:
            pembaca.salah(b.sel("induk_ref"), f"induk_ref {induk!r} tidak ada di kolom ref lembar Pohon")
        else:
            simpul[induk]["anak"].append(simpul[ref])
    for ref, b in baris.items():
        lingkaran = _lingkaran(ref, baris)
        if lingkaran:
            pembaca.salah(b.sel("induk_ref"), f"induk_ref berputar: {' → '.join(lingkaran)}; "
                                              "setiap simpul harus tersambung ke puncak pohon")
    return akar, simpul


def _lingkaran(ref: str, baris: Mapping[str, Baris]) -> list[str]:
    """The loop of induk_ref this row is part of (without it a node never reaches the top)."""
    jalur = [ref]
    induk = baris[ref].nilai["induk_ref"]
    while induk in baris and induk not in jalur:
        jalur.append(induk)
        induk = baris[induk].nilai["induk_ref"]
    return [*jalur, ref] if induk == ref else []


def _simpul(b: Baris) -> dict[str, Any]:
    v = b.nilai
    data: dict[str, Any] = {}
    if v["jenis"] is not None:  # empty: the importer's default, as for a YAML file without it
        data["jenis"] = v["jenis"]
    return data | {
        "ref": v["ref"],
        "kode": v["kode"],
        "uraian": v["uraian"] or "",
        "kinerja": v["kinerja"],
        "sasaran_pemda": [s.strip() for s in (v["sasaran_pemda"] or "").split(",") if s.strip()],
        "unit": v["unit"],
        "strategi": [],
        "arah_kebijakan": [],
        "crosscutting": [],
        "indikator": [],
        "anak": [],
        LOKASI: b.peta(),
    }


def _rujukan(pembaca: Pembaca, b: Baris, kolom: str, tujuan: Mapping[str, Any], lembar: str) -> Any:
    """The row another row refers to, or None (error recorded)."""
    ref = b.nilai[kolom]
    if not ref:
        pembaca.salah(b.sel(kolom), "wajib diisi")
        return None
    if ref not in tujuan:
        pembaca.salah(b.sel(kolom), f"{ref!r} tidak ada di kolom ref lembar {lembar}")
        return None
    return tujuan[ref]


def _pasang_strategi(pembaca: Pembaca, tabel: Tabel, simpul: Mapping[str, dict[str, Any]]) -> None:
    for b in tabel.baris:
        node = _rujukan(pembaca, b, "simpul_ref", simpul, "Pohon")
        jenis, uraian = b.nilai["jenis"], b.nilai["uraian"]
        if jenis not in JENIS_STRATEGI:
            pembaca.salah(b.sel("jenis"), f"jenis harus salah satu dari {', '.join(JENIS_STRATEGI)} "
                                          f"(tertulis {jenis!r})")
        elif not uraian:
            pembaca.salah(b.sel("uraian"), "wajib diisi")
        elif node is not None:
            node[jenis].append(uraian)


def _pasang_crosscutting(pembaca: Pembaca, tabel: Tabel, simpul: Mapping[str, dict[str, Any]]) -> None:
    for b in tabel.baris:
        node = _rujukan(pembaca, b, "simpul_ref", simpul, "Pohon")
        if node is not None:
            node["crosscutting"].append(
                {"dengan": b.nilai["dengan"] or "", "peran": b.nilai["peran"] or "", LOKASI: b.peta()})


def _pasang_indikator(
    pembaca: Pembaca, tabel: Tabel, simpul: Mapping[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    hasil: dict[str, dict[str, Any]] = {}
    for ref, b in _berref(pembaca, tabel, "ref", "indikator").items():
        node = _rujukan(pembaca, b, "simpul_ref", simpul, "Pohon")
        hasil[ref] = _indikator(b)
        if node is not None:
            node["indikator"].append(hasil[ref])
    return hasil


def _indikator(b: Baris) -> dict[str, Any]:
    v = b.nilai
    data: dict[str, Any] = {"ref": v["ref"], "nama": v["nama"] or "", "satuan": v["satuan"] or ""}
    # Empty: the importer's default (positif, 2, nilai_akhir), as for a YAML file without the key.
    data |= {k: v[k] for k in ("polaritas", "desimal", "agregasi") if v[k] is not None}
    baseline = None
    if v["baseline_tahun"] is not None or v["baseline_nilai"] is not None:
        baseline = {"tahun": v["baseline_tahun"], "nilai": v["baseline_nilai"] or ""}
    kebijakan: dict[str, Any] = {}
    if v["kebijakan_rumus_negatif"] is not None:
        kebijakan["rumus_negatif"] = v["kebijakan_rumus_negatif"]
    if v["kebijakan_batas_atas"] is not None:
        batas = v["kebijakan_batas_atas"]
        kebijakan["batas_atas"] = None if batas.lower() == TANPA_BATAS else batas
    return data | {
        "skala_kualitatif": v["skala_kualitatif"],
        "formula": v["formula"],
        "formulasi": v["formulasi"] or "",
        "sumber_data": v["sumber_data"] or "",
        "iku": bool(v["iku"]),
        "sk_iku": v["sk_iku"] or "",
        "baseline": baseline,
        "target": {},
        "target_akhir": "",
        "kebijakan": kebijakan,
        "nasional": {},
        LOKASI: b.peta(baseline="baseline_nilai", kebijakan="kebijakan_rumus_negatif",
                       batas_atas="kebijakan_batas_atas"),
    }


def _tahun_baris(b: Baris) -> dict[int, str]:
    return {int(k): v for k, v in b.nilai.items() if _TAHUN.match(k) and v is not None}


def _pasang_target(pembaca: Pembaca, tabel: Tabel, indikator: Mapping[str, dict[str, Any]]) -> None:
    per_indikator: dict[str, list[Baris]] = {}
    for b in tabel.baris:
        if _rujukan(pembaca, b, "indikator_ref", indikator, "Indikator") is None:
            continue
        if b.nilai["ke"] is None:
            pembaca.salah(b.sel("ke"), "wajib diisi (0 = Awal, lalu 1, 2, …)")
            continue
        per_indikator.setdefault(b.nilai["indikator_ref"], []).append(b)
    for ref, baris in per_indikator.items():
        ke = [b.nilai["ke"] for b in baris]
        # 0..n-1 each once; the rows off that (a duplicate, or beyond n-1) are the ones to fix.
        salah = [b for b in baris if ke.count(b.nilai["ke"]) > 1 or b.nilai["ke"] >= len(baris)]
        for b in salah:
            pembaca.salah(b.sel("ke"), f"ke untuk indikator {ref!r} harus 0, 1, 2, … tanpa loncatan atau "
                                       f"ganda (tertulis {sorted(ke)})")
        if not salah:
            _isi_target(pembaca, indikator[ref], sorted(baris, key=lambda b: b.nilai["ke"]))


def _isi_target(pembaca: Pembaca, ind: dict[str, Any], baris: Sequence[Baris]) -> None:
    awal, *lanjut = baris
    for kolom in ("tanggal", "alasan"):
        if awal.nilai[kolom] is not None:
            pembaca.salah(awal.sel(kolom), "baris ke 0 (Awal) tidak memakai tanggal/alasan; buat baris revisi baru")
    ind["target"] = _tahun_baris(awal)
    ind["target_akhir"] = awal.nilai["target_akhir"] or ""
    ind[LOKASI] |= {"target": awal.sel("ke"), "target_akhir": awal.sel("target_akhir")}
    ind[LOKASI] |= {f"target {t}": awal.sel(str(t)) for t in _tahun_kolom(awal)}
    ind["revisi"] = [
        {
            "label": b.nilai["label"] or "",
            "tanggal": b.nilai["tanggal"],
            "alasan": b.nilai["alasan"] or "",
            "target": _tahun_baris(b),
            "target_akhir": b.nilai["target_akhir"] or "",
            LOKASI: b.peta(**{f"target {t}": str(t) for t in _tahun_kolom(b)}, target="ke"),
        }
        for b in lanjut
    ]


def _tahun_kolom(b: Baris) -> list[int]:
    return [int(k) for k in b.huruf if _TAHUN.match(k)]


def _pasang_nasional(pembaca: Pembaca, tabel: Tabel, indikator: Mapping[str, dict[str, Any]]) -> None:
    dilihat: dict[tuple[str, int], str] = {}
    for b in tabel.baris:
        ind = _rujukan(pembaca, b, "indikator_ref", indikator, "Indikator")
        tahun, nilai = b.nilai["tahun"], b.nilai["nilai"]
        if tahun is None:
            pembaca.salah(b.sel("tahun"), "wajib diisi")
        elif ind is not None and nilai is not None:
            kunci = (b.nilai["indikator_ref"], tahun)
            if kunci in dilihat:
                pembaca.salah(b.sel("tahun"), f"tahun {tahun} ganda untuk indikator ini (juga di {dilihat[kunci]})")
                continue
            dilihat[kunci] = b.sel("tahun")
            ind["nasional"][tahun] = nilai
            ind[LOKASI][f"nasional {tahun}"] = b.sel("nilai")
