"""Matching rounds end to end through the services: create, lock, run (deterministic, stable), statistics,
publish with notifications, a second round; one open round per place; minors and hazardous sites."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from kasip.dual import matching, services, tasks
from kasip.dual.models import (
    Notification,
    Placement,
    PlaceRanking,
    Preference,
    RoundScope,
    RoundStatus,
)
from kasip.registry.models import Student

from .conftest import START


def prefs(student, *places, scores=None):
    for rank, place in enumerate(places, 1):
        Preference.objects.create(student=student, place=place, rank=rank,
                                  score=Decimal((scores or {}).get(place.pk, 0)))


def result(round_):
    return {p.student_id: (p.place_id, p.rank_obtained, p.reason)
            for p in Placement.objects.filter(round=round_)}


@pytest.fixture
def setup(make_student, make_place, users, college, deadline):
    """Six students, three places (capacities 1, 2, 1); everyone wants A first: A ranks by score with ties."""
    a, b, c = make_place(capacity=1), make_place(capacity=2), make_place(capacity=1)
    s = [make_student() for _ in range(6)]
    s[0].user = users["student"]
    s[0].save()
    for i, student in enumerate(s):
        prefs(student, a, b, c, scores={a.pk: 5 if i < 3 else 1, b.pk: 10 - i, c.pk: i})
    round_ = services.create_round(users["college_admin"], name="Весна", deadline=deadline, places=[a, b, c],
                                   seed=42)
    return {"a": a, "b": b, "c": c, "students": s, "round": round_}


def test_a_full_round(setup, users):
    round_, actor = setup["round"], users["college_admin"]
    assert round_.scope == RoundScope.COLLEGE and round_.college_id == actor.organisation_id
    with pytest.raises(ValidationError, match="Lock the round"):
        services.run_round(actor, round_)
    services.lock_round(actor, round_)
    stats = services.run_round(actor, round_)
    assert stats["students"] == 6 and stats["matched"] == 4 and stats["share_matched"] == pytest.approx(4 / 6, abs=1e-4)
    first = result(round_)
    # a: one of the three tied at score 5 (the seeded lottery), b: the next best scores, c: the best remaining
    winners_a = [sid for sid, (pid, _r, _x) in first.items() if pid == setup["a"].pk]
    assert len(winners_a) == 1 and winners_a[0] in {s.pk for s in setup["students"][:3]}
    assert sum(1 for v in first.values() if v[0] == setup["b"].pk) == 2
    assert {v[2] for v in first.values() if v[0] is None} == {"outranked"}
    assert sorted(r["rank"] for r in stats["by_rank"]) == [1, 2, 3]
    assert stats["unmatched_by_reason"][0]["reason"] == "outranked"
    # stable, and the same again with the same seed (a re-run replaces the placements)
    round_.refresh_from_db()
    sp, pp, caps, _ranks = services.build_instance(round_)
    matching_ = {str(k): (str(v[0]) if v[0] else None) for k, v in first.items()}
    assert matching.blocking_pairs(sp, pp, caps, matching_) == []
    services.run_round(actor, round_)
    assert result(round_) == first
    assert Placement.objects.filter(round=round_).count() == 6
    # publish: in-app and e-mail notifications
    n = services.publish_round(actor, round_)
    round_.refresh_from_db()
    assert round_.status == RoundStatus.PUBLISHED and n == 1
    note = Notification.objects.get(user=users["student"])
    assert "Весна" in note.text and note.url == "/preferences/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [users["student"].email]
    with pytest.raises(ValidationError):
        services.run_round(actor, round_)


def test_another_seed_can_break_the_tie_otherwise(setup, users, deadline):
    outcomes = set()
    for seed in range(8):
        Placement.objects.all().delete()
        round_ = setup["round"]
        round_.seed, round_.status = seed, RoundStatus.LOCKED
        round_.save()
        services.run_round(None, round_)
        outcomes.add(Placement.objects.get(round=round_, place=setup["a"]).student_id)
    assert len(outcomes) > 1


def test_the_enterprise_ranking_overrides_the_score(setup, users):
    last = setup["students"][5]
    services.rank_applicants(users["enterprise_hr"], setup["a"], [last.pk])
    with pytest.raises(ValidationError, match="applicants"):
        services.rank_applicants(users["enterprise_hr"], setup["a"], [Student.objects.order_by("pk").last().pk + 1])
    with pytest.raises(PermissionDenied):
        services.rank_applicants(users["college_admin"], setup["a"], [last.pk])
    round_ = services.lock_round(None, setup["round"])
    services.run_round(None, round_)
    assert Placement.objects.get(round=round_, place=setup["a"]).student_id == last.pk
    assert PlaceRanking.objects.count() == 1


def test_a_second_round_fills_the_remaining_places(setup, users, make_student, make_place, deadline):
    actor = users["college_admin"]
    round_ = setup["round"]
    services.lock_round(actor, round_)
    services.run_round(actor, round_)
    with pytest.raises(ValidationError, match="published"):
        services.create_second_round(actor, round_)
    services.publish_round(actor, round_)
    unmatched = set(Placement.objects.filter(round=round_, place__isnull=True).values_list("student_id", flat=True))
    # more seats at c; a new place; a newcomer who was not in the first round is not in the second
    setup["c"].capacity = 2
    setup["c"].save()
    newcomer = make_student()
    prefs(newcomer, setup["c"])
    second = services.create_second_round(actor, round_)
    assert second.previous_round == round_ and second.status == RoundStatus.OPEN
    assert list(second.places.all()) == [setup["c"]]  # a and b are full
    services.lock_round(actor, second)
    stats = services.run_round(actor, second)
    got = result(second)
    assert set(got) == unmatched and stats["students"] == 2
    assert sum(1 for v in got.values() if v[0] == setup["c"].pk) == 1  # one seat left at c
    assert Placement.objects.filter(round__status=RoundStatus.PUBLISHED, place=setup["c"]).count() == 1


def test_a_place_is_in_one_open_round_at_a_time(make_place, users, college, deadline):
    place = make_place()
    first = services.create_round(None, name="1", deadline=deadline, college=college, places=[place])
    with pytest.raises(ValidationError, match="already in the round"):
        services.create_round(None, name="2", deadline=deadline, scope=RoundScope.REGION, places=[place])
    services.lock_round(None, first)
    services.run_round(None, first)
    services.publish_round(None, first)
    assert services.create_round(None, name="3", deadline=deadline, college=college, places=[place]).pk


def test_only_approved_places_enter_a_round(make_place, college, deadline):
    with pytest.raises(ValidationError, match="not approved"):
        services.create_round(None, name="1", deadline=deadline, college=college, places=[make_place(status="published")])


def test_who_creates_rounds(users, college, other_college, deadline):
    with pytest.raises(PermissionDenied):
        services.create_round(users["college_admin"], name="R", deadline=deadline, scope=RoundScope.REGION)
    with pytest.raises(PermissionDenied):
        services.create_round(users["enterprise_hr"], name="R", deadline=deadline, college=college)
    round_ = services.create_round(users["dual_coordinator"], name="R", deadline=deadline, college=other_college)
    assert round_.college == college  # forced to the coordinator's own college
    assert services.create_round(users["region_admin"], name="R", deadline=deadline, scope=RoundScope.REGION).college is None
    with pytest.raises(PermissionDenied):
        services.lock_round(users["analyst"], round_)


def test_minors_are_refused_for_hazardous_places_in_a_round(make_student, make_place, hazardous_site, deadline,
                                                            college):
    place = make_place(site=hazardous_site, capacity=5)
    minor = make_student(born=START - dt.timedelta(days=365 * 17))
    adult = make_student(born=dt.date(2000, 1, 1))
    prefs(minor, place, scores={place.pk: 100})  # written before the rule could refuse it
    prefs(adult, place)
    round_ = services.create_round(None, name="R", deadline=deadline, college=college, places=[place])
    services.lock_round(None, round_)
    services.run_round(None, round_)
    got = result(round_)
    assert got[adult.pk][0] == place.pk
    assert got[minor.pk] == (None, None, "no_preferences")


def test_out_of_scope_and_placed_students_stay_out(make_student, make_place, other_college, other_group, college,
                                                   deadline):
    place = make_place(capacity=3)
    outsider = make_student(college=other_college, group=other_group)
    prefs(outsider, place)
    insider = make_student()
    prefs(insider, place)
    round_ = services.create_round(None, name="R", deadline=deadline, college=college, places=[place])
    services.lock_round(None, round_)
    services.run_round(None, round_)
    assert set(result(round_)) == {insider.pk}


def test_the_command_and_the_task(setup):
    round_ = services.lock_round(None, setup["round"])
    stats = tasks.run_round.delay(round_.pk).get()
    assert stats["matched"] == 4
    out = StringIO()
    call_command("dual", "run-round", str(round_.pk), stdout=out)
    assert "matched 4" in out.getvalue() and "seed 42" in out.getvalue()
    out = StringIO()
    call_command("dual", "run-round", str(round_.pk), "--publish", stdout=out)
    assert "published" in out.getvalue()
    out = StringIO()
    call_command("dual", "run-round", str(round_.pk), "--stats", stdout=out)
    assert "status published" in out.getvalue()
