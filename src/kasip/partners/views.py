"""Pages of partnerships beyond the generic entity pages: an agreement's signed document, the partner network."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kasip.core import audit, charts

from . import policy, selectors
from .models import (
    DOCUMENT_CONTENT_TYPES,
    DOCUMENT_EXTENSIONS,
    Agreement,
    document_extension,
    sniff_document,
)


@never_cache
@require_GET
@login_required
def agreement_document(request, pk: int):
    """Stream the signed document to whoever may read the agreement; the file has no public URL."""
    agreement = get_object_or_404(Agreement, pk=pk)
    if not policy.can_download_document(request.user, agreement):
        raise PermissionDenied
    if not agreement.document:
        raise Http404
    try:
        handle = agreement.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    kind = sniff_document(handle.read(16)) or DOCUMENT_EXTENSIONS.get(document_extension(agreement.document.name))
    handle.seek(0)
    audit.log_read(request.user, agreement)  # who took a copy of a signed document
    extension = {"pdf": ".pdf", "jpg": ".jpg", "png": ".png"}.get(kind, "")
    name = f"agreement-{slugify(agreement.number, allow_unicode=True) or agreement.pk}{extension}"
    response = FileResponse(handle, as_attachment=True, filename=name,
                            content_type=DOCUMENT_CONTENT_TYPES.get(kind, "application/octet-stream"))
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def network(request):
    """Who works with whom and how much: aggregates of the agreements the user may see."""
    if not policy.can_view_network(request.user):
        raise PermissionDenied
    in_force_only = request.GET.get("scope", "") != "all"
    data = selectors.network(request.user, in_force_only=in_force_only)
    specs = selectors.network_charts(data)
    return render(request, "partners/network.html", {
        "data": data, "in_force_only": in_force_only,
        "charts": {key: charts.render_svg(spec) if spec else "" for key, spec in specs.items()},
    })
