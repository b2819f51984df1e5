from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "kasip.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self) -> None:
        from kasip.core import audit

        from . import exports, importers  # noqa: F401  (register the import and export kinds)
        from .models import College, District, Enterprise, Region

        for model in (Region, District, College, Enterprise):
            audit.register(model)
