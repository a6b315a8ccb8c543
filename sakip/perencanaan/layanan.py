"""Writes of the plan from the screens: a node, an indicator, a new target revision.

Each service is one transaction that locks the row it changes, checks the caller's right
(`wajib_boleh`, the one permission check) and validates with the importer's rules
(`impor._baca_indikator` / `_baca_node`): national code format and prefix, formula syntax and known
data elements, IKU needs a unit, targets parse for the indicator's polarity. Invalid input raises
`ValidationError` whose dict is keyed by field (`uraian`, `kode`, `formula`, `target_<tahun>`,
`target_akhir`, …) so a form can show each message next to its field.

Targets are never edited: a change is a new `RevisiTarget` (who, when, why, source "Layar").
Every change (node, indicator, new revision) is written to the audit trail (`sakip.audit`, before →
after, in the same transaction). Node and indicator forms carry the `versi` they were opened with:
a save based on a stale read is refused (`KonflikVersi`) instead of silently overwriting.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from textwrap import shorten
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model

from sakip.akun.izin import Aksi, wajib_boleh
from sakip.akun.models import User
from sakip.audit.layanan import jejak_catat, perubahan_dari, potret, versi_naikkan, versi_periksa
from sakip.audit.models import AksiJejak
from sakip.engine.agregasi import Agregasi
from sakip.engine.capaian import Polaritas
from sakip.engine.formula import periksa_formula
from sakip.organisasi.models import UnitKerja

from .kode import kode_induk_cocok, periksa_kode
from .models import DataElemen, Indikator, NilaiTarget, Node, RevisiTarget
from .selectors import target_akhir_berlaku, target_berlaku_dari
from .target import SKALA_KUALITATIF, TargetTidakValid, baca_target, kanonik, nilai_titik

SUMBER_LAYAR = "Layar"
PANJANG_TARGET = 60  # NilaiTarget.teks / RevisiTarget.target_akhir
PANJANG_LABEL = 60  # RevisiTarget.label

Galat = dict[str, list[str]]


def _kalimat(pesan: str) -> str:
    """Engine/importer messages start in lower case (they follow a location); a form shows them alone."""
    pesan = pesan.strip()
    pesan = pesan[:1].upper() + pesan[1:]
    return pesan if pesan.endswith((".", "?", "!", ")")) else pesan + "."


def _tambah(galat: Galat, kunci: str, pesan: str) -> None:
    galat.setdefault(kunci, []).append(_kalimat(pesan))


def _selesai(galat: Galat) -> None:
    if galat:
        raise ValidationError(galat)


def _simpan(oleh: User, obj: Model, nilai: Mapping[str, Any], versi: int | str | None) -> list[str]:
    """Write the changed fields only (unchanged rows stay unwritten), audited before → after.

    `obj` is the row locked for update; `versi` the version the form was opened with."""
    versi_periksa(obj, versi)
    sebelum = potret(obj, nilai)
    berubah = [k for k, v in nilai.items() if getattr(obj, k) != v]
    for kunci in berubah:
        setattr(obj, kunci, nilai[kunci])
    if berubah:
        obj.save(update_fields=[*berubah, *versi_naikkan(obj)])
        jejak_catat(oleh=oleh, objek=obj, opd=obj.renstra.opd, aksi=AksiJejak.UBAH,  # type: ignore[attr-defined]
                    perubahan=perubahan_dari(sebelum, potret(obj, nilai)))
    return berubah


# ---------------------------------------------------------------------------------------- node


@transaction.atomic
def node_ubah(
    *,
    node: Node,
    uraian: str,
    kinerja: str,
    kode: str,
    unit: UnitKerja | None,
    oleh: User,
    versi: int | str | None = None,
) -> list[str]:
    """Change a node's wording, national code and responsible unit; returns the changed fields."""
    node = Node.objects.select_for_update(of=("self",)).select_related("renstra__opd", "induk").get(pk=node.pk)
    opd = node.renstra.opd
    wajib_boleh(oleh, Aksi.UBAH_RENCANA, opd=opd)
    uraian, kinerja, kode = uraian.strip(), kinerja.strip(), kode.strip()
    galat: Galat = {}
    if not uraian:
        _tambah(galat, "uraian", "Uraian wajib diisi")
    if kode:
        salah = periksa_kode(node.jenis, kode)
        if salah:
            _tambah(galat, "kode", salah)
        elif node.induk and not kode_induk_cocok(node.induk.kode, kode):
            _tambah(galat, "kode", f"kode {kode} tidak diawali kode induknya {node.induk.kode}")
        else:
            # The importer checks each code against its parent's; a changed code must not orphan
            # the codes already below it.
            for anak in node.anak.exclude(kode=""):
                if not kode_induk_cocok(kode, anak.kode):
                    _tambah(galat, "kode", f"kode anak {anak.kode} ({shorten(anak.uraian, 50, placeholder='…')}) "
                                          f"tidak diawali {kode}")
    if unit is not None and unit.opd_id != opd.pk:
        _tambah(galat, "unit", "unit kerja bukan bagian dari OPD ini")
    _selesai(galat)
    return _simpan(oleh, node, {"uraian": uraian, "kinerja": kinerja, "kode": kode, "unit": unit}, versi)


# ----------------------------------------------------------------------------------- indikator


def _elemen_opd(indikator: Indikator) -> set[str]:
    return set(DataElemen.objects.filter(opd_id=indikator.renstra.opd_id).values_list("kode", flat=True))


def _teks_tersimpan(indikator: Indikator) -> list[tuple[str, str]]:
    """Every written target of the indicator, with where it is: all revisions, end targets, baseline."""
    hasil = []
    for rv in indikator.revisi.prefetch_related("nilai").order_by("ke"):
        for n in rv.nilai.all():
            hasil.append((f"target {n.tahun} ({rv.label})", n.teks))
        if rv.target_akhir:
            hasil.append((f"target akhir ({rv.label})", rv.target_akhir))
    if indikator.baseline_nilai:
        hasil.append(("baseline", indikator.baseline_nilai))
    return hasil


@transaction.atomic
def indikator_ubah(
    *,
    indikator: Indikator,
    nama: str,
    satuan: str,
    polaritas: str,
    agregasi: str,
    formula: str,
    formulasi: str,
    sumber_data: str,
    iku: bool,
    sk_iku: str,
    desimal: int,
    oleh: User,
    skala_kualitatif: str = "",
    versi: int | str | None = None,
) -> list[str]:
    """Change an indicator's definition; returns the changed fields. Targets are not touched."""
    indikator = Indikator.objects.select_for_update(of=("self",)).select_related("renstra__opd").get(pk=indikator.pk)
    wajib_boleh(oleh, Aksi.UBAH_RENCANA, opd=indikator.renstra.opd)
    nama, satuan, formula = nama.strip(), satuan.strip(), formula.strip()
    formulasi, sumber_data, sk_iku = formulasi.strip(), sumber_data.strip(), sk_iku.strip()
    skala_kualitatif = skala_kualitatif.strip() if polaritas == Polaritas.KUALITATIF else ""
    galat: Galat = {}
    if not nama:
        _tambah(galat, "nama", "Nama indikator wajib diisi")
    if polaritas not in {p.value for p in Polaritas}:
        _tambah(galat, "polaritas", "pilih polaritas: " + ", ".join(p.value for p in Polaritas))
    if agregasi not in {a.value for a in Agregasi}:
        _tambah(galat, "agregasi", "pilih agregasi: " + ", ".join(a.value for a in Agregasi))
    if iku and not satuan:
        _tambah(galat, "satuan", "Satuan wajib diisi untuk IKU")
    if iku and not polaritas:
        _tambah(galat, "polaritas", "Polaritas wajib diisi untuk IKU")
    if polaritas == Polaritas.KUALITATIF and skala_kualitatif not in SKALA_KUALITATIF:
        _tambah(galat, "skala_kualitatif", f"pilih salah satu: {', '.join(SKALA_KUALITATIF)}")
    if formula:
        for masalah in periksa_formula(formula, _elemen_opd(indikator)):
            _tambah(galat, "formula", masalah)
    if not 0 <= desimal <= 8:
        _tambah(galat, "desimal", "harus bilangan bulat 0–8")
    if "polaritas" not in galat and "skala_kualitatif" not in galat:
        # The history must stay readable under the new polarity, or the exported plan would no
        # longer import (the importer checks every revision's values).
        tidak_cocok = []
        for letak, teks in _teks_tersimpan(indikator):
            try:
                baca_target(teks, polaritas=polaritas, skala_kualitatif=skala_kualitatif)
            except TargetTidakValid as exc:
                tidak_cocok.append(f"{letak} '{teks}': {exc}")
        if tidak_cocok:
            lebih = f" (dan {len(tidak_cocok) - 3} lainnya)" if len(tidak_cocok) > 3 else ""
            _tambah(
                galat, "polaritas",
                f"target tersimpan tidak sesuai polaritas {polaritas}: " + "; ".join(tidak_cocok[:3]) + lebih,
            )
    _selesai(galat)
    return _simpan(oleh, indikator, {
        "nama": nama, "satuan": satuan, "polaritas": polaritas, "skala_kualitatif": skala_kualitatif,
        "agregasi": agregasi, "formula": formula, "formulasi": formulasi, "sumber_data": sumber_data,
        "iku": iku, "sk_iku": sk_iku, "desimal": desimal,
    }, versi)


# ------------------------------------------------------------------------------ target revisi


@dataclass(frozen=True)
class HasilRevisi:
    revisi: RevisiTarget
    peringatan: list[str]


def _sumber_realisasi() -> Callable[[Indikator, int], Any] | None:
    """Last year's realisation from the measurement app, when it is installed.

    Planning does not depend on measurement (it comes first in the cycle and is usable alone),
    so the import is guarded and late.
    """
    try:
        from sakip.pengukuran.selectors import realisasi_tahunan
    except ImportError:
        return None
    return realisasi_tahunan


def _sebagai_angka(nilai: Any) -> Decimal | None:
    """A realisation as the measurement app returns it: a number, a text, or an object with `nilai`."""
    nilai = getattr(nilai, "nilai", nilai)
    if nilai is None or isinstance(nilai, bool):
        return None
    if isinstance(nilai, Decimal | int):
        return Decimal(nilai)
    if isinstance(nilai, str):
        try:
            return nilai_titik(baca_target(nilai, polaritas=Polaritas.POSITIF))
        except TargetTidakValid:
            return None
    return None


def _lebih_buruk(polaritas: str, baru: Decimal, pembanding: Decimal) -> str | None:
    if polaritas == Polaritas.POSITIF and baru < pembanding:
        return "lebih rendah dari"
    if polaritas == Polaritas.NEGATIF and baru > pembanding:
        return "lebih tinggi (lebih buruk) dari"
    return None


def target_revisi_periksa(
    *,
    indikator: Indikator,
    label: str,
    alasan: str,
    target: Mapping[int, str],
    target_akhir: str,
) -> list[str]:
    """Validate a new revision (raise `ValidationError`) and return its warnings; writes nothing.

    Warnings, not errors (KemenPAN-RB asks agencies not to, but a Pemda may have reasons — the
    reason is then in `alasan`): a target below last year's in-force target or below last year's
    realisation (reversed for a negative indicator), and a value that is a hundredfold the
    current one while written with a dot, the usual slip of an English decimal point ("22.300"
    read the Indonesian way is twenty-two thousand three hundred).
    """
    renstra = indikator.renstra
    revisi = list(indikator.revisi.prefetch_related("nilai").order_by("ke"))
    galat: Galat = {}
    if not alasan.strip():
        _tambah(galat, "alasan", "Alasan revisi wajib diisi")
    if len(label.strip()) > PANJANG_LABEL:
        _tambah(galat, "label", f"paling banyak {PANJANG_LABEL} karakter")
    target = {int(th): str(teks).strip() for th, teks in target.items() if str(teks or "").strip()}
    target_akhir = target_akhir.strip()
    terbaca: dict[int, Decimal | None] = {}
    for th, teks in sorted(target.items()):
        kunci = f"target_{th}"
        if th not in renstra.tahun:
            _tambah(galat, kunci, f"tahun {th} di luar periode Renstra {renstra.tahun_awal}–{renstra.tahun_akhir}")
            continue
        if len(teks) > PANJANG_TARGET:
            _tambah(galat, kunci, f"paling banyak {PANJANG_TARGET} karakter")
            continue
        try:
            terbaca[th] = nilai_titik(baca_target(
                teks, polaritas=indikator.polaritas, skala_kualitatif=indikator.skala_kualitatif
            ))
        except TargetTidakValid as exc:
            _tambah(galat, kunci, str(exc))
    if target_akhir:
        try:
            baca_target(target_akhir, polaritas=indikator.polaritas, skala_kualitatif=indikator.skala_kualitatif)
        except TargetTidakValid as exc:
            _tambah(galat, "target_akhir", str(exc))
        if len(target_akhir) > PANJANG_TARGET:
            _tambah(galat, "target_akhir", f"paling banyak {PANJANG_TARGET} karakter")
    if not target and not target_akhir and "alasan" not in galat:
        _tambah(galat, "__all__", "Isi minimal satu target tahunan atau target akhir")
    _selesai(galat)

    berlaku = {th: target_berlaku_dari(revisi, th) for th in range(renstra.tahun_awal - 1, renstra.tahun_akhir + 1)}
    sama = all(
        berlaku[th] is not None and kanonik(berlaku[th].teks) == kanonik(teks)  # type: ignore[union-attr]
        for th, teks in target.items()
    ) and (not target_akhir or kanonik(target_akhir_berlaku(revisi)) == kanonik(target_akhir))
    if sama:
        _tambah(galat, "__all__", "Revisi ini tidak mengubah target apa pun; tidak ada yang perlu dicatat")
    _selesai(galat)
    return _peringatan(indikator, target, terbaca, berlaku)


def _peringatan(
    indikator: Indikator,
    target: Mapping[int, str],
    terbaca: Mapping[int, Decimal | None],
    berlaku: Mapping[int, Any],
) -> list[str]:
    def angka_berlaku(th: int) -> tuple[str, Decimal | None] | None:
        tb = berlaku.get(th)
        if tb is None:
            return None
        try:
            return tb.teks, nilai_titik(baca_target(
                tb.teks, polaritas=indikator.polaritas, skala_kualitatif=indikator.skala_kualitatif
            ))
        except TargetTidakValid:
            return None

    peringatan = []
    realisasi_tahunan = _sumber_realisasi()
    for th, nilai in sorted(terbaca.items()):
        if nilai is None:  # a range or a label: no single number to compare
            continue
        teks = target[th]
        lama = angka_berlaku(th)
        if lama and lama[1] and "." in teks and "," not in teks and nilai >= 100 * abs(lama[1]):
            saran = f" (mis. {teks.replace('.', ',')})" if teks.count(".") == 1 else ""
            peringatan.append(
                f"Target {th} '{teks}' dibaca {nilai:f} karena titik adalah pemisah ribuan — "
                f"seratus kali lebih dari target berlaku {lama[0]}. Bila maksudnya desimal, "
                f"tulis dengan koma{saran}."
            )
        if th - 1 in terbaca and terbaca[th - 1] is not None:
            sebelum: tuple[str, Decimal | None] | None = (target[th - 1], terbaca[th - 1])
            asal = "target baru"
        else:
            sebelum, asal = angka_berlaku(th - 1), "target berlaku"
        if sebelum and sebelum[1] is not None and (arah := _lebih_buruk(indikator.polaritas, nilai, sebelum[1])):
            peringatan.append(f"Target {th} ({teks}) {arah} {asal} {th - 1} ({sebelum[0]}).")
        if realisasi_tahunan is not None:
            realisasi = _sebagai_angka(realisasi_tahunan(indikator, th - 1))
            if realisasi is not None and (arah := _lebih_buruk(indikator.polaritas, nilai, realisasi)):
                peringatan.append(
                    f"Target {th} ({teks}) {arah} realisasi {th - 1} ({_angka(realisasi)}); "
                    "KemenPAN-RB meminta target tidak ditetapkan di bawah realisasi tahun sebelumnya."
                )
    return peringatan


def _angka(nilai: Decimal) -> str:
    from sakip.engine.angka import format_masukan

    return format_masukan(nilai)


@transaction.atomic
def target_revisi(
    *,
    indikator: Indikator,
    label: str,
    alasan: str,
    target: Mapping[int, str],
    target_akhir: str,
    oleh: User,
    tanggal: date | None = None,
) -> HasilRevisi:
    """Record a new set of targets (the history is never rewritten) and return it with warnings.

    `target` maps a Renstra year to the target as written ("22,300", "3 - 10", "WTP"); a year left
    out keeps its current in-force target. `label` defaults to "Revisi <ke>".
    """
    indikator = Indikator.objects.select_for_update(of=("self",)).select_related("renstra__opd").get(pk=indikator.pk)
    wajib_boleh(oleh, Aksi.UBAH_RENCANA, opd=indikator.renstra.opd)
    peringatan = target_revisi_periksa(
        indikator=indikator, label=label, alasan=alasan, target=target, target_akhir=target_akhir
    )
    terakhir = indikator.revisi.aggregate(m=Max("ke"))["m"]
    ke = 0 if terakhir is None else terakhir + 1
    revisi = RevisiTarget.objects.create(
        indikator=indikator,
        ke=ke,
        label=label.strip() or ("Awal" if ke == 0 else f"Revisi {ke}"),
        tanggal=tanggal,
        alasan=alasan.strip(),
        target_akhir=target_akhir.strip(),
        dicatat_oleh=oleh,
        sumber=SUMBER_LAYAR,
    )
    sebelumnya = list(indikator.revisi.exclude(pk=revisi.pk).prefetch_related("nilai").order_by("ke"))
    baru = {int(th): str(teks).strip() for th, teks in sorted(target.items()) if str(teks or "").strip()}
    NilaiTarget.objects.bulk_create([NilaiTarget(revisi=revisi, tahun=th, teks=t) for th, t in baru.items()])
    lama = {th: tb.teks for th in baru if (tb := target_berlaku_dari(sebelumnya, th))}
    kunci = {f"target_{th}": f"Target {th}" for th in baru} | {"target_akhir": "Target akhir"}
    perubahan = perubahan_dari(
        {**{f"target_{th}": t for th, t in lama.items()},
         "target_akhir": target_akhir_berlaku(sebelumnya) if revisi.target_akhir else ""},
        {**{f"target_{th}": t for th, t in baru.items()}, "target_akhir": revisi.target_akhir},
        label=kunci,
    )
    jejak_catat(oleh=oleh, objek=indikator, opd=indikator.renstra.opd, aksi=AksiJejak.BUAT,
                perubahan=perubahan, alasan=revisi.alasan, label=f"{indikator} — {revisi.label}")
    return HasilRevisi(revisi, peringatan)
