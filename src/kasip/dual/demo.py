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
import functools
import random
from decimal import Decimal

from django.db import models, transaction
from django.test.utils import override_settings
from django.utils import timezone

from kasip.partners.demo import industries_for
from kasip.partners.models import Agreement, AgreementKind, AgreementStatus
from kasip.registry.models import (
    College,
    Enterprise,
    EnterpriseSite,
    Group,
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


# =========================================================================================
# The demo's dual-training year (synthetic): mentors, contracts, orders, learning outcomes, the logbook,
# assessments and final results of the academic year CURRENT_YEAR–CURRENT_YEAR+1.
# =========================================================================================
MENTOR_EMAIL_DOMAIN = "mentor.demo.kasip.kz"  # the demo's mentors: their presence marks the year as loaded
LOGIN_AGREEMENT_NUMBER = "ДО-01.0/{year}"
GROUP_SHARE = 0.75  # of the dual groups in their second year and later: group placements
BLOCK_SHARE = 0.3  # of the placed groups: two three-week blocks at the enterprise (entries every working day)
BEHIND_SHARE = 0.03  # trainees who skip many days: behind schedule
WORKSHOP_SHARE = 0.05  # trainees who do much of their production training in the college's workshop
PENDING_SHARE = 0.25  # trainees whose last entries await the mentor's sign-off
RETURNED_SHARE = 0.015  # entries the mentor returned with a comment
ASSESSED_SHARE = 0.35
FINAL_RESULTS = 30
TRAINEES_PER_MENTOR = 12

OUTCOMES = [  # (ru, kk, en): the first and the last two are common to every qualification
    ("Соблюдать требования охраны труда, промышленной и пожарной безопасности на рабочем месте",
     "Жұмыс орнында еңбекті қорғау, өнеркәсіптік және өрт қауіпсіздігі талаптарын сақтау",
     "Follow occupational, industrial and fire safety rules at the workplace"),
    ("Читать техническую документацию, чертежи и схемы", "Техникалық құжаттаманы, сызбалар мен схемаларды оқу",
     "Read technical documentation, drawings and diagrams"),
    ("Подготавливать рабочее место, инструмент и оборудование к работе",
     "Жұмыс орнын, құрал-саймандар мен жабдықты жұмысқа дайындау",
     "Prepare the workplace, tools and equipment"),
    ("Выполнять основные работы по квалификации «{ru}»", "«{kk}» біліктілігі бойынша негізгі жұмыстарды орындау",
     "Carry out the main work of the qualification “{en}”"),
    ("Контролировать качество выполненных работ", "Орындалған жұмыстардың сапасын бақылау",
     "Check the quality of the work done"),
    ("Выполнять техническое обслуживание и устранять неисправности оборудования",
     "Жабдыққа техникалық қызмет көрсету және ақауларды жою",
     "Maintain equipment and remove faults"),
    ("Применять цифровые технологии и программное обеспечение в профессиональной деятельности",
     "Кәсіби қызметте цифрлық технологиялар мен бағдарламалық қамтамасыз етуді қолдану",
     "Use digital technology and software at work"),
    ("Экономно расходовать материалы и энергоресурсы", "Материалдар мен энергия ресурстарын үнемді жұмсау",
     "Use materials and energy sparingly"),
    ("Вести учётно-отчётную документацию", "Есепке алу-есеп беру құжаттамасын жүргізу",
     "Keep records and reports"),
    ("Работать в команде и взаимодействовать с наставником", "Командада жұмыс істеу және тәлімгермен өзара әрекеттесу",
     "Work in a team and with the mentor"),
]
TASKS = [  # one per outcome above, in order
    "Инструктаж на рабочем месте, проверка средств индивидуальной защиты",
    "Изучение технологической карты и чертежей участка",
    "Подготовка рабочего места и инструмента, проверка оборудования перед сменой",
    "Выполнение работ по заданию наставника на участке",
    "Контроль качества и устранение замечаний наставника",
    "Плановое техническое обслуживание оборудования участка",
    "Работа с учётной системой предприятия",
    "Учёт расхода материалов за смену",
    "Заполнение сменного журнала и отчёта",
    "Работа в бригаде под руководством наставника",
]
WORKSHOP_TASK = "Производственное обучение в мастерской колледжа"
RETURN_COMMENTS = ["Уточните выполненные операции.", "Часы не совпадают с табелем.",
                   "Укажите результаты обучения точнее."]
INSURERS = ["АО «СК «Евразия» (демо)", "АО «СК «Номад Иншуранс» (демо)", "АО «СК «Казахмыс» (демо)"]
MENTOR_POSITIONS = ["мастер участка", "старший мастер", "бригадир", "ведущий инженер", "инженер-технолог",
                    "начальник смены", "мастер производственного обучения"]
HOLIDAYS = {(10, 27), (12, 16), (12, 17), (1, 1), (1, 2), (1, 7), (3, 9), (3, 23), (3, 24), (3, 25), (5, 1),
            (5, 7), (5, 11)}  # Kazakhstan's days off of the year (those on weekends moved to Mondays)
WINTER_BREAK = ((12, 29), (1, 9))


def _d(year: int, month: int, day: int) -> dt.date:
    """A date of the academic year starting in September ``year`` (January–August belong to year + 1)."""
    return dt.date(year if month >= 9 else year + 1, month, day)


def _schedules(year: int) -> dict[str, list[tuple[str, dt.date, dt.date]]]:
    """The year's schedules: two block variants (three weeks at the enterprise twice) and day release (one day a
    week at the enterprise from mid-October to mid-May)."""
    return {
        "block-autumn": [("college", _d(year, 9, 1), _d(year, 11, 2)), ("enterprise", _d(year, 11, 3), _d(year, 11, 21)),
                         ("college", _d(year, 11, 22), _d(year, 3, 29)), ("enterprise", _d(year, 3, 30), _d(year, 4, 17)),
                         ("college", _d(year, 4, 18), _d(year, 6, 30))],
        "block-winter": [("college", _d(year, 9, 1), _d(year, 2, 1)), ("enterprise", _d(year, 2, 2), _d(year, 2, 20)),
                         ("college", _d(year, 2, 21), _d(year, 4, 26)), ("enterprise", _d(year, 4, 27), _d(year, 5, 15)),
                         ("college", _d(year, 5, 16), _d(year, 6, 30))],
        "release": [("college", _d(year, 9, 1), _d(year, 10, 12)), ("enterprise", _d(year, 10, 13), _d(year, 5, 15)),
                    ("college", _d(year, 5, 16), _d(year, 6, 30))],
    }


def _working(day: dt.date) -> bool:
    if day.weekday() >= 5 or (day.month, day.day) in HOLIDAYS:
        return False
    (m1, d1), (m2, d2) = WINTER_BREAK
    return not ((day.month, day.day) >= (m1, d1) or (day.month, day.day) <= (m2, d2))


@functools.lru_cache(maxsize=256)
def _enterprise_days(periods: tuple, weekday: int | None) -> list[dt.date]:
    """The working days at the enterprise: every working day of the enterprise periods, or with day release
    (``weekday``) that day of each week."""
    days = []
    for kind, start, end in periods:
        if kind != "enterprise":
            continue
        day = start
        while day <= end:
            if _working(day) and (weekday is None or day.weekday() == weekday):
                days.append(day)
            day += dt.timedelta(days=1)
    return days


def _age(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


SHIFTS = ((dt.time(9, 0), dt.time(13, 30), Decimal("4.5")), (dt.time(8, 0), dt.time(15, 0), Decimal("7.0")),
          (dt.time(8, 0), dt.time(16, 0), Decimal("8.0")))


def _shifts(born: dt.date, days: list[dt.date]) -> list[tuple[dt.time, dt.time, Decimal]]:
    """The working hours of each day at the enterprise within the Labour Code's limits for the age that day: under
    16 4.5 h (22.5 a week), 16–17 7 h (35 a week), adults 8 h; never at night. A longer shift starts with the
    week after the birthday, so that no week mixes shifts beyond the younger age's weekly limit."""
    def birthday(age: int) -> dt.date:
        try:
            day = born.replace(year=born.year + age)
        except ValueError:  # 29 February
            day = dt.date(born.year + age, 3, 1)
        return day + dt.timedelta(days=(7 - day.weekday()) % 7)  # that Monday or the next

    sixteen, eighteen = birthday(16), birthday(18)
    return [SHIFTS[0] if d < sixteen else SHIFTS[1] if d < eighteen else SHIFTS[2] for d in days]


def _document(rng: random.Random, issued_after: dt.date) -> str:
    issued = issued_after + dt.timedelta(days=rng.randrange(365 * 3))
    return f"удостоверение личности № 0{rng.randrange(10**8):08d}, выдано МВД РК {issued:%d.%m.%Y} (демо)"


def _guardian(rng: random.Random, student, serial: int) -> tuple[str, str, str]:
    from kasip.core.validators import make_iin
    from kasip.demo import names

    sex = "F" if rng.random() < 0.6 else "M"
    last = names.feminine(student.last_name) if sex == "F" and student.sex == "M" else student.last_name
    _l, first, patronymic = names.person_name(rng, sex, 0.7)
    born = dt.date(rng.randint(1972, 1988), rng.randint(1, 12), rng.randint(1, 28))
    name = " ".join(p for p in (last, first, patronymic) if p)
    return name, make_iin(born, sex, 7000 + serial % 2900), _document(rng, dt.date(2016, 1, 1))


def _digest(*parts) -> str:
    import hashlib

    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


@transaction.atomic
def generate_dual_year(seed: int = 2026) -> int:
    """Create the demo's dual-training year unless its mentors exist; return how many contracts were created.

    For the dual groups in their second year and later (most of them, at the colleges' dual partners): mentors,
    signed group-placement contracts of the academic year (every required party's signature, the schedule,
    briefing and medical examination), the orders per agreement, the logbook of the year (every working day of
    two three-week blocks, or one day a week), assessments and a few final results; the first round's matched students get their contracts
    (draft or awaiting signatures) for the coming year. Minors keep the Labour Code's limits. The demo student's
    group trains at the demo mentor's enterprise with him as mentor.
    """
    from kasip.core.models import User
    from kasip.demo import names
    from kasip.demo import region as data
    from kasip.demo.generator import CURRENT_YEAR
    from kasip.demo.loader import college_bin, enterprise_bin

    from .models import (
        ADULT_AGE,
        OPEN_CONTRACT_STATUSES,
        Assessment,
        AssessmentResult,
        Contract,
        ContractOrigin,
        ContractPeriod,
        ContractStatus,
        EntryLocation,
        EntryStatus,
        FinalResult,
        FinalResultKind,
        LearningOutcome,
        LogbookEntry,
        Mentor,
        OrderKind,
        Party,
        Placement,
        RoundStatus,
        Signature,
        SignatureMethod,
        TrainingOrder,
    )

    if Mentor.objects.filter(email__endswith="@" + MENTOR_EMAIL_DOMAIN).exists():
        return 0
    colleges = [c for c in (College.objects.filter(bin=college_bin(i)).first()
                            for i in range(1, len(data.COLLEGES) + 1)) if c is not None]
    if not colleges:
        return 0
    college_index = {c.pk: i for i, c in enumerate(colleges, start=1)}
    year = CURRENT_YEAR
    rng = random.Random(f"kasip-dual-year:{seed}")
    first = colleges[0]
    mentor_user = User.objects.filter(username="mentor").first()
    login = _login_student(first)
    home = Enterprise.objects.filter(bin=enterprise_bin(1)).first()  # the demo mentor's enterprise

    # learning outcomes of every qualification with dual programmes
    programmes = {p.pk: p for p in Programme.objects.filter(college__in=colleges, is_dual=True)
                  .select_related("qualification")}
    qualifications = {p.qualification_id: p.qualification for p in programmes.values()}
    have = set(LearningOutcome.objects.filter(qualification_id__in=list(qualifications))
               .values_list("qualification_id", flat=True))
    outcomes = []
    for qid in sorted(qualifications):
        if qid in have:
            continue
        q = qualifications[qid]
        middle = rng.sample(range(1, len(OUTCOMES) - 2), rng.randint(3, 6))
        for position, index in enumerate(sorted([0, *middle, len(OUTCOMES) - 1]), start=1):
            ru, kk, en = OUTCOMES[index]
            outcomes.append(LearningOutcome(
                qualification=q, code=f"РО{position}", position=position,
                name_ru=ru.format(ru=q.name_ru), name_kk=kk.format(kk=q.name_kk or q.name_ru),
                name_en=en.format(en=q.name_en or q.name_ru)))
    LearningOutcome.objects.bulk_create(outcomes, batch_size=2000)
    outcomes_of: dict[int, list[tuple[int, int]]] = {}  # qualification -> [(outcome id, task index)]
    task_of = {(ru.split("«")[0]): i for i, (ru, _kk, _en) in enumerate(OUTCOMES)}
    for o in LearningOutcome.objects.filter(qualification_id__in=list(qualifications), is_active=True).order_by(
            "qualification_id", "position", "pk"):
        outcomes_of.setdefault(o.qualification_id, []).append((o.pk, task_of.get(o.name_ru.split("«")[0], 3)))

    # the agreements and their sites; the demo student's college gets one with the demo mentor's enterprise
    agreements = list(Agreement.objects.filter(kind=AgreementKind.DUAL_TRAINING, status=AgreementStatus.ACTIVE,
                                               college__in=colleges)
                      .select_related("enterprise").order_by("number", "enterprise__bin", "pk"))
    agreements = [a for a in agreements if (a.valid_from is None or a.valid_from <= _d(year, 9, 1))
                  and (a.valid_until is None or a.valid_until >= _d(year, 6, 30))]
    login_agreement = None
    if home is not None and login is not None:
        number = LOGIN_AGREEMENT_NUMBER.format(year=year)
        login_agreement, _ = Agreement.objects.get_or_create(
            college=first, enterprise=home, kind=AgreementKind.DUAL_TRAINING, number=number, defaults={
                "signed_on": dt.date(year, 6, 16), "valid_from": dt.date(year, 9, 1),
                "valid_until": dt.date(year + 4, 6, 30), "status": AgreementStatus.ACTIVE, "students_covered": 30,
                "subject": f"Дуальное обучение по квалификации «{login.group.programme.qualification.name_ru}» "
                           f"(демо)"})
        if login_agreement.status == AgreementStatus.ACTIVE and login_agreement not in agreements:
            agreements.append(login_agreement)
    by_college: dict[int, list[Agreement]] = {}
    for a in agreements:
        by_college.setdefault(a.college_id, []).append(a)
    sites: dict[int, list[EnterpriseSite]] = {}
    for site in EnterpriseSite.objects.filter(enterprise_id__in={a.enterprise_id for a in agreements},
                                              is_active=True).order_by("enterprise_id", "name", "pk"):
        sites.setdefault(site.enterprise_id, []).append(site)

    # the trainees: studying students of active dual groups from their second year, without an open contract,
    # not placed by the published round (they get contracts of their own below)
    placed = set(Placement.objects.filter(round__status=RoundStatus.PUBLISHED, place__isnull=False)
                 .values_list("student_id", flat=True))
    busy = set(Contract.objects.filter(status__in=OPEN_CONTRACT_STATUSES).values_list("student_id", flat=True))
    students = (Student.objects.filter(college__in=colleges, status=StudentStatus.STUDYING, group__is_active=True,
                                       group__programme__is_dual=True, group__admission_year__lt=year)
                .exclude(pk__in=list(placed | busy))
                .only("pk", "iin", "last_name", "first_name", "patronymic", "birth_date", "sex", "college_id",
                      "group_id", "user_id")
                .order_by("college_id", "group_id", "last_name", "first_name", "iin"))
    groups: dict[int, list[Student]] = {}
    for s in students:
        groups.setdefault(s.group_id, []).append(s)
    group_objs = {g.pk: g for g in Group.objects.filter(pk__in=list(groups)).select_related("programme")}
    start, end = _d(year, 9, 1), _d(year, 6, 30)
    schedules = _schedules(year)

    # which groups, where and how
    plans = []  # (group, agreement, site, schedule name, weekday)
    for gid in sorted(groups, key=lambda g: (college_index[group_objs[g].college_id], group_objs[g].code)):
        group = group_objs[gid]
        members = groups[gid]
        is_login = login is not None and group.pk == login.group_id
        if not is_login and group.college_id != first.pk and rng.random() > GROUP_SHARE:
            continue
        options = [login_agreement] if is_login and login_agreement is not None else by_college.get(group.college_id, [])
        minors = any(_age(s.birth_date, start) < ADULT_AGE for s in members)
        choices = []
        for a in options:
            fitting = [s for s in sites.get(a.enterprise_id, []) if not (minors and s.hazardous)]
            if fitting:
                choices.append((a, fitting))
        if not choices:
            continue
        agreement, fitting = choices[rng.randrange(len(choices))]
        site = fitting[rng.randrange(len(fitting))]
        if is_login or rng.random() < BLOCK_SHARE:
            name, weekday = ("block-autumn" if is_login or rng.random() < 0.5 else "block-winter"), None
        else:
            name, weekday = "release", rng.choice((1, 2, 3))
        plans.append((group, agreement, site, name, weekday))

    # mentors: the demo mentor for the demo student's group, about one per TRAINEES_PER_MENTOR trainees elsewhere
    need: dict[int, int] = {}
    for group, agreement, _site, _n, _w in plans:
        need[agreement.enterprise_id] = need.get(agreement.enterprise_id, 0) + len(groups[group.pk])
    mentors: dict[int, list[Mentor]] = {}
    new_mentors = []
    serial = 0
    for enterprise_id in sorted(need):
        count = max(1, -(-need[enterprise_id] // TRAINEES_PER_MENTOR))
        for _ in range(count):
            serial += 1
            sex = "M" if rng.random() < 0.7 else "F"
            last, first_name, patronymic = names.person_name(rng, sex, 0.6)
            new_mentors.append(Mentor(enterprise_id=enterprise_id, last_name=last, first_name=first_name,
                                      patronymic=patronymic, position=rng.choice(MENTOR_POSITIONS),
                                      phone=f"+7 701 {500000 + serial:06d}"[:16], max_trainees=TRAINEES_PER_MENTOR + 6,
                                      email=f"mentor{serial}@{MENTOR_EMAIL_DOMAIN}"))
    demo_mentor = None
    if mentor_user is not None and home is not None and not Mentor.objects.filter(user=mentor_user).exists():
        demo_mentor = Mentor(enterprise=home, user=mentor_user, last_name=mentor_user.last_name,
                             first_name=mentor_user.first_name, position="старший мастер (демо)",
                             phone="+7 701 500 00 00", max_trainees=30, email=f"mentor@{MENTOR_EMAIL_DOMAIN}")
        new_mentors.append(demo_mentor)
    Mentor.objects.bulk_create(new_mentors, batch_size=2000)
    for m in new_mentors:
        if m is not demo_mentor:
            mentors.setdefault(m.enterprise_id, []).append(m)
    users_of = dict(Mentor.objects.filter(pk__in=[m.pk for m in new_mentors]).values_list("pk", "user_id"))

    # the contracts with their schedule and signatures
    sequence: dict[int, int] = dict.fromkeys(college_index, 0)
    contracts, periods_of, plan_of = [], [], []
    guardian_serial = 0
    turn: dict[int, int] = {}
    for group, agreement, site, name, weekday in plans:
        college = next(c for c in colleges if c.pk == group.college_id)
        if rng.random() < 0.08:
            payment, reason = Decimal(0), rng.choice(NO_PAYMENT_REASONS)
        else:
            payment, reason = Decimal(_weighted(rng, PAYMENTS)), ""
        insurance = f"{rng.choice(INSURERS)}, полис № НС-{rng.randrange(10**6):06d}"
        obligation = rng.choice((0, 0, 0, 12, 24, 36))
        briefing_by = "инженер по охране труда {} (демо)".format(" ".join(names.person_name(rng, "M", 0.6)[:2]))
        periods = schedules[name]
        days = _enterprise_days(tuple(periods), weekday)
        for student in groups[group.pk]:
            sequence[college.pk] += 1
            is_login = login is not None and student.pk == login.pk
            if demo_mentor is not None and group.pk == (login.group_id if login else None):
                mentor = demo_mentor
            else:
                pool = mentors[agreement.enterprise_id]
                i = turn.get(agreement.enterprise_id, 0)
                mentor = pool[(i // TRAINEES_PER_MENTOR) % len(pool)]
                turn[agreement.enterprise_id] = i + 1
            hours = sum(h for _a, _b, h in _shifts(student.birth_date, days))
            minor = _age(student.birth_date, start) < ADULT_AGE
            guardian = ("", "", "")
            if minor:
                guardian_serial += 1
                guardian = _guardian(rng, student, guardian_serial)
            contracts.append(Contract(
                number=f"{college.bin}-{year}-{sequence[college.pk]:05d}", origin=ContractOrigin.GROUP,
                student=student, college=college, enterprise_id=agreement.enterprise_id, site=site,
                programme_id=group.programme_id, agreement=agreement, mentor=mentor, starts_on=start, ends_on=end,
                enterprise_hours=max(1, int(hours)), monthly_payment=payment, payment_reason=reason,
                # a one-year contract of a longer programme: its year's planned production-training hours, of
                # which the enterprise's part is 70–100 % (from the student's key: no draw on the seeded stream)
                practice_hours=max(1, round(float(hours) / (0.70 + (student.pk * 7919 % 31) / 100))),
                insurance=insurance, work_obligation_months=obligation, guardian_name=guardian[0],
                guardian_iin=guardian[1], guardian_document=guardian[2],
                student_document=_document(rng, student.birth_date.replace(year=student.birth_date.year + 16)
                                           if not (student.birth_date.month == 2 and student.birth_date.day == 29)
                                           else dt.date(student.birth_date.year + 16, 3, 1)),
                status=ContractStatus.SIGNED,
                safety_briefing_on=_d(year, 9, rng.randint(2, 26)), safety_briefing_by=briefing_by,
                medical_exam_on=dt.date(year, 8, rng.randint(4, 22)),
                medical_exam_ref=f"075/у-{rng.randrange(10**5):05d}"))
            periods_of.append(periods)
            plan_of.append((group, agreement, days, is_login, minor))
    Contract.objects.bulk_create(contracts, batch_size=1000)
    _insert(ContractPeriod, ("contract", "kind", "starts_on", "ends_on"),
            [(c.pk, kind, a, b) for c, periods in zip(contracts, periods_of, strict=True) for kind, a, b in periods])

    signatures, signed_on = [], {}
    for c, (_group, agreement, _days, _is_login, minor) in zip(contracts, plan_of, strict=True):
        signed_on.setdefault(c.agreement_id, []).append(c.pk)
        when = _at(dt.date(year, 8, 18 + agreement.pk % 10), 11)  # an agreement's contracts are signed together
        digest = _digest(c.number, c.student_id, c.starts_on)
        for party in (Party.COLLEGE, Party.ENTERPRISE, Party.GUARDIAN if minor else Party.STUDENT):
            method = SignatureMethod.ECP if (party != Party.GUARDIAN and rng.random() < 0.6) else SignatureMethod.SCAN
            signer = {Party.COLLEGE: ("директор колледжа (демо)", c.college.bin),
                      Party.ENTERPRISE: ("руководитель предприятия (демо)", agreement.enterprise.bin),
                      Party.GUARDIAN: (c.guardian_name, c.guardian_iin),
                      Party.STUDENT: (c.student.full_name, c.student.iin)}[party]
            signatures.append((c.pk, party.value, method.value, signer[0][:300], signer[1] or "", digest, "", "",
                               when))
    _insert(Signature, ("contract", "party", "method", "signer_name", "signer_id", "document_digest", "cms", "scan",
                        "signed_at"), signatures)

    # the orders: the college's sending the students, the enterprise's appointing the mentors, per agreement
    orders, members = [], []
    for n, (agreement_id, ids) in enumerate(sorted(signed_on.items()), start=1):
        agreement = next(a for a in agreements if a.pk == agreement_id)
        for kind, suffix, day in ((OrderKind.SENDING, "ДО", 27), (OrderKind.MENTORS, "Н", 29)):
            order = TrainingOrder(kind=kind, number=f"{100 + n}-{suffix}", date=dt.date(year, 8, day),
                                  college_id=agreement.college_id, enterprise_id=agreement.enterprise_id,
                                  agreement=agreement)
            orders.append(order)
            members.append(ids)
    TrainingOrder.objects.bulk_create(orders, batch_size=1000)
    _insert(TrainingOrder.contracts.through, ("trainingorder", "contract"),
            [(o.pk, cid) for o, ids in zip(orders, members, strict=True) for cid in ids])

    # the logbook of the year, assessments and a few final results
    entries, keys, links, assessments = [], [], [], []  # entries as rows: tens of thousands, written without models
    graduating = []
    db = _Adapted(LogbookEntry)
    SIGNED, SUBMITTED, RETURNED = EntryStatus.SIGNED.value, EntryStatus.SUBMITTED.value, EntryStatus.RETURNED.value
    AT_ENTERPRISE = EntryLocation.ENTERPRISE.value
    now = db.value("created_at", timezone.now())
    for c, periods, (group, _agreement, days, is_login, _minor) in zip(contracts, periods_of, plan_of, strict=True):
        qualification_id = programmes[group.programme_id].qualification_id
        pool = outcomes_of.get(qualification_id, [])
        student = c.student
        reviewer = users_of.get(c.mentor_id)
        behind = not is_login and rng.random() < BEHIND_SHARE
        workshop = not is_login and rng.random() < WORKSHOP_SHARE
        pending = 3 if (is_login or (demo_mentor is not None and c.mentor_id == demo_mentor.pk)) else (
            rng.randint(1, 3) if rng.random() < PENDING_SHARE else 0)
        worked = [d for d in days if not (behind and rng.random() < 0.45) and not (workshop and rng.random() < 0.5)]
        cid, first_pending = c.pk, len(worked) - pending
        for i, (day, (starts_at, ends_at, hours)) in enumerate(zip(worked, _shifts(student.birth_date, worked),
                                                                   strict=True)):
            status, comment, reviewed, by = SIGNED, "", db.reviewed(day), reviewer
            if i >= first_pending:
                status, reviewed, by = SUBMITTED, None, None
            elif rng.random() < RETURNED_SHARE:
                status, comment = RETURNED, rng.choice(RETURN_COMMENTS)
            outcome, task = pool[rng.randrange(len(pool))] if pool else (None, 3)
            entries.append((cid, db.value("date", day), db.value("starts_at", starts_at),
                            db.value("ends_at", ends_at), db.value("hours", hours), AT_ENTERPRISE,
                            TASKS[task], status, comment, by, reviewed, student.user_id, now))
            keys.append((cid, day))
            links.append(outcome)
        if workshop:  # production training in the college's workshop: every other Monday outside the blocks
            blocks = [(a, b) for kind, a, b in periods if kind == "enterprise"]
            blocks = blocks if len(blocks) > 1 else []  # day release: Mondays are college days
            mondays = [d for d in _enterprise_days((("enterprise", _d(year, 10, 13), _d(year, 5, 15)),), 0)
                       if not any(a <= d <= b for a, b in blocks)][::2]
            for day, (starts_at, ends_at, hours) in zip(mondays, _shifts(student.birth_date, mondays), strict=True):
                entries.append((c.pk, db.value("date", day), db.value("starts_at", starts_at),
                                db.value("ends_at", ends_at), db.value("hours", hours), EntryLocation.COLLEGE.value,
                                WORKSHOP_TASK, EntryStatus.SIGNED.value, "", reviewer, db.reviewed(day),
                                student.user_id, now))
                keys.append((c.pk, day))
                links.append(pool[min(3, len(pool) - 1)][0] if pool else None)
        if pool and worked and rng.random() < ASSESSED_SHARE:
            for day in sorted(rng.sample(worked, min(2, len(worked)))):
                outcome, _t = pool[rng.randrange(len(pool))]
                competent = rng.random() < 0.88
                assessments.append(Assessment(
                    contract=c, outcome_id=outcome, date=day,
                    result=AssessmentResult.COMPETENT if competent else AssessmentResult.NOT_YET,
                    score=rng.randint(4, 5) if competent else rng.randint(2, 3), assessed_by_id=reviewer,
                    comment="" if competent else "Требуется дополнительная практика (демо)"))
        if not is_login and group.admission_year + (4 if programmes[group.programme_id].base == "9" else 3) == year + 1:
            graduating.append(c)
    _insert(LogbookEntry, ("contract", "date", "starts_at", "ends_at", "hours", "location", "tasks", "status",
                           "mentor_comment", "reviewed_by", "reviewed_at", "created_by", "created_at"), entries,
            adapted=True)
    ids = {(cid, day): pk for cid, day, pk in LogbookEntry.objects.filter(contract_id__in=[c.pk for c in contracts])
           .values_list("contract_id", "date", "pk")}
    _insert(LogbookEntry.outcomes.through, ("logbookentry", "learningoutcome"),
            [(ids[key], o) for key, o in zip(keys, links, strict=True) if o is not None])
    Assessment.objects.bulk_create(assessments, batch_size=5000)

    finals = []
    for n, c in enumerate(sorted(rng.sample(graduating, min(FINAL_RESULTS, len(graduating))), key=lambda c: c.number),
                          start=1):
        passed = rng.random() < 0.93
        finals.append(FinalResult(
            contract=c, date=_d(year, 6, rng.randint(15, 26)),
            result=FinalResultKind.PASSED if passed else FinalResultKind.FAILED,
            qualification_id=programmes[c.programme_id].qualification_id if passed else None,
            grade=rng.randint(3, 5) if passed else 2, certificate_number=f"ПК-{year + 1}-{n:05d}" if passed else "",
            recorded_by_id=users_of.get(c.mentor_id)))
    FinalResult.objects.bulk_create(finals)
    Contract.objects.filter(pk__in=[f.contract_id for f in finals]).update(status=ContractStatus.COMPLETED)

    return len(contracts) + _matching_contracts(rng, year, mentors, users_of)


class _Adapted:
    """Values of a model's fields adapted to the database once each (the logbook repeats a few hundred dates,
    three shifts and three durations across its rows)."""

    def __init__(self, model):
        from django.db import connection

        self.fields = {f.name: f for f in model._meta.concrete_fields}
        self.connection = connection
        self.cache: dict = {}

    def value(self, name: str, value):
        key = (name, value)
        if key not in self.cache:
            self.cache[key] = self.fields[name].get_db_prep_save(value, self.connection)
        return self.cache[key]

    def reviewed(self, day: dt.date):
        """The mentor's sign-off: the next day at 17:00."""
        key = ("reviewed", day)
        if key not in self.cache:
            self.cache[key] = self.value("reviewed_at", _at(day + dt.timedelta(days=1), 17))
        return self.cache[key]


def _insert(model, names: tuple[str, ...], rows: list[tuple], batch: int = 5000, adapted: bool = False) -> None:
    """Write plain rows (no model instances, no signals): the logbook's tens of thousands of entries. Values
    are adapted to the database like the ORM does (dates, times, aware datetimes, decimals)."""
    from django.db import connection

    ops = connection.ops
    fields = [model._meta.get_field(n) for n in names]
    adapters = []
    for f in fields:
        kind = f.get_internal_type()
        if kind == "DateField":
            adapters.append(ops.adapt_datefield_value)
        elif kind == "TimeField":
            adapters.append(ops.adapt_timefield_value)
        elif kind == "DateTimeField":
            adapters.append(ops.adapt_datetimefield_value)
        elif kind == "DecimalField":
            adapters.append(lambda v, f=f: ops.adapt_decimalfield_value(v, f.max_digits, f.decimal_places))
        else:
            adapters.append(None)
    cache: dict = {}

    def adapt(i, value):
        if value is None or adapters[i] is None:
            return value
        key = (i, value)
        if key not in cache:
            cache[key] = adapters[i](value)
        return cache[key]

    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(model._meta.db_table), ", ".join(ops.quote_name(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start:start + batch]
            cursor.executemany(sql, chunk if adapted else [tuple(adapt(i, v) for i, v in enumerate(row))
                                                           for row in chunk])


def _matching_contracts(rng: random.Random, year: int, mentors: dict, users_of: dict) -> int:
    """Contracts of the first round's matched students for the coming year: most accepted their place (a draft),
    most of those await the student's (or guardian's) signature after the college's and the enterprise's."""
    from .models import (
        ADULT_AGE,
        OPEN_CONTRACT_STATUSES,
        Contract,
        ContractOrigin,
        ContractPeriod,
        ContractStatus,
        Party,
        Placement,
        RoundStatus,
        Signature,
        SignatureMethod,
    )

    placements = list(Placement.objects.filter(round__name=ROUND_NAME, round__status=RoundStatus.PUBLISHED,
                                               place__isnull=False, contract__isnull=True)
                      .select_related("student__group", "student__college", "place__enterprise", "place__site")
                      .order_by("student__iin"))
    busy = set(Contract.objects.filter(status__in=OPEN_CONTRACT_STATUSES, student_id__in=[p.student_id for p in placements])
               .values_list("student_id", flat=True))
    numbers: dict[str, int] = {}
    load = {m.pk: 0 for pool in mentors.values() for m in pool}
    for mentor_id, n in (Contract.objects.filter(mentor_id__in=list(load), status__in=OPEN_CONTRACT_STATUSES)
                         .values_list("mentor_id").annotate(n=models.Count("pk")).order_by()):
        load[mentor_id] = n
    contracts, signing = [], []
    for placement in placements:
        student, place = placement.student, placement.place
        if student.pk in busy or student.group_id is None or rng.random() < 0.15:
            continue  # not accepted yet
        prefix = f"{student.college.bin}-{place.starts_on.year}-"
        if prefix not in numbers:
            last = (Contract.objects.filter(number__startswith=prefix).order_by("-number")
                    .values_list("number", flat=True).first())
            numbers[prefix] = int(last.rsplit("-", 1)[1]) if last and last.rsplit("-", 1)[1].isdigit() else 0
        numbers[prefix] += 1
        minor = _age(student.birth_date, place.starts_on) < ADULT_AGE
        guardian = _guardian(rng, student, 2000 + numbers[prefix]) if minor else ("", "", "")
        days = _enterprise_days((("enterprise", place.starts_on, place.ends_on),), None)
        hours = int(sum(h for _a, _b, h in _shifts(student.birth_date, days)) * Decimal("0.4"))
        sign = rng.random() < 0.7
        mentor = None
        if sign:
            free = [m for m in mentors.get(place.enterprise_id, []) if load[m.pk] < m.max_trainees]
            if free:
                mentor = free[0]
                load[mentor.pk] += 1
        contract = Contract(
            number=f"{prefix}{numbers[prefix]:05d}", origin=ContractOrigin.MATCHING, student=student,
            college=student.college, enterprise=place.enterprise, site=place.site,
            programme_id=student.group.programme_id, place=place, placement=placement, mentor=mentor,
            starts_on=place.starts_on, ends_on=place.ends_on, enterprise_hours=max(1, hours),
            monthly_payment=place.monthly_payment, payment_reason=place.payment_reason,
            insurance=f"{rng.choice(INSURERS)}, полис № НС-{rng.randrange(10**6):06d}" if sign else "",
            guardian_name=guardian[0], guardian_iin=guardian[1], guardian_document=guardian[2],
            student_document=_document(rng, dt.date(student.birth_date.year + 16, 3, 1)),
            status=ContractStatus.SIGNING if sign else ContractStatus.DRAFT)
        contracts.append(contract)
        if sign:
            signing.append(contract)
    Contract.objects.bulk_create(contracts, batch_size=1000)
    ContractPeriod.objects.bulk_create(ContractPeriod(contract=c, kind="enterprise", starts_on=c.starts_on,
                                                      ends_on=c.ends_on) for c in contracts)
    Signature.objects.bulk_create(
        Signature(contract=c, party=party, method=SignatureMethod.ECP if rng.random() < 0.7 else SignatureMethod.SCAN,
                  signer_name=name, signer_id=bin_, document_digest=_digest(c.number, c.student_id, c.starts_on))
        for c in signing for party, name, bin_ in (
            (Party.COLLEGE, "директор колледжа (демо)", c.college.bin),
            (Party.ENTERPRISE, "руководитель предприятия (демо)", c.enterprise.bin)))
    return len(contracts)
