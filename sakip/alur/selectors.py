"""Reads of the workflow: an OPD's quarters and documents, and a user's inbox.

The inbox and its count are one query each over `StatusTriwulan` (the user's memberships are
already loaded for the request by `akun.izin.lingkup_pengguna`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from sakip.akun.izin import MATRIKS, Aksi, lingkup_pengguna
from sakip.akun.models import User
from sakip.organisasi.models import PerangkatDaerah

from .dokumen import JenisDokumen, jenis_dokumen
from .layanan import Keterlambatan, keterlambatan
from .models import DokumenTahunan, JendelaIsian, StatusAlur, StatusTriwulan

_ORANG = ("diajukan_oleh", "diverifikasi_oleh", "disetujui_oleh", "dikembalikan_oleh")


@dataclass
class BarisTriwulan:
    triwulan: int
    status: StatusTriwulan | None  # None: never touched by the workflow (draf)
    jendela: JendelaIsian | None
    terlambat: Keterlambatan | None

    @property
    def kode_status(self) -> str:
        return self.status.status if self.status else StatusAlur.DRAF.value

    @property
    def label_status(self) -> str:
        return StatusAlur(self.kode_status).label


@dataclass
class BarisDokumen:
    jenis: JenisDokumen
    dokumen: DokumenTahunan | None


@dataclass
class AlurOpdTahun:
    opd: PerangkatDaerah
    tahun: int
    triwulan: list[BarisTriwulan]
    dokumen: list[BarisDokumen]


def status_triwulan(*, opd: PerangkatDaerah, tahun: int, triwulan: int) -> StatusTriwulan | None:
    return StatusTriwulan.objects.filter(opd=opd, tahun=tahun, triwulan=triwulan).select_related(*_ORANG).first()


def alur_opd_tahun(*, opd: PerangkatDaerah, tahun: int, hari_ini: dt.date | None = None) -> AlurOpdTahun:
    """The four quarters (status, who did each step, window, late mark) and the documents of an
    OPD-year: three queries."""
    hari_ini = hari_ini or timezone.localdate()
    status = {s.triwulan: s for s in StatusTriwulan.objects.filter(opd=opd, tahun=tahun).select_related(*_ORANG)}
    jendela = {j.triwulan: j for j in JendelaIsian.objects.filter(pemda_id=opd.pemda_id, tahun=tahun)}
    baris = [
        BarisTriwulan(tw, status.get(tw), jendela.get(tw), keterlambatan(status.get(tw), jendela.get(tw), hari_ini))
        for tw in (1, 2, 3, 4)
    ]
    dok = {d.jenis: d for d in DokumenTahunan.objects.filter(opd=opd, tahun=tahun).select_related("difinalkan_oleh")}
    return AlurOpdTahun(opd, tahun, baris, [BarisDokumen(j, dok.get(j.jenis)) for j in jenis_dokumen()])


# ------------------------------------------------------------------------------------- inbox


def _kondisi_menunggu(user: User) -> tuple[Q, Q]:
    """(waiting for my action, returned to me) over StatusTriwulan, from the user's memberships:
    a verifikator waits on diajukan quarters, a Kepala OPD on diverifikasi ones, an operator
    gets back dikembalikan ones — each within the scope of the membership."""
    tunggu, kembali = Q(pk__in=[]), Q(pk__in=[])
    for lingkup in lingkup_pengguna(user):
        aksi = MATRIKS[lingkup.peran]
        cakupan = Q(opd__pemda_id=lingkup.pemda_id) if lingkup.opd_id is None else Q(opd_id=lingkup.opd_id)
        if Aksi.VERIFIKASI in aksi:
            tunggu |= cakupan & Q(status=StatusAlur.DIAJUKAN)
        if Aksi.SETUJUI in aksi:
            tunggu |= cakupan & Q(status=StatusAlur.DIVERIFIKASI)
        if Aksi.AJUKAN in aksi:
            kembali |= cakupan & Q(status=StatusAlur.DIKEMBALIKAN)
    return tunggu, kembali


def jumlah_menunggu(user: User) -> int:
    """The navigation badge: quarters waiting for me plus those returned to me (one query)."""
    tunggu, kembali = _kondisi_menunggu(user)
    if not lingkup_pengguna(user):
        return 0
    return StatusTriwulan.objects.filter(tunggu | kembali).count()


@dataclass
class KotakMasuk:
    menunggu: list[StatusTriwulan]
    dikembalikan: list[StatusTriwulan]


def kotak_masuk(user: User, *, opd: PerangkatDaerah | None = None) -> KotakMasuk:
    """What waits for the user and what was returned to them (one query), optionally one OPD."""
    tunggu, kembali = _kondisi_menunggu(user)
    qs: QuerySet[StatusTriwulan] = StatusTriwulan.objects.filter(tunggu | kembali)
    if opd is not None:
        qs = qs.filter(opd=opd)
    hasil = KotakMasuk([], [])
    for st in qs.select_related("opd__pemda", *_ORANG).order_by("diubah_pada", "pk"):
        (hasil.dikembalikan if st.status == StatusAlur.DIKEMBALIKAN else hasil.menunggu).append(st)
    return hasil
