"""The audit log: every change to a registered model, and every staff read of a personal record.

Changes are captured by signals so that the web, the API, the CLI and Django's admin are all
covered; the acting user comes from a context variable set by the middleware (web, API) or
by the command (CLI). Bulk writes (imports) write their entries themselves.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import hashlib
from contextlib import contextmanager

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

_actor: contextvars.ContextVar = contextvars.ContextVar("kasip_actor", default=None)
_ip: contextvars.ContextVar = contextvars.ContextVar("kasip_ip", default=None)

_registry: dict[type, set[str]] = {}
SECRET_FIELDS = {"password"}


def current_actor():
    return _actor.get()


@contextmanager
def acting_as(user, ip: str | None = None):
    token = _actor.set(user)
    ip_token = _ip.set(ip)
    try:
        yield
    finally:
        _actor.reset(token)
        _ip.reset(ip_token)


def _plain(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | dict | str | int | float | bool) or value is None:
        return value
    return str(value)


def snapshot(obj: models.Model) -> dict:
    exclude = _registry.get(type(obj), set())
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude or field.primary_key and field.remote_field:
            continue
        value = getattr(obj, field.attname)
        if field.name in SECRET_FIELDS:
            # a fingerprint of the stored hash: shows that it changed, reveals nothing
            value = "***" + hashlib.sha256(value.encode()).hexdigest()[:6] if value else ""
        data[field.name] = _plain(value)
    return data


def diff(before: dict | None, after: dict | None) -> dict:
    before, after = before or {}, after or {}
    keys = set(before) | set(after)
    return {
        k: [before.get(k), after.get(k)]
        for k in sorted(keys)
        if before.get(k) != after.get(k) and k not in {"updated_at", "last_login"}
    }


def _entry(action: str, obj=None, changes: dict | None = None, actor=None, object_repr=None):
    from .models import AuditEntry

    actor = actor if actor is not None else current_actor()
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry(
        at=timezone.now(),
        actor=actor,
        actor_repr=(actor.username if actor else "system")[:200],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=(object_repr or (str(obj) if obj is not None else ""))[:300],
        changes=changes or {},
        ip=_ip.get(),
    )


def log(action: str, obj=None, changes: dict | None = None, actor=None, object_repr=None):
    entry = _entry(action, obj, changes, actor, object_repr)
    entry.save()
    return entry


def log_read(actor, obj) -> None:
    """A member of staff opened someone's personal record."""
    if actor is None or not actor.is_authenticated:
        return
    if obj._meta.label_lower == "core.user" and obj.pk == actor.pk:
        return  # reading one's own record is not audited
    log("read", obj, actor=actor)


def bulk_log_created(objects, actor=None) -> None:
    from .models import AuditEntry

    AuditEntry.objects.bulk_create(
        [_entry("create", obj, diff(None, snapshot(obj)), actor) for obj in objects],
        batch_size=1000,
    )


def register(model: type, exclude: tuple[str, ...] = ()) -> type:
    _registry[model] = set(exclude)
    pre_save.connect(_pre_save, sender=model, weak=False)
    post_save.connect(_post_save, sender=model, weak=False)
    post_delete.connect(_post_delete, sender=model, weak=False)
    return model


def _pre_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    instance._audit_before = None
    if instance.pk is not None:
        old = sender._default_manager.filter(pk=instance.pk).first()
        if old is not None:
            instance._audit_before = snapshot(old)


def _post_save(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    before = getattr(instance, "_audit_before", None)
    changes = diff(before, snapshot(instance))
    if not changes and not created:
        return
    if set(changes) <= {"last_login"}:
        return
    log("create" if created else "update", instance, changes)


def _post_delete(sender, instance, **kwargs):
    log("delete", instance, diff(snapshot(instance), None))


def _on_login(sender, request, user, **kwargs):
    log("login", user, actor=user)


def _on_logout(sender, request, user, **kwargs):
    if user is not None:
        log("logout", user, actor=user)


def _on_login_failed(sender, credentials, request=None, **kwargs):
    from .models import AuditEntry

    AuditEntry.objects.create(action="login_failed", actor_repr=str(credentials.get("username", ""))[:200],
                              object_repr=str(credentials.get("username", ""))[:300],
                              ip=(request.META.get("REMOTE_ADDR") if request is not None else None))


def connect_auth_signals() -> None:
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

    user_logged_in.connect(_on_login, weak=False, dispatch_uid="kasip_audit_login")
    user_logged_out.connect(_on_logout, weak=False, dispatch_uid="kasip_audit_logout")
    user_login_failed.connect(_on_login_failed, weak=False, dispatch_uid="kasip_audit_login_failed")
