"""Forms of contracts, group placement, signatures and orders: they parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from kasip.registry.models import EnterpriseSite

from . import policy, selectors
from .models import MAX_PAYMENT, Contract, Mentor, OrderKind, Party, PeriodKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _ContentFields(forms.Form):
    starts_on = forms.DateField(label=gettext_lazy("Start of training"), widget=DATE)
    ends_on = forms.DateField(label=gettext_lazy("End of training"), widget=DATE)
    enterprise_hours = forms.IntegerField(label=gettext_lazy("Hours of training at the enterprise"), min_value=1,
                                          max_value=10_000)
    practice_hours = forms.IntegerField(
        label=gettext_lazy("Planned hours of production training in the contract's period"), min_value=1,
        max_value=10_000, required=False,
        help_text=gettext_lazy("Leave empty when the contract covers the whole programme: its planned hours of "
                               "production training and practice count then."))
    monthly_payment = forms.DecimalField(label=gettext_lazy("Monthly payment to the student, tenge"), min_value=0,
                                         max_value=MAX_PAYMENT, max_digits=12, decimal_places=2,
                                         help_text=gettext_lazy("Required: an amount, or 0 with the reason."))
    payment_reason = forms.CharField(label=gettext_lazy("Reason for no payment"), max_length=300, required=False)
    insurance = forms.CharField(label=gettext_lazy("Insurance against accidents (insurer, policy)"), max_length=300,
                                required=False)
    work_obligation_months = forms.IntegerField(
        label=gettext_lazy("Months of work for the enterprise after graduating (0: none)"), min_value=0,
        max_value=120, initial=0)


class ContractForm(_ContentFields):
    site = forms.ModelChoiceField(label=gettext_lazy("Site"), queryset=EnterpriseSite.objects.none())
    mentor = forms.ModelChoiceField(label=gettext_lazy("Mentor"), queryset=Mentor.objects.none(), required=False)
    student_document = forms.CharField(label=gettext_lazy("Student's identity document"), max_length=300,
                                       required=False, help_text=gettext_lazy("Kind, number, issued by and date."))
    guardian_name = forms.CharField(label=gettext_lazy("Guardian's full name"), max_length=300, required=False)
    guardian_iin = forms.CharField(label=gettext_lazy("Guardian's IIN"), max_length=12, required=False)
    guardian_document = forms.CharField(label=gettext_lazy("Guardian's identity document"), max_length=300,
                                        required=False, help_text=gettext_lazy("Kind, number, issued by and date."))

    def __init__(self, *args, contract: Contract, **kwargs):
        kwargs.setdefault("initial", {
            **{k: getattr(contract, k) for k in ("starts_on", "ends_on", "enterprise_hours", "practice_hours",
                                                 "monthly_payment",
                                                 "payment_reason", "insurance", "work_obligation_months",
                                                 "student_document", "guardian_name", "guardian_iin",
                                                 "guardian_document")},
            "site": contract.site_id, "mentor": contract.mentor_id})
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = selectors.sites_for(enterprise_id=contract.enterprise_id)
        self.fields["mentor"].queryset = selectors.mentors_for(contract.enterprise_id)
        self.fields["site"].label_from_instance = lambda s: s.name + (" (18+)" if s.hazardous else "")
        if not contract.is_minor:
            for name in ("guardian_name", "guardian_iin", "guardian_document"):
                self.fields[name].help_text = gettext_lazy("Only for a student under 18 on the start date.")


class PeriodForm(forms.Form):
    # A blank first choice: the edit page's empty rows then post nothing and are left out, instead of posting
    # the first kind and being refused for their missing dates.
    kind = forms.ChoiceField(label=gettext_lazy("Where"), choices=[("", "---------"), *PeriodKind.choices])
    starts_on = forms.DateField(label=gettext_lazy("From"), widget=DATE)
    ends_on = forms.DateField(label=gettext_lazy("To"), widget=DATE)


PeriodFormSet = forms.formset_factory(PeriodForm, extra=2, max_num=50, validate_max=True, can_delete=True)


class GroupPlacementForm(_ContentFields):
    agreement = forms.ModelChoiceField(label=gettext_lazy("Dual-training agreement"), queryset=None)
    group = forms.ModelChoiceField(label=gettext_lazy("Group"), queryset=None)
    site = forms.ModelChoiceField(label=gettext_lazy("Site"), queryset=None)
    mentor = forms.ModelChoiceField(label=gettext_lazy("Mentor"), queryset=None, required=False)
    enterprise_hours = forms.IntegerField(
        label=gettext_lazy("Hours of training at the enterprise"), min_value=1, max_value=10_000, required=False,
        help_text=gettext_lazy("Leave empty for the programme's hours of production training and practice."))

    field_order = ["agreement", "group", "site", "starts_on", "ends_on", "enterprise_hours", "monthly_payment",
                   "payment_reason", "insurance", "work_obligation_months", "mentor"]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        agreements = selectors.dual_agreements(actor)
        self.fields["agreement"].queryset = agreements
        self.fields["agreement"].label_from_instance = lambda a: f"№ {a.number}: {a.college.name} — {a.enterprise.name}"
        self.fields["group"].queryset = selectors.groups_for(actor)
        self.fields["group"].label_from_instance = lambda g: f"{g.code} ({g.programme.qualification.code})"
        enterprises = agreements.values("enterprise_id")
        self.fields["site"].queryset = selectors.sites_for().filter(enterprise_id__in=enterprises)
        self.fields["site"].label_from_instance = lambda s: f"{s.enterprise.name} — {s.name}" + (
            " (18+)" if s.hazardous else "")
        self.fields["mentor"].queryset = selectors.mentors_for().filter(enterprise_id__in=enterprises)
        self.fields["mentor"].label_from_instance = lambda m: f"{m.enterprise.name} — {m.full_name}"


class ScanForm(forms.Form):
    party = forms.ChoiceField(label=gettext_lazy("Party"), choices=Party.choices)
    scan = forms.FileField(label=gettext_lazy("Signed scan"),
                           help_text=gettext_lazy("PDF, JPG or PNG, at most 10 MB."))
    signer_name = forms.CharField(label=gettext_lazy("Signed by (full name)"), max_length=300, required=False)


class EcpForm(forms.Form):
    party = forms.ChoiceField(choices=Party.choices)
    cms = forms.CharField(max_length=2_000_000, widget=forms.HiddenInput)


class TerminateForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500)


class OrderForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of order"), choices=OrderKind.choices)
    number = forms.CharField(label=gettext_lazy("Order number"), max_length=50)
    date = forms.DateField(label=gettext_lazy("Date of the order"), widget=DATE)
    contracts = forms.ModelMultipleChoiceField(label=gettext_lazy("Contracts"), queryset=None,
                                               widget=forms.SelectMultiple(attrs={"size": 12}))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = policy.order_kinds_for(actor)
        self.fields["kind"].choices = [(k, label) for k, label in OrderKind.choices if k in kinds]
        self.fields["contracts"].queryset = selectors.orderable_contracts(actor)
        self.fields["contracts"].label_from_instance = lambda c: (
            f"№ {c.number}: {c.student.full_name} — {c.enterprise.name}"
            + (f" ({c.mentor.full_name})" if c.mentor_id else ""))
