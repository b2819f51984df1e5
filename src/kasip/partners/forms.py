from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy

from kasip.registry.forms import ActorForm
from kasip.registry.models import District, Enterprise, Qualification

from . import policy
from .models import WorkforceNeed
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
