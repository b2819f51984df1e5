"""Proportions with their confidence intervals: pure Python, no Django (an import-linter contract says so).

The Wilson score interval (Wilson 1927) is used for every rate Kasip publishes: unlike the textbook
"p ± z·√(p(1−p)/n)" it stays inside [0, 1], is not degenerate at 0 % or 100 %, and keeps close to its
nominal coverage for the small cells of a single college or programme (Newcombe 1998; Brown, Cai and
DasGupta 2001).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist


def z_for(confidence: float) -> float:
    """The two-sided standard-normal quantile: 1.959964 for 0.95."""
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1")
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval of the proportion successes / n, as (low, high) within [0, 1]."""
    if n <= 0:
        raise ValueError("n must be positive")
    if not 0 <= successes <= n:
        raise ValueError("successes must be between 0 and n")
    z = z_for(confidence)
    p = successes / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    low, high = max(0.0, centre - half), min(1.0, centre + half)
    # At 0 and n the bound is exactly 0 or 1; rounding must not move it off.
    return (0.0 if successes == 0 else low), (1.0 if successes == n else high)


@dataclass(frozen=True)
class Proportion:
    """k of n, the share and its interval; share and interval are None when n is 0."""

    k: int
    n: int
    share: float | None
    low: float | None
    high: float | None


def proportion(k: int, n: int, confidence: float = 0.95) -> Proportion:
    if n == 0:
        return Proportion(k, 0, None, None, None)
    low, high = wilson_interval(k, n, confidence)
    return Proportion(k, n, k / n, low, high)
