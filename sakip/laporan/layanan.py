"""Writing the LKjIP content from the screens: narrative sections and the LHE follow-up.

Each service is atomic, locks the row it changes, checks the form's `versi` (optimistic locking:
a stale form gets `KonflikVersi` naming who changed the record) and writes the audit record in
the same transaction. Rules live here, not in forms: a form only carries typed text.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
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
from sakip.organisasi.models import PerangkatDaerah

from .bagian import BAGIAN_PER_KUNCI, pesan_kunci_tak_dikenal
from .models import LHE, Laporan, Narasi, RekomendasiLHE

KOLOM_LHE = ["nomor", "tanggal", "perihal", "dari", "tahun_evaluasi", "predikat", "interpretasi", "nilai"]
KOLOM_REKOMENDASI = ["uraian", "uraian_lhe", "tindak_lanjut", "target", "bulan", "status", "tw1", "tw2",
                     "tw3", "tw4", "bukti", "bukti_uraian"]
LABEL_REKOMENDASI = {"uraian": "Rekomendasi", "uraian_lhe": "Rumusan dalam LHE", "tindak_lanjut": "Tindak lanjut",
                     "target": "Target", "bulan": "Rencana waktu", "status": "Status/progres/output",
                     "tw1": "TW I", "tw2": "TW II", "tw3": "TW III", "tw4": "TW IV", "bukti": "Tautan bukti",
                     "bukti_uraian": "Uraian bukti"}
_url = URLValidator(schemes=["http", "https"])


def laporan_pastikan(*, opd: PerangkatDaerah, tahun: int) -> Laporan:
    """The report row of (OPD, year), created empty on first write; locked for update."""
    if not 2000 <= tahun <= 2100:
        raise ValidationError("Tahun laporan harus 2000–2100.")
    # A final LKjIP (sakip.alur) is frozen: its content changes only after the admin reopens it.
    from sakip.alur.layanan import dokumen_pastikan_draf

    dokumen_pastikan_draf(opd_id=opd.pk, tahun=tahun, jenis="lkjip")
    Laporan.objects.get_or_create(opd=opd, tahun=tahun)
    return Laporan.objects.select_for_update().get(opd=opd, tahun=tahun)


def _versi_baru(versi_form: int | str | None) -> None:
    """A form opened on a row that did not exist yet carries versi 0; a non-zero one means the row
    it was opened on has been removed since (a re-import)."""
    if versi_form not in (None, "", 0, "0"):
        raise KonflikVersi("Data ini telah dihapus atau diganti (mis. impor ulang) setelah Anda membukanya. "
                           "Perubahan Anda belum disimpan.", code="konflik_versi")


# --------------------------------------------------------------------------------- narratives


@transaction.atomic
def narasi_simpan(*, opd: PerangkatDaerah, tahun: int, kunci: str, teks: str, oleh: Any,
                  versi: int | str | None) -> bool:
    """Store a section's text; False when nothing changed. Empty text leaves the section kosong."""
    if kunci not in BAGIAN_PER_KUNCI:
        raise ValidationError({"kunci": pesan_kunci_tak_dikenal(kunci)})
    teks = (teks or "").replace("\r\n", "\n").strip()
    laporan = laporan_pastikan(opd=opd, tahun=tahun)
    narasi = Narasi.objects.select_for_update().filter(laporan=laporan, kunci=kunci).first()
    if narasi is None:
        _versi_baru(versi)
        if not teks:
            return False
        narasi = Narasi.objects.create(laporan=laporan, kunci=kunci, teks=teks)
        jejak_catat(oleh=oleh, objek=narasi, opd=opd, aksi=AksiJejak.BUAT, label=_label(narasi),
                    perubahan=perubahan_dari({}, {"teks": teks}))
        return True
    versi_periksa(narasi, versi)
    if narasi.teks == teks:
        return False
    sebelum = potret(narasi, ["teks"])
    narasi.teks = teks
    narasi.save(update_fields=["teks", *versi_naikkan(narasi)])
    jejak_catat(oleh=oleh, objek=narasi, opd=opd, aksi=AksiJejak.UBAH, label=_label(narasi),
                perubahan=perubahan_dari(sebelum, potret(narasi, ["teks"])))
    return True


def _label(narasi: Narasi) -> str:
    return f"LKjIP {narasi.laporan.tahun} · {BAGIAN_PER_KUNCI[narasi.kunci].judul}"


# ------------------------------------------------------------------------------------------ LHE


def _lhe_pastikan(laporan: Laporan) -> LHE:
    LHE.objects.get_or_create(laporan=laporan)
    return LHE.objects.select_for_update().get(laporan=laporan)


@transaction.atomic
def lhe_simpan(*, opd: PerangkatDaerah, tahun: int, oleh: Any, versi: int | str | None, nomor: str,
               tanggal: date | None, perihal: str, dari: str, tahun_evaluasi: int | None, predikat: str,
               interpretasi: str, nilai: Decimal | None) -> bool:
    """The LHE letter's header: number, date, predicate and score."""
    laporan = laporan_pastikan(opd=opd, tahun=tahun)
    ada = LHE.objects.filter(laporan=laporan).exists()
    lhe = _lhe_pastikan(laporan)
    if ada:
        versi_periksa(lhe, versi)
    else:
        _versi_baru(versi)
    galat = {}
    if tahun_evaluasi is not None and not 2000 <= tahun_evaluasi <= 2100:
        galat["tahun_evaluasi"] = "Tahun evaluasi harus 2000–2100."
    if nilai is not None and not Decimal(0) <= nilai <= Decimal(100):
        galat["nilai"] = "Nilai SAKIP berada antara 0 dan 100."
    if lhe.komponen and nilai is not None:
        galat["nilai"] = "Nilai dihitung dari komponen evaluasi; kosongkan isian ini."
    if galat:
        raise ValidationError(galat)
    sebelum = potret(lhe, KOLOM_LHE)
    lhe.nomor, lhe.tanggal, lhe.perihal, lhe.dari = nomor.strip(), tanggal, perihal.strip(), dari.strip()
    lhe.tahun_evaluasi, lhe.predikat, lhe.interpretasi, lhe.nilai = (
        tahun_evaluasi, predikat.strip(), interpretasi.strip(), nilai)
    lhe.full_clean(exclude=["laporan", "komponen", "dokumen", "tercetak"])
    perubahan = perubahan_dari(sebelum, potret(lhe, KOLOM_LHE))
    if not perubahan:
        return False
    lhe.save(update_fields=[*KOLOM_LHE, *versi_naikkan(lhe)])
    jejak_catat(oleh=oleh, objek=lhe, opd=opd, aksi=AksiJejak.UBAH, perubahan=perubahan,
                label=f"LKjIP {tahun} · LHE SAKIP")
    return True


def bukti_dari_teks(teks: str) -> list[str]:
    """Evidence links typed one per line (or separated by spaces)."""
    return [u for u in (teks or "").split() if u]


def _periksa_rekomendasi(rek: RekomendasiLHE) -> None:
    galat: dict[str, list[str]] = {}
    if not rek.uraian.strip():
        galat.setdefault("uraian", []).append("Rekomendasi wajib diisi.")
    for url in rek.bukti:
        try:
            _url(url)
        except ValidationError:
            galat.setdefault("bukti", []).append(f"Bukan tautan http(s) yang valid: {url}")
    try:
        rek.full_clean(exclude=["lhe", "bukti", "tercetak", "uraian"])
    except ValidationError as exc:
        for k, v in exc.message_dict.items():
            galat.setdefault(k, []).extend(v)
    if galat:
        raise ValidationError(galat)


@transaction.atomic
def rekomendasi_simpan(*, opd: PerangkatDaerah, tahun: int, oleh: Any, pk: int | None,
                       versi: int | str | None, uraian: str, uraian_lhe: str = "", tindak_lanjut: str = "",
                       target: str = "", bulan: str = "", status: str = "",
                       tw: Sequence[bool] = (False, False, False, False), bukti: Sequence[str] = (),
                       bukti_uraian: str = "") -> RekomendasiLHE:
    """Add (pk=None) or change one recommendation and its follow-up."""
    laporan = laporan_pastikan(opd=opd, tahun=tahun)
    lhe = _lhe_pastikan(laporan)
    if pk is None:
        rek = RekomendasiLHE(lhe=lhe, urutan=lhe.rekomendasi.count())
        sebelum: dict[str, str] = {}
    else:
        rek = RekomendasiLHE.objects.select_for_update().filter(lhe=lhe, pk=pk).first()
        if rek is None:
            raise RekomendasiLHE.DoesNotExist
        versi_periksa(rek, versi)
        sebelum = potret(rek, KOLOM_REKOMENDASI)
    rek.uraian, rek.uraian_lhe, rek.tindak_lanjut = uraian.strip(), uraian_lhe.strip(), tindak_lanjut.strip()
    rek.target, rek.bulan, rek.status, rek.bukti_uraian = (target.strip(), bulan.strip(), status.strip(),
                                                           bukti_uraian.strip())
    rek.tw1, rek.tw2, rek.tw3, rek.tw4 = (bool(t) for t in tw)
    rek.bukti = list(bukti)
    _periksa_rekomendasi(rek)
    perubahan = perubahan_dari(sebelum, potret(rek, KOLOM_REKOMENDASI), label=LABEL_REKOMENDASI)
    if pk is None:
        rek.save()
        jejak_catat(oleh=oleh, objek=rek, opd=opd, aksi=AksiJejak.BUAT, perubahan=perubahan,
                    label=f"LKjIP {tahun} · {rek}")
    elif perubahan:
        versi_naikkan(rek)
        rek.save()
        jejak_catat(oleh=oleh, objek=rek, opd=opd, aksi=AksiJejak.UBAH, perubahan=perubahan,
                    label=f"LKjIP {tahun} · {rek}")
    return rek


@transaction.atomic
def rekomendasi_hapus(*, opd: PerangkatDaerah, tahun: int, oleh: Any, pk: int, versi: int | str | None) -> None:
    rek = RekomendasiLHE.objects.select_for_update().filter(
        lhe__laporan__opd=opd, lhe__laporan__tahun=tahun, pk=pk).first()
    if rek is None:
        raise RekomendasiLHE.DoesNotExist
    versi_periksa(rek, versi)
    jejak_catat(oleh=oleh, objek=rek, opd=opd, aksi=AksiJejak.HAPUS, label=f"LKjIP {tahun} · {rek}",
                perubahan=perubahan_dari(potret(rek, KOLOM_REKOMENDASI), {}, label=LABEL_REKOMENDASI))
    rek.delete()
    for i, r in enumerate(RekomendasiLHE.objects.filter(lhe_id=rek.lhe_id).order_by("urutan", "pk")):
        if r.urutan != i:
            r.urutan = i
            r.save(update_fields=["urutan"])


@transaction.atomic
def rekomendasi_ganti(*, opd: PerangkatDaerah, tahun: int, oleh: Any, baris: Sequence[RekomendasiLHE],
                      sumber: str) -> int:
    """Replace every recommendation of the LHE by `baris` (the Excel upload, already checked)."""
    laporan = laporan_pastikan(opd=opd, tahun=tahun)
    lhe = _lhe_pastikan(laporan)
    lama = lhe.rekomendasi.count()
    lhe.rekomendasi.all().delete()
    for i, rek in enumerate(baris):
        rek.lhe, rek.urutan, rek.pk = lhe, i, None
    RekomendasiLHE.objects.bulk_create(baris)
    lhe.save(update_fields=versi_naikkan(lhe))
    jejak_catat(oleh=oleh, objek=lhe, opd=opd, aksi=AksiJejak.IMPOR, sumber=sumber,
                label=f"LKjIP {tahun} · LHE SAKIP",
                perubahan={"rekomendasi": {"label": "Rekomendasi", "lama": f"{lama} baris",
                                           "baru": f"{len(baris)} baris"}})
    return len(baris)
