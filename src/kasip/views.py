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


def landing(request):
    figures = registry_selectors.headline_figures()
    by_district = registry_selectors.colleges_by_district()
    spec = charts.bar_chart(by_district, "district", "colleges", title=_("Colleges by district and city"),
                            category_title=_("District or city"), value_title=_("Colleges"))
    return render(request, "landing.html", {
        "figures": figures,
        "chart_svg": charts.render_svg(spec) if by_district else "",
        "by_district": by_district,
    })


@login_required
def home(request):
    user = request.user
    context = {"role": user.role, "role_label": Role(user.role).label if user.role else ""}
    if core_policy.can_manage_users(user):
        context["user_count"] = core_selectors.users(user).count()
    context["recent_jobs"] = list(core_selectors.jobs(user)[:5])
    if core_policy.can_view_audit(user):
        context["recent_audit"] = list(core_selectors.audit_entries()[:8])
    context["figures"] = registry_selectors.headline_figures()
    if user.organisation_id and user.role in {Role.COLLEGE_ADMIN, Role.DUAL_COORDINATOR, Role.STUDENT}:
        context["own_college_id"] = user.organisation_id
    return render(request, "home.html", context)


@never_cache
def health(request):
    return HttpResponse("ok", content_type="text/plain")
