"""Writes of dual training, one module per area: places and matching rounds, contracts, the logbook."""

from .contracts import *  # noqa: F403
from .logbook import *  # noqa: F403
from .places import *  # noqa: F403
