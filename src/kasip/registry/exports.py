"""Exports of the registry's lists, with the columns of the matching import (files round-trip)."""

from kasip.core.exports import ExportSpec, register

from . import policy, selectors
from .importers import (
    CollegeImport,
    DistrictImport,
    EnterpriseImport,
    GroupImport,
    IntakeImport,
    ProgrammeImport,
    QualificationImport,
    SiteImport,
    SpecialtyImport,
    StudentImport,
)
from .models import ProgrammeIntake


def _iter(qs):
    return qs.iterator(chunk_size=2000)


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def colleges(actor):
    for c in _iter(selectors.colleges(actor)):
        yield [c.bin, c.name_kk, c.name_ru, c.name_en, c.district.kato, c.ownership, c.languages,
               c.nobd_id or "", c.address, c.phone, c.email, c.website]


def districts(actor):
    for d in _iter(selectors.district_list(actor)):
        yield [d.kato, d.region.kato, d.kind, d.name_kk, d.name_ru, d.name_en]


def specialties(actor):
    for s in _iter(selectors.specialties(actor)):
        yield [s.code, s.name_kk, s.name_ru, s.name_en]


def qualifications(actor):
    for q in _iter(selectors.qualifications(actor)):
        yield [q.code, q.name_kk, q.name_ru, q.name_en]


def programmes(actor):
    for p in _iter(selectors.programmes(actor)):
        yield [p.college.bin, p.qualification.code, p.language, p.base, p.form, p.hours_theory, p.hours_practice,
               p.hours_total, _yes(p.is_dual)]


def intakes(actor):
    programme_ids = selectors.programmes(actor).values("pk")
    qs = ProgrammeIntake.objects.filter(programme__in=programme_ids).select_related(
        "programme__college", "programme__qualification").order_by("programme__college__name_ru", "year", "pk")
    for i in _iter(qs):
        p = i.programme
        yield [p.college.bin, p.qualification.code, p.language, p.base, i.year, i.state_order, i.enterprise_order,
               i.paid]


def groups(actor):
    for g in _iter(selectors.groups(actor)):
        p = g.programme
        yield [g.college.bin, g.code, p.qualification.code, p.language, p.base, g.admission_year]


def enterprises(actor):
    for e in _iter(selectors.enterprises(actor)):
        yield [e.bin, e.name_kk, e.name_ru, e.name_en, e.district.kato, e.oked, e.headcount or ""]


def sites(actor):
    for s in _iter(selectors.sites(actor)):
        yield [s.enterprise.bin, s.name, s.district.kato, s.address, _yes(s.hazardous)]


def students(actor):
    for s in _iter(selectors.students(actor)):
        yield [s.iin, s.last_name, s.first_name, s.patronymic, s.birth_date.isoformat(), s.college.bin,
               s.group.code if s.group else "", s.base, s.funding, s.status, _yes(s.consent),
               s.consent_date.isoformat() if s.consent_date else "", s.nobd_id or "", s.phone, s.email, "", ""]


def everyone(user) -> bool:
    return True


for kind, title, spec, rows, allowed in (
    ("colleges", "Colleges", CollegeImport, colleges, policy.can_export_colleges),
    ("districts", "Districts", DistrictImport, districts, everyone),
    ("specialties", "Specialties", SpecialtyImport, specialties, everyone),
    ("qualifications", "Qualifications", QualificationImport, qualifications, everyone),
    ("programmes", "Programmes", ProgrammeImport, programmes, everyone),
    ("intakes", "Intakes", IntakeImport, intakes, everyone),
    ("groups", "Groups", GroupImport, groups, policy.can_list_groups),
    ("enterprises", "Enterprises", EnterpriseImport, enterprises, policy.can_list_enterprises),
    ("sites", "Sites", SiteImport, sites, policy.can_list_enterprises),
    ("students", "Students", StudentImport, students, policy.can_list_students),
):
    register(ExportSpec(kind, title, allowed, spec().template_headers, rows))
