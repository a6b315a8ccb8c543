"""The evaluation table as text, JSON and an Excel workbook in the Tabel 2.1 layout.

Renderers only: they take a computed `TabelEvaluasi` and never query. Rounding happens here and
only here (two decimals, half-up, `engine.angka.bulatkan`).
"""

from collections.abc import Iterator
from decimal import Decimal
from io import BytesIO
from typing import Any

from sakip.engine.angka import bulatkan, format_angka, format_masukan

from .evaluasi import BarisHasil, KRp, RingkasanProgram, TabelEvaluasi, Total

# (column number as printed, heading as printed in renja-2024 Tabel 2.1, attribute)
KOLOM_KRP: tuple[tuple[str, str, str], ...] = (
    ("5", "Target Renstra PD pada Tahun Akhir Periode Renstra", "target_renstra"),
    ("6", "Realisasi Capaian Kinerja Renstra PD s.d Renja PD Tahun Lalu", "realisasi_lalu"),
    ("7", "Target Kinerja dan Anggaran Renja PD Tahun Berjalan yang Dievaluasi", "target_renja"),
    ("8", "Realisasi Kinerja Triwulan I", "tw1"),
    ("9", "Realisasi Kinerja Triwulan II", "tw2"),
    ("10", "Realisasi Kinerja Triwulan III", "tw3"),
    ("11", "Realisasi Kinerja Triwulan IV", "tw4"),
    ("12=8+9+10+11", "Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi", "realisasi"),
    ("13=12/7x100%", "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja PD (%)", "capaian"),
    ("14=6+12", "Realisasi Kinerja dan Anggaran Renstra PD s/d Tahun Berjalan", "realisasi_renstra"),
    ("15=14/5x100%", "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra PD (%)", "capaian_renstra"),
)
PERSEN = {"capaian", "capaian_renstra"}
KOLOM_DEPAN = (
    ("1", "No"), ("2", "Kode"),
    ("3", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan"),
    ("4", "Indikator Kinerja Program (Outcome)/Kegiatan (Output)"),
)
KOLOM_BELAKANG = ("Faktor Pendorong", "Faktor Penghambat", "Tindak Lanjut")
RATA_RATA = "Rata-rata Capaian Kinerja (%)"
PREDIKAT = "Predikat Kinerja"


def judul(*, nama_opd: str, tahun: int, sampai_tw: int) -> str:
    tw = "" if sampai_tw == 4 else f" (s.d. Triwulan {('I', 'II', 'III')[sampai_tw - 1]})"
    return (f"Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah dan Pencapaian Renstra "
            f"Perangkat Daerah s/d Tahun {tahun}{tw} — {nama_opd}")


def krp_kolom(b: BarisHasil, atribut: str) -> KRp:
    if atribut.startswith("tw"):
        return b.tw[int(atribut[2]) - 1]
    nilai: KRp = getattr(b, atribut)
    return nilai


def urutan_tampil(tabel: TabelEvaluasi) -> Iterator[BarisHasil | RingkasanProgram | Total]:
    """Rows in print order: a program's summary follows its last row (as in the seed), the total last."""
    ringkasan = {r.program: r for r in tabel.program}
    program_kini: str | None = None
    for b in tabel.baris:
        if b.masukan.jenis == "program" and b.masukan.node != program_kini:
            if program_kini in ringkasan:
                yield ringkasan[program_kini]
            program_kini = b.masukan.node
        yield b
    if program_kini in ringkasan:
        yield ringkasan[program_kini]
    yield tabel.total


# ---------------------------------------------------------------- text


def teks_angka(nilai: Decimal | None, persen: bool = False) -> str:
    if nilai is None:
        return "-"
    if persen:
        return format_angka(nilai, 2)
    # Amounts and K as typed, without trailing zeros of the storage scale (44.371.813,00 -> 44.371.813).
    n = bulatkan(nilai, 2)
    return format_angka(n, 0 if n == n.to_integral_value() else 2)


def teks_masukan(nilai: Decimal | None) -> str:
    """A stored input as a user would type it back, every significant digit kept (0,06500000 →
    0,065; 44.371.813,00 → 44.371.813): a form or workbook sent back unchanged changes nothing.
    `teks_angka` rounds to two decimals and is for reading only."""
    if nilai is None:
        return ""
    if nilai == nilai.to_integral_value():
        return format_masukan(nilai.quantize(Decimal(1)))
    return format_masukan(nilai.normalize())


_RENTANG = {"target_renstra": "rentang_renstra", "target_renja": "rentang_renja"}


def rentang_kolom(b: BarisHasil, atribut: str) -> tuple[Decimal, Decimal] | None:
    """The range target shown in column 5 or 7 K of a range-polarity row, else None."""
    nama = _RENTANG.get(atribut)
    return getattr(b.masukan, nama) if nama else None


def teks_k(b: BarisHasil, atribut: str) -> str:
    """The K half of a column as text: a number, a range target ("3 – 10") or "-"."""
    rentang = rentang_kolom(b, atribut)
    if rentang is not None:
        return f"{teks_angka(rentang[0])} – {teks_angka(rentang[1])}"
    return teks_angka(krp_kolom(b, atribut).k, atribut in PERSEN)


def tabel_teks(tabel: TabelEvaluasi, *, judul_tabel: str) -> str:
    kepala = ["No", "Kode", "Program/Kegiatan", "Indikator"]
    for nomor, _, _ in KOLOM_KRP:
        kepala += [f"{nomor} K", f"{nomor} Rp"]
    baris_teks = [kepala]
    no = 0
    for item in urutan_tampil(tabel):
        if isinstance(item, BarisHasil):
            if item.pertama:
                no += 1
            sel = [str(no) if item.pertama else "", item.masukan.kode if item.pertama else "",
                   item.masukan.uraian if item.pertama else "", item.masukan.nama_indikator]
            for _, _, atribut in KOLOM_KRP:
                nilai = krp_kolom(item, atribut)
                sel += [teks_k(item, atribut), teks_angka(nilai.rp, atribut in PERSEN)]
        elif isinstance(item, RingkasanProgram):
            kosong = ["", "", RATA_RATA, f"{item.program}"] + [""] * (2 * len(KOLOM_KRP))
            kosong[4 + 2 * 8] = teks_angka(item.rata_rata_k, True)
            kosong[5 + 2 * 8] = teks_angka(item.rata_rata_rp, True)
            baris_teks.append(kosong)
            sel = ["", "", PREDIKAT, item.program] + [""] * (2 * len(KOLOM_KRP))
            sel[4 + 2 * 8] = item.predikat.kode if item.predikat else "-"
            sel[5 + 2 * 8] = item.predikat_rp.kode if item.predikat_rp else "-"
        else:
            sel = _total_sel(item, teks_angka)
        baris_teks.append(sel)
    lebar = [max(len(r[i]) for r in baris_teks) for i in range(len(kepala))]
    garis = [" | ".join(s.ljust(lebar[i]) for i, s in enumerate(r)).rstrip() for r in baris_teks]
    return "\n".join([judul_tabel, "", *garis]) + "\n"


def _total_sel(total: Total, fmt: Any) -> list[Any]:
    sel: list[Any] = ["", "", "Jumlah", ""] + [None if fmt is None else ""] * (2 * len(KOLOM_KRP))
    nilai = {"target_renstra": total.target_renstra_rp, "realisasi_lalu": total.realisasi_lalu_rp,
             "target_renja": total.target_renja_rp, "realisasi": total.realisasi_rp,
             "capaian": total.capaian_rp, "realisasi_renstra": total.realisasi_renstra_rp,
             "capaian_renstra": total.capaian_renstra_rp}
    for i, (_, _, atribut) in enumerate(KOLOM_KRP):
        if atribut in nilai:
            sel[5 + 2 * i] = nilai[atribut] if fmt is None else fmt(nilai[atribut], atribut in PERSEN)
    return sel


# ---------------------------------------------------------------- JSON


def _j(nilai: Decimal | None) -> str | None:
    # API output is never localised (STYLE.md): plain decimal strings, exact.
    return None if nilai is None else str(nilai)


def tabel_json(tabel: TabelEvaluasi) -> dict[str, Any]:
    baris = []
    for b in tabel.baris:
        isi: dict[str, Any] = {"node": b.masukan.node, "indikator": b.masukan.indikator,
                               "jenis": b.masukan.jenis, "kode": b.masukan.kode,
                               "uraian": b.masukan.uraian, "uang_di_baris_ini": b.pertama}
        for _, _, atribut in KOLOM_KRP:
            nilai = krp_kolom(b, atribut)
            isi[atribut] = {"k": _j(nilai.k), "rp": _j(nilai.rp)}
            if (r := rentang_kolom(b, atribut)) is not None:
                isi[atribut]["rentang"] = [_j(r[0]), _j(r[1])]
        isi["polaritas"] = b.masukan.polaritas
        baris.append(isi)
    t = tabel.total
    return {
        "sampai_tw": tabel.sampai_tw,
        "baris": baris,
        "program": [
            {"program": r.program, "rata_rata_k": _j(r.rata_rata_k), "rata_rata_rp": _j(r.rata_rata_rp),
             "predikat": r.predikat.kode if r.predikat else None,
             "predikat_rp": r.predikat_rp.kode if r.predikat_rp else None}
            for r in tabel.program
        ],
        "total": {k: _j(getattr(t, k)) for k in (
            "target_renstra_rp", "realisasi_lalu_rp", "target_renja_rp", "realisasi_rp", "capaian_rp",
            "realisasi_renstra_rp", "capaian_renstra_rp", "rata_rata_k")}
        | {"predikat": t.predikat.kode if t.predikat else None},
    }


# ---------------------------------------------------------------- Excel

# Excel number formats are written in the file's invariant notation ('#,##0.00') and shown in the
# reader's locale: an Indonesian Excel displays 1.234.567,89. Writing '#.##0,00' literally would
# be a different (broken) format. Cells hold numbers, not text, so the table can be re-added.
FORMAT_RUPIAH = "#,##0"
FORMAT_RUPIAH_SEN = "#,##0.00"
FORMAT_PERSEN = "#,##0.00"
FORMAT_K = "General"


def _sel_angka(ws: Any, baris: int, kolom: int, nilai: Decimal | None, *, persen: bool, rp: bool) -> None:
    if nilai is None:
        return
    sel = ws.cell(row=baris, column=kolom)
    if persen:
        sel.value = bulatkan(nilai, 2)
        sel.number_format = FORMAT_PERSEN
    elif rp:
        n = bulatkan(nilai, 2)
        sel.value = n
        sel.number_format = FORMAT_RUPIAH if n == n.to_integral_value() else FORMAT_RUPIAH_SEN
    else:
        sel.value = nilai.normalize() if nilai == nilai.to_integral_value() else nilai
        sel.number_format = FORMAT_K


def tabel_xlsx(tabel: TabelEvaluasi, *, judul_tabel: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Evaluasi Renja"
    ws.cell(row=1, column=1, value=judul_tabel).font = Font(bold=True)
    atas, bawah, nomor = 3, 4, 5
    tengah = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, (no, teks) in enumerate(KOLOM_DEPAN, start=1):
        ws.cell(row=atas, column=i, value=teks).alignment = tengah
        ws.merge_cells(start_row=atas, start_column=i, end_row=bawah, end_column=i)
        ws.cell(row=nomor, column=i, value=no)
    for j, (no, teks, _) in enumerate(KOLOM_KRP):
        kol = 5 + 2 * j
        ws.cell(row=atas, column=kol, value=teks).alignment = tengah
        ws.merge_cells(start_row=atas, start_column=kol, end_row=atas, end_column=kol + 1)
        ws.cell(row=bawah, column=kol, value="K")
        ws.cell(row=bawah, column=kol + 1, value="Rp")
        ws.cell(row=nomor, column=kol, value=no)
        ws.merge_cells(start_row=nomor, start_column=kol, end_row=nomor, end_column=kol + 1)
    kol_belakang = 5 + 2 * len(KOLOM_KRP)
    for j, teks in enumerate(KOLOM_BELAKANG):
        ws.cell(row=atas, column=kol_belakang + j, value=teks).alignment = tengah
        ws.merge_cells(start_row=atas, start_column=kol_belakang + j, end_row=bawah, end_column=kol_belakang + j)
        ws.cell(row=nomor, column=kol_belakang + j, value=str(16 + j))
    r = nomor
    no = 0
    kol_13 = 5 + 2 * 8
    for item in urutan_tampil(tabel):
        r += 1
        if isinstance(item, BarisHasil):
            if item.pertama:
                no += 1
                ws.cell(row=r, column=1, value=no)
                ws.cell(row=r, column=2, value=item.masukan.kode or None)
                ws.cell(row=r, column=3, value=item.masukan.uraian)
            ws.cell(row=r, column=4, value=item.masukan.nama_indikator)
            for j, (_, _, atribut) in enumerate(KOLOM_KRP):
                nilai = krp_kolom(item, atribut)
                p = atribut in PERSEN
                if rentang_kolom(item, atribut) is not None:
                    ws.cell(row=r, column=5 + 2 * j, value=teks_k(item, atribut))
                else:
                    _sel_angka(ws, r, 5 + 2 * j, nilai.k, persen=p, rp=False)
                _sel_angka(ws, r, 6 + 2 * j, nilai.rp, persen=p, rp=True)
            for j, teks in enumerate((item.masukan.faktor_pendukung, item.masukan.faktor_penghambat,
                                      item.masukan.tindak_lanjut)):
                ws.cell(row=r, column=kol_belakang + j, value=teks or None)
        elif isinstance(item, RingkasanProgram):
            ws.cell(row=r, column=3, value=RATA_RATA).font = Font(bold=True)
            _sel_angka(ws, r, kol_13, item.rata_rata_k, persen=True, rp=False)
            _sel_angka(ws, r, kol_13 + 1, item.rata_rata_rp, persen=True, rp=False)
            r += 1
            ws.cell(row=r, column=3, value=PREDIKAT).font = Font(bold=True)
            ws.cell(row=r, column=kol_13, value=item.predikat.kode if item.predikat else None)
            ws.cell(row=r, column=kol_13 + 1, value=item.predikat_rp.kode if item.predikat_rp else None)
        else:
            ws.cell(row=r, column=3, value="Jumlah").font = Font(bold=True)
            for i, nilai in enumerate(_total_sel(item, None)[4:]):
                if isinstance(nilai, Decimal):
                    atribut = KOLOM_KRP[i // 2][2]
                    _sel_angka(ws, r, 5 + i, nilai, persen=atribut in PERSEN, rp=True)
    ws.column_dimensions["C"].width = 45
    ws.column_dimensions["D"].width = 40
    ws.freeze_panes = ws.cell(row=nomor + 1, column=5)
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
