"""The staff PIN rules and its scrypt hash, including hostile hash lines from a settings file."""

from __future__ import annotations

import base64
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.staff.pin import (
    KEY_BYTES,
    MAX_HASH_CHARS,
    MAX_KEY_BYTES,
    MAX_N,
    MAX_P,
    MAX_R,
    MAX_SALT_BYTES,
    MIN_KEY_BYTES,
    MIN_SALT_BYTES,
    PIN_MAX_DIGITS,
    PIN_MIN_DIGITS,
    SALT_BYTES,
    SCRYPT_N,
    hash_pin,
    hash_problem,
    pin_problem,
    verify_pin,
)

SALT = bytes(range(SALT_BYTES))
HOSTILE_SECONDS = 2.0
"""A refused line is answered without scrypt: far under this even on a busy machine."""


def line(
    n: int = SCRYPT_N, r: int = 8, p: int = 1, salt: bytes = SALT, key: bytes = b"k" * 32
) -> str:
    encode = base64.b64encode
    return f"scrypt${n}${r}${p}${encode(salt).decode()}${encode(key).decode()}"


def is_run(pin: str) -> bool:
    return pin in "0123456789" or pin in "9876543210"


# --- PIN rules --------------------------------------------------------------------------------

digit_strings = st.text(alphabet="0123456789", min_size=PIN_MIN_DIGITS, max_size=PIN_MAX_DIGITS)


@given(digit_strings.filter(lambda pin: len(set(pin)) > 1 and not is_run(pin)))
def test_any_long_enough_mixed_digits_are_accepted(pin: str) -> None:
    assert pin_problem(pin) == ""


@given(
    st.text(min_size=1, max_size=40).filter(lambda text: not text.isascii() or not text.isdigit())
)
def test_anything_but_ascii_digits_is_refused(text: str) -> None:
    assert "digits only" in pin_problem(text)


@pytest.mark.parametrize("pin", ["", "٤٨٢٦", "4826 ", "48-26", "四八二六"])
def test_other_digits_and_signs_are_refused(pin: str) -> None:
    assert pin_problem(pin) != ""


@given(st.integers(0, PIN_MIN_DIGITS - 1) | st.integers(PIN_MAX_DIGITS + 1, 10_000))
def test_too_short_or_too_long_is_refused(length: int) -> None:
    pin = ("48" * length)[:length]
    assert pin_problem(pin) != ""


@given(st.sampled_from("0123456789"), st.integers(PIN_MIN_DIGITS, PIN_MAX_DIGITS))
def test_one_digit_repeated_is_refused(digit: str, length: int) -> None:
    assert "repeated" in pin_problem(digit * length)


@given(st.integers(0, 9), st.integers(PIN_MIN_DIGITS, 10), st.booleans())
def test_straight_runs_are_refused(start: int, length: int, down: bool) -> None:
    step = -1 if down else 1
    digits = [start + step * index for index in range(length)]
    if not all(0 <= digit <= 9 for digit in digits):
        return
    assert "in a row" in pin_problem("".join(map(str, digits)))


@pytest.mark.parametrize("pin", ["1234", "9876", "0123456789", "3456"])
def test_well_known_runs_are_refused(pin: str) -> None:
    assert "in a row" in pin_problem(pin)


@pytest.mark.parametrize("pin", ["1235", "8901", "2468", "1212", "4826"])
def test_near_runs_are_allowed(pin: str) -> None:
    assert pin_problem(pin) == ""


def test_a_huge_pin_is_refused_quickly() -> None:
    started = time.monotonic()
    assert pin_problem("48" * 5_000_000) != ""
    assert not verify_pin("48" * 5_000_000, hash_pin("4826", salt=SALT))
    assert time.monotonic() - started < HOSTILE_SECONDS


# --- Hash and check ---------------------------------------------------------------------------


def test_the_right_pin_verifies_and_a_wrong_one_does_not() -> None:
    stored = hash_pin("4826")
    assert hash_problem(stored) == ""
    assert verify_pin("4826", stored)
    assert not verify_pin("4827", stored)
    assert not verify_pin("48260", stored)
    assert not verify_pin("", stored)


def test_the_hash_line_has_the_documented_form() -> None:
    stored = hash_pin("4826", salt=SALT)
    name, n, r, p, salt, key = stored.split("$")
    assert (name, n, r, p) == ("scrypt", str(SCRYPT_N), "8", "1")
    assert base64.b64decode(salt, validate=True) == SALT
    assert len(base64.b64decode(key, validate=True)) == KEY_BYTES
    assert stored.isascii() and "\n" not in stored and '"' not in stored


def test_each_hash_has_its_own_salt() -> None:
    first, second = hash_pin("4826"), hash_pin("4826")
    assert first != second
    assert verify_pin("4826", first) and verify_pin("4826", second)


def test_the_same_salt_gives_the_same_line() -> None:
    assert hash_pin("4826", salt=SALT) == hash_pin("4826", salt=SALT)


@pytest.mark.parametrize("pin", ["4826", "90210", "13572468", "864209753124"])
def test_the_hash_line_does_not_hold_the_pin(pin: str) -> None:
    assert pin not in hash_pin(pin, salt=SALT)


def test_a_refused_pin_is_not_hashed() -> None:
    with pytest.raises(ValueError, match="in a row"):
        hash_pin("1234")
    with pytest.raises(ValueError, match="salt"):
        hash_pin("4826", salt=b"short")


def test_a_hash_made_with_other_usable_parameters_verifies() -> None:
    import hashlib

    key = hashlib.scrypt(b"4826", salt=SALT, n=2**12, r=4, p=2, dklen=MIN_KEY_BYTES)
    stored = line(n=2**12, r=4, p=2, key=key)
    assert hash_problem(stored) == ""
    assert verify_pin("4826", stored)
    assert not verify_pin("4827", stored)


# --- Hostile hash lines -----------------------------------------------------------------------

HOSTILE = {
    "n of 2**30": line(n=2**30),
    "n past the cap": line(n=MAX_N * 2),
    "n not a power of two": line(n=SCRYPT_N + 1),
    "n of 1": line(n=1),
    "r past the cap": line(r=MAX_R + 1),
    "r of 0": line(r=0),
    "p past the cap": line(p=MAX_P + 1),
    "p of 0": line(p=0),
    "memory past the cap": line(n=MAX_N, r=MAX_R),
    "work past the cap": line(n=2**16, r=8, p=MAX_P),
    "ten-digit n": line(n=9_999_999_999),
    "short salt": line(salt=b"s" * (MIN_SALT_BYTES - 1)),
    "long salt": line(salt=b"s" * (MAX_SALT_BYTES + 1)),
    "short key": line(key=b"k" * (MIN_KEY_BYTES - 1)),
    "long key": line(key=b"k" * (MAX_KEY_BYTES + 1)),
    "bad base64": line().replace("==$", "=$", 1),
    "other scheme": line().replace("scrypt", "pbkdf2", 1),
    "a PIN instead of a hash": "4826",
    "one field more": line() + "$x",
    "a line break": line() + "\n",
    "huge": line(key=b"k" * 10_000_000),
}


@pytest.mark.parametrize("stored", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_hash_line_is_refused_without_running_scrypt(stored: str) -> None:
    started = time.monotonic()
    problem = hash_problem(stored)
    assert problem
    assert not verify_pin("4826", stored)
    assert time.monotonic() - started < HOSTILE_SECONDS
    assert "kiosk staff pin" in problem
    assert stored[-20:] not in problem


def test_an_empty_line_is_no_usable_hash() -> None:
    assert hash_problem("") != ""
    assert not verify_pin("4826", "")


def test_the_longest_usable_line_fits_the_line_cap() -> None:
    longest = line(n=MAX_N, r=1, p=MAX_P, salt=b"s" * MAX_SALT_BYTES, key=b"k" * MAX_KEY_BYTES)
    assert hash_problem(longest) == ""
    assert len(longest) <= MAX_HASH_CHARS


COSTLIEST_SECONDS = 10.0
"""The dearest accepted check takes about 0.4 s; a real blow-up (gigabytes, minutes) fails."""


@pytest.mark.parametrize(("n", "r", "p"), [(MAX_N, 4, 2), (2**16, 8, 2), (2**14, MAX_R, MAX_P)])
def test_the_costliest_accepted_line_is_still_quick(n: int, r: int, p: int) -> None:
    stored = line(n=n, r=r, p=p)
    assert hash_problem(stored) == ""
    started = time.monotonic()
    assert not verify_pin("4826", stored)
    assert time.monotonic() - started < COSTLIEST_SECONDS


@settings(max_examples=300)
@given(st.text(max_size=300))
def test_any_text_gets_an_answer_quickly(text: str) -> None:
    started = time.monotonic()
    if hash_problem(text):
        assert not verify_pin("4826", text)
    assert time.monotonic() - started < HOSTILE_SECONDS
