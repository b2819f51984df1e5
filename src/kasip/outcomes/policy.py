"""Who may see and do what with graduations and graduates' employment records.

A graduation and an employment record name a student: they are personal data. The region admin
sees every one, a college's staff its own college's, a student his or her own; every staff read
is audited. The figures of graduate outcomes (rates with their counts and intervals) are public;
everyone but the region admin sees them with small cells suppressed. Analysts get those aggregates
only, never the records.
"""

from __future__ import annotations

from kasip.core.models import Role
from kasip.core.policy import role_of

COLLEGE_STAFF = {Role.COLLEGE_ADMIN, Role.DUAL_COORDINATOR}


def is_region_admin(user) -> bool:
    return role_of(user) == Role.REGION_ADMIN


def _own_college(user, college_id) -> bool:
    return user.organisation_id is not None and user.organisation_id == college_id


def can_list_graduations(user) -> bool:
    return role_of(user) in {Role.REGION_ADMIN, Role.STUDENT, *COLLEGE_STAFF}


def graduations_scope(user, queryset):
    role = role_of(user)
    if role == Role.REGION_ADMIN:
        return queryset
    if role in COLLEGE_STAFF and user.organisation_id is not None:
        return queryset.filter(student__college_id=user.organisation_id)
    if role == Role.STUDENT:
        return queryset.filter(student__user_id=user.pk)
    return queryset.none()


def can_view_graduation(user, graduation) -> bool:
    role = role_of(user)
    if role == Role.REGION_ADMIN:
        return True
    if role in COLLEGE_STAFF:
        return _own_college(user, graduation.student.college_id)
    if role == Role.STUDENT:
        return graduation.student.user_id == user.pk
    return False


def can_create_graduation(user) -> bool:
    return is_region_admin(user) or (role_of(user) == Role.COLLEGE_ADMIN and user.organisation_id is not None)


def can_graduate(user, student) -> bool:
    """May the user record this student's graduation?"""
    return is_region_admin(user) or (role_of(user) == Role.COLLEGE_ADMIN and _own_college(user, student.college_id))


def students_scope(user, queryset):
    """Students whose graduation the user may record."""
    if is_region_admin(user):
        return queryset
    if role_of(user) == Role.COLLEGE_ADMIN and user.organisation_id is not None:
        return queryset.filter(college_id=user.organisation_id)
    return queryset.none()


def can_edit_graduation(user, graduation) -> bool:
    return can_graduate(user, graduation.student)


def can_import_graduations(user) -> bool:
    return can_create_graduation(user)


def can_export_graduations(user) -> bool:
    """Staff who see graduations export them; a student opens his or her own record instead."""
    return role_of(user) in {Role.REGION_ADMIN, *COLLEGE_STAFF}


# --- employment records ---------------------------------------------------------------
def can_list_employment(user) -> bool:
    return can_list_graduations(user)


def employment_scope(user, queryset):
    role = role_of(user)
    if role == Role.REGION_ADMIN:
        return queryset
    if role in COLLEGE_STAFF and user.organisation_id is not None:
        return queryset.filter(graduation__student__college_id=user.organisation_id)
    if role == Role.STUDENT:
        return queryset.filter(graduation__student__user_id=user.pk)
    return queryset.none()


def can_view_employment(user, record) -> bool:
    return can_view_graduation(user, record.graduation)


def can_create_employment(user) -> bool:
    return can_create_graduation(user)


def can_record_employment(user, graduation) -> bool:
    """May the user record this graduate's employment?"""
    return can_graduate(user, graduation.student)


def graduations_for_employment(user, queryset):
    """Graduations whose employment the user may record."""
    if is_region_admin(user):
        return queryset
    if role_of(user) == Role.COLLEGE_ADMIN and user.organisation_id is not None:
        return queryset.filter(student__college_id=user.organisation_id)
    return queryset.none()


def can_edit_employment(user, record) -> bool:
    return can_record_employment(user, record.graduation)


def can_import_employment(user) -> bool:
    return can_create_employment(user)


def can_export_employment(user) -> bool:
    return can_export_graduations(user)


# --- figures of graduate outcomes (aggregates) ----------------------------------------
def can_view_outcome_figures(user) -> bool:
    """Everyone, the public included: the figures name no one."""
    return True


def sees_small_cells(user) -> bool:
    """Only the region admin, who may read every record behind them, sees cells under the threshold."""
    return is_region_admin(user)
