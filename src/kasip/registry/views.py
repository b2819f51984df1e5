"""Registry pages: the colleges directory and its forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kasip.core.web import add_errors, is_htmx, paginate

from . import policy, selectors, services
from .forms import CollegeForm, StudentEventForm
from .models import College, Language, Ownership, Student


def college_list(request):
    params = {k: request.GET.get(k, "").strip() for k in ("q", "district", "ownership", "language")}
    include_inactive = request.GET.get("inactive") == "1"
    qs = selectors.colleges(request.user, include_inactive=include_inactive, **params)
    context = {
        "page": paginate(request, qs), **params, "inactive": include_inactive,
        "districts": selectors.districts(), "ownerships": Ownership.choices, "languages": Language.choices,
        "can_create": policy.can_create_college(request.user),
        "can_import": policy.can_import_colleges(request.user),
        "can_export": policy.can_export_colleges(request.user),
        "can_see_inactive": policy.can_see_inactive_colleges(request.user),
    }
    template = "registry/partials/college_rows.html" if is_htmx(request) else "registry/college_list.html"
    return render(request, template, context)


def college_detail(request, pk: int):
    college = get_object_or_404(College.objects.select_related("district", "district__region"), pk=pk)
    if not college.is_active and not policy.can_see_inactive_colleges(request.user) and not policy.can_edit_college(request.user, college):
        raise PermissionDenied
    return render(request, "registry/college_detail.html", {
        "college": college,
        "can_edit": policy.can_edit_college(request.user, college),
        "can_deactivate": policy.can_deactivate_college(request.user, college),
    })


@login_required
def college_create(request):
    if not policy.can_create_college(request.user):
        raise PermissionDenied
    form = CollegeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            college = services.create_college(request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("College added."))
            return redirect("college-detail", pk=college.pk)
    return render(request, "registry/college_form.html", {"form": form, "creating": True})


@login_required
def college_edit(request, pk: int):
    college = get_object_or_404(College, pk=pk)
    if not policy.can_edit_college(request.user, college):
        raise PermissionDenied
    form = CollegeForm(request.POST or None, instance=College.objects.get(pk=pk),
                       can_change_bin=policy.can_create_college(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_college(request.user, college, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("college-detail", pk=college.pk)
    return render(request, "registry/college_form.html", {"form": form, "college": college})


@login_required
@require_POST
def college_set_active(request, pk: int):
    college = get_object_or_404(College, pk=pk)
    active = request.POST.get("active") == "1"
    services.set_college_active(request.user, college, active)
    messages.success(request, _("The college is active again.") if active else _("The college was deactivated."))
    return redirect("college-detail", pk=pk)


@login_required
def student_event(request, pk: int):
    """Record an admission, transfer, leave, reinstatement or expulsion by a college order."""
    student = get_object_or_404(Student.objects.select_related("college", "group"), pk=pk)
    if not policy.can_edit_student(request.user, student):
        raise PermissionDenied
    form = StudentEventForm(request.POST or None, student=student)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_student_event(request.user, student, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The order is recorded."))
            return redirect("students-detail", pk=pk)
    return render(request, "registry/student_event.html", {"form": form, "student": student})
