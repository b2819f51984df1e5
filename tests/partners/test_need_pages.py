"""Workforce needs on the site: declaring one, the form's field errors, who sees which, the list."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kasip.partners import services
from kasip.partners.models import WorkforceNeed
from kasip.registry.models import District


def form_data(enterprise, **overrides):
    data = {"enterprise": enterprise.pk, "occupation_title": "Слесарь-ремонтник", "occupation_code": "7233",
            "qualification": "", "skill_level": "2", "count": "8", "year": "2027",
            "district": District.objects.get(kato="352410000").pk, "comment": "На новый прокатный стан"}
    data.update(overrides)
    return data


def test_the_region_admin_declares_a_need_for_any_enterprise(client_for, users, other_enterprise):
    response = client_for("region_admin").post("/needs/new/", form_data(other_enterprise))
    need = WorkforceNeed.objects.get(occupation_title="Слесарь-ремонтник")
    assert response["Location"] == f"/needs/{need.pk}/"
    assert need.enterprise == other_enterprise and need.count == 8 and need.skill_level == 2


def test_an_enterprise_hr_declares_needs_for_its_own_enterprise_only(client_for, users, enterprise, other_enterprise):
    client = client_for("enterprise_hr")
    form = client.get("/needs/new/").content.decode()
    assert other_enterprise.name_ru not in form  # the enterprise is fixed to the HR's own
    response = client.post("/needs/new/", form_data(other_enterprise))
    assert response.status_code == 302
    assert WorkforceNeed.objects.get(occupation_title="Слесарь-ремонтник").enterprise == enterprise


@pytest.mark.parametrize("field,value,message", [
    ("occupation_code", "72", "4 digits (ISCO-08) or like 4110-9"),
    ("occupation_code", "7212-X", "4 digits (ISCO-08) or like 4110-9"),
    ("count", "0", "greater than or equal to 1"),
    ("count", "1000000", "less than or equal to 100000"),
    ("skill_level", "5", "less than or equal to 4"),
    ("year", "1999", "greater than or equal to 2000"),
    ("occupation_title", "", "This field is required."),
    ("district", "", "This field is required."),
])
def test_the_form_names_the_bad_field(client_for, users, enterprise, field, value, message):
    response = client_for("region_admin").post("/needs/new/", form_data(enterprise, **{field: value}))
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in body
    assert message in body
    assert not WorkforceNeed.objects.exists()


def test_the_same_need_twice_is_refused_with_a_hint(client_for, users, need):
    data = form_data(need.enterprise, occupation_title=need.occupation_title, occupation_code="7212",
                     year=str(need.year), district=need.district.pk)
    body = client_for("enterprise_hr").post("/needs/new/", data).content.decode()
    assert "already declared this occupation for 2026" in body
    assert WorkforceNeed.objects.count() == 1


def test_an_enterprise_hr_edits_its_own_need_but_not_another_enterprises(client_for, users, need, other_need):
    client = client_for("enterprise_hr")
    response = client.post(f"/needs/{need.pk}/edit/", form_data(need.enterprise, count="20"))
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.count == 20
    assert client.post(f"/needs/{other_need.pk}/edit/", form_data(other_need.enterprise)).status_code == 403
    assert client.get(f"/needs/{other_need.pk}/").status_code == 403


def test_an_enterprise_hr_sees_only_its_own_needs(client_for, users, need, other_need):
    body = client_for("enterprise_hr").get("/needs/").content.decode()
    assert need.occupation_title in body
    assert other_need.occupation_title not in body


@pytest.mark.parametrize("role", ["region_admin", "analyst", "college_admin", "dual_coordinator"])
def test_the_regions_staff_and_colleges_see_every_need(client_for, users, need, other_need, role):
    body = client_for(role).get("/needs/").content.decode()
    assert need.occupation_title in body and other_need.occupation_title in body


@pytest.mark.parametrize("role", ["mentor", "student", "customer"])
def test_mentors_students_and_customers_see_no_needs(client_for, users, need, role):
    client = client_for(role)
    assert client.get("/needs/").status_code == 403
    assert client.get(f"/needs/{need.pk}/").status_code == 403


def test_the_public_is_sent_to_the_login_page(client_for, need):
    response = client_for(None).get("/needs/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_filters_narrow_the_list_and_answer_htmx_with_the_rows_only(client_for, users, need, other_need):
    client = client_for("analyst")
    body = client.get("/needs/", {"year": "2027"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in body
    assert other_need.occupation_title in body and need.occupation_title not in body
    body = client.get("/needs/", {"district": "352410000"}).content.decode()
    assert need.occupation_title in body and other_need.occupation_title not in body
    body = client.get("/needs/", {"enterprise": str(other_need.enterprise_id)}).content.decode()
    assert other_need.occupation_title in body and need.occupation_title not in body
    body = client.get("/needs/", {"q": "8342"}).content.decode()
    assert other_need.occupation_title in body and need.occupation_title not in body
    body = client.get("/needs/", {"year": "99999999999999999999", "enterprise": "x"}).content.decode()
    assert "Nothing found." in body


def test_a_deactivated_need_stays_listed_as_inactive_and_leaves_the_export(client_for, users, need):
    client = client_for("enterprise_hr")
    assert client.post(f"/needs/{need.pk}/active/", {"active": "0"}).status_code == 302
    need.refresh_from_db()
    assert not need.is_active
    assert "Inactive." in client.get(f"/needs/{need.pk}/").content.decode()
    assert need.occupation_title not in client.get("/needs/", {"active": "1"}).content.decode()
    assert need.occupation_title not in client.get("/exports/needs.csv").content.decode("utf-8-sig")


def test_the_list_runs_the_same_number_of_queries_for_one_and_thirty_needs(client_for, users, need, other_enterprise):
    client = client_for("region_admin")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/needs/").status_code == 200
        return len(ctx.captured_queries)

    one = count()
    district = District.objects.get(kato="351010000")
    for i in range(29):
        WorkforceNeed.objects.create(enterprise=other_enterprise if i % 2 else need.enterprise,
                                     occupation_title=f"Профессия {i}", count=1 + i, year=2026 + i % 3,
                                     district=district)
    assert count() == one
    assert one <= 15


def test_the_service_checks_the_policy_and_the_model(users, enterprise, other_enterprise):
    district = enterprise.district
    with pytest.raises(PermissionDenied):
        services.save_need(users["analyst"], enterprise=enterprise, occupation_title="Токарь", count=1, year=2026,
                           district=district)
    with pytest.raises(ValidationError) as caught:
        services.save_need(users["region_admin"], enterprise=enterprise, occupation_title="Токарь", count=0,
                           year=2026, district=district, occupation_code="ABCD")
    assert set(caught.value.message_dict) == {"count", "occupation_code"}
    need = services.save_need(users["enterprise_hr"], enterprise=other_enterprise, occupation_title="Токарь",
                              count=2, year=2026, district=district)
    assert need.enterprise == enterprise  # forced to the HR's own enterprise
