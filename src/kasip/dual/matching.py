"""Stable matching of students to training places: student-proposing deferred acceptance.

Pure Python, no Django: the round workflow (``kasip.dual`` services) loads preferences from
the database, calls :func:`match` and stores the result.

The problem is the college-admissions (hospitals/residents) form of stable matching:

* ``student_prefs`` maps each student id to the place ids the student ranks, best first. A
  list may name places that do not exist or have no seats: they are ignored. If a student
  names a place twice, the later mention is ignored.
* ``place_prefs`` maps each place id to the student ids the place ranks, best first. A place
  considers only the students it ranks (the eligible applicants it has ordered); a student
  who proposes to a place that does not rank them is rejected. Student ids that are not keys
  of ``student_prefs`` are ignored. A place ranking the same student twice is an error.
* ``capacities`` maps each place id to its number of seats (an int >= 0). Every place of
  ``place_prefs`` needs one; a place that only appears in ``capacities`` ranks nobody.

:func:`match` returns the student-optimal stable matching, which is unique: the result does
not depend on the order of the dicts or on the order in which students propose. It is as
deterministic as its input, so **ties must be broken before the call**: a place that orders
its applicants by a score with ties (or not at all) has the ties broken by a seeded lottery
whose seed the caller records with the round, with :func:`rank_by_score` (scores) or
:func:`lottery` (a plain draw), so that the round can be rerun and audited.

:func:`blocking_pairs` checks a matching independently (it does not share the algorithm), and
:func:`unmatched_reasons` explains, for each unmatched student, why they got no place.

Implementation notes (B2: 100 000 students x 10 000 places, 10 preferences each, in <= 1 s):
each place's rank table is one ``dict`` (student id -> rank) built at C speed; a place holds
its tentatively accepted students as a ``bytearray`` indexed by rank, and once full it keeps
the rank of its worst accepted student. In deferred acceptance that worst rank only ever
improves, so finding the next worst after a rejection is ``bytearray.rfind`` below the old
one: amortised O(length of the place's list) in total, no heap and no object per proposal.
Students are processed one after another (McVitie-Wilson): a student proposes down their
list until held; whoever that displaces continues from where they stopped. Iterative, no
recursion. The cyclic garbage collector is paused during the call (it creates no cycles, and
collections would only walk the caller's heap).
"""

from __future__ import annotations

import gc
import math
import random
from collections.abc import Hashable, Iterable, Mapping

__all__ = [
    "REASONS",
    "blocking_pairs",
    "lottery",
    "match",
    "rank_by_score",
    "unmatched_reasons",
]

#: Reason codes of :func:`unmatched_reasons`.
REASONS = {
    "no_preferences": "the student ranked no place",
    "not_ranked": "no place on the student's list ranks the student (or exists)",
    "no_capacity": "the only places that rank the student have no seats",
    "outranked": "every place with seats that ranks the student is full with students it prefers",
}


def _check_mapping(value: object, name: str) -> None:
    if not isinstance(value, Mapping):
        raise ValueError(f"{name} must be a dict, not {type(value).__name__}")


def _check_list(value: object, name: str, key: Hashable) -> None:
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
        raise ValueError(f"{name}[{key!r}] must be a list of ids, not {type(value).__name__}")


def _rank_tables(
    place_prefs: Mapping[str, list[str]], capacities: Mapping[str, int]
) -> dict[str, tuple[dict[str, int], int, list[str]]]:
    """Validates the places and returns place -> (rank table, capacity, list) for the places
    with seats and a non-empty list."""
    _check_mapping(place_prefs, "place_prefs")
    _check_mapping(capacities, "capacities")
    for place, cap in capacities.items():
        if type(cap) is not int:
            raise ValueError(f"capacity of place {place!r} must be an int, not {cap!r}")
        if cap < 0:
            raise ValueError(f"capacity of place {place!r} is negative: {cap}")
    tables: dict[str, tuple[dict[str, int], int, list[str]]] = {}
    get_cap = capacities.get
    for place, ranked in place_prefs.items():
        cap = get_cap(place)
        if cap is None:
            raise ValueError(f"place {place!r} has preferences but no capacity")
        if type(ranked) is not list:
            _check_list(ranked, "place_prefs", place)
        table = dict(zip(ranked, range(len(ranked)), strict=True))
        if len(table) != len(ranked):
            seen: set[str] = set()
            dup = next(s for s in ranked if s in seen or seen.add(s))  # type: ignore[func-returns-value]
            raise ValueError(f"place {place!r} ranks student {dup!r} more than once")
        if cap and ranked:
            tables[place] = (table, cap, ranked)
    return tables


def match(
    student_prefs: Mapping[str, list[str]],
    place_prefs: Mapping[str, list[str]],
    capacities: Mapping[str, int],
) -> dict[str, str | None]:
    """Returns the student-optimal stable matching: every student of ``student_prefs`` mapped
    to a place id or ``None``, in the order of ``student_prefs``.

    Raises ``ValueError`` for input of the wrong shape, a capacity that is not an int >= 0, a
    place without a capacity or a place that ranks the same student twice.
    """
    _check_mapping(student_prefs, "student_prefs")
    gc_was_enabled = gc.isenabled()
    gc.disable()  # nothing here makes cycles; collections of the caller's heap only cost time
    try:
        return _deferred_acceptance(student_prefs, _rank_tables(place_prefs, capacities))
    finally:
        if gc_was_enabled:
            gc.enable()


def _deferred_acceptance(
    student_prefs: Mapping[str, list[str]],
    tables: dict[str, tuple[dict[str, int], int, list[str]]],
) -> dict[str, str | None]:
    # Per place with seats: [rank table, seats left, accepted ranks as a bytearray, rank of the
    # worst accepted student once full, its list (rank -> student)].
    state = {place: [table, cap, bytearray(len(ranked)), len(ranked), ranked]
             for place, (table, cap, ranked) in tables.items()}
    get_state = state.get
    resume: dict[str, int] = {}  # where a held student continues if displaced
    for student, prefs in student_prefs.items():
        if type(prefs) is not list:
            _check_list(prefs, "student_prefs", student)
        s = student
        i = 0
        while True:  # s proposes down prefs from i; whoever s displaces goes on likewise
            n = len(prefs)
            displaced = None
            while i < n:
                st = get_state(prefs[i])
                i += 1
                if st is None:  # no such place, or no seats, or it ranks nobody
                    continue
                r = st[0].get(s)
                if r is None:  # the place does not rank s
                    continue
                seats = st[1]
                if seats:  # a free seat: held
                    held = st[2]
                    held[r] = 1
                    seats -= 1
                    st[1] = seats
                    if not seats:
                        st[3] = held.rfind(1)
                    resume[s] = i
                    break
                w = st[3]
                if r < w:  # full, but s beats its worst student w, who is displaced
                    held = st[2]
                    held[w] = 0
                    held[r] = 1
                    st[3] = held.rfind(1, 0, w)
                    displaced = st[4][w]
                    resume[s] = i
                    break
            if displaced is None:
                break
            s = displaced
            prefs = student_prefs[s]
            i = resume[s]

    result: dict[str, str | None] = dict.fromkeys(student_prefs)
    for place, (_table, _left, held, _worst, ranked) in state.items():
        r = held.find(1)
        while r >= 0:
            result[ranked[r]] = place
            r = held.find(1, r + 1)
    return result


def _check_matching(
    student_prefs: Mapping[str, list[str]],
    tables: dict[str, tuple[dict[str, int], int, list[str]]],
    capacities: Mapping[str, int],
    matching: Mapping[str, str | None],
) -> dict[str, list[int]]:
    """Checks that ``matching`` is feasible; returns place -> ranks of its students."""
    _check_mapping(matching, "matching")
    assigned: dict[str, list[int]] = {}
    for student, place in matching.items():
        if student not in student_prefs:
            raise ValueError(f"matching names unknown student {student!r}")
        if place is None:
            continue
        if place not in capacities:
            raise ValueError(f"student {student!r} is matched to unknown place {place!r}")
        if place not in student_prefs[student]:
            raise ValueError(f"student {student!r} is matched to {place!r}, not on their list")
        table = tables.get(place)
        rank = table[0].get(student) if table else None
        if rank is None:
            raise ValueError(f"student {student!r} is matched to {place!r}, which does not rank them")
        assigned.setdefault(place, []).append(rank)
    for place, got in assigned.items():
        if len(got) > capacities[place]:
            raise ValueError(f"place {place!r} holds {len(got)} students, capacity {capacities[place]}")
    return assigned


def blocking_pairs(
    student_prefs: Mapping[str, list[str]],
    place_prefs: Mapping[str, list[str]],
    capacities: Mapping[str, int],
    matching: Mapping[str, str | None],
) -> list[tuple[str, str]]:
    """Returns the (student, place) pairs that block ``matching``, sorted; empty if stable.

    A pair blocks when the place ranks the student, the student prefers the place to their
    match (or is unmatched, or listed the place before their match), and the place has a free
    seat or prefers the student to one of its students. Students missing from ``matching``
    count as unmatched. Raises ``ValueError`` if the matching is not feasible: an unknown
    student or place, a student matched to a place that is not on their list or does not rank
    them, or a place over its capacity.
    """
    _check_mapping(student_prefs, "student_prefs")
    tables = _rank_tables(place_prefs, capacities)
    assigned = _check_matching(student_prefs, tables, capacities, matching)
    # The rank a student must beat to get into each place: its list length while it has a
    # free seat, else the rank of its worst student.
    bar = {
        place: (max(assigned[place]) if len(assigned.get(place, ())) >= cap else len(ranked))
        for place, (_table, cap, ranked) in tables.items()
    }
    pairs: list[tuple[str, str]] = []
    for student, plist in student_prefs.items():
        _check_list(plist, "student_prefs", student)
        own = matching.get(student)
        for place in plist:
            if place == own:
                break
            table = tables.get(place)
            if table is None:
                continue
            rank = table[0].get(student)
            if rank is not None and rank < bar[place]:
                pairs.append((student, place))
    pairs = sorted(set(pairs))
    return pairs


def unmatched_reasons(
    student_prefs: Mapping[str, list[str]],
    place_prefs: Mapping[str, list[str]],
    capacities: Mapping[str, int],
    matching: Mapping[str, str | None],
) -> dict[str, str]:
    """Returns, for each unmatched student (in the order of ``student_prefs``), a reason code
    of :data:`REASONS`:

    * ``"no_preferences"``: the student's list is empty;
    * ``"not_ranked"``: no place on the list ranks the student (places that do not exist
      count as not ranking them);
    * ``"no_capacity"``: the only places on the list that rank the student have no seats;
    * ``"outranked"``: every place with seats on the list that ranks the student is full
      with students it prefers.

    Raises ``ValueError`` if the matching is not feasible (see :func:`blocking_pairs`) or if
    an unmatched student blocks it with a place that would take them (then no reason holds).
    """
    _check_mapping(student_prefs, "student_prefs")
    tables = _rank_tables(place_prefs, capacities)
    assigned = _check_matching(student_prefs, tables, capacities, matching)
    reasons: dict[str, str] = {}
    for student, plist in student_prefs.items():
        _check_list(plist, "student_prefs", student)
        if matching.get(student) is not None:
            continue
        if not plist:
            reasons[student] = "no_preferences"
            continue
        ranked_with_seats = ranked_without_seats = False
        for place in plist:
            table = tables.get(place)
            if table is None:
                if place in capacities and student in place_prefs.get(place, ()):
                    ranked_without_seats = True  # ranks them, capacity 0
                continue
            rank = table[0].get(student)
            if rank is None:
                continue
            ranked_with_seats = True
            got = assigned.get(place, [])
            if len(got) < table[1] or max(got) > rank:
                raise ValueError(
                    f"matching is not stable: unmatched student {student!r} blocks it with "
                    f"place {place!r}"
                )
        if ranked_with_seats:
            reasons[student] = "outranked"
        elif ranked_without_seats:
            reasons[student] = "no_capacity"
        else:
            reasons[student] = "not_ranked"
    return reasons


def lottery(ids: Iterable[str], seed: int | str) -> list[str]:
    """Returns a random permutation of ``ids`` determined by ``seed`` alone: the same ids and
    seed give the same order on every machine and run, whatever the order of ``ids``. Record
    the seed with the round. Raises ``ValueError`` for a repeated id."""
    ordered = sorted(ids)
    if any(a == b for a, b in zip(ordered, ordered[1:], strict=False)):
        raise ValueError("lottery ids must be distinct")
    if isinstance(seed, bool) or not isinstance(seed, int | str):
        raise ValueError(f"lottery seed must be an int or a str, not {type(seed).__name__}")
    random.Random(seed).shuffle(ordered)
    return ordered


def rank_by_score(scores: Mapping[str, float], seed: int | str) -> list[str]:
    """Returns the ids of ``scores`` ordered by score, highest first, with ties broken by
    :func:`lottery` with ``seed``: a place's preference list for :func:`match`. Raises
    ``ValueError`` for a score that is not a finite number."""
    _check_mapping(scores, "scores")
    for key, score in scores.items():
        if isinstance(score, bool) or not isinstance(score, int | float) or not math.isfinite(score):
            raise ValueError(f"score of {key!r} must be a finite number, not {score!r}")
    drawn = {key: i for i, key in enumerate(lottery(scores, seed))}
    return sorted(scores, key=lambda key: (-scores[key], drawn[key]))
