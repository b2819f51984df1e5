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


# --- roles by organisation ------------------------------------------------------------
COLLEGE_STAFF = {Role.COLLEGE_ADMIN, Role.DUAL_COORDINATOR}
STAFF = {Role.REGION_ADMIN, Role.ANALYST, Role.COLLEGE_ADMIN, Role.DUAL_COORDINATOR, Role.ENTERPRISE_HR, Role.MENTOR}


def is_region_admin(user) -> bool:
    return role_of(user) == Role.REGION_ADMIN


def is_own_college_admin(user, college_id) -> bool:
    return role_of(user) == Role.COLLEGE_ADMIN and user.organisation_id == college_id


def is_own_college_staff(user, college_id) -> bool:
    return role_of(user) in COLLEGE_STAFF and user.organisation_id == college_id


# --- the classifier of specialties and qualifications: public; the region admin keeps it --
def can_manage_classifier(user) -> bool:
    return is_region_admin(user)


# --- programmes: a public directory; a college keeps its own --------------------------
def can_create_programme(user) -> bool:
    return role_of(user) in {Role.REGION_ADMIN, Role.COLLEGE_ADMIN}


def can_edit_programme(user, programme) -> bool:
    return is_region_admin(user) or is_own_college_admin(user, programme.college_id)


def can_import_programmes(user) -> bool:
    return can_create_programme(user)


# --- groups: college staff of the college, the region's staff -------------------------
def can_list_groups(user) -> bool:
    return role_of(user) in {Role.REGION_ADMIN, Role.ANALYST, *COLLEGE_STAFF}


def groups_scope(user, queryset):
    if role_of(user) in COLLEGE_STAFF:
        return queryset.filter(college_id=user.organisation_id)
    return queryset if can_list_groups(user) else queryset.none()


def can_view_group(user, group) -> bool:
    return role_of(user) in {Role.REGION_ADMIN, Role.ANALYST} or is_own_college_staff(user, group.college_id)


def can_create_group(user) -> bool:
    return role_of(user) in {Role.REGION_ADMIN, *COLLEGE_STAFF}


def can_edit_group(user, group) -> bool:
    return is_region_admin(user) or is_own_college_staff(user, group.college_id)


# --- enterprises: readable by logged-in users; an enterprise keeps its own record -------
def can_list_enterprises(user) -> bool:
    return role_of(user) is not None


def can_create_enterprise(user) -> bool:
    return is_region_admin(user)


def can_edit_enterprise(user, enterprise) -> bool:
    return is_region_admin(user) or (role_of(user) == Role.ENTERPRISE_HR and user.organisation_id == enterprise.pk)


def can_edit_site(user, site) -> bool:
    return can_edit_enterprise(user, site.enterprise)


def can_create_site(user) -> bool:
    return role_of(user) in {Role.REGION_ADMIN, Role.ENTERPRISE_HR}


# --- students: personal data -----------------------------------------------------------
def can_list_students(user) -> bool:
    return role_of(user) in {Role.REGION_ADMIN, *COLLEGE_STAFF}


def students_scope(user, queryset):
    role = role_of(user)
    if role == Role.REGION_ADMIN:
        return queryset
    if role in COLLEGE_STAFF:
        return queryset.filter(college_id=user.organisation_id)
    return queryset.none()


def can_view_student(user, student) -> bool:
    role = role_of(user)
    if role == Role.STUDENT:
        return student.user_id == user.pk
    return role == Role.REGION_ADMIN or is_own_college_staff(user, student.college_id)


def can_create_student(user) -> bool:
    return role_of(user) in {Role.REGION_ADMIN, Role.COLLEGE_ADMIN}


def can_edit_student(user, student) -> bool:
    return is_region_admin(user) or is_own_college_admin(user, student.college_id)


def can_import_students(user) -> bool:
    return can_create_student(user)
