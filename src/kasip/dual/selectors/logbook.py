"""Reads of mentors, trainees and their logbooks, scoped by the policy: progress against the contract's hours,
the share of production training at the enterprise, who is behind; the mentor's own page.

Hours are summed in the database (one grouped query per list page), never entry by entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Count,
    DecimalField,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from kasip.registry.models import Enterprise, Group

from .. import policy
from ..models import (
    Assessment,
    AssessmentResult,
    Contract,
    ContractPeriod,
    ContractStatus,
    EntryLocation,
    EntryStatus,
    LearningOutcome,
    LogbookEntry,
    Mentor,
    PeriodKind,
    share_threshold,
)
from .places import ID, _text

ZERO = Decimal("0")
HOURS = DecimalField(max_digits=9, decimal_places=1)


def behind_fraction() -> float:
    """Below this fraction of the hours expected by today a trainee is behind (KASIP_BEHIND_FRACTION, 0.8)."""
    value = getattr(settings, "KASIP_BEHIND_FRACTION", 0.8)
    try:
        value = float(value)
    except (TypeError, ValueError):
        return 0.8
    return min(1.0, max(0.0, value))


def today() -> dt.date:
    return timezone.localdate()


# --- progress ----------------------------------------------------------------------------
@dataclass
class Progress:
    signed_enterprise: Decimal
    signed_college: Decimal
    pending: Decimal
    planned_enterprise: int  # the contract's hours at the enterprise
    planned_practice: int  # the programme's planned production-training hours
    expected: Decimal  # enterprise hours expected by today
    threshold: int  # per cent
    active: bool  # a signed contract: behind only counts for these
    elapsed: float = 1.0  # the part of the contract's period gone by (1 once it ended)

    @property
    def signed(self) -> Decimal:
        return self.signed_enterprise + self.signed_college

    @property
    def progress(self) -> float:
        """Signed-off enterprise hours ÷ the contract's hours at the enterprise."""
        return float(self.signed_enterprise) / self.planned_enterprise if self.planned_enterprise else 0.0

    @property
    def share(self) -> float | None:
        """Signed-off enterprise hours ÷ the programme's planned production-training hours."""
        if not self.planned_practice:
            return None
        return float(self.signed_enterprise) / self.planned_practice

    @property
    def flagged(self) -> bool:
        """Below the threshold for this point of the training: the share so far against the threshold scaled by
        the part of the contract's period gone by (the plain threshold once the period ended)."""
        return share_flagged(self.share, self.threshold, self.elapsed)

    @property
    def behind(self) -> bool:
        return self.active and self.expected > 0 and float(self.signed_enterprise) < behind_fraction() * float(
            self.expected)

    def as_dict(self) -> dict:
        return {"signed_enterprise_hours": float(self.signed_enterprise),
                "signed_college_hours": float(self.signed_college), "pending_hours": float(self.pending),
                "planned_enterprise_hours": self.planned_enterprise,
                "planned_practice_hours": self.planned_practice,
                "progress": round(self.progress, 4),
                "share": None if self.share is None else round(self.share, 4),
                "threshold": self.threshold, "flagged": self.flagged,
                "expected_hours": float(self.expected), "behind": self.behind}


MIN_ELAPSED = 0.1  # no flag in the first tenth of a contract's period: too early to tell


def share_flagged(share: float | None, threshold: int, elapsed: float) -> bool:
    if share is None or elapsed < MIN_ELAPSED:
        return False
    return share * 100 < threshold * min(1.0, elapsed)


def elapsed_fraction(starts_on: dt.date, ends_on: dt.date, day: dt.date) -> float:
    """The part of the period from starts_on to ends_on gone by at the end of ``day``."""
    total = (ends_on - starts_on).days + 1
    if total <= 0:
        return 1.0
    return min(1.0, max(0.0, ((day - starts_on).days + 1) / total))


def expected_fraction(starts_on: dt.date, ends_on: dt.date, enterprise_periods: list[tuple[dt.date, dt.date]],
                      day: dt.date) -> float:
    """The part of the training that should be done by the end of ``day``: linear over the enterprise periods
    of the schedule when there are any, over the contract's period otherwise."""
    spans = enterprise_periods or [(starts_on, ends_on)]
    total = sum((b - a).days + 1 for a, b in spans)
    if total <= 0:
        return 0.0
    done = sum(max(0, (min(b, day) - a).days + 1) for a, b in spans if day >= a)
    return min(1.0, done / total)


def make_progress(contract: Contract, signed_enterprise, signed_college, pending, periods, day=None) -> Progress:
    day = day or today()
    spans = [(p.starts_on, p.ends_on) for p in periods if p.kind == PeriodKind.ENTERPRISE]
    fraction = expected_fraction(contract.starts_on, contract.ends_on, spans, day)
    expected = (Decimal(contract.enterprise_hours) * Decimal(str(round(fraction, 6)))).quantize(Decimal("0.1"))
    return Progress(signed_enterprise=Decimal(signed_enterprise or 0), signed_college=Decimal(signed_college or 0),
                    pending=Decimal(pending or 0), planned_enterprise=contract.enterprise_hours,
                    planned_practice=contract.planned_practice_hours, expected=expected,
                    threshold=share_threshold(), active=contract.status == ContractStatus.SIGNED,
                    elapsed=elapsed_fraction(contract.starts_on, contract.ends_on, day))


def _sum(condition: Q):
    return Coalesce(Sum("logbook__hours", filter=condition), Value(ZERO), output_field=HOURS)


SIGNED_ENTERPRISE = Q(logbook__status=EntryStatus.SIGNED, logbook__location=EntryLocation.ENTERPRISE)
SIGNED_COLLEGE = Q(logbook__status=EntryStatus.SIGNED, logbook__location=EntryLocation.COLLEGE)
PENDING = Q(logbook__status=EntryStatus.SUBMITTED)


def with_hours(queryset: QuerySet[Contract]) -> QuerySet[Contract]:
    return queryset.annotate(signed_enterprise=_sum(SIGNED_ENTERPRISE), signed_college=_sum(SIGNED_COLLEGE),
                             pending_hours=_sum(PENDING))


def progress_of(contract: Contract, day=None) -> Progress:
    """One contract's progress (annotated contracts from the lists reuse their sums)."""
    if hasattr(contract, "signed_enterprise"):
        sums = (contract.signed_enterprise, contract.signed_college, contract.pending_hours)
    else:
        rows = LogbookEntry.objects.filter(contract=contract).values("status", "location").annotate(h=Sum("hours"))
        by = {(r["status"], r["location"]): r["h"] or ZERO for r in rows}
        sums = (by.get((EntryStatus.SIGNED, EntryLocation.ENTERPRISE), ZERO),
                by.get((EntryStatus.SIGNED, EntryLocation.COLLEGE), ZERO),
                sum((v for (s, _loc), v in by.items() if s == EntryStatus.SUBMITTED), ZERO))
    return make_progress(contract, *sums, list(contract.periods.all()), day)


def trainee_contracts() -> QuerySet[Contract]:
    return (Contract.objects.select_related("student__group", "college", "enterprise", "site", "programme__qualification",
                                            "mentor__user")
            .prefetch_related(Prefetch("periods", queryset=ContractPeriod.objects.order_by("starts_on"))))


def trainee(pk: int) -> Contract | None:
    return trainee_contracts().filter(pk=pk).first()


# --- trainees ----------------------------------------------------------------------------
def trainees(user, *, q: str = "", group: str = "", enterprise: str = "", flagged: str = "", behind: str = "",
             status: str = "") -> QuerySet[Contract]:
    """The contracts the user may see with their hours summed, filtered: group (id), enterprise (id), flagged
    (1: share at the enterprise below the threshold), behind (1: behind the expected hours), status."""
    qs = policy.trainees_scope(user, trainee_contracts())
    q, group, enterprise, flagged, behind, status = map(_text, (q, group, enterprise, flagged, behind, status))
    if q:
        qs = qs.filter(Q(student__last_name__icontains=q) | Q(student__first_name__icontains=q)
                       | Q(number__icontains=q))
    if group:
        qs = qs.filter(student__group_id=int(group)) if ID.match(group) else qs.none()
    if enterprise:
        qs = qs.filter(enterprise_id=int(enterprise)) if ID.match(enterprise) else qs.none()
    if status:
        qs = qs.filter(status=status) if status in ContractStatus.values else qs.none()
    qs = with_hours(qs)
    if flagged == "1":
        qs = qs.filter(pk__in=flagged_ids(qs))
    if behind == "1":
        qs = qs.filter(pk__in=behind_ids(qs.filter(status=ContractStatus.SIGNED)))
    return qs.order_by("student__last_name", "student__first_name", "pk")


def flagged_ids(qs: QuerySet[Contract], day=None) -> list[int]:
    """The contracts of an hours-annotated queryset whose share at the enterprise is below the threshold for
    their point of the training (one query)."""
    day = day or today()
    threshold = share_threshold()
    found = []
    for r in qs.values("pk", "starts_on", "ends_on", "practice_hours", "programme__hours_practice", "signed_enterprise"):
        planned = r["practice_hours"] or r["programme__hours_practice"]
        share = float(r["signed_enterprise"] or 0) / planned if planned else None
        if share_flagged(share, threshold, elapsed_fraction(r["starts_on"], r["ends_on"], day)):
            found.append(r["pk"])
    return found


def behind_ids(qs: QuerySet[Contract], day=None) -> list[int]:
    """The contracts of an hours-annotated queryset that are behind today (two queries)."""
    rows = list(qs.values("pk", "starts_on", "ends_on", "enterprise_hours", "signed_enterprise", "status"))
    periods: dict[int, list] = {}
    for p in ContractPeriod.objects.filter(contract_id__in=[r["pk"] for r in rows], kind=PeriodKind.ENTERPRISE):
        periods.setdefault(p.contract_id, []).append((p.starts_on, p.ends_on))
    day = day or today()
    cut = behind_fraction()
    found = []
    for r in rows:
        fraction = expected_fraction(r["starts_on"], r["ends_on"], periods.get(r["pk"], []), day)
        expected = r["enterprise_hours"] * fraction
        if r["status"] == ContractStatus.SIGNED and expected > 0 and float(r["signed_enterprise"] or 0) < cut * expected:
            found.append(r["pk"])
    return found


def trainee_group_choices(user) -> list[tuple[str, str]]:
    groups = Group.objects.filter(pk__in=policy.trainees_scope(user, Contract.objects.all()).values("student__group_id"))
    return [(str(g.pk), g.code) for g in groups.order_by("code")]


def trainee_enterprise_choices(user) -> list[tuple[str, str]]:
    ids = policy.trainees_scope(user, Contract.objects.all()).values("enterprise_id")
    return [(str(e.pk), e.name) for e in Enterprise.objects.filter(pk__in=ids).order_by("name_ru", "name_kk")]


def trainee_status_choices(user=None) -> list[tuple[str, str]]:
    return [(v, str(label)) for v, label in ContractStatus.choices]


# --- the logbook -------------------------------------------------------------------------
def entries(contract: Contract) -> QuerySet[LogbookEntry]:
    return (LogbookEntry.objects.filter(contract=contract).select_related("created_by", "reviewed_by")
            .prefetch_related(Prefetch("outcomes", queryset=LearningOutcome.objects.order_by("position", "code")))
            .order_by("-date", "-starts_at", "-pk"))


def outcomes_of(contract: Contract, active_only: bool = True) -> QuerySet[LearningOutcome]:
    qs = LearningOutcome.objects.filter(qualification_id=contract.programme.qualification_id)
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.order_by("position", "code")


def assessments(contract: Contract) -> QuerySet[Assessment]:
    return (Assessment.objects.filter(contract=contract).select_related("outcome", "assessed_by")
            .order_by("-date", "-pk"))


def assessment_summary(contract: Contract) -> dict:
    """Outcomes whose latest assessment is "competent" against the qualification's active outcomes."""
    total = outcomes_of(contract).count()
    latest: dict[int, str] = {}
    for a in Assessment.objects.filter(contract=contract, outcome__isnull=False).order_by("date", "pk").values(
            "outcome_id", "result"):
        latest[a["outcome_id"]] = a["result"]
    competent = sum(1 for r in latest.values() if r == AssessmentResult.COMPETENT)
    return {"competent": competent, "total": total, "assessed": len(latest)}


# --- mentors -----------------------------------------------------------------------------
def mentors(user, *, q: str = "", active: str = "", enterprise: str = "") -> QuerySet[Mentor]:
    qs = policy.mentors_scope(user, Mentor.objects.select_related("enterprise", "user"))
    q, active, enterprise = _text(q), _text(active), _text(enterprise)
    if q:
        qs = qs.filter(Q(last_name__icontains=q) | Q(first_name__icontains=q) | Q(position__icontains=q))
    if active in ("1", "0"):
        qs = qs.filter(is_active=active == "1")
    if enterprise:
        qs = qs.filter(enterprise_id=int(enterprise)) if ID.match(enterprise) else qs.none()
    return qs.annotate(open_contracts=Count("contracts", filter=Q(contracts__status__in=[
        ContractStatus.DRAFT, ContractStatus.SIGNING, ContractStatus.SIGNED]))).order_by("last_name", "first_name",
                                                                                          "pk")


def mentor_choices(contract: Contract) -> QuerySet[Mentor]:
    return Mentor.objects.filter(enterprise_id=contract.enterprise_id, is_active=True).order_by("last_name",
                                                                                                "first_name")


def mentor_page(user) -> dict:
    """The mentor's own page: trainees with their progress, entries waiting for sign-off, assessments to do
    (active outcomes of each trainee's qualification not yet assessed competent)."""
    contracts = list(with_hours(trainee_contracts().filter(mentor__user_id=user.pk,
                                                                  status=ContractStatus.SIGNED))
                     .order_by("student__last_name", "student__first_name", "pk"))
    pending = list(LogbookEntry.objects.filter(contract__in=[c.pk for c in contracts], status=EntryStatus.SUBMITTED)
                   .select_related("contract__student", "created_by")
                   .prefetch_related("outcomes").order_by("date", "starts_at", "pk"))
    outcome_totals = dict(LearningOutcome.objects.filter(
        is_active=True, qualification_id__in={c.programme.qualification_id for c in contracts})
        .values_list("qualification_id").annotate(n=Count("pk")))
    competent: dict[int, set] = {}
    latest: dict[tuple[int, int], str] = {}
    for a in (Assessment.objects.filter(contract__in=[c.pk for c in contracts], outcome__isnull=False,
                                        outcome__is_active=True)
              .order_by("date", "pk").values("contract_id", "outcome_id", "result")):
        latest[(a["contract_id"], a["outcome_id"])] = a["result"]
    for (contract_id, outcome_id), result in latest.items():
        if result == AssessmentResult.COMPETENT:
            competent.setdefault(contract_id, set()).add(outcome_id)
    rows = []
    for c in contracts:
        total = outcome_totals.get(c.programme.qualification_id, 0)
        rows.append({"contract": c, "progress": progress_of(c), "to_assess": total - len(competent.get(c.pk, ())),
                     "outcomes": total})
    return {"mentor": policy.mentor_of(user), "rows": rows, "pending": pending}


# --- learning outcomes -------------------------------------------------------------------
def outcomes(user, *, q: str = "", qualification: str = "", active: str = "") -> QuerySet[LearningOutcome]:
    """Learning outcomes of the qualifications, searched (code or name) and filtered: qualification (id or
    code), active (1 or 0)."""
    qs = LearningOutcome.objects.select_related("qualification") if policy.can_list_outcomes(user) else (
        LearningOutcome.objects.none())
    q, qualification, active = _text(q), _text(qualification), _text(active)
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(name_kk__icontains=q) | Q(name_ru__icontains=q)
                       | Q(name_en__icontains=q))
    if qualification:
        if ID.match(qualification):
            qs = qs.filter(qualification_id=int(qualification))
        else:
            qs = qs.filter(qualification__code=qualification.upper())
    if active in ("1", "0"):
        qs = qs.filter(is_active=active == "1")
    return qs.order_by("qualification__code", "position", "code", "pk")


def outcome_qualification_choices(user=None) -> list[tuple[str, str]]:
    from kasip.registry.models import Qualification

    return [(str(q.pk), f"{q.code} {q.name}") for q in Qualification.objects.filter(is_active=True).order_by("code")]


# --- exports of logbooks -----------------------------------------------------------------
def logbook_headers() -> list[str]:
    from django.utils.translation import gettext

    return [gettext("Contract"), gettext("Student"), gettext("Group"), gettext("Enterprise"), gettext("Date"),
            gettext("From"), gettext("To"), gettext("Hours"), gettext("Where"), gettext("Tasks done"),
            gettext("Learning outcomes"), gettext("Status"), gettext("Mentor's comment"), gettext("Reviewed by")]


def logbook_rows(contracts: QuerySet[Contract]):
    """Every entry of the contracts' logbooks, oldest first per contract (a fixed number of queries per 2 000)."""
    qs = (LogbookEntry.objects.filter(contract__in=contracts.values("pk"))
          .select_related("contract__student__group", "contract__enterprise", "reviewed_by")
          .prefetch_related(Prefetch("outcomes", queryset=LearningOutcome.objects.order_by("position", "code")))
          .order_by("contract__number", "date", "starts_at", "pk"))
    for e in qs.iterator(chunk_size=2000):
        c = e.contract
        yield [c.number, c.student.full_name, c.student.group.code if c.student.group else "", c.enterprise.name,
               e.date.isoformat(), e.starts_at.strftime("%H:%M"), e.ends_at.strftime("%H:%M"), float(e.hours),
               e.get_location_display(), e.tasks, ", ".join(o.code for o in e.outcomes.all()),
               e.get_status_display(), e.mentor_comment, e.reviewed_by.full_name if e.reviewed_by else ""]


def logbook_file(contracts: QuerySet[Contract], fmt: str, title: str = "Logbook") -> tuple[bytes, str]:
    """The logbooks as XLSX or CSV: (content, content type)."""
    from kasip.core.tabular import write_csv, write_xlsx

    if fmt == "xlsx":
        return (write_xlsx(logbook_headers(), logbook_rows(contracts), title=title[:31]),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return write_csv(logbook_headers(), logbook_rows(contracts)), "text/csv; charset=utf-8"
