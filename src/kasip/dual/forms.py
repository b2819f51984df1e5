from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from kasip.registry.forms import ActorForm
from kasip.registry.models import College, EnterpriseSite, Qualification

from . import policy
from .models import MAX_CAPACITY, MatchingRound, RoundScope, TrainingPlace


class PlaceForm(ActorForm):
    class Meta:
        model = TrainingPlace
        fields = ["title", "site", "qualifications", "language", "district_only", "capacity", "starts_on", "ends_on",
                  "monthly_payment", "payment_reason", "mentors", "description"]
        help_texts = {
            "site": gettext_lazy("The district comes from the site; places at hazardous sites take trainees of 18 "
                                 "and over only."),
            "payment_reason": gettext_lazy("Required when the monthly payment is 0."),
            "mentors": gettext_lazy("The mentors' names and positions."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "qualifications": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sites = EnterpriseSite.objects.filter(is_active=True).select_related("enterprise").order_by(
            "enterprise__name_ru", "name")
        if self.actor is not None and policy.own_enterprise_only(self.actor):
            sites = sites.filter(enterprise_id=self.actor.organisation_id)
        self.fields["site"].queryset = sites
        self.fields["site"].label_from_instance = lambda s: f"{s.enterprise.name} — {s.name}" + (
            " (18+)" if s.hazardous else "")
        self.fields["qualifications"].queryset = Qualification.objects.filter(is_active=True).order_by("code")
        self.fields["capacity"].widget.attrs.update(min=1, max=MAX_CAPACITY)
        self.fields["monthly_payment"].widget.attrs.update(min=0)


class RoundForm(forms.ModelForm):
    class Meta:
        model = MatchingRound
        fields = ["name", "scope", "college", "deadline", "places", "seed"]
        widgets = {"deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                   "places": forms.SelectMultiple(attrs={"size": 10})}
        help_texts = {"seed": gettext_lazy("Leave empty for a random seed; it is recorded with the round.")}

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["seed"].required = False
        self.fields["college"].queryset = College.objects.filter(is_active=True).order_by("name_ru", "name_kk")
        from .models import PlaceStatus

        self.fields["places"].queryset = (TrainingPlace.objects.filter(status=PlaceStatus.APPROVED)
                                          .select_related("enterprise").order_by("title"))
        self.fields["places"].label_from_instance = lambda p: f"{p.title} — {p.enterprise.name}"
        self.fields["places"].required = False
        self.initial.setdefault("deadline", (timezone.localtime() + timezone.timedelta(days=14)).strftime(
            "%Y-%m-%dT%H:%M"))
        if actor is not None and policy.own_college_only(actor):
            self.fields["scope"].choices = [(RoundScope.COLLEGE.value, RoundScope.COLLEGE.label)]
            self.fields["college"].queryset = College.objects.filter(pk=actor.organisation_id)
            self.fields["college"].initial = actor.organisation_id
            self.fields["college"].disabled = True
        self.fields["college"].required = False
