"""Reads of the platform: users, the audit log, jobs."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from . import policy
from .models import AuditEntry, Job, User


def users(actor, *, q: str = "", role: str = "", organisation: str = "") -> QuerySet[User]:
    qs = policy.users_visible_to(actor, User.objects.select_related("organisation"))
    if q:
        qs = qs.filter(Q(last_name__icontains=q) | Q(first_name__icontains=q) | Q(email__icontains=q)
                       | Q(username__icontains=q))
    if role:
        qs = qs.filter(role=role)
    if organisation:
        qs = qs.filter(organisation__bin=organisation)
    return qs.order_by("last_name", "first_name", "pk")


def audit_entries(*, actor: str = "", action: str = "", object_type: str = "",
                  date_from: dt.date | None = None, date_to: dt.date | None = None) -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.all()
    if actor:
        qs = qs.filter(actor_repr__icontains=actor)
    if action:
        qs = qs.filter(action=action)
    if object_type:
        qs = qs.filter(object_type__icontains=object_type)
    tz = timezone.get_current_timezone()
    if date_from:
        qs = qs.filter(at__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=tz))
    if date_to:
        qs = qs.filter(at__lt=dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz))
    return qs.order_by("-at", "-id")


def jobs(actor) -> QuerySet[Job]:
    return policy.jobs_visible_to(actor, Job.objects.select_related("created_by")).order_by("-created_at", "-id")
