"""Reads of the labour-market module, one module per area."""

from .coder import *  # noqa: F403
from .coding import *  # noqa: F403
from .exposure import *  # noqa: F403
from .forecasts import *  # noqa: F403
from .gap import *  # noqa: F403
from .pathways import *  # noqa: F403
from .report import *  # noqa: F403
from .taxonomy import *  # noqa: F403
from .vacancies import *  # noqa: F403
