"""The one permission check of Sakip.

Every view and service asks `boleh(user, aksi, opd=...)` (or `wajib_boleh`, which raises).
A user sees an OPD only through a membership: a role in that OPD, or a Pemda-wide role in its
Pemda. Another OPD's data is invisible (views answer 404) and untouchable.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from sakip.organisasi.models import Pemda, PerangkatDaerah

from .models import Keanggotaan, Peran, User


class Aksi(StrEnum):
    LIHAT = "lihat"
    UNDUH_DOKUMEN = "unduh_dokumen"
    UBAH_RENCANA = "ubah_rencana"  # Renstra, cascade, indicators, targets, PK, Renja, budget
    ISI_REALISASI = "isi_realisasi"  # quarterly realisation, evidence, narratives
    AJUKAN = "ajukan"  # submit a quarter / document for verification
    VERIFIKASI = "verifikasi"
    SETUJUI = "setujui"
    REVIU = "reviu"  # inspectorate review and LHE follow-up
    BUKA_KUNCI = "buka_kunci"  # reopen an approved period, with a logged reason
    ATUR_KEBIJAKAN = "atur_kebijakan"  # capaian policy, rating scale, entry windows
    KELOLA_PENGGUNA = "kelola_pengguna"


_BACA = frozenset({Aksi.LIHAT, Aksi.UNDUH_DOKUMEN})

# What each role may do inside its scope (DOMAIN §7).
MATRIKS: dict[Peran, frozenset[Aksi]] = {
    Peran.OPERATOR: _BACA | {Aksi.UBAH_RENCANA, Aksi.ISI_REALISASI, Aksi.AJUKAN},
    Peran.KEPALA: _BACA | {Aksi.SETUJUI},
    Peran.VERIFIKATOR: _BACA | {Aksi.VERIFIKASI},
    Peran.INSPEKTORAT: _BACA | {Aksi.REVIU},
    Peran.ADMIN: _BACA | {Aksi.BUKA_KUNCI, Aksi.ATUR_KEBIJAKAN, Aksi.KELOLA_PENGGUNA},
    Peran.PEMBACA: _BACA,
}

# Actions that concern the Pemda as a whole rather than one OPD.
AKSI_PEMDA = frozenset({Aksi.ATUR_KEBIJAKAN, Aksi.KELOLA_PENGGUNA})


@dataclass(frozen=True)
class Lingkup:
    peran: Peran
    pemda_id: int
    opd_id: int | None  # None: the whole Pemda


def lingkup_pengguna(user: User) -> list[Lingkup]:
    """Memberships of the user, cached on the user object for the request."""
    if not user.is_authenticated or not user.is_active:
        return []
    cached: list[Lingkup] | None = getattr(user, "_sakip_lingkup", None)
    if cached is None:
        cached = [
            Lingkup(Peran(k.peran), k.pemda_id, k.opd_id)
            for k in Keanggotaan.objects.filter(user=user).only("peran", "pemda_id", "opd_id")
        ]
        user._sakip_lingkup = cached  # type: ignore[attr-defined]
    return cached


def _mencakup(lingkup: Lingkup, *, pemda_id: int, opd_id: int | None) -> bool:
    if lingkup.pemda_id != pemda_id:
        return False
    return lingkup.opd_id is None or lingkup.opd_id == opd_id


def boleh(
    user: User,
    aksi: Aksi,
    *,
    opd: PerangkatDaerah | None = None,
    pemda: Pemda | None = None,
) -> bool:
    """May `user` do `aksi` on `opd` (or, for Pemda-wide actions, on `pemda`)?"""
    if opd is not None:
        pemda_id, opd_id = opd.pemda_id, opd.pk
    elif pemda is not None:
        pemda_id, opd_id = pemda.pk, None
    else:
        raise ValueError("boleh() membutuhkan opd atau pemda")
    for lingkup in lingkup_pengguna(user):
        if aksi not in MATRIKS[lingkup.peran]:
            continue
        if opd_id is None and aksi is Aksi.LIHAT:
            # Any member may open their Pemda's pages; those list only the OPDs they may see.
            if lingkup.pemda_id == pemda_id:
                return True
        elif aksi in AKSI_PEMDA or opd_id is None:
            # A Pemda-wide action needs a Pemda-wide membership.
            if lingkup.opd_id is None and lingkup.pemda_id == pemda_id:
                return True
        elif _mencakup(lingkup, pemda_id=pemda_id, opd_id=opd_id):
            return True
    return False


def wajib_boleh(user: User, aksi: Aksi, **target: PerangkatDaerah | Pemda | None) -> None:
    if not boleh(user, aksi, **target):  # type: ignore[arg-type]
        raise PermissionDenied(f"Anda tidak berwenang: {aksi.value}")


def opd_terlihat(user: User) -> QuerySet[PerangkatDaerah]:
    """Every OPD the user may see; the root of every OPD-scoped list."""
    lingkup = lingkup_pengguna(user)
    if not lingkup:
        return PerangkatDaerah.objects.none()
    kondisi = Q()
    for item in lingkup:
        if item.opd_id is None:
            kondisi |= Q(pemda_id=item.pemda_id)
        else:
            kondisi |= Q(pk=item.opd_id)
    return PerangkatDaerah.objects.filter(kondisi).select_related("pemda")


def pemda_terlihat(user: User) -> QuerySet[Pemda]:
    ids = {item.pemda_id for item in lingkup_pengguna(user)}
    return Pemda.objects.filter(pk__in=ids)


def peran_pengguna(user: User) -> set[Peran]:
    return {item.peran for item in lingkup_pengguna(user)}


def aksi_diizinkan(user: User, *, opd: PerangkatDaerah) -> set[Aksi]:
    """All actions the user may take on an OPD (for navigation and buttons)."""
    return {aksi for aksi in Aksi if boleh(user, aksi, opd=opd)}
