"""The import framework: one code path for the web, the API and the CLI.

A file is read (tabular.py), its headers are mapped to a spec's columns, every row is
validated, and only when no row is bad are the rows written, in one transaction. A bad file
gets a report of every bad row (row number, column, reason) and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from .tabular import FileRejected, Table, normalise_header, read_table

ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy translation
    aliases: tuple[str, ...] = ()
    required: bool = True


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": str(self.message)}


class RowInvalid(Exception):
    """Raised by a spec's row validator; carries one or more (column, message) pairs."""

    def __init__(self, *problems: tuple[str, str]):
        super().__init__(problems)
        self.problems = list(problems)


@dataclass
class ImportResult:
    ok: bool
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    file_error: str = ""
    encoding: str = ""
    ignored_columns: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "kind": self.kind,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "file_error": self.file_error,
            "encoding": self.encoding,
            "ignored_columns": self.ignored_columns,
            "error_count": len(self.errors),
        }


class ImportSpec:
    """What one kind of import reads and how it writes. Subclasses set the columns."""

    kind: str = ""
    title: object = ""
    columns: tuple[Column, ...] = ()

    def can_import(self, user) -> bool:
        raise NotImplementedError

    def start(self, actor) -> dict:
        """Load what validation needs (lookups of codes) once; returned dict is the context."""
        return {}

    def validate_row(self, values: dict[str, str], context: dict, actor):
        """Return a prepared item for the row or raise RowInvalid."""
        raise NotImplementedError

    def unique_keys(self, item) -> list[tuple[str, str]]:
        """(column, value) pairs that must not repeat within one file."""
        return []

    def save(self, items: list, actor) -> tuple[int, int]:
        """Write the prepared items (inside the import's transaction); return created, updated.
        By default row by row; specs with many rows override it with bulk writes."""
        return save_each(items, actor)

    def after_commit(self, items: list, actor) -> None:
        """Side effects once the rows are stored (e-mails)."""

    def column_label(self, key: str) -> str:
        for column in self.columns:
            if column.key == key:
                return str(column.label)
        return key

    def header_map(self, headers: list[str]) -> tuple[dict[int, str], list[str]]:
        lookup: dict[str, str] = {}
        for column in self.columns:
            labels = []
            for language in ("ru", "kk", "en"):  # a template made in one language imports in any
                with translation.override(language):
                    labels.append(str(column.label))
            for alias in (column.key, *labels, *column.aliases):
                lookup[normalise_header(alias)] = column.key
        mapping: dict[int, str] = {}
        ignored = []
        for index, header in enumerate(headers):
            key = lookup.get(normalise_header(header))
            if key and key not in mapping.values():
                mapping[index] = key
            elif header.strip():
                ignored.append(header.strip())
        return mapping, ignored

    def template_headers(self) -> list[str]:
        return [str(c.label) for c in self.columns]


# --- cell parsers shared by the import specs ---------------------------------------------
YES = {"1", "да", "д", "yes", "y", "true", "иә", "ия", "+", "есть", "бар"}
NO = {"", "0", "нет", "н", "no", "n", "false", "жоқ", "-"}


def parse_bool(text: str, yes: set[str] | frozenset = frozenset(), no: set[str] | frozenset = frozenset()) -> bool | None:
    """yes/no in any of the three languages (plus a spec's own words); None when it is neither."""
    value = normalise_header(text)
    if value in YES or value in yes:
        return True
    if value in NO or value in no:
        return False
    return None


def parse_date(text: str) -> dt.date | None:
    """31.12.2025, 2025-12-31, 31/12/2025, 31-12-2025 or an XLSX date; None when it is not a date."""
    text = (text or "").strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def parse_int(text: str, low: int = 0, high: int = 10**9) -> int | None:
    """A whole number within [low, high] (spaces as thousands separators allowed), else None."""
    text = (text or "").replace(" ", "").replace("\u00a0", "")
    if not re.fullmatch(r"\d+", text):
        return None
    value = int(text)
    return value if low <= value <= high else None


class Problems(list):
    """The (column, message) problems of one row; check() raises them together."""

    def need(self, values: dict, key: str) -> bool:
        if not values[key]:
            self.append((key, _("This value is required.")))
            return False
        return True

    def check(self) -> None:
        if self:
            raise RowInvalid(*self)


def save_each(items: list, actor) -> tuple[int, int]:
    """Save row by row (signals, multi-table models); returns (created, updated)."""
    from . import audit

    created = sum(1 for obj in items if obj.pk is None)
    with audit.acting_as(actor):
        for obj in items:
            obj.save()
    return created, len(items) - created


REGISTRY: dict[str, ImportSpec] = {}


def register(spec: ImportSpec) -> ImportSpec:
    REGISTRY[spec.kind] = spec
    return spec


def get_spec(kind: str) -> ImportSpec:
    try:
        return REGISTRY[kind]
    except KeyError:
        raise FileRejected(
            _("Unknown import kind “%(kind)s”; known kinds: %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(sorted(REGISTRY))}
        ) from None


def run_import(
    kind: str,
    data: bytes,
    filename: str,
    actor,
    encoding: str | None = None,
    progress: ProgressFn | None = None,
) -> ImportResult:
    spec = get_spec(kind)
    result = ImportResult(ok=False, kind=kind)
    if actor is not None and not spec.can_import(actor):
        result.file_error = _("You may not import this kind of data.")
        return result
    try:
        table: Table = read_table(data, filename, encoding, max_bytes=settings.KASIP_IMPORT_MAX_BYTES)
    except FileRejected as exc:
        result.file_error = str(exc)
        return result
    result.encoding = table.encoding
    result.rows = len(table.rows)
    if len(table.rows) > settings.KASIP_IMPORT_MAX_ROWS:
        result.file_error = _("The file has %(rows)s rows; the limit is %(limit)s.") % {
            "rows": len(table.rows),
            "limit": settings.KASIP_IMPORT_MAX_ROWS,
        }
        return result
    if not table.rows:
        result.file_error = _("The file has a header row but no data rows.")
        return result
    mapping, ignored = spec.header_map(table.headers)
    result.ignored_columns = ignored
    missing = [c for c in spec.columns if c.required and c.key not in mapping.values()]
    if missing:
        result.file_error = _("Required columns are missing: %(columns)s.") % {
            "columns": ", ".join(str(c.label) for c in missing)
        }
        return result

    context = spec.start(actor)
    items = []
    seen: dict[tuple[str, str], int] = {}
    max_cell = settings.KASIP_IMPORT_MAX_CELL
    total = len(table.rows)
    step = max(1, total // 100)
    for index, raw in enumerate(table.rows):
        row_number = index + 2
        values = {key: "" for key in (c.key for c in spec.columns)}
        too_long, bad_chars = [], []
        for col_index, key in mapping.items():
            cell = raw[col_index].strip() if col_index < len(raw) else ""
            if len(cell) > max_cell:
                too_long.append(key)
            if "\x00" in cell:
                bad_chars.append(key)
            values[key] = cell
        try:
            if too_long or bad_chars:
                raise RowInvalid(
                    *[(k, _("The value is longer than %(limit)s characters.") % {"limit": max_cell}) for k in too_long],
                    *[(k, _("The value contains a NUL character.")) for k in bad_chars],
                )
            item = spec.validate_row(values, context, actor)
        except RowInvalid as exc:
            for column, message in exc.problems:
                result.errors.append(RowError(row_number, spec.column_label(column), str(message)))
        else:
            duplicate = False
            for column, value in spec.unique_keys(item):
                key = (column, value)
                if key in seen:
                    duplicate = True
                    result.errors.append(
                        RowError(
                            row_number,
                            spec.column_label(column),
                            _("“%(value)s” repeats row %(row)s of this file.") % {"value": value, "row": seen[key]},
                        )
                    )
                else:
                    seen[key] = row_number
            if not duplicate:
                items.append(item)
        if progress and (index % step == 0 or index == total - 1):
            progress(index + 1, total)
    if result.errors:
        return result
    try:
        with transaction.atomic():
            result.created, result.updated = spec.save(items, actor)
    except RowInvalid as exc:  # a conflict found only while writing: nothing is written
        for column, message in exc.problems:
            result.errors.append(RowError(0, spec.column_label(column), str(message)))
        return result
    except IntegrityError as exc:
        result.file_error = _("The rows conflict with data already stored: %(error)s") % {"error": exc}
        return result
    result.ok = True
    spec.after_commit(items, actor)
    return result
