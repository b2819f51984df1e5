"""Writes of workforce needs: one function per use case, each in a transaction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kasip.registry.models import Enterprise

from . import policy, selectors
from .models import WorkforceNeed

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
