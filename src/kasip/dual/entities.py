"""The pages of training places, configured on the generic entity views (kasip.core.entities); the detail
page is dual's own (it shows the applicants and the status buttons)."""

from __future__ import annotations

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy

from kasip.core.entities import Column, Entity, Filter

from . import policy, selectors, services
from .forms import PlaceForm, RoundForm
from .models import MatchingRound, RoundStatus, TrainingPlace


def period(o: TrainingPlace) -> str:
    return f"{date_format(o.starts_on, 'SHORT_DATE_FORMAT')} – {date_format(o.ends_on, 'SHORT_DATE_FORMAT')}"


def payment(o: TrainingPlace) -> str:
    if o.monthly_payment:
        return f"{number_format(o.monthly_payment, 0, force_grouping=True)} ₸"
    return f"0 ₸ ({o.payment_reason})" if o.payment_reason else "0 ₸"


def qualification_codes(o: TrainingPlace) -> str:
    return ", ".join(q.code for q in o.qualifications.all())


def place_detail(o: TrainingPlace, u):
    return [(gettext_lazy("Enterprise"), o.enterprise), (gettext_lazy("Site"), o.site),
            (gettext_lazy("District or city"), o.district),
            (gettext_lazy("Qualifications"), ", ".join(f"{q.code} {q.name}" for q in o.qualifications.all())),
            (gettext_lazy("Language of training"), o.get_language_display()),
            (gettext_lazy("Only students of colleges in this district"),
             gettext_lazy("yes") if o.district_only else gettext_lazy("no")),
            (gettext_lazy("18 and over only (hazardous site)"),
             gettext_lazy("yes") if o.adults_only else gettext_lazy("no")),
            (gettext_lazy("Capacity"), o.capacity), (gettext_lazy("Period"), period(o)),
            (gettext_lazy("Monthly payment to the student"), payment(o)), (gettext_lazy("Mentors"), o.mentors),
            (gettext_lazy("Description"), o.description), (gettext_lazy("Status"), o.get_status_display())]


PLACES = Entity(
    slug="places", model=TrainingPlace, title=gettext_lazy("Training places"),
    title_one=gettext_lazy("training place"),
    selector=selectors.places, search_hint=gettext_lazy("title, enterprise or site"),
    filters=[Filter("qualification", gettext_lazy("Qualification"), selectors.qualification_choices),
             Filter("district", gettext_lazy("District or city"), selectors.district_choices),
             Filter("language", gettext_lazy("Language"), selectors.language_choices),
             Filter("paid", gettext_lazy("Payment"), lambda u: [("1", gettext_lazy("paid")),
                                                                ("0", gettext_lazy("unpaid"))]),
             Filter("starts", gettext_lazy("Starting on or after (YYYY-MM-DD)")),
             Filter("status", gettext_lazy("Status"), selectors.status_choices)],
    columns=[Column(gettext_lazy("Title"), lambda o: o.title, link=True),
             Column(gettext_lazy("Enterprise"), lambda o: o.enterprise.name),
             Column(gettext_lazy("District or city"), lambda o: o.district.name),
             Column(gettext_lazy("Qualifications"), qualification_codes),
             Column(gettext_lazy("Period"), period),
             Column(gettext_lazy("Capacity"), lambda o: o.capacity, numeric=True),
             Column(gettext_lazy("Monthly payment"), payment, numeric=True),
             Column(gettext_lazy("Status"), lambda o: o.get_status_display())],
    detail=place_detail,
    form_class=PlaceForm, can_list=policy.can_list_places, can_view=policy.can_view_place,
    can_create=policy.can_create_place, can_edit=policy.can_edit_place,
    create=lambda actor, **f: services.save_place(actor, **f),
    update=lambda actor, obj, **f: services.save_place(actor, obj, **f),
)



def round_detail(o: MatchingRound, u):
    return [(gettext_lazy("Scope"), o.college or o.get_scope_display()), (gettext_lazy("Deadline"), o.deadline),
            (gettext_lazy("Status"), o.get_status_display()), (gettext_lazy("Lottery seed"), o.seed)]


def create_round(actor, **fields):
    fields = {k: v for k, v in fields.items() if k in ("name", "scope", "college", "deadline", "places", "seed")}
    return services.create_round(actor, **fields)


ROUNDS = Entity(
    slug="rounds", model=MatchingRound, title=gettext_lazy("Matching rounds"), title_one=gettext_lazy("matching round"),
    selector=selectors.rounds, search_hint=gettext_lazy("name"),
    filters=[Filter("status", gettext_lazy("Status"), lambda u: [(v, str(label)) for v, label in RoundStatus.choices])],
    columns=[Column(gettext_lazy("Name"), lambda o: o.name, link=True),
             Column(gettext_lazy("Scope"), lambda o: o.college.name if o.college_id else o.get_scope_display()),
             Column(gettext_lazy("Deadline"), lambda o: o.deadline),
             Column(gettext_lazy("Places"), lambda o: o.place_count, numeric=True),
             Column(gettext_lazy("Status"), lambda o: o.get_status_display())],
    detail=round_detail, form_class=RoundForm,
    can_list=policy.can_list_rounds, can_view=policy.can_view_round,
    can_create=lambda u: policy.can_create_round(u, *(("college", u.organisation_id) if policy.own_college_only(u)
                                                      else ("region", None))),
    create=create_round,
)

ENTITIES = [PLACES, ROUNDS]
