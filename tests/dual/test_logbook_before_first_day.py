"""Before the first day: the safety briefing and the medical examination are recorded per trainee, by the
roles that give them, never in the future; no logbook entry before both."""

import datetime as dt

from kasip.dual.models import LogbookEntry
from tests.dual.logbook_fixtures import *  # noqa: F403
from tests.dual.logbook_fixtures import last_monday, today


def entry(day):
    return {"date": day.isoformat(), "starts_at": "09:00", "ends_at": "12:00", "location": "enterprise",
            "tasks": "Инструктаж на рабочем месте"}


def test_no_entry_before_the_briefing_and_the_medical_examination(client_for, make_contract, users):
    contract = make_contract(user=users["student"], ready=False)
    student = client_for("student")
    page = student.get(f"/trainees/{contract.pk}/").content.decode()
    assert "No logbook entry before the safety briefing and the medical examination" in page
    response = student.post(f"/trainees/{contract.pk}/logbook/new/", entry(last_monday()))
    body = response.content.decode()
    assert "the safety briefing, the medical examination not recorded yet" in body
    assert not LogbookEntry.objects.exists()


def test_the_mentor_records_the_briefing_and_the_college_the_medical_examination(client_for, make_contract, users):
    contract = make_contract(user=users["student"], ready=False)
    day = today() - dt.timedelta(days=30)
    response = client_for("mentor").post(f"/trainees/{contract.pk}/briefing/",
                                         {"date": day.isoformat(), "given_by": "Инженер по ОТ Ким А."}, follow=True)
    assert "The safety briefing is recorded." in response.content.decode()
    student = client_for("student")
    response = student.post(f"/trainees/{contract.pk}/logbook/new/", entry(last_monday()))
    assert "the medical examination not recorded yet" in response.content.decode()
    response = client_for("dual_coordinator").post(f"/trainees/{contract.pk}/medical/",
                                                   {"date": day.isoformat(), "certificate": "075/у-123"}, follow=True)
    assert "The medical examination is recorded." in response.content.decode()
    page = student.get(f"/trainees/{contract.pk}/").content.decode()
    assert "Инженер по ОТ Ким А." in page and "075/у-123" in page
    student.post(f"/trainees/{contract.pk}/logbook/new/", entry(last_monday()))
    assert LogbookEntry.objects.filter(contract=contract).count() == 1


def test_an_entry_dated_before_the_briefing_is_refused(client_for, make_contract, users):
    contract = make_contract(user=users["student"], safety_briefing_on=last_monday() + dt.timedelta(days=2))
    response = client_for("student").post(f"/trainees/{contract.pk}/logbook/new/", entry(last_monday()))
    assert "The date is before the safety briefing" in response.content.decode()


def test_a_briefing_in_the_future_is_refused(client_for, make_contract, users):
    contract = make_contract(user=users["student"], ready=False)
    response = client_for("enterprise_hr").post(f"/trainees/{contract.pk}/briefing/", {
        "date": (today() + dt.timedelta(days=2)).isoformat(), "given_by": "Инженер"}, follow=True)
    assert "The date is in the future." in response.content.decode()
    contract.refresh_from_db()
    assert contract.safety_briefing_on is None


def test_the_briefing_needs_who_gave_it(client_for, make_contract, users):
    contract = make_contract(user=users["student"], ready=False)
    response = client_for("enterprise_hr").post(f"/trainees/{contract.pk}/briefing/",
                                                {"date": today().isoformat(), "given_by": ""}, follow=True)
    assert "Briefing given by: This field is required." in response.content.decode()


def test_who_records_what(client_for, make_contract, users):
    contract = make_contract(user=users["student"], ready=False)
    data = {"date": today().isoformat(), "given_by": "x", "certificate": "1"}
    briefing = {role: client_for(role).post(f"/trainees/{contract.pk}/briefing/", data).status_code
                for role in ("mentor", "enterprise_hr", "dual_coordinator", "student")}
    medical = {role: client_for(role).post(f"/trainees/{contract.pk}/medical/", data).status_code
               for role in ("mentor", "enterprise_hr", "dual_coordinator", "student")}
    assert briefing == {"mentor": 302, "enterprise_hr": 302, "dual_coordinator": 403, "student": 403}
    assert medical == {"mentor": 403, "enterprise_hr": 302, "dual_coordinator": 302, "student": 403}
