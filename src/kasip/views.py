"""Pages that compose several apps: the public landing page, the role-aware home, health."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kasip.core import charts
from kasip.core import policy as core_policy
from kasip.core import selectors as core_selectors
from kasip.core.models import Role
from kasip.registry import selectors as registry_selectors


def region_charts() -> dict:
    """The registry's figures and charts shown on the landing and home pages."""
    by_district = registry_selectors.colleges_by_district()
    students = registry_selectors.students_by_district()
    by_qualification = registry_selectors.students_by_qualification()
    intake = registry_selectors.intake_by_funding()
    chart = {
        "colleges": charts.bar_chart(by_district, "district", "colleges", title=_("Colleges by district and city"),
                                     category_title=_("District or city"), value_title=_("Colleges")),
        "students": charts.bar_chart(students, "district", "students", title=_("Students by district and city"),
                                     category_title=_("District or city"), value_title=_("Students")),
        "qualifications": charts.bar_chart(by_qualification, "qualification", "students",
                                           title=_("Qualifications with the most students"),
                                           category_title=_("Qualification"), value_title=_("Students")),
        "intake": charts.bar_chart(intake["rows"], "funding", "places",
                                   title=_("First-year places by source of funding"),
                                   category_title=_("Funding"), value_title=_("Places")),
    }
    data = {"colleges": by_district, "students": students, "qualifications": by_qualification,
            "intake": intake["rows"]}
    return {
        "figures": {**registry_selectors.headline_figures(), **registry_selectors.registry_figures()},
        "by_district": by_district, "students_by_district": students, "by_qualification": by_qualification,
        "intake": intake,
        "charts": {key: charts.render_svg(spec) if any(r for r in data[key]) else "" for key, spec in chart.items()},
    }


def landing(request):
    return render(request, "landing.html", region_charts())


@login_required
def home(request):
    user = request.user
    context = {"role": user.role, "role_label": Role(user.role).label if user.role else ""}
    if core_policy.can_manage_users(user):
        context["user_count"] = core_selectors.users(user).count()
    context["recent_jobs"] = list(core_selectors.jobs(user)[:5])
    if core_policy.can_view_audit(user):
        context["recent_audit"] = list(core_selectors.audit_entries()[:8])
    context.update(region_charts())
    if user.organisation_id and user.role in {Role.COLLEGE_ADMIN, Role.DUAL_COORDINATOR, Role.STUDENT}:
        context["own_college_id"] = user.organisation_id
    return render(request, "home.html", context)


@never_cache
def health(request):
    return HttpResponse("ok", content_type="text/plain")
