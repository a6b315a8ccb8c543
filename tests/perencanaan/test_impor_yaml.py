"""Plan import from the documented YAML: demo plans, round trip, revisions, validation."""

import copy
from typing import Any

import pytest

from sakip.audit.models import Jejak
from sakip.core.impor import ImporGagal, baca_yaml
from sakip.organisasi.models import PerangkatDaerah
from sakip.perencanaan.ekspor import rencana_dokumen
from sakip.perencanaan.impor import rencana_impor
from sakip.perencanaan.models import Indikator, Node, Renstra, RevisiTarget
from sakip.perencanaan.selectors import target_akhir_berlaku, target_berlaku
from sakip.testing.demo import muat_demo

ORGANISASI = 20  # load-demo steps up to the OPD files (pemda.yaml, */opd.yaml)


@pytest.fixture
def organisasi(db: None) -> None:
    muat_demo(sampai=ORGANISASI)


def _dokumen(opd: str) -> dict[str, Any]:
    from django.conf import settings

    return dict(baca_yaml(settings.SAKIP_DEMO_DIR / opd / "renstra.yaml"))


@pytest.mark.parametrize("opd", ["babel-disperindag", "ntt-disperindag", "babel-dkukm", "kab-dpkukmp"])
def test_rencana_demo_termuat_dan_ekspor_impor_identik(organisasi: None, opd: str) -> None:
    from django.conf import settings

    if not (settings.SAKIP_DEMO_DIR / opd / "renstra.yaml").exists():
        pytest.skip(f"demo/{opd}/renstra.yaml belum ada")
    hasil = rencana_impor(data=_dokumen(opd), sumber=f"{opd}/renstra.yaml")
    assert hasil.dibuat["simpul"] > 0 and hasil.dibuat["indikator"] > 0
    renstra = hasil.renstra
    assert renstra is not None
    dokumen = rencana_dokumen(renstra=renstra)

    # The import left one trail row naming the file and what it created.
    jejak = Jejak.objects.get(aksi="impor")
    assert jejak.opd == renstra.opd and jejak.sumber == f"impor:{opd}/renstra.yaml"
    assert jejak.perubahan["impor"]["baru"] == hasil.ringkasan()

    # Re-importing the export changes nothing, and leaves no trail of a change.
    ulang = rencana_impor(data=copy.deepcopy(dokumen), sumber="ekspor")
    assert ulang.dibuat == {} and ulang.diubah == {} and ulang.revisi_baru == 0
    assert Jejak.objects.count() == 1

    # Into an empty database: the same document comes back out.
    jumlah_revisi = RevisiTarget.objects.count()
    Renstra.objects.all().delete()
    rencana_impor(data=copy.deepcopy(dokumen), sumber="ekspor")
    baru = Renstra.objects.get(opd__slug=opd)
    assert rencana_dokumen(renstra=baru) == dokumen
    assert RevisiTarget.objects.count() == jumlah_revisi


def test_babel_target_awal_dan_revisi(organisasi: None) -> None:
    rencana_impor(data=_dokumen("babel-disperindag"), sumber="renstra.yaml")
    iku = Indikator.objects.get(renstra__opd__slug="babel-disperindag", nama="Nilai Lapangan Usaha Industri Pengolahan")
    # lkjip-2025 Tabel II.1: 2023 keeps the Awal target; the Revisi row set 2025 to 22,150; the
    # SK IKU Perubahan Kedua (5 May 2025) set it to 22,300 — the target PK and Tabel III.2 use.
    assert target_berlaku(indikator=iku, tahun=2023).teks == "15,250"  # type: ignore[union-attr]
    assert target_berlaku(indikator=iku, tahun=2025).teks == "22,300"  # type: ignore[union-attr]
    assert target_akhir_berlaku(list(iku.revisi.all())) == "22,500"
    riwayat = [(r.ke, {n.tahun: n.teks for n in r.nilai.all()}.get(2025)) for r in iku.revisi.all()]
    assert riwayat == [(0, "16,750"), (1, "22,150"), (2, "22,300")]


def test_target_diubah_menjadi_revisi_baru_dengan_riwayat(organisasi: None) -> None:
    rencana_impor(data=_dokumen("babel-disperindag"), sumber="renstra.yaml")
    renstra = Renstra.objects.get(opd__slug="babel-disperindag")
    iku = Indikator.objects.get(renstra=renstra, nama="Nilai Lapangan Usaha Industri Pengolahan")
    dokumen = rencana_dokumen(renstra=renstra)
    sebelum = RevisiTarget.objects.filter(indikator=iku).count()

    def cari(simpul: list[dict[str, Any]]) -> dict[str, Any] | None:
        for s in simpul:
            for ind in s["indikator"]:
                if ind["ref"] == iku.ref:
                    return ind
            hasil = cari(s["anak"])
            if hasil:
                return hasil
        return None

    ind = cari(dokumen["pohon"])
    assert ind is not None
    ind["revisi"][-1]["target"][2026] = "22,800"
    hasil = rencana_impor(data=dokumen, sumber="ubah.xlsx")
    assert hasil.revisi_baru == 1 and hasil.dibuat == {}
    assert RevisiTarget.objects.filter(indikator=iku).count() == sebelum + 1
    assert target_berlaku(indikator=iku, tahun=2026).teks == "22,800"  # type: ignore[union-attr]
    terbaru = iku.revisi.order_by("-ke").first()
    assert terbaru is not None and "ubah.xlsx" in terbaru.alasan
    # The replaced value is still in the history.
    assert iku.revisi.filter(nilai__tahun=2026, nilai__teks="22,500").exists()


def _dasar() -> dict[str, Any]:
    return {
        "opd": "babel-disperindag",
        "renstra": {"nama": "Uji", "tahun_awal": 2023, "tahun_akhir": 2026,
                    "sasaran_pemda": [{"ref": "SP1", "uraian": "Ekonomi"}]},
        "data_elemen": [
            {"kode": "unit_industri", "nama": "Unit industri"},
            {"kode": "a", "nama": "A", "formula": "b + 1"},
            {"kode": "b", "nama": "B", "formula": "a * 2"},
        ],
        "pohon": [{
            "jenis": "sasaran", "ref": "S1", "uraian": "Sasaran", "sasaran_pemda": ["SP1", "SP9"],
            "indikator": [{
                "ref": "I1", "nama": "Pertumbuhan", "iku": True,
                "formula": "(unit_industri - prev(unit_industri)) / prev(unit_x) * 100",
                "target": {2023: "1.2.3", 2024: "2,5", 2030: "3"},
                "revisi": [{"label": "Revisi", "target": {2025: "abc"}}],
            }],
            "anak": [
                {"jenis": "kegiatan", "ref": "K1", "uraian": "Salah tempat", "kode": "2.17.03"},
                {"jenis": "program", "ref": "P1", "uraian": "Program", "kode": "2.17.03",
                 "anak": [{"jenis": "kegiatan", "ref": "K2", "uraian": "Keg", "kode": "3.31.02.2.01",
                           "anak": [{"jenis": "sub_kegiatan", "ref": "K2", "uraian": "Sub",
                                     "kode": "2.17.3.2.01.1"}]}]},
            ],
        }],
    }


def test_validasi_menyebut_setiap_kesalahan_dan_tidak_menyimpan(organisasi: None) -> None:
    with pytest.raises(ImporGagal) as galat:
        rencana_impor(data=_dasar(), sumber="uji.yaml")
    pesan = "\n".join(str(k) for k in galat.value.kesalahan)
    harapan = [
        "pohon[1] › sasaran_pemda: sasaran Pemda 'SP9' tidak didefinisikan",
        "indikator[1] › polaritas: polaritas wajib diisi untuk IKU",
        "indikator[1] › satuan: satuan wajib diisi untuk IKU",
        "indikator[1] › formula: data elemen tidak dikenal: unit_x",
        "target 2023",  # "1.2.3" malformed
        "tahun 2030 di luar periode Renstra 2023–2026",
        "revisi[1] › alasan: wajib diisi",
        "target 2025",  # "abc"
        "anak[1] › jenis: kegiatan harus berada di bawah program",
        "kode '2.17.03' tidak sesuai format kegiatan",
        "kode 3.31.02.2.01 tidak diawali kode induknya 2.17.03",
        "kode '2.17.3.2.01.1' tidak sesuai format sub_kegiatan",
        "ref simpul 'K2' ganda",
        "siklus",
    ]
    for h in harapan:
        assert h.lower() in pesan.lower(), f"tidak ada pesan: {h}\n{pesan}"
    assert not Renstra.objects.exists() and not Node.objects.exists()


def test_opd_lain_tidak_tersentuh(organisasi: None) -> None:
    babel = PerangkatDaerah.objects.get(slug="babel-disperindag")
    lain = PerangkatDaerah.objects.create(pemda=babel.pemda, slug="babel-lain", nama="Dinas Lain")
    dokumen = _dokumen("babel-disperindag")
    for unit in babel.unit_kerja.all():  # the plan names Disperindag's units
        lain.unit_kerja.create(slug=unit.slug, nama=unit.nama, jenis=unit.jenis)
    rencana_impor(data={**dokumen, "opd": "babel-lain"}, sumber="lain.yaml")
    rencana_impor(data=dokumen, sumber="renstra.yaml")
    # Same refs in two OPDs: two separate plans, neither touching the other's rows.
    assert Renstra.objects.filter(opd=lain).count() == 1
    assert Indikator.objects.filter(renstra__opd=lain).count() == Indikator.objects.filter(
        renstra__opd=babel).count()
    assert not Indikator.objects.filter(renstra__opd=lain, node__renstra__opd=babel).exists()
