from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DualConfig(AppConfig):
    name = "kasip.dual"
    label = "dual"
    verbose_name = _("Dual training")

    def ready(self) -> None:
        from kasip.core import audit

        from .models import MatchingRound, Preference, TrainingPlace

        audit.register(TrainingPlace)
        audit.register(MatchingRound)
        audit.register(Preference)

        from . import importers  # noqa: F401  (the learning outcomes' import and export kinds)
        from .models import Assessment, FinalResult, LearningOutcome, LogbookEntry, Mentor

        for model in (Mentor, LearningOutcome, LogbookEntry, Assessment, FinalResult):
            audit.register(model)

        from . import exports_contracts  # noqa: F401  (the contracts' export kind)
        from .models import Contract, ContractPeriod, Signature, TrainingOrder

        for model in (Contract, ContractPeriod, TrainingOrder):
            audit.register(model)
        audit.register(Signature, exclude=("cms",))  # the CMS is kept on the signature, not copied to the log
