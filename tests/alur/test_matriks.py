"""Every workflow and realisation-entry view × role × own OPD / other OPD / other Pemda."""

from sakip.testing import kasus_alur, kasus_pengukuran
from sakip.testing.akses import periksa_matriks
from sakip.testing.dunia import Dunia


def test_matriks_alur(dunia: Dunia) -> None:
    kasus = kasus_alur.kasus(dunia)
    assert periksa_matriks(dunia, kasus) == len(kasus) * 19


def test_matriks_realisasi(dunia: Dunia, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    kasus = kasus_pengukuran.kasus(dunia)
    assert periksa_matriks(dunia, kasus) == len(kasus) * 19
