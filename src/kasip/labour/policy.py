"""Who may see and change the occupation taxonomy.

The taxonomy is public (titles and codes are no one's personal data). The qualification → occupation
mapping is changed by the region admin and the analysts, who also code vacancies."""

from __future__ import annotations

from kasip.core.models import Role
from kasip.core.policy import role_of


def can_edit_mapping(user) -> bool:
    return role_of(user) in {Role.REGION_ADMIN, Role.ANALYST}
