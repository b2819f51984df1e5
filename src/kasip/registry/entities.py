"""The registry's pages, configured on the generic entity views (kasip.core.entities)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kasip.core.entities import Column, Entity, Filter

from . import policy, selectors, services
from .forms import (
    DistrictForm,
    EnterpriseForm,
    GroupForm,
    IntakeForm,
    ProgrammeForm,
    QualificationForm,
    SiteForm,
    SpecialtyForm,
    StudentForm,
)
from .models import (
    District,
    DistrictKind,
    EducationBase,
    Enterprise,
    EnterpriseSite,
    Funding,
    Group,
    Programme,
    ProgrammeIntake,
    Qualification,
    QualificationKind,
    Specialty,
    Student,
    StudentStatus,
    StudyForm,
    StudyLanguage,
)


def yes_no(value: bool) -> str:
    return str(_("yes")) if value else str(_("no"))


def site_label(site) -> str:
    hazardous = _("hazardous work")
    return f"{site.name} ⚠ {hazardous}" if site.hazardous else site.name


def link(label, name, pk) -> tuple[str, str]:
    return (str(label), reverse(name, args=[pk]))


DISTRICTS = Entity(
    slug="districts", model=District, title=_("Districts and cities"), title_one=_("district"),
    selector=selectors.district_list, login_required=False, search_hint=_("КАТО code or name"),
    filters=[Filter("kind", _("Kind"), lambda u: DistrictKind.choices)],
    columns=[Column(_("КАТО code"), lambda o: o.kato, link=True), Column(_("Name"), lambda o: o.name),
             Column(_("Kind"), lambda o: o.get_kind_display()), Column(_("Region"), lambda o: o.region.name)],
    detail=lambda o, u: [(_("КАТО code"), o.kato), (_("Region"), o.region), (_("Kind"), o.get_kind_display()),
                         (_("Name (Kazakh)"), o.name_kk), (_("Name (Russian)"), o.name_ru),
                         (_("Name (English)"), o.name_en)],
    related=lambda o, u: [(_("Colleges"), [link(c.name, "college-detail", c.pk)
                                           for c in o.colleges.filter(is_active=True)])],
    form_class=DistrictForm, can_create=policy.can_manage_classifier,
    can_edit=lambda u, o: policy.can_manage_classifier(u),
    create=lambda actor, **f: services.save_district(actor, **f),
    update=lambda actor, obj, **f: services.save_district(actor, obj, **f),
    import_kind="districts", can_import=policy.can_manage_classifier,
    export_kind="districts", can_export=lambda u: True,
)

SPECIALTIES = Entity(
    slug="specialties", model=Specialty, title=_("Specialties"), title_one=_("specialty"),
    selector=selectors.specialties, login_required=False, search_hint=_("code or name"),
    columns=[Column(_("Code"), lambda o: o.code, link=True), Column(_("Name"), lambda o: o.name)],
    detail=lambda o, u: [(_("Code"), o.code), (_("Name (Kazakh)"), o.name_kk), (_("Name (Russian)"), o.name_ru),
                         (_("Name (English)"), o.name_en)],
    related=lambda o, u: [(_("Qualifications"), [link(q, "qualifications-detail", q.pk) for q in o.qualifications.all()])],
    form_class=SpecialtyForm, can_create=policy.can_manage_classifier,
    can_edit=lambda u, o: policy.can_manage_classifier(u), can_deactivate=lambda u, o: policy.can_manage_classifier(u),
    create=lambda actor, **f: services.save_specialty(actor, **f),
    update=lambda actor, obj, **f: services.save_specialty(actor, obj, **f),
    set_active=lambda actor, obj, a: services.set_active(actor, obj, a, policy.can_manage_classifier(actor)),
    import_kind="specialties", can_import=policy.can_manage_classifier,
    export_kind="specialties", can_export=lambda u: True,
)

QUALIFICATIONS = Entity(
    slug="qualifications", model=Qualification, title=_("Qualifications"), title_one=_("qualification"),
    selector=selectors.qualifications, login_required=False, search_hint=_("code or name"),
    filters=[Filter("kind", _("Level"), lambda u: QualificationKind.choices)],
    columns=[Column(_("Code"), lambda o: o.code, link=True), Column(_("Name"), lambda o: o.name),
             Column(_("Specialty"), lambda o: o.specialty.code)],
    detail=lambda o, u: [(_("Code"), o.code), (_("Level"), f"{o.level} ({QualificationKind(o.kind).label})"
                                                if o.kind in QualificationKind.values else o.level),
                         (_("Specialty"), o.specialty), (_("Name (Kazakh)"), o.name_kk),
                         (_("Name (Russian)"), o.name_ru), (_("Name (English)"), o.name_en)],
    form_class=QualificationForm, can_create=policy.can_manage_classifier,
    can_edit=lambda u, o: policy.can_manage_classifier(u), can_deactivate=lambda u, o: policy.can_manage_classifier(u),
    create=lambda actor, **f: services.save_qualification(actor, **f),
    update=lambda actor, obj, **f: services.save_qualification(actor, obj, **f),
    set_active=lambda actor, obj, a: services.set_active(actor, obj, a, policy.can_manage_classifier(actor)),
    import_kind="qualifications", can_import=policy.can_manage_classifier,
    export_kind="qualifications", can_export=lambda u: True,
)


def programme_detail(o: Programme, u):
    intakes = ", ".join(f"{i.year}: {i.state_order} / {i.enterprise_order} / {i.paid}" for i in o.intakes.all())
    return [(_("College"), o.college), (_("Qualification"), o.qualification),
            (_("Language of study"), o.get_language_display()), (_("Base of education"), o.get_base_display()),
            (_("Form of study"), o.get_form_display()), (_("Hours of theory"), o.hours_theory),
            (_("Hours of production training and practice"), o.hours_practice),
            (_("Total planned hours"), o.hours_total), (_("Dual training"), yes_no(o.is_dual)),
            (_("Intake by year (state order / enterprise order / paid)"), intakes)]


PROGRAMMES = Entity(
    slug="programmes", model=Programme, title=_("Programmes"), title_one=_("programme"),
    selector=selectors.programmes, login_required=False, search_hint=_("qualification or college"),
    filters=[Filter("district", _("District or city"), selectors.district_choices),
             Filter("language", _("Language of study"), lambda u: StudyLanguage.choices),
             Filter("base", _("Base of education"), lambda u: EducationBase.choices),
             Filter("form", _("Form of study"), lambda u: StudyForm.choices),
             Filter("dual", _("Dual training"), lambda u: [("1", _("yes")), ("0", _("no"))])],
    columns=[Column(_("Qualification"), lambda o: o.qualification, link=True),
             Column(_("College"), lambda o: o.college.name),
             Column(_("Language"), lambda o: o.get_language_display()),
             Column(_("Base"), lambda o: o.get_base_display()),
             Column(_("Dual"), lambda o: yes_no(o.is_dual))],
    detail=programme_detail,
    form_class=ProgrammeForm, can_create=policy.can_create_programme, can_edit=policy.can_edit_programme,
    can_deactivate=policy.can_edit_programme,
    create=lambda actor, **f: services.save_programme(actor, **f),
    update=lambda actor, obj, **f: services.save_programme(actor, obj, **f),
    set_active=lambda actor, obj, a: services.set_active(actor, obj, a, policy.can_edit_programme(actor, obj)),
    import_kind="programmes", can_import=policy.can_import_programmes,
    export_kind="programmes", can_export=lambda u: True,
)

INTAKES = Entity(
    slug="intakes", model=ProgrammeIntake, title=_("Intake by funding source"), title_one=_("intake"),
    selector=selectors.intakes, login_required=False, search_hint=_("qualification or college"),
    filters=[Filter("year", _("Year")), Filter("college", _("College"), selectors.college_choices)],
    columns=[Column(_("Programme"), lambda o: o.programme, link=True),
             Column(_("College"), lambda o: o.programme.college.name),
             Column(_("Year"), lambda o: o.year, numeric=True),
             Column(_("State order"), lambda o: o.state_order, numeric=True),
             Column(_("Enterprise order"), lambda o: o.enterprise_order, numeric=True),
             Column(_("Paid"), lambda o: o.paid, numeric=True)],
    detail=lambda o, u: [(_("Programme"), o.programme), (_("College"), o.programme.college), (_("Year"), o.year),
                         (_("State order"), o.state_order), (_("Enterprise order"), o.enterprise_order),
                         (_("Paid"), o.paid)],
    form_class=IntakeForm, can_create=policy.can_create_programme,
    can_edit=lambda u, o: policy.can_edit_programme(u, o.programme),
    create=lambda actor, **f: services.save_intake_record(actor, **f),
    update=lambda actor, obj, **f: services.save_intake_record(actor, obj, **f),
    import_kind="intakes", can_import=policy.can_import_programmes,
    export_kind="intakes", can_export=lambda u: True,
)

GROUPS = Entity(
    slug="groups", model=Group, title=_("Groups"), title_one=_("group"), selector=selectors.groups,
    search_hint=_("group code"),
    filters=[Filter("college", _("College"), selectors.college_choices), Filter("year", _("Year of admission"))],
    columns=[Column(_("Group"), lambda o: o.code, link=True), Column(_("College"), lambda o: o.college.name),
             Column(_("Qualification"), lambda o: o.programme.qualification.code),
             Column(_("Year of admission"), lambda o: o.admission_year, numeric=True),
             Column(_("Students"), lambda o: o.student_count, numeric=True)],
    detail=lambda o, u: [(_("College"), o.college), (_("Programme"), o.programme),
                         (_("Year of admission"), o.admission_year), (_("Curator"), o.curator),
                         (_("Students"), o.students.count())],
    form_class=GroupForm, can_list=policy.can_list_groups, can_view=policy.can_view_group,
    can_create=policy.can_create_group, can_edit=policy.can_edit_group, can_deactivate=policy.can_edit_group,
    create=lambda actor, **f: services.save_group(actor, **f),
    update=lambda actor, obj, **f: services.save_group(actor, obj, **f),
    set_active=lambda actor, obj, a: services.set_active(actor, obj, a, policy.can_edit_group(actor, obj)),
    import_kind="groups", can_import=policy.can_create_group,
    export_kind="groups", can_export=policy.can_list_groups,
)

ENTERPRISES = Entity(
    slug="enterprises", model=Enterprise, title=_("Enterprises"), title_one=_("enterprise"),
    selector=selectors.enterprises, search_hint=_("name or BIN"),
    filters=[Filter("district", _("District or city"), selectors.district_choices), Filter("oked", _("ОКЭД code"))],
    columns=[Column(_("Name"), lambda o: o.name, link=True), Column(_("BIN"), lambda o: o.bin),
             Column(_("ОКЭД"), lambda o: o.oked), Column(_("District or city"), lambda o: o.district.name),
             Column(_("Headcount"), lambda o: o.headcount, numeric=True)],
    detail=lambda o, u: [(_("Name (Kazakh)"), o.name_kk), (_("Name (Russian)"), o.name_ru),
                         (_("Name (English)"), o.name_en), (_("BIN"), o.bin), (_("ОКЭД code"), o.oked),
                         (_("District or city"), o.district), (_("Headcount"), o.headcount)],
    related=lambda o, u: [(_("Sites"), [(site_label(s), reverse("sites-detail", args=[s.pk])) for s in o.sites.all()])],
    form_class=EnterpriseForm, can_list=policy.can_list_enterprises, can_view=lambda u, o: policy.can_list_enterprises(u),
    can_create=policy.can_create_enterprise, can_edit=policy.can_edit_enterprise,
    can_deactivate=lambda u, o: policy.is_region_admin(u),
    create=lambda actor, **f: services.save_enterprise(actor, **f),
    update=lambda actor, obj, **f: services.save_enterprise(actor, obj, **f),
    set_active=lambda actor, obj, a: services.set_active(actor, obj, a, policy.is_region_admin(actor)),
    import_kind="enterprises", can_import=policy.can_create_enterprise,
    export_kind="enterprises", can_export=policy.can_list_enterprises,
)

SITES = Entity(
    slug="sites", model=EnterpriseSite, title=_("Enterprise sites"), title_one=_("enterprise site"),
    selector=selectors.sites, search_hint=_("site or enterprise"),
    filters=[Filter("district", _("District or city"), selectors.district_choices),
             Filter("hazardous", _("Hazardous work"), lambda u: [("1", _("yes")), ("0", _("no"))])],
    columns=[Column(_("Site"), lambda o: o.name, link=True), Column(_("Enterprise"), lambda o: o.enterprise.name),
             Column(_("District or city"), lambda o: o.district.name),
             Column(_("Hazardous work"), lambda o: yes_no(o.hazardous))],
    detail=lambda o, u: [(_("Enterprise"), o.enterprise), (_("District or city"), o.district),
                         (_("Address"), o.address), (_("Hazardous work"), yes_no(o.hazardous))],
    form_class=SiteForm, can_list=policy.can_list_enterprises, can_view=lambda u, o: policy.can_list_enterprises(u),
    can_create=policy.can_create_site, can_edit=policy.can_edit_site, can_deactivate=policy.can_edit_site,
    create=lambda actor, **f: services.save_site(actor, **f),
    update=lambda actor, obj, **f: services.save_site(actor, obj, **f),
    set_active=lambda actor, obj, a: services.set_active(actor, obj, a, policy.can_edit_site(actor, obj)),
    import_kind="sites", can_import=policy.can_create_site,
    export_kind="sites", can_export=policy.can_list_enterprises,
)


def student_detail(o: Student, u):
    return [(_("IIN"), o.iin), (_("Date of birth"), o.birth_date), (_("Sex"), o.get_sex_display()),
            (_("College"), o.college), (_("Group"), o.group), (_("Base of education"), o.get_base_display()),
            (_("Funding"), o.get_funding_display()), (_("Status"), o.get_status_display()),
            (_("Consent to processing of personal data"),
             f"{yes_no(o.consent)}{', ' + o.consent_date.isoformat() if o.consent_date else ''}"),
            (_("НОБД ID"), o.nobd_id), (_("Phone"), o.phone), (_("E-mail"), o.email)]


def student_related(o: Student, u):
    events = []
    for e in o.events.select_related("to_group"):
        label = _("%(date)s · %(kind)s · order №%(number)s of %(order_date)s") % {
            "date": e.date.strftime("%d.%m.%Y"), "kind": e.get_kind_display(), "number": e.order_number,
            "order_date": e.order_date.strftime("%d.%m.%Y")}
        extra = [str(x) for x in (e.to_group, e.reason) if x]
        events.append((" · ".join([str(label), *extra]), None))
    actions = [(_("Record an admission, transfer or expulsion"), reverse("student-event", args=[o.pk]))] \
        if policy.can_edit_student(u, o) else []
    return [(_("Orders"), events + actions)]


STUDENTS = Entity(
    slug="students", model=Student, title=_("Students"), title_one=_("student"), selector=selectors.students,
    search_hint=_("IIN, last name or НОБД ID"), audit_reads=True,
    filters=[Filter("college", _("College"), selectors.college_choices),
             Filter("group", _("Group"), selectors.group_choices),
             Filter("status", _("Status"), lambda u: StudentStatus.choices),
             Filter("funding", _("Funding"), lambda u: Funding.choices)],
    columns=[Column(_("Full name"), lambda o: o.full_name, link=True), Column(_("IIN"), lambda o: o.iin),
             Column(_("College"), lambda o: o.college.name), Column(_("Group"), lambda o: o.group),
             Column(_("Status"), lambda o: o.get_status_display())],
    detail=student_detail, related=student_related,
    form_class=StudentForm, can_list=policy.can_list_students, can_view=policy.can_view_student,
    can_create=policy.can_create_student, can_edit=policy.can_edit_student,
    create=lambda actor, **f: services.save_student(actor, **f),
    update=lambda actor, obj, **f: services.save_student(actor, obj, **f),
    import_kind="students", can_import=policy.can_import_students,
    export_kind="students", can_export=policy.can_list_students,
)

ENTITIES = [DISTRICTS, SPECIALTIES, QUALIFICATIONS, PROGRAMMES, INTAKES, GROUPS, ENTERPRISES, SITES, STUDENTS]
