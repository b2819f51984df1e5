"""Writes of mentors, the safety briefing and the medical examination, learning outcomes, the logbook,
assessments, final results and the progress alerts: one function per use case, each in a transaction.

Services take the acting user and ask the policy; ``actor=None`` is the system itself.

The logbook keeps the Labour Code's limits for minors (age on the entry's date): no entries under 14; at
most 24 hours a week at 14–16 and 36 at 16–18 (the ISO week's entries that are not returned count); no night
work (nothing between 22:00 and 06:00); no overtime: at most KASIP_MINOR_DAILY_HOURS_UNDER_16 (5) or
KASIP_MINOR_DAILY_HOURS_UNDER_18 (7) hours a day.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from kasip.core import services as core_services
from kasip.core.models import Role, User

from .. import policy, selectors
from ..models import (
    MAX_TEXT,
    MAX_TRAINEES_PER_MENTOR,
    OPEN_CONTRACT_STATUSES,
    Assessment,
    AssessmentResult,
    Contract,
    ContractStatus,
    EntryLocation,
    EntryStatus,
    FinalResult,
    FinalResultKind,
    LearningOutcome,
    LogbookEntry,
    Mentor,
    Notification,
)

log = logging.getLogger(__name__)

MIN_AGE = 14
WEEKLY_LIMIT_UNDER_16 = 24
WEEKLY_LIMIT_UNDER_18 = 36
NIGHT_ENDS = dt.time(6, 0)
NIGHT_STARTS = dt.time(22, 0)
ALERT_AGAIN_AFTER = dt.timedelta(days=7)
MENTOR_FIELDS = ("last_name", "first_name", "patronymic", "position", "phone", "email", "max_trainees")
ONE_DECIMAL = Decimal("0.1")


def _require(actor, allowed: bool, message: str) -> None:
    """Refuse a user the policy refuses; None (the system) is always allowed."""
    if actor is not None and not allowed:
        raise PermissionDenied(message)


def _today() -> dt.date:
    return timezone.localdate()


def _day(value: dt.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _setting_hours(name: str, default: int) -> int:
    try:
        return max(1, min(24, int(getattr(settings, name, default))))
    except (TypeError, ValueError):
        return default


def daily_limit(age: int) -> int | None:
    """The most hours a day for a trainee of this age (None: an adult, no limit of the logbook's own)."""
    if age < 16:
        return _setting_hours("KASIP_MINOR_DAILY_HOURS_UNDER_16", 5)
    if age < 18:
        return _setting_hours("KASIP_MINOR_DAILY_HOURS_UNDER_18", 7)
    return None


def weekly_limit(age: int) -> int | None:
    if age < 16:
        return WEEKLY_LIMIT_UNDER_16
    if age < 18:
        return WEEKLY_LIMIT_UNDER_18
    return None


def _locked_contract(contract: Contract) -> Contract:
    """The contract's row locked (entries of one trainee are checked one at a time: the weekly limit holds
    under concurrent writes), with its student and programme."""
    Contract.objects.select_for_update().filter(pk=contract.pk).first()
    return Contract.objects.select_related("student", "programme", "mentor").get(pk=contract.pk)


# =========================================================================================
# Mentors
# =========================================================================================
def _clean_mentor_account(actor, mentor: Mentor, account, errors: dict) -> None:
    if account is None:
        return
    if account.role != Role.MENTOR:
        errors.setdefault("user", []).append(gettext("Choose an account of the role “mentor”."))
    elif account.organisation_id != mentor.enterprise_id:
        errors.setdefault("user", []).append(gettext("Choose an account of the mentor's own enterprise."))
    elif Mentor.objects.filter(user=account).exclude(pk=mentor.pk).exists():
        errors.setdefault("user", []).append(gettext("This account already belongs to another mentor."))


@transaction.atomic
def save_mentor(actor, obj: Mentor | None = None, **fields) -> Mentor:
    """Create or change a mentor. ``user``: an existing mentor account of the same enterprise;
    ``create_account=True``: a new mentor account with an invitation sent to the mentor's e-mail."""
    if obj is None:
        _require(actor, policy.can_create_mentor(actor), gettext("You may not add mentors."))
        mentor = Mentor()
    else:
        _require(actor, policy.can_edit_mentor(actor, obj), gettext("You may not change this mentor."))
        mentor = Mentor.objects.select_for_update().get(pk=obj.pk)
    errors: dict[str, list] = {}
    for key in MENTOR_FIELDS:
        if key in fields and fields[key] is not None:
            value = fields[key]
            setattr(mentor, key, value.strip() if isinstance(value, str) else value)
    enterprise = fields.get("enterprise")
    if obj is None:
        if actor is not None and policy.own_enterprise_mentors_only(actor):
            if enterprise is not None and enterprise.pk != actor.organisation_id:
                errors["enterprise"] = [gettext("Add mentors of your own enterprise only.")]
            mentor.enterprise_id = actor.organisation_id
        elif enterprise is None:
            errors["enterprise"] = [gettext("Choose the mentor's enterprise.")]
        else:
            mentor.enterprise_id = enterprise.pk
    elif enterprise is not None and enterprise.pk != mentor.enterprise_id:
        errors["enterprise"] = [gettext("A mentor stays with his or her enterprise; add a new mentor instead.")]
    if mentor.max_trainees is not None and obj is not None:
        current = mentor.contracts.filter(status__in=OPEN_CONTRACT_STATUSES).count()
        if mentor.max_trainees < current:
            errors.setdefault("max_trainees", []).append(
                gettext("The mentor has %(n)s trainees now; the maximum cannot be lower.") % {"n": current})
    create_account = bool(fields.get("create_account"))
    if "user" in fields or create_account:
        account = fields.get("user")
        if create_account and account is not None:
            errors.setdefault("user", []).append(gettext("Choose an existing account or create one, not both."))
        elif create_account:
            email = (mentor.email or "").strip().lower()
            if not email:
                errors.setdefault("email", []).append(gettext("An account needs the mentor's e-mail."))
            elif User.objects.filter(username=email).exists() or User.objects.filter(email=email).exists():
                errors.setdefault("email", []).append(gettext("An account with this e-mail exists; choose it as "
                                                              "the mentor's account instead."))
        elif mentor.enterprise_id:
            _clean_mentor_account(actor, mentor, account, errors)
            mentor.user = account
    try:
        mentor.full_clean(exclude=["enterprise", "user"] if errors.get("enterprise") or not mentor.enterprise_id
                          else ["user"])
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    if create_account and not errors:
        try:
            mentor.user = core_services.create_user(
                actor, role=Role.MENTOR, organisation=mentor.enterprise, email=mentor.email,
                first_name=mentor.first_name, last_name=mentor.last_name, patronymic=mentor.patronymic,
                phone=mentor.phone)
        except ValidationError as exc:
            raise ValidationError({"email": exc.messages}) from exc
    mentor.save()
    return mentor


@transaction.atomic
def set_mentor_active(actor, mentor: Mentor, active: bool) -> Mentor:
    _require(actor, policy.can_edit_mentor(actor, mentor), gettext("You may not change this mentor."))
    mentor = Mentor.objects.select_for_update().get(pk=mentor.pk)
    if not active:
        current = mentor.contracts.filter(status__in=OPEN_CONTRACT_STATUSES).count()
        if current:
            raise ValidationError(gettext("The mentor has %(n)s trainees; assign them another mentor first.")
                                  % {"n": current})
    mentor.is_active = active
    mentor.save(update_fields=["is_active"])
    return mentor


@transaction.atomic
def assign_mentor(actor, contract: Contract, mentor: Mentor) -> Contract:
    """Make the mentor the trainee's mentor. The mentor's row is locked, so two assignments at once never
    give a mentor more than the maximum."""
    _require(actor, policy.can_assign_mentor(actor, contract), gettext("You may not assign this trainee's "
                                                                       "mentor."))
    mentor = Mentor.objects.select_for_update().get(pk=mentor.pk)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.status not in OPEN_CONTRACT_STATUSES:
        raise ValidationError({"mentor": [gettext("The contract is %(status)s; its mentor cannot change.")
                                          % {"status": contract.get_status_display()}]})
    if mentor.enterprise_id != contract.enterprise_id:
        raise ValidationError({"mentor": [gettext("Choose a mentor of the trainee's enterprise.")]})
    if not mentor.is_active:
        raise ValidationError({"mentor": [gettext("The mentor %(name)s is inactive.") % {"name": mentor.full_name}]})
    if contract.mentor_id == mentor.pk:
        return contract
    current = mentor.contracts.filter(status__in=OPEN_CONTRACT_STATUSES).exclude(pk=contract.pk).count()
    if current >= mentor.max_trainees:
        raise ValidationError({"mentor": [gettext("%(name)s already has %(n)s trainees, the maximum.")
                                          % {"name": mentor.full_name, "n": current}]})
    contract.mentor = mentor
    contract.save(update_fields=["mentor", "updated_at"])
    return contract


# =========================================================================================
# Before the first day
# =========================================================================================
def _past_date(value, field: str) -> dt.date:
    if not isinstance(value, dt.date):
        raise ValidationError({field: [gettext("Give the date.")]})
    if value > _today():
        raise ValidationError({field: [gettext("The date is in the future.")]})
    return value


@transaction.atomic
def record_briefing(actor, contract: Contract, *, date: dt.date, given_by: str) -> Contract:
    """The safety briefing: its date and who gave it."""
    _require(actor, policy.can_record_briefing(actor, contract), gettext("You may not record this trainee's "
                                                                         "safety briefing."))
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    date = _past_date(date, "date")
    given_by = (given_by or "").strip()
    if not given_by:
        raise ValidationError({"given_by": [gettext("Name who gave the safety briefing.")]})
    if len(given_by) > 200:
        raise ValidationError({"given_by": [gettext("At most 200 characters.")]})
    contract.safety_briefing_on, contract.safety_briefing_by = date, given_by
    contract.save(update_fields=["safety_briefing_on", "safety_briefing_by", "updated_at"])
    return contract


@transaction.atomic
def record_medical(actor, contract: Contract, *, date: dt.date, certificate: str) -> Contract:
    """The medical examination: its date and the certificate's number."""
    _require(actor, policy.can_record_medical(actor, contract), gettext("You may not record this trainee's "
                                                                        "medical examination."))
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    date = _past_date(date, "date")
    certificate = (certificate or "").strip()
    if not certificate:
        raise ValidationError({"certificate": [gettext("Give the medical certificate's number.")]})
    if len(certificate) > 100:
        raise ValidationError({"certificate": [gettext("At most 100 characters.")]})
    contract.medical_exam_on, contract.medical_exam_ref = date, certificate
    contract.save(update_fields=["medical_exam_on", "medical_exam_ref", "updated_at"])
    return contract


# =========================================================================================
# Learning outcomes
# =========================================================================================
OUTCOME_FIELDS = ("qualification", "code", "name_kk", "name_ru", "name_en", "position", "is_active")


@transaction.atomic
def save_outcome(actor, obj: LearningOutcome | None = None, **fields) -> LearningOutcome:
    _require(actor, policy.can_manage_outcomes(actor, obj), gettext("You may not change learning outcomes."))
    outcome = obj if obj is not None else LearningOutcome()
    for key in OUTCOME_FIELDS:
        if key in fields and fields[key] is not None:
            value = fields[key]
            setattr(outcome, key, value.strip() if isinstance(value, str) else value)
    outcome.code = (outcome.code or "").strip().upper()
    errors: dict[str, list] = {}
    if outcome.qualification_id and outcome.code:
        clash = LearningOutcome.objects.filter(qualification_id=outcome.qualification_id, code=outcome.code)
        if outcome.pk:
            clash = clash.exclude(pk=outcome.pk)
        if clash.exists():
            errors["code"] = [gettext("The qualification already has an outcome %(code)s.") % {"code": outcome.code}]
    try:
        outcome.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    outcome.save()
    return outcome


@transaction.atomic
def set_outcome_active(actor, outcome: LearningOutcome, active: bool) -> LearningOutcome:
    _require(actor, policy.can_manage_outcomes(actor, outcome), gettext("You may not change learning outcomes."))
    outcome.is_active = active
    outcome.save(update_fields=["is_active"])
    return outcome


# =========================================================================================
# The logbook
# =========================================================================================
def _span_hours(starts_at: dt.time, ends_at: dt.time) -> Decimal:
    minutes = (ends_at.hour * 60 + ends_at.minute) - (starts_at.hour * 60 + starts_at.minute)
    return (Decimal(minutes) / 60).quantize(ONE_DECIMAL, rounding="ROUND_FLOOR")


def gate_problem(contract: Contract) -> str | None:
    """Why no logbook entry may be written for the contract yet (None: it may)."""
    if contract.status != ContractStatus.SIGNED:
        return gettext("The contract is %(status)s, not signed: no logbook entries.") % {
            "status": contract.get_status_display()}
    missing = []
    if contract.safety_briefing_on is None:
        missing.append(gettext("the safety briefing"))
    if contract.medical_exam_on is None:
        missing.append(gettext("the medical examination"))
    if missing:
        return gettext("No logbook entry before the safety briefing and the medical examination: %(missing)s "
                       "not recorded yet.") % {"missing": ", ".join(missing)}
    return None


def _as_hours(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        hours = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise ValidationError({"hours": [gettext("Give the hours as a number, e.g. 4 or 4.5.")]}) from None
    if not hours.is_finite():
        raise ValidationError({"hours": [gettext("Give the hours as a number, e.g. 4 or 4.5.")]})
    return hours


def entry_problems(contract: Contract, *, date, starts_at, ends_at, hours, exclude_pk=None) -> dict[str, list]:
    """Every reason the entry may not be written, by field; empty when it may. ``hours`` is final here."""
    errors: dict[str, list] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    gate = gate_problem(contract)
    if gate:
        add(NON_FIELD_ERRORS, gate)
        return errors
    if not isinstance(date, dt.date):
        add("date", gettext("Give the date."))
        return errors
    if date > _today():
        add("date", gettext("The date is in the future."))
    if not contract.starts_on <= date <= contract.ends_on:
        add("date", gettext("The date lies outside the contract's period (%(start)s – %(end)s).")
            % {"start": _day(contract.starts_on), "end": _day(contract.ends_on)})
    for day, what in ((contract.safety_briefing_on, gettext("the safety briefing")),
                      (contract.medical_exam_on, gettext("the medical examination"))):
        if date < day:
            add("date", gettext("The date is before %(what)s (%(day)s).") % {"what": what, "day": _day(day)})
    if not isinstance(starts_at, dt.time) or not isinstance(ends_at, dt.time):
        add("starts_at", gettext("Give the time from and to."))
        return errors
    if ends_at <= starts_at:
        add("ends_at", gettext("The end must be after the start."))
        return errors
    span = _span_hours(starts_at, ends_at)
    if hours <= 0:
        add("hours", gettext("The hours must be more than 0."))
    elif hours != hours.quantize(ONE_DECIMAL):
        add("hours", gettext("Give the hours with at most one decimal, e.g. 4.5."))
    elif hours > span:
        add("hours", gettext("%(hours)s hours do not fit between %(from)s and %(to)s (%(span)s hours).")
            % {"hours": hours, "from": starts_at.strftime("%H:%M"), "to": ends_at.strftime("%H:%M"), "span": span})
    if errors:
        return errors
    others = LogbookEntry.objects.filter(contract=contract).exclude(status=EntryStatus.RETURNED)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    same_day = list(others.filter(date=date))
    for other in same_day:
        if starts_at < other.ends_at and ends_at > other.starts_at:
            add("starts_at", gettext("The time overlaps another entry of the same day (%(from)s – %(to)s).")
                % {"from": other.starts_at.strftime("%H:%M"), "to": other.ends_at.strftime("%H:%M")})
            break
    age = contract.student.age_on(date)
    if age < MIN_AGE:
        add("date", gettext("The trainee was %(age)s on that day: no logbook entries under 14.") % {"age": age})
        return errors
    if age >= 18:
        return errors
    if starts_at < NIGHT_ENDS or ends_at > NIGHT_STARTS:
        add("starts_at" if starts_at < NIGHT_ENDS else "ends_at",
            gettext("A trainee under 18 may not work at night (22:00 – 06:00)."))
    day_total = sum((o.hours for o in same_day), Decimal(0)) + hours
    limit = daily_limit(age)
    if day_total > limit:
        add("hours", gettext("No overtime: a trainee of %(age)s may work at most %(limit)s hours a day; this day "
                             "would have %(total)s.") % {"age": age, "limit": limit, "total": day_total})
    monday = date - dt.timedelta(days=date.weekday())
    week = others.filter(date__gte=monday, date__lte=monday + dt.timedelta(days=6))
    week_total = sum((o.hours for o in week), Decimal(0)) + hours
    limit = weekly_limit(age)
    if week_total > limit:
        add("hours", gettext("A trainee of %(age)s may work at most %(limit)s hours a week; the week of %(monday)s "
                             "would have %(total)s.") % {"age": age, "limit": limit, "monday": _day(monday),
                                                          "total": week_total})
    return errors


def _entry_fields(contract: Contract, fields: dict, entry: LogbookEntry | None) -> dict:
    """The entry's values after the change (the stored ones where a field is not given), checked by field."""
    errors: dict[str, list] = {}
    current = {"date": entry.date, "starts_at": entry.starts_at, "ends_at": entry.ends_at, "hours": entry.hours,
               "location": entry.location, "tasks": entry.tasks} if entry else {}
    values = {k: fields[k] if fields.get(k) is not None else current.get(k)
              for k in ("date", "starts_at", "ends_at", "location", "tasks")}
    hours = _as_hours(fields.get("hours"))
    if hours is None:
        if isinstance(values["starts_at"], dt.time) and isinstance(values["ends_at"], dt.time) and (
                values["ends_at"] > values["starts_at"]):
            hours = _span_hours(values["starts_at"], values["ends_at"])
            if entry is not None and "starts_at" not in fields and "ends_at" not in fields:
                hours = entry.hours
        else:
            hours = Decimal(0)
    values["hours"] = hours
    values["location"] = values["location"] or EntryLocation.ENTERPRISE
    if values["location"] not in EntryLocation.values:
        errors["location"] = [gettext("Choose the enterprise or the college.")]
    tasks = (values["tasks"] or "").strip()
    if not tasks:
        errors["tasks"] = [gettext("Describe the tasks done.")]
    elif len(tasks) > MAX_TEXT:
        errors["tasks"] = [gettext("At most %(n)s characters.") % {"n": MAX_TEXT}]
    values["tasks"] = tasks
    outcomes = fields.get("outcomes")
    if outcomes is not None:
        outcomes = list(outcomes)
        allowed = set(selectors.outcomes_of(contract).values_list("pk", flat=True))
        strangers = [o for o in outcomes if o.pk not in allowed]
        if strangers:
            errors["outcomes"] = [gettext("Choose active learning outcomes of the trainee's qualification; not: "
                                          "%(codes)s.") % {"codes": ", ".join(o.code for o in strangers)}]
    values["outcomes"] = outcomes
    problems = entry_problems(contract, date=values["date"], starts_at=values["starts_at"],
                              ends_at=values["ends_at"], hours=hours, exclude_pk=entry.pk if entry else None)
    for key, messages in problems.items():
        errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def create_entry(actor, contract: Contract, **fields) -> LogbookEntry:
    """A logbook entry by the trainee or the mentor: date, from, to, hours (the span by default), location,
    tasks and learning outcomes. Refused with the reason when it breaks a rule (see the module's docstring)."""
    _require(actor, policy.can_write_entry(actor, contract), gettext("You may not write in this logbook."))
    contract = _locked_contract(contract)
    values = _entry_fields(contract, fields, None)
    outcomes = values.pop("outcomes") or []
    entry = LogbookEntry.objects.create(contract=contract, created_by=actor, status=EntryStatus.SUBMITTED, **values)
    if outcomes:
        entry.outcomes.set(outcomes)
    return entry


@transaction.atomic
def update_entry(actor, entry: LogbookEntry, **fields) -> LogbookEntry:
    """The author corrects an entry not yet signed off; a returned entry goes back for sign-off."""
    _require(actor, policy.can_edit_entry(actor, entry), gettext("You may not change this entry."))
    contract = _locked_contract(entry.contract)
    entry = LogbookEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status == EntryStatus.SIGNED:
        raise ValidationError(gettext("The entry is signed off: it is final."))
    values = _entry_fields(contract, fields, entry)
    outcomes = values.pop("outcomes")
    for key, value in values.items():
        setattr(entry, key, value)
    entry.status = EntryStatus.SUBMITTED
    entry.save()
    if outcomes is not None:
        entry.outcomes.set(outcomes)
    return entry


def _reviewable(actor, entry: LogbookEntry) -> LogbookEntry:
    _require(actor, policy.can_review_entry(actor, entry), gettext("Only the trainee's mentor signs off the "
                                                                   "logbook."))
    entry = LogbookEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status == EntryStatus.SIGNED:
        raise ValidationError(gettext("The entry is already signed off."))
    if entry.status == EntryStatus.RETURNED:
        raise ValidationError(gettext("The entry was returned; it is reviewed again once corrected."))
    return entry


@transaction.atomic
def sign_entry(actor, entry: LogbookEntry) -> LogbookEntry:
    entry = _reviewable(actor, entry)
    entry.status, entry.reviewed_by, entry.reviewed_at = EntryStatus.SIGNED, actor, timezone.now()
    entry.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return entry


@transaction.atomic
def return_entry(actor, entry: LogbookEntry, comment: str) -> LogbookEntry:
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": [gettext("Say what to correct: a returned entry needs a comment.")]})
    if len(comment) > 1000:
        raise ValidationError({"comment": [gettext("At most %(n)s characters.") % {"n": 1000}]})
    entry = _reviewable(actor, entry)
    entry.status, entry.mentor_comment = EntryStatus.RETURNED, comment
    entry.reviewed_by, entry.reviewed_at = actor, timezone.now()
    entry.save(update_fields=["status", "mentor_comment", "reviewed_by", "reviewed_at"])
    return entry


@transaction.atomic
def sign_entries(actor, entries: list[LogbookEntry]) -> int:
    """Sign off several submitted entries at once (the mentor's page); all or none."""
    for entry in entries:
        sign_entry(actor, entry)
    return len(entries)


# =========================================================================================
# Assessments and the final result
# =========================================================================================
@transaction.atomic
def record_assessment(actor, contract: Contract, *, date, result: str, outcome: LearningOutcome | None = None,
                      score: int | None = None, comment: str = "") -> Assessment:
    _require(actor, policy.can_assess(actor, contract), gettext("Only the trainee's mentor records competency "
                                                                "assessments."))
    contract = Contract.objects.select_related("programme").get(pk=contract.pk)
    errors: dict[str, list] = {}
    if contract.status not in (ContractStatus.SIGNED, ContractStatus.COMPLETED):
        errors[NON_FIELD_ERRORS] = [gettext("The contract is %(status)s: no assessments.")
                                    % {"status": contract.get_status_display()}]
    if not isinstance(date, dt.date):
        errors["date"] = [gettext("Give the date.")]
    elif date > _today():
        errors["date"] = [gettext("The date is in the future.")]
    elif date < contract.starts_on:
        errors["date"] = [gettext("The date is before the start of training (%(day)s).")
                          % {"day": _day(contract.starts_on)}]
    if result not in AssessmentResult.values:
        errors["result"] = [gettext("Choose competent or not yet competent.")]
    if outcome is not None and outcome.qualification_id != contract.programme.qualification_id:
        errors["outcome"] = [gettext("Choose a learning outcome of the trainee's qualification.")]
    if score is not None and not 1 <= score <= 5:
        errors["score"] = [gettext("A score is from 1 to 5.")]
    comment = (comment or "").strip()
    if len(comment) > 1000:
        errors["comment"] = [gettext("At most %(n)s characters.") % {"n": 1000}]
    if errors:
        raise ValidationError(errors)
    return Assessment.objects.create(contract=contract, outcome=outcome, date=date, result=result, score=score,
                                     comment=comment, assessed_by=actor)


@transaction.atomic
def record_final_result(actor, contract: Contract, *, date, result: str, grade: int | None = None,
                        qualification=None, certificate_number: str = "", comment: str = "") -> FinalResult:
    """The final qualification result (recorded again: corrected)."""
    _require(actor, policy.can_record_final_result(actor, contract), gettext("You may not record this trainee's "
                                                                             "final result."))
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    errors: dict[str, list] = {}
    if contract.status not in (ContractStatus.SIGNED, ContractStatus.COMPLETED):
        errors[NON_FIELD_ERRORS] = [gettext("The contract is %(status)s: no final result.")
                                    % {"status": contract.get_status_display()}]
    if not isinstance(date, dt.date):
        errors["date"] = [gettext("Give the date.")]
    elif date > _today():
        errors["date"] = [gettext("The date is in the future.")]
    elif date < contract.starts_on:
        errors["date"] = [gettext("The date is before the start of training (%(day)s).")
                          % {"day": _day(contract.starts_on)}]
    if result not in FinalResultKind.values:
        errors["result"] = [gettext("Choose passed or failed.")]
    if grade is not None and not 1 <= grade <= 5:
        errors["grade"] = [gettext("A grade is from 1 to 5.")]
    certificate_number = (certificate_number or "").strip()
    if result == FinalResultKind.PASSED and not certificate_number:
        errors["certificate_number"] = [gettext("Give the certificate's number of a confirmed qualification.")]
    if len(certificate_number) > 50:
        errors["certificate_number"] = [gettext("At most %(n)s characters.") % {"n": 50}]
    comment = (comment or "").strip()
    if len(comment) > 1000:
        errors["comment"] = [gettext("At most %(n)s characters.") % {"n": 1000}]
    if errors:
        raise ValidationError(errors)
    final = FinalResult.objects.filter(contract=contract).first() or FinalResult(contract=contract)
    final.date, final.result, final.grade = date, result, grade
    final.qualification = qualification or contract.programme.qualification
    final.certificate_number, final.comment, final.recorded_by = certificate_number, comment, actor
    final.save()
    return final


# =========================================================================================
# Alerts to the college
# =========================================================================================
def check_progress(actor=None, day: dt.date | None = None) -> dict:
    """Find the trainees who have fallen behind and tell their college's dual coordinators and admins (in the
    app and by e-mail); a trainee alerted in the last 7 days is not alerted again. Returns counts."""
    _require(actor, policy.is_region_admin(actor), gettext("Only the region admin runs the progress check."))
    day = day or _today()
    signed = selectors.with_hours(Contract.objects.filter(status=ContractStatus.SIGNED))
    behind = set(selectors.behind_ids(signed, day))
    due = list(Contract.objects.filter(pk__in=behind).select_related("student", "college")
               .exclude(behind_alerted_on__gt=day - ALERT_AGAIN_AFTER).order_by("college_id", "pk"))
    if not due:
        return {"behind": len(behind), "alerted": 0, "notified": 0}
    staff: dict[int, list] = {}
    for user in User.objects.filter(organisation_id__in={c.college_id for c in due}, is_active=True,
                                    role__in=[Role.COLLEGE_ADMIN, Role.DUAL_COORDINATOR]):
        staff.setdefault(user.organisation_id, []).append(user)
    notes, mails = [], []
    base = settings.KASIP_BASE_URL.rstrip("/")
    with transaction.atomic():
        for contract in due:
            url = reverse("trainees-detail", args=[contract.pk])
            progress = selectors.progress_of(contract, day)
            text = gettext("%(student)s is behind in dual training: %(signed)s of %(expected)s hours expected by "
                           "%(day)s signed off.") % {"student": contract.student.full_name,
                                                      "signed": progress.signed_enterprise,
                                                      "expected": progress.expected, "day": _day(day)}
            for user in staff.get(contract.college_id, []):
                notes.append(Notification(user=user, text=text[:500], url=url))
                if user.email:
                    mails.append(EmailMessage(gettext("A trainee is behind"), f"{text}\n\n{base}{url}",
                                              to=[user.email]))
        Notification.objects.bulk_create(notes, batch_size=2000)
        Contract.objects.filter(pk__in=[c.pk for c in due]).update(behind_alerted_on=day)
    if mails:
        try:
            get_connection().send_messages(mails)
        except Exception:  # the in-app notification is the record; a mail server down must not undo it
            log.exception("progress check: the e-mails were not sent")
    return {"behind": len(behind), "alerted": len(due), "notified": len(notes)}


__all__ = [
    "MAX_TRAINEES_PER_MENTOR", "assign_mentor", "check_progress", "create_entry", "daily_limit", "entry_problems",
    "gate_problem", "record_assessment", "record_briefing", "record_final_result", "record_medical",
    "return_entry", "save_mentor", "save_outcome", "set_mentor_active", "set_outcome_active", "sign_entries",
    "sign_entry", "update_entry", "weekly_limit",
]
