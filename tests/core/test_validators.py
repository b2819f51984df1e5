import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kasip.core.validators import (
    IdentifierError,
    check_digit,
    iin_birth_date,
    make_bin,
    make_iin,
    validate_bin,
    validate_iin,
)


def test_it_accepts_a_known_valid_iin():
    # weights 1..11 over 08051760123: 0+16+0+20+5+42+42+0+9+20+33 = 187 = 17*11 -> check digit 0
    assert check_digit("08051760123") == 0
    assert validate_iin("080517601230") == "080517601230"
    iin = make_iin(dt.date(2008, 5, 17), "F", 123)
    assert validate_iin(iin) == iin
    assert iin_birth_date(iin) == dt.date(2008, 5, 17)


def test_it_rejects_a_wrong_check_digit():
    iin = make_iin(dt.date(1990, 1, 2), "M", 42)
    wrong = iin[:11] + str((int(iin[11]) + 1) % 10)
    with pytest.raises(IdentifierError, match="check digit"):
        validate_iin(wrong)


@pytest.mark.parametrize("value,reason", [
    ("12345", "12 digits"), ("12345678901a", "12 digits"), ("", "12 digits"),
])
def test_it_rejects_malformed_numbers(value, reason):
    with pytest.raises(IdentifierError, match=reason):
        validate_iin(value)
    with pytest.raises(IdentifierError, match=reason):
        validate_bin(value)


def test_it_rejects_an_iin_whose_date_does_not_exist():
    head = "901331" + "3" + "0001"  # 31st of month 13
    digit = check_digit(head)
    if digit is None:
        head = "901331" + "3" + "0002"
        digit = check_digit(head)
    with pytest.raises(IdentifierError, match="date of birth"):
        validate_iin(head + str(digit))


def test_it_rejects_a_bin_with_an_invalid_entity_digit():
    head = "1003" + "9" + "000042"
    digit = check_digit(head)
    assert digit is not None
    with pytest.raises(IdentifierError, match="entity-type"):
        validate_bin(head + str(digit))


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)), st.sampled_from("MF"),
       st.integers(0, 9999))
def test_every_generated_iin_validates_and_keeps_its_birth_date(birth, sex, serial):
    iin = make_iin(birth, sex, serial)
    assert validate_iin(iin) == iin
    assert iin_birth_date(iin) == birth


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_the_check_digit_decides_validity(number):
    expected = check_digit(number[:11])
    if expected is None or expected != int(number[11]):
        with pytest.raises(IdentifierError):
            validate_iin(number)
        with pytest.raises(IdentifierError):
            validate_bin(number)


@given(st.integers(2000, 2030), st.integers(1, 12), st.integers(0, 99999), st.integers(0, 9), st.integers(1, 9))
def test_changing_one_digit_of_a_valid_bin_invalidates_it(year, month, serial, position, delta):
    bin_ = make_bin(year, month, serial)
    assert validate_bin(bin_) == bin_
    changed = bin_[:position] + str((int(bin_[position]) + delta) % 10) + bin_[position + 1:]
    first_pass = first_pass_of(changed)
    if first_pass != 10 and check_digit(bin_[:11]) == first_pass_of(bin_):
        # weights 1..10 are coprime with 11, so a change in digits 1-10 always moves the first-pass
        # sum (the 11th digit has weight 11 = 0 mod 11 and is not protected by the first pass)
        with pytest.raises(IdentifierError):
            validate_bin(changed)


def first_pass_of(number: str) -> int:
    return sum(int(c) * w for c, w in zip(number[:11], range(1, 12), strict=True)) % 11
