"""Anyone opens the regional report: the seven sections, the charts drawn on the server, the PDF and XLSX
downloads; no CSP violation."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect
from tests.labour.coding_fixtures import unit_groups  # noqa: F401  (fixtures)

from kasip.labour import services
from kasip.labour.models import DemandCell

pytestmark = pytest.mark.browser
TIMEOUT_MS = 20_000


@pytest.fixture
def demand(transactional_db, region, unit_groups):  # noqa: F811
    from kasip.registry.models import District

    services.load_exposure()
    karaganda = District.objects.get(kato="351010000")
    for month, n in ((dt.date(2024, 4, 1), 10), (dt.date(2025, 4, 1), 30)):
        for code in ("7212", "2512", "4110"):
            DemandCell.objects.create(isco08=code, district=karaganda, month=month, postings=n, positions=n)


def test_the_public_opens_the_report_and_downloads_the_pdf(page, demand):
    page.goto("/reports/regional/")
    expect(page.locator("h1")).to_have_text("In-demand occupations and occupations exposed to automation and AI",
                                            timeout=TIMEOUT_MS)
    for heading in ("1. Summary", "2. In-demand occupations", "3. Occupations most exposed to automation and AI",
                    "4. Demand growth and exposure", "5. By district", "6. Programmes", "7. Methodology and sources"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.locator("figure.chart svg").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("Public version: aggregates only.")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.endswith("-public.pdf")
    assert not [text for _type, text in page.console_messages if "Content Security Policy" in text]
