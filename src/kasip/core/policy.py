"""Who may see and do what with users, the audit log and jobs.

The one place these decisions are made: views, the API, exports and the CLI call it.
Analysts and the public never see personal data (names with IIN, contacts).
"""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Job, Role

STAFF_ROLES = {Role.REGION_ADMIN, Role.COLLEGE_ADMIN, Role.DUAL_COORDINATOR, Role.ENTERPRISE_HR}

# Roles an organisation's own admin may give to accounts of that organisation.
MANAGEABLE_ROLES = {
    Role.REGION_ADMIN: set(Role),
    Role.COLLEGE_ADMIN: {Role.COLLEGE_ADMIN, Role.DUAL_COORDINATOR, Role.STUDENT},
    Role.ENTERPRISE_HR: {Role.ENTERPRISE_HR, Role.MENTOR},
}


def role_of(user) -> str | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return user.role


def is_region_admin(user) -> bool:
    return role_of(user) == Role.REGION_ADMIN


def sees_personal_data(user) -> bool:
    return role_of(user) in STAFF_ROLES


# --- users ----------------------------------------------------------------------------
def can_manage_users(user) -> bool:
    return role_of(user) in MANAGEABLE_ROLES


def manageable_roles(user) -> set[str]:
    return set(MANAGEABLE_ROLES.get(role_of(user), set()))


def users_visible_to(user, queryset: QuerySet) -> QuerySet:
    role = role_of(user)
    if role == Role.REGION_ADMIN:
        return queryset
    if role in MANAGEABLE_ROLES and user.organisation_id:
        return queryset.filter(organisation_id=user.organisation_id)
    return queryset.none()


def can_view_user(user, target) -> bool:
    role = role_of(user)
    if role is None:
        return False
    if target.pk == user.pk:
        return True
    if role == Role.REGION_ADMIN:
        return True
    return role in MANAGEABLE_ROLES and user.organisation_id and target.organisation_id == user.organisation_id


def can_create_user(user, role: str, organisation) -> bool:
    actor_role = role_of(user)
    if actor_role not in MANAGEABLE_ROLES or role not in MANAGEABLE_ROLES[actor_role]:
        return False
    if actor_role == Role.REGION_ADMIN:
        return True
    return organisation is not None and organisation.pk == user.organisation_id


def can_edit_user(user, target) -> bool:
    if role_of(user) is None:
        return False
    if role_of(user) == Role.REGION_ADMIN:
        return True
    return (
        can_manage_users(user)
        and target.pk != user.pk
        and target.organisation_id == user.organisation_id
        and target.role in manageable_roles(user)
    )


# --- audit log ------------------------------------------------------------------------
def can_view_audit(user) -> bool:
    return role_of(user) == Role.REGION_ADMIN


# --- background jobs ------------------------------------------------------------------
def jobs_visible_to(user, queryset: QuerySet) -> QuerySet:
    role = role_of(user)
    if role == Role.REGION_ADMIN:
        return queryset
    if role is None:
        return queryset.none()
    return queryset.filter(created_by=user)


def can_view_job(user, job: Job) -> bool:
    role = role_of(user)
    return role == Role.REGION_ADMIN or (role is not None and job.created_by_id == user.pk)


def can_use_api_tokens(user) -> bool:
    return role_of(user) is not None
