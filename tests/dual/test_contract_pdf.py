"""The tripartite contract as one bilingual PDF: Kazakh on the left, Russian on the right, with the parties'
details, the schedule, the mentor, the hours, the payment, the insurance, the obligation and each party's
status."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from kasip.dual import documents, services
from kasip.dual.models import PeriodKind
from kasip.registry.models import EnterpriseSite

from .contract_fixtures import *  # noqa: F403  (the fixtures)
from .contract_fixtures import MINOR, complete

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_contract_pdf_states_everything_in_kazakh_and_in_russian(draft, mentor, college, enterprise):
    contract = complete(draft, mentor=mentor, monthly_payment=85000, work_obligation_months=24)
    services.update_contract(None, contract, periods=[
        (PeriodKind.COLLEGE, contract.starts_on, contract.starts_on.replace(day=15)),
        (PeriodKind.ENTERPRISE, contract.starts_on.replace(day=16), contract.ends_on)])

    text = text_of(documents.contract_pdf(contract))

    for kazakh, russian in [
        (f"Дуалды оқыту туралы үшжақты шарт № {contract.number}",
         f"Трёхсторонний договор о дуальном обучении № {contract.number}"),
        (f"Білім беру ұйымы: {college.name_kk}, БСН {college.bin}",
         f"Организация образования: {college.name_ru}, БИН {college.bin}"),
        (f"Кәсіпорын: {enterprise.name_kk}, БСН {enterprise.bin}", f"Предприятие: {enterprise.name_ru}, БИН {enterprise.bin}"),
        (f"ЖСН {contract.student.iin}", f"ИИН {contract.student.iin}"),
        ("01.09.2026 – 15.09.2026: колледжде", "01.09.2026 – 15.09.2026: в колледже"),
        (f"16.09.2026 – {contract.ends_on:%d.%m.%Y}: кәсіпорында",
         f"16.09.2026 – {contract.ends_on:%d.%m.%Y}: на предприятии"),
        ("Кәсіпорын тәлімгер тағайындайды: Ержанов Бауыржан, мастер цеха",
         "Предприятие назначает наставника: Ержанов Бауыржан, мастер цеха"),
        (f"өндірістік оқыту мен практиканың сағаттары: {contract.enterprise_hours}",
         f"производственного обучения и практики на предприятии: {contract.enterprise_hours}"),
        ("ай сайын 85 000,00 теңге төлейді", "ежемесячно выплачивает обучающемуся 85 000,00 тенге"),
        ("Жазатайым оқиғалардан сақтандыру: АО «Страховая компания», полис № 77",
         "Страхование от несчастных случаев: АО «Страховая компания», полис № 77"),
        ("кәсіпорында 24 ай жұмыс істеуге", "отработать на предприятии 24 мес"),
        ("Қол қойылмаған", "Не подписано"),
    ]:
        assert kazakh in text and russian in text
    assert text.index("Дуалды оқыту туралы") < text.index("Трёхсторонний договор")  # Kazakh first: the left column


def test_a_minors_contract_names_the_guardian_and_a_contract_without_pay_gives_the_reason(
        make_student, make_place, placement_of):
    minor = make_student(MINOR)
    contract = services.accept_placement(None, placement_of(minor, make_place(monthly_payment=0,
                                                                               payment_reason="учебная практика")))
    contract = complete(contract)
    text = text_of(documents.contract_pdf(contract))
    assert "Кәмелетке толмаған білім алушының заңды өкілі: Сейткали Айгуль Маратовна" in text
    assert "Законный представитель несовершеннолетнего обучающегося: Сейткали Айгуль Маратовна" in text
    assert "Выплата обучающемуся не производится. Причина: учебная практика." in text
    assert "Білім алушыға төлем жасалмайды. Себебі: учебная практика." in text


def test_the_copy_to_sign_is_fixed_when_sent_for_signature_with_blank_signature_lines(draft, client_for):
    import hashlib

    complete(draft)
    contract = services.send_for_signature(None, draft)
    kept = services.signing_document(contract)
    assert hashlib.sha256(kept).hexdigest() == contract.document_digest
    served = client_for("student").get(f"/contracts/{contract.pk}/to-sign.pdf").content
    assert served == kept
    text = text_of(kept)
    assert "Подпись: ____" in text and "Не подписано" not in text


def test_the_pdf_page_answers_a_pdf_to_the_student_and_staff_and_audits_staff_reads(client_for, draft, users):
    from kasip.core.models import AuditEntry

    for role in ("student", "dual_coordinator", "enterprise_hr", "region_admin"):
        response = client_for(role).get(f"/contracts/{draft.pk}/contract.pdf")
        assert response.status_code == 200, role
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
    readers = set(AuditEntry.objects.filter(action="read", object_type="dual.contract").values_list("actor_repr",
                                                                                                     flat=True))
    assert readers == {"dual_coordinator", "enterprise_hr", "region_admin"}
    assert client_for("analyst").get(f"/contracts/{draft.pk}/contract.pdf").status_code == 403


def test_the_site_address_and_hazard_do_not_break_the_document(draft):
    EnterpriseSite.objects.filter(pk=draft.site_id).update(address="г. Темиртау, ул. Металлургов, 1")
    assert "ул. Металлургов, 1" in text_of(documents.contract_pdf(draft))
