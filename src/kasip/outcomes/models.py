"""Graduations (and, later, employment records of graduates)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kasip.registry.models import Programme, Qualification, Student


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
