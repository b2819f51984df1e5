"""Pages of mentors, trainees and their logbooks: the mentors' list (enterprise HR), the mentor's own page, the
trainees' list with progress and share, a trainee's page (briefing, medical examination, mentor, logbook,
assessments, final result), the logbook entry form, sign-off and return, learning outcomes, exports. Thin:
parse, ask the policy, call the service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from kasip.core import audit
from kasip.core.entities import Column, Entity, Filter
from kasip.core.web import add_errors

from .. import policy, selectors, services
from ..forms_logbook import (
    AssessmentForm,
    AssignMentorForm,
    BriefingForm,
    EntryForm,
    FinalResultForm,
    LearningOutcomeForm,
    MedicalForm,
    MentorForm,
    ReturnForm,
)
from ..models import (
    Contract,
    ContractStatus,
    EntryStatus,
    FinalResult,
    LearningOutcome,
    LogbookEntry,
    Mentor,
)


def _percent(value) -> str:
    return "—" if value is None else f"{value * 100:.0f} %"


# --- entities: mentors, learning outcomes, trainees --------------------------------------
def mentor_detail(o: Mentor, u):
    return [(gettext_lazy("Enterprise"), o.enterprise), (gettext_lazy("Position"), o.position),
            (gettext_lazy("Phone"), o.phone), (gettext_lazy("E-mail"), o.email),
            (gettext_lazy("Maximum trainees"), o.max_trainees),
            (gettext_lazy("Account"), o.user.username if o.user_id else "—"),
            (gettext_lazy("Active"), gettext_lazy("yes") if o.is_active else gettext_lazy("no"))]


def mentor_related(o: Mentor, u):
    contracts = o.contracts.select_related("student").filter(status__in=[ContractStatus.SIGNING,
                                                                         ContractStatus.SIGNED,
                                                                         ContractStatus.DRAFT])
    return [(gettext_lazy("Trainees"), [(c.student.full_name, f"/trainees/{c.pk}/") for c in contracts])]


MENTORS = Entity(
    slug="mentors", model=Mentor, title=gettext_lazy("Mentors"), title_one=gettext_lazy("mentor"),
    selector=selectors.mentors, search_hint=gettext_lazy("name or position"),
    filters=[Filter("active", gettext_lazy("Active"), lambda u: [("1", gettext_lazy("yes")), ("0", gettext_lazy("no"))])],
    columns=[Column(gettext_lazy("Name"), lambda o: o.full_name, link=True),
             Column(gettext_lazy("Enterprise"), lambda o: o.enterprise.name),
             Column(gettext_lazy("Position"), lambda o: o.position),
             Column(gettext_lazy("Trainees"), lambda o: f"{o.open_contracts} / {o.max_trainees}", numeric=True),
             Column(gettext_lazy("Account"), lambda o: o.user.username if o.user_id else "—")],
    detail=mentor_detail, related=mentor_related, form_class=MentorForm,
    can_list=policy.can_list_mentors, can_view=policy.can_view_mentor, can_create=policy.can_create_mentor,
    can_edit=policy.can_edit_mentor, can_deactivate=policy.can_edit_mentor,
    create=lambda actor, **f: services.save_mentor(actor, **f),
    update=lambda actor, obj, **f: services.save_mentor(actor, obj, **f),
    set_active=lambda actor, obj, active: services.set_mentor_active(actor, obj, active),
    audit_reads=True,
)


def outcome_detail(o: LearningOutcome, u):
    return [(gettext_lazy("Qualification"), f"{o.qualification.code} {o.qualification.name}"),
            (gettext_lazy("Code"), o.code), (gettext_lazy("Name (Kazakh)"), o.name_kk),
            (gettext_lazy("Name (Russian)"), o.name_ru), (gettext_lazy("Name (English)"), o.name_en),
            (gettext_lazy("Position"), o.position),
            (gettext_lazy("Active"), gettext_lazy("yes") if o.is_active else gettext_lazy("no"))]


OUTCOMES = Entity(
    slug="learning-outcomes", model=LearningOutcome, title=gettext_lazy("Learning outcomes"),
    title_one=gettext_lazy("learning outcome"), selector=selectors.outcomes, search_hint=gettext_lazy("code or name"),
    filters=[Filter("qualification", gettext_lazy("Qualification"), selectors.outcome_qualification_choices),
             Filter("active", gettext_lazy("Active"), lambda u: [("1", gettext_lazy("yes")),
                                                                 ("0", gettext_lazy("no"))])],
    columns=[Column(gettext_lazy("Qualification"), lambda o: o.qualification.code),
             Column(gettext_lazy("Code"), lambda o: o.code, link=True),
             Column(gettext_lazy("Name"), lambda o: o.name),
             Column(gettext_lazy("Position"), lambda o: o.position, numeric=True)],
    detail=outcome_detail, form_class=LearningOutcomeForm,
    can_list=policy.can_list_outcomes, can_view=policy.can_view_outcome, can_create=policy.can_manage_outcomes,
    can_edit=policy.can_manage_outcomes, can_deactivate=policy.can_manage_outcomes,
    create=lambda actor, **f: services.save_outcome(actor, **f),
    update=lambda actor, obj, **f: services.save_outcome(actor, obj, **f),
    set_active=lambda actor, obj, active: services.set_outcome_active(actor, obj, active),
    import_kind="learning-outcomes", can_import=policy.can_manage_outcomes,
    export_kind="learning-outcomes", can_export=policy.can_list_outcomes,
)


def _share(o: Contract) -> str:
    p = selectors.progress_of(o)
    text = _percent(p.share)
    if p.flagged:
        text += " ⚠ " + gettext("below %(n)s %%") % {"n": p.threshold}
    return text


def _behind(o: Contract) -> str:
    return gettext("behind") if selectors.progress_of(o).behind else ""


TRAINEES = Entity(
    slug="trainees", model=Contract, title=gettext_lazy("Trainees"), title_one=gettext_lazy("trainee"),
    selector=selectors.trainees, search_hint=gettext_lazy("student or contract number"),
    filters=[Filter("group", gettext_lazy("Group"), selectors.trainee_group_choices),
             Filter("enterprise", gettext_lazy("Enterprise"), selectors.trainee_enterprise_choices),
             Filter("flagged", gettext_lazy("Share at the enterprise"),
                    lambda u: [("1", gettext_lazy("below the threshold"))]),
             Filter("behind", gettext_lazy("Progress"), lambda u: [("1", gettext_lazy("behind"))]),
             Filter("status", gettext_lazy("Contract"), selectors.trainee_status_choices)],
    columns=[Column(gettext_lazy("Student"), lambda o: o.student.full_name, link=True),
             Column(gettext_lazy("Group"), lambda o: o.student.group.code if o.student.group_id else "—"),
             Column(gettext_lazy("Enterprise"), lambda o: o.enterprise.name),
             Column(gettext_lazy("Mentor"), lambda o: o.mentor.full_name if o.mentor_id else "—"),
             Column(gettext_lazy("Signed-off hours at the enterprise"),
                    lambda o: f"{float(o.signed_enterprise):g} / {o.enterprise_hours}", numeric=True),
             Column(gettext_lazy("Progress"), lambda o: _percent(selectors.progress_of(o).progress), numeric=True),
             Column(gettext_lazy("Share at the enterprise"), _share, numeric=True),
             Column(gettext_lazy("Behind"), _behind),
             Column(gettext_lazy("Contract"), lambda o: o.get_status_display())],
    detail=lambda o, u: [], can_list=policy.can_list_trainees, can_view=policy.can_view_trainee,
)


# --- helpers -----------------------------------------------------------------------------
def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _contract(request, pk: int, allowed) -> Contract:
    contract = selectors.trainee(pk)
    if contract is None:
        raise Http404
    if not allowed(request.user, contract):
        raise PermissionDenied
    return contract


def _back(request, default: str):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect(default)


# --- the trainee's page ------------------------------------------------------------------
@login_required
def trainee_detail(request, pk: int):
    contract = _contract(request, pk, policy.can_view_trainee)
    user = request.user
    if not policy.is_own_student(user, contract):
        audit.log_read(user, contract.student)
    entries = list(selectors.entries(contract))
    outcomes = selectors.outcomes_of(contract)
    for e in entries:
        e.can_edit = e.status != EntryStatus.SIGNED and policy.can_edit_entry(user, e)
        e.can_review = e.status == EntryStatus.SUBMITTED and policy.can_review_entry(user, e)
    final = FinalResult.objects.filter(contract=contract).first()
    context = {
        "contract": contract, "student": contract.student, "progress": selectors.progress_of(contract),
        "gate": services.gate_problem(contract), "entries": entries,
        "assessments": list(selectors.assessments(contract)), "summary": selectors.assessment_summary(contract),
        "final": final, "outcomes": list(outcomes),
        "can_write": policy.can_write_entry(user, contract),
        # each form's ids carry its own prefix: several share field names (date, result, comment) on this page
        "briefing_form": BriefingForm(auto_id="briefing-%s", initial={"date": contract.safety_briefing_on,
                                                                      "given_by": contract.safety_briefing_by})
        if policy.can_record_briefing(user, contract) else None,
        "medical_form": MedicalForm(auto_id="medical-%s", initial={"date": contract.medical_exam_on,
                                                                   "certificate": contract.medical_exam_ref})
        if policy.can_record_medical(user, contract) else None,
        "mentor_form": AssignMentorForm(mentors=selectors.mentor_choices(contract),
                                        initial={"mentor": contract.mentor_id})
        if policy.can_assign_mentor(user, contract) and contract.status in (
            ContractStatus.DRAFT, ContractStatus.SIGNING, ContractStatus.SIGNED) else None,
        "assessment_form": AssessmentForm(auto_id="assessment-%s", outcomes=outcomes)
        if policy.can_assess(user, contract) else None,
        "final_form": FinalResultForm(auto_id="final-%s", initial={
            "date": final.date, "result": final.result, "grade": final.grade,
            "certificate_number": final.certificate_number, "comment": final.comment} if final else None)
        if policy.can_record_final_result(user, contract) else None,
        "return_form": ReturnForm(),
    }
    return render(request, "dual/logbook/trainee_detail.html", context)


def _contract_action(allowed, form_class, action, done):
    @login_required
    @require_POST
    def view(request, pk: int):
        contract = _contract(request, pk, allowed)
        kwargs = {}
        if form_class is AssignMentorForm:
            kwargs["mentors"] = Mentor.objects.all()
        if form_class is AssessmentForm:
            kwargs["outcomes"] = LearningOutcome.objects.all()
        form = form_class(request.POST, **kwargs)
        if not form.is_valid():
            _form_errors(request, form)
        else:
            try:
                action(request.user, contract, **form.cleaned_data)
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, done())
        return redirect("trainees-detail", pk=pk)

    return view


trainee_briefing = _contract_action(policy.can_record_briefing, BriefingForm, services.record_briefing,
                                    lambda: gettext("The safety briefing is recorded."))
trainee_medical = _contract_action(policy.can_record_medical, MedicalForm, services.record_medical,
                                   lambda: gettext("The medical examination is recorded."))
trainee_mentor = _contract_action(policy.can_assign_mentor, AssignMentorForm,
                                  lambda actor, c, mentor: services.assign_mentor(actor, c, mentor),
                                  lambda: gettext("The mentor is assigned."))
assessment_create = _contract_action(policy.can_assess, AssessmentForm, services.record_assessment,
                                     lambda: gettext("The assessment is recorded."))
final_result = _contract_action(policy.can_record_final_result, FinalResultForm, services.record_final_result,
                                lambda: gettext("The final result is recorded."))


@login_required
def logbook_export(request, pk: int, fmt: str):
    contract = _contract(request, pk, policy.can_view_trainee)
    if fmt not in ("xlsx", "csv"):
        raise Http404
    if not policy.is_own_student(request.user, contract):
        audit.log_read(request.user, contract.student)
    content, ctype = selectors.logbook_file(Contract.objects.filter(pk=contract.pk), fmt)
    response = HttpResponse(content, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="logbook-{contract.pk}.{fmt}"'
    return response


@login_required
def logbooks_export(request, fmt: str):
    """Every logbook of the trainees the user sees (the trainees page's filters apply)."""
    if not policy.can_export_logbooks(request.user) or fmt not in ("xlsx", "csv"):
        raise PermissionDenied if fmt in ("xlsx", "csv") else Http404
    params = {k: request.GET.get(k, "") for k in ("q", "group", "enterprise", "flagged", "behind", "status")}
    contracts = selectors.trainees(request.user, **params)
    content, ctype = selectors.logbook_file(Contract.objects.filter(pk__in=contracts.values("pk")), fmt,
                                            title=gettext("Logbooks"))
    audit.log("export", None, {"kind": [None, "logbooks"], "format": [None, fmt]}, actor=request.user,
              object_repr=f"logbooks.{fmt}")
    response = HttpResponse(content, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="kasip-logbooks.{fmt}"'
    return response


# --- the logbook -------------------------------------------------------------------------
def _entry_page(request, contract: Contract, entry: LogbookEntry | None):
    outcomes = selectors.outcomes_of(contract)
    if entry is None:
        initial = {"location": "enterprise"}
    else:
        initial = {"date": entry.date, "starts_at": entry.starts_at, "ends_at": entry.ends_at, "hours": entry.hours,
                   "location": entry.location, "tasks": entry.tasks, "outcomes": list(entry.outcomes.all())}
    form = EntryForm(request.POST or None, initial=initial, outcomes=outcomes)
    if request.method == "POST" and form.is_valid():
        try:
            if entry is None:
                services.create_entry(request.user, contract, **form.cleaned_data)
            else:
                services.update_entry(request.user, entry, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, gettext("The entry is saved and waits for the mentor's sign-off."))
            return redirect("trainees-detail", pk=contract.pk)
    return render(request, "dual/logbook/entry_form.html", {
        "contract": contract, "form": form, "entry": entry, "gate": services.gate_problem(contract)})


@login_required
def entry_create(request, pk: int):
    contract = _contract(request, pk, policy.can_write_entry)
    return _entry_page(request, contract, None)


@login_required
def entry_edit(request, pk: int):
    entry = get_object_or_404(LogbookEntry.objects.select_related("contract__student", "contract__mentor"), pk=pk)
    if not policy.can_edit_entry(request.user, entry):
        raise PermissionDenied
    if entry.status == EntryStatus.SIGNED:
        messages.error(request, gettext("The entry is signed off: it is final."))
        return redirect("trainees-detail", pk=entry.contract_id)
    contract = selectors.trainee(entry.contract_id)
    return _entry_page(request, contract, entry)


def _reviewed_entry(request, pk: int) -> LogbookEntry:
    entry = get_object_or_404(LogbookEntry.objects.select_related("contract__mentor"), pk=pk)
    if not policy.can_review_entry(request.user, entry):
        raise PermissionDenied
    return entry


@login_required
@require_POST
def entry_sign(request, pk: int):
    entry = _reviewed_entry(request, pk)
    try:
        services.sign_entry(request.user, entry)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, gettext("Entry of %(day)s signed off.") % {
            "day": date_format(entry.date, "SHORT_DATE_FORMAT")})
    return _back(request, f"/trainees/{entry.contract_id}/")


@login_required
@require_POST
def entry_return(request, pk: int):
    entry = _reviewed_entry(request, pk)
    try:
        services.return_entry(request.user, entry, request.POST.get("comment", ""))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, gettext("Entry of %(day)s returned to the trainee.") % {
            "day": date_format(entry.date, "SHORT_DATE_FORMAT")})
    return _back(request, f"/trainees/{entry.contract_id}/")


@login_required
def my_logbook(request):
    """The student's own logbook (the page of the latest contract); a mentor's own page."""
    user = request.user
    if policy.is_mentor(user):
        return redirect("mentor-home")
    if not policy.is_student(user):
        raise PermissionDenied
    contract = policy.trainees_scope(user, Contract.objects.all()).order_by("-starts_on", "-pk").first()
    if contract is None:
        return render(request, "dual/logbook/no_contract.html")
    return redirect("trainees-detail", pk=contract.pk)


# --- the mentor's own page ---------------------------------------------------------------
@login_required
def mentor_home(request):
    if not policy.can_view_mentor_page(request.user):
        raise PermissionDenied
    return render(request, "dual/logbook/mentor_home.html", {**selectors.mentor_page(request.user),
                                                             "return_form": ReturnForm()})


@login_required
@require_POST
def mentor_active(request, pk: int):
    """Deactivate or activate a mentor (refused with the reason while the mentor has trainees)."""
    mentor = get_object_or_404(Mentor, pk=pk)
    if not policy.can_edit_mentor(request.user, mentor):
        raise PermissionDenied
    active = request.POST.get("active") == "1"
    try:
        services.set_mentor_active(request.user, mentor, active)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, gettext("Activated.") if active else gettext("Deactivated."))
    return redirect("mentors-detail", pk=pk)
