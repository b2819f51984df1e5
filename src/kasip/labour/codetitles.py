"""Coding job titles with the site's occupation coder: what the API, the page and the
``kasip code-titles`` command share.

No request, no response and no database here (the titles of the codes come from
``selectors.coder``), so the command codes a file without a database. A title that arrives
with its ISCO-08 unit group keeps it: the coder only checks that it knows the group.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kasip.labour.coder import OccupationCoder, Prediction, detect_language
from kasip.labour.coder.text import MAX_TITLE_CHARS

MAX_TITLES = 1000  # per API request or page submission
MAX_K = 10
UNIT_GROUP = re.compile(r"^\d{4}$")

# The coder's notices (English, from the pure library) and what the site shows for them.
EMPTY_TITLE = "cannot code: empty title"
TITLE_CUT = f"title cut to {MAX_TITLE_CHARS} characters"


@dataclass
class Coded:
    """One title's coding, as shown to a user."""

    title: str
    language: str
    code: str | None  # the ISCO-08 unit group, None when the title cannot be coded
    confidence: float  # 0..1; 1 for a code that came with the title
    kept: bool = False  # the code came with the title
    candidates: list[tuple[str, float]] = field(default_factory=list)  # top k (code, share)
    fallback: str | None = None  # the 3- or 2-digit group offered when unsure
    fallback_confidence: float = 0.0
    notice: str = ""  # translated

    @property
    def sure(self) -> bool:
        return self.code is not None and self.fallback is None

    def codes(self) -> set[str]:
        """Every group this coding names (for fetching their titles at once)."""
        return {c for c in (self.code, self.fallback, *(c for c, _s in self.candidates)) if c}


def unit_groups(coder: OccupationCoder) -> frozenset[str]:
    """The unit groups the coder knows: a code given with a title must be one of them."""
    return frozenset(str(c) for c in coder.codes_.tolist())


def notice_text(prediction: Prediction) -> str:
    """The coder's notice in the interface language."""
    if prediction.notice == EMPTY_TITLE:
        return _("cannot code: empty title")
    if prediction.notice == TITLE_CUT:
        return _("title cut to %(n)s characters") % {"n": MAX_TITLE_CHARS}
    if prediction.code is None and not prediction.notice:
        return _("cannot code: no word of the title is known to the coder")
    return prediction.notice


def code_titles(coder: OccupationCoder, titles: Sequence[str], codes: Sequence[str | None] | None = None,
                k: int = 3) -> list[Coded]:
    """The codings of ``titles`` with their top ``k`` candidates. ``codes[i]``, when given,
    is kept as the coding of ``titles[i]`` (the caller checks it with ``unit_groups``)."""
    k = max(1, min(int(k), MAX_K))
    given = list(codes) if codes is not None else [None] * len(titles)
    if len(given) != len(titles):
        raise ValueError("titles and codes differ in length")
    to_code = [i for i, code in enumerate(given) if not code]
    predictions = dict(zip(to_code, coder.code([titles[i] for i in to_code], k=k), strict=True))
    out = []
    for i, title in enumerate(titles):
        p = predictions.get(i)
        if p is None:
            code = str(given[i])
            out.append(Coded(title=title, language=detect_language(title), code=code, confidence=1.0, kept=True,
                             candidates=[(code, 1.0)]))
            continue
        out.append(Coded(title=title, language=p.language, code=p.code, confidence=float(p.confidence),
                         candidates=[(c, float(s)) for c, s in p.candidates], fallback=p.fallback,
                         fallback_confidence=float(p.fallback_confidence), notice=notice_text(p)))
    return out
