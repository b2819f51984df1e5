"""The page of graduate outcomes: the employment rate with its breakdowns, counts, intervals and charts.

Open to everyone (the figures name no one); small cells are suppressed for all but the region admin.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from kasip.core import charts as core_charts

from . import charts, policy, selectors
from .models import EmploymentStatus, MonthsAfter, WageBand


class FiguresFilter(forms.Form):
    year = forms.ChoiceField(label=gettext_lazy("Year of graduation"), required=False)
    months = forms.TypedChoiceField(label=gettext_lazy("Months after graduation"), coerce=int,
                                    choices=MonthsAfter.choices, required=False, empty_value=12)
    college = forms.ChoiceField(label=gettext_lazy("College"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("every year")), *selectors.figure_year_choices()]
        self.fields["college"].choices = [("", _("every college")), *selectors.figure_college_choices()]


def percent(value: float | None) -> str:
    # number_format cuts the digits it does not show; round first
    return "" if value is None else f"{number_format(round(100 * value, 1), 1)} %"


def shown(cell) -> dict:
    """A cell as the page prints it: the rate, its interval and n, or a dash when suppressed."""
    rate, spec = cell.rate, cell.in_specialty
    return {
        "label": cell.label, "key": cell.key, "records": cell.records, "suppressed": cell.suppressed,
        "n": rate.n if not cell.suppressed else None, "employed": rate.k if not cell.suppressed else None,
        "rate": percent(rate.share), "interval": (f"{percent(rate.low)} – {percent(rate.high)}"
                                                  if rate.low is not None else ""),
        "specialty": percent(spec.share), "specialty_n": spec.n if spec.share is not None else None,
        "specialty_interval": (f"{percent(spec.low)} – {percent(spec.high)}" if spec.low is not None else ""),
        "extra": cell.extra,
    }


@require_GET
def figures(request):
    if not policy.can_view_outcome_figures(request.user):
        raise PermissionDenied
    form = FiguresFilter(request.GET or None)
    year = months = college = None
    if form.is_bound and form.is_valid():
        year = int(form.cleaned_data["year"]) if form.cleaned_data["year"] else None
        months = form.cleaned_data["months"]
        college = int(form.cleaned_data["college"]) if form.cleaned_data["college"] else None
    months = months or 12
    user = request.user
    by_college = selectors.employment_rate(user, year=year, months=months, college=college, by="college")
    by_dual = selectors.employment_rate(user, year=year, months=months, college=college, by="dual")
    by_programme = selectors.employment_rate(user, year=year, months=months, college=college, by="programme")
    by_year = selectors.rates_by_year(user, college=college)
    total = by_college["total"]
    graduates = selectors.graduates_by_year(college=college)
    value_title = _("Employment rate, %")
    specs = {
        "colleges": charts.interval_chart(by_college["rows"], title=_("Employment rate by college"),
                                          category_title=_("College"), value_title=value_title),
        "dual": charts.interval_chart(by_dual["rows"], title=_("Dual training against not dual"),
                                      category_title="", value_title=value_title, sort=False),
        "years": charts.year_chart(by_year, title=_("Employment rate by year of graduation"),
                                   year_title=_("Year of graduation"), value_title=value_title,
                                   months_title=_("Months after graduation")),
    }
    statuses = [(str(EmploymentStatus(s).label), total.statuses[s], s in by_college["excluded_statuses"])
                for s in EmploymentStatus.values]
    wages = [(str(WageBand(b).label), total.wage_bands[b]) for b in WageBand.values]
    return render(request, "outcomes/figures.html", {
        "form": form, "year": year, "months": months, "college": college,
        "definition": by_college["definition"], "min_cell": by_college["min_cell"],
        "has_records": by_college["has_records"],
        "total": shown(total), "statuses": statuses, "wages": wages,
        "by_college": [shown(c) for c in by_college["rows"]], "by_dual": [shown(c) for c in by_dual["rows"]],
        "by_programme": [shown(c) for c in by_programme["rows"]],
        "by_year": [{**shown(c), "graduates": graduates.get(c.extra["year"])} for c in by_year],
        "charts": {key: core_charts.render_svg(spec) if spec else "" for key, spec in specs.items()},
        "can_list_records": policy.can_list_employment(user),
    })
