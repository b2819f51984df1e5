"""API of mentors, trainees and their logbooks: mentors (enterprise HR), the trainees with their progress and
share, the mentor's assignment, the safety briefing and the medical examination, logbook entries (write,
correct, sign off, return), assessments, the final result and the learning outcomes; the same policy and
services as the pages.

No `from __future__ import annotations`: ninja reads the schemas from the annotations.
"""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import P, PathEx, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field, field_validator

from kasip.api.crud import add_crud
from kasip.api.pagination import Pagination
from kasip.api.schemas import ERRORS, InputSchema
from kasip.core import audit
from kasip.core.models import User
from kasip.registry.models import Enterprise, Qualification

from .. import policy, selectors, services
from ..models import MAX_TEXT, MAX_TRAINEES_PER_MENTOR, LearningOutcome, LogbookEntry, Mentor
from ..views.logbook import MENTORS, OUTCOMES

router = Router(tags=["dual"])

MAX_ID = 2**63 - 1
ContractId = PathEx[int, P(ge=1, le=MAX_ID)]
EntryId = PathEx[int, P(ge=1, le=MAX_ID)]
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def _within(day):
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(gettext("Give a date from 2000 to 2100."))
    return day


def _clock(value):
    """A wall-clock time in minutes: no time zone, no seconds."""
    if value is None:
        return None
    return value.replace(tzinfo=None, second=0, microsecond=0)


def _renamed(exc: ValidationError, names: dict) -> ValidationError:
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError({names.get(k, k): v for k, v in exc.error_dict.items()})


class _Renaming:
    """An entity whose errors carry the request's field names."""

    def __init__(self, entity, names: dict):
        self._entity, self._names = entity, names

    def __getattr__(self, name):
        return getattr(self._entity, name)

    def create(self, actor, **fields):
        try:
            return self._entity.create(actor, **fields)
        except ValidationError as exc:
            raise _renamed(exc, self._names) from exc

    def update(self, actor, obj, **fields):
        try:
            return self._entity.update(actor, obj, **fields)
        except ValidationError as exc:
            raise _renamed(exc, self._names) from exc

    def set_active(self, actor, obj, active):
        return self._entity.set_active(actor, obj, active)


# --- mentors -----------------------------------------------------------------------------
class MentorOut(Schema):
    id: int
    enterprise_id: int
    last_name: str
    first_name: str
    patronymic: str
    position: str
    phone: str
    email: str
    max_trainees: int
    trainees: int = Field(description="open contracts the mentor has now")
    user_id: int | None
    is_active: bool

    @staticmethod
    def resolve_trainees(obj) -> int:
        if hasattr(obj, "open_contracts"):
            return obj.open_contracts
        return obj.contracts.filter(status__in=["draft", "signing", "signed"]).count()


class MentorFilters(Schema):
    q: str = Field("", max_length=200)
    active: str = Field("", max_length=1, description="1: active; 0: inactive")
    enterprise: str = Field("", max_length=19, description="enterprise id (the region admin)")


class MentorIn(InputSchema):
    enterprise_id: int | None = Field(None, ge=1, le=MAX_ID, description="the region admin: the mentor's enterprise")
    last_name: str = Field(min_length=1, max_length=150)
    first_name: str = Field(min_length=1, max_length=150)
    patronymic: str = Field("", max_length=150)
    position: str = Field("", max_length=200)
    phone: str = Field("", max_length=32)
    email: str = Field("", max_length=254)
    max_trainees: int = Field(5, ge=1, le=MAX_TRAINEES_PER_MENTOR)
    user_id: int | None = Field(None, ge=1, le=MAX_ID, description="an existing mentor account of the enterprise")
    create_account: bool = Field(False, description="create a mentor account and e-mail an invitation")


class MentorPatch(InputSchema):
    last_name: str | None = Field(None, min_length=1, max_length=150)
    first_name: str | None = Field(None, min_length=1, max_length=150)
    patronymic: str | None = Field(None, max_length=150)
    position: str | None = Field(None, max_length=200)
    phone: str | None = Field(None, max_length=32)
    email: str | None = Field(None, max_length=254)
    max_trainees: int | None = Field(None, ge=1, le=MAX_TRAINEES_PER_MENTOR)
    user_id: int | None = Field(None, ge=1, le=MAX_ID)
    create_account: bool | None = None
    is_active: bool | None = None


def mentor_fields(data: dict, actor, obj) -> dict:
    data = {k: v for k, v in data.items() if v is not None}
    errors = {}
    if "enterprise_id" in data:
        enterprise_id = data.pop("enterprise_id")
        data["enterprise"] = Enterprise.objects.filter(pk=enterprise_id).first()
        if data["enterprise"] is None:
            errors["enterprise_id"] = gettext("No enterprise %(id)s.") % {"id": enterprise_id}
    if "user_id" in data:
        user_id = data.pop("user_id")
        data["user"] = User.objects.filter(pk=user_id).first()
        if data["user"] is None:
            errors["user_id"] = gettext("No account %(id)s.") % {"id": user_id}
    if errors:
        raise ValidationError(errors)
    return data


add_crud(router, _Renaming(MENTORS, {"enterprise": "enterprise_id", "user": "user_id"}), MentorOut,
         filters=MentorFilters, create_in=MentorIn, patch_in=MentorPatch, to_fields=mentor_fields)


# --- learning outcomes -------------------------------------------------------------------
class OutcomeOut(Schema):
    id: int
    qualification_code: str
    code: str
    name_kk: str
    name_ru: str
    name_en: str
    position: int
    is_active: bool

    @staticmethod
    def resolve_qualification_code(obj) -> str:
        return obj.qualification.code


class OutcomeFilters(Schema):
    q: str = Field("", max_length=200)
    qualification: str = Field("", max_length=20, description="qualification id or code")
    active: str = Field("", max_length=1)


class OutcomeIn(InputSchema):
    qualification_code: str = Field(min_length=1, max_length=20)
    code: str = Field(min_length=1, max_length=20)
    name_kk: str = Field(min_length=1, max_length=500)
    name_ru: str = Field("", max_length=500)
    name_en: str = Field("", max_length=500)
    position: int = Field(0, ge=0, le=32767)
    is_active: bool = True


class OutcomePatch(InputSchema):
    code: str | None = Field(None, min_length=1, max_length=20)
    name_kk: str | None = Field(None, min_length=1, max_length=500)
    name_ru: str | None = Field(None, max_length=500)
    name_en: str | None = Field(None, max_length=500)
    position: int | None = Field(None, ge=0, le=32767)
    is_active: bool | None = None


def outcome_fields(data: dict, actor, obj) -> dict:
    data = {k: v for k, v in data.items() if v is not None}
    if "qualification_code" in data:
        code = data.pop("qualification_code").strip().upper()
        data["qualification"] = Qualification.objects.filter(code=code).first()
        if data["qualification"] is None:
            raise ValidationError({"qualification_code": gettext("No qualification %(code)s.") % {"code": code}})
    return data


add_crud(router, _Renaming(OUTCOMES, {"qualification": "qualification_code"}), OutcomeOut, filters=OutcomeFilters,
         create_in=OutcomeIn, patch_in=OutcomePatch, to_fields=outcome_fields)


# --- trainees ----------------------------------------------------------------------------
class ProgressOut(Schema):
    signed_enterprise_hours: float
    signed_college_hours: float
    pending_hours: float
    planned_enterprise_hours: int = Field(description="the contract's hours at the enterprise")
    planned_practice_hours: int = Field(description="the programme's planned production-training hours")
    progress: float = Field(description="signed-off enterprise hours ÷ the contract's hours at the enterprise")
    share: float | None = Field(description="signed-off enterprise hours ÷ planned production-training hours")
    threshold: int = Field(description="per cent; below it the share is flagged")
    flagged: bool
    expected_hours: float = Field(description="enterprise hours expected by today")
    behind: bool


class FinalOut(Schema):
    date: dt.date
    result: str
    qualification_code: str | None
    grade: int | None
    certificate_number: str
    comment: str

    @staticmethod
    def resolve_qualification_code(obj) -> str | None:
        return obj.qualification.code if obj.qualification_id else None


class TraineeOut(Schema):
    id: int = Field(description="the contract's id")
    number: str
    status: str
    student_id: int
    student_name: str
    group: str | None
    college_id: int
    enterprise_id: int
    mentor_id: int | None
    starts_on: dt.date
    ends_on: dt.date
    safety_briefing_on: dt.date | None
    safety_briefing_by: str
    medical_exam_on: dt.date | None
    medical_exam_ref: str
    progress: ProgressOut

    @staticmethod
    def resolve_student_name(obj) -> str:
        return obj.student.full_name

    @staticmethod
    def resolve_group(obj) -> str | None:
        return obj.student.group.code if obj.student.group_id else None

    @staticmethod
    def resolve_progress(obj) -> dict:
        return selectors.progress_of(obj).as_dict()


class TraineeDetailOut(TraineeOut):
    final_result: FinalOut | None
    outcomes_competent: int
    outcomes_total: int

    @staticmethod
    def resolve_final_result(obj):
        from ..models import FinalResult

        return FinalResult.objects.filter(contract=obj).select_related("qualification").first()

    @staticmethod
    def resolve_outcomes_competent(obj) -> int:
        return selectors.assessment_summary(obj)["competent"]

    @staticmethod
    def resolve_outcomes_total(obj) -> int:
        return selectors.outcomes_of(obj).count()


class TraineeFilters(Schema):
    q: str = Field("", max_length=200)
    group: str = Field("", max_length=19, description="group id")
    enterprise: str = Field("", max_length=19, description="enterprise id")
    flagged: str = Field("", max_length=1, description="1: share at the enterprise below the threshold")
    behind: str = Field("", max_length=1, description="1: behind the hours expected by today")
    status: str = Field("", max_length=12, description="the contract's status")


def _trainee(request, contract_id: int, allowed):
    contract = selectors.trainee(contract_id)
    if contract is None:
        raise Http404
    if not allowed(request.auth, contract):
        raise PermissionDenied(gettext("You may not do this."))
    return contract


def _read(request, contract):
    if not policy.is_own_student(request.auth, contract):
        audit.log_read(request.auth, contract.student)


@router.get("/trainees", response={200: list[TraineeOut], **ERRORS},
            summary="Trainees (contracts) with their progress and share at the enterprise")
@paginate(Pagination)
def list_trainees(request, filters: Query[TraineeFilters]):
    if not policy.can_list_trainees(request.auth):
        raise PermissionDenied(gettext("You may not see trainees."))
    return selectors.trainees(request.auth, **filters.dict())


@router.get("/trainees/{contract_id}", response={200: TraineeDetailOut, **ERRORS},
            summary="One trainee: progress, share, briefing, medical examination, assessments, final result")
def get_trainee(request, contract_id: ContractId):
    contract = _trainee(request, contract_id, policy.can_view_trainee)
    _read(request, contract)
    return contract


class AssignIn(InputSchema):
    mentor_id: int = Field(ge=1, le=MAX_ID)


@router.post("/trainees/{contract_id}/mentor", response={200: TraineeOut, **ERRORS},
             summary="Assign the trainee's mentor")
def assign_mentor(request, contract_id: ContractId, payload: AssignIn):
    contract = _trainee(request, contract_id, policy.can_assign_mentor)
    mentor = Mentor.objects.filter(pk=payload.mentor_id).first()
    if mentor is None:
        raise ValidationError({"mentor_id": gettext("No mentor %(id)s.") % {"id": payload.mentor_id}})
    try:
        services.assign_mentor(request.auth, contract, mentor)
    except ValidationError as exc:
        raise _renamed(exc, {"mentor": "mentor_id"}) from exc
    return selectors.trainee(contract_id)


class BriefingIn(InputSchema):
    date: dt.date
    given_by: str = Field(min_length=1, max_length=200)

    @field_validator("date")
    @classmethod
    def _date(cls, value):
        return _within(value)


class MedicalIn(InputSchema):
    date: dt.date
    certificate: str = Field(min_length=1, max_length=100)

    @field_validator("date")
    @classmethod
    def _date(cls, value):
        return _within(value)


@router.post("/trainees/{contract_id}/briefing", response={200: TraineeOut, **ERRORS},
             summary="Record the safety briefing")
def record_briefing(request, contract_id: ContractId, payload: BriefingIn):
    contract = _trainee(request, contract_id, policy.can_record_briefing)
    services.record_briefing(request.auth, contract, date=payload.date, given_by=payload.given_by)
    return selectors.trainee(contract_id)


@router.post("/trainees/{contract_id}/medical", response={200: TraineeOut, **ERRORS},
             summary="Record the medical examination")
def record_medical(request, contract_id: ContractId, payload: MedicalIn):
    contract = _trainee(request, contract_id, policy.can_record_medical)
    services.record_medical(request.auth, contract, date=payload.date, certificate=payload.certificate)
    return selectors.trainee(contract_id)


# --- the logbook -------------------------------------------------------------------------
class EntryOut(Schema):
    id: int
    contract_id: int
    date: dt.date
    starts_at: str = Field(description="HH:MM")
    ends_at: str = Field(description="HH:MM")
    hours: float
    location: str
    tasks: str
    outcome_codes: list[str]
    status: str
    mentor_comment: str
    created_by_id: int | None
    reviewed_by_id: int | None
    reviewed_at: dt.datetime | None

    @staticmethod
    def resolve_starts_at(obj) -> str:
        return obj.starts_at.strftime("%H:%M")

    @staticmethod
    def resolve_ends_at(obj) -> str:
        return obj.ends_at.strftime("%H:%M")

    @staticmethod
    def resolve_outcome_codes(obj) -> list[str]:
        return [o.code for o in obj.outcomes.all()]


Hours = Decimal


class EntryIn(InputSchema):
    date: dt.date
    starts_at: dt.time
    ends_at: dt.time
    hours: Hours | None = Field(None, gt=0, le=24, max_digits=3, decimal_places=1,
                                description="at most the span from – to; the span when left out")
    location: Literal["enterprise", "college"] = "enterprise"
    tasks: str = Field(min_length=1, max_length=MAX_TEXT)
    outcome_codes: list[str] = Field([], max_length=100,
                                     description="codes of learning outcomes of the trainee's qualification")

    @field_validator("date")
    @classmethod
    def _date(cls, value):
        return _within(value)

    @field_validator("starts_at", "ends_at")
    @classmethod
    def _time(cls, value):
        return _clock(value)

    @field_validator("outcome_codes")
    @classmethod
    def _codes(cls, value):
        if any(len(c) > 20 for c in value):
            raise ValueError(gettext("An outcome code has at most 20 characters."))
        return value


class EntryPatch(InputSchema):
    date: dt.date | None = None
    starts_at: dt.time | None = None
    ends_at: dt.time | None = None
    hours: Hours | None = Field(None, gt=0, le=24, max_digits=3, decimal_places=1)
    location: Literal["enterprise", "college"] | None = None
    tasks: str | None = Field(None, min_length=1, max_length=MAX_TEXT)
    outcome_codes: list[str] | None = Field(None, max_length=100)

    @field_validator("date")
    @classmethod
    def _date(cls, value):
        return _within(value)

    @field_validator("starts_at", "ends_at")
    @classmethod
    def _time(cls, value):
        return _clock(value)

    @field_validator("outcome_codes")
    @classmethod
    def _codes(cls, value):
        if value is not None and any(len(c) > 20 for c in value):
            raise ValueError(gettext("An outcome code has at most 20 characters."))
        return value


class ReturnIn(InputSchema):
    comment: str = Field(min_length=1, max_length=1000)


def _outcomes(contract, codes: list[str] | None):
    if codes is None:
        return None
    wanted = [c.strip().upper() for c in codes]
    found = {o.code: o for o in LearningOutcome.objects.filter(qualification_id=contract.programme.qualification_id,
                                                                code__in=wanted)}
    unknown = [c for c in wanted if c not in found]
    if unknown:
        raise ValidationError({"outcome_codes": gettext("Unknown learning outcomes of the trainee's qualification: "
                                                        "%(codes)s.") % {"codes": ", ".join(unknown[:20])}})
    return list(found.values())


ENTRY_NAMES = {"outcomes": "outcome_codes"}


def _entry(entry_id: int) -> LogbookEntry:
    return get_object_or_404(LogbookEntry.objects.select_related("contract__mentor", "contract__student",
                                                                 "contract__programme"), pk=entry_id)


def _entry_out(entry_id: int) -> LogbookEntry:
    return LogbookEntry.objects.prefetch_related("outcomes").get(pk=entry_id)


@router.get("/trainees/{contract_id}/logbook", response={200: list[EntryOut], **ERRORS},
            summary="The trainee's logbook, newest first")
@paginate(Pagination)
def list_entries(request, contract_id: ContractId):
    contract = _trainee(request, contract_id, policy.can_view_trainee)
    _read(request, contract)
    return selectors.entries(contract)


@router.post("/trainees/{contract_id}/logbook", response={201: EntryOut, **ERRORS},
             summary="Write a logbook entry (the student or the mentor); refused with the reason")
def create_entry(request, contract_id: ContractId, payload: EntryIn):
    contract = _trainee(request, contract_id, policy.can_write_entry)
    data = payload.dict()
    data["outcomes"] = _outcomes(contract, data.pop("outcome_codes"))
    try:
        entry = services.create_entry(request.auth, contract, **data)
    except ValidationError as exc:
        raise _renamed(exc, ENTRY_NAMES) from exc
    return Status(201, _entry_out(entry.pk))


@router.patch("/logbook/{entry_id}", response={200: EntryOut, **ERRORS},
              summary="Correct an entry not yet signed off (a returned entry is resubmitted)")
def update_entry(request, entry_id: EntryId, payload: EntryPatch):
    entry = _entry(entry_id)
    if not policy.can_edit_entry(request.auth, entry):
        raise PermissionDenied(gettext("You may not change this entry."))
    data = payload.dict(exclude_unset=True)
    if "outcome_codes" in data:
        data["outcomes"] = _outcomes(entry.contract, data.pop("outcome_codes"))
    try:
        services.update_entry(request.auth, entry, **data)
    except ValidationError as exc:
        raise _renamed(exc, ENTRY_NAMES) from exc
    return _entry_out(entry_id)


@router.post("/logbook/{entry_id}/sign", response={200: EntryOut, **ERRORS}, summary="Sign an entry off (the mentor)")
def sign_entry(request, entry_id: EntryId):
    entry = _entry(entry_id)
    if not policy.can_review_entry(request.auth, entry):
        raise PermissionDenied(gettext("Only the trainee's mentor signs off the logbook."))
    services.sign_entry(request.auth, entry)
    return _entry_out(entry_id)


@router.post("/logbook/{entry_id}/return", response={200: EntryOut, **ERRORS},
             summary="Return an entry with a comment (the mentor)")
def return_entry(request, entry_id: EntryId, payload: ReturnIn):
    entry = _entry(entry_id)
    if not policy.can_review_entry(request.auth, entry):
        raise PermissionDenied(gettext("Only the trainee's mentor signs off the logbook."))
    services.return_entry(request.auth, entry, payload.comment)
    return _entry_out(entry_id)


# --- assessments and the final result ----------------------------------------------------
class AssessmentOut(Schema):
    id: int
    contract_id: int
    outcome_code: str | None
    date: dt.date
    result: str
    score: int | None
    comment: str
    assessed_by_id: int | None

    @staticmethod
    def resolve_outcome_code(obj) -> str | None:
        return obj.outcome.code if obj.outcome_id else None


class AssessmentIn(InputSchema):
    outcome_code: str | None = Field(None, min_length=1, max_length=20,
                                     description="the learning outcome; left out: the whole qualification")
    date: dt.date
    result: Literal["competent", "not_yet"]
    score: int | None = Field(None, ge=1, le=5)
    comment: str = Field("", max_length=1000)

    @field_validator("date")
    @classmethod
    def _date(cls, value):
        return _within(value)


class FinalIn(InputSchema):
    date: dt.date
    result: Literal["passed", "failed"]
    grade: int | None = Field(None, ge=1, le=5)
    qualification_code: str | None = Field(None, min_length=1, max_length=20,
                                           description="the qualification awarded; the programme's by default")
    certificate_number: str = Field("", max_length=50, description="required when passed")
    comment: str = Field("", max_length=1000)

    @field_validator("date")
    @classmethod
    def _date(cls, value):
        return _within(value)


@router.get("/trainees/{contract_id}/assessments", response={200: list[AssessmentOut], **ERRORS},
            summary="The trainee's competency assessments")
@paginate(Pagination)
def list_assessments(request, contract_id: ContractId):
    contract = _trainee(request, contract_id, policy.can_view_trainee)
    _read(request, contract)
    return selectors.assessments(contract)


@router.post("/trainees/{contract_id}/assessments", response={201: AssessmentOut, **ERRORS},
             summary="Record a competency assessment (the mentor)")
def create_assessment(request, contract_id: ContractId, payload: AssessmentIn):
    contract = _trainee(request, contract_id, policy.can_assess)
    outcome = None
    if payload.outcome_code is not None:
        code = payload.outcome_code.strip().upper()
        outcome = LearningOutcome.objects.filter(qualification_id=contract.programme.qualification_id,
                                                 code=code).first()
        if outcome is None:
            raise ValidationError({"outcome_code": gettext("Unknown learning outcomes of the trainee's "
                                                           "qualification: %(codes)s.") % {"codes": code}})
    try:
        assessment = services.record_assessment(request.auth, contract, outcome=outcome, date=payload.date,
                                                result=payload.result, score=payload.score,
                                                comment=payload.comment)
    except ValidationError as exc:
        raise _renamed(exc, {"outcome": "outcome_code"}) from exc
    return Status(201, assessment)


@router.post("/trainees/{contract_id}/final-result", response={200: FinalOut, **ERRORS},
             summary="Record (or correct) the final qualification result (the college)")
def record_final_result(request, contract_id: ContractId, payload: FinalIn):
    contract = _trainee(request, contract_id, policy.can_record_final_result)
    qualification = None
    if payload.qualification_code is not None:
        code = payload.qualification_code.strip().upper()
        qualification = Qualification.objects.filter(code=code).first()
        if qualification is None:
            raise ValidationError({"qualification_code": gettext("No qualification %(code)s.") % {"code": code}})
    return services.record_final_result(request.auth, contract, date=payload.date, result=payload.result,
                                        grade=payload.grade, qualification=qualification,
                                        certificate_number=payload.certificate_number, comment=payload.comment)
