"""Reskilling pathways: the nearest occupations in demand for an exposed one, by the ISCO-08 hierarchy, the
words of job titles and tasks, with the reasons shown; a page and an API endpoint."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from kasip.labour import pathways, selectors, services
from kasip.labour.models import DemandCell
from kasip.registry.models import District
from tests.labour.coding_fixtures import unit_groups  # noqa: F401

P = pathways.Profile
REFERENCE_DIR = Path(django_settings.KASIP_REFERENCE_DIR) if django_settings.KASIP_REFERENCE_DIR else None


def test_the_nearest_share_the_group_and_the_words():
    source = P("4311", frozenset({"бухгалтер", "учет", "расчет"}))
    found = pathways.nearest(source, [P("3313", frozenset({"бухгалтер", "учет"})), P("4312", frozenset({"статистик"})),
                                      P("7212", frozenset({"сварщик"})), P("4311", frozenset({"бухгалтер"}))], k=3)
    assert [p.code for p in found] == ["4312", "3313"]  # 4312: same minor group (3/4); itself left out
    assert found[0].common_group == "431" and found[1].shared_words == ("бухгалтер", "учет")
    assert found[1].skill_step == 1  # clerks (level 2) to technicians (level 3)


def test_a_step_up_in_skill_costs_and_no_common_ground_is_no_pathway():
    source = P("9112", frozenset({"уборщик"}))
    same_words = [P("5153", frozenset({"уборщик"})), P("2221", frozenset({"уборщик"}))]
    found = pathways.nearest(source, same_words)
    assert [p.code for p in found] == ["5153", "2221"] and found[0].score > found[1].score
    assert pathways.nearest(source, [P("2512", frozenset({"программист"}))]) == []
    with pytest.raises(ValueError):
        pathways.nearest(source, same_words, k=0)


def test_tasks_count_when_both_have_them():
    a, b = P("7212", frozenset({"сварщик"}), frozenset({"weld", "metal", "cut"})), P("7214", frozenset({"монтажник"}),
                                                                                   frozenset({"metal", "cut"}))
    with_tasks = pathways.compare(a, b)
    without = pathways.compare(P("7212", a.words), P("7214", b.words))
    assert with_tasks.shared_tasks == 2 and with_tasks.score > without.score


@pytest.fixture
def demand(unit_groups, region):  # noqa: F811
    """Job ads over two years, no graduates, so all four are in demand: software developers (2512),
    electricians (7411) and accounting associate professionals (3313) growing; general office clerks (4110)
    shrinking."""
    services.load_exposure()
    from kasip.labour.models import AliasSource
    from kasip.labour.services.taxonomy import _csv, _replace_aliases

    pairs = [(r.get("isco08", "").strip(), "ru", r.get("alias", "")) for r in _csv("aliases_ru.csv")
             if r.get("isco08", "").strip() in {"2512", "7411", "3313", "4110", "4311", "7212"}]
    _replace_aliases(AliasSource.PROJECT, pairs)
    district = District.objects.get(kato="351010000")
    for i in range(24):
        month = dt.date(2024 + i // 12, i % 12 + 1, 1)
        grow = 10 if i < 12 else 20
        for code, n in (("2512", grow), ("7411", grow), ("3313", grow), ("4110", 30 - grow)):
            DemandCell.objects.create(isco08=code, district=district, month=month, postings=n, positions=n)


@pytest.mark.django_db
def test_an_exposed_occupation_gets_occupations_in_demand_with_reasons(demand, client, settings):
    settings.KASIP_EXPOSED_SHARE = 0.01  # the 4 most exposed: 4312, 4311, 4110, 2411
    found, basis = selectors.pathways_for("4311")
    assert basis == "in_demand"  # the gap: demand and no graduates
    codes = [f["pathway"].code for f in found]
    assert "4110" not in codes  # among the most exposed: no pathway leads there
    assert codes[0] == "3313"  # accounting associate professionals: the words of the titles in common
    page = client.get("/occupations/4311/pathways/").content.decode()
    assert "3313" in page and "Words of the job titles in common:" in page and "disappear" not in page.lower()
    api = client.get("/api/v1/pathways/4311", {"k": 2}).json()
    assert api["basis"] == "in_demand" and len(api["pathways"]) <= 2 and api["pathways"][0]["code"] == "3313"
    assert client.get("/api/v1/pathways/9999").status_code == 404
    assert client.get("/occupations/9999/pathways/").status_code == 404


@pytest.mark.django_db
def test_without_demand_it_says_what_to_load(unit_groups, client):  # noqa: F811
    page = client.get("/occupations/4311/pathways/").content.decode()
    assert "load job ads and graduations first" in page


def test_task_words_drop_common_words_and_plurals():
    assert pathways.task_words(["Welding and cutting metal parts; inspecting welds."]) == frozenset(
        {"welding", "cutting", "metal", "part", "inspecting", "weld"})


@pytest.mark.django_db
def test_the_ilos_task_texts_join_the_comparison_when_loaded(demand, settings, client):
    from kasip.labour.models import OccupationTask

    settings.KASIP_EXPOSED_SHARE = 0.01
    OccupationTask.objects.bulk_create([
        OccupationTask(isco08="4311", text="Calculating payroll and recording financial transactions in ledgers"),
        OccupationTask(isco08="3313", text="Recording financial transactions and preparing ledgers and payroll")])
    found, _basis = selectors.pathways_for("4311")
    accountants = next(f["pathway"] for f in found if f["pathway"].code == "3313")
    assert accountants.shared_tasks == 5  # payroll, recording, financial, transaction, ledger
    assert "tasks" in accountants.parts
    page = client.get("/occupations/4311/pathways/").content.decode()
    assert "5 words of the task descriptions in common." in page


@pytest.mark.django_db
@pytest.mark.skipif(not (REFERENCE_DIR and (REFERENCE_DIR / "exposure").exists()), reason="reference files absent")
def test_import_exposure_loads_the_ilos_task_texts(unit_groups):  # noqa: F811
    import io

    from django.core.management import call_command

    from kasip.labour.models import OccupationTask

    out = io.StringIO()
    call_command("import-exposure", str(REFERENCE_DIR), stdout=out)
    assert "ILO task texts (for reskilling pathways):" in out.getvalue()
    assert OccupationTask.objects.count() > 3000 and OccupationTask.objects.filter(isco08="7212").exists()
