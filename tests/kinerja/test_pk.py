"""PK versions: checks on quarterly targets, the version in force, comparison, revision reasons."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sakip.core.impor import ImporGagal
from sakip.kinerja.impor import pk_impor
from sakip.kinerja.layanan import pk_versi_simpan
from sakip.kinerja.models import JenisVersi, PerjanjianKinerja, VersiPK
from sakip.kinerja.selectors import (
    anggaran_opd_tahun,
    pk_anggaran,
    pk_bandingkan,
    pk_berlaku,
    pk_kinerja,
    pk_periksa,
    pk_versi_daftar,
    rencana_aksi_opd,
)
from sakip.organisasi.models import PerangkatDaerah

pytestmark = pytest.mark.usefixtures("demo_kinerja")

PIHAK = {"nama": "Kepala", "jabatan": "Kepala Dinas"}


@pytest.fixture
def babel(db: None) -> PerangkatDaerah:
    return PerangkatDaerah.objects.get(slug="babel-disperindag")


@pytest.fixture
def ntt(db: None) -> PerangkatDaerah:
    return PerangkatDaerah.objects.get(slug="ntt-disperindag")


def test_pk_berlaku_adalah_versi_terakhir(babel: PerangkatDaerah, ntt: PerangkatDaerah) -> None:
    assert [v.label for v in pk_versi_daftar(opd=babel, tahun=2025)] == [
        "Induk", "Perubahan Kesatu", "Perubahan Kedua"]
    berlaku = pk_berlaku(opd=babel, tahun=2025)
    assert berlaku is not None and berlaku.ke == 2
    assert berlaku.berita_acara_nomor == "BA-049/DISPERINDAG/PK/2025"
    assert berlaku.pihak_pertama_nama == "Yenni Asmita, S.Pd.I, M.M"
    ntt_berlaku = pk_berlaku(opd=ntt, tahun=2024)
    assert ntt_berlaku is not None and ntt_berlaku.ke == 1


def test_periksa_tw_iv_kumulatif_tidak_sama_dengan_target_tahunan(babel: PerangkatDaerah) -> None:
    # lkjip-2025 Tabel II.6/II.8: TW IV 22,150 vs 22,300 and 16,550 vs 16,700.
    versi = pk_versi_daftar(opd=babel, tahun=2025)
    for ke in (1, 2):
        temuan = pk_periksa(opd=babel, versi=versi.get(ke=ke))
        tw_iv = sorted((k.indikator.ref, t.pesan) for k, t in temuan if t.kode == "TW_IV_BEDA_TAHUNAN")
        assert [ref for ref, _ in tw_iv] == ["IKU1", "IKU2"]
        assert "22,150" in tw_iv[0][1] and "22,300" in tw_iv[0][1]
        assert "16,550" in tw_iv[1][1] and "16,700" in tw_iv[1][1]
    # The induk is consistent except TW III "9,7005" (one decimal too many).
    induk = pk_periksa(opd=babel, versi=versi.get(ke=0))
    assert [(k.indikator.ref, t.kode, t.triwulan) for k, t in induk] == [
        ("IKU2", "PRESISI_TIDAK_SERAGAM", 3)]


def test_pk_tanpa_target_triwulan_tidak_diperiksa(ntt: PerangkatDaerah) -> None:
    for versi in pk_versi_daftar(opd=ntt, tahun=2024):
        assert pk_periksa(opd=ntt, versi=versi) == []


def test_bandingkan_induk_dan_perubahan(babel: PerangkatDaerah) -> None:
    versi = pk_versi_daftar(opd=babel, tahun=2025)
    beda = pk_bandingkan(versi_a=versi.get(ke=0), versi_b=versi.get(ke=1))
    target = {(t.indikator, t.kolom): (t.sebelum, t.sesudah) for t in beda.target}
    assert target[("IKU1", "target")] == ("16,750", "22,300")
    assert target[("IKU1", "target_tw3")] == ("12,500", "16,500")
    assert target[("IKU2", "target_tw3")] == ("9,7005", "12,700")
    assert ("IKU1", "target_tw1") not in target
    # The names shown beside the refs: the sasaran's uraian (it has no kinerja statement in the
    # Renstra), the indicator's name, the program's uraian; a line outside the tree has none.
    iku1 = next(t for t in beda.target if t.indikator == "IKU1")
    assert (iku1.sasaran_nama, iku1.indikator_nama) == (
        "Meningkatnya PDRB Lapangan Usaha Industri Pengolahan", "Nilai Lapangan Usaha Industri Pengolahan")
    anggaran = {(a.program, a.unit): a for a in beda.anggaran}
    p1 = anggaran[("P1", "bidang-perencanaan-pembangunan-industri")]
    assert (p1.sebelum, p1.sesudah, p1.selisih) == (
        Decimal("791999350"), Decimal("592506350"), Decimal("-199493000"))
    assert p1.program_uraian == "Program Perencanaan dan Pembangunan Industri"
    assert {a.program_uraian for a in beda.anggaran if a.program.startswith("Program Penunjang")} == {""}
    assert ("Program Perdagangan Dalam Negeri", "") not in anggaran  # unchanged APBN row
    # Perubahan Kesatu → Kedua changes only the budget (lkjip-2025 §2.5.3).
    kedua = pk_bandingkan(versi_a=versi.get(ke=1), versi_b=versi.get(ke=2))
    assert kedua.target == []
    assert {a.program for a in kedua.anggaran} >= {"P1", "P7"}  # P7 15.051.800 → 15.051.700


def test_bandingkan_baris_baru_di_perubahan(ntt: PerangkatDaerah) -> None:
    versi = pk_versi_daftar(opd=ntt, tahun=2024)
    beda = pk_bandingkan(versi_a=versi.get(ke=0), versi_b=versi.get(ke=1))
    baru = [a for a in beda.anggaran if a.sebelum is None]
    assert [(a.program, a.sumber, a.sesudah) for a in baru] == [
        ("Program Pengembangan Perdagangan Dalam Negeri", "APBN Tugas Pembantuan", Decimal("154896000"))]


def test_bandingkan_hanya_versi_pk_yang_sama(babel: PerangkatDaerah, ntt: PerangkatDaerah) -> None:
    with pytest.raises(ValueError):
        pk_bandingkan(versi_a=pk_berlaku(opd=babel, tahun=2025),  # type: ignore[arg-type]
                      versi_b=pk_berlaku(opd=ntt, tahun=2024))  # type: ignore[arg-type]


def test_perubahan_tanpa_alasan_ditolak_layanan_dan_basis_data(babel: PerangkatDaerah) -> None:
    pk = PerjanjianKinerja.objects.get(opd=babel, tahun=2025)
    with pytest.raises(ValidationError) as err:
        pk_versi_simpan(perjanjian=pk, jenis=JenisVersi.PERUBAHAN, ke=3, alasan="  ",
                        pihak_pertama=PIHAK, pihak_kedua=PIHAK)
    assert err.value.code == "alasan_wajib"
    with pytest.raises(IntegrityError), transaction.atomic():
        VersiPK.objects.create(perjanjian=pk, jenis=JenisVersi.PERUBAHAN, ke=3, alasan="",
                               pihak_pertama_nama="a", pihak_pertama_jabatan="b",
                               pihak_kedua_nama="c", pihak_kedua_jabatan="d")
    v = pk_versi_simpan(perjanjian=pk, jenis=JenisVersi.PERUBAHAN, ke=3, alasan="Refocusing anggaran",
                        pihak_pertama=PIHAK, pihak_kedua=PIHAK)
    assert pk_berlaku(opd=babel, tahun=2025) == v


def test_impor_perubahan_tanpa_alasan_ditolak_dengan_lokasi(babel: PerangkatDaerah) -> None:
    data = {
        "opd": "babel-disperindag", "tahun": 2025,
        "versi": [{"jenis": "perubahan", "ke": 3, "alasan": None, "pihak_pertama": PIHAK,
                   "pihak_kedua": PIHAK,
                   "kinerja": [{"sasaran": "S1", "indikator": "IKU1", "target": "22,3OO"}],
                   "anggaran": [{"program": "P99", "sumber": "APBX", "pagu": "1.000,001"}]}],
    }
    sebelum = VersiPK.objects.count()
    with pytest.raises(ImporGagal) as err:
        pk_impor(data=data, sumber="pk-uji.yaml")
    lokasi = {k.lokasi for k in err.value.kesalahan}
    assert "pk-uji.yaml › versi[0] › alasan" in lokasi
    assert "pk-uji.yaml › versi[0] › kinerja[0] › target" in lokasi
    assert "pk-uji.yaml › versi[0] › anggaran[0] › program" in lokasi
    assert "pk-uji.yaml › versi[0] › anggaran[0] › sumber" in lokasi
    assert "pk-uji.yaml › versi[0] › anggaran[0] › pagu" in lokasi
    assert VersiPK.objects.count() == sebelum  # all or nothing


def test_selektor_tidak_bocor_antar_opd(babel: PerangkatDaerah, ntt: PerangkatDaerah) -> None:
    versi_babel = pk_berlaku(opd=babel, tahun=2025)
    assert versi_babel is not None
    assert pk_kinerja(opd=babel, versi=versi_babel).count() == 2
    assert pk_kinerja(opd=ntt, versi=versi_babel).count() == 0
    assert pk_anggaran(opd=ntt, versi=versi_babel).count() == 0
    assert pk_periksa(opd=ntt, versi=versi_babel) == []
    assert pk_berlaku(opd=ntt, tahun=2025) is None
    assert list(pk_versi_daftar(opd=ntt, tahun=2025)) == []
    kab = PerangkatDaerah.objects.get(slug="kab-dpkukmp")
    assert rencana_aksi_opd(opd=kab, tahun=2024).count() == 101
    assert rencana_aksi_opd(opd=babel, tahun=2024).count() == 0
    lap_ntt_2025 = anggaran_opd_tahun(opd=ntt, tahun=2025)
    assert lap_ntt_2025.baris == [] and lap_ntt_2025.per_sasaran == []
    assert anggaran_opd_tahun(opd=babel, tahun=2025).pendapatan == []
    assert len(anggaran_opd_tahun(opd=ntt, tahun=2024).pendapatan) == 3
