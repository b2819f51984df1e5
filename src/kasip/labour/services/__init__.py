"""Writes of the labour-market module, one module per area."""

from .taxonomy import *  # noqa: F403
