"""The national-scale benchmark data set (benchmarks.md B4): `kasip demo --scale national`.

20 regions, 800 colleges, 500 000 students and 150 000 enterprises by default (NationalSize
makes it any size, so tests can build a tiny one). All synthetic and marked "(демо)".

Speed: colleges and enterprises extend core.Organisation (multi-table inheritance), which
Django's bulk_create refuses, and students are half a million rows; so primary keys are
reserved up front (PostgreSQL: nextval() of the table's sequence; SQLite: after MAX(id)) and
the parent, child and plain rows are written with PostgreSQL's COPY through psycopg 3, or
with executemany() on SQLite. Work goes in chunks of colleges, so memory stays bounded.

Region КАТО codes are the 2-digit region prefixes of the КАТО classifier as known to us
(Abai 10, Zhetisu 33 and Ulytau 62 regions formed in 2022; Turkestan region 61): verify
before relying on them. Except the Karaganda region's real cities and districts (region.py),
districts are synthetic ("№ 3 аудан (демо)") with plausible codes under their region's prefix;
each region's centre carries its real name with a code of the form RR1010000.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from kasip.core import audit
from kasip.core.bulk import RawWriter
from kasip.core.models import Organisation, OrgKind
from kasip.core.validators import check_digit
from kasip.labour import coder_file
from kasip.labour.models import DemandCell, IscoLevel, Occupation, Vacancy
from kasip.labour.services import ingest_vacancies, load_taxonomy
from kasip.registry.models import (
    College,
    District,
    Enterprise,
    EnterpriseSite,
    Group,
    Programme,
    ProgrammeIntake,
    Region,
    Student,
    StudentEvent,
)

from . import classifier, names, region
from .generator import (
    GROUP_MAX,
    INTAKE_YEARS,
    IinFactory,
    _choose_offers,
    birth_date_for,
    cohort_years,
    funding_list,
    planned_hours,
    split_funding,
)
from .loader import load_classifier
from .vacancies import synthetic_ads

NATIONAL_MARK = "NAT-"  # prefix of the national colleges' НОБД IDs: the set's marker
IIN_SERIAL_START = 5000  # the demo region's serials start at 1000 and stay far below

# (КАТО, name kk, name ru, name en, centre kk, centre ru, centre en, weight ~ TVET students)
REGIONS = [
    ("350000000", "Қарағанды облысы", "Карагандинская область", "Karaganda Region", "Қарағанды", "Караганда", "Karaganda", 5),
    ("750000000", "Алматы қаласы", "город Алматы", "Almaty City", "Алматы", "Алматы", "Almaty", 9),
    ("710000000", "Астана қаласы", "город Астана", "Astana City", "Астана", "Астана", "Astana", 7),
    ("790000000", "Шымкент қаласы", "город Шымкент", "Shymkent City", "Шымкент", "Шымкент", "Shymkent", 7),
    ("610000000", "Түркістан облысы", "Туркестанская область", "Turkestan Region", "Түркістан", "Туркестан", "Turkistan", 9),
    ("190000000", "Алматы облысы", "Алматинская область", "Almaty Region", "Қонаев", "Конаев", "Konaev", 6),
    ("310000000", "Жамбыл облысы", "Жамбылская область", "Zhambyl Region", "Тараз", "Тараз", "Taraz", 5),
    ("630000000", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region", "Өскемен", "Усть-Каменогорск", "Oskemen", 4),
    ("100000000", "Абай облысы", "Абайская область", "Abai Region", "Семей", "Семей", "Semey", 4),
    ("550000000", "Павлодар облысы", "Павлодарская область", "Pavlodar Region", "Павлодар", "Павлодар", "Pavlodar", 4),
    ("390000000", "Қостанай облысы", "Костанайская область", "Kostanay Region", "Қостанай", "Костанай", "Kostanay", 4),
    ("150000000", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region", "Ақтөбе", "Актобе", "Aktobe", 4),
    ("110000000", "Ақмола облысы", "Акмолинская область", "Akmola Region", "Көкшетау", "Кокшетау", "Kokshetau", 3),
    ("430000000", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region", "Қызылорда", "Кызылорда", "Kyzylorda", 4),
    ("470000000", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region", "Ақтау", "Актау", "Aktau", 3),
    ("230000000", "Атырау облысы", "Атырауская область", "Atyrau Region", "Атырау", "Атырау", "Atyrau", 3),
    ("270000000", "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region", "Орал", "Уральск", "Oral", 3),
    ("590000000", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region", "Петропавл", "Петропавловск", "Petropavl", 2),
    ("330000000", "Жетісу облысы", "Жетысуская область", "Zhetisu Region", "Талдықорған", "Талдыкорган", "Taldykorgan", 3),
    ("620000000", "Ұлытау облысы", "Улытауская область", "Ulytau Region", "Жезқазған", "Жезказган", "Zhezkazgan", 1),
]

# Enterprises by industry: (industry, weight, ОКЭД codes, hazardous, name stems)
INDUSTRIES = [
    ("trade", 22, ["47111", "47191", "46900"], False, ["Сауда", "Маркет", "Савда"]),
    ("services", 18, ["56101", "55101", "96020", "62010", "69201"], False, ["Сервис", "Консалт", "Дәм"]),
    ("construction", 14, ["41201", "42110", "43210", "43290"], False, ["Құрылыс", "Строй", "Монтаж"]),
    ("agriculture", 14, ["01110", "01410", "01450", "01500"], False, ["Агро", "Астық", "Мал"]),
    ("transport", 10, ["49410", "49310", "52290", "49200"], False, ["Транс", "Логистик", "Көлік"]),
    ("manufacturing", 9, ["25110", "28920", "10710", "23610", "33120"], False, ["Зауыт", "Өндіріс", "Техно"]),
    ("health", 5, ["86101", "86210", "47730"], False, ["Мед", "Дәріхана", "Шипа"]),
    ("mining", 3, ["05100", "07290", "08120", "09900"], True, ["Кен", "Майнинг", "Руда"]),
    ("energy", 2, ["35110", "35130", "35300", "36000"], True, ["Энерго", "Жылу", "Электр"]),
    ("metallurgy", 1.5, ["24100", "24440", "24510"], True, ["Металл", "Болат", "Мыс"]),
    ("oil_chemical", 1.5, ["06100", "19200", "20140"], True, ["Мұнай", "Химия", "Газ"]),
]
STEM_TAILS = ["", "-Сервис", " Плюс", " Групп", "-Казахстан", " Орталық"]


@dataclass
class NationalSize:
    regions: int = 20
    colleges: int = 800
    students: int = 500_000
    enterprises: int = 150_000
    vacancies: int = 2_000_000  # job ads over three years, ingested as files (needs the coder's file)
    seed: int = 2026
    colleges_per_chunk: int = 40

    def check(self) -> None:
        if not 1 <= self.regions <= len(REGIONS):
            raise ValueError(f"regions must be 1-{len(REGIONS)}.")
        if self.colleges < 1 or self.students < 0 or self.enterprises < 0 or self.vacancies < 0:
            raise ValueError("colleges must be at least 1; students, enterprises and vacancies not negative.")


class NationalSetExists(RuntimeError):
    pass


class BinFactory:
    """Unique valid BINs of resident legal entities, serials from 20000 (the demo region's are below 10000)."""

    def __init__(self, taken: set[str]):
        self.taken = taken
        self.year, self.month, self.serial = 10, 1, 20000

    def __call__(self) -> str:
        while True:
            if self.serial > 99999:
                self.serial, self.month = 20000, self.month + 1
                if self.month > 12:
                    self.month, self.year = 1, self.year + 1
            head = f"{self.year:02d}{self.month:02d}40{self.serial:05d}"
            self.serial += 1
            digit = check_digit(head)
            if digit is not None and head + str(digit) not in self.taken:
                return head + str(digit)


def _spread(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    """Split `total` into integers proportional to weights (sums exactly to total)."""
    if not weights:
        return []
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [int(x) for x in raw]
    rest = total - sum(out)
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - out[i], rng.random()), reverse=True)
    for i in order[:rest]:
        out[i] += 1
    return out


# --- the loader ------------------------------------------------------------------------
def load_national(size: NationalSize | None = None, progress=print) -> dict:
    size = size or NationalSize()
    size.check()
    existing = College.objects.filter(nobd_id__startswith=NATIONAL_MARK).count()
    if existing:
        raise NationalSetExists(
            f"A national data set is already loaded here ({existing} of its colleges exist); it is generated once. "
            "Load it into a fresh database (migrate an empty one, then run `kasip demo --scale national`).")
    started = time.monotonic()
    with transaction.atomic():
        counts = _load(size, progress, started)
        counts["job_ads"] = _vacancies(size, progress, started)
        audit.log("import", object_repr="National benchmark data set (synthetic)",
                  changes={k: [0, v] for k, v in counts.items()})
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:  # fresh statistics for the planner after a bulk load
            for model in (Organisation, College, Enterprise, EnterpriseSite, Programme, ProgrammeIntake, Group,
                          Student, StudentEvent, Vacancy, DemandCell):
                cursor.execute(f'ANALYZE "{model._meta.db_table}"')
        progress(f"[{time.monotonic() - started:7.1f} s] analyzed")
    return {"counts": counts, "seconds": time.monotonic() - started}


VACANCY_CHUNK = 500_000  # ads per ingested file: memory stays under the ingest's own limit
VACANCY_EMPLOYERS = 3_000


def _vacancies(size: NationalSize, say, started: float) -> int:
    """Three years of synthetic job ads over every district (a region's first, its centre, weighs more), by a
    sample of the enterprises, ingested through the same service as real files, in chunks."""
    if not size.vacancies:
        return 0
    try:
        coder_file.get_coder()
    except coder_file.CoderUnavailable:
        say("job ads skipped: the occupation coder's file is missing (make coder)")
        return 0
    if not Occupation.objects.filter(level=IscoLevel.UNIT).exists():
        load_taxonomy()  # the ads' codes and the coder's are checked against the taxonomy
    districts, seen_regions = [], set()
    for kato, region_id in District.objects.order_by("region_id", "kato").values_list("kato", "region_id"):
        districts.append((kato, 3.0 if region_id not in seen_regions else 1.0))
        seen_regions.add(region_id)
    employers = [(name, bin_, kato) for name, bin_, kato in Enterprise.objects.order_by("pk").values_list(
        "name_ru", "bin", "district__kato")[:VACANCY_EMPLOYERS]] or [("ТОО «Работодатель» (демо)", "", "")]
    end = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    start = end.replace(year=end.year - 3) + dt.timedelta(days=1)
    stored = 0
    for index, first in enumerate(range(0, size.vacancies, VACANCY_CHUNK)):
        n = min(VACANCY_CHUNK, size.vacancies - first)
        ads = synthetic_ads(n, districts=districts, employers=employers, start=start, end=end,
                            seed=size.seed + index, first_id=first + 1)
        result = ingest_vacancies(None, ads.write_csv().encode("utf-8"), f"national-job-ads-{index + 1}.csv",
                                  source="enbek")
        if not result.ok:
            raise ValueError(f"synthetic job ads refused: {result.file_error or result.errors[:3]}")
        stored += result.stored
        say(f"[{time.monotonic() - started:7.1f} s] job ads {first + n}/{size.vacancies}: {stored} stored")
    return stored


def _load(size: NationalSize, say, started: float) -> dict:
    rng = random.Random(size.seed)
    writer = RawWriter()
    counts: dict[str, int] = {}

    def step(message: str) -> None:
        say(f"[{time.monotonic() - started:7.1f} s] {message}")

    # territories
    regions_spec = REGIONS[: size.regions]
    districts_by_region: list[list[District]] = []
    for kato, kk, ru, en, centre_kk, centre_ru, centre_en, _w in regions_spec:
        reg, _ = Region.objects.get_or_create(kato=kato, defaults={"name_kk": kk, "name_ru": ru, "name_en": en})
        rr = kato[:2]
        wanted = [(f"{rr}1010000", "city", centre_kk, centre_ru, centre_en)]
        if rr == "35":
            wanted = [(k, kind, dkk, dru, den) for k, kind, dkk, dru, den in region.DISTRICTS]
        else:
            for i in range(1, rng.randint(6, 16) + 1):
                wanted.append((f"{rr}{20 + 2 * i:02d}00000", "district", f"№ {i} аудан (демо)",
                               f"Район № {i} (демо)", f"District No. {i} (demo)"))
        present = {d.kato: d for d in District.objects.filter(kato__in=[w[0] for w in wanted])}
        District.objects.bulk_create([District(region=reg, kato=k, kind=kind, name_kk=dkk, name_ru=dru, name_en=den)
                                      for k, kind, dkk, dru, den in wanted if k not in present])
        districts_by_region.append(list(District.objects.filter(kato__in=[w[0] for w in wanted]).order_by("kato")))
    counts["regions"] = len(regions_spec)
    counts["districts"] = sum(len(d) for d in districts_by_region)
    _specialties, qualifications = load_classifier()
    step(f"{counts['regions']} regions, {counts['districts']} districts, classifier of "
         f"{len(qualifications)} qualifications")

    taken_bins = set(Organisation.objects.exclude(bin=None).values_list("bin", flat=True))
    make_bin_ = BinFactory(taken_bins)
    iin = IinFactory(start=IIN_SERIAL_START, taken=set(Student.objects.values_list("iin", flat=True)))

    # colleges
    weights = [r[7] for r in regions_spec]
    per_region = _spread(rng, size.colleges, weights)
    college_rows, child_rows, college_meta = [], [], []
    ids = writer.reserve_ids(Organisation, size.colleges)
    n = 0
    for ri, count in enumerate(per_region):
        dists = districts_by_region[ri]
        for _ in range(count):
            kato, kk, ru, en, ownership, languages = rng.choice(region.COLLEGES)
            if ownership == "state" and rng.random() < 0.15:
                ownership = "private"
            district = dists[0] if rng.random() < 0.55 else rng.choice(dists)
            pk, n = ids[n], n + 1
            college_rows.append({"id": pk, "kind": OrgKind.COLLEGE, "bin": make_bin_(),
                                 "name_kk": f"{district.name_kk} {kk} №{n} (демо)",
                                 "name_ru": f"{ru[0].upper()}{ru[1:]} ({district.name_ru}) №{n} (демо)",
                                 "name_en": f"{district.name_en} {en} No. {n} (demo)"})
            child_rows.append({"organisation_ptr_id": pk, "district_id": district.pk, "ownership": ownership,
                               "languages": languages, "nobd_id": f"{NATIONAL_MARK}{n:05d}",
                               "address": f"{district.name_ru}, ул. Учебная, {n}",
                               "email": f"college{n}@national.demo.kasip.kz"})
            college_meta.append((pk, ri, ru, languages, ownership == "private"))
    writer.insert(Organisation, college_rows)
    counts["colleges"] = writer.insert(College, child_rows)
    step(f"{counts['colleges']} colleges")

    # programmes, intakes, groups and students, in chunks of colleges
    students_per_college = _spread(rng, size.students, [rng.lognormvariate(0, 0.5) for _ in college_meta])
    counts.update(programmes=0, intakes=0, groups=0, students=0, student_events=0)
    specialty = classifier.SPECIALTY_BY_CODE
    for chunk_start in range(0, len(college_meta), size.colleges_per_chunk):
        chunk = college_meta[chunk_start: chunk_start + size.colleges_per_chunk]
        programmes, intakes, groups, students, events = [], [], [], [], []
        plan = []  # (college index in chunk, programme row, cohort years, weights)
        for ci, (college_id, _ri, ru, languages, _private) in enumerate(chunk):
            pool = [q for s in region.PROFILE_SPECIALTIES[region.profile_of(ru)] for q in classifier.qualifications_of(s)]
            langs = [c for c in languages.split(",") if c in ("kk", "ru")]
            count = min(10, max(3, round(rng.gauss(6.5, 1.8))))
            for code, lang, base in _choose_offers(rng, pool, langs, count):
                dual = specialty[classifier.specialty_of(code)][6] and rng.random() < 0.38
                theory, practice = planned_hours(rng, base, dual)
                row = {"college_id": college_id, "qualification_id": qualifications[code].pk, "language": lang,
                       "base": base, "form": "full_time", "hours_theory": theory, "hours_practice": practice,
                       "hours_total": theory + practice, "is_dual": dual}
                programmes.append(row)
                now, _past = cohort_years(base)
                plan.append((ci, row, now, [rng.uniform(0.6, 1.5) * (1.1 if dual else 1) for _ in now], code))
        for row, pk in zip(programmes, writer.reserve_ids(Programme, len(programmes)), strict=True):
            row["id"] = pk
        # students of each college spread over its programmes' cohorts
        by_college: dict[int, list] = {}
        for item in plan:
            by_college.setdefault(item[0], []).append(item)
        group_seq: dict[tuple, int] = {}
        for ci, items in by_college.items():
            college_id, _ri, _ru, _langs, private = chunk[ci]
            total = students_per_college[chunk_start + ci]
            cohort_weights = [w for item in items for w in item[3]]
            sizes = iter(_spread(rng, total, cohort_weights))
            for _ci, prow, years, _w, code in items:
                spec = specialty[classifier.specialty_of(code)]
                abbr, women = spec[4], spec[5]
                kazakh_share = 0.9 if prow["language"] == "kk" else 0.55
                for year in years:
                    cohort = next(sizes)
                    split = split_funding(rng, cohort, prow["is_dual"], private)
                    if year in INTAKE_YEARS:
                        intakes.append({"programme_id": prow["id"], "year": year, "state_order": split[0],
                                        "enterprise_order": split[1], "paid": split[2]})
                    if cohort <= 0:
                        continue
                    n_groups = math.ceil(cohort / GROUP_MAX)
                    order_date = dt.date(year, 8, 26) + dt.timedelta(days=rng.randrange(5))
                    order_no = f"{rng.randint(60, 400)}-к"
                    for g in range(n_groups):
                        key = (college_id, abbr, year)
                        group_seq[key] = group_seq.get(key, 0) + 1
                        group = {"college_id": college_id, "programme_id": prow["id"],
                                 "code": f"{abbr}-{year % 100:02d}-{group_seq[key]}", "admission_year": year,
                                 "is_active": True, "_members": cohort // n_groups + (1 if g < cohort % n_groups else 0),
                                 "_fund": split, "_base": prow["base"], "_women": women, "_kk": kazakh_share,
                                 "_order": (order_no, order_date)}
                        groups.append(group)
        for group, pk in zip(groups, writer.reserve_ids(Group, len(groups)), strict=True):
            group["id"] = pk
        nobd_by_college: dict[int, int] = {}
        for group in groups:
            fundings = funding_list(rng, group["_fund"], group["_members"])
            order_no, order_date = group["_order"]
            for seat in range(group["_members"]):
                sex = "F" if rng.random() < group["_women"] else "M"
                last, first, patronymic = names.person_name(rng, sex, group["_kk"])
                born = birth_date_for(rng, group["_base"], group["admission_year"])
                college_id = group["college_id"]
                nobd = nobd_by_college[college_id] = nobd_by_college.get(college_id, 0) + 1
                roll = rng.random()
                status = "studying" if roll >= 0.04 else ("leave" if roll < 0.018 else "expelled")
                consent = rng.random() >= 0.015
                students.append({"iin": iin(born, sex), "last_name": last, "first_name": first,
                                 "patronymic": patronymic, "birth_date": born, "sex": sex, "college_id": college_id,
                                 "group_id": group["id"], "base": group["_base"], "funding": fundings[seat],
                                 "status": status, "consent": consent, "consent_date": order_date if consent else None,
                                 "nobd_id": f"9{college_id:06d}{nobd:05d}"})
                events.append({"kind": "admission", "date": dt.date(group["admission_year"], 9, 1),
                               "order_number": order_no, "order_date": order_date, "to_group_id": group["id"]})
        for student, event, pk in zip(students, events, writer.reserve_ids(Student, len(students)), strict=True):
            student["id"] = pk
            event["student_id"] = pk
        counts["programmes"] += writer.insert(Programme, programmes)
        counts["intakes"] += writer.insert(ProgrammeIntake, intakes)
        counts["groups"] += writer.insert(Group, [{k: v for k, v in g.items() if not k.startswith("_")}
                                                  for g in groups])
        counts["students"] += writer.insert(Student, students)
        counts["student_events"] += writer.insert(StudentEvent, events)
        step(f"colleges {chunk_start + len(chunk)}/{len(college_meta)}: {counts['students']} students, "
             f"{counts['groups']} groups, {counts['programmes']} programmes")

    # enterprises with one site each, in chunks
    counts.update(enterprises=0, enterprise_sites=0)
    industry_weights = [i[1] for i in INDUSTRIES]
    region_of = _spread(rng, size.enterprises, weights)
    flat_regions = [ri for ri, count in enumerate(region_of) for _ in range(count)]
    chunk_size = 20_000
    serial = 0
    for start in range(0, size.enterprises, chunk_size):
        count = min(chunk_size, size.enterprises - start)
        ids = writer.reserve_ids(Organisation, count)
        parents, children, sites = [], [], []
        for k in range(count):
            serial += 1
            ri = flat_regions[start + k]
            dists = districts_by_region[ri]
            district = dists[0] if rng.random() < 0.5 else rng.choice(dists)
            industry, _w, okeds, hazardous, stems = rng.choices(INDUSTRIES, industry_weights)[0]
            stem = rng.choice(stems) + rng.choice(STEM_TAILS)
            headcount = max(1, min(20000, int(rng.lognormvariate(3.2, 1.3))))
            parents.append({"id": ids[k], "kind": OrgKind.ENTERPRISE, "bin": make_bin_(),
                            "name_kk": f"«{stem} {serial}» ЖШС (демо)", "name_ru": f"ТОО «{stem} {serial}» (демо)",
                            "name_en": f"{stem} {serial} LLP (demo)"})
            children.append({"organisation_ptr_id": ids[k], "district_id": district.pk, "oked": rng.choice(okeds),
                             "headcount": headcount})
            sites.append({"enterprise_id": ids[k], "name": "Основная площадка", "district_id": district.pk,
                          "address": f"{district.name_ru}, ул. Промышленная, {rng.randint(1, 200)}",
                          "hazardous": hazardous})
        writer.insert(Organisation, parents)
        counts["enterprises"] += writer.insert(Enterprise, children)
        counts["enterprise_sites"] += writer.insert(EnterpriseSite, sites)
        step(f"enterprises {counts['enterprises']}/{size.enterprises}")
    return counts
