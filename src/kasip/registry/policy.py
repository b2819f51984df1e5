"""Who may see and do what in the registry (colleges for now)."""

from kasip.core.models import Role
from kasip.core.policy import role_of


def can_view_colleges(user) -> bool:
    return True  # the colleges directory is public


def can_create_college(user) -> bool:
    return role_of(user) == Role.REGION_ADMIN


def can_import_colleges(user) -> bool:
    return role_of(user) == Role.REGION_ADMIN


def can_edit_college(user, college) -> bool:
    role = role_of(user)
    if role == Role.REGION_ADMIN:
        return True
    return role == Role.COLLEGE_ADMIN and user.organisation_id == college.pk


def can_deactivate_college(user, college) -> bool:
    return role_of(user) == Role.REGION_ADMIN


def can_export_colleges(user) -> bool:
    return role_of(user) is not None


def can_see_inactive_colleges(user) -> bool:
    return role_of(user) in {Role.REGION_ADMIN, Role.ANALYST}
