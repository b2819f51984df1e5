"""API of individual placement: training places, preferences, matching rounds and their placements; the
same policy and services as the pages.

No `from __future__ import annotations`: ninja reads the schemas from the annotations.
"""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext
from ninja import P, PathEx, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field, field_validator

from kasip.api.crud import add_crud
from kasip.api.pagination import Pagination
from kasip.api.schemas import ERRORS, InputSchema
from kasip.registry.models import College, EnterpriseSite, Qualification, Student

from .. import policy, selectors, services
from ..entities import PLACES
from ..models import (
    MAX_CAPACITY,
    MAX_DESCRIPTION,
    MAX_PAYMENT,
    MatchingRound,
    Preference,
    TrainingPlace,
)

router = Router(tags=["dual"])

MAX_ID = 2**63 - 1
# An id is a positive 64-bit integer; anything else is refused with a 422 (see registry/api.py).
RoundId = PathEx[int, P(ge=1, le=MAX_ID)]
PreferenceId = PathEx[int, P(ge=1, le=MAX_ID)]
PlaceId = PathEx[int, P(ge=1, le=MAX_ID)]
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def _within(day: dt.date | None) -> dt.date | None:
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(gettext("Give a date from 2000 to 2100."))
    return day


# --- training places ---------------------------------------------------------------------
class Ref(Schema):
    id: int
    name: str


class SiteRef(Schema):
    id: int
    name: str
    hazardous: bool


class PlaceOut(Schema):
    id: int
    title: str
    description: str
    enterprise: Ref
    site: SiteRef
    district_kato: str
    district_only: bool
    qualification_codes: list[str]
    language: str
    capacity: int
    starts_on: dt.date
    ends_on: dt.date
    monthly_payment: str = Field(description="tenge a month, as a decimal string")
    payment_reason: str
    mentors: str
    adults_only: bool
    status: str

    @staticmethod
    def resolve_enterprise(obj) -> dict:
        return {"id": obj.enterprise_id, "name": obj.enterprise.name}

    @staticmethod
    def resolve_district_kato(obj) -> str:
        return obj.district.kato

    @staticmethod
    def resolve_qualification_codes(obj) -> list[str]:
        return [q.code for q in obj.qualifications.all()]

    @staticmethod
    def resolve_monthly_payment(obj) -> str:
        return f"{Decimal(obj.monthly_payment):.2f}"


class PlaceFilters(Schema):
    q: str = Field("", max_length=200)
    qualification: str = Field("", max_length=20, description="qualification id or code")
    district: str = Field("", max_length=9, description="КАТО code")
    language: str = Field("", max_length=3, description="kk or ru (places open to both languages match either)")
    status: str = Field("", max_length=10)
    paid: str = Field("", max_length=1, description="1: pays the student; 0: does not")
    starts: str = Field("", max_length=10, description="starting on or after this date (YYYY-MM-DD)")
    enterprise: str = Field("", max_length=19, description="enterprise id")


Language = Literal["kk", "ru", "any"]
Money = Decimal


class PlaceIn(InputSchema):
    site_id: int = Field(ge=1, le=MAX_ID, description="the enterprise site (an enterprise's HR: one of its own)")
    title: str = Field(min_length=1, max_length=300)
    description: str = Field("", max_length=MAX_DESCRIPTION)
    qualification_codes: list[str] = Field(min_length=1, max_length=50)
    language: Language = "any"
    district_only: bool = False
    capacity: int = Field(ge=1, le=MAX_CAPACITY)
    starts_on: dt.date
    ends_on: dt.date
    monthly_payment: Money = Field(ge=0, le=MAX_PAYMENT, max_digits=12, decimal_places=2)
    payment_reason: str = Field("", max_length=300, description="required when the monthly payment is 0")
    mentors: str = Field("", max_length=500)

    @field_validator("starts_on", "ends_on")
    @classmethod
    def _dates(cls, value):
        return _within(value)


class PlacePatch(InputSchema):
    site_id: int | None = Field(None, ge=1, le=MAX_ID)
    title: str | None = Field(None, min_length=1, max_length=300)
    description: str | None = Field(None, max_length=MAX_DESCRIPTION)
    qualification_codes: list[str] | None = Field(None, min_length=1, max_length=50)
    language: Language | None = None
    district_only: bool | None = None
    capacity: int | None = Field(None, ge=1, le=MAX_CAPACITY)
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    monthly_payment: Money | None = Field(None, ge=0, le=MAX_PAYMENT, max_digits=12, decimal_places=2)
    payment_reason: str | None = Field(None, max_length=300)
    mentors: str | None = Field(None, max_length=500)

    @field_validator("starts_on", "ends_on")
    @classmethod
    def _dates(cls, value):
        return _within(value)


def place_fields(data: dict, actor, obj) -> dict:
    """Ids and codes in the request become the objects they name; an unknown one is a 422 on its field."""
    data = {k: v for k, v in data.items() if v is not None}
    errors = {}
    if "site_id" in data:
        site_id = data.pop("site_id")
        data["site"] = EnterpriseSite.objects.filter(pk=site_id).first()
        if data["site"] is None:
            errors["site_id"] = gettext("No enterprise site %(id)s.") % {"id": site_id}
    if "qualification_codes" in data:
        codes = [c.strip().upper() for c in data.pop("qualification_codes")]
        found = {q.code: q for q in Qualification.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            errors["qualification_codes"] = gettext("Unknown qualification codes: %(codes)s.") % {
                "codes": ", ".join(unknown)}
        data["qualifications"] = list(found.values())
    if errors:
        raise ValidationError(errors)
    return data


def _renamed(exc: ValidationError) -> ValidationError:
    if not hasattr(exc, "error_dict"):
        return exc
    names = {"site": "site_id", "qualifications": "qualification_codes", "college": "college_id",
             "places": "place_ids", "previous_round": "previous_round_id"}
    return ValidationError({names.get(k, k): v for k, v in exc.error_dict.items()})


class _RenamingPlaces:
    """The places entity with the request's field names in its errors."""

    def __getattr__(self, name):
        return getattr(PLACES, name)

    @staticmethod
    def create(actor, **fields):
        try:
            return PLACES.create(actor, **fields)
        except ValidationError as exc:
            raise _renamed(exc) from exc

    @staticmethod
    def update(actor, obj, **fields):
        try:
            return PLACES.update(actor, obj, **fields)
        except ValidationError as exc:
            raise _renamed(exc) from exc


add_crud(router, _RenamingPlaces(), PlaceOut, filters=PlaceFilters, create_in=PlaceIn, patch_in=PlacePatch,
         to_fields=place_fields)


def _place_action(place_id: int, request, allowed, action):
    place = get_object_or_404(TrainingPlace, pk=place_id)
    if not allowed(request.auth, place):
        raise PermissionDenied(gettext("You may not do this."))
    action(request.auth, place)
    return get_object_or_404(selectors.places_with_relations(), pk=place_id)


@router.post("/places/{item_id}/publish", response={200: PlaceOut, **ERRORS}, summary="Publish a place")
def publish_place(request, item_id: PlaceId):
    return _place_action(item_id, request, policy.can_publish_place, services.publish_place)


@router.post("/places/{item_id}/approve", response={200: PlaceOut, **ERRORS}, summary="Approve a place")
def approve_place(request, item_id: PlaceId):
    return _place_action(item_id, request, policy.can_approve_place, services.approve_place)


@router.post("/places/{item_id}/withdraw", response={200: PlaceOut, **ERRORS}, summary="Withdraw a place")
def withdraw_place(request, item_id: PlaceId):
    return _place_action(item_id, request, policy.can_withdraw_place, services.withdraw_place)


class ApplicantOut(Schema):
    student_id: int
    student_name: str
    college_id: int
    preference_rank: int = Field(description="the student's rank of the place")
    score: str = Field(description="the college's score, as a decimal string")
    enterprise_rank: int | None = Field(description="the enterprise's own rank; none: not ranked")

    @staticmethod
    def resolve_student_name(obj) -> str:
        return obj.student.full_name

    @staticmethod
    def resolve_college_id(obj) -> int:
        return obj.student.college_id

    @staticmethod
    def resolve_preference_rank(obj) -> int:
        return obj.rank

    @staticmethod
    def resolve_score(obj) -> str:
        return f"{Decimal(obj.score):.2f}"


class RankingOut(Schema):
    place_id: int
    uses_college_score: bool = Field(description="true: no ranking of the enterprise's own, the college's "
                                                 "score orders the applicants")
    student_ids: list[int] = Field(description="the enterprise's ranking, best first; applicants left off are "
                                               "not taken by the place")
    applicants: list[ApplicantOut]


class RankingIn(InputSchema):
    student_ids: list[int] = Field(max_length=10_000, description="the place's applicants, best first; an empty "
                                                                  "list goes back to the college's score")

    @field_validator("student_ids")
    @classmethod
    def _ids(cls, value):
        if any(not 1 <= v <= MAX_ID for v in value):
            raise ValueError(gettext("A student id is a positive integer."))
        return value


def _ranking(request, place: TrainingPlace) -> dict:
    applicants = selectors.ranked_applicants(request.auth, place)
    ranked = [a.student_id for a in applicants if a.enterprise_rank is not None]
    return {"place_id": place.pk, "uses_college_score": not ranked, "student_ids": ranked, "applicants": applicants}


@router.get("/places/{item_id}/ranking", response={200: RankingOut, **ERRORS},
            summary="The place's applicants with the enterprise's own ranking")
def get_ranking(request, item_id: PlaceId):
    place = get_object_or_404(TrainingPlace, pk=item_id)
    if not policy.can_rank_applicants(request.auth, place):
        raise PermissionDenied(gettext("You may not rank this place's applicants."))
    return _ranking(request, place)


@router.put("/places/{item_id}/ranking", response={200: RankingOut, **ERRORS},
            summary="Replace the enterprise's ranking of the place's applicants (an empty list: the college's "
                    "score)")
def put_ranking(request, item_id: PlaceId, payload: RankingIn):
    place = get_object_or_404(TrainingPlace, pk=item_id)
    if not policy.can_rank_applicants(request.auth, place):
        raise PermissionDenied(gettext("You may not rank this place's applicants."))
    try:
        services.rank_applicants(request.auth, place, payload.student_ids)
    except ValidationError as exc:
        raise ValidationError({"student_ids": exc.messages}) from exc
    return _ranking(request, place)


# --- preferences -------------------------------------------------------------------------
class PreferenceOut(Schema):
    id: int
    student_id: int
    place_id: int
    place_title: str
    rank: int
    score: str = Field(description="the college's score, as a decimal string")

    @staticmethod
    def resolve_place_title(obj) -> str:
        return obj.place.title

    @staticmethod
    def resolve_score(obj) -> str:
        return f"{Decimal(obj.score):.2f}"


class PreferencesIn(InputSchema):
    place_ids: list[int] = Field(max_length=50, description="the student's complete ranked list, best first")

    @field_validator("place_ids")
    @classmethod
    def _ids(cls, value: list[int]) -> list[int]:
        if any(not 1 <= v <= MAX_ID for v in value):
            raise ValueError(gettext("A place id is a positive integer."))
        return value


class ScoreIn(InputSchema):
    score: Decimal = Field(ge=0, le=10_000, max_digits=7, decimal_places=2)


class PreferenceFilters(Schema):
    student: int | None = Field(None, ge=1, le=MAX_ID, description="staff: one student's list")


@router.get("/preferences", response={200: list[PreferenceOut], **ERRORS},
            summary="A student's own ranked list; the staff's students' lists")
@paginate(Pagination)
def list_preferences(request, filters: Query[PreferenceFilters]):
    user = request.auth
    qs = Preference.objects.select_related("place", "student").order_by("student_id", "rank")
    if policy.is_student(user):
        record = policy.student_record(user)
        if record is None or (filters.student is not None and filters.student != record.pk):
            raise PermissionDenied(gettext("You may see only your own preferences."))
        return qs.filter(student=record)
    if filters.student is not None:
        student = get_object_or_404(Student, pk=filters.student)
        if not policy.can_view_preferences_of(user, student):
            raise PermissionDenied(gettext("You may not see this student's preferences."))
        return qs.filter(student=student)
    if policy.is_region_admin(user):
        return qs
    if policy.is_college_staff(user):
        return qs.filter(student__college_id=user.organisation_id)
    raise PermissionDenied(gettext("You may not see preferences."))


@router.post("/preferences", response={200: list[PreferenceOut], **ERRORS},
             summary="Replace the student's own ranked list (add, remove, reorder)")
def set_preferences(request, payload: PreferencesIn):
    if not policy.can_keep_preferences(request.auth):
        raise PermissionDenied(gettext("Only a student keeps a list of preferences."))
    services.set_preferences(request.auth, payload.place_ids)
    record = policy.student_record(request.auth)
    return list(selectors.preferences_of(record))


@router.patch("/preferences/{preference_id}", response={200: PreferenceOut, **ERRORS},
              summary="Set the college's score of an application")
def score_preference(request, preference_id: PreferenceId, payload: ScoreIn):
    preference = get_object_or_404(Preference.objects.select_related("student", "place"), pk=preference_id)
    if not policy.can_score(request.auth, preference.student):
        raise PermissionDenied(gettext("You may not score this application."))
    services.set_score(request.auth, preference, payload.score)
    preference.refresh_from_db()
    return preference


# --- matching rounds ---------------------------------------------------------------------
class RoundOut(Schema):
    id: int
    name: str
    scope: str
    college_id: int | None
    deadline: dt.datetime
    status: str
    seed: int
    place_ids: list[int]
    previous_round_id: int | None
    run_at: dt.datetime | None
    published_at: dt.datetime | None

    @staticmethod
    def resolve_place_ids(obj) -> list[int]:
        return sorted(p.pk for p in obj.places.all())


class RankCount(Schema):
    rank: int
    students: int


class ReasonCount(Schema):
    reason: str
    label: str
    students: int


class StatisticsOut(Schema):
    students: int
    matched: int
    unmatched: int
    share_matched: float
    by_rank: list[RankCount]
    unmatched_by_reason: list[ReasonCount]
    places: int
    seats: int
    ran: bool


class RoundDetailOut(RoundOut):
    statistics: StatisticsOut

    @staticmethod
    def resolve_statistics(obj) -> dict:
        return selectors.statistics(obj)


class RoundIn(InputSchema):
    name: str = Field(min_length=1, max_length=200)
    scope: Literal["region", "college"] = "college"
    college_id: int | None = Field(None, ge=1, le=MAX_ID, description="the region admin: the college of the round")
    deadline: dt.datetime
    place_ids: list[int] | None = Field(None, max_length=10_000,
                                        description="approved places; a second round defaults to the "
                                                    "previous round's places with seats left")
    previous_round_id: int | None = Field(None, ge=1, le=MAX_ID, description="a second round after this one")
    seed: int | None = Field(None, ge=0, le=2**62, description="the lottery seed; random when left out")

    @field_validator("deadline")
    @classmethod
    def _deadline(cls, value: dt.datetime) -> dt.datetime:
        _within(value.date())
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value

    @field_validator("place_ids")
    @classmethod
    def _ids(cls, value):
        if value is not None and any(not 1 <= v <= MAX_ID for v in value):
            raise ValueError(gettext("A place id is a positive integer."))
        return value


class PlacementOut(Schema):
    id: int
    student_id: int
    student_name: str
    college_id: int
    place_id: int | None
    rank_obtained: int | None
    reason: str

    @staticmethod
    def resolve_student_name(obj) -> str:
        return obj.student.full_name

    @staticmethod
    def resolve_college_id(obj) -> int:
        return obj.student.college_id


def _round(round_id: int, request, check) -> MatchingRound:
    round_ = get_object_or_404(MatchingRound.objects.select_related("college"), pk=round_id)
    if not check(request.auth, round_):
        raise PermissionDenied(gettext("You may not do this."))
    return round_


@router.get("/rounds", response={200: list[RoundOut], **ERRORS}, summary="List matching rounds")
@paginate(Pagination)
def list_rounds(request, q: str = Query("", max_length=200), status: str = Query("", max_length=10)):
    if not policy.can_list_rounds(request.auth):
        raise PermissionDenied(gettext("You may not see matching rounds."))
    return selectors.rounds(request.auth, q=q, status=status).prefetch_related("places")


@router.get("/rounds/{round_id}", response={200: RoundDetailOut, **ERRORS},
            summary="One matching round with its statistics")
def get_round(request, round_id: RoundId):
    return _round(round_id, request, policy.can_view_round)


@router.post("/rounds", response={201: RoundDetailOut, **ERRORS}, summary="Create a matching round")
def create_round(request, payload: RoundIn):
    actor = request.auth
    if not (policy.is_region_admin(actor) or policy.is_college_staff(actor)):
        raise PermissionDenied(gettext("You may not create matching rounds."))
    errors = {}
    college = None
    if payload.college_id is not None:
        college = College.objects.filter(pk=payload.college_id).first()
        if college is None:
            errors["college_id"] = gettext("No college %(id)s.") % {"id": payload.college_id}
    previous = None
    if payload.previous_round_id is not None:
        previous = MatchingRound.objects.filter(pk=payload.previous_round_id).first()
        if previous is None:
            errors["previous_round_id"] = gettext("No matching round %(id)s.") % {"id": payload.previous_round_id}
        elif not policy.can_manage_round(actor, previous):
            raise PermissionDenied(gettext("You may not manage this matching round."))
    places = None
    if payload.place_ids is not None:
        places = list(TrainingPlace.objects.filter(pk__in=payload.place_ids))
        missing = sorted(set(payload.place_ids) - {p.pk for p in places})
        if missing:
            errors["place_ids"] = gettext("No training places %(ids)s.") % {"ids": ", ".join(map(str, missing[:20]))}
    if errors:
        raise ValidationError(errors)
    try:
        round_ = services.create_round(actor, name=payload.name, deadline=payload.deadline, scope=payload.scope,
                                       college=college, places=places, previous_round=previous, seed=payload.seed)
    except ValidationError as exc:
        raise _renamed(exc) from exc
    return Status(201, round_)


@router.post("/rounds/{round_id}/lock", response={200: RoundDetailOut, **ERRORS},
             summary="Lock the round's preferences")
def lock_round(request, round_id: RoundId):
    return services.lock_round(request.auth, _round(round_id, request, policy.can_manage_round))


class RoundJobOut(Schema):
    job_id: int
    round_id: int
    status: str = Field(description="queued, running, succeeded or failed")
    progress: int
    total: int
    message: str = Field(description="why the round did not run, or a summary of the result")
    result: dict = Field(description="the round's statistics once run")
    created_at: dt.datetime
    finished_at: dt.datetime | None
    status_url: str = Field(description="where to follow the job")

    @staticmethod
    def resolve_job_id(obj) -> int:
        return obj.pk

    @staticmethod
    def resolve_round_id(obj) -> int:
        return int(obj.params.get("round") or 0)

    @staticmethod
    def resolve_status_url(obj) -> str:
        return f"/api/v1/rounds/{int(obj.params.get('round') or 0)}/job"


@router.post("/rounds/{round_id}/run", response={202: RoundJobOut, **ERRORS},
             summary="Run the round (again, before publishing) on the worker: answers with the job to follow")
def run_round(request, round_id: RoundId):
    round_ = _round(round_id, request, policy.can_manage_round)
    job = services.start_run_round(request.auth, round_)
    job.refresh_from_db()
    return Status(202, job)


@router.get("/rounds/{round_id}/job", response={200: RoundJobOut, **ERRORS},
            summary="The round's latest run on the worker: its status, progress and result")
def round_job(request, round_id: RoundId):
    round_ = _round(round_id, request, policy.can_view_round)
    job = selectors.latest_run_job(round_)
    if job is None:
        raise Http404(gettext("The round has not been run on the worker."))
    return job


class RoundPlacesIn(InputSchema):
    place_ids: list[int] = Field(min_length=1, max_length=10_000, description="approved places in no other round")

    @field_validator("place_ids")
    @classmethod
    def _ids(cls, value):
        if any(not 1 <= v <= MAX_ID for v in value):
            raise ValueError(gettext("A place id is a positive integer."))
        return value


@router.post("/rounds/{round_id}/places", response={200: RoundDetailOut, **ERRORS},
             summary="Add approved places to an open round")
def add_round_places(request, round_id: RoundId, payload: RoundPlacesIn):
    round_ = _round(round_id, request, policy.can_manage_round)
    places = list(TrainingPlace.objects.filter(pk__in=payload.place_ids))
    missing = sorted(set(payload.place_ids) - {p.pk for p in places})
    if missing:
        raise ValidationError({"place_ids": gettext("No training places %(ids)s.")
                               % {"ids": ", ".join(map(str, missing[:20]))}})
    try:
        return services.add_round_places(request.auth, round_, places)
    except ValidationError as exc:
        raise _renamed(exc) from exc


@router.delete("/rounds/{round_id}/places/{place_id}", response={200: RoundDetailOut, **ERRORS},
               summary="Take a place out of an open round")
def remove_round_place(request, round_id: RoundId, place_id: PlaceId):
    round_ = _round(round_id, request, policy.can_manage_round)
    place = get_object_or_404(TrainingPlace, pk=place_id)
    try:
        return services.remove_round_place(request.auth, round_, place)
    except ValidationError as exc:
        raise _renamed(exc) from exc


@router.post("/rounds/{round_id}/publish", response={200: RoundDetailOut, **ERRORS},
             summary="Publish the round's results and notify its students")
def publish_round(request, round_id: RoundId):
    round_ = _round(round_id, request, policy.can_manage_round)
    services.publish_round(request.auth, round_)
    round_.refresh_from_db()
    return round_


@router.get("/rounds/{round_id}/placements", response={200: list[PlacementOut], **ERRORS},
            summary="The round's placements (the staff's own students)")
@paginate(Pagination)
def list_placements(request, round_id: RoundId):
    round_ = _round(round_id, request, policy.can_view_placements)
    return selectors.placements(request.auth, round_)
