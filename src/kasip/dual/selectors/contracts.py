"""Reads of contracts and orders, scoped by the policy; lists run a fixed number of queries."""

from __future__ import annotations

import re

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy

from kasip.partners.models import Agreement, AgreementKind, in_force_q
from kasip.registry.models import College, Enterprise, EnterpriseSite, Group

from .. import policy
from ..models import (
    OPEN_CONTRACT_STATUSES,
    Contract,
    ContractOrigin,
    ContractStatus,
    Mentor,
    OrderKind,
    Placement,
    RoundStatus,
    Signature,
    TrainingOrder,
)

ID = re.compile(r"^[0-9]{1,18}$")

__all__ = [
    "acceptable_placements",
    "college_choices",
    "contract",
    "contract_status_choices",
    "contracts",
    "contracts_with_relations",
    "dual_agreements",
    "enterprise_choices",
    "export_rows",
    "EXPORT_HEADERS",
    "groups_for",
    "mentors_for",
    "order",
    "orderable_contracts",
    "orders",
    "origin_choices",
    "sites_for",
]


def _text(value) -> str:
    return str(value or "").replace("\x00", "").strip()


def contracts_with_relations() -> QuerySet[Contract]:
    return (Contract.objects.select_related("student__group", "college", "enterprise", "site", "mentor",
                                            "programme__qualification", "agreement")
            .prefetch_related(Prefetch("signatures", queryset=Signature.objects.order_by("signed_at", "pk"))))


def contracts(user, *, q: str = "", status: str = "", origin: str = "", college: str = "", enterprise: str = "",
              group: str = "", year: str = "") -> QuerySet[Contract]:
    """The contracts the user may see (``None``: the system, all of them): search (number, student's name or IIN), status, origin, college and
    enterprise (id or BIN), group (code), year the training starts."""
    qs = contracts_with_relations() if user is None else policy.contracts_scope(user, contracts_with_relations())
    q, status, origin, college, enterprise = _text(q), _text(status), _text(origin), _text(college), _text(enterprise)
    group, year = _text(group), _text(year)
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(student__last_name__icontains=q)
                       | Q(student__first_name__icontains=q) | Q(student__iin=q))
    if status:
        qs = qs.filter(status=status) if status in ContractStatus.values else qs.none()
    if origin:
        qs = qs.filter(origin=origin) if origin in ContractOrigin.values else qs.none()
    for key, value in (("college", college), ("enterprise", enterprise)):
        if value:
            if len(value) == 12 and value.isdigit():
                qs = qs.filter(**{f"{key}__bin": value})
            elif ID.match(value):
                qs = qs.filter(**{f"{key}_id": int(value)})
            else:
                qs = qs.none()
    if group:
        qs = qs.filter(student__group__code=group)
    if year:
        qs = qs.filter(starts_on__year=int(year)) if year.isdigit() and 2000 <= int(year) <= 2100 else qs.none()
    return qs.order_by("-starts_on", "number")


def contract(pk: int) -> Contract | None:
    return contracts_with_relations().prefetch_related("periods").filter(pk=pk).first()


def contract_status_choices(user=None) -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in ContractStatus.choices]


def origin_choices(user=None) -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in ContractOrigin.choices]


def college_choices(user) -> list[tuple[str, str]]:
    qs = College.objects.order_by("name_ru", "name_kk")
    if policy.is_college_staff(user):
        qs = qs.filter(pk=user.organisation_id)
    return [(str(c.pk), c.name) for c in qs]


def enterprise_choices(user) -> list[tuple[str, str]]:
    used = policy.contracts_scope(user, Contract.objects.all()).values("enterprise_id")
    return [(str(e.pk), e.name) for e in Enterprise.objects.filter(pk__in=used).order_by("name_ru", "name_kk")]


def acceptable_placements(user, student=None) -> QuerySet[Placement]:
    """Placements of published rounds with a place and no contract yet: the student's own, or the college
    staff's students'."""
    qs = (Placement.objects.filter(round__status=RoundStatus.PUBLISHED, place__isnull=False, contract__isnull=True)
          .select_related("round", "place__enterprise", "student"))
    if student is not None:
        return qs.filter(student=student)
    if policy.is_region_admin(user):
        return qs
    if policy.is_college_staff(user):
        return qs.filter(student__college_id=user.organisation_id)
    return qs.none()


# --- group placement's choices -----------------------------------------------------------------
def dual_agreements(user) -> QuerySet[Agreement]:
    """Dual-training agreements in force the user may place groups under."""
    qs = Agreement.objects.filter(in_force_q(), kind=AgreementKind.DUAL_TRAINING).select_related("college",
                                                                                                  "enterprise")
    if policy.is_college_staff(user):
        qs = qs.filter(college_id=user.organisation_id)
    elif not policy.is_region_admin(user):
        qs = qs.none()
    return qs.order_by("college__name_ru", "enterprise__name_ru", "number")


def groups_for(user, agreement: Agreement | None = None) -> QuerySet[Group]:
    qs = Group.objects.filter(is_active=True).select_related("college", "programme__qualification")
    if agreement is not None:
        qs = qs.filter(college_id=agreement.college_id)
    if policy.is_college_staff(user):
        qs = qs.filter(college_id=user.organisation_id)
    elif not policy.is_region_admin(user):
        qs = qs.none()
    return qs.order_by("college__name_ru", "code")


def sites_for(agreement: Agreement | None = None, enterprise_id=None) -> QuerySet[EnterpriseSite]:
    qs = EnterpriseSite.objects.filter(is_active=True).select_related("enterprise")
    if agreement is not None:
        qs = qs.filter(enterprise_id=agreement.enterprise_id)
    if enterprise_id is not None:
        qs = qs.filter(enterprise_id=enterprise_id)
    return qs.order_by("enterprise__name_ru", "name")


def mentors_for(enterprise_id=None) -> QuerySet[Mentor]:
    qs = Mentor.objects.filter(is_active=True).select_related("enterprise")
    if enterprise_id is not None:
        qs = qs.filter(enterprise_id=enterprise_id)
    return qs.order_by("enterprise__name_ru", "last_name", "first_name")


# --- orders ----------------------------------------------------------------------------------
def orders(user, *, q: str = "", kind: str = "") -> QuerySet[TrainingOrder]:
    qs = policy.orders_scope(user, TrainingOrder.objects.select_related("college", "enterprise", "agreement"))
    q, kind = _text(q), _text(kind)
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(enterprise__name_ru__icontains=q)
                       | Q(enterprise__name_kk__icontains=q) | Q(college__name_ru__icontains=q)
                       | Q(college__name_kk__icontains=q))
    if kind:
        qs = qs.filter(kind=kind) if kind in OrderKind.values else qs.none()
    return qs.order_by("-date", "number", "pk")


def order(pk: int) -> TrainingOrder | None:
    return (TrainingOrder.objects.select_related("college", "enterprise", "agreement")
            .prefetch_related(Prefetch("contracts", queryset=Contract.objects.select_related("student__group",
                                                                                             "mentor", "site")
                                       .order_by("student__last_name", "student__first_name", "pk")))
            .filter(pk=pk).first())


def orderable_contracts(user) -> QuerySet[Contract]:
    """The open contracts an order may list, for the order form."""
    return (policy.contracts_scope(user, Contract.objects.filter(status__in=OPEN_CONTRACT_STATUSES))
            .select_related("student", "enterprise", "college", "mentor").order_by("enterprise__name_ru", "number"))


# --- export ----------------------------------------------------------------------------------
EXPORT_HEADERS = [gettext_lazy("number"), gettext_lazy("status"), gettext_lazy("origin"), gettext_lazy("college BIN"),
                  gettext_lazy("college"), gettext_lazy("enterprise BIN"), gettext_lazy("enterprise"),
                  gettext_lazy("site"), gettext_lazy("student IIN"), gettext_lazy("student"), gettext_lazy("group"),
                  gettext_lazy("qualification"), gettext_lazy("starts on"), gettext_lazy("ends on"),
                  gettext_lazy("enterprise hours"), gettext_lazy("monthly payment"), gettext_lazy("payment reason"),
                  gettext_lazy("insurance"), gettext_lazy("work obligation months"), gettext_lazy("mentor"),
                  gettext_lazy("signed by"), gettext_lazy("agreement")]


def export_rows(user, college_bin: str = ""):
    qs = contracts(user, college=college_bin) if college_bin else contracts(user)
    for c in qs.iterator(chunk_size=2000):
        yield [c.number, str(c.get_status_display()), str(c.get_origin_display()), c.college.bin or "",
               c.college.name, c.enterprise.bin or "", c.enterprise.name, c.site.name, c.student.iin,
               c.student.full_name, c.student.group.code if c.student.group_id else "", c.programme.qualification.code,
               c.starts_on.isoformat(), c.ends_on.isoformat(), c.enterprise_hours, f"{c.monthly_payment:.2f}",
               c.payment_reason, c.insurance, c.work_obligation_months, c.mentor.full_name if c.mentor_id else "",
               ", ".join(str(s.get_party_display()) for s in c.signatures.all()),
               c.agreement.number if c.agreement_id else ""]
