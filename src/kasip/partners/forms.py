from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy

from kasip.registry.forms import ActorForm
from kasip.registry.models import College, District, Enterprise, Qualification

from . import policy
from .models import MAX_STUDENTS_COVERED, Agreement, AgreementStatus, WorkforceNeed
from .services import MAX_COUNT


class NeedForm(ActorForm):
    class Meta:
        model = WorkforceNeed
        fields = ["enterprise", "occupation_title", "occupation_code", "qualification", "skill_level", "count",
                  "year", "district", "comment"]
        help_texts = {
            "occupation_code": gettext_lazy("ISCO-08 unit group (4 digits, e.g. 7212) or НК РК 01-2017 occupation "
                                            "group (e.g. 7212-1)."),
            "skill_level": gettext_lazy("1 to 4, as in ISCO-08."),
        }
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.filter(is_active=True).order_by("name_ru", "name_kk")
        self.fields["district"].queryset = District.objects.order_by("kind", "name_ru")
        self.fields["qualification"].queryset = Qualification.objects.filter(is_active=True).order_by("code")
        self.fields["count"].validators.append(MaxValueValidator(MAX_COUNT))
        self.fields["count"].widget.attrs.update(min=1, max=MAX_COUNT)
        if not self.instance.pk:
            self.initial.setdefault("year", timezone.localdate().year + 1)
        if self.actor is not None and policy.own_enterprise_only(self.actor):
            own = Enterprise.objects.filter(pk=self.actor.organisation_id)
            self.fields["enterprise"].queryset = own
            self.fields["enterprise"].initial = self.actor.organisation_id
            self.fields["enterprise"].disabled = True
            if not self.instance.pk:
                enterprise = own.first()
                if enterprise is not None:
                    self.initial.setdefault("district", enterprise.district_id)

    def clean_occupation_code(self):
        return (self.cleaned_data.get("occupation_code") or "").strip()


class AgreementForm(ActorForm):
    """An agreement; a college's staff keep their own college's, and only the region admin and the college's
    admin change the status (a dual-training coordinator's new agreement is a draft)."""

    class Meta:
        model = Agreement
        fields = ["college", "enterprise", "kind", "number", "signed_on", "valid_from", "valid_until", "status",
                  "students_covered", "subject", "document"]
        widgets = {
            "signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "subject": forms.Textarea(attrs={"rows": 4}),
            "document": forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,"
                                                                  "image/png"}),
        }
        help_texts = {
            "status": gettext_lazy("To end an agreement early, set it to terminated."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["college"].queryset = College.objects.filter(is_active=True).order_by("name_ru", "name_kk")
        self.fields["enterprise"].queryset = Enterprise.objects.filter(is_active=True).order_by("name_ru", "name_kk")
        self.fields["students_covered"].widget.attrs.update(min=0, max=MAX_STUDENTS_COVERED)
        if not self.instance.pk:
            self.initial.setdefault("status", AgreementStatus.DRAFT)
        if self.actor is not None and policy.own_college_only(self.actor):
            self.fields["college"].queryset = College.objects.filter(pk=self.actor.organisation_id)
            self.fields["college"].initial = self.actor.organisation_id
            self.fields["college"].disabled = True
        if self.actor is not None and not policy.can_change_agreement_status(
                self.actor, self.instance if self.instance.pk else None):
            self.fields["status"].disabled = True
            self.fields["status"].help_text = gettext_lazy("The region admin or the college's admin changes the "
                                                           "status.")
            if not self.instance.pk:
                self.fields["status"].initial = AgreementStatus.DRAFT

    def clean_number(self):
        return " ".join((self.cleaned_data.get("number") or "").split())
