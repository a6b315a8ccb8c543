"""The LKjIP's analysis sentences (pure module): every branch, with the seeds' numbers."""

import pytest

from sakip.engine.capaian import BELUM_MENCAPAI, MELAMPAUI, MENCAPAI
from sakip.laporan.dokumen import kalimat as k


@pytest.mark.parametrize("n, kata", [
    (0, "nol"), (1, "satu"), (3, "tiga"), (10, "sepuluh"), (11, "sebelas"), (12, "dua belas"), (19, "sembilan belas"),
    (20, "dua puluh"), (21, "dua puluh satu"), (99, "sembilan puluh sembilan"), (100, "seratus"),
    (101, "seratus satu"), (245, "dua ratus empat puluh lima"), (1000, "1000"), (-1, "-1"),
])
def test_terbilang(n: int, kata: str) -> None:
    assert k.terbilang(n) == kata


def test_jumlah_dan_daftar() -> None:
    assert k.jumlah_kata(3, "program") == "3 (tiga) program"
    assert k.daftar_koma([]) == ""
    assert k.daftar_koma(["A"]) == "A"
    assert k.daftar_koma(["A", "B"]) == "A dan B"
    assert k.daftar_koma(["A", "", "B", "C"]) == "A, B, dan C"


def test_capaian_terlampaui_babel() -> None:
    # lkjip-2025 §3.1.1: 24,692 against 22,300.
    teks = k.kalimat_capaian(realisasi="24,692", target="22,300", satuan="Triliun Rupiah", capaian="110,73%",
                             kata=MELAMPAUI)
    assert teks == ("Tercapai 24,692 Triliun Rupiah dari target 22,300 Triliun Rupiah, dengan demikian persentase "
                    "realisasi terhadap target sebesar 110,73% sehingga target terlampaui.")


def test_capaian_tercapai_persen() -> None:
    teks = k.kalimat_capaian(realisasi="100", target="100", satuan="%", capaian="100,00%", kata=MENCAPAI)
    assert teks.startswith("Tercapai 100% dari target 100%,") and teks.endswith("sehingga target tercapai.")


def test_capaian_belum_tercapai_ntt() -> None:
    # lkip-2024: exports growth 6,09 against 55.
    teks = k.kalimat_capaian(realisasi="6,09", target="55", satuan="", capaian="11,07%", kata=BELUM_MENCAPAI)
    assert teks == ("Terealisasi 6,09 dari target 55, dengan demikian persentase realisasi terhadap target sebesar "
                    "11,07% sehingga target belum tercapai.")


def test_capaian_dibatasi_ntt() -> None:
    teks = k.kalimat_capaian(realisasi="1,40", target="1,3", satuan="%", capaian="100,00%", kata=MELAMPAUI,
                             batas_atas="100%")
    assert "sehingga target terlampaui." in teks
    assert teks.endswith("persentase capaiannya tetap dihitung sebesar 100%.")


def test_capaian_tidak_terukur() -> None:
    assert k.kalimat_capaian(realisasi="", target="", satuan="", capaian="", kata="", terukur=False,
                             alasan="target belum ditetapkan") == "Capaian belum dapat diukur: target belum ditetapkan."
    assert k.kalimat_capaian(realisasi="", target="", satuan="", capaian="", kata="", terukur=False) == (
        "Capaian belum dapat diukur: data belum lengkap.")


@pytest.mark.parametrize("kata, akhir", [
    ("meningkat", "mengalami peningkatan sebesar 8,92 poin persen."),
    ("menurun", "mengalami penurunan sebesar 8,92 poin persen."),
    ("tetap", "tidak berubah."),
])
def test_tahun_lalu(kata: str, akhir: str) -> None:
    selisih = "-8,92 poin persen" if kata == "menurun" else "8,92 poin persen"
    teks = k.kalimat_tahun_lalu(tahun_lalu=2024, capaian_lalu="101,80%", capaian_ini="110,73%", selisih=selisih,
                                kata=kata)
    assert teks.startswith("Dibandingkan capaian tahun 2024 sebesar 101,80%, capaian tahun ini (110,73%) ")
    assert teks.endswith(akhir)


def test_tahun_lalu_belum_ada() -> None:
    assert k.kalimat_tahun_lalu(tahun_lalu=2023, capaian_lalu="", capaian_ini="70,36%", selisih="tidak terukur",
                                kata="") == ("Capaian tahun 2023 belum tersedia, sehingga perbandingan dengan tahun "
                                             "lalu belum dapat dilakukan.")


@pytest.mark.parametrize("kata, akhir", [
    (MELAMPAUI, "sehingga target akhir Renstra telah terlampaui."),
    (MENCAPAI, "sehingga target akhir Renstra telah tercapai."),
    (BELUM_MENCAPAI, "diperlukan upaya percepatan agar target akhir Renstra tercapai."),
])
def test_target_akhir(kata: str, akhir: str) -> None:
    # lkjip-2025 Tabel III.4 col. 10: 24,692 / 22,500 = 109,74%.
    teks = k.kalimat_target_akhir(tahun_akhir=2026, target_akhir="22,500", satuan="Triliun Rupiah",
                                  capaian="109,74%", kata=kata)
    assert teks.startswith("Dibandingkan dengan target akhir Renstra tahun 2026 sebesar 22,500 Triliun Rupiah, "
                           "realisasi sampai dengan tahun ini mencapai 109,74%")
    assert teks.endswith(akhir)


def test_target_akhir_tidak_terukur() -> None:
    assert "belum dapat dilakukan" in k.kalimat_target_akhir(tahun_akhir=2026, target_akhir="", satuan="",
                                                             capaian="", kata="", terukur=False)


def test_nasional() -> None:
    # lkjip-2025 Tabel III.5: 24,692 / 4.541,5.
    assert k.kalimat_nasional(indikator="Nilai LU Industri", realisasi="24,692", nasional="4.541,5",
                              kontribusi="0,54%") == ("Realisasi indikator Nilai LU Industri sebesar 24,692 memberikan "
                                                      "kontribusi sebesar 0,54% terhadap nilai nasional (4.541,5).")
    assert "belum tersedia" in k.kalimat_nasional(indikator="X", realisasi="1", nasional="", kontribusi="",
                                                  terukur=False)


def test_rata_rata() -> None:
    assert k.kalimat_rata_rata(opd="Disperindag NTT", capaian="70,36%", kategori="Cukup Berhasil") == (
        "Dari rata-rata capaian kinerja di atas, Disperindag NTT mencapai 70,36% yang artinya masuk dalam kategori "
        "Cukup Berhasil.")
    assert k.kalimat_rata_rata(opd="X", capaian="", kategori="", terukur=False) == (
        "Rata-rata capaian kinerja X belum dapat dihitung.")


def test_anggaran_semua_cabang() -> None:
    # lkjip-2025 Tabel III.6 total.
    assert k.kalimat_anggaran(pagu="1.423.857.293", realisasi="1.239.973.027", serapan="87,09%",
                              efisiensi_rp="183.884.266", efisiensi_persen="12,91%") == (
        "Dari pagu anggaran Rp 1.423.857.293 terealisasi Rp 1.239.973.027 atau 87,09%, sehingga terdapat efisiensi "
        "sebesar Rp 183.884.266 (12,91%).")
    assert k.kalimat_anggaran(pagu="10", realisasi=None, serapan="-", efisiensi_rp="-", efisiensi_persen="-") == (
        "Dari pagu anggaran Rp 10, realisasi anggaran belum tersedia.")
    assert k.kalimat_anggaran(pagu="10", realisasi="10", serapan="100,00%", efisiensi_rp="0",
                              efisiensi_persen="0,00%").endswith("sehingga anggaran terserap seluruhnya.")
    assert k.kalimat_anggaran(pagu="10", realisasi="12", serapan="120,00%", efisiensi_rp="-2", efisiensi_persen="-20%",
                              melebihi=True).endswith("sehingga realisasi melebihi pagu sebesar Rp 2.")


def test_program_dan_kata_pasif() -> None:
    assert k.kalimat_program(jumlah=0, nama=[]) == "Belum ada program yang dipetakan mendukung indikator ini."
    assert k.kalimat_program(jumlah=2, nama=["Program A", "Program B"]) == (
        "Capaian indikator ini didukung oleh 2 (dua) program, yakni Program A dan Program B.")
    assert (k.kata_pasif(MELAMPAUI), k.kata_pasif(MENCAPAI), k.kata_pasif(BELUM_MENCAPAI), k.kata_pasif("")) == (
        "terlampaui", "tercapai", "belum tercapai", "")


def test_modul_murni_tanpa_django() -> None:
    import subprocess
    import sys

    kode = "import sys, sakip.laporan.dokumen.kalimat; assert not any(m.startswith('django') for m in sys.modules)"
    assert subprocess.run([sys.executable, "-c", kode], check=False).returncode == 0
