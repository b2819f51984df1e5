"""Imports of graduations and of graduates' employment records.

Graduations: who graduated, with which qualification, when, with which diploma.

The student is named by the IIN; the programme is found from the student's group (when its
programme is of the qualification's specialty) or the student's college and the qualification.
A diploma number already stored or repeated in the file, and a student who already graduated,
are refused. A college admin imports the own college's graduates only.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kasip.core import audit
from kasip.core.imports import (
    Column,
    ImportSpec,
    Problems,
    RowInvalid,
    parse_bool,
    parse_date,
    register,
)
from kasip.core.tabular import normalise_header
from kasip.core.validators import IdentifierError, validate_iin
from kasip.registry.models import Enterprise, Programme, Qualification, Student

from . import policy, selectors, services
from .models import EmploymentRecord, EmploymentSource, EmploymentStatus, Graduation, WageBand

HONOURS_YES = {"с отличием", "үздік"}
HONOURS_NO = {"без отличия"}


class GraduationImport(ImportSpec):
    kind = "graduations"
    title = gettext_lazy("Graduations")
    columns = (
        Column("iin", gettext_lazy("Student's IIN"), ("iin", "student iin", "иин", "иин студента", "иин выпускника",
                                                      "жсн", "студенттің жсн", "түлектің жсн")),
        Column("qualification", gettext_lazy("Qualification code"), (
            "qualification", "qualification awarded", "код квалификации", "присвоенная квалификация",
            "квалификация", "біліктілік коды", "берілген біліктілік", "біліктілік")),
        Column("date", gettext_lazy("Date of graduation"), (
            "date", "graduation date", "дата окончания", "дата выпуска", "дата выдачи диплома", "бітірген күні",
            "бітіру күні", "диплом берілген күн")),
        Column("diploma_number", gettext_lazy("Diploma number"), (
            "diploma", "diploma no", "номер диплома", "диплом", "серия и номер диплома", "диплом нөмірі",
            "дипломның нөмірі")),
        Column("with_honours", gettext_lazy("With honours"), (
            "honours", "with honors", "honors", "с отличием", "диплом с отличием", "отличие", "үздік",
            "үздік диплом", "үздік бітірді"), required=False),
    )

    def can_import(self, user) -> bool:
        return policy.can_import_graduations(user)

    def start(self, actor) -> dict:
        students = policy.students_scope(actor, Student.objects.select_related(
            "college", "group__programme__qualification"))
        programmes = defaultdict(list)
        for p in self._programmes(actor):
            programmes[p.college_id].append(p)
        return {
            "students": {s.iin: s for s in students},
            "qualifications": {q.code: q for q in Qualification.objects.all()},
            "programmes": programmes,
            "diplomas": dict(Graduation.objects.values_list("diploma_number", "pk")),
            "graduated": dict(Graduation.objects.values_list("student_id", "diploma_number")),
            "today": timezone.localdate(),
        }

    @staticmethod
    def _programmes(actor):
        qs = Programme.objects.select_related("qualification")
        if not policy.is_region_admin(actor):
            qs = qs.filter(college_id=actor.organisation_id)
        return qs

    def validate_row(self, values, context, actor):
        problems = []
        iin = values["iin"].strip()
        student = None
        try:
            validate_iin(iin)
        except IdentifierError as exc:
            problems.append(("iin", _(str(exc))))
        else:
            student = context["students"].get(iin)
            if student is None:
                problems.append(("iin", _("No student with IIN %(value)s among the students you may graduate.")
                                 % {"value": iin}))
        qualification = None
        code = values["qualification"].strip().upper()
        if not code:
            problems.append(("qualification", _("This value is required.")))
        else:
            qualification = context["qualifications"].get(code)
            if qualification is None:
                problems.append(("qualification", _("Unknown qualification code “%(value)s”.") % {"value": code}))
        day = None
        if not values["date"]:
            problems.append(("date", _("This value is required.")))
        else:
            day = parse_date(values["date"])
            if day is None:
                problems.append(("date", _("“%(value)s” is not a date; write it as 31.12.2025 or 2025-12-31.")
                                 % {"value": values["date"]}))
            elif day > context["today"]:
                problems.append(("date", _("The date of graduation cannot be in the future.")))
        number = values["diploma_number"].strip()
        if not number:
            problems.append(("diploma_number", _("This value is required.")))
        elif len(number) > 50:
            problems.append(("diploma_number", _("The value is longer than %(limit)s characters.") % {"limit": 50}))
        honours = parse_bool(values["with_honours"], HONOURS_YES, HONOURS_NO)
        if honours is None:
            problems.append(("with_honours", _("Write yes or no.")))
        programme = None
        if student is not None and qualification is not None:
            programme, message = selectors.pick_programme(student, qualification,
                                                          context["programmes"].get(student.college_id, []))
            if programme is None:
                problems.append(("qualification", message))
        graduation = Graduation(student=student, programme=programme, qualification=qualification, date=day,
                                diploma_number=number, with_honours=bool(honours))
        found = services.graduation_problems(graduation, stored_diplomas=context["diplomas"],
                                             graduated_students=context["graduated"])
        column = {"student": "iin"}
        problems.extend((column.get(key, key), message) for key, message in found.items())
        if problems:
            raise RowInvalid(*problems)
        return graduation

    def unique_keys(self, item):
        return [("iin", item.student.iin), ("diploma_number", item.diploma_number)]

    def save(self, items, actor):
        """Save row by row, so that every graduation and the student's new status get their audit entries."""
        with audit.acting_as(actor):
            for graduation in items:
                graduation.save()
                services.mark_graduated(graduation.student)
        return len(items), 0


register(GraduationImport())


# --- employment records -----------------------------------------------------------------
STATUS_WORDS = {
    EmploymentStatus.EMPLOYED: (
        "работает", "трудоустроен", "трудоустроена", "трудоустроен а", "занят", "занятый", "работа",
        "жұмыс істейді", "жұмысқа орналасты", "жұмысқа орналасқан", "жұмыспен қамтылған", "жұмыста", "work",
        "working", "in work"),
    EmploymentStatus.FURTHER_STUDY: (
        "study", "studying", "continues study", "further education", "продолжает обучение", "продолжение обучения",
        "обучение", "учится", "учеба", "поступил в вуз", "поступила в вуз", "вуз", "оқуын жалғастыруда",
        "оқуын жалғастырды", "оқуды жалғастыру", "оқиды", "жоо"),
    EmploymentStatus.MILITARY_SERVICE: (
        "army", "military", "служба в армии", "армия", "срочная служба", "воинская служба", "военная служба",
        "призван в армию", "служба в вооруженных силах", "әскери қызмет", "әскерде", "әскер", "мерзімді қызмет"),
    EmploymentStatus.PARENTAL_LEAVE: (
        "maternity leave", "child care leave", "декретный отпуск", "отпуск по уходу за ребенком", "декрет",
        "в декрете", "бала күтімі бойынша демалыс", "бала күтімі жөніндегі демалыс", "декреттік демалыс"),
    EmploymentStatus.UNEMPLOYED: (
        "not employed", "jobless", "не работает", "безработный", "безработная", "не трудоустроен",
        "не трудоустроена", "не занят", "жұмыссыз", "жұмыс істемейді", "жұмысқа орналаспаған"),
    EmploymentStatus.UNKNOWN: (
        "no data", "not known", "неизвестно", "нет сведений", "нет данных", "не известно", "белгісіз",
        "мәлімет жоқ", "мәліметтер жоқ"),
}
SOURCE_WORDS = {
    EmploymentSource.CONTRACT_REGISTER: (
        "employment contracts", "contract register", "esutd", "есутд", "реестр трудовых договоров",
        "трудовой договор", "трудовые договоры", "единая система учета трудовых договоров",
        "еңбек шарттары", "еңбек шарты", "еңбек шарттарын есепке алудың бірыңғай жүйесі", "ешебж"),
    EmploymentSource.PENSION: (
        "pension", "pension contributions", "enpf", "енпф", "пенсионные взносы", "пенсионные отчисления",
        "бжзқ", "зейнетақы жарналары", "зейнетақы аударымдары"),
    EmploymentSource.SURVEY: ("опрос", "анкетирование", "анкета", "сауалнама", "сауал"),
    EmploymentSource.OTHER: ("другое", "иное", "прочее", "басқа", "өзге"),
}
WAGE_WORDS = {
    WageBand.UP_TO_150K: ("up to 150 000", "до 150 000", "менее 150 000", "150 000 дейін", "0-150 000",
                          "до 150 тыс", "150 мыңға дейін"),
    WageBand.FROM_150K: ("150 000-300 000", "от 150 000 до 300 000", "150-300 тыс", "150-300 мың"),
    WageBand.FROM_300K: ("300 000-500 000", "от 300 000 до 500 000", "300-500 тыс", "300-500 мың"),
    WageBand.ABOVE_500K: ("above 500 000", "over 500 000", "более 500 000", "свыше 500 000", "500 000+",
                          "500 000 жоғары", "500 000 астам", "свыше 500 тыс", "более 500 тыс", "500 мыңнан жоғары"),
    WageBand.UNKNOWN: ("unknown", "неизвестно", "нет данных", "белгісіз", "не известна"),
}
SPECIALTY_YES = {"по специальности", "мамандығы бойынша", "in specialty", "in the specialty"}
SPECIALTY_NO = {"не по специальности", "мамандығы бойынша емес", "outside the specialty", "outside specialty",
                "not in specialty"}
MONTHS_WORDS = {"6": 6, "6 months": 6, "6 мес": 6, "6 месяцев": 6, "6 ай": 6, "12": 12, "12 months": 12,
                "12 мес": 12, "12 месяцев": 12, "12 ай": 12, "1 год": 12, "1 year": 12, "1 жыл": 12}


def _lookup(choices, words: dict) -> dict[str, str]:
    """Normalised code, label (in kk, ru and en) and word -> the choice's code."""
    found: dict[str, str] = {}
    for value, label in choices:
        names = [value, *words.get(value, ())]
        for language in ("en", "ru", "kk"):
            with translation.override(language):
                names.append(str(label))
        for name in names:
            found.setdefault(_compact(name), value)
    return found


def _compact(text: str) -> str:
    """Lower case, a dash between numbers read as “to”, no thousands separators:
    “150 000–300 000” -> “150000 to 300000”."""
    text = re.sub(r"(?<=\d)\s*[-–—]\s*(?=\d)", " to ", str(text).replace("\u00a0", " "))
    text = normalise_header(text)
    return re.sub(r"(?<=\d) (?=\d{3}\b)", "", text)


def twelve_digits(text: str) -> str:
    """An IIN or BIN as typed; a number cell of a spreadsheet lost its leading zeros (and may end in .0)."""
    text = (text or "").strip()
    if text.endswith(".0"):
        text = text[:-2]
    return text.zfill(12) if text.isdigit() and 9 <= len(text) < 12 else text


def wage_band_of(text: str, words: dict[str, str]) -> str | None:
    """A wage band from its code or words, or from a monthly wage in tenge; None when neither."""
    amount = re.sub(r"[\s\u00a0]|₸|тг\.?$|тенге$|kzt$", "", (text or "").strip().lower()).replace(",", ".")
    if re.fullmatch(r"\d+(\.\d+)?", amount):
        value = float(amount)
        if value <= 150_000:
            return WageBand.UP_TO_150K
        if value <= 300_000:
            return WageBand.FROM_150K
        if value <= 500_000:
            return WageBand.FROM_300K
        return WageBand.ABOVE_500K
    return words.get(_compact(text))


class EmploymentImport(ImportSpec):
    """What graduates were doing 6 and 12 months after graduating, from administrative data or surveys.

    The graduate is named by the IIN or the diploma number. A graduate's record at the same months is
    updated (importing the same file again changes nothing). A college admin imports the own college's
    graduates only.
    """

    kind = "employment"
    title = gettext_lazy("Graduates' employment")
    columns = (
        Column("iin", gettext_lazy("Graduate's IIN"), (
            "iin", "student iin", "graduate iin", "иин", "иин выпускника", "иин студента", "жсн", "түлектің жсн",
            "студенттің жсн"), required=False),
        Column("diploma_number", gettext_lazy("Diploma number"), (
            "diploma", "diploma no", "номер диплома", "диплом", "серия и номер диплома", "диплом нөмірі",
            "дипломның нөмірі"), required=False),
        Column("months", gettext_lazy("Months after graduation"), (
            "months", "months after", "месяцев после выпуска", "через месяцев", "срок", "период",
            "месяцев после окончания", "бітіргеннен кейінгі ай", "бітіргеннен кейін ай", "ай")),
        Column("status", gettext_lazy("Status"), (
            "employment status", "статус", "статус занятости", "занятость", "мәртебе", "жұмыспен қамтылу",
            "жұмыспен қамтылу мәртебесі")),
        Column("employer_name", gettext_lazy("Employer"), (
            "employer name", "работодатель", "наименование работодателя", "место работы", "жұмыс беруші",
            "жұмыс берушінің атауы", "жұмыс орны"), required=False),
        Column("employer_bin", gettext_lazy("Employer's BIN"), (
            "employer bin", "bin", "бин", "бин работодателя", "бсн", "жұмыс берушінің бсн"), required=False),
        Column("occupation_code", gettext_lazy("Occupation code"), (
            "isco", "isco 08", "мск 08", "нк рк 01 2017", "код профессии", "код занятия", "код должности",
            "кәсіп коды", "лауазым коды"), required=False),
        Column("occupation_title", gettext_lazy("Occupation"), (
            "occupation title", "job title", "position", "должность", "профессия", "лауазым", "кәсіп"),
            required=False),
        Column("in_specialty", gettext_lazy("In the specialty"), (
            "in specialty", "по специальности", "работа по специальности", "мамандығы бойынша",
            "мамандық бойынша"), required=False),
        Column("wage_band", gettext_lazy("Wage band"), (
            "wage", "salary", "заработная плата", "зарплата", "уровень заработной платы", "доход", "жалақы",
            "жалақы деңгейі"), required=False),
        Column("source", gettext_lazy("Source"), (
            "source of data", "источник", "источник данных", "источник сведений", "дереккөз", "мәлімет көзі"),
            required=False),
        Column("recorded_on", gettext_lazy("Date of the record"), (
            "date", "record date", "дата", "дата записи", "дата сведений", "на дату", "күні", "жазба күні"),
            required=False),
    )

    def can_import(self, user) -> bool:
        return policy.can_import_employment(user)

    def start(self, actor) -> dict:
        graduations = list(policy.graduations_for_employment(actor, Graduation.objects.select_related("student")))
        students = policy.students_scope(actor, Student.objects.all())
        return {
            "by_iin": {g.student.iin: g for g in graduations},
            "by_diploma": {g.diploma_number: g for g in graduations},
            "students": set(students.values_list("iin", flat=True)),
            "existing": {(r.graduation_id, r.months_after): r for r in EmploymentRecord.objects.filter(
                graduation__in=policy.graduations_for_employment(actor, Graduation.objects.all()).values("pk"))},
            "enterprises": {e.bin: e for e in Enterprise.objects.exclude(bin=None).only("pk", "bin", "name_kk",
                                                                                         "name_ru", "name_en")},
            "statuses": _lookup(EmploymentStatus.choices, STATUS_WORDS),
            "sources": _lookup(EmploymentSource.choices, SOURCE_WORDS),
            "wages": _lookup(WageBand.choices, WAGE_WORDS),
            "today": timezone.localdate(),
        }

    def _graduation(self, values, context, problems):
        iin, number = twelve_digits(values["iin"]), values["diploma_number"].strip()
        graduation = None
        if not iin and not number:
            problems.append(("iin", _("Give the graduate's IIN or diploma number.")))
            return None
        if iin:
            try:
                validate_iin(iin)
            except IdentifierError as exc:
                problems.append(("iin", _(str(exc))))
                return None
            graduation = context["by_iin"].get(iin)
            if graduation is None:
                if iin in context["students"]:
                    problems.append(("iin", _("The student with IIN %(value)s has not graduated: record the "
                                              "graduation first.") % {"value": iin}))
                else:
                    problems.append(("iin", _("No student with IIN %(value)s among the graduates you may record.")
                                     % {"value": iin}))
                return None
        if number:
            by_number = context["by_diploma"].get(number)
            if by_number is None:
                problems.append(("diploma_number", _("No graduation with diploma number %(value)s among the "
                                                     "graduates you may record.") % {"value": number}))
                return None
            if graduation is not None and by_number.pk != graduation.pk:
                problems.append(("diploma_number", _("Diploma %(number)s is not the diploma of IIN %(iin)s.")
                                 % {"number": number, "iin": iin}))
                return None
            graduation = by_number
        return graduation

    def validate_row(self, values, context, actor):
        problems = Problems()
        graduation = self._graduation(values, context, problems)
        months = MONTHS_WORDS.get(_compact(values["months"]))
        if not values["months"]:
            problems.append(("months", _("This value is required.")))
        elif months is None:
            problems.append(("months", _("Months after graduation are 6 or 12, not “%(value)s”.")
                             % {"value": values["months"]}))
        status = context["statuses"].get(_compact(values["status"]))
        if not values["status"]:
            problems.append(("status", _("This value is required.")))
        elif status is None:
            problems.append(("status", _("Unknown status “%(value)s”; write employed, further study, military "
                                         "service, parental leave, unemployed or unknown.") % {"value": values["status"]}))
        in_specialty = None
        if values["in_specialty"]:
            in_specialty = parse_bool(values["in_specialty"], SPECIALTY_YES, SPECIALTY_NO)
            if in_specialty is None:
                problems.append(("in_specialty", _("Write yes or no.")))
        wage_band = ""
        if values["wage_band"]:
            wage_band = wage_band_of(values["wage_band"], context["wages"])
            if wage_band is None:
                problems.append(("wage_band", _("Unknown wage band “%(value)s”; write up to 150 000, 150 000–300 000, "
                                                "300 000–500 000, above 500 000, unknown, or the monthly wage in "
                                                "tenge.") % {"value": values["wage_band"]}))
                wage_band = ""
        source = EmploymentSource.OTHER
        if values["source"]:
            source = context["sources"].get(_compact(values["source"]))
            if source is None:
                problems.append(("source", _("Unknown source “%(value)s”; write employment-contract register, "
                                             "pension contributions, survey or other.") % {"value": values["source"]}))
        day = context["today"]
        if values["recorded_on"]:
            day = parse_date(values["recorded_on"])
            if day is None:
                problems.append(("recorded_on", _("“%(value)s” is not a date; write it as 31.12.2025 or 2025-12-31.")
                                 % {"value": values["recorded_on"]}))
        stored = context["existing"].get((graduation.pk, months)) if graduation is not None else None
        record = copy.copy(stored) if stored is not None else EmploymentRecord()
        fields = {"months_after": months, "status": status, "employer_name": values["employer_name"],
                  "employer_bin": twelve_digits(values["employer_bin"]), "occupation_code": values["occupation_code"],
                  "occupation_title": values["occupation_title"], "in_specialty": in_specialty,
                  "wage_band": wage_band, "source": source, "recorded_on": day}
        if graduation is not None:
            fields["graduation"] = graduation
        services.apply_record_fields(record, fields, enterprises=context["enterprises"])
        reported = {column for column, _message in problems}
        column = {"months_after": "months", "graduation": "iin"}
        for key, messages in services.record_problems(record).items():
            key = column.get(key, key)
            if key not in reported:
                problems.extend((key, m) for m in messages)
        problems.check()
        record._stored = stored
        return record

    def unique_keys(self, item):
        who = item.graduation.student.iin
        return [("iin", _("%(iin)s at %(months)s months") % {"iin": who, "months": item.months_after})]

    def save(self, items, actor):
        """New records in bulk (with their audit entries); changed ones updated, each change audited."""
        new = [r for r in items if r.pk is None]
        EmploymentRecord.objects.bulk_create(new, batch_size=1000)
        if new and new[0].pk is None:  # a database that returns no ids: read them back
            ids = dict(((g, m), pk) for g, m, pk in EmploymentRecord.objects.filter(
                graduation__in=[r.graduation_id for r in new]).values_list("graduation_id", "months_after", "pk"))
            for r in new:
                r.pk = ids[(r.graduation_id, r.months_after)]
        audit.bulk_log_created(new, actor)
        changed = []
        now = timezone.now()
        for record in items:
            if record._stored is None:
                continue
            changes = audit.diff(audit.snapshot(record._stored), audit.snapshot(record))
            if changes:
                record.updated_at = now
                changed.append((record, changes))
        if changed:
            EmploymentRecord.objects.bulk_update([r for r, _c in changed], list(services.RECORD_FIELDS[1:]) + [
                "employer", "updated_at"], batch_size=1000)
            with audit.acting_as(actor):
                for record, changes in changed:
                    audit.log("update", record, changes)
        return len(new), len(changed)


register(EmploymentImport())
