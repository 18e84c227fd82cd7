"""Tests for kiosk.visit.payload: JSON round trip, FHIR R4 Appointment, email text, and
hostile input (anything typed into the form is checked, sealed, stored and rendered)."""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from pathlib import Path

from fhir.resources.R4B.appointment import Appointment
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.visit.model import BEST_TIMES, DURATIONS, PAIN_AREAS, FormInput, check_form
from kiosk.visit.outbox import Outbox
from kiosk.visit.payload import (
    from_json_dict,
    pain_area_words,
    to_email_text,
    to_fhir_appointment,
    to_fhir_bytes,
    to_json_bytes,
    to_json_dict,
)
from tests.unit.visit.samples import LOCATIONS, make_request, utc


def test_json_round_trip_is_exact() -> None:
    request = make_request(1, now=utc())
    assert from_json_dict(json.loads(to_json_bytes(request))) == request
    data = to_json_dict(request)
    assert data["id"] == str(request.id) and data["phone"] == "+13125550101"


def test_fhir_appointment_validates_as_r4b() -> None:
    request = make_request(2, now=utc())
    appointment = Appointment.model_validate(json.loads(to_fhir_bytes(request)))
    assert appointment.status == "proposed"
    assert appointment.identifier is not None
    assert appointment.identifier[0].value == request.id.urn
    patient = to_fhir_appointment(request)["contained"][0]
    assert patient["name"][0]["text"] == request.name
    assert {t["value"] for t in patient["telecom"]} == {request.phone, request.email}


def test_fhir_without_email_and_odd_language() -> None:
    request = make_request(3, email="")
    request = replace(request, language="??")
    Appointment.model_validate(to_fhir_appointment(request))


def test_fhir_codes_the_kiosk_language_codes_only() -> None:
    def language_of(code: str) -> dict[str, object]:
        request = replace(base, language=code)
        patient = to_fhir_appointment(request)["contained"][0]
        language: dict[str, object] = patient["communication"][0]["language"]
        return language

    base = make_request(5)
    coded = {"coding": [{"system": "urn:ietf:bcp:47", "code": "pt-BR"}]}
    assert language_of("pt-BR") == coded
    assert language_of("en not a code") == {"text": "en not a code"}
    assert language_of("") == {"text": "unknown"}


def test_email_text_names_everything() -> None:
    request = make_request(4)
    text = to_email_text(request)
    for value in (request.name, request.phone, request.email, request.reference):
        assert value in text


def test_pain_areas_are_worded_for_staff_with_the_side() -> None:
    request = replace(
        make_request(6),
        pain_areas=("groin-left", "outer-hip-left", "outer-hip-right", "buttock-right", "low-back"),
    )
    words = "groin (left side), outer hip (both sides), buttock (right side), low back"
    assert pain_area_words(request.pain_areas) == words
    assert f"Pain areas: {words}\n" in to_email_text(request)
    assert to_fhir_appointment(request)["reasonCode"] == [{"text": f"Hip pain: {words}"}]
    assert f"Pain areas: {words}." in to_fhir_appointment(request)["comment"]
    data = to_json_dict(request)
    assert data["pain_areas"] == list(request.pain_areas)  # the codes, for a clinic system
    assert data["pain_areas_text"] == words
    assert pain_area_words(()) == ""
    assert "Pain areas: (not given)" in to_email_text(replace(request, pain_areas=()))


def test_requests_stored_before_sides_still_read_and_word() -> None:
    """An outbox filled by the previous version holds bare names: they load and read plainly."""
    old = replace(make_request(7), pain_areas=("groin", "buttock", "low-back"))
    data = to_json_dict(old)
    del data["pain_areas_text"]  # the previous version did not write it
    restored = from_json_dict(data)
    assert restored == old
    assert pain_area_words(restored.pain_areas) == (
        "groin (side not given), buttock (side not given), low back"
    )
    assert pain_area_words(("groin", "groin-left")) == "groin (left side)"
    assert pain_area_words(("knee",)) == "knee"  # unknown: passed on, never dropped


TEXT = st.text(max_size=120)
PHONES = TEXT | st.sampled_from(["+1 312 555 0123", "312-555-0199", "+44 20 7946 0958"])
EMAILS = TEXT | st.emails().map(str)
FORMS = st.builds(
    FormInput,
    name=TEXT | st.text(min_size=1, max_size=80).map(lambda t: "A" + t),
    phone=PHONES,
    email=EMAILS,
    best_time=st.sampled_from(BEST_TIMES) | st.sampled_from(BEST_TIMES) | TEXT,
    location=st.sampled_from(LOCATIONS) | st.sampled_from(LOCATIONS) | TEXT,
    pain_areas=st.lists(TEXT | st.sampled_from(PAIN_AREAS), max_size=4).map(tuple),
    duration=st.sampled_from(DURATIONS) | st.sampled_from(DURATIONS) | TEXT,
    consent=st.just(True) | st.booleans(),
    language=TEXT,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FORMS)
def test_any_input_never_crashes_and_round_trips(form: FormInput) -> None:
    result = check_form(form, region="US", locations=LOCATIONS)
    if result.request is None:
        return
    request = result.request
    assert from_json_dict(json.loads(to_json_bytes(request))) == request
    json.loads(to_fhir_bytes(request))
    to_email_text(request)
    with tempfile.TemporaryDirectory() as folder:
        outbox = Outbox(Path(folder), ["folder"])
        outbox.submit(request)
        assert outbox.load(request.id) == request
        outbox.close()
