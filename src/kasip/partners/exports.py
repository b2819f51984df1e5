"""Exports of workforce needs and agreements, with the columns of the imports (an exported file imports back)."""

from kasip.core.exports import ExportSpec, register

from . import policy, selectors
from .importers import AgreementImport, NeedImport


def need_rows(actor):
    """The needs in force (active) that the user may see."""
    for n in selectors.needs(actor, active="1").iterator(chunk_size=2000):
        yield [n.enterprise.bin, n.occupation_title, n.occupation_code, n.qualification.code if n.qualification else "",
               n.skill_level or "", n.count, n.year, n.district.kato, n.comment]


def agreement_rows(actor):
    """Every agreement the user may see; kinds and statuses in the interface language (they import back)."""
    for a in selectors.agreements(actor).iterator(chunk_size=2000):
        yield [a.college.bin, a.enterprise.bin, str(a.get_kind_display()), a.number, a.signed_on.isoformat(),
               a.valid_from.isoformat(), a.valid_until.isoformat() if a.valid_until else "",
               str(a.get_status_display()), "" if a.students_covered is None else a.students_covered, a.subject]


register(ExportSpec("needs", "Workforce needs", policy.can_export_needs, NeedImport().template_headers, need_rows))
register(ExportSpec("agreements", "Partnership agreements", policy.can_export_agreements,
                    AgreementImport().template_headers, agreement_rows))
