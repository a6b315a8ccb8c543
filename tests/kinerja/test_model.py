"""Stored rows: exact Rupiah round trip and SQL sums, Rencana Aksi as printed."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from sakip.core.impor import ImporGagal
from sakip.kinerja.impor import rencana_aksi_impor
from sakip.kinerja.models import BelanjaAnggaran, RencanaAksi, SumberDana
from sakip.organisasi.models import PerangkatDaerah

pytestmark = pytest.mark.usefixtures("demo_kinerja")


@pytest.fixture
def babel(db: None) -> PerangkatDaerah:
    return PerangkatDaerah.objects.get(slug="babel-disperindag")


def test_rupiah_sepuluh_pangkat_tiga_belas_dengan_sen_eksak_dan_jumlah_sql(babel: PerangkatDaerah) -> None:
    # DOMAIN §4: amounts reach 10^13 with two decimals, exact on SQLite as on PostgreSQL.
    besar = Decimal("9999999999999.99")
    for i in range(3):
        BelanjaAnggaran.objects.create(opd=babel, tahun=2099, nama=f"uji {i}", sumber=SumberDana.APBD,
                                       pagu_sebelum=besar, pagu_sesudah=besar,
                                       realisasi=Decimal("5695798296.82"))
    baris = BelanjaAnggaran.objects.filter(opd=babel, tahun=2099)
    assert [b.pagu_sesudah for b in baris] == [besar] * 3
    total = baris.aggregate(p=Sum("pagu_sesudah"), r=Sum("realisasi"))
    # SUM runs over whole sen in the BIGINT column and comes back through RupiahField: exact.
    assert total["p"] == Decimal("29999999999999.97")
    assert total["r"] == Decimal("17087394890.46")


def test_rencana_aksi_seperti_tercetak(db: None) -> None:
    kab = PerangkatDaerah.objects.get(slug="kab-dpkukmp")
    rows = list(RencanaAksi.objects.filter(opd=kab, tahun=2024).select_related("node", "indikator", "unit"))
    assert len(rows) == 101
    pertama = rows[0]
    assert (pertama.tingkat, pertama.node.ref, pertama.indikator.ref) == ("sasaran", "S1", "I-S1")
    assert pertama.target_tw == ["95", "95", "95", "95"]
    assert pertama.penanggung_jawab == "Kepala Bidang Perdagangan"
    assert pertama.unit is not None and pertama.unit.slug == "bidang-perdagangan"
    # "TW 1 = -", "TW 4 =" are stored empty, not as 0.
    sk = next(r for r in rows if r.node.ref == "SK1.1.1.2")
    assert sk.target_tw == ["", "11", "", ""]


def test_rencana_aksi_impor_ulang_gagal_tidak_mengubah_apa_pun(db: None) -> None:
    kab = PerangkatDaerah.objects.get(slug="kab-dpkukmp")
    data = {"opd": "kab-dpkukmp", "tahun": 2024, "baris": [
        {"tingkat": "program", "node": "S1", "indikator": "I-S1", "target_tw": ["1", "2"]}]}
    with pytest.raises(ImporGagal) as err:
        rencana_aksi_impor(data=data, sumber="ra.yaml")
    pesan = {k.lokasi: k.pesan for k in err.value.kesalahan}
    assert "ra.yaml › baris[0] › node" in pesan  # S1 is a sasaran, not a program
    assert "ra.yaml › baris[0] › target_tw" in pesan
    assert RencanaAksi.objects.filter(opd=kab, tahun=2024).count() == 101
