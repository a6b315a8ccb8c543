"""Write services of the planning screens: validation with the importer's rules, history kept."""

import sys
import types
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sakip.akun.models import Peran
from sakip.audit.layanan import KonflikVersi
from sakip.audit.models import Jejak
from sakip.organisasi.models import PerangkatDaerah, UnitKerja
from sakip.perencanaan import layanan
from sakip.perencanaan.impor import rencana_impor
from sakip.perencanaan.models import Indikator, Node, RevisiTarget
from sakip.perencanaan.selectors import target_akhir_berlaku, target_berlaku
from sakip.testing.dunia import Dunia


def dokumen(opd: PerangkatDaerah) -> dict[str, Any]:
    """A small plan in the documented format (docs/formats/rencana.md), with the Babel IKU's history."""
    return {
        "opd": opd.slug,
        "renstra": {"nama": f"Renstra {opd.nama}", "tahun_awal": 2023, "tahun_akhir": 2026},
        "data_elemen": [{"kode": "unit_industri", "nama": "Jumlah unit usaha industri", "satuan": "Unit"}],
        "pohon": [{
            "jenis": "sasaran", "ref": "S1", "uraian": "Meningkatnya PDRB Lapangan Usaha Industri Pengolahan",
            "indikator": [{
                "ref": "IKU1", "nama": "Nilai Lapangan Usaha Industri Pengolahan", "satuan": "Triliun Rupiah",
                "polaritas": "positif", "iku": True, "desimal": 3, "baseline": {"tahun": 2022, "nilai": "14,500"},
                "target": {2023: "15,250", 2024: "16,000", 2025: "16,750", 2026: "17,500"},
                "target_akhir": "17,500",
                "revisi": [{"label": "Revisi", "alasan": "Hasil evaluasi AKIP 2023",
                            "target": {2024: "21,750", 2025: "22,150", 2026: "22,200"}, "target_akhir": "22,200"}],
            }],
            "anak": [{
                "jenis": "program", "ref": "P1", "kode": "2.17.03", "uraian": "Program Perencanaan dan Pembangunan Industri",
                "indikator": [{
                    "ref": "IP1", "nama": "Pertumbuhan Unit Usaha Industri", "satuan": "%",
                    "formula": "(unit_industri - prev(unit_industri)) / prev(unit_industri) * 100",
                    "target": {2025: "2,75"},
                }, {
                    "ref": "IP2", "nama": "Koefisien variasi harga", "satuan": "%", "polaritas": "negatif",
                    "target": {2024: "9,50", 2025: "9,00"},
                }],
                "anak": [{"jenis": "kegiatan", "ref": "K1", "kode": "2.17.03.2.01",
                          "uraian": "Penyusunan, Penerapan, dan Evaluasi Rencana Pembangunan Industri Provinsi"}],
            }],
        }],
    }


@pytest.fixture
def rencana(dunia: Dunia) -> Dunia:
    rencana_impor(data=dokumen(dunia.opd_a1), sumber="uji.yaml")
    rencana_impor(data=dokumen(dunia.opd_a2), sumber="uji.yaml")
    UnitKerja.objects.create(opd=dunia.opd_a1, slug="bidang-industri", nama="Bidang Industri", jenis="bidang")
    return dunia


def _ind(dunia: Dunia, ref: str, opd: PerangkatDaerah | None = None) -> Indikator:
    return Indikator.objects.get(renstra__opd=opd or dunia.opd_a1, ref=ref)


def _node(dunia: Dunia, ref: str) -> Node:
    return Node.objects.get(renstra__opd=dunia.opd_a1, ref=ref)


def _galat(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


# ------------------------------------------------------------------------------------ node_ubah


def _ubah_node(dunia: Dunia, node: Node, **ubah: Any) -> list[str]:
    nilai: dict[str, Any] = {"uraian": node.uraian, "kinerja": node.kinerja, "kode": node.kode, "unit": node.unit}
    nilai.update(ubah)
    return layanan.node_ubah(node=node, oleh=dunia.pengguna_a[Peran.OPERATOR], **nilai)


def test_node_ubah_menyimpan_dan_mencatat_log(rencana: Dunia) -> None:
    node = _node(rencana, "P1")
    unit = UnitKerja.objects.get(slug="bidang-industri")
    berubah = _ubah_node(rencana, node, kinerja="  Meningkatnya sinkronisasi perencanaan  ", unit=unit)
    assert sorted(berubah) == ["kinerja", "unit"]
    node.refresh_from_db()
    assert node.kinerja == "Meningkatnya sinkronisasi perencanaan" and node.unit == unit
    log = Jejak.objects.get(objek_id=str(node.pk), jenis__model="node", aksi="ubah")
    assert log.pengguna == rencana.pengguna_a[Peran.OPERATOR] and log.opd == node.renstra.opd
    assert log.perubahan["unit"]["lama"] == "" and "Bidang Industri" in log.perubahan["unit"]["baru"]
    assert node.versi == 2
    assert _ubah_node(rencana, node) == []  # nothing changed: nothing written, nothing logged
    assert Jejak.objects.filter(aksi="ubah").count() == 1


@pytest.mark.parametrize("ref, kode, pesan", [
    ("P1", "2.17", "tidak sesuai format program"),
    ("P1", "2.17.3", "tidak sesuai format program"),
    ("P1", "3.31.02", "kode anak 2.17.03.2.01 (Penyusunan, Penerapan, dan Evaluasi Rencana…) tidak"),  # would orphan the kegiatan's code
    ("K1", "3.31.02.2.01", "tidak diawali kode induknya 2.17.03"),
    ("S1", "2.17.03", "sasaran tidak memakai kode nasional"),
])
def test_node_ubah_kode_salah_ditolak(rencana: Dunia, ref: str, kode: str, pesan: str) -> None:
    node = _node(rencana, ref)
    with pytest.raises(ValidationError) as exc:
        _ubah_node(rencana, node, kode=kode)
    assert pesan.lower() in " ".join(_galat(exc)["kode"]).lower()
    assert Node.objects.get(pk=node.pk).kode == node.kode


def test_node_ubah_uraian_wajib_dan_unit_opd_lain(rencana: Dunia) -> None:
    lain = UnitKerja.objects.create(opd=rencana.opd_a2, slug="bidang-lain", nama="Bidang Lain", jenis="bidang")
    with pytest.raises(ValidationError) as exc:
        _ubah_node(rencana, _node(rencana, "P1"), uraian="   ", unit=lain)
    assert set(_galat(exc)) == {"uraian", "unit"}


@pytest.mark.parametrize("peran", [Peran.KEPALA, Peran.VERIFIKATOR, Peran.ADMIN, Peran.PEMBACA])
def test_node_ubah_hanya_operator(rencana: Dunia, peran: Peran) -> None:
    node = _node(rencana, "P1")
    with pytest.raises(PermissionDenied):
        layanan.node_ubah(node=node, uraian="Baru", kinerja="", kode=node.kode, unit=None,
                          oleh=rencana.pengguna_a[peran])
    lain = Node.objects.get(renstra__opd=rencana.opd_a2, ref="P1")
    with pytest.raises(PermissionDenied):  # the operator of a1 cannot touch a2
        layanan.node_ubah(node=lain, uraian="Baru", kinerja="", kode=lain.kode, unit=None,
                          oleh=rencana.pengguna_a[Peran.OPERATOR])
    assert Node.objects.filter(uraian="Baru").count() == 0


# ------------------------------------------------------------------------------- indikator_ubah


def _ubah_indikator(dunia: Dunia, ind: Indikator, **ubah: Any) -> list[str]:
    nilai = {f: getattr(ind, f) for f in (
        "nama", "satuan", "polaritas", "skala_kualitatif", "agregasi", "formula", "formulasi", "sumber_data",
        "iku", "sk_iku", "desimal",
    )}
    nilai.update(ubah)
    return layanan.indikator_ubah(indikator=ind, oleh=dunia.pengguna_a[Peran.OPERATOR], **nilai)


def test_indikator_ubah_menyimpan(rencana: Dunia) -> None:
    ind = _ind(rencana, "IP1")
    berubah = _ubah_indikator(rencana, ind, sumber_data="SIINas", iku=True, sk_iku="188.4/053/2025", desimal=1,
                              formula="(unit_industri - lalu(unit_industri)) / lalu(unit_industri) * 100")
    assert sorted(berubah) == ["desimal", "formula", "iku", "sk_iku", "sumber_data"]
    ind.refresh_from_db()
    assert ind.iku and ind.sk_iku == "188.4/053/2025" and ind.desimal == 1 and ind.sumber_data == "SIINas"


@pytest.mark.parametrize("ubah, kunci, pesan", [
    ({"formula": "unit_industri / jumlah_perusahaan * 100"}, "formula", "'jumlah_perusahaan' tidak dikenal"),
    ({"formula": "unit_industrii * 100"}, "formula", "maksud Anda 'unit_industri'"),
    ({"formula": "(unit_industri - 1"}, "formula", "kolom"),
    ({"formula": "unit_industri * 1,5"}, "formula", "tulis 1.5, bukan 1,5"),
    ({"iku": True, "satuan": ""}, "satuan", "Satuan wajib diisi untuk IKU"),
    ({"nama": "  "}, "nama", "wajib"),
    ({"desimal": 9}, "desimal", "0–8"),
    ({"polaritas": "kualitatif", "skala_kualitatif": ""}, "skala_kualitatif", "opini-bpk"),
    ({"polaritas": "naik"}, "polaritas", "pilih polaritas"),
    ({"agregasi": "maksimum"}, "agregasi", "pilih agregasi"),
])
def test_indikator_ubah_validasi(rencana: Dunia, ubah: dict[str, Any], kunci: str, pesan: str) -> None:
    ind = _ind(rencana, "IP1")
    with pytest.raises(ValidationError) as exc:
        _ubah_indikator(rencana, ind, **ubah)
    assert pesan.lower() in " ".join(_galat(exc)[kunci]).lower()
    assert Indikator.objects.get(pk=ind.pk).formula == ind.formula
    assert not Jejak.objects.filter(aksi="ubah").exists()


def test_indikator_ubah_polaritas_harus_cocok_dengan_riwayat_target(rencana: Dunia) -> None:
    # "22,150" is no range: the exported plan would no longer import, so the change is refused.
    with pytest.raises(ValidationError) as exc:
        _ubah_indikator(rencana, _ind(rencana, "IKU1"), polaritas="rentang")
    pesan = " ".join(_galat(exc)["polaritas"])
    assert "target 2023 (Awal) '15,250'" in pesan and "lainnya" in pesan
    # negative is fine: every number is still a number
    assert _ubah_indikator(rencana, _ind(rencana, "IKU1"), polaritas="negatif") == ["polaritas"]


# -------------------------------------------------------------------------------- target_revisi


def _revisi(dunia: Dunia, ind: Indikator, **ubah: Any) -> layanan.HasilRevisi:
    nilai: dict[str, Any] = {"label": "", "alasan": "SK IKU Perubahan Kedua", "target": {}, "target_akhir": ""}
    nilai.update(ubah)
    return layanan.target_revisi(indikator=ind, oleh=dunia.pengguna_a[Peran.OPERATOR], **nilai)


def test_revisi_baru_menyimpan_riwayat(rencana: Dunia) -> None:
    ind = _ind(rencana, "IKU1")
    hasil = _revisi(rencana, ind, label="Perubahan Kedua IKU", target={2025: "22,300", 2026: " 22,500 "},
                    target_akhir="22,500")
    assert hasil.peringatan == []
    rv = hasil.revisi
    assert (rv.ke, rv.label, rv.sumber, rv.dicatat_oleh) == (2, "Perubahan Kedua IKU", "Layar",
                                                             rencana.pengguna_a[Peran.OPERATOR])
    assert {n.tahun: n.teks for n in rv.nilai.all()} == {2025: "22,300", 2026: "22,500"}
    # In force: the new values; 2024 keeps the earlier revision's, 2023 the Awal target.
    assert [target_berlaku(indikator=ind, tahun=t).teks for t in (2023, 2024, 2025, 2026)] == [  # type: ignore[union-attr]
        "15,250", "21,750", "22,300", "22,500"]
    assert target_akhir_berlaku(list(ind.revisi.all())) == "22,500"
    # The history is whole: every earlier 2025 value is still there, in order.
    riwayat = [(r.ke, {n.tahun: n.teks for n in r.nilai.all()}.get(2025)) for r in ind.revisi.order_by("ke")]
    assert riwayat == [(0, "16,750"), (1, "22,150"), (2, "22,300")]
    # A label left empty is numbered.
    assert _revisi(rencana, ind, target={2026: "23,000"}).revisi.label == "Revisi 3"


def test_revisi_pertama_untuk_indikator_tanpa_target(rencana: Dunia) -> None:
    ind = _ind(rencana, "IP1")
    RevisiTarget.objects.filter(indikator=ind).delete()
    rv = _revisi(rencana, ind, target={2026: "3,00"}).revisi
    assert (rv.ke, rv.label) == (0, "Awal")


@pytest.mark.parametrize("ubah, kunci, pesan", [
    ({"alasan": "  "}, "alasan", "Alasan revisi wajib diisi"),
    ({"target": {2025: "1.5"}}, "target_2025", "gunakan koma untuk desimal (mis. 1,5)"),
    ({"target": {2025: "22,3 triliun"}}, "target_2025", "bukan angka"),
    ({"target": {2025: "1.234,5,6"}}, "target_2025", "lebih dari satu koma"),
    ({"target": {2030: "5"}}, "target_2030", "di luar periode Renstra 2023–2026"),
    ({"target": {2025: "22,300"}, "target_akhir": "akhir"}, "target_akhir", "bukan angka"),
    ({"target": {}}, "__all__", "Isi minimal satu target"),
    ({"target": {2025: "22,15", 2024: "21,7500"}}, "__all__", "tidak mengubah target apa pun"),
    ({"label": "x" * 61, "target": {2025: "1"}}, "label", "60 karakter"),
])
def test_revisi_tidak_valid_tidak_menulis_apa_pun(rencana: Dunia, ubah: dict[str, Any], kunci: str,
                                                  pesan: str) -> None:
    ind = _ind(rencana, "IKU1")
    with pytest.raises(ValidationError) as exc:
        _revisi(rencana, ind, **ubah)
    assert pesan in " ".join(_galat(exc)[kunci])
    assert ind.revisi.count() == 2


def test_revisi_angka_format_indonesia(rencana: Dunia) -> None:
    ind = _ind(rencana, "IKU1")
    hasil = _revisi(rencana, ind, target={2026: "1.234,56"})
    assert {n.tahun: n.teks for n in hasil.revisi.nilai.all()} == {2026: "1.234,56"}  # stored as written


def test_revisi_peringatan_target_di_bawah_tahun_lalu(rencana: Dunia) -> None:
    ind = _ind(rencana, "IKU1")
    # 2025 below the in-force 2024 target (21,750); 2026 below the new 2025 value in the same revision.
    peringatan = layanan.target_revisi_periksa(
        indikator=ind, label="", alasan="uji", target={2025: "21,000", 2026: "20,500"}, target_akhir=""
    )
    assert peringatan == [
        "Target 2025 (21,000) lebih rendah dari target berlaku 2024 (21,750).",
        "Target 2026 (20,500) lebih rendah dari target baru 2025 (21,000).",
    ]
    # A warning does not block: the service saves and returns it.
    hasil = _revisi(rencana, ind, target={2025: "21,000"})
    assert hasil.revisi.pk and len(hasil.peringatan) == 1


def test_revisi_peringatan_polaritas_negatif_terbalik(rencana: Dunia) -> None:
    ind = _ind(rencana, "IP2")  # lower is better: a higher target is the step back
    assert layanan.target_revisi_periksa(
        indikator=ind, label="", alasan="uji", target={2025: "8,00"}, target_akhir="") == []
    (p,) = layanan.target_revisi_periksa(
        indikator=ind, label="", alasan="uji", target={2025: "9,80"}, target_akhir="")
    assert "lebih tinggi (lebih buruk) dari target berlaku 2024 (9,50)" in p


def test_revisi_peringatan_titik_ribuan(rencana: Dunia) -> None:
    ind = _ind(rencana, "IKU1")
    (p,) = layanan.target_revisi_periksa(
        indikator=ind, label="", alasan="uji", target={2026: "22.800"}, target_akhir="")
    assert "dibaca 22800" in p and "mis. 22,800" in p


def test_revisi_peringatan_realisasi_tahun_lalu(rencana: Dunia, monkeypatch: pytest.MonkeyPatch) -> None:
    # The measurement app is built separately; when it provides realisasi_tahunan, it is used.
    dipanggil = []

    def realisasi_tahunan(indikator: Indikator, tahun: int) -> Decimal | None:
        dipanggil.append((indikator.pk, tahun))
        return Decimal("24.692") if tahun == 2025 else None

    modul = types.ModuleType("sakip.pengukuran.selectors")
    modul.realisasi_tahunan = realisasi_tahunan  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sakip.pengukuran.selectors", modul)
    ind = _ind(rencana, "IKU1")
    peringatan = layanan.target_revisi_periksa(
        indikator=ind, label="", alasan="uji", target={2026: "23,000"}, target_akhir="")
    assert peringatan == [
        "Target 2026 (23,000) lebih rendah dari realisasi 2025 (24,692); KemenPAN-RB meminta target tidak "
        "ditetapkan di bawah realisasi tahun sebelumnya."
    ]
    assert dipanggil == [(ind.pk, 2025)]


def test_revisi_hanya_operator_opd_sendiri(rencana: Dunia) -> None:
    with pytest.raises(PermissionDenied):
        layanan.target_revisi(indikator=_ind(rencana, "IKU1"), label="", alasan="x", target={2026: "30"},
                              target_akhir="", oleh=rencana.pengguna_a[Peran.KEPALA])
    with pytest.raises(PermissionDenied):
        layanan.target_revisi(indikator=_ind(rencana, "IKU1", rencana.opd_a2), label="", alasan="x",
                              target={2026: "30"}, target_akhir="", oleh=rencana.pengguna_a[Peran.OPERATOR])
    assert RevisiTarget.objects.filter(nilai__teks="30").count() == 0


def test_dua_formulir_basi_tidak_saling_menimpa(rencana: Dunia) -> None:
    # Two operators opened the same node at version 1; the second save must be refused.
    node = _node(rencana, "P1")
    assert _ubah_node(rencana, node, kinerja="Versi operator pertama", versi=1) == ["kinerja"]
    with pytest.raises(KonflikVersi) as galat:
        _ubah_node(rencana, node, kinerja="Versi operator kedua", versi=1)
    assert rencana.pengguna_a[Peran.OPERATOR].username in str(galat.value)
    node.refresh_from_db()
    assert node.kinerja == "Versi operator pertama" and node.versi == 2
    # Saved again deliberately, with the version it now knows.
    assert _ubah_node(rencana, node, kinerja="Versi operator kedua", versi=2) == ["kinerja"]


def test_revisi_target_tercatat_di_jejak_dengan_alasan(rencana: Dunia) -> None:
    ind = _ind(rencana, "IKU1")
    lama = target_berlaku(indikator=ind, tahun=2025)
    assert lama is not None
    layanan.target_revisi(indikator=ind, label="", alasan="Hasil evaluasi LHE", target={2025: "23,000"},
                          target_akhir="", oleh=rencana.pengguna_a[Peran.OPERATOR])
    jejak = Jejak.objects.get(jenis__model="indikator", objek_id=str(ind.pk), aksi="buat")
    assert jejak.alasan == "Hasil evaluasi LHE" and jejak.aksi == "buat"
    assert jejak.perubahan["target_2025"] == {"label": "Target 2025", "lama": lama.teks, "baru": "23,000"}
    assert "target_akhir" not in jejak.perubahan  # end target not touched
