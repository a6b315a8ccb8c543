"""The Renja pages: content, query counts constant in the number of rows, the entry form, and
the permission matrix of every Renja view."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from sakip.audit.models import Jejak
from sakip.organisasi.models import PerangkatDaerah
from sakip.renja.models import BarisRenja, EvaluasiRenja
from sakip.testing import kueri
from sakip.testing.akses import periksa_matriks
from sakip.testing.dunia import Dunia
from sakip.testing.kasus_renja import kasus

pytestmark = pytest.mark.django_db


def _url(nama: str, opd: PerangkatDaerah, query: str = "") -> str:
    return reverse(f"renja:{nama}", args=[opd.slug]) + query


def test_matriks_izin(dunia: Dunia) -> None:
    daftar = kasus(dunia)
    assert periksa_matriks(dunia, daftar) == len(daftar) * (1 + 6 * 3)


def test_halaman_renja(operator: Client, dkukm: PerangkatDaerah) -> None:
    r = operator.get(_url("renja", dkukm))
    assert r.status_code == 200
    teks = r.content.decode()
    assert "Rencana Kerja 2024" in teks
    # renja-2024 Bab IV: the computed total pagu and the program's roll-up (docs/algorithms/renja-evaluasi.md).
    assert "23.633.051.862" in teks and "13.633.250.262" in teks
    assert "2.17.01.1.01.0001" in teks and "Penyusunan Dokumen Perencanaan Perangkat Daerah" in teks
    assert operator.get(_url("renja", dkukm, "?tahun=1999")).status_code == 404


def test_halaman_evaluasi(operator: Client, dkukm: PerangkatDaerah) -> None:
    r = operator.get(_url("evaluasi", dkukm, "?tahun=2022&tw=4"))
    assert r.status_code == 200
    teks = r.content.decode()
    # 44.371.813 / 44.397.000 = 99,94 % and the program's 92,15 % (issue 8), the P1 predicate SR on K
    # and ST on Rp with their band colours.
    assert "99,94" in teks and "92,15" in teks
    assert 'k band-sr" title="Sangat Rendah">SR<' in teks and 'rp band-st" title="Sangat Tinggi">ST<' in teks
    assert "Rata-rata Capaian Kinerja (%)" in teks and "24,72" in teks
    # Up to TW II the year-only rows are unknown: no 99,94 and no quarter III/IV columns.
    r2 = operator.get(_url("evaluasi", dkukm, "?tahun=2022&tw=2")).content.decode()
    assert "99,94" not in r2 and "Triwulan III" not in r2 and "Triwulan II" in r2


def test_unduhan(operator: Client, dkukm: PerangkatDaerah) -> None:
    for nama, query, awal in (("evaluasi-unduh", "?tahun=2022&tw=3&format=xlsx", b"PK"),
                              ("evaluasi-unduh", "?tahun=2022&format=docx", b"PK"),
                              ("renja-unduh", "?tahun=2024&format=docx", b"PK"),
                              ("renja-unduh", "?tahun=2024&format=xlsx", b"PK"),
                              ("evaluasi-templat", "?tahun=2022", b"PK")):
        r = operator.get(_url(nama, dkukm, query))
        assert r.status_code == 200, (nama, query)
        assert r.content[:2] == awal and "attachment" in r["Content-Disposition"]
    assert "tw3" in operator.get(_url("evaluasi-unduh", dkukm, "?tahun=2022&tw=3"))["Content-Disposition"]


def _potong(opd: PerangkatDaerah, sisa: int) -> None:
    """Keep the first `sisa` rows of each table (in order), so the pages have fewer rows."""
    for model in (BarisRenja, EvaluasiRenja):
        simpan = list(model.objects.filter(opd=opd).order_by("tahun", "urutan").values_list("pk", flat=True)[:sisa])
        model.objects.filter(opd=opd).exclude(pk__in=simpan).delete()


# Every page: session, user and memberships (kueri.SESI_DAN_IZIN), the OPD with its Pemda (1; so
# the Pemda's capaian policy costs nothing more), the base layout's navigation (kueri.NAVIGASI +
# kueri.TUGAS: the operator's inbox count),
# the years with data (1), the rows with node and indicator (1), the Renstra's nodes for the
# roll-ups / "where money is typed" (1) — whatever the number of rows.
_HALAMAN_RENJA = kueri.SESI_DAN_IZIN + kueri.NAVIGASI + kueri.TUGAS + 4
HALAMAN = (("renja", "?tahun=2024", _HALAMAN_RENJA), ("evaluasi", "?tahun=2022&tw=4", _HALAMAN_RENJA),
           ("evaluasi-isi", "?tahun=2022&tw=4", _HALAMAN_RENJA))


@pytest.mark.parametrize(("nama", "query", "n"), HALAMAN, ids=[h[0] for h in HALAMAN])
def test_jumlah_query_tetap(operator: Client, dkukm: PerangkatDaerah, django_assert_num_queries,  # type: ignore[no-untyped-def]
                            nama: str, query: str, n: int) -> None:
    url = _url(nama, dkukm, query)
    with django_assert_num_queries(n):
        assert operator.get(url).status_code == 200
    _potong(dkukm, 3)
    with django_assert_num_queries(n):  # 3 rows instead of 55/66: the same number of queries
        assert operator.get(url).status_code == 200


def test_isi_realisasi_simpan_dan_jejak(operator: Client, dkukm: PerangkatDaerah) -> None:
    b = EvaluasiRenja.objects.get(opd=dkukm, tahun=2022, node__ref="SK1.1.1")
    r = operator.post(_url("evaluasi-isi", dkukm), {"tahun": "2022", "tw": "4", f"k_{b.pk}": "8",
                                                    f"rp_{b.pk}": "44.000.000", f"versi_{b.pk}": "0"})
    assert r.status_code == 302 and "tahun=2022&tw=4" in r["Location"]
    b.refresh_from_db()
    assert (b.tw4_k, b.tw4_rp, b.versi) == (Decimal(8), Decimal(44000000), 1)
    jejak = Jejak.objects.get(objek_id=str(b.pk))
    assert jejak.pengguna.username == "op-dkukm"
    assert jejak.perubahan["tw4_rp"]["label"] == "Realisasi TW IV (Rp)"
    assert jejak.perubahan["tw4_rp"]["baru"] == "44000000"
    halaman = operator.get(_url("evaluasi", dkukm, "?tahun=2022")).content.decode()
    assert "99,11" in halaman  # 44.000.000 / 44.397.000 × 100


def test_isi_realisasi_galat_tidak_menyimpan_apa_pun(operator: Client, dkukm: PerangkatDaerah) -> None:
    sk = EvaluasiRenja.objects.get(opd=dkukm, tahun=2022, node__ref="SK1.1.1")
    p1 = EvaluasiRenja.objects.get(opd=dkukm, tahun=2022, node__ref="P1", indikator__ref="I-P1")
    r = operator.post(_url("evaluasi-isi", dkukm), {
        "tahun": "2022", "tw": "4", f"k_{sk.pk}": "9", f"versi_{sk.pk}": "0",
        f"k_{p1.pk}": "dua puluh", f"versi_{p1.pk}": "0"})
    assert r.status_code == 200
    teks = r.content.decode()
    assert "Belum disimpan" in teks and 'value="dua puluh"' in teks and 'aria-invalid="true"' in teks
    sk.refresh_from_db()
    assert sk.tw4_k == Decimal(7) and sk.versi == 0  # the valid row was not saved either
    assert not Jejak.objects.filter(objek_id=str(sk.pk)).exists()


def test_isi_realisasi_konflik_versi(operator: Client, dkukm: PerangkatDaerah) -> None:
    b = EvaluasiRenja.objects.get(opd=dkukm, tahun=2022, node__ref="SK1.1.1")
    data = {"tahun": "2022", "tw": "4", f"k_{b.pk}": "8", f"versi_{b.pk}": "0"}
    assert operator.post(_url("evaluasi-isi", dkukm), data).status_code == 302
    data[f"k_{b.pk}"] = "9"  # a second form opened at version 0
    r = operator.post(_url("evaluasi-isi", dkukm), data)
    assert r.status_code == 200 and "telah diubah oleh op-dkukm" in r.content.decode()
    b.refresh_from_db()
    assert b.tw4_k == Decimal(8) and b.versi == 1


def test_form_tahunan_terkunci_dan_rp_roll_up(operator: Client, dkukm: PerangkatDaerah) -> None:
    teks = operator.get(_url("evaluasi-isi", dkukm, "?tahun=2022&tw=2")).content.decode()
    b = EvaluasiRenja.objects.get(opd=dkukm, tahun=2022, node__ref="SK1.1.1")
    p1 = EvaluasiRenja.objects.get(opd=dkukm, tahun=2022, node__ref="P1", indikator__ref="I-P1")
    assert f'name="k_{b.pk}"' not in teks  # year-only rows: TW II is not entered
    teks4 = operator.get(_url("evaluasi-isi", dkukm, "?tahun=2022&tw=4")).content.decode()
    assert f'name="k_{b.pk}"' in teks4 and f'name="rp_{b.pk}"' in teks4
    assert f'name="k_{p1.pk}"' in teks4 and f'name="rp_{p1.pk}"' not in teks4  # a program's Rp is a roll-up
