"""Reading and checking files of job ads (CSV, XLSX, JSON Lines) with polars.

Exports of job boards, of the electronic labour exchange (Enbek) and employers' own lists name their columns
in Kazakh, Russian or English; :data:`COLUMNS` maps the usual headers to Kasip's. Every row is checked before
anything is stored: a file with a bad row (no title, a date that cannot be read, an unknown district, text in
a broken encoding, an unknown occupation code ...) gets the list of its bad rows and nothing is written.

Nothing here touches the database: the caller passes the districts and occupation codes to check against.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import polars as pl
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kasip.core.tabular import FileRejected, decode_text, normalise_header, read_xlsx
from kasip.core.validators import check_digit
from kasip.registry.models import oked_section

MAX_TITLE = 300
MAX_EMPLOYER = 300
MAX_EXTERNAL_ID = 100
MAX_POSITIONS = 10_000
MAX_SALARY = 100_000_000
MAX_ERRORS = 10_000  # rows reported in full; the count covers all
EXTENSIONS = (".csv", ".txt", ".tsv", ".xlsx", ".jsonl", ".ndjson", ".json")
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%Y.%m.%d")
NATIONAL = re.compile(r"^\d{4}-\d$")


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy translation
    aliases: tuple[str, ...]
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("title", gettext_lazy("job title"), (
        "title", "job title", "vacancy", "vacancy title", "position", "name", "job", "должность", "вакансия",
        "название вакансии", "наименование вакансии", "наименование должности", "профессия", "лауазым",
        "лауазымы", "бос орын", "бос жұмыс орны", "кәсіп", "кәсібі"), required=True),
    Column("district", gettext_lazy("district"), (
        "district", "district kato", "kato", "kato code", "location", "city", "район", "код като", "като",
        "район город", "город район", "населенный пункт", "аудан", "аудан қала", "елді мекен"), required=True),
    Column("posted_on", gettext_lazy("date posted"), (
        "posted on", "date posted", "posted", "date", "published", "published at", "publication date",
        "created", "created at", "дата", "дата публикации", "дата размещения", "дата создания",
        "жарияланған күні", "күні"), required=True),
    Column("employer", gettext_lazy("employer"), (
        "employer", "company", "employer name", "organisation", "organization", "работодатель", "компания",
        "организация", "наименование работодателя", "жұмыс беруші", "ұйым", "мекеме")),
    Column("employer_bin", gettext_lazy("employer's BIN"), (
        "bin", "employer bin", "бин", "бин работодателя", "бсн", "жұмыс берушінің бсн")),
    Column("industry", gettext_lazy("industry"), (
        "industry", "oked", "oked code", "sector", "окэд", "код окэд", "отрасль", "вид деятельности", "экэжж",
        "сала")),
    Column("occupation_code", gettext_lazy("occupation code"), (
        "occupation code", "isco", "isco08", "isco 08", "isco code", "нк рк", "код профессии", "код занятия",
        "код нк рк", "кәсіп коды")),
    Column("positions", gettext_lazy("positions"), (
        "positions", "count", "quantity", "vacancies", "openings", "количество", "количество мест",
        "количество вакансий", "число вакансий", "саны", "орын саны")),
    Column("salary_min", gettext_lazy("salary from"), (
        "salary from", "salary min", "salary", "зарплата от", "зарплата", "заработная плата", "оклад",
        "жалақы", "жалақы бастап")),
    Column("salary_max", gettext_lazy("salary to"), ("salary to", "salary max", "зарплата до", "жалақы дейін")),
    Column("external_id", gettext_lazy("id at the source"), (
        "id", "vacancy id", "external id", "ид", "номер вакансии", "код вакансии", "номер")),
)
BY_KEY = {c.key: c for c in COLUMNS}
_ALIASES = {normalise_header(alias): c.key for c in COLUMNS for alias in (c.key, *c.aliases)}


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class VacancyFile:
    """The rows of a file as text, one column per Kasip key, and what was noticed while reading."""

    frame: pl.DataFrame  # "row" (the row's number in the file) and the mapped keys, all text
    encoding: str = ""
    fmt: str = ""
    ignored_columns: list[str] = field(default_factory=list)
    broken_rows: list[int] = field(default_factory=list)  # rows whose bytes are not text in the file's encoding


@dataclass
class Checked:
    frame: pl.DataFrame  # typed: row, title, district_id, posted_on, employer, employer_bin, given_code, isco08, ...
    errors: list[RowError]
    error_count: int
    notices: list[str]


def label(key: str) -> str:
    return str(BY_KEY[key].label)


# --- reading ---------------------------------------------------------------------------------------
def read(data: bytes, filename: str, encoding: str | None = None) -> VacancyFile:
    """Read a vacancy file; raises FileRejected when the whole file cannot be used."""
    name = (filename or "").lower()
    if not name.endswith(EXTENSIONS):
        raise FileRejected(_("Vacancy files are read from CSV, XLSX or JSON Lines (.jsonl) files."))
    if not data.strip():
        raise FileRejected(_("The file is empty."))
    if data.startswith(b"PK\x03\x04") or name.endswith(".xlsx"):
        if not name.endswith(".xlsx"):
            raise FileRejected(_("This is an XLSX spreadsheet: give the file the .xlsx extension."))
        table = read_xlsx(data)
        frame = pl.DataFrame([[str(v) for v in row] + [""] * (len(table.headers) - len(row))
                              for row in table.rows] or None, schema=_unique_headers(table.headers), orient="row")
        return _mapped(frame, start_row=2, encoding="", fmt="xlsx")
    if b"\x00" in data[:4096]:
        raise FileRejected(_("This is not a CSV, XLSX or JSON Lines file."))
    raw, used, broken = _utf8_bytes(data, encoding)
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return _read_jsonl(raw, used, broken)
    return _read_csv(raw, used, broken)


def _utf8_bytes(data: bytes, encoding: str | None) -> tuple[bytes, str, list[int]]:
    """The file as UTF-8 bytes (as it is when it is UTF-8, re-encoded otherwise), its encoding, and the lines
    (1-based) that are not UTF-8 in a file that otherwise is: those are bad rows."""
    if encoding:
        text, used = decode_text(data, encoding)
        return text.encode("utf-8"), used, []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        data.decode("utf-8")
        return data, "utf-8", []
    except UnicodeDecodeError:
        pass
    broken, utf8 = [], 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            broken.append(number)
        else:
            utf8 += not line.isascii()
    if utf8 >= len(broken):  # a UTF-8 file with a few damaged lines (a Windows-1251 one has no UTF-8 line)
        return data.decode("utf-8", errors="replace").encode("utf-8"), "utf-8", broken
    text, used = decode_text(data)
    return text.encode("utf-8"), used, []


def _unique_headers(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for header in headers:
        header = str(header).strip() or "column"
        n = seen.get(header, 0)
        seen[header] = n + 1
        out.append(header if n == 0 else f"{header} ({n + 1})")
    return out


def _read_csv(raw: bytes, used: str, broken: list[int]) -> VacancyFile:
    first_line = raw[:8192].decode("utf-8", errors="ignore").split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    try:
        frame = pl.read_csv(raw, separator=delimiter, infer_schema=False, has_header=True,
                            truncate_ragged_lines=True, raise_if_empty=False)
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as exc:
        raise FileRejected(_("The CSV file is malformed: %(error)s") % {"error": str(exc).split("\n")[0]}) from exc
    if frame.width:
        frame.columns = _unique_headers(frame.columns)
    result = _mapped(frame, start_row=2, encoding=used, fmt="csv")
    # a line's number is its row's when no cell spans lines (the usual case in exports)
    result.broken_rows = [n for n in broken if n >= 2]
    return result


def _line_numbers(raw: bytes) -> np.ndarray:
    """The 1-based numbers of the lines that are not blank."""
    data = np.frombuffer(raw, dtype=np.uint8)
    newlines = np.flatnonzero(data == 10)
    starts = np.concatenate([[0], newlines + 1])
    ends = np.concatenate([newlines, [len(data)]])
    lengths = ends - starts
    first = data[np.minimum(starts, max(len(data) - 1, 0))] if len(data) else np.zeros(len(starts), dtype=np.uint8)
    blank = (lengths == 0) | ((lengths == 1) & (first == 13))
    return np.flatnonzero(~blank) + 1


def _bad_json_lines(raw: bytes) -> list[int]:
    bad = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            bad.append(number)
            continue
        if not isinstance(record, dict):
            bad.append(number)
    return bad


def _read_jsonl(raw: bytes, used: str, broken: list[int]) -> VacancyFile:
    bad = []
    try:
        frame = pl.read_ndjson(raw, infer_schema_length=None)
    except (pl.exceptions.PolarsError, ValueError) as exc:
        bad = _bad_json_lines(raw)
        if not bad:
            raise FileRejected(_("The JSON Lines file is malformed: %(error)s")
                               % {"error": str(exc).split("\n")[0][:200]}) from exc
    if not bad:
        bad = [] if frame.height else _bad_json_lines(raw)
    if bad:
        raise FileRejected(_("Lines %(lines)s are not JSON objects; each line of a JSON Lines file is one ad.")
                           % {"lines": ", ".join(map(str, bad[:20])) + (" …" if len(bad) > 20 else "")})
    if not frame.height:
        raise FileRejected(_("The file is empty."))
    for field_name, dtype in frame.schema.items():
        if dtype.is_nested():
            raise FileRejected(_("The field “%(field)s” holds nested values; give one value per field.")
                               % {"field": field_name})
    frame = frame.select(pl.all().cast(pl.String))
    frame.columns = _unique_headers(frame.columns)
    rows = _line_numbers(raw)
    if len(rows) != frame.height:
        rows = np.arange(1, frame.height + 1)
    result = _mapped(frame.with_columns(pl.Series("__row", rows, dtype=pl.Int64)), start_row=None, encoding=used,
                     fmt="jsonl")
    result.broken_rows = list(broken)
    return result


def _mapped(frame: pl.DataFrame, *, start_row: int | None, encoding: str, fmt: str) -> VacancyFile:
    headers = [c for c in frame.columns if c != "__row"]
    mapping: dict[str, str] = {}
    ignored = []
    for header in headers:
        key = _ALIASES.get(normalise_header(header))
        if key is None or key in mapping.values():
            ignored.append(header)
        else:
            mapping[header] = key
    missing = [c for c in COLUMNS if c.required and c.key not in mapping.values()]
    if missing:
        raise FileRejected(_("Required columns are missing: %(missing)s. The file's columns: %(found)s.") % {
            "missing": ", ".join(str(c.label) for c in missing),
            "found": ", ".join(headers) or "—"})
    if frame.height == 0:
        raise FileRejected(_("The file has a header row but no data rows."))
    row = pl.col("__row") if start_row is None else pl.int_range(start_row, start_row + frame.height, dtype=pl.Int64)
    # NUL characters out (PostgreSQL cannot store them; an XLSX or a JSON "\u0000" may carry one)
    selected = [row.alias("row")] + [pl.col(h).cast(pl.String).fill_null("").str.replace_all("\x00", "", literal=True)
                                     .str.strip_chars().alias(k) for h, k in mapping.items()]
    selected += [pl.lit("").alias(c.key) for c in COLUMNS if c.key not in mapping.values()]
    return VacancyFile(frame=frame.select(selected), encoding=encoding, fmt=fmt, ignored_columns=ignored)


# --- checking --------------------------------------------------------------------------------------
def district_key(text: str) -> str:
    return " ".join(str(text).lower().replace("ё", "е").split())


def _errors(frame: pl.DataFrame, mask: pl.Expr, key: str, message) -> list[RowError]:
    """One error per row where ``mask`` holds; ``message`` is a text or a function of the cell."""
    bad = frame.filter(mask).select("row", key)
    column = label(key)
    if callable(message):
        return [RowError(r, column, message(v)) for r, v in bad.iter_rows()]
    return [RowError(r, column, message) for r in bad.get_column("row").to_list()]


def _integer(expr: pl.Expr) -> pl.Expr:
    """A count or an amount as written by people: "150 000", "150000.00", "1,5"→ not an integer."""
    cleaned = expr.str.replace_all(r"[\s\u00a0]", "").str.replace(r"[.,]0+$", "")
    return cleaned.cast(pl.Int64, strict=False)


def check(source: VacancyFile, *, districts: Mapping[str, int], unit_groups: set[str],
          national: Mapping[str, str], today: dt.date | None = None) -> Checked:
    """Check every row; returns the typed rows, the bad rows (each with the column and the reason) and notices.

    ``districts`` maps a district's КАТО code and its names (lower case, see :func:`district_key`) to its id;
    ``unit_groups`` holds the ISCO-08 unit groups; ``national`` maps НК РК codes (4110-9) to unit groups."""
    today = today or dt.date.today()
    frame = source.frame
    errors: list[RowError] = []
    notices: list[str] = []

    if source.broken_rows:
        errors += [RowError(n, "", _("The row's text is not in the file's encoding (UTF-8); save the file as "
                                     "UTF-8 again.")) for n in source.broken_rows]
        frame = frame.filter(~pl.col("row").is_in(source.broken_rows))
    frame = frame.with_columns(
        pl.col("title").str.replace_all(r"\s+", " "),
        pl.col("posted_on").str.slice(0, 10).alias("_date_text"),
        pl.col("district").str.to_lowercase().str.replace_all("ё", "е").str.replace_all(r"\s+", " ")
        .alias("_district_key"),
    )
    errors += _errors(frame, pl.col("title") == "", "title", _("The job title is missing."))
    long_titles = frame.filter(pl.col("title").str.len_chars() > MAX_TITLE).height
    if long_titles:
        notices.append(_("%(n)s titles were longer than %(limit)s characters and were cut.")
                       % {"n": long_titles, "limit": MAX_TITLE})

    # dates: the usual ways of writing them; a timestamp's date part
    parsed = pl.coalesce([pl.col("_date_text").str.to_date(f, strict=False) for f in DATE_FORMATS])
    frame = frame.with_columns(parsed.alias("_posted_on"))
    errors += _errors(frame, pl.col("posted_on") == "", "posted_on", _("The date is missing."))
    errors += _errors(frame, (pl.col("posted_on") != "") & pl.col("_posted_on").is_null(), "posted_on",
                      lambda v: _("“%(value)s” is not a date: write it as YYYY-MM-DD or DD.MM.YYYY.")
                      % {"value": v[:40]})
    errors += _errors(frame, pl.col("_posted_on") > today, "posted_on",
                      lambda v: _("The date %(value)s is in the future.") % {"value": v[:40]})
    errors += _errors(frame, pl.col("_posted_on") < dt.date(2000, 1, 1), "posted_on",
                      lambda v: _("The date %(value)s is before 2000.") % {"value": v[:40]})

    # districts: by КАТО code or name
    frame = frame.with_columns(pl.col("_district_key").replace_strict(dict(districts), default=None,
                                                                      return_dtype=pl.Int64).alias("_district_id"))
    errors += _errors(frame, pl.col("district") == "", "district", _("The district is missing."))
    errors += _errors(frame, (pl.col("district") != "") & pl.col("_district_id").is_null(), "district",
                      lambda v: _("Unknown district “%(value)s”: give its КАТО code or its name as Kasip has it.")
                      % {"value": v[:60]})

    # occupation codes: an ISCO-08 unit group, or an НК РК code that maps to one
    frame = frame.with_columns(pl.col("occupation_code").str.to_uppercase().alias("occupation_code"))
    lookup = {code: code for code in unit_groups} | dict(national)
    frame = frame.with_columns(pl.col("occupation_code").replace_strict(lookup, default=None, return_dtype=pl.String)
                               .alias("_isco08"))
    errors += _errors(frame, (pl.col("occupation_code") != "") & pl.col("_isco08").is_null(), "occupation_code",
                      lambda v: _("“%(value)s” is neither an ISCO-08 unit group (4 digits) nor an НК РК 01-2017 code "
                                  "Kasip knows (like 4110-9).") % {"value": v[:20]})

    # industry: an ОКЭД code (2 to 5 digits) or a section letter
    industries = {v: oked_section(v) for v in frame.get_column("industry").unique().to_list() if v}
    bad_industries = [v for v, section in industries.items() if not section]
    if bad_industries:
        errors += _errors(frame, pl.col("industry").is_in(bad_industries), "industry",
                          lambda v: _("“%(value)s” is not an ОКЭД code or section (e.g. 24100, 24 or C).")
                          % {"value": v[:20]})
    frame = frame.with_columns(pl.col("industry").replace_strict({**industries, "": ""}, default="",
                                                                 return_dtype=pl.String).alias("_industry"))

    # numbers
    frame = frame.with_columns(_integer(pl.col("positions")).alias("_positions"),
                               _integer(pl.col("salary_min")).alias("_salary_min"),
                               _integer(pl.col("salary_max")).alias("_salary_max"))
    errors += _errors(frame, (pl.col("positions") != "") & (
        pl.col("_positions").is_null() | (pl.col("_positions") < 1) | (pl.col("_positions") > MAX_POSITIONS)),
        "positions", lambda v: _("“%(value)s” is not a number of positions from 1 to %(limit)s.")
        % {"value": v[:20], "limit": MAX_POSITIONS})
    for key in ("salary_min", "salary_max"):
        errors += _errors(frame, (pl.col(key) != "") & (
            pl.col(f"_{key}").is_null() | (pl.col(f"_{key}") < 0) | (pl.col(f"_{key}") > MAX_SALARY)),
            key, lambda v: _("“%(value)s” is not an amount in tenge.") % {"value": v[:20]})
    errors += _errors(frame, pl.col("_salary_min") > pl.col("_salary_max"), "salary_max",
                      _("The salary's upper bound is below its lower bound."))

    # BINs: 12 digits with a valid check digit
    bins = [b for b in frame.get_column("employer_bin").unique().to_list() if b]
    bad_bins = [b for b in bins if not (len(b) == 12 and b.isdigit() and check_digit(b[:11]) == int(b[11]))]
    if bad_bins:
        errors += _errors(frame, pl.col("employer_bin").is_in(bad_bins), "employer_bin",
                          lambda v: _("“%(value)s” is not a valid BIN (12 digits with a check digit).")
                          % {"value": v[:20]})
    errors += _errors(frame, pl.col("external_id").str.len_chars() > MAX_EXTERNAL_ID, "external_id",
                      _("The id is longer than %(limit)s characters.") % {"limit": MAX_EXTERNAL_ID})

    errors.sort(key=lambda e: (e.row, e.column))
    typed = frame.select(
        "row",
        pl.col("title").str.slice(0, MAX_TITLE).alias("title"),
        pl.col("_district_id").alias("district_id"),
        pl.col("_posted_on").alias("posted_on"),
        pl.col("employer").str.replace_all(r"\s+", " ").str.slice(0, MAX_EMPLOYER).alias("employer"),
        pl.col("employer_bin"),
        pl.col("_industry").alias("industry"),
        pl.col("occupation_code").alias("given_code"),
        pl.col("_isco08").fill_null("").alias("isco08"),
        pl.col("_positions").fill_null(1).alias("positions"),
        pl.col("_salary_min").alias("salary_min"),
        pl.col("_salary_max").alias("salary_max"),
        pl.col("external_id"),
    )
    return Checked(frame=typed, errors=errors[:MAX_ERRORS], error_count=len(errors), notices=notices)
