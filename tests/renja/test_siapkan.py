"""`evaluasi_renja_siapkan`: the evaluation rows of a new year from its Renja — the rows, the derived
columns (the worked table of docs/algorithms/renja-evaluasi.md), idempotence, entered data left alone,
permission, the workflow lock, the audit record, the page, its query count and the CLI.

Demo babel-dkukm: Renja 2024 (66 lines), evaluation 2022 from the seed, Renstra 2017–2022.
"""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import connection
from django.test import Client
from django.urls import reverse

from sakip.akun.models import Keanggotaan, Peran, User
from sakip.alur.models import StatusAlur, StatusTriwulan
from sakip.audit.models import Jejak
from sakip.engine.angka import bulatkan, parse_angka, to_decimal
from sakip.organisasi.models import PerangkatDaerah
from sakip.perencanaan.models import Indikator, Renstra
from sakip.renja.layanan import IsianBaris, evaluasi_renja_isi, evaluasi_renja_siapkan
from sakip.renja.models import BarisRenja, EvaluasiRenja
from sakip.renja.selectors import tabel_evaluasi
from sakip.testing import kueri
from sakip.testing.tabel_dok import baca_tabel

pytestmark = pytest.mark.django_db

BARU = 2024  # the demo's Renja year without evaluation rows


@pytest.fixture
def dkukm(demo_renja: list[str]) -> PerangkatDaerah:
    return PerangkatDaerah.objects.select_related("pemda").get(slug="babel-dkukm")


def _pengguna(opd: PerangkatDaerah, peran: Peran, nama: str) -> User:
    user = User.objects.create_user(username=nama, password="x-uji-123")
    Keanggotaan.objects.create(user=user, peran=peran, pemda=opd.pemda,
                               opd=opd if peran in (Peran.OPERATOR, Peran.KEPALA) else None)
    return user


@pytest.fixture
def operator(dkukm: PerangkatDaerah) -> User:
    return _pengguna(dkukm, Peran.OPERATOR, "op-dkukm")


def _klien(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _jejak(opd: PerangkatDaerah) -> list[Jejak]:
    return list(Jejak.objects.filter(opd=opd, aksi="buat", objek_id=str(opd.pk)).order_by("pk"))


def _kunci(baris: EvaluasiRenja | BarisRenja) -> tuple[str, str]:
    return baris.node.ref, baris.indikator.ref


# ---------------------------------------------------------------------------------- the service


def test_baris_dibuat_sesuai_renja(dkukm: PerangkatDaerah, operator: User) -> None:
    renja = list(BarisRenja.objects.filter(opd=dkukm, tahun=BARU).select_related("node", "indikator")
                 .order_by("urutan"))
    assert len(renja) == 66 and not EvaluasiRenja.objects.filter(opd=dkukm, tahun=BARU).exists()
    hasil = evaluasi_renja_siapkan(opd=dkukm, tahun=BARU, oleh=operator)
    assert (hasil.dibuat, hasil.sudah_ada, hasil.target_kosong) == (66, 0, [])
    dibuat = list(EvaluasiRenja.objects.filter(opd=dkukm, tahun=BARU).select_related("node", "indikator")
                  .order_by("urutan"))
    # The same nodes and indicators, in the Renja's order.
    assert [(_kunci(e), e.urutan) for e in dibuat] == [(_kunci(b), b.urutan) for b in renja]
    for b, e in zip(renja, dibuat, strict=True):
        # Column 7: the Renja target and pagu (money stays where the Renja puts it).
        assert e.target_renja_k == to_decimal(b.target) and e.target_renja_rp == b.pagu_indikatif, _kunci(b)
        # The Renstra 2017–2022 does not cover 2024: columns 5 and 6 are left for the operator.
        assert (e.target_renstra_k, e.target_renstra_rp, e.realisasi_lalu_k, e.realisasi_lalu_rp) == (None,) * 4
        assert [getattr(e, f"tw{n}_{x}") for n in range(1, 5) for x in "k rp".split()] == [None] * 8
        assert (e.faktor_pendukung, e.faktor_penghambat, e.tindak_lanjut, e.hanya_tahunan, e.versi) == (
            "", "", "", False, 0)
    # The table's column 7 Rp total is the Renja's total pagu (renja-2024 Bab IV: 23.633.051.862).
    assert tabel_evaluasi(opd=dkukm, tahun=BARU).total.target_renja_rp == Decimal("23633051862")
    [jejak] = _jejak(dkukm)
    assert (jejak.pengguna, jejak.sumber) == (operator, "layar")
    assert jejak.perubahan["baris"] == {"label": "Baris evaluasi Renja 2024", "lama": "0", "baru": "66"}
    assert jejak.perubahan["dibuat"]["baru"].startswith("P1 / I-P1, K1.1 / I-K1.1, SK1.1.1 / I-SK1.1.1")
    assert jejak.objek_label == "Evaluasi Renja 2024 disiapkan dari Renja 2024: 66 baris"


def test_panggilan_kedua_tidak_membuat_apa_pun(dkukm: PerangkatDaerah, operator: User) -> None:
    evaluasi_renja_siapkan(opd=dkukm, tahun=BARU, oleh=operator)
    sebelum = list(EvaluasiRenja.objects.filter(opd=dkukm, tahun=BARU).order_by("pk").values())
    hasil = evaluasi_renja_siapkan(opd=dkukm, tahun=BARU, oleh=operator)
    assert (hasil.dibuat, hasil.sudah_ada) == (0, 66)
    assert list(EvaluasiRenja.objects.filter(opd=dkukm, tahun=BARU).order_by("pk").values()) == sebelum
    assert len(_jejak(dkukm)) == 1  # nothing created, nothing recorded


def test_data_yang_diisi_tidak_diubah(dkukm: PerangkatDaerah, operator: User) -> None:
    evaluasi_renja_siapkan(opd=dkukm, tahun=BARU, oleh=operator)
    semua = EvaluasiRenja.objects.filter(opd=dkukm, tahun=BARU)
    sk = semua.get(node__ref="SK1.1.1")
    evaluasi_renja_isi(opd=dkukm, tahun=BARU, oleh=operator, isian=[IsianBaris(sk.pk, {
        "tw1_k": "2", "tw1_rp": "15.000.000", "faktor_pendukung": "Tim perencana lengkap"}, sk.versi)])
    # A target changed since (as a YAML import would) must survive too.
    semua.filter(node__ref="P1", indikator__ref="I-P1").update(target_renja_k=Decimal("82"))
    # Two Renja lines lose their evaluation rows (e.g. added to the Renja after the preparation).
    semua.filter(node__ref__in=["K1.1", "SK1.1.2"]).delete()
    diisi = semua.get(pk=sk.pk)

    hasil = evaluasi_renja_siapkan(opd=dkukm, tahun=BARU, oleh=operator)

    assert (hasil.dibuat, hasil.sudah_ada) == (2, 64)
    sk = semua.get(pk=sk.pk)
    assert (sk.tw1_k, sk.tw1_rp, sk.faktor_pendukung, sk.versi) == (
        Decimal(2), Decimal(15000000), "Tim perencana lengkap", diisi.versi)
    assert semua.get(node__ref="P1", indikator__ref="I-P1").target_renja_k == Decimal(82)
    baru = semua.get(node__ref="SK1.1.2")
    renja = BarisRenja.objects.get(opd=dkukm, tahun=BARU, node__ref="SK1.1.2")
    assert (baru.urutan, baru.target_renja_rp) == (renja.urutan, renja.pagu_indikatif)
    kedua = _jejak(dkukm)[-1]
    assert kedua.perubahan["baris"] == {"label": "Baris evaluasi Renja 2024", "lama": "64", "baru": "66"}
    assert kedua.perubahan["dibuat"]["baru"] == "K1.1 / I-K1.1, SK1.1.2 / I-SK1.1.2"


@pytest.mark.parametrize("peran", [Peran.PEMBACA, Peran.KEPALA, Peran.VERIFIKATOR])
def test_ditolak_bagi_yang_tidak_mengisi(dkukm: PerangkatDaerah, peran: Peran) -> None:
    with pytest.raises(PermissionDenied):
        evaluasi_renja_siapkan(opd=dkukm, tahun=BARU, oleh=_pengguna(dkukm, peran, f"u-{peran.value}"))
    assert not EvaluasiRenja.objects.filter(opd=dkukm, tahun=BARU).exists() and not _jejak(dkukm)


def test_operator_opd_lain_ditolak(dkukm: PerangkatDaerah) -> None:
    lain = PerangkatDaerah.objects.create(pemda=dkukm.pemda, slug="opd-lain", nama="OPD Lain")
    with pytest.raises(PermissionDenied):
        evaluasi_renja_siapkan(opd=dkukm, tahun=BARU, oleh=_pengguna(lain, Peran.OPERATOR, "op-lain"))


@pytest.mark.parametrize(("status", "pesan"), [
    (StatusAlur.DISETUJUI, "Tabel evaluasi Renja 2024 tidak dapat disiapkan: Data TW IV 2024 sudah disetujui "
                           "dan terkunci. Admin Pemda dapat membuka kuncinya"),
    (StatusAlur.DIAJUKAN, "Tabel evaluasi Renja 2024 tidak dapat disiapkan: Data TW IV 2024 sedang diajukan "
                          "(menunggu verifikasi)"),
    (StatusAlur.DIVERIFIKASI, "Data TW IV 2024 sedang diajukan (menunggu persetujuan Kepala OPD)"),
])
def test_tw_iv_terkunci_ditolak(dkukm: PerangkatDaerah, operator: User, status: StatusAlur, pesan: str) -> None:
    StatusTriwulan.objects.create(opd=dkukm, tahun=BARU, triwulan=4, status=status)
    with pytest.raises(ValidationError) as exc:
        evaluasi_renja_siapkan(opd=dkukm, tahun=BARU, oleh=operator)
    assert pesan in exc.value.messages[0] and exc.value.code == "terkunci"
    assert not EvaluasiRenja.objects.filter(opd=dkukm, tahun=BARU).exists() and not _jejak(dkukm)


def test_kunci_lain_tidak_menghalangi(dkukm: PerangkatDaerah, operator: User) -> None:
    # An approved TW I (its quarter data) and a returned TW IV leave the year's table open.
    StatusTriwulan.objects.create(opd=dkukm, tahun=BARU, triwulan=1, status=StatusAlur.DISETUJUI)
    StatusTriwulan.objects.create(opd=dkukm, tahun=BARU, triwulan=4, status=StatusAlur.DIKEMBALIKAN)
    StatusTriwulan.objects.create(opd=dkukm, tahun=2022, triwulan=4, status=StatusAlur.DISETUJUI)
    assert evaluasi_renja_siapkan(opd=dkukm, tahun=BARU, oleh=operator).dibuat == 66


def test_tanpa_perubahan_tidak_diperiksa_kuncinya(dkukm: PerangkatDaerah, operator: User) -> None:
    evaluasi_renja_siapkan(opd=dkukm, tahun=BARU, oleh=operator)
    StatusTriwulan.objects.create(opd=dkukm, tahun=BARU, triwulan=4, status=StatusAlur.DISETUJUI)
    # Nothing to create writes nothing, so a locked year does not refuse it.
    assert evaluasi_renja_siapkan(opd=dkukm, tahun=BARU, oleh=operator).sudah_ada == 66


def test_tahun_tanpa_renja(dkukm: PerangkatDaerah, operator: User) -> None:
    with pytest.raises(ValidationError, match="Belum ada Renja 2030"):
        evaluasi_renja_siapkan(opd=dkukm, tahun=2030, oleh=operator)


def test_target_bukan_angka_dibiarkan_kosong(dkukm: PerangkatDaerah, operator: User) -> None:
    BarisRenja.objects.filter(opd=dkukm, tahun=BARU, node__ref="SK1.1.1").update(target="Tersedia")
    hasil = evaluasi_renja_siapkan(opd=dkukm, tahun=BARU, oleh=operator)
    assert hasil.target_kosong == [
        "2.17.01.1.01.0001 Penyusunan Dokumen Perencanaan Perangkat Daerah / Jumlah Dokumen Perencanaan Perangkat Daerah"]
    assert "target Renja 1 baris bukan angka" in hasil.ringkasan()
    e = EvaluasiRenja.objects.get(opd=dkukm, tahun=BARU, node__ref="SK1.1.1")
    assert (e.target_renja_k, e.target_renja_rp) == (None, Decimal(70000000))
    assert "Penyusunan Dokumen" in _jejak(dkukm)[0].perubahan["target_kosong"]["baru"]


# ------------------------------------------ derived columns: the worked table of the algorithm doc


def _siapkan_2023(opd: PerangkatDaerah) -> None:
    """The doc's setting: a 2023 whose Renja lines are renja-2024's and whose Renstra period is taken
    to run to 2023, so the seed's 2022 evaluation is "last year" (the demo has no consecutive years)."""
    Renstra.objects.filter(opd=opd).update(tahun_akhir=2023)
    BarisRenja.objects.bulk_create([
        BarisRenja(opd=opd, tahun=2023, node_id=b.node_id, indikator_id=b.indikator_id, urutan=b.urutan,
                   target=b.target, satuan=b.satuan, pagu_indikatif=b.pagu_indikatif)
        for b in BarisRenja.objects.filter(opd=opd, tahun=BARU)])
    evaluasi_renja_siapkan(opd=opd, tahun=2023, oleh=None)


_KOLOM = {"5": "target_renstra", "6": "realisasi_lalu", "7": "target_renja"}
BARIS_DOK = [(r["node"], r["indikator"], r["kolom"], r["nilai"])
             for r in baca_tabel("renja-evaluasi.md", "siapkan-2023")]


def test_tabel_dok_tidak_kosong() -> None:
    assert len(BARIS_DOK) >= 12


@pytest.mark.parametrize(("node", "indikator", "kolom", "nilai"), BARIS_DOK,
                         ids=[f"{n}-{i}-{k}" for n, i, k, _ in BARIS_DOK])
def test_baris_tabel_dok(dkukm: PerangkatDaerah, node: str, indikator: str, kolom: str, nilai: str) -> None:
    _siapkan_2023(dkukm)
    tabel = tabel_evaluasi(opd=dkukm, tahun=2023)
    nomor, separuh = kolom.split()
    if node == "jumlah":
        dihitung = getattr(tabel.total, f"{_KOLOM[nomor]}_{separuh.lower()}")
    else:
        baris = next(b for b in tabel.baris if (b.masukan.node, b.masukan.indikator) == (node, indikator))
        dihitung = getattr(getattr(baris, _KOLOM[nomor]), separuh.lower())
    if nilai == "–":
        assert dihitung is None
    else:
        assert dihitung is not None and bulatkan(dihitung, 2) == bulatkan(parse_angka(nilai), 2)


def test_kolom_6_sama_dengan_kolom_14_tahun_lalu(dkukm: PerangkatDaerah) -> None:
    """A node whose 2022 money rows (its own and every row below it) all continue into 2023: its column 6 Rp
    is what the 2022 table shows in column 14 Rp. (P6 does not qualify: its 2022 sub kegiatan are not
    in renja-2024, so their money is not carried — there is no row to carry it to.)"""
    _siapkan_2023(dkukm)
    lalu = tabel_evaluasi(opd=dkukm, tahun=2022).baris
    sekarang = tabel_evaluasi(opd=dkukm, tahun=2023).baris
    kunci_baru = {(b.masukan.node, b.masukan.indikator) for b in sekarang}
    kunci_lalu = {(b.masukan.node, b.masukan.indikator): b for b in lalu}

    def berlanjut(node: str) -> bool:
        return all((b.masukan.node, b.masukan.indikator) in kunci_baru for b in lalu
                   if (node == b.masukan.node or node in b.masukan.leluhur)
                   and any(x is not None for x in (b.masukan.realisasi_lalu.rp, *(t.rp for t in b.masukan.tw))))

    dibawa = [b for b in sekarang if b.pertama and (b.masukan.node, b.masukan.indikator) in kunci_lalu
              and berlanjut(b.masukan.node)]
    assert len(dibawa) >= 20 and "P1" in {b.masukan.node for b in dibawa}
    for b in dibawa:
        assert b.realisasi_lalu.rp == kunci_lalu[(b.masukan.node, b.masukan.indikator)].realisasi_renstra.rp, b.masukan.node


def test_kolom_6_k_hanya_untuk_indikator_yang_dijumlahkan(dkukm: PerangkatDaerah) -> None:
    # I-SK1.1.1 counts documents: with agregasi "jumlah" the 2022 K carries, 3 (s.d. 2021) + 7 (2022).
    Indikator.objects.filter(renstra__opd=dkukm, ref="I-SK1.1.1").update(agregasi="jumlah")
    _siapkan_2023(dkukm)
    sk = EvaluasiRenja.objects.get(opd=dkukm, tahun=2023, node__ref="SK1.1.1")
    assert sk.realisasi_lalu_k == Decimal(10)
    # Nilai SAKIP (I-P1) is a score: 80 + 20 would be arithmetic, so it stays empty.
    assert EvaluasiRenja.objects.get(opd=dkukm, tahun=2023, node__ref="P1", indikator__ref="I-P1").realisasi_lalu_k is None


# --------------------------------------------------------------------------------------- the page


def _url(nama: str, opd: PerangkatDaerah, query: str = "") -> str:
    return reverse(f"renja:{nama}", args=[opd.slug]) + query


TOMBOL = "Siapkan tabel evaluasi dari Renja 2024"


def test_halaman_menawarkan_dan_menyiapkan(dkukm: PerangkatDaerah, operator: User) -> None:
    klien = _klien(operator)
    bawaan = klien.get(_url("evaluasi", dkukm)).content.decode()
    assert "<h1>Evaluasi Renja 2022</h1>" in bawaan  # the latest year with a table stays the default
    assert '<option value="2024">2024</option>' in bawaan and TOMBOL not in bawaan
    teks = klien.get(_url("evaluasi", dkukm, "?tahun=2024")).content.decode()
    assert "Tabel evaluasi Renja 2024 belum ada." in teks and "Renja 2024 memuat 66 baris" in teks
    assert TOMBOL in teks and 'name="tahun" value="2024"' in teks
    assert "Unduh Excel" not in teks and "Isi realisasi" not in teks  # nothing to download or fill yet
    r = klien.post(_url("evaluasi-siapkan", dkukm), {"tahun": "2024"})
    assert r.status_code == 302 and r["Location"] == _url("evaluasi", dkukm, "?tahun=2024")
    teks = klien.get(r["Location"]).content.decode()
    assert "Tabel evaluasi Renja 2024 disiapkan dari Renja 2024: 66 baris dibuat, 0 sudah ada." in teks
    assert TOMBOL not in teks and "Penyusunan Dokumen Perencanaan Perangkat Daerah" in teks
    assert "23.633.051.862" in teks and "Isi realisasi TW IV" in teks


def test_tabel_yang_disiapkan_diisi_lewat_form(dkukm: PerangkatDaerah, operator: User) -> None:
    """The prepared rows are filled through the quarterly form, also once row ids pass 999 (the form's
    field names carried the id with a thousands separator, `k_2.041`, and the save ignored them)."""
    contoh = BarisRenja.objects.filter(opd=dkukm, tahun=BARU).first()
    assert contoh is not None
    EvaluasiRenja.objects.create(pk=5000, opd=dkukm, tahun=2030, node_id=contoh.node_id,
                                 indikator_id=contoh.indikator_id)
    with connection.cursor() as cursor:  # PostgreSQL: move the sequence past 5000 (SQLite takes max + 1)
        for sql in connection.ops.sequence_reset_sql(no_style(), [EvaluasiRenja]):
            cursor.execute(sql)
    evaluasi_renja_siapkan(opd=dkukm, tahun=BARU, oleh=operator)
    sk = EvaluasiRenja.objects.get(opd=dkukm, tahun=BARU, node__ref="SK1.1.1")
    assert sk.pk > 5000
    klien = _klien(operator)
    form = klien.get(_url("evaluasi-isi", dkukm, "?tahun=2024&tw=1")).content.decode()
    assert f'name="k_{sk.pk}"' in form and f'name="rp_{sk.pk}"' in form and f'name="versi_{sk.pk}"' in form
    r = klien.post(_url("evaluasi-isi", dkukm), {"tahun": "2024", "tw": "1", f"k_{sk.pk}": "2",
                                                 f"rp_{sk.pk}": "15.000.000", f"versi_{sk.pk}": "0"})
    assert r.status_code == 302
    sk.refresh_from_db()
    assert (sk.tw1_k, sk.tw1_rp, sk.versi) == (Decimal(2), Decimal(15000000), 1)


def test_halaman_baris_yang_belum_ada(dkukm: PerangkatDaerah, operator: User) -> None:
    evaluasi_renja_siapkan(opd=dkukm, tahun=BARU, oleh=operator)
    EvaluasiRenja.objects.filter(opd=dkukm, tahun=BARU, node__ref__in=["K1.1", "SK1.1.2"]).delete()
    teks = _klien(operator).get(_url("evaluasi", dkukm, "?tahun=2024")).content.decode()
    assert "2 baris Renja 2024 belum ada di tabel evaluasi ini." in teks and TOMBOL in teks
    assert "Penyusunan Dokumen Perencanaan Perangkat Daerah" in teks  # the table is shown too


def test_halaman_pembaca_tanpa_tombol(dkukm: PerangkatDaerah) -> None:
    klien = _klien(_pengguna(dkukm, Peran.PEMBACA, "pembaca"))
    teks = klien.get(_url("evaluasi", dkukm, "?tahun=2024")).content.decode()
    assert "Operator OPD dapat menyiapkannya dari Renja 2024." in teks and TOMBOL not in teks
    assert klien.post(_url("evaluasi-siapkan", dkukm), {"tahun": "2024"}).status_code == 403
    assert not EvaluasiRenja.objects.filter(opd=dkukm, tahun=BARU).exists()


def test_halaman_terkunci_pesan_jelas(dkukm: PerangkatDaerah, operator: User) -> None:
    StatusTriwulan.objects.create(opd=dkukm, tahun=BARU, triwulan=4, status=StatusAlur.DISETUJUI)
    klien = _klien(operator)
    r = klien.post(_url("evaluasi-siapkan", dkukm), {"tahun": "2024"})
    assert r.status_code == 302
    teks = klien.get(r["Location"]).content.decode()
    assert ('class="pesan-error" role="status">Tabel evaluasi Renja 2024 tidak dapat disiapkan: Data TW IV 2024 '
            "sudah disetujui dan terkunci.") in teks
    assert not EvaluasiRenja.objects.filter(opd=dkukm, tahun=BARU).exists()


def test_siapkan_tahun_tanpa_renja_404(dkukm: PerangkatDaerah, operator: User) -> None:
    assert _klien(operator).post(_url("evaluasi-siapkan", dkukm), {"tahun": "2022"}).status_code == 404
    assert _klien(operator).get(_url("evaluasi-siapkan", dkukm, "?tahun=2024")).status_code == 405


# The evaluation page, as test_halaman.py counts it: session, user and memberships, navigation and the
# operator's inbox count, the OPD with its Pemda (1), the years of Renja and evaluation (1, a UNION);
# then, for who may prepare on a year with a Renja, the Renja lines without a row (1); and, on a year
# with evaluation rows, the rows (1) and the Renstra's nodes (1).
_DASAR = kueri.SESI_DAN_IZIN + kueri.NAVIGASI + kueri.TUGAS + 2


def test_jumlah_query(dkukm: PerangkatDaerah, operator: User, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    klien = _klien(operator)
    url = _url("evaluasi", dkukm, "?tahun=2024")
    with django_assert_num_queries(_DASAR + 1):  # no table yet: only the count
        assert klien.get(url).status_code == 200
    evaluasi_renja_siapkan(opd=dkukm, tahun=BARU, oleh=operator)
    with django_assert_num_queries(_DASAR + 3):
        assert klien.get(url).status_code == 200
    sisa = list(EvaluasiRenja.objects.filter(opd=dkukm, tahun=BARU).order_by("urutan").values_list("pk", flat=True)[:3])
    EvaluasiRenja.objects.filter(opd=dkukm, tahun=BARU).exclude(pk__in=sisa).delete()
    with django_assert_num_queries(_DASAR + 3):  # 3 rows instead of 66: the same number of queries
        assert klien.get(url).status_code == 200


def test_jumlah_query_pembaca(dkukm: PerangkatDaerah, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    klien = _klien(_pengguna(dkukm, Peran.PEMBACA, "pembaca"))
    # A reader has no inbox (no kueri.TUGAS) and never pays for the count.
    with django_assert_num_queries(_DASAR - kueri.TUGAS):
        assert klien.get(_url("evaluasi", dkukm, "?tahun=2024")).status_code == 200


# ------------------------------------------------------------------------------------------ the CLI


def _perintah(*args: str) -> str:
    keluaran = StringIO()
    call_command("renja-evaluasi-siapkan", *args, stdout=keluaran)
    return keluaran.getvalue()


def test_perintah(dkukm: PerangkatDaerah) -> None:
    assert _perintah("babel-dkukm", "2024") == "Evaluasi Renja babel-dkukm 2024: 66 baris dibuat, 0 sudah ada\n"
    assert _perintah("babel-dkukm", "2024") == "Evaluasi Renja babel-dkukm 2024: 0 baris dibuat, 66 sudah ada\n"
    [jejak] = _jejak(dkukm)
    assert (jejak.pengguna, jejak.sumber) == (None, "perintah")
    with pytest.raises(CommandError, match="OPD 'tidak-ada' tidak dikenal"):
        _perintah("tidak-ada", "2024")
    with pytest.raises(CommandError, match="Belum ada Renja 2031"):
        _perintah("babel-dkukm", "2031")


def test_perintah_terkunci(dkukm: PerangkatDaerah) -> None:
    StatusTriwulan.objects.create(opd=dkukm, tahun=BARU, triwulan=4, status=StatusAlur.DISETUJUI)
    with pytest.raises(CommandError, match="sudah disetujui dan terkunci"):
        _perintah("babel-dkukm", "2024")
