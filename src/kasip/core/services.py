"""Writes of the platform: accounts, invitations, API tokens and background jobs."""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import OperationalError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import audit, policy
from .imports import get_spec, run_import
from .models import ApiToken, Invitation, Job, JobStatus, Organisation, User
from .tabular import ALLOWED_EXTENSIONS, FileRejected

logger = logging.getLogger(__name__)

# --- accounts -------------------------------------------------------------------------
USER_FIELDS = ("email", "first_name", "last_name", "patronymic", "phone", "iin", "language")


def create_user(actor, *, role: str, organisation: Organisation | None, email: str, invite: bool = True,
                password: str | None = None, username: str | None = None, **fields) -> User:
    if actor is not None and not policy.can_create_user(actor, role, organisation):
        raise PermissionDenied(_("You may not create this account."))
    user = User(
        username=(username or email).strip().lower(),
        email=email.strip().lower(),
        role=role,
        organisation=organisation,
        **{k: v for k, v in fields.items() if k in USER_FIELDS},
    )
    if user.iin == "":
        user.iin = None
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    with transaction.atomic():
        user.save()
        if invite:
            token = issue_invitation(user, actor)
            transaction.on_commit(lambda: send_invitation(user, token))
    return user


def update_user(actor, target: User, **fields) -> User:
    if not policy.can_edit_user(actor, target):
        raise PermissionDenied(_("You may not change this account."))
    role = fields.get("role", target.role)
    if role != target.role and role not in policy.manageable_roles(actor):
        raise ValidationError({"role": _("You may not give this role.")})
    if target.pk == actor.pk and (role != target.role or fields.get("is_active", True) is False):
        raise ValidationError({"role": _("You may not change your own role or deactivate your own account.")})
    for key in (*USER_FIELDS, "role", "is_active", "organisation"):
        if key in fields:
            setattr(target, key, fields[key])
    if target.iin == "":
        target.iin = None
    if "organisation" in fields and not policy.is_region_admin(actor) and (
        target.organisation_id != actor.organisation_id
    ):
        raise ValidationError({"organisation": _("You may not move accounts to another organisation.")})
    target.full_clean()
    target.save()
    return target


def issue_invitation(user: User, actor=None) -> str:
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(
        user=user,
        token_hash=Invitation.hash_token(token),
        expires_at=timezone.now() + dt.timedelta(days=settings.KASIP_INVITATION_DAYS),
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    return token


def invitation_url(token: str) -> str:
    return settings.KASIP_BASE_URL.rstrip("/") + reverse("invitation", args=[token])


def send_invitation(user: User, token: str) -> None:
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {"user": user, "url": invitation_url(token), "days": settings.KASIP_INVITATION_DAYS}
        send_mail(
            subject=_("Your Kasip account"),
            message=render_to_string("core/email/invitation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )


def find_invitation(token: str) -> Invitation | None:
    return Invitation.objects.select_related("user").filter(token_hash=Invitation.hash_token(token)).first()


def accept_invitation(token: str, password: str) -> User:
    """Set the password of an invited user; the link works once and until it expires."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().select_related("user")
            .filter(token_hash=Invitation.hash_token(token)).first()
        )
        if invitation is None:
            raise ValidationError(_("This invitation link is not valid."))
        if invitation.used_at is not None:
            raise ValidationError(_("This invitation link has already been used."))
        if invitation.expires_at <= timezone.now():
            raise ValidationError(_("This invitation link has expired; ask for a new one."))
        user = invitation.user
        validate_password(password, user)
        user.set_password(password)
        user.is_active = True
        with audit.acting_as(user):
            user.save()
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
        Invitation.objects.filter(user=user, used_at__isnull=True).update(used_at=timezone.now())
    return user


def resend_invitation(actor, target: User) -> None:
    if not policy.can_edit_user(actor, target):
        raise PermissionDenied(_("You may not change this account."))
    token = issue_invitation(target, actor)
    transaction.on_commit(lambda: send_invitation(target, token))


def create_api_token(user: User, name: str) -> tuple[ApiToken, str]:
    if not policy.can_use_api_tokens(user):
        raise PermissionDenied(_("You may not create API tokens."))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    key, key_hash = ApiToken.generate()
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=key[:8], key_hash=key_hash)
    audit.log("create", token, {"name": [None, token.name]}, actor=user, object_repr=f"API token {token.name}")
    return token, key


def revoke_api_token(user: User, token_id: int) -> None:
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise PermissionDenied(_("No such token."))
    audit.log("delete", token, {"name": [token.name, None]}, actor=user, object_repr=f"API token {token.name}")
    token.delete()


def user_for_api_key(key: str) -> User | None:
    token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash_key(key)).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


# --- imports as background jobs -------------------------------------------------------
def start_import(actor, kind: str, filename: str, data: bytes, encoding: str | None = None,
                 enqueue: bool = True) -> Job:
    """Check the upload, store it and queue the import; the worker does the rest."""
    spec = get_spec(kind)
    if not spec.can_import(actor):
        raise PermissionDenied(_("You may not import this kind of data."))
    if len(data) > settings.KASIP_IMPORT_MAX_BYTES:
        raise FileRejected(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": round(len(data) / 1048576, 1), "limit": round(settings.KASIP_IMPORT_MAX_BYTES / 1048576, 1)}
        )
    if not (filename or "").lower().endswith(ALLOWED_EXTENSIONS):
        raise FileRejected(_("Only CSV and XLSX files can be imported."))
    if not data:
        raise FileRejected(_("The file is empty."))
    job = Job(kind=f"import:{kind}", created_by=actor, original_name=filename[:255],
              params={"kind": kind, "encoding": encoding or ""})
    job.file.save(filename[-100:], ContentFile(data), save=False)
    job.save()
    from .tasks import run_job

    if enqueue:
        transaction.on_commit(lambda: run_job.delay(job.pk))
    return job


def _progress_writer(job: Job, also=None):
    def write(done: int, total: int) -> None:
        try:
            Job.objects.filter(pk=job.pk).update(progress=done, total=total)
        except OperationalError:  # progress is news, not data: a busy database must not stop the import
            logger.warning("job %s: progress not recorded (database busy)", job.pk)
        if also is not None:
            also(done, total)

    return write


def execute_job(job_id: int, on_progress=None) -> Job:
    """Run a queued job (in the worker, or in the foreground for the CLI)."""
    job = Job.objects.select_related("created_by").get(pk=job_id)
    if job.is_finished:
        return job
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    try:
        if job.kind.startswith("import:"):
            actor = job.created_by
            with job.file.open("rb") as handle:
                data = handle.read()
            language = (actor.language if actor else "") or settings.LANGUAGE_CODE
            with translation.override(language), audit.acting_as(actor):
                result = run_import(job.params["kind"], data, job.original_name, actor,
                                    encoding=job.params.get("encoding") or None, progress=_progress_writer(job, on_progress))
                if result.ok:
                    audit.log("import", None, {"kind": [None, job.params["kind"]], "file": [None, job.original_name],
                                               "created": [None, result.created], "updated": [None, result.updated]},
                              actor=actor, object_repr=f"{job.params['kind']}: {job.original_name}")
            job.refresh_from_db()
            job.result = result.as_dict()
            job.report = [e.as_dict() for e in result.errors[:10000]]
            job.message = result.file_error
            job.status = JobStatus.SUCCEEDED if result.ok else JobStatus.FAILED
        else:
            job.status = JobStatus.FAILED
            job.message = f"unknown job kind {job.kind}"
    except Exception as exc:  # the job records the failure instead of vanishing
        job.refresh_from_db()
        job.status = JobStatus.FAILED
        job.message = _("The job failed: %(error)s") % {"error": exc}
        logger.exception("job %s failed", job.pk)
    finally:
        job.finished_at = timezone.now()
        job.save()
    return job
