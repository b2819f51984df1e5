"""Territories (КАТО), the region's department, colleges and enterprises."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kasip.core.i18n import localized
from kasip.core.models import Organisation, OrgKind

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


class Enterprise(Organisation):
    """An employer that trains students (a social partner) or orders training."""

    district = models.ForeignKey(District, verbose_name=_("district"), on_delete=models.PROTECT,
                                 related_name="enterprises")
    oked = models.CharField(_("ОКЭД code"), max_length=10, blank=True)
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
