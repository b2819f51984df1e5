"""Minors' limits in the logbook (Labour Code): at most 24 hours a week at 14–16 and 36 at 16–18, no night
work, no overtime (a daily maximum), no entries under 14; each refused with the reason."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kasip.dual import services
from kasip.dual.models import LogbookEntry
from tests.dual.logbook_fixtures import *  # noqa: F403
from tests.dual.logbook_fixtures import born_aged, last_monday


def write(contract, day, starts, ends, **extra):
    return services.create_entry(None, contract, date=day, starts_at=dt.time(*starts), ends_at=dt.time(*ends),
                                 location="enterprise", tasks="Работа в цехе", **extra)


def refusal(contract, day, starts, ends, **extra) -> str:
    with pytest.raises(ValidationError) as caught:
        write(contract, day, starts, ends, **extra)
    return " ".join(caught.value.messages)


def fill_week(contract, monday, days, hours_a_day):
    for i in range(days):
        write(contract, monday + dt.timedelta(days=i), (9, 0), (9 + hours_a_day, 0))


def test_a_trainee_of_15_works_at_most_24_hours_a_week(make_contract):
    contract = make_contract(born=born_aged(15))
    monday = last_monday()
    fill_week(contract, monday, 4, 5)  # 20 hours
    write(contract, monday + dt.timedelta(days=4), (9, 0), (13, 0))  # 24
    message = refusal(contract, monday + dt.timedelta(days=5), (9, 0), (10, 0))
    assert "may work at most 24 hours a week" in message and "would have 25" in message
    assert LogbookEntry.objects.filter(contract=contract).count() == 5


def test_a_trainee_of_17_works_at_most_36_hours_a_week(make_contract):
    contract = make_contract(born=born_aged(17))
    monday = last_monday()
    fill_week(contract, monday, 5, 7)  # 35 hours
    message = refusal(contract, monday + dt.timedelta(days=5), (9, 0), (11, 0))
    assert "may work at most 36 hours a week" in message and "would have 37" in message
    write(contract, monday + dt.timedelta(days=5), (9, 0), (10, 0))  # exactly 36


def test_a_returned_entry_does_not_count_towards_the_week(make_contract, users):
    contract = make_contract(born=born_aged(15))
    monday = last_monday()
    fill_week(contract, monday, 4, 5)
    last = write(contract, monday + dt.timedelta(days=4), (9, 0), (13, 0))
    services.return_entry(None, last, "Не тот день")
    write(contract, monday + dt.timedelta(days=5), (9, 0), (13, 0))


def test_the_next_week_starts_afresh(make_contract):
    contract = make_contract(born=born_aged(15))
    monday = last_monday(3)
    fill_week(contract, monday, 4, 5)
    write(contract, monday + dt.timedelta(days=4), (9, 0), (13, 0))
    write(contract, monday + dt.timedelta(days=7), (9, 0), (14, 0))


def test_minors_do_not_work_at_night(make_contract):
    contract = make_contract(born=born_aged(17))
    assert "may not work at night (22:00 – 06:00)" in refusal(contract, last_monday(), (5, 0), (9, 0))
    assert "may not work at night" in refusal(contract, last_monday(), (18, 0), (22, 30))
    write(contract, last_monday(), (6, 0), (9, 0))


def test_adults_may_work_at_night(make_contract):
    contract = make_contract(born=born_aged(19))
    write(contract, last_monday(), (22, 0), (23, 30))


def test_no_overtime_for_a_trainee_of_15(make_contract):
    contract = make_contract(born=born_aged(15))
    message = refusal(contract, last_monday(), (9, 0), (15, 0))
    assert "No overtime: a trainee of 15 may work at most 5 hours a day; this day would have 6" in message


def test_no_overtime_for_a_trainee_of_17_counting_the_days_other_entries(make_contract):
    contract = make_contract(born=born_aged(17))
    write(contract, last_monday(), (8, 0), (12, 0))
    message = refusal(contract, last_monday(), (13, 0), (17, 0))
    assert "at most 7 hours a day; this day would have 8" in message


def test_the_daily_maximum_is_a_setting(make_contract, settings):
    settings.KASIP_MINOR_DAILY_HOURS_UNDER_18 = "4"
    contract = make_contract(born=born_aged(17))
    assert "at most 4 hours a day" in refusal(contract, last_monday(), (9, 0), (14, 0))


def test_the_age_on_the_entrys_day_counts(make_contract):
    """A trainee who turned 18 yesterday is an adult for today's entry, a minor for the day before."""
    from kasip.dual.services.logbook import weekly_limit

    monday = last_monday()
    contract = make_contract(born=(monday + dt.timedelta(days=1)).replace(year=monday.year - 18))
    assert "at most 7 hours a day" in refusal(contract, monday, (8, 0), (16, 0))
    write(contract, monday + dt.timedelta(days=1), (8, 0), (17, 0))
    assert weekly_limit(18) is None


def test_no_entries_under_14(make_contract):
    contract = make_contract(born=born_aged(13))
    assert "no logbook entries under 14" in refusal(contract, last_monday(), (9, 0), (11, 0))


def test_the_form_shows_the_minors_reason(client_for, make_contract, users):
    contract = make_contract(born=born_aged(15), user=users["student"])
    response = client_for("student").post(f"/trainees/{contract.pk}/logbook/new/", {
        "date": last_monday().isoformat(), "starts_at": "21:00", "ends_at": "23:00", "location": "enterprise",
        "tasks": "Ночная смена"})
    assert "may not work at night" in response.content.decode()
    assert not LogbookEntry.objects.exists()
