"""The pages of workforce needs, configured on the generic entity views (kasip.core.entities)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kasip.core.entities import Column, Entity, Filter

from . import policy, selectors, services
from .forms import NeedForm
from .models import WorkforceNeed


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

ENTITIES = [NEEDS]
