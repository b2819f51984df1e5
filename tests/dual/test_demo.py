"""The demo's individual placement: approved places at the dual partners' sites, a published region round with
eligible placements, the first college's open round with the demo student's preferences; idempotent."""

import pytest

from kasip.demo.loader import load_demo_region
from kasip.dual import services
from kasip.dual.demo import COLLEGE_ROUND_NAME, ROUND_NAME, generate_training
from kasip.dual.eligibility import is_eligible
from kasip.dual.models import (
    MatchingRound,
    Notification,
    Placement,
    PlaceStatus,
    Preference,
    RoundStatus,
    TrainingPlace,
)
from kasip.partners.models import Agreement
from kasip.registry.models import Programme, Student


@pytest.fixture
def demo(db):
    return load_demo_region(students=600)  # `kasip demo` generates the training places and rounds


def test_the_demo_training_places_and_rounds(demo):
    created = TrainingPlace.objects.count()
    places = TrainingPlace.objects.prefetch_related("qualifications").select_related("site", "enterprise")
    assert created == places.count() > 0
    pairs = set(Agreement.objects.filter(kind="dual_training").values_list("enterprise_id", "college_id"))
    dual = set(Programme.objects.filter(is_dual=True).values_list("college_id", "qualification_id"))
    for place in places:
        assert place.status == PlaceStatus.APPROVED and 1 <= place.capacity <= 8
        assert place.site.enterprise_id == place.enterprise_id
        assert any((place.enterprise_id, c) in pairs and (c, q.pk) in dual  # a partner college's dual programme
                   for q in place.qualifications.all() for _e, c in pairs)
        place.full_clean()

    region = MatchingRound.objects.get(name=ROUND_NAME)
    assert region.status == RoundStatus.PUBLISHED and region.scope == "region"
    placed = list(Placement.objects.filter(round=region, place__isnull=False)
                  .select_related("student__college", "student__group__programme", "place__site",
                                  "place__district").prefetch_related("place__qualifications"))
    assert placed
    for placement in placed:
        assert is_eligible(placement.student, placement.place, region)
        assert Preference.objects.filter(student=placement.student, place=placement.place,
                                         rank=placement.rank_obtained).exists()

    college_round = MatchingRound.objects.get(name=COLLEGE_ROUND_NAME)
    assert college_round.status == RoundStatus.OPEN and college_round.scope == "college"
    student = Student.objects.get(user__username="student")
    assert services.lock_problem(student) is None
    mine = list(Preference.objects.filter(student=student).select_related("place").order_by("rank"))
    assert 2 <= len(mine) <= 3
    assert all(p.place in college_round.places.all() and not services.place_problems(student, p.place)
               for p in mine)
    services.set_preferences(None, [p.place_id for p in reversed(mine)], student=student)  # still editable
    assert Notification.objects.filter(user__username="student").count() == 1

    assert generate_training(2026) == 0  # idempotent
    assert MatchingRound.objects.count() == 2 and TrainingPlace.objects.count() == created
