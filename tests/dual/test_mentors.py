"""Mentors: an enterprise's HR keeps its mentors (a maximum of trainees each, an optional account with an
invitation) and assigns them to its trainees; the mentor's own page shows his or her trainees only."""

import datetime as dt

from django.core import mail

from kasip.core.models import Role, User
from kasip.dual import services
from kasip.dual.models import Contract, ContractStatus, LogbookEntry, Mentor
from tests.conftest import make_user
from tests.dual.logbook_fixtures import *  # noqa: F403
from tests.dual.logbook_fixtures import last_monday


def mentor_form(**extra):
    return {"last_name": "Сейткали", "first_name": "Нурлан", "position": "мастер участка", "phone": "+7 701 000 00 00",
            "email": "nurlan@steel.kz", "max_trainees": "4", **extra}


def test_hr_adds_a_mentor_of_its_own_enterprise(client_for, enterprise):
    response = client_for("enterprise_hr").post("/mentors/new/", mentor_form(), follow=True)
    assert "Saved." in response.content.decode()
    mentor = Mentor.objects.get(last_name="Сейткали")
    assert mentor.enterprise_id == enterprise.pk and mentor.max_trainees == 4 and mentor.user is None


def test_the_maximum_is_from_1_to_30(client_for, db, enterprise):
    response = client_for("enterprise_hr").post("/mentors/new/", mentor_form(max_trainees="31"))
    assert "Ensure this value is less than or equal to 30." in response.content.decode()
    assert not Mentor.objects.exists()


def test_hr_creates_the_mentors_account_with_an_invitation(client_for, enterprise,
                                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for("enterprise_hr").post("/mentors/new/", mentor_form(create_account="on"))
    mentor = Mentor.objects.get()
    assert mentor.user.role == Role.MENTOR and mentor.user.organisation_id == enterprise.pk
    assert [m.to for m in mail.outbox] == [["nurlan@steel.kz"]]


def test_an_account_needs_the_mentors_email(client_for, enterprise):
    response = client_for("enterprise_hr").post("/mentors/new/", mentor_form(email="", create_account="on"))
    assert "An account needs the mentor&#x27;s e-mail." in response.content.decode()
    assert not Mentor.objects.exists()


def test_hr_links_an_existing_mentor_account_of_its_enterprise_only(client_for, users, enterprise, other_college):
    outsider = make_user("outsider", Role.STUDENT, other_college)
    response = client_for("enterprise_hr").post("/mentors/new/", mentor_form(user=outsider.pk))
    assert "Select a valid choice" in response.content.decode()
    client_for("enterprise_hr").post("/mentors/new/", mentor_form(user=users["mentor"].pk))
    assert Mentor.objects.get().user == users["mentor"]


def test_hr_assigns_a_mentor_to_its_trainee(client_for, make_contract, enterprise):
    contract = make_contract(mentor=None)
    other = Mentor.objects.create(enterprise=enterprise, last_name="Ким", first_name="Виктор", max_trainees=2)
    response = client_for("enterprise_hr").post(f"/trainees/{contract.pk}/mentor/", {"mentor": other.pk},
                                                follow=True)
    assert "The mentor is assigned." in response.content.decode()
    contract.refresh_from_db()
    assert contract.mentor == other


def test_a_mentor_takes_no_more_than_the_maximum(client_for, make_contract, enterprise):
    full = Mentor.objects.create(enterprise=enterprise, last_name="Ким", first_name="Виктор", max_trainees=1)
    make_contract(mentor=full)
    second = make_contract(mentor=None)
    response = client_for("enterprise_hr").post(f"/trainees/{second.pk}/mentor/", {"mentor": full.pk}, follow=True)
    assert "Ким Виктор already has 1 trainees, the maximum." in response.content.decode()
    second.refresh_from_db()
    assert second.mentor is None


def test_a_finished_contract_frees_the_mentors_place(make_contract, enterprise):
    mentor = Mentor.objects.create(enterprise=enterprise, last_name="Ким", first_name="Виктор", max_trainees=1)
    make_contract(mentor=mentor, status=ContractStatus.COMPLETED)
    services.assign_mentor(None, make_contract(mentor=None), mentor)


def test_an_inactive_mentor_or_one_of_another_enterprise_is_refused(make_contract, enterprise, region):
    from kasip.core.validators import make_bin
    from kasip.registry.models import District, Enterprise

    contract = make_contract(mentor=None)
    away = Enterprise.objects.create(bin=make_bin(2006, 6, 44), name_kk="Көмір", name_ru="Уголь",
                                     district=District.objects.get(kato="351010000"), oked="05100")
    stranger = Mentor.objects.create(enterprise=away, last_name="Чужой", first_name="Иван")
    resting = Mentor.objects.create(enterprise=enterprise, last_name="Отпускник", first_name="Пётр", is_active=False)
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Choose a mentor of the trainee's enterprise."):
        services.assign_mentor(None, contract, stranger)
    with pytest.raises(ValidationError, match="is inactive"):
        services.assign_mentor(None, contract, resting)


def test_a_mentor_with_trainees_is_not_deactivated(client_for, contract, mentor):
    response = client_for("enterprise_hr").post(f"/mentors/{mentor.pk}/active/", {"active": "0"}, follow=True)
    assert "The mentor has 1 trainees; assign them another mentor first." in response.content.decode()
    mentor.refresh_from_db()
    assert mentor.is_active


def test_the_maximum_cannot_go_below_the_current_trainees(client_for, make_contract, mentor):
    make_contract()
    make_contract()
    response = client_for("enterprise_hr").post(f"/mentors/{mentor.pk}/edit/", mentor_form(max_trainees="1"))
    assert "The mentor has 2 trainees now; the maximum cannot be lower." in response.content.decode()


def test_hr_sees_only_its_enterprises_mentors(client_for, mentor, region):
    from kasip.core.validators import make_bin
    from kasip.registry.models import District, Enterprise

    away = Enterprise.objects.create(bin=make_bin(2006, 6, 44), name_kk="Көмір", name_ru="Уголь",
                                     district=District.objects.get(kato="351010000"), oked="05100")
    stranger = Mentor.objects.create(enterprise=away, last_name="Чужой", first_name="Иван")
    page = client_for("enterprise_hr").get("/mentors/").content.decode()
    assert "Ментор Ерлан" in page and "Чужой" not in page
    assert client_for("enterprise_hr").get(f"/mentors/{stranger.pk}/").status_code == 403


def test_the_mentors_page_shows_own_trainees_and_entries_to_sign(client_for, contract, make_contract, enterprise):
    other_mentor = Mentor.objects.create(enterprise=enterprise, last_name="Ким", first_name="Виктор")
    someone_else = make_contract(mentor=other_mentor)
    services.create_entry(None, contract, date=last_monday(), starts_at=dt.time(9), ends_at=dt.time(12),
                          location="enterprise", tasks="Сборка узла")
    page = client_for("mentor").get("/mentor/").content.decode()
    assert contract.student.full_name in page and someone_else.student.full_name not in page
    assert "Сборка узла" in page


def test_a_mentor_sees_only_own_trainees(client_for, contract, make_contract, enterprise):
    other_mentor = Mentor.objects.create(enterprise=enterprise, last_name="Ким", first_name="Виктор")
    someone_else = make_contract(mentor=other_mentor)
    mentor = client_for("mentor")
    assert mentor.get(f"/trainees/{contract.pk}/").status_code == 200
    assert mentor.get(f"/trainees/{someone_else.pk}/").status_code == 403
    assert mentor.get(f"/trainees/{someone_else.pk}/logbook/new/").status_code == 403
    listing = mentor.get("/trainees/").content.decode()
    assert contract.student.full_name in listing and someone_else.student.full_name not in listing


def test_a_mentor_may_not_sign_another_mentors_trainees_entries(client_for, make_contract, enterprise):
    other_mentor = Mentor.objects.create(enterprise=enterprise, last_name="Ким", first_name="Виктор")
    someone_else = make_contract(mentor=other_mentor)
    entry = services.create_entry(None, someone_else, date=last_monday(), starts_at=dt.time(9), ends_at=dt.time(12),
                                  location="enterprise", tasks="Сборка")
    assert client_for("mentor").post(f"/logbook/{entry.pk}/sign/").status_code == 403
    assert LogbookEntry.objects.get(pk=entry.pk).status == "submitted"


def test_the_enterprise_sees_only_its_trainees_and_the_college_its_own(client_for, make_contract, other_college,
                                                                       other_group, make_student):
    ours = make_contract()
    theirs = make_contract(student=make_student(college=other_college, group=other_group), college=other_college,
                           programme=other_group.programme)
    college = client_for("dual_coordinator")
    assert college.get(f"/trainees/{ours.pk}/").status_code == 200
    assert college.get(f"/trainees/{theirs.pk}/").status_code == 403
    assert client_for("analyst").get(f"/trainees/{ours.pk}/").status_code == 403
    assert client_for("customer").get("/trainees/").status_code == 403


def test_a_student_sees_only_his_own_record(client_for, contract, make_contract):
    other = make_contract()
    student = client_for("student")
    assert student.get(f"/trainees/{contract.pk}/").status_code == 200
    assert student.get(f"/trainees/{other.pk}/").status_code == 403
    assert student.get(f"/trainees/{other.pk}/logbook.csv").status_code == 403


def test_staff_reading_a_trainees_page_is_audited(client_for, contract, users):
    from kasip.core.models import AuditEntry

    client_for("enterprise_hr").get(f"/trainees/{contract.pk}/")
    assert AuditEntry.objects.filter(action="read", actor=users["enterprise_hr"]).exists()
    client_for("student").get(f"/trainees/{contract.pk}/")
    assert not AuditEntry.objects.filter(action="read", actor=users["student"]).exists()


def test_two_assignments_at_once_lock_the_mentor(make_contract, enterprise):
    """The mentor's row is locked before counting (the concurrent case runs on PostgreSQL in CI)."""
    mentor = Mentor.objects.create(enterprise=enterprise, last_name="Ким", first_name="Виктор", max_trainees=1)
    first, second = make_contract(mentor=None), make_contract(mentor=None)
    services.assign_mentor(None, first, mentor)
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.assign_mentor(None, second, mentor)
    assert Contract.objects.filter(mentor=mentor).count() == 1
    assert User.objects.filter(role=Role.MENTOR).count() == 1
