"""Writes of the PK and the budget: the importers, the CLI and the screens all go through these.

Every write is atomic, locks what it changes and records an audit trail entry (`Jejak`: who,
when, old → new, why) in the same transaction. Forms that edit an existing row carry its `versi`
(optimistic lock): a form opened before someone else's save is refused with who/when, and the
user's input is shown again.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sakip.audit.layanan import (
    KonflikVersi,
    jejak_catat,
    perubahan_dari,
    potret,
    versi_naikkan,
    versi_periksa,
)
from sakip.audit.models import AksiJejak
from sakip.engine.angka import AngkaTidakValid, parse_angka, parse_rentang

from .models import AnggaranPK, BelanjaAnggaran, JenisVersi, KinerjaPK, PerjanjianKinerja, VersiPK

# The header fields of a version the trail records (rows are recorded by `_potret_baris`).
_KOLOM_VERSI = (
    "jenis", "ke", "tempat", "tanggal", "tanggal_tercetak", "alasan", "berita_acara_nomor",
    "berita_acara_tanggal", "pihak_pertama_nama", "pihak_pertama_jabatan", "pihak_pertama_nip",
    "pihak_pertama_pangkat", "pihak_kedua_nama", "pihak_kedua_jabatan", "pihak_kedua_nip",
)
_KOLOM_TARGET = ("target", "target_tw1", "target_tw2", "target_tw3", "target_tw4")
_KOLOM_BELANJA = ("pagu_sebelum", "pagu_sesudah", "realisasi", "fisik")
SEN = Decimal("0.01")
RUPIAH_MAKS = Decimal("1e15")  # RupiahField holds ±9,2 × 10^16; DOMAIN §4 asks for 10^13


def _pk_pastikan_draf(*, opd_id: int, tahun: int) -> None:
    """A PK made final in the workflow (sakip.alur) is frozen: its data change only after the admin
    reopens it. Imported late: the workflow app depends on this one, not the other way round."""
    from sakip.alur.layanan import dokumen_pastikan_draf

    dokumen_pastikan_draf(opd_id=opd_id, tahun=tahun, jenis="pk")


@transaction.atomic
def pk_versi_simpan(
    *,
    perjanjian: PerjanjianKinerja,
    jenis: str,
    ke: int,
    pihak_pertama: Mapping[str, str],
    pihak_kedua: Mapping[str, str],
    alasan: str = "",
    tempat: str = "",
    tanggal: date | None = None,
    tanggal_tercetak: str = "",
    berita_acara_nomor: str = "",
    berita_acara_tanggal: date | None = None,
    oleh: Any = None,
    sumber: str = "layar",
) -> VersiPK:
    """Create or update the version `ke` of a PK (its rows: `pk_baris_ganti`).

    A perubahan without a reason is refused here, at input, and again by a database constraint:
    a revised agreement is only valid with its reason (lkjip-2025 §2.5.2 prints it; the Berita
    Acara records it).
    """
    _pk_pastikan_draf(opd_id=perjanjian.opd_id, tahun=perjanjian.tahun)
    alasan = (alasan or "").strip()
    if jenis not in JenisVersi.values:
        raise ValidationError(f"Jenis versi PK tidak dikenal: {jenis!r}.", code="jenis")
    if (jenis == JenisVersi.INDUK) != (ke == 0):
        raise ValidationError("PK induk memakai ke = 0; perubahan ke = 1, 2, ….", code="ke")
    if jenis == JenisVersi.PERUBAHAN and not alasan:
        raise ValidationError("Alasan perubahan PK wajib diisi.", code="alasan_wajib")
    for pihak, data in (("pihak pertama", pihak_pertama), ("pihak kedua", pihak_kedua)):
        if not data.get("nama") or not data.get("jabatan"):
            raise ValidationError(f"Nama dan jabatan {pihak} wajib diisi.", code="pihak")
    nilai = dict(
        jenis=jenis, tempat=tempat, tanggal=tanggal, tanggal_tercetak=tanggal_tercetak,
        alasan=alasan, berita_acara_nomor=berita_acara_nomor,
        berita_acara_tanggal=berita_acara_tanggal,
        pihak_pertama_nama=pihak_pertama["nama"], pihak_pertama_jabatan=pihak_pertama["jabatan"],
        pihak_pertama_nip=pihak_pertama.get("nip") or "",
        pihak_pertama_pangkat=pihak_pertama.get("pangkat") or "",
        pihak_kedua_nama=pihak_kedua["nama"], pihak_kedua_jabatan=pihak_kedua["jabatan"],
        pihak_kedua_nip=pihak_kedua.get("nip") or "",
    )
    versi = VersiPK.objects.select_for_update().filter(perjanjian=perjanjian, ke=ke).first()
    if versi is None:
        versi = VersiPK.objects.create(perjanjian=perjanjian, ke=ke, **nilai)
        jejak_catat(oleh=oleh, objek=versi, opd=perjanjian.opd, aksi=AksiJejak.BUAT, alasan=alasan,
                    perubahan=perubahan_dari({}, potret(versi, _KOLOM_VERSI)), sumber=sumber)
        return versi
    sebelum = potret(versi, _KOLOM_VERSI)
    for kunci, v in nilai.items():
        setattr(versi, kunci, v)
    perubahan = perubahan_dari(sebelum, potret(versi, _KOLOM_VERSI))
    if perubahan:
        versi.save(update_fields=[*nilai, *versi_naikkan(versi)])
        jejak_catat(oleh=oleh, objek=versi, opd=perjanjian.opd, aksi=AksiJejak.UBAH,
                    perubahan=perubahan, alasan=alasan, sumber=sumber)
    return versi


def _label_kinerja(k: KinerjaPK) -> str:
    return f"{k.sasaran.ref} / {k.indikator.ref}"


def _label_anggaran(a: AnggaranPK) -> str:
    nama = a.program.ref if a.program else a.nama
    return f"{nama} · {a.sumber}" + (f" · {a.unit.slug}" if a.unit else "")


def _potret_baris(kinerja: Iterable[KinerjaPK], anggaran: Iterable[AnggaranPK]) -> dict[str, str]:
    """The rows of a version as text, one entry per row: what the trail compares."""
    hasil = {f"target {_label_kinerja(k)}": " | ".join(getattr(k, c) or "-" for c in _KOLOM_TARGET)
             for k in kinerja}
    for a in anggaran:
        kunci = f"pagu {_label_anggaran(a)}"
        # Sen always: a stored pagu reads back as 464684550.00, a parsed one may be 464684550.
        pagu = format(a.pagu.quantize(SEN), "f")
        hasil[kunci] = f"{hasil[kunci]} + {pagu}" if kunci in hasil else pagu
    return hasil


@transaction.atomic
def pk_baris_ganti(
    *, versi: VersiPK, kinerja: Sequence[KinerjaPK], anggaran: Sequence[AnggaranPK],
    oleh: Any = None, alasan: str = "", sumber: str = "layar",
) -> bool:
    """Replace the rows (targets, budget components) of a version; True when anything changed.

    Rows are unsaved model instances (their `versi` is set here). Objects named by the rows
    (sasaran, indikator, program, unit) must be loaded: the trail prints their refs.
    """
    perjanjian = PerjanjianKinerja.objects.only("opd_id", "tahun").get(pk=versi.perjanjian_id)
    _pk_pastikan_draf(opd_id=perjanjian.opd_id, tahun=perjanjian.tahun)
    VersiPK.objects.select_for_update().filter(pk=versi.pk).first()
    lama_k = list(versi.kinerja.select_related("sasaran", "indikator"))
    lama_a = list(versi.anggaran.select_related("program", "unit"))
    sebelum, sesudah = _potret_baris(lama_k, lama_a), _potret_baris(kinerja, anggaran)
    perubahan = perubahan_dari(sebelum, sesudah)
    urut_berubah = [_label_kinerja(k) for k in lama_k] != [_label_kinerja(k) for k in kinerja]
    if not perubahan and not urut_berubah:
        return False
    versi.kinerja.all().delete()
    versi.anggaran.all().delete()
    for i, k in enumerate(kinerja):
        k.versi, k.urutan = versi, i
    for i, a in enumerate(anggaran):
        a.versi, a.urutan = versi, i
    KinerjaPK.objects.bulk_create(kinerja)
    AnggaranPK.objects.bulk_create(anggaran)
    versi.save(update_fields=versi_naikkan(versi))
    jejak_catat(oleh=oleh, objek=versi, opd=versi.perjanjian.opd, aksi=AksiJejak.UBAH,
                perubahan=perubahan or {"urutan": {"label": "urutan baris", "lama": "", "baru": "diubah"}},
                alasan=alasan, sumber=sumber)
    return True


def _cek_target(teks: str, kunci: str, galat: dict[str, str]) -> None:
    if not teks:
        return
    try:
        parse_rentang(teks) if " - " in teks else parse_angka(teks)
    except AngkaTidakValid as exc:
        galat[kunci] = str(exc)


@transaction.atomic
def pk_perubahan_buat(
    *,
    perjanjian: PerjanjianKinerja,
    dasar_ke: int,
    dasar_versi: int | str | None,
    alasan: str,
    target: Mapping[int, Mapping[str, str]],
    pagu: Mapping[int, Decimal],
    tempat: str = "",
    tanggal: date | None = None,
    berita_acara_nomor: str = "",
    berita_acara_tanggal: date | None = None,
    oleh: Any = None,
) -> VersiPK:
    """A new Perubahan of the PK, copied from the latest version with the given changes.

    `target` maps a row (KinerjaPK pk of the latest version) to its new texts (`target`,
    `target_tw1` … `target_tw4`); `pagu` maps a budget component (AnggaranPK pk) to its new pagu.
    Rows not named keep their values. The earlier versions are never touched: a signed agreement
    is revised by a new one (lkjip-2025 Tabel II.4–II.9 print all three).

    `dasar_ke` / `dasar_versi` are the version the form was opened on: if a revision was added or
    that version changed meanwhile, `KonflikVersi` says by whom and nothing is saved.
    """
    PerjanjianKinerja.objects.select_for_update().filter(pk=perjanjian.pk).first()
    terakhir = VersiPK.objects.filter(perjanjian=perjanjian).order_by("-ke").first()
    if terakhir is None:
        raise ValidationError("PK ini belum memiliki versi induk.", code="tanpa_induk")
    if terakhir.ke != dasar_ke:
        raise KonflikVersi(
            f"Sementara Anda mengisi, {terakhir.label} telah ditambahkan. Perubahan Anda belum "
            "disimpan: buka kembali formulir perubahan dari versi terbaru.", code="konflik_versi")
    versi_periksa(terakhir, dasar_versi)
    galat: dict[str, str] = {}
    alasan = (alasan or "").strip()
    if not alasan:
        galat["alasan"] = "Alasan perubahan PK wajib diisi (dicetak pada dokumen PK perubahan)."
    kinerja = list(terakhir.kinerja.select_related("sasaran", "indikator"))
    anggaran = list(terakhir.anggaran.select_related("program", "unit"))
    baru_k = []
    for k in kinerja:
        nilai = {c: getattr(k, c) for c in _KOLOM_TARGET} | {
            c: (v or "").strip() for c, v in (target.get(k.pk) or {}).items() if c in _KOLOM_TARGET}
        if not nilai["target"]:
            galat[f"target_{k.pk}"] = "Target tahunan wajib diisi."
        for c in _KOLOM_TARGET:
            _cek_target(nilai[c], f"{c}_{k.pk}" if c != "target" else f"target_{k.pk}", galat)
        baru_k.append(KinerjaPK(sasaran=k.sasaran, indikator=k.indikator, jenis_target_tw=k.jenis_target_tw,
                                **nilai))
    baru_a = []
    for a in anggaran:
        p = pagu.get(a.pk, a.pagu)
        if p < 0 or p >= RUPIAH_MAKS or p != p.quantize(Decimal("0.01")):
            galat[f"pagu_{a.pk}"] = "Pagu harus 0 s.d. < 10^15 Rupiah dengan paling banyak dua desimal."
        baru_a.append(AnggaranPK(program=a.program, nama=a.nama, sumber=a.sumber, pagu=p,
                                 keterangan=a.keterangan, kelompok=a.kelompok, unit=a.unit,
                                 indikator_id=a.indikator_id))
    if galat:
        raise ValidationError(galat)
    versi = pk_versi_simpan(
        perjanjian=perjanjian, jenis=JenisVersi.PERUBAHAN, ke=terakhir.ke + 1, alasan=alasan,
        tempat=tempat or terakhir.tempat, tanggal=tanggal, berita_acara_nomor=berita_acara_nomor,
        berita_acara_tanggal=berita_acara_tanggal,
        pihak_pertama={"nama": terakhir.pihak_pertama_nama, "jabatan": terakhir.pihak_pertama_jabatan,
                       "nip": terakhir.pihak_pertama_nip, "pangkat": terakhir.pihak_pertama_pangkat},
        pihak_kedua={"nama": terakhir.pihak_kedua_nama, "jabatan": terakhir.pihak_kedua_jabatan,
                     "nip": terakhir.pihak_kedua_nip},
        oleh=oleh,
    )
    pk_baris_ganti(versi=versi, kinerja=baru_k, anggaran=baru_a, oleh=oleh, alasan=alasan)
    return versi


@transaction.atomic
def belanja_ubah(
    *,
    belanja: BelanjaAnggaran,
    pagu_sebelum: Decimal | None,
    pagu_sesudah: Decimal,
    realisasi: Decimal | None,
    fisik: Decimal | None,
    versi_form: int | str | None,
    alasan: str = "",
    oleh: Any = None,
) -> bool:
    """Edit the pagu / realisation / physical progress of one budget line; True when changed."""
    baris = BelanjaAnggaran.objects.select_for_update(of=("self",)).select_related("opd", "node").get(pk=belanja.pk)
    versi_periksa(baris, versi_form)
    galat: dict[str, str] = {}
    for kunci, nilai in (("pagu_sebelum", pagu_sebelum), ("pagu_sesudah", pagu_sesudah),
                         ("realisasi", realisasi)):
        if nilai is not None and (nilai < 0 or nilai >= RUPIAH_MAKS or nilai != nilai.quantize(Decimal("0.01"))):
            galat[kunci] = "Rupiah harus 0 s.d. < 10^15 dengan paling banyak dua desimal."
    if fisik is not None and not Decimal(0) <= fisik <= Decimal(100):
        galat["fisik"] = "Realisasi fisik adalah persentase 0 s.d. 100."
    if galat:
        raise ValidationError(galat)
    sebelum = potret(baris, _KOLOM_BELANJA)
    baris.pagu_sebelum, baris.pagu_sesudah, baris.realisasi, baris.fisik = (
        pagu_sebelum, pagu_sesudah, realisasi, fisik)
    perubahan = perubahan_dari(sebelum, potret(baris, _KOLOM_BELANJA), label={
        "pagu_sebelum": "Pagu sebelum perubahan", "pagu_sesudah": "Pagu sesudah perubahan",
        "realisasi": "Realisasi", "fisik": "Realisasi fisik %"})
    if not perubahan:
        return False
    baris.save(update_fields=[*_KOLOM_BELANJA, *versi_naikkan(baris)])
    belanja.versi = baris.versi
    jejak_catat(oleh=oleh, objek=baris, opd=baris.opd, aksi=AksiJejak.UBAH, perubahan=perubahan,
                alasan=alasan, label=f"Belanja {baris.tahun} {baris.node.ref if baris.node else baris.nama}")
    return True
