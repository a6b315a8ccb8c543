"""Import of a whole plan (docs/formats/rencana.md) from its document form.

The document is the YAML structure; the Excel workbook is read into the same structure
(`excel.py`), so one importer serves both. Two phases: check everything and collect every
located error (nothing written), then write in one transaction.

Re-importing updates in place, matched on `ref`: unchanged rows stay unchanged (no write), and
target history is never rewritten — a changed target becomes a new revision (see `_sinkron_revisi`).
Import never deletes: nodes and indicators that the file no longer lists are reported as warnings.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from sakip.akun.models import User
from sakip.audit.layanan import jejak_impor
from sakip.core.impor import KesalahanImpor, Pemeriksa, periksa_panjang, peta_lokasi
from sakip.engine.agregasi import Agregasi
from sakip.engine.capaian import Polaritas
from sakip.engine.formula import Formula, FormulaTidakValid, SiklusFormula, urutkan_definisi
from sakip.engine.kebijakan import RumusNegatif
from sakip.organisasi.models import PerangkatDaerah, UnitKerja

from .kode import kode_induk_cocok, periksa_kode
from .models import (
    INDUK_SAH,
    Crosscutting,
    DataElemen,
    Indikator,
    JenisNode,
    JenisStrategi,
    NilaiNasional,
    NilaiTarget,
    Node,
    Renstra,
    RevisiTarget,
    SasaranPemda,
    Strategi,
)
from .target import SKALA_KUALITATIF, TargetTidakValid, baca_target, kanonik

IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass
class HasilImpor:
    renstra: Renstra | None = None
    dibuat: dict[str, int] = field(default_factory=dict)
    diubah: dict[str, int] = field(default_factory=dict)
    revisi_baru: int = 0
    peringatan: list[str] = field(default_factory=list)

    def catat(self, jenis: str, dibuat: bool, diubah: bool = True) -> None:
        if dibuat:
            self.dibuat[jenis] = self.dibuat.get(jenis, 0) + 1
        elif diubah:
            self.diubah[jenis] = self.diubah.get(jenis, 0) + 1

    def ringkasan(self) -> str:
        baru = ", ".join(f"{v} {k}" for k, v in self.dibuat.items()) or "tidak ada"
        ubah = ", ".join(f"{v} {k}" for k, v in self.diubah.items()) or "tidak ada"
        teks = f"baru: {baru}; diubah: {ubah}; revisi target baru: {self.revisi_baru}"
        if self.peringatan:
            teks += f"; {len(self.peringatan)} peringatan"
        return teks


# ---------------------------------------------------------------- phase 1: reading and checking


@dataclass
class _Revisi:
    label: str
    tanggal: date | None
    alasan: str
    target: dict[int, str]
    target_akhir: str


@dataclass
class _Indikator:
    lokasi: str
    nilai: dict[str, Any]
    revisi: list[_Revisi]
    nasional: dict[int, str]


@dataclass
class _Node:
    lokasi: str
    ref: str
    induk: str | None
    nilai: dict[str, Any]
    sasaran_pemda: list[str]
    strategi: list[tuple[str, str]]
    crosscutting: list[tuple[str, str]]
    indikator: list[_Indikator]


@dataclass
class _Rencana:
    opd: PerangkatDaerah | None = None
    renstra: dict[str, Any] = field(default_factory=dict)
    sasaran_pemda: list[tuple[str, str]] = field(default_factory=list)
    data_elemen: list[dict[str, Any]] = field(default_factory=list)
    node: list[_Node] = field(default_factory=list)



def _teks_daftar(p: Pemeriksa, data: Mapping[str, Any], kunci: str) -> list[str]:
    value = data.get(kunci) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        p.salah("harus berupa daftar teks", kunci)
        return []
    return [str(v).strip() for v in value if str(v).strip()]


def _tahun_target(p: Pemeriksa, data: Any, kunci: str, periode: range | None) -> dict[int, str]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        p.salah("harus berupa pemetaan tahun → target", kunci)
        return {}
    hasil: dict[int, str] = {}
    for tahun, teks in data.items():
        try:
            th = int(tahun)
        except (TypeError, ValueError):
            p.salah(f"tahun tidak valid {tahun!r}", kunci)
            continue
        if periode is not None and th not in periode:
            p.salah(f"tahun {th} di luar periode Renstra {periode[0]}–{periode[-1]}", f"{kunci} {th}")
        if teks is None or str(teks).strip() == "":
            continue
        hasil[th] = str(teks).strip()
    return hasil


def _baca_indikator(
    p: Pemeriksa, item: Mapping[str, Any], periode: range | None, elemen: set[str]
) -> _Indikator:
    ref = p.teks(item, "ref", wajib=True)
    iku = bool(item.get("iku", False))
    polaritas = p.pilihan(item, "polaritas", {x.value for x in Polaritas}, bawaan=Polaritas.POSITIF)
    if iku and not item.get("polaritas"):
        p.salah("polaritas wajib diisi untuk IKU", "polaritas")
    satuan = p.teks(item, "satuan")
    if iku and not satuan:
        p.salah("satuan wajib diisi untuk IKU", "satuan")
    skala_kualitatif = p.teks(item, "skala_kualitatif")
    if polaritas == Polaritas.KUALITATIF and skala_kualitatif not in SKALA_KUALITATIF:
        p.salah(f"pilih salah satu: {', '.join(SKALA_KUALITATIF)}", "skala_kualitatif")
    formula = p.teks(item, "formula")
    if formula:
        try:
            parsed = Formula.parse(formula)
            tak_dikenal = (parsed.nama_elemen | parsed.nama_elemen_lalu) - elemen
            if tak_dikenal:
                p.salah(f"data elemen tidak dikenal: {', '.join(sorted(tak_dikenal))}", "formula")
        except FormulaTidakValid as exc:
            p.salah(f"rumus tidak valid: {exc}", "formula")
    desimal = item.get("desimal", 2)
    if not isinstance(desimal, int) or not 0 <= desimal <= 8:
        p.salah("harus bilangan bulat 0–8", "desimal")
        desimal = 2

    def periksa_target(teks: str, kunci: str) -> None:
        try:
            baca_target(teks, polaritas=polaritas, skala_kualitatif=skala_kualitatif)
        except TargetTidakValid as exc:
            p.salah(str(exc), kunci)

    def periksa_revisi(rv: _Revisi) -> None:
        for tahun, teks in rv.target.items():
            periksa_target(teks, f"target {tahun}")
        if rv.target_akhir:
            periksa_target(rv.target_akhir, "target_akhir")

    awal = _tahun_target(p, item.get("target"), "target", periode)
    revisi = [_Revisi("Awal", None, "", awal, p.teks(item, "target_akhir"))]
    periksa_revisi(revisi[0])
    for i, rv in enumerate(p.daftar(item, "revisi"), start=1):
        # Checked inside the revision, so an error names the revision (its row in a workbook).
        with p.di(f"revisi[{i}]", rv):
            revisi.append(_Revisi(
                label=p.teks(rv, "label") or f"Revisi {i}",
                tanggal=p.tanggal(rv, "tanggal"),
                alasan=p.teks(rv, "alasan", wajib=True),
                target=_tahun_target(p, rv.get("target"), "target", periode),
                target_akhir=p.teks(rv, "target_akhir"),
            ))
            periksa_revisi(revisi[-1])

    baseline = item.get("baseline") or {}
    if not isinstance(baseline, Mapping):
        p.salah("harus berupa {tahun, nilai}", "baseline")
        baseline = {}
    kebijakan = item.get("kebijakan") or {}
    if not isinstance(kebijakan, Mapping):
        p.salah("harus berupa pemetaan", "kebijakan")
        kebijakan = {}
    rumus_negatif = str(kebijakan.get("rumus_negatif") or "")
    if rumus_negatif and rumus_negatif not in {r.value for r in RumusNegatif}:
        p.salah(f"rumus_negatif tidak dikenal {rumus_negatif!r}", "kebijakan")
    batas_atur = "batas_atas" in kebijakan
    batas = p.angka(kebijakan, "batas_atas") if batas_atur else None

    nilai = {
        "ref": ref,
        "nama": p.teks(item, "nama", wajib=True),
        "satuan": satuan,
        "polaritas": polaritas,
        "skala_kualitatif": skala_kualitatif,
        "desimal": desimal,
        "agregasi": p.pilihan(item, "agregasi", {a.value for a in Agregasi}, bawaan=Agregasi.NILAI_AKHIR),
        "formula": formula,
        "formulasi": p.teks(item, "formulasi"),
        "sumber_data": p.teks(item, "sumber_data"),
        "iku": iku,
        "sk_iku": p.teks(item, "sk_iku"),
        "baseline_tahun": baseline.get("tahun"),
        "baseline_nilai": str(baseline.get("nilai") or "").strip(),
        "kebijakan_rumus_negatif": rumus_negatif,
        "kebijakan_batas_atur": batas_atur,
        "kebijakan_batas_atas": batas,
    }
    periksa_panjang(p, Indikator, nilai)
    if nilai["baseline_nilai"]:
        periksa_target(nilai["baseline_nilai"], "baseline")
    nasional = _tahun_target(p, item.get("nasional"), "nasional", None)
    for tahun, teks in nasional.items():
        p.angka_dari(teks, f"nasional {tahun}")
    return _Indikator(p.lokasi(), nilai, revisi, nasional)


def _baca_node(
    p: Pemeriksa, item: Mapping[str, Any], induk: _Node | None, rencana: _Rencana,
    periode: range | None, elemen: set[str], unit: set[str], sasaran_pemda: set[str],
) -> None:
    jenis = p.pilihan(item, "jenis", {j.value for j in JenisNode}, bawaan=JenisNode.TUJUAN)
    jenis_induk = induk.nilai["jenis"] if induk else None
    if jenis_induk not in INDUK_SAH[jenis]:
        harus = " atau ".join(sorted(j or "puncak pohon" for j in INDUK_SAH[jenis]))
        p.salah(f"{jenis} harus berada di bawah {harus} (ditemukan di bawah {jenis_induk or 'puncak'})",
                "jenis")
    kode = p.teks(item, "kode")
    galat_kode = periksa_kode(jenis, kode) if kode else None
    if galat_kode:
        p.salah(galat_kode, "kode")
    elif induk and not kode_induk_cocok(induk.nilai["kode"], kode):
        p.salah(f"kode {kode} tidak diawali kode induknya {induk.nilai['kode']}", "kode")
    unit_slug = p.teks(item, "unit")
    if unit_slug and unit_slug not in unit:
        p.salah(f"unit kerja {unit_slug!r} tidak ada di OPD ini", "unit")
    sp = _teks_daftar(p, item, "sasaran_pemda")
    for ref in sp:
        if ref not in sasaran_pemda:
            p.salah(f"sasaran Pemda {ref!r} tidak didefinisikan", "sasaran_pemda")
    strategi = [(JenisStrategi.STRATEGI.value, s) for s in _teks_daftar(p, item, "strategi")]
    strategi += [(JenisStrategi.ARAH_KEBIJAKAN.value, s) for s in _teks_daftar(p, item, "arah_kebijakan")]
    crosscutting = []
    for i, cc in enumerate(p.daftar(item, "crosscutting"), start=1):
        with p.di(f"crosscutting[{i}]", cc):
            crosscutting.append((p.teks(cc, "dengan", wajib=True), p.teks(cc, "peran")))
    indikator = []
    for i, ind in enumerate(p.daftar(item, "indikator"), start=1):
        with p.di(f"indikator[{i}]", ind):
            indikator.append(_baca_indikator(p, ind, periode, elemen))
    node = _Node(
        lokasi=p.lokasi(),
        ref=p.teks(item, "ref", wajib=True),
        induk=induk.ref if induk else None,
        nilai={
            "jenis": jenis,
            "kode": kode,
            "uraian": p.teks(item, "uraian", wajib=True),
            "kinerja": p.teks(item, "kinerja"),
            "unit": unit_slug,
        },
        sasaran_pemda=sp,
        strategi=strategi,
        crosscutting=crosscutting,
        indikator=indikator,
    )
    periksa_panjang(p, Node, {"ref": node.ref, **node.nilai})
    rencana.node.append(node)
    for i, anak in enumerate(p.daftar(item, "anak"), start=1):
        with p.di(f"anak[{i}]", anak):
            _baca_node(p, anak, node, rencana, periode, elemen, unit, sasaran_pemda)


def baca_rencana(p: Pemeriksa, data: Mapping[str, Any]) -> _Rencana:
    rencana = _Rencana()
    rencana.opd = PerangkatDaerah.objects.filter(slug=data.get("opd")).first()
    if rencana.opd is None:
        p.salah(f"OPD {data.get('opd')!r} tidak dikenal", "opd")
    blok = data.get("renstra") or {}
    periode: range | None = None
    with p.di("renstra", blok):
        if not isinstance(blok, Mapping):
            p.salah("harus berupa pemetaan")
            blok = {}
        awal, akhir = blok.get("tahun_awal"), blok.get("tahun_akhir")
        if not isinstance(awal, int) or not isinstance(akhir, int) or not 2000 <= awal <= akhir <= 2100:
            p.salah("tahun_awal dan tahun_akhir harus tahun, dengan awal ≤ akhir", "tahun_awal")
        else:
            periode = range(awal, akhir + 1)
        rencana.renstra = {
            "nama": p.teks(blok, "nama", wajib=True),
            "tahun_awal": awal,
            "tahun_akhir": akhir,
            "dasar_hukum": p.teks(blok, "dasar_hukum"),
        }
        for i, sp in enumerate(p.daftar(blok, "sasaran_pemda"), start=1):
            with p.di(f"sasaran_pemda[{i}]", sp):
                rencana.sasaran_pemda.append((p.teks(sp, "ref", wajib=True), p.teks(sp, "uraian", wajib=True)))

    definisi: dict[str, Formula] = {}
    lokasi_kode: list[tuple[str, str]] = []
    lokasi_formula: dict[str, str] = {}
    for i, de in enumerate(p.daftar(data, "data_elemen"), start=1):
        with p.di(f"data_elemen[{i}]", de):
            kode = p.teks(de, "kode", wajib=True)
            lokasi_kode.append((kode, p.lokasi("kode")))
            lokasi_formula[kode] = p.lokasi("formula")
            if kode and not IDENTIFIER.match(kode):
                p.salah(f"{kode!r} harus huruf kecil, angka dan garis bawah (mis. unit_industri)", "kode")
            formula = p.teks(de, "formula")
            if formula:
                try:
                    definisi[kode] = Formula.parse(formula)
                except FormulaTidakValid as exc:
                    p.salah(f"rumus tidak valid: {exc}", "formula")
            rencana.data_elemen.append({
                "kode": kode, "nama": p.teks(de, "nama", wajib=True), "satuan": p.teks(de, "satuan"),
                "sumber": p.teks(de, "sumber"), "formula": formula,
            })
    elemen = {d["kode"] for d in rencana.data_elemen}
    with p.di("data_elemen"):
        for kode, f in definisi.items():
            tak_dikenal = (f.nama_elemen | f.nama_elemen_lalu) - elemen
            if tak_dikenal:
                p.kesalahan.append(KesalahanImpor(
                    lokasi_formula[kode], f"{kode}: data elemen tidak dikenal: {', '.join(sorted(tak_dikenal))}"))
        try:
            urutkan_definisi(definisi)
        except SiklusFormula as exc:
            p.salah(str(exc))

    unit = set(UnitKerja.objects.filter(opd=rencana.opd).values_list("slug", flat=True))
    sasaran_pemda = {ref for ref, _ in rencana.sasaran_pemda}
    for i, item in enumerate(p.daftar(data, "pohon"), start=1):
        with p.di(f"pohon[{i}]", item):
            _baca_node(p, item, None, rencana, periode, elemen, unit, sasaran_pemda)

    _periksa_ref_unik(p, [(n.ref, n.lokasi) for n in rencana.node], "ref simpul")
    _periksa_ref_unik(p, [(i.nilai["ref"], i.lokasi) for n in rencana.node for i in n.indikator],
                      "ref indikator")
    _periksa_ref_unik(p, lokasi_kode, "kode data elemen")
    return rencana


def _periksa_ref_unik(p: Pemeriksa, pasangan: Sequence[tuple[str, str]], apa: str) -> None:
    dilihat: dict[str, str] = {}
    for ref, lokasi in pasangan:
        if ref and ref in dilihat:
            p.kesalahan.append(KesalahanImpor(lokasi, f"{apa} {ref!r} ganda (juga di {dilihat[ref]})"))
        elif ref:
            dilihat[ref] = lokasi


# ---------------------------------------------------------------- phase 2: writing


def _simpan(obj: Any, nilai: Mapping[str, Any]) -> bool:
    """Set changed fields only; returns whether anything changed (unchanged rows stay unwritten)."""
    berubah = [k for k, v in nilai.items() if getattr(obj, k) != v]
    for kunci in berubah:
        setattr(obj, kunci, nilai[kunci])
    if berubah:
        obj.save(update_fields=berubah)
    return bool(berubah)


def _upsert(model: Any, kunci: Mapping[str, Any], nilai: Mapping[str, Any]) -> tuple[Any, bool, bool]:
    obj = model.objects.filter(**kunci).first()
    if obj is None:
        return model.objects.create(**kunci, **nilai), True, False
    return obj, False, _simpan(obj, nilai)


def _sama(rv: RevisiTarget, baru: _Revisi, lama_target: dict[int, str]) -> bool:
    return (
        {t: kanonik(v) for t, v in lama_target.items()} == {t: kanonik(v) for t, v in baru.target.items()}
        and kanonik(rv.target_akhir or "") == kanonik(baru.target_akhir or "")
    )


def _buat_revisi(
    indikator: Indikator, ke: int, rv: _Revisi, *, sumber: str, oleh: User | None, alasan: str | None = None,
    label: str | None = None,
) -> None:
    revisi = RevisiTarget.objects.create(
        indikator=indikator, ke=ke, label=label or rv.label, tanggal=rv.tanggal,
        alasan=alasan if alasan is not None else rv.alasan, target_akhir=rv.target_akhir,
        dicatat_oleh=oleh, sumber=sumber,
    )
    NilaiTarget.objects.bulk_create(
        [NilaiTarget(revisi=revisi, tahun=t, teks=v) for t, v in sorted(rv.target.items())]
    )


def _sinkron_revisi(
    indikator: Indikator, revisi: list[_Revisi], *, sumber: str, oleh: User | None, hasil: HasilImpor
) -> None:
    """Bring the stored history in line with the file's, without rewriting history.

    - Revisions the file has beyond the stored ones are added (a first import adds them all).
    - When a revision the file shares with the database differs (a user edited a target in the
      exported workbook), the file's *latest* targets are recorded as one new revision, with the
      file's reason or "diubah melalui impor", so the in-force target is what the file says and
      the old values stay in the history.
    """
    tersimpan = list(indikator.revisi.prefetch_related("nilai").order_by("ke"))
    berbeda = False
    for rv_lama, rv_baru in zip(tersimpan, revisi, strict=False):
        lama_target = {n.tahun: n.teks for n in rv_lama.nilai.all()}
        if not _sama(rv_lama, rv_baru, lama_target):
            berbeda = True
    ke = len(tersimpan)
    if berbeda:
        terakhir = revisi[-1]
        alasan_lama = tersimpan[min(len(revisi), len(tersimpan)) - 1].alasan
        alasan = terakhir.alasan if terakhir.alasan and terakhir.alasan != alasan_lama else (
            f"Target diubah melalui impor {sumber}")
        _buat_revisi(indikator, ke, terakhir, sumber=sumber, oleh=oleh, alasan=alasan,
                     label=f"Revisi {ke}")
        hasil.revisi_baru += 1
        hasil.peringatan.append(
            f"{indikator.ref}: target berbeda dari yang tersimpan; dicatat sebagai revisi ke-{ke}"
        )
        return
    for rv in revisi[len(tersimpan):]:
        _buat_revisi(indikator, ke, rv, sumber=sumber, oleh=oleh)
        ke += 1
        hasil.revisi_baru += 1


def _tulis(rencana: _Rencana, *, sumber: str, oleh: User | None) -> HasilImpor:
    hasil = HasilImpor()
    assert rencana.opd is not None
    opd = rencana.opd
    nilai_renstra = dict(rencana.renstra)
    renstra, dibuat, diubah = _upsert(
        Renstra, {"opd": opd, "tahun_awal": nilai_renstra.pop("tahun_awal")}, nilai_renstra
    )
    hasil.renstra = renstra
    hasil.catat("renstra", dibuat, diubah)
    sp_obj: dict[str, SasaranPemda] = {}
    for ref, uraian in rencana.sasaran_pemda:
        sp_obj[ref], dibuat, diubah = _upsert(SasaranPemda, {"renstra": renstra, "ref": ref}, {"uraian": uraian})
        hasil.catat("sasaran pemda", dibuat, diubah)
    for urutan, de in enumerate(rencana.data_elemen):
        nilai = {k: v for k, v in de.items() if k != "kode"} | {"urutan": urutan}
        _, dibuat, diubah = _upsert(DataElemen, {"opd": opd, "kode": de["kode"]}, nilai)
        hasil.catat("data elemen", dibuat, diubah)

    unit = {u.slug: u for u in UnitKerja.objects.filter(opd=opd)}
    opd_slug = {o.slug: o for o in PerangkatDaerah.objects.filter(pemda=opd.pemda)}
    node_obj: dict[str, Node] = {}
    urutan_ind = 0
    for urutan, n in enumerate(rencana.node):
        nilai = {
            **n.nilai,
            "unit": unit.get(n.nilai["unit"]) if n.nilai["unit"] else None,
            "induk": node_obj[n.induk] if n.induk else None,
            "urutan": urutan,
        }
        node, dibuat, diubah = _upsert(Node, {"renstra": renstra, "ref": n.ref}, nilai)
        hasil.catat("simpul", dibuat, diubah)
        node_obj[n.ref] = node
        sp_baru = {sp_obj[r].pk for r in n.sasaran_pemda}
        if dibuat or set(node.sasaran_pemda.values_list("pk", flat=True)) != sp_baru:
            node.sasaran_pemda.set(sp_baru)
        _sinkron_daftar(node.strategi, [{"jenis": j, "uraian": u} for j, u in n.strategi], Strategi, node)
        _sinkron_daftar(
            node.crosscutting,
            [{"dengan": d, "peran": r, "dengan_opd": opd_slug.get(d)} for d, r in n.crosscutting],
            Crosscutting, node,
        )
        for ind in n.indikator:
            nilai_ind = {k: v for k, v in ind.nilai.items() if k != "ref"}
            nilai_ind |= {"node": node, "urutan": urutan_ind}
            urutan_ind += 1
            indikator, dibuat, diubah = _upsert(
                Indikator, {"renstra": renstra, "ref": ind.nilai["ref"]}, nilai_ind
            )
            hasil.catat("indikator", dibuat, diubah)
            _sinkron_revisi(indikator, ind.revisi, sumber=sumber, oleh=oleh, hasil=hasil)
            for tahun, teks in ind.nasional.items():
                _upsert(NilaiNasional, {"indikator": indikator, "tahun": tahun}, {"teks": teks})

    for sisa in Node.objects.filter(renstra=renstra).exclude(ref__in=node_obj).values_list("ref", flat=True):
        hasil.peringatan.append(f"simpul {sisa} tidak ada di berkas; dibiarkan (impor tidak menghapus)")
    return hasil


def _sinkron_daftar(manager: Any, baris: list[dict[str, Any]], model: Any, node: Node) -> None:
    """Replace a node's ordered list (strategies, crosscutting) only when it changed."""
    kunci = list(baris[0]) if baris else []
    if [{k: getattr(o, k) for k in kunci} for o in manager.all()] == baris:
        return
    manager.all().delete()
    model.objects.bulk_create([model(node=node, urutan=i, **b) for i, b in enumerate(baris)])


@transaction.atomic
def rencana_impor(*, data: Mapping[str, Any], sumber: str, oleh: User | None = None) -> HasilImpor:
    """Import a plan document; raises ImporGagal with every error, having written nothing."""
    # A document read from a workbook locates its values in cells (`_lokasi`, see core.impor).
    p = Pemeriksa(sumber, peta_akar=peta_lokasi(data))
    rencana = baca_rencana(p, data)
    p.selesai()
    hasil = _tulis(rencana, sumber=sumber, oleh=oleh)
    if hasil.renstra is not None and (hasil.dibuat or hasil.diubah or hasil.revisi_baru):
        jejak_impor(oleh=oleh, objek=hasil.renstra, opd=hasil.renstra.opd, sumber=sumber,
                    ringkasan=hasil.ringkasan())
    return hasil
