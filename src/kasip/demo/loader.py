"""Loads the demo region: idempotent (run it again and nothing is duplicated), deterministic.

Every record is matched by its natural key (КАТО, BIN, classifier code, programme offer,
group code, IIN, ...) and only the missing ones are written, in bulk; nothing is deleted,
so records users created stay as they are. The generated content does not depend on what
the database holds (generator.py), so two fresh loads give the same records.
"""

from __future__ import annotations

import datetime as dt
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kasip.core import audit
from kasip.core.models import Organisation, OrgKind, Role, User
from kasip.core.validators import make_bin
from kasip.dual.demo import generate_dual_year, generate_training
from kasip.labour import coder_file
from kasip.labour.models import CodingItem, VacancyBatch
from kasip.labour.services import (
    enqueue_titles,
    ingest_vacancies,
    link_qualifications,
    load_taxonomy,
    run_forecasts,
)
from kasip.outcomes.demo import generate_employment
from kasip.outcomes.models import Graduation
from kasip.partners.demo import generate_agreements
from kasip.partners.models import WorkforceNeed
from kasip.registry.models import (
    College,
    CompetenceCentre,
    Department,
    District,
    Enterprise,
    EnterpriseSite,
    Group,
    Programme,
    ProgrammeIntake,
    Qualification,
    Region,
    Specialty,
    Student,
    StudentEvent,
)

from . import classifier
from . import region as data
from .generator import DEFAULT_STUDENTS, SEED, generate_region
from .vacancies import synthetic_ads

DEMO_PASSWORD = "kasip-demo"
BATCH = 2000

CITY_NAMES = {kato: (kk, ru, en) for kato, _kind, kk, ru, en in data.DISTRICTS}


def college_bin(index: int) -> str:
    """BIN of the demo's college number `index` (from 1)."""
    return make_bin(1995 + index % 20, 1 + index % 12, 1000 + index * 7)


def enterprise_bin(index: int) -> str:
    """BIN of the demo's enterprise number `index` (from 1); the first ten keep the first demo's BINs."""
    if index <= 10:
        return make_bin(2005 + index, 1 + index % 12, 5000 + index * 11)
    return make_bin(1996 + index % 25, 1 + index % 12, 6000 + index * 13)


def load_classifier() -> tuple[dict[str, Specialty], dict[str, Qualification]]:
    """Upserts the classifier table (creates missing codes; leaves existing rows as users left them)."""
    specialties = {s.code: s for s in Specialty.objects.filter(code__in=[r[0] for r in classifier.SPECIALTIES])}
    Specialty.objects.bulk_create([
        Specialty(code=code, name_ru=ru, name_kk=kk, name_en=en)
        for code, ru, kk, en, *_rest in classifier.SPECIALTIES if code not in specialties])
    specialties = {s.code: s for s in Specialty.objects.filter(code__in=[r[0] for r in classifier.SPECIALTIES])}
    codes = [r[0] for r in classifier.QUALIFICATIONS]
    qualifications = {q.code: q for q in Qualification.objects.filter(code__in=codes)}
    Qualification.objects.bulk_create([
        Qualification(code=code, specialty=specialties[classifier.specialty_of(code)], name_ru=ru, name_kk=kk,
                      name_en=en)
        for code, ru, kk, en, _isco, _ok in classifier.QUALIFICATIONS if code not in qualifications])
    qualifications = {q.code: q for q in Qualification.objects.filter(code__in=codes)}
    return specialties, qualifications


@transaction.atomic
def load_demo_region(students: int = DEFAULT_STUDENTS, seed: int = SEED, progress=None) -> dict:
    """Loads (or completes) the demo region; returns a summary with what was created."""
    say = progress or (lambda message: None)
    started = time.monotonic()
    created: dict[str, int] = {}

    region, _ = Region.objects.update_or_create(kato=data.REGION["kato"], defaults={
        k: v for k, v in data.REGION.items() if k != "kato"})
    districts = {}
    for kato, kind, kk, ru, en in data.DISTRICTS:
        districts[kato], _ = District.objects.update_or_create(
            kato=kato, defaults={"region": region, "kind": kind, "name_kk": kk, "name_ru": ru, "name_en": en})
    department = Department.objects.filter(region=region).first()
    if department is None:
        department = Department(region=region)
    department.bin = make_bin(2001, 1, 1)
    department.name_kk = "Қарағанды облысының білім басқармасы"
    department.name_ru = "Управление образования Карагандинской области"
    department.name_en = "Education Department of Karaganda Region"
    department.save()

    colleges = []
    for index, (kato, kk, ru, en, ownership, languages) in enumerate(data.COLLEGES, start=1):
        city_kk, city_ru, city_en = CITY_NAMES[kato]
        college, _ = College.objects.update_or_create(bin=college_bin(index), defaults={
            "name_kk": f"{city_kk} {kk} №{index}",
            "name_ru": (f"{ru[0].upper()}{ru[1:]} г. {city_ru} №{index}" if districts[kato].kind == "city"
                        else f"{ru[0].upper()}{ru[1:]} ({city_ru}) №{index}"),
            "name_en": f"{city_en} {en} No. {index}",
            "district": districts[kato], "ownership": ownership, "languages": languages,
            "nobd_id": f"NOBD-{350000 + index}", "address": f"{city_ru}, ул. Учебная, {index}",
            "phone": f"+7 7212 {400000 + index * 13:06d}"[:16], "email": f"college{index}@demo.kasip.kz",
        })
        colleges.append(college)

    enterprises = []
    for index, (kato, kk, ru, en, oked, headcount, _industry) in enumerate(data.ENTERPRISES, start=1):
        enterprise, _ = Enterprise.objects.update_or_create(bin=enterprise_bin(index), defaults={
            "name_kk": kk, "name_ru": ru, "name_en": en, "district": districts[kato], "oked": oked,
            "headcount": headcount,
        })
        enterprises.append(enterprise)

    Organisation.objects.update_or_create(bin=make_bin(2012, 6, 777), defaults={
        "kind": OrgKind.CUSTOMER, "name_kk": "Қарағанды қаласының халықты жұмыспен қамту орталығы (демо)",
        "name_ru": "Центр занятости населения г. Караганды (демо)", "name_en": "Karaganda Employment Centre (demo)"})

    for number, kk, ru, en, field in data.COMPETENCE_CENTRES:
        _, new = CompetenceCentre.objects.get_or_create(
            college=colleges[number - 1], name_ru=ru, defaults={"name_kk": kk, "name_en": en, "field": field})
        created["competence_centres"] = created.get("competence_centres", 0) + int(new)
    say(f"territories, {len(colleges)} colleges and {len(enterprises)} enterprises")

    _specialties, qualifications = load_classifier()
    taxonomy = load_taxonomy()
    created["occupation_links"] = link_qualifications(
        [{"qualification": code, "isco08": isco, "main": "1"} for code, isco in classifier.ISCO_BY_QUALIFICATION.items()])
    say(f"occupations: {taxonomy['groups_created']} groups created, {created['occupation_links']} qualifications mapped")
    generated = generate_region(seed=seed, students=students)
    say(f"generated {len(generated.students)} student records")

    # enterprise sites
    have = set(EnterpriseSite.objects.filter(enterprise__in=enterprises).values_list("enterprise_id", "name"))
    new_sites = [EnterpriseSite(enterprise=enterprises[s.enterprise], name=s.name, district=districts[s.district],
                                address=s.address, hazardous=s.hazardous)
                 for s in generated.sites if (enterprises[s.enterprise].pk, s.name) not in have]
    EnterpriseSite.objects.bulk_create(new_sites, batch_size=BATCH)
    created["sites"] = len(new_sites)

    # programmes and intakes
    college_ids = [c.pk for c in colleges]
    existing = {(p.college_id, p.qualification_id, p.language, p.base, p.form): p
                for p in Programme.objects.filter(college__in=college_ids)}
    programme_objs, new_programmes = [], []
    for spec in generated.programmes:
        key = (college_ids[spec.college], qualifications[spec.qualification].pk, spec.language, spec.base, spec.form)
        obj = existing.get(key)
        if obj is None:
            obj = Programme(college_id=key[0], qualification_id=key[1], language=spec.language, base=spec.base,
                            form=spec.form, hours_theory=spec.hours_theory, hours_practice=spec.hours_practice,
                            hours_total=spec.hours_total, is_dual=spec.is_dual)
            new_programmes.append(obj)
        programme_objs.append(obj)
    Programme.objects.bulk_create(new_programmes, batch_size=BATCH)
    created["programmes"] = len(new_programmes)
    programme_ids = [p.pk for p in programme_objs]
    have = set(ProgrammeIntake.objects.filter(programme__in=programme_ids).values_list("programme_id", "year"))
    new_intakes = [ProgrammeIntake(programme_id=programme_ids[i.programme], year=i.year, state_order=i.state_order,
                                   enterprise_order=i.enterprise_order, paid=i.paid)
                   for i in generated.intakes if (programme_ids[i.programme], i.year) not in have]
    ProgrammeIntake.objects.bulk_create(new_intakes, batch_size=BATCH)
    created["intakes"] = len(new_intakes)

    # groups
    existing = {(g.college_id, g.code): g for g in Group.objects.filter(college__in=college_ids)}
    group_objs, new_groups = [], []
    for spec in generated.groups:
        obj = existing.get((college_ids[spec.college], spec.code))
        if obj is None:
            obj = Group(college_id=college_ids[spec.college], programme_id=programme_ids[spec.programme],
                        code=spec.code, admission_year=spec.admission_year, is_active=spec.is_active)
            new_groups.append(obj)
        group_objs.append(obj)
    Group.objects.bulk_create(new_groups, batch_size=BATCH)
    created["groups"] = len(new_groups)
    say(f"{len(new_programmes)} programmes, {len(new_intakes)} intakes, {len(new_groups)} groups created")

    # students, their events and graduations
    taken_iins = set(Student.objects.values_list("iin", flat=True))
    taken_nobd = set(Student.objects.exclude(nobd_id=None).values_list("nobd_id", flat=True))
    taken_diplomas = set(Graduation.objects.values_list("diploma_number", flat=True))
    pending = [s for s in generated.students if s.iin not in taken_iins]
    new_students = []
    for s in pending:
        group = group_objs[s.group]
        new_students.append(Student(
            iin=s.iin, last_name=s.last_name, first_name=s.first_name, patronymic=s.patronymic,
            birth_date=s.birth_date, sex=s.sex, college_id=group.college_id, group_id=group.pk, base=s.base,
            funding=s.funding, status=s.status, consent=s.consent, consent_date=s.consent_date,
            nobd_id=None if s.nobd_id in taken_nobd else s.nobd_id))
    Student.objects.bulk_create(new_students, batch_size=BATCH)
    created["students"] = len(new_students)
    say(f"{len(new_students)} students created")

    events, graduations = [], []
    for s, obj in zip(pending, new_students, strict=True):
        group = group_objs[s.group]
        for e in s.events:
            events.append(StudentEvent(student_id=obj.pk, kind=e.kind, date=e.date, order_number=e.order_number,
                                       order_date=e.order_date, reason=e.reason,
                                       to_group_id=group.pk if e.kind == "admission" else None,
                                       from_group_id=group.pk if e.kind != "admission" else None))
        if s.graduation and s.graduation[1] not in taken_diplomas:
            programme = programme_objs[generated.groups[s.group].programme]
            graduations.append(Graduation(student_id=obj.pk, programme_id=programme.pk,
                                          qualification_id=programme.qualification_id, date=s.graduation[0],
                                          diploma_number=s.graduation[1], with_honours=s.graduation[2]))
    StudentEvent.objects.bulk_create(events, batch_size=BATCH)
    Graduation.objects.bulk_create(graduations, batch_size=BATCH)
    created["student_events"], created["graduations"] = len(events), len(graduations)

    # workforce needs
    enterprise_ids = [e.pk for e in enterprises]
    have = set(WorkforceNeed.objects.filter(enterprise__in=enterprise_ids).values_list(
        "enterprise_id", "occupation_code", "occupation_title", "year", "district_id"))
    new_needs = []
    for n in generated.needs:
        key = (enterprise_ids[n.enterprise], n.occupation_code, n.occupation_title, n.year, districts[n.district].pk)
        if key in have:
            continue
        have.add(key)
        new_needs.append(WorkforceNeed(
            enterprise_id=key[0], occupation_code=n.occupation_code, occupation_title=n.occupation_title,
            qualification_id=qualifications[n.qualification].pk if n.qualification else None,
            skill_level=n.skill_level, count=n.count, year=n.year, district_id=key[4], comment=n.comment))
    WorkforceNeed.objects.bulk_create(new_needs, batch_size=BATCH)
    created["workforce_needs"] = len(new_needs)
    created["agreements"] = generate_agreements(seed)

    accounts = _logins(department, colleges, enterprises, generated)
    created["training_places"] = generate_training(seed)
    created["dual_contracts"] = generate_dual_year(seed)
    created["employment_records"] = generate_employment(seed)
    created["coding_queue"] = load_coding_queue()
    created["job_ads"] = load_vacancies(settings.KASIP_DEMO_VACANCIES, seed=seed)
    if created["job_ads"]:
        created["demand_forecasts"] = run_forecasts(None).series
    created = {k: v for k, v in created.items() if v}
    if created:
        audit.log("import", object_repr="Demo region (synthetic data)",
                  changes={k: [0, v] for k, v in created.items()})
    return {"region": region, "districts": len(districts), "colleges": len(colleges),
            "enterprises": len(enterprises), "accounts": accounts, "created": created,
            "students": Student.objects.filter(college__in=college_ids).count(),
            "seconds": round(time.monotonic() - started, 1)}


DEMO_ADS = "demo: job ads (synthetic)"


def load_coding_queue() -> int:
    """Job-ad titles the occupation coder is unsure of, waiting in the coding queue for the analyst. Only with the
    coder's file (`make run` builds it first): without it the step is skipped, and done at a later load."""
    if CodingItem.objects.filter(source_ref=DEMO_ADS).exists():
        return 0
    try:
        coder_file.get_coder()
    except coder_file.CoderUnavailable:
        return 0
    summary = enqueue_titles([title for title, _n in data.JOB_AD_TITLES], source="vacancy", source_ref=DEMO_ADS,
                             counts=[n for _title, n in data.JOB_AD_TITLES])
    return summary["new_items"]


DEMO_ADS_FILE = "demo-job-ads.csv"
SMALL_EMPLOYERS = ["ИП Ахметов", "ТОО «Сарыарка Сервис»", "ТОО «Орталық Құрылыс»", "ИП Ким", "ТОО «Жол Транс»",
                   "ТОО «Медицинский центр Денсаулық»", "ТОО «Magnum Караганда»", "КГП «Городская больница»",
                   "ТОО «Қарағанды Жарық»", "ИП Сейткали", "ТОО «Best Logistics»", "ТОО «Кафе Алаша»"]


def load_vacancies(count: int, seed: int = SEED) -> int:
    """Three years of synthetic job ads up to the last complete month, ingested as a file through the same
    service as real ones (checked, re-posts skipped, coded, demand counted). Only with the coder's file; once."""
    if count <= 0 or VacancyBatch.objects.filter(original_name=DEMO_ADS_FILE).exists():
        return 0
    try:
        coder_file.get_coder()
    except coder_file.CoderUnavailable:
        return 0
    end = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    start = end.replace(year=end.year - 3) + dt.timedelta(days=1)
    weights = {"351010000": 10, "352410000": 4, "351610000": 2, "352810000": 1.5, "352210000": 1.2}
    districts = [(kato, weights.get(kato, 0.6)) for kato, *_rest in data.DISTRICTS]
    employers = [(ru, enterprise_bin(i), kato) for i, (kato, _kk, ru, *_r) in enumerate(data.ENTERPRISES, start=1)]
    employers += [(name, "", "") for name in SMALL_EMPLOYERS]
    ads = synthetic_ads(count, districts=districts, employers=employers, start=start, end=end, seed=seed)
    result = ingest_vacancies(None, ads.write_csv().encode("utf-8"), DEMO_ADS_FILE, source="enbek")
    if not result.ok:
        raise RuntimeError(f"demo job ads refused: {result.file_error or result.errors[:5]}")
    return result.stored


def _logins(department, colleges, enterprises, generated) -> list[tuple[str, str]]:
    logins = [
        ("region_admin", Role.REGION_ADMIN, department, "Айгуль", "Серикова"),
        ("analyst", Role.ANALYST, department, "Данияр", "Ахметов"),
        ("college_admin", Role.COLLEGE_ADMIN, colleges[0], "Гульнар", "Жумабекова"),
        ("dual_coordinator", Role.DUAL_COORDINATOR, colleges[0], "Ерлан", "Касымов"),
        ("enterprise_hr", Role.ENTERPRISE_HR, enterprises[0], "Светлана", "Ким"),
        ("mentor", Role.MENTOR, enterprises[0], "Болат", "Нургалиев"),
        ("student", Role.STUDENT, colleges[0], "Арман", "Токтаров"),
        ("customer", Role.CUSTOMER, None, "Мария", "Иванова"),
    ]
    accounts = []
    for username, role, org, first, last in logins:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.role, user.organisation, user.first_name, user.last_name = role, org, first, last
        user.email = f"{username}@demo.kasip.kz"
        user.is_active = True
        if not user.has_usable_password() or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.save()
        accounts.append((username, role))
        if role == Role.STUDENT:
            login = next((s for s in generated.students if s.is_login), None)
            record = Student.objects.filter(iin=login.iin).first() if login else None
            if record is not None and record.user_id is None and not Student.objects.filter(user=user).exists():
                record.user = user
                record.save(update_fields=["user"])
    return accounts
