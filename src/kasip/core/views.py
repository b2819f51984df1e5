"""Views of the platform: accounts, invitations, imports, jobs, exports, the audit log.

Thin: parse the request, ask the policy, call a service or a selector, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import audit, exports, policy, selectors, services
from .forms import ApiTokenForm, AuditFilterForm, ImportForm, InvitationForm, UserForm
from .imports import REGISTRY as IMPORTS
from .models import Job, Role, User
from .tabular import FileRejected, write_csv, write_xlsx
from .web import add_errors, is_htmx, paginate


# --- users ----------------------------------------------------------------------------
@login_required
def user_list(request):
    if not policy.can_manage_users(request.user):
        raise PermissionDenied
    q = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    page = paginate(request, selectors.users(request.user, q=q, role=role))
    context = {"page": page, "q": q, "role": role, "roles": Role.choices,
               "can_import": policy.can_manage_users(request.user)}
    template = "core/partials/user_rows.html" if is_htmx(request) else "core/user_list.html"
    return render(request, template, context)


@login_required
def user_detail(request, pk: int):
    target = get_object_or_404(User.objects.select_related("organisation"), pk=pk)
    if not policy.can_view_user(request.user, target):
        raise PermissionDenied
    audit.log_read(request.user, target)
    return render(request, "core/user_detail.html", {
        "target": target,
        "can_edit": policy.can_edit_user(request.user, target),
        "invitation_pending": target.invitations.filter(used_at__isnull=True).exists() and not target.has_usable_password(),
    })


@login_required
def user_create(request):
    if not policy.can_manage_users(request.user):
        raise PermissionDenied
    form = UserForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.create_user(
                request.user, role=data["role"], organisation=data["organisation"], email=data["email"],
                first_name=data["first_name"], last_name=data["last_name"], patronymic=data["patronymic"],
                iin=data["iin"], phone=data["phone"], language=data["language"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("role", str(exc))
        else:
            messages.success(request, _("Account created; an invitation was sent to %(email)s.") % {"email": user.email})
            return redirect("user-detail", pk=user.pk)
    return render(request, "core/user_form.html", {"form": form, "creating": True})


@login_required
def user_edit(request, pk: int):
    target = get_object_or_404(User, pk=pk)
    if not policy.can_edit_user(request.user, target):
        raise PermissionDenied
    form = UserForm(request.POST or None, instance=User.objects.get(pk=pk), actor=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "organisation" or policy.is_region_admin(request.user)}
        fields["username"] = fields.get("email", target.email)
        try:
            services.update_user(request.user, target, **fields)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("user-detail", pk=target.pk)
    return render(request, "core/user_form.html", {"form": form, "target": target})


@login_required
@require_POST
def user_invite(request, pk: int):
    target = get_object_or_404(User, pk=pk)
    services.resend_invitation(request.user, target)
    messages.success(request, _("A new invitation was sent to %(email)s.") % {"email": target.email})
    return redirect("user-detail", pk=pk)


# --- invitations ----------------------------------------------------------------------
def invitation(request, token: str):
    found = services.find_invitation(token)
    problem = None
    if found is None:
        problem = _("This invitation link is not valid.")
    elif found.used_at is not None:
        problem = _("This invitation link has already been used.")
    elif not found.is_usable:
        problem = _("This invitation link has expired; ask for a new one.")
    if problem:
        return render(request, "core/invitation_invalid.html", {"problem": problem}, status=410 if found else 404)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(token, form.cleaned_data["password1"])
        except ValidationError as exc:
            form.add_error("password1", exc.messages)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your password is set. Welcome to Kasip."))
            return redirect("home")
    return render(request, "core/invitation.html", {"form": form, "invited": found.user})


# --- profile and API tokens -----------------------------------------------------------
@login_required
def profile(request):
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = services.create_api_token(request.user, form.cleaned_data["name"])
        form = ApiTokenForm()
    return render(request, "core/profile.html", {
        "form": form, "new_key": new_key, "tokens": request.user.api_tokens.order_by("-created_at"),
    })


@login_required
@require_POST
def token_revoke(request, pk: int):
    services.revoke_api_token(request.user, pk)
    messages.success(request, _("The token was revoked."))
    return redirect("profile")


# --- imports and jobs -----------------------------------------------------------------
def _import_spec_or_404(kind: str):
    spec = IMPORTS.get(kind)
    if spec is None:
        raise Http404
    return spec


@login_required
def import_upload(request, kind: str):
    spec = _import_spec_or_404(kind)
    if not spec.can_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.start_import(request.user, kind, upload.name, upload.read(), form.cleaned_data["encoding"] or None)
        except FileRejected as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("job-detail", pk=job.pk)
    return render(request, "core/import_upload.html", {"form": form, "spec": spec, "kind": kind})


@login_required
def import_template(request, kind: str, fmt: str):
    spec = _import_spec_or_404(kind)
    if not spec.can_import(request.user):
        raise PermissionDenied
    headers = spec.template_headers()
    if fmt == "xlsx":
        content, ctype = write_xlsx(headers, []), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "csv":
        content, ctype = write_csv(headers, []), "text/csv; charset=utf-8"
    else:
        raise Http404
    response = HttpResponse(content, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="kasip-{kind}-template.{fmt}"'
    return response


@login_required
def job_list(request):
    return render(request, "core/job_list.html", {"page": paginate(request, selectors.jobs(request.user))})


def _job_or_403(request, pk: int) -> Job:
    job = get_object_or_404(Job.objects.select_related("created_by"), pk=pk)
    if not policy.can_view_job(request.user, job):
        raise PermissionDenied
    return job


@login_required
def job_detail(request, pk: int):
    job = _job_or_403(request, pk)
    return render(request, "core/job_detail.html", {"job": job})


@login_required
def job_status(request, pk: int):
    job = _job_or_403(request, pk)
    response = render(request, "core/partials/job_status.html", {"job": job})
    if job.is_finished and is_htmx(request):
        response["HX-Refresh"] = "false"
    return response


@login_required
def job_report(request, pk: int, fmt: str):
    job = _job_or_403(request, pk)
    headers = [_("Row"), _("Column"), _("Reason")]
    rows = [[e["row"], e["column"], e["message"]] for e in job.report]
    if fmt == "csv":
        content, ctype = write_csv(headers, rows), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        content, ctype = write_xlsx(headers, rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404
    response = HttpResponse(content, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="kasip-job-{job.pk}-errors.{fmt}"'
    return response


# --- exports --------------------------------------------------------------------------
def export_list(request, kind: str, fmt: str):
    try:
        content, ctype, filename = exports.export(kind, fmt, request.user)
    except LookupError as exc:
        raise Http404 from exc
    except PermissionDenied:
        if not request.user.is_authenticated:
            return redirect(f"{_login_url()}?next={request.path}")
        raise
    response = HttpResponse(content, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _login_url() -> str:
    from django.urls import reverse

    return reverse("login")


# --- audit log ------------------------------------------------------------------------
@login_required
def audit_log(request):
    if not policy.can_view_audit(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.audit_entries(**{k: v for k, v in filters.items() if v})
    page = paginate(request, entries.select_related(None))
    template = "core/partials/audit_rows.html" if is_htmx(request) else "core/audit_log.html"
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, template, {"form": form, "page": page, "query": query.urlencode()})
