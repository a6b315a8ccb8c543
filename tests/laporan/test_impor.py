"""The LKjIP importer with the two demo files, re-import, and located errors (nothing written)."""

import copy
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from sakip.audit.models import Jejak
from sakip.core.impor import ImporGagal, baca_yaml
from sakip.laporan.impor import lkjip_impor
from sakip.laporan.models import LHE, Aset, Laporan, Narasi, Pegawai, PegawaiJabatan, RekomendasiLHE

from .conftest import BABEL, NTT


def test_demo_dimuat_lewat_langkah_demo(demo_lkjip: list[str]) -> None:
    ringkas = [h for h in demo_lkjip if "lkjip" in h]
    assert ringkas == [
        "babel-disperindag/lkjip-2025.yaml: 28 bagian narasi, 0 pegawai, 57 pegawai per jabatan, 36 aset, "
        "4 anggaran tahun lalu, 1 penghargaan, 9 crosscutting, 7 tautan, 5 rekomendasi LHE",
        "ntt-disperindag/lkjip-2024.yaml: 19 bagian narasi, 18 pegawai, 0 pegawai per jabatan, 5 aset, "
        "0 anggaran tahun lalu, 0 penghargaan, 0 crosscutting, 0 tautan",
    ]


def test_isi_babel(babel: Any) -> None:
    lap = Laporan.objects.get(opd=babel, tahun=2025)
    assert lap.ttd_nama == "Subekti Saputra, S.TP., M.M." and lap.ttd_tanggal_tercetak == "Januari 2026"
    assert Narasi.objects.get(laporan=lap, kunci="tindak_lanjut_lhe").teks.startswith("Berdasarkan Surat Inspektur")
    # faktor_penghambat is empty in the file: not stored, the selector reports it kosong
    assert not Narasi.objects.filter(laporan=lap, kunci="faktor_penghambat").exists()
    aset = Aset.objects.get(laporan=lap, nama="alat laboratorium")
    assert aset.jumlah == Decimal("498") and aset.nilai == Decimal("8243926492.50")
    jab = PegawaiJabatan.objects.filter(laporan=lap).order_by("urutan").first()
    assert jab is not None and isinstance(jab.formasi, dict)
    lhe = LHE.objects.get(laporan=lap)
    assert (lhe.nomor, lhe.predikat, lhe.tahun_evaluasi) == ("700/117/LHE-ITDA/2025", "BB", 2024)
    assert lhe.tercetak["nilai"] == "76,90" and len(lhe.komponen) == 4
    rek = RekomendasiLHE.objects.filter(lhe=lhe).order_by("urutan")
    assert rek[0].tw == [False, False, True, False] and rek[0].bukti[0].startswith("https://drive.google.com/")
    assert rek[0].tindak_lanjut == "Melaksanakan rapat internal evaluasi SAKIP per triwulan"


def test_isi_ntt_alias_unit_dan_tambahan(ntt: Any) -> None:
    lap = Laporan.objects.get(opd=ntt, tahun=2024)
    # `sumber_daya_manusia` of lkip-2024 is the registered section `sdm`
    assert Narasi.objects.get(laporan=lap, kunci="sdm").teks.startswith("Sumber Daya Manusia")
    assert Pegawai.objects.filter(laporan=lap, unit__slug="sekretariat").count() == 5
    assert set(lap.tambahan) == {"aset_catatan", "kegiatan_pendukung", "pegawai_rekap", "verifikasi"}
    assert not LHE.objects.filter(laporan=lap).exists()


def test_impor_ulang_idempoten_dan_versi_narasi_tetap(babel: Any) -> None:
    data = baca_yaml(BABEL)
    lap = Laporan.objects.get(opd=babel, tahun=2025)
    versi = dict(Narasi.objects.filter(laporan=lap).values_list("kunci", "versi"))
    lkjip_impor(data=data, sumber="ulang.yaml")
    assert dict(Narasi.objects.filter(laporan=lap).values_list("kunci", "versi")) == versi
    assert Aset.objects.filter(laporan=lap).count() == 36
    assert RekomendasiLHE.objects.filter(lhe__laporan=lap).count() == 5
    # a changed text bumps only that section's version; a section left out is removed
    data = copy.deepcopy(dict(data))
    data["narasi"] = dict(data["narasi"], kesimpulan="Kesimpulan baru.")
    del data["narasi"]["inovasi"]
    lkjip_impor(data=data, sumber="ubah.yaml")
    baru = dict(Narasi.objects.filter(laporan=lap).values_list("kunci", "versi"))
    assert baru["kesimpulan"] == versi["kesimpulan"] + 1 and "inovasi" not in baru
    assert baru["kata_pengantar"] == versi["kata_pengantar"]
    assert Jejak.objects.filter(objek_id=str(lap.pk), aksi="impor").count() >= 2


def _gagal(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ImporGagal) as exc:
        lkjip_impor(data=data, sumber="uji.yaml")
    return [str(k) for k in exc.value.kesalahan]


def test_kesalahan_berlokasi_dan_tidak_ada_yang_ditulis(babel: Any) -> None:
    data = copy.deepcopy(dict(baca_yaml(BABEL)))
    data["narasi"]["kata_pengatar"] = "salah ketik"
    data["judul_lain"] = 1
    data["aset"][2]["nilai"] = "5.719.50.296,82"  # the seed's own typo (DOMAIN §6)
    data["aset"][3]["jumlah"] = "banyak"
    data["pegawai_per_jabatan"][0]["formasi"] = {"S1": -1}
    data["lhe"]["rekomendasi"][1]["tw"] = [True, False]
    data["lhe"]["rekomendasi"][2]["bukti"] = ["drive.google.com/x"]
    data["lhe"]["surat"]["tanggal"] = "23-05-2025"
    data["tautan"][0]["url"] = "bukan tautan"
    data["penandatangan"]["nama"] = "x" * 300
    sebelum = Aset.objects.filter(laporan__opd=babel).count(), Narasi.objects.filter(laporan__opd=babel).count()
    galat = _gagal(data)
    harapan = [
        "uji.yaml › judul_lain: kunci tidak dikenal",
        "uji.yaml › narasi › kata_pengatar: bagian narasi 'kata_pengatar' tidak dikenal",
        "uji.yaml › aset[2] › nilai:",
        "uji.yaml › aset[3] › jumlah:",
        "uji.yaml › pegawai_per_jabatan[0] › formasi › S1: harus bilangan bulat ≥ 0",
        "uji.yaml › lhe › rekomendasi[1] › tw: harus daftar empat nilai",
        "uji.yaml › lhe › rekomendasi[2] › bukti[0]: bukan tautan http(s) yang valid",
        "uji.yaml › lhe › surat › tanggal: tanggal tidak valid",
        "uji.yaml › tautan[0] › url: bukan tautan",
        "uji.yaml › penandatangan › nama: terlalu panjang (300 karakter, paling banyak 200)",
    ]
    for h in harapan:
        assert any(g.startswith(h) for g in galat), (h, galat)
    assert len(galat) == len(harapan)
    assert (Aset.objects.filter(laporan__opd=babel).count(),
            Narasi.objects.filter(laporan__opd=babel).count()) == sebelum


def test_opd_tahun_dan_alias_ganda(ntt: Any) -> None:
    assert _gagal({"opd": "tidak-ada", "tahun": "2025"}) == [
        "uji.yaml › tahun: tahun harus bilangan bulat 2000–2100 (tertulis '2025')",
        "uji.yaml › opd: OPD 'tidak-ada' tidak dikenal (impor organisasi dulu)",
    ]
    galat = _gagal({"opd": "ntt-disperindag", "tahun": 2024,
                    "narasi": {"sdm": "a", "sumber_daya_manusia": "b"}})
    assert galat == ["uji.yaml › narasi › sumber_daya_manusia: bagian 'sdm' ditulis dua kali "
                     "(juga sebagai 'sumber_daya_manusia')"]
    galat = _gagal({"opd": "ntt-disperindag", "tahun": 2024, "pegawai": [{"jabatan": "Eselon II",
                                                                          "unit": "tidak-ada"}]})
    assert galat == ["uji.yaml › pegawai[0] › unit: unit kerja 'tidak-ada' tidak ada di OPD ini"]


def test_perintah_import_lkjip(babel: Any, tmp_path: Any, capsys: Any) -> None:
    call_command("import-lkjip", str(NTT))
    assert "19 bagian narasi" in capsys.readouterr().out
    salah = tmp_path / "lkjip-2025.yaml"
    salah.write_text("opd: babel-disperindag\ntahun: 2025\nnarasi: {pengantar: x}\n", encoding="utf-8")
    with pytest.raises(CommandError, match="narasi › pengantar: bagian narasi 'pengantar' tidak dikenal"):
        call_command("import-lkjip", str(salah))
