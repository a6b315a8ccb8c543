"""Import of the LKjIP content (docs/formats/lkjip.md).

Two phases, as every importer: read and check the whole file collecting located errors
(`Pemeriksa`), then write in one transaction. The file is the whole content of its (OPD, year):
re-importing replaces every table; narrative sections are updated in place (their `versi` goes up
only when the text changes, so an editor opened before an identical re-import still saves) and
sections absent from the file are removed.

Unlike the plan importers, an unknown key is an error here, at the top level and in `narasi`: a
misspelt section name would otherwise vanish from the printed report without anyone noticing.
Blocks a report prints without a model of their own are kept as read (`Laporan.tambahan`).
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from sakip.audit.layanan import jejak_catat
from sakip.audit.models import AksiJejak
from sakip.core.impor import Pemeriksa, periksa_panjang
from sakip.kinerja.impor import HasilImpor  # the same counting summary as every importer
from sakip.organisasi.models import PerangkatDaerah, UnitKerja

from .bagian import ALIAS, BAGIAN_PER_KUNCI, pesan_kunci_tak_dikenal
from .models import (
    LHE,
    AnggaranTahunLalu,
    Aset,
    Crosscutting,
    Laporan,
    Narasi,
    Pegawai,
    PegawaiJabatan,
    Penghargaan,
    RekomendasiLHE,
    Tautan,
)

RUPIAH_MAKS = Decimal("1e15")  # as kinerja.impor: RupiahField holds ±9,2 × 10^16
KUNCI_DATA = {
    "opd", "tahun", "penandatangan", "narasi", "pegawai", "pegawai_per_jabatan", "aset",
    "anggaran_tahun_lalu", "lhe", "penghargaan_daftar", "crosscutting_daftar", "tautan", "tercetak",
}
# Kept as read in Laporan.tambahan (lkip-2024 NTT; `catatan` = notes of the extraction).
KUNCI_TAMBAHAN = {"catatan", "pegawai_rekap", "aset_catatan", "kegiatan_pendukung", "verifikasi"}
KUNCI_LHE = {"surat", "predikat", "interpretasi", "nilai", "komponen", "tercetak", "rekomendasi",
             "surat_tindak_lanjut", "surat_internal", "kertas_kerja_bukti", "catatan"}
_url = URLValidator(schemes=["http", "https"])


# ------------------------------------------------------------------------------ small readers


def _kunci_dikenal(p: Pemeriksa, data: Mapping[str, Any], dikenal: set[str]) -> None:
    for kunci in data:
        if kunci != "_lokasi" and kunci not in dikenal:
            p.salah(f"kunci tidak dikenal; yang dikenal: {', '.join(sorted(dikenal))}", str(kunci))


def _pemetaan(p: Pemeriksa, data: Mapping[str, Any], kunci: str) -> Mapping[str, Any]:
    value = data.get(kunci)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        p.salah("harus berupa pemetaan (mapping)", kunci)
        return {}
    return value


def _json(value: Any) -> Any:
    """A block kept as read, made JSON-safe: YAML gives dates, JSON columns take text."""
    if isinstance(value, Mapping):
        return {str(k): _json(v) for k, v in value.items() if k != "_lokasi"}
    if isinstance(value, list):
        return [_json(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def _bulat(p: Pemeriksa, data: Mapping[str, Any], kunci: str, *, bawaan: int | None = 0) -> int | None:
    value = data.get(kunci)
    if value is None or value == "":
        return bawaan
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        p.salah(f"harus bilangan bulat ≥ 0 (tertulis {value!r})", kunci)
        return bawaan
    return value


def _rupiah(p: Pemeriksa, data: Mapping[str, Any], kunci: str) -> Decimal | None:
    d = p.angka(data, kunci)
    if d is None:
        return None
    if d < 0 or d >= RUPIAH_MAKS or d != d.quantize(Decimal("0.01")):
        p.salah(f"Rupiah harus 0 s.d. < 10^15 dengan paling banyak dua desimal (tertulis {data[kunci]!r})",
                kunci)
        return None
    return d


def _tautan(p: Pemeriksa, value: Any, kunci: str) -> str:
    teks = "" if value is None else str(value).strip()
    try:
        _url(teks)
    except ValidationError:
        p.salah(f"bukan tautan http(s) yang valid: {teks!r}", kunci)
    return teks


def _cacah(p: Pemeriksa, data: Mapping[str, Any], kunci: str) -> dict[str, int]:
    """An education level → count map; every count a whole number ≥ 0."""
    value = _pemetaan(p, data, kunci)
    hasil = {}
    with p.di(kunci):
        for jenjang, n in value.items():
            if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                p.salah(f"harus bilangan bulat ≥ 0 (tertulis {n!r})", str(jenjang))
            else:
                hasil[str(jenjang)] = n
    return hasil


# ---------------------------------------------------------------------------------- sections


def _narasi(p: Pemeriksa, data: Mapping[str, Any]) -> dict[str, str]:
    narasi = _pemetaan(p, data, "narasi")
    hasil: dict[str, str] = {}
    with p.di("narasi", narasi):
        for kunci, teks in narasi.items():
            if kunci == "_lokasi":
                continue
            kanon = ALIAS.get(str(kunci), str(kunci))
            if kanon not in BAGIAN_PER_KUNCI:
                p.salah(pesan_kunci_tak_dikenal(str(kunci)), str(kunci))
                continue
            if kanon in hasil or (kanon != kunci and kanon in narasi):
                p.salah(f"bagian '{kanon}' ditulis dua kali (juga sebagai '{kunci}')", str(kunci))
                continue
            if teks is not None and not isinstance(teks, str):
                p.salah("harus berupa teks", str(kunci))
                continue
            hasil[kanon] = (teks or "").strip()
    return {k: v for k, v in hasil.items() if v}


def _penandatangan(p: Pemeriksa, data: Mapping[str, Any]) -> dict[str, Any]:
    ttd = _pemetaan(p, data, "penandatangan")
    with p.di("penandatangan", ttd):
        _kunci_dikenal(p, ttd, {"nama", "nip", "jabatan", "tempat", "tanggal", "tanggal_tercetak"})
        nilai = {
            "ttd_nama": p.teks(ttd, "nama"), "ttd_nip": p.teks(ttd, "nip"),
            "ttd_jabatan": p.teks(ttd, "jabatan"), "ttd_tempat": p.teks(ttd, "tempat"),
            "ttd_tanggal": p.tanggal(ttd, "tanggal"),
            "ttd_tanggal_tercetak": p.teks(ttd, "tanggal_tercetak"),
        }
        # the columns carry a ttd_ prefix the file does not: check lengths by hand
        for kolom, kunci in (("ttd_nama", "nama"), ("ttd_nip", "nip"), ("ttd_jabatan", "jabatan"),
                             ("ttd_tempat", "tempat"), ("ttd_tanggal_tercetak", "tanggal_tercetak")):
            maks = Laporan._meta.get_field(kolom).max_length
            if maks and len(nilai[kolom]) > maks:
                p.salah(f"terlalu panjang ({len(nilai[kolom])} karakter, paling banyak {maks})", kunci)
    return nilai


def _pegawai(p: Pemeriksa, data: Mapping[str, Any], unit: dict[str, UnitKerja] | None) -> list[Pegawai]:
    """`unit` is None when the OPD is unknown (already reported): units are then not checked."""
    opd_ada, unit = unit is not None, unit or {}
    hasil = []
    for i, row in enumerate(p.daftar(data, "pegawai")):
        with p.di(f"pegawai[{i}]", row):
            _kunci_dikenal(p, row, {"jabatan", "pendidikan", "unit", "laki_laki", "perempuan", "catatan"})
            slug = p.teks(row, "unit")
            if slug and opd_ada and slug not in unit:
                p.salah(f"unit kerja '{slug}' tidak ada di OPD ini", "unit")
            nilai = dict(jabatan=p.teks(row, "jabatan", wajib=True), pendidikan=p.teks(row, "pendidikan"))
            periksa_panjang(p, Pegawai, nilai)
            hasil.append(Pegawai(**nilai, unit=unit.get(slug), laki_laki=_bulat(p, row, "laki_laki"),
                                 perempuan=_bulat(p, row, "perempuan"), urutan=i))
    return hasil


def _pegawai_jabatan(p: Pemeriksa, data: Mapping[str, Any]) -> list[PegawaiJabatan]:
    hasil = []
    for i, row in enumerate(p.daftar(data, "pegawai_per_jabatan")):
        with p.di(f"pegawai_per_jabatan[{i}]", row):
            _kunci_dikenal(p, row, {"kelompok", "nomor", "jabatan", "formasi", "ada", "laki_laki",
                                    "perempuan", "tercetak", "catatan"})
            nilai = dict(kelompok=p.teks(row, "kelompok"), jabatan=p.teks(row, "jabatan", wajib=True))
            periksa_panjang(p, PegawaiJabatan, nilai)
            hasil.append(PegawaiJabatan(
                **nilai, nomor=_bulat(p, row, "nomor", bawaan=None), formasi=_cacah(p, row, "formasi"),
                ada=_cacah(p, row, "ada"), laki_laki=_bulat(p, row, "laki_laki"),
                perempuan=_bulat(p, row, "perempuan"), tercetak=_json(_pemetaan(p, row, "tercetak")),
                urutan=i,
            ))
    return hasil


def _aset(p: Pemeriksa, data: Mapping[str, Any]) -> list[Aset]:
    hasil = []
    for i, row in enumerate(p.daftar(data, "aset")):
        with p.di(f"aset[{i}]", row):
            _kunci_dikenal(p, row, {"kelompok", "nama", "jumlah", "satuan", "nilai", "kondisi", "catatan"})
            nilai = dict(kelompok=p.teks(row, "kelompok"), nama=p.teks(row, "nama", wajib=True),
                         satuan=p.teks(row, "satuan"), kondisi=p.teks(row, "kondisi"))
            periksa_panjang(p, Aset, nilai)
            jumlah = p.angka(row, "jumlah")
            if jumlah is not None and jumlah < 0:
                p.salah("jumlah tidak boleh negatif", "jumlah")
            hasil.append(Aset(**nilai, jumlah=jumlah, nilai=_rupiah(p, row, "nilai"),
                              catatan=p.teks(row, "catatan"), urutan=i))
    return hasil


def _anggaran(p: Pemeriksa, data: Mapping[str, Any]) -> list[AnggaranTahunLalu]:
    hasil = []
    for i, row in enumerate(p.daftar(data, "anggaran_tahun_lalu")):
        with p.di(f"anggaran_tahun_lalu[{i}]", row):
            _kunci_dikenal(p, row, {"uraian", "tahun_lalu", "tahun_ini", "catatan"})
            nilai = dict(uraian=p.teks(row, "uraian", wajib=True))
            periksa_panjang(p, AnggaranTahunLalu, nilai)
            hasil.append(AnggaranTahunLalu(**nilai, tahun_lalu=_rupiah(p, row, "tahun_lalu"),
                                           tahun_ini=_rupiah(p, row, "tahun_ini"),
                                           catatan=p.teks(row, "catatan"), urutan=i))
    return hasil


def _tw(p: Pemeriksa, row: Mapping[str, Any]) -> list[bool]:
    value = row.get("tw")
    if value is None:
        return [False] * 4
    if not isinstance(value, list) or len(value) != 4 or not all(isinstance(v, bool) for v in value):
        p.salah("harus daftar empat nilai true/false untuk TW I–IV", "tw")
        return [False] * 4
    return list(value)


def baca_rekomendasi(p: Pemeriksa, row: Mapping[str, Any], urutan: int) -> RekomendasiLHE:
    """One follow-up row (shared with the Excel upload, which gives the same mapping)."""
    _kunci_dikenal(p, row, {"uraian", "uraian_lhe", "tindak_lanjut", "target", "bulan", "status", "tw",
                            "bukti", "bukti_uraian", "tercetak", "catatan"})
    nilai = dict(
        uraian=p.teks(row, "uraian", wajib=True), uraian_lhe=p.teks(row, "uraian_lhe"),
        tindak_lanjut=p.teks(row, "tindak_lanjut"), target=p.teks(row, "target"),
        bulan=p.teks(row, "bulan"), status=p.teks(row, "status"), bukti_uraian=p.teks(row, "bukti_uraian"),
    )
    periksa_panjang(p, RekomendasiLHE, nilai)
    bukti = row.get("bukti") or []
    if not isinstance(bukti, list):
        p.salah("harus daftar tautan", "bukti")
        bukti = []
    tautan = [_tautan(p, u, f"bukti[{j}]") for j, u in enumerate(bukti)]
    tw = _tw(p, row)
    return RekomendasiLHE(**nilai, tw1=tw[0], tw2=tw[1], tw3=tw[2], tw4=tw[3], bukti=tautan,
                          tercetak=_json(_pemetaan(p, row, "tercetak")), urutan=urutan)


def _angka_teks(p: Pemeriksa, data: Mapping[str, Any], kunci: str) -> str | None:
    d = p.angka(data, kunci)
    return None if d is None else format(d, "f")


def _komponen(p: Pemeriksa, lhe: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Components and sub-components with numbers checked and kept as dot-decimal strings."""
    hasil = []
    for i, k in enumerate(p.daftar(lhe, "komponen")):
        with p.di(f"komponen[{i}]", k):
            _kunci_dikenal(p, k, {"kode", "uraian", "bobot", "nilai", "nilai_tahun_lalu", "subkomponen",
                                  "tercetak"})
            sub = []
            for j, s in enumerate(p.daftar(k, "subkomponen")):
                with p.di(f"subkomponen[{j}]", s):
                    _kunci_dikenal(p, s, {"kode", "uraian", "bobot", "predikat", "nilai", "tercetak"})
                    sub.append({"kode": p.teks(s, "kode"), "uraian": p.teks(s, "uraian", wajib=True),
                                "bobot": _angka_teks(p, s, "bobot"), "predikat": p.teks(s, "predikat"),
                                "nilai": _angka_teks(p, s, "nilai"),
                                "tercetak": _json(_pemetaan(p, s, "tercetak"))})
            hasil.append({"kode": p.teks(k, "kode"), "uraian": p.teks(k, "uraian", wajib=True),
                          "bobot": _angka_teks(p, k, "bobot"), "nilai": _angka_teks(p, k, "nilai"),
                          "nilai_tahun_lalu": _angka_teks(p, k, "nilai_tahun_lalu"), "subkomponen": sub,
                          "tercetak": _json(_pemetaan(p, k, "tercetak"))})
    return hasil


def _lhe(p: Pemeriksa, data: Mapping[str, Any]) -> tuple[LHE, list[RekomendasiLHE]] | None:
    lhe = data.get("lhe")
    if lhe is None:
        return None
    if not isinstance(lhe, Mapping):
        p.salah("harus berupa pemetaan (mapping)", "lhe")
        return None
    with p.di("lhe", lhe):
        _kunci_dikenal(p, lhe, KUNCI_LHE)
        surat = dict(_pemetaan(p, lhe, "surat"))
        with p.di("surat", surat):
            nilai = dict(nomor=p.teks(surat, "nomor"), perihal=p.teks(surat, "perihal"),
                         dari=p.teks(surat, "dari"))
            tanggal = p.tanggal(surat, "tanggal")
            tahun_evaluasi = _bulat(p, surat, "tahun_evaluasi", bawaan=None)
            periksa_panjang(p, LHE, nilai)
        utama = dict(predikat=p.teks(lhe, "predikat"), interpretasi=p.teks(lhe, "interpretasi"))
        periksa_panjang(p, LHE, utama)
        dokumen = {k: v for k, v in surat.items() if k not in {"nomor", "tanggal", "perihal", "dari",
                                                               "tahun_evaluasi"}}
        dokumen = {"surat": _json(dokumen)} if dokumen else {}
        for kunci in ("surat_tindak_lanjut", "surat_internal", "kertas_kerja_bukti", "catatan"):
            if lhe.get(kunci) is not None:
                dokumen[kunci] = _json(lhe[kunci])
        obj = LHE(**nilai, **utama, tanggal=tanggal, tahun_evaluasi=tahun_evaluasi,
                  nilai=p.angka(lhe, "nilai"), komponen=_komponen(p, lhe), dokumen=dokumen,
                  tercetak=_json(_pemetaan(p, lhe, "tercetak")))
        rekomendasi = []
        for i, row in enumerate(p.daftar(lhe, "rekomendasi")):
            with p.di(f"rekomendasi[{i}]", row):
                rekomendasi.append(baca_rekomendasi(p, row, i))
    return obj, rekomendasi


def _penghargaan(p: Pemeriksa, data: Mapping[str, Any]) -> list[Penghargaan]:
    hasil = []
    for i, row in enumerate(p.daftar(data, "penghargaan_daftar")):
        with p.di(f"penghargaan_daftar[{i}]", row):
            _kunci_dikenal(p, row, {"nama", "pemberi", "tahun", "uraian", "nomor", "penandatangan", "catatan"})
            nilai = dict(nama=p.teks(row, "nama", wajib=True), pemberi=p.teks(row, "pemberi"),
                         nomor=p.teks(row, "nomor"), penandatangan=p.teks(row, "penandatangan"))
            periksa_panjang(p, Penghargaan, nilai)
            hasil.append(Penghargaan(**nilai, tahun=_bulat(p, row, "tahun", bawaan=None),
                                     uraian=p.teks(row, "uraian"), catatan=p.teks(row, "catatan"), urutan=i))
    return hasil


def _crosscutting(p: Pemeriksa, data: Mapping[str, Any]) -> list[Crosscutting]:
    hasil = []
    for i, row in enumerate(p.daftar(data, "crosscutting_daftar")):
        with p.di(f"crosscutting_daftar[{i}]", row):
            _kunci_dikenal(p, row, {"kelompok", "dengan", "peran"})
            nilai = dict(kelompok=p.teks(row, "kelompok"), dengan=p.teks(row, "dengan", wajib=True))
            periksa_panjang(p, Crosscutting, nilai)
            hasil.append(Crosscutting(**nilai, peran=p.teks(row, "peran"), urutan=i))
    return hasil


def _daftar_tautan(p: Pemeriksa, data: Mapping[str, Any]) -> list[Tautan]:
    hasil = []
    for i, row in enumerate(p.daftar(data, "tautan")):
        with p.di(f"tautan[{i}]", row):
            _kunci_dikenal(p, row, {"url", "keterangan"})
            url = _tautan(p, row.get("url"), "url")
            nilai = dict(url=url, keterangan=p.teks(row, "keterangan"))
            periksa_panjang(p, Tautan, nilai)
            hasil.append(Tautan(**nilai, urutan=i))
    return hasil


# -------------------------------------------------------------------------------------- entry


def _opd_tahun(p: Pemeriksa, data: Mapping[str, Any]) -> tuple[PerangkatDaerah | None, int]:
    slug = p.teks(data, "opd", wajib=True)
    tahun = data.get("tahun")
    if not isinstance(tahun, int) or isinstance(tahun, bool) or not 2000 <= tahun <= 2100:
        p.salah(f"tahun harus bilangan bulat 2000–2100 (tertulis {tahun!r})", "tahun")
        tahun = 0
    opd = PerangkatDaerah.objects.filter(slug=slug).first() if slug else None
    if slug and opd is None:
        p.salah(f"OPD '{slug}' tidak dikenal (impor organisasi dulu)", "opd")
    return opd, tahun


def lkjip_impor(*, data: Mapping[str, Any], sumber: str, oleh: Any = None) -> HasilImpor:
    """Replace the LKjIP content of the file's (OPD, year) by the file; nothing on any error."""
    p = Pemeriksa(sumber)
    _kunci_dikenal(p, data, KUNCI_DATA | KUNCI_TAMBAHAN)
    opd, tahun = _opd_tahun(p, data)
    unit = {u.slug: u for u in UnitKerja.objects.filter(opd=opd)} if opd else None
    narasi = _narasi(p, data)
    ttd = _penandatangan(p, data)
    tabel: dict[type, list[Any]] = {
        Pegawai: _pegawai(p, data, unit), PegawaiJabatan: _pegawai_jabatan(p, data), Aset: _aset(p, data),
        AnggaranTahunLalu: _anggaran(p, data), Penghargaan: _penghargaan(p, data),
        Crosscutting: _crosscutting(p, data), Tautan: _daftar_tautan(p, data),
    }
    lhe = _lhe(p, data)
    tercetak = _json(_pemetaan(p, data, "tercetak"))
    tambahan = {k: _json(data[k]) for k in sorted(KUNCI_TAMBAHAN) if data.get(k) is not None}
    p.selesai()
    assert opd is not None
    hasil = HasilImpor()
    with transaction.atomic():
        laporan, _ = Laporan.objects.select_for_update().get_or_create(opd=opd, tahun=tahun)
        for kolom, nilai in ttd.items():
            setattr(laporan, kolom, nilai)
        laporan.tercetak, laporan.tambahan = tercetak, tambahan
        laporan.versi += 1
        laporan.save()
        hasil.tambah("bagian narasi", _narasi_tulis(laporan, narasi))
        for model, baris in tabel.items():
            model.objects.filter(laporan=laporan).delete()
            for obj in baris:
                obj.laporan = laporan
            model.objects.bulk_create(baris)
            hasil.tambah(model._meta.verbose_name_plural.lower(), len(baris))
        LHE.objects.filter(laporan=laporan).delete()
        if lhe is not None:
            obj, rekomendasi = lhe
            obj.laporan = laporan
            obj.save()
            for r in rekomendasi:
                r.lhe = obj
            RekomendasiLHE.objects.bulk_create(rekomendasi)
            hasil.tambah("rekomendasi LHE", len(rekomendasi))
        jejak_catat(oleh=oleh, objek=laporan, opd=opd, aksi=AksiJejak.IMPOR, sumber=sumber,
                    perubahan={"ringkasan": {"label": "isi", "lama": "", "baru": hasil.ringkasan()}})
    return hasil


def _narasi_tulis(laporan: Laporan, narasi: dict[str, str]) -> int:
    ada = {n.kunci: n for n in Narasi.objects.select_for_update().filter(laporan=laporan)}
    Narasi.objects.filter(laporan=laporan).exclude(kunci__in=narasi).delete()
    baru = []
    for kunci, teks in narasi.items():
        lama = ada.get(kunci)
        if lama is None:
            baru.append(Narasi(laporan=laporan, kunci=kunci, teks=teks))
        elif lama.teks != teks:
            lama.teks, lama.versi = teks, lama.versi + 1
            lama.save(update_fields=["teks", "versi"])
    Narasi.objects.bulk_create(baru)
    return len(narasi)
