"""National program/kegiatan/sub kegiatan codes (Permendagri 90/2019 and amendments).

Format U.BB.PP.K.KK.SSSS: urusan (1 digit), bidang (2), program (2), then kegiatan adds
K.KK (1 + 2 digits) and sub kegiatan SSSS (4), e.g. program 2.17.03, kegiatan 2.17.03.2.01,
sub kegiatan 2.17.03.2.01.0001 (renja-2024 Tabel 2.1). Cross-cutting supporting programs use
the urusan code "X.XX" (e.g. X.XX.01); accepted too.
"""

import re

_URUSAN = r"(?:\d|X)\.(?:\d{2}|XX)"
POLA = {
    "program": re.compile(rf"^{_URUSAN}\.\d{{2}}$"),
    "kegiatan": re.compile(rf"^{_URUSAN}\.\d{{2}}\.\d\.\d{{2}}$"),
    "sub_kegiatan": re.compile(rf"^{_URUSAN}\.\d{{2}}\.\d\.\d{{2}}\.\d{{4}}$"),
}
CONTOH = {
    "program": "2.17.03",
    "kegiatan": "2.17.03.2.01",
    "sub_kegiatan": "2.17.03.2.01.0001",
}


def periksa_kode(jenis: str, kode: str) -> str | None:
    """None when `kode` is a valid code for a node of `jenis`, else the reason."""
    if not kode:
        return None
    pola = POLA.get(jenis)
    if pola is None:
        return f"{jenis} tidak memakai kode nasional"
    if not pola.match(kode):
        return f"kode {kode!r} tidak sesuai format {jenis} (contoh {CONTOH[jenis]})"
    return None


def kode_induk_cocok(kode_induk: str, kode: str) -> bool:
    """A kegiatan's code starts with its program's code, a sub kegiatan's with its kegiatan's."""
    return not kode_induk or not kode or kode.startswith(kode_induk + ".")
