"""Individual placement in the demo region (synthetic): deterministic and idempotent.

Every enterprise with an active dual-training agreement offers one to three training places at its sites for
the partner college's dual qualifications (those that fit the enterprise's industry first); the places are
published and approved through the services. A region-wide round "Раунд 1 (демо)" over them is filled with
about 1 500 students of dual groups (one to five eligible preferences each, the college's score), then
locked, run and published through the services. The first college also has its own open round over further
places of its partners, where the demo student (Токтаров Арман) keeps two or three preferences he may still
change; he took part in the first round, where the one place he ranked was given by the enterprise's own
ranking to others, so he has its notification (when his login already exists).

The content depends only on the seed and the demo's colleges, enterprises, agreements and students. If the
demo's first round exists, nothing is created.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from kasip.partners.demo import industries_for
from kasip.partners.models import Agreement, AgreementKind, AgreementStatus
from kasip.registry.models import (
    College,
    Enterprise,
    EnterpriseSite,
    Programme,
    Student,
    StudentStatus,
)

from . import services
from .eligibility import is_eligible
from .models import (
    MatchingRound,
    PlaceLanguage,
    PlaceRanking,
    Preference,
    RoundScope,
    TrainingPlace,
)

ROUND_NAME = "Раунд 1 (демо)"
COLLEGE_ROUND_NAME = "Раунд колледжа (демо)"
ROUND_STUDENTS = 1500
COLLEGE_ROUND_STUDENTS = 30

PAYMENTS = [  # (tenge a month, weight)
    (50_000, 6), (60_000, 8), (70_000, 12), (75_000, 8), (85_000, 14), (90_000, 10), (100_000, 12),
    (110_000, 6), (120_000, 8), (130_000, 3), (150_000, 4),
]
NO_PAYMENT_REASONS = [
    "Стипендию выплачивает колледж (демо)",
    "Обучение по государственному заказу: стипендия колледжа (демо)",
    "Предприятие оплачивает проезд и питание, стипендию выплачивает колледж (демо)",
]
CAPACITIES = [(1, 8), (2, 14), (3, 18), (4, 18), (5, 14), (6, 12), (8, 16)]
MENTORS = [
    "Абенов К. С., мастер участка", "Ким В. Н., старший мастер", "Жаксылыков Е. Т., бригадир",
    "Петренко А. И., ведущий инженер", "Сейткали Д. М., мастер производственного обучения",
    "Исабекова Г. Р., инженер-технолог", "Муканов Б. А., начальник смены", "Федорова Н. В., наставник",
]


def _periods(year: int) -> list[tuple[dt.date, dt.date]]:
    """Periods of training in the academic year that starts in September `year`."""
    return [
        (dt.date(year, 9, 1), dt.date(year, 12, 25)), (dt.date(year, 9, 1), dt.date(year + 1, 5, 29)),
        (dt.date(year, 9, 15), dt.date(year + 1, 6, 26)), (dt.date(year, 10, 1), dt.date(year + 1, 3, 31)),
        (dt.date(year + 1, 1, 12), dt.date(year + 1, 5, 29)), (dt.date(year + 1, 1, 12), dt.date(year + 1, 6, 26)),
    ]


def _weighted(rng: random.Random, pairs):
    return rng.choices([v for v, _w in pairs], [w for _v, w in pairs])[0]


def _place_fields(rng, site, qualifications, languages, year, district_only=True) -> dict:
    starts_on, ends_on = rng.choice(_periods(year))
    if rng.random() < 0.06:
        payment, reason = 0, rng.choice(NO_PAYMENT_REASONS)
    else:
        payment, reason = _weighted(rng, PAYMENTS), ""
    language = PlaceLanguage.ANY if rng.random() < 0.4 else rng.choice(sorted(languages))
    names = " / ".join(q.name_ru for q in qualifications)
    return {
        "site": site, "title": f"{names}: {site.name}, {site.enterprise.name}"[:300],
        "description": (f"Дуальное обучение на рабочем месте ({site.name}, {site.enterprise.name}) под руководством "
                        f"наставника; спецодежда и инструктаж по технике безопасности предоставляются. (демо)"),
        "qualifications": qualifications, "language": language,
        "district_only": district_only and rng.random() < 0.1,
        "capacity": _weighted(rng, CAPACITIES), "starts_on": starts_on, "ends_on": ends_on,
        "monthly_payment": Decimal(payment), "payment_reason": reason, "mentors": rng.choice(MENTORS),
    }


def _approved(fields: dict) -> TrainingPlace:
    place = services.save_place(None, **fields)
    place = services.publish_place(None, place)
    return services.approve_place(None, place)


def _pick(rng: random.Random, pool: list, weights: list[float], k: int) -> list:
    """`k` distinct items of `pool`, drawn by weight."""
    pool, weights, chosen = list(pool), list(weights), []
    for _ in range(min(k, len(pool))):
        i = rng.choices(range(len(pool)), weights)[0]
        chosen.append(pool.pop(i))
        weights.pop(i)
    return chosen


def _score(rng: random.Random) -> Decimal:
    return Decimal(rng.randint(5500, 10000)) / 100


def _clean(obj) -> None:
    """The model's own field checks (the references and uniqueness hold by construction)."""
    obj.full_clean(exclude=["student", "place"], validate_unique=False, validate_constraints=False)


def _login_student(first_college: College) -> Student | None:
    from kasip.demo.generator import LOGIN_STUDENT

    student = Student.objects.filter(user__username="student").first()
    if student is None:
        last, first, patronymic = LOGIN_STUDENT
        student = (Student.objects.filter(college=first_college, last_name=last, first_name=first,
                                          patronymic=patronymic, status=StudentStatus.STUDYING)
                   .order_by("iin").first())
    if student is None:
        return None
    return Student.objects.select_related("college", "group__programme").get(pk=student.pk)


@transaction.atomic
def generate_training(seed: int = 2026) -> int:
    """Create the demo's training places and matching rounds unless the demo's first round exists; return
    how many training places were created."""
    from kasip.demo import region as data
    from kasip.demo.generator import CURRENT_YEAR
    from kasip.demo.loader import college_bin, enterprise_bin

    if MatchingRound.objects.filter(name=ROUND_NAME).exists():
        return 0
    colleges = [c for c in (College.objects.filter(bin=college_bin(i)).first()
                            for i in range(1, len(data.COLLEGES) + 1)) if c is not None]
    industry = {}
    for i, row in enumerate(data.ENTERPRISES, start=1):
        industry[enterprise_bin(i)] = row[6]
    enterprises = {e.pk: e for e in Enterprise.objects.filter(bin__in=list(industry))}
    if not colleges or not enterprises:
        return 0
    year = CURRENT_YEAR + 1  # the coming academic year of the demo
    rng = random.Random(f"kasip-dual:{seed}")

    dual: dict[int, list[Programme]] = {}
    for programme in (Programme.objects.filter(college__in=colleges, is_dual=True)
                      .select_related("qualification__specialty").order_by("college_id", "qualification__code",
                                                                           "language", "base", "form", "pk")):
        dual.setdefault(programme.college_id, []).append(programme)
    sites: dict[int, list[EnterpriseSite]] = {}
    for site in (EnterpriseSite.objects.filter(enterprise_id__in=list(enterprises), is_active=True)
                 .select_related("enterprise", "district").order_by("enterprise_id", "name", "pk")):
        sites.setdefault(site.enterprise_id, []).append(site)
    agreements = list(Agreement.objects.filter(kind=AgreementKind.DUAL_TRAINING, status=AgreementStatus.ACTIVE,
                                               college__in=colleges, enterprise_id__in=list(enterprises))
                      .select_related("enterprise").order_by("number", "enterprise__bin", "pk"))
    order = {c.pk: i for i, c in enumerate(colleges)}
    agreements.sort(key=lambda a: order[a.college_id])  # stable: by college, then number

    # training places: the region round's, and the first college's own round's
    region_places: list[TrainingPlace] = []
    partner_of: dict[int, int] = {}  # place -> the college whose partner offers it
    open_places: list[TrainingPlace] = []
    first = colleges[0]
    for agreement in agreements:
        programmes = dual.get(agreement.college_id, [])
        enterprise_sites = sites.get(agreement.enterprise_id, [])
        if not programmes or not enterprise_sites:
            continue
        qualifications = list({p.qualification_id: p.qualification for p in programmes}.values())
        kind = industry.get(agreement.enterprise.bin)
        fitting = [q for q in qualifications if kind in industries_for(q.specialty.code)] or qualifications
        if agreement.college_id == first.pk:  # the demo student's college: all its dual qualifications
            fitting = qualifications
        for _ in range(rng.choice((1, 2, 2, 3, 3))):
            chosen = _pick(rng, fitting, [1] * len(fitting), rng.choice((1, 1, 1, 2)))
            languages = {p.language for p in programmes if p.qualification_id in {q.pk for q in chosen}}
            place = _approved(_place_fields(rng, rng.choice(enterprise_sites), chosen, languages, year))
            region_places.append(place)
            partner_of[place.pk] = agreement.college_id
        if agreement.college_id == first.pk:  # the college's own round: every dual qualification of the college
            for qualification in qualifications:
                languages = {p.language for p in programmes if p.qualification_id == qualification.pk}
                open_places.append(_approved(_place_fields(rng, rng.choice(enterprise_sites), [qualification],
                                                           languages, year, district_only=False)))
    if not region_places:
        return 0

    # the region round: students of dual groups with one to five eligible preferences
    now = timezone.now()
    round_ = services.create_round(None, name=ROUND_NAME, scope=RoundScope.REGION, deadline=now - dt.timedelta(days=3),
                                   places=region_places, seed=rng.randrange(2**31))
    places = list(TrainingPlace.objects.filter(pk__in=[p.pk for p in region_places]).select_related("site", "district")
                  .prefetch_related("qualifications").order_by("pk"))
    by_qualification: dict[int, list[TrainingPlace]] = {}
    for place in places:
        for q in place.qualifications.all():
            by_qualification.setdefault(q.pk, []).append(place)
    login = _login_student(first)
    students = (Student.objects.filter(college__in=colleges, status=StudentStatus.STUDYING, group__is_active=True,
                                       group__programme__is_dual=True)
                .select_related("college", "group__programme").order_by("iin"))
    candidates = []
    for student in students:
        if login is not None and student.pk == login.pk:
            continue
        eligible = [p for p in by_qualification.get(student.group.programme.qualification_id, [])
                    if is_eligible(student, p)]
        if eligible:
            candidates.append((student, eligible))
    chosen_students = sorted(rng.sample(candidates, min(ROUND_STUDENTS, len(candidates))), key=lambda c: c[0].iin)
    preferences: list[Preference] = []
    scores: dict[int, Decimal] = {}
    for student, eligible in chosen_students:
        k = rng.choices((1, 2, 3, 4, 5), (14, 20, 26, 20, 20))[0]
        weights = [(5 if partner_of[p.pk] == student.college_id else 1)
                   * (2 if p.district_id == student.college.district_id else 1)
                   * (0.6 + float(p.monthly_payment) / 100_000) for p in eligible]
        scores[student.pk] = _score(rng)
        for rank, place in enumerate(_pick(rng, eligible, weights, k), start=1):
            preferences.append(Preference(student=student, place=place, rank=rank, score=scores[student.pk]))
    rankings: list[PlaceRanking] = []
    if login is not None:  # one place the enterprise ranked itself, without him: no place, a notification
        eligible = [p for p in by_qualification.get(login.group.programme.qualification_id, [])
                    if is_eligible(login, p)]
        if eligible:
            eligible.sort(key=lambda p: (partner_of[p.pk] != login.college_id, p.pk))
            place = eligible[0]
            preferences.append(Preference(student=login, place=place, rank=1, score=_score(rng)))
            others = sorted((p for p in preferences if p.place_id == place.pk and p.student_id != login.pk),
                            key=lambda p: (-p.score, p.student.iin))
            rankings = [PlaceRanking(place=place, student=p.student, rank=i) for i, p in enumerate(others, start=1)]
    for obj in preferences + rankings:
        _clean(obj)
    Preference.objects.bulk_create(preferences, batch_size=2000)
    PlaceRanking.objects.bulk_create(rankings, batch_size=2000)
    services.lock_round(None, round_)
    services.run_round(None, round_)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        services.publish_round(None, round_)  # the students are told in the app; no e-mails from a demo

    # the first college's open round: the demo student and some others not placed by the first round
    if open_places:
        college_round = services.create_round(None, name=COLLEGE_ROUND_NAME, scope=RoundScope.COLLEGE, college=first,
                                              deadline=now + dt.timedelta(days=30), places=open_places,
                                              seed=rng.randrange(2**31))
        places = list(TrainingPlace.objects.filter(pk__in=[p.pk for p in open_places])
                      .select_related("site", "district").prefetch_related("qualifications").order_by("pk"))
        if login is not None:
            eligible = [p for p in places if not services.place_problems(login, p)]
            mine = _pick(rng, eligible, [1] * len(eligible), rng.choice((2, 3)))
            if mine:
                services.set_preferences(None, [p.pk for p in mine], student=login)
        others = [s for s in services.round_students(college_round).filter(group__programme__is_dual=True)
                  .exclude(pk=login.pk if login is not None else None)
                  .select_related("college", "group__programme").order_by("iin")]
        taken = set(Preference.objects.filter(student__in=others).values_list("student_id", flat=True))
        pool = [s for s in others if s.pk not in taken]
        new = []
        for student in sorted(rng.sample(pool, min(COLLEGE_ROUND_STUDENTS, len(pool))), key=lambda s: s.iin):
            eligible = [p for p in places if is_eligible(student, p, college_round)]
            score = _score(rng)
            for rank, place in enumerate(_pick(rng, eligible, [1] * len(eligible), rng.randint(1, 3)), start=1):
                new.append(Preference(student=student, place=place, rank=rank, score=score))
        for obj in new:
            _clean(obj)
        Preference.objects.bulk_create(new)
    return len(region_places) + len(open_places)
