
from django import forms
from django.utils.translation import gettext_lazy as _

from kasip.core.validators import IdentifierError, iin_birth_date, validate_bin, validate_iin

from .models import (
    College,
    District,
    Enterprise,
    EnterpriseSite,
    Group,
    Language,
    Programme,
    ProgrammeIntake,
    Qualification,
    Specialty,
    Student,
    StudentEventKind,
    oked_problem,
)


class CollegeForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(label=_("languages of instruction"), choices=Language.choices,
                                          widget=forms.CheckboxSelectMultiple)

    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = College
        fields = ["bin", "name_kk", "name_ru", "name_en", "district", "ownership", "languages", "nobd_id",
                  "address", "phone", "email", "website"]

    def __init__(self, *args, can_change_bin: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bin"].required = True
        self.fields["district"].queryset = District.objects.order_by("kind", "name_ru")
        if self.instance.pk:
            self.initial["languages"] = [c for c in self.instance.languages.split(",") if c]
        if not can_change_bin:
            self.fields["bin"].disabled = True

    def clean_bin(self):
        value = (self.cleaned_data.get("bin") or "").strip()
        try:
            return validate_bin(value)
        except IdentifierError as exc:
            raise forms.ValidationError(_(str(exc))) from exc

    def clean_languages(self):
        return ",".join(self.cleaned_data["languages"])

    def clean_nobd_id(self):
        return (self.cleaned_data.get("nobd_id") or "").strip() or None


class ActorForm(forms.ModelForm):
    """A model form that knows who fills it, to narrow its choices to the user's organisation."""

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor


class SpecialtyForm(ActorForm):
    class Meta:
        model = Specialty
        fields = ["code", "name_kk", "name_ru", "name_en"]


class QualificationForm(ActorForm):
    class Meta:
        model = Qualification
        fields = ["code", "specialty", "name_kk", "name_ru", "name_en"]


def _own_college_only(form, field: str = "college") -> None:
    actor = form.actor
    if actor is not None and actor.role != "region_admin":
        form.fields[field].queryset = College.objects.filter(pk=actor.organisation_id)
        form.fields[field].initial = actor.organisation_id
        form.fields[field].disabled = True


class ProgrammeForm(ActorForm):
    class Meta:
        model = Programme
        fields = ["college", "qualification", "language", "base", "form", "hours_theory", "hours_practice",
                  "hours_total", "is_dual"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["college"].queryset = College.objects.filter(is_active=True)
        self.fields["qualification"].queryset = Qualification.objects.filter(is_active=True)
        _own_college_only(self)


class GroupForm(ActorForm):
    class Meta:
        model = Group
        fields = ["programme", "code", "admission_year", "curator"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from kasip.core.models import User

        programmes = Programme.objects.select_related("qualification", "college").filter(is_active=True)
        staff = User.objects.filter(role__in=["college_admin", "dual_coordinator"], is_active=True)
        if self.actor is not None and self.actor.role != "region_admin":
            programmes = programmes.filter(college_id=self.actor.organisation_id)
            staff = staff.filter(organisation_id=self.actor.organisation_id)
        self.fields["programme"].queryset = programmes
        self.fields["curator"].queryset = staff


class EnterpriseForm(ActorForm):
    class Meta:
        model = Enterprise
        fields = ["bin", "name_kk", "name_ru", "name_en", "district", "oked", "headcount"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bin"].required = True
        if self.actor is not None and self.actor.role != "region_admin" and self.instance.pk:
            self.fields["bin"].disabled = True

    def clean_bin(self):
        value = (self.cleaned_data.get("bin") or "").strip()
        try:
            return validate_bin(value)
        except IdentifierError as exc:
            raise forms.ValidationError(_(str(exc))) from exc

    def clean_oked(self):
        value = (self.cleaned_data.get("oked") or "").strip()
        if value and oked_problem(value):
            raise forms.ValidationError(oked_problem(value))
        return value


class SiteForm(ActorForm):
    class Meta:
        model = EnterpriseSite
        fields = ["enterprise", "name", "district", "address", "hazardous"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.actor is not None and self.actor.role != "region_admin":
            self.fields["enterprise"].queryset = Enterprise.objects.filter(pk=self.actor.organisation_id)
            self.fields["enterprise"].initial = self.actor.organisation_id
            self.fields["enterprise"].disabled = True


class StudentForm(ActorForm):
    class Meta:
        model = Student
        fields = ["iin", "last_name", "first_name", "patronymic", "birth_date", "college", "group", "base",
                  "funding", "status", "consent", "consent_date", "nobd_id", "phone", "email"]
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}),
                   "consent_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_date"].required = False
        self.fields["birth_date"].help_text = _("Taken from the IIN when left empty.")
        self.fields["college"].queryset = College.objects.filter(is_active=True)
        groups = Group.objects.filter(is_active=True)
        if self.actor is not None and self.actor.role != "region_admin":
            groups = groups.filter(college_id=self.actor.organisation_id)
        self.fields["group"].queryset = groups
        _own_college_only(self)

    def clean_iin(self):
        value = (self.cleaned_data.get("iin") or "").strip()
        try:
            return validate_iin(value)
        except IdentifierError as exc:
            raise forms.ValidationError(_(str(exc))) from exc

    def clean(self):
        data = super().clean()
        iin = data.get("iin")
        if iin and not data.get("birth_date"):
            data["birth_date"] = iin_birth_date(iin)
        return data


class StudentEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=StudentEventKind.choices)
    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    order_number = forms.CharField(label=_("order number"), max_length=50)
    order_date = forms.DateField(label=_("order date"), widget=forms.DateInput(attrs={"type": "date"}))
    to_group = forms.ModelChoiceField(label=_("group"), queryset=Group.objects.none(), required=False)
    reason = forms.CharField(label=_("reason"), max_length=300, required=False)

    def __init__(self, *args, student=None, **kwargs):
        super().__init__(*args, **kwargs)
        if student is not None:
            self.fields["to_group"].queryset = Group.objects.filter(college_id=student.college_id, is_active=True)


class DistrictForm(ActorForm):
    class Meta:
        model = District
        fields = ["region", "kato", "kind", "name_kk", "name_ru", "name_en"]


class IntakeForm(ActorForm):
    class Meta:
        model = ProgrammeIntake
        fields = ["programme", "year", "state_order", "enterprise_order", "paid"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        programmes = Programme.objects.select_related("qualification", "college").filter(is_active=True)
        if self.actor is not None and self.actor.role != "region_admin":
            programmes = programmes.filter(college_id=self.actor.organisation_id)
        self.fields["programme"].queryset = programmes
