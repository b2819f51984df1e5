from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "kasip.partners"
    label = "partners"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        from kasip.core import audit

        from . import exports, importers  # noqa: F401  (register the import and export kinds)
        from .models import Agreement, WorkforceNeed

        audit.register(WorkforceNeed)
        audit.register(Agreement)
