"""Who may see and do what with tripartite contracts, their signatures and the orders.

* The region admin: reads and manages every contract and order; signs for no party (a signature belongs
  to its party).
* A college's admin and dual-training coordinator: their college's contracts (accept placements for their
  students, place whole groups, edit drafts, send for signature, sign for the college, record the guardian's
  signed scan, complete and terminate), the college's orders sending students.
* An enterprise's HR: their enterprise's contracts (read, sign for the enterprise), the enterprise's orders
  appointing mentors.
* A mentor: the contracts where he or she is the mentor, read only.
* A student: his or her own contracts (accept the offered place, sign).
* Analysts (aggregates only), customers and the public: none of it.
"""

from __future__ import annotations

from kasip.core.models import Role
from kasip.core.policy import role_of

from ..models import ContractStatus, OrderKind, Party
from .places import COLLEGE_STAFF, is_college_staff, is_enterprise_hr, is_region_admin, is_student

CONTRACT_READERS = {Role.REGION_ADMIN, *COLLEGE_STAFF, Role.ENTERPRISE_HR, Role.MENTOR, Role.STUDENT}
ORDER_READERS = {Role.REGION_ADMIN, *COLLEGE_STAFF, Role.ENTERPRISE_HR}

__all__ = [
    "CONTRACT_READERS",
    "ORDER_READERS",
    "can_accept_placement",
    "can_create_order",
    "can_download_scan",
    "can_download_scans",
    "can_edit_contract",
    "can_export_contracts",
    "can_list_contracts",
    "can_list_orders",
    "can_manage_contract",
    "can_place_group",
    "can_sign",
    "can_sign_any",
    "can_view_contract",
    "can_view_order",
    "contract_is_open",
    "contracts_scope",
    "may_issue_order_for",
    "order_kinds_for",
    "orders_scope",
    "reads_personal_record",
    "signable_parties",
]


def _own_college(user, college_id) -> bool:
    return is_college_staff(user) and college_id == user.organisation_id


def _own_enterprise(user, enterprise_id) -> bool:
    return is_enterprise_hr(user) and enterprise_id == user.organisation_id


def _is_mentor_of(user, contract) -> bool:
    return (role_of(user) == Role.MENTOR and contract.mentor_id is not None
            and contract.mentor.user_id == user.pk)


def _is_student_of(user, contract) -> bool:
    return is_student(user) and contract.student.user_id == user.pk


# --- contracts ---------------------------------------------------------------------------
def can_list_contracts(user) -> bool:
    return role_of(user) in CONTRACT_READERS


def contracts_scope(user, queryset):
    role = role_of(user)
    if role == Role.REGION_ADMIN:
        return queryset
    if is_college_staff(user):
        return queryset.filter(college_id=user.organisation_id)
    if is_enterprise_hr(user):
        return queryset.filter(enterprise_id=user.organisation_id)
    if role == Role.MENTOR:
        return queryset.filter(mentor__user_id=user.pk)
    if role == Role.STUDENT:
        return queryset.filter(student__user_id=user.pk)
    return queryset.none()


def can_view_contract(user, contract) -> bool:
    return (is_region_admin(user) or _own_college(user, contract.college_id)
            or _own_enterprise(user, contract.enterprise_id) or _is_mentor_of(user, contract)
            or _is_student_of(user, contract))


def reads_personal_record(user, contract) -> bool:
    """Staff opening a contract read a student's personal record (audited); the student does not."""
    return not _is_student_of(user, contract)


def can_accept_placement(user, placement) -> bool:
    """The student accepting his or her own offered place, the college's staff, the region admin."""
    if is_region_admin(user):
        return True
    if is_student(user):
        return placement.student.user_id == user.pk
    return _own_college(user, placement.student.college_id)


def can_place_group(user, group=None) -> bool:
    if is_region_admin(user):
        return True
    return is_college_staff(user) and (group is None or group.college_id == user.organisation_id)


def can_edit_contract(user, contract) -> bool:
    """The contract's contents (a draft): its college's staff and the region admin."""
    return is_region_admin(user) or _own_college(user, contract.college_id)


def can_manage_contract(user, contract) -> bool:
    """Send for signature, complete, terminate: its college's staff and the region admin."""
    return can_edit_contract(user, contract)


def can_export_contracts(user) -> bool:
    return is_region_admin(user) or is_college_staff(user) or is_enterprise_hr(user)


# --- signatures --------------------------------------------------------------------------
def can_sign(user, contract, party: str) -> bool:
    """Whether the user may record the signature of that party: each party signs for itself (the student with
    his or her own account, the college by its staff, the enterprise by its HR); a minor's guardian has no
    account: the college's staff record the guardian's signed scan or ЭЦП, or the student's account submits
    the guardian's ЭЦП."""
    if party == Party.STUDENT:
        return _is_student_of(user, contract)
    if party == Party.COLLEGE:
        return _own_college(user, contract.college_id)
    if party == Party.ENTERPRISE:
        return _own_enterprise(user, contract.enterprise_id)
    if party == Party.GUARDIAN:
        return _own_college(user, contract.college_id) or _is_student_of(user, contract)
    return False


def signable_parties(user, contract) -> list[str]:
    return [p for p in Party.values if can_sign(user, contract, p)]


def can_sign_any(user, contract) -> bool:
    return bool(signable_parties(user, contract))


def can_download_scans(user, contract) -> bool:
    """The signed scans: whoever reads the contract, except its mentor."""
    return can_view_contract(user, contract) and role_of(user) != Role.MENTOR


def can_download_scan(user, signature) -> bool:
    return can_download_scans(user, signature.contract)


def contract_is_open(contract) -> bool:
    return contract.status in (ContractStatus.DRAFT, ContractStatus.SIGNING, ContractStatus.SIGNED)


# --- orders ------------------------------------------------------------------------------
def can_list_orders(user) -> bool:
    return role_of(user) in ORDER_READERS and (is_region_admin(user) or user.organisation_id is not None)


def orders_scope(user, queryset):
    if is_region_admin(user):
        return queryset
    if is_college_staff(user):
        return queryset.filter(college_id=user.organisation_id)
    if is_enterprise_hr(user):
        return queryset.filter(enterprise_id=user.organisation_id)
    return queryset.none()


def can_view_order(user, order) -> bool:
    return (is_region_admin(user) or _own_college(user, order.college_id)
            or _own_enterprise(user, order.enterprise_id))


def can_create_order(user, kind: str | None = None) -> bool:
    """The college's order sending students: its staff; the enterprise's order appointing mentors: its HR."""
    if is_region_admin(user):
        return True
    if kind is None:
        return is_college_staff(user) or is_enterprise_hr(user)
    if kind == OrderKind.SENDING:
        return is_college_staff(user)
    if kind == OrderKind.MENTORS:
        return is_enterprise_hr(user)
    return False


def order_kinds_for(user) -> list[str]:
    return [k for k in OrderKind.values if can_create_order(user, k)]


def may_issue_order_for(user, kind: str, college_id, enterprise_id) -> bool:
    if is_region_admin(user):
        return True
    if kind == OrderKind.SENDING:
        return _own_college(user, college_id)
    return _own_enterprise(user, enterprise_id)
