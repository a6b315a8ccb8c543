"""Permission-matrix cases of the audit pages (tests/test_matriks_izin.py): an OPD's trail, and
one record's trail, whose OPD is the one the trail was written under."""

from django.urls import reverse

from sakip.akun.izin import Aksi
from sakip.audit.layanan import jejak_catat
from sakip.audit.models import AksiJejak, Jejak
from sakip.audit.views import url_objek
from sakip.organisasi.models import PerangkatDaerah

from .akses import KasusAkses
from .dunia import Dunia
from .kasus_perencanaan import rencana_dunia


def jejak_dunia(dunia: Dunia) -> dict[int, Jejak]:
    """One audited change of each OPD's indicator (idempotent)."""
    hasil = {}
    for opd_id, (_, ind) in rencana_dunia(dunia).items():
        jejak = Jejak.objects.filter(opd_id=opd_id, objek_id=str(ind.pk), jenis__model="indikator").first()
        if jejak is None:
            jejak = jejak_catat(oleh=None, objek=ind, opd=ind.renstra.opd, aksi=AksiJejak.UBAH, sumber="uji",
                                perubahan={"nama": {"label": "Nama", "lama": "Lama", "baru": ind.nama}},
                                alasan="Uji matriks")
        assert jejak is not None
        hasil[opd_id] = jejak
    return hasil


def kasus(dunia: Dunia) -> list[KasusAkses]:
    jejak = jejak_dunia(dunia)

    def url_rekaman(opd: PerangkatDaerah) -> str:
        j = jejak[opd.pk]
        return url_objek(j.jenis, j.objek_id)

    return [
        KasusAkses("jejak audit OPD", lambda opd: reverse("audit:opd", args=[opd.slug]), Aksi.LIHAT, sukses=(200,)),
        KasusAkses("jejak audit OPD tersaring",
                   lambda opd: reverse("audit:opd", args=[opd.slug]) + "?aksi=ubah&dari=2020-01-01",
                   Aksi.LIHAT, sukses=(200,)),
        KasusAkses("jejak audit satu data", url_rekaman, Aksi.LIHAT, sukses=(200,)),
    ]


