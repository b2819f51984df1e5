"""Writes of dual training, one module per area: places and matching rounds, contracts, the logbook."""

from .places import *  # noqa: F403
