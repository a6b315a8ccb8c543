from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sakip.akun.models import Peran
from sakip.audit.layanan import (
    KonflikVersi,
    alasan_wajib,
    jejak_catat,
    perubahan_dari,
    potret,
    teks_nilai,
    versi_periksa,
)
from sakip.audit.models import AksiJejak, Jejak
from sakip.audit.selectors import jejak_objek, jejak_opd
from sakip.testing.dunia import Dunia


def test_teks_nilai_tepat_dan_tanpa_format_lokal() -> None:
    assert teks_nilai(Decimal("22.30000000")) == "22.30000000"
    assert teks_nilai(Decimal("1916311.34")) == "1916311.34"
    assert teks_nilai(Decimal("5E+2")) == "500"
    assert teks_nilai(None) == "" and teks_nilai(True) == "ya"


def test_perubahan_hanya_yang_berbeda() -> None:
    ubah = perubahan_dari({"a": Decimal("1.0"), "b": "x"}, {"a": Decimal("1.5"), "b": "x", "c": "baru"},
                          label={"a": "Target"})
    assert ubah == {
        "a": {"label": "Target", "lama": "1.0", "baru": "1.5"},
        "c": {"label": "c", "lama": "", "baru": "baru"},
    }


def test_jejak_tercatat_dan_terlingkup_opd(dunia: Dunia) -> None:
    operator = dunia.pengguna_a[Peran.OPERATOR]
    opd = dunia.opd_a1
    sebelum = potret(opd, ["nama"])
    opd.nama = "Dinas Satu A (baru)"
    jejak = jejak_catat(oleh=operator, objek=opd, opd=opd, aksi=AksiJejak.UBAH,
                        perubahan=perubahan_dari(sebelum, potret(opd, ["nama"])), alasan="nomenklatur")
    assert jejak is not None and jejak.pemda_id == dunia.pemda_a.pk and jejak.pengguna == operator
    assert jejak.perubahan["nama"]["baru"] == "Dinas Satu A (baru)"
    # nothing changed → nothing recorded
    assert jejak_catat(oleh=operator, objek=opd, opd=opd, aksi=AksiJejak.UBAH, perubahan={}) is None
    assert list(jejak_objek(opd)) == [jejak]
    assert list(jejak_opd(opd)) == [jejak] and not jejak_opd(dunia.opd_b1).exists()
    assert Jejak.objects.count() == 1


def test_alasan_wajib() -> None:
    with pytest.raises(ValidationError) as galat:
        alasan_wajib("  ", mengapa="triwulan ini sudah diajukan")
    assert "sudah diajukan" in str(galat.value)
    assert alasan_wajib(" salah ketik ", mengapa="x") == "salah ketik"


class _Rekaman:
    def __init__(self, pk: int, versi: int) -> None:
        self.pk, self.versi = pk, versi


def test_konflik_versi_menyebut_pengubah(dunia: Dunia) -> None:
    opd = dunia.opd_a1
    verifikator = dunia.pengguna_a[Peran.VERIFIKATOR]
    jejak_catat(oleh=verifikator, objek=opd, opd=opd, aksi=AksiJejak.UBAH,
                perubahan={"nama": {"label": "nama", "lama": "a", "baru": "b"}})
    opd.versi = 3  # type: ignore[attr-defined]
    versi_periksa(opd, 3)
    versi_periksa(opd, None)  # import/CLI: no form version
    with pytest.raises(KonflikVersi) as galat:
        versi_periksa(opd, "2")
    assert verifikator.username in str(galat.value) and "belum disimpan" in str(galat.value)
