"""Territories (КАТО), the region's department, colleges and enterprises."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kasip.core.i18n import localized
from kasip.core.models import NamedModel, Organisation, OrgKind, validate_iin_field
from kasip.core.validators import IdentifierError, iin_birth_date, iin_sex

kato_validator = RegexValidator(r"^\d{9}$", _("A КАТО code is 9 digits."))


class Region(models.Model):
    kato = models.CharField(_("КАТО code"), max_length=9, unique=True, validators=[kato_validator])
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["kato"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self)


class DistrictKind(models.TextChoices):
    CITY = "city", _("city")
    DISTRICT = "district", _("district")


class District(models.Model):
    """A district or a city of regional significance, by its КАТО code."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="districts")
    kato = models.CharField(_("КАТО code"), max_length=9, unique=True, validators=[kato_validator])
    kind = models.CharField(_("kind"), max_length=10, choices=DistrictKind.choices)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["kato"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self)


class Department(Organisation):
    """The region's education department (the region admins' and analysts' organisation)."""

    region = models.OneToOneField(Region, on_delete=models.PROTECT, related_name="department")

    class Meta:
        verbose_name = _("education department")
        verbose_name_plural = _("education departments")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = OrgKind.DEPARTMENT

    def save(self, *args, **kwargs):
        self.kind = OrgKind.DEPARTMENT
        super().save(*args, **kwargs)


class Ownership(models.TextChoices):
    STATE = "state", _("state")
    PRIVATE = "private", _("private")


class Language(models.TextChoices):
    KK = "kk", _("Kazakh")
    RU = "ru", _("Russian")
    EN = "en", _("English")


def validate_languages(value: str) -> None:
    codes = [c for c in (value or "").split(",") if c]
    if not codes:
        raise ValidationError(_("Give at least one language of instruction."))
    unknown = [c for c in codes if c not in Language.values]
    if unknown:
        raise ValidationError(_("Unknown language code: %(codes)s.") % {"codes": ", ".join(unknown)})


class College(Organisation):
    """A TVET college (state or private)."""

    district = models.ForeignKey(District, verbose_name=_("district"), on_delete=models.PROTECT,
                                 related_name="colleges")
    ownership = models.CharField(_("ownership"), max_length=10, choices=Ownership.choices,
                                 default=Ownership.STATE)
    languages = models.CharField(_("languages of instruction"), max_length=20,
                                 validators=[validate_languages], help_text=_("kk, ru, en"))
    nobd_id = models.CharField(_("НОБД ID"), max_length=32, unique=True, null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("college")
        verbose_name_plural = _("colleges")
        ordering = ["name_ru", "name_kk"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = OrgKind.COLLEGE

    def save(self, *args, **kwargs):
        self.kind = OrgKind.COLLEGE
        self.languages = ",".join(sorted(set(c for c in (self.languages or "").split(",") if c),
                                         key=Language.values.index))
        super().save(*args, **kwargs)

    @property
    def language_labels(self) -> list[str]:
        return [str(Language(c).label) for c in self.languages.split(",") if c in Language.values]

    def clean(self) -> None:
        super().clean()
        if not self.bin:
            raise ValidationError({"bin": _("A college needs its BIN.")})


# Divisions of ОКЭД (ГК РК 03-2019, built on NACE Rev. 2): the first two digits of every code.
OKED_DIVISIONS = frozenset(
    [f"{d:02d}" for d in (*range(1, 4), *range(5, 10), *range(10, 34), *range(35, 40), 41, 42, 43, 45, 46, 47,
                          *range(49, 54), 55, 56, *range(58, 67), 68, *range(69, 76), *range(77, 83), 84, 85,
                          86, 87, 88, *range(90, 94), 94, 95, 96, 97, 98, 99)])


# Sections of ОКЭД (as NACE Rev. 2): the letter and the divisions each covers.
OKED_SECTIONS = {
    "A": ((1, 3), _("Agriculture, forestry and fishing")), "B": ((5, 9), _("Mining and quarrying")),
    "C": ((10, 33), _("Manufacturing")), "D": ((35, 35), _("Electricity, gas, steam and air conditioning supply")),
    "E": ((36, 39), _("Water supply, sewerage, waste management")), "F": ((41, 43), _("Construction")),
    "G": ((45, 47), _("Wholesale and retail trade, repair of vehicles")),
    "H": ((49, 53), _("Transportation and storage")), "I": ((55, 56), _("Accommodation and food service")),
    "J": ((58, 63), _("Information and communication")), "K": ((64, 66), _("Financial and insurance activities")),
    "L": ((68, 68), _("Real estate activities")), "M": ((69, 75), _("Professional, scientific and technical activities")),
    "N": ((77, 82), _("Administrative and support service activities")),
    "O": ((84, 84), _("Public administration and defence")), "P": ((85, 85), _("Education")),
    "Q": ((86, 88), _("Human health and social work")), "R": ((90, 93), _("Arts, entertainment and recreation")),
    "S": ((94, 96), _("Other service activities")), "T": ((97, 98), _("Activities of households as employers")),
    "U": ((99, 99), _("Extraterritorial organisations")),
}


def oked_section(code: str) -> str:
    """The ОКЭД section letter of a code (2 to 5 digits) or of a section letter; "" when unknown."""
    code = (code or "").strip().upper()
    if len(code) == 1 and code in OKED_SECTIONS:
        return code
    if not (code[:2].isdigit() and len(code) >= 2):
        return ""
    division = int(code[:2])
    for letter, ((low, high), _name) in OKED_SECTIONS.items():
        if low <= division <= high:
            return letter
    return ""


def oked_problem(value: str) -> str | None:
    """Why a code is not an ОКЭД code (5 digits in a known division), or None."""
    if not re.fullmatch(r"\d{5}", value or ""):
        return str(_("An ОКЭД code is 5 digits, e.g. 24100."))
    if value[:2] not in OKED_DIVISIONS:
        return str(_("Unknown ОКЭД code “%(value)s”: there is no division %(division)s.")
                   % {"value": value, "division": value[:2]})
    return None


def validate_oked(value: str) -> None:
    problem = oked_problem(value)
    if value and problem:
        raise ValidationError(problem)


class Enterprise(Organisation):
    """An employer that trains students (a social partner) or orders training."""

    district = models.ForeignKey(District, verbose_name=_("district"), on_delete=models.PROTECT,
                                 related_name="enterprises")
    oked = models.CharField(_("ОКЭД code"), max_length=10, blank=True, validators=[validate_oked])
    headcount = models.PositiveIntegerField(_("headcount"), null=True, blank=True)

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name_ru", "name_kk"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = OrgKind.ENTERPRISE

    def save(self, *args, **kwargs):
        self.kind = OrgKind.ENTERPRISE
        super().save(*args, **kwargs)


class CompetenceCentre(NamedModel):
    """A college's centre of competence (an AI centre, a water-management centre ...)."""

    college = models.ForeignKey(College, verbose_name=_("college"), on_delete=models.CASCADE,
                                related_name="competence_centres")
    field = models.CharField(_("field"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("competence centre")
        verbose_name_plural = _("competence centres")
        ordering = ["college", "name_ru"]

    def __str__(self) -> str:
        return self.name


# --- the TVET classifier --------------------------------------------------------------
SPECIALTY_CODE = re.compile(r"^\d{8}$")
# level digit, 1-2 letters (W worker, S specialist, AB applied bachelor), 6 digits of the
# specialty and a 2-digit sequence: 3W07150501, 4S06130103, 5AB07150502
QUALIFICATION_CODE = re.compile(r"^(?P<level>\d)(?P<kind>[A-Z]{1,2})(?P<specialty>\d{6})(?P<seq>\d{2})$")


def validate_specialty_code(value: str) -> None:
    if not SPECIALTY_CODE.match(value or ""):
        raise ValidationError(_("A specialty code is 8 digits, e.g. 07150500."))


def validate_qualification_code(value: str) -> None:
    if not QUALIFICATION_CODE.match(value or ""):
        raise ValidationError(
            _("A qualification code is a level digit, 1-2 letters and 8 digits, e.g. 3W07150501 or 5AB07150502.")
        )


def specialty_code_of(qualification_code: str) -> str:
    match = QUALIFICATION_CODE.match(qualification_code)
    return f"{match['specialty']}00" if match else ""


class Specialty(NamedModel):
    code = models.CharField(_("code"), max_length=8, unique=True, validators=[validate_specialty_code])
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class QualificationKind(models.TextChoices):
    WORKER = "W", _("worker")
    SPECIALIST = "S", _("mid-level specialist")
    APPLIED_BACHELOR = "AB", _("applied bachelor")


class Qualification(NamedModel):
    code = models.CharField(_("code"), max_length=11, unique=True, validators=[validate_qualification_code])
    specialty = models.ForeignKey(Specialty, verbose_name=_("specialty"), on_delete=models.PROTECT,
                                  related_name="qualifications")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def level(self) -> int:
        match = QUALIFICATION_CODE.match(self.code)
        return int(match["level"]) if match else 0

    @property
    def kind(self) -> str:
        match = QUALIFICATION_CODE.match(self.code)
        return match["kind"] if match else ""

    def clean(self) -> None:
        super().clean()
        if self.specialty_id and QUALIFICATION_CODE.match(self.code or ""):
            if specialty_code_of(self.code)[:6] != self.specialty.code[:6]:
                raise ValidationError({"code": _("The code does not belong to specialty %(code)s.")
                                       % {"code": self.specialty.code}})


# --- programmes and groups ------------------------------------------------------------
class StudyLanguage(models.TextChoices):
    KK = "kk", _("Kazakh")
    RU = "ru", _("Russian")


class EducationBase(models.TextChoices):
    GRADE_9 = "9", _("after grade 9")
    GRADE_11 = "11", _("after grade 11")


class StudyForm(models.TextChoices):
    FULL_TIME = "full_time", _("full-time")
    PART_TIME = "part_time", _("part-time")
    EVENING = "evening", _("evening")


class Funding(models.TextChoices):
    STATE_ORDER = "state", _("state order")
    ENTERPRISE_ORDER = "enterprise", _("enterprise order")
    PAID = "paid", _("paid")


class Programme(models.Model):
    """A college's offer of a qualification in one language, base of education and form."""

    college = models.ForeignKey(College, verbose_name=_("college"), on_delete=models.PROTECT,
                                related_name="programmes")
    qualification = models.ForeignKey(Qualification, verbose_name=_("qualification"), on_delete=models.PROTECT,
                                      related_name="programmes")
    language = models.CharField(_("language of study"), max_length=2, choices=StudyLanguage.choices)
    base = models.CharField(_("base of education"), max_length=2, choices=EducationBase.choices)
    form = models.CharField(_("form of study"), max_length=10, choices=StudyForm.choices,
                            default=StudyForm.FULL_TIME)
    hours_theory = models.PositiveIntegerField(_("hours of theory"))
    hours_practice = models.PositiveIntegerField(_("hours of production training and practice"))
    hours_total = models.PositiveIntegerField(_("total planned hours"))
    is_dual = models.BooleanField(_("dual training"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["college", "qualification__code", "language", "base"]
        constraints = [models.UniqueConstraint(fields=["college", "qualification", "language", "base", "form"],
                                               name="programme_unique_offer")]

    def __str__(self) -> str:
        return f"{self.qualification.code} {self.qualification.name} ({self.language}, {self.base})"

    def clean(self) -> None:
        super().clean()
        if None not in (self.hours_theory, self.hours_practice, self.hours_total):
            if self.hours_theory + self.hours_practice != self.hours_total:
                raise ValidationError({"hours_total": _(
                    "The planned hours do not add up: %(theory)s of theory + %(practice)s of practice "
                    "is not %(total)s.") % {"theory": self.hours_theory, "practice": self.hours_practice,
                                            "total": self.hours_total}})

    @property
    def practice_share(self) -> float:
        return self.hours_practice / self.hours_total if self.hours_total else 0.0


class ProgrammeIntake(models.Model):
    """The planned first-year intake of a programme in one year, by source of funding."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="intakes")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    state_order = models.PositiveIntegerField(_("state order"), default=0)
    enterprise_order = models.PositiveIntegerField(_("enterprise order"), default=0)
    paid = models.PositiveIntegerField(_("paid"), default=0)

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        ordering = ["programme", "-year"]
        constraints = [models.UniqueConstraint(fields=["programme", "year"], name="intake_unique_year")]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}"

    @property
    def total(self) -> int:
        return self.state_order + self.enterprise_order + self.paid


class Group(models.Model):
    """A study group (учебная группа): one programme, one year of admission."""

    college = models.ForeignKey(College, verbose_name=_("college"), on_delete=models.PROTECT, related_name="groups")
    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.PROTECT,
                                  related_name="groups")
    code = models.CharField(_("group code"), max_length=40)
    admission_year = models.PositiveSmallIntegerField(_("year of admission"),
                                                      validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    curator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("curator"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="curated_groups")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["college", "-admission_year", "code"]
        constraints = [models.UniqueConstraint(fields=["college", "code"], name="group_unique_code")]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        super().clean()
        if self.programme_id and self.college_id and self.programme.college_id != self.college_id:
            raise ValidationError({"programme": _("The programme belongs to another college.")})


# --- enterprises' sites ---------------------------------------------------------------
class EnterpriseSite(models.Model):
    """A place where an enterprise trains people; hazardous sites take trainees of 18 and over only."""

    enterprise = models.ForeignKey(Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE,
                                   related_name="sites")
    name = models.CharField(_("name"), max_length=300)
    district = models.ForeignKey(District, verbose_name=_("district"), on_delete=models.PROTECT,
                                 related_name="sites")
    address = models.CharField(_("address"), max_length=300, blank=True)
    hazardous = models.BooleanField(_("hazardous work"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("enterprise site")
        verbose_name_plural = _("enterprise sites")
        ordering = ["enterprise", "name"]

    def __str__(self) -> str:
        return self.name


# --- students -------------------------------------------------------------------------
class StudentStatus(models.TextChoices):
    STUDYING = "studying", _("studying")
    ACADEMIC_LEAVE = "leave", _("academic leave")
    EXPELLED = "expelled", _("expelled")
    GRADUATED = "graduated", _("graduated")


class Student(models.Model):
    """A college student: personal data, seen only by those who need it, every staff read audited."""

    iin = models.CharField(_("IIN"), max_length=12, unique=True, validators=[validate_iin_field])
    last_name = models.CharField(_("last name"), max_length=150)
    first_name = models.CharField(_("first name"), max_length=150)
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    birth_date = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=1, choices=[("M", _("male")), ("F", _("female"))])
    college = models.ForeignKey(College, verbose_name=_("college"), on_delete=models.PROTECT, related_name="students")
    group = models.ForeignKey(Group, verbose_name=_("group"), null=True, blank=True, on_delete=models.PROTECT,
                              related_name="students")
    base = models.CharField(_("base of education"), max_length=2, choices=EducationBase.choices)
    funding = models.CharField(_("funding"), max_length=12, choices=Funding.choices)
    status = models.CharField(_("status"), max_length=10, choices=StudentStatus.choices,
                              default=StudentStatus.STUDYING)
    consent = models.BooleanField(_("consent to processing of personal data"), default=False)
    consent_date = models.DateField(_("date of consent"), null=True, blank=True)
    nobd_id = models.CharField(_("НОБД ID"), max_length=32, unique=True, null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="student_record")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("student")
        verbose_name_plural = _("students")
        ordering = ["last_name", "first_name", "pk"]
        indexes = [models.Index(fields=["college", "status"]), models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    def age_on(self, day: dt.date) -> int:
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    def clean(self) -> None:
        super().clean()
        errors = {}
        try:
            born = iin_birth_date(self.iin or "")
        except (IdentifierError, IndexError, ValueError):
            born = None
        if born is not None:
            if self.birth_date and self.birth_date != born:
                errors["birth_date"] = _("The date of birth %(date)s disagrees with the IIN (%(iin_date)s).") % {
                    "date": self.birth_date, "iin_date": born}
            self.birth_date = self.birth_date or born
            self.sex = iin_sex(self.iin)
        if self.consent and not self.consent_date:
            errors["consent_date"] = _("Give the date of the consent.")
        if self.group_id and self.college_id and self.group.college_id != self.college_id:
            errors["group"] = _("The group belongs to another college.")
        if errors:
            raise ValidationError(errors)


class StudentEventKind(models.TextChoices):
    ADMISSION = "admission", _("admission")
    TRANSFER = "transfer", _("transfer")
    EXPULSION = "expulsion", _("expulsion")
    LEAVE = "leave", _("academic leave")
    REINSTATEMENT = "reinstatement", _("reinstatement")


class StudentEvent(models.Model):
    """An admission, transfer or expulsion, with the college order behind it."""

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=15, choices=StudentEventKind.choices)
    date = models.DateField(_("date"))
    order_number = models.CharField(_("order number"), max_length=50)
    order_date = models.DateField(_("order date"))
    from_group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    to_group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("student event")
        verbose_name_plural = _("student events")
        ordering = ["student", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date} №{self.order_number}"
