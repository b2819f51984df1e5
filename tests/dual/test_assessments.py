"""Assessments: the mentor records competency assessments per learning outcome of his or her own trainees; the
college records the final qualification result; the trainee's page shows both with a summary."""

import datetime as dt

from kasip.dual.models import Assessment, FinalResult
from tests.dual.logbook_fixtures import *  # noqa: F403
from tests.dual.logbook_fixtures import today


def test_the_mentor_assesses_an_outcome_and_the_summary_counts_it(client_for, contract, outcomes):
    mentor = client_for("mentor")
    response = mentor.post(f"/trainees/{contract.pk}/assessments/", {
        "outcome": outcomes[0].pk, "date": today().isoformat(), "result": "competent", "score": "5",
        "comment": "Уверенно"}, follow=True)
    body = response.content.decode()
    assert "The assessment is recorded." in body
    assert "Learning outcomes assessed competent: 1 of 3." in body


def test_a_later_not_yet_replaces_an_earlier_competent_in_the_summary(client_for, contract, outcomes):
    mentor = client_for("mentor")
    mentor.post(f"/trainees/{contract.pk}/assessments/", {"outcome": outcomes[0].pk,
                                                          "date": (today() - dt.timedelta(days=5)).isoformat(),
                                                          "result": "competent"})
    mentor.post(f"/trainees/{contract.pk}/assessments/", {"outcome": outcomes[0].pk, "date": today().isoformat(),
                                                          "result": "not_yet"})
    page = client_for("dual_coordinator").get(f"/trainees/{contract.pk}/").content.decode()
    assert "Learning outcomes assessed competent: 0 of 3." in page


def test_an_assessment_in_the_future_or_with_a_bad_score_is_refused(client_for, contract, outcomes):
    mentor = client_for("mentor")
    response = mentor.post(f"/trainees/{contract.pk}/assessments/", {
        "outcome": outcomes[0].pk, "date": (today() + dt.timedelta(days=1)).isoformat(), "result": "competent"},
        follow=True)
    assert "The date is in the future." in response.content.decode()
    response = mentor.post(f"/trainees/{contract.pk}/assessments/", {
        "outcome": outcomes[0].pk, "date": today().isoformat(), "result": "competent", "score": "7"}, follow=True)
    assert "Score (1–5): Ensure this value is less than or equal to 5." in response.content.decode()
    assert not Assessment.objects.exists()


def test_an_outcome_of_another_qualification_is_refused(client_for, contract, other_qualification):
    from kasip.dual.models import LearningOutcome

    stranger = LearningOutcome.objects.create(qualification=other_qualification, code="X1", name_kk="Басқа")
    response = client_for("mentor").post(f"/trainees/{contract.pk}/assessments/", {
        "outcome": stranger.pk, "date": today().isoformat(), "result": "competent"}, follow=True)
    assert "Choose a learning outcome of the trainee&#x27;s qualification." in response.content.decode()


def test_only_the_trainees_mentor_assesses(client_for, contract, outcomes):
    data = {"outcome": outcomes[0].pk, "date": today().isoformat(), "result": "competent"}
    for role in ("enterprise_hr", "dual_coordinator", "student"):
        assert client_for(role).post(f"/trainees/{contract.pk}/assessments/", data).status_code == 403
    assert not Assessment.objects.exists()


def test_the_college_records_the_final_result(client_for, contract, qualification):
    response = client_for("dual_coordinator").post(f"/trainees/{contract.pk}/final-result/", {
        "date": today().isoformat(), "result": "passed", "grade": "5", "certificate_number": "ДК-2026-001"},
        follow=True)
    body = response.content.decode()
    assert "The final result is recorded." in body and "ДК-2026-001" in body
    final = FinalResult.objects.get(contract=contract)
    assert final.qualification == qualification and final.grade == 5


def test_a_passed_result_needs_the_certificate_number(client_for, contract):
    response = client_for("dual_coordinator").post(f"/trainees/{contract.pk}/final-result/", {
        "date": today().isoformat(), "result": "passed"}, follow=True)
    assert "Give the certificate&#x27;s number of a confirmed qualification." in response.content.decode()
    assert not FinalResult.objects.exists()


def test_recording_the_result_again_corrects_it(client_for, contract):
    college = client_for("college_admin")
    college.post(f"/trainees/{contract.pk}/final-result/", {"date": today().isoformat(), "result": "failed"})
    college.post(f"/trainees/{contract.pk}/final-result/", {"date": today().isoformat(), "result": "passed",
                                                            "certificate_number": "ДК-7"})
    assert FinalResult.objects.get(contract=contract).result == "passed"


def test_the_enterprise_and_the_mentor_do_not_record_the_final_result(client_for, contract):
    data = {"date": today().isoformat(), "result": "passed", "certificate_number": "1"}
    for role in ("enterprise_hr", "mentor", "student"):
        assert client_for(role).post(f"/trainees/{contract.pk}/final-result/", data).status_code == 403
