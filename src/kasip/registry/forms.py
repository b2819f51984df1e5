from django import forms
from django.utils.translation import gettext_lazy as _

from kasip.core.validators import IdentifierError, validate_bin

from .models import College, District, Language


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
