"""Planning pages: the Renstra tree, an indicator with its target history, the pohon kinerja
diagram (SVG), and the edit screens (node, indicator, new target revision).

Views are thin: they find the OPD's rows (always through the OPD, so another OPD's row answers
404), call a selector or a service, and render. Permission is declared per view and checked by
`OpdViewMixin` (404 for an invisible OPD, 403 for a missing action).
"""

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from sakip.akun.izin import Aksi, aksi_diizinkan, opd_terlihat
from sakip.akun.mixins import OpdViewMixin
from sakip.audit.layanan import KonflikVersi
from sakip.audit.views import tampil_jejak, url_objek
from sakip.engine.formula import Formula, FormulaTidakValid
from sakip.web.selectors import jejak_indikator, pengukuran_indikator

from . import layanan
from .forms import IndikatorForm, NodeForm, RevisiTargetForm, versi_terkini
from .models import DataElemen, Indikator, NilaiTarget, Node, Renstra, RevisiTarget
from .selectors import (
    SimpulPohon,
    TargetBerlaku,
    indikator_opd,
    pohon_renstra,
    renstra_opd,
    target_akhir_berlaku,
    target_berlaku_dari,
)
from .svg import Kotak, gambar_pohon

# Node kinds open by default in the tree; kegiatan and sub kegiatan start folded (a Renstra has
# dozens of them) and open with one click or "Buka semua".
JENIS_TERBUKA = {"tujuan", "sasaran", "program"}


class _RencanaMixin(OpdViewMixin):
    """Shared by every planning page: the allowed actions (for buttons) and the chosen Renstra."""

    def aksi(self) -> set[str]:
        if not hasattr(self, "_aksi"):
            self._aksi = {a.value for a in aksi_diizinkan(self.request.user, opd=self.opd)}  # type: ignore[arg-type]
        return self._aksi

    def pilih_renstra(self) -> tuple[Renstra | None, list[Renstra]]:
        """The Renstra named by `?periode=<tahun awal>`, else the one covering this year, else the latest."""
        daftar = list(renstra_opd(opd=self.opd))
        periode = self.request.GET.get("periode", "")
        if periode:
            for r in daftar:
                if str(r.tahun_awal) == periode:
                    return r, daftar
            raise Http404("Renstra periode itu tidak ada")
        tahun_ini = timezone.localdate().year
        berlaku = next((r for r in daftar if tahun_ini in r.tahun), None)
        return berlaku or (daftar[0] if daftar else None), daftar

    def konteks_dasar(self) -> dict[str, Any]:
        return {"opd": self.opd, "aksi": self.aksi(), "boleh_ubah": Aksi.UBAH_RENCANA.value in self.aksi()}


def url_pohon(renstra: Renstra, jangkar: str = "") -> str:
    url = reverse("perencanaan:pohon", args=[renstra.opd.slug]) + f"?periode={renstra.tahun_awal}"
    return url + (f"#{jangkar}" if jangkar else "")


# ------------------------------------------------------------------------------------- the tree


@dataclass
class TampilIndikator:
    indikator: Indikator
    target: list[TargetBerlaku | None]  # in force, one per Renstra year
    target_akhir: str


@dataclass
class TampilSimpul:
    simpul: SimpulPohon
    indikator: list[TampilIndikator]
    anak: list["TampilSimpul"] = field(default_factory=list)

    @property
    def node(self) -> Node:
        return self.simpul.node

    @property
    def terbuka(self) -> bool:
        return self.node.jenis in JENIS_TERBUKA


def _tampil(simpul: SimpulPohon, tahun: range) -> TampilSimpul:
    indikator = []
    for ind in simpul.indikator:
        revisi = list(ind.revisi.all())  # prefetched by pohon_renstra
        indikator.append(TampilIndikator(
            ind, [target_berlaku_dari(revisi, th) for th in tahun], target_akhir_berlaku(revisi)
        ))
    return TampilSimpul(simpul, indikator, [_tampil(a, tahun) for a in simpul.anak])


def _hitung(pohon: list[SimpulPohon]) -> dict[str, int]:
    semua = _semua_simpul(pohon)
    return {
        "simpul": len(semua),
        "indikator": sum(len(s.indikator) for s in semua),
        "iku": sum(1 for s in semua for i in s.indikator if i.iku),
    }


def _semua_simpul(pohon: list[SimpulPohon]) -> list[SimpulPohon]:
    hasil, tumpukan = [], list(pohon)
    while tumpukan:
        s = tumpukan.pop()
        hasil.append(s)
        tumpukan.extend(s.anak)
    return hasil


def _tautkan_crosscutting(pohon: list[SimpulPohon], user: Any) -> None:
    """Link a crosscutting partner to its OPD page only when the user may see that OPD (one query)."""
    semua = [cc for s in _semua_simpul(pohon) for cc in s.node.crosscutting.all()]
    ids = {cc.dengan_opd_id for cc in semua if cc.dengan_opd_id}
    terlihat = {o.pk: o for o in opd_terlihat(user).filter(pk__in=ids)} if ids else {}
    for cc in semua:
        cc.opd_terlihat = terlihat.get(cc.dengan_opd_id)  # type: ignore[attr-defined]


class PohonView(_RencanaMixin, TemplateView):
    template_name = "perencanaan/pohon.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        renstra, daftar = self.pilih_renstra()
        context.update(self.konteks_dasar(), renstra=renstra, daftar_renstra=daftar)
        if renstra is not None:
            renstra.opd = self.opd  # already loaded; avoids a query when building links
            pohon = pohon_renstra(renstra=renstra)
            _tautkan_crosscutting(pohon, self.request.user)
            context["pohon"] = [_tampil(s, renstra.tahun) for s in pohon]
            context["tahun"] = list(renstra.tahun)
            context["jumlah"] = _hitung(pohon)
        return context


# ---------------------------------------------------------------------------- indicator detail


@dataclass
class BarisRevisi:
    revisi: RevisiTarget
    sel: list[tuple[str | None, bool]]  # per year: value set by this revision, and whether in force
    akhir_berlaku: bool


def _indikator_atau_404(opd: Any, pk: int) -> Indikator:
    return get_object_or_404(
        indikator_opd(opd=opd).select_related("renstra", "node__unit"), pk=pk
    )


def _jalur_node(node: Node) -> list[Node]:
    """The node's ancestors, root first, from one query over the Renstra's nodes."""
    semua = {n.pk: n for n in Node.objects.filter(renstra_id=node.renstra_id).only("pk", "induk_id", "jenis", "uraian")}
    jalur = []
    kini = semua.get(node.induk_id) if node.induk_id else None
    while kini is not None:
        jalur.append(kini)
        kini = semua.get(kini.induk_id) if kini.induk_id else None
    return list(reversed(jalur))


def _formula(ind: Indikator) -> dict[str, Any] | None:
    if not ind.formula:
        return None
    try:
        f = Formula.parse(ind.formula)
    except FormulaTidakValid as exc:
        return {"galat": str(exc), "teks": ind.formula}
    nama = f.nama_elemen | f.nama_elemen_lalu
    elemen = {d.kode: d for d in DataElemen.objects.filter(opd_id=ind.renstra.opd_id, kode__in=nama)}
    return {
        "teks": ind.formula,
        "kanonik": f.kanonik,
        "elemen": [
            {"kode": k, "data": elemen.get(k), "ini": k in f.nama_elemen, "lalu": k in f.nama_elemen_lalu}
            for k in sorted(nama)
        ],
    }


class IndikatorView(_RencanaMixin, TemplateView):
    template_name = "perencanaan/indikator.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        ind = _indikator_atau_404(self.opd, self.kwargs["pk"])
        revisi = list(
            RevisiTarget.objects.filter(indikator=ind).select_related("dicatat_oleh").order_by("ke")
            .prefetch_related(Prefetch("nilai", queryset=NilaiTarget.objects.order_by("tahun")))
        )
        nasional = {n.tahun: n.teks for n in ind.nasional.all()}
        tahun_set = set(ind.renstra.tahun) | set(nasional)
        for rv in revisi:
            tahun_set |= {n.tahun for n in rv.nilai.all()}
        tahun = sorted(tahun_set)
        berlaku = {th: target_berlaku_dari(revisi, th) for th in tahun}
        akhir_dari = next((rv for rv in reversed(revisi) if rv.target_akhir), None)
        baris = []
        for rv in revisi:
            nilai = {n.tahun: n.teks for n in rv.nilai.all()}
            baris.append(BarisRevisi(
                rv,
                [(nilai.get(th), berlaku[th] is not None and berlaku[th].revisi.pk == rv.pk) for th in tahun],  # type: ignore[union-attr]
                akhir_dari is not None and akhir_dari.pk == rv.pk,
            ))
        ind.renstra.opd = self.opd
        jejak = jejak_indikator(opd=self.opd, indikator=ind)
        jenis = ContentType.objects.get_for_model(Indikator)
        context.update(
            self.konteks_dasar(),
            ind=ind,
            renstra=ind.renstra,
            jalur=[*_jalur_node(ind.node), ind.node],
            tahun=tahun,
            tahun_renstra=set(ind.renstra.tahun),
            riwayat=baris,
            berlaku=[berlaku[th] for th in tahun],
            akhir_berlaku=target_akhir_berlaku(revisi),
            nasional=[nasional.get(th) for th in tahun],
            ada_nasional=bool(nasional),
            formula=_formula(ind),
            url_pohon=url_pohon(ind.renstra, f"indikator-{ind.pk}"),
            # Measurement and audit (issue 7): stored results only, a fixed number of queries.
            ukur=pengukuran_indikator(opd=self.opd, indikator=ind, tahun=self.request.GET.get("tahun"),
                                      hari_ini=timezone.localdate()),
            jejak=[tampil_jejak(j) for j in jejak],
            # The indicator's own full trail, when it has one (the record page answers 404 otherwise).
            url_jejak=url_objek(jenis, str(ind.pk)) if any(j.jenis_id == jenis.pk for j in jejak) else None,
        )
        return context


# -------------------------------------------------------------------------- pohon kinerja (SVG)


def _kotak(simpul: SimpulPohon, tahun: int | None) -> Kotak:
    indikator = []
    for ind in simpul.indikator:
        teks = ind.nama
        if tahun is not None:
            tb = target_berlaku_dari(list(ind.revisi.all()), tahun)
            if tb is not None:
                teks += f" — {tb.teks}" + (f" {ind.satuan}" if ind.satuan and ind.satuan != "%" else ind.satuan)
        indikator.append(teks)
    node = simpul.node
    return Kotak(
        jenis=node.jenis, label_jenis=node.get_jenis_display(), uraian=node.uraian, kode=node.kode,
        indikator=tuple(indikator), anak=tuple(_kotak(a, tahun) for a in simpul.anak),
    )


def _cari(pohon: list[SimpulPohon], pk: int) -> SimpulPohon | None:
    return next((s for s in _semua_simpul(pohon) if s.node.pk == pk), None)


def _pilihan_akar(pohon: list[SimpulPohon], kedalaman: int = 0) -> list[tuple[str, Node]]:
    """Nodes a diagram may start from (down to the programs), in tree order, indented by depth."""
    hasil = []
    for s in pohon:
        if s.anak:
            hasil.append(("\u00a0\u00a0\u00a0" * kedalaman, s.node))
            if kedalaman < 2:
                hasil.extend(_pilihan_akar(s.anak, kedalaman + 1))
    return hasil


class _DiagramMixin(_RencanaMixin):
    def diagram(self) -> dict[str, Any]:
        renstra, daftar = self.pilih_renstra()
        if renstra is None:
            raise Http404("OPD ini belum memiliki Renstra")
        pohon = pohon_renstra(renstra=renstra)
        akar = pohon
        simpul = None
        if self.request.GET.get("simpul", "").isdigit():
            simpul = _cari(pohon, int(self.request.GET["simpul"]))
            if simpul is None:
                raise Http404("Simpul tidak ada di Renstra ini")
            akar = [simpul]
        tahun: int | None = None
        teks_tahun = self.request.GET.get("tahun", "")
        if teks_tahun.isdigit() and int(teks_tahun) in renstra.tahun:
            tahun = int(teks_tahun)
        elif teks_tahun != "0":  # "0": no targets in the boxes
            tahun = min(max(timezone.localdate().year, renstra.tahun_awal), renstra.tahun_akhir)
        judul = f"Pohon Kinerja {self.opd.nama}"
        sub = renstra.nama
        if str(renstra.tahun_awal) not in renstra.nama:
            sub += f" ({renstra.tahun_awal}–{renstra.tahun_akhir})"
        if simpul is not None:
            sub += f" · {simpul.node.get_jenis_display()}: {simpul.node.uraian}"
        if tahun is not None:
            sub += f" · target berlaku tahun {tahun}"
        gambar = gambar_pohon([_kotak(s, tahun) for s in akar], judul=judul, subjudul=sub)
        return {
            "renstra": renstra, "daftar_renstra": daftar, "svg": gambar.svg, "tahun_dipilih": tahun,
            "orientasi": "landscape" if gambar.lebar >= gambar.tinggi else "portrait",
            "simpul_dipilih": simpul, "akar_pilihan": _pilihan_akar(pohon),
            "nama_berkas": f"pohon-kinerja-{self.opd.slug}-{renstra.tahun_awal}"
                           + (f"-{slugify(simpul.node.ref)}" if simpul else "") + ".svg",
        }


class DiagramView(_DiagramMixin, TemplateView):
    template_name = "perencanaan/diagram.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.konteks_dasar(), **self.diagram())
        context["tahun"] = list(context["renstra"].tahun)
        context["query"] = self.request.GET.urlencode()
        return context


class DiagramSvgView(_DiagramMixin, View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        data = self.diagram()
        response = HttpResponse(data["svg"], content_type="image/svg+xml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{data["nama_berkas"]}"'
        return response


# ------------------------------------------------------------------------------------- editing


def _pasang_galat(form: Form, exc: ValidationError) -> None:
    """Attach a service's per-field errors to the form; keys the form lacks become general errors."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for kunci, pesan in exc.message_dict.items():
        form.add_error(kunci if kunci in form.fields else None, pesan)


class _UbahView(_RencanaMixin, View):
    permission = Aksi.UBAH_RENCANA
    template_name = ""

    def tampil(self, **context: Any) -> HttpResponse:
        return render(self.request, self.template_name, {**self.konteks_dasar(), **context})


class NodeUbahView(_UbahView):
    template_name = "perencanaan/simpul_ubah.html"

    def node(self) -> Node:
        return get_object_or_404(
            Node.objects.filter(renstra__opd=self.opd).select_related("renstra", "unit", "induk"),
            pk=self.kwargs["pk"],
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        node = self.node()
        return self.tampil(node=node, form=NodeForm(node=node, opd=self.opd))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        node = self.node()
        form = NodeForm(request.POST, node=node, opd=self.opd)
        if form.is_valid():
            data = form.cleaned_data
            try:
                berubah = layanan.node_ubah(
                    node=node, uraian=data["uraian"], kinerja=data["kinerja"],
                    kode=data.get("kode", node.kode) if "kode" in form.fields else node.kode,
                    unit=data["unit"], oleh=request.user, versi=data["versi"],  # type: ignore[arg-type]
                )
            except KonflikVersi as exc:
                _pasang_galat(form, exc)
                node.refresh_from_db(fields=["versi", "uraian", "kinerja", "kode", "unit"])
                versi_terkini(form, node.versi)
            except ValidationError as exc:
                _pasang_galat(form, exc)
            else:
                messages.success(request, "Simpul disimpan." if berubah else "Tidak ada perubahan.")
                node.renstra.opd = self.opd
                return redirect(url_pohon(node.renstra, f"simpul-{node.pk}"))
        return self.tampil(node=node, form=form)


class IndikatorUbahView(_UbahView):
    template_name = "perencanaan/indikator_ubah.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        ind = _indikator_atau_404(self.opd, self.kwargs["pk"])
        return self.tampil(ind=ind, form=IndikatorForm(indikator=ind), elemen=self.elemen())

    def elemen(self) -> list[DataElemen]:
        return list(DataElemen.objects.filter(opd=self.opd).order_by("urutan"))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        ind = _indikator_atau_404(self.opd, self.kwargs["pk"])
        form = IndikatorForm(request.POST, indikator=ind)
        if form.is_valid():
            data = form.cleaned_data
            try:
                berubah = layanan.indikator_ubah(
                    indikator=ind, nama=data["nama"], satuan=data["satuan"], polaritas=data["polaritas"],
                    skala_kualitatif=data["skala_kualitatif"], agregasi=data["agregasi"],
                    formula=data["formula"], formulasi=data["formulasi"], sumber_data=data["sumber_data"],
                    iku=data["iku"], sk_iku=data["sk_iku"], desimal=data["desimal"],
                    oleh=request.user, versi=data["versi"],  # type: ignore[arg-type]
                )
            except KonflikVersi as exc:
                _pasang_galat(form, exc)
                ind.refresh_from_db()
                versi_terkini(form, ind.versi)
            except ValidationError as exc:
                _pasang_galat(form, exc)
            else:
                messages.success(request, "Indikator disimpan." if berubah else "Tidak ada perubahan.")
                return redirect("perencanaan:indikator", self.opd.slug, ind.pk)
        return self.tampil(ind=ind, form=form, elemen=self.elemen())


def _sidik(peringatan: list[str]) -> str:
    return hashlib.sha256("\n".join(peringatan).encode()).hexdigest()[:16]


class TargetRevisiView(_UbahView):
    template_name = "perencanaan/target_revisi.html"

    def siapkan(self) -> tuple[Indikator, list[RevisiTarget], dict[str, Any]]:
        ind = _indikator_atau_404(self.opd, self.kwargs["pk"])
        revisi = list(ind.revisi.prefetch_related("nilai").order_by("ke"))
        berlaku = {th: tb.teks for th in ind.renstra.tahun if (tb := target_berlaku_dari(revisi, th))}
        opsi = {"tahun": ind.renstra.tahun, "berlaku": berlaku, "akhir_berlaku": target_akhir_berlaku(revisi)}
        return ind, revisi, opsi

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        ind, revisi, opsi = self.siapkan()
        return self.tampil(ind=ind, form=RevisiTargetForm(**opsi), ke=len(revisi), berlaku=opsi["berlaku"])

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        ind, revisi, opsi = self.siapkan()
        form = RevisiTargetForm(request.POST, **opsi)
        form.is_valid()
        data = form.cleaned_data
        masukan = {
            "indikator": ind, "label": data.get("label", ""), "alasan": data.get("alasan", ""),
            "target": form.target(), "target_akhir": data.get("target_akhir", ""),
        }
        peringatan: list[str] = []
        try:
            # Checked even when the form has its own errors (a bad date), so that every mistake of
            # the submission is shown at once.
            peringatan = layanan.target_revisi_periksa(**masukan)
        except ValidationError as exc:
            _pasang_galat(form, exc)
        if not form.errors:
            # A warning is confirmed only as it was shown: changed values show their own warnings.
            dikonfirmasi = data["konfirmasi"] and request.POST.get("sidik") == _sidik(peringatan)
            if not peringatan or dikonfirmasi:
                try:
                    hasil = layanan.target_revisi(**masukan, tanggal=data["tanggal"], oleh=request.user)  # type: ignore[arg-type]
                except ValidationError as exc:  # changed meanwhile by someone else
                    _pasang_galat(form, exc)
                else:
                    messages.success(request, f"Revisi ke-{hasil.revisi.ke} ({hasil.revisi.label}) dicatat.")
                    for p in hasil.peringatan:
                        messages.warning(request, p)
                    return redirect(reverse("perencanaan:indikator", args=[self.opd.slug, ind.pk]) + "#riwayat")
        else:
            peringatan = []
        return self.tampil(ind=ind, form=form, ke=len(revisi), berlaku=opsi["berlaku"],
                           peringatan=peringatan, sidik=_sidik(peringatan) if peringatan else "")
