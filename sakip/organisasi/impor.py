"""Import of the organisation (docs/formats/organisasi.md): Pemda, OPD, units, officials, users.

Imports are idempotent: records are matched on their slug (and officials on name + position +
start), so importing the same file twice changes nothing, and an edited file updates in place.
"""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.db import transaction

from sakip.akun.models import PERAN_OPD, PERAN_PEMDA, Keanggotaan, Peran, User
from sakip.core.impor import Pemeriksa, baca_yaml, periksa_panjang

from .models import (
    JenisPemda,
    JenisUnit,
    KepalaDaerah,
    Pejabat,
    Pembulatan,
    Pemda,
    PerangkatDaerah,
    RumusNegatif,
    Skala,
    TemplateLKjIP,
    UnitKerja,
)


def _kebijakan(p: Pemeriksa, data: Mapping[str, Any]) -> dict[str, Any]:
    with p.di("kebijakan"):
        desimal = data.get("desimal", 2)
        if not isinstance(desimal, int) or not 0 <= desimal <= 6:
            p.salah("harus bilangan bulat 0–6", "desimal")
            desimal = 2
        return {
            "rumus_negatif": p.pilihan(data, "rumus_negatif", set(RumusNegatif.values),
                                       bawaan=RumusNegatif.DUA_T_MINUS_R),
            "batas_atas": p.angka(data, "batas_atas"),
            "skala": p.pilihan(data, "skala", set(Skala.values), bawaan=Skala.PERMENDAGRI_86_2017),
            "pembulatan": p.pilihan(data, "pembulatan", set(Pembulatan.values),
                                    bawaan=Pembulatan.HALF_UP),
            "desimal": desimal,
        }


@transaction.atomic
def organisasi_impor_pemda(*, data: Mapping[str, Any], sumber: str) -> list[Pemda]:
    """Import the `pemda` list of `pemda.yaml`: Pemda, heads of region and capaian policy."""
    p = Pemeriksa(sumber)
    hasil: list[Pemda] = []
    baris_pemda = p.daftar(data, "pemda")
    rencana: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    for i, item in enumerate(baris_pemda, start=1):
        with p.di(f"pemda[{i}]"):
            nilai = {
                "slug": p.teks(item, "slug", wajib=True),
                "nama": p.teks(item, "nama", wajib=True),
                "jenis": p.pilihan(item, "jenis", set(JenisPemda.values)),
                "ibu_kota": p.teks(item, "ibu_kota"),
                "template_lkjip": p.pilihan(item, "template_lkjip", set(TemplateLKjIP.values),
                                            bawaan=TemplateLKjIP.DEFAULT),
                **_kebijakan(p, item.get("kebijakan") or {}),
            }
            kepala = [
                {
                    "nama": p.teks(k, "nama", wajib=True),
                    "jabatan": p.teks(k, "jabatan", wajib=True),
                    "mulai": p.tanggal(k, "mulai"),
                    "selesai": p.tanggal(k, "selesai"),
                }
                for k in p.daftar(item, "kepala_daerah")
            ]
            rencana.append((nilai, kepala))
    p.selesai()

    for nilai, kepala in rencana:
        pemda, _ = Pemda.objects.update_or_create(slug=nilai.pop("slug"), defaults=nilai)
        for k in kepala:
            KepalaDaerah.objects.update_or_create(
                pemda=pemda, nama=k["nama"], mulai=k["mulai"], defaults=k
            )
        hasil.append(pemda)
    return hasil


@transaction.atomic
def organisasi_impor_pengguna(
    *, data: Mapping[str, Any], sumber: str, password: str | None = None
) -> int:
    """Import the `pengguna` list of `pemda.yaml` (after the OPDs it names exist).

    A new user gets `password`; an existing user keeps theirs (re-importing never resets one).
    """
    p = Pemeriksa(sumber)
    baris = p.daftar(data, "pengguna")
    for i, item in enumerate(baris, start=1):
        with p.di(f"pengguna[{i}]"):
            username = p.teks(item, "username", wajib=True)
            peran = p.pilihan(item, "peran", set(Peran.values))
            pemda = Pemda.objects.filter(slug=item.get("pemda")).first()
            if pemda is None:
                p.salah(f"Pemda {item.get('pemda')!r} tidak dikenal", "pemda")
                continue
            opd = None
            if item.get("opd"):
                opd = PerangkatDaerah.objects.filter(slug=item["opd"], pemda=pemda).first()
                if opd is None:
                    p.salah(f"OPD {item['opd']!r} tidak ada di Pemda {pemda.slug}", "opd")
                    continue
            if peran in PERAN_OPD and opd is None:
                p.salah(f"peran {peran} wajib menyebut opd", "opd")
                continue
            if peran in PERAN_PEMDA and opd is not None:
                p.salah(f"peran {peran} berlaku se-Pemda; hapus opd", "opd")
                continue
            user, dibuat = User.objects.get_or_create(
                username=username, defaults={"nama": p.teks(item, "nama")}
            )
            if dibuat:
                if password:
                    user.set_password(password)
                else:
                    user.set_unusable_password()
                user.save(update_fields=["password"])
            Keanggotaan.objects.get_or_create(user=user, peran=peran, pemda=pemda, opd=opd)
    p.selesai()
    return len(baris)


@transaction.atomic
def organisasi_impor_opd(*, data: Mapping[str, Any], sumber: str) -> PerangkatDaerah:
    """Import `<opd>/opd.yaml`: the OPD, its units and officials (with history)."""
    p = Pemeriksa(sumber)
    slug = p.teks(data, "slug", wajib=True)
    pemda = Pemda.objects.filter(slug=data.get("pemda")).first()
    if pemda is None:
        p.salah(f"Pemda {data.get('pemda')!r} belum ada; impor pemda.yaml lebih dulu", "pemda")
    nama = p.teks(data, "nama", wajib=True)
    units = []
    for i, item in enumerate(p.daftar(data, "unit_kerja"), start=1):
        with p.di(f"unit_kerja[{i}]"):
            units.append({
                "slug": p.teks(item, "slug", wajib=True),
                "nama": p.teks(item, "nama", wajib=True),
                "jenis": p.pilihan(item, "jenis", set(JenisUnit.values), bawaan=JenisUnit.LAINNYA),
            })
            periksa_panjang(p, UnitKerja, units[-1])
    slug_unit = {u["slug"] for u in units}
    pejabat = []
    for i, item in enumerate(p.daftar(data, "pejabat"), start=1):
        with p.di(f"pejabat[{i}]"):
            unit = item.get("unit")
            if unit and unit not in slug_unit:
                p.salah(f"unit {unit!r} tidak ada di unit_kerja", "unit")
            nip = p.teks(item, "nip")
            if nip and (not nip.isdigit() or len(nip) != 18):
                p.salah(f"NIP harus 18 angka (tertulis {nip!r})", "nip")
            mulai, selesai = p.tanggal(item, "mulai"), p.tanggal(item, "selesai")
            if mulai and selesai and selesai < mulai:
                p.salah("selesai sebelum mulai", "selesai")
            periksa_panjang(p, Pejabat, {k: p.teks(item, k) for k in ("nama", "jabatan", "pangkat", "golongan")})
            pejabat.append({
                "nama": p.teks(item, "nama", wajib=True),
                "nip": nip,
                "jabatan": p.teks(item, "jabatan", wajib=True),
                "pangkat": p.teks(item, "pangkat"),
                "golongan": p.teks(item, "golongan"),
                "unit": unit,
                "mulai": mulai,
                "selesai": selesai,
            })
    p.selesai()
    assert pemda is not None

    opd, _ = PerangkatDaerah.objects.update_or_create(
        slug=slug,
        defaults={
            "pemda": pemda,
            "nama": nama,
            "singkatan": p.teks(data, "singkatan"),
            "alamat": p.teks(data, "alamat"),
        },
    )
    unit_obj = {}
    for u in units:
        unit_obj[u["slug"]], _ = UnitKerja.objects.update_or_create(
            opd=opd, slug=u["slug"], defaults={"nama": u["nama"], "jenis": u["jenis"]}
        )
    for pj in pejabat:
        unit_slug = pj.pop("unit")
        pj["unit"] = unit_obj.get(unit_slug) if unit_slug else None
        Pejabat.objects.update_or_create(
            opd=opd, nama=pj["nama"], jabatan=pj["jabatan"], mulai=pj["mulai"], defaults=pj
        )
    return opd


def organisasi_impor_berkas(*, path: Path, password_demo: str | None = None) -> str:
    """Import one organisation file, recognised by its content. Returns what was imported."""
    data = baca_yaml(path)
    if "pemda" in data and isinstance(data["pemda"], list):
        daftar = organisasi_impor_pemda(data=data, sumber=path.name)
        jumlah = organisasi_impor_pengguna(data=data, sumber=path.name, password=password_demo)
        return f"{len(daftar)} Pemda, {jumlah} pengguna"
    opd = organisasi_impor_opd(data=data, sumber=str(path))
    return f"OPD {opd.slug}"
