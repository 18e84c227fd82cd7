"""The network channels (HTTPS webhook, email) and building every channel from the settings.

Each attempt is bounded in total time (``delivery.attempt_seconds``, see
:mod:`kiosk.visit.deadline`) and cut at once by :meth:`close` when the kiosk stops. A receiver
that says "not now" (HTTP 429/503 ... with ``Retry-After``) has its wait passed on in
:attr:`DeliveryError.retry_after`; one that says "never" (HTTP 4xx but 408, 425 and 429, SMTP
5xx, a mail server without STARTTLS) raises :class:`Refused`: retried all the same, flagged for
staff. Error texts name an error class and a status code only.

:func:`channels_from_config` leaves out a channel that cannot be built (naming it and the
setting in the log) and keeps the others; with none left, the folder channel.
"""

from __future__ import annotations

import datetime as dt
import http.client
import logging
import smtplib
import socket
import ssl
import time
import urllib.parse
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from typing import Protocol, runtime_checkable

from kiosk.config import Config, DeliveryConfig
from kiosk.config_delivery import (
    email_address_problem,
    smtp_host_problem,
    webhook_url_problem,
)
from kiosk.visit.deadline import Attempt, AttemptGuard
from kiosk.visit.drop import FolderChannel
from kiosk.visit.errors import DeliveryError, Refused, SettingError, describe
from kiosk.visit.model import VisitRequest
from kiosk.visit.payload import to_email_text, to_fhir_bytes, to_json_bytes

log = logging.getLogger(__name__)
ATTEMPT_SECONDS = 30.0
"""Default bound on one attempt in all (``delivery.attempt_seconds``)."""
HTTPS_PORT = 443
RESPONSE_BYTES = 65536
"""How much of a webhook's answer is read (its body is not used)."""
RETRYABLE_4XX = frozenset({408, 425, 429})
"""4xx statuses that mean "try again" (timeout, too early, too many requests)."""


class Channel(Protocol):
    """A way to hand a request to the clinic. ``deliver`` raises DeliveryError to retry."""

    name: str

    def deliver(self, request: VisitRequest) -> None: ...


@runtime_checkable
class Closable(Protocol):
    """A channel whose attempt in progress can be cut (the network ones)."""

    def close(self) -> None: ...


def _tls_context(ca_file: Path | None) -> ssl.SSLContext:
    """Certificate-verifying context: system roots plus ``ca_file`` if given."""
    context = ssl.create_default_context()
    if ca_file is not None:
        context.load_verify_locations(cafile=ca_file)
    return context


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """An HTTP ``Retry-After`` (seconds, or an HTTP-date) as seconds from ``now``; None if bad."""
    if value is None:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        return float(min(int(text[:12]), 10**9))
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, when.timestamp() - now)


def status_error(status: int, retry_after: float | None) -> DeliveryError | None:
    """What an HTTP status means for delivery: None for success (2xx, 409: a duplicate)."""
    if 200 <= status < 300 or status == 409:
        return None
    kind = Refused if 400 <= status < 500 and status not in RETRYABLE_4XX else DeliveryError
    return kind(f"HTTP {status}", retry_after=retry_after)


class _GuardedHTTPS(http.client.HTTPSConnection):
    """An HTTPS connection whose socket is opened (and watched) by an :class:`Attempt`."""

    def __init__(self, host: str, port: int, context: ssl.SSLContext, attempt: Attempt) -> None:
        super().__init__(host, port, timeout=attempt.seconds, context=context)
        self._attempt = attempt
        self._tls = context

    def connect(self) -> None:
        sock = self._attempt.connect(self.host, self.port)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)


class WebhookChannel:
    """HTTPS POST of JSON (or a FHIR R4 Appointment); 2xx and 409 are success."""

    name = "webhook"

    def __init__(
        self,
        url: str,
        *,
        fhir: bool = False,
        ca_file: Path | None = None,
        attempt_seconds: float = ATTEMPT_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        problem = webhook_url_problem(url)
        if problem is not None:
            raise SettingError("delivery.webhook_url", problem)
        parts = urllib.parse.urlsplit(url)
        assert parts.hostname is not None  # checked above
        # Always a port: without one http.client reads the end of an IPv6 host as the port.
        self.host, self.port = parts.hostname, parts.port or HTTPS_PORT
        self.path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self.fhir = fhir
        self.ca_file = ca_file
        self._clock = clock
        self._guard = AttemptGuard(attempt_seconds)

    def deliver(self, request: VisitRequest) -> None:
        body = to_fhir_bytes(request) if self.fhir else to_json_bytes(request)
        kind = "application/fhir+json" if self.fhir else "application/json"
        headers = {
            "Content-Type": f"{kind}; charset=utf-8",
            "Idempotency-Key": str(request.id),
            "User-Agent": "hip-kiosk",
        }
        with self._guard.attempt() as attempt:
            try:
                conn = _GuardedHTTPS(self.host, self.port, _tls_context(self.ca_file), attempt)
                try:
                    conn.request("POST", self.path, body=body, headers=headers)
                    response = conn.getresponse()
                    wait = retry_after_seconds(response.getheader("Retry-After"), self._clock())
                    response.read(RESPONSE_BYTES)
                    status = response.status
                finally:
                    conn.close()
            except (OSError, http.client.HTTPException, ValueError) as error:
                raise attempt.failure() or DeliveryError(describe(error)) from None
        failure = status_error(status, wait)
        if failure is not None:
            raise failure

    def close(self) -> None:
        """Cut the attempt in progress; no new attempt starts."""
        self._guard.close()


class _GuardedSMTP(smtplib.SMTP):
    """An SMTP session whose socket is opened (and watched) by an :class:`Attempt`."""

    def __init__(self, attempt: Attempt, host: str, port: int) -> None:
        self._attempt = attempt  # before connecting, which the base class does at once
        super().__init__(host, port, timeout=attempt.seconds)

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        return self._attempt.connect(host, port)


def smtp_error(error: Exception) -> DeliveryError:
    """A failed SMTP session as a DeliveryError; permanent (5xx) replies are :class:`Refused`."""
    text = describe(error)
    if isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600:
        return Refused(text)
    if isinstance(error, smtplib.SMTPRecipientsRefused) and all(
        500 <= code < 600 for code, _ in error.recipients.values()
    ):
        return Refused(text)
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return Refused(f"{text} (the mail server offers no STARTTLS)")
    return DeliveryError(text)


class EmailChannel:
    """A plain-text email over SMTP with STARTTLS (certificate verified) and optional login."""

    name = "email"

    def __init__(
        self,
        host: str,
        port: int,
        *,
        sender: str,
        recipient: str,
        user: str = "",
        password_file: Path | None = None,
        ca_file: Path | None = None,
        attempt_seconds: float = ATTEMPT_SECONDS,
    ) -> None:
        for key, value, check in (
            ("delivery.smtp_host", host, smtp_host_problem),
            ("delivery.email_from", sender, email_address_problem),
            ("delivery.email_to", recipient, email_address_problem),
        ):
            problem = check(value) if value else "is empty"
            if problem is not None:
                raise SettingError(key, problem)
        self.host, self.port = host, port
        self.sender, self.recipient = sender, recipient
        self.user, self.password_file = user, password_file
        self.ca_file = ca_file
        self._guard = AttemptGuard(attempt_seconds)

    def message(self, request: VisitRequest) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = self.recipient
        message["Subject"] = f"Visit request {request.reference}"
        message["Date"] = formatdate(request.created_at.timestamp(), usegmt=True)
        message["Message-ID"] = message_id(request)
        message["X-Kiosk-Request-Id"] = str(request.id)
        message.set_content(to_email_text(request), cte="quoted-printable")
        return message

    def _password(self) -> str:
        if not self.user or self.password_file is None:
            return ""
        try:
            return self.password_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeError) as error:  # the channel is not set up: needs IT
            raise Refused(f"{describe(error)} reading delivery.smtp_password_file") from None

    def deliver(self, request: VisitRequest) -> None:
        password = self._password()
        message = self.message(request)
        with self._guard.attempt() as attempt:
            try:
                with _GuardedSMTP(attempt, self.host, self.port) as smtp:
                    smtp.ehlo()
                    smtp.starttls(context=_tls_context(self.ca_file))
                    smtp.ehlo()
                    if self.user:
                        smtp.login(self.user, password)
                    smtp.send_message(message)
            except (OSError, smtplib.SMTPException, ValueError, UnicodeError) as error:
                raise attempt.failure() or smtp_error(error) from None

    def close(self) -> None:
        """Cut the attempt in progress; no new attempt starts."""
        self._guard.close()


def message_id(request: VisitRequest) -> str:
    """The Message-ID of a request's email: the same for every retry, so duplicates dedupe."""
    return f"<visit-{request.id}@hip-kiosk.invalid>"


CHANNEL_KEYS = {
    "folder": "delivery.folder, delivery.folder_recipient",
    "webhook": "delivery.webhook_url, delivery.webhook_ca_file",
    "email": "delivery.smtp_host, delivery.email_from, delivery.email_to",
}
"""The settings to look at when a channel cannot be built for a reason that names none."""


def _build(name: str, settings: DeliveryConfig, data_dir: Path) -> Channel:
    seconds = float(settings.attempt_seconds)
    if name == "webhook":
        return WebhookChannel(
            settings.webhook_url,
            fhir=settings.webhook_fhir,
            ca_file=settings.webhook_ca_file,
            attempt_seconds=seconds,
        )
    if name == "email":
        return EmailChannel(
            settings.smtp_host,
            settings.smtp_port,
            sender=settings.email_from,
            recipient=settings.email_to,
            user=settings.smtp_user,
            password_file=settings.smtp_password_file,
            ca_file=settings.smtp_ca_file,
            attempt_seconds=seconds,
        )
    if name == "folder":
        return FolderChannel(
            settings.folder or data_dir / "outgoing",
            recipient=settings.folder_recipient,
            plain=settings.folder_plain,
        )
    raise SettingError("delivery.channels", f"{name!r} is not a channel")


def channels_from_config(config: Config, data_dir: Path) -> list[Channel]:
    """The channels named in ``config.delivery`` that can be built; the folder one if none can.

    A channel that cannot be built is left out with a log line naming it and its setting; the
    others still work. Raises only if not even the default folder channel can be built.
    """
    settings = config.delivery
    made: list[Channel] = []
    for name in dict.fromkeys(settings.channels):
        try:
            made.append(_build(name, settings, data_dir))
        except SettingError as error:
            log.error("the %s channel is left out: %s %s", name, error.key, error.reason)
        except Exception as error:  # any fault in one channel's set-up drops only that channel
            log.error(
                "the %s channel is left out: it cannot be set up (%s); check %s",
                name,
                describe(error),
                CHANNEL_KEYS.get(name, "the delivery settings"),
            )
    if made:
        return made
    log.warning("no delivery channel could be set up; using the folder channel")
    return [
        FolderChannel(
            data_dir / "outgoing",
            recipient=settings.folder_recipient,
            plain=settings.folder_plain,
        )
    ]
