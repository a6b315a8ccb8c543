"""Workflow services: one per transition (Zulip's actions), each atomic, locking the status row
and writing the audit record (old → new status, the note) in the same transaction.

Quarter:  draf/dikembalikan --ajukan--> diajukan --verifikasi--> diverifikasi --setujui--> disetujui
          diajukan/diverifikasi --kembalikan (catatan wajib)--> dikembalikan
          disetujui --buka_kunci (alasan wajib, Admin Pemda)--> dikembalikan
Document: draf --finalkan--> final (file + SHA-256 frozen) --buka_kunci--> draf

`periode_periksa_ubah` is what every writer of a quarter's data (pengukuran.layanan) calls
first. Rules and decisions: docs/algorithms/alur.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Collection
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sakip.akun.izin import Aksi, wajib_boleh
from sakip.akun.models import User
from sakip.audit.layanan import alasan_wajib, jejak_catat, perubahan_dari, potret
from sakip.audit.models import AksiJejak
from sakip.organisasi.models import Pemda, PerangkatDaerah

from .dokumen import dokumen_terdaftar, jenis_dokumen
from .models import STATUS_TERBUKA, DokumenTahunan, JendelaIsian, StatusAlur, StatusDokumen, StatusTriwulan

ROMAWI = {0: "tahunan", 1: "I", 2: "II", 3: "III", 4: "IV"}


def nama_triwulan(tahun: int, triwulan: int) -> str:
    """"TW II 2025"; the year's own value (triwulan 0) is "tahunan 2025"."""
    return f"tahunan {tahun}" if triwulan == 0 else f"TW {ROMAWI[triwulan]} {tahun}"


def triwulan_kunci(triwulan: int) -> int:
    """The workflow quarter a data quarter belongs to: the year's value (0) closes with TW IV."""
    return 4 if triwulan == 0 else triwulan


def _cek_triwulan(triwulan: int) -> None:
    if triwulan not in (1, 2, 3, 4):
        raise ValidationError("Triwulan harus 1 sampai 4.")


def _nama(user: User | None) -> str:
    if user is None:
        return "sistem"
    return user.get_full_name() or user.username


def _waktu(waktu: dt.datetime | None) -> str:
    return timezone.localtime(waktu).strftime("%d-%m-%Y %H.%M") if waktu else ""


# ------------------------------------------------------------------------ lock of a quarter's data


def pesan_terkunci(st: StatusTriwulan) -> str:
    nama = nama_triwulan(st.tahun, st.triwulan)
    if st.status == StatusAlur.DISETUJUI:
        return (f"Data {nama} sudah disetujui dan terkunci. Admin Pemda dapat membuka kuncinya "
                "dengan alasan bila data perlu diubah.")
    tahap = "verifikasi" if st.status == StatusAlur.DIAJUKAN else "persetujuan Kepala OPD"
    return (f"Data {nama} sedang diajukan (menunggu {tahap}) dan tidak dapat diubah. "
            "Minta agar dikembalikan terlebih dahulu.")


def periode_periksa_ubah(*, opd: PerangkatDaerah, tahun: int, triwulan: int) -> bool:
    """Refuse a change of a quarter's data unless the quarter is open (draf / dikembalikan).
    Returns whether a change needs a reason (the quarter was submitted before: alur.md §3; the
    writer checks it with `alasan_perubahan` once it knows something changed). Call inside the
    writer's transaction: the status row is locked, so a save and a submission of the same
    quarter never interleave."""
    st = (
        StatusTriwulan.objects.select_for_update()
        .filter(opd=opd, tahun=tahun, triwulan=triwulan_kunci(triwulan))
        .first()
    )
    if st is None:
        return False
    if st.status not in STATUS_TERBUKA:
        raise ValidationError(pesan_terkunci(st), code="terkunci")
    return st.pernah_diajukan


def alasan_perubahan(alasan: str, *, tahun: int, triwulan: int) -> str:
    return alasan_wajib(alasan, mengapa=f"data {nama_triwulan(tahun, triwulan_kunci(triwulan))} pernah diajukan")


# ------------------------------------------------------------------------------- transitions

_KOLOM_STATUS = [
    "status", "diajukan_oleh", "diajukan_pada", "diverifikasi_oleh", "diverifikasi_pada", "disetujui_oleh",
    "disetujui_pada", "dikembalikan_oleh", "dikembalikan_pada", "catatan", "pertama_diajukan_pada",
    "diubah_pada",
]
_LABEL = {"status": "Status", "catatan": "Catatan"}


def _kunci_status(opd: PerangkatDaerah, tahun: int, triwulan: int) -> StatusTriwulan:
    _cek_triwulan(triwulan)
    st = StatusTriwulan.objects.select_for_update().filter(opd=opd, tahun=tahun, triwulan=triwulan).first()
    if st is None:
        st, _ = StatusTriwulan.objects.get_or_create(opd=opd, tahun=tahun, triwulan=triwulan)
        st = StatusTriwulan.objects.select_for_update().get(pk=st.pk)
    return st


def _tolak_status(st: StatusTriwulan, tindakan: str) -> ValidationError:
    """A stale button (someone acted first) or a transition the state does not allow."""
    nama = nama_triwulan(st.tahun, st.triwulan)
    terakhir = max(
        ((w, o) for w, o in [
            (st.diajukan_pada, st.diajukan_oleh), (st.diverifikasi_pada, st.diverifikasi_oleh),
            (st.disetujui_pada, st.disetujui_oleh), (st.dikembalikan_pada, st.dikembalikan_oleh),
        ] if w is not None),
        default=None, key=lambda x: x[0],
    )
    siapa = f" (terakhir oleh {_nama(terakhir[1])} pada {_waktu(terakhir[0])})" if terakhir else ""
    return ValidationError(
        f"{nama} tidak dapat {tindakan}: statusnya sekarang {st.get_status_display().lower()}{siapa}. "
        "Muat ulang halaman untuk melihat keadaan terbaru.",
        code="status",
    )


def _catat(st: StatusTriwulan, sebelum: dict[str, str], oleh: User | None, *, alasan: str = "",
           aksi: AksiJejak = AksiJejak.STATUS) -> None:
    st.diubah_pada = timezone.now()
    st.save(update_fields=_KOLOM_STATUS)
    jejak_catat(
        oleh=oleh, objek=st, opd=st.opd, aksi=aksi, alasan=alasan,
        perubahan=perubahan_dari(sebelum, potret(st, ["status", "catatan"]), label=_LABEL),
        label=f"Status {nama_triwulan(st.tahun, st.triwulan)} · {st.opd.nama}",
    )


def jendela_berlaku(*, pemda_id: int, tahun: int, triwulan: int) -> JendelaIsian | None:
    return JendelaIsian.objects.filter(pemda_id=pemda_id, tahun=tahun, triwulan=triwulan).first()


def _langkah(*, opd: PerangkatDaerah, tahun: int, triwulan: int, oleh: User, catatan: str, aksi: Aksi,
             dari: Collection[str], ke: StatusAlur, tindakan: str,
             periksa: Callable[[StatusTriwulan], None] | None = None) -> StatusTriwulan:
    """One forward step of a quarter (ajukan, verifikasi, setujui): the permission, the locked
    status row in a state the step starts `dari` (else `_tolak_status` with `tindakan`), the step's
    own check, then the new state with who and when (`<ke>_oleh` / `<ke>_pada`) and the audit
    record. Call inside the caller's transaction."""
    wajib_boleh(oleh, aksi, opd=opd)
    st = _kunci_status(opd, tahun, triwulan)
    if st.status not in dari:
        raise _tolak_status(st, tindakan)
    if periksa is not None:
        periksa(st)
    sebelum = potret(st, ["status", "catatan"])
    sekarang = timezone.now()
    st.status = ke
    setattr(st, f"{ke.value}_oleh", oleh)
    setattr(st, f"{ke.value}_pada", sekarang)
    if ke == StatusAlur.DIAJUKAN:
        # A (re)submission is reviewed afresh; the first submission is remembered (alur.md §3).
        st.diverifikasi_oleh = st.diverifikasi_pada = st.disetujui_oleh = st.disetujui_pada = None
        st.pertama_diajukan_pada = st.pertama_diajukan_pada or sekarang
    _catat(st, sebelum, oleh, alasan=catatan.strip())
    return st


def _jendela_sudah_dibuka(st: StatusTriwulan) -> None:
    """Refused before the entry window opens; after it closes a submission is accepted and the
    quarter is marked late (alur.md §4)."""
    jendela = jendela_berlaku(pemda_id=st.opd.pemda_id, tahun=st.tahun, triwulan=st.triwulan)
    if jendela is not None and timezone.localdate() < jendela.dibuka:
        raise ValidationError(
            f"Jendela pengisian {nama_triwulan(st.tahun, st.triwulan)} baru dibuka "
            f"{jendela.dibuka.strftime('%d-%m-%Y')}; data belum dapat diajukan.", code="belum_dibuka",
        )


@transaction.atomic
def triwulan_ajukan(*, opd: PerangkatDaerah, tahun: int, triwulan: int, oleh: User, catatan: str = "") -> StatusTriwulan:
    """Operator submits the quarter for verification (draf or dikembalikan → diajukan), once the
    entry window has opened."""
    return _langkah(opd=opd, tahun=tahun, triwulan=triwulan, oleh=oleh, catatan=catatan, aksi=Aksi.AJUKAN,
                    dari=STATUS_TERBUKA, ke=StatusAlur.DIAJUKAN, tindakan="diajukan",
                    periksa=_jendela_sudah_dibuka)


@transaction.atomic
def triwulan_verifikasi(*, opd: PerangkatDaerah, tahun: int, triwulan: int, oleh: User, catatan: str = "") -> StatusTriwulan:
    """Verifikator (Pemda) confirms the submitted data (diajukan → diverifikasi)."""
    return _langkah(opd=opd, tahun=tahun, triwulan=triwulan, oleh=oleh, catatan=catatan, aksi=Aksi.VERIFIKASI,
                    dari={StatusAlur.DIAJUKAN}, ke=StatusAlur.DIVERIFIKASI, tindakan="diverifikasi")


@transaction.atomic
def triwulan_setujui(*, opd: PerangkatDaerah, tahun: int, triwulan: int, oleh: User, catatan: str = "") -> StatusTriwulan:
    """Kepala OPD approves (diverifikasi → disetujui): the quarter's data is locked."""
    return _langkah(opd=opd, tahun=tahun, triwulan=triwulan, oleh=oleh, catatan=catatan, aksi=Aksi.SETUJUI,
                    dari={StatusAlur.DIVERIFIKASI}, ke=StatusAlur.DISETUJUI, tindakan="disetujui")


# Who may return a quarter from which state: the one whose step it is now — the verifikator a
# submitted quarter, the Kepala OPD a verified one. An approved quarter is only reopened by the
# Admin Pemda (triwulan_buka_kunci).
KEMBALIKAN_DARI: dict[str, Aksi] = {
    StatusAlur.DIAJUKAN: Aksi.VERIFIKASI,
    StatusAlur.DIVERIFIKASI: Aksi.SETUJUI,
}


def aksi_kembalikan(status: str | None) -> Aksi:
    """The action a return needs in this state (VERIFIKASI where no return is possible, so the
    refusal names the role that usually returns)."""
    return KEMBALIKAN_DARI.get(status or "", Aksi.VERIFIKASI)


@transaction.atomic
def triwulan_kembalikan(*, opd: PerangkatDaerah, tahun: int, triwulan: int, oleh: User, catatan: str) -> StatusTriwulan:
    """Return a submitted or verified quarter to the operator with a required note."""
    st = _kunci_status(opd, tahun, triwulan)
    wajib_boleh(oleh, aksi_kembalikan(st.status), opd=opd)
    if st.status not in KEMBALIKAN_DARI:
        raise _tolak_status(st, "dikembalikan")
    catatan = (catatan or "").strip()
    if not catatan:
        raise ValidationError({"catatan": "Catatan pengembalian wajib diisi: tulis apa yang harus diperbaiki."},
                              code="catatan_wajib")
    sebelum = potret(st, ["status", "catatan"])
    st.status, st.dikembalikan_oleh, st.dikembalikan_pada, st.catatan = (
        StatusAlur.DIKEMBALIKAN, oleh, timezone.now(), catatan
    )
    st.diverifikasi_oleh = st.diverifikasi_pada = st.disetujui_oleh = st.disetujui_pada = None
    _catat(st, sebelum, oleh, alasan=catatan)
    return st


@transaction.atomic
def triwulan_buka_kunci(*, opd: PerangkatDaerah, tahun: int, triwulan: int, oleh: User, alasan: str) -> StatusTriwulan:
    """Admin Pemda reopens an approved quarter (disetujui → dikembalikan), with a logged reason."""
    wajib_boleh(oleh, Aksi.BUKA_KUNCI, opd=opd)
    alasan = alasan_wajib(alasan, mengapa="membuka kunci data yang sudah disetujui")
    st = _kunci_status(opd, tahun, triwulan)
    if st.status != StatusAlur.DISETUJUI:
        raise _tolak_status(st, "dibuka kuncinya")
    sebelum = potret(st, ["status", "catatan"])
    st.status, st.dikembalikan_oleh, st.dikembalikan_pada, st.catatan = (
        StatusAlur.DIKEMBALIKAN, oleh, timezone.now(), alasan
    )
    st.diverifikasi_oleh = st.diverifikasi_pada = st.disetujui_oleh = st.disetujui_pada = None
    _catat(st, sebelum, oleh, alasan=alasan, aksi=AksiJejak.BUKA_KUNCI)
    return st


# ------------------------------------------------------------------------------ entry windows


@transaction.atomic
def jendela_atur(
    *, pemda: Pemda, tahun: int, triwulan: int, dibuka: dt.date, ditutup: dt.date, oleh: User
) -> JendelaIsian:
    """Set the entry window of a year-quarter (Admin Pemda, ATUR_KEBIJAKAN)."""
    wajib_boleh(oleh, Aksi.ATUR_KEBIJAKAN, pemda=pemda)
    _cek_triwulan(triwulan)
    if ditutup < dibuka:
        raise ValidationError({"ditutup": "Tanggal tutup tidak boleh sebelum tanggal buka."}, code="urutan")
    jendela = JendelaIsian.objects.select_for_update().filter(pemda=pemda, tahun=tahun, triwulan=triwulan).first()
    baru = jendela is None
    jendela = jendela or JendelaIsian(pemda=pemda, tahun=tahun, triwulan=triwulan, dibuka=dibuka, ditutup=ditutup)
    sebelum = {} if baru else potret(jendela, ["dibuka", "ditutup"])
    jendela.dibuka, jendela.ditutup = dibuka, ditutup
    if baru:
        jendela.save()
    else:
        jendela.save(update_fields=["dibuka", "ditutup"])
    jejak_catat(
        oleh=oleh, objek=jendela, pemda=pemda, aksi=AksiJejak.BUAT if baru else AksiJejak.UBAH,
        perubahan=perubahan_dari(sebelum, potret(jendela, ["dibuka", "ditutup"]),
                                 label={"dibuka": "Dibuka", "ditutup": "Ditutup"}),
        label=f"Jendela pengisian {nama_triwulan(tahun, triwulan)} · {pemda.nama}",
    )
    return jendela


@dataclass(frozen=True)
class Keterlambatan:
    hari: int  # days past the closing date
    teks: str


def keterlambatan(st: StatusTriwulan | None, jendela: JendelaIsian | None, hari_ini: dt.date) -> Keterlambatan | None:
    """Late: first submitted after the window closed, or not submitted and the window is past."""
    if jendela is None:
        return None
    if st is not None and st.pertama_diajukan_pada is not None:
        tanggal = timezone.localtime(st.pertama_diajukan_pada).date()
        if tanggal > jendela.ditutup:
            hari = (tanggal - jendela.ditutup).days
            return Keterlambatan(hari, f"Diajukan terlambat {hari} hari")
        return None
    if hari_ini > jendela.ditutup:
        hari = (hari_ini - jendela.ditutup).days
        return Keterlambatan(hari, f"Melewati batas {hari} hari, belum diajukan")
    return None


# ---------------------------------------------------------------------------------- documents


def _kunci_dokumen(opd: PerangkatDaerah, tahun: int, jenis: str) -> DokumenTahunan:
    dokumen_terdaftar(jenis)
    dok = DokumenTahunan.objects.select_for_update().filter(opd=opd, tahun=tahun, jenis=jenis).first()
    if dok is None:
        dok, _ = DokumenTahunan.objects.get_or_create(opd=opd, tahun=tahun, jenis=jenis)
        dok = DokumenTahunan.objects.select_for_update().get(pk=dok.pk)
    return dok


_KOLOM_DOKUMEN = ["status", "sha256", "nama_berkas"]


@transaction.atomic
def dokumen_finalkan(*, opd: PerangkatDaerah, tahun: int, jenis: str, oleh: User) -> DokumenTahunan:
    """Kepala OPD finalises the document: it is rendered once more and the file is frozen."""
    wajib_boleh(oleh, Aksi.SETUJUI, opd=opd)
    dok = _kunci_dokumen(opd, tahun, jenis)
    if dok.status == StatusDokumen.FINAL:
        raise ValidationError(f"{dokumen_terdaftar(jenis).label} {tahun} sudah final.", code="status")
    nama, mimetype, isi = dokumen_terdaftar(jenis).render(opd, tahun)
    sebelum = potret(dok, _KOLOM_DOKUMEN)
    dok.berkas.save(nama, ContentFile(isi), save=False)
    dok.nama_berkas, dok.mimetype, dok.ukuran = nama, mimetype, len(isi)
    dok.sha256 = hashlib.sha256(isi).hexdigest()
    dok.status, dok.difinalkan_oleh, dok.difinalkan_pada = StatusDokumen.FINAL, oleh, timezone.now()
    dok.save()
    jejak_catat(oleh=oleh, objek=dok, opd=opd, aksi=AksiJejak.STATUS,
                perubahan=perubahan_dari(sebelum, potret(dok, _KOLOM_DOKUMEN)),
                label=f"{dokumen_terdaftar(jenis).label} {tahun} · {opd.nama}")
    return dok


@transaction.atomic
def dokumen_buka_kunci(*, opd: PerangkatDaerah, tahun: int, jenis: str, oleh: User, alasan: str) -> DokumenTahunan:
    """Admin Pemda returns a final document to draf (the frozen file's checksum stays in the trail)."""
    wajib_boleh(oleh, Aksi.BUKA_KUNCI, opd=opd)
    alasan = alasan_wajib(alasan, mengapa="membuka kunci dokumen final")
    dok = _kunci_dokumen(opd, tahun, jenis)
    if dok.status != StatusDokumen.FINAL:
        raise ValidationError(f"{dokumen_terdaftar(jenis).label} {tahun} belum final.", code="status")
    sebelum = potret(dok, _KOLOM_DOKUMEN)
    dok.status, dok.catatan = StatusDokumen.DRAF, alasan
    dok.save(update_fields=["status", "catatan"])
    jejak_catat(oleh=oleh, objek=dok, opd=opd, aksi=AksiJejak.BUKA_KUNCI, alasan=alasan,
                perubahan=perubahan_dari(sebelum, potret(dok, ["status", "sha256", "nama_berkas"])),
                label=f"{dokumen_terdaftar(jenis).label} {tahun} · {opd.nama}")
    return dok


def dokumen_pastikan_draf(*, opd_id: int, tahun: int, jenis: str) -> None:
    """Refuse a write to the data of a document that is final (PK, LKjIP): the frozen file must keep
    saying what the data say. The admin reopens it (with a logged reason) before any change."""
    dok = (
        DokumenTahunan.objects.filter(opd_id=opd_id, tahun=tahun, jenis=jenis, status=StatusDokumen.FINAL)
        .select_related("difinalkan_oleh").first()
    )
    if dok is None:
        return
    label = dokumen_terdaftar(jenis).label if jenis in {j.jenis for j in jenis_dokumen()} else jenis.upper()
    raise ValidationError(
        f"{label} {tahun} sudah final (difinalkan oleh {_nama(dok.difinalkan_oleh)} pada "
        f"{_waktu(dok.difinalkan_pada)}); datanya tidak dapat diubah. Minta admin Pemda membuka "
        "kuncinya dengan alasan, lalu ulangi perubahan Anda.",
        code="dokumen_final",
    )


def dokumen_unduh(*, opd: PerangkatDaerah, tahun: int, jenis: str) -> tuple[str, str, bytes]:
    """A final document's frozen bytes (checked against the stored SHA-256), else a fresh render."""
    dok = DokumenTahunan.objects.filter(opd=opd, tahun=tahun, jenis=jenis).first()
    if dok is not None and dok.status == StatusDokumen.FINAL:
        with dok.berkas.open("rb") as f:
            isi = f.read()
        if hashlib.sha256(isi).hexdigest() != dok.sha256:
            raise ValidationError("Berkas dokumen final tidak cocok dengan checksum-nya; hubungi admin.",
                                  code="checksum")
        return dok.nama_berkas, dok.mimetype, isi
    return dokumen_terdaftar(jenis).render(opd, tahun)
