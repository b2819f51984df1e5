"""Import of workforce needs (заявки на кадры) declared by enterprises.

A row names the enterprise by its BIN, the occupation by its title and, when known, its code
(ISCO-08 unit group or НК РК 01-2017 occupation group), the number of people, the year and the
district by its КАТО code. A row whose enterprise, occupation, qualification, year and district
match a stored need updates that need (so an exported file imports back without duplicates).
An enterprise's HR imports its own enterprise's needs only.
"""

from __future__ import annotations

import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kasip.core import audit
from kasip.core.imports import Column, ImportSpec, RowInvalid, parse_date, register
from kasip.core.tabular import normalise_header
from kasip.registry.models import College, District, Enterprise, Qualification

from . import policy, services
from .models import (
    MAX_STUDENTS_COVERED,
    MAX_SUBJECT,
    OCCUPATION_CODE,
    Agreement,
    AgreementKind,
    AgreementStatus,
    WorkforceNeed,
)
from .services import MAX_COUNT


def parse_int(text: str, low: int, high: int) -> int | None:
    text = (text or "").replace(" ", "").replace("\u00a0", "")
    if text.endswith(".0"):  # a number typed into a spreadsheet cell as a decimal
        text = text[:-2]
    if not re.fullmatch(r"[0-9]{1,9}", text):
        return None
    value = int(text)
    return value if low <= value <= high else None


def need_key(need: WorkforceNeed) -> tuple:
    return (need.enterprise_id, need.occupation_title, need.occupation_code, need.qualification_id, need.year,
            need.district_id)


class NeedImport(ImportSpec):
    kind = "needs"
    title = gettext_lazy("Workforce needs")
    columns = (
        Column("enterprise", gettext_lazy("Enterprise BIN"), (
            "enterprise", "bin", "бин", "бин предприятия", "бин работодателя", "предприятие", "работодатель",
            "бсн", "кәсіпорын бсн", "кәсіпорынның бсн", "жұмыс беруші бсн", "кәсіпорын")),
        Column("occupation_title", gettext_lazy("Occupation"), (
            "occupation title", "occupation", "profession", "job title", "профессия", "наименование профессии",
            "должность", "профессия должность", "кәсіп", "кәсіп атауы", "мамандық атауы", "лауазым")),
        Column("occupation_code", gettext_lazy("Occupation code"), (
            "isco", "isco 08", "isco code", "нк рк", "код нк рк", "код профессии", "код занятия", "кәсіп коды",
            "нк рк коды", "ҚР ҰЖ", "ҚР ҰЖ коды"), required=False),
        Column("qualification", gettext_lazy("Qualification code"), (
            "qualification", "код квалификации", "квалификация", "біліктілік коды", "біліктілік"), required=False),
        Column("skill_level", gettext_lazy("Qualification level"), (
            "skill level", "level", "уровень квалификации", "квалификационный уровень", "разряд", "біліктілік деңгейі",
            "деңгей"), required=False),
        Column("count", gettext_lazy("Number of people"), (
            "count", "number", "quantity", "количество", "потребность", "потребность чел", "число", "кол во",
            "саны", "адам саны", "қажеттілік")),
        Column("year", gettext_lazy("Year"), ("год", "год потребности", "жыл")),
        Column("district", gettext_lazy("District КАТО"), (
            "district", "kato", "като", "код като", "район като", "district kato", "аудан като", "аудан",
            "ӘАОЖ", "ӘАОЖ коды", "аудан ӘАОЖ")),
        Column("comment", gettext_lazy("Comment"), ("note", "комментарий", "примечание", "түсініктеме", "ескерту"),
               required=False),
    )

    def can_import(self, user) -> bool:
        return policy.can_import_needs(user)

    def start(self, actor) -> dict:
        existing = WorkforceNeed.objects.all()
        if policy.own_enterprise_only(actor):
            existing = existing.filter(enterprise_id=actor.organisation_id)
        return {
            "enterprises": {e.bin: e for e in Enterprise.objects.all()},
            "own": Enterprise.objects.filter(pk=actor.organisation_id).first() if policy.own_enterprise_only(actor)
            else None,
            "districts": {d.kato: d for d in District.objects.all()},
            "qualifications": {q.code: q for q in Qualification.objects.all()},
            "existing": {need_key(n): n for n in existing},
        }

    def _enterprise(self, values, context, actor, problems):
        bin_ = values["enterprise"].strip()
        if policy.own_enterprise_only(actor):
            own = context["own"]
            if own is None:
                problems.append(("enterprise", _("Your account is not attached to an enterprise.")))
            elif bin_ and bin_ != own.bin:
                problems.append(("enterprise", _("You may import only your own enterprise's needs (BIN %(bin)s).")
                                 % {"bin": own.bin}))
            return own
        if not bin_:
            problems.append(("enterprise", _("This value is required.")))
            return None
        enterprise = context["enterprises"].get(bin_)
        if enterprise is None:
            problems.append(("enterprise", _("No enterprise with BIN %(value)s.") % {"value": bin_}))
        return enterprise

    def validate_row(self, values, context, actor):
        problems = []
        enterprise = self._enterprise(values, context, actor, problems)
        title = " ".join(values["occupation_title"].split())
        if not title:
            problems.append(("occupation_title", _("This value is required.")))
        elif len(title) > 300:
            problems.append(("occupation_title", _("The value is longer than %(limit)s characters.") % {"limit": 300}))
        code = values["occupation_code"].strip()
        if code and not OCCUPATION_CODE.match(code):
            problems.append(("occupation_code", _("“%(value)s” is not an occupation code: an occupation code is 4 "
                                                  "digits (ISCO-08) or like 4110-9 (НК РК 01-2017).")
                             % {"value": code}))
        qualification = None
        if values["qualification"]:
            qualification = context["qualifications"].get(values["qualification"].strip().upper())
            if qualification is None:
                problems.append(("qualification", _("Unknown qualification code “%(value)s”.")
                                 % {"value": values["qualification"]}))
        level = None
        if values["skill_level"]:
            level = parse_int(values["skill_level"], 1, 4)
            if level is None:
                problems.append(("skill_level", _("A qualification level is a whole number from 1 to 4.")))
        count = parse_int(values["count"], 1, MAX_COUNT)
        if count is None:
            problems.append(("count", _("Give a number of people from 1 to %(max)s.") % {"max": MAX_COUNT}))
        year = parse_int(values["year"], 2000, 2100)
        if year is None:
            problems.append(("year", _("Give a year between 2000 and 2100.")))
        district = context["districts"].get(values["district"].strip())
        if district is None:
            problems.append(("district", _("Unknown КАТО code “%(value)s”.") % {"value": values["district"]}))
        comment = values["comment"].strip()
        if len(comment) > 500:
            problems.append(("comment", _("The value is longer than %(limit)s characters.") % {"limit": 500}))
        if problems:
            raise RowInvalid(*problems)
        need = WorkforceNeed(enterprise=enterprise, occupation_title=title, occupation_code=code,
                             qualification=qualification, year=year, district=district)
        need = context["existing"].get(need_key(need)) or need
        need.skill_level, need.count, need.comment, need.is_active = level, count, comment, True
        return need

    def unique_keys(self, item):
        enterprise = item.enterprise.bin
        code = f" {item.occupation_code}" if item.occupation_code else ""
        qualification = f" / {item.qualification.code}" if item.qualification_id else ""
        return [("occupation_title", f"{enterprise}: {item.occupation_title}{code}{qualification}, {item.year}, "
                                     f"{item.district.kato}")]

    def save(self, items, actor):
        """Save row by row, so that every need gets its audit entry."""
        created = sum(1 for need in items if need.pk is None)
        with audit.acting_as(actor):
            for need in items:
                need.save()
        return created, len(items) - created


register(NeedImport())


# --- partnership agreements -------------------------------------------------------------
# Words for the kinds and statuses beside their codes and their labels in the three languages.
KIND_ALIASES = {
    AgreementKind.MEMORANDUM: (
        "memorandum", "memorandum of understanding", "mou", "меморандум", "меморандум о сотрудничестве",
        "меморандум о взаимопонимании", "соглашение о сотрудничестве", "ынтымақтастық туралы меморандум",
        "ынтымақтастық туралы келісім"),
    AgreementKind.DUAL_TRAINING: (
        "dual", "dual training", "дуальное обучение", "договор о дуальном обучении", "соглашение о дуальном обучении",
        "дуальды оқыту", "дуальды оқыту туралы шарт", "дуальды оқыту туралы келісім"),
    AgreementKind.PRACTICE: (
        "practice", "internship", "практика", "договор о практике", "договор на прохождение практики",
        "производственная практика", "кәсіптік практика", "практикадан өту туралы шарт", "өндірістік практика"),
    AgreementKind.EQUIPMENT: (
        "equipment", "оборудование", "передача оборудования", "поставка оборудования", "жабдық", "жабдықтарды беру"),
    AgreementKind.SCHOLARSHIPS: (
        "scholarship", "scholarships", "стипендия", "стипендии", "именная стипендия", "стипендиялар",
        "атаулы стипендия"),
    AgreementKind.CURRICULUM: (
        "curriculum", "разработка образовательных программ", "совместная разработка образовательных программ",
        "совместная разработка программ", "білім беру бағдарламаларын бірлесіп әзірлеу",
        "бағдарламаларды бірлесіп әзірлеу"),
    AgreementKind.PATRONAGE: ("patronage", "шефство", "шефская помощь", "шефтік көмек", "шефтік", "қамқорлық"),
    AgreementKind.ORDERED_TRAINING: (
        "ordered training", "enterprise ordered training", "целевая подготовка", "целевое обучение",
        "подготовка по заказу предприятия", "подготовка кадров по заказу предприятия с обязательством трудоустройства",
        "кәсіпорын тапсырысы бойынша даярлау", "мақсатты даярлау"),
}
STATUS_ALIASES = {
    AgreementStatus.DRAFT: ("draft", "проект", "черновик", "жоба"),
    AgreementStatus.ACTIVE: ("active", "in force", "действует", "действующий", "действующее", "активный", "активен",
                             "қолданыста", "белсенді", "күшінде"),
    AgreementStatus.SUSPENDED: ("suspended", "приостановлен", "приостановлено", "тоқтатыла тұрған",
                                "уақытша тоқтатылған"),
    AgreementStatus.EXPIRED: ("expired", "истек", "истекло", "срок истек", "мерзімі өткен", "мерзімі аяқталған"),
    AgreementStatus.TERMINATED: ("terminated", "расторгнут", "расторгнуто", "прекращен", "бұзылған"),
}


def choice_lookup(choices, aliases: dict) -> dict[str, str]:
    """Normalised code, label (in kk, ru and en) and alias -> the choice's code."""
    lookup: dict[str, str] = {}
    for value, label in choices:
        words = [value, *aliases.get(value, ())]
        for language in ("en", "ru", "kk"):
            with translation.override(language):
                words.append(str(label))
        for word in words:
            lookup.setdefault(normalise_header(word), value)
    return lookup


def bin_of(text: str) -> str:
    """A BIN as typed; a number cell of a spreadsheet lost its leading zeros (and may end in .0): restore them."""
    text = (text or "").strip()
    if text.endswith(".0"):
        text = text[:-2]
    return text.zfill(12) if text.isdigit() and len(text) < 12 else text


def agreement_key(agreement: Agreement) -> tuple:
    return agreement.college_id, agreement.enterprise_id, agreement.number


AGREEMENT_COLUMNS = {"college": "college", "enterprise": "enterprise", "kind": "kind", "number": "number",
                     "signed_on": "signed_on", "valid_from": "valid_from", "valid_until": "valid_until",
                     "status": "status", "students_covered": "students_covered", "subject": "subject",
                     NON_FIELD_ERRORS: "number"}


class AgreementImport(ImportSpec):
    """A row names the college and the enterprise by their BINs; a row whose college, enterprise and number
    match a stored agreement updates it (an exported file imports back without duplicates). A college's staff
    import their own college's agreements; only the region admin and the college's admin set a status other
    than draft. Saved row by row (the framework's default), so that every agreement gets its audit entry."""

    kind = "agreements"
    title = gettext_lazy("Partnership agreements")
    columns = (
        Column("college", gettext_lazy("College BIN"), (
            "college", "college bin", "бин колледжа", "колледж бин", "колледж", "бин учебного заведения",
            "учебное заведение", "колледждің бсн", "колледж бсн", "оқу орнының бсн")),
        Column("enterprise", gettext_lazy("Enterprise BIN"), (
            "enterprise", "enterprise bin", "partner bin", "бин предприятия", "бин партнера", "предприятие",
            "социальный партнер", "работодатель", "кәсіпорын бсн", "кәсіпорынның бсн", "әлеуметтік серіктес",
            "кәсіпорын")),
        Column("kind", gettext_lazy("Kind of agreement"), (
            "kind", "type", "agreement type", "вид", "вид договора", "вид соглашения", "тип", "тип договора",
            "түрі", "шарт түрі", "келісім түрі")),
        Column("number", gettext_lazy("Agreement number"), (
            "number", "agreement no", "номер", "номер договора", "номер соглашения", "нөмірі", "шарт нөмірі",
            "келісім нөмірі")),
        Column("signed_on", gettext_lazy("Date signed"), (
            "signed", "signed on", "date of signature", "дата подписания", "дата заключения", "дата договора",
            "қол қойылған күні", "жасалған күні", "шарт күні")),
        Column("valid_from", gettext_lazy("Valid from"), (
            "start", "start date", "действует с", "дата начала", "начало действия", "срок с", "басталу күні",
            "қолданылу басы", "бастап")),
        Column("valid_until", gettext_lazy("Valid until"), (
            "end", "end date", "expires", "действует до", "дата окончания", "окончание действия", "срок действия",
            "срок по", "аяқталу күні", "қолданылу мерзімі", "дейін"), required=False),
        Column("status", gettext_lazy("Status"), ("статус", "состояние", "мәртебе", "мәртебесі", "күйі"),
               required=False),
        Column("students_covered", gettext_lazy("Students covered"), (
            "students", "number of students", "студентов", "количество студентов", "охват студентов",
            "обучающихся", "количество обучающихся", "студенттер саны", "білім алушылар саны"), required=False),
        Column("subject", gettext_lazy("Subject and notes"), (
            "subject", "notes", "note", "comment", "предмет", "предмет договора", "примечание", "комментарий",
            "тақырыбы", "шарт мәні", "ескерту", "түсініктеме"), required=False),
    )

    def can_import(self, user) -> bool:
        return policy.can_import_agreements(user)

    def start(self, actor) -> dict:
        existing = Agreement.objects.all()
        own = None
        if policy.own_college_only(actor):
            existing = existing.filter(college_id=actor.organisation_id)
            own = College.objects.filter(pk=actor.organisation_id).first()
        return {
            "colleges": {c.bin: c for c in College.objects.exclude(bin=None)},
            "own": own,
            "enterprises": {e.bin: e for e in Enterprise.objects.exclude(bin=None)},
            "existing": {agreement_key(a): a for a in existing},
            "kinds": choice_lookup(AgreementKind.choices, KIND_ALIASES),
            "statuses": choice_lookup(AgreementStatus.choices, STATUS_ALIASES),
        }

    def _college(self, values, context, actor, problems):
        bin_ = bin_of(values["college"])
        if policy.own_college_only(actor):
            own = context["own"]
            if own is None:
                problems.append(("college", _("Your account is not attached to a college.")))
            elif bin_ and bin_ != own.bin:
                problems.append(("college", _("You may import only into your own college (BIN %(bin)s).")
                                 % {"bin": own.bin}))
            return own
        if not bin_:
            problems.append(("college", _("This value is required.")))
            return None
        college = context["colleges"].get(bin_)
        if college is None:
            problems.append(("college", _("No college with BIN %(value)s.") % {"value": bin_}))
        return college

    @staticmethod
    def _date(values, key, problems, required):
        if not values[key]:
            if required:
                problems.append((key, _("This value is required.")))
            return None
        value = parse_date(values[key])
        if value is None:
            problems.append((key, _("“%(value)s” is not a date; write it as 31.12.2025 or 2025-12-31.")
                             % {"value": values[key]}))
        return value

    @staticmethod
    def _choice(values, key, lookup, choices, problems, required):
        if not values[key]:
            if required:
                problems.append((key, _("This value is required.")))
            return None
        value = lookup.get(normalise_header(values[key]))
        if value is None:
            problems.append((key, _("Unknown value “%(value)s”; use one of: %(choices)s.")
                             % {"value": values[key], "choices": ", ".join(str(label) for _v, label in choices)}))
        return value

    def validate_row(self, values, context, actor):
        problems = []
        college = self._college(values, context, actor, problems)
        enterprise = None
        bin_ = bin_of(values["enterprise"])
        if not bin_:
            problems.append(("enterprise", _("This value is required.")))
        else:
            enterprise = context["enterprises"].get(bin_)
            if enterprise is None:
                problems.append(("enterprise", _("No enterprise with BIN %(value)s.") % {"value": bin_}))
        kind = self._choice(values, "kind", context["kinds"], AgreementKind.choices, problems, required=True)
        number = " ".join(values["number"].split())
        if not number:
            problems.append(("number", _("This value is required.")))
        elif len(number) > 50:
            problems.append(("number", _("The value is longer than %(limit)s characters.") % {"limit": 50}))
        signed_on = self._date(values, "signed_on", problems, required=True)
        valid_from = self._date(values, "valid_from", problems, required=True)
        valid_until = self._date(values, "valid_until", problems, required=False)
        status = self._choice(values, "status", context["statuses"], AgreementStatus.choices, problems,
                              required=False)
        students = None
        if values["students_covered"]:
            students = parse_int(values["students_covered"], 0, MAX_STUDENTS_COVERED)
            if students is None:
                problems.append(("students_covered", _("Give a number of students from 0 to %(max)s.")
                                 % {"max": MAX_STUDENTS_COVERED}))
        subject = values["subject"].strip()
        if len(subject) > MAX_SUBJECT:
            problems.append(("subject", _("The value is longer than %(limit)s characters.") % {"limit": MAX_SUBJECT}))
        if problems:
            raise RowInvalid(*problems)
        agreement = (context["existing"].get((college.pk, enterprise.pk, number))
                     or Agreement(college=college, enterprise=enterprise, number=number))
        old_status = agreement.status if agreement.pk else None
        agreement.kind, agreement.signed_on, agreement.valid_from, agreement.valid_until = (
            kind, signed_on, valid_from, valid_until)
        agreement.status = status or old_status or AgreementStatus.DRAFT
        agreement.students_covered, agreement.subject = students, subject
        errors: dict[str, list] = {}
        problem = services.status_problem(actor, agreement, old_status)
        if problem:
            errors["status"] = [problem]
        for check in (lambda: agreement.clean_fields(exclude=["college", "enterprise", "document"]), agreement.clean):
            try:
                check()
            except ValidationError as exc:
                for key, messages in exc.message_dict.items():
                    errors.setdefault(key, []).extend(m for m in messages if m not in errors.get(key, []))
        if errors:
            raise RowInvalid(*[(AGREEMENT_COLUMNS.get(key, "number"), message)
                               for key, messages in errors.items() for message in messages])
        return agreement

    def unique_keys(self, item):
        return [("number", f"{item.college.bin} / {item.enterprise.bin}: № {item.number}")]

register(AgreementImport())
