"""Writes of tripartite contracts, their signatures and the orders: one function per use case, each in a
transaction, taking the acting user first (``None`` is the system) and asking the policy.

Capacity: accepting a place locks the place's row (``SELECT … FOR UPDATE``) and counts its open contracts
before adding one, so concurrent acceptances queue on the row and a full place is refused with a message;
numbering locks the college's row. Lock order is always place, then college, so acceptances cannot deadlock
one another; a deadlock or serialization failure the database reports anyway is retried a few times and then
answered with "try again", never an error page.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import logging
import random
import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from kasip.core.models import validate_iin_field
from kasip.partners.models import Agreement, AgreementKind, document_problem
from kasip.registry.models import College, EnterpriseSite, Group, Student, StudentStatus

from .. import policy, signatures
from ..models import (
    ADULT_AGE,
    MAX_PAYMENT,
    OPEN_CONTRACT_STATUSES,
    Contract,
    ContractOrigin,
    ContractPeriod,
    ContractStatus,
    Mentor,
    OrderKind,
    Party,
    PeriodKind,
    Placement,
    RoundStatus,
    Signature,
    SignatureMethod,
    TrainingOrder,
    TrainingPlace,
)

log = logging.getLogger(__name__)

__all__ = [
    "GroupPlacement",
    "accept_placement",
    "allowed_parties",
    "complete_contract",
    "content_errors",
    "create_order",
    "expected_identity",
    "missing_parties",
    "open_contract_of",
    "party_label",
    "place_group",
    "required_parties",
    "send_for_signature",
    "sign_with_ecp",
    "sign_with_scan",
    "signing_document",
    "terminate_contract",
    "update_contract",
]

CONTRACT_FIELDS = ("site", "mentor", "starts_on", "ends_on", "enterprise_hours", "practice_hours", "monthly_payment",
                   "payment_reason",
                   "insurance", "work_obligation_months", "guardian_name", "guardian_iin", "guardian_document",
                   "student_document")
RETRIES = 8
MAX_HOURS = 10_000
MAX_OBLIGATION_MONTHS = 120
MAX_PERIODS = 50
# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available
TRANSIENT_PGCODES = {"40001", "40P01", "55P03"}


def _require(actor, allowed: bool, message: str) -> None:
    if actor is not None and not allowed:
        raise PermissionDenied(message)


def _day(day: dt.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else "—"


def _transient(exc: OperationalError) -> bool:
    cause = exc.__cause__
    code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if code:
        return code in TRANSIENT_PGCODES
    text = str(exc).lower()
    return "locked" in text or "deadlock" in text or "could not serialize" in text


def retrying(fn):
    """Run a write again after a deadlock or serialization failure (a few times, with a random pause), then
    answer "try again" as a validation error; inside an outer transaction the write runs once."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if connection.in_atomic_block:
            return fn(*args, **kwargs)
        for attempt in range(RETRIES):
            try:
                return fn(*args, **kwargs)
            except OperationalError as exc:
                if not _transient(exc):
                    raise
                log.info("%s: %s; attempt %s of %s", fn.__name__, exc, attempt + 1, RETRIES)
                time.sleep(random.uniform(0.005, 0.05) * (attempt + 1))
        raise ValidationError(gettext("Many people are accepting places at this moment; try again in a minute."))

    return wrapper


# --- who signs -----------------------------------------------------------------------------
def is_minor(student: Student, day: dt.date) -> bool:
    return student.age_on(day) < ADULT_AGE


def required_parties(contract: Contract) -> list[str]:
    """The college, the enterprise and the student — or, for a minor, the guardian (a minor's own signature is
    welcome but not required)."""
    return [Party.COLLEGE, Party.ENTERPRISE, Party.GUARDIAN if contract.is_minor else Party.STUDENT]


def allowed_parties(contract: Contract) -> list[str]:
    parties = required_parties(contract)
    if contract.is_minor:
        parties.append(Party.STUDENT)
    return parties


def missing_parties(contract: Contract) -> list[str]:
    signed = set(contract.signatures.values_list("party", flat=True))
    return [p for p in required_parties(contract) if p not in signed]


# --- numbering -----------------------------------------------------------------------------
def _next_number(college: College, year: int) -> str:
    """COLLEGE-YEAR-SEQUENCE (the college's BIN, the year the training starts, a 5-digit sequence). The college's
    row is locked until the transaction ends, so two contracts never get the same number."""
    list(College.objects.select_for_update(of=("self",)).filter(pk=college.pk).values_list("pk", flat=True))
    prefix = f"{college.bin or college.pk}-{year}-"
    last = (Contract.objects.filter(number__startswith=prefix).order_by("-number")
            .values_list("number", flat=True).first())
    sequence = int(last.rsplit("-", 1)[1]) + 1 if last and last.rsplit("-", 1)[1].isdigit() else 1
    return f"{prefix}{sequence:05d}"


# --- contents ------------------------------------------------------------------------------
def minor_hazard_problem(student: Student, site: EnterpriseSite | None, day: dt.date | None) -> str | None:
    if site is None or not site.hazardous or day is None or not is_minor(student, day):
        return None
    return gettext("%(student)s is under 18 on %(date)s: the hazardous site “%(site)s” takes trainees of 18 and "
                   "over only.") % {"student": student.full_name, "date": _day(day), "site": site.name}


def payment_errors(amount, reason: str) -> dict[str, list[str]]:
    if amount is None:
        return {"monthly_payment": [gettext("Give the monthly payment to the student: an amount, or 0 with the "
                                            "reason.")]}
    try:
        amount = Decimal(amount)
    except (ArithmeticError, ValueError, TypeError):
        return {"monthly_payment": [gettext("Give the monthly payment as a number of tenge.")]}
    if not amount.is_finite() or amount < 0 or amount > MAX_PAYMENT:
        return {"monthly_payment": [gettext("Give a monthly payment from 0 to %(max)s tenge.") % {"max": MAX_PAYMENT}]}
    if amount == 0 and not (reason or "").strip():
        return {"payment_reason": [gettext("Give the reason when the contract pays the student nothing.")]}
    return {}


def _add(errors: dict, key: str, message: str) -> None:
    errors.setdefault(key, []).append(message)


def content_errors(c: Contract, *, complete: bool = False, periods: list | None = None,
                   hazard: bool = True) -> dict[str, list[str]]:
    """What is wrong with a contract's contents; ``complete`` adds what must be there before signing;
    ``hazard=False`` leaves out the check of a minor at a hazardous site (the caller reports it per student)."""
    errors: dict[str, list[str]] = {}
    if c.starts_on is None:
        _add(errors, "starts_on", gettext("Give the start of training."))
    if c.ends_on is None:
        _add(errors, "ends_on", gettext("Give the end of training."))
    if c.starts_on and c.ends_on and c.ends_on <= c.starts_on:
        _add(errors, "ends_on", gettext("The training must end after it starts."))
    for key, messages in payment_errors(c.monthly_payment, c.payment_reason).items():
        errors.setdefault(key, []).extend(messages)
    if c.enterprise_hours is None or not 1 <= int(c.enterprise_hours) <= MAX_HOURS:
        _add(errors, "enterprise_hours", gettext("Give the hours at the enterprise: from 1 to %(max)s.") % {
            "max": MAX_HOURS})
    if c.practice_hours is not None and not 1 <= int(c.practice_hours) <= MAX_HOURS:
        _add(errors, "practice_hours", gettext("Give the planned hours of production training: from 1 to %(max)s, "
                                               "or leave them empty.") % {"max": MAX_HOURS})
    if c.work_obligation_months is None or not 0 <= int(c.work_obligation_months) <= MAX_OBLIGATION_MONTHS:
        _add(errors, "work_obligation_months", gettext("Give the months of work after graduating: from 0 (none) to "
                                                       "%(max)s.") % {"max": MAX_OBLIGATION_MONTHS})
    site = c.site if c.site_id else None
    if site is None:
        _add(errors, "site", gettext("Choose the enterprise's site where the student is trained."))
    elif site.enterprise_id != c.enterprise_id:
        _add(errors, "site", gettext("The site belongs to another enterprise."))
    mentor = c.mentor if c.mentor_id else None
    if mentor is not None:
        if mentor.enterprise_id != c.enterprise_id:
            _add(errors, "mentor", gettext("The mentor works for another enterprise."))
        elif not mentor.is_active:
            _add(errors, "mentor", gettext("The mentor is inactive."))
    if c.guardian_iin:
        try:
            validate_iin_field(c.guardian_iin)
        except ValidationError as exc:
            errors.setdefault("guardian_iin", []).extend(exc.messages)
        else:
            if c.guardian_iin == c.student.iin:
                _add(errors, "guardian_iin", gettext("The guardian's IIN is the student's own."))
    minor = bool(c.starts_on) and is_minor(c.student, c.starts_on)
    if hazard and minor and site is not None:
        problem = minor_hazard_problem(c.student, site, c.starts_on)
        if problem:
            _add(errors, "site", problem)
    if periods is not None:
        for message in period_problems(c, periods):
            _add(errors, "periods", message)
    if complete:
        if not (c.student_document or "").strip():
            _add(errors, "student_document", gettext("Give the student's identity document (kind, number, issued by "
                                                     "and date)."))
        if minor:
            if not (c.guardian_name or "").strip():
                _add(errors, "guardian_name", gettext("The student is under 18 on the start date: give the "
                                                      "guardian's full name."))
            if not (c.guardian_iin or "").strip():
                _add(errors, "guardian_iin", gettext("The student is under 18 on the start date: give the guardian's "
                                                     "IIN."))
            if not (c.guardian_document or "").strip():
                _add(errors, "guardian_document", gettext("The student is under 18 on the start date: give the "
                                                          "guardian's identity document."))
        if periods is None:
            stored = [(p.kind, p.starts_on, p.ends_on) for p in c.periods.all()]
            for message in period_problems(c, stored):
                _add(errors, "periods", message)
    try:
        c.full_clean(exclude=["number", "student", "college", "enterprise", "site", "programme", "agreement", "place",
                              "placement", "mentor", "created_by", *errors.keys()], validate_constraints=False)
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    return errors


def period_problems(c: Contract, periods: list[tuple[str, dt.date, dt.date]]) -> list[str]:
    """The schedule: periods within the contract's dates, each in order, none overlapping, at least one at the
    enterprise."""
    problems = []
    if not periods:
        return [gettext("The schedule needs at least one period at the enterprise.")]
    if len(periods) > MAX_PERIODS:
        return [gettext("The schedule has more than %(n)s periods.") % {"n": MAX_PERIODS}]
    ordered = sorted(periods, key=lambda p: (p[1] or dt.date.min))
    for n, (kind, start, end) in enumerate(ordered, 1):
        if kind not in PeriodKind.values:
            problems.append(gettext("Period %(n)s: choose where it takes place.") % {"n": n})
        if start is None or end is None:
            problems.append(gettext("Period %(n)s: give both dates.") % {"n": n})
            continue
        if end < start:
            problems.append(gettext("Period %(n)s ends before it starts.") % {"n": n})
        if c.starts_on and c.ends_on and (start < c.starts_on or end > c.ends_on):
            problems.append(gettext("Period %(n)s (%(from)s – %(to)s) is outside the contract's dates.") % {
                "n": n, "from": _day(start), "to": _day(end)})
    for (_k1, _s1, e1), (_k2, s2, _e2) in zip(ordered, ordered[1:], strict=False):
        if e1 and s2 and s2 <= e1:
            problems.append(gettext("Periods overlap on %(date)s.") % {"date": _day(s2)})
    if not any(kind == PeriodKind.ENTERPRISE for kind, _s, _e in periods):
        problems.append(gettext("The schedule needs at least one period at the enterprise."))
    return problems


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _create(actor, contract: Contract) -> Contract:
    """Number and save a new contract with its default schedule (one period at the enterprise over its
    dates)."""
    contract.number = _next_number(contract.college, contract.starts_on.year)
    contract.created_by = actor if actor is not None and actor.is_authenticated else None
    contract.save()
    ContractPeriod.objects.create(contract=contract, kind=PeriodKind.ENTERPRISE, starts_on=contract.starts_on,
                                  ends_on=contract.ends_on)
    return contract


def open_contract_of(student: Student) -> Contract | None:
    return Contract.objects.filter(student=student, status__in=OPEN_CONTRACT_STATUSES).first()


def already_under_contract(student: Student, contract: Contract) -> str:
    return gettext("%(student)s already has an open contract № %(number)s.") % {
        "student": student.full_name, "number": contract.number}


def place_full(place: TrainingPlace) -> str:
    return gettext("The place “%(place)s” is full: all %(capacity)s seats are taken.") % {
        "place": place.title, "capacity": place.capacity}


# --- contract from an individual placement -------------------------------------------------
@retrying
def accept_placement(actor, placement: Placement) -> Contract:
    """The student accepts the place a published round gave him or her (or the college's staff do it for the
    student): a draft contract with the place's site, period and payment and the programme of the student's
    group. Refused when the place is full, the student already has an open contract, or a minor would train at
    a hazardous site."""
    placement = (Placement.objects.select_related("round", "student__group__programme", "student__college")
                 .filter(pk=placement.pk).first())
    if placement is None:
        raise ValidationError(gettext("No such placement."))
    _require(actor, policy.can_accept_placement(actor, placement), gettext("You may not accept this placement."))
    student = placement.student
    if placement.round.status != RoundStatus.PUBLISHED:
        raise ValidationError(gettext("The results of the round “%(round)s” are not published yet.") % {
            "round": placement.round.name})
    if placement.place_id is None:
        raise ValidationError(gettext("The round gave %(student)s no place to accept.") % {
            "student": student.full_name})
    if student.status != StudentStatus.STUDYING:
        raise ValidationError(gettext("%(student)s is not studying (status: %(status)s).") % {
            "student": student.full_name, "status": student.get_status_display()})
    if student.group_id is None:
        raise ValidationError(gettext("%(student)s is in no group: the contract takes the group's programme.") % {
            "student": student.full_name})
    with transaction.atomic():
        place = TrainingPlace.objects.select_for_update(of=("self",)).select_related("site", "enterprise").get(
            pk=placement.place_id)
        done = Contract.objects.filter(placement=placement).first()
        if done is not None:
            raise ValidationError(gettext("The place was already accepted: contract № %(number)s.") % {
                "number": done.number})
        if Contract.objects.filter(place=place, status__in=OPEN_CONTRACT_STATUSES).count() >= place.capacity:
            raise ValidationError(place_full(place))
        current = open_contract_of(student)
        if current is not None:
            raise ValidationError(already_under_contract(student, current))
        problem = minor_hazard_problem(student, place.site, place.starts_on)
        if problem:
            raise ValidationError(problem)
        programme = student.group.programme
        contract = Contract(
            origin=ContractOrigin.MATCHING, student=student, college=student.college, enterprise=place.enterprise,
            site=place.site, programme=programme, place=place, placement=placement, starts_on=place.starts_on,
            ends_on=place.ends_on, enterprise_hours=min(MAX_HOURS, max(1, programme.hours_practice or 1)),
            monthly_payment=place.monthly_payment, payment_reason=place.payment_reason)
        _raise(content_errors(contract))
        try:
            with transaction.atomic():
                return _create(actor, contract)
        except IntegrityError:
            current = open_contract_of(student)
            if current is not None:
                raise ValidationError(already_under_contract(student, current)) from None
            raise ValidationError(gettext("The place was already accepted.")) from None


# --- group placement ---------------------------------------------------------------------------
@dataclass
class GroupPlacement:
    created: list[Contract] = field(default_factory=list)
    skipped: list[tuple[Student, str]] = field(default_factory=list)  # already under contract


def group_students(group: Group):
    return Student.objects.filter(group=group, status=StudentStatus.STUDYING).order_by("last_name", "first_name", "pk")


@retrying
def place_group(actor, *, agreement: Agreement | None, group: Group | None, site: EnterpriseSite | None,
                starts_on: dt.date | None, ends_on: dt.date | None, monthly_payment, payment_reason: str = "",
                enterprise_hours: int | None = None, insurance: str = "", work_obligation_months: int = 0,
                mentor: Mentor | None = None, practice_hours: int | None = None) -> GroupPlacement:
    """The usual flow: a dual-training agreement in force covers a group; its studying students without an
    open contract get draft contracts in one action. All or nothing: when any student cannot get one (a minor at
    a hazardous site, …) nothing is written and each such student is named; students already under contract are
    left out and listed."""
    _require(actor, policy.can_place_group(actor, group), gettext("You may not place this group."))
    errors: dict[str, list[str]] = {}
    if agreement is None:
        _add(errors, "agreement", gettext("Choose the dual-training agreement."))
    if group is None:
        _add(errors, "group", gettext("Choose the group."))
    if site is None:
        _add(errors, "site", gettext("Choose the enterprise's site."))
    if agreement is not None:
        if agreement.kind != AgreementKind.DUAL_TRAINING:
            _add(errors, "agreement", gettext("Agreement № %(number)s is not a dual-training agreement.") % {
                "number": agreement.number})
        elif not agreement.in_force:
            _add(errors, "agreement", gettext("Agreement № %(number)s is not in force.") % {"number": agreement.number})
        if group is not None and agreement.college_id != group.college_id:
            _add(errors, "group", gettext("The group belongs to another college than the agreement's."))
        if site is not None and site.enterprise_id != agreement.enterprise_id:
            _add(errors, "site", gettext("The site belongs to another enterprise than the agreement's."))
        if starts_on and agreement.valid_from and starts_on < agreement.valid_from:
            _add(errors, "starts_on", gettext("The agreement is in force from %(date)s.") % {
                "date": _day(agreement.valid_from)})
        if ends_on and agreement.valid_until and ends_on > agreement.valid_until:
            _add(errors, "ends_on", gettext("The agreement ends on %(date)s.") % {"date": _day(agreement.valid_until)})
    if site is not None and not site.is_active:
        _add(errors, "site", gettext("The site is inactive."))
    if group is not None and not group.is_active:
        _add(errors, "group", gettext("The group is inactive."))
    if mentor is not None and agreement is not None and mentor.enterprise_id != agreement.enterprise_id:
        _add(errors, "mentor", gettext("The mentor works for another enterprise."))
    if starts_on is None:
        _add(errors, "starts_on", gettext("Give the start of training."))
    if ends_on is None:
        _add(errors, "ends_on", gettext("Give the end of training."))
    elif starts_on is not None and ends_on <= starts_on:
        _add(errors, "ends_on", gettext("The training must end after it starts."))
    for key, messages in payment_errors(monthly_payment, payment_reason).items():
        errors.setdefault(key, []).extend(messages)
    _raise(errors)
    programme = group.programme
    hours = enterprise_hours if enterprise_hours is not None else programme.hours_practice
    result = GroupPlacement()
    with transaction.atomic():
        list(Group.objects.select_for_update(of=("self",)).filter(pk=group.pk).values_list("pk", flat=True))
        students = list(group_students(group))
        if not students:
            raise ValidationError({"group": [gettext("The group %(group)s has no studying students.") % {
                "group": group.code}]})
        open_contracts = {c.student_id: c for c in Contract.objects.filter(student__in=students,
                                                                            status__in=OPEN_CONTRACT_STATUSES)}
        problems: list[str] = []
        contracts = []
        for student in students:
            if student.pk in open_contracts:
                result.skipped.append((student, already_under_contract(student, open_contracts[student.pk])))
                continue
            contract = Contract(
                origin=ContractOrigin.GROUP, student=student, college=group.college, enterprise=agreement.enterprise,
                site=site, programme=programme, agreement=agreement, mentor=mentor, starts_on=starts_on,
                ends_on=ends_on, enterprise_hours=hours, practice_hours=practice_hours, monthly_payment=monthly_payment,
                payment_reason=(payment_reason or "").strip(), insurance=(insurance or "").strip(),
                work_obligation_months=work_obligation_months)
            if not contracts:
                _raise(content_errors(contract, hazard=False))  # the choices common to every student
            problem = minor_hazard_problem(student, site, starts_on)
            if problem:
                problems.append(problem)
            contracts.append(contract)
        if not contracts and not problems:
            raise ValidationError({"group": [gettext("Every studying student of the group %(group)s already has an "
                                                     "open contract.") % {"group": group.code}]})
        if mentor is not None and contracts:
            taken = Contract.objects.filter(mentor=mentor, status__in=OPEN_CONTRACT_STATUSES).count()
            if taken + len(contracts) > mentor.max_trainees:
                _add(errors, "mentor", gettext("The mentor %(mentor)s takes at most %(max)s trainees; %(taken)s are "
                                               "already assigned.") % {"mentor": mentor.full_name,
                                                                        "max": mentor.max_trainees, "taken": taken})
        if problems:
            errors["students"] = problems
        _raise(errors)
        try:
            with transaction.atomic():
                for contract in contracts:
                    result.created.append(_create(actor, contract))
        except IntegrityError:
            raise ValidationError({"group": [gettext("A student of the group got a contract meanwhile; try again.")]}) \
                from None
    return result


# --- editing a draft ---------------------------------------------------------------------------
def _locked(contract: Contract) -> Contract:
    return (Contract.objects.select_for_update(of=("self",))
            .select_related("student", "college", "enterprise", "site", "mentor", "programme").get(pk=contract.pk))


@transaction.atomic
def update_contract(actor, contract: Contract, *, periods: list[tuple[str, dt.date, dt.date]] | None = None,
                    **fields) -> Contract:
    """Change a draft's contents and, when given, replace its schedule."""
    _require(actor, policy.can_edit_contract(actor, contract), gettext("You may not change this contract."))
    contract = _locked(contract)
    if contract.status != ContractStatus.DRAFT:
        raise ValidationError(gettext("Only a draft changes; this contract is %(status)s.") % {
            "status": contract.get_status_display()})
    for key in CONTRACT_FIELDS:
        if key in fields:
            value = fields[key]
            setattr(contract, key, value.strip() if isinstance(value, str) else value)
    if contract.monthly_payment:
        contract.payment_reason = ""
    errors = content_errors(contract, periods=periods)
    if "mentor" in fields and contract.mentor_id and "mentor" not in errors:
        taken = (Contract.objects.filter(mentor_id=contract.mentor_id, status__in=OPEN_CONTRACT_STATUSES)
                 .exclude(pk=contract.pk).count())
        if taken >= contract.mentor.max_trainees:
            _add(errors, "mentor", gettext("The mentor %(mentor)s takes at most %(max)s trainees; %(taken)s are "
                                           "already assigned.") % {"mentor": contract.mentor.full_name,
                                                                    "max": contract.mentor.max_trainees,
                                                                    "taken": taken})
    _raise(errors)
    contract.save()
    if periods is not None:
        contract.periods.all().delete()
        for kind, start, end in sorted(periods, key=lambda p: p[1]):
            ContractPeriod.objects.create(contract=contract, kind=kind, starts_on=start, ends_on=end)
    return contract


@transaction.atomic
def send_for_signature(actor, contract: Contract) -> Contract:
    _require(actor, policy.can_manage_contract(actor, contract), gettext("You may not manage this contract."))
    contract = _locked(contract)
    if contract.status != ContractStatus.DRAFT:
        raise ValidationError(gettext("Only a draft is sent for signature; this contract is %(status)s.") % {
            "status": contract.get_status_display()})
    _raise(content_errors(contract, complete=True))
    contract.status = ContractStatus.SIGNING
    contract.save(update_fields=["status", "updated_at"])
    _fix_document(contract)
    return contract


def _fix_document(contract: Contract) -> bytes:
    """Render the copy to sign and keep it with its SHA-256: what every party signs is these bytes."""
    from ..documents import contract_pdf

    content = contract_pdf(contract, for_signing=True)
    if contract.document_to_sign:
        contract.document_to_sign.delete(save=False)
    contract.document_to_sign.save(f"{uuid.uuid4().hex}.pdf", ContentFile(content), save=False)
    contract.document_digest = signatures.sha256_hex(content)
    contract.save(update_fields=["document_to_sign", "document_digest", "updated_at"])
    return content


@transaction.atomic
def complete_contract(actor, contract: Contract) -> Contract:
    _require(actor, policy.can_manage_contract(actor, contract), gettext("You may not manage this contract."))
    contract = _locked(contract)
    if contract.status != ContractStatus.SIGNED:
        raise ValidationError(gettext("Only a signed contract is completed; this one is %(status)s.") % {
            "status": contract.get_status_display()})
    contract.status = ContractStatus.COMPLETED
    contract.save(update_fields=["status", "updated_at"])
    return contract


@transaction.atomic
def terminate_contract(actor, contract: Contract, reason: str) -> Contract:
    _require(actor, policy.can_manage_contract(actor, contract), gettext("You may not manage this contract."))
    contract = _locked(contract)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [gettext("Give the reason for terminating the contract.")]})
    if len(reason) > 500:
        raise ValidationError({"reason": [gettext("The reason is longer than 500 characters.")]})
    if contract.status not in OPEN_CONTRACT_STATUSES:
        raise ValidationError(gettext("The contract is already %(status)s.") % {
            "status": contract.get_status_display()})
    contract.status = ContractStatus.TERMINATED
    contract.status_reason = reason
    contract.save(update_fields=["status", "status_reason", "updated_at"])
    return contract


# --- signatures ------------------------------------------------------------------------------
def party_label(party: str) -> str:
    return str(Party(party).label) if party in Party.values else party


def _check_signing(actor, contract: Contract, party: str) -> None:
    if party not in Party.values:
        raise ValidationError({"party": [gettext("Choose the party: student, guardian, college or enterprise.")]})
    if actor is not None and not policy.can_sign(actor, contract, party):
        mine = [p for p in policy.signable_parties(actor, contract) if p in allowed_parties(contract)]
        if mine:
            raise PermissionDenied(gettext("You sign for the %(mine)s only, not for the %(party)s.") % {
                "mine": ", ".join(party_label(p) for p in mine), "party": party_label(party)})
        raise PermissionDenied(gettext("You may not sign this contract."))
    if contract.status != ContractStatus.SIGNING:
        raise ValidationError(gettext("The contract is not awaiting signatures (it is %(status)s).") % {
            "status": contract.get_status_display()})
    if party not in allowed_parties(contract):
        if party == Party.GUARDIAN:
            raise ValidationError({"party": [gettext("The student is of age: no guardian signs.")]})
        raise ValidationError({"party": [gettext("The %(party)s does not sign this contract.") % {
            "party": party_label(party)}]})
    done = contract.signatures.filter(party=party).first()
    if done is not None:
        raise ValidationError(gettext("The %(party)s already signed on %(date)s.") % {
            "party": party_label(party), "date": _day(timezone.localtime(done.signed_at).date())})


def expected_identity(contract: Contract, party: str) -> dict[str, str]:
    if party == Party.STUDENT:
        return {"iin": contract.student.iin}
    if party == Party.GUARDIAN:
        return {"iin": contract.guardian_iin}
    if party == Party.COLLEGE:
        return {"bin": contract.college.bin or ""}
    return {"bin": contract.enterprise.bin or ""}


def _party_name(contract: Contract, party: str) -> str:
    return {Party.STUDENT: contract.student.full_name, Party.GUARDIAN: contract.guardian_name,
            Party.COLLEGE: contract.college.name, Party.ENTERPRISE: contract.enterprise.name}[party]


def _record(actor, contract: Contract, signature: Signature) -> Signature:
    try:
        with transaction.atomic():
            signature.save()
    except IntegrityError:
        raise ValidationError(gettext("The %(party)s already signed.") % {
            "party": party_label(signature.party)}) from None
    if not missing_parties(contract):
        contract.status = ContractStatus.SIGNED
        contract.save(update_fields=["status", "updated_at"])
    return signature


@transaction.atomic
def sign_with_scan(actor, contract: Contract, party: str, scan, signer_name: str = "") -> Signature:
    """Record a party's signature by the uploaded scan of the signed paper (PDF, JPG or PNG)."""
    contract = _locked(contract)
    _check_signing(actor, contract, party)
    if scan is None:
        raise ValidationError({"scan": [gettext("Upload the signed document as a PDF, JPG or PNG file.")]})
    problem = document_problem(scan)
    if problem:
        raise ValidationError({"scan": [problem]})
    signer_name = (signer_name or "").strip()[:300] or _party_name(contract, party)
    identity = expected_identity(contract, party)
    signature = Signature(contract=contract, party=party, method=SignatureMethod.SCAN, signer_name=signer_name,
                          signer_id=identity.get("iin") or identity.get("bin") or "",
                          recorded_by=actor if actor is not None and actor.is_authenticated else None)
    signature.scan.save(scan.name, scan, save=False)
    return _record(actor, contract, signature)


def ecp_problem_message(problem: signatures.SignatureProblem, party: str) -> str:
    messages = {
        "empty": gettext("The signature is empty: sign the document with NCALayer."),
        "too_large": gettext("The signature is too large."),
        "not_cms": gettext("This is not a CMS signature from NCALayer."),
        "no_signer": gettext("The CMS has no signer."),
        "no_certificate": gettext("The CMS carries no signer certificate."),
        "wrong_person": gettext("The certificate is not the %(party)s's: it was issued to %(who)s.") % {
            "party": party_label(party), "who": problem.detail or "—"},
        "expired": gettext("The certificate is not valid today."),
        "wrong_document": gettext("The signature is of another document: download the contract again and sign it."),
    }
    return messages.get(problem.code, gettext("The signature was refused: %(reason)s.") % {
        "reason": problem.detail or problem.code})


def signing_document(contract: Contract) -> bytes:
    """The bytes the parties sign: the copy of the contract with blank signature lines, fixed when it was sent
    for signature (a draft's is rendered afresh)."""
    if contract.status == ContractStatus.DRAFT:
        from ..documents import contract_pdf

        return contract_pdf(contract, for_signing=True)
    if contract.document_to_sign:
        try:
            with contract.document_to_sign.open("rb") as handle:
                content = handle.read()
        except FileNotFoundError:
            content = b""
        if content and signatures.sha256_hex(content) == contract.document_digest:
            return content
    with transaction.atomic():
        return _fix_document(_locked(contract))


def sign_with_ecp(actor, contract: Contract, party: str, cms_base64: str) -> Signature:
    """Record a party's signature by ЭЦП: the CMS NCALayer made over the contract's copy to sign. The signer's
    certificate must be the party's (the student's or guardian's IIN, the college's or enterprise's BIN), the
    signed digest that of the document; the configured verifier has the last word."""
    with transaction.atomic():
        _check_signing(actor, _locked(contract), party)
    document = signing_document(contract)  # fixed when sent for signature
    try:
        der = signatures.decode(cms_base64)
        signer = signatures.parse(der)
        with transaction.atomic():
            contract = _locked(contract)
            _check_signing(actor, contract, party)
            expected = expected_identity(contract, party)
            if not any(expected.values()):
                raise ValidationError({"party": [gettext("The %(party)s has no IIN or BIN on record to check the "
                                                         "certificate against.") % {"party": party_label(party)}]})
            digest = signatures.check(signer, document, **expected)
            signatures.load_verifier(getattr(settings, "KASIP_ECP_VERIFIER", None))(der, document, signer)
            signature = Signature(
                contract=contract, party=party, method=SignatureMethod.ECP,
                signer_name=(signer.common_name or _party_name(contract, party))[:300],
                signer_id=signer.identity[:12], document_digest=digest, cms=base64.b64encode(der).decode("ascii"),
                recorded_by=actor if actor is not None and actor.is_authenticated else None)
            return _record(actor, contract, signature)
    except signatures.SignatureProblem as problem:
        raise ValidationError({"cms": [ecp_problem_message(problem, party)]}) from None


# --- orders ----------------------------------------------------------------------------------
@transaction.atomic
def create_order(actor, *, kind: str, number: str, date: dt.date | None, contracts) -> TrainingOrder:
    """An order as a document: the college's sending its students to an enterprise, or the enterprise's
    appointing their mentors; its contracts share the college and the enterprise."""
    _require(actor, policy.can_create_order(actor, kind), gettext("You may not issue this kind of order."))
    errors: dict[str, list[str]] = {}
    if kind not in OrderKind.values:
        _add(errors, "kind", gettext("Choose the kind of order."))
    number = (number or "").strip()
    if not number:
        _add(errors, "number", gettext("Give the order's number."))
    elif len(number) > 50:
        _add(errors, "number", gettext("The order's number is longer than 50 characters."))
    if date is None:
        _add(errors, "date", gettext("Give the order's date."))
    contracts = list(Contract.objects.filter(pk__in=[c.pk for c in contracts or []])
                     .select_related("student", "mentor"))
    if not contracts:
        _add(errors, "contracts", gettext("Choose the contracts the order lists."))
    _raise(errors)
    pairs = {(c.college_id, c.enterprise_id) for c in contracts}
    if len(pairs) > 1:
        _add(errors, "contracts", gettext("An order lists the contracts of one college with one enterprise."))
    closed = [c.number for c in contracts if c.status not in OPEN_CONTRACT_STATUSES]
    if closed:
        _add(errors, "contracts", gettext("Contracts no longer open: %(numbers)s.") % {"numbers": ", ".join(closed)})
    if kind == OrderKind.MENTORS:
        without = [f"{c.number} ({c.student.full_name})" for c in contracts if c.mentor_id is None]
        if without:
            _add(errors, "contracts", gettext("Contracts without a mentor: %(numbers)s.") % {
                "numbers": ", ".join(without)})
    _raise(errors)
    college_id, enterprise_id = pairs.pop()
    if actor is not None and not policy.may_issue_order_for(actor, kind, college_id, enterprise_id):
        raise PermissionDenied(gettext("You may issue orders for your own organisation's contracts only."))
    if TrainingOrder.objects.filter(kind=kind, college_id=college_id, enterprise_id=enterprise_id,
                                    number=number).exists():
        raise ValidationError({"number": [gettext("An order of this kind № %(number)s already exists.") % {
            "number": number}]})
    agreements = {c.agreement_id for c in contracts}
    order = TrainingOrder(kind=kind, number=number, date=date, college_id=college_id, enterprise_id=enterprise_id,
                          agreement_id=agreements.pop() if len(agreements) == 1 else None,
                          created_by=actor if actor is not None and actor.is_authenticated else None)
    try:
        with transaction.atomic():
            order.save()
    except IntegrityError:
        raise ValidationError({"number": [gettext("An order of this kind № %(number)s already exists.") % {
            "number": number}]}) from None
    order.contracts.set(contracts)
    return order
