"""The pages of graduations and employment records, configured on the generic entity views
(kasip.core.entities).

Both are personal records: every read of one is written to the audit log.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kasip.core.entities import Column, Entity, Filter

from . import policy, selectors, services
from .forms import EmploymentRecordForm, GraduationForm
from .models import EmploymentRecord, Graduation


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



def _specialty(value) -> str:
    return "" if value is None else yes_no(value)


def record_detail(o: EmploymentRecord, u):
    g = o.graduation
    return [(_("Graduate"), g.student.full_name), (_("IIN"), g.student.iin), (_("College"), g.student.college),
            (_("Programme"), g.programme), (_("Date of graduation"), g.date),
            (_("Months after graduation"), o.months_after), (_("Status"), o.get_status_display()),
            (_("Employer"), o.employer_display), (_("Employer's BIN"), o.employer_bin),
            (_("Occupation"), " ".join(x for x in (o.occupation_code, o.occupation_title) if x)),
            (_("In the specialty"), _specialty(o.in_specialty)), (_("Wage band"), o.get_wage_band_display()),
            (_("Source"), o.get_source_display()), (_("Date of the record"), o.recorded_on)]


def record_related(o: EmploymentRecord, u):
    links = [(o.graduation.student.full_name, reverse("graduations-detail", args=[o.graduation_id]))]
    if o.employer_id:
        links.append((o.employer.name, reverse("enterprises-detail", args=[o.employer_id])))
    return [(_("Graduation"), links)]


EMPLOYMENT = Entity(
    slug="employment", model=EmploymentRecord, title=_("Graduates' employment"), title_one=_("employment record"),
    selector=selectors.employment_records, search_hint=_("IIN, last name, employer or occupation"), audit_reads=True,
    filters=[Filter("year", _("Year of graduation"), selectors.record_year_choices),
             Filter("months", _("Months after graduation"), selectors.months_choices),
             Filter("status", _("Status"), selectors.status_choices),
             Filter("college", _("College"), selectors.record_college_choices)],
    columns=[Column(_("Full name"), lambda o: o.graduation.student.full_name, link=True),
             Column(_("College"), lambda o: o.graduation.student.college.name),
             Column(_("Graduated"), lambda o: o.graduation.date.year),
             Column(_("Months"), lambda o: o.months_after, numeric=True),
             Column(_("Status"), lambda o: o.get_status_display()),
             Column(_("Employer"), lambda o: o.employer_display),
             Column(_("In the specialty"), lambda o: _specialty(o.in_specialty)),
             Column(_("Wage band"), lambda o: o.get_wage_band_display())],
    detail=record_detail, related=record_related,
    form_class=EmploymentRecordForm, can_list=policy.can_list_employment, can_view=policy.can_view_employment,
    can_create=policy.can_create_employment, can_edit=policy.can_edit_employment,
    create=lambda actor, **f: services.save_employment_record(actor, **f),
    update=lambda actor, obj, **f: services.save_employment_record(actor, obj, **f),
    import_kind="employment", can_import=policy.can_import_employment,
    export_kind="employment", can_export=policy.can_export_employment,
)

ENTITIES = [GRADUATIONS, EMPLOYMENT]
