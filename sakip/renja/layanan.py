"""Writes of the Renja evaluation inputs from the screen and from the Excel form.

One service, `evaluasi_renja_isi`: the realisation of TW I–IV (K and Rp) and the three narrative
columns of some rows of one OPD-year. It locks the year's rows, checks the caller's right
(`Aksi.ISI_REALISASI`), validates everything first and writes nothing when anything is wrong
(`IsianTidakValid` names every mistake by row and field, so the screen marks the input and the
Excel import names the cell), checks the form's `versi` of each row it changes (optimistic
locking), and writes one audit record per changed row (`jejak_catat`) in the same transaction.

The same service takes columns 5–7 of the form (`KOLOM_AWAL`: Renstra end target, realisation up
to last year, the year's Renja target; K and Rp), which the preparation or the YAML import fill and
the operator corrects: a range indicator's target K is an interval kept as written in `*_rentang`
(`"3 - 10"`), any other K a number; Rp follows the rule below. Changing any of them is refused while
the year's TW IV is submitted or approved (they decide the year's columns 13–15).

Rules beyond "a number": a year-only row keeps its year's value at TW IV, so TW I–III stay empty
(docs/formats/renja.md, "Year-only realisation"); money sits where it is spent, so Rp is entered
only on a node's first row and only when no row below that node exists — a program's or
kegiatan's Rp is the roll-up of its sub kegiatan (docs/algorithms/renja-evaluasi.md).

A second service, `evaluasi_renja_siapkan`, creates the evaluation rows of a year from that year's
Renja (columns 5–7 derived by `persiapan.py`), for the lines that have none yet; it never changes
an existing row.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sakip.akun.izin import Aksi, wajib_boleh
from sakip.akun.models import User
from sakip.alur.layanan import periode_periksa_ubah
from sakip.audit.layanan import (
    KonflikVersi,
    jejak_catat,
    perubahan_dari,
    potret,
    versi_naikkan,
    versi_periksa,
)
from sakip.audit.models import AksiJejak
from sakip.engine.angka import AngkaTidakValid, jumlah_desimal, parse_rentang, to_decimal
from sakip.engine.capaian import Polaritas
from sakip.organisasi.models import PerangkatDaerah
from sakip.perencanaan.models import Node, Renstra, RevisiTarget
from sakip.perencanaan.selectors import indikator_dengan_revisi, target_berlaku_dari

from .models import BarisRenja, EvaluasiRenja
from .persiapan import RENTANG_MAKS, BarisLalu, SumberBaris, isian_awal, muat_nilai

ROMAWI = ("I", "II", "III", "IV")
KOLOM_K = tuple(f"tw{n}_k" for n in range(1, 5))
KOLOM_RP = tuple(f"tw{n}_rp" for n in range(1, 5))
KOLOM_TEKS = ("faktor_pendukung", "faktor_penghambat", "tindak_lanjut")
# Columns 5–7 of the form. The K of 5 and 7 is an interval on a range indicator, stored in
# `<awalan>_rentang` (the `<awalan>_k` field then stays empty): `KOLOM_TARGET_K`.
KOLOM_AWAL = ("target_renstra_k", "target_renstra_rp", "realisasi_lalu_k", "realisasi_lalu_rp",
              "target_renja_k", "target_renja_rp")
KOLOM_TARGET_K = ("target_renstra_k", "target_renja_k")
KOLOM_ISIAN = (*KOLOM_AWAL, *(x for n in range(4) for x in (KOLOM_K[n], KOLOM_RP[n])), *KOLOM_TEKS)
LABEL = {
    "target_renstra_k": "Target Renstra akhir periode (K)", "target_renstra_rp": "Target Renstra akhir periode (Rp)",
    "target_renstra_rentang": "Target Renstra akhir periode (K, rentang)",
    "realisasi_lalu_k": "Realisasi s.d. tahun lalu (K)", "realisasi_lalu_rp": "Realisasi s.d. tahun lalu (Rp)",
    "target_renja_k": "Target Renja (K)", "target_renja_rp": "Target Renja (Rp)",
    "target_renja_rentang": "Target Renja (K, rentang)",
    **{f"tw{n}_k": f"Realisasi TW {ROMAWI[n - 1]} (K)" for n in range(1, 5)},
    **{f"tw{n}_rp": f"Realisasi TW {ROMAWI[n - 1]} (Rp)" for n in range(1, 5)},
    "faktor_pendukung": "Faktor pendorong", "faktor_penghambat": "Faktor penghambat",
    "tindak_lanjut": "Tindak lanjut",
}
UMUM = ""  # key of a row's error that is not about one field (a stale version)

Galat = dict[int, dict[str, list[str]]]


@dataclass(frozen=True)
class IsianBaris:
    """What a form or a workbook row says about one stored row: field → value as typed.

    Only the fields given are changed; "" or None empties a cell. `versi`: the row's version when
    the form was opened (None for the CLI, which saves last-writer-wins, audited).
    """

    baris_id: int
    nilai: Mapping[str, Any]
    versi: int | str | None = None


class IsianTidakValid(ValidationError):
    """Nothing was saved. `galat[baris_id][field]` lists the messages; field "" = the whole row."""

    def __init__(self, galat: Galat, baris: Mapping[int, EvaluasiRenja]):
        self.galat = galat
        pesan = []
        for pk, per_kolom in galat.items():
            nama = _nama(baris[pk]) if pk in baris else f"baris {pk}"
            for kolom, daftar in per_kolom.items():
                for p in daftar:
                    pesan.append(f"{nama}{' · ' + LABEL[kolom] if kolom in LABEL else ''}: {p}")
        super().__init__(pesan, code="isian_tidak_valid")


@dataclass
class HasilIsian:
    diubah: int = 0
    tetap: int = 0

    def ringkasan(self) -> str:
        return f"{self.diubah} baris diubah, {self.tetap} tetap"


def _nama(b: EvaluasiRenja) -> str:
    return f"{b.node.kode + ' ' if b.node.kode else ''}{b.node.uraian} / {b.indikator.nama}"


def baris_beruang(baris: Sequence[EvaluasiRenja]) -> set[int]:
    """Rows on which Rp is typed: a node's first row, when no row of the table lies below the node.

    Reads the Renstra's nodes once (to walk up from each row); `baris` must carry `node`.
    """
    renstra_ids = {b.node.renstra_id for b in baris}
    induk = dict(Node.objects.filter(renstra_id__in=renstra_ids).values_list("pk", "induk_id"))
    punya_bawahan: set[int] = set()
    for b in baris:
        kini = induk.get(b.node_id)
        while kini is not None:
            punya_bawahan.add(kini)
            kini = induk.get(kini)
    hasil: set[int] = set()
    sudah: set[int] = set()
    for b in sorted(baris, key=lambda x: x.urutan):
        if b.node_id not in sudah and b.node_id not in punya_bawahan:
            hasil.add(b.pk)
        sudah.add(b.node_id)
    return hasil


def _kalimat(pesan: str) -> str:
    pesan = pesan.strip()
    return pesan[:1].upper() + pesan[1:]


def _angka(teks: Any) -> Decimal | None:
    """An Indonesian number as typed ("1.234.567,89"); raises AngkaTidakValid with the reason."""
    if teks is None or (isinstance(teks, str) and not teks.strip()):
        return None
    return to_decimal(teks.strip() if isinstance(teks, str) else teks)


def _rentang(teks: Any) -> str:
    """A range target as written ("3 - 10"), once it parses as the evaluation table will read it."""
    teks = "" if teks is None else str(teks).strip()
    if teks:
        parse_rentang(teks)
        if len(teks) > RENTANG_MAKS:
            raise AngkaTidakValid(f"Rentang paling banyak {RENTANG_MAKS} karakter.")
    return teks


def _target_rentang(b: EvaluasiRenja, kolom: str, teks: Any, galat: dict[str, list[str]]) -> dict[str, Any]:
    """Column 5 or 7 K of a range indicator: the interval goes to `*_rentang`, the number field empties."""
    awalan = kolom.removesuffix("_k")
    if getattr(b, kolom) is not None and not getattr(b, f"{awalan}_rentang"):
        # A number stored before the indicator became a range one is shown as it is; sent back
        # untouched it is no change (a form must not fail on a value it displayed itself).
        try:
            if _angka(teks) == getattr(b, kolom):
                return {}
        except AngkaTidakValid:
            pass
    try:
        rentang = _rentang(teks)
    except (AngkaTidakValid, ValueError) as exc:
        galat.setdefault(kolom, []).append(
            f"Indikator berpolaritas rentang: target ditulis sebagai rentang, mis. '3 - 10'. {_kalimat(str(exc))}")
        return {}
    return {f"{awalan}_rentang": rentang, kolom: None}


def _baca(b: EvaluasiRenja, isian: IsianBaris, beruang: bool, galat: dict[str, list[str]]) -> dict[str, Any]:
    """The row's new values (only the fields given), every mistake added to `galat`."""
    baru: dict[str, Any] = {}
    for kolom, teks in isian.nilai.items():
        if kolom not in KOLOM_ISIAN:
            galat.setdefault(UMUM, []).append(f"Kolom {kolom!r} tidak dapat diisi di sini.")
            continue
        if kolom in KOLOM_TEKS:
            baru[kolom] = "" if teks is None else str(teks).strip()
            continue
        if kolom in KOLOM_TARGET_K and b.indikator.polaritas == Polaritas.RENTANG:
            baru.update(_target_rentang(b, kolom, teks, galat))
            continue
        try:
            nilai = _angka(teks)
        except AngkaTidakValid as exc:
            galat.setdefault(kolom, []).append(_kalimat(str(exc)))
            continue
        if kolom.endswith("_k") and nilai is not None and not muat_nilai(nilai):
            galat.setdefault(kolom, []).append("Angka terlalu panjang (paling banyak 8 desimal).")
            continue
        if kolom in KOLOM_TARGET_K:
            # A number replaces an interval written before (the indicator is no longer a range one).
            baru[f"{kolom.removesuffix('_k')}_rentang"] = ""
        if kolom.endswith("_rp") and nilai is not None:
            if nilai < 0:
                galat.setdefault(kolom, []).append("Rupiah tidak boleh negatif.")
                continue
            if jumlah_desimal(nilai.normalize()) > 2:
                galat.setdefault(kolom, []).append("Rupiah paling banyak dua desimal (sen).")
                continue
        if nilai == getattr(b, kolom):
            continue  # unchanged: the rules below are about new values only
        if b.hanya_tahunan and kolom[:3] in ("tw1", "tw2", "tw3") and nilai is not None:
            galat.setdefault(kolom, []).append(
                "Baris ini memuat realisasi setahun saja (dicatat di TW IV); TW I–III tidak diisi.")
            continue
        if kolom.endswith("_rp") and not beruang:
            galat.setdefault(kolom, []).append(
                "Rp baris ini adalah jumlah dari baris di bawahnya (uang dicatat di baris sub "
                "kegiatan, pada indikator pertamanya).")
            continue
        baru[kolom] = nilai
    return baru


_SIMPAN_AWAL = {*KOLOM_AWAL, "target_renstra_rentang", "target_renja_rentang"}


def _kunci_awal(opd: PerangkatDaerah, tahun: int) -> str:
    """Why columns 5–7 may not change now ("" when they may): they are the year's, as the
    preparation's, so a submitted or approved TW IV holds them (alur.md §2)."""
    try:
        periode_periksa_ubah(opd=opd, tahun=tahun, triwulan=4)
    except ValidationError as exc:
        return f"Kolom 5–7 tidak dapat diubah: {' '.join(exc.messages)}"
    return ""


@transaction.atomic
def evaluasi_renja_isi(
    *,
    opd: PerangkatDaerah,
    tahun: int,
    isian: Sequence[IsianBaris],
    oleh: User | None,
    sumber: str = "layar",
) -> HasilIsian:
    """Save columns 5–7, realisation and narrative of some evaluation rows of (opd, tahun): all or nothing."""
    if oleh is not None:
        wajib_boleh(oleh, Aksi.ISI_REALISASI, opd=opd)
    semua = list(
        EvaluasiRenja.objects.select_for_update(of=("self",))
        .filter(opd=opd, tahun=tahun).select_related("node", "indikator").order_by("urutan")
    )
    per_pk = {b.pk: b for b in semua}
    beruang = baris_beruang(semua)
    galat: Galat = {}
    rencana: list[tuple[EvaluasiRenja, dict[str, Any]]] = []
    dilihat: set[int] = set()
    kunci_tw4: str | None = None  # read once, only when a column 5–7 changes
    for item in isian:
        b = per_pk.get(item.baris_id)
        if b is None or item.baris_id in dilihat:
            galat.setdefault(item.baris_id, {}).setdefault(UMUM, []).append(
                "Baris tidak ada di evaluasi Renja ini." if b is None else "Baris ini diisi dua kali.")
            continue
        dilihat.add(item.baris_id)
        galat_baris: dict[str, list[str]] = {}
        baru = {k: v for k, v in _baca(b, item, b.pk in beruang, galat_baris).items()
                if v != getattr(b, k)}
        awal = sorted({k.replace("_rentang", "_k") for k in baru if k in _SIMPAN_AWAL})
        if awal:
            kunci_tw4 = _kunci_awal(opd, tahun) if kunci_tw4 is None else kunci_tw4
            for kolom in awal if kunci_tw4 else ():
                galat_baris.setdefault(kolom, []).append(kunci_tw4)
        if baru:
            try:
                versi_periksa(b, item.versi)
            except KonflikVersi as exc:
                galat_baris.setdefault(UMUM, []).extend(exc.messages)
        if galat_baris:
            galat[b.pk] = galat_baris
        elif baru:
            rencana.append((b, baru))
    if galat:
        raise IsianTidakValid(galat, per_pk)
    hasil = HasilIsian(tetap=len(dilihat) - len(rencana))
    for b, baru in rencana:
        sebelum = potret(b, baru)
        for kolom, nilai in baru.items():
            setattr(b, kolom, nilai)
        b.save(update_fields=[*baru, *versi_naikkan(b)])
        jejak_catat(oleh=oleh, objek=b, opd=opd, aksi=AksiJejak.UBAH,
                    perubahan=perubahan_dari(sebelum, potret(b, baru), label=LABEL),
                    sumber=sumber, label=f"Evaluasi Renja {tahun}: {_nama(b)}")
        hasil.diubah += 1
    return hasil


# ------------------------------------------------------------ preparing the table of a new year


@dataclass
class HasilSiapkan:
    dibuat: int = 0
    sudah_ada: int = 0  # Renja lines that already had their evaluation row (left as they are)
    # New rows whose Renja target could not become column 7 K (e.g. a label): "kode uraian / indikator".
    target_kosong: list[str] = field(default_factory=list)

    def ringkasan(self) -> str:
        teks = f"{self.dibuat} baris dibuat, {self.sudah_ada} sudah ada"
        if self.target_kosong:
            teks += f"; target Renja {len(self.target_kosong)} baris bukan angka dan dibiarkan kosong"
        return teks


def target_akhir_renstra(revisi: Sequence[RevisiTarget], renstra: Renstra) -> str:
    """The Renstra target of the indicator at the end of the period, as typed: the newer of the
    latest "target akhir" and the latest target set for the final year (a revision may restate
    either; the later revision decides, `target_akhir` on a tie). Works on prefetched revisions."""
    akhir = max((rv for rv in revisi if rv.target_akhir), key=lambda rv: rv.ke, default=None)
    tahunan = target_berlaku_dari(list(revisi), renstra.tahun_akhir)
    if tahunan is not None and (akhir is None or tahunan.revisi.ke > akhir.ke):
        return tahunan.teks
    return akhir.target_akhir if akhir is not None else ""


def _baris_lalu(b: EvaluasiRenja) -> BarisLalu:
    return BarisLalu(
        target_renstra_k=b.target_renstra_k, target_renstra_rentang=b.target_renstra_rentang,
        target_renstra_rp=b.target_renstra_rp, realisasi_lalu_k=b.realisasi_lalu_k,
        realisasi_lalu_rp=b.realisasi_lalu_rp,
        tw_k=tuple(getattr(b, k) for k in KOLOM_K), tw_rp=tuple(getattr(b, k) for k in KOLOM_RP),
    )


def _nama_renja(b: BarisRenja) -> str:
    return f"{b.node.kode + ' ' if b.node.kode else ''}{b.node.uraian} / {b.indikator.nama}"


def _kunci_tahun(opd: PerangkatDaerah, tahun: int) -> None:
    """The workflow lock of the year's own data: the evaluation's yearly columns belong to TW IV
    (as the year's value does, alur.md §2), so a submitted or approved TW IV refuses new rows."""
    try:
        periode_periksa_ubah(opd=opd, tahun=tahun, triwulan=4)
    except ValidationError as exc:
        raise ValidationError(
            f"Tabel evaluasi Renja {tahun} tidak dapat disiapkan: {' '.join(exc.messages)}", code="terkunci",
        ) from exc


@transaction.atomic
def evaluasi_renja_siapkan(
    *, opd: PerangkatDaerah, tahun: int, oleh: User | None, sumber: str = "layar",
) -> HasilSiapkan:
    """Create the evaluation rows of (opd, tahun) that its Renja lines lack; never touch a row that
    exists. One audit record for the whole preparation (none when nothing was created)."""
    if oleh is not None:
        wajib_boleh(oleh, Aksi.ISI_REALISASI, opd=opd)
    # Locking the year's Renja lines serialises two preparations (the second then sees the first's
    # rows) and keeps a Renja import from changing the lines half-way.
    renja = list(
        BarisRenja.objects.select_for_update(of=("self",)).filter(opd=opd, tahun=tahun)
        .select_related("node__renstra", "indikator").order_by("urutan", "pk")
    )
    if not renja:
        raise ValidationError(f"Belum ada Renja {tahun}: tabel evaluasinya tidak dapat disiapkan.",
                              code="tanpa_renja")
    ada = set(EvaluasiRenja.objects.filter(opd=opd, tahun=tahun).values_list("node_id", "indikator_id"))
    baru = [b for b in renja if (b.node_id, b.indikator_id) not in ada]
    hasil = HasilSiapkan(sudah_ada=len(renja) - len(baru))
    if not baru:
        return hasil
    _kunci_tahun(opd, tahun)
    indikator = {i.pk: i for i in indikator_dengan_revisi(opd=opd).filter(pk__in={b.indikator_id for b in baru})}
    lalu = {(e.node_id, e.indikator_id): e for e in EvaluasiRenja.objects.filter(
        opd=opd, tahun=tahun - 1, node_id__in={b.node_id for b in baru})}
    dibuat = []
    for b in baru:
        renstra = b.node.renstra
        ind = indikator[b.indikator_id]
        sebelumnya = lalu.get((b.node_id, b.indikator_id)) if tahun - 1 >= renstra.tahun_awal else None
        isi = isian_awal(SumberBaris(
            polaritas=ind.polaritas, agregasi=ind.agregasi, target_renja=b.target,
            pagu_indikatif=b.pagu_indikatif, dalam_periode=renstra.tahun_awal <= tahun <= renstra.tahun_akhir,
            target_renstra=target_akhir_renstra(list(ind.revisi.all()), renstra),
            lalu=_baris_lalu(sebelumnya) if sebelumnya is not None else None,
        ))
        if not isi.target_renja_terbaca:
            hasil.target_kosong.append(_nama_renja(b))
        dibuat.append(EvaluasiRenja(
            opd=opd, tahun=tahun, node=b.node, indikator=b.indikator, urutan=b.urutan,
            target_renstra_k=isi.target_renstra_k, target_renstra_rentang=isi.target_renstra_rentang,
            target_renstra_rp=isi.target_renstra_rp, realisasi_lalu_k=isi.realisasi_lalu_k,
            realisasi_lalu_rp=isi.realisasi_lalu_rp, target_renja_k=isi.target_renja_k,
            target_renja_rentang=isi.target_renja_rentang, target_renja_rp=isi.target_renja_rp,
        ))
    EvaluasiRenja.objects.bulk_create(dibuat)
    hasil.dibuat = len(dibuat)
    perubahan = {
        "baris": {"label": f"Baris evaluasi Renja {tahun}", "lama": str(len(ada)), "baru": str(len(ada) + len(dibuat))},
        "dibuat": {"label": "Dibuat dari Renja (simpul / indikator)", "lama": "",
                   "baru": ", ".join(f"{b.node.ref} / {b.indikator.ref}" for b in baru)},
    }
    if hasil.target_kosong:
        perubahan["target_kosong"] = {"label": "Target Renja bukan angka (kolom 7 K kosong)", "lama": "",
                                      "baru": "; ".join(hasil.target_kosong)}
    jejak_catat(oleh=oleh, objek=opd, opd=opd, aksi=AksiJejak.BUAT, perubahan=perubahan, sumber=sumber,
                label=f"Evaluasi Renja {tahun} disiapkan dari Renja {tahun}: {len(dibuat)} baris")
    return hasil
