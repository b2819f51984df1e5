"""The public page of exposure to automation and AI: the methodology (indices, sources, crosswalk weighting,
the rule of "most exposed") and every unit group's figures."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kasip.core.i18n import localized
from kasip.core.web import paginate

from .. import documents, policy, selectors
from .. import exposure as core
from ..models import IscoLevel, Occupation

__all__ = ["exposure", "pathways", "regional_report"]

PAGE_SIZE = 50
PATHWAYS = 5


@require_GET
def exposure(request):
    q = request.GET.get("q", "").strip()[:100]
    only = request.GET.get("most_exposed") == "1"
    rows = selectors.exposure_rows()
    if q:
        low = q.lower()
        rows = [r for r in rows if r.code.startswith(q) or low in r.title.lower()]
    if only:
        rows = [r for r in rows if r.most_exposed]
    params = {k: v for k, v in (("q", q), ("most_exposed", "1" if only else "")) if v}
    return render(request, "labour/exposure.html", {
        "page": paginate(request, rows, PAGE_SIZE), "q": q, "only": only, "query": urlencode(params),
        "indices": core.INDICES, "rule_indices": selectors.exposure_indices(),
        "share": round(float(settings.KASIP_EXPOSED_SHARE) * 100)})


@require_GET
def pathways(request, code: str):
    """The nearest occupations in demand for a worker of this unit group, with the reasons."""
    occupation = Occupation.objects.filter(code=code, level=IscoLevel.UNIT).first()
    if occupation is None:
        raise Http404
    found, basis = selectors.pathways_for(code, k=PATHWAYS)
    row, _scores, place = selectors.occupation_exposure(code)
    return render(request, "labour/pathways.html", {
        "occupation": occupation, "title": localized(occupation, "title"), "found": found, "basis": basis,
        "exposure": row, "place": place})


@require_GET
def regional_report(request):
    """The regional report as a page, or its PDF or XLSX (?format=pdf|xlsx): the public version (small counts
    hidden) for everyone; staff who see demand get the full figures unless they ask for the public one."""
    fmt = request.GET.get("format", "")
    if fmt and fmt not in documents.REPORT_FORMATS:
        raise Http404
    year = request.GET.get("year", "")
    if year and not (year.isdigit() and 2000 <= int(year) <= 2100):
        year = ""
    public = request.GET.get("public") == "1" or not policy.can_view_demand(request.user)
    data = selectors.regional_report(year=int(year) if year else None, public=public)
    if fmt:
        content, ctype = documents.render_report(data, fmt)
        response = HttpResponse(content, content_type=ctype)
        if fmt != "html":
            response["Content-Disposition"] = (f'attachment; filename="kasip-regional-report-{data["year"]}'
                                               f'{"-public" if public else ""}.{fmt}"')
        return response
    query = {k: v for k, v in (("year", year), ("public", "1" if public and policy.can_view_demand(request.user)
                                                 else "")) if v}
    return render(request, "labour/report.html", {
        "r": data, "body": documents.report_body(data), "query": urlencode(query),
        "can_full": policy.can_view_demand(request.user)})
