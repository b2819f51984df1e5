"""The pages of graduations, configured on the generic entity views (kasip.core.entities).

Graduations are personal records: every read of one is written to the audit log.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kasip.core.entities import Column, Entity, Filter

from . import policy, selectors, services
from .forms import GraduationForm
from .models import Graduation


def yes_no(value: bool) -> str:
    return str(_("yes")) if value else str(_("no"))


def graduation_detail(o: Graduation, u):
    return [(_("Student"), o.student.full_name), (_("IIN"), o.student.iin), (_("College"), o.student.college),
            (_("Programme"), o.programme), (_("Qualification awarded"), o.qualification),
            (_("Date of graduation"), o.date), (_("Diploma number"), o.diploma_number),
            (_("With honours"), yes_no(o.with_honours))]


def graduation_related(o: Graduation, u):
    return [(_("Student record"), [(o.student.full_name, reverse("students-detail", args=[o.student_id]))])]


GRADUATIONS = Entity(
    slug="graduations", model=Graduation, title=_("Graduations"), title_one=_("graduation"),
    selector=selectors.graduations, search_hint=_("IIN, last name or diploma number"), audit_reads=True,
    filters=[Filter("year", _("Year of graduation"), selectors.year_choices),
             Filter("college", _("College"), selectors.college_choices),
             Filter("programme", _("Programme"), selectors.programme_choices)],
    columns=[Column(_("Full name"), lambda o: o.student.full_name, link=True),
             Column(_("College"), lambda o: o.student.college.name),
             Column(_("Qualification"), lambda o: o.qualification.code),
             Column(_("Date of graduation"), lambda o: o.date),
             Column(_("Diploma number"), lambda o: o.diploma_number),
             Column(_("With honours"), lambda o: yes_no(o.with_honours))],
    detail=graduation_detail, related=graduation_related,
    form_class=GraduationForm, can_list=policy.can_list_graduations, can_view=policy.can_view_graduation,
    can_create=policy.can_create_graduation, can_edit=policy.can_edit_graduation,
    create=lambda actor, **f: services.save_graduation(actor, **f),
    update=lambda actor, obj, **f: services.save_graduation(actor, obj, **f),
    import_kind="graduations", can_import=policy.can_import_graduations,
    export_kind="graduations", can_export=policy.can_export_graduations,
)

ENTITIES = [GRADUATIONS]
