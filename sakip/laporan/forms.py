"""Forms of the LKjIP content screens: they carry typed text to the services (layanan.py), which
hold every rule; the services' per-field errors are attached back so nothing typed is lost."""

from django import forms

from sakip.engine.angka import AngkaTidakValid, parse_angka


def _teks(label: str, *, baris: int = 0, bantuan: str = "", wajib: bool = False) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": baris}) if baris else forms.TextInput()
    field = forms.CharField(label=label, required=False, widget=widget, help_text=bantuan, strip=False)
    field.wajib = wajib  # type: ignore[attr-defined]  # shown as "*" next to the label
    return field


class NarasiForm(forms.Form):
    teks = _teks("Teks", baris=18, bantuan="Paragraf dipisahkan satu baris kosong. Daftar bernomor ditulis "
                                             "“1. …” per baris. Kosongkan untuk menandai bagian ini kosong.")
    versi = forms.IntegerField(required=False, widget=forms.HiddenInput)


class LHEForm(forms.Form):
    nomor = _teks("Nomor surat LHE")
    tanggal = forms.DateField(label="Tanggal surat", required=False,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                              error_messages={"invalid": "Tanggal tidak valid (format HH-BB-TTTT)."})
    perihal = _teks("Perihal")
    dari = _teks("Dari", bantuan="Mis. Inspektur Provinsi Kepulauan Bangka Belitung")
    tahun_evaluasi = forms.IntegerField(label="Tahun yang dievaluasi", required=False,
                                        error_messages={"invalid": "Tahun harus bilangan bulat."})
    predikat = _teks("Predikat", bantuan="Mis. AA, A, BB, B, CC, C, D")
    interpretasi = _teks("Interpretasi", bantuan="Mis. Sangat Baik")
    nilai = _teks("Nilai SAKIP", bantuan="Mis. 76,90. Bila komponen evaluasi tersimpan, nilai dihitung dari "
                                         "komponen dan isian ini dikosongkan.")
    versi = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_nilai(self) -> object:
        teks = (self.cleaned_data.get("nilai") or "").strip()
        if not teks:
            return None
        try:
            return parse_angka(teks)
        except AngkaTidakValid as exc:
            raise forms.ValidationError(str(exc)) from exc


class RekomendasiForm(forms.Form):
    uraian = _teks("Rekomendasi", baris=3, wajib=True)
    uraian_lhe = _teks("Rumusan dalam surat LHE", baris=3, bantuan="Bila berbeda dari rumusan di tabel.")
    tindak_lanjut = _teks("Tindak lanjut", baris=3)
    target = _teks("Target", bantuan="Mis. 1 Laporan")
    bulan = _teks("Rencana waktu", bantuan="Mis. Juli 2025")
    status = _teks("Status/progres/output", bantuan="Mis. Selesai")
    tw1 = forms.BooleanField(label="TW I", required=False)
    tw2 = forms.BooleanField(label="TW II", required=False)
    tw3 = forms.BooleanField(label="TW III", required=False)
    tw4 = forms.BooleanField(label="TW IV", required=False)
    bukti = _teks("Tautan bukti", baris=3, bantuan="Satu tautan http(s) per baris.")
    bukti_uraian = _teks("Uraian bukti", bantuan="Mis. Notulen, daftar hadir rapat")
    versi = forms.IntegerField(required=False, widget=forms.HiddenInput)


class UnggahForm(forms.Form):
    berkas = forms.FileField(label="Berkas Excel (.xlsx)", error_messages={"required": "Pilih berkas .xlsx."})
