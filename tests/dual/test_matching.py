"""The matching engine `kasip.dual.matching`: textbook examples, bad input, and properties
(stability, capacities, student-optimality against brute force, order invariance, reasons,
agreement with the PyPI package `matching` when installed)."""

from __future__ import annotations

import itertools
import random
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kasip.dual.matching import (
    REASONS,
    blocking_pairs,
    lottery,
    match,
    rank_by_score,
    unmatched_reasons,
)

PROPERTY = settings(max_examples=300, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


# -- textbook examples ------------------------------------------------------------------------

def test_hospitals_residents_example():
    # The resident-optimal solution of this instance (from the `matching` package's docs) is
    # M: L, S; C: D, A; G: J.
    students = {"A": ["C"], "S": ["C", "M"], "D": ["C", "M", "G"], "J": ["C", "G", "M"],
                "L": ["M", "C", "G"]}
    places = {"M": ["D", "L", "S", "J"], "C": ["D", "A", "S", "L", "J"], "G": ["D", "J", "L"]}
    caps = {"M": 2, "C": 2, "G": 2}
    result = match(students, places, caps)
    assert result == {"A": "C", "S": "M", "D": "C", "J": "G", "L": "M"}
    assert list(result) == list(students)  # in the order of student_prefs
    assert blocking_pairs(students, places, caps, result) == []
    assert unmatched_reasons(students, places, caps, result) == {}


def test_student_optimal_not_place_optimal():
    # Gale and Shapley's cyclic example: proposers get their first choices, while the
    # receivers' optimum is the opposite stable matching.
    students = {"m1": ["w1", "w2", "w3"], "m2": ["w2", "w3", "w1"], "m3": ["w3", "w1", "w2"]}
    places = {"w1": ["m2", "m3", "m1"], "w2": ["m3", "m1", "m2"], "w3": ["m1", "m2", "m3"]}
    caps = dict.fromkeys(places, 1)
    assert match(students, places, caps) == {"m1": "w1", "m2": "w2", "m3": "w3"}
    place_optimal = {"m1": "w3", "m2": "w1", "m3": "w2"}
    assert blocking_pairs(students, places, caps, place_optimal) == []  # also stable


def test_capacity_displaces_worst_student():
    students = {"a": ["P", "Q"], "b": ["P", "Q"], "c": ["P", "Q"], "d": ["P"]}
    places = {"P": ["d", "c", "b", "a"], "Q": ["a", "b", "c"]}
    caps = {"P": 2, "Q": 1}
    assert match(students, places, caps) == {"a": "Q", "b": None, "c": "P", "d": "P"}
    result = match(students, places, caps)
    assert blocking_pairs(students, places, caps, result) == []
    assert unmatched_reasons(students, places, caps, result) == {"b": "outranked"}


def test_place_considers_only_students_it_ranks():
    students = {"a": ["P", "Q"], "b": ["P"]}
    places = {"P": ["b"], "Q": ["a"]}
    caps = {"P": 5, "Q": 5}
    # P has free seats but does not rank a: a goes on to Q.
    assert match(students, places, caps) == {"a": "Q", "b": "P"}
    students = {"a": ["P"], "b": ["P"]}
    result = match(students, {"P": ["b"]}, {"P": 5})
    assert result == {"a": None, "b": "P"}
    assert unmatched_reasons(students, {"P": ["b"]}, {"P": 5}, result) == {"a": "not_ranked"}


def test_empty_lists_unknown_places_and_no_seats():
    students = {"a": [], "b": ["X", "P"], "c": ["Z"], "d": ["Y"], "e": ["Y", "P"]}
    places = {"P": ["b", "e"], "Y": ["d", "e"], "W": []}
    caps = {"P": 1, "Y": 0, "W": 3, "V": 2}
    result = match(students, places, caps)
    assert result == {"a": None, "b": "P", "c": None, "d": None, "e": None}
    assert blocking_pairs(students, places, caps, result) == []
    assert unmatched_reasons(students, places, caps, result) == {
        "a": "no_preferences", "c": "not_ranked", "d": "no_capacity", "e": "outranked"}
    assert match({}, places, caps) == {}
    assert match(students, {}, {}) == dict.fromkeys(students)


def test_student_naming_a_place_twice():
    students = {"a": ["P", "Q", "P"], "b": ["P"]}
    places = {"P": ["b", "a"], "Q": ["b"]}
    caps = {"P": 1, "Q": 1}
    result = match(students, places, caps)
    assert result == {"a": None, "b": "P"}
    assert blocking_pairs(students, places, caps, result) == []
    assert unmatched_reasons(students, places, caps, result) == {"a": "outranked"}


def test_place_ranking_unknown_students_and_tuples():
    students = {"a": ("P",)}
    assert match(students, {"P": ("ghost", "a")}, {"P": 1}) == {"a": "P"}


# -- bad input --------------------------------------------------------------------------------

@pytest.mark.parametrize(("students", "places", "caps", "message"), [
    ({"a": ["P"]}, {"P": ["a"]}, {"P": -1}, "negative"),
    ({"a": ["P"]}, {"P": ["a", "b", "a"]}, {"P": 1}, "ranks student 'a' more than once"),
    ({"a": ["P"]}, {"P": ["a"]}, {}, "no capacity"),
    ({"a": ["P"]}, {"P": ["a"]}, {"P": 1.5}, "must be an int"),
    ({"a": ["P"]}, {"P": ["a"]}, {"P": True}, "must be an int"),
    ({"a": "P"}, {"P": ["a"]}, {"P": 1}, "must be a list"),
    ({"a": ["P"]}, {"P": "a"}, {"P": 1}, "must be a list"),
    ({"a": ["P"]}, {"P": {"a"}}, {"P": 1}, "must be a list"),
    ([("a", ["P"])], {"P": ["a"]}, {"P": 1}, "must be a dict"),
])
def test_bad_input_is_refused(students, places, caps, message):
    with pytest.raises(ValueError, match=message):
        match(students, places, caps)


def test_checkers_refuse_infeasible_matchings():
    students = {"a": ["P", "Q"], "b": ["P"]}
    places = {"P": ["a", "b"], "Q": ["b"]}
    caps = {"P": 1, "Q": 1}
    for matching, message in [
        ({"a": "P", "b": "P"}, "capacity"),
        ({"a": "Q"}, "does not rank"),
        ({"b": "Q"}, "not on their list"),
        ({"z": None}, "unknown student"),
        ({"a": "R"}, "unknown place"),
    ]:
        with pytest.raises(ValueError, match=message):
            blocking_pairs(students, places, caps, matching)
        with pytest.raises(ValueError, match=message):
            unmatched_reasons(students, places, caps, matching)


def test_blocking_pairs_and_reasons_on_an_unstable_matching():
    students = {"a": ["P", "Q"], "b": ["P", "Q"]}
    places = {"P": ["a", "b"], "Q": ["a", "b"]}
    caps = {"P": 1, "Q": 1}
    unstable = {"a": "Q", "b": "P"}
    assert blocking_pairs(students, places, caps, unstable) == [("a", "P")]
    assert blocking_pairs(students, places, caps, {"a": "P"}) == [("b", "Q")]
    with pytest.raises(ValueError, match="not stable"):
        unmatched_reasons(students, places, caps, {"a": "P"})


# -- lottery ----------------------------------------------------------------------------------

def test_lottery_is_a_seeded_permutation():
    ids = [f"s{i}" for i in range(50)]
    drawn = lottery(ids, 7)
    assert sorted(drawn) == sorted(ids)
    assert drawn == lottery(reversed(ids), 7) == lottery(set(ids), 7)
    assert drawn != lottery(ids, 8)
    assert lottery(ids, "round-2025-1") == lottery(list(reversed(ids)), "round-2025-1")
    assert lottery(ids, "round-2025-1") != drawn
    # Pinned: a recorded seed must give the same draw on every machine, later too.
    assert drawn[:5] == ["s30", "s40", "s21", "s37", "s18"]
    assert lottery(["e", "d", "c", "b", "a"], "round-1") == ["d", "c", "a", "b", "e"]
    assert lottery([], 1) == []
    with pytest.raises(ValueError, match="distinct"):
        lottery(["a", "b", "a"], 1)
    with pytest.raises(ValueError, match="seed"):
        lottery(["a"], 1.5)


def test_rank_by_score_breaks_ties_by_the_lottery():
    scores = {"a": 4.5, "b": 3.0, "c": 4.5, "d": 5.0, "e": 3.0, "f": 4.5}
    for seed in range(10):
        ranked = rank_by_score(scores, seed)
        assert ranked[0] == "d"
        assert [scores[s] for s in ranked] == sorted(scores.values(), reverse=True)
        order = {s: i for i, s in enumerate(lottery(scores, seed))}
        for x, y in itertools.pairwise(ranked):
            if scores[x] == scores[y]:
                assert order[x] < order[y]
        assert rank_by_score(dict(reversed(scores.items())), seed) == ranked
    assert len({tuple(rank_by_score(scores, seed)) for seed in range(20)}) > 1
    with pytest.raises(ValueError, match="finite"):
        rank_by_score({"a": float("nan")}, 1)


# -- properties -------------------------------------------------------------------------------

@st.composite
def instances(draw, max_students=5, max_places=3, max_cap=2):
    """Tiny instances: lists in any order, unknown places, places without seats, places that
    rank students who do not rank them, students nobody ranks."""
    students = [f"s{i}" for i in range(draw(st.integers(0, max_students)))]
    places = [f"p{i}" for i in range(draw(st.integers(0, max_places)))]
    names = [*places, "nowhere"]
    student_prefs = {s: draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)))
                     for s in students}
    pool = [*students, "ghost"]
    place_prefs = {p: draw(st.lists(st.sampled_from(pool), unique=True, max_size=len(pool)))
                   for p in places}
    capacities = {p: draw(st.integers(0, max_cap)) for p in places}
    return student_prefs, place_prefs, capacities


def acceptable(student_prefs, place_prefs, capacities):
    """student -> the places they may get: on their list, existing, ranking them."""
    return {s: [p for p in lst if p in place_prefs and s in place_prefs[p]]
            for s, lst in student_prefs.items()}


def is_stable(student_prefs, place_prefs, capacities, m):
    """Brute-force stability, written apart from the module's checker."""
    for s, lst in student_prefs.items():
        for p in lst:
            if p == m[s]:
                break
            if p not in place_prefs or s not in place_prefs[p] or capacities[p] == 0:
                continue
            holders = [t for t, q in m.items() if q == p]
            if len(holders) < capacities[p]:
                return False
            rank = place_prefs[p].index
            if any(rank(s) < rank(t) for t in holders):
                return False
    return True


def stable_matchings(student_prefs, place_prefs, capacities):
    options = acceptable(student_prefs, place_prefs, capacities)
    students = list(student_prefs)
    found = []
    for choice in itertools.product(*[[None, *options[s]] for s in students]):
        m = dict(zip(students, choice, strict=True))
        if any(sum(1 for q in choice if q == p) > capacities[p] for p in place_prefs):
            continue
        if is_stable(student_prefs, place_prefs, capacities, m):
            found.append(m)
    return found


def check_feasible(student_prefs, place_prefs, capacities, result):
    assert set(result) == set(student_prefs)
    options = acceptable(student_prefs, place_prefs, capacities)
    for s, p in result.items():
        assert p is None or p in options[s]
    for p, cap in capacities.items():
        assert sum(1 for q in result.values() if q == p) <= cap


@PROPERTY
@given(instances())
def test_student_optimal_stable_matching_by_brute_force(inst):
    student_prefs, place_prefs, capacities = inst
    result = match(*inst)
    check_feasible(*inst, result)
    assert blocking_pairs(*inst, result) == []
    stable = stable_matchings(*inst)
    assert result in stable
    # Student-optimal: every student does at least as well as in any stable matching.
    for other in stable:
        for s, lst in student_prefs.items():
            mine, theirs = result[s], other[s]
            if theirs is not None:
                assert mine is not None and lst.index(mine) <= lst.index(theirs)


@PROPERTY
@given(instances(max_students=12, max_places=5, max_cap=3), st.randoms(use_true_random=False))
def test_invariant_to_dict_and_proposal_order(inst, rnd):
    student_prefs, place_prefs, capacities = inst
    result = match(*inst)

    def shuffled(d):
        items = list(d.items())
        rnd.shuffle(items)
        return dict(items)

    students = shuffled(student_prefs)
    again = match(students, shuffled(place_prefs), shuffled(capacities))
    assert again == result
    assert list(again) == list(students)  # the keys follow student_prefs


@PROPERTY
@given(instances(max_students=12, max_places=5, max_cap=3))
def test_no_blocking_pair_and_consistent_reasons(inst):
    student_prefs, place_prefs, capacities = inst
    result = match(*inst)
    check_feasible(*inst, result)
    assert is_stable(*inst, result)
    assert blocking_pairs(*inst, result) == []
    reasons = unmatched_reasons(*inst, result)
    assert set(reasons) == {s for s, p in result.items() if p is None}
    assert set(reasons.values()) <= set(REASONS)
    for s, code in reasons.items():
        ranking = [p for p in student_prefs[s] if s in place_prefs.get(p, ())]
        with_seats = [p for p in ranking if capacities[p] > 0]
        if code == "no_preferences":
            assert student_prefs[s] == []
        elif code == "not_ranked":
            assert student_prefs[s] and not ranking
        elif code == "no_capacity":
            assert ranking and not with_seats
        else:
            assert code == "outranked" and with_seats
            for p in with_seats:
                holders = [t for t, q in result.items() if q == p]
                assert len(holders) == capacities[p]
                assert all(place_prefs[p].index(t) < place_prefs[p].index(s) for t in holders)


@PROPERTY
@given(instances(max_students=8, max_places=4, max_cap=2))
def test_checker_finds_the_blocking_pairs_of_any_matching(inst):
    """blocking_pairs agrees with the brute-force definition on arbitrary feasible matchings."""
    student_prefs, place_prefs, capacities = inst
    options = acceptable(*inst)
    rnd = random.Random(repr(inst))
    m = {s: None for s in student_prefs}
    for s in student_prefs:
        free = [p for p in options[s]
                if sum(1 for q in m.values() if q == p) < capacities[p]]
        if free and rnd.random() < 0.7:
            m[s] = rnd.choice(free)
    assert (blocking_pairs(*inst, m) == []) == is_stable(*inst, m)


def test_larger_random_instances_are_stable():
    rnd = random.Random(5)
    for _ in range(20):
        places = [f"p{i}" for i in range(40)]
        students = [f"s{i}" for i in range(400)]
        student_prefs = {s: rnd.sample(places + ["gone"], rnd.randint(0, 8)) for s in students}
        applicants = {p: [s for s in students if p in student_prefs[s]] for p in places}
        place_prefs = {p: lottery([s for s in lst if rnd.random() < 0.9], rnd.randrange(10**9))
                       for p, lst in applicants.items()}
        capacities = {p: rnd.randint(0, 12) for p in places}
        result = match(student_prefs, place_prefs, capacities)
        check_feasible(student_prefs, place_prefs, capacities, result)
        assert blocking_pairs(student_prefs, place_prefs, capacities, result) == []
        assert is_stable(student_prefs, place_prefs, capacities, result)
        unmatched_reasons(student_prefs, place_prefs, capacities, result)


# -- the peer ---------------------------------------------------------------------------------

def peer_match(student_prefs, place_prefs, capacities):
    """The PyPI package `matching`'s resident-optimal HospitalResident on the instance reduced
    to what it accepts (mutual rankings only, no empty lists, no places without seats)."""
    from matching.games import HospitalResident

    options = acceptable(student_prefs, place_prefs, capacities)
    residents = {s: [p for p in lst if capacities[p] > 0] for s, lst in options.items()}
    residents = {s: lst for s, lst in residents.items() if lst}
    hospitals = {p: [s for s in lst if p in residents.get(s, ())] for p, lst in place_prefs.items()}
    hospitals = {p: lst for p, lst in hospitals.items() if lst}
    result = dict.fromkeys(student_prefs)
    if not residents:
        return result
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(
            residents, hospitals, {p: capacities[p] for p in hospitals})
        solved = game.solve(optimal="resident")
    for hospital, matched in solved.items():
        for resident in matched:
            result[resident.name] = hospital.name
    return result


def test_identical_to_the_peer():
    pytest.importorskip("matching.games", reason="the PyPI package `matching` is not installed")

    @PROPERTY
    @given(instances(max_students=25, max_places=6, max_cap=4))
    def tiny(inst):
        assert match(*inst) == peer_match(*inst)

    tiny()
    rnd = random.Random(11)
    for _ in range(10):
        places = [f"p{i}" for i in range(30)]
        students = [f"s{i}" for i in range(300)]
        student_prefs = {s: rnd.sample(places, rnd.randint(1, 10)) for s in students}
        applicants = {p: [s for s in students if p in student_prefs[s]] for p in places}
        place_prefs = {p: rank_by_score({s: rnd.randint(0, 20) for s in lst if rnd.random() < 0.95},
                                        p) for p, lst in applicants.items()}
        capacities = {p: rnd.randint(1, 20) for p in places}
        inst = student_prefs, place_prefs, capacities
        assert match(*inst) == peer_match(*inst)
