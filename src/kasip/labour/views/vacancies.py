"""Pages of vacancies and demand: loading files of job ads (a job on the worker, its progress in the browser),
the loaded files and their ads, and the demand figures per occupation, district and month with charts."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext

from kasip.core import charts
from kasip.core.i18n import localized
from kasip.core.tabular import FileRejected
from kasip.core.web import add_errors, paginate
from kasip.registry.models import District

from .. import policy, selectors, services
from ..models import CodingMethod, IscoLevel, Occupation, VacancyBatch, VacancySource

__all__ = ["demand", "demand_forecast", "demand_gap", "demand_occupation", "vacancies", "vacancy_ads", "vacancy_batch_delete"]

PAGE_SIZE = 50
WINDOWS = (3, 6, 12, 24)


class IngestForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File of job ads"),
                           help_text=gettext_lazy("CSV, XLSX or JSON Lines; columns: job title, district (КАТО code or "
                                                  "name), date posted; optionally employer, BIN, occupation code, "
                                                  "positions, salary, id at the source."))
    source = forms.ChoiceField(label=gettext_lazy("Source"), choices=VacancySource.choices,
                               initial=VacancySource.ENBEK)
    encoding = forms.ChoiceField(label=gettext_lazy("Encoding"), required=False, choices=[
        ("", gettext_lazy("detect")), ("utf-8", "UTF-8"), ("cp1251", "Windows-1251"), ("kz1048", "KZ-1048")])


class AdsFilter(forms.Form):
    q = forms.CharField(label=gettext_lazy("Title or employer"), required=False, max_length=100)
    isco08 = forms.RegexField(label=gettext_lazy("ISCO-08 code"), regex=r"^\d{1,4}$", required=False,
                              error_messages={"invalid": gettext_lazy("Give 1 to 4 digits of an ISCO-08 code.")})
    district = forms.ModelChoiceField(label=gettext_lazy("District"), queryset=District.objects.all(), required=False)
    since = forms.DateField(label=gettext_lazy("Posted from"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=gettext_lazy("Posted to"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    coding = forms.ChoiceField(label=gettext_lazy("Coded"), required=False,
                               choices=[("", gettext_lazy("any way"))] + list(CodingMethod.choices))
    batch = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", gettext("The end is before the start."))
        return data


class DemandFilter(forms.Form):
    district = forms.ModelChoiceField(label=gettext_lazy("District"), queryset=District.objects.all(), required=False,
                                      empty_label=gettext_lazy("the whole region"))
    months = forms.TypedChoiceField(label=gettext_lazy("Period"), coerce=int, required=False, initial=12,
                                    choices=[(n, gettext_lazy("last %(n)s months") % {"n": n}) for n in WINDOWS])


def _ingest_allowed(request) -> None:
    if not policy.can_ingest_vacancies(request.user):
        raise PermissionDenied


def _demand_allowed(request) -> None:
    if not policy.can_view_demand(request.user):
        raise PermissionDenied


@login_required
def vacancies(request):
    """Load a file of job ads (the ingest runs on the worker; the job's page shows its progress) and see the
    files loaded so far."""
    _ingest_allowed(request)
    if request.method == "GET" and request.GET.get("template") == "csv":
        return _template()
    form = IngestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.start_ingest(request.user, upload.name, upload.read(), source=form.cleaned_data["source"],
                                        encoding=form.cleaned_data["encoding"] or None)
        except FileRejected as exc:
            form.add_error("file", str(exc))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("job-detail", job.pk)
    return render(request, "labour/vacancies.html", {
        "form": form, "page": paginate(request, selectors.batches(), 20), "summary": selectors.batch_summary()})


TEMPLATE_ROWS = [
    ["title", "employer", "bin", "district", "date", "occupation code", "positions", "salary from", "salary to", "id",
     "industry"],
    ["Электрогазосварщик 5 разряда", "ТОО «Пример»", "", "351010000", "2026-10-05", "", "2", "350000", "450000",
     "A-1001", "24100"],
    ["Аспаз", "Асхана «Дәм»", "", "Теміртау", "05.10.2026", "5120", "1", "", "", "A-1002", ""],
]


def _template():
    from kasip.core.tabular import write_csv

    response = HttpResponse(write_csv(TEMPLATE_ROWS[0], TEMPLATE_ROWS[1:]), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kasip-job-ads-template.csv"'
    return response


@login_required
def vacancy_batch_delete(request, pk: int):
    """Asks first (GET), then deletes the file's ads (POST)."""
    _ingest_allowed(request)
    batch = get_object_or_404(VacancyBatch, pk=pk)
    if request.method != "POST":
        return render(request, "labour/vacancy_batch_delete.html", {"batch": batch})
    deleted = services.delete_batch(request.user, batch)
    messages.success(request, ngettext("%(n)s job ad of “%(file)s” deleted; demand recounted.",
                                       "%(n)s job ads of “%(file)s” deleted; demand recounted.", deleted)
                     % {"n": deleted, "file": batch.original_name})
    return redirect("vacancies")


@login_required
def vacancy_ads(request):
    _ingest_allowed(request)
    form = AdsFilter(request.GET or None)
    ads = selectors.vacancies().none()
    if form.is_valid() or not request.GET:
        data = form.cleaned_data if request.GET else {}
        district = data.get("district")
        ads = selectors.vacancies(q=data.get("q") or "", isco08=data.get("isco08") or "",
                                  district=district.pk if district else None, since=data.get("since"),
                                  until=data.get("until"), coding=data.get("coding") or "", batch=data.get("batch"))
    page = paginate(request, ads, PAGE_SIZE)
    titles = selectors.occupation_titles(ad.isco08 for ad in page)
    for ad in page:
        ad.occupation_title = titles.get(ad.isco08, "")
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "labour/vacancy_ads.html", {"form": form, "page": page, "query": query.urlencode()})


def _window(request) -> tuple[DemandFilter, int | None, int]:
    form = DemandFilter(request.GET or None)
    if request.GET and not form.is_valid():
        return form, None, 12
    data = form.cleaned_data if request.GET else {}
    district = data.get("district")
    return form, (district.pk if district else None), data.get("months") or 12


def _series_rows(series: list[dict]) -> list[dict]:
    return [{"month": row["month"].isoformat(), "postings": row["postings"]} for row in series]


@login_required
def demand(request):
    """Job ads per occupation in a period against the period before, with declared needs, and the monthly
    series of the region or a district."""
    _demand_allowed(request)
    form, district, months = _window(request)
    rows, window = selectors.demand_overview(district=district, months=months)
    series = selectors.demand_series(district=district)
    chart = charts.render_svg(charts.line_chart(
        _series_rows(series), "month", "postings", title=gettext("Job ads per month"), x_title=gettext("Month"),
        y_title=gettext("Job ads"))) if series else ""
    page = paginate(request, rows, PAGE_SIZE)
    run = selectors.latest_forecast_run()
    forecasts = selectors.region_forecasts(run) if district is None else {}
    for row in page:
        row.forecast = forecasts.get(row.code)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "labour/demand.html", {
        "form": form, "page": page, "window": window, "chart": chart, "query": query.urlencode(),
        "total": sum(r.postings for r in rows), "declared": sum(r.declared for r in rows), "run": run,
        "with_forecast": bool(forecasts), "can_forecast": policy.can_run_forecasts(request.user),
        "industries": selectors.demand_by_industry(months=months, district=district)})


@login_required
def demand_occupation(request, code: str):
    """One unit group's ads per month and per district."""
    _demand_allowed(request)
    occupation = Occupation.objects.filter(code=code, level=IscoLevel.UNIT).first()
    if occupation is None:
        raise Http404
    form, district, months = _window(request)
    series = selectors.demand_series(isco08=code, district=district)
    chart = charts.render_svg(charts.line_chart(
        _series_rows(series), "month", "postings", title=gettext("Job ads per month"), x_title=gettext("Month"),
        y_title=gettext("Job ads"))) if series else ""
    by_district = selectors.demand_by_district(isco08=code, months=months)
    last = selectors.latest_month()
    forecast, run = selectors.occupation_forecast(code, district)
    if forecast is not None:
        data = forecast.data
        future = [{"month": f"{p}-01", "value": round(v, 1), "lower": round(lo, 1), "upper": round(hi, 1)}
                  for p, v, lo, hi in zip(data["periods"], data["point"], data["lower"], data["upper"], strict=True)]
        chart = charts.render_svg(charts.forecast_chart(
            [{"month": r["month"].isoformat(), "value": r["postings"]} for r in series[-36:]], future,
            title=gettext("Job ads per month and the forecast"), x_title=gettext("Month"), y_title=gettext("Job ads"),
            observed=gettext("observed"), predicted=gettext("forecast")))
    return render(request, "labour/demand_occupation.html", {
        "occupation": occupation, "title": localized(occupation, "title"), "form": form, "chart": chart,
        "series": series[-24:], "by_district": by_district, "months": months,
        "window": selectors.month_window(last, months) if last else None,
        "declared": selectors.declared_needs(last.year if last else dt.date.today().year).get(code, 0),
        "forecast": forecast, "run": run, "yearly": forecast.data.get("yearly", []) if forecast else [],
        "too_short": (run.too_short.get(f"{code}/{district or 'region'}") if run and not forecast else None),
        "can_forecast": policy.can_run_forecasts(request.user), "outlooks": selectors.outlooks(code)})


class GapFilter(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int, required=False)
    district = forms.ModelChoiceField(label=gettext_lazy("District"), queryset=District.objects.all(), required=False,
                                      empty_label=gettext_lazy("the whole region"))

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]


@login_required
def demand_gap(request):
    """Demand (positions in job ads and declared needs) against supply (graduates) per occupation for a year;
    a college's staff also see where their own programmes stand."""
    _demand_allowed(request)
    years = selectors.gap_years()
    form = GapFilter(request.GET or None, years=years)
    year = years[0] if years else timezone.localdate().year
    district = None
    if request.GET and form.is_valid():
        year = form.cleaned_data.get("year") or year
        district = form.cleaned_data["district"].pk if form.cleaned_data.get("district") else None
    rows = selectors.gap(year, district)
    college = policy.own_college(request.user)
    counts = {key: sum(1 for r in rows if r.status == key) for key in selectors.GAP_CLASSES}
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "labour/demand_gap.html", {
        "form": form, "year": year, "page": paginate(request, rows, PAGE_SIZE), "counts": counts,
        "classes": selectors.GAP_CLASSES, "query": query.urlencode(), "college": college,
        "programmes": selectors.programme_positions(college.pk, year) if college else [],
        "ratio": settings.KASIP_GAP_RATIO, "minimum": settings.KASIP_GAP_MIN})


@login_required
def demand_forecast(request):
    """Start a forecast run on the worker (POST); its job page shows the result."""
    if not policy.can_run_forecasts(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("demand")
    job = services.start_forecast(request.user, by_district=request.POST.get("districts") == "1")
    return redirect("job-detail", job.pk)
