"""Writing the audit trail, and optimistic locking for edit forms.

Usage in a service (inside its transaction, after locking the row):

    sebelum = potret(obj, ["target", "satuan"])
    ... change obj, obj.save(update_fields=[...]) ...
    jejak_catat(oleh=user, objek=obj, opd=opd, aksi=AksiJejak.UBAH,
                perubahan=perubahan_dari(sebelum, potret(obj, ["target", "satuan"])), alasan=alasan)

Optimistic locking: a form carries the `versi` it was opened with; the service calls
`versi_periksa(obj, versi_form)` on the locked row and then `versi_naikkan(obj)`. A stale form gets
`KonflikVersi`, whose message says who changed the record and when; the view shows it and
re-renders the user's own input so nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from sakip.organisasi.models import Pemda, PerangkatDaerah

from .models import AksiJejak, Jejak

if TYPE_CHECKING:
    from sakip.akun.models import User


class KonflikVersi(ValidationError):
    """The record changed since the form was opened; nothing was saved."""


def teks_nilai(nilai: Any) -> str:
    """A value as it is kept in the trail: exact, locale-free, short for records."""
    if nilai is None:
        return ""
    if isinstance(nilai, bool):
        return "ya" if nilai else "tidak"
    if isinstance(nilai, Decimal):
        return format(nilai, "f")  # every stored digit, never an exponent
    if isinstance(nilai, dt.datetime | dt.date):
        return nilai.isoformat()
    if isinstance(nilai, models.Model):
        return str(nilai)
    if isinstance(nilai, models.fields.files.FieldFile):
        return nilai.name or ""
    return str(nilai)


def potret(obj: models.Model, fields: Iterable[str]) -> dict[str, str]:
    """The audited fields of a record, as text."""
    return {f: teks_nilai(getattr(obj, f)) for f in fields}


def perubahan_dari(
    sebelum: Mapping[str, Any], sesudah: Mapping[str, Any], *, label: Mapping[str, str] | None = None
) -> dict[str, dict[str, str]]:
    """Only the fields whose text differs; a field missing on one side counts as empty."""
    hasil: dict[str, dict[str, str]] = {}
    for kunci in dict.fromkeys([*sebelum, *sesudah]):
        lama, baru = teks_nilai(sebelum.get(kunci)), teks_nilai(sesudah.get(kunci))
        if lama != baru:
            hasil[kunci] = {"label": (label or {}).get(kunci, kunci), "lama": lama, "baru": baru}
    return hasil


def _lingkup(objek: models.Model, opd: PerangkatDaerah | None, pemda: Pemda | None) -> tuple[int, int | None]:
    if opd is not None:
        return opd.pemda_id, opd.pk
    if pemda is not None:
        return pemda.pk, None
    opd_id = getattr(objek, "opd_id", None)
    if opd_id is not None:
        return PerangkatDaerah.objects.values_list("pemda_id", flat=True).get(pk=opd_id), opd_id
    raise ValueError("jejak_catat membutuhkan opd atau pemda")


def jejak_catat(
    *,
    oleh: Any,
    objek: models.Model,
    aksi: AksiJejak | str,
    perubahan: Mapping[str, Any] | None = None,
    alasan: str = "",
    opd: PerangkatDaerah | None = None,
    pemda: Pemda | None = None,
    sumber: str = "layar",
    label: str | None = None,
) -> Jejak | None:
    """Record one change. An UBAH without any changed field records nothing (returns None)."""
    perubahan = dict(perubahan or {})
    if aksi == AksiJejak.UBAH and not perubahan:
        return None
    return _jejak_tulis(oleh=oleh, objek=objek, aksi=aksi, perubahan=perubahan, alasan=alasan, opd=opd,
                        pemda=pemda, sumber=sumber, label=label)


def _jejak_tulis(
    *, oleh: Any, objek: models.Model, aksi: AksiJejak | str, perubahan: dict[str, Any], alasan: str,
    opd: PerangkatDaerah | None, pemda: Pemda | None, sumber: str, label: str | None,
) -> Jejak:
    pemda_id, opd_id = _lingkup(objek, opd, pemda)
    pengguna_id = getattr(oleh, "pk", None) if oleh is not None and getattr(oleh, "is_authenticated", False) else None
    return Jejak.objects.create(
        pengguna_id=pengguna_id,
        pemda_id=pemda_id,
        opd_id=opd_id,
        jenis=ContentType.objects.get_for_model(objek, for_concrete_model=False),
        objek_id=str(objek.pk),
        objek_label=(label or str(objek))[:300],
        aksi=str(aksi),
        perubahan=perubahan,
        alasan=alasan.strip(),
        sumber=sumber[:100],
    )


def jejak_impor(
    *, oleh: Any, objek: models.Model, opd: PerangkatDaerah, sumber: str, ringkasan: str
) -> Jejak:
    """One trail row per import: the file, who ran it, and what it created or changed.

    Imports write hundreds of rows; a per-row trail would drown the per-record history, while one
    row per import still answers "where did this number come from" (the file is named)."""
    return _jejak_tulis(
        oleh=oleh, objek=objek, opd=opd, pemda=None, aksi=AksiJejak.IMPOR, sumber=f"impor:{sumber}"[:100],
        perubahan={"impor": {"label": f"Impor {sumber}", "lama": "", "baru": ringkasan}}, alasan="", label=None,
    )


def alasan_wajib(alasan: str, *, mengapa: str) -> str:
    """A reason is required (e.g. a change after submission): refuse an empty one."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError(
            {"alasan": f"Alasan perubahan wajib diisi karena {mengapa}."}, code="alasan_wajib"
        )
    return alasan


# ------------------------------------------------------------------------ optimistic locking


def _terakhir(obj: models.Model) -> Jejak | None:
    jenis = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return (
        Jejak.objects.filter(jenis=jenis, objek_id=str(obj.pk))
        .select_related("pengguna")
        .order_by("-waktu", "-pk")
        .first()
    )


def oleh_siapa(pengguna: User | None, waktu: dt.datetime) -> str:
    """" oleh Rina pada 23-11-2026 14.05": who changed a row and when, for conflict messages
    (no user: a script or an import, "sistem")."""
    nama = (pengguna.get_full_name() or pengguna.username) if pengguna else "sistem"
    return f" oleh {nama} pada {timezone.localtime(waktu).strftime('%d-%m-%Y %H.%M')}"


def versi_periksa(obj: models.Model, versi_form: int | str | None) -> None:
    """Refuse a save based on a stale read. `obj` must be the row locked for update."""
    if versi_form in (None, ""):
        return  # a caller without a form version (import, CLI) saves last-writer-wins, audited
    try:
        versi = int(versi_form)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise KonflikVersi("Versi formulir tidak dikenali; muat ulang halaman.", code="versi") from exc
    sekarang = int(obj.versi)  # type: ignore[attr-defined]
    if versi == sekarang:
        return
    jejak = _terakhir(obj)
    siapa = oleh_siapa(jejak.pengguna, jejak.waktu) if jejak is not None else ""
    raise KonflikVersi(
        f"Data ini telah diubah{siapa} setelah Anda membukanya. Perubahan Anda belum disimpan: "
        "periksa nilai terbaru, lalu simpan kembali isian Anda.",
        code="konflik_versi",
    )


def versi_naikkan(obj: models.Model) -> list[str]:
    """Bump the version; returns the field name to add to `update_fields`."""
    obj.versi = int(obj.versi) + 1  # type: ignore[attr-defined]
    return ["versi"]
