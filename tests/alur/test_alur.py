"""The quarter workflow: transitions and who may do them, returns with a note, locks, reopening,
reasons after submission, entry windows and late marks, the inbox and its count, documents."""

import datetime as dt
import hashlib
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sakip.akun.izin import lingkup_pengguna
from sakip.akun.models import Peran
from sakip.alur import dokumen as registri
from sakip.alur.layanan import (
    dokumen_buka_kunci,
    dokumen_finalkan,
    dokumen_unduh,
    jendela_atur,
    keterlambatan,
    triwulan_ajukan,
    triwulan_buka_kunci,
    triwulan_kembalikan,
    triwulan_setujui,
    triwulan_verifikasi,
)
from sakip.alur.models import DokumenTahunan, StatusAlur, StatusTriwulan
from sakip.alur.selectors import alur_opd_tahun, jumlah_menunggu, kotak_masuk
from sakip.audit.models import AksiJejak, Jejak
from sakip.audit.selectors import jejak_objek
from sakip.pengukuran.layanan import bukti_tambah, realisasi_simpan
from sakip.pengukuran.models import Bukti, Realisasi
from sakip.testing.dunia import Dunia
from tests.pengukuran.conftest import Rencana, buat_rencana

D = Decimal
TH, TW = 2025, 2


@pytest.fixture
def rencana(dunia: Dunia) -> Rencana:
    return buat_rencana(dunia.opd_a1)


def _peran(dunia: Dunia, peran: Peran):  # type: ignore[no-untyped-def]
    return dunia.pengguna_a[peran]


def _ke(dunia: Dunia, status: StatusAlur, tw: int = TW) -> StatusTriwulan:
    """Move a1's quarter along the happy path up to `status`."""
    opd = dunia.opd_a1
    urutan = [
        (StatusAlur.DIAJUKAN, triwulan_ajukan, Peran.OPERATOR),
        (StatusAlur.DIVERIFIKASI, triwulan_verifikasi, Peran.VERIFIKATOR),
        (StatusAlur.DISETUJUI, triwulan_setujui, Peran.KEPALA),
    ]
    st = None
    for tujuan, fungsi, peran in urutan:
        st = fungsi(opd=opd, tahun=TH, triwulan=tw, oleh=_peran(dunia, peran))
        if tujuan == status:
            break
    assert st is not None and st.status == status
    return st


def test_alur_lengkap_mencatat_siapa_dan_jejak(dunia: Dunia) -> None:
    st = _ke(dunia, StatusAlur.DISETUJUI)
    st.refresh_from_db()
    assert (st.diajukan_oleh, st.diverifikasi_oleh, st.disetujui_oleh) == (
        _peran(dunia, Peran.OPERATOR), _peran(dunia, Peran.VERIFIKATOR), _peran(dunia, Peran.KEPALA)
    )
    assert st.pertama_diajukan_pada is not None
    jejak = [(j.pengguna.username, j.perubahan["status"]["lama"], j.perubahan["status"]["baru"], j.aksi)
             for j in jejak_objek(st).order_by("pk")]
    assert jejak == [
        ("a-operator", "draf", "diajukan", AksiJejak.STATUS),
        ("a-verifikator", "diajukan", "diverifikasi", AksiJejak.STATUS),
        ("a-kepala", "diverifikasi", "disetujui", AksiJejak.STATUS),
    ]


@pytest.mark.parametrize(("fungsi", "awal", "boleh"), [
    (triwulan_ajukan, None, {Peran.OPERATOR}),
    (triwulan_verifikasi, StatusAlur.DIAJUKAN, {Peran.VERIFIKATOR}),
    (triwulan_setujui, StatusAlur.DIVERIFIKASI, {Peran.KEPALA}),
])
def test_siapa_boleh_memindah(dunia: Dunia, fungsi, awal, boleh) -> None:  # type: ignore[no-untyped-def]
    if awal is not None:
        _ke(dunia, awal)
    for peran in Peran:
        if peran in boleh:
            continue
        with pytest.raises(PermissionDenied):
            fungsi(opd=dunia.opd_a1, tahun=TH, triwulan=TW, oleh=_peran(dunia, peran))
    # The same role of another Pemda never reaches this OPD.
    with pytest.raises(PermissionDenied):
        fungsi(opd=dunia.opd_a1, tahun=TH, triwulan=TW, oleh=dunia.pengguna_b[next(iter(boleh))])
    st = StatusTriwulan.objects.filter(opd=dunia.opd_a1, tahun=TH, triwulan=TW).first()
    assert (st.status if st else StatusAlur.DRAF) == (awal or StatusAlur.DRAF)


def test_langkah_tidak_berurutan_ditolak_dengan_keadaan_terbaru(dunia: Dunia) -> None:
    _ke(dunia, StatusAlur.DIVERIFIKASI)
    # A second verifikator click (stale page): refused, naming the state and who acted last.
    with pytest.raises(ValidationError, match=r"statusnya sekarang diverifikasi \(terakhir oleh a-verifikator"):
        triwulan_verifikasi(opd=dunia.opd_a1, tahun=TH, triwulan=TW, oleh=_peran(dunia, Peran.VERIFIKATOR))
    with pytest.raises(ValidationError, match="tidak dapat diajukan"):
        triwulan_ajukan(opd=dunia.opd_a1, tahun=TH, triwulan=TW, oleh=_peran(dunia, Peran.OPERATOR))


def test_kembalikan_dengan_catatan_wajib(dunia: Dunia) -> None:
    _ke(dunia, StatusAlur.DIAJUKAN)
    verifikator, kepala = _peran(dunia, Peran.VERIFIKATOR), _peran(dunia, Peran.KEPALA)
    with pytest.raises(ValidationError, match="Catatan pengembalian wajib diisi"):
        triwulan_kembalikan(opd=dunia.opd_a1, tahun=TH, triwulan=TW, oleh=verifikator, catatan="  ")
    # A submitted quarter is the verifikator's to return, not the Kepala's.
    with pytest.raises(PermissionDenied):
        triwulan_kembalikan(opd=dunia.opd_a1, tahun=TH, triwulan=TW, oleh=kepala, catatan="x")
    st = triwulan_kembalikan(opd=dunia.opd_a1, tahun=TH, triwulan=TW, oleh=verifikator, catatan="Bukti TW II kurang")
    assert (st.status, st.catatan, st.dikembalikan_oleh) == (StatusAlur.DIKEMBALIKAN, "Bukti TW II kurang", verifikator)
    assert jejak_objek(st).first().alasan == "Bukti TW II kurang"
    # Resubmitted, verified, then returned by the Kepala OPD.
    triwulan_ajukan(opd=dunia.opd_a1, tahun=TH, triwulan=TW, oleh=_peran(dunia, Peran.OPERATOR))
    triwulan_verifikasi(opd=dunia.opd_a1, tahun=TH, triwulan=TW, oleh=verifikator)
    with pytest.raises(PermissionDenied):
        triwulan_kembalikan(opd=dunia.opd_a1, tahun=TH, triwulan=TW, oleh=verifikator, catatan="x")
    st = triwulan_kembalikan(opd=dunia.opd_a1, tahun=TH, triwulan=TW, oleh=kepala, catatan="Narasi TW II tipis")
    assert st.status == StatusAlur.DIKEMBALIKAN and st.diverifikasi_oleh is None


@pytest.mark.parametrize("status", [StatusAlur.DIAJUKAN, StatusAlur.DIVERIFIKASI, StatusAlur.DISETUJUI])
def test_triwulan_terkunci_menolak_semua_tulisan(rencana: Rencana, dunia: Dunia, status: StatusAlur) -> None:
    operator = _peran(dunia, Peran.OPERATOR)
    realisasi_simpan(indikator=rencana.dokumen, tahun=TH, triwulan=TW, nilai=D(5), oleh=operator)
    _ke(dunia, status)
    jejak = Jejak.objects.count()
    pesan = "sudah disetujui dan terkunci" if status == StatusAlur.DISETUJUI else "Minta agar dikembalikan"
    with pytest.raises(ValidationError, match=pesan):
        realisasi_simpan(indikator=rencana.dokumen, tahun=TH, triwulan=TW, nilai=D(6), oleh=operator, alasan="x")
    with pytest.raises(ValidationError, match=pesan):
        realisasi_simpan(indikator=rencana.rasio, tahun=TH, triwulan=TW, data={"a": D(1)}, oleh=operator, alasan="x")
    with pytest.raises(ValidationError, match=pesan):
        realisasi_simpan(indikator=rencana.dokumen, tahun=TH, triwulan=TW, narasi={"upaya": "x"}, oleh=operator,
                         alasan="x")
    with pytest.raises(ValidationError, match=pesan):
        bukti_tambah(indikator=rencana.dokumen, tahun=TH, triwulan=TW, jenis="tautan", url="https://contoh.go.id",
                     oleh=operator, alasan="x")
    assert Realisasi.objects.get(indikator=rencana.dokumen, tahun=TH, triwulan=TW).nilai == D(5)
    assert not Bukti.objects.exists() and Jejak.objects.count() == jejak
    # Another quarter of the same year stays open.
    realisasi_simpan(indikator=rencana.dokumen, tahun=TH, triwulan=TW + 1, nilai=D(7), oleh=operator)


def test_kunci_terlihat_di_halaman_isian(rencana: Rencana, dunia: Dunia) -> None:
    _ke(dunia, StatusAlur.DISETUJUI)
    client = Client()
    client.force_login(_peran(dunia, Peran.OPERATOR))
    isi = client.get(reverse("pengukuran:isian", args=[dunia.opd_a1.slug, TH, TW])).content.decode()
    assert "sudah disetujui dan terkunci" in isi and "hanya dapat dibaca" in isi
    assert ">Simpan</button>" not in isi and "readonly" in isi
    # And a POST anyway is refused with the message, the stored value untouched.
    r = client.post(reverse("pengukuran:simpan", args=[dunia.opd_a1.slug, TH, TW, rencana.dokumen.pk]),
                    {"versi": "0", "nilai": "9"}, HTTP_HX_REQUEST="true")
    assert "sudah disetujui dan terkunci" in r.content.decode()
    assert not Realisasi.objects.exists()


def test_buka_kunci_dengan_alasan_tercatat(rencana: Rencana, dunia: Dunia) -> None:
    _ke(dunia, StatusAlur.DISETUJUI)
    admin = _peran(dunia, Peran.ADMIN)
    with pytest.raises(ValidationError, match="Alasan perubahan wajib diisi"):
        triwulan_buka_kunci(opd=dunia.opd_a1, tahun=TH, triwulan=TW, oleh=admin, alasan="")
    for peran in (Peran.OPERATOR, Peran.KEPALA, Peran.VERIFIKATOR):
        with pytest.raises(PermissionDenied):
            triwulan_buka_kunci(opd=dunia.opd_a1, tahun=TH, triwulan=TW, oleh=_peran(dunia, peran), alasan="x")
    st = triwulan_buka_kunci(opd=dunia.opd_a1, tahun=TH, triwulan=TW, oleh=admin, alasan="Koreksi data BPS Mei")
    assert st.status == StatusAlur.DIKEMBALIKAN and st.disetujui_oleh is None
    j = jejak_objek(st).first()
    assert (j.aksi, j.alasan, j.pengguna) == (AksiJejak.BUKA_KUNCI, "Koreksi data BPS Mei", admin)
    assert j.perubahan["status"] == {"label": "Status", "lama": "disetujui", "baru": "dikembalikan"}
    realisasi_simpan(indikator=rencana.dokumen, tahun=TH, triwulan=TW, nilai=D(8), oleh=_peran(dunia, Peran.OPERATOR),
                     alasan="Data BPS terkoreksi")


def test_alasan_wajib_setelah_pernah_diajukan(rencana: Rencana, dunia: Dunia) -> None:
    operator = _peran(dunia, Peran.OPERATOR)
    realisasi_simpan(indikator=rencana.dokumen, tahun=TH, triwulan=TW, nilai=D(5), oleh=operator)  # no reason yet
    _ke(dunia, StatusAlur.DIAJUKAN)
    triwulan_kembalikan(opd=dunia.opd_a1, tahun=TH, triwulan=TW, oleh=_peran(dunia, Peran.VERIFIKATOR), catatan="cek")
    with pytest.raises(ValidationError, match="Alasan perubahan wajib diisi karena data TW II 2025 pernah diajukan"):
        realisasi_simpan(indikator=rencana.dokumen, tahun=TH, triwulan=TW, nilai=D(6), oleh=operator)
    assert Realisasi.objects.get(indikator=rencana.dokumen, tahun=TH, triwulan=TW).nilai == D(5)
    # Saving nothing new needs no reason; a change with its reason is recorded with it.
    realisasi_simpan(indikator=rencana.dokumen, tahun=TH, triwulan=TW, nilai=D(5), oleh=operator)
    realisasi_simpan(indikator=rencana.dokumen, tahun=TH, triwulan=TW, nilai=D(6), oleh=operator,
                     alasan="salah ketik")
    j = Jejak.objects.filter(objek_label__startswith="Realisasi IP2").first()
    assert (j.alasan, j.perubahan["realisasi"]["lama"], j.perubahan["realisasi"]["baru"]) == ("salah ketik", "5", "6")
    with pytest.raises(ValidationError, match="Alasan perubahan wajib"):
        bukti_tambah(indikator=rencana.dokumen, tahun=TH, triwulan=TW, jenis="tautan", url="https://contoh.go.id",
                     oleh=operator)


# ---------------------------------------------------------------------- windows and late marks


def test_jendela_dan_tanda_terlambat(rencana: Rencana, dunia: Dunia) -> None:
    admin, operator = _peran(dunia, Peran.ADMIN), _peran(dunia, Peran.OPERATOR)
    hari_ini = timezone.localdate()
    with pytest.raises(PermissionDenied):
        jendela_atur(pemda=dunia.pemda_a, tahun=TH, triwulan=1, dibuka=hari_ini, ditutup=hari_ini, oleh=operator)
    with pytest.raises(ValidationError, match="tidak boleh sebelum"):
        jendela_atur(pemda=dunia.pemda_a, tahun=TH, triwulan=1, dibuka=hari_ini, ditutup=hari_ini - dt.timedelta(1),
                     oleh=admin)
    # TW I: not yet open → a submission is refused (entry itself is allowed).
    jendela_atur(pemda=dunia.pemda_a, tahun=TH, triwulan=1, dibuka=hari_ini + dt.timedelta(3),
                 ditutup=hari_ini + dt.timedelta(10), oleh=admin)
    realisasi_simpan(indikator=rencana.dokumen, tahun=TH, triwulan=1, nilai=D(1), oleh=operator)
    with pytest.raises(ValidationError, match="baru dibuka"):
        triwulan_ajukan(opd=dunia.opd_a1, tahun=TH, triwulan=1, oleh=operator)
    # TW II closed five days ago: entry and submission accepted, and marked late.
    j = jendela_atur(pemda=dunia.pemda_a, tahun=TH, triwulan=TW, dibuka=hari_ini - dt.timedelta(20),
                     ditutup=hari_ini - dt.timedelta(5), oleh=admin)
    assert Jejak.objects.filter(objek_id=str(j.pk), aksi=AksiJejak.BUAT, pemda=dunia.pemda_a).exists()
    alur = alur_opd_tahun(opd=dunia.opd_a1, tahun=TH)
    assert alur.triwulan[1].terlambat.teks == "Melewati batas 5 hari, belum diajukan"
    realisasi_simpan(indikator=rencana.dokumen, tahun=TH, triwulan=TW, nilai=D(2), oleh=operator)
    st = triwulan_ajukan(opd=dunia.opd_a1, tahun=TH, triwulan=TW, oleh=operator)
    assert keterlambatan(st, j, hari_ini).teks == "Diajukan terlambat 5 hari"
    client = Client()
    client.force_login(operator)
    halaman_alur = client.get(reverse("alur_opd:tahun", args=[dunia.opd_a1.slug, TH])).content.decode()
    assert "Diajukan terlambat 5 hari" in halaman_alur
    isian = client.get(reverse("pengukuran:isian", args=[dunia.opd_a1.slug, TH, TW])).content.decode()
    assert "Diajukan terlambat 5 hari" in isian
    assert 'class="tanda-terlambat" title="Diubah setelah jendela pengisian ditutup"' in isian
    # A window changed later keeps its first audit row and adds one with old → new.
    jendela_atur(pemda=dunia.pemda_a, tahun=TH, triwulan=TW, dibuka=j.dibuka, ditutup=hari_ini, oleh=admin)
    assert keterlambatan(st, j.__class__.objects.get(pk=j.pk), hari_ini) is None


# ----------------------------------------------------------------------------- inbox and count


def test_notifikasi_dihitung_per_peran(dunia: Dunia, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    _ke(dunia, StatusAlur.DIAJUKAN, tw=1)
    _ke(dunia, StatusAlur.DIVERIFIKASI, tw=2)
    st = _ke(dunia, StatusAlur.DIAJUKAN, tw=3)
    triwulan_kembalikan(opd=st.opd, tahun=TH, triwulan=3, oleh=_peran(dunia, Peran.VERIFIKATOR), catatan="lengkapi")
    # Another OPD of the same Pemda, submitted: the Pemda-wide verifikator sees it, a1's roles not.
    triwulan_ajukan(opd=dunia.opd_a2, tahun=TH, triwulan=1,
                    oleh=_buat_operator(dunia.opd_a2))
    harapan = {Peran.OPERATOR: 1, Peran.KEPALA: 1, Peran.VERIFIKATOR: 2, Peran.ADMIN: 0, Peran.PEMBACA: 0,
               Peran.INSPEKTORAT: 0}
    for peran, n in harapan.items():
        user = _peran(dunia, peran)
        lingkup_pengguna(user)  # the request has loaded the memberships already (navigation)
        # One COUNT over the status rows, whatever the number of OPDs and quarters; none at all
        # for a role that never acts on a quarter (the empty condition is not sent).
        bertindak = peran in (Peran.OPERATOR, Peran.KEPALA, Peran.VERIFIKATOR)
        with django_assert_num_queries(1 if bertindak else 0):
            assert jumlah_menunggu(user) == n, peran
    assert jumlah_menunggu(dunia.pengguna_b[Peran.VERIFIKATOR]) == 0
    kotak = kotak_masuk(_peran(dunia, Peran.OPERATOR))
    assert [s.catatan for s in kotak.dikembalikan] == ["lengkapi"] and kotak.menunggu == []


def _buat_operator(opd):  # type: ignore[no-untyped-def]
    from sakip.akun.models import Keanggotaan, User

    user = User.objects.create_user(username=f"op-{opd.slug}", password="x")
    Keanggotaan.objects.create(user=user, peran=Peran.OPERATOR, pemda=opd.pemda, opd=opd)
    return user


def test_halaman_kotak_masuk_dan_lencana(dunia: Dunia, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    for tw in (1, 2, 3):
        _ke(dunia, StatusAlur.DIAJUKAN, tw=tw)
    client = Client()
    client.force_login(_peran(dunia, Peran.VERIFIKATOR))
    # session + user (2), memberships (1), the inbox with its OPDs and people (1), the navigation's
    # OPD and Pemda lists (2), the badge count (1): 7, the same for 3 waiting quarters as for 30.
    with django_assert_num_queries(7):
        r = client.get(reverse("alur:kotak-masuk"))
    isi = r.content.decode()
    assert isi.count('class="status status-diajukan"') == 3
    assert 'aria-label="3 menunggu">3</span>' in isi


# ---------------------------------------------------------------------------------- documents


def test_dokumen_final_dibekukan_dengan_checksum(dunia: Dunia, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    isi = {"teks": b"versi pertama"}
    registri.daftarkan_dokumen("uji", lambda opd, tahun: (f"uji-{tahun}.txt", "text/plain", isi["teks"]))
    try:
        kepala, admin = _peran(dunia, Peran.KEPALA), _peran(dunia, Peran.ADMIN)
        with pytest.raises(PermissionDenied):
            dokumen_finalkan(opd=dunia.opd_a1, tahun=TH, jenis="uji", oleh=_peran(dunia, Peran.OPERATOR))
        dok = dokumen_finalkan(opd=dunia.opd_a1, tahun=TH, jenis="uji", oleh=kepala)
        assert dok.sha256 == hashlib.sha256(b"versi pertama").hexdigest() and dok.status == "final"
        isi["teks"] = b"versi kedua"  # the data changed after finalising
        assert dokumen_unduh(opd=dunia.opd_a1, tahun=TH, jenis="uji")[2] == b"versi pertama"
        client = Client()
        client.force_login(_peran(dunia, Peran.PEMBACA))
        r = client.get(reverse("alur_opd:dokumen-unduh", args=[dunia.opd_a1.slug, TH, "uji"]))
        assert r.content == b"versi pertama" and 'filename="uji-2025.txt"' in r["Content-Disposition"]
        with pytest.raises(ValidationError, match="sudah final"):
            dokumen_finalkan(opd=dunia.opd_a1, tahun=TH, jenis="uji", oleh=kepala)
        with pytest.raises(ValidationError, match="Alasan"):
            dokumen_buka_kunci(opd=dunia.opd_a1, tahun=TH, jenis="uji", oleh=admin, alasan="")
        dokumen_buka_kunci(opd=dunia.opd_a1, tahun=TH, jenis="uji", oleh=admin, alasan="Perubahan PK kedua")
        assert dokumen_unduh(opd=dunia.opd_a1, tahun=TH, jenis="uji")[2] == b"versi kedua"
        j = Jejak.objects.filter(aksi=AksiJejak.BUKA_KUNCI).get()
        assert j.alasan == "Perubahan PK kedua" and j.perubahan["status"]["lama"] == "final"
        # A tampered frozen file is refused, never served.
        dok = dokumen_finalkan(opd=dunia.opd_a1, tahun=TH, jenis="uji", oleh=kepala)
        (tmp_path / dok.berkas.name).write_bytes(b"diubah diam-diam")
        with pytest.raises(ValidationError, match="checksum"):
            dokumen_unduh(opd=dunia.opd_a1, tahun=TH, jenis="uji")
    finally:
        registri._DOKUMEN.pop("uji", None)
    assert DokumenTahunan.objects.count() == 1


@pytest.mark.django_db
def test_pk_terdaftar_dan_dirender_dari_demo(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sakip.organisasi.models import PerangkatDaerah
    from sakip.testing.demo import muat_demo

    settings.MEDIA_ROOT = tmp_path
    muat_demo(sampai=60)
    opd = PerangkatDaerah.objects.get(slug="babel-disperindag")
    nama, mimetype, isi = registri.dokumen_terdaftar("pk").render(opd, 2025)
    assert nama.endswith(".docx") and mimetype.endswith("wordprocessingml.document") and isi[:2] == b"PK"
