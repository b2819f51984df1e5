"""Pages of the occupation taxonomy: the public classifier browser and the qualification mapping."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from kasip.core.web import paginate
from kasip.registry.models import Qualification

from .. import policy, selectors, services
from ..models import IscoLevel


@require_GET
def occupations(request):
    level = request.GET.get("level", "")
    level = int(level) if level in {str(v) for v in IscoLevel.values} else None
    q = request.GET.get("q", "")
    page = paginate(request, selectors.occupations(q=q, level=level), size=50)
    return render(request, "labour/occupations.html", {
        "page": page, "q": q, "level": level, "levels": IscoLevel.choices, "figures": selectors.figures(),
        "can_code": policy.can_code(request.user),
        "query": urlencode({k: v for k, v in {"q": q, "level": level or ""}.items() if v})})


@require_GET
def occupation_detail(request, code: str):
    obj = selectors.occupation(code)
    if obj is None:
        raise Http404
    return render(request, "labour/occupation_detail.html", {
        "obj": obj, "ancestors": selectors.ancestors(obj), "children": obj.children.order_by("code"),
        "aliases": selectors.aliases(obj), "national": obj.national_occupations.order_by("code"),
        "soc": obj.soc_links.select_related("soc").order_by("soc__code"),
        "qualifications": selectors.qualifications_of(obj), "exposure": _exposure(obj)})


def _exposure(obj) -> dict | None:
    if obj.level != 4:
        return None
    row, scores, place = selectors.occupation_exposure(obj.code)
    if row is None:
        return None
    return {"row": row, "place": place, "scores": [
        {"index": s.index, "value": s.value, "gradient": s.gradient, "n": s.n,
         "basis": [part.split(":") for part in s.basis.split(";") if part]} for s in scores]}


@require_GET
def mapping(request):
    q = request.GET.get("q", "")
    page = paginate(request, selectors.mapping(q), size=50)
    return render(request, "labour/mapping.html", {
        "page": page, "q": q, "can_edit": policy.can_edit_mapping(request.user),
        "query": urlencode({"q": q} if q else {})})


@login_required
@require_http_methods(["GET", "POST"])
def mapping_edit(request, pk: int):
    if not policy.can_edit_mapping(request.user):
        raise PermissionDenied
    qualification = get_object_or_404(Qualification.objects.select_related("specialty"), pk=pk)
    codes_text = " ".join(qualification.occupation_links.order_by("-is_main", "occupation__code")
                          .values_list("occupation__code", flat=True))
    errors: dict = {}
    if request.method == "POST":
        codes_text = request.POST.get("occupations", "")
        codes = codes_text.replace(",", " ").split()
        try:
            services.set_qualification_occupations(request.user, qualification, codes,
                                                   main=codes[0] if codes else None)
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            messages.success(request, gettext("The occupations of %(code)s were saved.")
                             % {"code": qualification.code})
            return redirect("occupation-mapping")
    return render(request, "labour/mapping_edit.html", {
        "qualification": qualification, "codes_text": codes_text, "errors": errors}, status=422 if errors else 200)
