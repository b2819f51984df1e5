"""The regional report "In-demand occupations and occupations exposed to automation and AI": its seven sections
in the PDF (text extracted), the XLSX workbook and the page; the public version hides small counts; the CLI and
the API."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from kasip.labour import documents, selectors, services
from kasip.labour.models import DemandCell
from tests.labour.coding_fixtures import unit_groups  # noqa: F401  (fixture)
from tests.labour.test_gap import region_figures  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
SECTIONS = ["1. Summary", "2. In-demand occupations", "3. Occupations most exposed to automation and AI",
            "4. Demand growth and exposure", "5. By district", "6. Programmes", "7. Methodology and sources"]


@pytest.fixture
def report_data(region_figures):  # noqa: F811
    """The gap's fixture (2025: electricians 7411 in demand, welders balanced, cooks in surplus) with software
    developers (2512) asked for most, general office clerks (4110, among the most exposed) with 3 ads, the
    months of 2024 for growth, and the exposure table."""
    services.load_exposure()
    karaganda = region_figures["karaganda"]
    for month in (dt.date(2024, 5, 1), dt.date(2025, 5, 1)):
        DemandCell.objects.create(isco08="2512", district=karaganda, month=month, postings=20 if month.year == 2024
                                  else 50, positions=20 if month.year == 2024 else 50)
    DemandCell.objects.create(isco08="4110", district=karaganda, month=dt.date(2025, 2, 1), postings=3, positions=3)
    DemandCell.objects.create(isco08="4110", district=karaganda, month=dt.date(2024, 2, 1), postings=6, positions=6)
    return region_figures


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_has_every_section_and_the_occupations_in_order(report_data):
    data = selectors.regional_report()
    assert data["year"] == 2025
    assert [r["code"] for r in data["in_demand"]] == ["2512", "7411"]  # largest unmet demand first
    assert data["in_demand"][0]["growth"] == pytest.approx(1.5)  # 50 against 20
    assert "4110" in [r["code"] for r in data["exposed"]]
    content, ctype = documents.render_report(data, "pdf", "en")
    assert ctype == "application/pdf" and content.startswith(b"%PDF")
    text = " ".join(_pdf_text(content).split())
    positions = [text.find(section) for section in SECTIONS]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), positions
    demand_section = text[positions[1]:positions[2]]
    assert demand_section.find("2512") < demand_section.find("7411")
    assert "4110" in text[positions[2]:positions[3]]
    assert "disappear" not in text.lower()


def test_the_kazakh_pdf_keeps_its_letters(report_data):
    content, _ = documents.render_report(selectors.regional_report(), "pdf", "kk")
    text = _pdf_text(content)
    assert "Өңір" in text or "өңір" in text or "ә" in text  # Kazakh letters survive the font


def test_the_workbook_has_a_sheet_per_section(report_data):
    from openpyxl import load_workbook

    content, _ = documents.render_report(selectors.regional_report(), "xlsx", "en")
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Summary", "In demand", "Most exposed", "Quadrant", "Districts", "Programmes",
                               "Methodology"]
    demand = book["In demand"]
    assert [demand.cell(row=r, column=1).value for r in (2, 3)] == ["2512", "7411"]


def test_the_public_version_hides_small_counts(report_data):
    full = selectors.regional_report()
    public = selectors.regional_report(public=True)
    electricians = [r for r in full["in_demand"] if r["code"] == "7411"][0]
    assert electricians["graduates"] == 2
    assert [r for r in public["in_demand"] if r["code"] == "7411"][0]["graduates"] == "<5"
    assert public["in_demand"][0]["ads"] == 50  # large counts stay
    assert [r for r in public["in_demand"] if r["code"] == "7411"][0]["gap"] is None  # it would give 2 away
    clerks = [r for r in public["exposed"] if r["code"] == "4110"][0]
    assert clerks["ads_share"] is None and [r for r in full["exposed"] if r["code"] == "4110"][0]["ads_share"] > 0
    assert all(q["weight"] % 5 == 0 for q in public["quadrant"])


def test_the_page_public_for_everyone_full_for_staff(report_data, client, client_for):
    anonymous = client.get("/reports/regional/").content.decode()
    assert "Public version: aggregates only." in anonymous and "2. In-demand occupations" in anonymous
    assert "<svg" in anonymous  # the charts are drawn on the server
    analyst = client_for("analyst").get("/reports/regional/").content.decode()
    assert "Public version: aggregates only." not in analyst and "Public version</a>" in analyst
    pdf = client.get("/reports/regional/", {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and "public" in pdf["Content-Disposition"]
    xlsx = client_for("analyst").get("/reports/regional/", {"format": "xlsx", "year": "2025"})
    assert xlsx["Content-Disposition"].endswith('2025.xlsx"')
    assert client.get("/reports/regional/", {"format": "doc"}).status_code == 404


def test_the_command_writes_the_report_in_the_language_asked(report_data, tmp_path):
    out = io.StringIO()
    call_command("report", "regional", "--format", "html", "--out", str(tmp_path / "r.html"), "--lang", "kk",
                 stdout=out)
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'lang="kk"' in html and "2512" in html and "2 in demand" in out.getvalue()
    with pytest.raises(CommandError, match="--year"):
        call_command("report", "regional", "--out", str(tmp_path / "r.pdf"), "--year", "1990", stdout=io.StringIO())
    with pytest.raises(CommandError, match="no such directory"):
        call_command("report", "regional", "--out", str(tmp_path / "no" / "r.pdf"), stdout=io.StringIO())


def test_the_api_gives_the_data_public_unless_staff(report_data, users):
    from django.test import Client

    from kasip.core.services import create_api_token

    client = Client()
    public = client.get("/api/v1/reports/regional").json()
    assert public["public"] is True and public["year"] == 2025
    assert [r["code"] for r in public["in_demand"]] == ["2512", "7411"]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(users['analyst'], 't')[1]}"}
    assert client.get("/api/v1/reports/regional", {"year": 2025}, **auth).json()["public"] is False
    assert client.get("/api/v1/reports/regional", {"year": 1900}).status_code == 422
