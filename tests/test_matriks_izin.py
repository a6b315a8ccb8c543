"""The one permission matrix: every view and action × role × own OPD / other OPD / other Pemda.

Each capability lists its views in `sakip/testing/kasus_<app>.py` as `kasus(dunia) -> list[KasusAkses]`
(making whatever rows its URLs need in the three OPDs); this test runs them
all through `periksa_matriks` and proves no view of an OPD-scoped or workflow URL was forgotten.
"""

import importlib
import pkgutil

from django.urls import URLPattern, URLResolver, get_resolver, resolve

import sakip.testing
from sakip.testing.akses import KasusAkses, periksa_matriks
from sakip.testing.dunia import Dunia

# Namespaces whose every view must be in the matrix (admin and login pages are Django's own).
NAMESPACE_DIPERIKSA = {
    "perencanaan", "pengukuran", "kinerja", "renja", "laporan", "alur", "alur_opd", "audit", "web",
}
# Views that are not OPD-scoped are covered by their own tests (named here with the reason).
DIKECUALIKAN = {
    "beranda",  # lists the user's own OPDs; tests/web/test_halaman.py
    "pemda",  # Pemda page, scoped by Pemda; tests/web/test_halaman.py
}


def semua_kasus(dunia: Dunia) -> list[KasusAkses]:
    kasus: list[KasusAkses] = []
    for modul in pkgutil.iter_modules(sakip.testing.__path__):
        if modul.name.startswith("kasus_"):
            kasus.extend(importlib.import_module(f"sakip.testing.{modul.name}").kasus(dunia))
    return kasus


def _nama_url(patterns: list, namespace: str | None = None) -> set[str]:
    nama: set[str] = set()
    for pola in patterns:
        if isinstance(pola, URLResolver):
            ns = pola.namespace or namespace
            nama |= _nama_url(pola.url_patterns, ns)
        elif isinstance(pola, URLPattern) and pola.name:
            if namespace in NAMESPACE_DIPERIKSA or (namespace is None and pola.callback.__module__.startswith("sakip.web")):
                nama.add(f"{namespace}:{pola.name}" if namespace else pola.name)
    return nama


def test_matriks_izin_setiap_tampilan(dunia: Dunia) -> None:
    kasus = semua_kasus(dunia)
    # 1 anonymous + 6 roles × 3 OPDs per case
    assert periksa_matriks(dunia, kasus) == len(kasus) * (1 + 6 * 3)
    tercakup = {resolve(k.url(dunia.opd_a1).split("?")[0]).view_name for k in kasus}
    belum = _nama_url(get_resolver().url_patterns) - tercakup - DIKECUALIKAN
    assert not belum, f"Tampilan tanpa kasus di matriks izin: {sorted(belum)}"
