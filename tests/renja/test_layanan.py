"""`evaluasi_renja_isi`: validation, all or nothing, audit trail, optimistic locking, permission."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from sakip.akun.models import Keanggotaan, Peran, User
from sakip.audit.models import Jejak
from sakip.organisasi.models import PerangkatDaerah
from sakip.renja.layanan import IsianBaris, IsianTidakValid, baris_beruang, evaluasi_renja_isi
from sakip.renja.models import EvaluasiRenja
from sakip.renja.selectors import tabel_evaluasi

pytestmark = pytest.mark.django_db


@pytest.fixture
def dkukm(demo_renja: list[str]) -> PerangkatDaerah:
    return PerangkatDaerah.objects.get(slug="babel-dkukm")


def _pengguna(opd: PerangkatDaerah, peran: Peran, nama: str) -> User:
    user = User.objects.create_user(username=nama, password="x-uji-123")
    Keanggotaan.objects.create(user=user, peran=peran, pemda=opd.pemda, opd=opd if peran == Peran.OPERATOR else None)
    return user


def _baris(opd: PerangkatDaerah, node: str, indikator: str | None = None) -> EvaluasiRenja:
    qs = EvaluasiRenja.objects.filter(opd=opd, tahun=2022, node__ref=node)
    return qs.get(indikator__ref=indikator) if indikator else qs.order_by("urutan").first()  # type: ignore[return-value]


def test_baris_beruang_hanya_simpul_terbawah_baris_pertama(dkukm: PerangkatDaerah) -> None:
    semua = list(EvaluasiRenja.objects.filter(opd=dkukm, tahun=2022).select_related("node"))
    beruang = {b.node.ref for b in semua if b.pk in baris_beruang(semua)}
    assert "SK1.1.1" in beruang and "P1" not in beruang and "K1.1" not in beruang
    assert all(b.node.jenis == "sub_kegiatan" or not any(
        c.node.induk_id == b.node_id for c in semua) for b in semua if b.pk in baris_beruang(semua))


def test_simpan_menghitung_ulang_dan_mencatat_jejak(dkukm: PerangkatDaerah) -> None:
    operator = _pengguna(dkukm, Peran.OPERATOR, "op")
    sk = _baris(dkukm, "SK1.1.1")
    hasil = evaluasi_renja_isi(opd=dkukm, tahun=2022, oleh=operator, isian=[
        IsianBaris(sk.pk, {"tw4_rp": "40.000.000,50", "faktor_pendukung": " Koordinasi baik "}, 0)])
    assert (hasil.diubah, hasil.tetap) == (1, 0)
    sk.refresh_from_db()
    assert sk.tw4_rp == Decimal("40000000.50") and sk.faktor_pendukung == "Koordinasi baik" and sk.versi == 1
    jejak = Jejak.objects.get(objek_id=str(sk.pk))
    assert jejak.aksi == "ubah" and jejak.opd_id == dkukm.pk and jejak.sumber == "layar"
    assert jejak.perubahan["tw4_rp"] == {"label": "Realisasi TW IV (Rp)", "lama": "44371813.00", "baru": "40000000.50"}
    # The table follows: P1's money is the roll-up of its sub kegiatan.
    tabel = tabel_evaluasi(opd=dkukm, tahun=2022)
    assert tabel.baris_node("P1")[0].realisasi.rp == Decimal("10839100308") - Decimal("4371812.50")
    # The same values again: nothing written, no new trail.
    ulang = evaluasi_renja_isi(opd=dkukm, tahun=2022, oleh=operator, isian=[
        IsianBaris(sk.pk, {"tw4_rp": "40.000.000,5"}, 0)])
    assert (ulang.diubah, ulang.tetap) == (1 - 1, 1) and Jejak.objects.filter(objek_id=str(sk.pk)).count() == 1


def test_semua_kesalahan_dilaporkan_tidak_ada_yang_disimpan(dkukm: PerangkatDaerah) -> None:
    sk, sk2, p1 = _baris(dkukm, "SK1.1.1"), _baris(dkukm, "SK1.1.2"), _baris(dkukm, "P1", "I-P1")
    jejak_awal = Jejak.objects.count()
    with pytest.raises(IsianTidakValid) as e:
        evaluasi_renja_isi(opd=dkukm, tahun=2022, oleh=None, isian=[
            IsianBaris(sk.pk, {"tw4_k": "8"}),  # valid, but the submission fails as a whole
            IsianBaris(sk2.pk, {"tw4_k": "1,2,3", "tw4_rp": "-5", "tw1_k": "2"}),
            IsianBaris(p1.pk, {"tw4_rp": "1.000", "tw2_k": "3", "hanya_tahunan": "0"}),
            IsianBaris(999999, {"tw4_k": "1"}),
        ])
    g = e.value.galat
    assert set(g[sk2.pk]) == {"tw4_k", "tw4_rp", "tw1_k"}
    assert "negatif" in g[sk2.pk]["tw4_rp"][0] and "setahun saja" in g[sk2.pk]["tw1_k"][0]
    assert "jumlah dari baris di bawahnya" in g[p1.pk]["tw4_rp"][0] and "setahun" in g[p1.pk]["tw2_k"][0]
    assert "tidak dapat diisi" in g[p1.pk][""][0]
    assert "tidak ada" in g[999999][""][0]
    assert sk.pk not in g
    sk.refresh_from_db()
    assert sk.tw4_k == Decimal(7) and Jejak.objects.count() == jejak_awal
    # The message names the row and field in words (shown by the CLI).
    assert any("Realisasi TW I (K)" in m and "Evaluasi Kinerja" in m for m in e.value.messages)


def test_konflik_versi(dkukm: PerangkatDaerah) -> None:
    a, b = _pengguna(dkukm, Peran.OPERATOR, "op-a"), _pengguna(dkukm, Peran.OPERATOR, "op-b")
    sk = _baris(dkukm, "SK1.1.1")
    evaluasi_renja_isi(opd=dkukm, tahun=2022, oleh=a, isian=[IsianBaris(sk.pk, {"tw4_k": "8"}, 0)])
    with pytest.raises(IsianTidakValid) as e:
        evaluasi_renja_isi(opd=dkukm, tahun=2022, oleh=b, isian=[IsianBaris(sk.pk, {"tw4_k": "9"}, 0)])
    assert "telah diubah oleh op-a" in e.value.galat[sk.pk][""][0]
    # Submitting what is stored with a stale version is no conflict: nothing would be overwritten.
    assert evaluasi_renja_isi(opd=dkukm, tahun=2022, oleh=b, isian=[IsianBaris(sk.pk, {"tw4_k": "8"}, 0)]).tetap == 1
    sk.refresh_from_db()
    assert sk.tw4_k == Decimal(8) and sk.versi == 1


def test_izin(dkukm: PerangkatDaerah) -> None:
    sk = _baris(dkukm, "SK1.1.1")
    for peran in (Peran.PEMBACA, Peran.VERIFIKATOR):
        with pytest.raises(PermissionDenied):
            evaluasi_renja_isi(opd=dkukm, tahun=2022, oleh=_pengguna(dkukm, peran, f"u-{peran.value}"),
                               isian=[IsianBaris(sk.pk, {"tw4_k": "1"})])
    sk.refresh_from_db()
    assert sk.tw4_k == Decimal(7)


def test_baris_opd_lain_tidak_tersentuh(dkukm: PerangkatDaerah) -> None:
    lain = PerangkatDaerah.objects.create(pemda=dkukm.pemda, slug="babel-lain", nama="Dinas Lain")
    sk = _baris(dkukm, "SK1.1.1")
    with pytest.raises(IsianTidakValid):
        evaluasi_renja_isi(opd=lain, tahun=2022, oleh=None, isian=[IsianBaris(sk.pk, {"tw4_k": "1"})])
    sk.refresh_from_db()
    assert sk.tw4_k == Decimal(7)
