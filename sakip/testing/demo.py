"""Load the demo data in tests through the registered load-demo steps (the real importers)."""

from django.conf import settings

from sakip.core.demo import OpsiDemo, langkah_demo

PASSWORD_UJI = "demo-uji-123"


def muat_demo(*, sampai: int | None = None, pola_opd: str = "*") -> list[str]:
    """Run load-demo steps up to order `sampai` (all when None), for OPD folders matching `pola_opd`.

    Returns the summaries, like `sakip load-demo` prints them.
    """
    folder = settings.SAKIP_DEMO_DIR
    opsi = OpsiDemo(password=PASSWORD_UJI, pola_opd=pola_opd)
    hasil = []
    for langkah in langkah_demo():
        if sampai is not None and langkah.urutan > sampai:
            break
        pola = langkah.pola.replace("*/", f"{pola_opd}/", 1) if langkah.pola.startswith("*/") else langkah.pola
        for path in sorted(folder.glob(pola)):
            hasil.append(f"{path.relative_to(folder)}: {langkah.impor(path, opsi)}")
    return hasil
