"""Pages of individual placement: a place's detail with its applicants, the student's ranked list, the
matching rounds with their statistics and placements, the notifications. Thin: parse, ask the policy, call
the service, render."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from kasip.core.web import is_htmx, paginate

from .. import policy, selectors, services
from ..eligibility import eligibility_problems
from ..entities import PLACES
from ..entities import place_detail as place_fields
from ..models import (
    MatchingRound,
    Notification,
    Preference,
    RoundStatus,
    TrainingPlace,
    max_preferences,
)


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _place(pk: int) -> TrainingPlace:
    return get_object_or_404(selectors.places_with_relations(), pk=pk)


# --- training places ---------------------------------------------------------------------
@login_required
def place_detail(request, pk: int):
    place = _place(pk)
    user = request.user
    if not policy.can_view_place(user, place):
        raise PermissionDenied
    context = {
        "entity": PLACES, "obj": place, "fields": place_fields(place, user),
        "can_edit": policy.can_edit_place(user, place),
        "can_publish": policy.can_publish_place(user, place),
        "can_approve": policy.can_approve_place(user, place),
        "can_withdraw": policy.can_withdraw_place(user, place),
        "round": services.active_round_of(place),
        "applicants": None, "problems": None, "on_list": False,
    }
    if policy.can_see_applicants(user, place):
        context["applicants"] = selectors.ranked_applicants(user, place)
        context["can_score"] = policy.is_region_admin(user) or policy.is_college_staff(user)
        context["can_rank"] = policy.can_rank_applicants(user, place)
        context["ranked"] = any(a.enterprise_rank is not None for a in context["applicants"])
    record = policy.student_record(user)
    if record is not None:
        context["on_list"] = Preference.objects.filter(student=record, place=place).exists()
        context["problems"] = services.place_problems(record, place) + (
            [p for p in [services.lock_problem(record)] if p])
    return render(request, "dual/place_detail.html", context)


def _place_action(action, allowed, done_message):
    @login_required
    @require_POST
    def view(request, pk: int):
        place = get_object_or_404(TrainingPlace, pk=pk)
        if not allowed(request.user, place):
            raise PermissionDenied
        try:
            action(request.user, place)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, done_message())
        return redirect("places-detail", pk=pk)

    return view


place_publish = _place_action(services.publish_place, policy.can_publish_place, lambda: gettext("The place is published; a college approves it "
                                                                      "before students see it."))
place_approve = _place_action(services.approve_place, policy.can_approve_place, lambda: gettext("The place is approved: students see it now."))
place_withdraw = _place_action(services.withdraw_place, policy.can_withdraw_place, lambda: gettext("The place is withdrawn."))


@login_required
@require_POST
def place_score(request, pk: int, preference_id: int):
    """The college's score of one applicant of the place."""
    preference = get_object_or_404(Preference.objects.select_related("student"), pk=preference_id, place_id=pk)
    if not policy.can_score(request.user, preference.student):
        raise PermissionDenied
    try:
        score = Decimal(request.POST.get("score", "").replace(",", ".").strip())
        if not score.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        messages.error(request, gettext("Give the score as a number."))
    else:
        try:
            services.set_score(request.user, preference, score)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, gettext("Score saved."))
    return redirect("places-detail", pk=pk)


def _ranking_from(post, place: TrainingPlace) -> list[int]:
    """The student ids of the form's ranks (``rank-<student id>``: a whole number from 1, or blank for not
    taken), best first; bad input raises a ValidationError naming the problem."""
    ranks: dict[int, list[int]] = {}
    problems = []
    for key, value in post.items():
        if not key.startswith("rank-"):
            continue
        raw_id, value = key[5:], (value or "").strip()
        if not value:
            continue
        if not (raw_id.isdigit() and len(raw_id) <= 18):
            problems.append(gettext("No applicant %(id)s.") % {"id": raw_id[:20]})
            continue
        if not (value.isdigit() and len(value) <= 6 and int(value) >= 1):
            problems.append(gettext("Give each rank as a whole number from 1 (student %(id)s: “%(value)s”).")
                            % {"id": raw_id, "value": value[:20]})
            continue
        ranks.setdefault(int(value), []).append(int(raw_id))
    problems += [gettext("Two applicants have the rank %(rank)s; give each a rank of its own.") % {"rank": rank}
                 for rank, ids in sorted(ranks.items()) if len(ids) > 1]
    if problems:
        raise ValidationError(problems)
    return [ids[0] for _rank, ids in sorted(ranks.items())]


@login_required
@require_POST
def place_ranking(request, pk: int):
    """The enterprise's own ranking of the place's applicants; "use the college's score" clears it."""
    place = get_object_or_404(TrainingPlace, pk=pk)
    if not policy.can_rank_applicants(request.user, place):
        raise PermissionDenied
    try:
        if "clear" in request.POST:
            services.rank_applicants(request.user, place, [])
            done = gettext("The ranking is cleared: the college's score orders the applicants.")
        else:
            ranked = services.rank_applicants(request.user, place, _ranking_from(request.POST, place))
            done = (gettext("Ranking saved: %(n)s applicants ranked; the others are not taken by the place.")
                    % {"n": len(ranked)} if ranked else
                    gettext("No rank given: the college's score orders the applicants."))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, done)
    return redirect("places-detail", pk=pk)


# --- the student's ranked list -----------------------------------------------------------
def _student(request):
    if not policy.can_keep_preferences(request.user):
        raise PermissionDenied
    record = policy.student_record(request.user)
    if record is None:
        raise PermissionDenied(gettext("Your account is not attached to a student record."))
    return record


@login_required
def my_preferences(request):
    student = _student(request)
    prefs = list(selectors.preferences_of(student).prefetch_related("place__qualifications"))
    rows = [(p, [x.message for x in eligibility_problems(student, p.place)]) for p in prefs]
    placements = (student.dual_placements.filter(round__status=RoundStatus.PUBLISHED)
                  .select_related("round", "place__enterprise").order_by("-round__published_at"))
    return render(request, "dual/my_preferences.html", {
        "student": student, "rows": rows, "limit": max_preferences(), "lock": services.lock_problem(student),
        "placements": placements, "notifications": Notification.objects.filter(user=request.user)[:10],
    })


def _preference_action(request, change):
    student = _student(request)
    raw = request.POST.get("place", "").strip()
    place = TrainingPlace.objects.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) <= 18 else None
    if place is None:
        messages.error(request, gettext("Choose a training place."))
        return redirect("my-preferences")
    try:
        change(request.user, place, student)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, gettext("Your list is saved."))
    if request.POST.get("next") == "place":
        return redirect("places-detail", pk=place.pk)
    return redirect("my-preferences")


@login_required
@require_POST
def preference_add(request):
    return _preference_action(request, services.add_preference)


@login_required
@require_POST
def preference_remove(request):
    return _preference_action(request, services.remove_preference)


@login_required
@require_POST
def preference_move(request):
    up = request.POST.get("direction") != "down"
    return _preference_action(request, lambda actor, place, student: services.move_preference(actor, place, up,
                                                                                              student))


# --- matching rounds ---------------------------------------------------------------------
@login_required
def round_detail(request, pk: int):
    round_ = get_object_or_404(MatchingRound.objects.select_related("college", "previous_round"), pk=pk)
    user = request.user
    if not policy.can_view_round(user, round_):
        raise PermissionDenied
    placements = None
    if policy.can_view_placements(user, round_):
        placements = paginate(request, selectors.placements(user, round_), size=200)
    manage = policy.can_manage_round(user, round_)
    job = selectors.latest_run_job(round_)
    running = job is not None and not job.is_finished
    is_open = round_.status == RoundStatus.OPEN
    return render(request, "dual/round_detail.html", {
        "round": round_, "stats": selectors.statistics(round_), "placements": placements,
        "places": round_.places.select_related("enterprise").order_by("title"),
        "can_manage": manage, "job": job,
        "can_lock": manage and is_open,
        "can_run": manage and round_.status in (RoundStatus.LOCKED, RoundStatus.RUN) and not running,
        "can_publish": manage and round_.status == RoundStatus.RUN and not running,
        "can_second": manage and round_.status == RoundStatus.PUBLISHED,
        "can_change_places": manage and is_open,
        "free_places": selectors.free_places() if manage and is_open else None,
    })


@login_required
def round_job(request, pk: int):
    """The status of the round's latest run on the worker (polled by the round's page); once the run is over,
    the page reloads to show the result."""
    round_ = get_object_or_404(MatchingRound, pk=pk)
    if not policy.can_view_round(request.user, round_):
        raise PermissionDenied
    job = selectors.latest_run_job(round_)
    response = render(request, "dual/partials/round_job.html", {"round": round_, "job": job})
    if is_htmx(request) and (job is None or job.is_finished):
        response["HX-Refresh"] = "true"
    return response


def _round_action(action, done_message):
    @login_required
    @require_POST
    def view(request, pk: int):
        round_ = get_object_or_404(MatchingRound, pk=pk)
        if not policy.can_manage_round(request.user, round_):
            raise PermissionDenied
        try:
            result = action(request.user, round_)
        except ValidationError as exc:
            _errors(request, exc)
            return redirect("rounds-detail", pk=pk)
        messages.success(request, done_message(result))
        if isinstance(result, MatchingRound) and result.pk != pk:
            return redirect("rounds-detail", pk=result.pk)
        return redirect("rounds-detail", pk=pk)

    return view


round_lock = _round_action(services.lock_round, lambda r: gettext("The round is locked: preferences can no longer "
                                                                  "change."))
round_run = _round_action(services.start_run_round, lambda job: gettext("The round runs in the background; this "
                                                                        "page shows its progress and result."))
round_publish = _round_action(services.publish_round, lambda n: gettext("The results are published; %(n)s students "
                                                                        "notified.") % {"n": n})
round_second = _round_action(lambda actor, r: services.create_second_round(actor, r),
                             lambda r: gettext("The second round is open."))


@login_required
@require_POST
def round_places_add(request, pk: int):
    """Add approved places to an open round."""
    round_ = get_object_or_404(MatchingRound, pk=pk)
    if not policy.can_manage_round(request.user, round_):
        raise PermissionDenied
    ids = [int(v) for v in request.POST.getlist("places") if v.isdigit() and len(v) <= 18]
    places = list(TrainingPlace.objects.filter(pk__in=ids))
    if not places:
        messages.error(request, gettext("Choose at least one training place."))
        return redirect("rounds-detail", pk=pk)
    try:
        services.add_round_places(request.user, round_, places)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, gettext("%(n)s places added to the round.") % {"n": len(places)})
    return redirect("rounds-detail", pk=pk)


@login_required
@require_POST
def round_place_remove(request, pk: int, place_id: int):
    """Take a place out of an open round."""
    round_ = get_object_or_404(MatchingRound, pk=pk)
    if not policy.can_manage_round(request.user, round_):
        raise PermissionDenied
    place = get_object_or_404(TrainingPlace, pk=place_id)
    try:
        services.remove_round_place(request.user, round_, place)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, gettext("The place “%(place)s” is no longer in the round.") % {"place": place.title})
    return redirect("rounds-detail", pk=pk)


@login_required
def notifications(request):
    items = paginate(request, Notification.objects.filter(user=request.user))
    response = render(request, "dual/notifications.html", {"page": items})
    services.mark_notifications_read(request.user)
    return response
