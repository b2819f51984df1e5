"""Export of lists to XLSX and CSV; the same columns as the imports so files round-trip."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from . import audit, policy
from .tabular import write_csv, write_xlsx


@dataclass
class ExportSpec:
    kind: str
    title: object
    can_export: Callable
    headers: Callable[[], list[str]]
    rows: Callable[[object], Iterable[list]]


REGISTRY: dict[str, ExportSpec] = {}
FORMATS = ("xlsx", "csv")


def register(spec: ExportSpec) -> ExportSpec:
    REGISTRY[spec.kind] = spec
    return spec


def export(kind: str, fmt: str, actor) -> tuple[bytes, str, str]:
    """Return (content, content type, file name); refused when the policy says no."""
    spec = REGISTRY.get(kind)
    if spec is None:
        raise LookupError(_("Unknown export kind “%(kind)s”.") % {"kind": kind})
    if fmt not in FORMATS:
        raise LookupError(_("Unknown format “%(fmt)s”; use xlsx or csv.") % {"fmt": fmt})
    if not spec.can_export(actor):
        raise PermissionDenied(_("You may not export this list."))
    headers = [str(h) for h in spec.headers()]
    rows = spec.rows(actor)
    if fmt == "xlsx":
        content = write_xlsx(headers, rows, title=str(spec.title))
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = write_csv(headers, rows)
        ctype = "text/csv; charset=utf-8"
    if actor is not None and getattr(actor, "is_authenticated", False):
        audit.log("export", None, {"kind": [None, kind], "format": [None, fmt]}, actor=actor, object_repr=f"{kind}.{fmt}")
    return content, ctype, f"kasip-{kind}.{fmt}"


def _user_headers():
    from .importers import UserImport

    return UserImport().template_headers()


def _user_rows(actor):
    from .selectors import users

    for u in users(actor).iterator(chunk_size=2000):
        yield [u.email, u.last_name, u.first_name, u.patronymic, u.role,
               u.organisation.bin if u.organisation else "", u.iin or "", u.phone, u.language]


register(ExportSpec("users", "Users", policy.can_manage_users, _user_headers, _user_rows))
