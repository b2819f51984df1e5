from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class LabourConfig(AppConfig):
    name = "kasip.labour"
    label = "labour"
    verbose_name = gettext_lazy("Labour market")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kasip.core import audit

        from . import importers  # noqa: F401  (the outlook import kind)
        from .models import QualificationOccupation

        # the reference loads are bulk writes of public data; the editable mapping is audited
        audit.register(QualificationOccupation)
