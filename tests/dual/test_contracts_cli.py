"""kasip dual accept / place-group / contract-pdf / export-contracts / order-pdf."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from kasip.dual import services
from kasip.dual.models import Contract, OrderKind

from .contract_fixtures import *  # noqa: F403  (the fixtures)
from .contract_fixtures import ADULT, MINOR

pytestmark = pytest.mark.django_db


def dual(*args) -> str:
    out = io.StringIO()
    call_command("dual", *args, stdout=out)
    return out.getvalue()


def test_accept_drafts_a_contract(make_student, make_place, placement_of):
    placement = placement_of(make_student(), make_place())
    assert "drafted for" in dual("accept", str(placement.pk))
    assert Contract.objects.filter(placement=placement).exists()


def test_place_group_drafts_the_groups_contracts_and_reports_bad_arguments(agreement, group, site, make_student,
                                                                           hazardous_site):
    make_student(ADULT)
    minor = make_student(MINOR)
    args = ["place-group", "--agreement", str(agreement.pk), "--group", group.code, "--from", "2026-09-01",
            "--to", "2027-05-31", "--payment", "60000"]
    with pytest.raises(CommandError, match=f"{minor.full_name} is under 18"):
        dual(*args, "--site", str(hazardous_site.pk))
    with pytest.raises(CommandError, match="--from: give a date as YYYY-MM-DD"):
        dual(*args[:5], "--from", "1 сентября", "--to", "2027-05-31", "--payment", "1", "--site", str(site.pk))
    with pytest.raises(CommandError, match="Give the reason when the contract pays the student nothing"):
        dual(*args[:-1], "0", "--site", str(site.pk))
    assert "2 contracts drafted for the group СВ-24-1" in dual(*args, "--site", str(site.pk))


def test_contract_pdf_and_order_pdf_write_their_files(tmp_path, draft):
    out = tmp_path / "contract.pdf"
    assert "bytes written" in dual("contract-pdf", str(draft.pk), "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF-")
    order = services.create_order(None, kind=OrderKind.SENDING, number="3", date=dt.date(2026, 8, 25),
                                  contracts=[draft])
    out = tmp_path / "order.pdf"
    dual("order-pdf", str(order.pk), "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF-")
    with pytest.raises(CommandError, match="no contract 999999"):
        dual("contract-pdf", "999999", "--out", str(out))
    with pytest.raises(CommandError, match="--out: the file must end in .pdf"):
        dual("contract-pdf", str(draft.pk), "--out", str(tmp_path / "c.docx"))


def test_export_contracts_writes_xlsx_for_one_college(tmp_path, draft, college):
    out = tmp_path / "contracts.xlsx"
    assert "1 contracts written" in dual("export-contracts", "--out", str(out), "--college", college.bin)
    sheet = load_workbook(out).active
    assert sheet.cell(2, 1).value == draft.number
    assert "0 contracts written" in dual("export-contracts", "--out", str(tmp_path / "c.csv"), "--college",
                                         "000000000000")
