"""The occupation taxonomy: the reference import, the public browser and the qualification mapping."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from kasip.core.models import AuditEntry
from kasip.labour import reference, services
from kasip.labour.models import (
    IscoSocLink,
    NationalOccupation,
    Occupation,
    OccupationAlias,
    QualificationOccupation,
    SocVersionLink,
)
from kasip.registry.models import Qualification, Specialty

REFERENCE = Path(settings.KASIP_REFERENCE_DIR) if settings.KASIP_REFERENCE_DIR else None
needs_reference = pytest.mark.skipif(REFERENCE is None or not REFERENCE.is_dir(),
                                     reason="KASIP_REFERENCE_DIR is not set (CI sets it: ../shared/data/reference)")


def tree(*chain):
    parent = None
    for code, title in chain:
        parent, _ = Occupation.objects.get_or_create(code=code, defaults={"level": len(code), "parent": parent,
                                                                          "title_en": title})
    return parent


@pytest.fixture
def welder(db):
    return tree(("7", "Craft and related trades workers"), ("72", "Metal, machinery and related trades workers"),
                ("721", "Sheet and structural metal workers"), ("7212", "Welders and flame cutters"))


@pytest.fixture
def qualification(db):
    specialty = Specialty.objects.create(code="07150500", name_kk="Дәнекерлеу ісі", name_ru="Сварочное дело")
    return Qualification.objects.create(code="3W07150501", specialty=specialty, name_kk="Электргаздәнекерлеуші",
                                        name_ru="Электрогазосварщик")


def test_stray_spaces_are_taken_out_of_titles():
    assert reference.clean_title("  Сварщики  и газорезчики ( кроме ) ,  прочие ") == "Сварщики и газорезчики (кроме), прочие"


@needs_reference
@pytest.mark.django_db
def test_the_reference_import_loads_the_whole_structure_and_is_idempotent():
    out = StringIO()
    call_command("import-reference", str(REFERENCE), stdout=out)
    counts = {level: Occupation.objects.filter(level=level).count() for level in (1, 2, 3, 4)}
    assert counts == {1: 10, 2: 43, 3: 130, 4: 436}
    assert "esco_aliases" in out.getvalue() and "isco_soc_links" in out.getvalue()
    welders = Occupation.objects.get(code="7212")
    assert welders.parent.code == "721" and welders.parent.parent.parent.code == "7"
    assert welders.title_ru  # from the project's table or OKZ
    assert OccupationAlias.objects.filter(occupation=welders, language="en").count() > 3
    assert IscoSocLink.objects.filter(occupation=welders).exists()
    assert SocVersionLink.objects.exists()
    before = (Occupation.objects.count(), OccupationAlias.objects.count(), IscoSocLink.objects.count())
    call_command("import-reference", str(REFERENCE), stdout=StringIO())
    assert (Occupation.objects.count(), OccupationAlias.objects.count(), IscoSocLink.objects.count()) == before


@needs_reference
@pytest.mark.django_db
def test_truncated_okz_titles_are_repaired_from_the_projects_own_or_flagged():
    services.import_reference(REFERENCE)
    truncated = {t.code for t in reference.okz_titles(REFERENCE) if t.maybe_truncated}
    assert truncated
    for obj in Occupation.objects.filter(code__in=truncated):
        assert obj.title_ru_source in ("project", "okz-truncated"), obj.code
    # a truncated title never becomes a job title of the lexicon
    cut = next(t for t in reference.okz_titles(REFERENCE) if t.maybe_truncated)
    assert not OccupationAlias.objects.filter(source="okz", alias=cut.title_ru).exists()


@pytest.mark.django_db
def test_a_missing_directory_is_refused_by_name(tmp_path):
    with pytest.raises(CommandError, match="no such directory"):
        call_command("import-reference", str(tmp_path / "nowhere"))


@pytest.mark.django_db
def test_missing_files_are_reported_and_the_rest_loads(tmp_path):
    (tmp_path / "isco08").mkdir()
    (tmp_path / "isco08" / "isco08_structure_derived.csv").write_text(
        "isco08_code,level,title_en\n7,1,Craft workers\n72,2,Metal workers\n721,3,Sheet metal workers\n"
        "7212,4,Welders and flame cutters\n", encoding="utf-8")
    out = StringIO()
    call_command("import-reference", str(tmp_path), stdout=out)
    assert Occupation.objects.get(code="7212").parent.code == "721"
    assert "missing (skipped)" in out.getvalue() and "occupations_en.csv" in out.getvalue()


def test_the_public_sees_the_classifier_and_its_search(client, welder):
    OccupationAlias.objects.create(occupation=welder, language="ru", alias="электрогазосварщик", source="project")
    NationalOccupation.objects.create(code="7212-2", title_ru="Электрогазосварщик", isco=welder)
    response = client.get("/occupations/", {"q": "газосвар"})
    assert response.status_code == 200 and "7212" in response.content.decode()
    response = client.get("/occupations/7212/")
    body = response.content.decode()
    assert "Welders and flame cutters" in body and "электрогазосварщик" in body and "7212-2" in body
    assert client.get("/occupations/9999/").status_code == 404
    api = client.get("/api/v1/occupations", {"q": "7212"}).json()
    assert [o["code"] for o in api["items"]] == ["7212"] and api["items"][0]["parent"] == "721"
    assert client.get("/api/v1/occupations/7212").json()["aliases"]["ru"] == ["электрогазосварщик"]


def test_the_analyst_maps_a_qualification_to_its_occupations(client_for, welder, qualification):
    tree(("7", ""), ("72", ""), ("722", "Blacksmiths, toolmakers"), ("7223", "Metal working machine tool setters"))
    client = client_for("analyst")
    response = client.post(f"/occupations/qualifications/{qualification.pk}/", {"occupations": "7212 7223"})
    assert response.status_code == 302
    links = QualificationOccupation.objects.filter(qualification=qualification)
    assert {(link.occupation.code, link.is_main) for link in links} == {("7212", True), ("7223", False)}
    assert AuditEntry.objects.filter(object_type__icontains="qualificationoccupation").exists()
    page = client_for(None).get("/occupations/qualifications/").content.decode()
    assert "3W07150501" in page and "7212" in page


def test_a_mapping_to_an_unknown_or_non_unit_group_is_refused(client_for, welder, qualification):
    client = client_for("region_admin")
    response = client.post(f"/occupations/qualifications/{qualification.pk}/", {"occupations": "7212 721 9999"})
    assert response.status_code == 422
    assert "721, 9999" in response.content.decode()
    assert not QualificationOccupation.objects.exists()
    response = client.put(f"/api/v1/qualifications/{qualification.pk}/occupations",
                          {"occupations": ["7212", "7212"]}, content_type="application/json")
    assert response.status_code == 422 and "twice" in response.content.decode()
    response = client.put(f"/api/v1/qualifications/{qualification.pk}/occupations",
                          {"occupations": ["7212"], "main": "7223"}, content_type="application/json")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "main"]


def test_colleges_cannot_change_the_mapping(client_for, welder, qualification):
    response = client_for("college_admin").put(f"/api/v1/qualifications/{qualification.pk}/occupations",
                                               {"occupations": ["7212"]}, content_type="application/json")
    assert response.status_code == 403
    assert not QualificationOccupation.objects.exists()


@pytest.mark.django_db
def test_the_committed_tables_give_the_whole_structure_without_reference_files(qualification):
    report = services.load_taxonomy()
    assert report["groups_created"] == 619
    counts = {level: Occupation.objects.filter(level=level).count() for level in (1, 2, 3, 4)}
    assert counts == {1: 10, 2: 43, 3: 130, 4: 436}
    managers = Occupation.objects.get(code="1")
    assert managers.title_kk and managers.title_ru  # major groups in all three languages
    assert all(o.title_kk for o in Occupation.objects.filter(level=2))
    assert OccupationAlias.objects.filter(source="project", language="ru").count() >= 3000
    assert OccupationAlias.objects.filter(source="project", language="kk").count() >= 500
    assert services.link_qualifications([{"qualification": "3W07150501", "isco08": "7212", "main": "1"}]) == 1
    assert QualificationOccupation.objects.get(qualification=qualification).occupation.code == "7212"
    # an edited mapping is never overwritten by a later load
    services.set_qualification_occupations(None, qualification, ["7223"])
    services.link_qualifications([{"qualification": "3W07150501", "isco08": "7212", "main": "1"}])
    assert [link.occupation.code for link in QualificationOccupation.objects.filter(qualification=qualification)] == ["7223"]
    assert services.load_taxonomy()["groups_created"] == 0
