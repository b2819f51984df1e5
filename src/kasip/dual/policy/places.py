"""Who may see and do what with training places, preferences and matching rounds.

* An enterprise's HR keeps its own enterprise's places (create, edit, publish, withdraw) and sees their
  applicants.
* A college's admin and dual-training coordinator approve places of any enterprise, see the applicants of
  every place among their own students, set their students' scores and manage the rounds of their college.
* The region admin does everything, including rounds of the whole region.
* A student sees the approved places, keeps his or her own ranked list and sees his or her own placement.
* An analyst sees the rounds and their statistics, never a name.
* Mentors, customers and the public: none of it.
"""

from __future__ import annotations

from kasip.core.models import Role
from kasip.core.policy import role_of

from ..models import PlaceStatus, RoundScope

COLLEGE_STAFF = {Role.COLLEGE_ADMIN, Role.DUAL_COORDINATOR}
PLACE_READERS = {Role.REGION_ADMIN, *COLLEGE_STAFF, Role.ENTERPRISE_HR, Role.STUDENT}


def is_region_admin(user) -> bool:
    return role_of(user) == Role.REGION_ADMIN


def is_college_staff(user) -> bool:
    return role_of(user) in COLLEGE_STAFF and user.organisation_id is not None


def is_enterprise_hr(user) -> bool:
    return role_of(user) == Role.ENTERPRISE_HR and user.organisation_id is not None


def is_student(user) -> bool:
    return role_of(user) == Role.STUDENT


def student_record(user):
    """The student record of a student's account, or None."""
    if not is_student(user):
        return None
    from kasip.registry.models import Student

    return Student.objects.select_related("college", "group__programme").filter(user_id=user.pk).first()


def _own_enterprise(user, place) -> bool:
    return is_enterprise_hr(user) and place.enterprise_id == user.organisation_id


# --- training places ---------------------------------------------------------------------
def can_list_places(user) -> bool:
    return role_of(user) in PLACE_READERS


def places_scope(user, queryset):
    role = role_of(user)
    if role == Role.REGION_ADMIN:
        return queryset
    if role in COLLEGE_STAFF:
        return queryset.exclude(status=PlaceStatus.DRAFT)
    if is_enterprise_hr(user):
        return queryset.filter(enterprise_id=user.organisation_id)
    if role == Role.STUDENT:
        return queryset.filter(status=PlaceStatus.APPROVED)
    return queryset.none()


def can_view_place(user, place) -> bool:
    role = role_of(user)
    if role == Role.REGION_ADMIN:
        return True
    if role in COLLEGE_STAFF:
        return place.status != PlaceStatus.DRAFT
    if role == Role.STUDENT:
        return place.status == PlaceStatus.APPROVED
    return _own_enterprise(user, place)


def can_create_place(user) -> bool:
    return is_region_admin(user) or is_enterprise_hr(user)


def can_edit_place(user, place) -> bool:
    return is_region_admin(user) or _own_enterprise(user, place)


def can_publish_place(user, place) -> bool:
    return can_edit_place(user, place)


def can_withdraw_place(user, place) -> bool:
    return can_edit_place(user, place)


def can_approve_place(user, place=None) -> bool:
    return is_region_admin(user) or is_college_staff(user)


def can_see_applicants(user, place) -> bool:
    """The enterprise's own HR, the college staff (their own students) and the region admin."""
    return is_region_admin(user) or is_college_staff(user) or _own_enterprise(user, place)


def applicants_scope(user, place, queryset):
    """A place's preferences the user may see: all for the region admin and the enterprise, a college's
    students for its staff."""
    if is_region_admin(user) or _own_enterprise(user, place):
        return queryset
    if is_college_staff(user):
        return queryset.filter(student__college_id=user.organisation_id)
    return queryset.none()


def can_rank_applicants(user, place) -> bool:
    return is_region_admin(user) or _own_enterprise(user, place)


def own_enterprise_only(user) -> bool:
    return not is_region_admin(user)


# --- preferences -------------------------------------------------------------------------
def can_keep_preferences(user) -> bool:
    """A student keeps his or her own ranked list."""
    return is_student(user)


def can_view_preferences_of(user, student) -> bool:
    role = role_of(user)
    if role == Role.STUDENT:
        return student.user_id == user.pk
    if role == Role.REGION_ADMIN:
        return True
    return is_college_staff(user) and student.college_id == user.organisation_id


def can_score(user, student) -> bool:
    """The college's score of a student's application: the college's staff and the region admin."""
    if is_region_admin(user):
        return True
    return is_college_staff(user) and student.college_id == user.organisation_id


# --- matching rounds ---------------------------------------------------------------------
def can_list_rounds(user) -> bool:
    return role_of(user) in {Role.REGION_ADMIN, Role.ANALYST} or is_college_staff(user)


def rounds_scope(user, queryset):
    role = role_of(user)
    if role in {Role.REGION_ADMIN, Role.ANALYST}:
        return queryset
    if is_college_staff(user):
        return queryset.filter(college_id=user.organisation_id) | queryset.filter(scope=RoundScope.REGION)
    return queryset.none()


def can_view_round(user, round_) -> bool:
    role = role_of(user)
    if role in {Role.REGION_ADMIN, Role.ANALYST}:
        return True
    return is_college_staff(user) and round_.covers_college(user.organisation_id)


def can_create_round(user, scope: str = RoundScope.COLLEGE, college_id=None) -> bool:
    if is_region_admin(user):
        return True
    return is_college_staff(user) and scope == RoundScope.COLLEGE and college_id in (None, user.organisation_id)


def can_manage_round(user, round_) -> bool:
    """Lock, run, publish, start a second round: the region admin; a college's staff for its college's
    rounds."""
    if is_region_admin(user):
        return True
    return is_college_staff(user) and round_.scope == RoundScope.COLLEGE and round_.college_id == user.organisation_id


def can_view_placements(user, round_) -> bool:
    """Names and places: the region admin, and a college's staff (their own students)."""
    return is_region_admin(user) or (is_college_staff(user) and round_.covers_college(user.organisation_id))


def placements_scope(user, queryset):
    if is_region_admin(user):
        return queryset
    if is_college_staff(user):
        return queryset.filter(student__college_id=user.organisation_id)
    return queryset.none()


def own_college_only(user) -> bool:
    return not is_region_admin(user)


# --- notifications -----------------------------------------------------------------------
def can_view_notifications(user) -> bool:
    return role_of(user) is not None
