"""The demo's individual placement: approved places at the dual partners' sites, a published region round with
eligible placements, the first college's open round with the demo student's preferences; idempotent."""

import datetime as dt

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


def _age(born, day):
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def test_the_demo_dual_year(demo):
    from collections import defaultdict
    from decimal import Decimal

    from kasip.core.models import User
    from kasip.core.validators import validate_iin
    from kasip.dual.demo import generate_dual_year
    from kasip.dual.models import (
        Contract,
        ContractOrigin,
        ContractStatus,
        EntryStatus,
        LearningOutcome,
        LogbookEntry,
        Mentor,
        OrderKind,
        Party,
        TrainingOrder,
    )

    contracts = list(Contract.objects.select_related("student", "site", "placement__place", "mentor")
                     .prefetch_related("signatures", "periods", "orders"))
    group = [c for c in contracts if c.origin == ContractOrigin.GROUP]
    assert group and all(c.agreement_id and c.status in (ContractStatus.SIGNED, ContractStatus.COMPLETED)
                         for c in group)
    for c in group:
        minor = _age(c.student.birth_date, c.starts_on) < 18
        parties = {s.party for s in c.signatures.all()}
        assert parties == {Party.COLLEGE, Party.ENTERPRISE, Party.GUARDIAN if minor else Party.STUDENT}, c.number
        assert all(s.method in ("ecp", "scan") for s in c.signatures.all())
        if minor:
            assert c.guardian_name and c.guardian_document and c.guardian_iin != c.student.iin
            validate_iin(c.guardian_iin)
            assert not c.site.hazardous
        assert c.student_document and (c.monthly_payment > 0 or c.payment_reason)
        assert c.safety_briefing_on and c.medical_exam_on and c.mentor.enterprise_id == c.enterprise_id
        periods = sorted(c.periods.all(), key=lambda p: p.starts_on)
        assert any(p.kind == "enterprise" for p in periods)
        assert all(c.starts_on <= p.starts_on <= p.ends_on <= c.ends_on for p in periods)
        assert all(a.ends_on < b.starts_on for a, b in zip(periods, periods[1:], strict=False))
        assert {o.kind for o in c.orders.all()} == {OrderKind.SENDING, OrderKind.MENTORS}
    matched = [c for c in contracts if c.origin == ContractOrigin.MATCHING]
    assert matched and all(c.placement.place_id == c.place_id == c.placement.place.pk
                           and c.placement.student_id == c.student_id for c in matched)
    assert TrainingOrder.objects.filter(kind=OrderKind.SENDING).count() == TrainingOrder.objects.filter(
        kind=OrderKind.MENTORS).count() > 0

    # the logbook: within the contract, after the briefing and the examination, mostly signed off; minors keep
    # the Labour Code's limits (24 h a week under 16, 36 under 18; 5 and 7 h a day; nothing at night)
    entries = list(LogbookEntry.objects.select_related("contract__student").prefetch_related("outcomes"))
    statuses = {s: sum(e.status == s for e in entries) for s in EntryStatus.values}
    assert statuses["signed"] > 10 * statuses["submitted"] > 0 and statuses["returned"] >= 0
    weeks, days, minors = defaultdict(Decimal), defaultdict(Decimal), []
    for e in entries:
        c = e.contract
        assert c.starts_on <= e.date <= c.ends_on and e.date >= max(c.safety_briefing_on, c.medical_exam_on)
        assert e.hours <= Decimal((e.ends_at.hour * 60 + e.ends_at.minute - e.starts_at.hour * 60
                                   - e.starts_at.minute) / 60)
        assert e.outcomes.all() and (e.status != EntryStatus.RETURNED or e.mentor_comment)
        if e.status != EntryStatus.RETURNED:  # what counts towards the limits
            weeks[(c.pk, e.date.isocalendar()[:2])] += e.hours
            days[(c.pk, e.date)] += e.hours
            age = _age(c.student.birth_date, e.date)
            if age < 18:
                minors.append((c.pk, e.date, age))
                assert e.starts_at >= dt.time(6) and e.ends_at <= dt.time(22)
    assert minors, "the demo has minors with logbooks"
    for contract, day, age in minors:  # the week's and the day's hours within the limits of the age that day
        assert weeks[(contract, day.isocalendar()[:2])] <= (24 if age < 16 else 36)
        assert days[(contract, day)] <= (5 if age < 16 else 7)

    # the demo's accounts: the student's signed contract with the demo mentor, the coordinator's trainees
    student = Contract.objects.get(student__user__username="student")
    mentor = Mentor.objects.get(user__username="mentor")
    assert student.status == ContractStatus.SIGNED and student.mentor == mentor
    assert student.logbook.filter(status=EntryStatus.SIGNED).exists()
    assert student.logbook.filter(status=EntryStatus.SUBMITTED).exists()  # awaiting the mentor
    coordinator = User.objects.get(username="dual_coordinator")
    assert Contract.objects.filter(college_id=coordinator.organisation_id, status=ContractStatus.SIGNED).exists()

    # learning outcomes: 5 to 8 per qualification with a dual programme, in Kazakh and Russian
    per = defaultdict(list)
    for o in LearningOutcome.objects.all():
        per[o.qualification_id].append(o)
        assert o.name_kk and o.name_ru
    dual = set(Programme.objects.filter(is_dual=True).values_list("qualification_id", flat=True))
    assert set(per) == dual and all(5 <= len(v) <= 8 for v in per.values())

    counts = (Contract.objects.count(), LogbookEntry.objects.count(), Mentor.objects.count())
    assert generate_dual_year(2026) == 0  # idempotent
    load_demo_region(students=600)
    assert (Contract.objects.count(), LogbookEntry.objects.count(), Mentor.objects.count()) == counts
