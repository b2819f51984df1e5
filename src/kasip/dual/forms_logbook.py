"""Forms of mentors, the trainee's page (briefing, medical examination, mentor, assessments, final result),
the logbook and the learning outcomes. The rules live in the services; the forms parse and narrow choices."""

from django import forms
from django.utils.translation import gettext_lazy

from kasip.core.models import Role, User
from kasip.registry.forms import ActorForm
from kasip.registry.models import Enterprise, Qualification

from . import policy
from .models import (
    MAX_TEXT,
    MAX_TRAINEES_PER_MENTOR,
    AssessmentResult,
    EntryLocation,
    FinalResultKind,
    LearningOutcome,
    Mentor,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MentorForm(ActorForm):
    create_account = forms.BooleanField(
        label=gettext_lazy("Create an account for the mentor and send an invitation to the e-mail"), required=False)

    class Meta:
        model = Mentor
        fields = ["enterprise", "last_name", "first_name", "patronymic", "position", "phone", "email", "max_trainees",
                  "user"]
        help_texts = {
            "max_trainees": gettext_lazy("From 1 to 30."),
            "user": gettext_lazy("An existing account of the role “mentor” of the same enterprise: the mentor "
                                 "then has his or her own page."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["max_trainees"].widget.attrs.update(min=1, max=MAX_TRAINEES_PER_MENTOR)
        accounts = User.objects.filter(role=Role.MENTOR, is_active=True).filter(
            mentor_profile__isnull=True) | User.objects.filter(pk=self.instance.user_id or 0)
        enterprises = Enterprise.objects.filter(is_active=True).order_by("name_ru", "name_kk")
        if self.instance.pk:
            accounts = accounts.filter(organisation_id=self.instance.enterprise_id)
            self.fields["enterprise"].disabled = True
        if self.actor is not None and policy.own_enterprise_mentors_only(self.actor):
            accounts = accounts.filter(organisation_id=self.actor.organisation_id)
            enterprises = enterprises.filter(pk=self.actor.organisation_id)
            self.fields["enterprise"].initial = self.actor.organisation_id
            self.fields["enterprise"].disabled = True
        self.fields["enterprise"].queryset = enterprises
        self.fields["user"].queryset = accounts.distinct().order_by("last_name", "first_name")
        self.fields["user"].required = False
        if self.instance.pk and self.instance.user_id:
            del self.fields["create_account"]


class LearningOutcomeForm(ActorForm):
    class Meta:
        model = LearningOutcome
        fields = ["qualification", "code", "name_kk", "name_ru", "name_en", "position", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["qualification"].queryset = Qualification.objects.filter(is_active=True).order_by("code")


class BriefingForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Date of the safety briefing"), widget=DATE)
    given_by = forms.CharField(label=gettext_lazy("Briefing given by"), max_length=200)


class MedicalForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Date of the medical examination"), widget=DATE)
    certificate = forms.CharField(label=gettext_lazy("Medical certificate number"), max_length=100)


class AssignMentorForm(forms.Form):
    mentor = forms.ModelChoiceField(label=gettext_lazy("Mentor"), queryset=Mentor.objects.none())

    def __init__(self, *args, mentors=None, **kwargs):
        super().__init__(*args, **kwargs)
        if mentors is not None:
            self.fields["mentor"].queryset = mentors
        self.fields["mentor"].label_from_instance = lambda m: " — ".join(p for p in (m.full_name, m.position) if p)


class EntryForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Date"), widget=DATE)
    starts_at = forms.TimeField(label=gettext_lazy("From"), widget=TIME)
    ends_at = forms.TimeField(label=gettext_lazy("To"), widget=TIME)
    hours = forms.DecimalField(label=gettext_lazy("Hours"), required=False, min_value=0, max_value=24,
                               max_digits=4, decimal_places=1,
                               help_text=gettext_lazy("Leave empty for the whole span from – to."))
    location = forms.ChoiceField(label=gettext_lazy("Where"), choices=EntryLocation.choices,
                                 initial=EntryLocation.ENTERPRISE)
    tasks = forms.CharField(label=gettext_lazy("Tasks done"), max_length=MAX_TEXT,
                            widget=forms.Textarea(attrs={"rows": 4}))
    outcomes = forms.ModelMultipleChoiceField(label=gettext_lazy("Learning outcomes"), required=False,
                                              queryset=LearningOutcome.objects.none(),
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, outcomes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if outcomes is not None:
            self.fields["outcomes"].queryset = outcomes


class ReturnForm(forms.Form):
    comment = forms.CharField(label=gettext_lazy("What to correct"), max_length=1000)


class AssessmentForm(forms.Form):
    outcome = forms.ModelChoiceField(label=gettext_lazy("Learning outcome"), queryset=LearningOutcome.objects.none(),
                                     required=False, empty_label=gettext_lazy("the whole qualification"))
    date = forms.DateField(label=gettext_lazy("Date"), widget=DATE)
    result = forms.ChoiceField(label=gettext_lazy("Result"), choices=AssessmentResult.choices)
    score = forms.IntegerField(label=gettext_lazy("Score (1–5)"), required=False, min_value=1, max_value=5)
    comment = forms.CharField(label=gettext_lazy("Comment"), max_length=1000, required=False)

    def __init__(self, *args, outcomes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if outcomes is not None:
            self.fields["outcome"].queryset = outcomes


class FinalResultForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Date of the exam"), widget=DATE)
    result = forms.ChoiceField(label=gettext_lazy("Result"), choices=FinalResultKind.choices)
    grade = forms.IntegerField(label=gettext_lazy("Grade (1–5)"), required=False, min_value=1, max_value=5)
    certificate_number = forms.CharField(label=gettext_lazy("Certificate number"), max_length=50, required=False)
    comment = forms.CharField(label=gettext_lazy("Comment"), max_length=1000, required=False)
