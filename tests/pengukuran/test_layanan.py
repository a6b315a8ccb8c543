"""Services: saving a quarter recomputes exactly what depends on it; audit, permission, evidence."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sakip.akun.models import Peran
from sakip.audit.models import Jejak
from sakip.audit.selectors import jejak_objek
from sakip.pengukuran.layanan import bukti_tambah, capaian_recompute, realisasi_simpan
from sakip.pengukuran.models import (
    HasilCapaian,
    HasilRollup,
    IsianTriwulan,
    LevelRollup,
    Narasi,
    NilaiDataElemen,
    Realisasi,
)
from sakip.testing.dunia import Dunia

from .conftest import Rencana

D = Decimal


def _hasil(ind, tahun=2025, tw=0) -> HasilCapaian:
    return HasilCapaian.objects.get(indikator=ind, tahun=tahun, triwulan=tw)


def _opd(rencana: Rencana, tahun: int = 2025) -> HasilRollup:
    return HasilRollup.objects.get(opd=rencana.opd, level=LevelRollup.OPD, tahun=tahun, triwulan=0)


def _isi(rencana: Rencana, operator) -> None:
    """lkjip-2025's numbers in the small plan: unit 23.479 → 24.374, IKU1 by quarters."""
    realisasi_simpan(indikator=rencana.iku_tumbuh, tahun=2024, triwulan=4, data={"unit": D(23479)}, oleh=operator)
    realisasi_simpan(indikator=rencana.iku_tumbuh, tahun=2025, triwulan=4, data={"unit": D(24374)}, oleh=operator)
    for tw, v in enumerate(["5.830", "6.170", "6.080", "6.612"], start=1):
        realisasi_simpan(indikator=rencana.iku_langsung, tahun=2025, triwulan=tw, nilai=D(v), oleh=operator)
    realisasi_simpan(indikator=rencana.dokumen, tahun=2025, triwulan=4, nilai=D(12), oleh=operator)


def test_simpan_mengembalikan_hasil_triwulan(rencana: Rencana, dunia: Dunia) -> None:
    operator = dunia.pengguna_a[Peran.OPERATOR]
    hasil = realisasi_simpan(
        indikator=rencana.iku_langsung, tahun=2025, triwulan=1, nilai=D("5.830"), oleh=operator
    )
    assert (hasil.triwulan, hasil.realisasi_teks, hasil.teks) == (1, "5,830", "tidak terukur")
    assert hasil.alasan == "indikator berjenis jumlah diukur atas jumlah setahun, bukan per triwulan"
    _isi(rencana, operator)
    iku1 = _hasil(rencana.iku_langsung)
    assert (iku1.teks, iku1.band, iku1.warna) == ("110,73%", "Sangat Baik", "#1B5E20")
    tumbuh = _hasil(rencana.iku_tumbuh)
    assert (tumbuh.realisasi_teks, tumbuh.teks) == ("3,81", "138,62%")
    assert _opd(rencana).jejak == "(110,73 + 138,62) / 2 = 124,67%"  # exact mean, then rounded


def test_ubah_data_tahun_lalu_menghitung_ulang_pertumbuhan_dan_opd(
    rencana: Rencana, dunia: Dunia, django_assert_max_num_queries
) -> None:
    operator = dunia.pengguna_a[Peran.OPERATOR]
    _isi(rencana, operator)
    dokumen_sebelum = _hasil(rencana.dokumen).dihitung_pada
    opd_sebelum = _opd(rencana).teks
    # Queries of one save of a data element read through prev() by next year's growth indicator:
    # savepoint + release (2), the indicator with plan/OPD/Pemda (1), the user's memberships for
    # the permission check (1, cached here by the earlier saves), the quarter's workflow status
    # and the indicator-quarter's version row, both locked (2), data elements + locked old values
    # + upsert (3), dependency lookup: plans, element formulas, formula indicators (3), version
    # bump + audit row (2), the loader for the affected years (7), results upsert (1), roll-up
    # members + their stored results + roll-up upsert for each of the two years (2 × 3), the
    # returned row (1): 29. The number depends on neither the number of indicators nor of quarters.
    with django_assert_max_num_queries(29):
        realisasi_simpan(indikator=rencana.iku_tumbuh, tahun=2024, triwulan=4, data={"unit": D(20000)}, oleh=operator)
    tumbuh = _hasil(rencana.iku_tumbuh)
    assert tumbuh.realisasi_teks == "21,87"  # (24.374 − 20.000) / 20.000
    assert tumbuh.jejak.splitlines()[0] == "TW IV: (24.374 − 20.000) / 20.000 × 100% = 21,87%"
    assert _opd(rencana).teks != opd_sebelum
    assert _opd(rencana).jejak == "(110,73 + 795,27) / 2 = 453,00%"
    # Only what depends on `unit` was rewritten.
    assert _hasil(rencana.dokumen).dihitung_pada == dokumen_sebelum
    # The rows the saves produced are exactly those of a full recompute (which also fills the
    # rows of indicators nobody touched).
    kolom = ("indikator", "tahun", "triwulan", "realisasi", "teks", "capaian_eksak", "jejak", "alasan")
    sebagian = set(HasilCapaian.objects.values_list(*kolom))
    rollup = set(HasilRollup.objects.values_list("kunci", "tahun", "triwulan", "teks", "nilai_eksak", "jejak"))
    capaian_recompute(opd=rencana.opd)
    assert sebagian <= set(HasilCapaian.objects.values_list(*kolom))
    assert rollup <= set(HasilRollup.objects.values_list("kunci", "tahun", "triwulan", "teks", "nilai_eksak", "jejak"))


def test_elemen_turunan_ikut_berubah(rencana: Rencana, dunia: Dunia) -> None:
    operator = dunia.pengguna_a[Peran.OPERATOR]
    realisasi_simpan(indikator=rencana.rasio, tahun=2025, triwulan=4, data={"a": D(35), "b": D(90)}, oleh=operator)
    assert _hasil(rencana.rasio).jejak.splitlines()[0] == "TW IV: 70 / 90 × 100% = 77,78%"  # a_kali_dua = a × 2
    # Saved through another indicator's form: the dependency is found from the formulas.
    realisasi_simpan(indikator=rencana.dokumen, tahun=2025, triwulan=4, data={"a": D(45)}, oleh=operator)
    assert _hasil(rencana.rasio).realisasi_teks == "100,00"


def test_riwayat_dan_menghapus_nilai(rencana: Rencana, dunia: Dunia) -> None:
    operator = dunia.pengguna_a[Peran.OPERATOR]
    realisasi_simpan(indikator=rencana.dokumen, tahun=2025, triwulan=2, nilai=D(5), oleh=operator)
    realisasi_simpan(indikator=rencana.dokumen, tahun=2025, triwulan=2, nilai=D(6), oleh=operator)
    realisasi_simpan(
        indikator=rencana.dokumen, tahun=2025, triwulan=2, nilai=None,
        narasi={"pendukung": "Rapat rutin", "penghambat": None}, oleh=operator,
    )
    assert not Realisasi.objects.filter(indikator=rencana.dokumen).exists()
    # One audit row (sakip.audit.Jejak) per save, on the indicator-quarter, with every changed part.
    isian = IsianTriwulan.objects.get(indikator=rencana.dokumen, tahun=2025, triwulan=2)
    riwayat = [
        ({k: (v["lama"], v["baru"]) for k, v in j.perubahan.items()}, j.pengguna_id, j.opd_id)
        for j in jejak_objek(isian).order_by("pk")
    ]
    assert riwayat == [
        ({"realisasi": ("", "5")}, operator.pk, rencana.opd.pk),
        ({"realisasi": ("5", "6")}, operator.pk, rencana.opd.pk),
        ({"realisasi": ("6", ""), "narasi:pendukung": ("", "Rapat rutin")}, operator.pk, rencana.opd.pk),
    ]
    assert isian.versi == 3
    assert Narasi.objects.get(indikator=rencana.dokumen, tahun=2025, triwulan=2).pendukung == "Rapat rutin"
    assert _hasil(rencana.dokumen, tw=2).alasan == "realisasi TW I s.d. TW II belum diisi"
    # Saving the same value again changes nothing and writes no audit row.
    jumlah = Jejak.objects.count()
    realisasi_simpan(indikator=rencana.dokumen, tahun=2025, triwulan=2, nilai=None, oleh=operator)
    assert Jejak.objects.count() == jumlah


def test_nilai_tahunan_langsung(rencana: Rencana, dunia: Dunia) -> None:
    operator = dunia.pengguna_a[Peran.OPERATOR]
    hasil = realisasi_simpan(indikator=rencana.iku_langsung, tahun=2025, triwulan=0, nilai=D("24.692"), oleh=operator)
    assert (hasil.triwulan, hasil.teks) == (0, "110,73%")
    with pytest.raises(ValidationError):
        realisasi_simpan(indikator=rencana.iku_langsung, tahun=2025, triwulan=0, data={"unit": D(1)}, oleh=operator)


@pytest.mark.parametrize("peran", [Peran.PEMBACA, Peran.KEPALA, Peran.VERIFIKATOR])
def test_simpan_tanpa_izin_ditolak(rencana: Rencana, dunia: Dunia, peran: Peran) -> None:
    with pytest.raises(PermissionDenied):
        realisasi_simpan(indikator=rencana.dokumen, tahun=2025, triwulan=1, nilai=D(1), oleh=dunia.pengguna_a[peran])
    assert not Realisasi.objects.exists()


def test_simpan_opd_lain_ditolak(rencana: Rencana, dunia: Dunia) -> None:
    with pytest.raises(PermissionDenied):
        realisasi_simpan(
            indikator=rencana.dokumen, tahun=2025, triwulan=1, nilai=D(1), oleh=dunia.pengguna_b[Peran.OPERATOR]
        )


def test_simpan_menolak_masukan_salah(rencana: Rencana, dunia: Dunia) -> None:
    operator = dunia.pengguna_a[Peran.OPERATOR]
    with pytest.raises(ValidationError, match="tidak dikenal di OPD ini: tidak_ada"):
        realisasi_simpan(indikator=rencana.rasio, tahun=2025, triwulan=1, data={"tidak_ada": D(1)}, oleh=operator)
    with pytest.raises(ValidationError, match="bukan float"):
        realisasi_simpan(indikator=rencana.dokumen, tahun=2025, triwulan=1, nilai=1.5, oleh=operator)
    with pytest.raises(ValidationError, match="Triwulan"):
        realisasi_simpan(indikator=rencana.dokumen, tahun=2025, triwulan=5, nilai=D(1), oleh=operator)
    assert not NilaiDataElemen.objects.exists() and not Realisasi.objects.exists()


def test_bukti_validasi_berkas(rencana: Rencana, dunia: Dunia, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    operator = dunia.pengguna_a[Peran.OPERATOR]
    pdf = SimpleUploadedFile("ba-tw1.pdf", b"%PDF-1.4 isi", content_type="application/pdf")
    b = bukti_tambah(indikator=rencana.dokumen, tahun=2025, triwulan=1, jenis="dokumen", berkas=pdf,
                     keterangan="Berita acara TW I", oleh=operator)
    assert b.berkas.name.startswith(f"bukti/{rencana.opd.pk}/2025/") and (tmp_path / b.berkas.name).exists()
    exe = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError, match="Jenis berkas 'exe' tidak diizinkan. Unggah berkas PDF, JPG, PNG, XLSX, atau DOCX."):
        bukti_tambah(indikator=rencana.dokumen, tahun=2025, triwulan=1, jenis="dokumen", berkas=exe, oleh=operator)
    besar = SimpleUploadedFile("foto.png", b"x" * (10 * 1024 * 1024 + 1), content_type="image/png")
    with pytest.raises(ValidationError, match="Ukuran berkas 10,0 MB melebihi batas 10 MB"):
        bukti_tambah(indikator=rencana.dokumen, tahun=2025, triwulan=1, jenis="dokumen", berkas=besar, oleh=operator)
    with pytest.raises(ValidationError, match="wajib berisi alamat"):
        bukti_tambah(indikator=rencana.dokumen, tahun=2025, triwulan=1, jenis="tautan", oleh=operator)
    with pytest.raises(ValidationError, match="tidak valid"):
        bukti_tambah(indikator=rencana.dokumen, tahun=2025, triwulan=1, jenis="tautan", url="drive/abc", oleh=operator)
    t = bukti_tambah(indikator=rencana.dokumen, tahun=2025, triwulan=1, jenis="tautan",
                     url="https://shorturl.at/pmf2a", oleh=operator)
    assert t.urutan == 1
    with pytest.raises(PermissionDenied):
        bukti_tambah(indikator=rencana.dokumen, tahun=2025, triwulan=1, jenis="tautan",
                     url="https://contoh.go.id", oleh=dunia.pengguna_a[Peran.PEMBACA])


def test_indikator_kualitatif_dan_nilai_raksasa(rencana: Rencana, dunia: Dunia) -> None:
    operator = dunia.pengguna_a[Peran.OPERATOR]
    opini = rencana.dokumen
    opini.polaritas, opini.skala_kualitatif = "kualitatif", "opini-bpk"
    opini.save(update_fields=["polaritas", "skala_kualitatif"])
    from sakip.perencanaan.models import NilaiTarget

    NilaiTarget.objects.filter(revisi__indikator=opini).update(teks="WTP")
    hasil = realisasi_simpan(indikator=opini, tahun=2025, triwulan=4, label="WDP", oleh=operator)
    assert (hasil.realisasi_teks, hasil.teks) == ("WDP", "75,00%")
    with pytest.raises(ValidationError, match="tidak ada dalam skala Opini BPK"):
        realisasi_simpan(indikator=opini, tahun=2025, triwulan=4, label="Baik", oleh=operator)
    with pytest.raises(ValidationError, match="bukan angka"):
        realisasi_simpan(indikator=opini, tahun=2025, triwulan=4, nilai=D(3), oleh=operator)
    # A formula over a tiny divisor: the number is kept as text, the numeric columns stay empty.
    hasil = realisasi_simpan(
        indikator=rencana.rasio, tahun=2025, triwulan=4, data={"a": D(10) ** 15, "b": D("0.00000001")}, oleh=operator
    )
    assert hasil.realisasi is None and hasil.nilai_tampil is None and hasil.terukur
    assert hasil.realisasi_teks == "20.000.000.000.000.000.000.000.000,00"  # 2 × 10^15 / 10^-8 × 100
    with pytest.raises(ValidationError, match="terlalu besar"):
        realisasi_simpan(indikator=rencana.rasio, tahun=2025, triwulan=4, data={"a": D(10) ** 20}, oleh=operator)
