"""What a delivered request looks like: plain JSON, a FHIR R4 Appointment, a plain-text email.

The JSON form is also what the outbox seals, so :func:`from_json_dict` restores exactly the
:class:`~kiosk.visit.model.VisitRequest` that was submitted. The FHIR form is an R4
``Appointment`` with status ``proposed`` (a patient asking for a visit, not a booked slot); the
patient is a contained ``Patient`` resource with name, phone, email and language.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from kiosk.content.names import is_language_code
from kiosk.visit.model import (
    ACCEPTED_PAIN_AREAS,
    LEGACY_PAIN_AREAS,
    SIDED_AREAS,
    SIDES,
    VisitRequest,
)

SCHEMA = "hip-kiosk/visit-request/1"
IDENTIFIER_SYSTEM = "urn:ietf:rfc:3986"

AREA_WORDS = {
    "groin": "groin",
    "outer-hip": "outer hip",
    "buttock": "buttock",
    "low-back": "low back",
}
"""How staff read each body-map area (the clinic's working language is English)."""


def pain_area_words(areas: tuple[str, ...]) -> str:
    """The body-map answers in words for staff, e.g. "groin (left side), outer hip (both
    sides), low back"; "" when none were marked.

    A side is the patient's own. A bare area name (a request stored before sides were
    recorded) reads "side not given"; a value this kiosk does not know is passed on as it is,
    never dropped.
    """
    words: list[str] = []
    for area, word in AREA_WORDS.items():
        if area not in SIDED_AREAS:
            words += [word] if area in areas else []
            continue
        sides = [side for side in SIDES if f"{area}-{side}" in areas]
        if len(sides) == len(SIDES):
            words.append(f"{word} (both sides)")
        elif sides:
            words.append(f"{word} ({sides[0]} side)")
        elif area in LEGACY_PAIN_AREAS and area in areas:
            words.append(f"{word} (side not given)")
    words += [area for area in areas if area not in ACCEPTED_PAIN_AREAS]
    return ", ".join(words)


def to_json_dict(request: VisitRequest) -> dict[str, Any]:
    """Every field of ``request`` as JSON-ready values (timestamps in ISO 8601, UTC)."""
    return {
        "schema": SCHEMA,
        "id": str(request.id),
        "reference": request.reference,
        "created_at": request.created_at.isoformat(),
        "name": request.name,
        "phone": request.phone,
        "email": request.email,
        "best_time": request.best_time,
        "location": request.location,
        "pain_areas": list(request.pain_areas),
        "pain_areas_text": pain_area_words(request.pain_areas),
        "duration": request.duration,
        "language": request.language,
        "consent": request.consent,
    }


def _utf8_json(data: dict[str, Any], indent: int | None = None) -> bytes:
    """UTF-8 JSON; text that cannot be UTF-8 (a lone surrogate) is written as \\u escapes."""
    try:
        return json.dumps(data, ensure_ascii=False, indent=indent).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data, ensure_ascii=True, indent=indent).encode("ascii")


def to_json_bytes(request: VisitRequest) -> bytes:
    """UTF-8 JSON of :func:`to_json_dict` (non-ASCII kept as is; always valid JSON)."""
    return _utf8_json(to_json_dict(request), indent=2)


def from_json_dict(data: dict[str, Any]) -> VisitRequest:
    """The request :func:`to_json_dict` was made from; ValueError/KeyError/TypeError if not."""
    return VisitRequest(
        id=uuid.UUID(str(data["id"])),
        created_at=dt.datetime.fromisoformat(str(data["created_at"])),
        name=str(data["name"]),
        phone=str(data["phone"]),
        email=str(data["email"]),
        best_time=str(data["best_time"]),
        location=str(data["location"]),
        pain_areas=tuple(str(area) for area in data["pain_areas"]),
        duration=str(data["duration"]),
        language=str(data["language"]),
        consent=bool(data["consent"]),
    )


def _summary(request: VisitRequest) -> str:
    areas = pain_area_words(request.pain_areas) or "not given"
    return (
        f"Best time to call: {request.best_time}. Pain for: {request.duration}. "
        f"Pain areas: {areas}. Location: {request.location}. Language: {request.language}. "
        f"Kiosk reference: {request.reference}."
    )


def to_fhir_appointment(request: VisitRequest) -> dict[str, Any]:
    """A FHIR R4 ``Appointment`` (status ``proposed``) for ``request``."""
    telecom = [{"system": "phone", "value": request.phone, "use": "mobile"}]
    if request.email:
        telecom.append({"system": "email", "value": request.email})
    patient = {
        "resourceType": "Patient",
        "id": "patient",
        "name": [{"text": request.name}],
        "telecom": telecom,
        "communication": [
            {
                "language": (
                    {"coding": [{"system": "urn:ietf:bcp:47", "code": request.language}]}
                    if is_language_code(request.language)
                    else {"text": request.language or "unknown"}
                ),
                "preferred": True,
            }
        ],
    }
    return {
        "resourceType": "Appointment",
        "contained": [patient],
        "identifier": [{"system": IDENTIFIER_SYSTEM, "value": request.id.urn}],
        "status": "proposed",
        "serviceCategory": [{"text": "Physical therapy"}],
        "reasonCode": [
            {"text": "Hip pain: " + (pain_area_words(request.pain_areas) or "not given")}
        ],
        "description": "Visit requested at the waiting-room kiosk",
        "created": request.created_at.astimezone(dt.UTC).isoformat(),
        "comment": _summary(request),
        "participant": [
            {
                "actor": {"reference": "#patient", "display": request.name},
                "required": "required",
                "status": "needs-action",
            }
        ],
    }


def to_fhir_bytes(request: VisitRequest) -> bytes:
    """UTF-8 JSON of :func:`to_fhir_appointment`."""
    return _utf8_json(to_fhir_appointment(request))


def to_email_text(request: VisitRequest) -> str:
    """The plain-text body of the email to the clinic."""
    lines = [
        "A patient asked for a visit at the waiting-room kiosk.",
        "",
        f"Name: {request.name}",
        f"Phone: {request.phone}",
        f"Email: {request.email or '(not given)'}",
        f"Best time to call: {request.best_time}",
        f"Location: {request.location}",
        f"Pain areas: {pain_area_words(request.pain_areas) or '(not given)'}",
        f"Pain for: {request.duration}",
        f"Language: {request.language}",
        f"Submitted: {request.created_at.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"Reference: {request.reference} (request {request.id})",
    ]
    return "\n".join(lines) + "\n"
