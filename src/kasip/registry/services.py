"""Writes of the registry: one function per use case, each in a transaction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from . import policy
from .models import College

COLLEGE_FIELDS = ("bin", "name_kk", "name_ru", "name_en", "district", "ownership", "languages",
                  "nobd_id", "address", "phone", "email", "website")


def _apply(college: College, fields: dict) -> None:
    for key in COLLEGE_FIELDS:
        if key in fields:
            setattr(college, key, fields[key])
    if college.nobd_id == "":
        college.nobd_id = None
    if isinstance(college.languages, list | tuple):
        college.languages = ",".join(college.languages)


@transaction.atomic
def create_college(actor, **fields) -> College:
    if not policy.can_create_college(actor):
        raise PermissionDenied(_("You may not add colleges."))
    college = College()
    _apply(college, fields)
    college.full_clean()
    college.save()
    return college


@transaction.atomic
def update_college(actor, college: College, **fields) -> College:
    if not policy.can_edit_college(actor, college):
        raise PermissionDenied(_("You may not change this college."))
    if "bin" in fields and fields["bin"] != college.bin and not policy.can_create_college(actor):
        raise PermissionDenied(_("Only the region admin may change a college's BIN."))
    _apply(college, fields)
    college.full_clean()
    college.save()
    return college


@transaction.atomic
def set_college_active(actor, college: College, active: bool) -> College:
    if not policy.can_deactivate_college(actor, college):
        raise PermissionDenied(_("You may not deactivate colleges."))
    college.is_active = active
    college.save()
    return college
