"""Reads of dual training, one module per area."""

from .contracts import *  # noqa: F403
from .logbook import *  # noqa: F403
from .places import *  # noqa: F403
