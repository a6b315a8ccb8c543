"""Import of realisasi-<year>.yaml (docs/formats/realisasi.md): all-or-nothing, located errors."""

from decimal import Decimal

import pytest

from sakip.core.impor import ImporGagal
from sakip.pengukuran.impor import realisasi_impor
from sakip.pengukuran.models import Bukti, HasilCapaian, Narasi, NilaiDataElemen, Realisasi

from .conftest import Rencana

D = Decimal


def _dokumen(rencana: Rencana, **tambahan: object) -> dict:
    return {
        "opd": rencana.opd.slug,
        "tahun": 2025,
        "data_elemen": {"unit": {4: "24.374"}, "a": {4: "35"}, "b": {4: "90"}},
        "indikator": [
            {
                "ref": "IKU1",
                "triwulan": {
                    1: {"nilai": "5,830"}, 2: {"nilai": "6,170"}, 3: {"nilai": "6,080"},
                    4: {
                        "nilai": "6,612",
                        "narasi": {"pendukung": "OSS", "penghambat": None, "upaya": "Validasi data"},
                        "bukti": [
                            {"jenis": "tautan", "url": "https://shorturl.at/pmf2a", "keterangan": "Google Drive"},
                            {"jenis": "dokumen", "keterangan": "BRS BPS No. 12/02/19"},
                        ],
                        "tercetak": {"capaian": "110,72"},  # not part of the format: ignored
                    },
                },
                "catatan": "ignored",
            },
            {"ref": "IP2", "tahunan": {"nilai": "12"}},
        ],
        **tambahan,
    }


def test_impor_lalu_hitung(rencana: Rencana) -> None:
    hasil = realisasi_impor(data=_dokumen(rencana), sumber="uji/realisasi-2025.yaml")
    assert hasil.ringkasan().startswith("3 nilai data elemen, 5 realisasi, 1 narasi, 2 bukti")
    iku1 = HasilCapaian.objects.get(indikator=rencana.iku_langsung, tahun=2025, triwulan=0)
    assert iku1.teks == "110,73%"
    rasio = HasilCapaian.objects.get(indikator=rencana.rasio, tahun=2025, triwulan=0)
    assert rasio.realisasi_teks == "77,78"
    dokumen = HasilCapaian.objects.get(indikator=rencana.dokumen, tahun=2025, triwulan=0)
    assert dokumen.jejak.splitlines() == ["realisasi tahunan diisi langsung = 12", "12 / 12 × 100% = 100,00%"]
    narasi = Narasi.objects.get(indikator=rencana.iku_langsung, tahun=2025, triwulan=4)
    assert (narasi.pendukung, narasi.penghambat, narasi.upaya) == ("OSS", "", "Validasi data")
    assert list(Bukti.objects.order_by("urutan").values_list("jenis", "url", "keterangan")) == [
        ("tautan", "https://shorturl.at/pmf2a", "Google Drive"),
        ("dokumen", "", "BRS BPS No. 12/02/19"),
    ]

    # Re-importing changes nothing and does not duplicate evidence.
    realisasi_impor(data=_dokumen(rencana), sumber="uji/realisasi-2025.yaml")
    assert Bukti.objects.count() == 2 and Realisasi.objects.count() == 5 and NilaiDataElemen.objects.count() == 3
    assert HasilCapaian.objects.get(indikator=rencana.iku_langsung, tahun=2025, triwulan=0).teks == "110,73%"


def test_impor_semua_atau_tidak_sama_sekali(rencana: Rencana) -> None:
    data = _dokumen(rencana)
    data["data_elemen"]["tidak_ada"] = {4: "1"}
    data["data_elemen"]["unit"] = {4: "1.5", 5: "2"}
    iku = data["indikator"][0]["triwulan"]
    iku[2] = {"nilai": 22.3}
    iku[4]["bukti"].append({"jenis": "tautan", "keterangan": "tanpa url"})
    iku[4]["narasi"]["lainnya"] = "x"
    data["indikator"].append({"ref": "IKU9", "triwulan": {4: {"nilai": "1"}}})
    with pytest.raises(ImporGagal) as err:
        realisasi_impor(data=data, sumber="r.yaml")
    pesan = [str(k) for k in err.value.kesalahan]
    assert "r.yaml › data_elemen › tidak_ada: data elemen 'tidak_ada' tidak didefinisikan di Renstra OPD ini" in pesan
    assert any(p.startswith("r.yaml › data_elemen › unit › 4: '1.5'") and "gunakan koma" in p for p in pesan)
    assert "r.yaml › data_elemen › unit › 5: triwulan harus 1–4 (tertulis 5)" in pesan
    assert any(p.startswith("r.yaml › indikator[1] › triwulan › 2 › nilai: Angka pecahan 22.3") for p in pesan)
    assert "r.yaml › indikator[1] › triwulan › 4 › bukti[3] › url: bukti berupa tautan wajib berisi url" in pesan
    assert any(p.startswith("r.yaml › indikator[1] › triwulan › 4 › narasi › lainnya: bagian narasi tidak dikenal")
               for p in pesan)
    assert ("r.yaml › indikator[3] › ref: indikator 'IKU9' tidak ada di Renstra yang berlaku untuk tahun ini"
            in pesan)
    assert not Realisasi.objects.exists() and not NilaiDataElemen.objects.exists() and not Bukti.objects.exists()


def test_impor_tahun_tanpa_renstra(rencana: Rencana) -> None:
    with pytest.raises(ImporGagal, match="tidak ada Renstra OPD ini yang mencakup tahun 2020"):
        realisasi_impor(data=_dokumen(rencana, tahun=2020), sumber="r.yaml")
    # The year before the plan is its base year: accepted (NTT's realisasi-2023).
    realisasi_impor(data={"opd": rencana.opd.slug, "tahun": 2024, "data_elemen": {"unit": {4: "23.479"}}},
                    sumber="r.yaml")
    assert NilaiDataElemen.objects.get(tahun=2024).nilai == D("23479")


def test_impor_mematuhi_kunci_alur_dan_tercatat(rencana: Rencana) -> None:
    from sakip.alur.models import StatusAlur, StatusTriwulan
    from sakip.audit.models import Jejak

    StatusTriwulan.objects.create(opd=rencana.opd, tahun=2025, triwulan=2, status=StatusAlur.DISETUJUI)
    StatusTriwulan.objects.create(opd=rencana.opd, tahun=2025, triwulan=4, status=StatusAlur.DIAJUKAN)
    with pytest.raises(ImporGagal) as err:
        realisasi_impor(data=_dokumen(rencana), sumber="r.yaml")
    pesan = [str(k) for k in err.value.kesalahan]
    # TW II approved, TW IV under review (the year's value belongs to TW IV); TW I and III are open.
    assert [p.split(":")[0] for p in pesan] == ["r.yaml › tahunan", "r.yaml › triwulan 2", "r.yaml › triwulan 4"]
    assert not Realisasi.objects.exists() and not Jejak.objects.exists()

    StatusTriwulan.objects.all().delete()
    realisasi_impor(data=_dokumen(rencana), sumber="r.yaml")
    jejak = Jejak.objects.get(aksi="impor")
    assert jejak.opd == rencana.opd and jejak.sumber == "impor:r.yaml"
    assert "5 realisasi" in jejak.perubahan["impor"]["baru"]
