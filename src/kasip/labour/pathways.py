"""Reskilling pathways: for a worker in an exposed or shrinking occupation, the nearest occupations in demand.
Pure Python (no Django).

Nearness is a score from 0 to 1 built from what is known about both occupations:
- the ISCO-08 hierarchy: the share of the 4-digit code they have in common (same minor group 3/4, same
  sub-major group 2/4, same major group 1/4);
- the words of their job titles (the lexicon's aliases, lemmatised): the Jaccard overlap of the two sets;
- their tasks, when task texts are loaded (the ILO's task descriptions): the Jaccard overlap of task words;
each weighed by :data:`WEIGHTS` (renormalised over what both occupations have). A move to a higher skill level
(ISCO major groups 1-3 need more training than 4-8, and 4-8 more than 9) takes :data:`SKILL_STEP` of the score
off per level.
Every pathway says why: the group in common, the shared words, the shared task words, the skill step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

WEIGHTS = {"hierarchy": 0.45, "words": 0.35, "tasks": 0.20}
SKILL_STEP = 0.15
SHOWN_WORDS = 6


def skill_level(code: str) -> int:
    """ISCO-08's skill level of a unit group, by its major group: 4 for managers and professionals (1, 2),
    3 for technicians (3), 2 for clerks to operators (4-8) and armed forces ranks (0), 1 for elementary (9)."""
    major = code[:1]
    return {"1": 4, "2": 4, "3": 3, "9": 1}.get(major, 2)


@dataclass(frozen=True)
class Profile:
    code: str
    words: frozenset[str] = frozenset()  # lemmas of the occupation's job titles
    tasks: frozenset[str] = frozenset()  # lemmas of its task descriptions (empty when not loaded)


@dataclass(frozen=True)
class Pathway:
    code: str
    score: float
    common_group: str  # the longest code prefix in common ("" when none)
    shared_words: tuple[str, ...] = ()
    shared_tasks: int = 0  # task words in common
    skill_step: int = 0  # levels up (positive) or down (negative)
    parts: dict = field(default_factory=dict)  # hierarchy, words, tasks: each part's similarity


STOPWORDS = frozenset("""about above according activities activity after against among and any are as at
based be being between both but by can carry carrying concerned conducting department duties each for from has
have including into its made making matters may more most not of on or other others out over own ensuring
such than that the their them these they this those through to under up upon use used using various when where
which while with within work works""".split())


def task_words(texts) -> frozenset[str]:
    """The words of task descriptions that can tell occupations apart: lower case, four letters or more, no
    common English words."""
    words = set()
    for text in texts:
        for word in str(text).lower().replace("-", " ").split():
            word = word.strip(".,;:()[]\"'")
            if len(word) >= 4 and word.isalpha() and word not in STOPWORDS:
                words.add(word[:-1] if word.endswith("s") and not word.endswith("ss") else word)
    return frozenset(words)


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def compare(source: Profile, target: Profile) -> Pathway:
    prefix = _common_prefix(source.code, target.code)
    parts = {"hierarchy": len(prefix) / 4}
    weights = {"hierarchy": WEIGHTS["hierarchy"]}
    if source.words and target.words:
        parts["words"] = _jaccard(source.words, target.words)
        weights["words"] = WEIGHTS["words"]
    if source.tasks and target.tasks:
        parts["tasks"] = _jaccard(source.tasks, target.tasks)
        weights["tasks"] = WEIGHTS["tasks"]
    total = sum(weights.values())
    score = sum(parts[k] * w for k, w in weights.items()) / total
    step = skill_level(target.code) - skill_level(source.code)
    score *= max(0.0, 1 - SKILL_STEP * max(step, 0))
    shared = tuple(sorted(source.words & target.words, key=lambda w: (-len(w), w))[:SHOWN_WORDS])
    return Pathway(code=target.code, score=round(score, 4), common_group=prefix if len(prefix) >= 1 else "",
                   shared_words=shared, shared_tasks=len(source.tasks & target.tasks), skill_step=step,
                   parts={k: round(v, 4) for k, v in parts.items()})


def nearest(source: Profile, candidates: Iterable[Profile], k: int = 5) -> list[Pathway]:
    """The ``k`` candidates nearest to ``source`` (itself excluded), nearest first; ties by code."""
    if k < 1:
        raise ValueError("k must be at least 1")
    scored = [compare(source, c) for c in candidates if c.code != source.code]
    scored.sort(key=lambda p: (-p.score, p.code))
    return [p for p in scored[:k] if p.score > 0]
