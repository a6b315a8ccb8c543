"""The evaluation inputs as an Excel form: a template pre-filled with the rows, and its import.

`templat_isian` writes sheet "Isian" with one line per evaluation row of an OPD-year: the row's
identity (node, indikator refs; shown code, name and unit for orientation), the
row's `versi`, then what the operator fills in — columns 5–7 (Renstra end target, realisation up to
last year, Renja target; K and Rp), realisation TW I–IV (K and Rp) and the three narrative columns
— pre-filled with what is stored. Cells that may not be filled are grey (TW I–III of a year-only
row; every Rp of a row whose money is the roll-up of the rows below it).

`isian_impor` reads it back: the sheet and header, the OPD and year (sheet "Dokumen"), every row's
identity (checked with `sakip.core.impor.Pemeriksa`, errors located by cell), then hands the values
to the one service `layanan.evaluasi_renja_isi`, whose per-row/field errors are mapped back to
cells. All or nothing: any error and nothing is saved.

Numbers are TEXT cells written the Indonesian way ("0,065", "44.371.813"), as in the plan
workbook (perencanaan/excel.py): a whole number Excel made numeric is accepted, a fractional one
is refused with its cell, since Excel kept a binary float and the typed decimals are gone.
"""

from collections.abc import Mapping
from decimal import Decimal
from io import BytesIO
from typing import Any

from sakip.akun.models import User
from sakip.core.impor import LOKASI, ImporGagal, KesalahanImpor, Pemeriksa
from sakip.engine.capaian import Polaritas
from sakip.organisasi.models import PerangkatDaerah

from .keluaran import teks_masukan
from .layanan import (
    KOLOM_ISIAN,
    KOLOM_TARGET_K,
    KOLOM_TEKS,
    LABEL,
    UMUM,
    HasilIsian,
    IsianBaris,
    IsianTidakValid,
    baris_beruang,
    evaluasi_renja_isi,
)
from .selectors import evaluasi_renja_opd

MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LEMBAR = "Isian"
# Identity and orientation columns (not imported except node, indikator and versi).
KOLOM_INFO = ("node", "indikator", "versi", "kode", "uraian", "nama_indikator", "satuan")
KOLOM = (*KOLOM_INFO, *KOLOM_ISIAN)
JUDUL = {
    "node": "Ref simpul (jangan diubah)", "indikator": "Ref indikator (jangan diubah)",
    "versi": "Versi (jangan diubah)", "kode": "Kode", "uraian": "Program/Kegiatan/Sub Kegiatan",
    "nama_indikator": "Indikator", "satuan": "Satuan", **LABEL,
}
_BULAT_AMAN = 2**53


def _teks_angka(nilai: Decimal | None) -> str | None:
    return teks_masukan(nilai) or None


def templat_isian(*, opd: PerangkatDaerah, tahun: int) -> bytes:
    """The form of (opd, tahun) pre-filled with the stored rows (two queries)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    baris = list(evaluasi_renja_opd(opd=opd, tahun=tahun))
    beruang = baris_beruang(baris)
    buku = Workbook()
    petunjuk = buku.active
    petunjuk.title = "Petunjuk"
    for teks in (
        f"Isian evaluasi Renja {tahun} — {opd.nama}",
        "",
        "Isi realisasi per triwulan pada lembar Isian: K = kinerja (nilai indikator), Rp = anggaran.",
        "Kolom 5–7 (target Renstra akhir periode, realisasi s.d. tahun lalu, target Renja) boleh",
        "dikoreksi; target indikator berpolaritas rentang ditulis sebagai rentang, mis. 3 - 10.",
        "Tulis angka cara Indonesia sebagai teks: 0,065 atau 44.371.813 (koma desimal, titik ribuan).",
        "Sel abu-abu tidak diisi: TW I–III baris yang hanya memuat realisasi setahun, dan Rp baris",
        "program/kegiatan (jumlah dari sub kegiatan di bawahnya).",
        "Jangan ubah kolom node, indikator dan versi: kolom itu menandai baris. Baris boleh dihapus",
        "(tidak diubah), tetapi tidak boleh ditambah.",
        "Unggah di halaman Evaluasi Renja. Bila ada kesalahan, tidak ada yang disimpan dan setiap",
        "kesalahan ditunjukkan selnya (mis. Isian!K7).",
    ):
        petunjuk.append([teks])
    petunjuk["A1"].font = Font(bold=True)
    dok = buku.create_sheet("Dokumen")
    dok.append(["opd", opd.slug])
    dok.append(["tahun", tahun])
    ws = buku.create_sheet(LEMBAR)
    ws.append(list(KOLOM))
    ws.append([JUDUL[k] for k in KOLOM])
    abu = PatternFill("solid", fgColor="D9D9D9")
    info = PatternFill("solid", fgColor="EEF2F7")
    for c in (*ws[1], *ws[2]):
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="top")
    for b in baris:
        nilai = {
            "node": b.node.ref, "indikator": b.indikator.ref, "versi": b.versi, "kode": b.node.kode,
            "uraian": b.node.uraian, "nama_indikator": b.indikator.nama, "satuan": b.indikator.satuan,
            **{k: _teks_angka(getattr(b, k)) for k in KOLOM_ISIAN if k not in KOLOM_TEKS},
            **{k: getattr(b, k) or None for k in KOLOM_TEKS},
            # A range indicator's target is the interval as written (`*_rentang`).
            **{k: getattr(b, k.removesuffix("_k") + "_rentang") or _teks_angka(getattr(b, k))
               for k in KOLOM_TARGET_K if b.indikator.polaritas == Polaritas.RENTANG},
        }
        ws.append([nilai[k] for k in KOLOM])
        r = ws.max_row
        for j, k in enumerate(KOLOM, start=1):
            sel = ws.cell(row=r, column=j)
            sel.number_format = "@"  # text: '0,065' must not become a float
            if k in KOLOM_INFO:
                sel.fill = info
            elif (b.hanya_tahunan and k[:3] in ("tw1", "tw2", "tw3")) or (k.endswith("_rp") and b.pk not in beruang):
                sel.fill = abu
    for huruf, lebar in (("D", 16), ("E", 40), ("F", 40)):
        ws.column_dimensions[huruf].width = lebar
    ws.freeze_panes = "G3"
    keluaran = BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def _nilai(nilai: Any, p: Pemeriksa, kolom: str) -> Any:
    if nilai is None or isinstance(nilai, str):
        return nilai.strip() if isinstance(nilai, str) else None
    if isinstance(nilai, bool):
        p.salah("harus angka atau teks, bukan TRUE/FALSE", kolom)
        return None
    if isinstance(nilai, int):
        return str(nilai)
    if isinstance(nilai, float):
        if nilai.is_integer() and abs(nilai) < _BULAT_AMAN:
            return str(int(nilai))
        p.salah(f"angka pecahan Excel ({nilai!r}) tidak diterima: ketik sebagai teks, mis. '0,065'", kolom)
        return None
    p.salah(f"isi sel tidak dikenali ({nilai!r})", kolom)
    return None


def _buka(isi: bytes, sumber: str) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(BytesIO(isi), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ImporGagal([KesalahanImpor(sumber, f"bukan buku kerja .xlsx yang dapat dibaca ({exc})")]) from exc


def _dokumen(p: Pemeriksa, buku: Any, opd: PerangkatDaerah | None) -> tuple[PerangkatDaerah | None, int | None]:
    """The OPD and year the workbook names; with `opd` given (the page's OPD) it must be that one:
    the permission was checked on the page's OPD."""
    data: dict[str, Any] = {LOKASI: {}}
    for a, b in buku["Dokumen"].iter_rows(min_row=1, max_col=2):
        if a.value in ("opd", "tahun"):
            data[a.value] = b.value
            data[LOKASI][a.value] = f"Dokumen!{b.coordinate}"
    tahun: int | None = None
    with p.di("Dokumen", data):
        slug = p.wajib(data, "opd")
        ditulis = PerangkatDaerah.objects.filter(slug=str(slug)).first() if slug else None
        if slug and ditulis is None:
            p.salah(f"OPD {slug!r} tidak dikenal", "opd")
        if opd is not None and ditulis is not None and ditulis.pk != opd.pk:
            p.salah(f"buku kerja ini untuk OPD {ditulis.slug!r}, bukan {opd.slug!r}; unggah di halaman OPD tersebut",
                    "opd")
            ditulis = None
        nilai = p.wajib(data, "tahun")
        if isinstance(nilai, float) and nilai.is_integer():
            nilai = int(nilai)
        if isinstance(nilai, str) and nilai.strip().isdigit():
            nilai = int(nilai.strip())
        if nilai is not None:
            if isinstance(nilai, int) and not isinstance(nilai, bool) and 2000 <= nilai <= 2100:
                tahun = nilai
            else:
                p.salah(f"tahun harus bilangan bulat 2000–2100 (tertulis {nilai!r})", "tahun")
    return ditulis, tahun


def isian_impor(
    *, isi: bytes, sumber: str, oleh: User | None, opd: PerangkatDaerah | None = None,
    tahun: int | None = None,
) -> tuple[PerangkatDaerah, int, HasilIsian]:
    """Import a filled-in form. `opd`/`tahun` (from the page) must match the workbook's."""
    buku = _buka(isi, sumber)
    hilang = [n for n in ("Dokumen", LEMBAR) if n not in buku.sheetnames]
    if hilang:
        raise ImporGagal([KesalahanImpor(sumber, f"lembar {n!r} tidak ada") for n in hilang])
    p = Pemeriksa(sumber)
    opd_buku, tahun_buku = _dokumen(p, buku, opd)
    if tahun is not None and tahun_buku is not None and tahun != tahun_buku:
        p.kesalahan.append(KesalahanImpor("Dokumen!B2", f"buku kerja ini untuk tahun {tahun_buku}, bukan {tahun}"))
    ws = buku[LEMBAR]
    kepala = [str(c.value).strip() if c.value is not None else "" for c in ws[1]]
    kurang = [k for k in ("node", "indikator") if k not in kepala]
    if kurang:
        raise ImporGagal([*p.kesalahan, *(KesalahanImpor(f"{LEMBAR}!1:1", f"kolom {k!r} tidak ada di baris judul")
                                          for k in kurang)])
    posisi = {k: kepala.index(k) for k in KOLOM if k in kepala}
    p.selesai()
    assert opd_buku is not None and tahun_buku is not None
    tersimpan = {(b.node.ref, b.indikator.ref): b for b in evaluasi_renja_opd(opd=opd_buku, tahun=tahun_buku)}
    isian: list[IsianBaris] = []
    sel_dari: dict[int, dict[str, str]] = {}
    dilihat: set[int] = set()
    for baris in ws.iter_rows(min_row=3):
        sel = {k: baris[j] for k, j in posisi.items() if j < len(baris)}
        if all(c.value in (None, "") for c in sel.values()):
            continue
        lokasi = {k: f"{LEMBAR}!{c.coordinate}" for k, c in sel.items()}
        data: dict[str, Any] = {LOKASI: {**lokasi, "": lokasi["node"]}}
        with p.di(f"baris {baris[0].row}", data):
            for k, c in sel.items():
                data[k] = _nilai(c.value, p, k)
            node, ind = p.wajib(data, "node"), p.wajib(data, "indikator")
            if node is None or ind is None:
                continue
            b = tersimpan.get((node, ind))
            if b is None:
                p.salah(f"baris ({node}, {ind}) tidak ada di evaluasi Renja {tahun_buku}; baris tidak boleh ditambah",
                        "node")
                continue
            if b.pk in dilihat:
                p.salah(f"baris ({node}, {ind}) muncul dua kali", "node")
                continue
            dilihat.add(b.pk)
            versi = data.get("versi")
            if versi is not None and not str(versi).isdigit():
                p.salah(f"versi harus bilangan bulat (tertulis {versi!r}); jangan ubah kolom ini", "versi")
                versi = None
            isian.append(IsianBaris(b.pk, {k: data.get(k) for k in KOLOM_ISIAN if k in posisi}, versi))
            sel_dari[b.pk] = lokasi
    p.selesai()
    try:
        hasil = evaluasi_renja_isi(opd=opd_buku, tahun=tahun_buku, isian=isian, oleh=oleh,
                                   sumber=f"impor:{sumber}"[:100])
    except IsianTidakValid as exc:
        raise ImporGagal(_lokasikan(exc, sel_dari)) from exc
    return opd_buku, tahun_buku, hasil


def _lokasikan(exc: IsianTidakValid, sel_dari: Mapping[int, Mapping[str, str]]) -> list[KesalahanImpor]:
    hasil = []
    for pk, per_kolom in exc.galat.items():
        lokasi = sel_dari.get(pk, {})
        for kolom, pesan in per_kolom.items():
            # A row-level error (a stale version) points at the row's versi cell.
            tempat = lokasi.get("versi" if kolom == UMUM else kolom) or lokasi.get("node") or LEMBAR
            for p in pesan:
                hasil.append(KesalahanImpor(tempat, p))
    return hasil

