"""Permission-matrix cases of the workflow pages (tests/test_matriks_izin.py).

Each transition gets its own quarter of 2024, set up in the state it needs, so the runner's
requests (every role in turn) never depend on another case having moved a quarter first. The
return case starts `diajukan`: its declared action is the verifikator's (the Kepala OPD returns
only a verified quarter), and after the verifikator returned it the state allows no return, for
which the view also asks VERIFIKASI.
"""

from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from sakip.akun.izin import Aksi
from sakip.alur.models import StatusAlur, StatusTriwulan
from sakip.organisasi.models import PerangkatDaerah

from .akses import KasusAkses
from .dunia import Dunia
from .kasus_perencanaan import rencana_dunia

TAHUN = 2024
# quarter → the state its transition starts from
AWAL = {1: StatusAlur.DRAF, 2: StatusAlur.DIAJUKAN, 3: StatusAlur.DIVERIFIKASI, 4: StatusAlur.DIAJUKAN}
TAHUN_BUKA = 2023  # TW IV 2023 is approved, for the reopen case


def kasus(dunia: Dunia) -> list[KasusAkses]:
    rencana_dunia(dunia)
    sekarang = timezone.now()
    for opd in (dunia.opd_a1, dunia.opd_a2, dunia.opd_b1):
        for tw, status in AWAL.items():
            StatusTriwulan.objects.update_or_create(
                opd=opd, tahun=TAHUN, triwulan=tw,
                defaults={"status": status, "pertama_diajukan_pada": None if status == StatusAlur.DRAF else sekarang},
            )
        StatusTriwulan.objects.update_or_create(
            opd=opd, tahun=TAHUN_BUKA, triwulan=4,
            defaults={"status": StatusAlur.DISETUJUI, "pertama_diajukan_pada": sekarang},
        )

    def tw(nama: str, triwulan: int, tahun: int = TAHUN) -> Callable[[PerangkatDaerah], str]:
        return lambda opd: reverse(f"alur_opd:{nama}", args=[opd.slug, tahun, triwulan])

    def dok(nama: str) -> Callable[[PerangkatDaerah], str]:
        return lambda opd: reverse(f"alur_opd:{nama}", args=[opd.slug, TAHUN, "pk"])

    return [
        KasusAkses("alur: ke tahun berjalan", lambda opd: reverse("alur_opd:indeks", args=[opd.slug]), Aksi.LIHAT),
        KasusAkses("alur: halaman OPD", lambda opd: reverse("alur_opd:tahun", args=[opd.slug, TAHUN]), Aksi.LIHAT,
                   sukses=(200,)),
        KasusAkses("alur: ajukan", tw("ajukan", 1), Aksi.AJUKAN, method="post", sukses=(302,)),
        KasusAkses("alur: verifikasi", tw("verifikasi", 2), Aksi.VERIFIKASI, method="post", sukses=(302,)),
        KasusAkses("alur: setujui", tw("setujui", 3), Aksi.SETUJUI, method="post", sukses=(302,)),
        KasusAkses("alur: kembalikan", tw("kembalikan", 4), Aksi.VERIFIKASI, method="post",
                   data=lambda opd: {"catatan": "Lengkapi bukti"}, sukses=(302,)),
        KasusAkses("alur: buka kunci", tw("buka-kunci", 4, TAHUN_BUKA), Aksi.BUKA_KUNCI, method="post",
                   data=lambda opd: {"alasan": "Koreksi data BPS"}, sukses=(302,)),
        # No PK in this world: the download and finalising answer with a message (redirect).
        KasusAkses("alur: unduh dokumen", dok("dokumen-unduh"), Aksi.UNDUH_DOKUMEN, sukses=(302,)),
        KasusAkses("alur: finalkan dokumen", dok("dokumen-finalkan"), Aksi.SETUJUI, method="post", sukses=(302,)),
        KasusAkses("alur: buka kunci dokumen", dok("dokumen-buka-kunci"), Aksi.BUKA_KUNCI, method="post",
                   data=lambda opd: {"alasan": "Revisi"}, sukses=(302,)),
        KasusAkses("alur: kotak masuk", lambda opd: reverse("alur:kotak-masuk") + f"?opd={opd.slug}", Aksi.LIHAT,
                   sukses=(200,)),
        KasusAkses("alur: jendela pengisian", lambda opd: reverse("alur:jendela") + f"?opd={opd.slug}",
                   Aksi.ATUR_KEBIJAKAN, sukses=(200,)),
        KasusAkses("alur: simpan jendela", lambda opd: reverse("alur:jendela") + f"?opd={opd.slug}",
                   Aksi.ATUR_KEBIJAKAN, method="post",
                   data=lambda opd: {"tahun": "2025", "triwulan": "1", "dibuka": "2025-04-01", "ditutup": "2025-04-15"},
                   sukses=(302,)),
    ]
