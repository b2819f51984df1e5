"""Progress and the share at the enterprise: signed-off hours against the contract's and the programme's planned
hours, flagged below the threshold; trainees behind the expected hours are marked and their college alerted."""

import datetime as dt

from django.core import mail

from kasip.dual import selectors, services
from kasip.dual.models import ContractPeriod, EntryLocation, EntryStatus, LogbookEntry, Notification
from tests.dual.logbook_fixtures import *  # noqa: F403
from tests.dual.logbook_fixtures import today


def signed(contract, hours, location=EntryLocation.ENTERPRISE, status=EntryStatus.SIGNED, days_ago=10):
    """Signed-off hours (written straight to the table: the logbook's own rules are tested elsewhere)."""
    return LogbookEntry.objects.create(contract=contract, date=today() - dt.timedelta(days=days_ago),
                                       starts_at=dt.time(8, 0), ends_at=dt.time(20, 0), hours=hours,
                                       location=location, tasks="Работа", status=status)


def test_progress_counts_signed_enterprise_hours_against_the_contracts_hours(contract):
    signed(contract, 300)
    signed(contract, 40, location=EntryLocation.COLLEGE)
    signed(contract, 20, status=EntryStatus.SUBMITTED)
    signed(contract, 10, status=EntryStatus.RETURNED)
    p = selectors.progress_of(contract)
    assert (p.signed_enterprise, p.signed_college, p.pending) == (300, 40, 20)
    assert p.progress == 300 / 800


def ended(contract):
    contract.ends_on = today() - dt.timedelta(days=1)
    contract.save(update_fields=["ends_on"])
    return contract


def test_the_share_is_signed_enterprise_hours_over_the_programmes_practice_hours(contract):
    ended(contract)
    signed(contract, 700)  # the programme plans 1 400 hours of production training
    p = selectors.progress_of(contract)
    assert p.share == 0.5 and p.threshold == 60 and p.flagged
    signed(contract, 140)
    assert not selectors.progress_of(contract).flagged  # 840 / 1400 = 60 %


def test_a_contract_covering_part_of_the_programme_is_measured_against_its_own_planned_hours(contract):
    ended(contract)
    contract.practice_hours = 1000
    contract.save(update_fields=["practice_hours"])
    signed(contract, 700)
    p = selectors.progress_of(contract)
    assert p.planned_practice == 1000 and p.share == 0.7 and not p.flagged


def test_during_the_training_the_threshold_is_scaled_to_the_part_of_the_period_gone_by(contract):
    # 61 days of 361 gone by: the share expected so far is 60 % × 0.17 ≈ 10 %
    signed(contract, 200)  # 14 % of 1 400
    assert not selectors.progress_of(contract).flagged
    LogbookEntry.objects.all().delete()
    signed(contract, 70)  # 5 %
    assert selectors.progress_of(contract).flagged
    contract.starts_on = today() - dt.timedelta(days=10)  # the first tenth of the period: too early to tell
    contract.save(update_fields=["starts_on"])
    assert not selectors.progress_of(contract).flagged


def test_the_threshold_is_a_setting(contract, settings):
    ended(contract)
    settings.KASIP_ENTERPRISE_SHARE = "50"
    signed(contract, 700)
    assert not selectors.progress_of(contract).flagged


def test_the_college_sees_the_share_flagged_on_the_trainee_page(client_for, contract):
    ended(contract)
    signed(contract, 700)
    page = client_for("dual_coordinator").get(f"/trainees/{contract.pk}/").content.decode()
    assert "50 %" in page and "below the 60 % threshold" in page


def test_expected_hours_are_linear_over_the_contract_period():
    start, end = dt.date(2026, 1, 1), dt.date(2026, 1, 10)
    assert selectors.expected_fraction(start, end, [], dt.date(2025, 12, 31)) == 0
    assert selectors.expected_fraction(start, end, [], dt.date(2026, 1, 5)) == 0.5
    assert selectors.expected_fraction(start, end, [], dt.date(2026, 2, 1)) == 1


def test_expected_hours_follow_the_enterprise_periods_of_the_schedule():
    start, end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    periods = [(dt.date(2026, 2, 1), dt.date(2026, 2, 10)), (dt.date(2026, 4, 1), dt.date(2026, 4, 10))]
    assert selectors.expected_fraction(start, end, periods, dt.date(2026, 3, 15)) == 0.5
    assert selectors.expected_fraction(start, end, periods, dt.date(2026, 1, 15)) == 0


def test_a_trainee_behind_the_expected_hours_is_marked(client_for, contract, make_contract):
    # 60 of 360 days gone: 800 × 61/361 ≈ 135 hours expected; 0.8 of it is 108
    signed(contract, 100)
    on_track = make_contract()
    signed(on_track, 130)
    assert selectors.progress_of(contract).behind and not selectors.progress_of(on_track).behind
    client = client_for("dual_coordinator")
    listing = client.get("/trainees/?behind=1").content.decode()
    assert contract.student.full_name in listing and on_track.student.full_name not in listing
    assert "1 record" in listing


def test_the_schedules_enterprise_periods_decide_who_is_behind(contract):
    ContractPeriod.objects.create(contract=contract, kind="enterprise", starts_on=today() + dt.timedelta(days=10),
                                  ends_on=today() + dt.timedelta(days=100))
    assert not selectors.progress_of(selectors.trainee(contract.pk)).behind


def test_the_trainees_page_filters_flagged_trainees(client_for, contract, make_contract):
    signed(contract, 900)
    low = make_contract()
    signed(low, 100)
    page = client_for("dual_coordinator").get("/trainees/?flagged=1").content.decode()
    assert low.student.full_name in page and contract.student.full_name not in page


def test_the_college_is_alerted_once_a_week_about_a_trainee_behind(contract, users):
    users["dual_coordinator"].email = "coordinator@example.kz"
    users["dual_coordinator"].save()
    result = services.check_progress()
    assert result == {"behind": 1, "alerted": 1, "notified": 2}  # the coordinator and the college admin
    note = Notification.objects.get(user=users["dual_coordinator"])
    assert contract.student.full_name in note.text and note.url == f"/trainees/{contract.pk}/"
    assert [m.to for m in mail.outbox] == [["college_admin@example.kz"], ["coordinator@example.kz"]] or len(
        mail.outbox) == 2
    assert services.check_progress()["alerted"] == 0
    assert services.check_progress(day=today() + dt.timedelta(days=8))["alerted"] == 1


def test_the_enterprise_and_the_mentor_are_not_alerted(contract, users):
    services.check_progress()
    assert not Notification.objects.filter(user__in=[users["enterprise_hr"], users["mentor"]]).exists()


def test_the_check_runs_from_the_command_line(contract):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("dual", "check-progress", stdout=out)
    assert "1 trainee(s) behind; 1 newly alerted" in out.getvalue()


def test_the_check_runs_as_a_background_task(contract):
    from kasip.dual.tasks import check_progress

    assert check_progress.delay().get()["alerted"] == 1


def test_the_worker_checks_progress_every_day(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["dual-check-progress"]
    assert entry["task"] == "kasip.dual.check_progress"
    from kasip.dual import tasks

    assert tasks.check_progress.name == entry["task"]
    assert entry["schedule"].hour == {7} and entry["schedule"].minute == {0}


def test_the_contracts_planned_hours_are_set_on_its_edit_page_and_through_the_api(client_for, contract):
    from kasip.dual.models import ContractStatus

    contract.status = ContractStatus.DRAFT
    contract.save(update_fields=["status"])
    response = client_for("region_admin").patch(f"/api/v1/contracts/{contract.pk}", {"practice_hours": 0},
                                                content_type="application/json")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "practice_hours"
    response = client_for("region_admin").patch(f"/api/v1/contracts/{contract.pk}", {"practice_hours": 600},
                                                content_type="application/json")
    assert response.status_code == 200 and response.json()["practice_hours"] == 600
    contract.refresh_from_db()
    assert contract.planned_practice_hours == 600
    page = client_for("region_admin").get(f"/contracts/{contract.pk}/").content.decode()
    assert "600" in page
