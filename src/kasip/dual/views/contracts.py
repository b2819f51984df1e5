"""Pages of tripartite contracts (list, detail with the status per party, edit of a draft, the PDF, signing by
uploaded scan or ЭЦП, the signed scans), of accepting a placement and placing a whole group, and of the
orders. Thin: parse, ask the policy, call the service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kasip.core import audit
from kasip.core.web import add_errors, paginate
from kasip.partners.models import DOCUMENT_CONTENT_TYPES, sniff_document

from .. import documents, policy, selectors, services
from ..forms_contracts import (
    ContractForm,
    EcpForm,
    GroupPlacementForm,
    OrderForm,
    PeriodFormSet,
    ScanForm,
    TerminateForm,
)
from ..models import Contract, ContractStatus, OrderKind, Party, Placement, Signature, TrainingOrder

__all__ = [
    "contract_accept", "contract_complete", "contract_detail", "contract_document", "contract_edit", "contract_list",
    "contract_pdf", "contract_send", "contract_sign_ecp", "contract_sign_scan", "contract_terminate",
    "group_placement", "order_create", "order_detail", "order_list", "order_pdf", "signature_scan",
]

FILTERS = ("q", "status", "origin", "college", "enterprise", "group", "year")


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _contract(request, pk: int, allowed=policy.can_view_contract) -> Contract:
    contract = selectors.contract(pk)
    if contract is None:
        raise Http404
    if not allowed(request.user, contract):
        raise PermissionDenied
    return contract


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _file_name(prefix: str, number: str, pk: int) -> str:
    return f"{prefix}-{slugify(number) or pk}.pdf"


# --- contracts ---------------------------------------------------------------------------------
@require_GET
@login_required
def contract_list(request):
    user = request.user
    if not policy.can_list_contracts(user):
        raise PermissionDenied
    params = {k: request.GET.get(k, "").strip()[:100] for k in FILTERS}
    page = paginate(request, selectors.contracts(user, **params))
    query = request.GET.copy()
    query.pop("page", None)
    record = policy.student_record(user)
    offers = list(selectors.acceptable_placements(user, student=record)) if record is not None else (
        list(selectors.acceptable_placements(user)[:200]) if policy.is_college_staff(user)
        or policy.is_region_admin(user) else [])
    return render(request, "dual/contracts/list.html", {
        "page": page, "params": params, "query": query.urlencode(), "offers": offers,
        "statuses": selectors.contract_status_choices(), "origins": selectors.origin_choices(),
        "colleges": selectors.college_choices(user) if policy.is_region_admin(user) else [],
        "can_place_group": policy.can_place_group(user), "can_export": policy.can_export_contracts(user),
        "can_list_orders": policy.can_list_orders(user),
    })


@require_GET
@login_required
def contract_detail(request, pk: int):
    contract = _contract(request, pk)
    user = request.user
    if policy.reads_personal_record(user, contract):
        audit.log_read(user, contract)
    signatures = {s.party: s for s in contract.signatures.all()}
    required = services.required_parties(contract)
    parties = [(p, str(Party(p).label), signatures.get(p), p in required) for p in services.allowed_parties(contract)]
    signing = contract.status == ContractStatus.SIGNING
    mine = [p for p in policy.signable_parties(user, contract) if p in services.allowed_parties(contract)
            and p not in signatures] if signing else []
    can_manage = policy.can_manage_contract(user, contract)
    return render(request, "dual/contracts/detail.html", {
        "c": contract, "periods": list(contract.periods.all()), "parties": parties,
        "sign_parties": [(p, str(Party(p).label)) for p in mine],
        "can_edit": policy.can_edit_contract(user, contract) and contract.status == ContractStatus.DRAFT,
        "can_send": can_manage and contract.status == ContractStatus.DRAFT,
        "can_complete": can_manage and contract.status == ContractStatus.SIGNED,
        "can_terminate": can_manage and policy.contract_is_open(contract),
        "can_download_scans": policy.can_download_scans(user, contract),
        "problems": services.content_errors(contract, complete=True) if contract.status == ContractStatus.DRAFT
        else {},
        "scan_form": ScanForm(), "terminate_form": TerminateForm(),
        "orders": list(contract.orders.order_by("-date")) if policy.can_list_orders(user) else [],
    })


@login_required
def contract_edit(request, pk: int):
    contract = _contract(request, pk, policy.can_edit_contract)
    if contract.status != ContractStatus.DRAFT:
        messages.error(request, gettext("Only a draft changes; this contract is %(status)s.") % {
            "status": contract.get_status_display()})
        return redirect("contracts-detail", pk=pk)
    initial_periods = [{"kind": p.kind, "starts_on": p.starts_on, "ends_on": p.ends_on} for p in contract.periods.all()]
    form = ContractForm(request.POST or None, contract=contract)
    periods = PeriodFormSet(request.POST or None, initial=initial_periods, prefix="periods")
    if request.method == "POST" and form.is_valid() and periods.is_valid():
        rows = [(cd["kind"], cd["starts_on"], cd["ends_on"]) for cd in periods.cleaned_data
                if cd and not cd.get("DELETE")]
        try:
            services.update_contract(request.user, contract, periods=rows, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
            if hasattr(exc, "error_dict") and "periods" in exc.error_dict:
                for message in exc.message_dict["periods"]:
                    form.add_error(None, message)
        else:
            messages.success(request, gettext("Changes saved."))
            return redirect("contracts-detail", pk=pk)
    return render(request, "dual/contracts/edit.html", {"c": contract, "form": form, "periods": periods})


def _contract_action(action, allowed, done_message):
    @login_required
    @require_POST
    def view(request, pk: int):
        contract = _contract(request, pk, allowed)
        try:
            action(request, contract)
        except ValidationError as exc:
            _errors(request, exc)
        except PermissionDenied as exc:
            messages.error(request, str(exc) or gettext("You may not do this."))
        else:
            messages.success(request, done_message())
        return redirect("contracts-detail", pk=pk)

    return view


def _terminate(request, contract):
    form = TerminateForm(request.POST)
    reason = form.data.get("reason", "") if not form.is_valid() else form.cleaned_data["reason"]
    services.terminate_contract(request.user, contract, reason)


def _sign_scan(request, contract):
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        raise ValidationError([f"{form.fields[k].label}: {' '.join(v)}" if k in form.fields else " ".join(v)
                               for k, v in form.errors.items()])
    services.sign_with_scan(request.user, contract, form.cleaned_data["party"], form.cleaned_data["scan"],
                            form.cleaned_data["signer_name"])


def _sign_ecp(request, contract):
    form = EcpForm(request.POST)
    if not form.is_valid():
        raise ValidationError(gettext("The signature from NCALayer did not arrive; sign again."))
    services.sign_with_ecp(request.user, contract, form.cleaned_data["party"], form.cleaned_data["cms"])


contract_send = _contract_action(lambda r, c: services.send_for_signature(r.user, c), policy.can_manage_contract,
                                 lambda: gettext("The contract is sent for signature."))
contract_complete = _contract_action(lambda r, c: services.complete_contract(r.user, c), policy.can_manage_contract,
                                     lambda: gettext("The contract is completed."))
contract_terminate = _contract_action(_terminate, policy.can_manage_contract,
                                      lambda: gettext("The contract is terminated."))
contract_sign_scan = _contract_action(_sign_scan, policy.can_sign_any, lambda: gettext("The signature is recorded."))
contract_sign_ecp = _contract_action(_sign_ecp, policy.can_sign_any, lambda: gettext("The signature is recorded."))


@never_cache
@require_GET
@login_required
def contract_pdf(request, pk: int):
    """The bilingual contract with each party's status."""
    contract = _contract(request, pk)
    if policy.reads_personal_record(request.user, contract):
        audit.log_read(request.user, contract)
    return _pdf(documents.contract_pdf(contract), _file_name("contract", contract.number, contract.pk))


@never_cache
@require_GET
@login_required
def contract_document(request, pk: int):
    """The copy to sign (blank signature lines): what NCALayer signs and what is printed for a signed scan."""
    contract = _contract(request, pk)
    if policy.reads_personal_record(request.user, contract):
        audit.log_read(request.user, contract)
    return _pdf(services.signing_document(contract), _file_name("contract-to-sign", contract.number, contract.pk))


@never_cache
@require_GET
@login_required
def signature_scan(request, pk: int):
    """Stream a signed scan to whoever may read the contract (not mentors); the file has no public URL."""
    signature = get_object_or_404(Signature.objects.select_related("contract__student", "contract__mentor"), pk=pk)
    if not policy.can_download_scan(request.user, signature):
        raise PermissionDenied
    if not signature.scan:
        raise Http404
    try:
        handle = signature.scan.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    kind = sniff_document(handle.read(16)) or "pdf"
    handle.seek(0)
    audit.log_read(request.user, signature)
    response = FileResponse(handle, as_attachment=True,
                            filename=f"contract-{slugify(signature.contract.number) or signature.contract_id}-"
                                     f"{signature.party}.{kind}",
                            content_type=DOCUMENT_CONTENT_TYPES.get(kind, "application/octet-stream"))
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def contract_accept(request, placement_id: int):
    placement = get_object_or_404(Placement.objects.select_related("student"), pk=placement_id)
    if not policy.can_accept_placement(request.user, placement):
        raise PermissionDenied
    try:
        contract = services.accept_placement(request.user, placement)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("contracts")
    messages.success(request, gettext("The place is accepted: contract № %(number)s is drafted.") % {
        "number": contract.number})
    return redirect("contracts-detail", pk=contract.pk)


@login_required
def group_placement(request):
    user = request.user
    if not policy.can_place_group(user):
        raise PermissionDenied
    initial = {}
    if request.method == "GET" and request.GET.get("agreement", "").isdigit():
        initial["agreement"] = request.GET["agreement"][:18]
    form = GroupPlacementForm(request.POST or None, actor=user, initial=initial)
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.place_group(
                user, agreement=data["agreement"], group=data["group"], site=data["site"],
                starts_on=data["starts_on"], ends_on=data["ends_on"], monthly_payment=data["monthly_payment"],
                payment_reason=data["payment_reason"], enterprise_hours=data["enterprise_hours"],
                insurance=data["insurance"], work_obligation_months=data["work_obligation_months"] or 0,
                mentor=data["mentor"], practice_hours=data["practice_hours"])
        except ValidationError as exc:
            add_errors(form, exc)
            if hasattr(exc, "error_dict") and "students" in exc.error_dict:
                for message in exc.message_dict["students"]:
                    form.add_error(None, message)
        else:
            messages.success(request, gettext("%(n)s contracts drafted for the group %(group)s.") % {
                "n": len(result.created), "group": data["group"].code})
            for _student, reason in result.skipped:
                messages.info(request, reason)
            return redirect(f"{_contracts_url()}?group={data['group'].code}")
    return render(request, "dual/contracts/group.html", {"form": form})


def _contracts_url() -> str:
    from django.urls import reverse

    return reverse("contracts")


# --- orders --------------------------------------------------------------------------------------
@require_GET
@login_required
def order_list(request):
    user = request.user
    if not policy.can_list_orders(user):
        raise PermissionDenied
    q, kind = request.GET.get("q", "").strip()[:100], request.GET.get("kind", "").strip()[:10]
    page = paginate(request, selectors.orders(user, q=q, kind=kind))
    return render(request, "dual/contracts/orders.html", {
        "page": page, "q": q, "kind": kind, "kinds": OrderKind.choices,
        "can_create": policy.can_create_order(user)})


@login_required
def order_create(request):
    user = request.user
    if not policy.can_create_order(user):
        raise PermissionDenied
    initial = {}
    ids = [i for i in request.GET.getlist("contract") if i.isdigit() and len(i) <= 18]
    if ids:
        initial["contracts"] = ids
    form = OrderForm(request.POST or None, actor=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = services.create_order(user, kind=data["kind"], number=data["number"], date=data["date"],
                                          contracts=list(data["contracts"]))
        except ValidationError as exc:
            add_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, gettext("The order is saved; its PDF is ready."))
            return redirect("orders-detail", pk=order.pk)
    return render(request, "dual/contracts/order_form.html", {"form": form})


def _order(request, pk: int) -> TrainingOrder:
    order = selectors.order(pk)
    if order is None:
        raise Http404
    if not policy.can_view_order(request.user, order):
        raise PermissionDenied
    return order


@require_GET
@login_required
def order_detail(request, pk: int):
    order = _order(request, pk)
    return render(request, "dual/contracts/order_detail.html", {"order": order,
                                                                "contracts": list(order.contracts.all())})


@never_cache
@require_GET
@login_required
def order_pdf(request, pk: int):
    order = _order(request, pk)
    return _pdf(documents.order_pdf(order), _file_name("order", order.number, order.pk))
