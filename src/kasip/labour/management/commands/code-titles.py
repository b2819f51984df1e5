"""kasip code-titles IN.csv OUT.csv: add ISCO-08 codes to the job titles of a CSV file.

Reads a CSV (UTF-8, UTF-8 with BOM, Windows-1251 or KZ-1048; comma, semicolon or tab) with a
column ``title`` and writes the same rows, columns in the same order, plus ``isco08_1``,
``isco08_2``, ``isco08_3`` (the coder's three best unit groups) and ``confidence`` (of the first),
as UTF-8. A row whose ``isco08`` (or ``code``) column holds a unit group keeps it, with
confidence 1. Uses no database: only the coder file, which it builds when it is missing.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kasip.core.tabular import FileRejected, decode_text, looks_binary, normalise_header
from kasip.labour import coder_file, codetitles

OUT_COLUMNS = ["isco08_1", "isco08_2", "isco08_3", "confidence"]
CODE_COLUMNS = ("isco08", "isco 08", "code")  # as normalise_header gives them
DELIMITERS = (",", ";", "\t")
CHUNK = 500  # titles coded between two updates of the progress bar


class Progress:
    """A progress bar on stderr: rows done / total and the rate."""

    def __init__(self, stream, total: int, width: int = 30):
        self.stream, self.total, self.width = stream, total, width
        self.started = time.perf_counter()
        self.shown = 0.0

    def update(self, done: int) -> None:
        now = time.perf_counter()
        if done < self.total and now - self.shown < 0.1:
            return
        self.shown = now
        share = done / self.total if self.total else 1.0
        filled = int(share * self.width)
        rate = done / max(now - self.started, 1e-9)
        bar = "#" * filled + "." * (self.width - filled)
        text = _("%(done)s/%(total)s rows (%(rate)s rows/s)") % {"done": done, "total": self.total, "rate": int(rate)}
        self.stream.write(f"\r[{bar}] {text}", ending="")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("")


def pick_delimiter(text: str) -> str | None:
    """The delimiter the header line uses (None: a single column)."""
    header = re.sub(r'"[^"]*"', "", text.split("\n", 1)[0])
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else None


def read_rows(path: Path, encoding: str | None) -> tuple[list[str], list[tuple[int, list[str]]], str, str]:
    """(header, [(row number, cells)], delimiter, encoding) of a CSV file; blank rows are skipped."""
    if not path.is_file():
        raise CommandError(_("Input file not found: %(path)s") % {"path": path})
    data = path.read_bytes()
    if not data.strip() or data.strip() == b"\xef\xbb\xbf":
        raise CommandError(_("%(path)s is empty.") % {"path": path})
    if looks_binary(data):
        raise CommandError(_("%(path)s is not a CSV file (it holds binary data).") % {"path": path})
    try:
        text, used = decode_text(data, encoding)
    except FileRejected as exc:
        raise CommandError(f"{path}: {exc}") from exc
    text = text.removeprefix("\ufeff")
    delimiter = pick_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or "\x1f")
    try:
        records = list(reader)
    except csv.Error as exc:
        raise CommandError(_("%(path)s is not a well-formed CSV file: %(error)s") % {"path": path, "error": exc}) from exc
    numbered = [(n, row) for n, row in enumerate(records, start=1) if any(cell.strip() for cell in row)]
    if not numbered:
        raise CommandError(_("%(path)s is empty.") % {"path": path})
    (_n, header), body = numbered[0], numbered[1:]
    header = [h.strip() for h in header]
    if not body:
        raise CommandError(_("%(path)s has a header but no rows.") % {"path": path})
    return header, body, delimiter or ",", used


class Command(BaseCommand):
    help = ("Add ISCO-08 codes to the job titles of a CSV file: the same rows plus isco08_1, isco08_2, isco08_3 "
            "and confidence. Needs no database; builds the coder file when it is missing.")
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("input", help="CSV file with a column “title” (UTF-8, Windows-1251 or KZ-1048)")
        parser.add_argument("output", help="CSV file to write (UTF-8); written whole or not at all")
        parser.add_argument("--encoding", default="", help="encoding of the input (default: detect)")
        parser.add_argument("--column", default="title", help="the column of job titles (default: title)")

    def handle(self, *args, input, output, encoding, column, **options):
        started = time.perf_counter()
        source, target = Path(input), Path(output)
        if not target.parent.is_dir():
            raise CommandError(_("The output directory does not exist: %(path)s") % {"path": target.parent})
        header, body, delimiter, used = read_rows(source, encoding or None)
        names = [normalise_header(h) for h in header]
        wanted = normalise_header(column)
        if wanted not in names:
            raise CommandError(_("%(path)s has no column “%(column)s”; its columns are: %(columns)s. "
                                 "Name the column of job titles with --column.")
                               % {"path": source, "column": column, "columns": ", ".join(header)})
        title_at = names.index(wanted)
        code_at = next((i for i, name in enumerate(names) if name in CODE_COLUMNS and i != title_at), None)
        for n, row in body:
            if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
                raise CommandError(_("Row %(row)s has %(cells)s cells but the header has %(columns)s: check the "
                                     "delimiter and the quotes. Nothing was written.")
                                   % {"row": n, "cells": len(row), "columns": len(header)})

        coder = self.load_coder()
        known = codetitles.unit_groups(coder)
        rows = [(row + [""] * len(header))[: len(header)] for _n, row in body]
        titles = [row[title_at] for row in rows]
        codes: list[str | None] = [None] * len(rows)
        warnings = []
        if code_at is not None:
            for i, row in enumerate(rows):
                given = row[code_at].strip()
                if given in known:
                    codes[i] = given
                elif given:
                    warnings.append(_("row %(row)s: “%(code)s” is not an ISCO-08 unit group the coder knows; the "
                                      "title was coded instead") % {"row": body[i][0], "code": given})

        progress = Progress(self.stderr, len(rows))
        coding_started = time.perf_counter()
        results = []
        for start in range(0, len(rows), CHUNK):
            results.extend(codetitles.code_titles(coder, titles[start:start + CHUNK], codes[start:start + CHUNK], k=3))
            progress.update(len(results))
        progress.close()
        coding_seconds = time.perf_counter() - coding_started

        out_header = list(header)
        where = []
        for name in OUT_COLUMNS:  # a file coded before gets its columns replaced, not repeated
            if normalise_header(name) in names:
                where.append(names.index(normalise_header(name)))
            else:
                out_header.append(name)
                where.append(len(out_header) - 1)
        cannot = 0
        out_rows = []
        for (n, _row), row, result in zip(body, rows, results, strict=True):
            row = row + [""] * (len(out_header) - len(row))
            suggested = [c for c, _s in result.candidates][:3] if result.code else []
            values = (suggested + ["", "", ""])[:3] + [f"{result.confidence:.3f}" if result.code else ""]
            for at, value in zip(where, values, strict=True):
                row[at] = value
            out_rows.append(row)
            if result.code is None:
                cannot += 1
                line = _("row %(row)s: %(notice)s") % {"row": n, "notice": result.notice}
                warnings.append(line + (f" (“{result.title[:80]}”)" if result.title.strip() else ""))
        self.write_atomically(target, out_header, out_rows, delimiter)

        for line in warnings:
            self.stderr.write(line)
        seconds = time.perf_counter() - started
        total = len(rows)
        sure = sum(r.sure for r in results)
        self.stdout.write(_(
            "%(path)s: %(rows)s rows (%(encoding)s), %(coded)s coded (%(kept)s with the code they came with), "
            "%(cannot)s cannot be coded, %(sure)s%% sure at four digits; %(seconds).1f s, %(rate)s titles/s.") % {
            "path": target, "rows": total, "encoding": used, "coded": total - cannot,
            "kept": sum(r.kept for r in results), "cannot": cannot, "sure": round(100 * sure / total),
            "seconds": seconds, "rate": int(total / max(coding_seconds, 1e-9))})

    def load_coder(self):
        """The site's coder file; built when missing, rebuilt when corrupt (a minute or two)."""
        path = coder_file.coder_path()
        if not path.exists():
            self.stderr.write(_("The coder file %(path)s is missing: building it (this takes a minute or two)…")
                              % {"path": path})
            self.build(path)
        try:
            return coder_file.get_coder()
        except coder_file.CoderUnavailable as exc:
            self.stderr.write(_("The coder file cannot be used (%(reason)s): rebuilding it (this takes a minute or "
                                "two)…") % {"reason": exc})
            self.build(path)
            try:
                return coder_file.get_coder()
            except coder_file.CoderUnavailable as again:
                raise CommandError(str(again)) from again

    def build(self, path: Path) -> None:
        started = time.perf_counter()
        coder_file.build_and_save(path)
        self.stderr.write(_("The coder file %(path)s was built in %(seconds).0f s.")
                          % {"path": path, "seconds": time.perf_counter() - started})

    @staticmethod
    def write_atomically(target: Path, header: list[str], rows: list[list[str]], delimiter: str) -> None:
        """Write to a temporary file beside the target, then rename it: a failure leaves no half file."""
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
            with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh, delimiter=delimiter)
                writer.writerow(header)
                writer.writerows(rows)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
