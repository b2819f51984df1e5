"""Employment records and the outcome figures on the site: recording a record, the form's field errors, who sees
which records, the audit of reads, and the public page of the employment rate with its charts."""


import pytest

from kasip.core.models import AuditEntry
from kasip.outcomes.models import EmploymentRecord

from .conftest import make_record


def form_data(graduation, **overrides):
    data = {"student_iin": graduation.student.iin, "months_after": "12", "status": "employed",
            "employer_name": "", "employer_bin": "", "occupation_code": "7212-1",
            "occupation_title": "Электрогазосварщик", "in_specialty": "true", "wage_band": "150k_300k",
            "source": "contracts", "recorded_on": "2025-07-01"}
    data.update(overrides)
    return data


def test_the_college_admin_records_a_graduates_employment(client_for, graduated, enterprise):
    response = client_for("college_admin").post("/employment/new/", form_data(graduated, employer_bin=enterprise.bin))
    record = EmploymentRecord.objects.get()
    assert response["Location"] == f"/employment/{record.pk}/"
    assert (record.graduation, record.employer, record.employer_name, record.in_specialty) == (
        graduated, enterprise, enterprise.name, True)
    page = client_for("college_admin").get(f"/employment/{record.pk}/").content.decode()
    assert enterprise.name in page and "7212-1" in page


@pytest.mark.parametrize("overrides,field,message", [
    ({"student_iin": "123456789012"}, "student_iin", "check digit"),
    ({"months_after": "9"}, "months_after", "not one of the available choices"),
    ({"employer_bin": "123"}, "employer_bin", "BIN"),
    ({"occupation_code": "72"}, "occupation_code", "7212-1"),
    ({"recorded_on": "2999-01-01"}, "recorded_on", "cannot be in the future"),
    ({"recorded_on": "2020-01-01"}, "recorded_on", "before the graduation"),
    ({"occupation_code": "", "occupation_title": "", "in_specialty": "unknown", "wage_band": ""},
     "employer_name", "name or BIN"),
    ({"status": "unemployed", "employer_name": "ТОО «Кайрат»"}, "employer_name", "Only for an employed graduate"),
])
def test_a_bad_record_shows_the_fields_error_and_saves_nothing(client_for, graduated, overrides, field, message):
    body = client_for("college_admin").post("/employment/new/", form_data(graduated, **overrides)).content.decode()
    assert f'id="id_{field}_error"' in body
    assert message in body
    assert not EmploymentRecord.objects.exists()


def test_a_second_record_at_the_same_months_is_refused_with_what_to_do(client_for, graduated):
    make_record(graduated, 12, "unemployed")
    body = client_for("college_admin").post("/employment/new/", form_data(
        graduated, employer_name="ТОО «Тест»")).content.decode()
    assert "exists already" in body
    assert EmploymentRecord.objects.count() == 1


def test_another_colleges_graduate_is_unknown_to_a_college_admin(client_for, other_graduation):
    body = client_for("college_admin").post("/employment/new/", form_data(
        other_graduation, employer_name="ТОО", recorded_on="2024-12-30")).content.decode()
    assert "No graduate with IIN" in body and not EmploymentRecord.objects.exists()


def test_the_record_is_corrected_on_its_edit_page(client_for, graduated):
    record = make_record(graduated, 12, "unemployed")
    response = client_for("college_admin").post(f"/employment/{record.pk}/edit/", form_data(
        graduated, employer_name="ИП «Жанар»", in_specialty="false", wage_band=""))
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.employer_name, record.in_specialty, record.wage_band) == (
        "employed", "ИП «Жанар»", False, "unknown")
    assert AuditEntry.objects.filter(action="update", object_type="outcomes.employmentrecord").exists()


def test_college_staff_see_their_own_colleges_records_and_reads_are_audited(client_for, users, graduation,
                                                                             other_graduation):
    own, other = make_record(graduation, 12, "unemployed"), make_record(other_graduation, 12, "unemployed")
    client = client_for("dual_coordinator")
    listing = client.get("/employment/").content.decode()
    assert graduation.student.last_name in listing and other_graduation.student.last_name not in listing
    assert client.get(f"/employment/{other.pk}/").status_code == 403
    assert client.get(f"/employment/{own.pk}/").status_code == 200
    assert AuditEntry.objects.filter(action="read", object_type="outcomes.employmentrecord", object_id=str(own.pk),
                                     actor=users["dual_coordinator"]).exists()
    assert client.get(f"/employment/{own.pk}/edit/").status_code == 403  # read only


def test_the_list_filters_by_months_and_status(client_for, graduation):
    make_record(graduation, 6, "unemployed")
    make_record(graduation, 12, "employed", employer_name="ТОО «Нашёл»")
    client = client_for("region_admin")
    assert "ТОО «Нашёл»" in client.get("/employment/?months=12").content.decode()
    assert "ТОО «Нашёл»" not in client.get("/employment/?months=6").content.decode()
    assert "ТОО «Нашёл»" not in client.get("/employment/?status=unemployed").content.decode()
    assert client.get("/employment/?months=7").status_code == 200


@pytest.mark.parametrize("role", [None, "analyst", "enterprise_hr", "student", "region_admin"])
def test_the_outcomes_page_shows_the_rate_with_its_interval_and_the_definition(client_for, outcomes_region, role):
    response = client_for(role).get("/outcomes/?year=2024&months=12")
    assert response.status_code == 200
    page = response.content.decode()
    assert "81.8 %" in page  # 9 of 11
    assert "52.3 % – 94.9 %" in page  # its 95 % Wilson interval
    assert "left out of the denominator" in page or "leaving out of the denominator" in page
    assert "further study" in page
    assert page.count("<svg") >= 3  # by college, dual against not dual, by year
    for g in outcomes_region["graduations"].values():
        assert g.student.iin not in page and g.student.last_name not in page  # no one is named


def test_small_cells_are_suppressed_on_the_page_except_for_the_region_admin(client_for, outcomes_region,
                                                                            other_college):
    public = client_for(None).get("/outcomes/?year=2024&months=12").content.decode()
    assert "Groups of fewer than 5 graduates are not shown" in public
    row = public[public.index(f'<th scope="row">{other_college.name}'):][:200]
    assert "—" in row and "100.0 %" not in row
    admin = client_for("region_admin").get("/outcomes/?year=2024&months=12").content.decode()
    assert "100.0 %" in admin[admin.index(f'<th scope="row">{other_college.name}'):][:400]


def test_the_page_filters_by_college_and_months_and_reports_a_bad_filter(client_for, outcomes_region, college):
    client = client_for(None)
    six = client.get(f"/outcomes/?months=6&college={college.pk}").content.decode()
    assert "75.0 %" not in six  # 3 of 4 at six months: fewer than 5, suppressed for the public
    bad = client.get("/outcomes/?months=9&year=1800").content.decode()
    assert "Select a valid choice" in bad


def test_the_page_without_records_says_so(client_for, db):
    page = client_for(None).get("/outcomes/").content.decode()
    assert "No employment records yet." in page


def test_the_navigation_offers_the_outcomes_page_to_everyone(client_for, users):
    for role in (None, "analyst", "mentor"):
        assert 'href="/outcomes/"' in client_for(role).get("/colleges/").content.decode()
