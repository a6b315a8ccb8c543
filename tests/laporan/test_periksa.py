"""Each check of the consistency checker on hand-made data: a case that triggers it, one that doesn't."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from sakip.laporan.pemeriksaan import (
    AnggaranProgram,
    BahanPeriksa,
    BelanjaPeriksa,
    IndikatorPeriksa,
    KinerjaPeriksa,
    Lokasi,
    RevisiPeriksa,
    SelisihRincian,
    TemuanTw,
    Tingkat,
    VersiPeriksa,
    jalankan,
    periksa_alasan_revisi,
    periksa_anggaran,
    periksa_bukti,
    periksa_definisi_indikator,
    periksa_narasi,
    periksa_realisasi,
    periksa_target_di_bawah_realisasi_lalu,
    periksa_target_tahun,
    periksa_target_triwulan,
    periksa_tercetak_laporan,
    polos,
    tenggat_akhir_triwulan,
)

IND = IndikatorPeriksa(1, "IKU1", "Pertumbuhan industri", "%", "positif", "", "", "", True, 2)


def bahan(**kw: object) -> BahanPeriksa:
    b = BahanPeriksa("uji", 2025, dt.date(2026, 2, 1), tenggat_akhir_triwulan(2025), "akhir triwulan",
                     renstra_label="Renstra 2023–2026", indikator=[IND], target={1: "22,300"})
    for k, v in kw.items():
        setattr(b, k, v)
    return b


def versi(ke: int = 0, tw: tuple[str, str, str, str] = ("4,000", "8,000", "16,500", "22,300"),
          temuan: tuple[TemuanTw, ...] = (), **kw: object) -> VersiPeriksa:
    v = VersiPeriksa(ke, ke, "Induk" if ke == 0 else "Perubahan Kesatu", ke > 0, "Refocusing" if ke else "",
                     "BA-1" if ke else "", (KinerjaPeriksa(1, "22,300", tw),), temuan)
    return replace(v, **kw)


def kode(temuan: list) -> list[str]:
    return [t.kode for t in temuan]


def test_lokasi_teks() -> None:
    lok = Lokasi("PK 2025 Perubahan Kesatu", indikator="Pertumbuhan industri", triwulan=4)
    assert lok.teks == "PK 2025 Perubahan Kesatu, indikator 'Pertumbuhan industri', TW IV"


def test_polos_tanpa_format_indonesia() -> None:
    assert polos(D("22150.50")) == "22150.50"
    assert polos(D("1E+3")) == "1000"


def test_target_triwulan_dari_pk_periksa() -> None:
    tw4 = TemuanTw(1, "TW_IV_BEDA_TAHUNAN", "Target TW IV (22,150) tidak sama …", 4)
    hasil = periksa_target_triwulan(bahan(versi_pk=[versi(1, temuan=(tw4,))]))
    assert kode(hasil) == ["TW_IV_BEDA_TAHUNAN"]
    assert hasil[0].tingkat is Tingkat.GALAT
    assert hasil[0].lokasi.teks == ("PK 2025 Perubahan Kesatu, target triwulan, indikator 'Pertumbuhan industri', "
                                    "TW IV")
    assert hasil[0].data["target_tw4"] == "22.300" and hasil[0].data["target"] == "22.300"
    presisi = TemuanTw(1, "PRESISI_TIDAK_SERAGAM", "…", 3)
    assert periksa_target_triwulan(bahan(versi_pk=[versi(0, temuan=(presisi,))]))[0].tingkat is Tingkat.PERINGATAN
    assert periksa_target_triwulan(bahan(versi_pk=[versi(1)])) == []


@pytest.mark.parametrize("polaritas,target,lalu,ada", [
    ("positif", "1,3", D("1.31"), True),
    ("positif", "22,300", D("22.142"), False),
    ("negatif", "5", D("4"), True),  # lower is better: a target above last year's value
    ("negatif", "3", D("4"), False),
    ("rentang", "3 - 10", D("12"), False),  # a range is not compared
])
def test_target_di_bawah_realisasi_lalu(polaritas: str, target: str, lalu: D, ada: bool) -> None:
    b = bahan(indikator=[replace(IND, polaritas=polaritas)], target={1: target}, realisasi_lalu={1: lalu})
    hasil = periksa_target_di_bawah_realisasi_lalu(b)
    assert kode(hasil) == (["TARGET_DI_BAWAH_REALISASI_LALU"] if ada else [])


def test_target_pk_di_bawah_realisasi_lalu_dinilai_sendiri() -> None:
    # Renstra target fine, PK in force lower: the PK is reported, located in the PK.
    v = replace(versi(1), kinerja=(KinerjaPeriksa(1, "20,000", ("", "", "", "")),))
    hasil = periksa_target_di_bawah_realisasi_lalu(bahan(versi_pk=[v], realisasi_lalu={1: D("22.142")}))
    assert [t.lokasi.dokumen for t in hasil] == ["PK 2025 Perubahan Kesatu"]


def test_target_tahun() -> None:
    assert kode(periksa_target_tahun(bahan(target={}))) == ["TARGET_TAHUN_KOSONG"]
    assert kode(periksa_target_tahun(bahan(target={1: "banyak"}))) == ["TARGET_TIDAK_TERBACA"]
    beda = replace(versi(1), kinerja=(KinerjaPeriksa(1, "22,150", ("", "", "", "")),))
    assert kode(periksa_target_tahun(bahan(versi_pk=[beda]))) == ["PK_BEDA_RENSTRA"]
    sama = replace(versi(1), kinerja=(KinerjaPeriksa(1, "22,3", ("", "", "", "")),))  # 22,3 = 22,300
    assert periksa_target_tahun(bahan(versi_pk=[sama])) == []
    assert periksa_target_tahun(bahan(target={}, dalam_periode=False)) == []  # a plan's base year


def test_alasan_revisi() -> None:
    tanpa = versi(1, alasan="  ", berita_acara_nomor="")
    assert kode(periksa_alasan_revisi(bahan(versi_pk=[versi(0), tanpa]))) == [
        "PK_PERUBAHAN_TANPA_ALASAN", "PK_PERUBAHAN_TANPA_BERITA_ACARA"]
    assert periksa_alasan_revisi(bahan(versi_pk=[versi(0), versi(1)])) == []
    revisi = [RevisiPeriksa(1, 0, "Awal", "", "16,750"), RevisiPeriksa(1, 1, "Revisi", "", "22,150")]
    assert kode(periksa_alasan_revisi(bahan(revisi=revisi))) == ["REVISI_TARGET_TANPA_ALASAN"]
    revisi[1] = replace(revisi[1], alasan="SK 188.4/053")
    assert periksa_alasan_revisi(bahan(revisi=revisi)) == []


def test_definisi_indikator() -> None:
    assert kode(periksa_definisi_indikator(bahan(indikator=[replace(IND, satuan="", formula="x",)],
                                                 elemen_dikenal={"x": ""}))) == ["SATUAN_KOSONG"]
    assert kode(periksa_definisi_indikator(bahan(indikator=[replace(IND, formulasi="X(N)")]))) == [
        "FORMULA_BELUM_DITETAPKAN"]
    assert kode(periksa_definisi_indikator(bahan())) == ["FORMULASI_KOSONG"]  # an IKU with no formula at all
    assert kode(periksa_definisi_indikator(bahan(indikator=[replace(IND, formula="(a - prev(b)) / 2")],
                                                 elemen_dikenal={"a": ""}))) == ["FORMULA_ELEMEN_TIDAK_DIKENAL"]
    assert kode(periksa_definisi_indikator(bahan(indikator=[replace(IND, formula="a +")]))) == [
        "FORMULA_TIDAK_TERBACA"]
    assert periksa_definisi_indikator(bahan(indikator=[replace(IND, formula="a * 100")],
                                            elemen_dikenal={"a": ""})) == []


def test_realisasi_triwulan_jatuh_tempo() -> None:
    b = bahan(versi_pk=[versi(1)], hari_ini=dt.date(2025, 8, 1), ada_realisasi={(1, 1)})
    hasil = periksa_realisasi(b)
    # TW I entered, TW II due (ended 30 June) and empty, TW III/IV not due yet.
    assert kode(hasil) == ["REALISASI_KOSONG"]
    assert hasil[0].tingkat is Tingkat.GALAT and hasil[0].lokasi.triwulan == 2
    assert hasil[0].data == {"triwulan": "2", "tenggat": "2025-06-30"}
    b.ada_realisasi.add((1, 2))
    assert periksa_realisasi(b) == []


def test_realisasi_tenggat_jendela_pengisian() -> None:
    # An entry window closing on 15 July keeps TW II not due on 10 July.
    b = bahan(versi_pk=[versi(1)], hari_ini=dt.date(2025, 7, 10), ada_realisasi={(1, 1)},
              tenggat={**tenggat_akhir_triwulan(2025), 2: dt.date(2025, 7, 15)}, tenggat_sumber="jendela pengisian")
    assert periksa_realisasi(b) == []
    b.hari_ini = dt.date(2025, 7, 16)
    assert "jendela pengisian" in periksa_realisasi(b)[0].pesan


def test_realisasi_tanpa_target_triwulan_hanya_tahunan() -> None:
    lain = replace(IND, iku=False)
    b = bahan(indikator=[lain])
    hasil = periksa_realisasi(b)
    assert [(t.kode, t.lokasi.triwulan, t.tingkat) for t in hasil] == [("REALISASI_KOSONG", 4, Tingkat.PERINGATAN)]
    b.ada_realisasi.add((1, 0))  # the year's value given directly stands for TW IV
    assert periksa_realisasi(b) == []


def test_realisasi_rumus_menyebut_data_elemen_kosong() -> None:
    ind = replace(IND, formula="(unit - prev(unit)) / prev(unit) * 100")
    b = bahan(indikator=[ind], elemen_dikenal={"unit": ""}, ada_elemen={("unit", 2025, 4)})
    hasil = periksa_realisasi(b)
    assert kode(hasil) == ["DATA_ELEMEN_KOSONG"] and hasil[0].data["elemen"] == "prev(unit)"
    b.ada_elemen.add(("unit", 2024, 4))
    assert kode(periksa_realisasi(b)) == ["REALISASI_KOSONG"]  # data complete but nothing computed/entered


def test_bukti_iku_per_triwulan() -> None:
    b = bahan(versi_pk=[versi(1)], ada_realisasi={(1, 1), (1, 2), (1, 3), (1, 4)}, bukti={(1, 1), (1, 2), (1, 4)})
    hasil = periksa_bukti(b)
    assert [(t.kode, t.lokasi.triwulan) for t in hasil] == [("BUKTI_KOSONG", 3)]
    b.bukti.add((1, 3))
    assert periksa_bukti(b) == []
    assert periksa_bukti(bahan(indikator=[replace(IND, iku=False)])) == []


def _konten(ada: bool = True, kosong: tuple[str, ...] = (), **kw: object) -> SimpleNamespace:
    def narasi(kunci: str) -> SimpleNamespace:
        return SimpleNamespace(kunci=kunci, judul=kunci.replace("_", " ").title(), bab="III", kosong=kunci in kosong)
    dasar = dict(ada=ada, narasi=narasi, tercetak={}, aset=(), aset_total=D(0), pegawai_per_jabatan=(),
                 anggaran_tahun_lalu=(), anggaran_total=(D(0), D(0)), lhe=None)
    return SimpleNamespace(**(dasar | kw))


def test_narasi_laporan_kosong() -> None:
    hasil = periksa_narasi(bahan(indikator=[], konten=_konten(kosong=("faktor_penghambat",))))
    assert [(t.kode, t.data["bagian"]) for t in hasil] == [("NARASI_KOSONG", "faktor_penghambat")]
    assert periksa_narasi(bahan(indikator=[], konten=_konten())) == []
    assert kode(periksa_narasi(bahan(indikator=[], konten=_konten(ada=False)))) == ["LAPORAN_BELUM_DISUSUN"]


def test_narasi_indikator_iku() -> None:
    b = bahan(versi_pk=[versi(1)], ada_realisasi={(1, 4)})
    assert [(t.kode, t.lokasi.triwulan) for t in periksa_narasi(b)] == [("NARASI_INDIKATOR_KOSONG", 4)]
    b.narasi_terisi.add((1, 4))
    assert periksa_narasi(b) == []


def test_tercetak_laporan() -> None:
    aset = (SimpleNamespace(kelompok="Gedung dan bangunan", nilai=D("5695798296.82")),
            SimpleNamespace(kelompok="Gedung dan bangunan", nilai=D("23710000")))
    tercetak = {"aset_total": "5.719.508.296,82",
                "aset_kelompok": [{"kelompok": "Gedung dan bangunan", "nilai": "5.719.50.296,82"}]}
    k = _konten(aset=aset, aset_total=D("5719508296.82"), tercetak=tercetak)
    hasil = periksa_tercetak_laporan(bahan(konten=k))
    assert kode(hasil) == ["ANGKA_TERCETAK_TIDAK_VALID"]
    tercetak["aset_kelompok"][0]["nilai"] = "5.719.508.296,82"
    assert periksa_tercetak_laporan(bahan(konten=k)) == []
    tercetak["aset_total"] = "5.719.508.296,00"
    assert [(t.kode, t.data["dihitung"]) for t in periksa_tercetak_laporan(bahan(konten=k))] == [
        ("TOTAL_TERCETAK_BEDA", "5719508296.82")]


def test_anggaran() -> None:
    b = bahan(selisih_rincian=[SelisihRincian("P4 Program", "pagu", D("11120500"), D("6998800"))],
              belanja=[BelanjaPeriksa("K1.1", D("100"), D("120")), BelanjaPeriksa("K1.2", D("100"), D("90"))],
              anggaran_program=[AnggaranProgram("P7", "Ekspor", D("15051700"), D("15051800")),
                                AnggaranProgram("P1", "Industri", D("5"), D("5"))],
              versi_pk=[versi(1)])
    hasil = periksa_anggaran(b)
    assert kode(hasil) == ["ANGGARAN_RINCIAN_BEDA", "REALISASI_MELEBIHI_PAGU", "PK_ANGGARAN_BEDA_DPA"]
    assert hasil[0].pesan == "Pagu Rp 11.120.500 tidak sama dengan jumlah rinciannya Rp 6.998.800."
    assert hasil[2].data == {"pagu_pk": "15051800", "pagu_dpa": "15051700"}
    assert periksa_anggaran(bahan()) == []


def test_selisih_rincian_dari_temuan_anggaran() -> None:
    # The budget selector's findings reach the checker as numbers (not parsed from their text).
    from sakip.kinerja.anggaran import Temuan as TemuanAnggaran
    from sakip.laporan.pemeriksaan import _isi_anggaran

    lap = SimpleNamespace(baris=[], temuan=[TemuanAnggaran("P4", "realisasi", D("1E+3"), D("-12.5"))])
    b = bahan()
    _isi_anggaran(b, lap, {7: ("P4", "Program Ekspor")})
    assert b.selisih_rincian == [SelisihRincian("P4 Program Ekspor", "realisasi", D("1E+3"), D("-12.5"))]
    [t] = periksa_anggaran(b)
    assert t.pesan == "Realisasi Rp 1.000 tidak sama dengan jumlah rinciannya Rp -12,5."


def test_jalankan_galat_dulu() -> None:
    tw4 = TemuanTw(1, "TW_IV_BEDA_TAHUNAN", "…", 4)
    hasil = jalankan(bahan(versi_pk=[versi(1, temuan=(tw4,))], ada_realisasi={(1, 1), (1, 2), (1, 3), (1, 4)},
                           bukti={(1, 1), (1, 2), (1, 3), (1, 4)}, narasi_terisi={(1, 4)},
                           indikator=[replace(IND, formulasi="X(N)")]))
    assert kode(hasil) == ["TW_IV_BEDA_TAHUNAN", "FORMULA_BELUM_DITETAPKAN"]
