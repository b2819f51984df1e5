"""Helpers shared by the unit and the browser tests."""

from __future__ import annotations

import csv
import io

from kasip.core.models import User

PASSWORD = "correct-horse-battery"


def make_user(username: str, role: str, organisation=None, **extra) -> User:
    user = User(username=username, email=f"{username}@example.kz", role=role, organisation=organisation,
                first_name=username.title(), last_name="Test", **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
