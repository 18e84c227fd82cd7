"""What the form's fields accept, in plain rules, and what they never let through."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from kiosk.visit.model import (
    BEST_TIMES,
    DURATIONS,
    NAME_MAX,
    PAIN_AREAS,
    FieldError,
    FormInput,
    check_form,
    clean_text,
)

LOCATIONS = ("Main clinic", "Northside")
GOOD = FormInput(
    name="Ana María Núñez",
    phone="(312) 555-0123",
    email="ana@example.org",
    best_time="morning",
    location="Northside",
    pain_areas=("low-back", "buttock-right", "groin-left"),
    duration="over-3-months",
    consent=True,
    language="es",
)


def check(form: FormInput) -> dict[str, FieldError]:
    return check_form(form, region="US", locations=LOCATIONS).errors


def test_a_complete_form_becomes_a_request() -> None:
    fixed = uuid.UUID(int=0xABCDEF << 100)
    when = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)
    result = check_form(GOOD, region="US", locations=LOCATIONS, now=when, new_id=fixed)
    assert result.errors == {}
    request = result.request
    assert request is not None
    assert (request.name, request.phone, request.email) == (
        "Ana María Núñez",
        "+13125550123",
        "ana@example.org",
    )
    # body-map order, not tap order
    assert request.pain_areas == ("groin-left", "buttock-right", "low-back")
    assert (request.id, request.created_at, request.language) == (fixed, when, "es")
    assert len(request.reference) == 7 and request.reference[3] == "-"


def test_every_missing_field_is_reported_at_once() -> None:
    assert check(FormInput()) == {
        "name": FieldError.REQUIRED,
        "phone": FieldError.REQUIRED,
        "best_time": FieldError.REQUIRED,
        "location": FieldError.REQUIRED,
        "duration": FieldError.REQUIRED,
        "consent": FieldError.CONSENT_NEEDED,
    }


def test_email_is_optional_but_checked_without_network() -> None:
    assert "email" not in check(FormInput(email=""))
    assert check(FormInput(email="not an address"))["email"] is FieldError.EMAIL_INVALID
    assert check(FormInput(email="ana@no-such-domain.invalid"))["email"] is not None
    result = check_form(
        replace(GOOD, email="ana@example.org"),
        region="US",
        locations=LOCATIONS,
    )
    assert result.request is not None and result.request.email == "ana@example.org"


def test_phone_numbers_are_parsed_for_the_clinic_region() -> None:
    assert check(FormInput(phone="12345"))["phone"] is FieldError.PHONE_INVALID
    assert check(FormInput(phone="call me"))["phone"] is FieldError.PHONE_INVALID
    result = check_form(
        replace(GOOD, phone="+34 612 345 678"),
        region="US",
        locations=LOCATIONS,
    )
    assert result.request is not None and result.request.phone == "+34612345678"
    spanish_local = check_form(
        replace(GOOD, phone="612 34 56 78"), region="ES", locations=LOCATIONS
    )
    assert spanish_local.request is not None and spanish_local.request.phone == "+34612345678"


def test_choices_must_come_from_the_lists() -> None:
    errors = check(
        FormInput(
            best_time="midnight", location="Elsewhere", duration="forever", pain_areas=("knee",)
        )
    )
    assert errors["best_time"] is FieldError.NOT_A_CHOICE
    assert errors["location"] is FieldError.NOT_A_CHOICE
    assert errors["duration"] is FieldError.NOT_A_CHOICE
    assert errors["pain_areas"] is FieldError.NOT_A_CHOICE
    assert set(BEST_TIMES) and set(DURATIONS)


def test_hip_areas_carry_the_side_and_old_bare_names_stay_valid() -> None:
    """Each hip area is marked per side (the patient's own); a request stored before sides
    were recorded ("groin") is still a valid answer: side not given, never refused."""
    assert PAIN_AREAS == (
        "groin-left",
        "groin-right",
        "outer-hip-left",
        "outer-hip-right",
        "buttock-left",
        "buttock-right",
        "low-back",
    )
    both = check_form(
        replace(GOOD, pain_areas=("outer-hip-right", "outer-hip-left")),
        region="US",
        locations=LOCATIONS,
    )
    assert both.request is not None
    assert both.request.pain_areas == ("outer-hip-left", "outer-hip-right")
    old = check_form(
        replace(GOOD, pain_areas=("groin", "low-back")), region="US", locations=LOCATIONS
    )
    assert old.request is not None and old.request.pain_areas == ("low-back", "groin")
    for wrong in ("groin-middle", "left", "Groin-Left", "low-back-left"):
        assert check(replace(GOOD, pain_areas=(wrong,)))["pain_areas"] is FieldError.NOT_A_CHOICE


def test_control_characters_are_removed_and_length_is_limited() -> None:
    assert clean_text("Ana\x00\u200b \n\t María\u202e", NAME_MAX) == "Ana María"
    long_name = check(replace(GOOD, name="a" * (NAME_MAX + 1)))
    assert long_name["name"] is FieldError.TOO_LONG
    only_controls = check(replace(GOOD, name="\x00\x07\u200b"))
    assert only_controls["name"] is FieldError.REQUIRED


def test_any_unicode_name_is_accepted() -> None:
    for name in ("李小龙", "Zoë O'Brien-Łukasiewicz", "محمد", "Nguyễn Thị Minh Khai", "😀 Joy"):
        result = check_form(replace(GOOD, name=name), region="US", locations=LOCATIONS)
        assert result.request is not None and result.request.name == name


@given(st.text(), st.text(), st.text(), st.text(), st.text(), st.lists(st.text(), max_size=5))
def test_any_input_gives_a_result_never_an_exception(
    name: str, phone: str, email: str, best_time: str, location: str, areas: list[str]
) -> None:
    result = check_form(
        FormInput(
            name=name,
            phone=phone,
            email=email,
            best_time=best_time,
            location=location,
            pain_areas=tuple(areas),
            duration="over-3-months",
            consent=True,
        ),
        region="US",
        locations=LOCATIONS,
    )
    assert (result.request is None) == bool(result.errors)
    if result.request is not None:
        assert result.request.name and len(result.request.name) <= NAME_MAX
        assert all(ord(ch) >= 32 for ch in result.request.name)
