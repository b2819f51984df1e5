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


# --- partnership agreements -------------------------------------------------------------
# The region's staff read every agreement; a college's staff its college's; an enterprise's HR its
# enterprise's. The region admin and a college's staff keep them (a college's, forced to their own);
# only the region admin and the college's admin change an agreement's status.
AGREEMENT_READERS = {Role.REGION_ADMIN, Role.ANALYST}
COLLEGE_STAFF = {Role.COLLEGE_ADMIN, Role.DUAL_COORDINATOR}


def is_college_staff(user) -> bool:
    """A college's admin or dual-training coordinator with the college: limited to that college."""
    return role_of(user) in COLLEGE_STAFF and user.organisation_id is not None


def can_list_agreements(user) -> bool:
    return role_of(user) in AGREEMENT_READERS or is_college_staff(user) or is_enterprise_hr(user)


def agreements_scope(user, queryset):
    if role_of(user) in AGREEMENT_READERS:
        return queryset
    if is_college_staff(user):
        return queryset.filter(college_id=user.organisation_id)
    if is_enterprise_hr(user):
        return queryset.filter(enterprise_id=user.organisation_id)
    return queryset.none()


def can_view_agreement(user, agreement) -> bool:
    if role_of(user) in AGREEMENT_READERS:
        return True
    if is_college_staff(user):
        return agreement.college_id == user.organisation_id
    return is_enterprise_hr(user) and agreement.enterprise_id == user.organisation_id


def can_download_document(user, agreement) -> bool:
    """The signed document goes to whoever may read the agreement, and to no one else."""
    return can_view_agreement(user, agreement)


def can_create_agreement(user) -> bool:
    return is_region_admin(user) or is_college_staff(user)


def can_edit_agreement(user, agreement) -> bool:
    return is_region_admin(user) or (is_college_staff(user) and agreement.college_id == user.organisation_id)


def can_change_agreement_status(user, agreement=None) -> bool:
    """Activate, suspend, terminate: the region admin, or the admin of the agreement's college (of the user's
    own college for a new agreement)."""
    if is_region_admin(user):
        return True
    if role_of(user) != Role.COLLEGE_ADMIN or user.organisation_id is None:
        return False
    return agreement is None or agreement.college_id is None or agreement.college_id == user.organisation_id


def can_import_agreements(user) -> bool:
    return can_create_agreement(user)


def can_export_agreements(user) -> bool:
    return can_list_agreements(user)


def own_college_only(user) -> bool:
    """True when the user's agreements are forced to the user's own college."""
    return not is_region_admin(user)


def can_view_network(user) -> bool:
    """The partner network: aggregates, scoped like the agreements."""
    return can_list_agreements(user)
