"""Orders as documents: the college's order sending students to the enterprise and the enterprise's order
appointing mentors, numbered and dated, each a bilingual PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from kasip.dual import documents, services
from kasip.dual.models import OrderKind

from .contract_fixtures import *  # noqa: F403  (the fixtures)

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 8, 25)


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def test_the_college_sends_its_students_by_an_order_printed_in_both_languages(users, draft, college, enterprise):
    order = services.create_order(users["dual_coordinator"], kind=OrderKind.SENDING, number="45-д", date=DAY,
                                  contracts=[draft])
    assert (order.college, order.enterprise, list(order.contracts.all())) == (college, enterprise, [draft])
    text = text_of(documents.order_pdf(order))
    assert "БҰЙРЫҚ № 45-д" in text and "ПРИКАЗ № 45-д" in text
    assert "Білім алушыларды дуалды оқытуға жіберу туралы" in text
    assert "О направлении обучающихся на дуальное обучение" in text
    assert f"«{enterprise.name_ru}»" in text and draft.student.full_name in text and draft.number in text


def test_the_enterprise_appoints_mentors_by_its_own_order(users, draft, mentor):
    services.update_contract(None, draft, mentor=mentor)
    order = services.create_order(users["enterprise_hr"], kind=OrderKind.MENTORS, number="12-к", date=DAY,
                                  contracts=[draft])
    text = text_of(documents.order_pdf(order))
    assert "Тәлімгерлерді тағайындау туралы" in text and "О назначении наставников" in text
    assert "Ержанов Бауыржан" in text and "мастер цеха" in text


def test_a_mentors_order_needs_a_mentor_on_every_contract(users, draft):
    with pytest.raises(ValidationError) as exc:
        services.create_order(users["enterprise_hr"], kind=OrderKind.MENTORS, number="1", date=DAY, contracts=[draft])
    assert exc.value.message_dict["contracts"] == [
        f"Contracts without a mentor: {draft.number} ({draft.student.full_name})."]


def test_each_side_issues_only_its_own_kind_of_order(users, draft):
    with pytest.raises(PermissionDenied):
        services.create_order(users["enterprise_hr"], kind=OrderKind.SENDING, number="1", date=DAY, contracts=[draft])
    with pytest.raises(PermissionDenied):
        services.create_order(users["dual_coordinator"], kind=OrderKind.MENTORS, number="1", date=DAY,
                              contracts=[draft])


def test_an_order_number_is_used_once_per_kind_college_and_enterprise(users, draft):
    services.create_order(None, kind=OrderKind.SENDING, number="7", date=DAY, contracts=[draft])
    with pytest.raises(ValidationError) as exc:
        services.create_order(None, kind=OrderKind.SENDING, number="7", date=DAY, contracts=[draft])
    assert exc.value.message_dict == {"number": ["An order of this kind № 7 already exists."]}


def test_the_order_form_saves_and_links_the_pdf(client_for, draft):
    client = client_for("dual_coordinator")
    response = client.post("/orders/new/", {"kind": "sending", "number": "", "date": "2026-08-25",
                                            "contracts": [draft.pk]})
    assert "This field is required." in response.content.decode()
    response = client.post("/orders/new/", {"kind": "sending", "number": "46-д", "date": "2026-08-25",
                                            "contracts": [draft.pk]}, follow=True)
    assert "The order is saved; its PDF is ready." in response.content.decode()
    order_pk = response.redirect_chain[-1][0].rstrip("/").rsplit("/", 1)[1]
    pdf = client.get(f"/orders/{order_pk}/order.pdf")
    assert pdf["Content-Type"] == "application/pdf" and "ПРИКАЗ № 46-д" in text_of(pdf.content)
