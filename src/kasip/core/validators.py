"""Kazakhstan's identification numbers: IIN (people) and BIN (organisations).

Pure Python, no Django import: used by forms, API schemas, imports and the demo generator.
Both are 12 digits whose last digit is a check digit computed with weights 1..11 modulo 11;
when that gives 10, the weights 3..11,1,2 are used; when that gives 10 again the number
cannot be valid.
"""

from __future__ import annotations

import datetime as dt

WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

# 7th digit of an IIN: century of birth and sex.
CENTURY_BY_DIGIT = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}


class IdentifierError(ValueError):
    """Raised with a message that says what is wrong with the number."""


def check_digit(first11: str) -> int | None:
    """The check digit for 11 digits, or None when no valid number starts with them."""
    digits = [int(c) for c in first11]
    value = sum(d * w for d, w in zip(digits, WEIGHTS_1, strict=True)) % 11
    if value == 10:
        value = sum(d * w for d, w in zip(digits, WEIGHTS_2, strict=True)) % 11
        if value == 10:
            return None
    return value


def _check_format(value: str, what: str) -> str:
    value = (value or "").strip()
    if len(value) != 12 or not value.isdigit():
        raise IdentifierError(f"{what} must be exactly 12 digits")
    expected = check_digit(value[:11])
    if expected is None or expected != int(value[11]):
        raise IdentifierError(f"{what} has a wrong check digit")
    return value


def iin_birth_date(value: str) -> dt.date:
    """Date of birth encoded in an IIN (digits 1-6 and the century digit 7)."""
    century = CENTURY_BY_DIGIT.get(value[6])
    if century is None:
        raise IdentifierError("IIN has an invalid century digit (7th digit must be 1-6)")
    try:
        return dt.date(century + int(value[0:2]), int(value[2:4]), int(value[4:6]))
    except ValueError as exc:
        raise IdentifierError("IIN does not start with a valid date of birth") from exc


def iin_sex(value: str) -> str:
    return "M" if int(value[6]) % 2 == 1 else "F"


def validate_iin(value: str) -> str:
    """Return the normalised IIN or raise IdentifierError with the reason."""
    value = _check_format(value, "IIN")
    iin_birth_date(value)
    return value


def validate_bin(value: str) -> str:
    """Return the normalised BIN or raise IdentifierError with the reason.

    A BIN starts with the year and month of registration; its 5th digit is the kind of
    entity (4 resident legal entity, 5 non-resident, 6 individual entrepreneur's joint venture).
    """
    value = _check_format(value, "BIN")
    month = int(value[2:4])
    if not 1 <= month <= 12:
        raise IdentifierError("BIN does not start with a valid year and month of registration")
    if value[4] not in "456":
        raise IdentifierError("BIN has an invalid entity-type digit (5th digit must be 4, 5 or 6)")
    return value


def make_iin(birth: dt.date, sex: str, serial: int) -> str:
    """Build a valid IIN for a date of birth, sex ('M'/'F') and a 4-digit serial (for demos)."""
    century = (birth.year // 100) * 100
    base = {1800: 1, 1900: 3, 2000: 5}[century] + (0 if sex == "M" else 1)
    for bump in range(10000):
        head = f"{birth:%y%m%d}{base}{(serial + bump) % 10000:04d}"
        digit = check_digit(head)
        if digit is not None:
            return head + str(digit)
    raise IdentifierError("no valid IIN for these inputs")


def make_bin(year: int, month: int, serial: int, kind: str = "4") -> str:
    """Build a valid BIN (for demos and tests)."""
    for bump in range(100000):
        head = f"{year % 100:02d}{month:02d}{kind}0{(serial + bump) % 100000:05d}"
        digit = check_digit(head)
        if digit is not None:
            return head + str(digit)
    raise IdentifierError("no valid BIN for these inputs")
