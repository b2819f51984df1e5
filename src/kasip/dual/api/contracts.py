"""API of tripartite contracts, their signatures and the orders: the same policy and services as the pages.

No `from __future__ import annotations`: ninja reads the schemas from the annotations.
"""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import File, Form, P, PathEx, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field, field_validator

from kasip.api.pagination import Pagination
from kasip.api.schemas import ERRORS, InputSchema
from kasip.core import audit
from kasip.partners.models import Agreement
from kasip.registry.models import EnterpriseSite, Group

from .. import policy, selectors, services
from ..models import MAX_PAYMENT, Contract, Mentor, Placement, TrainingOrder

router = Router(tags=["dual"])

MAX_ID = 2**63 - 1
ContractId = PathEx[int, P(ge=1, le=MAX_ID)]
OrderId = PathEx[int, P(ge=1, le=MAX_ID)]
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
PartyName = Literal["student", "guardian", "college", "enterprise"]
RENAMED = {"site": "site_id", "mentor": "mentor_id", "agreement": "agreement_id", "group": "group_id",
           "contracts": "contract_ids", "scan": "file"}


def _within(day):
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(gettext("Give a date from 2000 to 2100."))
    return day


def _renamed(exc: ValidationError) -> ValidationError:
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError({RENAMED.get(k, k): v for k, v in exc.error_dict.items()})


def _call(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except ValidationError as exc:
        raise _renamed(exc) from exc


# --- schemas -------------------------------------------------------------------------------------
class PeriodOut(Schema):
    kind: str
    starts_on: dt.date
    ends_on: dt.date


class SignatureOut(Schema):
    id: int
    party: str
    method: str
    signer_name: str
    signer_id: str
    document_digest: str
    signed_at: dt.datetime
    has_scan: bool

    @staticmethod
    def resolve_has_scan(obj) -> bool:
        return bool(obj.scan)


class ContractOut(Schema):
    id: int
    number: str
    status: str
    origin: str
    student_id: int
    student_name: str
    college_id: int
    enterprise_id: int
    site_id: int
    qualification_code: str
    agreement_id: int | None
    place_id: int | None
    placement_id: int | None
    mentor_id: int | None
    starts_on: dt.date
    ends_on: dt.date
    enterprise_hours: int
    practice_hours: int | None
    monthly_payment: str = Field(description="tenge a month, as a decimal string")
    payment_reason: str
    insurance: str
    work_obligation_months: int
    minor: bool = Field(description="under 18 on the start date: the guardian signs")
    unsigned_parties: list[str] = Field(description="required parties that have not signed yet")

    @staticmethod
    def resolve_student_name(obj) -> str:
        return obj.student.full_name

    @staticmethod
    def resolve_qualification_code(obj) -> str:
        return obj.programme.qualification.code

    @staticmethod
    def resolve_monthly_payment(obj) -> str:
        return f"{Decimal(obj.monthly_payment):.2f}"

    @staticmethod
    def resolve_minor(obj) -> bool:
        return obj.is_minor

    @staticmethod
    def resolve_unsigned_parties(obj) -> list[str]:
        signed = {s.party for s in obj.signatures.all()}
        return [p for p in services.required_parties(obj) if p not in signed]


class ContractDetailOut(ContractOut):
    status_reason: str
    student_iin: str
    student_document: str
    guardian_name: str
    guardian_iin: str
    guardian_document: str
    document_digest: str
    periods: list[PeriodOut]
    signatures: list[SignatureOut]

    @staticmethod
    def resolve_student_iin(obj) -> str:
        return obj.student.iin

    @staticmethod
    def resolve_periods(obj) -> list:
        return list(obj.periods.all())

    @staticmethod
    def resolve_signatures(obj) -> list:
        return list(obj.signatures.all())


class ContractFilters(Schema):
    q: str = Field("", max_length=200, description="number, student's name or IIN")
    status: str = Field("", max_length=12)
    origin: str = Field("", max_length=10)
    college: str = Field("", max_length=19, description="college id or BIN")
    enterprise: str = Field("", max_length=19, description="enterprise id or BIN")
    group: str = Field("", max_length=40, description="group code")
    year: str = Field("", max_length=4, description="year the training starts")


class PeriodIn(InputSchema):
    kind: Literal["college", "enterprise"]
    starts_on: dt.date
    ends_on: dt.date

    @field_validator("starts_on", "ends_on")
    @classmethod
    def _dates(cls, value):
        return _within(value)


class ContractPatch(InputSchema):
    site_id: int | None = Field(None, ge=1, le=MAX_ID)
    mentor_id: int | None = Field(None, ge=1, le=MAX_ID)
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    enterprise_hours: int | None = Field(None, ge=1, le=10_000)
    practice_hours: int | None = Field(None, ge=1, le=10_000, description="planned production-training hours in the "
                                       "contract's period; null: the programme's")
    monthly_payment: Decimal | None = Field(None, ge=0, le=MAX_PAYMENT, max_digits=12, decimal_places=2)
    payment_reason: str | None = Field(None, max_length=300)
    insurance: str | None = Field(None, max_length=300)
    work_obligation_months: int | None = Field(None, ge=0, le=120)
    student_document: str | None = Field(None, max_length=300)
    guardian_name: str | None = Field(None, max_length=300)
    guardian_iin: str | None = Field(None, max_length=12)
    guardian_document: str | None = Field(None, max_length=300)
    periods: list[PeriodIn] | None = Field(None, max_length=50, description="replaces the whole schedule")

    @field_validator("starts_on", "ends_on")
    @classmethod
    def _dates(cls, value):
        return _within(value)


class AcceptIn(InputSchema):
    placement_id: int = Field(ge=1, le=MAX_ID, description="a placement of a published round")


class GroupIn(InputSchema):
    agreement_id: int = Field(ge=1, le=MAX_ID, description="a dual-training agreement in force")
    group_id: int = Field(ge=1, le=MAX_ID)
    site_id: int = Field(ge=1, le=MAX_ID, description="a site of the agreement's enterprise")
    starts_on: dt.date
    ends_on: dt.date
    monthly_payment: Decimal = Field(ge=0, le=MAX_PAYMENT, max_digits=12, decimal_places=2,
                                     description="required: an amount, or 0 with payment_reason")
    payment_reason: str = Field("", max_length=300)
    enterprise_hours: int | None = Field(None, ge=1, le=10_000, description="default: the programme's practice hours")
    practice_hours: int | None = Field(None, ge=1, le=10_000, description="planned production-training hours in the "
                                       "contracts' period; default: the programme's")
    insurance: str = Field("", max_length=300)
    work_obligation_months: int = Field(0, ge=0, le=120)
    mentor_id: int | None = Field(None, ge=1, le=MAX_ID)

    @field_validator("starts_on", "ends_on")
    @classmethod
    def _dates(cls, value):
        return _within(value)


class SkippedOut(Schema):
    student_id: int
    reason: str


class GroupOut(Schema):
    created: list[ContractOut]
    skipped: list[SkippedOut]


class EcpIn(InputSchema):
    party: PartyName
    cms: str = Field(min_length=1, max_length=2_000_000,
                     description="base64 CMS from NCALayer's createCAdESFromBase64 over the copy to sign")


class TerminateIn(InputSchema):
    reason: str = Field(min_length=1, max_length=500)


# --- helpers -------------------------------------------------------------------------------------
def _contract(contract_id: int, request, check=policy.can_view_contract) -> Contract:
    contract = selectors.contract(contract_id)
    if contract is None:
        raise Http404
    if not check(request.auth, contract):
        raise PermissionDenied(gettext("You may not do this."))
    return contract


def _fresh(contract: Contract) -> Contract:
    return selectors.contract(contract.pk)


def _found(model, pk, field: str, message: str):
    if pk is None:
        return None
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({field: [message % {"id": pk}]})
    return obj


# --- contracts -----------------------------------------------------------------------------------
@router.get("/contracts", response={200: list[ContractOut], **ERRORS}, summary="List tripartite contracts")
@paginate(Pagination)
def list_contracts(request, filters: Query[ContractFilters]):
    if not policy.can_list_contracts(request.auth):
        raise PermissionDenied(gettext("You may not see contracts."))
    return selectors.contracts(request.auth, **filters.dict())


@router.get("/contracts/{contract_id}", response={200: ContractDetailOut, **ERRORS},
            summary="One contract with its schedule and signatures")
def get_contract(request, contract_id: ContractId):
    contract = _contract(contract_id, request)
    if policy.reads_personal_record(request.auth, contract):
        audit.log_read(request.auth, contract)
    return contract


@router.patch("/contracts/{contract_id}", response={200: ContractDetailOut, **ERRORS},
              summary="Change a draft contract (and replace its schedule)")
def update_contract(request, contract_id: ContractId, payload: ContractPatch):
    contract = _contract(contract_id, request, policy.can_edit_contract)
    data = payload.dict(exclude_unset=True)
    fields = {k: v for k, v in data.items() if k not in ("site_id", "mentor_id", "periods")}
    if "site_id" in data:
        fields["site"] = _found(EnterpriseSite, data["site_id"], "site_id", gettext("No enterprise site %(id)s."))
        if fields["site"] is None:
            raise ValidationError({"site_id": [gettext("Choose the enterprise's site where the student is trained.")]})
    if "mentor_id" in data:
        fields["mentor"] = _found(Mentor, data["mentor_id"], "mentor_id", gettext("No mentor %(id)s."))
    for key in ("starts_on", "ends_on", "enterprise_hours", "monthly_payment", "work_obligation_months"):
        if key in fields and fields[key] is None:
            raise ValidationError({key: [gettext("This field cannot be empty.")]})
    for key in ("payment_reason", "insurance", "student_document", "guardian_name", "guardian_iin",
                "guardian_document"):
        if key in fields and fields[key] is None:
            fields[key] = ""
    periods = None
    if data.get("periods") is not None:
        periods = [(p["kind"], p["starts_on"], p["ends_on"]) for p in data["periods"]]
    _call(services.update_contract, request.auth, contract, periods=periods, **fields)
    return _fresh(contract)


@router.post("/contracts", response={201: ContractDetailOut, **ERRORS},
             summary="Accept the place a published round gave (a placement): a draft contract")
def accept_placement(request, payload: AcceptIn):
    placement = Placement.objects.select_related("student").filter(pk=payload.placement_id).first()
    if placement is None:
        raise ValidationError({"placement_id": [gettext("No placement %(id)s.") % {"id": payload.placement_id}]})
    if not policy.can_accept_placement(request.auth, placement):
        raise PermissionDenied(gettext("You may not accept this placement."))
    contract = _call(services.accept_placement, request.auth, placement)
    return Status(201, _fresh(contract))


@router.post("/group-placements", response={201: GroupOut, **ERRORS},
             summary="Group placement: contracts for a group's students under a dual-training agreement")
def place_group(request, payload: GroupIn):
    if not policy.can_place_group(request.auth):
        raise PermissionDenied(gettext("You may not place groups."))
    agreement = _found(Agreement, payload.agreement_id, "agreement_id", gettext("No agreement %(id)s."))
    group = _found(Group, payload.group_id, "group_id", gettext("No group %(id)s."))
    site = _found(EnterpriseSite, payload.site_id, "site_id", gettext("No enterprise site %(id)s."))
    mentor = _found(Mentor, payload.mentor_id, "mentor_id", gettext("No mentor %(id)s."))
    result = _call(services.place_group, request.auth, agreement=agreement, group=group, site=site,
                   starts_on=payload.starts_on, ends_on=payload.ends_on, monthly_payment=payload.monthly_payment,
                   payment_reason=payload.payment_reason, enterprise_hours=payload.enterprise_hours,
                   insurance=payload.insurance, work_obligation_months=payload.work_obligation_months, mentor=mentor,
                   practice_hours=payload.practice_hours)
    created = list(selectors.contracts_with_relations().filter(pk__in=[c.pk for c in result.created])
                   .order_by("number"))
    return Status(201, {"created": created,
                        "skipped": [{"student_id": s.pk, "reason": reason} for s, reason in result.skipped]})


def _action(contract_id, request, check, action):
    contract = _contract(contract_id, request, check)
    _call(action, request.auth, contract)
    return _fresh(contract)


@router.post("/contracts/{contract_id}/send", response={200: ContractDetailOut, **ERRORS},
             summary="Send a draft for signature (its copy to sign is fixed)")
def send_contract(request, contract_id: ContractId):
    return _action(contract_id, request, policy.can_manage_contract, services.send_for_signature)


@router.post("/contracts/{contract_id}/complete", response={200: ContractDetailOut, **ERRORS},
             summary="Mark a signed contract completed")
def complete_contract(request, contract_id: ContractId):
    return _action(contract_id, request, policy.can_manage_contract, services.complete_contract)


@router.post("/contracts/{contract_id}/terminate", response={200: ContractDetailOut, **ERRORS},
             summary="Terminate an open contract, with the reason")
def terminate_contract(request, contract_id: ContractId, payload: TerminateIn):
    return _action(contract_id, request, policy.can_manage_contract,
                   lambda actor, c: services.terminate_contract(actor, c, payload.reason))


@router.post("/contracts/{contract_id}/signatures", response={201: SignatureOut, **ERRORS},
             summary="Sign by ЭЦП: the CMS NCALayer made over the copy to sign")
def sign_ecp(request, contract_id: ContractId, payload: EcpIn):
    contract = _contract(contract_id, request, policy.can_sign_any)
    signature = _call(services.sign_with_ecp, request.auth, contract, payload.party, payload.cms)
    return Status(201, signature)


@router.post("/contracts/{contract_id}/signatures/scan", response={201: SignatureOut, **ERRORS},
             summary="Sign by an uploaded signed scan (PDF, JPG or PNG)")
def sign_scan(request, contract_id: ContractId, party: Form[PartyName], file: File[UploadedFile],
              signer_name: Form[str] = ""):
    contract = _contract(contract_id, request, policy.can_sign_any)
    if len(signer_name) > 300:
        raise ValidationError({"signer_name": [gettext("The name is longer than 300 characters.")]})
    signature = _call(services.sign_with_scan, request.auth, contract, party, file, signer_name)
    return Status(201, signature)


# --- orders ----------------------------------------------------------------------------------------
class OrderOut(Schema):
    id: int
    kind: str
    number: str
    date: dt.date
    college_id: int
    enterprise_id: int
    agreement_id: int | None
    contract_ids: list[int]

    @staticmethod
    def resolve_contract_ids(obj) -> list[int]:
        return sorted(c.pk for c in obj.contracts.all())


class OrderIn(InputSchema):
    kind: Literal["sending", "mentors"]
    number: str = Field(min_length=1, max_length=50)
    date: dt.date
    contract_ids: list[int] = Field(min_length=1, max_length=2000)

    @field_validator("date")
    @classmethod
    def _date(cls, value):
        return _within(value)

    @field_validator("contract_ids")
    @classmethod
    def _ids(cls, value):
        if any(not 1 <= v <= MAX_ID for v in value):
            raise ValueError(gettext("A contract id is a positive integer."))
        return value


@router.get("/orders", response={200: list[OrderOut], **ERRORS}, summary="List orders (sending students, mentors)")
@paginate(Pagination)
def list_orders(request, q: str = Query("", max_length=200), kind: str = Query("", max_length=10)):
    if not policy.can_list_orders(request.auth):
        raise PermissionDenied(gettext("You may not see orders."))
    return selectors.orders(request.auth, q=q, kind=kind).prefetch_related("contracts")


@router.get("/orders/{order_id}", response={200: OrderOut, **ERRORS}, summary="One order")
def get_order(request, order_id: OrderId):
    order = get_object_or_404(TrainingOrder, pk=order_id)
    if not policy.can_view_order(request.auth, order):
        raise PermissionDenied(gettext("You may not see this order."))
    return order


@router.post("/orders", response={201: OrderOut, **ERRORS}, summary="Issue an order listing contracts")
def create_order(request, payload: OrderIn):
    if not policy.can_create_order(request.auth, payload.kind):
        raise PermissionDenied(gettext("You may not issue this kind of order."))
    visible = policy.contracts_scope(request.auth, Contract.objects.filter(pk__in=payload.contract_ids))
    found = list(visible)
    missing = sorted(set(payload.contract_ids) - {c.pk for c in found})
    if missing:
        raise ValidationError({"contract_ids": [gettext("No contracts %(ids)s.") % {
            "ids": ", ".join(map(str, missing[:20]))}]})
    order = _call(services.create_order, request.auth, kind=payload.kind, number=payload.number, date=payload.date,
                  contracts=found)
    return Status(201, order)
