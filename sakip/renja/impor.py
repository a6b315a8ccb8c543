"""Import of a Renja (`renja-<year>.yaml`) and of its evaluation (`renja-evaluasi-<year>.yaml`).

Format: docs/formats/renja.md. Like every Sakip importer (sakip/core/impor.py): phase 1 reads the
whole document and collects every located error, phase 2 writes in one transaction, so a file is
imported entirely or not at all. `tercetak`, `catatan`, `analisis` and `lampiran_tercetak` are
printed or narrative material and are never imported.

A file is *the* Renja (or the evaluation) of one OPD and one year, so a re-import makes the
stored rows equal to the file: rows matched on (node, indikator) are updated in place (unchanged
rows are not written), rows the file no longer lists are deleted. Importing the same file twice
changes nothing.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models, transaction

from sakip.core.impor import Pemeriksa, peta_lokasi
from sakip.engine.angka import AngkaTidakValid, jumlah_desimal, parse_rentang
from sakip.engine.capaian import Polaritas
from sakip.organisasi.models import PerangkatDaerah
from sakip.perencanaan.models import Indikator, Node, Renstra

from .models import BarisRenja, EvaluasiRenja, KinerjaPelayanan, NilaiKinerjaPelayanan


@dataclass
class HasilImpor:
    jenis: str
    dibuat: int = 0
    diubah: int = 0
    tetap: int = 0
    dihapus: int = 0
    lain: dict[str, int] = field(default_factory=dict)

    def ringkasan(self) -> str:
        teks = (f"{self.jenis}: baru {self.dibuat}, diubah {self.diubah}, tetap {self.tetap}, "
                f"dihapus {self.dihapus}")
        for nama, jumlah in self.lain.items():
            teks += f"; {nama} {jumlah}"
        return teks


def renstra_acuan(*, opd: PerangkatDaerah, tahun: int) -> Renstra | None:
    """The Renstra whose nodes a Renja of `tahun` refers to.

    The one covering the year; else the latest that started before it. renja-2024 (RPD period
    2023–2026) refers to the tree recorded in the 2017–2022 Renstra, because no later Renstra is
    printed (demo/babel-dkukm/renstra.yaml, catatan): the national codes carry over.
    """
    semua = Renstra.objects.filter(opd=opd).order_by("-tahun_awal")
    for renstra in semua:
        if renstra.tahun_awal <= tahun <= renstra.tahun_akhir:
            return renstra
    return semua.filter(tahun_awal__lte=tahun).first() or semua.first()


# ---------------------------------------------------------------- phase 1: reading and checking


@dataclass
class _Konteks:
    opd: PerangkatDaerah | None
    tahun: int | None
    node: dict[str, Node]
    indikator: dict[str, Indikator]


def _konteks(p: Pemeriksa, data: Mapping[str, Any]) -> _Konteks:
    opd = None
    slug = p.wajib(data, "opd")
    if slug:
        opd = PerangkatDaerah.objects.filter(slug=str(slug)).first()
        if opd is None:
            p.salah(f"OPD {slug!r} tidak dikenal", "opd")
    tahun_teks = p.wajib(data, "tahun")
    tahun = None
    if tahun_teks is not None:
        if isinstance(tahun_teks, int) and not isinstance(tahun_teks, bool) and 2000 <= tahun_teks <= 2100:
            tahun = tahun_teks
        else:
            p.salah(f"tahun harus bilangan bulat 2000–2100 (tertulis {tahun_teks!r})", "tahun")
    node: dict[str, Node] = {}
    indikator: dict[str, Indikator] = {}
    if opd is not None and tahun is not None:
        renstra = renstra_acuan(opd=opd, tahun=tahun)
        if renstra is None:
            p.salah(f"{opd.nama} belum mempunyai Renstra: impor rencana dulu", "opd")
        else:
            node = {n.ref: n for n in Node.objects.filter(renstra=renstra)}
            indikator = {i.ref: i for i in Indikator.objects.filter(renstra=renstra)}
    return _Konteks(opd, tahun, node, indikator)


def _node_indikator(p: Pemeriksa, kt: _Konteks, baris: Mapping[str, Any]) -> tuple[Node, Indikator] | None:
    ref_node = p.wajib(baris, "node")
    ref_ind = p.wajib(baris, "indikator")
    if ref_node is None or ref_ind is None or not kt.node:
        return None
    node = kt.node.get(str(ref_node))
    ind = kt.indikator.get(str(ref_ind))
    if node is None:
        p.salah(f"node {ref_node!r} tidak ada di Renstra", "node")
    if ind is None:
        p.salah(f"indikator {ref_ind!r} tidak ada di Renstra", "indikator")
    if node is None or ind is None:
        return None
    if ind.node_id != node.pk:
        p.salah(f"indikator {ref_ind!r} bukan indikator node {ref_node!r}", "indikator")
        return None
    return node, ind


def _rupiah(p: Pemeriksa, data: Mapping[str, Any], kunci: str) -> Decimal | None:
    nilai = p.angka(data, kunci)
    if nilai is None:
        return None
    if nilai < 0:
        p.salah(f"jumlah rupiah tidak boleh negatif ({data.get(kunci)!r})", kunci)
        return None
    if jumlah_desimal(nilai.normalize()) > 2:
        p.salah(f"rupiah paling banyak dua desimal ({data.get(kunci)!r})", kunci)
        return None
    return nilai


def _krp(p: Pemeriksa, data: Mapping[str, Any], kunci: str) -> tuple[Decimal | None, Decimal | None]:
    isi = data.get(kunci)
    if isi is None:
        return None, None
    if not isinstance(isi, Mapping):
        p.salah("harus pemetaan {k, rp} atau null", kunci)
        return None, None
    with p.di(kunci, isi):
        return p.angka(isi, "k"), _rupiah(p, isi, "rp")


def _krp_rentang(p: Pemeriksa, data: Mapping[str, Any], kunci: str) -> tuple[str, Decimal | None]:
    """A {k, rp} pair whose k is a range target, kept as written once it parses."""
    isi = data.get(kunci)
    if isi is None:
        return "", None
    if not isinstance(isi, Mapping):
        p.salah("harus pemetaan {k, rp} atau null", kunci)
        return "", None
    with p.di(kunci, isi):
        k = _teks(isi.get("k"))
        if k:
            try:
                parse_rentang(k)
            except (AngkaTidakValid, ValueError) as exc:
                p.salah(f"indikator berpolaritas rentang: target K harus rentang ({exc})", "k")
            if len(k) > 60:
                p.salah(f"paling banyak 60 karakter (tertulis {len(k)})", "k")
        return k[:60], _rupiah(p, isi, "rp")


def _teks(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _pendek(p: Pemeriksa, data: Mapping[str, Any], kunci: str, maks: int) -> str:
    """Text of a bounded column: too long is an import error here, not a database error later
    (SQLite would store it, PostgreSQL would refuse it mid-transaction)."""
    teks = _teks(data.get(kunci))
    if len(teks) > maks:
        p.salah(f"paling banyak {maks} karakter (tertulis {len(teks)})", kunci)
    return teks[:maks]


def _daftar(p: Pemeriksa, data: Mapping[str, Any], kunci: str) -> Sequence[Any]:
    isi = data.get(kunci)
    if isi is None:
        return []
    if not isinstance(isi, list):
        p.salah("harus berupa daftar", kunci)
        return []
    return isi


def _baca_renja(p: Pemeriksa, kt: _Konteks, data: Mapping[str, Any]) -> list[dict[str, Any]]:
    hasil: list[dict[str, Any]] = []
    kunci_ada: set[tuple[int, int]] = set()
    for i, baris in enumerate(_daftar(p, data, "baris")):
        with p.di(f"baris[{i}]", baris):
            if not isinstance(baris, Mapping):
                p.salah("baris harus berupa pemetaan")
                continue
            pasangan = _node_indikator(p, kt, baris)
            # Targets stay text, as in the plan: a range ("3 - 10") or a label is a valid target.
            target = _pendek(p, baris, "target", 60)
            satuan = _pendek(p, baris, "satuan", 100)
            lokasi = _pendek(p, baris, "lokasi", 300)
            sumber_dana = _pendek(p, baris, "sumber_dana", 60)
            pm = baris.get("prakiraan_maju") or {}
            pm_target = ""
            pm_pagu = None
            if not isinstance(pm, Mapping):
                p.salah("harus pemetaan {target, pagu}", "prakiraan_maju")
            else:
                with p.di("prakiraan_maju", pm):
                    pm_target = _pendek(p, pm, "target", 60)
                    pm_pagu = _rupiah(p, pm, "pagu")
            pagu = _rupiah(p, baris, "pagu_indikatif")
            if pasangan is None:
                continue
            kunci = (pasangan[0].pk, pasangan[1].pk)
            if kunci in kunci_ada:
                p.salah("pasangan node dan indikator ini sudah ada di baris sebelumnya")
                continue
            kunci_ada.add(kunci)
            hasil.append({
                "node": pasangan[0], "indikator": pasangan[1], "urutan": i + 1,
                "target": target, "satuan": satuan, "pagu_indikatif": pagu, "lokasi": lokasi,
                "sumber_dana": sumber_dana, "prakiraan_maju_target": pm_target,
                "prakiraan_maju_pagu": pm_pagu,
            })
    return hasil


def _baca_evaluasi(p: Pemeriksa, kt: _Konteks, data: Mapping[str, Any]) -> list[dict[str, Any]]:
    hasil: list[dict[str, Any]] = []
    kunci_ada: set[tuple[int, int]] = set()
    for i, baris in enumerate(_daftar(p, data, "baris")):
        with p.di(f"baris[{i}]", baris):
            if not isinstance(baris, Mapping):
                p.salah("baris harus berupa pemetaan")
                continue
            pasangan = _node_indikator(p, kt, baris)
            nilai: dict[str, Any] = {}
            # A range indicator's targets are intervals ("3 - 10"); its realisations are numbers.
            rentang = pasangan is not None and pasangan[1].polaritas == Polaritas.RENTANG
            for kunci_yaml, awalan in (("target_renstra_akhir", "target_renstra"),
                                       ("realisasi_sd_tahun_lalu", "realisasi_lalu"),
                                       ("target_renja", "target_renja")):
                if awalan == "realisasi_lalu":
                    nilai[f"{awalan}_k"], nilai[f"{awalan}_rp"] = _krp(p, baris, kunci_yaml)
                    continue
                nilai[f"{awalan}_rentang"] = ""
                if rentang:
                    nilai[f"{awalan}_rentang"], nilai[f"{awalan}_rp"] = _krp_rentang(p, baris, kunci_yaml)
                    nilai[f"{awalan}_k"] = None
                else:
                    nilai[f"{awalan}_k"], nilai[f"{awalan}_rp"] = _krp(p, baris, kunci_yaml)
            tw = baris.get("realisasi_tw")
            if tw is None:
                tw = [None] * 4
            if not isinstance(tw, list) or len(tw) != 4:
                p.salah("harus daftar empat entri (TW I..IV), null untuk triwulan kosong",
                        "realisasi_tw")
                tw = [None] * 4
            with p.di("realisasi_tw"):
                for n, isi in enumerate(tw, start=1):
                    nilai[f"tw{n}_k"], nilai[f"tw{n}_rp"] = _krp(p, {f"[{n - 1}]": isi}, f"[{n - 1}]")
            hanya = baris.get("realisasi_hanya_tahunan", False)
            if not isinstance(hanya, bool):
                p.salah("harus true atau false", "realisasi_hanya_tahunan")
                hanya = False
            if hanya and any(nilai[f"tw{n}_{x}"] is not None for n in (1, 2, 3) for x in ("k", "rp")):
                # The year's value lives at TW IV; a TW I–III value would be counted twice.
                p.salah("realisasi tahunan saja: TW I–III harus kosong", "realisasi_tw")
            nilai["hanya_tahunan"] = hanya
            for kunci_teks in ("faktor_pendukung", "faktor_penghambat", "tindak_lanjut"):
                nilai[kunci_teks] = _teks(baris.get(kunci_teks))
            if pasangan is None:
                continue
            kunci = (pasangan[0].pk, pasangan[1].pk)
            if kunci in kunci_ada:
                p.salah("pasangan node dan indikator ini sudah ada di baris sebelumnya")
                continue
            kunci_ada.add(kunci)
            hasil.append({"node": pasangan[0], "indikator": pasangan[1], "urutan": i + 1, **nilai})
    return hasil


_JENIS_PELAYANAN = ("target_renstra", "realisasi", "proyeksi")


def _baca_pelayanan(p: Pemeriksa, data: Mapping[str, Any]) -> list[dict[str, Any]]:
    blok = data.get("kinerja_pelayanan")
    if blok is None:
        return []
    if not isinstance(blok, Mapping):
        p.salah("harus berupa pemetaan", "kinerja_pelayanan")
        return []
    hasil: list[dict[str, Any]] = []
    with p.di("kinerja_pelayanan", blok):
        for i, baris in enumerate(_daftar(p, blok, "baris")):
            with p.di(f"baris[{i}]", baris):
                if not isinstance(baris, Mapping):
                    p.salah("baris harus berupa pemetaan")
                    continue
                nama = p.teks(baris, "indikator", wajib=True)
                nilai: list[tuple[str, int, Decimal]] = []
                for jenis in _JENIS_PELAYANAN:
                    per_tahun = baris.get(jenis) or {}
                    if not isinstance(per_tahun, Mapping):
                        p.salah("harus pemetaan tahun: nilai", jenis)
                        continue
                    with p.di(jenis, per_tahun):
                        for th, teks in per_tahun.items():
                            if not isinstance(th, int) or isinstance(th, bool):
                                p.salah(f"tahun harus bilangan bulat (tertulis {th!r})", str(th))
                                continue
                            if teks is None:
                                continue
                            angka = p.angka_dari(teks, str(th))
                            if angka is not None:
                                nilai.append((jenis, th, angka))
                hasil.append({
                    "urutan": i + 1, "indikator": nama, "satuan": _pendek(p, baris, "satuan", 100),
                    "spm": _pendek(p, baris, "spm", 100), "ikk": _pendek(p, baris, "ikk", 100),
                    "nilai": nilai,
                })
    return hasil


# ---------------------------------------------------------------- phase 2: writing


def _sinkron(
    model: type[models.Model], opd: PerangkatDaerah, tahun: int, baris: list[dict[str, Any]],
    hasil: HasilImpor,
) -> None:
    """Make the stored rows of (opd, tahun) equal to `baris`, matched on (node, indikator)."""
    ada = {(o.node_id, o.indikator_id): o  # type: ignore[attr-defined]
           for o in model.objects.filter(opd=opd, tahun=tahun)}  # type: ignore[attr-defined]
    for isi in baris:
        kunci = (isi["node"].pk, isi["indikator"].pk)
        obj = ada.pop(kunci, None)
        if obj is None:
            model.objects.create(opd=opd, tahun=tahun, **isi)  # type: ignore[attr-defined]
            hasil.dibuat += 1
            continue
        berubah = [k for k, v in isi.items() if k not in ("node", "indikator") and getattr(obj, k) != v]
        if berubah:
            for k in berubah:
                setattr(obj, k, isi[k])
            obj.save(update_fields=berubah)
            hasil.diubah += 1
        else:
            hasil.tetap += 1
    for obj in ada.values():
        obj.delete()
        hasil.dihapus += 1


def renja_impor(*, data: Mapping[str, Any], sumber: str) -> HasilImpor:
    # peta_akar: a document read from a workbook (excel.py) names cells instead of key paths.
    p = Pemeriksa(sumber, peta_akar=peta_lokasi(data))
    kt = _konteks(p, data)
    baris = _baca_renja(p, kt, data)
    p.selesai()
    assert kt.opd is not None and kt.tahun is not None
    hasil = HasilImpor("baris Renja")
    with transaction.atomic():
        _sinkron(BarisRenja, kt.opd, kt.tahun, baris, hasil)
    return hasil


def evaluasi_renja_impor(*, data: Mapping[str, Any], sumber: str) -> HasilImpor:
    p = Pemeriksa(sumber, peta_akar=peta_lokasi(data))
    kt = _konteks(p, data)
    baris = _baca_evaluasi(p, kt, data)
    pelayanan = _baca_pelayanan(p, data)
    p.selesai()
    assert kt.opd is not None and kt.tahun is not None
    hasil = HasilImpor("baris evaluasi Renja")
    with transaction.atomic():
        _sinkron(EvaluasiRenja, kt.opd, kt.tahun, baris, hasil)
        hasil.lain["baris kinerja pelayanan"] = _tulis_pelayanan(kt.opd, kt.tahun, pelayanan)
    return hasil


def _tulis_pelayanan(opd: PerangkatDaerah, tahun: int, baris: list[dict[str, Any]]) -> int:
    """Tabel 2.2 has no stable key but its row order, so the year's rows are rewritten whole."""
    KinerjaPelayanan.objects.filter(opd=opd, tahun=tahun).delete()
    for isi in baris:
        obj = KinerjaPelayanan.objects.create(
            opd=opd, tahun=tahun, urutan=isi["urutan"], indikator=isi["indikator"],
            satuan=isi["satuan"], spm=isi["spm"], ikk=isi["ikk"],
        )
        NilaiKinerjaPelayanan.objects.bulk_create(
            NilaiKinerjaPelayanan(baris=obj, jenis=j, tahun=t, nilai=n) for j, t, n in isi["nilai"]
        )
    return len(baris)
