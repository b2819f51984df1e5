"""Occupation coder: job titles in Kazakh, Russian or English → ISCO-08 unit groups.

Pure Python (no Django): ``build_coder()`` fits it from the committed lexicon and, when
present, the reference data; ``OccupationCoder.load(path)`` reads a built one.
"""

from .lexicon import Alias, reference_dir, training_aliases
from .model import REBUILD_COMMAND, CoderFileError, OccupationCoder, Prediction
from .text import analyse, clean, detect_language


def build_coder(reference=None, exclude_uris=frozenset(), **params) -> OccupationCoder:
    """A coder fitted on the project's lexicon plus the reference data when it is found."""
    ref = reference_dir(reference) if reference is not False else None
    return OccupationCoder(**params).fit(training_aliases(ref, exclude_uris))


__all__ = [
    "Alias",
    "CoderFileError",
    "OccupationCoder",
    "Prediction",
    "REBUILD_COMMAND",
    "analyse",
    "build_coder",
    "clean",
    "detect_language",
    "reference_dir",
    "training_aliases",
]
