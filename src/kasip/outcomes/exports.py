"""Export of graduations, with the columns of the import (an exported file imports back)."""

from kasip.core.exports import ExportSpec, register

from . import policy, selectors
from .importers import GraduationImport


def graduation_rows(actor):
    for g in selectors.graduations(actor).iterator(chunk_size=2000):
        yield [g.student.iin, g.qualification.code, g.date.isoformat(), g.diploma_number,
               "yes" if g.with_honours else "no"]


register(ExportSpec("graduations", "Graduations", policy.can_export_graduations, GraduationImport().template_headers,
                    graduation_rows))
