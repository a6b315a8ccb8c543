"""The permission matrix runner: every view × role × own/other OPD.

A capability lists its views and actions as `KasusAkses` and calls `periksa_matriks`. For each
role of Pemda A, against OPD a1 (own), a2 (same Pemda, other OPD) and b1 (other Pemda), the
response must be:

- success (`sukses` codes) when `boleh()` grants the declared action;
- 404 when the OPD is invisible to the user (another OPD's data does not exist for them);
- 403 when the OPD is visible but the role lacks the action;
- a redirect to the login page for an anonymous visitor.

That the central `boleh()` itself grants the right things is tested separately against an
explicit table (tests/akun/test_izin.py); this runner proves every view asks it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.test import Client

from sakip.akun.izin import Aksi, boleh, opd_terlihat
from sakip.organisasi.models import PerangkatDaerah

from .dunia import Dunia


@dataclass(frozen=True)
class KasusAkses:
    nama: str
    url: Callable[[PerangkatDaerah], str]
    aksi: Aksi
    method: str = "get"
    data: Callable[[PerangkatDaerah], dict[str, Any]] | None = None
    sukses: tuple[int, ...] = (200, 302)
    extra: dict[str, Any] = field(default_factory=dict)


def _minta(client: Client, kasus: KasusAkses, opd: PerangkatDaerah) -> int:
    url = kasus.url(opd)
    data = kasus.data(opd) if kasus.data else {}
    response = getattr(client, kasus.method)(url, data, **kasus.extra)
    return int(response.status_code)


def periksa_matriks(dunia: Dunia, daftar_kasus: Iterable[KasusAkses]) -> int:
    """Run every case; raise AssertionError listing every mismatch. Returns requests made."""
    salah: list[str] = []
    jumlah = 0
    daftar_kasus = list(daftar_kasus)
    for kasus in daftar_kasus:
        anonim = Client()
        status = _minta(anonim, kasus, dunia.opd_a1)
        jumlah += 1
        if status != 302:
            salah.append(f"{kasus.nama} anonim: {status}, seharusnya dialihkan ke halaman masuk")
    for peran, user in dunia.pengguna_a.items():
        client = Client()
        client.force_login(user)
        terlihat = set(opd_terlihat(user).values_list("pk", flat=True))
        for kasus in daftar_kasus:
            for label, opd in (("sendiri", dunia.opd_a1), ("OPD lain", dunia.opd_a2),
                               ("Pemda lain", dunia.opd_b1)):
                status = _minta(client, kasus, opd)
                jumlah += 1
                if boleh(user, kasus.aksi, opd=opd):
                    harapan: tuple[int, ...] = kasus.sukses
                elif opd.pk not in terlihat:
                    harapan = (404,)
                else:
                    harapan = (403,)
                if status not in harapan:
                    salah.append(
                        f"{kasus.nama} · {peran.value} · {label}: {status}, seharusnya {harapan}"
                    )
    if salah:
        raise AssertionError("Matriks izin dilanggar:\n" + "\n".join(salah))
    return jumlah
