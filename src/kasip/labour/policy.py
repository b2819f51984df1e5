"""Who may see and change the occupation taxonomy and code job titles.

The taxonomy is public (titles and codes are no one's personal data). The qualification → occupation
mapping is changed by the region admin and the analysts, who also code vacancies: they work the coding
queue and retrain the coder; nobody else sees the queue."""

from __future__ import annotations

from kasip.core.models import Role
from kasip.core.policy import role_of


def can_edit_mapping(user) -> bool:
    return role_of(user) in {Role.REGION_ADMIN, Role.ANALYST}


def can_code(user) -> bool:
    """The coding queue: seeing it, adding titles to it, confirming, correcting and skipping codings."""
    return role_of(user) in {Role.REGION_ADMIN, Role.ANALYST}


def can_train_coder(user) -> bool:
    """Retraining the occupation coder with the confirmed codings."""
    return role_of(user) in {Role.REGION_ADMIN, Role.ANALYST}


def can_ingest_vacancies(user) -> bool:
    """Loading files of job ads, seeing the loaded files and the ads, deleting a file."""
    return role_of(user) in {Role.REGION_ADMIN, Role.ANALYST}


def can_view_demand(user) -> bool:
    """Demand figures (ads per occupation, district and month, declared needs summed) for the department's and
    the colleges' staff. Enterprise staff get the public report only: needs summed per occupation and district
    could single out a competitor's. The public sees the published report, small cells suppressed."""
    return role_of(user) in {Role.REGION_ADMIN, Role.ANALYST, Role.COLLEGE_ADMIN, Role.DUAL_COORDINATOR}


def own_college(user):
    """The college of a college's staff (its admin or dual coordinator), else None."""
    if role_of(user) in {Role.COLLEGE_ADMIN, Role.DUAL_COORDINATOR} and user.organisation_id:
        from kasip.registry.models import College

        return College.objects.filter(pk=user.organisation_id).first()
    return None


def can_view_all_programme_positions(user) -> bool:
    """Any college's programmes against the gap: the region admin and the analysts."""
    return role_of(user) in {Role.REGION_ADMIN, Role.ANALYST}


def can_run_forecasts(user) -> bool:
    """Running the demand forecasts (they are read by everyone who sees demand)."""
    return role_of(user) in {Role.REGION_ADMIN, Role.ANALYST}


def can_import_outlooks(user) -> bool:
    """Importing the Ministry of Labour's forecast and the Atlas of new professions."""
    return role_of(user) in {Role.REGION_ADMIN, Role.ANALYST}
