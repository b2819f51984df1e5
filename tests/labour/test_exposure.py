"""Exposure to automation and AI: the indices read from the publishers' files, SOC scores carried to ISCO-08
with their weights, the project's table, the composite rank and its "most exposed" rule, the public page and
API; a file in an unexpected layout is refused naming what is missing."""

from __future__ import annotations

import io
from importlib import resources
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

from kasip.labour import exposure, selectors, services
from tests.labour.coding_fixtures import unit_groups  # noqa: F401

REFERENCE = Path(django_settings.KASIP_REFERENCE_DIR) if django_settings.KASIP_REFERENCE_DIR else None


def test_a_soc_code_mapped_to_several_unit_groups_weighs_its_share_in_each():
    pairs = [("2511", "15-1121"), ("2511", "15-1122"), ("2512", "15-1122"), ("2513", "15-1199")]
    scores = {"15-1121": 0.2, "15-1122": 0.8}
    result = {s.isco08: s for s in exposure.via_crosswalk("aioe", scores, pairs)}
    # 2511: 15-1121 (weight 1) and 15-1122 (weight 1/2): (0.2 + 0.4) / 1.5 = 0.4
    assert result["2511"].value == pytest.approx(0.4) and result["2511"].basis == "15-1121:1;15-1122:0.5"
    assert result["2512"].value == pytest.approx(0.8) and result["2512"].n == 1
    assert "2513" not in result  # its SOC code has no score


def test_the_ilo_unit_group_score_is_the_mean_of_its_tasks_with_the_ilo_gradient():
    scores = exposure.from_tasks("ilo_genai_2025", {"4110": [0.6, 0.7, 0.8], "7212": [0.1]},
                                 {"4110": "Exposed: Gradient 4"})
    assert [(s.isco08, s.value, s.gradient, s.n) for s in scores] == [
        ("4110", 0.7, "Exposed: Gradient 4", 3), ("7212", 0.1, "", 1)]


def test_the_composite_is_the_mean_percentile_rank():
    scores = [exposure.Score("a", "1111", 1.0), exposure.Score("a", "2222", 2.0), exposure.Score("a", "3333", 3.0),
              exposure.Score("b", "1111", 30.0), exposure.Score("b", "2222", 10.0)]
    assert exposure.composite(scores, ["a", "b"]) == {"1111": 0.5, "2222": 0.25, "3333": 1.0}
    assert exposure.composite(scores, ["a"]) == {"1111": 0.0, "2222": 0.5, "3333": 1.0}


def test_a_file_in_another_layout_is_refused_naming_what_is_missing(tmp_path):
    (tmp_path / "exposure").mkdir()
    (tmp_path / "exposure" / "mcc_risk_ISCO_4digit.csv").write_text("code,score\n1111,0.3\n", encoding="utf-8")
    with pytest.raises(exposure.ExposureFileError, match="columns missing: isco_code, risk; found: code, score"):
        exposure.compute(tmp_path)
    (tmp_path / "exposure" / "mcc_risk_ISCO_4digit.csv").write_text("isco_code,risk\n1111,high\n", encoding="utf-8")
    with pytest.raises(exposure.ExposureFileError, match="line 2: risk “high” is not a number"):
        exposure.compute(tmp_path)


@pytest.mark.skipif(REFERENCE is None or not (REFERENCE / "exposure").exists(), reason="reference files absent")
def test_the_project_table_is_what_the_publishers_files_give():
    scores, missing = exposure.compute(REFERENCE)
    assert missing == []
    committed = resources.files("kasip.labour").joinpath("data/exposure.csv").read_text(encoding="utf-8")
    assert exposure.write_table(scores) == committed
    by_index = {i: sum(1 for s in scores if s.index == i) for i in exposure.INDICES}
    assert by_index == {"ilo_genai_2025": 427, "nesta_risk": 421, "frey_osborne": 404, "aioe": 424}


@pytest.fixture
def loaded(unit_groups):  # noqa: F811
    return services.load_exposure()


@pytest.mark.django_db
def test_the_table_loads_and_the_rule_marks_the_most_exposed(loaded, settings):
    assert loaded["ilo_genai_2025"] > 400 and loaded["frey_osborne"] > 400
    rows = selectors.exposure_rows()
    flagged = [r for r in rows if r.most_exposed]
    assert len(flagged) == round(len(rows) * 0.2) and rows[0].most_exposed
    assert "4110" in {r.code for r in flagged}  # general office clerks
    assert "2221" not in {r.code for r in flagged}  # nursing professionals
    settings.KASIP_EXPOSURE_INDICES = "ilo_genai_2025"
    settings.KASIP_EXPOSED_SHARE = 0.1
    only_ilo = selectors.exposure_rows()
    assert sum(r.most_exposed for r in only_ilo) == round(len([r for r in only_ilo if r.composite is not None]) * 0.1)
    top = only_ilo[0]
    assert top.values["ilo_genai_2025"] == max(r.values.get("ilo_genai_2025", 0) for r in only_ilo)


@pytest.mark.django_db
def test_the_public_page_explains_the_method_and_never_says_disappearing(loaded, client):
    page = client.get("/occupations/exposure/").content.decode()
    assert "Exposure is not job loss." in page and "weighs 1/k" in page and "Gmyrek" in page
    assert "disappear" not in page.lower()
    exposed = client.get("/occupations/exposure/", {"most_exposed": "1", "q": "4110"}).content.decode()
    assert "4110" in exposed and "(most exposed)" in exposed
    detail = client.get("/occupations/4110/").content.decode()
    assert "Among the most exposed." in detail and "SOC 2010 (weight):" in detail and "43-9061" in detail


@pytest.mark.django_db
def test_the_api_answers_every_group_and_one_with_its_basis(loaded, client):
    listing = client.get("/api/v1/exposure", {"most_exposed": "true", "limit": 5}).json()
    assert listing["count"] > 50 and all(r["most_exposed"] for r in listing["items"])
    one = client.get("/api/v1/exposure/4110").json()
    frey = next(s for s in one["scores"] if s["index"] == "frey_osborne")
    assert frey["basis"] and all(0 < b["weight"] <= 1 for b in frey["basis"])
    assert client.get("/api/v1/exposure/0000").status_code == 404
    assert client.get("/api/v1/exposure/abc").status_code == 422


@pytest.mark.django_db
def test_the_command_recomputes_or_loads_the_table(unit_groups, tmp_path):  # noqa: F811
    out = io.StringIO()
    call_command("import-exposure", "--table", stdout=out)
    assert "ilo_genai_2025" in out.getvalue()
    (tmp_path / "exposure").mkdir()
    (tmp_path / "exposure" / "aioe_by_soc_derived.csv").write_text("soc,x\n", encoding="utf-8")
    (tmp_path / "crosswalks").mkdir()
    (tmp_path / "crosswalks" / "isco08_soc2010_crosswalk_derived.csv").write_text(
        "isco08_code,soc2010_code\n2512,15-1132\n", encoding="utf-8")
    with pytest.raises(CommandError, match="aioe_by_soc_derived.csv: columns missing: soc_code, aioe"):
        call_command("import-exposure", str(tmp_path), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not a directory"):
        call_command("import-exposure", str(tmp_path / "nowhere"), stdout=io.StringIO())
