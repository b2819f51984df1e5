"""Partnerships between colleges and enterprises; the enterprises' declared workforce needs."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kasip.registry.models import District, Enterprise, Qualification

# ISCO-08 unit group (4 digits) or НК РК 01-2017 occupation group (4110-9)
OCCUPATION_CODE = re.compile(r"^\d{4}(-\d)?$")


def validate_occupation_code(value: str) -> None:
    if value and not OCCUPATION_CODE.match(value):
        raise ValidationError(_("An occupation code is 4 digits (ISCO-08) or like 4110-9 (НК РК 01-2017)."))


class WorkforceNeed(models.Model):
    """A workforce need declared by an enterprise (заявка на кадры)."""

    enterprise = models.ForeignKey(Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT,
                                   related_name="workforce_needs")
    occupation_code = models.CharField(_("occupation code"), max_length=6, blank=True,
                                       validators=[validate_occupation_code])
    occupation_title = models.CharField(_("occupation"), max_length=300)
    qualification = models.ForeignKey(Qualification, verbose_name=_("qualification"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="workforce_needs")
    skill_level = models.PositiveSmallIntegerField(_("qualification level"), null=True, blank=True,
                                                   validators=[MinValueValidator(1), MaxValueValidator(4)])
    count = models.PositiveIntegerField(_("number of people"), validators=[MinValueValidator(1)])
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    district = models.ForeignKey(District, verbose_name=_("district"), on_delete=models.PROTECT,
                                 related_name="workforce_needs")
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("workforce need")
        verbose_name_plural = _("workforce needs")
        ordering = ["-year", "enterprise", "occupation_title"]

    def __str__(self) -> str:
        return f"{self.occupation_title} × {self.count} ({self.year})"
