"""A small two-Pemda world with one user per role, for access and leak tests.

Pemda A has OPD a1 and a2; Pemda B has OPD b1. OPD roles (operator, kepala) are made for a1 and
b1; Pemda-wide roles (verifikator, inspektorat, admin, pembaca) for A and B.
"""

from dataclasses import dataclass, field

from sakip.akun.models import PERAN_OPD, Keanggotaan, Peran, User
from sakip.organisasi.models import Pemda, PerangkatDaerah

PASSWORD = "uji-rahasia-123"


@dataclass
class Dunia:
    pemda_a: Pemda
    pemda_b: Pemda
    opd_a1: PerangkatDaerah
    opd_a2: PerangkatDaerah
    opd_b1: PerangkatDaerah
    pengguna_a: dict[Peran, User] = field(default_factory=dict)  # roles in Pemda A / OPD a1
    pengguna_b: dict[Peran, User] = field(default_factory=dict)  # roles in Pemda B / OPD b1
    tanpa_peran: User | None = None


def _pengguna(username: str, peran: Peran, pemda: Pemda, opd: PerangkatDaerah | None) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, nama=username)
    Keanggotaan.objects.create(user=user, peran=peran, pemda=pemda, opd=opd)
    return user


def buat_dunia() -> Dunia:
    pemda_a = Pemda.objects.create(slug="uji-a", nama="Provinsi Uji A", jenis="provinsi")
    pemda_b = Pemda.objects.create(slug="uji-b", nama="Provinsi Uji B", jenis="provinsi")
    dunia = Dunia(
        pemda_a=pemda_a,
        pemda_b=pemda_b,
        opd_a1=PerangkatDaerah.objects.create(pemda=pemda_a, slug="uji-a-satu", nama="Dinas Satu A"),
        opd_a2=PerangkatDaerah.objects.create(pemda=pemda_a, slug="uji-a-dua", nama="Dinas Dua A"),
        opd_b1=PerangkatDaerah.objects.create(pemda=pemda_b, slug="uji-b-satu", nama="Dinas Satu B"),
    )
    for peran in Peran:
        opd_a = dunia.opd_a1 if peran in PERAN_OPD else None
        opd_b = dunia.opd_b1 if peran in PERAN_OPD else None
        dunia.pengguna_a[peran] = _pengguna(f"a-{peran.value}", peran, pemda_a, opd_a)
        dunia.pengguna_b[peran] = _pengguna(f"b-{peran.value}", peran, pemda_b, opd_b)
    dunia.tanpa_peran = User.objects.create_user(username="tanpa-peran", password=PASSWORD)
    return dunia
