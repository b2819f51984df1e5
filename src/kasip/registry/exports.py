from kasip.core.exports import ExportSpec, register

from . import policy, selectors
from .importers import CollegeImport


def _rows(actor):
    for c in selectors.colleges(actor).iterator(chunk_size=2000):
        yield [c.bin, c.name_kk, c.name_ru, c.name_en, c.district.kato, c.ownership, c.languages,
               c.nobd_id or "", c.address, c.phone, c.email, c.website]


register(ExportSpec("colleges", "Colleges", policy.can_export_colleges,
                    lambda: CollegeImport().template_headers(), _rows))
