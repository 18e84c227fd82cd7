"""A patient's request for a visit, and the plain-word checks on what they typed.

The form sends raw text here; :func:`check_form` returns either a :class:`VisitRequest` ready
for the outbox or, per field, a :class:`FieldError` code the interface turns into words in
the patient's language. Nothing here logs or repeats what the patient typed: errors name the
field and the rule, never the value.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid
from dataclasses import dataclass, field
from enum import Enum

from kiosk.text import one_line

NAME_MAX = 80
EMAIL_MAX = 254
PHONE_MAX = 32

SIDED_AREAS = ("groin", "outer-hip", "buttock")
"""Hip areas the patient marks per side (``groin-left``, ``groin-right`` ...)."""
SIDES = ("left", "right")
"""The patient's own left and right (a front view shows the patient's left on the right)."""
PAIN_AREAS = (
    *(f"{area}-{side}" for area in SIDED_AREAS for side in SIDES),
    "low-back",
)
"""What the body map records, in its order. Requests stored before sides were recorded carry
the bare area names (``groin``, ``outer-hip``, ``buttock``): see :data:`LEGACY_PAIN_AREAS`."""
LEGACY_PAIN_AREAS = SIDED_AREAS
"""Areas without a side, as requests made before sides were recorded carry them. They stay
valid answers ("side not given", as kiosk.visit.payload words them) so no stored or restored
request is ever refused for one; the body map no longer offers them."""
ACCEPTED_PAIN_AREAS = (*PAIN_AREAS, *LEGACY_PAIN_AREAS)
BEST_TIMES = ("morning", "afternoon", "evening", "any")
DURATIONS = ("under-6-weeks", "6-weeks-to-3-months", "over-3-months")


class FieldError(Enum):
    """Why a field was not accepted; the UI words each one for the patient."""

    REQUIRED = "required"
    TOO_LONG = "too-long"
    PHONE_INVALID = "phone-invalid"
    EMAIL_INVALID = "email-invalid"
    NOT_A_CHOICE = "not-a-choice"
    CONSENT_NEEDED = "consent-needed"


@dataclass(frozen=True, slots=True)
class FormInput:
    """Exactly what the form holds, unchecked."""

    name: str = ""
    phone: str = ""
    email: str = ""
    best_time: str = ""
    location: str = ""
    pain_areas: tuple[str, ...] = ()
    duration: str = ""
    consent: bool = False
    language: str = "en"


@dataclass(frozen=True, slots=True)
class VisitRequest:
    """A checked request. ``phone`` is E.164 (``+13125550123``); ``email`` may be empty."""

    id: uuid.UUID
    created_at: dt.datetime
    name: str
    phone: str
    email: str
    best_time: str
    location: str
    pain_areas: tuple[str, ...]
    duration: str
    language: str
    consent: bool = True

    @property
    def reference(self) -> str:
        """Short code the patient can quote at the front desk (first 6 hex digits, grouped)."""
        code = self.id.hex[:6].upper()
        return f"{code[:3]}-{code[3:]}"


@dataclass(frozen=True, slots=True)
class FormResult:
    request: VisitRequest | None
    errors: dict[str, FieldError] = field(default_factory=dict)


def clean_text(text: str, limit: int) -> str:
    """Normalise (NFC), drop control and format characters, squeeze spaces, cap the length.

    The cap is applied after cleaning, so a name never loses letters to invisible characters;
    longer input is reported as TOO_LONG by the caller, not silently cut.
    """
    normal = unicodedata.normalize("NFC", text)
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in normal
        if ch.isspace() or unicodedata.category(ch)[0] != "C"
    )
    return one_line(kept, limit + 1)  # one more than allowed, so the caller sees TOO_LONG


def normalise_phone(raw: str, region: str) -> str | None:
    """The number in E.164 if it is a valid number for ``region`` (or has a +country code)."""
    import phonenumbers  # imported on first use: its metadata costs start-up time and memory

    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_form(
    form: FormInput,
    *,
    region: str,
    locations: tuple[str, ...],
    now: dt.datetime | None = None,
    new_id: uuid.UUID | None = None,
) -> FormResult:
    """Check every field; all problems are returned at once so the patient fixes them together."""
    errors: dict[str, FieldError] = {}

    name = clean_text(form.name, NAME_MAX)
    if not name:
        errors["name"] = FieldError.REQUIRED
    elif len(name) > NAME_MAX:
        errors["name"] = FieldError.TOO_LONG

    phone_text = clean_text(form.phone, PHONE_MAX)
    phone = ""
    if not phone_text:
        errors["phone"] = FieldError.REQUIRED
    elif len(phone_text) > PHONE_MAX:
        errors["phone"] = FieldError.TOO_LONG
    else:
        phone = normalise_phone(phone_text, region) or ""
        if not phone:
            errors["phone"] = FieldError.PHONE_INVALID

    email_text = clean_text(form.email, EMAIL_MAX)
    email = ""
    if len(email_text) > EMAIL_MAX:
        errors["email"] = FieldError.TOO_LONG
    elif email_text:
        from email_validator import EmailNotValidError, validate_email  # on first use, as above

        try:
            email = validate_email(email_text, check_deliverability=False).normalized
        except EmailNotValidError:
            errors["email"] = FieldError.EMAIL_INVALID

    if form.best_time not in BEST_TIMES:
        errors["best_time"] = FieldError.REQUIRED if not form.best_time else FieldError.NOT_A_CHOICE
    if form.location not in locations:
        errors["location"] = FieldError.REQUIRED if not form.location else FieldError.NOT_A_CHOICE
    if form.duration not in DURATIONS:
        errors["duration"] = FieldError.REQUIRED if not form.duration else FieldError.NOT_A_CHOICE
    if any(area not in ACCEPTED_PAIN_AREAS for area in form.pain_areas):
        errors["pain_areas"] = FieldError.NOT_A_CHOICE
    if not form.consent:
        errors["consent"] = FieldError.CONSENT_NEEDED

    if errors:
        return FormResult(None, errors)
    request = VisitRequest(
        id=new_id or uuid.uuid4(),
        created_at=now or dt.datetime.now(dt.UTC),
        name=name,
        phone=phone,
        email=email,
        best_time=form.best_time,
        location=form.location,
        pain_areas=tuple(area for area in ACCEPTED_PAIN_AREAS if area in form.pain_areas),
        duration=form.duration,
        language=form.language,
    )
    return FormResult(request)
