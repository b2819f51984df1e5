"""Writing many rows fast: PostgreSQL's COPY, SQLite's executemany, with the models' defaults filled in.

Used where rows come by the hundred thousand (the national demo set, vacancy files); the caller validates
the rows first, since nothing here runs a model's validation or signals."""

from __future__ import annotations

import datetime as dt
import json

from django.db import connection
from django.utils import timezone


class RawWriter:
    """Writes rows by COPY (PostgreSQL) or executemany (SQLite), with primary keys reserved up front."""

    def __init__(self):
        self.pg = connection.vendor == "postgresql"
        self.now = timezone.now()
        self._plans: dict[type, tuple] = {}

    def reserve_ids(self, model, count: int) -> list[int]:
        if count <= 0:
            return []
        table = model._meta.db_table
        with connection.cursor() as cursor:
            if self.pg:
                cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                               [table, count])
                return [row[0] for row in cursor.fetchall()]
            cursor.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{table}"')
            start = cursor.fetchone()[0]
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            start = max(start, row[0] if row else 0) + 1
        return list(range(start, start + count))

    def _plan(self, model):
        plan = self._plans.get(model)
        if plan is None:
            fields = list(model._meta.local_concrete_fields)
            attnames = [f.attname for f in fields]
            defaults = {}
            for f in fields:
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                    defaults[f.attname] = self.now
                else:
                    defaults[f.attname] = f.get_default()  # "" for blank text fields, None where nullable
            converters = []
            if not self.pg:
                ops = connection.ops
                for f in fields:
                    internal = f.get_internal_type()
                    if internal == "DateTimeField":
                        converters.append(lambda v: ops.adapt_datetimefield_value(v) if v is not None else None)
                    elif internal == "DateField":
                        converters.append(lambda v: v.isoformat() if v is not None else None)
                    else:
                        converters.append(None)
            plan = (model._meta.db_table, [f.column for f in fields], attnames, defaults, converters)
            self._plans[model] = plan
        return plan

    def insert(self, model, rows: list[dict]) -> int:
        if not rows:
            return 0
        table, columns, attnames, defaults, converters = self._plan(model)
        pk = model._meta.pk.attname
        if pk in attnames and pk not in rows[0]:  # let the database number the rows
            keep = [i for i, a in enumerate(attnames) if a != pk]
            columns, attnames = [columns[i] for i in keep], [attnames[i] for i in keep]
            converters = [converters[i] for i in keep] if converters else converters
        values = ([row.get(a, defaults[a]) for a in attnames] for row in rows)
        column_list = ", ".join(f'"{c}"' for c in columns)
        with connection.cursor() as cursor:
            if self.pg:
                with cursor.cursor.copy(f'COPY "{table}" ({column_list}) FROM STDIN') as copy:
                    for value in values:
                        copy.write_row(value)
            else:
                if any(converters):
                    pairs = [(i, c) for i, c in enumerate(converters) if c]

                    def convert(value):
                        for i, c in pairs:
                            value[i] = c(value[i])
                        return value

                    values = (convert(v) for v in values)
                placeholders = ", ".join(["%s"] * len(columns))
                cursor.executemany(f'INSERT INTO "{table}" ({column_list}) VALUES ({placeholders})', list(values))
        return len(rows)

    def insert_frame(self, model, frame, chunk: int = 100_000) -> int:
        """Insert the rows of a polars DataFrame whose columns are ``model``'s attribute names; the model's
        other fields take their defaults. PostgreSQL gets the rows as CSV through COPY, SQLite through
        executemany, ``chunk`` rows at a time, so that memory stays flat."""
        import polars as pl

        if frame.height == 0:
            return 0
        table, columns, attnames, defaults, _converters = self._plan(model)
        pk = model._meta.pk.attname
        present = set(frame.columns)
        fill = []
        for attname in attnames:
            if attname == pk or attname in present:
                continue
            default = defaults[attname]  # a callable default (timezone.now) is called once for all the rows
            if isinstance(default, (dict, list)):
                default = json.dumps(default)
            elif isinstance(default, dt.datetime):
                default = default.isoformat() if self.pg else connection.ops.adapt_datetimefield_value(default)
            elif isinstance(default, dt.date):
                default = default.isoformat()
            fill.append(pl.lit(default).alias(attname))
        order = [a for a in attnames if a != pk and (a in present or any(e.meta.output_name() == a for e in fill))]
        frame = frame.with_columns(fill).select(order)
        column_list = ", ".join(f'"{columns[attnames.index(a)]}"' for a in order)
        with connection.cursor() as cursor:
            for start in range(0, frame.height, chunk):
                part = frame.slice(start, chunk)
                if self.pg:
                    payload = part.write_csv(include_header=False, quote_style="non_numeric").encode("utf-8")
                    with cursor.cursor.copy(f'COPY "{table}" ({column_list}) FROM STDIN WITH (FORMAT csv)') as copy:
                        copy.write(payload)
                else:
                    if any(dtype == pl.Date for dtype in part.dtypes):
                        part = part.with_columns(pl.col(pl.Date).dt.to_string("%Y-%m-%d"))
                    placeholders = ", ".join(["%s"] * len(order))
                    cursor.executemany(f'INSERT INTO "{table}" ({column_list}) VALUES ({placeholders})',
                                       part.iter_rows())
        return frame.height
