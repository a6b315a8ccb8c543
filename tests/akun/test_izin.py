"""The central permission check against an explicit, human-readable table (DOMAIN §7)."""

import pytest

from sakip.akun.izin import Aksi, boleh, opd_terlihat, pemda_terlihat
from sakip.akun.models import Keanggotaan, Peran
from sakip.testing.dunia import Dunia

# What each role may do on its own OPD (OPD roles) or any OPD of its Pemda (Pemda roles).
# Written out by hand on purpose: it is the specification the code's MATRIKS must meet.
HARAPAN: dict[Peran, set[Aksi]] = {
    Peran.OPERATOR: {Aksi.LIHAT, Aksi.UNDUH_DOKUMEN, Aksi.UBAH_RENCANA, Aksi.ISI_REALISASI,
                     Aksi.AJUKAN},
    Peran.KEPALA: {Aksi.LIHAT, Aksi.UNDUH_DOKUMEN, Aksi.SETUJUI},
    Peran.VERIFIKATOR: {Aksi.LIHAT, Aksi.UNDUH_DOKUMEN, Aksi.VERIFIKASI},
    Peran.INSPEKTORAT: {Aksi.LIHAT, Aksi.UNDUH_DOKUMEN, Aksi.REVIU},
    Peran.ADMIN: {Aksi.LIHAT, Aksi.UNDUH_DOKUMEN, Aksi.BUKA_KUNCI, Aksi.ATUR_KEBIJAKAN,
                  Aksi.KELOLA_PENGGUNA},
    Peran.PEMBACA: {Aksi.LIHAT, Aksi.UNDUH_DOKUMEN},
}
PEMDA_SAJA = {Aksi.ATUR_KEBIJAKAN, Aksi.KELOLA_PENGGUNA}


@pytest.mark.parametrize("peran", list(Peran))
@pytest.mark.parametrize("aksi", list(Aksi))
def test_peran_pada_opd_sendiri(dunia: Dunia, peran: Peran, aksi: Aksi) -> None:
    user = dunia.pengguna_a[peran]
    assert boleh(user, aksi, opd=dunia.opd_a1) is (aksi in HARAPAN[peran])


@pytest.mark.parametrize("peran", list(Peran))
@pytest.mark.parametrize("aksi", list(Aksi))
def test_opd_lain_dalam_pemda_hanya_untuk_peran_pemda(
    dunia: Dunia, peran: Peran, aksi: Aksi
) -> None:
    user = dunia.pengguna_a[peran]
    lintas_opd = peran in {Peran.VERIFIKATOR, Peran.INSPEKTORAT, Peran.ADMIN, Peran.PEMBACA}
    assert boleh(user, aksi, opd=dunia.opd_a2) is (lintas_opd and aksi in HARAPAN[peran])


@pytest.mark.parametrize("peran", list(Peran))
@pytest.mark.parametrize("aksi", list(Aksi))
def test_pemda_lain_tidak_pernah(dunia: Dunia, peran: Peran, aksi: Aksi) -> None:
    assert not boleh(dunia.pengguna_a[peran], aksi, opd=dunia.opd_b1)
    assert not boleh(dunia.pengguna_a[peran], aksi, pemda=dunia.pemda_b)


@pytest.mark.parametrize("aksi", sorted(PEMDA_SAJA))
def test_aksi_pemda_butuh_keanggotaan_pemda(dunia: Dunia, aksi: Aksi) -> None:
    assert boleh(dunia.pengguna_a[Peran.ADMIN], aksi, pemda=dunia.pemda_a)
    # An OPD role never gets a Pemda-wide action, even on its own OPD.
    for peran in (Peran.OPERATOR, Peran.KEPALA):
        assert not boleh(dunia.pengguna_a[peran], aksi, pemda=dunia.pemda_a)
        assert not boleh(dunia.pengguna_a[peran], aksi, opd=dunia.opd_a1)


def test_opd_terlihat_dua_tenant(dunia: Dunia) -> None:
    operator = dunia.pengguna_a[Peran.OPERATOR]
    assert list(opd_terlihat(operator)) == [dunia.opd_a1]
    verifikator = dunia.pengguna_a[Peran.VERIFIKATOR]
    assert set(opd_terlihat(verifikator)) == {dunia.opd_a1, dunia.opd_a2}
    assert list(pemda_terlihat(verifikator)) == [dunia.pemda_a]
    assert dunia.tanpa_peran is not None
    assert not opd_terlihat(dunia.tanpa_peran).exists()


def test_pembaca_bisa_dibatasi_satu_opd(dunia: Dunia) -> None:
    user = dunia.pengguna_b[Peran.PEMBACA]
    Keanggotaan.objects.filter(user=user).update(opd=dunia.opd_b1)
    user._sakip_lingkup = None  # type: ignore[attr-defined]
    del user._sakip_lingkup  # type: ignore[attr-defined]
    assert boleh(user, Aksi.LIHAT, opd=dunia.opd_b1)
    assert list(opd_terlihat(user)) == [dunia.opd_b1]


def test_pengguna_nonaktif_tidak_boleh_apa_pun(dunia: Dunia) -> None:
    user = dunia.pengguna_a[Peran.ADMIN]
    user.is_active = False
    assert not boleh(user, Aksi.LIHAT, opd=dunia.opd_a1)


def test_keanggotaan_peran_opd_wajib_opd(dunia: Dunia) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Keanggotaan.objects.create(
            user=dunia.pengguna_a[Peran.PEMBACA], peran=Peran.OPERATOR, pemda=dunia.pemda_a
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Keanggotaan.objects.create(
            user=dunia.pengguna_a[Peran.PEMBACA], peran=Peran.ADMIN, pemda=dunia.pemda_a,
            opd=dunia.opd_a1,
        )
