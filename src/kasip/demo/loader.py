"""Loads the demo region: idempotent (run it again and nothing is duplicated), deterministic."""

from __future__ import annotations

from django.db import transaction

from kasip.core.models import Organisation, OrgKind, Role, User
from kasip.core.validators import make_bin
from kasip.registry.models import College, Department, District, Enterprise, Region

from . import region as data

DEMO_PASSWORD = "kasip-demo"

CITY_NAMES = {kato: (kk, ru, en) for kato, _kind, kk, ru, en in data.DISTRICTS}


@transaction.atomic
def load_demo_region() -> dict:
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
        bin_ = make_bin(1995 + index % 20, 1 + index % 12, 1000 + index * 7)
        college, _ = College.objects.update_or_create(bin=bin_, defaults={
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
    for index, (kato, kk, ru, en, oked, headcount) in enumerate(data.ENTERPRISES, start=1):
        enterprise, _ = Enterprise.objects.update_or_create(bin=make_bin(2005 + index, 1 + index % 12, 5000 + index * 11), defaults={
            "name_kk": kk, "name_ru": ru, "name_en": en, "district": districts[kato], "oked": oked,
            "headcount": headcount,
        })
        enterprises.append(enterprise)

    Organisation.objects.update_or_create(bin=make_bin(2012, 6, 777), defaults={
        "kind": OrgKind.CUSTOMER, "name_kk": "Қарағанды қаласының халықты жұмыспен қамту орталығы (демо)",
        "name_ru": "Центр занятости населения г. Караганды (демо)", "name_en": "Karaganda Employment Centre (demo)"})

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
    return {"region": region, "districts": len(districts), "colleges": len(colleges),
            "enterprises": len(enterprises), "accounts": accounts}
