"""Everything the LKjIP template prints, read from the selectors in a fixed number of queries.

`lkjip_konteks(opd=…, tahun=…)` returns plain values: strings already in Indonesian notation
(`"110,73%"`, `"1.423.857.293"`), lists of rows for the dynamic tables, cell colours for the
rating bands, the generated analysis sentences (`kalimat.py`) and the charts as PNG bytes. The
template decides layout, numbering and headings (docs/laporan-dokumen.md lists every key).
Derived numbers (capaian, comparisons, absorption, efficiency, totals) come from the engine and
the selectors, never from printed values.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sakip.engine.angka import AngkaTidakValid, format_angka, format_masukan, jumlahkan, parse_angka
from sakip.engine.capaian import Polaritas
from sakip.engine.kebijakan import Kebijakan
from sakip.engine.perbandingan import bandingkan_nasional, bandingkan_tahun_lalu, bandingkan_target_akhir
from sakip.kinerja.anggaran import Ringkasan
from sakip.kinerja.models import AnggaranPK, KinerjaPK, VersiPK
from sakip.kinerja.selectors import LaporanAnggaran, anggaran_opd_tahun
from sakip.organisasi.models import PerangkatDaerah
from sakip.organisasi.selectors import pejabat_kepala_pada
from sakip.pengukuran.models import Bukti, HasilCapaian, Narasi
from sakip.pengukuran.selectors import LaporanCapaian, capaian_opd_tahun
from sakip.perencanaan.models import Indikator, JenisNode, JenisStrategi
from sakip.perencanaan.selectors import SimpulPohon, pohon_renstra, target_akhir_berlaku
from sakip.perencanaan.target import TargetTidakValid, baca_target, nilai_titik

from . import grafik, kalimat
from .konten import KontenLaporan, konten_dokumen

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember")


@dataclass
class KonteksLKjIP:
    nama_berkas: str  # without extension
    template: str  # default | babel | ntt
    data: dict[str, Any]
    grafik: dict[str, bytes] = field(default_factory=dict)  # key → PNG
    kosong: list[str] = field(default_factory=list)  # titles of sections printed as "belum diisi"


# ------------------------------------------------------------------------------- formatting


def rupiah(nilai: Decimal | None) -> str:
    """Table money: `1.423.857.293`, `5.695.798.296,82` (sen only when there are sen)."""
    if nilai is None:
        return "-"
    return format_angka(nilai, 2 if nilai != nilai.to_integral_value() else 0)


def _persen(nilai: Decimal | None, kebijakan: Kebijakan) -> str:
    if nilai is None:
        return "-"
    return format_angka(nilai, kebijakan.desimal, pembulatan=kebijakan.pembulatan) + "%"


def _tanggal(t: date | None) -> str:
    return f"{t.day} {BULAN[t.month - 1]} {t.year}" if t else ""


def _nip(nip: str) -> str:
    """NIP printed grouped as on signature blocks: 19830729 200903 1 003."""
    if len(nip) == 18 and nip.isdigit():
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip


def _angka(teks: str) -> Decimal | None:
    try:
        return parse_angka(teks) if teks else None
    except (AngkaTidakValid, ValueError):
        return None


# ------------------------------------------------------------------------------- narratives


@dataclass(frozen=True)
class Teks:
    """A narrative section: its paragraphs, or a visible "not filled in" marker (never dropped)."""

    judul: str
    paragraf: tuple[str, ...]

    @property
    def kosong(self) -> bool:
        return not self.paragraf


def _baris(isi: str | None) -> list[str]:
    """Each line its own paragraph: lists are typed one item per line, and a line break inside
    a justified paragraph would stretch the line before it."""
    return [b.strip() for b in (isi or "").splitlines() if b.strip()]


# Titles used in the "belum diisi" marker; keys follow sakip.laporan.bagian (engineer "konten").
JUDUL_NARASI = {
    "kata_pengantar": "Kata Pengantar", "ikhtisar_pengantar": "Ikhtisar Eksekutif (pembuka)",
    "ikhtisar_penutup": "Ikhtisar Eksekutif (penutup)", "latar_belakang": "Latar Belakang",
    "maksud_tujuan": "Maksud dan Tujuan", "dasar_pelaksanaan": "Dasar Hukum",
    "tugas_fungsi": "Tugas Pokok dan Fungsi", "struktur_organisasi": "Struktur Organisasi",
    "pohon_kinerja": "Pohon Kinerja", "cascading": "Cascading Kinerja", "isu_strategis": "Isu Strategis",
    "sdm": "Sumber Daya Manusia", "sarana_prasarana": "Sarana dan Prasarana",
    "dukungan_anggaran": "Dukungan Anggaran", "visi_misi": "Visi dan Misi",
    "perencanaan": "Rencana Strategis", "strategi": "Strategi dan Arah Kebijakan",
    "struktur_program": "Struktur Program dan Kegiatan", "iku": "Indikator Kinerja Utama",
    "perjanjian_kinerja": "Perjanjian Kinerja", "instrumen_pendukung": "Instrumen Pendukung",
    "pengukuran": "Pengukuran Kinerja", "capaian_pengantar": "Capaian Kinerja (pembuka)",
    "evaluasi_pengantar": "Evaluasi Capaian (pembuka)", "faktor_pendukung": "Faktor Pendukung",
    "faktor_penghambat": "Faktor Penghambat", "upaya": "Upaya Peningkatan Kinerja",
    "efisiensi": "Realisasi Anggaran dan Efisiensi", "tindak_lanjut_lhe": "Tindak Lanjut LHE",
    "inovasi": "Inovasi", "penghargaan": "Penghargaan", "crosscutting": "Crosscutting",
    "kesimpulan": "Kesimpulan", "rekomendasi": "Rekomendasi", "rencana_aksi": "Rencana Aksi",
}


# ------------------------------------------------------------------------------- the builder


def lkjip_konteks(*, opd: PerangkatDaerah, tahun: int, template: str | None = None,
                  dengan_grafik: bool = True) -> KonteksLKjIP:
    """Build the whole context. A fixed number of queries whatever the size of the plan
    (tests/laporan/test_dokumen.py counts them)."""
    pemda = opd.pemda
    lap = capaian_opd_tahun(opd=opd, tahun=tahun)
    lalu = capaian_opd_tahun(opd=opd, tahun=tahun - 1)
    kebijakan = lap.kebijakan
    pohon = pohon_renstra(renstra=lap.renstra) if lap.renstra else []
    anggaran = anggaran_opd_tahun(opd=opd, tahun=tahun)
    versi = list(VersiPK.objects.filter(perjanjian__opd=opd, perjanjian__tahun=tahun).order_by("ke"))
    kinerja_pk = defaultdict(list)
    for k in (KinerjaPK.objects.filter(versi__perjanjian__opd=opd, versi__perjanjian__tahun=tahun)
              .select_related("sasaran", "indikator").order_by("versi__ke", "urutan", "pk")):
        kinerja_pk[k.versi_id].append(k)
    anggaran_pk = defaultdict(list)
    for a in (AnggaranPK.objects.filter(versi__perjanjian__opd=opd, versi__perjanjian__tahun=tahun)
              .select_related("program", "unit").order_by("versi__ke", "urutan", "pk")):
        anggaran_pk[a.versi_id].append(a)
    narasi_ind: dict[int, Narasi] = {}
    for n in Narasi.objects.filter(indikator__renstra__opd=opd, tahun=tahun).order_by("triwulan"):
        narasi_ind[n.indikator_id] = n  # the latest quarter's narrative speaks for the year
    bukti: dict[int, list[Bukti]] = defaultdict(list)
    for b in Bukti.objects.filter(opd=opd, tahun=tahun):
        bukti[b.indikator_id].append(b)
    konten = konten_dokumen(opd=opd, tahun=tahun)
    kepala = pejabat_kepala_pada(opd=opd, tanggal=date(tahun + 1, 1, 31))

    b = _Pembangun(opd, tahun, lap, lalu, kebijakan, pohon, anggaran, konten)
    data: dict[str, Any] = {
        "tahun": tahun,
        "tahun_lalu": tahun - 1,
        "opd": {"nama": opd.nama, "nama_upper": opd.nama.upper(), "singkatan": opd.singkatan,
                "alamat": opd.alamat, "nama_lengkap": f"{opd.nama} {pemda.nama}"},
        "pemda": {"nama": pemda.nama, "nama_upper": pemda.nama.upper(),
                  "pemerintah": f"Pemerintah {pemda.nama}", "ibu_kota": pemda.ibu_kota},
        "renstra": b.renstra(),
        "narasi": b.narasi(),
        "penandatangan": b.penandatangan(kepala),
        "skala": b.skala(),
        "kebijakan": b.kebijakan_teks(),
    }
    data["sasaran"] = b.sasaran(narasi_ind, bukti)
    data["capaian"] = b.capaian_tabel(data["sasaran"])
    data["ikhtisar"] = b.ikhtisar(data["sasaran"])
    data["renstra_target"] = b.renstra_target()
    data["strategi"] = b.strategi()
    data["struktur_program"] = b.struktur_program()
    data["iku"] = b.iku()
    data["pk"] = b.pk(versi, kinerja_pk, anggaran_pk)
    data["anggaran"] = b.anggaran_realisasi()
    data.update(b.konten_tabel())
    data["lampiran"] = b.lampiran(data)

    grafik_png: dict[str, bytes] = {}
    if dengan_grafik:
        grafik_png["capaian"] = grafik.grafik_capaian(data["capaian"]["grafik"], kebijakan.skala)
        if data["anggaran"]["grafik"]:
            grafik_png["anggaran"] = grafik.grafik_serapan(data["anggaran"]["grafik"])
    data["ada_grafik_anggaran"] = "anggaran" in grafik_png
    nama = f"lkjip-{opd.slug}-{tahun}"
    return KonteksLKjIP(nama, template or pemda.template_lkjip or "default", data, grafik_png, b.kosong)


class _Pembangun:
    def __init__(self, opd: PerangkatDaerah, tahun: int, lap: LaporanCapaian, lalu: LaporanCapaian,
                 kebijakan: Kebijakan, pohon: list[SimpulPohon], anggaran: LaporanAnggaran,
                 konten: KontenLaporan) -> None:
        self.opd, self.tahun, self.lap, self.lalu = opd, tahun, lap, lalu
        self.kebijakan, self.pohon, self.ang, self.konten = kebijakan, pohon, anggaran, konten
        self.hasil = {b.indikator.pk: b.hasil for b in lap.baris}
        self.hasil_lalu = {b.indikator.pk: b.hasil for b in lalu.baris}
        self.kosong: list[str] = []
        self._narasi_ind: dict[int, Narasi] = {}
        self._bukti: dict[int, list[str]] = {}
        self.simpul: dict[int, SimpulPohon] = {}
        self.induk: dict[int, int | None] = {}
        self.indikator: dict[int, Indikator] = {}

        def jalan(daftar: list[SimpulPohon], induk: int | None) -> None:
            for s in daftar:
                self.simpul[s.node.pk] = s
                self.induk[s.node.pk] = induk
                for ind in s.indikator:
                    self.indikator[ind.pk] = ind
                jalan(s.anak, s.node.pk)

        jalan(pohon, None)
        self.per_program = {k.kunci: k for k in anggaran.per_program}
        self.per_sasaran = {k.kunci: k for k in anggaran.per_sasaran}
        self.belanja_node = {bl.node_id: (bl, r) for bl, r in anggaran.baris if bl.node_id}

    # -- helpers
    def persen(self, nilai: Decimal | None) -> str:
        return _persen(nilai, self.kebijakan)

    def narasi_teks(self, kunci: str) -> Teks:
        try:
            b = self.konten.narasi(kunci)
            t = Teks(b.judul, tuple(b.paragraf))
        except KeyError:  # a key this template knows and the registry does not (yet)
            t = Teks(JUDUL_NARASI.get(kunci, kunci), ())
        if t.kosong:
            self.kosong.append(t.judul)
        return t

    def _simpul_jenis(self, jenis: str) -> list[SimpulPohon]:
        return [s for s in self.simpul.values() if s.node.jenis == jenis]

    def _tujuan_dari(self, node_id: int) -> SimpulPohon | None:
        cur = self.induk.get(node_id)
        while cur is not None:
            if self.simpul[cur].node.jenis == JenisNode.TUJUAN:
                return self.simpul[cur]
            cur = self.induk.get(cur)
        return None

    def _target_akhir(self, ind: Indikator) -> str:
        return target_akhir_berlaku(list(ind.revisi.all()))

    # -- header pieces
    def renstra(self) -> dict[str, Any]:
        r = self.lap.renstra
        if r is None:
            return {"ada": False, "nama": "", "periode": "", "tahun_akhir": self.tahun, "dasar_hukum": "",
                    "tahun": [], "kolom": [""] * 5}
        return {"ada": True, "nama": r.nama, "periode": f"{r.tahun_awal}–{r.tahun_akhir}",
                "tahun_awal": r.tahun_awal, "tahun_akhir": r.tahun_akhir, "dasar_hukum": r.dasar_hukum,
                "tahun": list(r.tahun), "kolom": [str(t) for t in r.tahun][:5] + [""] * (5 - len(r.tahun))}

    def narasi(self) -> dict[str, Teks]:
        kunci = [b.kunci for b in self.konten.semua_narasi]
        return {k: self.narasi_teks(k) for k in [*kunci, *(k for k in JUDUL_NARASI if k not in kunci)]}

    def penandatangan(self, kepala: Any) -> dict[str, str]:
        t = self.konten.penandatangan
        nama, nip, jabatan = t.nama, t.nip, t.jabatan
        if not nama and kepala is not None:
            nama, nip, jabatan = kepala.nama, kepala.nip, kepala.jabatan
        if not jabatan:
            jabatan = f"Kepala {self.opd.nama}"
        tempat = t.tempat or self.opd.pemda.ibu_kota
        tanggal = _tanggal(t.tanggal) or t.tanggal_tercetak or f"{BULAN[0]} {self.tahun + 1}"
        return {"nama": nama or "[nama penandatangan belum diisi]", "nip": _nip(nip), "jabatan": jabatan,
                "tempat_tanggal": ", ".join(x for x in (tempat, tanggal) if x), "ada_nama": bool(nama)}

    def skala(self) -> list[dict[str, str]]:
        baris = []
        for i, band in enumerate(reversed(self.kebijakan.skala.band), start=1):
            if band.bawah is None:
                interval = f"X < {format_masukan(band.atas)}%" if band.atas is not None else "semua"
            elif band.atas is None:
                interval = f"X ≥ {format_masukan(band.bawah)}%"
            else:
                interval = f"{format_masukan(band.bawah)}% ≤ X < {format_masukan(band.atas)}%"
            baris.append({"no": str(i), "interval": interval, "label": band.label, "kode": band.kode or band.label,
                          "warna": band.warna_hex.lstrip("#"), "warna_teks": _warna_teks(band.warna_hex)})
        return baris

    def kebijakan_teks(self) -> dict[str, str]:
        k = self.kebijakan
        return {"skala": k.skala.nama, "batas_atas": f"{format_masukan(k.batas_atas)}%" if k.batas_atas else "",
                "rumus_negatif": k.rumus_negatif.value, "desimal": str(k.desimal)}

    # -- per sasaran: the heart of Bab III
    def _baris_indikator(self, ind: Indikator) -> dict[str, Any]:
        h: HasilCapaian | None = self.hasil.get(ind.pk)
        hl: HasilCapaian | None = self.hasil_lalu.get(ind.pk)
        target_akhir = self._target_akhir(ind)
        kb = self.kebijakan
        sekarang = Decimal(h.capaian_eksak) if h and h.terukur and h.capaian_eksak else None
        dulu = Decimal(hl.capaian_eksak) if hl and hl.terukur and hl.capaian_eksak else None
        banding = bandingkan_tahun_lalu(sekarang, dulu, kebijakan=kb)
        realisasi = h.realisasi if h else None
        try:
            akhir_target = nilai_titik(baca_target(target_akhir, polaritas=ind.polaritas,
                                                   skala_kualitatif=ind.skala_kualitatif)) if target_akhir else None
        except TargetTidakValid:
            akhir_target = None
        renstra = self.lap.renstra
        tahun_akhir = renstra.tahun_akhir if renstra else self.tahun
        if ind.polaritas in (Polaritas.POSITIF, Polaritas.NEGATIF):
            ke_akhir = bandingkan_target_akhir(realisasi=realisasi, target_akhir=akhir_target, tahun=self.tahun,
                                               tahun_akhir=tahun_akhir, polaritas=Polaritas(ind.polaritas),
                                               kebijakan=kb)
        else:
            ke_akhir = bandingkan_target_akhir(realisasi=None, target_akhir=None, tahun=self.tahun,
                                               tahun_akhir=tahun_akhir)
        nasional = next((n for n in ind.nasional.all() if n.tahun == self.tahun), None)
        banding_nas = bandingkan_nasional(realisasi, _angka(nasional.teks) if nasional else None, kebijakan=kb)
        satuan = ind.satuan or ""
        batas = ""
        if h and h.dibatasi and kb.batas_atas is not None:
            batas = f"{format_masukan(kb.batas_atas)}%"
        if h and h.terukur:
            k_capaian = kalimat.kalimat_capaian(realisasi=h.realisasi_teks, target=h.target_teks, satuan=satuan,
                                                capaian=h.teks, kata=h.kata, batas_atas=batas)
        else:
            alasan = h.alasan if h else "belum ada realisasi yang dihitung"
            k_capaian = kalimat.kalimat_capaian(realisasi="", target="", satuan=satuan, capaian="", kata="",
                                                terukur=False, alasan=alasan)
        narasi = self._narasi_ind.get(ind.pk)
        return {
            "ref": ind.ref,
            "nama": ind.nama,
            "satuan": satuan or "-",
            "iku": ind.iku,
            "formulasi": ind.formulasi or ind.formula or "Nilai langsung (tanpa rumus)",
            "sumber_data": ind.sumber_data or "-",
            "polaritas": ind.get_polaritas_display(),
            "baseline": ind.baseline_nilai or "-",
            "baseline_tahun": str(ind.baseline_tahun or ""),
            "target": (h.target_teks if h else "") or "-",
            "realisasi": (h.realisasi_teks if h else "") or "-",
            "capaian": h.teks if h else "tidak terukur",
            "terukur": bool(h and h.terukur),
            "kriteria": (h.band if h else "") or "-",
            "kode": (h.band_kode if h else "") or "",
            "warna": (h.warna if h and h.warna else "#FFFFFF").lstrip("#"),
            "warna_teks": _warna_teks(h.warna if h else ""),
            "jejak": [baris for baris in (h.jejak if h else "").splitlines() if baris],
            "lalu_target": (hl.target_teks if hl else "") or "-",
            "lalu_realisasi": (hl.realisasi_teks if hl else "") or "-",
            "lalu_capaian": hl.teks if hl and hl.terukur else "-",
            "selisih": banding.selisih.teks if banding.selisih.terukur else "-",
            "arah": banding.kata or "-",
            "target_akhir": target_akhir or "-",
            "capaian_akhir": ke_akhir.teks if ke_akhir.terukur else "-",
            "nasional": nasional.teks if nasional else "-",
            "kontribusi_nasional": banding_nas.teks if banding_nas.terukur else "-",
            "ada_nasional": nasional is not None,
            "kalimat_capaian": k_capaian,
            "kalimat_tahun_lalu": kalimat.kalimat_tahun_lalu(
                tahun_lalu=self.tahun - 1, capaian_lalu=hl.teks if hl else "", capaian_ini=h.teks if h else "",
                selisih=banding.selisih.teks, kata=banding.kata),
            "kalimat_target_akhir": kalimat.kalimat_target_akhir(
                tahun_akhir=tahun_akhir, target_akhir=target_akhir, satuan=satuan, capaian=ke_akhir.teks,
                kata=ke_akhir.kata, terukur=ke_akhir.terukur),
            "kalimat_nasional": kalimat.kalimat_nasional(
                indikator=ind.nama, realisasi=(h.realisasi_teks if h else ""), nasional=nasional.teks if nasional else "",
                kontribusi=banding_nas.teks, terukur=banding_nas.terukur),
            "pendukung": _baris(narasi.pendukung if narasi else ""),
            "penghambat": _baris(narasi.penghambat if narasi else ""),
            "upaya": _baris(narasi.upaya if narasi else ""),
            "analisis": _baris(narasi.analisis if narasi else ""),
            "bukti": self._bukti.get(ind.pk, []),
            "_capaian_eksak": sekarang,
        }

    def sasaran(self, narasi_ind: dict[int, Narasi], bukti: dict[int, list[Bukti]]) -> list[dict[str, Any]]:
        self._narasi_ind = narasi_ind
        self._bukti = {k: [b.keterangan or b.url or str(b.berkas) for b in v] for k, v in bukti.items()}
        hasil = []
        for no, s in enumerate(self.lap.sasaran, start=1):
            simpul = self.simpul.get(s.node.pk)
            tujuan = self._tujuan_dari(s.node.pk)
            indikator = [self._baris_indikator(self.indikator.get(b.indikator.pk, b.indikator)) for b in s.indikator]
            program = [self._program(p) for p in (simpul.anak if simpul else []) if p.node.jenis == JenisNode.PROGRAM]
            r = s.hasil
            kel = self.per_sasaran.get(s.node.ref)
            hasil.append({
                "no": str(no),
                "ref": s.node.ref,
                "uraian": s.node.kinerja or s.node.uraian,
                "tujuan": tujuan.node.uraian if tujuan else "",
                "indikator": indikator,
                "program": program,
                "jumlah_program": kalimat.jumlah_kata(len(program), "program"),
                "kalimat_program": kalimat.kalimat_program(jumlah=len(program), nama=[p["uraian"] for p in program]),
                "capaian": r.teks if r else "tidak terukur",
                "kriteria": (r.band if r else "") or "-",
                "warna": (r.warna if r and r.warna else "#FFFFFF").lstrip("#"),
                "ada_nasional": any(i["ada_nasional"] for i in indikator),
                "pagu": rupiah(kel.ringkasan.pagu) if kel else "-",
            })
        return hasil

    def _program(self, p: SimpulPohon) -> dict[str, Any]:
        indikator = [self._baris_indikator(i) for i in p.indikator]
        kegiatan = []
        for k in p.anak:
            bl = self.belanja_node.get(k.node.pk)
            pagu = bl[1].pagu if bl else None
            # A kegiatan without its own line: the sum of its sub kegiatan lines.
            if pagu is None:
                sub = [self.belanja_node[s.node.pk][1].pagu for s in k.anak if s.node.pk in self.belanja_node]
                pagu = jumlahkan(sub) if sub else None
            kegiatan.append({"uraian": k.node.uraian, "kode": k.node.kode, "pagu": rupiah(pagu),
                             "unit": k.node.unit.nama if k.node.unit else ""})
        kel = self.per_program.get(p.node.ref)
        return {
            "ref": p.node.ref, "kode": p.node.kode, "uraian": p.node.uraian, "kinerja": p.node.kinerja or "-",
            "unit": p.node.unit.nama if p.node.unit else "",
            "indikator": indikator, "kegiatan": kegiatan,
            "pagu": rupiah(kel.ringkasan.pagu) if kel else "-",
        }

    def capaian_tabel(self, sasaran: list[dict[str, Any]]) -> dict[str, Any]:
        r = self.lap.opd_rollup
        grafik_data = [(i["ref"], i["nama"], i["_capaian_eksak"]) for s in sasaran for i in s["indikator"]]
        iku = [b for b in self.lap.baris if b.indikator.iku]
        teks_rata = r.teks if r else "tidak terukur"
        return {
            "rata_rata": teks_rata,
            "kriteria": (r.band if r else "") or "-",
            "warna": (r.warna if r and r.warna else "#FFFFFF").lstrip("#"),
            "warna_teks": _warna_teks(r.warna if r else ""),
            "jejak": r.jejak if r else "",
            "jumlah_iku": kalimat.jumlah_kata(len(iku), "indikator kinerja utama"),
            "kalimat": kalimat.kalimat_rata_rata(opd=self.opd.nama, capaian=teks_rata,
                                                 kategori=(r.band if r else ""), terukur=bool(r and r.terukur)),
            "grafik": grafik_data,
        }

    def ikhtisar(self, sasaran: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """One paragraph per sasaran (PermenPAN-RB 53/2014; lkjip-2025 Ikhtisar Eksekutif)."""
        hasil = []
        for s in sasaran:
            bagian = [f"Capaian sasaran strategis {s['no']} “{s['uraian']}” diukur dengan "
                      + kalimat.jumlah_kata(len(s["indikator"]), "indikator") + "."]
            for i in s["indikator"]:
                bagian.append(f"Indikator {i['nama']} (formulasi: {i['formulasi']}): target tahun {self.tahun} "
                              f"sebesar {i['target']}, realisasi {i['realisasi']}, capaian {i['capaian']}. "
                              f"{i['kalimat_capaian']} {i['kalimat_tahun_lalu']}")
            bagian.append(s["kalimat_program"])
            hasil.append({"no": s["no"], "sasaran": s["uraian"], "paragraf": " ".join(bagian)})
        return hasil

    # -- Bab II
    def renstra_target(self) -> list[dict[str, Any]]:
        """Tabel II.1 / 2.1: sasaran indicators with every revision (Awal, Revisi) per year."""
        tahun = list(self.lap.renstra.tahun) if self.lap.renstra else []
        baris = []
        no = 0
        for s in self.lap.sasaran:
            simpul = self.simpul.get(s.node.pk)
            tujuan = self._tujuan_dari(s.node.pk)
            no += 1
            for ind in (simpul.indikator if simpul else []):
                for rv in ind.revisi.all():
                    nilai = {n.tahun: n.teks for n in rv.nilai.all()}
                    baris.append({
                        "no": str(no), "tujuan": tujuan.node.uraian if tujuan else "-",
                        "sasaran": s.node.kinerja or s.node.uraian, "indikator": ind.nama,
                        "satuan": ind.satuan or "-", "baseline": ind.baseline_nilai or "-",
                        "revisi": rv.label,
                        "target": ([nilai.get(t, "-") for t in tahun] + [""] * 5)[:5],
                        "target_akhir": rv.target_akhir or "-",
                    })
        return baris

    def strategi(self) -> list[dict[str, Any]]:
        baris = []
        for s in self.simpul.values():
            if s.node.jenis not in (JenisNode.TUJUAN, JenisNode.SASARAN):
                continue
            strategi = [x.uraian for x in s.node.strategi.all() if x.jenis == JenisStrategi.STRATEGI]
            arah = [x.uraian for x in s.node.strategi.all() if x.jenis == JenisStrategi.ARAH_KEBIJAKAN]
            if strategi or arah:
                baris.append({"no": str(len(baris) + 1), "uraian": s.node.kinerja or s.node.uraian,
                              "jenis": s.node.get_jenis_display(),
                              "strategi": "\n".join(strategi) or "-", "arah": "\n".join(arah) or "-"})
        return baris

    def struktur_program(self) -> dict[str, Any]:
        """Program/kegiatan per sasaran with pagu before/after the change (Tabel II.3)."""
        baris = []
        for s in self.lap.sasaran:
            kel = self.per_sasaran.get(s.node.ref)
            baris.append(self._baris_pagu("sasaran", s.node.kinerja or s.node.uraian, "", kel.ringkasan if kel else None))
            simpul = self.simpul.get(s.node.pk)
            for p in (simpul.anak if simpul else []):
                if p.node.jenis != JenisNode.PROGRAM:
                    continue
                kp = self.per_program.get(p.node.ref)
                baris.append(self._baris_pagu("program", p.node.uraian, p.node.kode, kp.ringkasan if kp else None))
                for k in p.anak:
                    bl = self.belanja_node.get(k.node.pk)
                    baris.append(self._baris_pagu("kegiatan", k.node.uraian, k.node.kode, bl[1] if bl else None))
        pendukung = [self._baris_pagu("program", k.uraian, "", k.ringkasan, sumber=k.sumber)
                     for k in self.ang.per_program if k.kunci not in {n.node.ref for n in self.simpul.values()}]
        total = self.ang.total_sasaran
        return {"baris": baris, "pendukung": pendukung,
                "total": self._baris_pagu("total", "Jumlah", "", total),
                "total_semua": self._baris_pagu("total", "Jumlah seluruh belanja", "", self.ang.total)}

    def _baris_pagu(self, tingkat: str, uraian: str, kode: str, r: Ringkasan | None, sumber: str = "") -> dict[str, str]:
        return {"tingkat": tingkat, "uraian": uraian, "kode": kode or "", "sumber": sumber,
                "tebal": tingkat in ("sasaran", "total"),
                "sebelum": rupiah(r.pagu_sebelum) if r else "-", "sesudah": rupiah(r.pagu) if r else "-",
                "selisih": rupiah(r.selisih) if r and r.selisih is not None else "-"}

    def iku(self) -> list[dict[str, str]]:
        baris = []
        for b in self.lap.iku:
            ind = self.indikator.get(b.indikator.pk, b.indikator)
            # The row's node came with capaian_opd_tahun (pohon_renstra's indicators have none loaded).
            node = b.indikator.node
            baris.append({"no": str(len(baris) + 1), "sasaran": node.kinerja or node.uraian, "indikator": ind.nama,
                          "satuan": ind.satuan or "-", "formulasi": ind.formulasi or ind.formula or "-",
                          "sumber_data": ind.sumber_data or "-", "sk": ind.sk_iku or "-",
                          "target": (b.hasil.target_teks if b.hasil else "") or "-"})
        return baris

    def pk(self, versi: list[VersiPK], kinerja: dict[int, list[KinerjaPK]],
           anggaran: dict[int, list[AnggaranPK]]) -> list[dict[str, Any]]:
        hasil = []
        for v in versi:
            per_sumber: dict[str, list[Decimal]] = defaultdict(list)
            ang = []
            for i, a in enumerate(anggaran[v.pk], start=1):
                nama = a.program.uraian if a.program else a.nama
                if a.program and a.unit:
                    nama = f"{nama} ({a.unit.nama})"
                ang.append({"no": str(i), "program": nama, "sumber": a.sumber, "pagu": rupiah(a.pagu),
                            "keterangan": a.keterangan or ""})
                per_sumber[a.sumber].append(a.pagu)
            tanggal = _tanggal(v.tanggal) or v.tanggal_tercetak
            ba = v.berita_acara_nomor
            if ba and v.berita_acara_tanggal:
                ba = f"{ba} tanggal {_tanggal(v.berita_acara_tanggal)}"
            hasil.append({
                "label": v.label, "judul": ("Perjanjian Kinerja Tahun " if v.ke == 0 else
                                            f"Perjanjian Kinerja {v.label} Tahun ") + str(self.tahun),
                "induk": v.ke == 0, "tanggal": tanggal or "-", "tempat": v.tempat, "alasan": v.alasan,
                "berita_acara": ba, "pihak_pertama": v.pihak_pertama_nama, "pihak_kedua": v.pihak_kedua_nama,
                "kinerja": [{"no": str(i), "sasaran": k.sasaran.kinerja or k.sasaran.uraian, "indikator": k.indikator.nama,
                             "satuan": k.indikator.satuan or "-", "target": k.target,
                             "tw": [t or "-" for t in k.target_tw]}
                            for i, k in enumerate(kinerja[v.pk], start=1)],
                "anggaran": ang,
                "total": [{"sumber": s, "pagu": rupiah(jumlahkan(p))} for s, p in per_sumber.items()],
            })
        return hasil

    # -- Bab III budget
    def anggaran_realisasi(self) -> dict[str, Any]:
        def baris(uraian: str, r: Ringkasan, sumber: str = "") -> dict[str, Any]:
            return {"uraian": uraian, "sumber": sumber, "pagu": rupiah(r.pagu), "realisasi": rupiah(r.realisasi),
                    "serapan": self.persen(r.serapan), "efisiensi_rp": rupiah(r.efisiensi_rupiah),
                    "efisiensi_persen": self.persen(r.efisiensi_persen), "ada_realisasi": r.realisasi is not None}

        per_sasaran = [baris(k.uraian, k.ringkasan) for k in self.ang.per_sasaran]
        per_program = [baris(k.uraian, k.ringkasan, k.sumber) for k in self.ang.per_program
                       if k.ringkasan.realisasi is not None]
        per_sumber = [baris(k.uraian, k.ringkasan) for k in self.ang.per_sumber if k.ringkasan.realisasi is not None]
        total_s = self.ang.total_sasaran
        utama = total_s if total_s is not None and total_s.realisasi is not None else self.ang.total
        if utama is not None:
            k = kalimat.kalimat_anggaran(
                pagu=rupiah(utama.pagu), realisasi=None if utama.realisasi is None else rupiah(utama.realisasi),
                serapan=self.persen(utama.serapan), efisiensi_rp=rupiah(utama.efisiensi_rupiah),
                efisiensi_persen=self.persen(utama.efisiensi_persen),
                melebihi=utama.efisiensi_rupiah is not None and utama.efisiensi_rupiah < 0)
        else:
            k = "Data anggaran tahun ini belum diisi."
        # Chart: absorption per program when known, otherwise per sasaran (lkjip-2025 prints
        # realisation per sasaran only).
        sumber_grafik = [k_ for k_ in self.ang.per_program if k_.ringkasan.serapan is not None] or [
            k_ for k_ in self.ang.per_sasaran if k_.ringkasan.serapan is not None]
        grafik_data = [(k_.uraian, k_.ringkasan.serapan) for k_ in sumber_grafik]
        pendapatan = [{"uraian": p.jenis, "target": rupiah(r.pagu), "realisasi": rupiah(r.realisasi),
                       "persen": self.persen(r.serapan)} for p, r in self.ang.pendapatan]
        tp = self.ang.total_pendapatan
        return {
            "per_sasaran": per_sasaran, "per_program": per_program, "per_sumber": per_sumber,
            "total_sasaran": baris("Jumlah", total_s) if total_s else None,
            "ada_per_sasaran": bool(per_sasaran) and any(b["ada_realisasi"] for b in per_sasaran),
            "ada_per_program": bool(per_program),
            "kalimat": k, "grafik": grafik_data,
            "pendapatan": pendapatan,
            "total_pendapatan": {"target": rupiah(tp.pagu), "realisasi": rupiah(tp.realisasi),
                                 "persen": self.persen(tp.serapan)} if tp else None,
            "temuan": [f"{t.label}: {t.pesan}" for t in self.ang.temuan],
        }

    # -- content tables (engineer "konten")
    def konten_tabel(self) -> dict[str, Any]:
        k = self.konten
        jenjang: list[str] = []
        for p in k.pegawai_per_jabatan:
            for kunci in [*(p.formasi or {}), *(p.ada or {})]:
                if kunci not in jenjang:
                    jenjang.append(kunci)
        pegawai = []
        tot_l = tot_p = 0
        for p in k.pegawai_per_jabatan:
            tot_l += p.laki_laki
            tot_p += p.perempuan
            pegawai.append({"kelompok": p.kelompok, "jabatan": p.jabatan,
                            "formasi": [str((p.formasi or {}).get(j, 0)) for j in jenjang],
                            "ada": [str((p.ada or {}).get(j, 0)) for j in jenjang],
                            "jumlah_formasi": str(sum((p.formasi or {}).values())),
                            "jumlah_ada": str(sum((p.ada or {}).values())),
                            "l": str(p.laki_laki), "p": str(p.perempuan)})
        if not pegawai and k.pegawai:
            # Position × education × sex rows (docs/formats/lkjip.md `pegawai`).
            jenjang = []
            for p in k.pegawai:
                tot_l += p.laki_laki
                tot_p += p.perempuan
                pegawai.append({"kelompok": p.unit, "jabatan": p.jabatan + (f" ({p.pendidikan})" if p.pendidikan else ""),
                                "formasi": [], "ada": [], "jumlah_formasi": "-",
                                "jumlah_ada": str(p.laki_laki + p.perempuan), "l": str(p.laki_laki),
                                "p": str(p.perempuan)})
        aset = []
        nilai_aset: list[Decimal] = []
        for i, a in enumerate(k.aset, start=1):
            if a.nilai is not None:
                nilai_aset.append(a.nilai)
            aset.append({"no": str(i), "kelompok": a.kelompok, "nama": a.nama,
                         "jumlah": format_masukan(a.jumlah) if a.jumlah is not None else "-",
                         "satuan": a.satuan or "-", "nilai": rupiah(a.nilai), "kondisi": a.kondisi or "-"})
        banding = []
        lalu_sum: list[Decimal] = []
        ini_sum: list[Decimal] = []
        for i, a in enumerate(k.anggaran_tahun_lalu, start=1):
            selisih = None
            if a.tahun_lalu is not None and a.tahun_ini is not None:
                selisih = jumlahkan([a.tahun_ini, a.tahun_lalu.copy_negate()])
                lalu_sum.append(a.tahun_lalu)
                ini_sum.append(a.tahun_ini)
            banding.append({"no": str(i), "uraian": a.uraian, "lalu": rupiah(a.tahun_lalu), "ini": rupiah(a.tahun_ini),
                            "selisih": rupiah(selisih)})
        lhe = None
        if k.lhe is not None:
            lhe = {"nomor": k.lhe.nomor or "-", "tanggal": _tanggal(k.lhe.tanggal), "predikat": k.lhe.predikat or "-",
                   "interpretasi": k.lhe.interpretasi or "-", "tahun_evaluasi": str(k.lhe.tahun_evaluasi or "")}
        rek = [{"no": str(i), "uraian": r.uraian, "tindak_lanjut": r.tindak_lanjut or "-", "target": r.target or "-",
                "waktu": r.bulan or "-", "status": r.status or "-",
                "tw": ["✓" if x else "" for x in r.tw], "bukti": "\n".join(r.bukti or []) or "-"}
               for i, r in enumerate(k.lhe.rekomendasi if k.lhe else (), start=1)]
        return {
            "ada_konten": k.ada,
            "lhe_nilai": format_masukan(k.lhe.nilai) if k.lhe is not None and k.lhe.nilai is not None else "-",
            "pegawai": {"jenjang": jenjang, "baris": pegawai, "l": str(tot_l), "p": str(tot_p),
                        "jumlah": str(tot_l + tot_p), "ada_jenjang": bool(jenjang)},
            "aset": {"baris": aset, "total": rupiah(jumlahkan(nilai_aset)) if nilai_aset else "-"},
            "anggaran_banding": {"baris": banding, "lalu": rupiah(jumlahkan(lalu_sum)) if lalu_sum else "-",
                                 "ini": rupiah(jumlahkan(ini_sum)) if ini_sum else "-",
                                 "selisih": rupiah(jumlahkan([*ini_sum, *(x.copy_negate() for x in lalu_sum)]))
                                 if lalu_sum else "-"},
            "lhe": lhe, "lhe_rekomendasi": rek,
            "penghargaan": [{"no": str(i), "nama": p.nama, "pemberi": p.pemberi or "-", "tahun": str(p.tahun or "-"),
                             "uraian": p.uraian or ""} for i, p in enumerate(k.penghargaan, start=1)],
            "crosscutting": [{"no": str(i), "kelompok": c.kelompok or "-", "dengan": c.dengan, "peran": c.peran or "-"}
                             for i, c in enumerate(k.crosscutting, start=1)],
            "tautan": [{"url": t.url, "keterangan": t.keterangan or ""} for t in k.tautan],
        }

    def lampiran(self, data: dict[str, Any]) -> list[str]:
        daftar = []
        for v in data["pk"]:
            daftar.append(v["judul"])
        if data["iku"]:
            daftar.append("Indikator Kinerja Utama (IKU)" + (f" — SK {data['iku'][0]['sk']}" if data["iku"][0]["sk"] != "-" else ""))
        daftar.append("Pengukuran Kinerja (rincian perhitungan capaian per indikator)")
        return daftar


def _warna_teks(warna: str) -> str:
    """White text on a dark band colour, black otherwise (legible in print)."""
    w = (warna or "#FFFFFF").lstrip("#")
    try:
        r, g, b = (int(w[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return "000000"
    return "FFFFFF" if (0.299 * r + 0.587 * g + 0.114 * b) < 140 else "000000"
