"""Reads of training places, preferences and rounds, scoped by the policy; list pages run a fixed number of
queries."""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import Count, Prefetch, Q, QuerySet

from kasip.core.models import Job, JobStatus
from kasip.registry.models import District, Qualification

from .. import policy
from ..models import (
    MatchingRound,
    PlaceLanguage,
    Placement,
    PlaceRanking,
    PlaceStatus,
    Preference,
    RoundStatus,
    TrainingPlace,
    UnmatchedReason,
)

ID = re.compile(r"^[0-9]{1,18}$")


def _text(value) -> str:
    return str(value or "").replace("\x00", "").strip()


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def places_with_relations() -> QuerySet[TrainingPlace]:
    return (TrainingPlace.objects.select_related("enterprise", "site", "district")
            .prefetch_related(Prefetch("qualifications", queryset=Qualification.objects.order_by("code"))))


def places(user, *, q: str = "", qualification: str = "", district: str = "", language: str = "", status: str = "",
           paid: str = "", starts: str = "", enterprise: str = "") -> QuerySet[TrainingPlace]:
    """The places the user may see, searched and filtered: qualification (id or code), district (КАТО),
    language (a place open to both languages matches either), status, paid (1: pays the student), period
    (starting on or after a date), enterprise (id)."""
    qs = policy.places_scope(user, places_with_relations())
    q, qualification, district, language = _text(q), _text(qualification), _text(district), _text(language)
    status, paid, starts, enterprise = _text(status), _text(paid), _text(starts), _text(enterprise)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q) | Q(enterprise__name_ru__icontains=q)
                       | Q(enterprise__name_kk__icontains=q) | Q(enterprise__name_en__icontains=q)
                       | Q(site__name__icontains=q))
    if qualification:
        if ID.match(qualification):
            qs = qs.filter(qualifications__id=int(qualification))
        else:
            qs = qs.filter(qualifications__code=qualification.upper())
    if district:
        qs = qs.filter(district__kato=district)
    if language:
        qs = (qs.filter(language__in=[language, PlaceLanguage.ANY]) if language in PlaceLanguage.values
              else qs.none())
    if status:
        qs = qs.filter(status=status)
    if paid == "1":
        qs = qs.filter(monthly_payment__gt=0)
    elif paid == "0":
        qs = qs.filter(monthly_payment=0)
    if starts:
        day = _date(starts)
        qs = qs.filter(starts_on__gte=day) if day else qs.none()
    if enterprise:
        qs = qs.filter(enterprise_id=int(enterprise)) if ID.match(enterprise) else qs.none()
    if qualification:
        qs = qs.distinct()
    return qs.order_by("starts_on", "title", "pk")


def qualification_choices(user=None) -> list[tuple[str, str]]:
    used = TrainingPlace.qualifications.through.objects.values("qualification_id")
    return [(str(q.pk), f"{q.code} {q.name}") for q in Qualification.objects.filter(pk__in=used).order_by("code")]


def district_choices(user=None) -> list[tuple[str, str]]:
    return [(d.kato, d.name) for d in District.objects.order_by("kind", "name_ru")]


def language_choices(user=None) -> list[tuple[str, str]]:
    return [(PlaceLanguage.KK.value, str(PlaceLanguage.KK.label)), (PlaceLanguage.RU.value, str(PlaceLanguage.RU.label))]


def status_choices(user=None) -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in PlaceStatus.choices]


def applicants(user, place) -> QuerySet[Preference]:
    """A place's applicants the user may see, with their rank of the place and the college's score."""
    qs = (Preference.objects.filter(place=place)
          .select_related("student__college", "student__group"))
    return policy.applicants_scope(user, place, qs).order_by("-score", "rank", "student__last_name", "pk")


def ranking_of(place) -> dict[int, int]:
    """The enterprise's own ranking of the place's applicants: student id -> rank (empty: the college's score
    decides)."""
    return dict(PlaceRanking.objects.filter(place=place).values_list("student_id", "rank"))


def ranked_applicants(user, place) -> list[Preference]:
    """The applicants the user may see, each with ``enterprise_rank`` (None when unranked): the enterprise's
    ranking first, then the rest by the college's score."""
    ranks = ranking_of(place)
    rows = list(applicants(user, place))
    for row in rows:
        row.enterprise_rank = ranks.get(row.student_id)
    return sorted(rows, key=lambda r: (r.enterprise_rank is None, r.enterprise_rank or 0))


def preferences_of(student) -> QuerySet[Preference]:
    return (Preference.objects.filter(student=student)
            .select_related("place__enterprise", "place__site", "place__district").order_by("rank"))


# --- rounds ------------------------------------------------------------------------------
def rounds(user, *, q: str = "", status: str = "") -> QuerySet[MatchingRound]:
    qs = policy.rounds_scope(user, MatchingRound.objects.select_related("college", "previous_round"))
    q, status = _text(q), _text(status)
    if q:
        qs = qs.filter(name__icontains=q)
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(place_count=Count("places", distinct=True)).order_by("-created_at", "-pk")


ACTIVE_ROUND_STATUSES = (RoundStatus.OPEN, RoundStatus.LOCKED, RoundStatus.RUN)


def free_places() -> QuerySet[TrainingPlace]:
    """Approved places in no round not yet published: the ones an open round may take."""
    busy = MatchingRound.places.through.objects.filter(matchinground__status__in=ACTIVE_ROUND_STATUSES)
    return (TrainingPlace.objects.filter(status=PlaceStatus.APPROVED).exclude(pk__in=busy.values("trainingplace_id"))
            .select_related("enterprise").order_by("title", "pk"))


RUN_ROUND_JOB = "dual:run-round"


def run_jobs(round_) -> QuerySet[Job]:
    return Job.objects.filter(kind=RUN_ROUND_JOB, params__round=round_.pk).order_by("-created_at", "-pk")


def latest_run_job(round_) -> Job | None:
    """The round's latest run on the worker, if any."""
    return run_jobs(round_).first()


def unfinished_run_job(round_, since=None) -> Job | None:
    qs = run_jobs(round_).filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    return qs.first()


def placements(user, round_) -> QuerySet[Placement]:
    qs = (Placement.objects.filter(round=round_)
          .select_related("student__college", "student__group", "place__enterprise"))
    return policy.placements_scope(user, qs).order_by("student__last_name", "student__first_name", "pk")


def statistics(round_) -> dict:
    """Aggregates of a round's placements (no names): students, matched and their share, the distribution of
    the rank obtained, the unmatched by reason, seats offered and filled."""
    rows = list(Placement.objects.filter(round=round_).values("rank_obtained", "reason")
                .annotate(n=Count("pk")).order_by())
    total = sum(r["n"] for r in rows)
    matched = sum(r["n"] for r in rows if r["rank_obtained"] is not None)
    by_rank: dict[int, int] = {}
    by_reason: dict[str, int] = {}
    for r in rows:
        if r["rank_obtained"] is not None:
            by_rank[r["rank_obtained"]] = by_rank.get(r["rank_obtained"], 0) + r["n"]
        else:
            by_reason[r["reason"]] = by_reason.get(r["reason"], 0) + r["n"]
    labels = dict(UnmatchedReason.choices)
    seats = sum(p.capacity for p in round_.places.all())
    return {
        "students": total, "matched": matched, "unmatched": total - matched,
        "share_matched": round(matched / total, 4) if total else 0.0,
        "by_rank": [{"rank": k, "students": by_rank[k]} for k in sorted(by_rank)],
        "unmatched_by_reason": [{"reason": k, "label": str(labels.get(k, k)), "students": v}
                                for k, v in sorted(by_reason.items())],
        "places": round_.places.count(), "seats": seats,
        "ran": round_.status in (RoundStatus.RUN, RoundStatus.PUBLISHED),
    }
