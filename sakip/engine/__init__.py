"""Sakip's calculation core: pure Python, standard library only.

Frozen dataclasses and `Decimal` in, `Decimal` (plus worked computations in Indonesian
notation) out. Nothing here knows about Django, the database or the request: the web layer maps
rows to these types and back, and bulk jobs can call the same functions.

Modules, one concern each:

- `angka`       Indonesian numbers: parse, format, THE rounding helper (`bulatkan`).
- `formula`     safe formula language over named data elements, with `prev()` for last year.
- `agregasi`    quarterly values -> the year's value; checks on quarterly targets.
- `skala`       rating scales (Permendagri 86/2017, KemenPAN-RB, Renja predicates) and
                qualitative scales (opini BPK, predikat SAKIP).
- `kebijakan`   per-Pemda measurement policy with per-indicator overrides.
- `capaian`     realisation against target for each polarity.
- `rollup`      sasaran and OPD means.
- `perbandingan` comparisons with last year, the Renstra end target and national figures.

The rules and the seed tables they reproduce are in docs/algorithms/capaian.md and
docs/algorithms/formula.md; the tests read those very tables.
"""

from .agregasi import Agregasi, nilai_tahunan, periksa_target_triwulan
from .angka import (
    AngkaTidakValid,
    Pembulatan,
    bulatkan,
    format_angka,
    format_masukan,
    format_persen,
    format_rupiah,
    jumlahkan,
    parse_angka,
    parse_rentang,
    to_decimal,
)
from .capaian import (
    Capaian,
    Polaritas,
    Target,
    TargetKualitatif,
    TargetRentang,
    TargetTitik,
    hitung_capaian,
)
from .formula import (
    Formula,
    FormulaTidakValid,
    HasilFormula,
    NilaiFormula,
    SiklusFormula,
    periksa_formula,
    urutkan_definisi,
)
from .hasil import Temuan, TidakTerukur
from .kebijakan import Kebijakan, RumusNegatif
from .perbandingan import (
    PerbandinganTahunLalu,
    Ukuran,
    bandingkan_nasional,
    bandingkan_tahun_lalu,
    bandingkan_target_akhir,
    kata_arah,
    kata_capaian,
)
from .rollup import HasilRollup, capaian_opd, capaian_sasaran, rata_rata_capaian
from .skala import (
    KEMENPANRB,
    OPINI_BPK,
    PERMENDAGRI_86_2017,
    PREDIKAT_RENJA_86_2017,
    PREDIKAT_SAKIP,
    Band,
    SkalaKualitatif,
    SkalaPeringkat,
    SkalaTidakValid,
)

__all__ = [
    "KEMENPANRB",
    "OPINI_BPK",
    "PERMENDAGRI_86_2017",
    "PREDIKAT_RENJA_86_2017",
    "PREDIKAT_SAKIP",
    "Agregasi",
    "AngkaTidakValid",
    "Band",
    "Capaian",
    "Formula",
    "FormulaTidakValid",
    "HasilFormula",
    "HasilRollup",
    "Kebijakan",
    "NilaiFormula",
    "Pembulatan",
    "PerbandinganTahunLalu",
    "Polaritas",
    "RumusNegatif",
    "SiklusFormula",
    "SkalaKualitatif",
    "SkalaPeringkat",
    "SkalaTidakValid",
    "Target",
    "TargetKualitatif",
    "TargetRentang",
    "TargetTitik",
    "Temuan",
    "TidakTerukur",
    "Ukuran",
    "bandingkan_nasional",
    "bandingkan_tahun_lalu",
    "bandingkan_target_akhir",
    "bulatkan",
    "capaian_opd",
    "capaian_sasaran",
    "format_angka",
    "format_masukan",
    "format_persen",
    "format_rupiah",
    "hitung_capaian",
    "jumlahkan",
    "kata_arah",
    "kata_capaian",
    "nilai_tahunan",
    "parse_angka",
    "parse_rentang",
    "periksa_formula",
    "periksa_target_triwulan",
    "rata_rata_capaian",
    "to_decimal",
    "urutkan_definisi",
]
