"""Dual training: training places, students' preferences, matching rounds, their placements and the
in-app notifications; tripartite contracts with their schedule and signatures, the orders, mentors, the
logbook, assessments and the final qualification result."""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from kasip.core.i18n import localized
from kasip.partners.models import DocumentField, private_storage, validate_document
from kasip.registry.models import District, Enterprise, EnterpriseSite, Qualification, Student

MAX_CAPACITY = 10_000
MAX_DESCRIPTION = 4000
MAX_PAYMENT = 10_000_000  # tenge a month: far above any stipend, below absurd figures
ADULT_AGE = 18


def max_preferences() -> int:
    """How many places a student may rank (setting KASIP_MAX_PREFERENCES, 5 by default)."""
    value = getattr(settings, "KASIP_MAX_PREFERENCES", 5)
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 5


class PlaceLanguage(models.TextChoices):
    KK = "kk", gettext_lazy("Kazakh")
    RU = "ru", gettext_lazy("Russian")
    ANY = "any", gettext_lazy("Kazakh or Russian")


class PlaceStatus(models.TextChoices):
    DRAFT = "draft", gettext_lazy("draft")
    PUBLISHED = "published", gettext_lazy("published")
    APPROVED = "approved", gettext_lazy("approved")
    WITHDRAWN = "withdrawn", gettext_lazy("withdrawn")


class TrainingPlace(models.Model):
    """A training place an enterprise offers at one of its sites for individual placement."""

    enterprise = models.ForeignKey(Enterprise, verbose_name=gettext_lazy("enterprise"), on_delete=models.PROTECT,
                                   related_name="training_places")
    site = models.ForeignKey(EnterpriseSite, verbose_name=gettext_lazy("site"), on_delete=models.PROTECT,
                             related_name="training_places")
    title = models.CharField(gettext_lazy("title"), max_length=300)
    description = models.TextField(gettext_lazy("description"), max_length=MAX_DESCRIPTION, blank=True,
                                   validators=[MaxLengthValidator(MAX_DESCRIPTION)])
    qualifications = models.ManyToManyField(Qualification, verbose_name=gettext_lazy("qualifications"),
                                            related_name="training_places")
    language = models.CharField(gettext_lazy("language of training"), max_length=3, choices=PlaceLanguage.choices,
                                default=PlaceLanguage.ANY)
    district = models.ForeignKey(District, verbose_name=gettext_lazy("district"), on_delete=models.PROTECT,
                                 related_name="training_places")
    district_only = models.BooleanField(gettext_lazy("only students of colleges in this district"), default=False)
    capacity = models.PositiveIntegerField(gettext_lazy("capacity"),
                                           validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)])
    starts_on = models.DateField(gettext_lazy("start of the period"))
    ends_on = models.DateField(gettext_lazy("end of the period"))
    monthly_payment = models.DecimalField(gettext_lazy("monthly payment to the student, tenge"), max_digits=12,
                                          decimal_places=2,
                                          validators=[MinValueValidator(0), MaxValueValidator(MAX_PAYMENT)])
    payment_reason = models.CharField(gettext_lazy("reason for no payment"), max_length=300, blank=True)
    mentors = models.CharField(gettext_lazy("mentors"), max_length=500, blank=True)
    status = models.CharField(gettext_lazy("status"), max_length=10, choices=PlaceStatus.choices,
                              default=PlaceStatus.DRAFT)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(gettext_lazy("created"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("updated"), auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("training place")
        verbose_name_plural = gettext_lazy("training places")
        ordering = ["-starts_on", "title", "pk"]
        indexes = [models.Index(fields=["status", "starts_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="place_capacity_positive"),
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="place_period_in_order"),
            models.CheckConstraint(condition=Q(monthly_payment__gte=0), name="place_payment_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def adults_only(self) -> bool:
        """Places at hazardous sites take trainees of 18 and over (at the start of the period) only."""
        return bool(self.site_id and self.site.hazardous)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            errors["ends_on"] = [gettext("The period must end after it starts.")]
        if self.monthly_payment is not None and self.monthly_payment == 0 and not (self.payment_reason or "").strip():
            errors["payment_reason"] = [gettext("Give the reason when the place pays the student nothing.")]
        if self.site_id and self.enterprise_id and self.site.enterprise_id != self.enterprise_id:
            errors["site"] = [gettext("The site belongs to another enterprise.")]
        if errors:
            raise ValidationError(errors)


class Preference(models.Model):
    """A student's ranking of a training place (1 is the first choice); the college's score orders the
    place's applicants when the enterprise does not rank them itself."""

    student = models.ForeignKey(Student, verbose_name=gettext_lazy("student"), on_delete=models.CASCADE,
                                related_name="dual_preferences")
    place = models.ForeignKey(TrainingPlace, verbose_name=gettext_lazy("training place"), on_delete=models.CASCADE,
                              related_name="preferences")
    rank = models.PositiveSmallIntegerField(gettext_lazy("rank"), validators=[MinValueValidator(1)])
    score = models.DecimalField(gettext_lazy("college's score"), max_digits=7, decimal_places=2, default=0,
                                validators=[MinValueValidator(0), MaxValueValidator(10_000)])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("preference")
        verbose_name_plural = gettext_lazy("preferences")
        ordering = ["student", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["student", "place"], name="preference_once_per_place"),
            models.UniqueConstraint(fields=["student", "rank"], name="preference_rank_once"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.place}"


class PlaceRanking(models.Model):
    """An enterprise's own ranking of a place's applicants (1 is the best); without it the college's
    score decides."""

    place = models.ForeignKey(TrainingPlace, on_delete=models.CASCADE, related_name="rankings")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveIntegerField(validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["place", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["place", "student"], name="place_ranking_once_per_student"),
            models.UniqueConstraint(fields=["place", "rank"], name="place_ranking_rank_once"),
        ]

    def __str__(self) -> str:
        return f"{self.place_id}: {self.rank}. {self.student_id}"


class RoundScope(models.TextChoices):
    REGION = "region", gettext_lazy("the region")
    COLLEGE = "college", gettext_lazy("one college")


class RoundStatus(models.TextChoices):
    OPEN = "open", gettext_lazy("open")
    LOCKED = "locked", gettext_lazy("locked")
    RUN = "run", gettext_lazy("run")
    PUBLISHED = "published", gettext_lazy("published")


class MatchingRound(models.Model):
    """A matching round: the approved places it fills, its scope and deadline, the recorded seed of its
    lottery; its placements once run."""

    name = models.CharField(gettext_lazy("name"), max_length=200)
    scope = models.CharField(gettext_lazy("scope"), max_length=10, choices=RoundScope.choices,
                             default=RoundScope.COLLEGE)
    college = models.ForeignKey("registry.College", verbose_name=gettext_lazy("college"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="matching_rounds")
    deadline = models.DateTimeField(gettext_lazy("deadline for preferences"))
    status = models.CharField(gettext_lazy("status"), max_length=10, choices=RoundStatus.choices,
                              default=RoundStatus.OPEN)
    seed = models.BigIntegerField(gettext_lazy("lottery seed"))
    places = models.ManyToManyField(TrainingPlace, verbose_name=gettext_lazy("training places"), blank=True,
                                    related_name="rounds")
    previous_round = models.ForeignKey("self", verbose_name=gettext_lazy("previous round"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="next_rounds")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(gettext_lazy("created"), auto_now_add=True)
    locked_at = models.DateTimeField(null=True, blank=True)
    run_at = models.DateTimeField(gettext_lazy("run"), null=True, blank=True)
    published_at = models.DateTimeField(gettext_lazy("published"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("matching round")
        verbose_name_plural = gettext_lazy("matching rounds")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(scope="region", college__isnull=True) | Q(scope="college", college__isnull=False)),
                name="round_scope_college"),
        ]

    def __str__(self) -> str:
        return self.name

    def covers_college(self, college_id) -> bool:
        return self.scope == RoundScope.REGION or self.college_id == college_id


class UnmatchedReason(models.TextChoices):
    NO_PREFERENCES = "no_preferences", gettext_lazy("ranked no eligible place of the round")
    NOT_RANKED = "not_ranked", gettext_lazy("no place on the list ranks the student")
    NO_CAPACITY = "no_capacity", gettext_lazy("the places that rank the student have no seats left")
    OUTRANKED = "outranked", gettext_lazy("every place on the list is full with applicants ranked higher")


class Placement(models.Model):
    """The result of a round for one student: the place obtained and its rank on the student's list, or the
    reason for none."""

    round = models.ForeignKey(MatchingRound, verbose_name=gettext_lazy("matching round"), on_delete=models.CASCADE,
                              related_name="placements")
    student = models.ForeignKey(Student, verbose_name=gettext_lazy("student"), on_delete=models.PROTECT,
                                related_name="dual_placements")
    place = models.ForeignKey(TrainingPlace, verbose_name=gettext_lazy("training place"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="placements")
    rank_obtained = models.PositiveSmallIntegerField(gettext_lazy("rank obtained"), null=True, blank=True)
    reason = models.CharField(gettext_lazy("reason"), max_length=20, choices=UnmatchedReason.choices, blank=True)

    class Meta:
        verbose_name = gettext_lazy("placement")
        verbose_name_plural = gettext_lazy("placements")
        ordering = ["round", "student__last_name", "student__first_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "student"], name="placement_once_per_round")]

    def __str__(self) -> str:
        return f"{self.student} → {self.place or '—'}"


class Notification(models.Model):
    """An in-app notification (the results of a round)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dual_notifications")
    text = models.CharField(gettext_lazy("text"), max_length=500)
    url = models.CharField(gettext_lazy("link"), max_length=300, blank=True)
    created = models.DateTimeField(gettext_lazy("created"), auto_now_add=True)
    read = models.BooleanField(gettext_lazy("read"), default=False)

    class Meta:
        verbose_name = gettext_lazy("notification")
        verbose_name_plural = gettext_lazy("notifications")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return self.text


# =========================================================================================
# Contracts, orders, mentors, the logbook and assessments
# =========================================================================================
MAX_TRAINEES_PER_MENTOR = 30
MAX_TEXT = 4000


def share_threshold() -> int:
    """The share of production training at the enterprise below which a trainee is flagged, in per cent
    (setting KASIP_ENTERPRISE_SHARE, 60 by default: the figure commonly cited from the Rules of organising
    dual training)."""
    value = getattr(settings, "KASIP_ENTERPRISE_SHARE", 60)
    try:
        return min(100, max(0, int(value)))
    except (TypeError, ValueError):
        return 60


class Mentor(models.Model):
    """An enterprise's employee who trains students on the job (наставник / тәлімгер); the account, when
    there is one, gives the mentor his or her own page."""

    enterprise = models.ForeignKey(Enterprise, verbose_name=gettext_lazy("enterprise"), on_delete=models.PROTECT,
                                   related_name="mentors")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("account"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="mentor_profile")
    last_name = models.CharField(gettext_lazy("last name"), max_length=150)
    first_name = models.CharField(gettext_lazy("first name"), max_length=150)
    patronymic = models.CharField(gettext_lazy("patronymic"), max_length=150, blank=True)
    position = models.CharField(gettext_lazy("position"), max_length=200, blank=True)
    phone = models.CharField(gettext_lazy("phone"), max_length=32, blank=True)
    email = models.EmailField(gettext_lazy("e-mail"), blank=True)
    max_trainees = models.PositiveSmallIntegerField(
        gettext_lazy("maximum trainees"), default=5,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TRAINEES_PER_MENTOR)])
    is_active = models.BooleanField(gettext_lazy("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("mentor")
        verbose_name_plural = gettext_lazy("mentors")
        ordering = ["enterprise", "last_name", "first_name", "pk"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)


class ContractStatus(models.TextChoices):
    DRAFT = "draft", gettext_lazy("draft")
    SIGNING = "signing", gettext_lazy("awaiting signatures")
    SIGNED = "signed", gettext_lazy("signed")
    COMPLETED = "completed", gettext_lazy("completed")
    TERMINATED = "terminated", gettext_lazy("terminated")


OPEN_CONTRACT_STATUSES = (ContractStatus.DRAFT, ContractStatus.SIGNING, ContractStatus.SIGNED)


class ContractOrigin(models.TextChoices):
    GROUP = "group", gettext_lazy("group placement under a dual-training agreement")
    MATCHING = "matching", gettext_lazy("individual placement (matching round)")


class Contract(models.Model):
    """The tripartite contract on dual training: student (or, for a minor, the guardian), college and
    enterprise. Holds what the bilingual document states; its periods and signatures hang off it."""

    number = models.CharField(gettext_lazy("contract number"), max_length=50, unique=True)
    origin = models.CharField(gettext_lazy("origin"), max_length=10, choices=ContractOrigin.choices)
    student = models.ForeignKey(Student, verbose_name=gettext_lazy("student"), on_delete=models.PROTECT,
                                related_name="dual_contracts")
    college = models.ForeignKey("registry.College", verbose_name=gettext_lazy("college"), on_delete=models.PROTECT,
                                related_name="dual_contracts")
    enterprise = models.ForeignKey(Enterprise, verbose_name=gettext_lazy("enterprise"), on_delete=models.PROTECT,
                                   related_name="dual_contracts")
    site = models.ForeignKey(EnterpriseSite, verbose_name=gettext_lazy("site"), on_delete=models.PROTECT,
                             related_name="dual_contracts")
    programme = models.ForeignKey("registry.Programme", verbose_name=gettext_lazy("programme"),
                                  on_delete=models.PROTECT, related_name="dual_contracts")
    agreement = models.ForeignKey("partners.Agreement", verbose_name=gettext_lazy("dual-training agreement"),
                                  null=True, blank=True, on_delete=models.PROTECT, related_name="dual_contracts")
    place = models.ForeignKey(TrainingPlace, verbose_name=gettext_lazy("training place"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="contracts")
    placement = models.OneToOneField(Placement, verbose_name=gettext_lazy("placement"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="contract")
    mentor = models.ForeignKey(Mentor, verbose_name=gettext_lazy("mentor"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="contracts")
    starts_on = models.DateField(gettext_lazy("start of training"))
    ends_on = models.DateField(gettext_lazy("end of training"))
    enterprise_hours = models.PositiveIntegerField(gettext_lazy("hours of training at the enterprise"),
                                                   validators=[MinValueValidator(1), MaxValueValidator(10_000)])
    practice_hours = models.PositiveIntegerField(
        gettext_lazy("planned hours of production training in the contract's period"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10_000)],
        help_text=gettext_lazy("Leave empty when the contract covers the whole programme: its planned hours of "
                               "production training and practice count then."))
    monthly_payment = models.DecimalField(gettext_lazy("monthly payment to the student, tenge"), max_digits=12,
                                          decimal_places=2,
                                          validators=[MinValueValidator(0), MaxValueValidator(MAX_PAYMENT)])
    payment_reason = models.CharField(gettext_lazy("reason for no payment"), max_length=300, blank=True)
    insurance = models.CharField(gettext_lazy("insurance against accidents (insurer, policy)"), max_length=300,
                                 blank=True)
    work_obligation_months = models.PositiveSmallIntegerField(
        gettext_lazy("months of work for the enterprise after graduating (0: none)"), default=0,
        validators=[MaxValueValidator(120)])
    guardian_name = models.CharField(gettext_lazy("guardian's full name"), max_length=300, blank=True)
    guardian_iin = models.CharField(gettext_lazy("guardian's IIN"), max_length=12, blank=True)
    guardian_document = models.CharField(gettext_lazy("guardian's identity document"), max_length=300, blank=True,
                                         help_text=gettext_lazy("Kind, number, issued by and date."))
    student_document = models.CharField(gettext_lazy("student's identity document"), max_length=300, blank=True)
    status = models.CharField(gettext_lazy("status"), max_length=12, choices=ContractStatus.choices,
                              default=ContractStatus.DRAFT)
    status_reason = models.CharField(gettext_lazy("reason"), max_length=500, blank=True)
    safety_briefing_on = models.DateField(gettext_lazy("safety briefing"), null=True, blank=True)
    safety_briefing_by = models.CharField(gettext_lazy("briefing given by"), max_length=200, blank=True)
    medical_exam_on = models.DateField(gettext_lazy("medical examination"), null=True, blank=True)
    medical_exam_ref = models.CharField(gettext_lazy("medical certificate number"), max_length=100, blank=True)
    behind_alerted_on = models.DateField(null=True, blank=True)
    # The copy the parties sign, fixed when the contract is sent for signature (an ЭЦП's digest is checked against it).
    document_to_sign = models.FileField(gettext_lazy("copy to sign"), upload_to="contracts/documents/%Y/",
                                        storage=private_storage, max_length=200, blank=True)
    document_digest = models.CharField(gettext_lazy("SHA-256 of the copy to sign"), max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(gettext_lazy("created"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("updated"), auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("tripartite contract")
        verbose_name_plural = gettext_lazy("tripartite contracts")
        ordering = ["-starts_on", "number"]
        indexes = [models.Index(fields=["college", "status"]), models.Index(fields=["enterprise", "status"]),
                   models.Index(fields=["place", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["student"], condition=Q(status__in=["draft", "signing", "signed"]),
                                    name="contract_one_open_per_student"),
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="contract_period_in_order"),
            models.CheckConstraint(condition=Q(monthly_payment__gte=0), name="contract_payment_not_negative"),
        ]

    def __str__(self) -> str:
        return f"№ {self.number}"

    def is_minor_on(self, day) -> bool:
        return self.student.age_on(day) < ADULT_AGE

    @property
    def is_minor(self) -> bool:
        return bool(self.starts_on) and self.is_minor_on(self.starts_on)

    @property
    def planned_practice_hours(self) -> int:
        """The planned production-training hours the share at the enterprise is measured against: the contract's
        own figure when it covers part of the programme, else the programme's."""
        return self.practice_hours or (self.programme.hours_practice if self.programme_id else 0)

    @property
    def ready_for_logbook(self) -> bool:
        """Signed, with the safety briefing and the medical examination recorded."""
        return (self.status == ContractStatus.SIGNED and self.safety_briefing_on is not None
                and self.medical_exam_on is not None)


class PeriodKind(models.TextChoices):
    COLLEGE = "college", gettext_lazy("at the college")
    ENTERPRISE = "enterprise", gettext_lazy("at the enterprise")


class ContractPeriod(models.Model):
    """One period of the contract's schedule: theory at the college or training at the enterprise."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(gettext_lazy("where"), max_length=10, choices=PeriodKind.choices)
    starts_on = models.DateField(gettext_lazy("from"))
    ends_on = models.DateField(gettext_lazy("to"))

    class Meta:
        verbose_name = gettext_lazy("period of the schedule")
        verbose_name_plural = gettext_lazy("schedule")
        ordering = ["contract", "starts_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")),
                                              name="contract_period_dates_in_order")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_on}–{self.ends_on}"


class Party(models.TextChoices):
    STUDENT = "student", gettext_lazy("student")
    GUARDIAN = "guardian", gettext_lazy("guardian")
    COLLEGE = "college", gettext_lazy("college")
    ENTERPRISE = "enterprise", gettext_lazy("enterprise")


class SignatureMethod(models.TextChoices):
    ECP = "ecp", gettext_lazy("digital signature (ЭЦП, NCALayer)")
    SCAN = "scan", gettext_lazy("uploaded signed scan")


def signature_scan_path(instance, filename: str) -> str:
    """A random name (the uploaded name may carry anything), keeping the checked extension."""
    extension = os.path.splitext(filename or "")[1].lower().replace(".jpeg", ".jpg")
    return f"contracts/{timezone.now():%Y}/{uuid.uuid4().hex}{extension}"


class SignatureScanField(DocumentField):
    """A signed scan: its URL is the download view's, which checks who asks."""

    url_name = "contracts-signature-scan"


class Signature(models.Model):
    """One party's signature of a contract: by ЭЦП (the CMS from NCALayer and the signer's certificate
    details) or by an uploaded signed scan; who recorded it and when."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="signatures")
    party = models.CharField(gettext_lazy("party"), max_length=10, choices=Party.choices)
    method = models.CharField(gettext_lazy("method"), max_length=4, choices=SignatureMethod.choices)
    signer_name = models.CharField(gettext_lazy("signed by"), max_length=300, blank=True)
    signer_id = models.CharField(gettext_lazy("signer's IIN or BIN"), max_length=12, blank=True)
    document_digest = models.CharField(gettext_lazy("SHA-256 of the signed document"), max_length=64, blank=True)
    cms = models.TextField(gettext_lazy("CMS signature"), blank=True)
    scan = SignatureScanField(gettext_lazy("signed scan"), upload_to=signature_scan_path, storage=private_storage,
                         max_length=200, blank=True, validators=[validate_document])
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    signed_at = models.DateTimeField(gettext_lazy("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("signature")
        verbose_name_plural = gettext_lazy("signatures")
        ordering = ["contract", "signed_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["contract", "party"], name="signature_once_per_party")]

    def __str__(self) -> str:
        return f"{self.contract} — {self.get_party_display()}"


class OrderKind(models.TextChoices):
    SENDING = "sending", gettext_lazy("college's order sending students to the enterprise")
    MENTORS = "mentors", gettext_lazy("enterprise's order appointing mentors")


class TrainingOrder(models.Model):
    """An order (приказ / бұйрық) generated as a document: the college's sending students to an enterprise,
    or the enterprise's appointing their mentors."""

    kind = models.CharField(gettext_lazy("kind of order"), max_length=10, choices=OrderKind.choices)
    number = models.CharField(gettext_lazy("order number"), max_length=50)
    date = models.DateField(gettext_lazy("date of the order"))
    college = models.ForeignKey("registry.College", verbose_name=gettext_lazy("college"), on_delete=models.PROTECT,
                                related_name="dual_orders")
    enterprise = models.ForeignKey(Enterprise, verbose_name=gettext_lazy("enterprise"), on_delete=models.PROTECT,
                                   related_name="dual_orders")
    agreement = models.ForeignKey("partners.Agreement", verbose_name=gettext_lazy("dual-training agreement"),
                                  null=True, blank=True, on_delete=models.PROTECT, related_name="dual_orders")
    contracts = models.ManyToManyField(Contract, verbose_name=gettext_lazy("contracts"), related_name="orders")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("order")
        verbose_name_plural = gettext_lazy("orders")
        ordering = ["-date", "number", "pk"]
        constraints = [models.UniqueConstraint(fields=["kind", "college", "enterprise", "number"],
                                               name="training_order_number_unique")]

    def __str__(self) -> str:
        return f"№ {self.number} ({self.get_kind_display()})"


class LearningOutcome(models.Model):
    """A learning outcome of a qualification (результат обучения), the unit logbook tasks and assessments
    refer to; the list per qualification is editable."""

    qualification = models.ForeignKey(Qualification, verbose_name=gettext_lazy("qualification"),
                                      on_delete=models.CASCADE, related_name="learning_outcomes")
    code = models.CharField(gettext_lazy("code"), max_length=20)
    name_kk = models.CharField(gettext_lazy("name (Kazakh)"), max_length=500)
    name_ru = models.CharField(gettext_lazy("name (Russian)"), max_length=500, blank=True)
    name_en = models.CharField(gettext_lazy("name (English)"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(gettext_lazy("position"), default=0)
    is_active = models.BooleanField(gettext_lazy("active"), default=True)

    class Meta:
        verbose_name = gettext_lazy("learning outcome")
        verbose_name_plural = gettext_lazy("learning outcomes")
        ordering = ["qualification", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["qualification", "code"], name="learning_outcome_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return localized(self, "name")


class EntryLocation(models.TextChoices):
    ENTERPRISE = "enterprise", gettext_lazy("at the enterprise")
    COLLEGE = "college", gettext_lazy("at the college")


class EntryStatus(models.TextChoices):
    SUBMITTED = "submitted", gettext_lazy("awaiting sign-off")
    SIGNED = "signed", gettext_lazy("signed off")
    RETURNED = "returned", gettext_lazy("returned")


class LogbookEntry(models.Model):
    """A dated entry of the trainee's logbook: when, where, the tasks and the learning outcomes they serve;
    the mentor signs it off or returns it with a comment."""

    contract = models.ForeignKey(Contract, verbose_name=gettext_lazy("contract"), on_delete=models.PROTECT,
                                 related_name="logbook")
    date = models.DateField(gettext_lazy("date"))
    starts_at = models.TimeField(gettext_lazy("from"))
    ends_at = models.TimeField(gettext_lazy("to"))
    hours = models.DecimalField(gettext_lazy("hours"), max_digits=4, decimal_places=1,
                                validators=[MinValueValidator(0), MaxValueValidator(24)])
    location = models.CharField(gettext_lazy("where"), max_length=10, choices=EntryLocation.choices,
                                default=EntryLocation.ENTERPRISE)
    tasks = models.TextField(gettext_lazy("tasks done"), max_length=MAX_TEXT, validators=[MaxLengthValidator(MAX_TEXT)])
    outcomes = models.ManyToManyField(LearningOutcome, verbose_name=gettext_lazy("learning outcomes"), blank=True,
                                      related_name="logbook_entries")
    status = models.CharField(gettext_lazy("status"), max_length=10, choices=EntryStatus.choices,
                              default=EntryStatus.SUBMITTED)
    mentor_comment = models.CharField(gettext_lazy("mentor's comment"), max_length=1000, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("logbook entry")
        verbose_name_plural = gettext_lazy("logbook entries")
        ordering = ["contract", "-date", "-starts_at", "-pk"]
        indexes = [models.Index(fields=["contract", "date"]), models.Index(fields=["contract", "status"])]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="logbook_times_in_order")]

    def __str__(self) -> str:
        return f"{self.date} {self.hours} h"


class AssessmentResult(models.TextChoices):
    COMPETENT = "competent", gettext_lazy("competent")
    NOT_YET = "not_yet", gettext_lazy("not yet competent")


class Assessment(models.Model):
    """A competency assessment by the mentor against one learning outcome (or the whole qualification when
    no outcome is named)."""

    contract = models.ForeignKey(Contract, verbose_name=gettext_lazy("contract"), on_delete=models.PROTECT,
                                 related_name="assessments")
    outcome = models.ForeignKey(LearningOutcome, verbose_name=gettext_lazy("learning outcome"), null=True,
                                blank=True, on_delete=models.PROTECT, related_name="assessments")
    date = models.DateField(gettext_lazy("date"))
    result = models.CharField(gettext_lazy("result"), max_length=10, choices=AssessmentResult.choices)
    score = models.PositiveSmallIntegerField(gettext_lazy("score (1–5)"), null=True, blank=True,
                                             validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.CharField(gettext_lazy("comment"), max_length=1000, blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("assessment")
        verbose_name_plural = gettext_lazy("assessments")
        ordering = ["contract", "-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_result_display()}"


class FinalResultKind(models.TextChoices):
    PASSED = "passed", gettext_lazy("qualification confirmed")
    FAILED = "failed", gettext_lazy("qualification not confirmed")


class FinalResult(models.Model):
    """The final qualification result of a trainee's dual training (the qualification exam with the
    enterprise's participation)."""

    contract = models.OneToOneField(Contract, verbose_name=gettext_lazy("contract"), on_delete=models.PROTECT,
                                    related_name="final_result")
    date = models.DateField(gettext_lazy("date of the exam"))
    result = models.CharField(gettext_lazy("result"), max_length=10, choices=FinalResultKind.choices)
    qualification = models.ForeignKey(Qualification, verbose_name=gettext_lazy("qualification awarded"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    grade = models.PositiveSmallIntegerField(gettext_lazy("grade (1–5)"), null=True, blank=True,
                                             validators=[MinValueValidator(1), MaxValueValidator(5)])
    certificate_number = models.CharField(gettext_lazy("certificate number"), max_length=50, blank=True)
    comment = models.CharField(gettext_lazy("comment"), max_length=1000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("final qualification result")
        verbose_name_plural = gettext_lazy("final qualification results")

    def __str__(self) -> str:
        return f"{self.contract}: {self.get_result_display()}"
