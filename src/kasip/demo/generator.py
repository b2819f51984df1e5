"""Generates the demo region's synthetic records in memory, without touching the database.

Everything comes from the committed tables (region.py, classifier.py, names.py) and one
random.Random(seed): the same seed and size give the same records, byte for byte, whatever
the database holds. loader.py writes them; tests check them without a database.

The reference date is 1 October 2025 (academic year 2025-26): groups admitted 2022-2025
(after grade 9, 3 years 10 months) or 2023-2025 (after grade 11, 2 years 10 months) are
studying; the cohorts before them graduated in June 2023, 2024 and 2025.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from kasip.core.validators import make_iin

from . import classifier, names, region

SEED = 2026
REF_DATE = dt.date(2025, 10, 1)
CURRENT_YEAR = 2025
INTAKE_YEARS = (2023, 2024, 2025)
NEED_YEARS = (2024, 2025, 2026)
DEFAULT_STUDENTS = 20_000
GROUP_MAX = 30
IIN_SERIAL_START = 1000  # the national generator uses 5000 and up, so the two never collide
MIN_AGE, MAX_AGE = 15, 22

LOGIN_STUDENT = ("Токтаров", "Арман", "Серикович")

EXPULSION_REASONS = [
    "по собственному желанию", "в связи с переводом в другую организацию образования",
    "за академическую неуспеваемость", "в связи с переменой места жительства",
]
LEAVE_REASONS = ["по состоянию здоровья", "по семейным обстоятельствам"]
NEED_COMMENTS = ["", "", "", "с последующим трудоустройством выпускников", "вахтовый метод работы",
                 "для нового производственного участка", "замещение уходящих на пенсию работников"]


@dataclass
class ProgrammeSpec:
    college: int  # index into region.COLLEGES
    qualification: str
    language: str
    base: str
    form: str
    hours_theory: int
    hours_practice: int
    is_dual: bool

    @property
    def hours_total(self) -> int:
        return self.hours_theory + self.hours_practice

    @property
    def key(self) -> tuple:
        return (self.college, self.qualification, self.language, self.base, self.form)


@dataclass
class IntakeSpec:
    programme: int
    year: int
    state_order: int
    enterprise_order: int
    paid: int


@dataclass
class GroupSpec:
    college: int
    programme: int
    code: str
    admission_year: int
    is_active: bool


@dataclass
class EventSpec:
    kind: str
    date: dt.date
    order_number: str
    order_date: dt.date
    reason: str = ""


@dataclass
class StudentSpec:
    group: int
    iin: str
    last_name: str
    first_name: str
    patronymic: str
    birth_date: dt.date
    sex: str
    base: str
    funding: str
    status: str
    consent: bool
    consent_date: dt.date | None
    nobd_id: str
    events: list[EventSpec] = field(default_factory=list)
    graduation: tuple[dt.date, str, bool] | None = None  # (date, diploma number, with honours)
    is_login: bool = False


@dataclass
class SiteSpec:
    enterprise: int  # index into region.ENTERPRISES
    name: str
    district: str  # КАТО
    address: str
    hazardous: bool


@dataclass
class NeedSpec:
    enterprise: int
    occupation_title: str
    occupation_code: str
    qualification: str
    skill_level: int
    count: int
    year: int
    district: str
    comment: str


@dataclass
class RegionData:
    programmes: list[ProgrammeSpec]
    intakes: list[IntakeSpec]
    groups: list[GroupSpec]
    students: list[StudentSpec]
    sites: list[SiteSpec]
    needs: list[NeedSpec]

    def fingerprint(self) -> str:
        import hashlib

        digest = hashlib.sha256()
        for s in self.students:
            digest.update(f"{s.iin}|{s.last_name}|{s.first_name}|{s.patronymic}|{self.groups[s.group].code}|"
                          f"{s.status}|{s.funding}\n".encode())
        return digest.hexdigest()


# --- helpers shared with the national generator ----------------------------------------
def cohort_years(base: str) -> tuple[list[int], list[int]]:
    """(years of admission of the groups now studying, of the three graduated cohorts)."""
    if base == "9":
        return [2022, 2023, 2024, 2025], [2019, 2020, 2021]
    return [2023, 2024, 2025], [2020, 2021, 2022]


def graduation_year(base: str, admission_year: int) -> int:
    return admission_year + (4 if base == "9" else 3)


def planned_hours(rng: random.Random, base: str, dual: bool) -> tuple[int, int]:
    """Theory and production training/practice hours (multiples of 12): 1400-2400 + 900-1900."""
    if base == "9":
        theory = 12 * rng.randint(170, 200)
        practice = 12 * (rng.randint(128, 158) if dual else rng.randint(100, 140))
    else:
        theory = 12 * rng.randint(117, 160)
        practice = 12 * (rng.randint(100, 125) if dual else rng.randint(75, 110))
    return theory, practice


def birth_date_for(rng: random.Random, base: str, admission_year: int) -> dt.date:
    """A date of birth for someone admitted at 15-16 (grade 9) or 17-18 (grade 11), aged 15-22 now."""
    age = (15 if rng.random() < 0.8 else 16) if base == "9" else (17 if rng.random() < 0.75 else 18)
    latest = dt.date(admission_year - age, 9, 1)  # `age` years old on 1 September
    born = latest - dt.timedelta(days=rng.randrange(365))
    now = REF_DATE.year - born.year - ((REF_DATE.month, REF_DATE.day) < (born.month, born.day))
    if now > MAX_AGE:
        born = born.replace(year=born.year + (now - MAX_AGE)) if not (born.month == 2 and born.day == 29) \
            else dt.date(born.year + (now - MAX_AGE), 2, 28)
    return born


class IinFactory:
    """Unique valid IINs: one serial counter per (date of birth, sex)."""

    def __init__(self, start: int = IIN_SERIAL_START, taken: set[str] | None = None):
        self.start = start
        self.next: dict[tuple[dt.date, str], int] = {}
        self.used: set[str] = set(taken or ())

    def __call__(self, born: dt.date, sex: str) -> str:
        key = (born, sex)
        serial = self.next.get(key, self.start)
        while True:
            iin = make_iin(born, sex, serial)
            serial = int(iin[7:11]) + 1
            if iin not in self.used:
                break
        self.next[key] = serial
        self.used.add(iin)
        return iin


def split_funding(rng: random.Random, total: int, dual: bool, private: bool) -> tuple[int, int, int]:
    """(state order, enterprise order, paid) places for an intake of `total`."""
    if private:
        paid_share, enterprise_share = rng.uniform(0.45, 0.8), (rng.uniform(0.0, 0.1) if dual else 0.0)
    else:
        paid_share = rng.uniform(0.05, 0.25)
        enterprise_share = rng.uniform(0.2, 0.4) if dual else (rng.uniform(0.0, 0.08) if rng.random() < 0.2 else 0.0)
    paid = round(total * paid_share)
    enterprise = min(total - paid, round(total * enterprise_share))
    return total - paid - enterprise, enterprise, paid


def funding_list(rng: random.Random, split: tuple[int, int, int], n: int) -> list[str]:
    state, enterprise, paid = split
    total = max(1, state + enterprise + paid)
    out = ["state"] * round(n * state / total) + ["enterprise"] * round(n * enterprise / total)
    out += ["paid"] * max(0, n - len(out))
    out = out[:n]
    rng.shuffle(out)
    return out


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


# --- the region ------------------------------------------------------------------------
def _choose_offers(rng: random.Random, pool: list[str], languages: list[str], count: int) -> list[tuple]:
    """Up to `count` distinct (qualification, language, base) offers, distinct qualifications first."""
    order = pool[:]
    rng.shuffle(order)
    first, rest = [], []
    for code in order:
        bases = ["11"] if code.startswith("5") else (["9", "11"] if rng.random() < 0.7 else ["11", "9"])
        langs = languages[:]
        rng.shuffle(langs)
        combos = [(code, lang, base) for base in bases for lang in langs]
        first.append(combos[0])
        rest.extend(combos[1:])
    rng.shuffle(rest)
    return (first + rest)[:count]


def generate_region(seed: int = SEED, students: int = DEFAULT_STUDENTS) -> RegionData:
    rng = random.Random(seed)
    specialty = classifier.SPECIALTY_BY_CODE

    # programmes
    programmes: list[ProgrammeSpec] = []
    for ci, (_kato, _kk, ru, _en, _own, languages) in enumerate(region.COLLEGES):
        pool = [q for s in region.PROFILE_SPECIALTIES[region.profile_of(ru)] for q in classifier.qualifications_of(s)]
        langs = [code for code in languages.split(",") if code in ("kk", "ru")]
        count = min(10, max(3, round(rng.gauss(6.5, 1.8))))
        for index, (code, lang, base) in enumerate(_choose_offers(rng, pool, langs, count)):
            spec = specialty[classifier.specialty_of(code)]
            dual = spec[6] and (rng.random() < 0.38 or (ci == 0 and index == 0))
            form = "evening" if (base == "11" and code.startswith("4S") and rng.random() < 0.06) else "full_time"
            theory, practice = planned_hours(rng, base, dual)
            programmes.append(ProgrammeSpec(ci, code, lang, base, form, theory, practice, dual))

    # cohort sizes, scaled to the wanted number of current students
    raw: dict[tuple[int, int], float] = {}
    current_weight = 0.0
    for pi, p in enumerate(programmes):
        popularity = rng.uniform(0.55, 1.6) * (1.15 if p.is_dual else 1.0) * (0.6 if p.form != "full_time" else 1.0)
        now, past = cohort_years(p.base)
        for year in past + now:
            raw[pi, year] = popularity * (1 + 0.03 * (year - 2022)) * rng.uniform(0.85, 1.15)
            if year in now:
                current_weight += raw[pi, year] * 0.97 ** (CURRENT_YEAR - year)
    scale = students / current_weight if current_weight else 0.0

    private = [own == "private" for (_k, _kk, _ru, _en, own, _l) in region.COLLEGES]
    intakes: list[IntakeSpec] = []
    groups: list[GroupSpec] = []
    records: list[StudentSpec] = []
    iin = IinFactory()
    group_seq: dict[tuple[int, str, int], int] = {}
    order_seq: dict[tuple[int, int], int] = {}
    nobd_seq = [0] * len(region.COLLEGES)
    diploma_seq: dict[int, int] = {}
    login_done = False

    for pi, p in enumerate(programmes):
        spec = specialty[classifier.specialty_of(p.qualification)]
        abbr, women = spec[4], spec[5]
        kazakh_share = 0.97 if p.language == "kk" else 0.5
        now, past = cohort_years(p.base)
        for year in sorted(past + now):
            admitted = round(raw[pi, year] * scale)
            split = split_funding(rng, admitted, p.is_dual, private[p.college])
            if year in INTAKE_YEARS and year in now:
                unfilled = rng.randint(0, 2) if admitted else 0
                intakes.append(IntakeSpec(pi, year, split[0] + unfilled, split[1], split[2]))
            graduated = year in past
            size = round(admitted * (0.85 if graduated else 0.97 ** (CURRENT_YEAR - year)))
            if size <= 0:
                continue
            order_seq[p.college, year] = order_seq.get((p.college, year), rng.randint(60, 140)) + 1
            order_no = f"{order_seq[p.college, year]}-к"
            order_date = dt.date(year, 8, 26) + dt.timedelta(days=rng.randrange(5))
            admitted_on = dt.date(year, 9, 1)
            n_groups = math.ceil(size / GROUP_MAX)
            for g in range(n_groups):
                key = (p.college, abbr, year)
                group_seq[key] = group_seq.get(key, 0) + 1
                gi = len(groups)
                groups.append(GroupSpec(p.college, pi, f"{abbr}-{year % 100:02d}-{group_seq[key]}", year,
                                        not graduated))
                members = size // n_groups + (1 if g < size % n_groups else 0)
                fundings = funding_list(rng, split, members)
                for seat in range(members):
                    login = (not login_done and p.college == 0 and p.is_dual and not graduated)
                    sex = "M" if login else ("F" if rng.random() < women else "M")
                    last, first, patronymic = (LOGIN_STUDENT if login
                                               else names.person_name(rng, sex, kazakh_share))
                    born = birth_date_for(rng, p.base, year)
                    nobd_seq[p.college] += 1
                    consent = rng.random() >= 0.015
                    record = StudentSpec(
                        group=gi, iin=iin(born, sex), last_name=last, first_name=first, patronymic=patronymic,
                        birth_date=born, sex=sex, base=p.base, funding=fundings[seat], status="studying",
                        consent=consent, consent_date=order_date if consent else None,
                        nobd_id=f"35{p.college + 1:03d}{nobd_seq[p.college]:06d}",
                        events=[EventSpec("admission", admitted_on, order_no, order_date)], is_login=login)
                    login_done = login_done or login
                    if graduated:
                        grad_year = graduation_year(p.base, year)
                        diploma_seq[grad_year] = diploma_seq.get(grad_year, 0) + 1
                        record.status = "graduated"
                        record.graduation = (dt.date(grad_year, 6, 28) + dt.timedelta(days=rng.randrange(3)),
                                             f"ТКБ {grad_year % 10}{diploma_seq[grad_year]:06d}", rng.random() < 0.07)
                    elif not login:
                        _maybe_leave_or_expel(rng, record, p.base, year, sex)
                    records.append(record)

    sites = _sites(rng)
    needs = _needs(rng, sites)
    return RegionData(programmes, intakes, groups, records, sites, needs)


def _maybe_leave_or_expel(rng: random.Random, record: StudentSpec, base: str, year: int, sex: str) -> None:
    roll = rng.random()
    if roll >= 0.045:
        return
    start = dt.date(year, 10, 1)
    end = min(REF_DATE - dt.timedelta(days=1), dt.date(graduation_year(base, year), 5, 31))
    if end <= start:  # admitted this September: too early to leave
        return
    when = random_date(rng, start, end)
    number = f"{rng.randint(150, 480)}-к"
    if roll < 0.02:
        reason = "в связи с призывом на воинскую службу" if sex == "M" and rng.random() < 0.4 \
            else rng.choice(LEAVE_REASONS)
        record.status = "leave"
        record.events.append(EventSpec("leave", when, number, when, reason))
    else:
        record.status = "expelled"
        record.events.append(EventSpec("expulsion", when, number, when, rng.choice(EXPULSION_REASONS)))


def _sites(rng: random.Random) -> list[SiteSpec]:
    city = {kato: ru for kato, _kind, _kk, ru, _en in region.DISTRICTS}
    sites = []
    for ei, (kato, _kk, _ru, _en, _oked, headcount, industry) in enumerate(region.ENTERPRISES):
        roll = rng.random()
        count = 1 if roll < 0.4 else (2 if roll < 0.8 or headcount < 300 else 3)
        choices = rng.sample(region.INDUSTRY_SITES[industry], min(count, len(region.INDUSTRY_SITES[industry])))
        for name in choices:
            hazardous = industry in region.HAZARDOUS_INDUSTRIES and "офис" not in name.lower()
            sites.append(SiteSpec(ei, name, kato, f"{city[kato]}, промышленная зона, {rng.randint(1, 60)}",
                                  hazardous))
    return sites


def _needs(rng: random.Random, sites: list[SiteSpec]) -> list[NeedSpec]:
    site_districts: dict[int, list[str]] = {}
    for s in sites:
        site_districts.setdefault(s.enterprise, []).append(s.district)
    needs = []
    for ei, (kato, _kk, _ru, _en, _oked, headcount, industry) in enumerate(region.ENTERPRISES):
        occupations = region.INDUSTRY_OCCUPATIONS[industry]
        for year in NEED_YEARS:
            count = 1 + (rng.random() < 0.5) + (headcount >= 1000 and rng.random() < 0.6)
            for title, isco, qualification, level in rng.sample(occupations, min(count, len(occupations))):
                people = max(1, min(80, round(headcount * rng.uniform(0.001, 0.006))))
                district = rng.choice(site_districts.get(ei, [kato]))
                needs.append(NeedSpec(ei, title, isco, qualification, level, people, year, district,
                                      rng.choice(NEED_COMMENTS)))
    return needs
