"""Import of the PK (docs/formats/pk.md), Rencana Aksi (rencana-aksi.md) and budget (anggaran.md).

Two phases, as every importer: read and check the whole file collecting located errors
(`Pemeriksa`), then write in one transaction. Keys the format does not define (`tercetak`,
`catatan`, `pendapatan` of a PK version, …) are ignored: derived values are never imported.

Re-import is idempotent: the file is the whole content of its (OPD, year) — the rows of the
budget / Rencana Aksi of that year, and the rows of each PK version named in the file (matched on
`ke`), are replaced by the file's rows. PK versions not in the file are kept.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from sakip.audit.layanan import jejak_catat, perubahan_dari
from sakip.audit.models import AksiJejak
from sakip.core.impor import ImporGagal, KesalahanImpor, Pemeriksa, peta_lokasi
from sakip.organisasi.models import PerangkatDaerah, UnitKerja
from sakip.perencanaan.models import Indikator, JenisNode, Node, Renstra
from sakip.perencanaan.selectors import renstra_berlaku

from .layanan import RUPIAH_MAKS, pk_baris_ganti, pk_versi_simpan
from .models import (
    AnggaranPK,
    BelanjaAnggaran,
    JenisTargetTW,
    JenisVersi,
    KelompokAnggaran,
    KinerjaPK,
    Pendapatan,
    PerjanjianKinerja,
    RealisasiSasaran,
    RencanaAksi,
    SumberDana,
    VersiPK,
)

SUMBER = {s.value for s in SumberDana}
KELOMPOK = {k.value for k in KelompokAnggaran}


@dataclass
class HasilImpor:
    jumlah: dict[str, int] = field(default_factory=dict)

    def tambah(self, jenis: str, n: int = 1) -> None:
        self.jumlah[jenis] = self.jumlah.get(jenis, 0) + n

    def ringkasan(self) -> str:
        return ", ".join(f"{v} {k}" for k, v in self.jumlah.items()) or "kosong"


@dataclass
class _Konteks:
    opd: PerangkatDaerah | None = None
    tahun: int = 0
    renstra: Renstra | None = None
    node: dict[str, Node] = field(default_factory=dict)
    indikator: dict[str, Indikator] = field(default_factory=dict)
    unit: dict[str, UnitKerja] = field(default_factory=dict)


def _konteks(p: Pemeriksa, data: Mapping[str, Any]) -> _Konteks:
    k = _Konteks()
    slug = p.teks(data, "opd", wajib=True)
    tahun = data.get("tahun")
    if not isinstance(tahun, int) or isinstance(tahun, bool) or not 2000 <= tahun <= 2100:
        p.salah(f"tahun harus bilangan bulat 2000–2100 (tertulis {tahun!r})", "tahun")
        return k
    k.tahun = tahun
    if not slug:
        return k
    k.opd = PerangkatDaerah.objects.filter(slug=slug).first()
    if k.opd is None:
        p.salah(f"OPD '{slug}' tidak dikenal (impor organisasi dulu)", "opd")
        return k
    k.renstra = renstra_berlaku(opd=k.opd, tahun=tahun)
    if k.renstra is None:
        p.salah(f"tidak ada Renstra OPD '{slug}' yang mencakup tahun {tahun}", "tahun")
        return k
    k.node = {n.ref: n for n in Node.objects.filter(renstra=k.renstra)}
    k.indikator = {i.ref: i for i in Indikator.objects.filter(renstra=k.renstra)}
    k.unit = {u.slug: u for u in UnitKerja.objects.filter(opd=k.opd)}
    return k



def _rupiah(p: Pemeriksa, data: Mapping[str, Any], kunci: str, *, wajib: bool) -> Decimal | None:
    d = p.angka(data, kunci, wajib=wajib)
    if d is None:
        return None
    if d < 0 or d >= RUPIAH_MAKS or d != d.quantize(Decimal("0.01")):
        p.salah(f"Rupiah harus 0 s.d. < 10^15 dengan paling banyak dua desimal (tertulis {data[kunci]!r})",
                kunci)
        return None
    return d


def _kelompok(p: Pemeriksa, row: Mapping[str, Any]) -> str:
    # Absent, null and "" all mean "no group" (a workbook's empty cell reads as null).
    return p.pilihan({"kelompok": row.get("kelompok") or ""}, "kelompok", KELOMPOK | {""}, bawaan="")


def _node(p: Pemeriksa, k: _Konteks, data: Mapping[str, Any], kunci: str,
          jenis: set[str] | None = None, *, wajib: bool = True) -> Node | None:
    ref = p.teks(data, kunci, wajib=wajib)
    if not ref or k.renstra is None:
        return None
    node = k.node.get(ref)
    if node is None:
        p.salah(f"simpul '{ref}' tidak ada di Renstra {k.renstra}", kunci)
    elif jenis is not None and node.jenis not in jenis:
        p.salah(f"simpul '{ref}' berjenis {node.jenis}, diharapkan {' / '.join(sorted(jenis))}", kunci)
        return None
    return node


def _indikator(p: Pemeriksa, k: _Konteks, data: Mapping[str, Any], node: Node | None) -> Indikator | None:
    ref = p.teks(data, "indikator", wajib=True)
    if not ref or k.renstra is None:
        return None
    ind = k.indikator.get(ref)
    if ind is None:
        p.salah(f"indikator '{ref}' tidak ada di Renstra {k.renstra}", "indikator")
    elif node is not None and ind.node_id != node.pk:
        p.salah(f"indikator '{ref}' bukan indikator simpul '{node.ref}'", "indikator")
    return ind


def _unit(p: Pemeriksa, k: _Konteks, data: Mapping[str, Any]) -> UnitKerja | None:
    slug = p.teks(data, "unit")
    if not slug or k.opd is None:
        return None
    unit = k.unit.get(slug)
    if unit is None:
        p.salah(f"unit kerja '{slug}' tidak ada di OPD {k.opd.slug}", "unit")
    return unit


def _target_tw(p: Pemeriksa, data: Mapping[str, Any]) -> list[str]:
    """Four quarterly target texts as printed ('' when absent); each must be a number or range."""
    value = data.get("target_tw")
    if value is None:
        return ["", "", "", ""]
    if not isinstance(value, list) or len(value) != 4:
        p.salah("harus daftar empat nilai TW I–IV (null bila kosong)", "target_tw")
        return ["", "", "", ""]
    hasil = []
    for i, v in enumerate(value, start=1):
        teks = "" if v is None else str(v).strip()
        if teks:
            _cek_target(p, teks, f"target_tw[{i}]")
        hasil.append(teks)
    return hasil


def _cek_target(p: Pemeriksa, teks: str, kunci: str) -> None:
    from sakip.engine.angka import AngkaTidakValid, parse_angka, parse_rentang

    try:
        parse_rentang(teks) if " - " in teks else parse_angka(teks)
    except AngkaTidakValid as exc:
        p.salah(str(exc), kunci)


# ------------------------------------------------------------------------------------------ PK


def _pihak(p: Pemeriksa, data: Mapping[str, Any], kunci: str) -> dict[str, str]:
    value = data.get(kunci)
    if not isinstance(value, Mapping):
        p.salah("wajib diisi: {nama, jabatan, nip}", kunci)
        return {}
    with p.di(kunci, value):
        return {
            "nama": p.teks(value, "nama", wajib=True),
            "jabatan": p.teks(value, "jabatan", wajib=True),
            "nip": p.teks(value, "nip"),
            "pangkat": p.teks(value, "pangkat"),
        }


def _baca_versi(p: Pemeriksa, k: _Konteks, v: Mapping[str, Any]) -> dict[str, Any]:
    jenis = p.pilihan(v, "jenis", {j.value for j in JenisVersi})
    ke = v.get("ke")
    if not isinstance(ke, int) or isinstance(ke, bool) or ke < 0:
        p.salah(f"ke harus bilangan bulat ≥ 0 (tertulis {ke!r})", "ke")
        ke = 0
    if (jenis == JenisVersi.INDUK) != (ke == 0):
        p.salah("induk memakai ke: 0, perubahan ke: 1, 2, …", "ke")
    alasan = p.teks(v, "alasan")
    if jenis == JenisVersi.PERUBAHAN and not alasan:
        p.salah("alasan wajib diisi untuk perubahan PK", "alasan")
    ba = v.get("berita_acara") or {}
    if not isinstance(ba, Mapping):
        p.salah("harus {nomor, tanggal}", "berita_acara")
        ba = {}
    with p.di("berita_acara", ba):
        ba_nomor, ba_tanggal = p.teks(ba, "nomor"), p.tanggal(ba, "tanggal")
    satu, dua = _pihak(p, v, "pihak_pertama"), _pihak(p, v, "pihak_kedua")
    kinerja = []
    for i, row in enumerate(p.daftar(v, "kinerja")):
        with p.di(f"kinerja[{i}]", row):
            sasaran = _node(p, k, row, "sasaran", {JenisNode.SASARAN})
            target = p.teks(row, "target", wajib=True)
            if target:
                _cek_target(p, target, "target")
            jenis_tw = row.get("jenis_target_tw") or ""
            if jenis_tw and jenis_tw not in JenisTargetTW.values:
                p.salah(f"harus salah satu dari {', '.join(JenisTargetTW.values)}", "jenis_target_tw")
            tw = _target_tw(p, row)
            kinerja.append(dict(sasaran=sasaran, indikator=_indikator(p, k, row, sasaran),
                                target=target, target_tw1=tw[0], target_tw2=tw[1], target_tw3=tw[2],
                                target_tw4=tw[3], jenis_target_tw=jenis_tw, urutan=i))
    anggaran = []
    for i, row in enumerate(p.daftar(v, "anggaran")):
        with p.di(f"anggaran[{i}]", row):
            program = _node(p, k, row, "program", {JenisNode.PROGRAM}, wajib=False)
            nama = p.teks(row, "nama")
            if program is None and not nama and not row.get("program"):
                p.salah("isi program (ref) atau nama", "program")
            ind = _indikator(p, k, row, None) if row.get("indikator") else None
            anggaran.append(dict(
                program=program, nama=nama, sumber=p.pilihan(row, "sumber", SUMBER),
                pagu=_rupiah(p, row, "pagu", wajib=True), keterangan=p.teks(row, "keterangan"),
                kelompok=_kelompok(p, row),
                unit=_unit(p, k, row), indikator=ind, urutan=i,
            ))
    return dict(
        jenis=jenis, ke=ke, tempat=p.teks(v, "tempat"), tanggal=p.tanggal(v, "tanggal"),
        tanggal_tercetak=p.teks(v, "tanggal_tercetak"), alasan=alasan,
        berita_acara_nomor=ba_nomor, berita_acara_tanggal=ba_tanggal,
        pihak_pertama=satu, pihak_kedua=dua, kinerja=kinerja, anggaran=anggaran,
    )


@dataclass
class BacaanPK:
    """A PK document checked and resolved to database objects, not yet written."""

    opd: PerangkatDaerah
    tahun: int
    versi: list[dict[str, Any]]


def pk_baca(*, data: Mapping[str, Any], sumber: str) -> BacaanPK:
    """Check a whole PK document (every error located); raises ImporGagal, writes nothing."""
    p = Pemeriksa(sumber, peta_akar=peta_lokasi(data))
    k = _konteks(p, data)
    versi = []
    daftar = p.daftar(data, "versi")
    if not daftar:
        p.salah("paling sedikit satu versi (induk)", "versi")
    for i, v in enumerate(daftar):
        with p.di(f"versi[{i}]", v):
            versi.append(_baca_versi(p, k, v))
    kes = [v["ke"] for v in versi]
    if len(set(kes)) != len(kes):
        p.salah("nilai ke ganda antar versi", "versi")
    p.selesai()
    assert k.opd is not None
    return BacaanPK(k.opd, k.tahun, versi)


def pk_tulis(bacaan: BacaanPK, *, oleh: Any = None, sumber: str = "impor", alasan: str = "") -> HasilImpor:
    """Write the versions of a checked document (each replaces the stored version of its `ke`)."""
    hasil = HasilImpor()
    with transaction.atomic():
        perjanjian, _ = PerjanjianKinerja.objects.get_or_create(opd=bacaan.opd, tahun=bacaan.tahun)
        perjanjian.opd = bacaan.opd
        for v in bacaan.versi:
            obj = pk_versi_simpan(
                perjanjian=perjanjian, jenis=v["jenis"], ke=v["ke"], tempat=v["tempat"], tanggal=v["tanggal"],
                tanggal_tercetak=v["tanggal_tercetak"], alasan=v["alasan"],
                berita_acara_nomor=v["berita_acara_nomor"], berita_acara_tanggal=v["berita_acara_tanggal"],
                pihak_pertama=v["pihak_pertama"], pihak_kedua=v["pihak_kedua"], oleh=oleh, sumber=sumber,
            )
            pk_baris_ganti(
                versi=obj, kinerja=[KinerjaPK(**row) for row in v["kinerja"]],
                anggaran=[AnggaranPK(**row) for row in v["anggaran"]],
                oleh=oleh, alasan=alasan or v["alasan"], sumber=sumber,
            )
            hasil.tambah("versi")
            hasil.tambah("baris kinerja", len(v["kinerja"]))
            hasil.tambah("komponen anggaran", len(v["anggaran"]))
    return hasil


def pk_impor(*, data: Mapping[str, Any], sumber: str, oleh: Any = None) -> HasilImpor:
    """The YAML / CLI path: the file is the whole content of the versions it names."""
    return pk_tulis(pk_baca(data=data, sumber=sumber), oleh=oleh, sumber=f"impor:{sumber}"[:100])


def _isi_baris(kinerja: list[dict[str, Any]], anggaran: list[dict[str, Any]]) -> tuple[list[tuple], list[tuple]]:
    """Rows of a version as comparable tuples (ids and exact values; order counts)."""
    return (
        [(r["sasaran"].pk, r["indikator"].pk, r["target"], r["target_tw1"], r["target_tw2"], r["target_tw3"],
          r["target_tw4"], r["jenis_target_tw"]) for r in kinerja],
        [(r["program"].pk if r["program"] else None, r["nama"], r["sumber"], r["pagu"], r["keterangan"],
          r["kelompok"], r["unit"].pk if r["unit"] else None, r["indikator"].pk if r["indikator"] else None)
         for r in anggaran],
    )


def _isi_tersimpan(versi: VersiPK) -> tuple[list[tuple], list[tuple]]:
    return (
        [(k.sasaran_id, k.indikator_id, k.target, k.target_tw1, k.target_tw2, k.target_tw3, k.target_tw4,
          k.jenis_target_tw) for k in versi.kinerja.order_by("urutan")],
        [(a.program_id, a.nama, a.sumber, a.pagu, a.keterangan, a.kelompok, a.unit_id, a.indikator_id)
         for a in versi.anggaran.order_by("urutan")],
    )


def pk_impor_buku(*, data: Mapping[str, Any], opd: PerangkatDaerah, sumber: str, oleh: Any = None,
                  alasan: str = "") -> HasilImpor:
    """A PK workbook (one version) uploaded on the OPD's page. Policy (docs/formats/excel-kinerja.md):

    - no PK yet for the year: the workbook is written as the version it names (the induk);
    - the workbook names a new version (ke = last + 1, jenis perubahan, with its reason): written;
    - it names the latest version and its targets or budget differ: a signed PK is never rewritten,
      so the content becomes a NEW perubahan (ke = last + 1) and needs a reason (`alasan`, from the
      upload form, else the workbook's alasan if it differs from the stored one); only the header
      (parties, place, date) differing is a correction of that version, saved in place, audited;
    - it names an earlier version that differs: refused (it would fork the history);
    - identical content: nothing is written.
    """
    bacaan = pk_baca(data=data, sumber=sumber)
    if bacaan.opd.pk != opd.pk:
        raise ImporGagal([KesalahanImpor(peta_lokasi(data).get("opd", sumber) if peta_lokasi(data) else sumber,
                                         f"buku kerja ini untuk OPD {bacaan.opd.slug!r}, bukan {opd.slug!r}")])
    v = bacaan.versi[0]
    lokasi_ke = (peta_lokasi((data.get("versi") or [{}])[0]) or {}).get("ke", sumber)
    tersimpan = {x.ke: x for x in VersiPK.objects.filter(perjanjian__opd=opd, perjanjian__tahun=bacaan.tahun)}
    terakhir = tersimpan[max(tersimpan)] if tersimpan else None
    if terakhir is None:
        if v["ke"] != 0:
            raise ImporGagal([KesalahanImpor(lokasi_ke, "PK tahun ini belum ada: versi pertama adalah induk (ke 0)")])
        return pk_tulis(bacaan, oleh=oleh, sumber=f"impor:{sumber}"[:100], alasan=alasan)
    if v["ke"] > terakhir.ke:
        if v["ke"] != terakhir.ke + 1:
            raise ImporGagal([KesalahanImpor(
                lokasi_ke, f"versi terakhir adalah ke {terakhir.ke} ({terakhir.label}); versi baru harus ke "
                           f"{terakhir.ke + 1}")])
        return pk_tulis(bacaan, oleh=oleh, sumber=f"impor:{sumber}"[:100], alasan=alasan)
    dasar = tersimpan.get(v["ke"])
    assert dasar is not None  # ke ≥ 0 and ≤ last: versions are numbered without gaps
    isi_sama = _isi_baris(v["kinerja"], v["anggaran"]) == _isi_tersimpan(dasar)
    if isi_sama:
        if dasar.ke != terakhir.ke:
            return HasilImpor({"versi tidak berubah": 1})
        # Header only (a misspelt NIP, the place): a correction of the signed version, audited.
        sebelum = dasar.versi
        pk_tulis(bacaan, oleh=oleh, sumber=f"impor:{sumber}"[:100], alasan=alasan)
        dasar.refresh_from_db(fields=["versi"])
        return HasilImpor({"versi diperbarui" if dasar.versi != sebelum else "versi tidak berubah": 1})
    if dasar.ke != terakhir.ke:
        raise ImporGagal([KesalahanImpor(
            lokasi_ke, f"{dasar.label} bukan versi terakhir ({terakhir.label}); unduh versi yang berlaku, ubah, lalu "
                       "unggah kembali")])
    alasan = (alasan or "").strip() or (v["alasan"] if v["alasan"] != dasar.alasan else "")
    if not alasan:
        raise ImporGagal([KesalahanImpor(
            "formulir › alasan", f"target atau anggaran berbeda dari {dasar.label} yang sudah ditandatangani: "
                                 f"isinya dicatat sebagai Perubahan ke-{terakhir.ke + 1} yang wajib beralasan — isi "
                                 "alasan perubahan lalu unggah kembali")])
    v.update(jenis=JenisVersi.PERUBAHAN, ke=terakhir.ke + 1, alasan=alasan, tanggal=None, tanggal_tercetak="",
             berita_acara_nomor="", berita_acara_tanggal=None)
    hasil = pk_tulis(bacaan, oleh=oleh, sumber=f"impor:{sumber}"[:100], alasan=alasan)
    hasil.tambah("perubahan baru")
    return hasil


# ------------------------------------------------------------------------------- Rencana Aksi


def _potret_ra(baris: list[RencanaAksi]) -> dict[str, str]:
    return {f"{b.node.ref} / {b.indikator.ref}": " | ".join(
        [*(t or "-" for t in b.target_tw), b.penanggung_jawab or "-"]) for b in baris}


def _teks_nilai(nilai: Decimal, *, rupiah: bool = True) -> str:
    """Exact text for the trail: Rupiah always with sen (stored values read back as 1.00, parsed
    ones may be 1), other values normalised, so only a real change is recorded."""
    if rupiah:
        return format(nilai.quantize(Decimal("0.01")), "f")
    teks = format(nilai, "f")
    return teks.rstrip("0").rstrip(".") if "." in teks else teks


def _potret_belanja(belanja: list[BelanjaAnggaran], per_sasaran: list[RealisasiSasaran],
                    pendapatan: list[Pendapatan]) -> dict[str, str]:
    hasil: dict[str, str] = {}
    for b in belanja:
        label = f"{b.node.ref if b.node else b.nama} · {b.sumber}"
        for kolom in ("pagu_sebelum", "pagu_sesudah", "realisasi", "fisik"):
            nilai = getattr(b, kolom)
            kunci = f"{label} · {kolom}"
            teks = "" if nilai is None else _teks_nilai(nilai, rupiah=kolom != "fisik")
            hasil[kunci] = f"{hasil[kunci]} + {teks}" if kunci in hasil else teks
    for r in per_sasaran:
        hasil[f"realisasi sasaran {r.sasaran.ref}"] = _teks_nilai(r.realisasi)
    for d in pendapatan:
        hasil[f"pendapatan {d.jenis}"] = " | ".join(
            "" if v is None else _teks_nilai(v) for v in (d.target, d.realisasi))
    return hasil


def _jejak_impor(*, opd: PerangkatDaerah, apa: str, sebelum: dict[str, str], sesudah: dict[str, str],
                 oleh: Any, sumber: str) -> None:
    """One trail entry for a whole-document import (Rencana Aksi, budget): every changed row."""
    perubahan = perubahan_dari(sebelum, sesudah)
    if perubahan:
        jejak_catat(oleh=oleh, objek=opd, opd=opd, aksi=AksiJejak.IMPOR, perubahan=perubahan,
                    label=f"{apa} {opd.slug}", sumber=f"impor:{sumber}"[:100])


def rencana_aksi_impor(*, data: Mapping[str, Any], sumber: str, oleh: Any = None) -> HasilImpor:
    p = Pemeriksa(sumber, peta_akar=peta_lokasi(data))
    k = _konteks(p, data)
    baris = []
    dipakai: set[str] = set()
    for i, row in enumerate(p.daftar(data, "baris")):
        with p.di(f"baris[{i}]", row):
            tingkat = p.pilihan(row, "tingkat", {JenisNode.SASARAN, JenisNode.PROGRAM,
                                                 JenisNode.KEGIATAN, JenisNode.SUB_KEGIATAN})
            node = _node(p, k, row, "node", {tingkat})
            ind = _indikator(p, k, row, node)
            if ind is not None:
                if ind.ref in dipakai:
                    p.salah(f"indikator '{ind.ref}' sudah punya baris", "indikator")
                dipakai.add(ind.ref)
            tw = _target_tw(p, row)
            baris.append(RencanaAksi(
                opd=k.opd, tahun=k.tahun, tingkat=tingkat, node=node, indikator=ind,
                target_tw1=tw[0], target_tw2=tw[1], target_tw3=tw[2], target_tw4=tw[3],
                penanggung_jawab=p.teks(row, "penanggung_jawab"), unit=_unit(p, k, row), urutan=i,
            ))
    p.selesai()
    assert k.opd is not None
    with transaction.atomic():
        lama = RencanaAksi.objects.filter(opd=k.opd, tahun=k.tahun)
        sebelum = _potret_ra(list(lama.select_for_update(of=("self",)).select_related("node", "indikator")))
        lama.delete()
        RencanaAksi.objects.bulk_create(baris)
        _jejak_impor(opd=k.opd, apa=f"Rencana Aksi {k.tahun}", sebelum=sebelum, sesudah=_potret_ra(baris),
                     oleh=oleh, sumber=sumber)
    hasil = HasilImpor()
    hasil.tambah("baris rencana aksi", len(baris))
    return hasil


# ------------------------------------------------------------------------------------ Anggaran


def anggaran_impor(*, data: Mapping[str, Any], sumber: str, oleh: Any = None) -> HasilImpor:
    p = Pemeriksa(sumber, peta_akar=peta_lokasi(data))
    k = _konteks(p, data)
    belanja = []
    for i, row in enumerate(p.daftar(data, "belanja")):
        with p.di(f"belanja[{i}]", row):
            node = _node(p, k, row, "node", {JenisNode.PROGRAM, JenisNode.KEGIATAN,
                                             JenisNode.SUB_KEGIATAN}, wajib=False)
            nama = p.teks(row, "nama")
            if not row.get("node") and not nama:
                p.salah("isi node (ref) atau nama", "node")
            fisik = p.angka(row, "fisik")
            belanja.append(BelanjaAnggaran(
                opd=k.opd, tahun=k.tahun, node=node, nama=nama, sumber=p.pilihan(row, "sumber", SUMBER),
                pagu_sebelum=_rupiah(p, row, "pagu_sebelum", wajib=False),
                pagu_sesudah=_rupiah(p, row, "pagu_sesudah", wajib=True),
                realisasi=_rupiah(p, row, "realisasi", wajib=False), fisik=fisik,
                kelompok=_kelompok(p, row),
                unit=_unit(p, k, row), urutan=i,
            ))
    per_sasaran = []
    for i, row in enumerate(p.daftar(data, "per_sasaran")):
        with p.di(f"per_sasaran[{i}]", row):
            per_sasaran.append(RealisasiSasaran(
                opd=k.opd, tahun=k.tahun, sasaran=_node(p, k, row, "sasaran", {JenisNode.SASARAN}),
                realisasi=_rupiah(p, row, "realisasi", wajib=True),
            ))
    pendapatan = []
    for i, row in enumerate(p.daftar(data, "pendapatan")):
        with p.di(f"pendapatan[{i}]", row):
            pendapatan.append(Pendapatan(
                opd=k.opd, tahun=k.tahun, jenis=p.teks(row, "jenis", wajib=True),
                target=_rupiah(p, row, "target", wajib=True),
                realisasi=_rupiah(p, row, "realisasi", wajib=False), urutan=i,
            ))
    p.selesai()
    assert k.opd is not None
    with transaction.atomic():
        lama_b = list(BelanjaAnggaran.objects.select_for_update(of=("self",)).filter(opd=k.opd, tahun=k.tahun)
                      .select_related("node"))
        lama_s = list(RealisasiSasaran.objects.filter(opd=k.opd, tahun=k.tahun).select_related("sasaran"))
        lama_p = list(Pendapatan.objects.filter(opd=k.opd, tahun=k.tahun))
        sebelum = _potret_belanja(lama_b, lama_s, lama_p)
        for model in (BelanjaAnggaran, RealisasiSasaran, Pendapatan):
            model.objects.filter(opd=k.opd, tahun=k.tahun).delete()  # type: ignore[attr-defined]
        BelanjaAnggaran.objects.bulk_create(belanja)
        RealisasiSasaran.objects.bulk_create(per_sasaran)
        Pendapatan.objects.bulk_create(pendapatan)
        _jejak_impor(opd=k.opd, apa=f"Anggaran {k.tahun}", sebelum=sebelum,
                     sesudah=_potret_belanja(belanja, per_sasaran, pendapatan), oleh=oleh, sumber=sumber)
    hasil = HasilImpor()
    hasil.tambah("baris belanja", len(belanja))
    hasil.tambah("realisasi per sasaran", len(per_sasaran))
    hasil.tambah("pendapatan", len(pendapatan))
    return hasil
