from fnmatch import fnmatch
from pathlib import Path

from django.apps import AppConfig


def _impor_pemda(path: Path, opsi: object) -> str:
    from sakip.core.impor import baca_yaml

    from .impor import organisasi_impor_pemda

    return f"{len(organisasi_impor_pemda(data=baca_yaml(path), sumber=path.name))} Pemda"


def _impor_opd(path: Path, opsi: object) -> str:
    from sakip.core.impor import baca_yaml

    from .impor import organisasi_impor_opd

    opd = organisasi_impor_opd(data=baca_yaml(path), sumber=f"{path.parent.name}/{path.name}")
    return f"{opd.unit_kerja.count()} unit kerja, {opd.pejabat.count()} pejabat"


def _impor_pengguna(path: Path, opsi: object) -> str:
    from sakip.core.impor import baca_yaml

    from .impor import organisasi_impor_pengguna

    password = getattr(opsi, "password", None)
    data = baca_yaml(path)
    pola = getattr(opsi, "pola_opd", "*")
    if pola != "*" and isinstance(data.get("pengguna"), list):
        # Pemda-wide users stay; users of OPDs not being loaded are left out.
        data = {**data, "pengguna": [
            u for u in data["pengguna"]
            if not isinstance(u, dict) or not u.get("opd") or fnmatch(str(u["opd"]), pola)
        ]}
    jumlah = organisasi_impor_pengguna(data=data, sumber=path.name, password=password)
    return f"{jumlah} pengguna"


class OrganisasiConfig(AppConfig):
    name = "sakip.organisasi"
    label = "organisasi"
    verbose_name = "Organisasi"

    def ready(self) -> None:
        from sakip.core.demo import LangkahDemo, daftarkan_langkah

        daftarkan_langkah(LangkahDemo(10, "pemda", "pemda.yaml", _impor_pemda))
        daftarkan_langkah(LangkahDemo(20, "opd", "*/opd.yaml", _impor_opd))
        daftarkan_langkah(LangkahDemo(30, "pengguna", "pemda.yaml", _impor_pengguna))
