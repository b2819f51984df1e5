"""Graduates' employment records of the demo region (synthetic): deterministic and idempotent.

Every demo graduation gets a record at 6 and at 12 months after graduating (when that date has come).
Each graduate's path depends only on the seed and the diploma number: further study, military service
(men) or parental leave (women) for some; the others employed or not by a latent chance that grows from 6
to 12 months, higher for dual-training graduates (a dual programme, or a signed or completed dual
contract), who also work more often in their specialty, at their training enterprise, and earn a
little more. Records already stored (same graduation and months) are left as they are.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import connection
from django.utils import timezone

from kasip.dual.models import Contract, ContractStatus
from kasip.registry.models import Enterprise

from .models import EmploymentRecord, EmploymentSource, EmploymentStatus, Graduation, WageBand

BATCH = 2000
# Written with executemany: building 26 000 model instances for bulk_create cost several times more than the
# insert itself (Django prepares every value of every row; SQLite's variable limit cuts the batches to 71 rows).
COLUMNS = ("graduation", "months_after", "status", "employer_name", "employer_bin", "employer", "occupation_code",
           "occupation_title", "in_specialty", "wage_band", "source", "recorded_on", "created_at", "updated_at")

# Occupations outside the specialty that graduates take (ISCO-08 unit group, title in Russian).
OTHER_OCCUPATIONS = [
    ("5223", "Продавец-консультант"), ("8322", "Водитель автомобиля"), ("9329", "Разнорабочий"),
    ("5120", "Повар"), ("4110", "Офисный служащий"), ("5414", "Охранник"), ("9112", "Уборщик"),
    ("4321", "Кладовщик"), ("5131", "Официант"), ("7411", "Электромонтажник"),
]
SMALL_EMPLOYERS = [
    "ТОО «Сарыарка Сервис» (демо)", "ИП «Жанар» (демо)", "ТОО «Стройинвест Караганда» (демо)",
    "ТОО «Магнум-Центр» (демо)", "ИП «Нурлан» (демо)", "ТОО «Транс Логистик» (демо)",
    "ТОО «Кафе Достар» (демо)", "ТОО «Автосервис Темиртау» (демо)", "ИП «Айгерим» (демо)",
    "ТОО «Қазақ Құрылыс» (демо)",
]
# Wage bands as cumulative shares: (not dual, dual).
WAGES = {False: [(0.30, WageBand.UP_TO_150K), (0.70, WageBand.FROM_150K), (0.85, WageBand.FROM_300K),
                 (0.90, WageBand.ABOVE_500K), (1.0, WageBand.UNKNOWN)],
         True: [(0.18, WageBand.UP_TO_150K), (0.62, WageBand.FROM_150K), (0.83, WageBand.FROM_300K),
                (0.90, WageBand.ABOVE_500K), (1.0, WageBand.UNKNOWN)]}
EMPLOYED_SHARE = {(6, False): 0.60, (12, False): 0.72, (6, True): 0.72, (12, True): 0.84}
IN_SPECIALTY = {False: 0.58, True: 0.80}


def _pick(rng: random.Random, cumulative):
    draw = rng.random()
    for threshold, value in cumulative:
        if draw < threshold:
            return value
    return cumulative[-1][1]


def _months_later(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def _path(rng: random.Random, sex: str, dual: bool) -> dict[int, str]:
    """The graduate's status at 6 and 12 months."""
    track = rng.random()
    if track < 0.11:
        return {6: EmploymentStatus.FURTHER_STUDY, 12: EmploymentStatus.FURTHER_STUDY}
    if sex == "M" and track < 0.23:
        return {6: EmploymentStatus.MILITARY_SERVICE, 12: EmploymentStatus.MILITARY_SERVICE}
    if sex == "F" and track < 0.16:
        return {6: EmploymentStatus.EMPLOYED if rng.random() < 0.4 else EmploymentStatus.PARENTAL_LEAVE,
                12: EmploymentStatus.PARENTAL_LEAVE}
    chance, unknown = rng.random(), rng.random()
    statuses = {}
    for months in (6, 12):
        if chance < EMPLOYED_SHARE[(months, dual)]:
            statuses[months] = EmploymentStatus.EMPLOYED
        elif unknown < 0.25:
            statuses[months] = EmploymentStatus.UNKNOWN
        else:
            statuses[months] = EmploymentStatus.UNEMPLOYED
    return statuses


def _insert(rows: list[tuple]) -> None:
    meta, quote = EmploymentRecord._meta, connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in COLUMNS)
    sql = (f"INSERT INTO {quote(meta.db_table)} ({columns}) "  # names from the model, values bound
           f"VALUES ({', '.join(['%s'] * len(COLUMNS))})")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start:start + BATCH])


def generate_employment(seed: int = 2026) -> int:
    """Create the missing employment records of the demo's graduations; return how many were created."""
    from kasip.demo import region as data
    from kasip.demo.loader import college_bin, enterprise_bin

    bins = [college_bin(i) for i in range(1, len(data.COLLEGES) + 1)]
    graduations = list(Graduation.objects.filter(student__college__bin__in=bins).values_list(
        "pk", "date", "diploma_number", "student_id", "student__sex", "student__college__district_id",
        "programme__is_dual", "qualification__name_ru", "qualification__code").order_by("pk"))
    if not graduations:
        return 0
    have = set(EmploymentRecord.objects.filter(graduation__in=[g[0] for g in graduations]).values_list(
        "graduation_id", "months_after"))
    if len(have) >= 2 * len(graduations):
        return 0
    from kasip.demo.classifier import ISCO_BY_QUALIFICATION

    enterprises = list(Enterprise.objects.filter(bin__in=[enterprise_bin(i) for i in range(
        1, len(data.ENTERPRISES) + 1)]).order_by("pk").values_list("pk", "bin", "name_ru", "district_id"))
    by_id = {e[0]: e for e in enterprises}
    local: dict[int, list] = {}
    for e in enterprises:
        local.setdefault(e[3], []).append(e)
    trained_at = dict(Contract.objects.filter(
        student_id__in=[g[3] for g in graduations], status__in=[ContractStatus.SIGNED, ContractStatus.COMPLETED])
        .order_by("student_id", "starts_on").values_list("student_id", "enterprise_id"))
    today = timezone.localdate()
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    day = connection.ops.adapt_datefield_value
    rows = []
    for pk, date, diploma, student_id, sex, district_id, is_dual, qualification, code in graduations:
        dual = bool(is_dual) or student_id in trained_at
        rng = random.Random(f"kasip-outcomes:{seed}:{diploma}")
        statuses = _path(rng, sex, dual)
        in_specialty = rng.random() < IN_SPECIALTY[dual]
        if dual and student_id in trained_at and rng.random() < 0.6:
            employer = by_id.get(trained_at[student_id])
        elif rng.random() < 0.6 and enterprises:
            pool = local.get(district_id) if rng.random() < 0.7 and local.get(district_id) else enterprises
            employer = pool[rng.randrange(len(pool))]
        else:
            employer = None
        small = SMALL_EMPLOYERS[rng.randrange(len(SMALL_EMPLOYERS))]
        other = OTHER_OCCUPATIONS[rng.randrange(len(OTHER_OCCUPATIONS))]
        wage = _pick(rng, WAGES[dual])
        source = _pick(rng, [(0.55, EmploymentSource.CONTRACT_REGISTER), (0.85, EmploymentSource.PENSION),
                             (1.0, EmploymentSource.SURVEY)])
        occupation = (ISCO_BY_QUALIFICATION.get(code, ""), qualification) if in_specialty else other
        for months in (6, 12):
            recorded = _months_later(date, months) + dt.timedelta(days=rng.randrange(25))
            status = statuses[months]
            if (pk, months) in have or recorded > today:
                continue
            if status == EmploymentStatus.EMPLOYED:
                name, bin_, employer_id = (employer[2], employer[1], employer[0]) if employer else (small, "", None)
                job = (name, bin_, employer_id, *occupation, in_specialty, str(wage))
            else:
                job = ("", "", None, "", "", None, "")
            rows.append((pk, months, str(status), *job,
                         str(source if status != EmploymentStatus.UNKNOWN else EmploymentSource.SURVEY),
                         day(recorded), now, now))
    _insert(rows)
    return len(rows)
