"""Export of workforce needs, with the columns of the import (an exported file imports back)."""

from kasip.core.exports import ExportSpec, register

from . import policy, selectors
from .importers import NeedImport


def need_rows(actor):
    """The needs in force (active) that the user may see."""
    for n in selectors.needs(actor, active="1").iterator(chunk_size=2000):
        yield [n.enterprise.bin, n.occupation_title, n.occupation_code, n.qualification.code if n.qualification else "",
               n.skill_level or "", n.count, n.year, n.district.kato, n.comment]


register(ExportSpec("needs", "Workforce needs", policy.can_export_needs, NeedImport().template_headers, need_rows))
