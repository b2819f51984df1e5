"""Import of colleges: BIN with its check digit, КАТО district, languages of instruction."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kasip.core import audit
from kasip.core.importers import choice_lookup
from kasip.core.imports import (
    Column,
    ImportSpec,
    Problems,
    RowInvalid,
    parse_bool,
    parse_date,
    parse_int,
    register,
)
from kasip.core.models import Organisation
from kasip.core.tabular import normalise_header
from kasip.core.validators import (
    IdentifierError,
    iin_birth_date,
    iin_sex,
    validate_bin,
    validate_iin,
)

from . import policy
from .models import (
    QUALIFICATION_CODE,
    SPECIALTY_CODE,
    College,
    District,
    DistrictKind,
    EducationBase,
    Enterprise,
    EnterpriseSite,
    Funding,
    Group,
    Language,
    Ownership,
    Programme,
    ProgrammeIntake,
    Qualification,
    Region,
    Specialty,
    Student,
    StudentEvent,
    StudentEventKind,
    StudentStatus,
    StudyForm,
    oked_problem,
    specialty_code_of,
)

LANGUAGE_ALIASES = {
    "kk": "kk", "kaz": "kk", "қаз": "kk", "каз": "kk", "казахский": "kk", "қазақ": "kk", "қазақша": "kk",
    "қазақ тілі": "kk", "kazakh": "kk", "ru": "ru", "rus": "ru", "рус": "ru", "русский": "ru", "орыс": "ru",
    "орысша": "ru", "орыс тілі": "ru", "russian": "ru", "en": "en", "eng": "en", "англ": "en",
    "английский": "en", "ағылшын": "en", "ағылшын тілі": "en", "ағылшынша": "en", "english": "en",
}
OWNERSHIP_ALIASES = {
    "государственный": "state", "государственная": "state", "гос": "state", "мемлекеттік": "state",
    "частный": "private", "частная": "private", "жеке": "private", "жекеменшік": "private",
}


def parse_languages(text: str) -> tuple[list[str], list[str]]:
    codes, unknown = [], []
    for part in re.split(r"[,;/|+]+|\s{2,}| и | және | and ", text.strip()):
        token = normalise_header(part)
        if not token:
            continue
        code = LANGUAGE_ALIASES.get(token)
        if code is None:
            unknown.append(part.strip())
        elif code not in codes:
            codes.append(code)
    return codes, unknown


class CollegeImport(ImportSpec):
    kind = "colleges"
    title = gettext_lazy("Colleges")
    columns = (
        Column("bin", gettext_lazy("BIN"), ("бин", "бсн")),
        Column("name_kk", gettext_lazy("Name (Kazakh)"), ("name kk", "наименование на казахском", "наименование каз",
                                                "атауы", "атауы қазақ тілінде", "атауы қаз")),
        Column("name_ru", gettext_lazy("Name (Russian)"), ("name ru", "name", "наименование", "название",
                                                 "наименование на русском", "атауы орыс тілінде"), required=False),
        Column("name_en", gettext_lazy("Name (English)"), ("name en", "наименование на английском",
                                                 "атауы ағылшын тілінде"), required=False),
        Column("district", gettext_lazy("District КАТО"), ("district", "kato", "като", "код като", "район като",
                                                  "district kato", "аудан като", "като коды", "аудан")),
        Column("ownership", gettext_lazy("Ownership"), ("форма собственности", "собственность", "меншік нысаны",
                                              "меншік"), required=False),
        Column("languages", gettext_lazy("Languages of instruction"), ("languages", "language", "языки обучения",
                                                             "язык обучения", "оқыту тілі", "оқыту тілдері")),
        Column("nobd_id", gettext_lazy("НОБД ID"), ("nobd id", "nobd", "нобд", "id нобд", "код нобд", "ұбдқ", "ұбдқ id"), required=False),
        Column("address", gettext_lazy("Address"), ("адрес", "мекенжай"), required=False),
        Column("phone", gettext_lazy("Phone"), ("телефон",), required=False),
        Column("email", gettext_lazy("E-mail"), ("email", "эл. почта", "электронная почта", "электрондық пошта"), required=False),
        Column("website", gettext_lazy("Website"), ("сайт", "веб-сайт", "web site"), required=False),
    )

    def can_import(self, user) -> bool:
        return policy.can_import_colleges(user)

    def start(self, actor) -> dict:
        return {
            "districts": {d.kato: d for d in District.objects.all()},
            "colleges": {c.bin: c for c in College.objects.all()},
            "nobd": dict(College.objects.exclude(nobd_id=None).values_list("nobd_id", "bin")),
            "ownership": choice_lookup(Ownership.choices, OWNERSHIP_ALIASES),
        }

    def validate_row(self, values, context, actor):
        problems = []
        bin_ = values["bin"].strip()
        try:
            validate_bin(bin_)
        except IdentifierError as exc:
            problems.append(("bin", _(str(exc))))
        if not values["name_kk"]:
            problems.append(("name_kk", _("The Kazakh name is required.")))
        district = context["districts"].get(values["district"].strip())
        if district is None:
            problems.append(("district", _("Unknown КАТО code “%(value)s”.") % {"value": values["district"]}))
        ownership = "state"
        if values["ownership"]:
            ownership = context["ownership"].get(normalise_header(values["ownership"]))
            if ownership is None:
                problems.append(("ownership", _("Unknown ownership “%(value)s”; use state or private.")
                                 % {"value": values["ownership"]}))
        languages, unknown = parse_languages(values["languages"])
        if unknown:
            problems.append(("languages", _("Unknown language “%(value)s”; use kk, ru or en.")
                             % {"value": ", ".join(unknown)}))
        elif not languages:
            problems.append(("languages", _("Give at least one language of instruction.")))
        nobd = values["nobd_id"].strip() or None
        if nobd and context["nobd"].get(nobd, bin_) != bin_:
            problems.append(("nobd_id", _("НОБД ID %(value)s belongs to another college.") % {"value": nobd}))
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError:
                problems.append(("email", _("“%(value)s” is not a valid e-mail address.") % {"value": values["email"]}))
        website = values["website"].strip()
        if website and not website.startswith(("http://", "https://")):
            website = "https://" + website
        if website:
            try:
                URLValidator()(website)
            except ValidationError:
                problems.append(("website", _("“%(value)s” is not a valid web address.") % {"value": values["website"]}))
        if problems:
            raise RowInvalid(*problems)
        college = context["colleges"].get(bin_) or College(bin=bin_)
        for key, value in {
            "name_kk": values["name_kk"], "name_ru": values["name_ru"], "name_en": values["name_en"],
            "district": district, "ownership": ownership, "languages": ",".join(sorted(languages, key=Language.values.index)),
            "nobd_id": nobd, "address": values["address"], "phone": values["phone"],
            "email": values["email"], "website": website,
        }.items():
            setattr(college, key, value)
        return college

    def unique_keys(self, item):
        keys = [("bin", item.bin)]
        if item.nobd_id:
            keys.append(("nobd_id", item.nobd_id))
        return keys



register(CollegeImport())


def _date_or_problem(values, key, problems: Problems, required=False):
    if not values[key]:
        if required:
            problems.append((key, _("This value is required.")))
        return None
    value = parse_date(values[key])
    if value is None:
        problems.append((key, _("“%(value)s” is not a date; write it as 31.12.2025 or 2025-12-31.")
                         % {"value": values[key]}))
    return value


NAME_COLUMNS = (
    Column("name_kk", gettext_lazy("Name (Kazakh)"), ("name kk", "наименование на казахском", "атауы",
                                                      "атауы қазақ тілінде", "наименование каз")),
    Column("name_ru", gettext_lazy("Name (Russian)"), ("name ru", "наименование", "название",
                                                       "наименование на русском", "атауы орыс тілінде"), required=False),
    Column("name_en", gettext_lazy("Name (English)"), ("name en", "наименование на английском",
                                                       "атауы ағылшын тілінде"), required=False),
)


def _names(values, problems):
    if not values["name_kk"]:
        problems.append(("name_kk", _("The Kazakh name is required.")))
    return {"name_kk": values["name_kk"], "name_ru": values["name_ru"], "name_en": values["name_en"]}


# --- the classifier -------------------------------------------------------------------
class SpecialtyImport(ImportSpec):
    kind = "specialties"
    title = gettext_lazy("Specialties")
    columns = (Column("code", gettext_lazy("Specialty code"), ("code", "код", "код специальности", "коды",
                                                                "мамандық коды")), *NAME_COLUMNS)

    def can_import(self, user) -> bool:
        return policy.can_manage_classifier(user)

    def start(self, actor) -> dict:
        return {"existing": {s.code: s for s in Specialty.objects.all()}}

    def validate_row(self, values, context, actor):
        problems = Problems()
        code = values["code"].strip()
        if not SPECIALTY_CODE.match(code):
            problems.append(("code", _("A specialty code is 8 digits, e.g. 07150500.")))
        names = _names(values, problems)
        problems.check()
        obj = context["existing"].get(code) or Specialty(code=code)
        for key, value in names.items():
            setattr(obj, key, value)
        return obj

    def unique_keys(self, item):
        return [("code", item.code)]



class QualificationImport(ImportSpec):
    kind = "qualifications"
    title = gettext_lazy("Qualifications")
    columns = (Column("code", gettext_lazy("Qualification code"), ("code", "код", "код квалификации",
                                                                    "біліктілік коды")), *NAME_COLUMNS)

    def can_import(self, user) -> bool:
        return policy.can_manage_classifier(user)

    def start(self, actor) -> dict:
        return {"existing": {q.code: q for q in Qualification.objects.all()},
                "specialties": {s.code: s for s in Specialty.objects.all()}}

    def validate_row(self, values, context, actor):
        problems = Problems()
        code = values["code"].strip().upper()
        specialty = None
        if not QUALIFICATION_CODE.match(code):
            problems.append(("code", _("A qualification code is a level digit, 1-2 letters and 8 digits, e.g. "
                                       "3W07150501 or 5AB07150502.")))
        else:
            specialty = context["specialties"].get(specialty_code_of(code))
            if specialty is None:
                problems.append(("code", _("No specialty %(code)s for this qualification; import the specialty first.")
                                 % {"code": specialty_code_of(code)}))
        names = _names(values, problems)
        problems.check()
        obj = context["existing"].get(code) or Qualification(code=code)
        obj.specialty = specialty
        for key, value in names.items():
            setattr(obj, key, value)
        return obj

    def unique_keys(self, item):
        return [("code", item.code)]



# --- programmes, intakes, groups ------------------------------------------------------
LANGUAGE_OF_STUDY = {**{k: v for k, v in LANGUAGE_ALIASES.items() if v in ("kk", "ru")}}
BASE_ALIASES = {"9": "9", "11": "11", "9 классов": "9", "11 классов": "11", "на базе 9 классов": "9",
                "на базе 11 классов": "11", "основное среднее": "9", "основное среднее образование": "9",
                "общее среднее": "11", "общее среднее образование": "11", "9 сынып": "9", "11 сынып": "11",
                "негізгі орта": "9", "негізгі орта білім": "9", "жалпы орта": "11", "жалпы орта білім": "11"}
FORM_ALIASES = {"очная": "full_time", "очное": "full_time", "заочная": "part_time", "заочное": "part_time",
                "вечерняя": "evening", "вечернее": "evening", "күндізгі": "full_time", "сырттай": "part_time",
                "кешкі": "evening"}
FUNDING_ALIASES = {"госзаказ": "state", "государственный заказ": "state", "бюджет": "state",
                   "государственный образовательный заказ": "state", "мемлекеттік тапсырыс": "state",
                   "грант": "state", "по заявке предприятия": "enterprise", "заказ предприятия": "enterprise",
                   "за счет предприятия": "enterprise", "кәсіпорын тапсырысы": "enterprise", "платно": "paid",
                   "платное": "paid", "платное обучение": "paid", "ақылы": "paid", "ақылы оқыту": "paid"}


def _college_for(values, context, actor, problems, key="college"):
    """The college of a row: the BIN column for the region admin, the user's own college otherwise."""
    if not policy.is_region_admin(actor):
        own = context["colleges_by_pk"].get(actor.organisation_id)
        if values.get(key) and own is not None and values[key].strip() != own.bin:
            problems.append((key, _("You may import only into your own college (BIN %(bin)s).") % {"bin": own.bin}))
        return own
    if not values.get(key):
        problems.append((key, _("This value is required.")))
        return None
    college = context["colleges"].get(values[key].strip())
    if college is None:
        problems.append((key, _("No college with BIN %(value)s.") % {"value": values[key]}))
    return college


def _college_context() -> dict:
    colleges = list(College.objects.all())
    return {"colleges": {c.bin: c for c in colleges}, "colleges_by_pk": {c.pk: c for c in colleges}}


def _choice(values, key, lookup, problems, default=None, message=None):
    if not values[key]:
        if default is None:
            problems.append((key, _("This value is required.")))
        return default
    value = lookup.get(normalise_header(values[key]))
    if value is None:
        problems.append((key, message or _("Unknown value “%(value)s”.") % {"value": values[key]}))
    return value


COLLEGE_BIN = Column("college", gettext_lazy("College BIN"), ("college", "бин колледжа", "колледж бин",
                                                              "колледж", "колледждің бсн"), required=False)


class ProgrammeImport(ImportSpec):
    kind = "programmes"
    title = gettext_lazy("Programmes")
    columns = (
        COLLEGE_BIN,
        Column("qualification", gettext_lazy("Qualification code"), ("qualification", "код квалификации",
                                                                       "квалификация", "біліктілік коды")),
        Column("language", gettext_lazy("Language of study"), ("language", "язык обучения", "оқыту тілі")),
        Column("base", gettext_lazy("Base of education"), ("base", "на базе", "база", "базовое образование",
                                                           "білім базасы")),
        Column("form", gettext_lazy("Form of study"), ("form", "форма обучения", "оқу нысаны"), required=False),
        Column("hours_theory", gettext_lazy("Hours of theory"), ("theory hours", "часы теории",
                                                                 "теоретическое обучение", "теория сағаттары")),
        Column("hours_practice", gettext_lazy("Hours of production training and practice"), (
            "practice hours", "часы практики", "производственное обучение и практика", "практика сағаттары")),
        Column("hours_total", gettext_lazy("Total planned hours"), ("total hours", "всего часов", "итого часов",
                                                                    "барлық сағат")),
        Column("is_dual", gettext_lazy("Dual training"), ("dual", "дуальное обучение", "дуальное",
                                                          "дуалды оқыту"), required=False),
    )

    def can_import(self, user) -> bool:
        return policy.can_import_programmes(user)

    def start(self, actor) -> dict:
        return {**_college_context(), "qualifications": {q.code: q for q in Qualification.objects.all()},
                "existing": {(p.college_id, p.qualification_id, p.language, p.base, p.form): p
                             for p in Programme.objects.all()},
                "forms": choice_lookup(StudyForm.choices, FORM_ALIASES),
                "bases": choice_lookup(EducationBase.choices, BASE_ALIASES)}

    def validate_row(self, values, context, actor):
        problems = Problems()
        college = _college_for(values, context, actor, problems)
        qualification = None
        if problems.need(values, "qualification"):
            qualification = context["qualifications"].get(values["qualification"].strip().upper())
            if qualification is None:
                problems.append(("qualification", _("Unknown qualification code “%(value)s”.")
                                 % {"value": values["qualification"]}))
        language = _choice(values, "language", LANGUAGE_OF_STUDY, problems,
                           message=_("Unknown language “%(value)s”; use kk or ru.") % {"value": values["language"]})
        base = _choice(values, "base", context["bases"], problems,
                       message=_("Unknown base of education “%(value)s”; use 9 or 11.") % {"value": values["base"]})
        form = _choice(values, "form", context["forms"], problems, default="full_time")
        hours = {}
        for key in ("hours_theory", "hours_practice", "hours_total"):
            hours[key] = parse_int(values[key], 0, 20000)
            if hours[key] is None:
                problems.append((key, _("Give a whole number of hours.")))
        if None not in hours.values() and hours["hours_theory"] + hours["hours_practice"] != hours["hours_total"]:
            problems.append(("hours_total", _("The planned hours do not add up: %(theory)s of theory + "
                                              "%(practice)s of practice is not %(total)s.")
                             % {"theory": hours["hours_theory"], "practice": hours["hours_practice"],
                                "total": hours["hours_total"]}))
        dual = parse_bool(values["is_dual"])
        if dual is None:
            problems.append(("is_dual", _("Write yes or no.")))
        problems.check()
        key = (college.pk, qualification.pk, language, base, form)
        obj = context["existing"].get(key) or Programme(college=college, qualification=qualification,
                                                        language=language, base=base, form=form)
        for name, value in hours.items():
            setattr(obj, name, value)
        obj.is_dual = dual
        obj._import_key = key
        return obj

    def unique_keys(self, item):
        return [("qualification", "/".join(str(k) for k in item._import_key))]



class IntakeImport(ImportSpec):
    kind = "intakes"
    title = gettext_lazy("Intake by funding source")
    columns = (
        COLLEGE_BIN,
        Column("qualification", gettext_lazy("Qualification code"), ("qualification", "код квалификации",
                                                                       "біліктілік коды")),
        Column("language", gettext_lazy("Language of study"), ("language", "язык обучения", "оқыту тілі")),
        Column("base", gettext_lazy("Base of education"), ("base", "на базе", "білім базасы")),
        Column("year", gettext_lazy("Year"), ("год", "жыл")),
        Column("state_order", gettext_lazy("State order"), ("госзаказ", "государственный заказ",
                                                            "мемлекеттік тапсырыс")),
        Column("enterprise_order", gettext_lazy("Enterprise order"), ("по заявке предприятия",
                                                                      "кәсіпорын тапсырысы"), required=False),
        Column("paid", gettext_lazy("Paid"), ("платно", "платное обучение", "ақылы"), required=False),
    )

    def can_import(self, user) -> bool:
        return policy.can_import_programmes(user)

    def start(self, actor) -> dict:
        return {**_college_context(),
                "programmes": {(p.college_id, p.qualification.code, p.language, p.base): p
                               for p in Programme.objects.select_related("qualification").filter(form="full_time")},
                "existing": {(i.programme_id, i.year): i for i in ProgrammeIntake.objects.all()},
                "bases": choice_lookup(EducationBase.choices, BASE_ALIASES)}

    def validate_row(self, values, context, actor):
        problems = Problems()
        college = _college_for(values, context, actor, problems)
        language = _choice(values, "language", LANGUAGE_OF_STUDY, problems)
        base = _choice(values, "base", context["bases"], problems)
        programme = None
        if college and language and base and problems.need(values, "qualification"):
            programme = context["programmes"].get((college.pk, values["qualification"].strip().upper(), language, base))
            if programme is None:
                problems.append(("qualification", _("The college has no full-time programme %(code)s in this language "
                                                    "and base.") % {"code": values["qualification"]}))
        year = parse_int(values["year"], 2000, 2100)
        if year is None:
            problems.append(("year", _("Give a year between 2000 and 2100.")))
        counts = {}
        for key in ("state_order", "enterprise_order", "paid"):
            counts[key] = parse_int(values[key] or "0", 0, 100000)
            if counts[key] is None:
                problems.append((key, _("Give a whole number.")))
        problems.check()
        obj = context["existing"].get((programme.pk, year)) or ProgrammeIntake(programme=programme, year=year)
        for key, value in counts.items():
            setattr(obj, key, value)
        return obj

    def unique_keys(self, item):
        return [("year", f"{item.programme_id}/{item.year}")]



class GroupImport(ImportSpec):
    kind = "groups"
    title = gettext_lazy("Groups")
    columns = (
        COLLEGE_BIN,
        Column("code", gettext_lazy("Group code"), ("group", "группа", "код группы", "шифр группы", "топ")),
        Column("qualification", gettext_lazy("Qualification code"), ("qualification", "код квалификации",
                                                                       "біліктілік коды")),
        Column("language", gettext_lazy("Language of study"), ("language", "язык обучения", "оқыту тілі")),
        Column("base", gettext_lazy("Base of education"), ("base", "на базе", "білім базасы")),
        Column("admission_year", gettext_lazy("Year of admission"), ("year", "год поступления", "год набора",
                                                                     "түскен жылы")),
    )

    def can_import(self, user) -> bool:
        return policy.can_create_group(user)

    def start(self, actor) -> dict:
        return {**_college_context(),
                "programmes": {(p.college_id, p.qualification.code, p.language, p.base): p
                               for p in Programme.objects.select_related("qualification").order_by("-form")},
                "existing": {(g.college_id, g.code): g for g in Group.objects.all()},
                "bases": choice_lookup(EducationBase.choices, BASE_ALIASES)}

    def validate_row(self, values, context, actor):
        problems = Problems()
        college = _college_for(values, context, actor, problems)
        problems.need(values, "code")
        language = _choice(values, "language", LANGUAGE_OF_STUDY, problems)
        base = _choice(values, "base", context["bases"], problems)
        programme = None
        if college and language and base and problems.need(values, "qualification"):
            programme = context["programmes"].get((college.pk, values["qualification"].strip().upper(), language, base))
            if programme is None:
                problems.append(("qualification", _("The college has no programme %(code)s in this language and base.")
                                 % {"code": values["qualification"]}))
        year = parse_int(values["admission_year"], 2000, 2100)
        if year is None:
            problems.append(("admission_year", _("Give a year between 2000 and 2100.")))
        problems.check()
        code = values["code"].strip()
        obj = context["existing"].get((college.pk, code)) or Group(college=college, code=code)
        obj.programme, obj.admission_year = programme, year
        return obj

    def unique_keys(self, item):
        return [("code", f"{item.college_id}/{item.code}")]



# --- enterprises and their sites ------------------------------------------------------


class EnterpriseImport(ImportSpec):
    kind = "enterprises"
    title = gettext_lazy("Enterprises")
    columns = (
        Column("bin", gettext_lazy("BIN"), ("бин", "бсн")), *NAME_COLUMNS,
        Column("district", gettext_lazy("District КАТО"), ("district", "kato", "като", "код като", "аудан като")),
        Column("oked", gettext_lazy("ОКЭД code"), ("oked", "окэд", "код окэд", "эқжж", "эқжж коды")),
        Column("headcount", gettext_lazy("Headcount"), ("численность", "штат", "қызметкерлер саны"), required=False),
    )

    def can_import(self, user) -> bool:
        return policy.can_create_enterprise(user)

    def start(self, actor) -> dict:
        return {"districts": {d.kato: d for d in District.objects.all()},
                "existing": {e.bin: e for e in Enterprise.objects.all()},
                "other_orgs": set(Organisation.objects.exclude(kind="enterprise").exclude(bin=None)
                                  .values_list("bin", flat=True))}

    def validate_row(self, values, context, actor):
        problems = Problems()
        bin_ = values["bin"].strip()
        try:
            validate_bin(bin_)
        except IdentifierError as exc:
            problems.append(("bin", _(str(exc))))
        if bin_ in context["other_orgs"]:
            problems.append(("bin", _("BIN %(value)s belongs to an organisation that is not an enterprise.")
                             % {"value": bin_}))
        names = _names(values, problems)
        district = context["districts"].get(values["district"].strip())
        if district is None:
            problems.append(("district", _("Unknown КАТО code “%(value)s”.") % {"value": values["district"]}))
        oked = values["oked"].strip()
        if oked_problem(oked):
            problems.append(("oked", oked_problem(oked)))
        headcount = None
        if values["headcount"]:
            headcount = parse_int(values["headcount"], 0, 10**7)
            if headcount is None:
                problems.append(("headcount", _("Give a whole number.")))
        problems.check()
        obj = context["existing"].get(bin_) or Enterprise(bin=bin_)
        for key, value in {**names, "district": district, "oked": oked, "headcount": headcount}.items():
            setattr(obj, key, value)
        return obj

    def unique_keys(self, item):
        return [("bin", item.bin)]



class SiteImport(ImportSpec):
    kind = "sites"
    title = gettext_lazy("Enterprise sites")
    columns = (
        Column("enterprise", gettext_lazy("Enterprise BIN"), ("enterprise", "бин предприятия", "кәсіпорын бсн",
                                                              "бин", "бсн"), required=False),
        Column("name", gettext_lazy("Site"), ("name", "площадка", "участок", "объект", "алаң", "учаске")),
        Column("district", gettext_lazy("District КАТО"), ("district", "kato", "като", "код като", "аудан като")),
        Column("address", gettext_lazy("Address"), ("адрес", "мекенжай"), required=False),
        Column("hazardous", gettext_lazy("Hazardous work"), ("hazardous", "вредные условия", "опасное производство",
                                                             "зиянды", "қауіпті өндіріс"), required=False),
    )

    def can_import(self, user) -> bool:
        return policy.can_create_site(user)

    def start(self, actor) -> dict:
        enterprises = {e.bin: e for e in Enterprise.objects.all()}
        return {"districts": {d.kato: d for d in District.objects.all()}, "enterprises": enterprises,
                "existing": {(s.enterprise_id, s.name): s for s in EnterpriseSite.objects.all()}}

    def validate_row(self, values, context, actor):
        problems = Problems()
        if policy.is_region_admin(actor):
            enterprise = context["enterprises"].get(values["enterprise"].strip())
            if enterprise is None:
                problems.append(("enterprise", _("No enterprise with BIN %(value)s.") % {"value": values["enterprise"]}))
        else:
            enterprise = next((e for e in context["enterprises"].values() if e.pk == actor.organisation_id), None)
            if values["enterprise"] and enterprise is not None and values["enterprise"].strip() != enterprise.bin:
                problems.append(("enterprise", _("You may import only your own enterprise's sites.")))
        problems.need(values, "name")
        district = context["districts"].get(values["district"].strip())
        if district is None:
            problems.append(("district", _("Unknown КАТО code “%(value)s”.") % {"value": values["district"]}))
        hazardous = parse_bool(values["hazardous"])
        if hazardous is None:
            problems.append(("hazardous", _("Write yes or no.")))
        problems.check()
        obj = context["existing"].get((enterprise.pk, values["name"])) or EnterpriseSite(enterprise=enterprise,
                                                                                         name=values["name"])
        obj.district, obj.address, obj.hazardous = district, values["address"], hazardous
        return obj

    def unique_keys(self, item):
        return [("name", f"{item.enterprise_id}/{item.name}")]



# --- students, including НОБД-style exports -------------------------------------------
STATUS_ALIASES = {"обучается": "studying", "учится": "studying", "оқиды": "studying", "контингент": "studying",
                  "академический отпуск": "leave", "академиялық демалыс": "leave", "отчислен": "expelled",
                  "шығарылды": "expelled", "выпускник": "graduated", "окончил": "graduated", "бітірді": "graduated"}


class StudentImport(ImportSpec):
    """Students, from the college's own list or a НОБД (national education database) export.

    НОБД exports name their columns in Russian or Kazakh — «ИИН», «Фамилия», «Имя», «Отчество»,
    «Дата рождения», «Группа», «На базе», «Источник финансирования», «Идентификатор НОБД»,
    «Номер приказа о зачислении», «Дата приказа о зачислении» ... — and the aliases below map them.
    """

    kind = "students"
    title = gettext_lazy("Students")
    columns = (
        Column("iin", gettext_lazy("IIN"), ("иин", "жсн", "iin")),
        Column("last_name", gettext_lazy("Last name"), ("surname", "фамилия", "тегі")),
        Column("first_name", gettext_lazy("First name"), ("name", "имя", "аты")),
        Column("patronymic", gettext_lazy("Patronymic"), ("отчество", "әкесінің аты"), required=False),
        Column("birth_date", gettext_lazy("Date of birth"), ("дата рождения", "туған күні", "birth date"),
               required=False),
        COLLEGE_BIN,
        Column("group", gettext_lazy("Group code"), ("group", "группа", "код группы", "шифр группы", "топ"),
               required=False),
        Column("base", gettext_lazy("Base of education"), ("base", "на базе", "база", "уровень образования",
                                                           "білім базасы")),
        Column("funding", gettext_lazy("Funding"), ("источник финансирования", "финансирование",
                                                    "вид финансирования", "қаржыландыру көзі", "қаржыландыру")),
        Column("status", gettext_lazy("Status"), ("статус", "состояние", "мәртебе"), required=False),
        Column("consent", gettext_lazy("Consent to processing of personal data"), (
            "consent", "согласие", "согласие на обработку персональных данных", "келісім",
            "дербес деректерді өңдеуге келісім"), required=False),
        Column("consent_date", gettext_lazy("Date of consent"), ("дата согласия", "келісім күні"), required=False),
        Column("nobd_id", gettext_lazy("НОБД ID"), ("nobd id", "нобд", "id нобд", "идентификатор нобд",
                                                    "ұбдқ", "ұбдқ id", "ұбдқ идентификаторы"), required=False),
        Column("phone", gettext_lazy("Phone"), ("телефон",), required=False),
        Column("email", gettext_lazy("E-mail"), ("email", "эл. почта", "электрондық пошта"), required=False),
        Column("order_number", gettext_lazy("Admission order number"), (
            "номер приказа о зачислении", "приказ о зачислении", "№ приказа", "қабылдау туралы бұйрық нөмірі"),
               required=False),
        Column("order_date", gettext_lazy("Admission order date"), (
            "дата приказа о зачислении", "дата приказа", "бұйрық күні"), required=False),
    )

    def can_import(self, user) -> bool:
        return policy.can_import_students(user)

    def start(self, actor) -> dict:
        return {**_college_context(),
                "groups": {(g.college_id, g.code): g for g in Group.objects.all()},
                "existing": {s.iin: s for s in Student.objects.all()},
                "nobd": dict(Student.objects.exclude(nobd_id=None).values_list("nobd_id", "iin")),
                "bases": choice_lookup(EducationBase.choices, BASE_ALIASES),
                "funding": choice_lookup(Funding.choices, FUNDING_ALIASES),
                "statuses": choice_lookup(StudentStatus.choices, STATUS_ALIASES)}

    def validate_row(self, values, context, actor):
        problems = Problems()
        iin = values["iin"].strip()
        born = None
        try:
            validate_iin(iin)
            born = iin_birth_date(iin)
        except IdentifierError as exc:
            problems.append(("iin", _(str(exc))))
        problems.need(values, "last_name")
        problems.need(values, "first_name")
        birth = _date_or_problem(values, "birth_date", problems)
        if birth and born and birth != born:
            problems.append(("birth_date", _("The date of birth %(date)s disagrees with the IIN (%(iin_date)s).")
                             % {"date": birth.strftime("%d.%m.%Y"), "iin_date": born.strftime("%d.%m.%Y")}))
        college = _college_for(values, context, actor, problems)
        group = None
        if values["group"] and college is not None:
            group = context["groups"].get((college.pk, values["group"].strip()))
            if group is None:
                problems.append(("group", _("The college has no group “%(value)s”.") % {"value": values["group"]}))
        base = _choice(values, "base", context["bases"], problems,
                       message=_("Unknown base of education “%(value)s”; use 9 or 11.") % {"value": values["base"]})
        funding = _choice(values, "funding", context["funding"], problems,
                          message=_("Unknown funding “%(value)s”; use state order, enterprise order or paid.")
                          % {"value": values["funding"]})
        status = _choice(values, "status", context["statuses"], problems, default="studying")
        consent = parse_bool(values["consent"])
        if consent is None:
            problems.append(("consent", _("Write yes or no.")))
        consent_date = _date_or_problem(values, "consent_date", problems)
        if consent and not consent_date:
            problems.append(("consent_date", _("Give the date of the consent.")))
        nobd = values["nobd_id"].strip() or None
        if nobd and context["nobd"].get(nobd, iin) != iin:
            problems.append(("nobd_id", _("НОБД ID %(value)s belongs to another student.") % {"value": nobd}))
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError:
                problems.append(("email", _("“%(value)s” is not a valid e-mail address.") % {"value": values["email"]}))
        order_date = _date_or_problem(values, "order_date", problems)
        existing = context["existing"].get(iin)
        if existing is not None and college is not None and existing.college_id != college.pk:
            problems.append(("iin", _("A student with this IIN is registered at another college.")))
        problems.check()
        student = existing or Student(iin=iin)
        for key, value in {"last_name": values["last_name"], "first_name": values["first_name"],
                           "patronymic": values["patronymic"], "birth_date": born, "sex": iin_sex(iin),
                           "college": college, "group": group or student.group, "base": base, "funding": funding,
                           "status": status, "consent": consent, "consent_date": consent_date, "nobd_id": nobd,
                           "phone": values["phone"], "email": values["email"]}.items():
            setattr(student, key, value)
        student._admission = (values["order_number"].strip(), order_date) if values["order_number"] else None
        return student

    def unique_keys(self, item):
        keys = [("iin", item.iin)]
        if item.nobd_id:
            keys.append(("nobd_id", item.nobd_id))
        return keys

    def save(self, items, actor):
        new = [s for s in items if s.pk is None]
        old = [s for s in items if s.pk is not None]
        Student.objects.bulk_create(new, batch_size=1000)
        if old:
            Student.objects.bulk_update(old, ["last_name", "first_name", "patronymic", "group", "base", "funding",
                                              "status", "consent", "consent_date", "nobd_id", "phone", "email"],
                                        batch_size=1000)
        stored = {s.iin: s for s in Student.objects.filter(iin__in=[s.iin for s in new])}
        audit.bulk_log_created(list(stored.values()), actor)
        today = dt.date.today()
        events = [StudentEvent(student=stored[s.iin], kind=StudentEventKind.ADMISSION, date=s._admission[1] or today,
                               order_number=s._admission[0], order_date=s._admission[1] or today,
                               to_group=s.group) for s in new if s._admission]
        StudentEvent.objects.bulk_create(events, batch_size=1000)
        return len(new), len(old)


class DistrictImport(ImportSpec):
    kind = "districts"
    title = gettext_lazy("Districts and cities")
    columns = (
        Column("kato", gettext_lazy("КАТО code"), ("kato", "като", "код като", "като коды", "әаож")),
        Column("region", gettext_lazy("Region КАТО"), ("region", "область като", "облыс като"), required=False),
        Column("kind", gettext_lazy("Kind"), ("вид", "тип", "түрі"), required=False),
        *NAME_COLUMNS,
    )

    def can_import(self, user) -> bool:
        return policy.can_manage_classifier(user)

    def start(self, actor) -> dict:
        return {"regions": {r.kato: r for r in Region.objects.all()},
                "existing": {d.kato: d for d in District.objects.all()},
                "kinds": choice_lookup(DistrictKind.choices, {"город": "city", "район": "district", "қала": "city",
                                                              "аудан": "district"})}

    def validate_row(self, values, context, actor):
        problems = Problems()
        kato = values["kato"].strip()
        if not re.fullmatch(r"\d{9}", kato):
            problems.append(("kato", _("A КАТО code is 9 digits.")))
        region_code = values["region"].strip() or (kato[:2] + "0000000" if len(kato) == 9 else "")
        region = context["regions"].get(region_code)
        if region is None:
            problems.append(("region", _("Unknown region КАТО code “%(value)s”.") % {"value": region_code}))
        kind = _choice(values, "kind", context["kinds"], problems, default="district")
        names = _names(values, problems)
        problems.check()
        obj = context["existing"].get(kato) or District(kato=kato)
        for key, value in {**names, "region": region, "kind": kind}.items():
            setattr(obj, key, value)
        return obj

    def unique_keys(self, item):
        return [("kato", item.kato)]



for _spec in (DistrictImport, SpecialtyImport, QualificationImport, ProgrammeImport, IntakeImport, GroupImport, EnterpriseImport,
              SiteImport, StudentImport):
    register(_spec())
