from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _

from . import policy
from .models import AuditAction, Organisation, Role, User
from .validators import IdentifierError, validate_iin


class UserForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", "last_name", "first_name", "patronymic", "role", "organisation", "iin", "phone", "language"]

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["email"].required = True
        self.fields["last_name"].required = True
        self.fields["first_name"].required = True
        roles = policy.manageable_roles(actor)
        self.fields["role"].choices = [(code, label) for code, label in Role.choices if code in roles]
        if policy.is_region_admin(actor):
            self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True)
        else:
            self.fields["organisation"].queryset = Organisation.objects.filter(pk=actor.organisation_id)
            self.fields["organisation"].initial = actor.organisation_id
            self.fields["organisation"].disabled = True

    def clean_iin(self):
        value = (self.cleaned_data.get("iin") or "").strip()
        if not value:
            return None
        try:
            return validate_iin(value)
        except IdentifierError as exc:
            raise forms.ValidationError(_(str(exc))) from exc

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        clash = User.objects.filter(username=email).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("An account with this e-mail already exists."))
        return email


class InvitationForm(forms.Form):
    password1 = forms.CharField(label=_("New password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=password_validators_help_text_html())
    password2 = forms.CharField(label=_("Repeat the password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class ImportForm(forms.Form):
    ENCODINGS = [("", _("detect automatically")), ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 BOM"),
                 ("cp1251", "Windows-1251"), ("kz1048", "KZ-1048")]
    file = forms.FileField(label=_("File (CSV or XLSX)"))
    encoding = forms.ChoiceField(label=_("Encoding of a CSV file"), choices=ENCODINGS, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.KASIP_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
                % {"size": round(upload.size / 1048576, 1), "limit": round(settings.KASIP_IMPORT_MAX_BYTES / 1048576, 1)}
            )
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Only CSV and XLSX files can be imported."))
        return upload


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Who"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", _("any"))] + list(AuditAction.choices))
    object_type = forms.CharField(label=_("Object type"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100)
