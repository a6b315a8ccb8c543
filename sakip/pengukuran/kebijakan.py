"""From the stored policy (Pemda defaults, per-indicator overrides) to the engine's `Kebijakan`.

The Pemda row holds the defaults (DOMAIN §3): formula for negative indicators, cap, rating
scale, rounding, decimals. An indicator may override the negative formula and the cap
(`kebijakan_batas_atur` says the indicator sets its own cap, `kebijakan_batas_atas` empty then
means "no cap" for that indicator). Both functions are cached: a bulk recompute asks for the
same few combinations hundreds of thousands of times.
"""

from decimal import Decimal
from functools import lru_cache

from sakip.engine import KEMENPANRB, PERMENDAGRI_86_2017, Kebijakan, Pembulatan, RumusNegatif
from sakip.engine.skala import SkalaPeringkat
from sakip.organisasi.models import Pemda

SKALA: dict[str, SkalaPeringkat] = {
    "permendagri-86-2017": PERMENDAGRI_86_2017,
    "kemenpanrb": KEMENPANRB,
}

# organisasi.Pemda spells the modes with a hyphen; the engine with an underscore.
PEMBULATAN: dict[str, Pembulatan] = {
    "half-up": Pembulatan.HALF_UP,
    "half-even": Pembulatan.HALF_EVEN,
    "down": Pembulatan.DOWN,
}


class KebijakanTidakDikenal(ValueError):
    pass


@lru_cache(maxsize=1024)
def _kebijakan(
    rumus_negatif: str, batas_atas: Decimal | None, skala: str, pembulatan: str, desimal: int
) -> Kebijakan:
    if skala not in SKALA:
        raise KebijakanTidakDikenal(f"skala '{skala}' tidak dikenal ({', '.join(SKALA)})")
    if pembulatan not in PEMBULATAN:
        raise KebijakanTidakDikenal(f"pembulatan '{pembulatan}' tidak dikenal")
    return Kebijakan(
        rumus_negatif=RumusNegatif(rumus_negatif),
        batas_atas=batas_atas,
        pembulatan=PEMBULATAN[pembulatan],
        desimal=desimal,
        skala=SKALA[skala],
    )


def _batas(nilai: Decimal | None) -> Decimal | None:
    # NilaiField returns 100.00000000; the jejak should say "batas atas 100%" (and never 1E+2).
    if nilai is None:
        return None
    bersih = nilai.normalize()
    eksponen = bersih.as_tuple().exponent
    return bersih.quantize(Decimal(1)) if isinstance(eksponen, int) and eksponen > 0 else bersih


def kebijakan_dari(
    rumus_negatif: str, batas_atas: Decimal | None, skala: str, pembulatan: str, desimal: int
) -> Kebijakan:
    """The engine policy from the Pemda's stored fields (plain values, for bulk loads)."""
    return _kebijakan(rumus_negatif, _batas(batas_atas), skala, pembulatan, desimal)


def kebijakan_pemda(pemda: Pemda) -> Kebijakan:
    return kebijakan_dari(pemda.rumus_negatif, pemda.batas_atas, pemda.skala, pemda.pembulatan, pemda.desimal)


@lru_cache(maxsize=4096)
def _timpa(dasar: Kebijakan, rumus_negatif: str, batas_atur: bool, batas_atas: Decimal | None) -> Kebijakan:
    perubahan: dict[str, object] = {}
    if rumus_negatif and rumus_negatif != dasar.rumus_negatif:
        perubahan["rumus_negatif"] = RumusNegatif(rumus_negatif)
    if batas_atur and batas_atas != dasar.batas_atas:
        perubahan["batas_atas"] = batas_atas
    return dasar.timpa(**perubahan) if perubahan else dasar


def kebijakan_indikator(
    dasar: Kebijakan, *, rumus_negatif: str, batas_atur: bool, batas_atas: Decimal | None
) -> Kebijakan:
    """The Pemda default with the indicator's overrides (plain values, so bulk code can pass a
    row tuple without building model instances)."""
    if not rumus_negatif and not batas_atur:
        return dasar
    return _timpa(dasar, rumus_negatif, batas_atur, _batas(batas_atas))
