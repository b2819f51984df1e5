"""Reading CSV and XLSX files the way officials produce them, and writing them back.

Encodings: UTF-8, UTF-8 with BOM, Windows-1251 and KZ-1048 (the Kazakh variant of 1251).
Headers may be Kazakh, Russian or English; the import specs map them to their columns.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"
# Letters that KZ-1048 has where Windows-1251 has Serbian/Macedonian/Ukrainian ones.
KAZAKH_LETTERS = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")
CP1251_ONLY = set("ЂђЃѓЉљЊњЌќЋћЏџЎўЈјҐґ")


class FileRejected(Exception):
    """The whole file is refused (size, type, encoding, missing columns); nothing is read."""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]  # data rows only; spreadsheet row number = index + 2
    encoding: str = ""
    fmt: str = ""


def normalise_header(text: str) -> str:
    text = (text or "").replace("\ufeff", "").strip().lower().replace("ё", "е")
    text = re.sub(r"[\*\:\(\)\[\]\"'«»№#]", " ", text)
    text = re.sub(r"[\s_\-./]+", " ", text)
    return text.strip()


def decode_text(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode CSV bytes, detecting UTF-8 (with or without BOM), Windows-1251 or KZ-1048."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise FileRejected(
                _("The file cannot be read as %(encoding)s.") % {"encoding": encoding}
            ) from exc
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    as_1251 = data.decode("cp1251", errors="replace")
    as_kz = data.decode("kz1048", errors="replace")
    kazakh_score = sum(ch in KAZAKH_LETTERS for ch in as_kz)
    serbian_score = sum(ch in CP1251_ONLY for ch in as_1251)
    if kazakh_score and kazakh_score >= serbian_score:
        text, name = as_kz, "kz1048"
    else:
        text, name = as_1251, "cp1251"
    if "\ufffd" in text:
        raise FileRejected(_("The file's text encoding is not recognised; save it as UTF-8."))
    return text, name


def looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    return b"\x00" in sample


def read_csv(data: bytes, encoding: str | None = None) -> Table:
    if looks_binary(data):
        raise FileRejected(_("This is not a CSV or XLSX spreadsheet."))
    text, used = decode_text(data, encoding)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [row for row in reader]
    except csv.Error as exc:
        raise FileRejected(_("The CSV file is malformed: %(error)s") % {"error": exc}) from exc
    rows = [r for r in rows if any(cell.strip() for cell in r)] if rows else []
    if not rows:
        raise FileRejected(_("The file is empty."))
    return Table(headers=[h.strip() for h in rows[0]], rows=rows[1:], encoding=used, fmt="csv")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10] if getattr(value, "hour", 0) == 0 else value.isoformat()
    return str(value).strip()


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FileRejected(_("The XLSX file is damaged or not a spreadsheet.")) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for raw in sheet.iter_rows(values_only=True):
            row = [_cell_text(v) for v in raw]
            if any(row):
                rows.append(row)
    finally:
        workbook.close()
    if not rows:
        raise FileRejected(_("The file is empty."))
    return Table(headers=rows[0], rows=rows[1:], encoding="", fmt="xlsx")


ALLOWED_EXTENSIONS = (".csv", ".txt", ".xlsx")


def read_table(data: bytes, filename: str, encoding: str | None = None, max_bytes: int | None = None) -> Table:
    name = (filename or "").lower()
    if max_bytes is not None and len(data) > max_bytes:
        raise FileRejected(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": round(len(data) / 1048576, 1), "limit": round(max_bytes / 1048576, 1)}
        )
    if not name.endswith(ALLOWED_EXTENSIONS):
        raise FileRejected(_("Only CSV and XLSX files can be imported."))
    if data.startswith(XLSX_MAGIC):
        if not name.endswith(".xlsx"):
            raise FileRejected(_("This is not a CSV or XLSX spreadsheet."))
        return read_xlsx(data)
    if name.endswith(".xlsx"):
        raise FileRejected(_("The XLSX file is damaged or not a spreadsheet."))
    return read_csv(data, encoding)


def write_csv(headers: list[str], rows: Iterable[Iterable]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def write_xlsx(headers: list[str], rows: Iterable[Iterable], title: str = "Kasip") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "Kasip")
    from openpyxl.cell import WriteOnlyCell

    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(sheet, value=h)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    for row in rows:
        # control characters cannot be stored in XLSX: drop them rather than fail the export
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def iter_chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
