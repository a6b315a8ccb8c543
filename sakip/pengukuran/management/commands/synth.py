"""A synthetic dataset for performance measurement (docs/PERFORMANCE.md).

Per OPD: one Renstra, 5 sasaran with 4 programs each, `--indikator` indicators (2 per sasaran,
the first of each an IKU; the rest on programs), targets for every year, and a realistic mix
of what operators enter: counts and percentages, direct values for each quarter, about one
indicator in six computed by formula from data elements (ratios, and growth through prev()
with the base year's data), negative and range polarities, all four aggregation kinds.

Writes with bulk_create in batches, one transaction per Pemda. Synthetic Pemda are named
`synth-<n>`; `--hapus` removes them first.
"""

import random
import time
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from sakip.organisasi.models import Pemda, PerangkatDaerah
from sakip.pengukuran.models import NilaiDataElemen, Realisasi
from sakip.perencanaan.models import DataElemen, Indikator, NilaiTarget, Node, Renstra, RevisiTarget

BATCH = 5000
SASARAN = 5
PROGRAM_PER_SASARAN = 4
TAHUN_AWAL = 2025


def _persen(rng: random.Random, bawah: int, atas: int) -> Decimal:
    return Decimal(rng.randint(bawah * 100, atas * 100)).scaleb(-2)


class Command(BaseCommand):
    help = "Membuat data sintetis (Pemda synth-*) untuk mengukur kinerja hitung ulang capaian."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pemda", type=int, default=1)
        parser.add_argument("--opd", type=int, default=2, help="OPD per Pemda")
        parser.add_argument("--indikator", type=int, default=20, help="indikator per OPD")
        parser.add_argument("--years", "--tahun", dest="tahun", type=int, default=1, help="tahun realisasi")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--hapus", action="store_true", help="hapus Pemda synth-* lebih dulu")

    def handle(self, *args: Any, **opsi: Any) -> None:
        mulai = time.perf_counter()
        if opsi["hapus"]:
            self._hapus()
        rng = random.Random(opsi["seed"])
        jumlah: dict[str, int] = {}
        ada = Pemda.objects.filter(slug__startswith="synth-").count()
        for i in range(opsi["pemda"]):
            with transaction.atomic():
                for k, v in self._pemda(rng, ada + i + 1, opsi["opd"], max(1, opsi["indikator"]), opsi["tahun"]).items():
                    jumlah[k] = jumlah.get(k, 0) + v
            self.stdout.write(f"  Pemda {i + 1}/{opsi['pemda']} ({time.perf_counter() - mulai:.1f} detik)")
        ringkas = ", ".join(f"{v} {k}" for k, v in jumlah.items())
        self.stdout.write(f"Data sintetis dibuat dalam {time.perf_counter() - mulai:.1f} detik: {ringkas}")

    def _hapus(self) -> None:
        opd = PerangkatDaerah.objects.filter(pemda__slug__startswith="synth-")
        Renstra.objects.filter(opd__in=opd).delete()
        DataElemen.objects.filter(opd__in=opd).delete()
        opd.delete()
        Pemda.objects.filter(slug__startswith="synth-").delete()

    def _pemda(self, rng: random.Random, n: int, n_opd: int, n_ind: int, n_tahun: int) -> dict[str, int]:
        # Every third synthetic Pemda follows NTT's policy (cap 100, KemenPAN-RB).
        ntt = n % 3 == 0
        pemda = Pemda.objects.create(
            slug=f"synth-{n}", nama=f"Pemda Sintetis {n}", jenis="kabupaten",
            batas_atas=Decimal(100) if ntt else None, skala="kemenpanrb" if ntt else "permendagri-86-2017",
        )
        opd = PerangkatDaerah.objects.bulk_create(
            [PerangkatDaerah(pemda=pemda, slug=f"synth-{n}-opd-{j}", nama=f"Dinas Sintetis {n}.{j}")
             for j in range(1, n_opd + 1)]
        )
        tahun = list(range(TAHUN_AWAL, TAHUN_AWAL + n_tahun))
        renstra = Renstra.objects.bulk_create(
            [Renstra(opd=o, nama=f"Renstra {o.nama}", tahun_awal=TAHUN_AWAL, tahun_akhir=tahun[-1])
             for o in opd]
        )
        sasaran = Node.objects.bulk_create(
            [Node(renstra=r, jenis="sasaran", ref=f"S{s}", uraian=f"Sasaran {s}", urutan=s * 10)
             for r in renstra for s in range(1, SASARAN + 1)],
            batch_size=BATCH,
        )
        program = Node.objects.bulk_create(
            [Node(renstra=s.renstra, induk=s, jenis="program", ref=f"P{s.ref[1:]}.{p}",
                  uraian=f"Program {s.ref[1:]}.{p}", urutan=s.urutan + p)
             for s in sasaran for p in range(1, PROGRAM_PER_SASARAN + 1)],
            batch_size=BATCH,
        )
        node_opd: dict[int, tuple[list[Node], list[Node]]] = {r.pk: ([], []) for r in renstra}
        for s in sasaran:
            node_opd[s.renstra_id][0].append(s)
        for p in program:
            node_opd[p.renstra_id][1].append(p)

        elemen: list[DataElemen] = []
        indikator: list[Indikator] = []
        rencana: list[tuple[str, int, str]] = []  # (jenis, nilai dasar, elemen) parallel to indikator
        for o, r in zip(opd, renstra, strict=True):
            s_list, p_list = node_opd[r.pk]
            for i in range(n_ind):
                if i < 2 * SASARAN:
                    node, iku = s_list[i // 2], i % 2 == 0
                else:
                    node, iku = p_list[i % len(p_list)], False
                ind, jenis, kode = self._indikator(rng, o, r, node, iku, i)
                indikator.append(ind)
                rencana.append((jenis, rng.randint(20, 500), kode))
                if jenis == "rasio":
                    elemen += [DataElemen(opd=o, kode=f"{kode}_a", nama=f"Pembilang {i}", urutan=i * 2),
                               DataElemen(opd=o, kode=f"{kode}_b", nama=f"Penyebut {i}", urutan=i * 2 + 1)]
                elif jenis == "tumbuh":
                    elemen.append(DataElemen(opd=o, kode=kode, nama=f"Besaran {i}", urutan=i * 2))
        DataElemen.objects.bulk_create(elemen, batch_size=BATCH)
        kode_ke_elemen = {(e.opd_id, e.kode): e for e in elemen}
        Indikator.objects.bulk_create(indikator, batch_size=BATCH)
        revisi = RevisiTarget.objects.bulk_create(
            [RevisiTarget(indikator=ind, ke=0, label="Awal", sumber="synth") for ind in indikator],
            batch_size=BATCH,
        )
        target: list[NilaiTarget] = []
        realisasi: list[Realisasi] = []
        nilai_elemen: list[NilaiDataElemen] = []
        for ind, rv, (jenis, dasar, kode) in zip(indikator, revisi, rencana, strict=True):
            for th in tahun:
                target.append(NilaiTarget(revisi=rv, tahun=th, teks=self._target(rng, ind, jenis)))
                if jenis == "rasio":
                    a, b = kode_ke_elemen[(ind.renstra.opd_id, f"{kode}_a")], kode_ke_elemen[(ind.renstra.opd_id, f"{kode}_b")]
                    for tw in range(1, 5):
                        penyebut = dasar * tw
                        nilai_elemen += [
                            NilaiDataElemen(data_elemen=b, tahun=th, triwulan=tw, nilai=Decimal(penyebut), sumber="synth"),
                            NilaiDataElemen(data_elemen=a, tahun=th, triwulan=tw,
                                            nilai=Decimal(rng.randint(penyebut // 2, penyebut)), sumber="synth"),
                        ]
                elif jenis == "tumbuh":
                    e = kode_ke_elemen[(ind.renstra.opd_id, kode)]
                    if th == tahun[0]:
                        nilai_elemen.append(NilaiDataElemen(data_elemen=e, tahun=th - 1, triwulan=4,
                                                            nilai=Decimal(dasar * 1000), sumber="synth"))
                    # Growth of -5% … +12% a year on the base-year value.
                    tumbuh = 1000 + rng.randint(-50, 120)
                    nilai_elemen.append(NilaiDataElemen(
                        data_elemen=e, tahun=th, triwulan=4,
                        nilai=Decimal(dasar * tumbuh ** (th - tahun[0] + 1) // 1000 ** (th - tahun[0])),
                        sumber="synth"))
                else:
                    realisasi += [
                        Realisasi(indikator=ind, tahun=th, triwulan=tw, nilai=self._nilai(rng, ind, tw), sumber="synth")
                        for tw in range(1, 5)
                    ]
        NilaiTarget.objects.bulk_create(target, batch_size=BATCH)
        Realisasi.objects.bulk_create(realisasi, batch_size=BATCH)
        NilaiDataElemen.objects.bulk_create(nilai_elemen, batch_size=BATCH)
        return {
            "OPD": len(opd), "indikator": len(indikator), "target": len(target),
            "realisasi": len(realisasi), "nilai data elemen": len(nilai_elemen),
        }

    def _indikator(
        self, rng: random.Random, opd: PerangkatDaerah, renstra: Renstra, node: Node, iku: bool, i: int
    ) -> tuple[Indikator, str, str]:
        undian = rng.random()
        kode = f"e{i}"
        jenis, formula, agregasi, polaritas, desimal = "langsung", "", "nilai_akhir", "positif", 2
        if undian < 0.10:
            jenis, formula = "rasio", f"{kode}_a / {kode}_b * 100"
        elif undian < 0.16:
            jenis, formula = "tumbuh", f"({kode} - prev({kode})) / prev({kode}) * 100"
        elif undian < 0.50:
            agregasi, desimal = "kumulatif", 0  # counts of documents, reports, people
        elif undian < 0.65:
            agregasi, desimal = "jumlah", 0
        elif undian < 0.73:
            agregasi = "rata_rata"
        elif undian < 0.83:
            polaritas = "negatif"
        elif undian < 0.88:
            polaritas = "rentang"
        ind = Indikator(
            renstra=renstra, node=node, ref=f"I{i + 1}", nama=f"Indikator sintetis {i + 1}",
            satuan="%" if desimal else "Dokumen", polaritas=polaritas, desimal=desimal, agregasi=agregasi,
            formula=formula, iku=iku, urutan=node.urutan * 1000 + i,
        )
        ind.renstra = renstra
        return ind, jenis, kode

    def _target(self, rng: random.Random, ind: Indikator, jenis: str) -> str:
        if ind.polaritas == "rentang":
            return "3 - 10"
        if jenis == "tumbuh":
            return f"{rng.randint(1, 9)},{rng.randint(0, 99):02d}"
        if ind.desimal == 0:
            return str(rng.randint(1, 40) * (4 if ind.agregasi == "jumlah" else 1))
        return f"{rng.randint(60, 100)}"

    def _nilai(self, rng: random.Random, ind: Indikator, tw: int) -> Decimal:
        if ind.polaritas == "rentang":
            return _persen(rng, 1, 12)
        if ind.agregasi == "kumulatif":
            return Decimal(rng.randint(0, 10) * tw)
        if ind.agregasi == "jumlah":
            return Decimal(rng.randint(0, 12))
        if ind.polaritas == "negatif":
            return _persen(rng, 2, 12)
        return _persen(rng, 40, 110)
