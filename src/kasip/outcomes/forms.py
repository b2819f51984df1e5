from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kasip.core.validators import IdentifierError, validate_iin
from kasip.registry.forms import ActorForm
from kasip.registry.models import Programme, Qualification

from . import policy, selectors
from .models import EmploymentRecord, Graduation


class GraduationForm(ActorForm):
    """The student is named by the IIN (a college has thousands of students: no drop-down)."""

    student_iin = forms.CharField(label=gettext_lazy("Student's IIN"), max_length=12)

    class Meta:
        model = Graduation
        fields = ["qualification", "programme", "date", "diploma_number", "with_honours"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"programme": gettext_lazy("Left empty, it is found from the student's group or college and "
                                                "the qualification.")}

    field_order = ["student_iin", "qualification", "programme", "date", "diploma_number", "with_honours"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["qualification"].queryset = Qualification.objects.filter(is_active=True).order_by("code")
        self.fields["programme"].required = False
        programmes = Programme.objects.select_related("college", "qualification").order_by(
            "college__name_ru", "qualification__code", "language", "base", "pk")
        if self.instance.pk:
            programmes = programmes.filter(college_id=self.instance.student.college_id)
            self.fields["student_iin"].initial = self.instance.student.iin
            self.fields["student_iin"].disabled = True
        elif self.actor is not None and not policy.is_region_admin(self.actor):
            programmes = programmes.filter(college_id=self.actor.organisation_id)
        self.fields["programme"].queryset = programmes
        self.fields["programme"].label_from_instance = lambda p: f"{p.college.name}: {p}"

    def clean_student_iin(self):
        value = (self.cleaned_data.get("student_iin") or "").strip()
        if self.instance.pk:
            return self.instance.student.iin
        try:
            validate_iin(value)
        except IdentifierError as exc:
            raise forms.ValidationError(_(str(exc))) from exc
        student = selectors.student_by_iin(self.actor, value)
        if student is None:
            raise forms.ValidationError(_("No student with IIN %(value)s among the students you may graduate.")
                                        % {"value": value})
        self.cleaned_data["student"] = student
        return value

    def clean_diploma_number(self):
        return (self.cleaned_data.get("diploma_number") or "").strip()

    def _post_clean(self):
        # The student is not a form field; give it to the instance so that the model's checks see it.
        if not self.instance.pk and self.cleaned_data.get("student") is not None:
            self.instance.student = self.cleaned_data["student"]
        super()._post_clean()

    def validate_unique(self):
        """The service checks the diploma number and the student, with messages that say what to do."""


class EmploymentRecordForm(ActorForm):
    """The graduate is named by the IIN; the employer, occupation, specialty and wage only when employed."""

    student_iin = forms.CharField(label=gettext_lazy("Graduate's IIN"), max_length=12)

    class Meta:
        model = EmploymentRecord
        fields = ["months_after", "status", "employer_name", "employer_bin", "occupation_code", "occupation_title",
                  "in_specialty", "wage_band", "source", "recorded_on"]
        widgets = {"recorded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "in_specialty": forms.NullBooleanSelect}
        help_texts = {"employer_name": gettext_lazy("Employer, occupation, specialty and wage: only for an employed "
                                                    "graduate (the employer's name or BIN is then required).")}

    field_order = ["student_iin", "months_after", "status", "employer_name", "employer_bin", "occupation_code",
                   "occupation_title", "in_specialty", "wage_band", "source", "recorded_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wage_band"].required = False
        if self.instance.pk:
            self.fields["student_iin"].initial = self.instance.graduation.student.iin
            self.fields["student_iin"].disabled = True

    def clean_student_iin(self):
        value = (self.cleaned_data.get("student_iin") or "").strip()
        if self.instance.pk:
            return self.instance.graduation.student.iin
        try:
            validate_iin(value)
        except IdentifierError as exc:
            raise forms.ValidationError(_(str(exc))) from exc
        graduation = selectors.graduation_for_employment(self.actor, iin=value)
        if graduation is None:
            raise forms.ValidationError(_("No graduate with IIN %(value)s among the graduates whose employment you "
                                          "may record.") % {"value": value})
        self.cleaned_data["graduation"] = graduation
        return value

    def _post_clean(self):
        # The graduation is not a form field; give it to the instance so that the model's checks see it.
        if not self.instance.pk and self.cleaned_data.get("graduation") is not None:
            self.instance.graduation = self.cleaned_data["graduation"]
        super()._post_clean()

    def validate_unique(self):
        """The service checks one record per graduate and months, with a message that says what to do."""
