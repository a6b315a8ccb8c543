"""Columns 5–7 of the Renja evaluation (Renstra end target, realisation up to last year, Renja
target) entered where the quarters are: the entry page's folded section, the Excel form and the
service `evaluasi_renja_isi` behind both (docs/algorithms/renja-evaluasi.md, "Entering …")."""

import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from sakip.alur.models import StatusAlur, StatusTriwulan
from sakip.audit.models import Jejak
from sakip.core.impor import ImporGagal
from sakip.organisasi.models import PerangkatDaerah
from sakip.renja.excel_evaluasi import KOLOM, isian_impor, templat_isian
from sakip.renja.layanan import UMUM, IsianBaris, IsianTidakValid, evaluasi_renja_isi
from sakip.renja.models import EvaluasiRenja
from sakip.renja.selectors import tabel_evaluasi

pytestmark = pytest.mark.django_db


def _url(nama: str, opd: PerangkatDaerah, query: str = "") -> str:
    return reverse(f"renja:{nama}", args=[opd.slug]) + query


def _sk(opd: PerangkatDaerah, ref: str = "SK1.1.1") -> EvaluasiRenja:
    return EvaluasiRenja.objects.select_related("indikator").get(opd=opd, tahun=2022, node__ref=ref)


# ------------------------------------------------------------------------------------- screen


def test_layar_ubah_kolom_7_tersimpan_jejak_dan_capaian_berubah(operator: Client, dkukm: PerangkatDaerah) -> None:
    b = _sk(dkukm)
    awal = tabel_evaluasi(opd=dkukm, tahun=2022).baris_node("SK1.1.1")[0]
    assert awal.capaian.k is not None and round(awal.capaian.k, 2) == Decimal("233.33")  # 7 / 3 (seed)
    halaman = operator.get(_url("evaluasi-isi", dkukm, "?tahun=2022&tw=4")).content.decode()
    assert "Target dan capaian awal (kolom 5–7)" in halaman
    assert f'name="target_renja_k_{b.pk}" value="3"' in halaman
    assert f'name="target_renja_rp_{b.pk}" value="44.397.000"' in halaman
    r = operator.post(_url("evaluasi-isi", dkukm), {
        "tahun": "2022", "tw": "4", f"versi_{b.pk}": "0",
        f"target_renja_k_{b.pk}": "7", f"target_renja_rp_{b.pk}": "44.371.813",
        f"target_renstra_k_{b.pk}": "6", f"realisasi_lalu_rp_{b.pk}": "30.469.000,50"})
    assert r.status_code == 302
    b.refresh_from_db()
    assert (b.target_renja_k, b.target_renja_rp, b.realisasi_lalu_rp, b.versi) == (
        Decimal(7), Decimal(44371813), Decimal("30469000.50"), 1)
    jejak = Jejak.objects.get(objek_id=str(b.pk))  # one record for the row, every column in it
    assert jejak.sumber == "layar" and jejak.pengguna.username == "op-dkukm"
    # the audit keeps the stored value's text (as for the quarters: "44371813.00")
    assert jejak.perubahan["target_renja_k"] == {"label": "Target Renja (K)", "lama": "3.00000000", "baru": "7"}
    assert jejak.perubahan["target_renja_rp"]["lama"] == "44397000.00" and "target_renstra_k" not in jejak.perubahan
    assert jejak.perubahan["realisasi_lalu_rp"]["baru"] == "30469000.50"
    # Columns 13 and 14 follow the new inputs, on the table and on the page.
    baru = tabel_evaluasi(opd=dkukm, tahun=2022).baris_node("SK1.1.1")[0]
    assert (baru.capaian.k, baru.capaian.rp) == (Decimal(100), Decimal(100))
    assert baru.realisasi_renstra.rp == Decimal("30469000.50") + Decimal(44371813)
    tabel = operator.get(_url("evaluasi", dkukm, "?tahun=2022&tw=4")).content.decode()
    assert "74.840.813,50" in tabel and "233,33" not in tabel


def test_layar_angka_salah_di_sel_dan_tidak_ada_yang_disimpan(operator: Client, dkukm: PerangkatDaerah) -> None:
    b, lain = _sk(dkukm), _sk(dkukm, "SK1.1.2")
    r = operator.post(_url("evaluasi-isi", dkukm), {
        "tahun": "2022", "tw": "4", f"versi_{b.pk}": "0", f"target_renja_k_{b.pk}": "tujuh",
        f"versi_{lain.pk}": "0", f"target_renja_k_{lain.pk}": "5"})  # valid, but all or nothing
    assert r.status_code == 200
    teks = r.content.decode()
    # The message sits in the folded section, which opens, next to the input that keeps the typing.
    bagian = teks[teks.index(f'name="target_renja_k_{b.pk}"'):]
    assert re.match(r'[^>]*value="tujuh"[^>]*aria-invalid="true">\s*<small class="galat"', bagian)
    assert teks.count("<details open>") == 1 and "Belum disimpan" in teks
    b.refresh_from_db()
    lain.refresh_from_db()
    assert (b.target_renja_k, b.versi, lain.versi) == (Decimal(3), 0, 0)
    assert lain.target_renja_k != Decimal(5)
    assert not Jejak.objects.filter(objek_id__in=[str(b.pk), str(lain.pk)]).exists()


def test_layar_versi_basi_konflik(operator: Client, dkukm: PerangkatDaerah) -> None:
    b = _sk(dkukm)
    data = {"tahun": "2022", "tw": "4", f"versi_{b.pk}": "0", f"target_renja_k_{b.pk}": "5"}
    assert operator.post(_url("evaluasi-isi", dkukm), data).status_code == 302
    data[f"target_renja_k_{b.pk}"] = "6"  # a second form opened at version 0
    r = operator.post(_url("evaluasi-isi", dkukm), data)
    assert r.status_code == 200 and "telah diubah oleh op-dkukm" in r.content.decode()
    b.refresh_from_db()
    assert (b.target_renja_k, b.versi) == (Decimal(5), 1)


def test_layar_dikirim_tanpa_perubahan_tidak_menulis(operator: Client, dkukm: PerangkatDaerah) -> None:
    """Every input sent back as shown changes nothing — including K with three decimals (P3's
    0,065 at TW IV), which the form must not round."""
    halaman = operator.get(_url("evaluasi-isi", dkukm, "?tahun=2022&tw=4")).content.decode()
    data = dict(re.findall(r'<input type="(?:text|hidden)" name="([^"]+)" value="([^"]*)"', halaman))
    jejak_awal = Jejak.objects.count()  # the demo import's own records
    assert any(k.startswith("target_renstra_k_") for k in data) and "0,065" in data.values()
    r = operator.post(_url("evaluasi-isi", dkukm), data)
    assert r.status_code == 302
    assert Jejak.objects.count() == jejak_awal and not EvaluasiRenja.objects.filter(opd=dkukm, versi__gt=0).exists()


# ------------------------------------------------------------------------------------ service


def test_rentang_disimpan_seperti_ditulis_dan_rp_roll_up_ditolak(dkukm: PerangkatDaerah) -> None:
    b = _sk(dkukm)
    b.indikator.polaritas = "rentang"
    b.indikator.save(update_fields=["polaritas"])
    # The number stored before the indicator became a range one, sent back as shown: no change.
    assert evaluasi_renja_isi(opd=dkukm, tahun=2022, oleh=None, isian=[
        IsianBaris(b.pk, {"target_renja_k": "3"}, 0)]).diubah == 0
    evaluasi_renja_isi(opd=dkukm, tahun=2022, oleh=None, isian=[
        IsianBaris(b.pk, {"target_renja_k": " 3 - 10 ", "target_renstra_k": "2 s.d. 12"}, 0)])
    b.refresh_from_db()
    assert (b.target_renja_rentang, b.target_renja_k, b.target_renstra_rentang) == ("3 - 10", None, "2 s.d. 12")
    assert tabel_evaluasi(opd=dkukm, tahun=2022).baris_node("SK1.1.1")[0].capaian.k == Decimal(100)  # 3 ≤ 7 ≤ 10
    jejak = Jejak.objects.get(objek_id=str(b.pk))
    assert jejak.perubahan["target_renja_rentang"]["baru"] == "3 - 10"
    assert jejak.perubahan["target_renja_k"] == {"label": "Target Renja (K)", "lama": "3.00000000", "baru": ""}
    p1 = EvaluasiRenja.objects.get(opd=dkukm, tahun=2022, node__ref="P1", indikator__ref="I-P1")
    with pytest.raises(IsianTidakValid) as e:
        evaluasi_renja_isi(opd=dkukm, tahun=2022, oleh=None, isian=[
            IsianBaris(b.pk, {"target_renja_k": "5"}, 1),  # a single number on a range indicator
            IsianBaris(p1.pk, {"target_renja_rp": "1.000", "realisasi_lalu_k": "1,2,3"}, 0)])
    g = e.value.galat
    assert "rentang" in g[b.pk]["target_renja_k"][0]
    assert "jumlah dari baris di bawahnya" in g[p1.pk]["target_renja_rp"][0] and "realisasi_lalu_k" in g[p1.pk]
    b.refresh_from_db()
    assert b.target_renja_rentang == "3 - 10" and b.versi == 1


def test_tw_iv_diajukan_mengunci_kolom_5_7_saja(dkukm: PerangkatDaerah) -> None:
    StatusTriwulan.objects.create(opd=dkukm, tahun=2022, triwulan=4, status=StatusAlur.DIAJUKAN)
    b = _sk(dkukm)
    with pytest.raises(IsianTidakValid) as e:
        evaluasi_renja_isi(opd=dkukm, tahun=2022, oleh=None, isian=[IsianBaris(b.pk, {"target_renja_k": "5"}, 0)])
    assert e.value.galat[b.pk]["target_renja_k"][0].startswith("Kolom 5–7 tidak dapat diubah")
    assert UMUM not in e.value.galat[b.pk]
    # The same values as stored are no change, so no lock applies.
    evaluasi_renja_isi(opd=dkukm, tahun=2022, oleh=None, isian=[IsianBaris(b.pk, {"target_renja_k": "3"}, 0)])


# -------------------------------------------------------------------------------------- Excel


def _kolom(nama: str) -> str:
    return get_column_letter(KOLOM.index(nama) + 1)


def _simpan(buku) -> bytes:  # type: ignore[no-untyped-def]
    keluaran = BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def test_excel_kolom_7_diubah_tersimpan_tanpa_perubahan_tidak_menulis(dkukm: PerangkatDaerah) -> None:
    isi = templat_isian(opd=dkukm, tahun=2022)
    jejak_awal = Jejak.objects.count()
    _, _, hasil = isian_impor(isi=isi, sumber="isian.xlsx", oleh=None, opd=dkukm)
    assert (hasil.diubah, hasil.tetap) == (0, 55) and Jejak.objects.count() == jejak_awal
    assert not EvaluasiRenja.objects.filter(opd=dkukm, versi__gt=0).exists()
    buku = load_workbook(BytesIO(isi))
    ws = buku["Isian"]
    r = next(r for r in range(3, ws.max_row + 1) if ws[f"A{r}"].value == "SK1.1.1")
    p1 = next(r for r in range(3, ws.max_row + 1) if ws[f"A{r}"].value == "P1" and ws[f"B{r}"].value == "I-P1")
    sel_k, sel_rp = f"{_kolom('target_renja_k')}{r}", f"{_kolom('target_renja_rp')}{r}"
    assert (ws[sel_k].value, ws[sel_rp].value) == ("3", "44.397.000")
    assert ws[sel_k].fill.fgColor.rgb.endswith("00000000")  # fillable, no longer an info column
    assert ws[f"{_kolom('target_renja_rp')}{p1}"].fill.fgColor.rgb.endswith("D9D9D9")  # roll-up Rp greyed
    ws[sel_rp] = "abc"
    with pytest.raises(ImporGagal) as e:
        isian_impor(isi=_simpan(buku), sumber="isian.xlsx", oleh=None, opd=dkukm)
    assert [k.lokasi for k in e.value.kesalahan] == [f"Isian!{sel_rp}"]
    ws[sel_k], ws[sel_rp] = "7", "44.371.813"
    _, _, hasil = isian_impor(isi=_simpan(buku), sumber="isian.xlsx", oleh=None, opd=dkukm)
    assert (hasil.diubah, hasil.tetap) == (1, 54)
    b = _sk(dkukm)
    assert (b.target_renja_k, b.target_renja_rp, b.versi) == (Decimal(7), Decimal(44371813), 1)
    assert Jejak.objects.get(objek_id=str(b.pk)).sumber == "impor:isian.xlsx"
    assert tabel_evaluasi(opd=dkukm, tahun=2022).baris_node("SK1.1.1")[0].capaian.k == Decimal(100)
