"""Exports of graduations and employment records, with the columns of the imports (an exported file imports
back)."""

from kasip.core.exports import ExportSpec, register

from . import policy, selectors
from .importers import EmploymentImport, GraduationImport


def graduation_rows(actor):
    for g in selectors.graduations(actor).iterator(chunk_size=2000):
        yield [g.student.iin, g.qualification.code, g.date.isoformat(), g.diploma_number,
               "yes" if g.with_honours else "no"]


register(ExportSpec("graduations", "Graduations", policy.can_export_graduations, GraduationImport().template_headers,
                    graduation_rows))


def employment_rows(actor):
    for r in selectors.employment_records(actor).iterator(chunk_size=2000):
        yield [r.graduation.student.iin, r.graduation.diploma_number, r.months_after, r.status, r.employer_name,
               r.employer_bin, r.occupation_code, r.occupation_title,
               "" if r.in_specialty is None else ("yes" if r.in_specialty else "no"), r.wage_band, r.source,
               r.recorded_on.isoformat()]


register(ExportSpec("employment", "Graduates' employment", policy.can_export_employment,
                    EmploymentImport().template_headers, employment_rows))
