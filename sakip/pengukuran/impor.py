"""Import of a year's realisation (docs/formats/realisasi.md): data element values, direct
values and labels, narratives, evidence links — then recompute that OPD-year.

Two phases, as every importer: read and check everything, collecting located errors
(`Pemeriksa`); write only when the whole file is valid, in one transaction. Keys the format
does not define (`tercetak`, `catatan`, `validasi`, …) are ignored: the demo files keep the
printed numbers beside the importable ones. Re-importing updates values in place and never
deletes entered data; evidence from the same file is replaced.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sakip.audit.layanan import jejak_impor
from sakip.core.impor import Pemeriksa
from sakip.engine import Polaritas
from sakip.organisasi.models import PerangkatDaerah
from sakip.perencanaan.models import DataElemen, Indikator, Renstra
from sakip.perencanaan.target import SKALA_KUALITATIF

from .layanan import HasilRecompute, capaian_recompute, validasi_url
from .models import NILAI_MAKS, Bukti, JenisBukti, Narasi, NilaiDataElemen, Realisasi
from .selectors import pilih_renstra


@dataclass
class HasilImporRealisasi:
    opd: str = ""
    tahun: int = 0
    data_elemen: int = 0
    realisasi: int = 0
    narasi: int = 0
    bukti: int = 0
    recompute: list[HasilRecompute] = field(default_factory=list)

    def ringkasan(self) -> str:
        hitung = sum(h.indikator_tahun for h in self.recompute)
        return (
            f"{self.data_elemen} nilai data elemen, {self.realisasi} realisasi, {self.narasi} narasi, "
            f"{self.bukti} bukti; capaian dihitung ulang untuk {hitung} indikator-tahun"
        )


@dataclass
class _Triwulan:
    nilai: Decimal | None = None
    label: str = ""
    narasi: dict[str, str] | None = None
    bukti: list[dict[str, str]] = field(default_factory=list)


@dataclass
class _Dokumen:
    opd: PerangkatDaerah | None = None
    tahun: int = 0
    data: dict[tuple[int, int], Decimal] = field(default_factory=dict)  # (data_elemen id, tw)
    indikator: dict[tuple[int, int], _Triwulan] = field(default_factory=dict)  # (indikator id, tw)


def _tahun(p: Pemeriksa, data: Mapping[str, Any]) -> int:
    tahun = data.get("tahun")
    if not isinstance(tahun, int) or isinstance(tahun, bool) or not 2000 <= tahun <= 2100:
        p.salah(f"tahun harus bilangan bulat 2000–2100 (tertulis {tahun!r})", "tahun")
        return 0
    return tahun


def _triwulan(p: Pemeriksa, kunci: object) -> int | None:
    if isinstance(kunci, int) and not isinstance(kunci, bool) and 1 <= kunci <= 4:
        return kunci
    p.salah(f"triwulan harus 1–4 (tertulis {kunci!r})")
    return None


def _angka(p: Pemeriksa, nilai: object, kunci: str | None = None) -> Decimal | None:
    d = p.angka_dari(nilai, kunci)
    if d is None:
        return None
    if abs(d) >= NILAI_MAKS or d.quantize(Decimal("1e-8")) != d:
        p.salah(f"nilai {nilai!r} di luar jangkauan (paling banyak 20 digit bulat dan 8 desimal)", kunci)
        return None
    return d


def _baca_data_elemen(p: Pemeriksa, blok: object, elemen: dict[str, DataElemen], dok: _Dokumen) -> None:
    if blok is None:
        return
    if not isinstance(blok, Mapping):
        p.salah("harus berupa pemetaan kode → {triwulan: nilai}")
        return
    for kode, per_tw in blok.items():
        with p.di(str(kode)):
            e = elemen.get(str(kode))
            if e is None:
                p.salah(f"data elemen '{kode}' tidak didefinisikan di Renstra OPD ini")
                continue
            if not isinstance(per_tw, Mapping):
                p.salah("harus berupa pemetaan triwulan → nilai, mis. {4: \"24.374\"}")
                continue
            for tw, nilai in per_tw.items():
                with p.di(str(tw)):
                    q = _triwulan(p, tw)
                    if q is None or nilai is None or nilai == "":
                        continue
                    d = _angka(p, nilai)
                    if d is not None:
                        dok.data[(e.pk, q)] = d


def _baca_narasi(p: Pemeriksa, blok: object) -> dict[str, str] | None:
    if blok is None:
        return None
    if not isinstance(blok, Mapping):
        p.salah("harus berupa pemetaan pendukung/penghambat/upaya/analisis", "narasi")
        return None
    hasil = {}
    with p.di("narasi"):
        for kunci, teks in blok.items():
            if kunci not in Narasi.BAGIAN:
                p.salah(f"bagian narasi tidak dikenal (pilih {', '.join(Narasi.BAGIAN)})", str(kunci))
            elif teks is not None and not isinstance(teks, str):
                p.salah("harus berupa teks", str(kunci))
            else:
                hasil[str(kunci)] = (teks or "").strip()
    return hasil


def _baca_bukti(p: Pemeriksa, blok: object) -> list[dict[str, str]]:
    if blok is None:
        return []
    if not isinstance(blok, list):
        p.salah("harus berupa daftar", "bukti")
        return []
    hasil = []
    for i, b in enumerate(blok, start=1):
        with p.di(f"bukti[{i}]"):
            if not isinstance(b, Mapping):
                p.salah("harus berupa pemetaan {jenis, url, keterangan}")
                continue
            jenis = p.pilihan(b, "jenis", set(JenisBukti.values))
            url = p.teks(b, "url")
            keterangan = p.teks(b, "keterangan")
            if jenis == JenisBukti.TAUTAN and not url:
                p.salah("bukti berupa tautan wajib berisi url", "url")
            if url:
                try:
                    validasi_url(url)
                except ValidationError as exc:
                    p.salah(exc.messages[0], "url")
            if jenis == JenisBukti.DOKUMEN and not (url or keterangan):
                p.salah("dokumen tanpa berkas wajib berketerangan", "keterangan")
            hasil.append({"jenis": jenis, "url": url, "keterangan": keterangan})
    return hasil


def _baca_indikator(p: Pemeriksa, blok: object, indikator: dict[str, Indikator], dok: _Dokumen) -> None:
    if blok is None:
        return
    if not isinstance(blok, list):
        p.salah("harus berupa daftar indikator")
        return
    for i, item in enumerate(blok, start=1):
        with p.di(f"indikator[{i}]"):
            if not isinstance(item, Mapping):
                p.salah("harus berupa pemetaan {ref, triwulan}")
                continue
            ref = p.teks(item, "ref", wajib=True)
            ind = indikator.get(ref)
            if ref and ind is None:
                p.salah(f"indikator '{ref}' tidak ada di Renstra yang berlaku untuk tahun ini", "ref")
            tahunan = item.get("tahunan")
            if tahunan is not None:
                with p.di("tahunan"):
                    if not isinstance(tahunan, Mapping) or set(tahunan) - {"nilai", "label"}:
                        p.salah("harus berupa pemetaan {nilai} atau {label} (nilai tahunan langsung)")
                    else:
                        isi_tahunan = _baca_isian(p, tahunan, ind)
                        if ind is not None:
                            dok.indikator[(ind.pk, 0)] = isi_tahunan
            per_tw = item.get("triwulan") or {}
            if not isinstance(per_tw, Mapping):
                p.salah("harus berupa pemetaan triwulan → isian", "triwulan")
                continue
            with p.di("triwulan"):
                for tw, isi in per_tw.items():
                    with p.di(str(tw)):
                        q = _triwulan(p, tw)
                        if not isinstance(isi, Mapping):
                            p.salah("harus berupa pemetaan {nilai, label, narasi, bukti}")
                            continue
                        hasil = _baca_isian(p, isi, ind)
                        if q is not None and ind is not None:
                            if (ind.pk, q) in dok.indikator:
                                p.salah(f"indikator '{ref}' TW {q} ditulis dua kali")
                            dok.indikator[(ind.pk, q)] = hasil


def _baca_isian(p: Pemeriksa, isi: Mapping[str, Any], ind: Indikator | None) -> _Triwulan:
    hasil = _Triwulan()
    kualitatif = ind is not None and ind.polaritas == Polaritas.KUALITATIF
    if isi.get("nilai") not in (None, ""):
        if kualitatif:
            p.salah("indikator kualitatif diisi dengan label, bukan nilai", "nilai")
        else:
            hasil.nilai = _angka(p, isi["nilai"], "nilai")
    label = p.teks(isi, "label")
    if label:
        skala = SKALA_KUALITATIF.get(ind.skala_kualitatif) if ind is not None else None
        if ind is not None and not kualitatif:
            p.salah("label hanya untuk indikator kualitatif", "label")
        elif skala is not None and skala.angka(label) is None:
            p.salah(f"label '{label}' tidak ada dalam skala {skala.nama} ({', '.join(skala.label)})", "label")
        hasil.label = (skala.baku(label) if skala is not None else None) or label  # the scale's spelling
    hasil.narasi = _baca_narasi(p, isi.get("narasi"))
    hasil.bukti = _baca_bukti(p, isi.get("bukti"))
    return hasil


def baca_realisasi(p: Pemeriksa, data: Mapping[str, Any]) -> _Dokumen:
    dok = _Dokumen()
    dok.opd = PerangkatDaerah.objects.filter(slug=data.get("opd")).first()
    if dok.opd is None:
        p.salah(f"OPD {data.get('opd')!r} tidak dikenal", "opd")
    dok.tahun = _tahun(p, data)
    indikator: dict[str, Indikator] = {}
    elemen: dict[str, DataElemen] = {}
    if dok.opd is not None and dok.tahun:
        renstra = list(Renstra.objects.filter(opd=dok.opd).values_list("pk", "tahun_awal", "tahun_akhir"))
        rid = pilih_renstra(renstra, dok.tahun)
        if rid is None:
            p.salah(f"tidak ada Renstra OPD ini yang mencakup tahun {dok.tahun} (atau dimulai tahun berikutnya)",
                    "tahun")
        else:
            indikator = {i.ref: i for i in Indikator.objects.filter(renstra_id=rid)}
        elemen = {e.kode: e for e in DataElemen.objects.filter(opd=dok.opd)}
    with p.di("data_elemen"):
        _baca_data_elemen(p, data.get("data_elemen"), elemen, dok)
    _baca_indikator(p, data.get("indikator"), indikator, dok)
    return dok


def _periksa_kunci(p: Pemeriksa, dok: _Dokumen) -> None:
    """An import obeys the workflow like a screen: quarters under review or approved are refused
    (each named). A reopened quarter takes the import without a typed reason: the trail names the
    file (docs/algorithms/alur.md)."""
    from sakip.alur.layanan import periode_periksa_ubah

    assert dok.opd is not None
    triwulan = {q for (_, q) in dok.data} | {q for (_, q) in dok.indikator}
    for q in sorted(triwulan):
        try:
            periode_periksa_ubah(opd=dok.opd, tahun=dok.tahun, triwulan=q)
        except ValidationError as exc:
            with p.di(f"triwulan {q}" if q else "tahunan"):
                p.salah(" ".join(exc.messages))
    p.selesai()


@transaction.atomic
def realisasi_impor(*, data: Mapping[str, Any], sumber: str) -> HasilImporRealisasi:
    """Import one realisasi-<year>.yaml document; raises ImporGagal (nothing written) with every
    located error. Recomputes the OPD's capaian for the year and the next one (prev())."""
    p = Pemeriksa(sumber)
    dok = baca_realisasi(p, data)
    p.selesai()
    assert dok.opd is not None
    _periksa_kunci(p, dok)
    hasil = HasilImporRealisasi(opd=dok.opd.slug, tahun=dok.tahun)

    if dok.data:
        NilaiDataElemen.objects.bulk_create(
            [NilaiDataElemen(data_elemen_id=e, tahun=dok.tahun, triwulan=q, nilai=v, sumber=sumber)
             for (e, q), v in dok.data.items()],
            update_conflicts=True, unique_fields=["data_elemen", "tahun", "triwulan"],
            update_fields=["nilai", "sumber", "diisi_pada"],
        )
        hasil.data_elemen = len(dok.data)

    langsung = [
        Realisasi(indikator_id=i, tahun=dok.tahun, triwulan=q, nilai=t.nilai, label=t.label, sumber=sumber)
        for (i, q), t in dok.indikator.items() if t.nilai is not None or t.label
    ]
    if langsung:
        Realisasi.objects.bulk_create(
            langsung, update_conflicts=True, unique_fields=["indikator", "tahun", "triwulan"],
            update_fields=["nilai", "label", "sumber", "diisi_pada"],
        )
        hasil.realisasi = len(langsung)

    narasi = [
        Narasi(indikator_id=i, tahun=dok.tahun, triwulan=q, **t.narasi)
        for (i, q), t in dok.indikator.items() if t.narasi and q
    ]
    if narasi:
        Narasi.objects.bulk_create(
            narasi, update_conflicts=True, unique_fields=["indikator", "tahun", "triwulan"],
            update_fields=list(Narasi.BAGIAN),
        )
        hasil.narasi = len(narasi)

    Bukti.objects.filter(opd=dok.opd, tahun=dok.tahun, sumber=sumber).delete()
    bukti = [
        Bukti(opd=dok.opd, indikator_id=i, tahun=dok.tahun, triwulan=q, urutan=n, sumber=sumber, **b)
        for (i, q), t in dok.indikator.items() for n, b in enumerate(t.bukti)
    ]
    Bukti.objects.bulk_create(bukti)
    hasil.bukti = len(bukti)

    jejak_impor(oleh=None, objek=dok.opd, opd=dok.opd, sumber=sumber,
                ringkasan=f"realisasi {dok.tahun}: {hasil.data_elemen} data elemen, {hasil.realisasi} "
                          f"realisasi, {hasil.narasi} narasi, {hasil.bukti} bukti")
    hasil.recompute.append(capaian_recompute(opd=dok.opd, tahun=dok.tahun))
    # Next year's growth indicators read this year's data through prev().
    if Renstra.objects.filter(opd=dok.opd, tahun_awal__lte=dok.tahun + 1, tahun_akhir__gte=dok.tahun + 1).exists():
        hasil.recompute.append(capaian_recompute(opd=dok.opd, tahun=dok.tahun + 1))
    return hasil
