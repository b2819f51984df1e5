from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kasip.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from . import audit, exports, importers  # noqa: F401  (signals, import and export kinds)
        from .models import Organisation, User

        audit.register(User, exclude=("last_login",))
        audit.register(Organisation)
        audit.connect_auth_signals()
