"""Reading the audit trail (issue 7): everything that changed in one OPD, and one record's story.

Permission: seeing the OPD (Aksi.LIHAT). A record's OPD is the one its trail was written under
(the denormalised `Jejak.opd`), so the trail of a deleted record stays readable; a record of
the Pemda as a whole (no OPD) needs LIHAT on that Pemda. Invisible answers 404, visible without
the action 403, as everywhere (sakip.akun.mixins).
"""

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.generic import TemplateView

from sakip.akun.izin import Aksi, opd_terlihat, pemda_terlihat, wajib_boleh
from sakip.akun.mixins import OpdViewMixin
from sakip.organisasi.models import Pemda, PerangkatDaerah

from .models import AksiJejak, Jejak
from .selectors import jejak_opd

PER_HALAMAN = 50


def kunci_jenis(jenis: ContentType) -> str:
    """How a kind of record is named in URLs and filters: "app_label.model"."""
    return f"{jenis.app_label}.{jenis.model}"


def label_jenis(jenis: ContentType) -> str:
    model = jenis.model_class()
    return str(model._meta.verbose_name).capitalize() if model else jenis.model


def url_objek(jenis: ContentType, objek_id: str) -> str:
    return reverse("audit:objek", args=[kunci_jenis(jenis), objek_id])


def _halaman(request: HttpRequest, qs: QuerySet[Jejak]) -> Page:
    return Paginator(qs, PER_HALAMAN).get_page(request.GET.get("halaman"))


def _sisa_query(request: HttpRequest) -> str:
    """The query string without the page number, for the pager links."""
    q = request.GET.copy()
    q.pop("halaman", None)
    return q.urlencode()


class SaringJejakForm(forms.Form):
    jenis = forms.ChoiceField(label="Jenis data", required=False)
    aksi = forms.ChoiceField(label="Tindakan", required=False,
                             choices=[("", "Semua tindakan"), *AksiJejak.choices])
    dari = forms.DateField(label="Dari tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                           error_messages={"invalid": "Tanggal awal tidak dikenali; gunakan format tttt-bb-hh."})
    sampai = forms.DateField(label="Sampai tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                             error_messages={"invalid": "Tanggal akhir tidak dikenali; gunakan format tttt-bb-hh."})

    def __init__(self, *args: Any, jenis: list[ContentType], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.jenis_ada = {kunci_jenis(j): j for j in jenis}
        self.fields["jenis"].choices = [("", "Semua jenis"), *((k, label_jenis(j)) for k, j in self.jenis_ada.items())]
        self.fields["jenis"].error_messages["invalid_choice"] = "Jenis data itu tidak ada dalam jejak OPD ini."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        dari, sampai = data.get("dari"), data.get("sampai")
        if dari and sampai and dari > sampai:
            self.add_error("sampai", "Tanggal akhir harus sama dengan atau sesudah tanggal awal.")
        return data

    def saring(self, qs: QuerySet[Jejak]) -> QuerySet[Jejak]:
        """Apply the valid filters; an invalid one is shown with its message and ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("jenis"):
            qs = qs.filter(jenis=self.jenis_ada[data["jenis"]])
        if data.get("aksi"):
            qs = qs.filter(aksi=data["aksi"])
        # Whole local days as a range on `waktu`, so the (opd, -waktu) index serves the query.
        if data.get("dari") and "sampai" not in self.errors:
            qs = qs.filter(waktu__gte=_awal_hari(data["dari"]))
        if data.get("sampai") and "sampai" not in self.errors:
            qs = qs.filter(waktu__lt=_awal_hari(data["sampai"] + dt.timedelta(days=1)))
        return qs


def _awal_hari(tanggal: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(tanggal, dt.time.min))


class JejakOpdView(OpdViewMixin, TemplateView):
    template_name = "audit/jejak_opd.html"
    permission = Aksi.LIHAT

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        jenis = list(ContentType.objects.filter(
            pk__in=Jejak.objects.filter(opd=self.opd).values("jenis_id")
        ).order_by("model"))
        form = SaringJejakForm(self.request.GET or None, jenis=jenis)
        qs = jejak_opd(self.opd).order_by("-waktu", "-pk")
        if form.is_bound:
            qs = form.saring(qs)
        halaman = _halaman(self.request, qs)
        context.update(form=form, halaman=halaman, sisa_query=_sisa_query(self.request),
                       baris=[tampil_jejak(j) for j in halaman.object_list])
        return context


def tampil_jejak(j: Jejak, *, tautan: bool = True) -> dict[str, Any]:
    return {
        "jejak": j,
        "siapa": str(j.pengguna) if j.pengguna else "Sistem",
        "jenis": label_jenis(j.jenis),
        "url": url_objek(j.jenis, j.objek_id) if tautan else None,
        "perubahan": list((j.perubahan or {}).values()) if isinstance(j.perubahan, dict) else [],
    }


# Pages of the records themselves, for a link back from their trail.
_HALAMAN_OBJEK = {
    ("perencanaan", "indikator"): "perencanaan:indikator",
}


class JejakObjekView(LoginRequiredMixin, TemplateView):
    template_name = "audit/jejak_objek.html"
    jenis: ContentType
    opd: PerangkatDaerah | None
    pemda: Pemda

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        app_label, _, model = kwargs["jenis"].partition(".")
        try:
            self.jenis = ContentType.objects.get_by_natural_key(app_label, model)
        except ContentType.DoesNotExist as exc:
            raise Http404("Jenis data tidak dikenal") from exc
        self.rows = Jejak.objects.filter(jenis=self.jenis, objek_id=kwargs["objek_id"])
        lingkup = self.rows.order_by("-waktu", "-pk").values_list("opd_id", "pemda_id").first()
        if lingkup is None:
            raise Http404("Tidak ada jejak untuk data ini")
        opd_id, pemda_id = lingkup
        if opd_id is not None:
            self.opd = get_object_or_404(opd_terlihat(request.user), pk=opd_id)  # type: ignore[arg-type]
            self.pemda = self.opd.pemda
            wajib_boleh(request.user, Aksi.LIHAT, opd=self.opd)  # type: ignore[arg-type]
        else:
            self.opd = None
            self.pemda = get_object_or_404(pemda_terlihat(request.user), pk=pemda_id)  # type: ignore[arg-type]
            wajib_boleh(request.user, Aksi.LIHAT, pemda=self.pemda)  # type: ignore[arg-type]
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        halaman = _halaman(self.request, self.rows.select_related("pengguna").order_by("-waktu", "-pk"))
        baris = []
        for j in halaman.object_list:
            j.jenis = self.jenis  # the same kind for every row: no query per row
            baris.append(tampil_jejak(j, tautan=False))
        url = None
        nama_url = _HALAMAN_OBJEK.get((self.jenis.app_label, self.jenis.model))
        if nama_url and self.opd is not None:
            try:
                url = reverse(nama_url, args=[self.opd.slug, self.kwargs["objek_id"]])
            except NoReverseMatch:
                url = None
        context.update(
            opd=self.opd, pemda=self.pemda, jenis=label_jenis(self.jenis), halaman=halaman, baris=baris,
            label=baris[0]["jejak"].objek_label if baris else "", url_halaman_objek=url,
            sisa_query=_sisa_query(self.request),
        )
        return context
