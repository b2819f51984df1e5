"""Pages of the labour-market module, one module per area."""

from .coder import *  # noqa: F403
from .exposure import *  # noqa: F403
from .queue import *  # noqa: F403
from .taxonomy import *  # noqa: F403
from .vacancies import *  # noqa: F403
