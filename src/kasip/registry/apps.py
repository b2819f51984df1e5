from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "kasip.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self) -> None:
        from kasip.core import audit

        from . import exports, importers  # noqa: F401  (register the import and export kinds)
        from . import models as m

        for model in (m.Region, m.District, m.College, m.Enterprise, m.CompetenceCentre, m.Specialty,
                      m.Qualification, m.Programme, m.ProgrammeIntake, m.Group, m.EnterpriseSite, m.Student,
                      m.StudentEvent):
            audit.register(model)
