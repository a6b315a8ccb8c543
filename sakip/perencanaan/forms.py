"""Forms of the planning screens: they only carry typed text to the services (layanan.py).

Every rule (codes, formulas, targets written the Indonesian way) lives in the service, so a form
accepts what was typed as text and the service's per-field errors are attached back to it: the
page is re-rendered with every value as the user typed it.
"""

from typing import Any

from django import forms

from sakip.engine.agregasi import Agregasi
from sakip.engine.capaian import Polaritas
from sakip.organisasi.models import PerangkatDaerah, UnitKerja

from .models import Indikator, JenisNode, Node
from .target import SKALA_KUALITATIF

POLARITAS = [
    (Polaritas.POSITIF.value, "Positif — makin tinggi makin baik"),
    (Polaritas.NEGATIF.value, "Negatif — makin rendah makin baik"),
    (Polaritas.RENTANG.value, "Rentang — target berupa interval, mis. 3 - 10"),
    (Polaritas.KUALITATIF.value, "Kualitatif — label pada skala (WTP, AA, …)"),
]
AGREGASI = [
    (Agregasi.NILAI_AKHIR.value, "Nilai akhir — realisasi tahunan = nilai triwulan terakhir"),
    (Agregasi.KUMULATIF.value, "Kumulatif — tiap triwulan sudah s.d. triwulan itu"),
    (Agregasi.JUMLAH.value, "Jumlah — realisasi tahunan = jumlah keempat triwulan"),
    (Agregasi.RATA_RATA.value, "Rata-rata — realisasi tahunan = rata-rata triwulan"),
]
SKALA = [("", "—"), *((k, k) for k in SKALA_KUALITATIF)]

# Node kinds that carry a national code (Permendagri 90/2019); tujuan and sasaran do not.
JENIS_BERKODE = {JenisNode.PROGRAM, JenisNode.KEGIATAN, JenisNode.SUB_KEGIATAN}


def _teks(label: str, *, wajib: bool = False, panjang: int | None = None, baris: int = 0,
          bantuan: str = "") -> forms.CharField:
    """A text field. A mandatory one is still `required=False`: the service checks it, so an empty
    reason is reported together with every other mistake of the same submission, not alone."""
    widget = forms.Textarea(attrs={"rows": baris}) if baris else forms.TextInput()
    field = forms.CharField(label=label, required=False, max_length=panjang, widget=widget,
                            help_text=bantuan, strip=False)
    field.wajib = wajib  # type: ignore[attr-defined]  # shown as "*" next to the label
    return field


class NodeForm(forms.Form):
    uraian = _teks("Uraian", wajib=True, baris=2)
    kinerja = _teks("Pernyataan kinerja", baris=2, bantuan="Hasil atau keluaran yang dijanjikan simpul ini.")
    kode = _teks("Kode nasional", panjang=24,
                 bantuan="Format U.BB.PP.K.KK.SSSS, mis. program 2.17.03, kegiatan 2.17.03.2.01, "
                         "sub kegiatan 2.17.03.2.01.0001. Kosongkan bila tidak ada.")
    unit = forms.ModelChoiceField(label="Unit penanggung jawab", queryset=UnitKerja.objects.none(),
                                  required=False, empty_label="— tidak ditetapkan —")
    versi = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, node: Node, opd: PerangkatDaerah, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {
            "uraian": node.uraian, "kinerja": node.kinerja, "kode": node.kode, "unit": node.unit_id,
            "versi": node.versi,
        })
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = UnitKerja.objects.filter(opd=opd).order_by("nama")  # type: ignore[attr-defined]
        if node.jenis not in JENIS_BERKODE and not node.kode:
            del self.fields["kode"]


class IndikatorForm(forms.Form):
    nama = _teks("Nama indikator", wajib=True, baris=2)
    satuan = _teks("Satuan", panjang=100, bantuan="Mis. %, Triliun Rupiah, Dokumen, Unit. Wajib untuk IKU.")
    polaritas = forms.ChoiceField(label="Polaritas", choices=POLARITAS)
    skala_kualitatif = forms.ChoiceField(label="Skala kualitatif", choices=SKALA, required=False,
                                         help_text="Hanya untuk polaritas kualitatif.")
    agregasi = forms.ChoiceField(label="Agregasi triwulan", choices=AGREGASI)
    desimal = forms.IntegerField(label="Desimal saat ditampilkan", min_value=0, max_value=8)
    formula = _teks("Rumus (atas data elemen)", baris=2,
                    bantuan="Mis. (unit_industri - prev(unit_industri)) / prev(unit_industri) * 100. "
                            "Kosongkan bila realisasi diisi langsung.")
    formulasi = _teks("Formulasi perhitungan (sebagaimana dicetak)", baris=2)
    sumber_data = _teks("Sumber data", panjang=300)
    iku = forms.BooleanField(label="Indikator Kinerja Utama (IKU)", required=False)
    sk_iku = _teks("SK IKU", panjang=200, bantuan="Nomor keputusan yang menetapkan IKU.")
    versi = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, indikator: Indikator, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {
            f: getattr(indikator, f) for f in (
                "nama", "satuan", "polaritas", "skala_kualitatif", "agregasi", "desimal", "formula",
                "formulasi", "sumber_data", "iku", "sk_iku", "versi",
            )
        })
        super().__init__(*args, **kwargs)


def versi_terkini(form: forms.Form, versi: int) -> None:
    """After a version conflict: keep the user's input, but carry the current version, so that a
    second save — after looking at the newer values — is a deliberate overwrite."""
    data = form.data.copy()
    data[form.add_prefix("versi")] = str(versi)
    form.data = data


class RevisiTargetForm(forms.Form):
    label = _teks("Label revisi", panjang=60,
                  bantuan="Mis. \"Perubahan Kedua IKU (SK 188.4/053/…)\". Kosong = \"Revisi <ke>\".")
    tanggal = forms.DateField(label="Tanggal penetapan", required=False,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                              help_text="Tanggal dokumen yang menetapkan revisi, bila ada.")
    alasan = _teks("Alasan revisi", wajib=True, baris=3,
                   bantuan="Wajib: dasar perubahan (hasil evaluasi, surat, capaian tahun lalu …).")
    target_akhir = _teks("Target akhir Renstra", panjang=60)
    konfirmasi = forms.BooleanField(
        label="Saya sudah memeriksa peringatan di atas dan tetap menyimpan revisi ini", required=False
    )

    def __init__(self, *args: Any, tahun: range, berlaku: dict[int, str], akhir_berlaku: str,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tahun = list(tahun)
        for th in self.tahun:
            self.fields[self.kunci(th)] = forms.CharField(
                label=str(th), required=False, max_length=60, strip=False,
                widget=forms.TextInput(attrs={"placeholder": berlaku.get(th, ""), "inputmode": "decimal"}),
            )
        self.fields["target_akhir"].widget.attrs.update({"placeholder": akhir_berlaku, "inputmode": "decimal"})
        # Keep the year fields between the reason and the end target on screen.
        urutan = ["label", "tanggal", "alasan", *(self.kunci(th) for th in self.tahun), "target_akhir", "konfirmasi"]
        self.order_fields(urutan)

    @staticmethod
    def kunci(tahun: int) -> str:
        return f"target_{tahun}"

    def bidang_tahun(self) -> list[forms.BoundField]:
        return [self[self.kunci(th)] for th in self.tahun]

    def target(self) -> dict[int, str]:
        return {th: self.cleaned_data.get(self.kunci(th)) or "" for th in self.tahun}
