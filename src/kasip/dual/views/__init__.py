"""Pages of dual training, one module per area."""

from .places import *  # noqa: F403
