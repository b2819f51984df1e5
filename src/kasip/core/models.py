"""Users, organisations, roles, invitations, API tokens, the audit log and background jobs."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from .i18n import localized
from .validators import IdentifierError, validate_bin, validate_iin


class Role(models.TextChoices):
    REGION_ADMIN = "region_admin", _("Region admin")
    ANALYST = "analyst", _("Analyst")
    COLLEGE_ADMIN = "college_admin", _("College admin")
    DUAL_COORDINATOR = "dual_coordinator", _("Dual-training coordinator")
    ENTERPRISE_HR = "enterprise_hr", _("Enterprise HR")
    MENTOR = "mentor", _("Mentor")
    STUDENT = "student", _("Student")
    CUSTOMER = "customer", _("Customer")


class OrgKind(models.TextChoices):
    DEPARTMENT = "department", _("Education department")
    COLLEGE = "college", _("College")
    ENTERPRISE = "enterprise", _("Enterprise")
    CUSTOMER = "customer", _("Customer organisation")


# Which organisation kind each role belongs to (None: no organisation required).
ROLE_ORG_KIND = {
    Role.REGION_ADMIN: OrgKind.DEPARTMENT,
    Role.ANALYST: OrgKind.DEPARTMENT,
    Role.COLLEGE_ADMIN: OrgKind.COLLEGE,
    Role.DUAL_COORDINATOR: OrgKind.COLLEGE,
    Role.ENTERPRISE_HR: OrgKind.ENTERPRISE,
    Role.MENTOR: OrgKind.ENTERPRISE,
    Role.STUDENT: OrgKind.COLLEGE,
    Role.CUSTOMER: None,
}


# Messages of the Django-free validators (validators.py), listed here so that they are translated.
IDENTIFIER_MESSAGES = [
    gettext_noop("IIN must be exactly 12 digits"),
    gettext_noop("BIN must be exactly 12 digits"),
    gettext_noop("IIN has a wrong check digit"),
    gettext_noop("BIN has a wrong check digit"),
    gettext_noop("IIN has an invalid century digit (7th digit must be 1-6)"),
    gettext_noop("IIN does not start with a valid date of birth"),
    gettext_noop("BIN does not start with a valid year and month of registration"),
    gettext_noop("BIN has an invalid entity-type digit (5th digit must be 4, 5 or 6)"),
]


def validate_bin_field(value: str) -> None:
    try:
        validate_bin(value)
    except IdentifierError as exc:
        raise ValidationError(_("BIN: %(reason)s") % {"reason": _(str(exc))}) from exc


def validate_iin_field(value: str) -> None:
    try:
        validate_iin(value)
    except IdentifierError as exc:
        raise ValidationError(_("IIN: %(reason)s") % {"reason": _(str(exc))}) from exc


class NamedModel(models.Model):
    """Names in the three languages (Kazakh required), shown in the interface language."""

    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        return localized(self, "name")


class Organisation(NamedModel):
    """The region's department, a college, an enterprise or a customer organisation.

    Colleges and enterprises extend it (multi-table inheritance), so a user's organisation
    is one foreign key whatever its kind.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=OrgKind.choices)
    bin = models.CharField(
        _("BIN"), max_length=12, unique=True, null=True, blank=True, validators=[validate_bin_field]
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_ru", "name_kk"]

    def __str__(self) -> str:
        return self.name

    @property
    def code(self) -> str:
        return self.bin or f"ORG{self.pk}"


class KasipUserManager(UserManager):
    pass


class User(AbstractUser):
    """A person who logs in. Personal data (IIN, phone) is shown only under the policy."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    iin = models.CharField(
        _("IIN"), max_length=12, unique=True, null=True, blank=True, validators=[validate_iin_field]
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    language = models.CharField(
        _("interface language"), max_length=2, choices=settings.LANGUAGES, blank=True
    )

    objects = KasipUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    def save(self, *args, **kwargs):
        # Django's admin is the region admin's tool: the role decides, not a separate flag.
        self.is_staff = self.is_superuser = self.role == Role.REGION_ADMIN
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        expected = ROLE_ORG_KIND.get(self.role)
        if expected and (self.organisation is None or self.organisation.kind != expected):
            raise ValidationError(
                {"organisation": _("This role needs an organisation of kind “%(kind)s”.")
                 % {"kind": OrgKind(expected).label}}
            )


class Invitation(models.Model):
    """A one-time link that lets an imported user set a password."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"invitation for {self.user}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()


class ApiToken(models.Model):
    """A personal API token; only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def generate() -> tuple[str, str]:
        key = "ksp_" + secrets.token_urlsafe(32)
        return key, hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    READ = "read", _("read personal record")
    LOGIN = "login", _("logged in")
    LOGIN_FAILED = "login_failed", _("failed login")
    LOGOUT = "logout", _("logged out")
    IMPORT = "import", _("imported")
    EXPORT = "export", _("exported")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User, verbose_name=_("who"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_repr = models.CharField(max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_repr} {self.action} {self.object_repr}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")


class Job(models.Model):
    """A background job; progress lives here so that the web, API and CLI can show it."""

    kind = models.CharField(_("kind"), max_length=50)
    status = models.CharField(
        _("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    params = models.JSONField(default=dict, blank=True)
    report = models.JSONField(default=list, blank=True)
    result = models.JSONField(default=dict, blank=True)
    file = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"job {self.pk} {self.kind} {self.status}"

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, int(self.progress * 100 / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.SUCCEEDED, JobStatus.FAILED}
