"""Writes of workforce needs: one function per use case, each in a transaction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from kasip.registry.models import College, Enterprise

from . import policy, selectors
from .models import Agreement, AgreementStatus, WorkforceNeed

NEED_FIELDS = ("enterprise", "occupation_title", "occupation_code", "qualification", "skill_level", "count", "year",
               "district", "comment")
MAX_COUNT = 100_000  # people in one need: far above any enterprise's declaration, below absurd figures


def own_enterprise(actor) -> Enterprise:
    enterprise = Enterprise.objects.filter(pk=actor.organisation_id).first()
    if enterprise is None:
        raise PermissionDenied(_("Your account is not attached to an enterprise."))
    return enterprise


def prepare_need(need: WorkforceNeed, fields: dict) -> WorkforceNeed:
    """Apply the fields, validate the need and refuse a second need with the same key."""
    for key in NEED_FIELDS:
        if key in fields:
            value = fields[key]
            setattr(need, key, value.strip() if isinstance(value, str) else value)
    errors = {}
    if need.count is not None and need.count > MAX_COUNT:
        errors["count"] = [_("Give a number of people from 1 to %(max)s.") % {"max": MAX_COUNT}]
    try:
        need.full_clean()
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    if not errors and selectors.same_need(need).exists():
        errors["occupation_title"] = [_("The enterprise already declared this occupation for %(year)s in this "
                                        "district; change that need instead.") % {"year": need.year}]
    if errors:
        raise ValidationError(errors)
    return need


@transaction.atomic
def save_need(actor, obj: WorkforceNeed | None = None, **fields) -> WorkforceNeed:
    if obj is None:
        if not policy.can_create_need(actor):
            raise PermissionDenied(_("You may not declare workforce needs."))
    elif not policy.can_edit_need(actor, obj):
        raise PermissionDenied(_("You may not change this workforce need."))
    if policy.own_enterprise_only(actor):
        fields["enterprise"] = own_enterprise(actor)
    need = prepare_need(obj or WorkforceNeed(), fields)
    need.save()
    return need


@transaction.atomic
def set_need_active(actor, need: WorkforceNeed, active: bool) -> WorkforceNeed:
    if not policy.can_deactivate_need(actor, need):
        raise PermissionDenied(_("You may not change this workforce need."))
    need.is_active = active
    need.save(update_fields=["is_active"])
    return need


# --- partnership agreements -------------------------------------------------------------
AGREEMENT_FIELDS = ("college", "enterprise", "kind", "number", "signed_on", "valid_from", "valid_until", "status",
                    "students_covered", "subject")
# The status an agreement may move to from each status (terminated is final; an expired agreement may be
# prolonged).
STATUS_CHANGES = {
    AgreementStatus.DRAFT: {AgreementStatus.ACTIVE, AgreementStatus.TERMINATED},
    AgreementStatus.ACTIVE: {AgreementStatus.SUSPENDED, AgreementStatus.EXPIRED, AgreementStatus.TERMINATED},
    AgreementStatus.SUSPENDED: {AgreementStatus.ACTIVE, AgreementStatus.EXPIRED, AgreementStatus.TERMINATED},
    AgreementStatus.EXPIRED: {AgreementStatus.ACTIVE},
    AgreementStatus.TERMINATED: set(),
}


def own_college(actor) -> College:
    college = College.objects.filter(pk=actor.organisation_id).first()
    if college is None:
        raise PermissionDenied(_("Your account is not attached to a college."))
    return college


def status_problem(actor, agreement: Agreement, old_status: str | None) -> str | None:
    """Why the actor may not give the agreement its (new) status, or None."""
    new = agreement.status
    if new not in AgreementStatus.values:
        return None  # full_clean names the bad choice
    if old_status is None:
        if new == AgreementStatus.DRAFT or policy.can_change_agreement_status(actor, agreement):
            return None
        return _("Only the region admin and the college's admin set an agreement's status; save it as a draft.")
    if new == old_status:
        return None
    if not policy.can_change_agreement_status(actor, agreement):
        return _("Only the region admin and the college's admin change an agreement's status.")
    if new not in STATUS_CHANGES.get(old_status, set()):
        return _("An agreement cannot go from “%(old)s” to “%(new)s”.") % {
            "old": AgreementStatus(old_status).label, "new": AgreementStatus(new).label}
    return None


def _document(agreement: Agreement, value) -> str | None:
    """Apply the form's or the import's document value; return the name of a replaced file to delete."""
    if value is False:  # "clear" ticked
        old = agreement.document.name or None
        agreement.document = None
        return old
    if isinstance(value, File) and not isinstance(value, FieldFile):  # a new upload
        old = agreement.document.name or None
        agreement.document = value
        return old
    return None  # unchanged


def prepare_agreement(actor, agreement: Agreement, fields: dict) -> Agreement:
    """Apply the fields, validate the agreement (dates, status, document) and refuse a duplicate number."""
    old_status = agreement.status if agreement.pk else None
    for key in AGREEMENT_FIELDS:
        if key in fields:
            value = fields[key]
            setattr(agreement, key, value.strip() if isinstance(value, str) else value)
    if agreement.status in (None, ""):
        agreement.status = old_status or AgreementStatus.DRAFT
    errors: dict[str, list] = {}
    problem = status_problem(actor, agreement, old_status)
    if problem:
        errors["status"] = [problem]
    try:
        agreement.full_clean(exclude=["status"] if problem else None)  # a second number too (validate_constraints)
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return agreement


@transaction.atomic
def save_agreement(actor, obj: Agreement | None = None, **fields) -> Agreement:
    if obj is None:
        if not policy.can_create_agreement(actor):
            raise PermissionDenied(_("You may not record partnership agreements."))
    elif not policy.can_edit_agreement(actor, obj):
        raise PermissionDenied(_("You may not change this agreement."))
    if policy.own_college_only(actor):
        fields["college"] = own_college(actor)
    agreement = obj or Agreement()
    replaced = _document(agreement, fields.pop("document", None))
    agreement = prepare_agreement(actor, agreement, fields)
    agreement.save()
    if replaced and replaced != agreement.document.name:
        storage = agreement._meta.get_field("document").storage
        transaction.on_commit(lambda: storage.delete(replaced))
    return agreement
