from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "kasip.outcomes"
    label = "outcomes"
    verbose_name = _("Graduate outcomes")

    def ready(self) -> None:
        from kasip.core import audit

        from . import exports, importers  # noqa: F401  (register the import and export kinds)
        from .models import EmploymentRecord, Graduation

        audit.register(Graduation)
        audit.register(EmploymentRecord)
