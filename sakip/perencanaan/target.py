"""Targets as users write them ("22,300", "3 - 10", "WTP") and what the engine needs."""

from decimal import Decimal

from sakip.engine.angka import AngkaTidakValid, parse_angka, parse_rentang
from sakip.engine.capaian import Polaritas, Target, TargetKualitatif, TargetRentang, TargetTitik
from sakip.engine.skala import OPINI_BPK, PREDIKAT_SAKIP, SkalaKualitatif

SKALA_KUALITATIF: dict[str, SkalaKualitatif] = {
    "opini-bpk": OPINI_BPK,
    "predikat-sakip": PREDIKAT_SAKIP,
}


class TargetTidakValid(ValueError):
    pass


def baca_target(teks: str, *, polaritas: str, skala_kualitatif: str = "") -> Target:
    """Parse a written target for an indicator of the given polarity, or say why not."""
    teks = str(teks).strip()
    if not teks:
        raise TargetTidakValid("target kosong")
    if polaritas == Polaritas.KUALITATIF:
        skala = SKALA_KUALITATIF.get(skala_kualitatif)
        if skala is None:
            raise TargetTidakValid(
                f"indikator kualitatif perlu skala_kualitatif ({', '.join(SKALA_KUALITATIF)})"
            )
        if teks not in skala.label:
            raise TargetTidakValid(
                f"{teks!r} bukan label skala {skala_kualitatif} ({', '.join(skala.label)})"
            )
        return TargetKualitatif(teks, skala)
    try:
        if polaritas == Polaritas.RENTANG:
            bawah, atas = parse_rentang(teks)
            return TargetRentang(bawah, atas)
        return TargetTitik(parse_angka(teks))
    except AngkaTidakValid as exc:
        raise TargetTidakValid(str(exc)) from exc
    except ValueError as exc:
        raise TargetTidakValid(str(exc)) from exc


def kanonik(teks: str) -> tuple[str, ...]:
    """A comparable form of a written target: "22,300" equals "22,3"; labels stay text."""
    teks = str(teks).strip()
    try:
        return ("angka", str(parse_angka(teks).normalize()))
    except (AngkaTidakValid, ValueError):
        pass
    try:
        bawah, atas = parse_rentang(teks)
        return ("rentang", str(bawah.normalize()), str(atas.normalize()))
    except (AngkaTidakValid, ValueError):
        return ("label", teks)


def nilai_titik(target: Target) -> Decimal | None:
    """The single number of a point target (for comparisons), else None."""
    return target.nilai if isinstance(target, TargetTitik) else None
