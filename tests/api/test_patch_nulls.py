"""A PATCH that sends null for a text field: an optional name is emptied, a required one keeps its value."""

from kasip.registry.models import Qualification, Specialty


def test_null_empties_an_optional_name_and_leaves_the_required_kazakh_one(client_for, db):
    specialty = Specialty.objects.create(code="07150500", name_kk="Дәнекерлеу ісі", name_ru="Сварочное дело",
                                         name_en="Welding")
    qualification = Qualification.objects.create(code="3W07150501", specialty=specialty, name_kk="Дәнекерлеуші",
                                                  name_en="Welder")
    client = client_for("region_admin")
    response = client.patch(f"/api/v1/specialties/{specialty.pk}", {"name_en": None}, content_type="application/json")
    assert response.status_code == 200 and response.json()["name_en"] == ""
    response = client.patch(f"/api/v1/qualifications/{qualification.pk}", {"name_kk": None, "name_en": None},
                            content_type="application/json")
    assert response.status_code == 200
    qualification.refresh_from_db()
    assert (qualification.name_kk, qualification.name_en) == ("Дәнекерлеуші", "")
