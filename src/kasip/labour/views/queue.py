"""Pages of the coding queue: an analyst confirms or corrects the coder's suggestions for the job titles it was
unsure of (with the keyboard, or with plain forms), adds titles, and retrains the coder on the worker."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_POST

from kasip.core.web import is_htmx, paginate

from .. import coder_file, policy, selectors, services
from ..models import CodingItem, CodingSource, CodingStatus

__all__ = ["coding_add", "coding_code", "coding_job", "coding_queue", "coding_skip", "coding_train"]

PAGE_SIZE = 20
MAX_TITLES = 1000


def _allowed(request) -> None:
    if not policy.can_code(request.user):
        raise PermissionDenied


def _back(request, item: int | None = None):
    """Back to the queue as the analyst left it (the ``next`` field: the queue's own address only), with the
    item to make current."""
    queue = reverse("coding-queue")
    target = request.POST.get("next", "")
    if not (target.startswith(queue) and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})):
        target = queue
    parts = urlsplit(target)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "item"]
    if item:
        query.append(("item", str(item)))
    return redirect(f"{parts.path}?{urlencode(query)}" if query else parts.path)


def _then(request) -> int | None:
    value = request.POST.get("then", "")
    return int(value) if value.isdigit() and len(value) <= 18 else None


def _error_messages(request, exc: ValidationError) -> None:
    labels = {"code": gettext("ISCO-08 code"), "source": gettext("Source"), "counts": gettext("Ads")}
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for error in errors:
                messages.error(request, f"{labels.get(field, field)}: {error}")
    else:
        for error in exc.messages:
            messages.error(request, error)


@login_required
@require_GET
def coding_queue(request):
    _allowed(request)
    status = request.GET.get("status", "")
    status = status if status in CodingStatus.values else CodingStatus.PENDING
    q = request.GET.get("q", "")[:100]
    page = paginate(request, selectors.coding_queue(status=status, q=q), size=PAGE_SIZE)
    items = selectors.with_suggestion_titles(page.object_list)
    wanted = request.GET.get("item", "")
    current = next((i.pk for i in items if wanted.isdigit() and len(wanted) <= 18 and i.pk == int(wanted)),
                   items[0].pk if items else None)
    for n, item in enumerate(items):
        item.then = items[n + 1].pk if n + 1 < len(items) else ""
    job = selectors.latest_training_job()
    query = {k: v for k, v in {"status": status if status != CodingStatus.PENDING else "", "q": q}.items() if v}
    return render(request, "labour/coding_queue.html", {
        "page": page, "items": items, "current": current, "status": status, "q": q,
        "statuses": CodingStatus.choices, "counts": selectors.coding_counts(),
        "unit_groups": selectors.unit_group_choices(), "back": request.get_full_path(),
        "query": urlencode(query), "job": job, "training": job is not None and not job.is_finished,
        "last_training": selectors.last_training(), "new_codings": selectors.codings_since_last_training(),
        "can_train": policy.can_train_coder(request.user), "coder_ready": coder_file.coder_path().is_file(),
        "max_titles": MAX_TITLES, "train_hour": settings.KASIP_CODER_TRAIN_HOUR})


@login_required
@require_POST
def coding_code(request, pk: int):
    """Confirm a suggestion or correct it (the ``code`` field)."""
    _allowed(request)
    item = get_object_or_404(CodingItem, pk=pk)
    try:
        item = services.confirm_coding(request.user, item, request.POST.get("code", ""))
    except ValidationError as exc:
        _error_messages(request, exc)
        return _back(request, item=pk)
    if item.status == CodingStatus.CONFIRMED:
        text = gettext("“%(title)s”: confirmed as %(code)s %(occupation)s.")
    else:
        text = gettext("“%(title)s”: corrected to %(code)s %(occupation)s.")
    messages.success(request, text % {"title": item.title, "code": item.occupation.code,
                                      "occupation": item.occupation.title})
    return _back(request, item=_then(request))


@login_required
@require_POST
def coding_skip(request, pk: int):
    _allowed(request)
    item = get_object_or_404(CodingItem, pk=pk)
    try:
        services.skip_coding(request.user, item)
    except ValidationError as exc:
        _error_messages(request, exc)
        return _back(request, item=pk)
    messages.success(request, gettext("“%(title)s” was set aside.") % {"title": item.title})
    return _back(request, item=_then(request))


@login_required
@require_POST
def coding_add(request):
    """Titles pasted one per line join the queue (those the coder is sure of are only counted)."""
    _allowed(request)
    titles = [line for line in request.POST.get("titles", "").splitlines() if line.strip()]
    if not titles:
        messages.error(request, gettext("Titles: paste at least one job title, one per line."))
        return _back(request)
    if len(titles) > MAX_TITLES:
        messages.error(request, gettext("Titles: at most %(n)s at a time (you pasted %(got)s).")
                       % {"n": MAX_TITLES, "got": len(titles)})
        return _back(request)
    try:
        summary = services.enqueue_titles(titles, source=CodingSource.MANUAL, actor=request.user)
    except ValidationError as exc:
        _error_messages(request, exc)
        return _back(request)
    except coder_file.CoderUnavailable as exc:
        messages.error(request, gettext("The occupation coder is not available: %(reason)s") % {"reason": exc})
        return _back(request)
    messages.success(request, ngettext(
        "%(titles)s title: %(coded)s coded, %(queued)s added to the queue, %(already)s already in it, "
        "%(cannot)s with nothing to code.",
        "%(titles)s titles: %(coded)s coded, %(queued)s added to the queue, %(already)s already in it, "
        "%(cannot)s with nothing to code.", summary["titles"]) % {"titles": summary["titles"], "coded": summary["coded"],
                                                "queued": summary["queued"], "already": summary["already_queued"],
                                                "cannot": summary["cannot_code"]})
    return _back(request)


@login_required
@require_POST
def coding_train(request):
    """Retrain the coder with the codings, on the worker; the page follows the job."""
    if not policy.can_train_coder(request.user):
        raise PermissionDenied
    job, started = services.start_training(request.user)
    if started:
        messages.success(request, gettext("The coder is being retrained in the background; this page shows the "
                                          "progress."))
    else:
        messages.info(request, gettext("The coder is already being retrained (job %(job)s).") % {"job": job.pk})
    return _back(request)


@login_required
@require_GET
def coding_job(request):
    """The latest training's status (polled by the queue's page while it runs; the page reloads at the end)."""
    _allowed(request)
    job = selectors.latest_training_job()
    response = render(request, "labour/coding_queue_job.html", {
        "job": job, "training": job is not None and not job.is_finished})
    if is_htmx(request) and (job is None or job.is_finished):
        response["HX-Refresh"] = "true"
    return response
