"""Partnership agreements of the demo region (synthetic): deterministic and idempotent.

Every college with a dual programme has a dual-training agreement with one to three enterprises of an industry
that fits its dual specialties (local enterprises first); every college also has memoranda and other
agreements. The records depend only on the seed and on the demo's colleges, enterprises and programmes (never
on today's date or on what else the database holds), and an agreement already stored (same college,
enterprise and number) is left as it is, so running it again creates nothing.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from kasip.registry.models import College, Enterprise, Programme

from .models import Agreement, AgreementKind, AgreementStatus

# The industries (of demo/region.py's enterprises) that train for a specialty, best fit first: by the
# specialty's first six digits, else its first four (the ISCED-F field).
SPECIALTY_INDUSTRIES = {
    "071508": ("steel", "machinery"), "071509": ("copper", "steel"),
    "071302": ("energy", "construction", "water"), "071304": ("energy", "water"),
    "071616": ("agriculture", "transport"), "072405": ("copper", "coal"),
    "0715": ("machinery", "steel", "construction"), "0713": ("energy", "steel", "coal", "water"),
    "0714": ("energy", "steel", "machinery", "chemical"), "0724": ("coal", "copper"), "0711": ("chemical", "copper"),
    "0732": ("construction",), "0716": ("transport", "machinery"), "1041": ("transport",),
    "0612": ("services", "energy"), "0613": ("services",), "0912": ("health",), "0913": ("health",),
    "0914": ("health",), "0916": ("health", "chemical"), "0811": ("agriculture",), "0841": ("agriculture",),
    "1012": ("services",), "1013": ("services", "agriculture"), "1015": ("services",), "0723": ("services",),
    "0411": ("services",), "0421": ("services",),
}
DEFAULT_INDUSTRIES = ("services", "machinery")

OTHER_KINDS = [  # (kind, weight, number prefix)
    (AgreementKind.MEMORANDUM, 34, "М"), (AgreementKind.PRACTICE, 24, "П"), (AgreementKind.ORDERED_TRAINING, 10, "ЦП"),
    (AgreementKind.EQUIPMENT, 8, "О"), (AgreementKind.CURRICULUM, 8, "ОП"), (AgreementKind.SCHOLARSHIPS, 8, "С"),
    (AgreementKind.PATRONAGE, 8, "Ш"),
]
SUBJECTS = {
    AgreementKind.MEMORANDUM: "Меморандум о сотрудничестве в подготовке кадров (демо)",
    AgreementKind.PRACTICE: "Производственная практика студентов на базе предприятия (демо)",
    AgreementKind.ORDERED_TRAINING: "Подготовка кадров по заказу предприятия с обязательством трудоустройства "
                                    "выпускников (демо)",
    AgreementKind.EQUIPMENT: "Передача оборудования для учебных мастерских (демо)",
    AgreementKind.CURRICULUM: "Совместная разработка модулей образовательной программы (демо)",
    AgreementKind.SCHOLARSHIPS: "Именные стипендии предприятия лучшим студентам (демо)",
    AgreementKind.PATRONAGE: "Шефская помощь колледжу (демо)",
}


def industries_for(specialty_code: str) -> tuple[str, ...]:
    return SPECIALTY_INDUSTRIES.get(specialty_code[:6]) or SPECIALTY_INDUSTRIES.get(specialty_code[:4]) or ()


def _date(rng: random.Random, year: int, months: tuple[int, int] = (1, 12)) -> dt.date:
    return dt.date(year, rng.randint(*months), rng.randint(1, 28))


def _partners(rng, college, enterprises, industries, count, exclude=()):
    """`count` enterprises of the first fitting industry that has any, local ones first."""
    for industry in industries:
        pool = [e for e, kind in enterprises if kind == industry and e.pk not in exclude]
        if pool:
            break
    else:
        pool = [e for e, _kind in enterprises if e.pk not in exclude]
    rng.shuffle(pool)
    pool.sort(key=lambda e: e.district_id != college.district_id)  # stable: local first, shuffled within
    return pool[:count]


def _dual(rng, college, number, enterprise, qualification) -> Agreement:
    year = rng.choice((2022, 2023, 2024, 2025))
    signed = _date(rng, year, (5, 8))
    status = AgreementStatus.SUSPENDED if rng.random() < 0.06 else AgreementStatus.ACTIVE
    return Agreement(college=college, enterprise=enterprise, kind=AgreementKind.DUAL_TRAINING,
                     number=f"ДО-{number}/{year}", signed_on=signed, valid_from=dt.date(year, 9, 1),
                     valid_until=dt.date(max(year + 4, 2029), 6, 30), status=status,
                     students_covered=rng.choice((15, 20, 25, 25, 30, 40, 50, 60)),
                     subject=f"Дуальное обучение по квалификации «{qualification}» (демо)")


def _other(rng, college, number, enterprise, kind, prefix) -> Agreement:
    roll = rng.random()
    if roll < 0.12:  # ended: expired
        year = rng.choice((2019, 2020, 2021))
        signed = _date(rng, year)
        valid_until, status = dt.date(year + 3, 12, 31), AgreementStatus.EXPIRED
    elif roll < 0.18:  # ended early
        year = rng.choice((2021, 2022, 2023))
        signed = _date(rng, year)
        valid_until, status = dt.date(year + 5, 12, 31), AgreementStatus.TERMINATED
    elif roll < 0.23:  # being agreed
        year = 2025
        signed = _date(rng, year, (10, 12))
        valid_until, status = dt.date(2030, 12, 31), AgreementStatus.DRAFT
    else:
        year = rng.choice((2022, 2023, 2024, 2025))
        signed = _date(rng, year)
        open_ended = kind in (AgreementKind.MEMORANDUM, AgreementKind.PATRONAGE) and rng.random() < 0.5
        valid_until = None if open_ended else dt.date(max(year + 5, 2029), 12, 31)
        status = AgreementStatus.ACTIVE
    students = {AgreementKind.PRACTICE: rng.randint(5, 40), AgreementKind.ORDERED_TRAINING: rng.randint(10, 30),
                AgreementKind.SCHOLARSHIPS: rng.randint(3, 10)}.get(kind)
    return Agreement(college=college, enterprise=enterprise, kind=kind, number=f"{prefix}-{number}/{year}",
                     signed_on=signed, valid_from=signed + dt.timedelta(days=rng.randint(0, 14)),
                     valid_until=valid_until, status=status, students_covered=students, subject=SUBJECTS[kind])


def _college_agreements(rng, index, college, enterprises, dual_programmes) -> list[Agreement]:
    agreements = []
    taken: set[int] = set()
    specialties = sorted({p.qualification.specialty.code for p in dual_programmes})
    if specialties:
        industries = []
        for code in specialties:
            for industry in industries_for(code) or DEFAULT_INDUSTRIES:
                if industry not in industries:
                    industries.append(industry)
        for n, enterprise in enumerate(_partners(rng, college, enterprises, industries, rng.randint(1, 3)), start=1):
            programme = rng.choice(dual_programmes)
            agreements.append(_dual(rng, college, f"{index:02d}.{n}", enterprise, programme.qualification.name_ru))
            taken.add(enterprise.pk)
    kinds, weights = [k for k, _w, _p in OTHER_KINDS], [w for _k, w, _p in OTHER_KINDS]
    prefixes = {k: p for k, _w, p in OTHER_KINDS}
    for n in range(1, rng.randint(1, 3) + 1):
        kind = rng.choices(kinds, weights)[0]
        if agreements and rng.random() < 0.35:  # another agreement with a dual partner
            enterprise = agreements[rng.randrange(len(agreements))].enterprise
        else:
            fitting = [industry for code in specialties for industry in industries_for(code)] or list(DEFAULT_INDUSTRIES)
            rng.shuffle(fitting)
            found = _partners(rng, college, enterprises, fitting, 1, exclude=taken)
            if not found:
                continue
            enterprise = found[0]
        agreements.append(_other(rng, college, f"{index:02d}.{n}", enterprise, kind, prefixes[kind]))
        taken.add(enterprise.pk)
    return agreements


@transaction.atomic
def generate_agreements(seed: int = 2026) -> int:
    """Create the demo region's partnership agreements that are missing; return how many were created."""
    from kasip.demo import region as data
    from kasip.demo.loader import college_bin, enterprise_bin

    colleges_by_bin = {c.bin: c for c in College.objects.filter(
        bin__in=[college_bin(i) for i in range(1, len(data.COLLEGES) + 1)])}
    enterprises_by_bin = {e.bin: e for e in Enterprise.objects.filter(
        bin__in=[enterprise_bin(i) for i in range(1, len(data.ENTERPRISES) + 1)])}
    enterprises = [(enterprises_by_bin[enterprise_bin(i)], row[6])
                   for i, row in enumerate(data.ENTERPRISES, start=1) if enterprise_bin(i) in enterprises_by_bin]
    if not colleges_by_bin or not enterprises:
        return 0
    dual: dict[int, list[Programme]] = {}
    for programme in (Programme.objects.filter(college__in=list(colleges_by_bin.values()), is_dual=True)
                      .select_related("qualification__specialty").order_by("college_id", "qualification__code",
                                                                           "language", "base", "form", "pk")):
        dual.setdefault(programme.college_id, []).append(programme)
    wanted = []
    for index in range(1, len(data.COLLEGES) + 1):
        college = colleges_by_bin.get(college_bin(index))
        if college is None:
            continue
        rng = random.Random(f"kasip-agreements:{seed}:{college.bin}")
        wanted += _college_agreements(rng, index, college, enterprises, dual.get(college.pk, []))
    have = set(Agreement.objects.filter(college__in=list(colleges_by_bin.values()))
               .values_list("college_id", "enterprise_id", "number"))
    new = []
    for agreement in wanted:
        key = (agreement.college_id, agreement.enterprise_id, agreement.number)
        if key not in have:
            have.add(key)
            new.append(agreement)
    Agreement.objects.bulk_create(new, batch_size=1000)
    return len(new)
