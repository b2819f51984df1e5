"""Writes of individual placement: one function per use case, each in a transaction.

Services take the acting user and ask the policy; ``actor=None`` is the system itself (the management
command and the background task run as the system unless told otherwise).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from kasip.core import audit
from kasip.core.models import Job, JobStatus
from kasip.registry.models import College, EnterpriseSite, Student, StudentStatus

from .. import matching, policy, selectors
from ..eligibility import eligibility_problems
from ..models import (
    MatchingRound,
    Notification,
    Placement,
    PlaceRanking,
    PlaceStatus,
    Preference,
    RoundScope,
    RoundStatus,
    TrainingPlace,
    UnmatchedReason,
    max_preferences,
)

log = logging.getLogger(__name__)

PLACE_FIELDS = ("site", "title", "description", "language", "district_only", "capacity", "starts_on", "ends_on",
                "monthly_payment", "payment_reason", "mentors")
ACTIVE_ROUND_STATUSES = (RoundStatus.OPEN, RoundStatus.LOCKED, RoundStatus.RUN)
LOCKING_STATUSES = (RoundStatus.LOCKED, RoundStatus.RUN)


def _require(actor, allowed: bool, message: str) -> None:
    """Refuse a user the policy refuses; None (the system) is always allowed."""
    if actor is not None and not allowed:
        raise PermissionDenied(message)


def _now() -> dt.datetime:
    return timezone.now()


# --- training places ---------------------------------------------------------------------
def active_round_of(place: TrainingPlace) -> MatchingRound | None:
    """The round (not yet published) the place is in, if any: at most one."""
    return place.rounds.filter(status__in=ACTIVE_ROUND_STATUSES).order_by("pk").first()


@transaction.atomic
def save_place(actor, obj: TrainingPlace | None = None, **fields) -> TrainingPlace:
    if obj is None:
        _require(actor, policy.can_create_place(actor), gettext("You may not offer training places."))
    else:
        _require(actor, policy.can_edit_place(actor, obj), gettext("You may not change this training place."))
        obj = TrainingPlace.objects.select_for_update().get(pk=obj.pk)
        active = active_round_of(obj)
        if active is not None:
            raise ValidationError(gettext("The place is in the matching round “%(round)s”; change it after the "
                                          "round's results are published.") % {"round": active.name})
        if obj.status == PlaceStatus.WITHDRAWN:
            raise ValidationError(gettext("The place was withdrawn; it cannot change."))
    qualifications = fields.pop("qualifications", None)
    place = obj or TrainingPlace()
    for key in PLACE_FIELDS:
        if key in fields:
            value = fields[key]
            setattr(place, key, value.strip() if isinstance(value, str) else value)
    errors: dict[str, list] = {}
    site: EnterpriseSite | None = place.site if place.site_id else None
    if site is None:
        errors["site"] = [gettext("Choose the site where the student is trained.")]
    else:
        if actor is not None and policy.own_enterprise_only(actor) and site.enterprise_id != actor.organisation_id:
            errors["site"] = [gettext("Choose a site of your own enterprise.")]
        elif not site.is_active:
            errors["site"] = [gettext("The site is inactive.")]
        place.enterprise_id = site.enterprise_id
        place.district_id = site.district_id
    if qualifications is not None:
        qualifications = list(qualifications)
        if not qualifications:
            errors["qualifications"] = [gettext("Choose at least one qualification.")]
    elif obj is None:
        errors["qualifications"] = [gettext("Choose at least one qualification.")]
    try:
        place.full_clean(exclude=[k for k in ("site", "enterprise", "district") if k in errors or site is None])
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    if obj is not None and obj.status == PlaceStatus.APPROVED and actor is not None and not policy.is_region_admin(actor):
        place.status = PlaceStatus.PUBLISHED  # changed by the enterprise: the college approves it again
        place.approved_by, place.approved_at = None, None
    place.save()
    if qualifications is not None:
        place.qualifications.set(qualifications)
    return place


def _locked_place(place: TrainingPlace) -> TrainingPlace:
    return TrainingPlace.objects.select_for_update().get(pk=place.pk)


@transaction.atomic
def publish_place(actor, place: TrainingPlace) -> TrainingPlace:
    _require(actor, policy.can_publish_place(actor, place), gettext("You may not publish this training place."))
    place = _locked_place(place)
    if place.status not in (PlaceStatus.DRAFT, PlaceStatus.WITHDRAWN):
        raise ValidationError(gettext("Only a draft or a withdrawn place is published."))
    place.status = PlaceStatus.PUBLISHED
    place.save(update_fields=["status", "updated_at"])
    return place


@transaction.atomic
def approve_place(actor, place: TrainingPlace) -> TrainingPlace:
    _require(actor, policy.can_approve_place(actor, place), gettext("You may not approve training places."))
    place = _locked_place(place)
    if place.status != PlaceStatus.PUBLISHED:
        raise ValidationError(gettext("Only a published place is approved."))
    place.status = PlaceStatus.APPROVED
    place.approved_by, place.approved_at = actor, _now()
    place.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    return place


@transaction.atomic
def withdraw_place(actor, place: TrainingPlace) -> TrainingPlace:
    _require(actor, policy.can_withdraw_place(actor, place), gettext("You may not withdraw this training place."))
    place = _locked_place(place)
    if place.status not in (PlaceStatus.PUBLISHED, PlaceStatus.APPROVED):
        raise ValidationError(gettext("Only a published or approved place is withdrawn."))
    active = active_round_of(place)
    if active is not None:
        raise ValidationError(gettext("The place is in the matching round “%(round)s”; withdraw it after the "
                                      "round's results are published.") % {"round": active.name})
    place.status = PlaceStatus.WITHDRAWN
    place.save(update_fields=["status", "updated_at"])
    return place


@transaction.atomic
def rank_applicants(actor, place: TrainingPlace, student_ids: list[int]) -> list[PlaceRanking]:
    """The enterprise's own ranking of the place's applicants (best first), replacing any earlier one; an
    empty list goes back to the college's score. Applicants left off a ranking are not taken by the place."""
    _require(actor, policy.can_rank_applicants(actor, place), gettext("You may not rank this place's applicants."))
    place = _locked_place(place)
    active = active_round_of(place)
    if active is not None and active.status != RoundStatus.OPEN:
        raise ValidationError(gettext("The round “%(round)s” is locked; the ranking cannot change.")
                              % {"round": active.name})
    student_ids = [int(s) for s in student_ids]
    twice = sorted({s for s in student_ids if student_ids.count(s) > 1})
    if twice:
        raise ValidationError(gettext("Each applicant is ranked once; ranked more than once: %(ids)s.")
                              % {"ids": ", ".join(map(str, twice))})
    applied = set(Preference.objects.filter(place=place, student_id__in=student_ids).values_list("student_id",
                                                                                                    flat=True))
    strangers = [s for s in student_ids if s not in applied]
    if strangers:
        raise ValidationError(gettext("Rank only the place's applicants; these students did not apply: %(ids)s.")
                              % {"ids": ", ".join(map(str, strangers[:20]))})
    PlaceRanking.objects.filter(place=place).delete()
    return PlaceRanking.objects.bulk_create(PlaceRanking(place=place, student_id=s, rank=i)
                                            for i, s in enumerate(student_ids, 1))


# --- preferences -------------------------------------------------------------------------
def locking_round(student: Student) -> MatchingRound | None:
    """A locked or run round (not yet published) that covers the student: no preference changes then."""
    return (MatchingRound.objects.filter(status__in=LOCKING_STATUSES)
            .filter(Q(scope=RoundScope.REGION) | Q(college_id=student.college_id)).order_by("pk").first())


def lock_problem(student: Student) -> str | None:
    locked = locking_round(student)
    if locked is None:
        return None
    return gettext("Preferences are locked by the matching round “%(round)s” until its results are published.") % {
        "round": locked.name}


def place_problems(student: Student, place: TrainingPlace) -> list[str]:
    """Why the student may not rank the place (empty when he or she may)."""
    if place.status != PlaceStatus.APPROVED:
        return [gettext("The place “%(place)s” is not open for applications.") % {"place": place.title}]
    round_ = active_round_of(place)
    problems = []
    if round_ is not None:
        if round_.status != RoundStatus.OPEN:
            problems.append(gettext("Applications for the place closed: its round “%(round)s” is locked.")
                            % {"round": round_.name})
        elif round_.deadline < _now():
            problems.append(gettext("The deadline of the round “%(round)s” passed on %(date)s.") % {
                "round": round_.name, "date": date_format(timezone.localtime(round_.deadline), "SHORT_DATETIME_FORMAT")})
    problems += [p.message for p in eligibility_problems(student, place, round_)]
    return problems


def _student_of(actor, student: Student | None) -> Student:
    if student is not None:
        return student
    record = policy.student_record(actor)
    if record is None:
        raise PermissionDenied(gettext("Your account is not attached to a student record."))
    return record


@transaction.atomic
def set_preferences(actor, place_ids: Iterable[int], student: Student | None = None) -> list[Preference]:
    """Replace the student's ranked list (best first): add, remove and reorder in one validated step. Only the
    places newly added are checked for eligibility; the college's scores of places kept stay."""
    _require(actor, policy.can_keep_preferences(actor), gettext("Only a student keeps a list of preferences."))
    student = _student_of(actor, student)
    student = Student.objects.select_for_update(of=("self",)).select_related("college", "group__programme").get(pk=student.pk)
    problem = lock_problem(student)
    if problem:
        raise ValidationError(problem)
    ids = [int(i) for i in place_ids]
    if len(set(ids)) != len(ids):
        raise ValidationError(gettext("A place is ranked twice."))
    limit = max_preferences()
    if len(ids) > limit:
        raise ValidationError(gettext("Rank at most %(n)s places.") % {"n": limit})
    current = {p.place_id: p for p in Preference.objects.filter(student=student)}
    new = [i for i in ids if i not in current]
    places = {p.pk: p for p in TrainingPlace.objects.filter(pk__in=new).select_related("site", "district")
              .prefetch_related("qualifications")}
    problems = []
    for pk in new:
        place = places.get(pk)
        if place is None:
            problems.append(gettext("No training place %(id)s.") % {"id": pk})
            continue
        problems += place_problems(student, place)
    if problems:
        raise ValidationError(problems)
    Preference.objects.filter(student=student).delete()
    created = Preference.objects.bulk_create(
        Preference(student=student, place_id=pk, rank=rank, score=current[pk].score if pk in current else 0)
        for rank, pk in enumerate(ids, 1))
    audit.bulk_log_created(created, actor=actor)  # bulk_create sends no signals; the deletes were logged
    return created


def current_place_ids(student: Student) -> list[int]:
    return list(Preference.objects.filter(student=student).order_by("rank").values_list("place_id", flat=True))


def add_preference(actor, place: TrainingPlace, student: Student | None = None) -> list[Preference]:
    student = _student_of(actor, student)
    ids = current_place_ids(student)
    if place.pk in ids:
        raise ValidationError(gettext("The place is already on your list."))
    return set_preferences(actor, [*ids, place.pk], student)


def remove_preference(actor, place: TrainingPlace, student: Student | None = None) -> list[Preference]:
    student = _student_of(actor, student)
    ids = current_place_ids(student)
    return set_preferences(actor, [i for i in ids if i != place.pk], student)


def move_preference(actor, place: TrainingPlace, up: bool, student: Student | None = None) -> list[Preference]:
    student = _student_of(actor, student)
    ids = current_place_ids(student)
    if place.pk not in ids:
        raise ValidationError(gettext("The place is not on your list."))
    i = ids.index(place.pk)
    j = i - 1 if up else i + 1
    if 0 <= j < len(ids):
        ids[i], ids[j] = ids[j], ids[i]
    return set_preferences(actor, ids, student)


@transaction.atomic
def set_score(actor, preference: Preference, score) -> Preference:
    _require(actor, policy.can_score(actor, preference.student), gettext("You may not score this application."))
    preference = Preference.objects.select_for_update(of=("self",)).select_related("student").get(pk=preference.pk)
    problem = lock_problem(preference.student)
    if problem:
        raise ValidationError(problem)
    preference.score = score
    preference.full_clean(exclude=["student", "place", "rank"])
    preference.save(update_fields=["score"])
    return preference


# --- matching rounds ---------------------------------------------------------------------
def remaining_capacities(places: Iterable[TrainingPlace], exclude_round: MatchingRound | None = None) -> dict[int, int]:
    """Each place's capacity less the students placed there by rounds already published."""
    places = list(places)
    taken = Placement.objects.filter(round__status=RoundStatus.PUBLISHED, place__in=places)
    if exclude_round is not None:
        taken = taken.exclude(round=exclude_round)
    counts = dict(taken.values_list("place_id").annotate(n=Count("pk")).order_by())
    return {p.pk: max(0, p.capacity - counts.get(p.pk, 0)) for p in places}


def create_round(actor, *, name: str, deadline: dt.datetime, scope: str = RoundScope.COLLEGE,
                 college: College | None = None, places: Iterable[TrainingPlace] | None = None,
                 previous_round: MatchingRound | None = None, seed: int | None = None) -> MatchingRound:
    """A new open round over approved places, none of them in another round not yet published. A second round
    (``previous_round``) takes the previous round's scope, the students it left unmatched and, unless places
    are given, the previous round's places with seats left."""
    if previous_round is not None:
        previous_round = MatchingRound.objects.select_related("college").get(pk=previous_round.pk)  # fresh status
        scope, college = previous_round.scope, previous_round.college
    if actor is not None and policy.own_college_only(actor):
        if scope != RoundScope.COLLEGE:
            raise PermissionDenied(gettext("Only the region admin runs rounds for the whole region."))
        college = College.objects.filter(pk=actor.organisation_id).first()
    _require(actor, policy.can_create_round(actor, scope, college.pk if college else None),
             gettext("You may not create matching rounds."))
    errors: dict[str, list] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [gettext("Give the round a name.")]
    if scope == RoundScope.REGION:
        college = None
    elif college is None:
        errors["college"] = [gettext("Choose the college of the round.")]
    if previous_round is not None and previous_round.status != RoundStatus.PUBLISHED:
        errors["previous_round"] = [gettext("A second round follows a published round.")]
    if deadline is None:
        errors["deadline"] = [gettext("Give the deadline for preferences.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if places is None:
            if previous_round is not None:
                places = [p for p in previous_round.places.all()]
                left = remaining_capacities(places)
                places = [p for p in places if left[p.pk] > 0 and p.status == PlaceStatus.APPROVED]
            else:
                places = []
        ids = sorted({p.pk for p in places})
        locked = list(TrainingPlace.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        problems = [gettext("The place “%(place)s” is not approved.") % {"place": p.title}
                    for p in locked if p.status != PlaceStatus.APPROVED]
        busy = (MatchingRound.places.through.objects.filter(trainingplace_id__in=ids)
                .filter(matchinground__status__in=ACTIVE_ROUND_STATUSES)
                .select_related("trainingplace", "matchinground"))
        problems += [gettext("The place “%(place)s” is already in the round “%(round)s”.")
                     % {"place": b.trainingplace.title, "round": b.matchinground.name} for b in busy]
        if problems:
            raise ValidationError({"places": problems})
        round_ = MatchingRound.objects.create(
            name=name, scope=scope, college=college, deadline=deadline, previous_round=previous_round,
            seed=seed if seed is not None else secrets.randbelow(2**31), created_by=actor)
        round_.places.set(locked)
    return round_


def _open_round(actor, round_: MatchingRound) -> MatchingRound:
    _require(actor, policy.can_manage_round(actor, round_), gettext("You may not manage this matching round."))
    round_ = _locked_round(round_)
    if round_.status != RoundStatus.OPEN:
        raise ValidationError(gettext("The round “%(round)s” is %(status)s: its places can change only while it "
                                      "is open.") % {"round": round_.name, "status": round_.get_status_display()})
    return round_


@transaction.atomic
def add_round_places(actor, round_: MatchingRound, places: Iterable[TrainingPlace]) -> MatchingRound:
    """Add approved places to an open round; a place in another round not yet published is refused."""
    round_ = _open_round(actor, round_)
    ids = sorted({p.pk for p in places})
    if not ids:
        raise ValidationError({"places": [gettext("Choose at least one training place.")]})
    locked = list(TrainingPlace.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    problems = [gettext("The place “%(place)s” is not approved.") % {"place": p.title}
                for p in locked if p.status != PlaceStatus.APPROVED]
    busy = (MatchingRound.places.through.objects.filter(trainingplace_id__in=ids)
            .filter(matchinground__status__in=ACTIVE_ROUND_STATUSES).select_related("trainingplace", "matchinground")
            .order_by("trainingplace_id"))
    for b in busy:
        if b.matchinground_id == round_.pk:
            problems.append(gettext("The place “%(place)s” is already in this round.") % {"place": b.trainingplace.title})
        else:
            problems.append(gettext("The place “%(place)s” is already in the round “%(round)s”.")
                            % {"place": b.trainingplace.title, "round": b.matchinground.name})
    if problems:
        raise ValidationError({"places": problems})
    round_.places.add(*locked)
    return round_


@transaction.atomic
def remove_round_place(actor, round_: MatchingRound, place: TrainingPlace) -> MatchingRound:
    """Take a place out of an open round (its applicants keep it on their lists)."""
    round_ = _open_round(actor, round_)
    if not round_.places.filter(pk=place.pk).exists():
        raise ValidationError({"places": [gettext("The place “%(place)s” is not in this round.")
                                          % {"place": place.title}]})
    round_.places.remove(place)
    return round_


def create_second_round(actor, previous: MatchingRound, *, name: str | None = None,
                        deadline: dt.datetime | None = None) -> MatchingRound:
    _require(actor, policy.can_manage_round(actor, previous), gettext("You may not manage this matching round."))
    return create_round(actor, name=name or gettext("%(round)s — second round") % {"round": previous.name},
                        deadline=deadline or _now() + dt.timedelta(days=7), previous_round=previous)


def _locked_round(round_: MatchingRound) -> MatchingRound:
    return MatchingRound.objects.select_for_update().get(pk=round_.pk)


@transaction.atomic
def lock_round(actor, round_: MatchingRound) -> MatchingRound:
    """No more preference changes by the round's students."""
    _require(actor, policy.can_manage_round(actor, round_), gettext("You may not manage this matching round."))
    round_ = _locked_round(round_)
    if round_.status != RoundStatus.OPEN:
        raise ValidationError(gettext("Only an open round is locked."))
    round_.status = RoundStatus.LOCKED
    round_.locked_at = _now()
    round_.save(update_fields=["status", "locked_at"])
    return round_


def round_students(round_: MatchingRound):
    """The students a round considers: studying, in its scope, not yet placed by a published round and, in a
    second round, left unmatched by the first."""
    qs = Student.objects.filter(status=StudentStatus.STUDYING)
    if round_.scope == RoundScope.COLLEGE:
        qs = qs.filter(college_id=round_.college_id)
    placed = Placement.objects.filter(round__status=RoundStatus.PUBLISHED, place__isnull=False).exclude(round=round_)
    qs = qs.exclude(pk__in=placed.values("student_id"))
    if round_.previous_round_id:
        qs = qs.filter(pk__in=Placement.objects.filter(round_id=round_.previous_round_id, place__isnull=True)
                       .values("student_id"))
    return qs


def build_instance(round_: MatchingRound) -> tuple[dict, dict, dict, dict]:
    """The input of :func:`matching.match` for a round: student_prefs (eligible places in the student's order),
    place_prefs (the enterprise's ranking, else by the college's score with the round's seeded lottery),
    capacities (seats left); and each (student, place) pair's rank on the student's list."""
    places = {p.pk: p for p in round_.places.select_related("site", "district").prefetch_related("qualifications")}
    capacities = {str(pk): n for pk, n in remaining_capacities(places.values(), exclude_round=round_).items()}
    prefs = (Preference.objects.filter(place_id__in=list(places), student__in=round_students(round_))
             .select_related("student__college", "student__group__programme").order_by("student_id", "rank"))
    student_prefs: dict[str, list[str]] = {}
    ranks: dict[tuple[str, str], int] = {}
    scores: dict[str, dict[str, float]] = {str(pk): {} for pk in places}
    for pref in prefs:
        sid, pid = str(pref.student_id), str(pref.place_id)
        plist = student_prefs.setdefault(sid, [])
        if eligibility_problems(pref.student, places[pref.place_id], round_):
            continue
        plist.append(pid)
        ranks[(sid, pid)] = pref.rank
        scores[pid][sid] = float(pref.score)
    rankings: dict[str, list[str]] = {}
    for r in PlaceRanking.objects.filter(place_id__in=list(places)).order_by("place_id", "rank"):
        rankings.setdefault(str(r.place_id), []).append(str(r.student_id))
    place_prefs: dict[str, list[str]] = {}
    for pid, applicants in scores.items():
        if pid in rankings:
            place_prefs[pid] = [s for s in rankings[pid] if s in applicants]
        else:
            place_prefs[pid] = matching.rank_by_score(applicants, round_.seed)
    return student_prefs, place_prefs, capacities, ranks


class UnstableMatching(RuntimeError):
    pass


RUN_STEPS = 4  # build the instance, match, check stability, store


def run_round(actor, round_: MatchingRound, progress=None) -> dict:
    """Run the round (locked, or run before: the placements are replaced): student-proposing deferred
    acceptance, checked for blocking pairs, stored with the rank obtained or the reason for none. Same seed and
    data, same result. Returns the statistics. ``progress(done, total)`` hears of each of the RUN_STEPS."""
    _require(actor, policy.can_manage_round(actor, round_), gettext("You may not manage this matching round."))
    step = progress or (lambda done, total: None)
    with transaction.atomic():
        round_ = _locked_round(round_)
        if round_.status not in LOCKING_STATUSES:
            raise ValidationError(gettext("Lock the round before running it; a published round does not run again."))
        student_prefs, place_prefs, capacities, ranks = build_instance(round_)
        step(1, RUN_STEPS)
        result = matching.match(student_prefs, place_prefs, capacities)
        step(2, RUN_STEPS)
        pairs = matching.blocking_pairs(student_prefs, place_prefs, capacities, result)
        if pairs:
            raise UnstableMatching(f"round {round_.pk}: {len(pairs)} blocking pairs, e.g. {pairs[:3]}")
        step(3, RUN_STEPS)
        reasons = matching.unmatched_reasons(student_prefs, place_prefs, capacities, result)
        Placement.objects.filter(round=round_).delete()
        Placement.objects.bulk_create(
            (Placement(round=round_, student_id=int(sid), place_id=int(pid) if pid else None,
                       rank_obtained=ranks[(sid, pid)] if pid else None,
                       reason="" if pid else reasons.get(sid, UnmatchedReason.NO_PREFERENCES))
             for sid, pid in result.items()), batch_size=2000)
        round_.status = RoundStatus.RUN
        round_.run_at = _now()
        round_.save(update_fields=["status", "run_at"])
    step(RUN_STEPS, RUN_STEPS)
    stats = selectors.statistics(round_)
    log.info("matching round %s run: %s of %s students matched", round_.pk, stats["matched"], stats["students"])
    return stats


# --- running a round in the background ----------------------------------------------------
RUN_ROUND_JOB = selectors.RUN_ROUND_JOB
STALE_AFTER = dt.timedelta(hours=1)  # a job queued or running longer than this is taken for dead


def start_run_round(actor, round_: MatchingRound, *, enqueue: bool = True) -> Job:
    """Check what can be checked now (the policy, the round's status, no run already under way), then queue
    the run on the worker as a job whose status, progress and result the round's page and the API show."""
    _require(actor, policy.can_manage_round(actor, round_), gettext("You may not manage this matching round."))
    with transaction.atomic():
        round_ = _locked_round(round_)
        if round_.status not in LOCKING_STATUSES:
            raise ValidationError(gettext("Lock the round before running it; a published round does not run again."))
        running = selectors.unfinished_run_job(round_, since=_now() - STALE_AFTER)
        if running is not None:
            raise ValidationError(gettext("The round is already running (job %(job)s); wait for its result.")
                                  % {"job": running.pk})
        job = Job.objects.create(kind=RUN_ROUND_JOB, created_by=actor, original_name=round_.name[:255],
                                 params={"round": round_.pk}, total=RUN_STEPS)
        if enqueue:
            from ..tasks import run_round as task

            transaction.on_commit(lambda: task.delay(round_.pk, actor.pk if actor is not None else None, job.pk))
    return job


def _job_progress(job: Job):
    def write(done: int, total: int) -> None:
        Job.objects.filter(pk=job.pk).update(progress=done, total=total)

    return write


def execute_run_round(job_id: int) -> Job:
    """Run a queued round job (the worker's side of :func:`start_run_round`): the job records the statistics,
    or why the round did not run."""
    job = Job.objects.select_related("created_by").get(pk=job_id)
    if job.is_finished:
        return job
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=_now())
    actor = job.created_by
    language = (actor.language if actor is not None else "") or settings.LANGUAGE_CODE
    status, message, result = JobStatus.FAILED, "", {}
    with translation.override(language):
        try:
            round_ = MatchingRound.objects.filter(pk=job.params.get("round")).first()
            if round_ is None:
                raise ValidationError(gettext("The matching round no longer exists."))
            result = run_round(actor, round_, progress=_job_progress(job))
            status = JobStatus.SUCCEEDED
            message = gettext("The round has run: %(matched)s of %(students)s students matched.") % result
        except (ValidationError, PermissionDenied) as exc:
            message = " ".join(getattr(exc, "messages", None) or [str(exc)])
        except Exception as exc:  # the job records the failure instead of vanishing
            log.exception("job %s: matching round %s did not run", job.pk, job.params.get("round"))
            message = gettext("The job failed: %(error)s") % {"error": exc}
    job.refresh_from_db()
    job.status, job.message, job.result, job.finished_at = status, message, result, _now()
    if status == JobStatus.SUCCEEDED:
        job.progress = job.total = RUN_STEPS
    job.save()
    return job


def _message(placement: Placement, round_: MatchingRound) -> str:
    if placement.place_id:
        return gettext("Matching round “%(round)s”: you got the place “%(place)s” at %(enterprise)s (your choice "
                       "№ %(rank)s).") % {"round": round_.name, "place": placement.place.title,
                                          "enterprise": placement.place.enterprise.name,
                                          "rank": placement.rank_obtained}
    return gettext("Matching round “%(round)s”: no place this time (%(reason)s). A second round may follow.") % {
        "round": round_.name, "reason": UnmatchedReason(placement.reason).label if placement.reason else "—"}


def publish_round(actor, round_: MatchingRound) -> int:
    """Publish a run round: its students are told in the app and by e-mail. Returns the number notified."""
    _require(actor, policy.can_manage_round(actor, round_), gettext("You may not manage this matching round."))
    with transaction.atomic():
        round_ = _locked_round(round_)
        if round_.status != RoundStatus.RUN:
            raise ValidationError(gettext("Only a round that has run is published."))
        round_.status = RoundStatus.PUBLISHED
        round_.published_at = _now()
        round_.save(update_fields=["status", "published_at"])
        placements = list(Placement.objects.filter(round=round_, student__user__isnull=False)
                          .select_related("student__user", "place__enterprise"))
        url = reverse("my-preferences")
        notes = [Notification(user=p.student.user, text=_message(p, round_)[:500], url=url) for p in placements]
        Notification.objects.bulk_create(notes, batch_size=2000)
    subject = gettext("Results of the matching round “%(round)s”") % {"round": round_.name}
    base = getattr(settings, "KASIP_BASE_URL", "")
    mails = [EmailMessage(subject, f"{n.text}\n\n{base}{url}", to=[n.user.email]) for n in notes if n.user.email]
    if mails:
        try:
            get_connection().send_messages(mails)
        except Exception:  # the in-app notification is the record; a mail server down must not undo a round
            log.exception("matching round %s: the e-mails were not sent", round_.pk)
    return len(notes)


@transaction.atomic
def mark_notifications_read(user) -> int:
    return Notification.objects.filter(user=user, read=False).update(read=True)


def own_college(actor) -> College | None:
    return College.objects.filter(pk=actor.organisation_id).first() if actor is not None else None
