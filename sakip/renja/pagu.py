"""The Renja table (renja-2024 Tabel 3.1 / Bab IV) with its money rolled up, computed.

Pure, like `evaluasi.py`. Money sits where it is spent (docs/formats/renja.md): a program or
kegiatan shows the sum of the pagu of every row at or below it; the printed roll-ups are never
imported. A node with several indicator rows shows its money on its first row only.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sakip.engine.angka import jumlahkan


@dataclass(frozen=True)
class BarisRenjaMasukan:
    node: str
    jenis: str
    indikator: str
    pagu_indikatif: Decimal | None = None
    prakiraan_maju_pagu: Decimal | None = None
    leluhur: tuple[str, ...] = ()
    kode: str = ""
    uraian: str = ""
    nama_indikator: str = ""
    target: str = ""
    satuan: str = ""
    lokasi: str = ""
    sumber_dana: str = ""
    prakiraan_maju_target: str = ""


@dataclass(frozen=True)
class BarisRenjaHasil:
    masukan: BarisRenjaMasukan
    pertama: bool
    pagu_indikatif: Decimal | None  # the node's roll-up, on its first row
    prakiraan_maju_pagu: Decimal | None


@dataclass(frozen=True)
class TabelRenja:
    baris: tuple[BarisRenjaHasil, ...]
    total_pagu_indikatif: Decimal | None
    total_prakiraan_maju_pagu: Decimal | None


def _jumlah(nilai: Sequence[Decimal]) -> Decimal | None:
    return jumlahkan(nilai) if nilai else None


def hitung_renja(baris: Sequence[BarisRenjaMasukan]) -> TabelRenja:
    pagu: dict[str, list[Decimal]] = {}
    pm: dict[str, list[Decimal]] = {}
    for b in baris:
        for ref in (*b.leluhur, b.node):
            if b.pagu_indikatif is not None:
                pagu.setdefault(ref, []).append(b.pagu_indikatif)
            if b.prakiraan_maju_pagu is not None:
                pm.setdefault(ref, []).append(b.prakiraan_maju_pagu)
    sudah: set[str] = set()
    hasil = []
    for b in baris:
        pertama = b.node not in sudah
        sudah.add(b.node)
        hasil.append(BarisRenjaHasil(
            masukan=b, pertama=pertama,
            pagu_indikatif=_jumlah(pagu.get(b.node, [])) if pertama else None,
            prakiraan_maju_pagu=_jumlah(pm.get(b.node, [])) if pertama else None,
        ))
    # The total is the sum of the rows' own inputs: each amount is typed once, on one row.
    return TabelRenja(
        baris=tuple(hasil),
        total_pagu_indikatif=_jumlah([b.pagu_indikatif for b in baris if b.pagu_indikatif is not None]),
        total_prakiraan_maju_pagu=_jumlah(
            [b.prakiraan_maju_pagu for b in baris if b.prakiraan_maju_pagu is not None]),
    )
