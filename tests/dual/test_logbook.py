"""The logbook in the browser: the student and the mentor write entries, the mentor signs them off or returns
them with a comment, the student corrects and resubmits; bad entries are refused with the reason."""

import datetime as dt

from kasip.dual.models import ContractStatus, EntryStatus, LogbookEntry
from tests.dual.logbook_fixtures import *  # noqa: F403
from tests.dual.logbook_fixtures import last_monday, today


def entry_form(day, starts="09:00", ends="13:00", **extra):
    return {"date": day.isoformat(), "starts_at": starts, "ends_at": ends, "location": "enterprise",
            "tasks": "Сварка швов под руководством наставника", **extra}


def test_the_student_writes_an_entry_that_waits_for_sign_off(client_for, contract, outcomes):
    client = client_for("student")
    response = client.post(f"/trainees/{contract.pk}/logbook/new/",
                           entry_form(last_monday(), outcomes=[outcomes[0].pk, outcomes[1].pk]), follow=True)
    assert response.status_code == 200
    assert "waits for the mentor&#x27;s sign-off" in response.content.decode()
    entry = LogbookEntry.objects.get(contract=contract)
    assert entry.hours == 4 and entry.status == EntryStatus.SUBMITTED
    assert sorted(o.code for o in entry.outcomes.all()) == ["РО1", "РО2"]


def test_the_hours_default_to_the_span_and_may_be_fewer(client_for, contract):
    client = client_for("student")
    client.post(f"/trainees/{contract.pk}/logbook/new/", entry_form(last_monday(), "08:00", "12:30"))
    client.post(f"/trainees/{contract.pk}/logbook/new/", entry_form(last_monday(), "13:30", "17:30", hours="3.5"))
    assert sorted(LogbookEntry.objects.values_list("hours", flat=True)) == [3.5, 4.5]


def test_more_hours_than_the_span_are_refused(client_for, contract):
    response = client_for("student").post(f"/trainees/{contract.pk}/logbook/new/",
                                          entry_form(last_monday(), hours="5"))
    assert "5 hours do not fit between 09:00 and 13:00" in response.content.decode()
    assert not LogbookEntry.objects.exists()


def test_a_future_date_is_refused(client_for, contract):
    response = client_for("student").post(f"/trainees/{contract.pk}/logbook/new/",
                                          entry_form(today() + dt.timedelta(days=1)))
    assert "The date is in the future." in response.content.decode()
    assert not LogbookEntry.objects.exists()


def test_a_date_outside_the_contract_is_refused(client_for, contract):
    response = client_for("student").post(f"/trainees/{contract.pk}/logbook/new/",
                                          entry_form(contract.starts_on - dt.timedelta(days=3)))
    assert "The date lies outside the contract&#x27;s period" in response.content.decode()
    assert not LogbookEntry.objects.exists()


def test_overlapping_times_of_one_day_are_refused(client_for, contract):
    client = client_for("student")
    client.post(f"/trainees/{contract.pk}/logbook/new/", entry_form(last_monday(), "09:00", "13:00"))
    response = client.post(f"/trainees/{contract.pk}/logbook/new/", entry_form(last_monday(), "12:00", "15:00"))
    assert "The time overlaps another entry of the same day (09:00 – 13:00)." in response.content.decode()
    assert LogbookEntry.objects.count() == 1


def test_an_outcome_of_another_qualification_is_not_offered(client_for, contract, other_qualification):
    from kasip.dual.models import LearningOutcome

    stranger = LearningOutcome.objects.create(qualification=other_qualification, code="X1", name_kk="Басқа")
    response = client_for("student").post(f"/trainees/{contract.pk}/logbook/new/",
                                          entry_form(last_monday(), outcomes=[stranger.pk]))
    assert "Select a valid choice" in response.content.decode()
    assert not LogbookEntry.objects.exists()


def test_the_mentor_signs_an_entry_off_and_the_hours_count(client_for, contract):
    client_for("student").post(f"/trainees/{contract.pk}/logbook/new/", entry_form(last_monday()))
    entry = LogbookEntry.objects.get()
    mentor = client_for("mentor")
    response = mentor.post(f"/logbook/{entry.pk}/sign/", follow=True)
    assert "signed off" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SIGNED
    page = mentor.get(f"/trainees/{contract.pk}/").content.decode()
    assert "4 / 800" in page


def test_the_mentor_returns_an_entry_only_with_a_comment(client_for, contract):
    client_for("student").post(f"/trainees/{contract.pk}/logbook/new/", entry_form(last_monday()))
    entry = LogbookEntry.objects.get()
    mentor = client_for("mentor")
    response = mentor.post(f"/logbook/{entry.pk}/return/", {"comment": "  "}, follow=True)
    assert "a returned entry needs a comment" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED
    mentor.post(f"/logbook/{entry.pk}/return/", {"comment": "Уточните задачи"})
    entry.refresh_from_db()
    assert entry.status == EntryStatus.RETURNED and entry.mentor_comment == "Уточните задачи"


def test_the_student_corrects_a_returned_entry_and_resubmits_it(client_for, contract):
    student = client_for("student")
    student.post(f"/trainees/{contract.pk}/logbook/new/", entry_form(last_monday()))
    entry = LogbookEntry.objects.get()
    client_for("mentor").post(f"/logbook/{entry.pk}/return/", {"comment": "Уточните задачи"})
    page = student.get(f"/logbook/{entry.pk}/edit/").content.decode()
    assert "Уточните задачи" in page
    student.post(f"/logbook/{entry.pk}/edit/", entry_form(last_monday(), tasks="Сварка швов: 12 стыков"))
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED and entry.tasks == "Сварка швов: 12 стыков"


def test_a_signed_entry_is_final(client_for, contract):
    student = client_for("student")
    student.post(f"/trainees/{contract.pk}/logbook/new/", entry_form(last_monday()))
    entry = LogbookEntry.objects.get()
    client_for("mentor").post(f"/logbook/{entry.pk}/sign/")
    response = student.post(f"/logbook/{entry.pk}/edit/", entry_form(last_monday(), tasks="Другое"), follow=True)
    assert "The entry is signed off: it is final." in response.content.decode()
    entry.refresh_from_db()
    assert entry.tasks != "Другое"
    again = client_for("mentor").post(f"/logbook/{entry.pk}/sign/", follow=True)
    assert "already signed off" in again.content.decode()


def test_the_mentors_own_entry_needs_the_mentors_sign_off(client_for, contract):
    mentor = client_for("mentor")
    mentor.post(f"/trainees/{contract.pk}/logbook/new/", entry_form(last_monday()))
    entry = LogbookEntry.objects.get()
    assert entry.status == EntryStatus.SUBMITTED
    page = mentor.get("/mentor/").content.decode()
    assert f'action="/logbook/{entry.pk}/sign/"' in page
    mentor.post(f"/logbook/{entry.pk}/sign/", {"next": "/mentor/"})
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SIGNED


def test_the_student_may_not_sign_off_his_own_entry(client_for, contract):
    student = client_for("student")
    student.post(f"/trainees/{contract.pk}/logbook/new/", entry_form(last_monday()))
    entry = LogbookEntry.objects.get()
    assert student.post(f"/logbook/{entry.pk}/sign/").status_code == 403


def test_no_entry_on_a_contract_not_yet_signed(client_for, make_contract, users):
    contract = make_contract(user=users["student"], status=ContractStatus.SIGNING)
    response = client_for("student").post(f"/trainees/{contract.pk}/logbook/new/", entry_form(last_monday()))
    assert "not signed: no logbook entries" in response.content.decode()
    assert not LogbookEntry.objects.exists()


def test_the_students_logbook_link_opens_his_contract(client_for, contract):
    response = client_for("student").get("/logbook/")
    assert response.status_code == 302 and response["Location"] == f"/trainees/{contract.pk}/"


def test_a_student_without_a_contract_is_told_so(client_for, users, db):
    response = client_for("student").get("/logbook/")
    assert "You have no dual-training contract yet" in response.content.decode()
