"""Who may see and do what with mentors, trainees, the logbook, assessments and final results.

* An enterprise's HR keeps its own enterprise's mentors (list, create, edit, deactivate), assigns them to its
  trainees, records the safety briefing and the medical examination and sees its trainees' logbooks.
* A mentor sees only his or her own trainees (the contracts whose mentor's account is the mentor's): writes
  logbook entries for them, signs entries off or returns them, records the safety briefing and competency
  assessments.
* A college's admin and dual-training coordinator see their college's trainees with their progress, record
  the medical examination and the final qualification result, and keep the learning outcomes.
* A student sees his or her own contract's page and keeps his or her own logbook.
* The region admin sees everything and keeps mentors, learning outcomes and final results.
* Analysts, customers and the public: none of the personal pages.
"""

from __future__ import annotations

from kasip.core.models import Role
from kasip.core.policy import role_of

from .places import COLLEGE_STAFF, is_college_staff, is_enterprise_hr, is_region_admin

TRAINEE_STAFF = {Role.REGION_ADMIN, *COLLEGE_STAFF, Role.ENTERPRISE_HR}
OUTCOME_READERS = {Role.REGION_ADMIN, Role.ANALYST, *COLLEGE_STAFF, Role.ENTERPRISE_HR, Role.MENTOR, Role.STUDENT}


def is_mentor(user) -> bool:
    return role_of(user) == Role.MENTOR


def mentor_of(user):
    """The mentor record linked to a mentor's account, or None."""
    if not is_mentor(user):
        return None
    from ..models import Mentor

    return Mentor.objects.filter(user_id=user.pk).select_related("enterprise").first()


def _own_college(user, contract) -> bool:
    return is_college_staff(user) and contract.college_id == user.organisation_id


def _own_enterprise(user, contract) -> bool:
    return is_enterprise_hr(user) and contract.enterprise_id == user.organisation_id


def is_own_mentor(user, contract) -> bool:
    """The user is the mentor of the contract (through the mentor record's account)."""
    if not is_mentor(user) or contract.mentor_id is None:
        return False
    return contract.mentor.user_id == user.pk


def is_own_student(user, contract) -> bool:
    return role_of(user) == Role.STUDENT and contract.student.user_id == user.pk


# --- mentors -----------------------------------------------------------------------------
def can_list_mentors(user) -> bool:
    return is_region_admin(user) or is_enterprise_hr(user)


def mentors_scope(user, queryset):
    if is_region_admin(user):
        return queryset
    if is_enterprise_hr(user):
        return queryset.filter(enterprise_id=user.organisation_id)
    return queryset.none()


def can_view_mentor(user, mentor) -> bool:
    return is_region_admin(user) or (is_enterprise_hr(user) and mentor.enterprise_id == user.organisation_id)


def can_create_mentor(user) -> bool:
    return is_region_admin(user) or is_enterprise_hr(user)


def can_edit_mentor(user, mentor) -> bool:
    return can_view_mentor(user, mentor)


def own_enterprise_mentors_only(user) -> bool:
    return not is_region_admin(user)


def can_view_mentor_page(user) -> bool:
    """The mentor's own page: trainees, entries to sign off, assessments to do."""
    return is_mentor(user)


# --- trainees (contracts seen from the logbook's side) ------------------------------------
def can_list_trainees(user) -> bool:
    return is_region_admin(user) or is_college_staff(user) or is_enterprise_hr(user) or is_mentor(user)


def trainees_scope(user, queryset):
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


def can_view_trainee(user, contract) -> bool:
    return (is_region_admin(user) or _own_college(user, contract) or _own_enterprise(user, contract)
            or is_own_mentor(user, contract) or is_own_student(user, contract))


def can_assign_mentor(user, contract) -> bool:
    return is_region_admin(user) or _own_enterprise(user, contract)


def can_record_briefing(user, contract) -> bool:
    """The safety briefing: the enterprise's HR or the trainee's mentor (and the region admin)."""
    return is_region_admin(user) or _own_enterprise(user, contract) or is_own_mentor(user, contract)


def can_record_medical(user, contract) -> bool:
    """The medical examination: the college's staff or the enterprise's HR (and the region admin)."""
    return is_region_admin(user) or _own_college(user, contract) or _own_enterprise(user, contract)


def can_export_logbooks(user) -> bool:
    """Several trainees' logbooks at once: the region admin, a college's staff, an enterprise's HR."""
    return is_region_admin(user) or is_college_staff(user) or is_enterprise_hr(user)


# --- the logbook -------------------------------------------------------------------------
def can_write_entry(user, contract) -> bool:
    """The student (own contract) and the mentor (own trainees) write logbook entries."""
    return is_own_student(user, contract) or is_own_mentor(user, contract)


def can_edit_entry(user, entry) -> bool:
    """The entry's author corrects it while it is not signed off (a returned entry is resubmitted)."""
    return entry.created_by_id == user.pk and can_write_entry(user, entry.contract)


def can_review_entry(user, entry) -> bool:
    """The trainee's mentor signs entries off or returns them."""
    return is_own_mentor(user, entry.contract)


# --- assessments and the final result ----------------------------------------------------
def can_assess(user, contract) -> bool:
    return is_own_mentor(user, contract)


def can_record_final_result(user, contract) -> bool:
    return is_region_admin(user) or _own_college(user, contract)


# --- learning outcomes -------------------------------------------------------------------
def can_list_outcomes(user) -> bool:
    return role_of(user) in OUTCOME_READERS


def can_view_outcome(user, outcome=None) -> bool:
    return can_list_outcomes(user)


def can_manage_outcomes(user, outcome=None) -> bool:
    return is_region_admin(user) or is_college_staff(user)
