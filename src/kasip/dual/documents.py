"""The official documents of dual training as PDF (HTML rendered by WeasyPrint, DejaVu fonts): the tripartite
contract and the two orders, each bilingual — Kazakh in the left column, Russian in the right, clause by
clause.

The documents' wording is the text of an official form in the state language and in Russian, kept here as
(kk, ru) pairs rather than as interface messages: it does not follow the reader's interface language.

The copy to be signed (``for_signing=True``) leaves the signature lines blank; it depends only on the
contract's contents, so that the same bytes come back while the contract awaits signatures and an ЭЦП's
messageDigest can be checked against them. The working copy shows each party's status.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone

from kasip.core.i18n import localized
from kasip.core.pdf import render_pdf

from .models import (
    Contract,
    ContractPeriod,
    OrderKind,
    Party,
    PeriodKind,
    SignatureMethod,
    TrainingOrder,
)

KK, RU = "kk", "ru"

PERIOD_KIND = {PeriodKind.COLLEGE: ("колледжде", "в колледже"), PeriodKind.ENTERPRISE: ("кәсіпорында", "на предприятии")}
PARTY = {Party.COLLEGE: ("Білім беру ұйымы", "Организация образования"),
         Party.ENTERPRISE: ("Кәсіпорын", "Предприятие"),
         Party.STUDENT: ("Білім алушы", "Обучающийся"),
         Party.GUARDIAN: ("Білім алушының заңды өкілі", "Законный представитель обучающегося")}
METHOD = {SignatureMethod.ECP: ("ЭЦҚ (NCALayer)", "ЭЦП (NCALayer)"),
          SignatureMethod.SCAN: ("қол қойылған көшірме", "подписанная копия")}


def _date(day: dt.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else "—"


def _money(amount) -> str:
    value = Decimal(amount or 0).quantize(Decimal("0.01"))
    whole, _, cents = f"{value:.2f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"{' '.join(groups)},{cents}"


def _name(obj, language: str) -> str:
    return localized(obj, "name", language) if obj is not None else "—"


# --- the tripartite contract -------------------------------------------------------------
def contract_clauses(c: Contract, periods: list[ContractPeriod]) -> list[dict]:
    """The contract's clauses, each {"kk": …, "ru": …} with a title and lines in each language."""
    q = c.programme.qualification
    minor = c.is_minor
    student = c.student
    clauses = []

    def clause(title: tuple[str, str], lines: list[tuple[str, str]]):
        clauses.append({"number": len(clauses) + 1,
                        KK: {"title": title[0], "lines": [kk for kk, _ru in lines]},
                        RU: {"title": title[1], "lines": [ru for _kk, ru in lines]}})

    parties = [
        (f"Білім беру ұйымы: {_name(c.college, KK)}, БСН {c.college.bin or '—'}",
         f"Организация образования: {_name(c.college, RU)}, БИН {c.college.bin or '—'}"),
        (f"Кәсіпорын: {_name(c.enterprise, KK)}, БСН {c.enterprise.bin or '—'}",
         f"Предприятие: {_name(c.enterprise, RU)}, БИН {c.enterprise.bin or '—'}"),
        (f"Білім алушы: {student.full_name}, ЖСН {student.iin}, туған күні {_date(student.birth_date)}, "
         f"жеке басын куәландыратын құжат: {c.student_document or '—'}",
         f"Обучающийся: {student.full_name}, ИИН {student.iin}, дата рождения {_date(student.birth_date)}, "
         f"документ, удостоверяющий личность: {c.student_document or '—'}"),
    ]
    if minor:
        parties.append(
            (f"Кәмелетке толмаған білім алушының заңды өкілі: {c.guardian_name or '—'}, ЖСН {c.guardian_iin or '—'}, "
             f"жеке басын куәландыратын құжат: {c.guardian_document or '—'}",
             f"Законный представитель несовершеннолетнего обучающегося: {c.guardian_name or '—'}, "
             f"ИИН {c.guardian_iin or '—'}, документ, удостоверяющий личность: {c.guardian_document or '—'}"))
    clause(("Тараптар", "Стороны"), parties)
    clause(("Шарттың мәні", "Предмет договора"), [
        (f"Кәсіпорын білім алушыны «{q.code} {localized(q, 'name', KK)}» біліктілігі бойынша дуалды оқыту "
         f"негізінде өндірістік оқытуға және кәсіптік практикаға қабылдайды; оқыту орны: {c.site.name}"
         f"{', ' + c.site.address if c.site.address else ''}.",
         f"Предприятие принимает обучающегося на производственное обучение и профессиональную практику на "
         f"основе дуального обучения по квалификации «{q.code} {localized(q, 'name', RU)}»; место обучения: "
         f"{c.site.name}{', ' + c.site.address if c.site.address else ''}."),
    ])
    schedule = [(f"Оқу мерзімі: {_date(c.starts_on)} – {_date(c.ends_on)}.",
                 f"Срок обучения: {_date(c.starts_on)} – {_date(c.ends_on)}.")]
    for p in periods:
        kk, ru = PERIOD_KIND[p.kind]
        schedule.append((f"{_date(p.starts_on)} – {_date(p.ends_on)}: {kk}",
                         f"{_date(p.starts_on)} – {_date(p.ends_on)}: {ru}"))
    clause(("Оқу кестесі", "График обучения"), schedule)
    mentor = c.mentor
    mentor_line = (f"{mentor.full_name}{', ' + mentor.position if mentor.position else ''}" if mentor else "")
    clause(("Тәлімгер", "Наставник"), [
        (f"Кәсіпорын тәлімгер тағайындайды: {mentor_line or 'кәсіпорынның бұйрығымен тағайындалады'}.",
         f"Предприятие назначает наставника: {mentor_line or 'назначается приказом предприятия'}."),
    ])
    clause(("Сағаттар", "Часы"), [
        (f"Кәсіпорындағы өндірістік оқыту мен практиканың сағаттары: {c.enterprise_hours}.",
         f"Часы производственного обучения и практики на предприятии: {c.enterprise_hours}."),
        ("Кәмелетке толмағандар үшін жұмыс уақыты Еңбек кодексінің талаптарына сай: түнгі, үстеме және зиянды "
         "жұмыстарға тартылмайды." if minor else
         "Жұмыс уақыты Қазақстан Республикасының Еңбек кодексіне сәйкес белгіленеді.",
         "Для несовершеннолетнего время работы по требованиям Трудового кодекса: без ночной, сверхурочной и "
         "вредной работы." if minor else
         "Рабочее время устанавливается в соответствии с Трудовым кодексом Республики Казахстан."),
    ])
    if c.monthly_payment:
        payment = (f"Кәсіпорын білім алушыға ай сайын {_money(c.monthly_payment)} теңге төлейді.",
                   f"Предприятие ежемесячно выплачивает обучающемуся {_money(c.monthly_payment)} тенге.")
    else:
        payment = (f"Білім алушыға төлем жасалмайды. Себебі: {c.payment_reason}.",
                   f"Выплата обучающемуся не производится. Причина: {c.payment_reason}.")
    clause(("Білім алушыға төлем", "Оплата обучающемуся"), [payment])
    clause(("Сақтандыру", "Страхование"), [
        (f"Жазатайым оқиғалардан сақтандыру: {c.insurance}." if c.insurance else
         "Жазатайым оқиғалардан сақтандыру: көзделмеген.",
         f"Страхование от несчастных случаев: {c.insurance}." if c.insurance else
         "Страхование от несчастных случаев: не предусмотрено."),
    ])
    if c.work_obligation_months:
        obligation = (f"Білім алушы оқуды бітіргеннен кейін кәсіпорында {c.work_obligation_months} ай жұмыс істеуге "
                      "міндеттенеді.",
                      f"Обучающийся обязуется после окончания обучения отработать на предприятии "
                      f"{c.work_obligation_months} мес.")
    else:
        obligation = ("Оқуды бітіргеннен кейін жұмыс істеу міндеттемесі көзделмеген.",
                      "Обязательство отработки после окончания обучения не предусмотрено.")
    clause(("Оқуды бітіргеннен кейінгі міндеттеме", "Обязательство после окончания обучения"), [obligation])
    clause(("Тараптардың міндеттері", "Обязанности сторон"), [
        ("Білім беру ұйымы оқу бағдарламасын, теориялық оқытуды және білім алушының үлгерімін бақылауды "
         "қамтамасыз етеді.",
         "Организация образования обеспечивает учебную программу, теоретическое обучение и контроль "
         "успеваемости обучающегося."),
        ("Кәсіпорын оқу орнын, тәлімгерді, еңбек қауіпсіздігі бойынша нұсқаулықты және қауіпсіз еңбек "
         "жағдайларын қамтамасыз етеді.",
         "Предприятие обеспечивает место обучения, наставника, инструктаж по технике безопасности и безопасные "
         "условия труда."),
        ("Білім алушы оқу кестесін, ішкі еңбек тәртібін және еңбек қауіпсіздігі талаптарын сақтайды.",
         "Обучающийся соблюдает график обучения, правила внутреннего трудового распорядка и требования "
         "безопасности и охраны труда."),
    ])
    return clauses


def signature_rows(c: Contract, signatures: dict, *, for_signing: bool) -> list[dict]:
    from .services.contracts import required_parties

    rows = []
    parties = [Party.COLLEGE, Party.ENTERPRISE, Party.STUDENT]
    if c.is_minor:
        parties.append(Party.GUARDIAN)
    required = set(required_parties(c))
    names = {Party.COLLEGE: (_name(c.college, KK), _name(c.college, RU)),
             Party.ENTERPRISE: (_name(c.enterprise, KK), _name(c.enterprise, RU)),
             Party.STUDENT: (c.student.full_name, c.student.full_name),
             Party.GUARDIAN: (c.guardian_name or "—", c.guardian_name or "—")}
    for party in parties:
        sig = None if for_signing else signatures.get(party)
        kk_label, ru_label = PARTY[party]
        if sig is not None:
            method_kk, method_ru = METHOD[sig.method]
            when = timezone.localtime(sig.signed_at).strftime("%d.%m.%Y %H:%M")
            status = (f"Қол қойылды {when}, {method_kk}", f"Подписано {when}, {method_ru}")
        elif for_signing:
            status = ("Қолы: ____________________", "Подпись: ____________________")
        elif party in required:
            status = ("Қол қойылмаған", "Не подписано")
        else:
            status = ("Қолы міндетті емес", "Подпись не обязательна")
        rows.append({KK: {"party": kk_label, "name": names[party][0], "status": status[0]},
                     RU: {"party": ru_label, "name": names[party][1], "status": status[1]}})
    return rows


def contract_html(c: Contract, *, for_signing: bool = False) -> str:
    periods = list(c.periods.order_by("starts_on", "pk"))
    signatures = {s.party: s for s in c.signatures.all()}
    created = timezone.localtime(c.created_at).date() if c.created_at else c.starts_on
    return render_to_string("dual/contracts/contract_pdf.html", {
        "c": c, "created": _date(created), "clauses": contract_clauses(c, periods),
        "signatures": signature_rows(c, signatures, for_signing=for_signing), "for_signing": for_signing,
    })


def contract_for_pdf(pk: int) -> Contract:
    return (Contract.objects.select_related("student", "college", "enterprise", "site", "mentor",
                                            "programme__qualification")
            .prefetch_related("periods", "signatures").get(pk=pk))


def contract_pdf(contract: Contract, *, for_signing: bool = False) -> bytes:
    """The bilingual contract (with each party's status, or blank signature lines for the copy to sign)."""
    return render_pdf(contract_html(contract_for_pdf(contract.pk), for_signing=for_signing))


# --- orders ------------------------------------------------------------------------------
ORDER_TEXT = {
    OrderKind.SENDING: (
        ("Білім алушыларды дуалды оқытуға жіберу туралы",
         "О направлении обучающихся на дуальное обучение"),
        ("Дуалды оқытуды ұйымдастыру қағидаларына және үшжақты шарттарға сәйкес төменде аталған білім "
         "алушылар «{enterprise_kk}» кәсіпорнына өндірістік оқыту мен кәсіптік практикадан өту үшін жіберілсін.",
         "В соответствии с Правилами организации дуального обучения и трёхсторонними договорами направить "
         "нижеперечисленных обучающихся на предприятие «{enterprise_ru}» для прохождения производственного "
         "обучения и профессиональной практики."),
    ),
    OrderKind.MENTORS: (
        ("Тәлімгерлерді тағайындау туралы", "О назначении наставников"),
        ("Дуалды оқытуды ұйымдастыру қағидаларына және үшжақты шарттарға сәйкес «{college_kk}» білім "
         "алушыларына төменде аталған тәлімгерлер тағайындалсын.",
         "В соответствии с Правилами организации дуального обучения и трёхсторонними договорами назначить "
         "наставниками обучающихся «{college_ru}» нижеперечисленных работников."),
    ),
}


def order_html(order: TrainingOrder) -> str:
    (title_kk, title_ru), (text_kk, text_ru) = ORDER_TEXT[order.kind]
    names = {"college_kk": _name(order.college, KK), "college_ru": _name(order.college, RU),
             "enterprise_kk": _name(order.enterprise, KK), "enterprise_ru": _name(order.enterprise, RU)}
    issuer = order.college if order.kind == OrderKind.SENDING else order.enterprise
    contracts = list(order.contracts.select_related("student__group", "mentor", "site")
                     .order_by("student__last_name", "student__first_name", "pk"))
    rows = [{"n": i, "student": c.student.full_name, "group": c.student.group.code if c.student.group_id else "—",
             "contract": c.number, "period": f"{_date(c.starts_on)} – {_date(c.ends_on)}", "site": c.site.name,
             "mentor": c.mentor.full_name if c.mentor_id else "—",
             "position": (c.mentor.position if c.mentor_id else "") or ""}
            for i, c in enumerate(contracts, 1)]
    return render_to_string("dual/contracts/order_pdf.html", {
        "order": order, "date": _date(order.date), "mentors": order.kind == OrderKind.MENTORS,
        "issuer": {KK: _name(issuer, KK), RU: _name(issuer, RU), "bin": issuer.bin or "—"},
        "title": {KK: title_kk, RU: title_ru},
        "text": {KK: text_kk.format(**names), RU: text_ru.format(**names)}, "rows": rows,
    })


def order_pdf(order: TrainingOrder) -> bytes:
    order = TrainingOrder.objects.select_related("college", "enterprise").get(pk=order.pk)
    return render_pdf(order_html(order))
