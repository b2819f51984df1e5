"""Who may see and do what with partnerships and workforce needs.

Workforce needs are not personal data: the region's staff and the colleges read all of them
(colleges plan their intake against them); an enterprise's HR reads and keeps its own.
"""

from __future__ import annotations

from kasip.core.models import Role
from kasip.core.policy import role_of

# Roles that read every enterprise's needs.
NEED_READERS = {Role.REGION_ADMIN, Role.ANALYST, Role.COLLEGE_ADMIN, Role.DUAL_COORDINATOR}


def is_region_admin(user) -> bool:
    return role_of(user) == Role.REGION_ADMIN


def is_enterprise_hr(user) -> bool:
    """An enterprise's HR with its enterprise: limited to that enterprise's needs."""
    return role_of(user) == Role.ENTERPRISE_HR and user.organisation_id is not None


def can_list_needs(user) -> bool:
    return role_of(user) in NEED_READERS or is_enterprise_hr(user)


def needs_scope(user, queryset):
    if role_of(user) in NEED_READERS:
        return queryset
    if is_enterprise_hr(user):
        return queryset.filter(enterprise_id=user.organisation_id)
    return queryset.none()


def can_view_need(user, need) -> bool:
    if role_of(user) in NEED_READERS:
        return True
    return is_enterprise_hr(user) and need.enterprise_id == user.organisation_id


def can_create_need(user) -> bool:
    return is_region_admin(user) or is_enterprise_hr(user)


def can_edit_need(user, need) -> bool:
    return is_region_admin(user) or (is_enterprise_hr(user) and need.enterprise_id == user.organisation_id)


def can_deactivate_need(user, need) -> bool:
    return can_edit_need(user, need)


def can_import_needs(user) -> bool:
    return can_create_need(user)


def can_export_needs(user) -> bool:
    return can_list_needs(user)


def own_enterprise_only(user) -> bool:
    """True when the user's writes are forced to the user's own enterprise."""
    return not is_region_admin(user)
