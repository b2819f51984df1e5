"""Generic pages for a registry entity: list (search, filters, pagination, htmx), detail,
create, edit, deactivate — one implementation, configured per entity.

An Entity says which model, which selector (scoped by the policy), which filters and columns,
which form, which policy functions and which services. The views stay thin: they parse, ask
the policy, call the service, render.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import audit
from .web import add_errors, is_htmx, paginate


@dataclass
class Filter:
    name: str
    label: object
    choices: Callable[[object], list[tuple[str, str]]] | None = None  # None: a text box
    apply: Callable | None = None  # (queryset, value) -> queryset; default: field=value


@dataclass
class Column:
    label: object
    value: Callable[[object], object]
    link: bool = False
    numeric: bool = False


def always(*_args) -> bool:
    return True


def never(*_args) -> bool:
    return False


@dataclass
class Entity:
    slug: str
    model: type
    title: object
    title_one: object
    selector: Callable  # (user, q, **filters) -> QuerySet, scoped by the policy
    columns: list[Column]
    detail: Callable  # (obj, user) -> list[(label, value)]
    form_class: type | None = None
    filters: list[Filter] = field(default_factory=list)
    can_list: Callable = always
    can_view: Callable = always  # (user, obj)
    can_create: Callable = never  # (user)
    can_edit: Callable = never  # (user, obj)
    can_deactivate: Callable = never  # (user, obj)
    create: Callable | None = None  # (actor, **cleaned_data) -> obj
    update: Callable | None = None  # (actor, obj, **cleaned_data) -> obj
    set_active: Callable | None = None  # (actor, obj, bool) -> obj
    import_kind: str = ""
    can_import: Callable = never
    export_kind: str = ""
    can_export: Callable = never
    audit_reads: bool = False  # personal records: every staff read is logged
    search_hint: object = ""
    login_required: bool = True
    related: Callable | None = None  # (obj, user) -> list of (title, [(label, url)])

    def get(self, pk: int):
        return get_object_or_404(self.model, pk=pk)


def _params(entity: Entity, request) -> dict:
    return {f.name: request.GET.get(f.name, "").strip() for f in entity.filters}


def list_view(entity: Entity):
    def view(request):
        if entity.login_required and not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        if not entity.can_list(request.user):
            raise PermissionDenied
        q = request.GET.get("q", "").strip()
        params = _params(entity, request)
        page = paginate(request, entity.selector(request.user, q=q, **params))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "entity": entity, "page": page, "q": q, "params": params, "query": query.urlencode(),
            "filters": [(f, f.choices(request.user) if f.choices else None, params[f.name]) for f in entity.filters],
            "rows": [(obj, [(c, c.value(obj)) for c in entity.columns]) for obj in page],
            "can_create": entity.can_create(request.user),
            "can_import": bool(entity.import_kind) and entity.can_import(request.user),
            "can_export": bool(entity.export_kind) and entity.can_export(request.user),
        }
        template = "core/partials/entity_rows.html" if is_htmx(request) else "core/entity_list.html"
        return render(request, template, context)

    return view


def detail_view(entity: Entity):
    def view(request, pk: int):
        if entity.login_required and not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        obj = entity.get(pk)
        if not entity.can_view(request.user, obj):
            raise PermissionDenied
        if entity.audit_reads:
            audit.log_read(request.user, obj)
        return render(request, "core/entity_detail.html", {
            "entity": entity, "obj": obj, "fields": entity.detail(obj, request.user),
            "related": entity.related(obj, request.user) if entity.related else [],
            "can_edit": entity.can_edit(request.user, obj),
            "can_deactivate": entity.can_deactivate(request.user, obj) and hasattr(obj, "is_active"),
        })

    return view


def create_view(entity: Entity):
    @login_required
    def view(request):
        if not entity.can_create(request.user):
            raise PermissionDenied
        form = entity.form_class(request.POST or None, request.FILES or None, actor=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                obj = entity.create(request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(f"{entity.slug}-detail", pk=obj.pk)
        return render(request, "core/entity_form.html", {"entity": entity, "form": form, "creating": True})

    return view


def edit_view(entity: Entity):
    @login_required
    def view(request, pk: int):
        obj = entity.get(pk)
        if not entity.can_edit(request.user, obj):
            raise PermissionDenied
        form = entity.form_class(request.POST or None, request.FILES or None, instance=entity.model.objects.get(pk=pk),
                                 actor=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                entity.update(request.user, obj, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Changes saved."))
                return redirect(f"{entity.slug}-detail", pk=obj.pk)
        return render(request, "core/entity_form.html", {"entity": entity, "form": form, "obj": obj})

    return view


def active_view(entity: Entity):
    @login_required
    @require_POST
    def view(request, pk: int):
        obj = entity.get(pk)
        if not entity.can_deactivate(request.user, obj):
            raise PermissionDenied
        active = request.POST.get("active") == "1"
        entity.set_active(request.user, obj, active)
        messages.success(request, _("Activated.") if active else _("Deactivated."))
        return redirect(f"{entity.slug}-detail", pk=pk)

    return view


def urls(entity: Entity) -> list:
    patterns = [
        path(f"{entity.slug}/", list_view(entity), name=entity.slug),
        path(f"{entity.slug}/<int:pk>/", detail_view(entity), name=f"{entity.slug}-detail"),
    ]
    if entity.form_class is not None:
        patterns += [
            path(f"{entity.slug}/new/", create_view(entity), name=f"{entity.slug}-create"),
            path(f"{entity.slug}/<int:pk>/edit/", edit_view(entity), name=f"{entity.slug}-edit"),
        ]
    if entity.set_active is not None:
        patterns.append(path(f"{entity.slug}/<int:pk>/active/", active_view(entity), name=f"{entity.slug}-active"))
    return patterns
