"""Partnership agreements on the site: the form and its checks (dates, status, the signed document), who sees
and keeps which, the list's filters, and the document that only the agreement's readers download."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kasip.core.models import AuditEntry
from kasip.partners import services
from kasip.partners.models import (
    MAX_DOCUMENT_BYTES,
    Agreement,
    document_problem,
    in_force_q,
    sniff_document,
)

from .conftest import JPG, PDF, PNG, make_agreement


def upload(content=PDF, name="signed.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def form_data(college, enterprise, **overrides):
    data = {"college": college.pk, "enterprise": enterprise.pk, "kind": "dual_training", "number": "ДО-15/2025",
            "signed_on": "2025-05-20", "valid_from": "2025-09-01", "valid_until": "2029-06-30", "status": "active",
            "students_covered": "25", "subject": "Группа СВ-25-1"}
    data.update(overrides)
    return data


# --- creating and editing ---------------------------------------------------------------
def test_the_region_admin_records_an_agreement_with_its_signed_document(client_for, users, other_college,
                                                                         enterprise):
    client = client_for("region_admin")
    form = client.get("/agreements/new/").content.decode()
    assert 'enctype="multipart/form-data"' in form
    response = client.post("/agreements/new/", {**form_data(other_college, enterprise), "document": upload()})
    agreement = Agreement.objects.get(number="ДО-15/2025")
    assert response["Location"] == f"/agreements/{agreement.pk}/"
    assert (agreement.college, agreement.enterprise, agreement.status, agreement.students_covered) == (
        other_college, enterprise, "active", 25)
    assert agreement.in_force
    assert agreement.document.name.startswith("agreements/") and agreement.document.name.endswith(".pdf")
    assert "signed" not in agreement.document.name  # stored under a random name
    assert agreement.document.read() == PDF
    assert AuditEntry.objects.filter(object_type="partners.agreement", action="create").exists()


def test_a_college_admin_records_agreements_of_its_own_college_only(client_for, users, college, other_college,
                                                                     enterprise):
    client = client_for("college_admin")
    form = client.get("/agreements/new/").content.decode()
    assert other_college.name_ru not in form
    assert client.post("/agreements/new/", form_data(other_college, enterprise)).status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.college == college and agreement.status == "active"


def test_a_dual_coordinator_records_drafts_and_cannot_change_the_status(client_for, users, college, enterprise):
    client = client_for("dual_coordinator")
    assert client.post("/agreements/new/", form_data(college, enterprise, status="active")).status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.status == "draft"  # the status field is disabled for the coordinator
    client.post(f"/agreements/{agreement.pk}/edit/", form_data(college, enterprise, status="active",
                                                                 students_covered="30"))
    agreement.refresh_from_db()
    assert (agreement.status, agreement.students_covered) == ("draft", 30)
    with pytest.raises(ValidationError) as caught:
        services.save_agreement(users["dual_coordinator"], agreement, status="active")
    assert "status" in caught.value.message_dict


def test_the_college_admin_activates_suspends_and_terminates_through_the_status(client_for, users, college,
                                                                               enterprise):
    agreement = make_agreement(college, enterprise, status="draft")
    client = client_for("college_admin")
    for status in ("active", "suspended", "active", "terminated"):
        response = client.post(f"/agreements/{agreement.pk}/edit/", form_data(college, enterprise, status=status,
                                                                               number=agreement.number))
        assert response.status_code == 302, response.content.decode()[:2000]
        agreement.refresh_from_db()
        assert agreement.status == status
    assert not agreement.in_force
    body = client.post(f"/agreements/{agreement.pk}/edit/", form_data(college, enterprise, status="active",
                                                                      number=agreement.number)).content.decode()
    assert "cannot go from" in body  # terminated is final
    agreement.refresh_from_db()
    assert agreement.status == "terminated"


def test_an_enterprise_hr_sees_its_agreements_but_records_none(client_for, users, agreement):
    client = client_for("enterprise_hr")
    assert client.get(f"/agreements/{agreement.pk}/").status_code == 200
    assert client.get("/agreements/new/").status_code == 403
    assert client.get(f"/agreements/{agreement.pk}/edit/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.save_agreement(users["enterprise_hr"], college=agreement.college, enterprise=agreement.enterprise,
                                kind="memorandum", number="1", signed_on=dt.date(2025, 1, 1),
                                valid_from=dt.date(2025, 1, 1))


# --- validation -------------------------------------------------------------------------
@pytest.mark.parametrize("overrides,field,message", [
    ({"valid_until": "2025-08-31"}, "valid_until", "cannot precede its start"),
    ({"valid_until": "2024-12-31", "valid_from": "2024-01-01", "signed_on": "2023-12-01"}, "status",
     "extend it or mark the agreement expired"),
    ({"status": "expired"}, "status", "only after the end of its term"),
    ({"signed_on": "2099-01-01", "valid_from": "2099-01-01", "valid_until": ""}, "signed_on", "in the future"),
    ({"signed_on": "31.02.2025"}, "signed_on", "Enter a valid date."),
    ({"kind": "friendship"}, "kind", "Select a valid choice."),
    ({"number": ""}, "number", "This field is required."),
    ({"students_covered": "-1"}, "students_covered", "greater than or equal to 0"),
    ({"students_covered": "100001"}, "students_covered", "less than or equal to 100000"),
])
def test_the_form_names_the_bad_field(client_for, users, college, enterprise, overrides, field, message):
    response = client_for("region_admin").post("/agreements/new/", form_data(college, enterprise, **overrides))
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in body
    assert message in body
    assert not Agreement.objects.exists()


@pytest.mark.parametrize("content,name,message", [
    (b"MZ\x90\x00 not a document", "signed.pdf", "its content is not PDF"),           # renamed executable
    (PNG, "signed.pdf", "its content is not PDF"),                                   # a picture named .pdf
    (b"%PDF-1.4 but named otherwise", "signed.docx", "as a PDF, JPG or PNG file"),    # wrong extension
    (b"<html><script>alert(1)</script>", "signed.png", "its content is not PNG"),
    (b"%PDF-" + b"0" * (MAX_DOCUMENT_BYTES - 4), "big.pdf", "larger than 10 MB"),     # 10 MB + 1 byte
])
def test_a_document_is_checked_by_its_first_bytes_and_size(client_for, users, college, enterprise, content, name,
                                                          message):
    response = client_for("region_admin").post("/agreements/new/", {
        **form_data(college, enterprise), "document": upload(content, name)})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_document_error"' in body and message in body
    assert not Agreement.objects.exists()


@pytest.mark.parametrize("content,name", [(PDF, "a.PDF"), (PNG, "scan.png"), (JPG, "scan.jpg"), (JPG, "scan.jpeg"),
                                          (b"%PDF-" + b"0" * (MAX_DOCUMENT_BYTES - 5), "max.pdf")])
def test_pdf_jpg_and_png_up_to_10_mb_are_accepted(content, name):
    assert document_problem(upload(content, name)) is None


def test_sniffing_reads_the_first_bytes():
    assert [sniff_document(b) for b in (PDF, PNG, JPG, b"GIF89a", b"")] == ["pdf", "png", "jpg", None, None]


def test_the_service_checks_the_model_and_refuses_a_second_number(users, agreement):
    with pytest.raises(ValidationError) as caught:
        services.save_agreement(users["region_admin"], college=agreement.college, enterprise=agreement.enterprise,
                                kind="practice", number=agreement.number, signed_on=dt.date(2025, 1, 1),
                                valid_from=dt.date(2025, 2, 1), valid_until=dt.date(2025, 1, 31))
    assert set(caught.value.message_dict) == {"valid_until", "number"}  # every problem at once
    with pytest.raises(ValidationError) as caught:
        services.save_agreement(users["region_admin"], college=agreement.college, enterprise=agreement.enterprise,
                                kind="practice", number=agreement.number, signed_on=dt.date(2025, 1, 1),
                                valid_from=dt.date(2025, 2, 1))
    assert "already has an agreement № ДО-1/2025" in caught.value.message_dict["number"][0]


def test_in_force_needs_the_active_status_and_today_within_the_term(college, enterprise):
    today = timezone.localdate()
    cases = [("active", today, None, True), ("active", today - dt.timedelta(days=30), today, True),
             ("active", today + dt.timedelta(days=1), None, False), ("suspended", today, None, False),
             ("draft", today, None, False),
             ("active", today - dt.timedelta(days=60), today - dt.timedelta(days=1), False)]
    for number, (status, start, end, expected) in enumerate(cases):
        agreement = make_agreement(college, enterprise, str(number), status=status, valid_from=start,
                                   valid_until=end, signed_on=start - dt.timedelta(days=10))
        assert agreement.in_force is expected, (status, start, end)
    assert set(Agreement.objects.filter(in_force_q()).values_list("number", flat=True)) == {"0", "1"}


# --- who sees which ---------------------------------------------------------------------
@pytest.mark.parametrize("role,sees_own,sees_other", [
    ("region_admin", True, True), ("analyst", True, True), ("college_admin", True, False),
    ("dual_coordinator", True, False), ("enterprise_hr", True, False),
])
def test_the_list_is_scoped_to_the_users_organisation(client_for, users, agreement, other_agreement, role, sees_own,
                                                      sees_other):
    client = client_for(role)
    body = client.get("/agreements/").content.decode()
    assert (agreement.number in body, other_agreement.number in body) == (sees_own, sees_other)
    assert client.get(f"/agreements/{other_agreement.pk}/").status_code == (200 if sees_other else 403)
    assert client.get(f"/agreements/{other_agreement.pk}/document/").status_code in ((404,) if sees_other else (403,))


def test_an_enterprise_hr_sees_only_its_enterprises_agreements(client_for, users, agreement, other_college,
                                                              other_enterprise):
    mine_elsewhere = make_agreement(other_college, agreement.enterprise, "П-3/2025", kind="practice")
    not_mine = make_agreement(agreement.college, other_enterprise, "П-4/2025", kind="practice")
    body = client_for("enterprise_hr").get("/agreements/").content.decode()
    assert agreement.number in body and mine_elsewhere.number in body and not_mine.number not in body


@pytest.mark.parametrize("role", ["mentor", "student", "customer"])
def test_mentors_students_and_customers_see_no_agreements(client_for, users, agreement, role):
    client = client_for(role)
    for url in ("/agreements/", f"/agreements/{agreement.pk}/", f"/agreements/{agreement.pk}/document/",
                "/partners/network/", "/exports/agreements.csv"):
        assert client.get(url).status_code == 403, url


def test_the_public_is_sent_to_the_login_page(client_for, agreement):
    for url in ("/agreements/", f"/agreements/{agreement.pk}/", f"/agreements/{agreement.pk}/document/",
                "/partners/network/"):
        response = client_for(None).get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url


def test_filters_narrow_the_list(client_for, users, agreement, other_agreement):
    expired = make_agreement(agreement.college, agreement.enterprise, "П-1/2020", kind="practice",
                             signed_on=dt.date(2020, 1, 10), valid_from=dt.date(2020, 2, 1),
                             valid_until=dt.date(2022, 12, 31), status="expired")
    client = client_for("analyst")

    def numbers(**params):
        body = client.get("/agreements/", params, HTTP_HX_REQUEST="true").content.decode()
        assert "<html" not in body
        return {a.number for a in (agreement, other_agreement, expired) if a.number in body}

    assert numbers(kind="memorandum") == {other_agreement.number}
    assert numbers(status="expired") == {expired.number}
    assert numbers(college=str(agreement.college_id)) == {agreement.number, expired.number}
    assert numbers(enterprise=str(other_agreement.enterprise_id)) == {other_agreement.number}
    assert numbers(in_force="1") == {agreement.number, other_agreement.number}
    assert numbers(in_force="0") == {expired.number}
    assert numbers(q=other_agreement.enterprise.bin) == {other_agreement.number}
    assert numbers(q="ДО-1") == {agreement.number}
    assert numbers(college="99999999999999999999", enterprise="x") == set()


def test_the_list_runs_the_same_number_of_queries_for_one_and_thirty_agreements(client_for, users, agreement,
                                                                                 other_enterprise):
    client = client_for("region_admin")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/agreements/").status_code == 200
        return len(ctx.captured_queries)

    one = count()
    for i in range(29):
        make_agreement(agreement.college, other_enterprise if i % 2 else agreement.enterprise, f"N-{i}")
    assert count() == one
    assert one <= 15


# --- the signed document ----------------------------------------------------------------
@pytest.fixture
def signed(agreement):
    agreement.document.save("signed.pdf", SimpleUploadedFile("signed.pdf", PDF), save=True)
    return agreement


@pytest.mark.parametrize("role", ["region_admin", "analyst", "college_admin", "dual_coordinator", "enterprise_hr"])
def test_readers_download_the_signed_document(client_for, users, signed, role):
    response = client_for(role).get(f"/agreements/{signed.pk}/document/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''agreement-%D0%B4%D0%BE-12025.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert AuditEntry.objects.filter(action="read", object_type="partners.agreement").exists()


def test_the_document_is_refused_outside_the_agreements_organisations(client_for, users, other_college,
                                                                      other_enterprise, settings):
    other = make_agreement(other_college, other_enterprise, "Ч-1")
    other.document.save("x.png", SimpleUploadedFile("x.png", PNG), save=True)
    for role in ("college_admin", "dual_coordinator", "enterprise_hr", "mentor", "student", "customer"):
        assert client_for(role).get(f"/agreements/{other.pk}/document/").status_code == 403, role
    assert client_for("analyst").get(f"/agreements/{other.pk}/document/")["Content-Type"] == "image/png"


def test_the_document_has_no_public_url(client_for, users, signed, settings):
    from pathlib import Path

    stored = Path(signed.document.path)
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())  # outside what /media/ serves
    assert signed.document.url == f"/agreements/{signed.pk}/document/"
    detail = client_for("analyst").get(f"/agreements/{signed.pk}/").content.decode()
    assert f'href="/agreements/{signed.pk}/document/"' in detail
    assert signed.document.name not in detail


def test_a_missing_document_is_a_404(client_for, users, agreement):
    assert client_for("region_admin").get(f"/agreements/{agreement.pk}/document/").status_code == 404


def test_replacing_and_clearing_the_document_deletes_the_old_file(client_for, users, signed,
                                                                  django_capture_on_commit_callbacks):
    from pathlib import Path

    old = Path(signed.document.path)
    client = client_for("college_admin")
    data = form_data(signed.college, signed.enterprise, number=signed.number)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/agreements/{signed.pk}/edit/", {**data, "document": upload(PNG, "scan.png")}
                           ).status_code == 302
    signed.refresh_from_db()
    assert signed.document.name.endswith(".png") and not old.exists()
    new = Path(signed.document.path)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/agreements/{signed.pk}/edit/", {**data, "document-clear": "on"}).status_code == 302
    signed.refresh_from_db()
    assert not signed.document and not new.exists()


def test_an_agreement_left_active_after_its_term_can_still_be_edited(client_for, users, college, enterprise):
    ended = make_agreement(college, enterprise, "ДО-0/2020", signed_on=dt.date(2020, 5, 1),
                           valid_from=dt.date(2020, 9, 1), valid_until=dt.date(2024, 6, 30))
    assert not ended.in_force
    data = form_data(college, enterprise, number=ended.number, signed_on="2020-05-01", valid_from="2020-09-01",
                     valid_until="2024-06-30", status="active", subject="Уточнено")
    assert client_for("dual_coordinator").post(f"/agreements/{ended.pk}/edit/", data).status_code == 302
    ended.refresh_from_db()
    assert (ended.subject, ended.status) == ("Уточнено", "active")
    # but it is not made active again with a past term, and the admin marks it expired
    admin = client_for("college_admin")
    body = admin.post(f"/agreements/{ended.pk}/edit/", {**data, "valid_until": "2024-12-31"}).content.decode()
    assert "extend it or mark the agreement expired" in body
    assert admin.post(f"/agreements/{ended.pk}/edit/", {**data, "status": "expired"}).status_code == 302
