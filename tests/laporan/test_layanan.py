"""Services: optimistic locking, audit trail, validation."""


import pytest
from django.core.exceptions import ValidationError

from sakip.audit.layanan import KonflikVersi
from sakip.audit.models import Jejak
from sakip.laporan import layanan
from sakip.laporan.models import Narasi, RekomendasiLHE
from sakip.testing.dunia import Dunia


def test_narasi_kunci_versi_jejak(dunia: Dunia) -> None:
    opd, op = dunia.opd_a1, dunia.pengguna_a[next(iter(dunia.pengguna_a))]
    with pytest.raises(ValidationError, match="bagian narasi 'pengantar' tidak dikenal"):
        layanan.narasi_simpan(opd=opd, tahun=2025, kunci="pengantar", teks="x", oleh=op, versi=0)
    assert layanan.narasi_simpan(opd=opd, tahun=2025, kunci="inovasi", teks="Satu\r\n\r\nDua", oleh=op, versi=0)
    n = Narasi.objects.get(laporan__opd=opd, kunci="inovasi")
    assert (n.teks, n.versi) == ("Satu\n\nDua", 1)
    assert not layanan.narasi_simpan(opd=opd, tahun=2025, kunci="inovasi", teks="Satu\n\nDua ", oleh=op, versi=1)
    assert layanan.narasi_simpan(opd=opd, tahun=2025, kunci="inovasi", teks="Tiga", oleh=op, versi=1)
    # a form opened at version 1 is now stale: refused, text kept
    with pytest.raises(KonflikVersi, match="telah diubah"):
        layanan.narasi_simpan(opd=opd, tahun=2025, kunci="inovasi", teks="Lama", oleh=op, versi=1)
    n.refresh_from_db()
    assert (n.teks, n.versi) == ("Tiga", 2)
    jejak = Jejak.objects.filter(objek_id=str(n.pk)).order_by("pk")
    assert [j.aksi for j in jejak] == ["buat", "ubah"]
    assert jejak[1].perubahan["teks"] == {"label": "teks", "lama": "Satu\n\nDua", "baru": "Tiga"}
    assert jejak[1].pengguna_id == op.pk and jejak[1].opd_id == opd.pk
    # a form opened on a section that did not exist, after someone else created it
    with pytest.raises(KonflikVersi):
        layanan.narasi_simpan(opd=opd, tahun=2025, kunci="inovasi", teks="x", oleh=op, versi=0)


def test_rekomendasi_simpan_ubah_hapus(dunia: Dunia) -> None:
    opd = dunia.opd_a1
    with pytest.raises(ValidationError) as exc:
        layanan.rekomendasi_simpan(opd=opd, tahun=2025, oleh=None, pk=None, versi=0, uraian=" ",
                                   bukti=["ftp://x", "https://ok.example/a"])
    assert exc.value.message_dict == {"uraian": ["Rekomendasi wajib diisi."],
                                      "bukti": ["Bukan tautan http(s) yang valid: ftp://x"]}
    assert not RekomendasiLHE.objects.exists()
    a = layanan.rekomendasi_simpan(opd=opd, tahun=2025, oleh=None, pk=None, versi=0, uraian="A",
                                   tw=[True, False, False, True], bukti=["https://ok.example/a"])
    b = layanan.rekomendasi_simpan(opd=opd, tahun=2025, oleh=None, pk=None, versi=0, uraian="B")
    assert (a.urutan, b.urutan, a.tw) == (0, 1, [True, False, False, True])
    a2 = layanan.rekomendasi_simpan(opd=opd, tahun=2025, oleh=None, pk=a.pk, versi=1, uraian="A",
                                    status="Selesai", tw=[True, True, False, True], bukti=a.bukti)
    assert a2.versi == 2
    ubah = Jejak.objects.filter(objek_id=str(a.pk), aksi="ubah").get()
    assert set(ubah.perubahan) == {"status", "tw2"}
    with pytest.raises(KonflikVersi):
        layanan.rekomendasi_hapus(opd=opd, tahun=2025, oleh=None, pk=a.pk, versi=1)
    # another OPD cannot reach this row
    with pytest.raises(RekomendasiLHE.DoesNotExist):
        layanan.rekomendasi_hapus(opd=dunia.opd_a2, tahun=2025, oleh=None, pk=a.pk, versi=2)
    layanan.rekomendasi_hapus(opd=opd, tahun=2025, oleh=None, pk=a.pk, versi=2)
    b.refresh_from_db()
    assert b.urutan == 0 and Jejak.objects.filter(objek_id=str(a.pk), aksi="hapus").exists()


def test_lhe_simpan_validasi(dunia: Dunia) -> None:
    from decimal import Decimal

    opd = dunia.opd_a1
    with pytest.raises(ValidationError) as exc:
        layanan.lhe_simpan(opd=opd, tahun=2025, oleh=None, versi=0, nomor="1", tanggal=None, perihal="", dari="",
                           tahun_evaluasi=1990, predikat="BB", interpretasi="", nilai=Decimal("101"))
    assert set(exc.value.message_dict) == {"tahun_evaluasi", "nilai"}
    assert layanan.lhe_simpan(opd=opd, tahun=2025, oleh=None, versi=0, nomor="700/1", tanggal=None, perihal="",
                              dari="", tahun_evaluasi=2024, predikat="BB", interpretasi="Sangat Baik",
                              nilai=Decimal("76.90"))
    assert Jejak.objects.filter(aksi="ubah", objek_label="LKjIP 2025 · LHE SAKIP").count() == 1
