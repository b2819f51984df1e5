"""Eligibility (each rule), the limit of ranked places, and what a student may not rank."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kasip.dual import services
from kasip.dual.eligibility import eligibility_problems
from kasip.dual.models import MatchingRound, PlaceStatus, Preference, RoundScope
from kasip.registry.models import District

from .conftest import START


def codes(student, place, round_=None):
    return [p.code for p in eligibility_problems(student, place, round_)]


@pytest.fixture
def student(make_student):
    return make_student()


def test_an_eligible_student_has_no_problem(student, make_place):
    assert codes(student, make_place()) == []


def test_qualification_must_be_among_the_places(student, make_place, other_qualification):
    assert codes(student, make_place(qualifications=[other_qualification])) == ["qualification"]


def test_a_student_without_a_group_has_no_known_qualification(make_student, make_place):
    assert codes(make_student(group=None), make_place()) == ["qualification"]


def test_language_must_match_unless_the_place_takes_both(student, make_place):
    assert codes(student, make_place(language="ru")) == ["language"]
    assert codes(student, make_place(language="kk")) == []
    assert codes(student, make_place(language="any")) == []


def test_district_restriction_only_when_set(student, make_place):
    # the college is in Karaganda, the enterprise's site in Temirtau
    assert codes(student, make_place(district_only=True)) == ["district"]
    assert codes(student, make_place(district_only=False)) == []


def test_district_restriction_admits_colleges_of_the_district(make_student, make_place, site, region):
    site.district = District.objects.get(kato="351010000")
    site.save()
    assert codes(make_student(), make_place(district_only=True, site=site, district=site.district)) == []


def test_hazardous_sites_take_adults_at_the_start_of_the_period(make_student, make_place, hazardous_site):
    place = make_place(site=hazardous_site)
    assert place.adults_only
    minor = make_student(born=START.replace(year=START.year - 18) + dt.timedelta(days=1))
    adult = make_student(born=START.replace(year=START.year - 18))
    assert codes(minor, place) == ["age"]
    assert codes(adult, place) == []
    assert not make_place().adults_only


def test_only_studying_students(make_student, make_place):
    assert codes(make_student(status="leave"), make_place()) == ["status"]


def test_the_rounds_scope(make_student, make_place, other_college, other_group, deadline):
    place = make_place(language="any")
    round_ = MatchingRound(name="R", scope=RoundScope.COLLEGE, college=other_college, deadline=deadline, seed=1)
    assert codes(make_student(), place, round_) == ["scope"]
    assert codes(make_student(college=other_college, group=other_group), place, round_) == []
    region_round = MatchingRound(name="R", scope=RoundScope.REGION, deadline=deadline, seed=1)
    assert codes(make_student(), place, region_round) == []


# --- ranking through the service ---------------------------------------------------------
@pytest.fixture
def student_user(users, make_student):
    make_student(user=users["student"])
    return users["student"]


def test_a_student_ranks_places_in_order(student_user, make_place):
    a, b = make_place(), make_place()
    services.add_preference(student_user, a)
    services.add_preference(student_user, b)
    services.move_preference(student_user, b, up=True)
    assert list(Preference.objects.order_by("rank").values_list("place_id", "rank")) == [(b.pk, 1), (a.pk, 2)]
    services.remove_preference(student_user, b)
    assert list(Preference.objects.values_list("place_id", "rank")) == [(a.pk, 1)]


def test_at_most_the_configured_number_of_places(student_user, make_place, settings):
    settings.KASIP_MAX_PREFERENCES = 2
    places = [make_place() for _ in range(3)]
    services.set_preferences(student_user, [p.pk for p in places[:2]])
    with pytest.raises(ValidationError, match="at most 2"):
        services.add_preference(student_user, places[2])
    assert Preference.objects.count() == 2


def test_the_default_maximum_is_five(student_user, make_place):
    places = [make_place() for _ in range(6)]
    services.set_preferences(student_user, [p.pk for p in places[:5]])
    with pytest.raises(ValidationError, match="at most 5"):
        services.add_preference(student_user, places[5])


def test_an_ineligible_place_is_refused_with_the_reason(student_user, make_place, hazardous_site, users):
    record = users["student"].student_record
    record.birth_date = dt.date(2010, 1, 1)
    record.save()
    with pytest.raises(ValidationError) as exc:
        services.add_preference(student_user, make_place(site=hazardous_site))
    assert "hazardous" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError, match="qualification"):
        services.add_preference(student_user, make_place(qualifications=[]))
    assert not Preference.objects.exists()


def test_a_place_not_approved_cannot_be_ranked(student_user, make_place):
    for status in (PlaceStatus.DRAFT, PlaceStatus.PUBLISHED, PlaceStatus.WITHDRAWN):
        with pytest.raises(ValidationError, match="not open"):
            services.add_preference(student_user, make_place(status=status))


def test_no_changes_after_the_deadline_or_once_locked(student_user, make_place, college, deadline):
    place, other = make_place(), make_place()
    services.add_preference(student_user, place)
    late = services.create_round(None, name="Поздний", deadline=deadline - dt.timedelta(days=30), college=college,
                                 places=[other])
    with pytest.raises(ValidationError, match="deadline"):
        services.add_preference(student_user, other)
    round_ = services.create_round(None, name="Весна", deadline=deadline, college=college, places=[make_place()])
    services.lock_round(None, round_)
    with pytest.raises(ValidationError, match="locked"):
        services.remove_preference(student_user, place)
    assert late.pk and Preference.objects.count() == 1
