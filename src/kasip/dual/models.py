"""Individual placement in dual training: training places, students' preferences, matching rounds,
their placements, and the in-app notifications of the results."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, gettext_lazy

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
