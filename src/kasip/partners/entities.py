"""The pages of workforce needs, configured on the generic entity views (kasip.core.entities)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kasip.core.entities import Column, Entity, Filter

from . import policy, selectors, services
from .forms import AgreementForm, NeedForm
from .models import (
    DOCUMENT_EXTENSIONS,
    DOCUMENT_LABELS,
    Agreement,
    AgreementKind,
    WorkforceNeed,
    document_extension,
)


def need_detail(o: WorkforceNeed, u):
    return [(_("Enterprise"), o.enterprise), (_("Occupation"), o.occupation_title),
            (_("Occupation code"), o.occupation_code), (_("Qualification"), o.qualification),
            (_("Qualification level"), o.skill_level), (_("Number of people"), o.count), (_("Year"), o.year),
            (_("District or city"), o.district), (_("Comment"), o.comment),
            (_("Declared on"), o.created_at.date() if o.created_at else None)]


NEEDS = Entity(
    slug="needs", model=WorkforceNeed, title=_("Workforce needs"), title_one=_("workforce need"),
    selector=selectors.needs, search_hint=_("occupation, code or enterprise"),
    filters=[Filter("year", _("Year"), selectors.year_choices),
             Filter("district", _("District or city"), selectors.district_choices),
             Filter("enterprise", _("Enterprise"), selectors.enterprise_choices),
             Filter("active", _("Active"), lambda u: [("1", _("yes")), ("0", _("no"))])],
    columns=[Column(_("Occupation"), lambda o: o.occupation_title, link=True),
             Column(_("Code"), lambda o: o.occupation_code),
             Column(_("Enterprise"), lambda o: o.enterprise.name),
             Column(_("District or city"), lambda o: o.district.name),
             Column(_("Year"), lambda o: o.year, numeric=True),
             Column(_("Number of people"), lambda o: o.count, numeric=True)],
    detail=need_detail,
    form_class=NeedForm, can_list=policy.can_list_needs, can_view=policy.can_view_need,
    can_create=policy.can_create_need, can_edit=policy.can_edit_need, can_deactivate=policy.can_deactivate_need,
    create=lambda actor, **f: services.save_need(actor, **f),
    update=lambda actor, obj, **f: services.save_need(actor, obj, **f),
    set_active=services.set_need_active,
    import_kind="needs", can_import=policy.can_import_needs,
    export_kind="needs", can_export=policy.can_export_needs,
)



def yes_no(value: bool) -> str:
    return str(_("yes")) if value else str(_("no"))


def document_link(o: Agreement, u):
    """A link to the download view (which asks the policy again), never to a file's own URL."""
    if not o.document or not policy.can_download_document(u, o):
        return None
    kind = DOCUMENT_LABELS.get(DOCUMENT_EXTENSIONS.get(document_extension(o.document.name), ""), "")
    return format_html('<a href="{}">{}</a>{}', reverse("agreements-document", args=[o.pk]), _("Download"),
                       f" ({kind})" if kind else "")


def agreement_detail(o: Agreement, u):
    return [(_("College"), o.college), (_("Enterprise"), o.enterprise), (_("Kind of agreement"), o.get_kind_display()),
            (_("Agreement number"), o.number), (_("Date signed"), o.signed_on), (_("Valid from"), o.valid_from),
            (_("Valid until"), o.valid_until), (_("Status"), o.get_status_display()),
            (_("In force"), yes_no(o.in_force)), (_("Students covered"), o.students_covered),
            (_("Subject and notes"), o.subject), (_("Signed document"), document_link(o, u)),
            (_("Recorded on"), o.created_at.date() if o.created_at else None)]


def agreement_related(o: Agreement, u):
    links = [(_("All agreements of this college"), f"{reverse('agreements')}?college={o.college_id}"),
             (_("All agreements of this enterprise"), f"{reverse('agreements')}?enterprise={o.enterprise_id}")]
    if policy.can_view_network(u):
        links.append((_("Partner network"), reverse("partner-network")))
    if o.kind == AgreementKind.DUAL_TRAINING and o.in_force:
        # dual builds on partners: imported only when used
        from kasip.dual import policy as dual_policy

        if dual_policy.is_region_admin(u) or (dual_policy.can_place_group(u) and u.organisation_id == o.college_id):
            links.append((_("Place a group under this agreement"), f"{reverse('contracts-group')}?agreement={o.pk}"))
    return [(_("See also"), links)]


AGREEMENTS = Entity(
    slug="agreements", model=Agreement, title=_("Partnership agreements"), title_one=_("partnership agreement"),
    selector=selectors.agreements, search_hint=_("number, college, enterprise or BIN"),
    filters=[Filter("kind", _("Kind of agreement"), selectors.kind_choices),
             Filter("status", _("Status"), selectors.status_choices),
             Filter("college", _("College"), selectors.agreement_college_choices),
             Filter("enterprise", _("Enterprise"), selectors.agreement_enterprise_choices),
             Filter("in_force", _("In force"), lambda u: [("1", _("yes")), ("0", _("no"))])],
    columns=[Column(_("Agreement number"), lambda o: o.number, link=True),
             Column(_("College"), lambda o: o.college.name),
             Column(_("Enterprise"), lambda o: o.enterprise.name),
             Column(_("Kind of agreement"), lambda o: o.get_kind_display()),
             Column(_("Date signed"), lambda o: o.signed_on),
             Column(_("Status"), lambda o: o.get_status_display()),
             Column(_("In force"), lambda o: yes_no(o.in_force)),
             Column(_("Students covered"), lambda o: o.students_covered, numeric=True)],
    detail=agreement_detail, related=agreement_related,
    form_class=AgreementForm, can_list=policy.can_list_agreements, can_view=policy.can_view_agreement,
    can_create=policy.can_create_agreement, can_edit=policy.can_edit_agreement,
    create=lambda actor, **f: services.save_agreement(actor, **f),
    update=lambda actor, obj, **f: services.save_agreement(actor, obj, **f),
    import_kind="agreements", can_import=policy.can_import_agreements,
    export_kind="agreements", can_export=policy.can_export_agreements,
)

ENTITIES = [NEEDS, AGREEMENTS]
