"""Writes of the PK. The import and (later) the screens go through these services."""

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import JenisVersi, PerjanjianKinerja, VersiPK


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
) -> VersiPK:
    """Create or update the version `ke` of a PK (its rows are written by the caller).

    A perubahan without a reason is refused here, at input, and again by a database constraint:
    a revised agreement is only valid with its reason (lkjip-2025 §2.5.2 prints it; the Berita
    Acara records it).
    """
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
    versi, _ = VersiPK.objects.select_for_update().update_or_create(
        perjanjian=perjanjian,
        ke=ke,
        defaults=dict(
            jenis=jenis, tempat=tempat, tanggal=tanggal, tanggal_tercetak=tanggal_tercetak,
            alasan=alasan, berita_acara_nomor=berita_acara_nomor,
            berita_acara_tanggal=berita_acara_tanggal,
            pihak_pertama_nama=pihak_pertama["nama"], pihak_pertama_jabatan=pihak_pertama["jabatan"],
            pihak_pertama_nip=pihak_pertama.get("nip") or "",
            pihak_pertama_pangkat=pihak_pertama.get("pangkat") or "",
            pihak_kedua_nama=pihak_kedua["nama"], pihak_kedua_jabatan=pihak_kedua["jabatan"],
            pihak_kedua_nip=pihak_kedua.get("nip") or "",
        ),
    )
    return versi
