"""The colleges directory: filters, forms with field errors, deactivation, exports."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kasip.core.validators import make_bin
from kasip.registry.models import College, District


def shown(college) -> str:
    """The name the English interface shows (English, falling back to Russian)."""
    return college.name_en or college.name_ru


def form_data(**overrides):
    data = {"bin": make_bin(2013, 9, 77), "name_kk": "Жаңа колледж", "name_ru": "Новый колледж", "name_en": "",
            "district": District.objects.get(kato="351010000").pk, "ownership": "state", "languages": ["kk"]}
    data.update(overrides)
    return data


def test_the_region_admin_adds_a_college(client_for, region):
    response = client_for("region_admin").post("/colleges/new/", form_data())
    college = College.objects.get(name_kk="Жаңа колледж")
    assert response["Location"] == f"/colleges/{college.pk}/"
    assert college.kind == "college"


@pytest.mark.parametrize("field,value,message", [
    ("bin", "123456789012", "check digit"),
    ("bin", "12345", "12 digits"),
    ("name_kk", "", "This field is required."),
    ("languages", [], "This field is required."),
    ("email", "not-mail", "valid email"),
])
def test_the_form_names_the_bad_field(client_for, region, field, value, message):
    response = client_for("region_admin").post("/colleges/new/", form_data(**{field: value}))
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in body
    assert message in body
    assert not College.objects.filter(name_ru="Новый колледж").exists()


def test_a_duplicate_bin_is_refused(client_for, college):
    response = client_for("region_admin").post("/colleges/new/", form_data(bin=college.bin))
    assert "already exists" in response.content.decode()


def test_a_college_admin_edits_its_own_college_but_not_its_bin(client_for, college):
    data = form_data(bin=make_bin(2020, 1, 1), name_ru="Обновлённое имя")
    response = client_for("college_admin").post(f"/colleges/{college.pk}/edit/", data)
    assert response.status_code == 302
    college.refresh_from_db()
    assert college.name_ru == "Обновлённое имя"
    assert college.bin != make_bin(2020, 1, 1)


def test_a_college_admin_cannot_edit_another_college(client_for, other_college):
    assert client_for("college_admin").post(f"/colleges/{other_college.pk}/edit/", form_data()).status_code == 403


def test_deactivated_colleges_leave_the_public_directory(client_for, college, other_college):
    client_for("region_admin").post(f"/colleges/{other_college.pk}/active/", {"active": "0"})
    public = client_for(None).get("/colleges/").content.decode()
    assert shown(college) in public and shown(other_college) not in public
    assert client_for(None).get(f"/colleges/{other_college.pk}/").status_code == 403
    admin_view = client_for("region_admin").get("/colleges/", {"inactive": "1"}).content.decode()
    assert shown(other_college) in admin_view


def test_filters_answer_htmx_with_the_rows_only(client_for, college, other_college):
    response = client_for(None).get("/colleges/", {"district": "352410000"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert shown(other_college) in body and shown(college) not in body
    body = client_for(None).get("/colleges/", {"language": "kk", "q": "политех"}).content.decode()
    assert shown(college) in body and shown(other_college) not in body


def test_the_list_runs_the_same_number_of_queries_for_few_and_many_colleges(client_for, college):
    client = client_for("region_admin")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/colleges/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    district = District.objects.get(kato="352410000")
    for i in range(40):
        College.objects.create(bin=make_bin(2015, 1 + i % 12, 500 + i), name_kk=f"К{i}", name_ru=f"К{i}",
                               district=district, languages="kk")
    assert count() == few
    assert few <= 15


def test_the_export_round_trips_the_columns(client_for, college):
    response = client_for("analyst").get("/exports/colleges.csv")
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0].startswith("BIN,Name (Kazakh),Name (Russian)")
    assert college.bin in text
