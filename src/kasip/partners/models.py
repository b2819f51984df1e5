"""Partnerships between colleges and enterprises; the enterprises' declared workforce needs."""

import datetime as dt
import os
import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kasip.registry.models import College, District, Enterprise, Qualification

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


# --- partnership agreements -------------------------------------------------------------------
class AgreementKind(models.TextChoices):
    MEMORANDUM = "memorandum", _("memorandum of cooperation")
    DUAL_TRAINING = "dual_training", _("dual-training agreement")
    PRACTICE = "practice", _("practice agreement")
    EQUIPMENT = "equipment", _("equipment")
    SCHOLARSHIPS = "scholarships", _("scholarships")
    CURRICULUM = "curriculum", _("curriculum co-design")
    PATRONAGE = "patronage", _("patronage")
    ORDERED_TRAINING = "ordered_training", _("enterprise-ordered training with an obligation to employ graduates")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ACTIVE = "active", _("active")
    SUSPENDED = "suspended", _("suspended")
    EXPIRED = "expired", _("expired")
    TERMINATED = "terminated", _("terminated")


MAX_STUDENTS_COVERED = 100_000
MAX_SUBJECT = 2000
MAX_DOCUMENT_MB = 10
MAX_DOCUMENT_BYTES = MAX_DOCUMENT_MB * 1024 * 1024
# What the first bytes of an accepted document are, and the file names that go with them.
DOCUMENT_SIGNATURES = {"pdf": (b"%PDF-",), "png": (b"\x89PNG\r\n\x1a\n",), "jpg": (b"\xff\xd8\xff",)}
DOCUMENT_EXTENSIONS = {".pdf": "pdf", ".jpg": "jpg", ".jpeg": "jpg", ".png": "png"}
DOCUMENT_CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
DOCUMENT_LABELS = {"pdf": "PDF", "jpg": "JPG", "png": "PNG"}


def sniff_document(head: bytes) -> str | None:
    """The kind of document ("pdf", "jpg", "png") its first bytes announce, or None."""
    for kind, signatures in DOCUMENT_SIGNATURES.items():
        if any(head.startswith(s) for s in signatures):
            return kind
    return None


def document_extension(name: str) -> str:
    return os.path.splitext(name or "")[1].lower()


def document_problem(file) -> str | None:
    """Why an uploaded file is not an acceptable signed document (by size, name and first bytes), or None."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_DOCUMENT_BYTES:
        return str(gettext("The document is larger than %(limit)s MB.") % {"limit": MAX_DOCUMENT_MB})
    expected = DOCUMENT_EXTENSIONS.get(document_extension(getattr(file, "name", "")))
    if expected is None or not size:
        return str(gettext("Upload the signed document as a PDF, JPG or PNG file."))
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        head = file.read(16)
    finally:
        file.seek(position or 0)
    if sniff_document(head) != expected:
        return str(gettext("The file is named as %(kind)s but its content is not %(kind)s; upload the signed document as "
                     "a PDF, JPG or PNG file.") % {"kind": DOCUMENT_LABELS[expected]})
    return None


def validate_document(value) -> None:
    """A new upload is checked; a stored document was checked when it was uploaded."""
    if not value or getattr(value, "_committed", True):
        return
    problem = document_problem(value.file)
    if problem:
        raise ValidationError(problem)


class PrivateStorage(FileSystemStorage):
    """Files with no public URL, beside MEDIA_ROOT (or in KASIP_PRIVATE_ROOT when set): they are
    served only by views that ask the policy first, never by the web server or /media/."""

    @cached_property
    def base_location(self):
        root = getattr(settings, "KASIP_PRIVATE_ROOT", None)
        return self._value_or_setting(self._location, root or os.path.join(settings.MEDIA_ROOT, os.pardir, "private"))

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "KASIP_PRIVATE_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("Private files have no public URL.")


PRIVATE_STORAGE = PrivateStorage()


def private_storage() -> PrivateStorage:
    return PRIVATE_STORAGE


def agreement_document_path(instance, filename: str) -> str:
    """A random name (the uploaded name may carry anything), keeping the checked extension."""
    extension = document_extension(filename)
    if extension == ".jpeg":
        extension = ".jpg"
    return f"agreements/{timezone.now():%Y}/{uuid.uuid4().hex}{extension}"


class DocumentFieldFile(FieldFile):
    """A stored document's URL is the download view's, which checks who asks."""

    @property
    def url(self) -> str:
        self._require_file()
        if self.instance.pk is None:
            return ""
        return reverse(self.field.url_name, args=[self.instance.pk])


class DocumentField(models.FileField):
    """A privately stored document; `url_name` names the download view (taking the owner's pk)."""

    attr_class = DocumentFieldFile
    url_name = "agreements-document"


def in_force_q(today: dt.date | None = None) -> Q:
    """Agreements in force on `today`: active and within their term."""
    today = today or timezone.localdate()
    return (Q(status=AgreementStatus.ACTIVE, valid_from__lte=today)
            & (Q(valid_until__isnull=True) | Q(valid_until__gte=today)))


class Agreement(models.Model):
    """A partnership agreement between a college and an enterprise (social partner)."""

    college = models.ForeignKey(College, verbose_name=_("college"), on_delete=models.PROTECT,
                                related_name="agreements")
    enterprise = models.ForeignKey(Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT,
                                   related_name="agreements")
    kind = models.CharField(_("kind of agreement"), max_length=20, choices=AgreementKind.choices)
    number = models.CharField(_("agreement number"), max_length=50)
    signed_on = models.DateField(_("date signed"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True,
                                   help_text=_("Leave empty for an agreement without an end date."))
    status = models.CharField(_("status"), max_length=12, choices=AgreementStatus.choices,
                              default=AgreementStatus.DRAFT)
    students_covered = models.PositiveIntegerField(_("students covered"), null=True, blank=True,
                                                   validators=[MaxValueValidator(MAX_STUDENTS_COVERED)])
    subject = models.TextField(_("subject and notes"), max_length=MAX_SUBJECT, blank=True,
                               validators=[MaxLengthValidator(MAX_SUBJECT)])
    document = DocumentField(_("signed document"), upload_to=agreement_document_path, storage=private_storage,
                             max_length=200, blank=True, validators=[validate_document],
                             help_text=_("PDF, JPG or PNG, at most 10 MB."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("partnership agreement")
        verbose_name_plural = _("partnership agreements")
        ordering = ["-signed_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["college", "enterprise", "number"], name="agreement_number_per_partners"),
            models.CheckConstraint(condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                                   name="agreement_term_in_order",
                                   violation_error_message=_("The end of the term cannot precede its start.")),
        ]

    def __str__(self) -> str:
        return f"№ {self.number} ({self.get_kind_display()})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._stored = (self.status, self.valid_until)

    @classmethod
    def from_db(cls, db, field_names, values):
        agreement = super().from_db(db, field_names, values)
        agreement._stored = (agreement.__dict__.get("status"), agreement.__dict__.get("valid_until"))
        return agreement

    @property
    def in_force(self) -> bool:
        today = timezone.localdate()
        return (self.status == AgreementStatus.ACTIVE and self.valid_from is not None and self.valid_from <= today
                and (self.valid_until is None or today <= self.valid_until))

    def duplicates(self):
        """Other agreements of the same college and enterprise under the same number."""
        return (Agreement.objects.filter(college_id=self.college_id, enterprise_id=self.enterprise_id,
                                         number=self.number).exclude(pk=self.pk))

    def validate_constraints(self, exclude=None) -> None:
        """As the model's, with a second agreement under the same number reported on the number."""
        exclude = set(exclude or ())
        errors: dict = {}
        try:
            super().validate_constraints(exclude=exclude | {"number"})
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if ("number" not in exclude and self.number and self.college_id and self.enterprise_id
                and self.duplicates().exists()):
            errors.setdefault("number", []).append(ValidationError(
                gettext("The college already has an agreement № %(number)s with this enterprise; change that "
                        "agreement instead.") % {"number": self.number}, code="unique"))
        if errors:
            raise ValidationError(errors)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        today = timezone.localdate()
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = [gettext("The end of the term cannot precede its start.")]
        elif (self.status == AgreementStatus.ACTIVE and self.valid_until and self.valid_until < today
              and getattr(self, "_stored", None) != (self.status, self.valid_until)):
            # an agreement left active after its term is not in force; it is refused only when it is made so
            # (so that its other fields can still be kept up to date by those who do not change statuses)
            errors["status"] = [gettext("The term ended on %(date)s: extend it or mark the agreement expired.")
                                % {"date": date_format(self.valid_until, "SHORT_DATE_FORMAT")}]
        elif self.status == AgreementStatus.EXPIRED and (self.valid_until is None or self.valid_until >= today):
            errors["status"] = [gettext("An agreement expires only after the end of its term.")]
        if self.signed_on and self.signed_on > today and self.status != AgreementStatus.DRAFT:
            errors.setdefault("signed_on", []).append(gettext("The date signed is in the future; keep the agreement a "
                                                        "draft until it is signed."))
        if errors:
            raise ValidationError(errors)
