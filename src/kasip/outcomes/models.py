"""Graduations and graduates' employment records at 6 and 12 months."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kasip.core.models import validate_bin_field
from kasip.registry.models import Enterprise, Programme, Qualification, Student


class Graduation(models.Model):
    """Who graduated from which programme, when, with which qualification."""

    student = models.OneToOneField(Student, verbose_name=_("student"), on_delete=models.PROTECT,
                                   related_name="graduation")
    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.PROTECT,
                                  related_name="graduations")
    qualification = models.ForeignKey(Qualification, verbose_name=_("qualification awarded"),
                                      on_delete=models.PROTECT, related_name="graduations")
    date = models.DateField(_("date of graduation"))
    diploma_number = models.CharField(_("diploma number"), max_length=50, unique=True)
    with_honours = models.BooleanField(_("with honours"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("graduation")
        verbose_name_plural = _("graduations")
        ordering = ["-date", "student"]

    def __str__(self) -> str:
        return f"{self.student} {self.date:%Y} {self.qualification.code}"

    @property
    def year(self) -> int:
        return self.date.year

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.programme_id and self.student_id and self.programme.college_id != self.student.college_id:
            errors["programme"] = _("The programme belongs to another college than the student's.")
        elif (self.programme_id and self.qualification_id
              and self.qualification.specialty_id != self.programme.qualification.specialty_id):
            errors["qualification"] = _("The qualification awarded belongs to another specialty than the "
                                        "programme's (%(code)s).") % {"code": self.programme.qualification.code}
        if isinstance(self.date, dt.date) and self.date > timezone.localdate():
            errors["date"] = _("The date of graduation cannot be in the future.")
        if errors:
            raise ValidationError(errors)


class MonthsAfter(models.IntegerChoices):
    SIX = 6, _("6 months after graduation")
    TWELVE = 12, _("12 months after graduation")


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", _("employed")
    FURTHER_STUDY = "further_study", _("further study")
    MILITARY_SERVICE = "military_service", _("military service")
    PARENTAL_LEAVE = "parental_leave", _("parental leave")
    UNEMPLOYED = "unemployed", _("unemployed")
    UNKNOWN = "unknown", _("unknown")


class WageBand(models.TextChoices):
    UP_TO_150K = "to_150k", _("up to 150 000 tenge a month")
    FROM_150K = "150k_300k", _("150 000–300 000 tenge a month")
    FROM_300K = "300k_500k", _("300 000–500 000 tenge a month")
    ABOVE_500K = "over_500k", _("above 500 000 tenge a month")
    UNKNOWN = "unknown", _("wage unknown")


class EmploymentSource(models.TextChoices):
    CONTRACT_REGISTER = "contracts", _("employment-contract register")
    PENSION = "pension", _("pension contributions")
    SURVEY = "survey", _("survey")
    OTHER = "other", _("other source")


# ISCO-08 unit group (4 digits, 7212) or an occupation group of НК РК 01-2017 (7212-1).
OCCUPATION_CODE = re.compile(r"^[0-9]{4}(-[0-9]{1,2})?$")
# What only an employed graduate has: field -> its empty value.
EMPLOYMENT_FIELDS = {"employer_name": "", "employer_bin": "", "occupation_code": "", "occupation_title": "",
                     "in_specialty": None, "wage_band": ""}


def occupation_code_problem(value: str) -> str | None:
    """Why a code is not an occupation code, or None."""
    if value and not OCCUPATION_CODE.match(value):
        return str(_("An occupation code is an ISCO-08 unit group of 4 digits (7212) or an НК РК 01-2017 "
                     "occupation group (7212-1); “%(value)s” is neither.") % {"value": value})
    return None


def validate_occupation_code(value: str) -> None:
    problem = occupation_code_problem(value)
    if problem:
        raise ValidationError(problem)


class EmploymentRecord(models.Model):
    """What a graduate was doing 6 or 12 months after graduating, from administrative data or a survey."""

    graduation = models.ForeignKey(Graduation, verbose_name=_("graduation"), on_delete=models.PROTECT,
                                   related_name="employment_records")
    months_after = models.PositiveSmallIntegerField(_("months after graduation"), choices=MonthsAfter.choices)
    status = models.CharField(_("status"), max_length=20, choices=EmploymentStatus.choices)
    employer_name = models.CharField(_("employer"), max_length=300, blank=True)
    employer_bin = models.CharField(_("employer's BIN"), max_length=12, blank=True, validators=[validate_bin_field])
    employer = models.ForeignKey(Enterprise, verbose_name=_("registered enterprise"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="graduates_employed",
                                 help_text=_("Found from the BIN when the enterprise is registered in Kasip."))
    occupation_code = models.CharField(_("occupation code"), max_length=7, blank=True,
                                       validators=[validate_occupation_code],
                                       help_text=_("ISCO-08 (7212) or НК РК 01-2017 (7212-1)."))
    occupation_title = models.CharField(_("occupation"), max_length=300, blank=True)
    in_specialty = models.BooleanField(_("in the specialty"), null=True, blank=True,
                                       help_text=_("Works in the specialty studied (employed graduates only)."))
    wage_band = models.CharField(_("wage band"), max_length=10, choices=WageBand.choices, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=EmploymentSource.choices,
                              default=EmploymentSource.OTHER)
    recorded_on = models.DateField(_("date of the record"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("employment record")
        verbose_name_plural = _("employment records")
        ordering = ["-recorded_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["graduation", "months_after"],
                                               name="employment_one_record_per_graduation_and_months")]
        indexes = [models.Index(fields=["months_after", "status"])]

    def __str__(self) -> str:
        return f"{self.graduation.student} +{self.months_after}: {self.get_status_display()}"

    @property
    def employer_display(self) -> str:
        return self.employer_name or (self.employer.name if self.employer_id else "") or self.employer_bin

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.status == EmploymentStatus.EMPLOYED:
            if not (self.employer_name or "").strip() and not (self.employer_bin or "").strip():
                errors["employer_name"] = _("An employed graduate needs the employer's name or BIN.")
            if self.wage_band == "":
                self.wage_band = WageBand.UNKNOWN
        elif self.status:
            for name, empty in EMPLOYMENT_FIELDS.items():
                if getattr(self, name) not in (empty, None):
                    errors[name] = _("Only for an employed graduate; leave it empty for “%(status)s”.") % {
                        "status": self.get_status_display()}
        if isinstance(self.recorded_on, dt.date):
            if self.recorded_on > timezone.localdate():
                errors["recorded_on"] = _("The date of the record cannot be in the future.")
            elif self.graduation_id and self.recorded_on < self.graduation.date:
                errors["recorded_on"] = _("The date of the record is before the graduation (%(date)s).") % {
                    "date": self.graduation.date.isoformat()}
        if errors:
            raise ValidationError(errors)
