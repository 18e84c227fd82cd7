"""Delivery channels (folder, HTTPS webhook, email) and the background worker that drives them.

Delivery is at least once, per channel: each channel's success is recorded separately, and the
receiver deduplicates by the request UUID (file name, ``Idempotency-Key`` header, Message-ID).
A failed attempt is retried forever, after an exponential backoff with full jitter capped at
``retry_max_seconds``; the schedule is kept in the outbox, so it survives restarts.

Failures are raised as :class:`DeliveryError` whose text is safe to log and store: an error
class and a status code, never a server's reply (an SMTP reply may echo an address) and never
anything the patient typed. Logs name request ids and channels only.
"""

from __future__ import annotations

import http.client
import logging
import random
import smtplib
import ssl
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable, Sequence
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from typing import Protocol

from kiosk.config import Config
from kiosk.visit.crypto import SealError
from kiosk.visit.drop import FolderChannel
from kiosk.visit.errors import DeliveryError, Refused, describe
from kiosk.visit.model import VisitRequest
from kiosk.visit.outbox import Outbox
from kiosk.visit.payload import to_email_text, to_fhir_bytes, to_json_bytes

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 15.0
BASE_DELAY_SECONDS = 2.0
MIN_DELAY_SECONDS = 1.0
IDLE_POLL_SECONDS = 60.0


class Channel(Protocol):
    """A way to hand a request to the clinic. ``deliver`` raises DeliveryError to retry."""

    name: str

    def deliver(self, request: VisitRequest) -> None: ...


def _tls_context(ca_file: Path | None) -> ssl.SSLContext:
    """Certificate-verifying context: system roots plus ``ca_file`` if given."""
    context = ssl.create_default_context()
    if ca_file is not None:
        context.load_verify_locations(cafile=ca_file)
    return context


class WebhookChannel:
    """HTTPS POST of JSON (or a FHIR R4 Appointment); 2xx and 409 are success."""

    name = "webhook"

    def __init__(
        self,
        url: str,
        *,
        fhir: bool = False,
        ca_file: Path | None = None,
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise ValueError("the webhook address must start with https://")
        self._parts = parts
        self.fhir = fhir
        self.ca_file = ca_file
        self.timeout = timeout

    def deliver(self, request: VisitRequest) -> None:
        parts = self._parts
        body = to_fhir_bytes(request) if self.fhir else to_json_bytes(request)
        kind = "application/fhir+json" if self.fhir else "application/json"
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            context = _tls_context(self.ca_file)
            assert parts.hostname is not None
            conn = http.client.HTTPSConnection(
                parts.hostname, parts.port, timeout=self.timeout, context=context
            )
            try:
                conn.request(
                    "POST",
                    path,
                    body=body,
                    headers={
                        "Content-Type": f"{kind}; charset=utf-8",
                        "Idempotency-Key": str(request.id),
                        "User-Agent": "hip-kiosk",
                    },
                )
                response = conn.getresponse()
                response.read(65536)
                status = response.status
            finally:
                conn.close()
        except (OSError, http.client.HTTPException, ValueError) as error:
            raise DeliveryError(describe(error)) from None
        if not (200 <= status < 300 or status == 409):
            raise DeliveryError(f"HTTP {status}")


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
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        self.host, self.port = host, port
        self.sender, self.recipient = sender, recipient
        self.user, self.password_file = user, password_file
        self.ca_file = ca_file
        self.timeout = timeout

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

    def deliver(self, request: VisitRequest) -> None:
        try:
            password = ""
            if self.user and self.password_file is not None:
                password = self.password_file.read_text(encoding="utf-8").strip()
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                smtp.ehlo()
                smtp.starttls(context=_tls_context(self.ca_file))
                smtp.ehlo()
                if self.user:
                    smtp.login(self.user, password)
                smtp.send_message(self.message(request))
        except (OSError, smtplib.SMTPException, ValueError, UnicodeError) as error:
            raise DeliveryError(describe(error)) from None


def message_id(request: VisitRequest) -> str:
    """The Message-ID of a request's email: the same for every retry, so duplicates dedupe."""
    return f"<visit-{request.id}@hip-kiosk.invalid>"


def channels_from_config(config: Config, data_dir: Path) -> list[Channel]:
    """The channels named in ``config.delivery`` (already checked by :mod:`kiosk.config`)."""
    settings = config.delivery
    made: list[Channel] = []
    for name in settings.channels:
        if name == "folder":
            made.append(
                FolderChannel(
                    settings.folder or data_dir / "outgoing",
                    recipient=settings.folder_recipient,
                    plain=settings.folder_plain,
                )
            )
        elif name == "webhook":
            made.append(
                WebhookChannel(
                    settings.webhook_url,
                    fhir=settings.webhook_fhir,
                    ca_file=settings.webhook_ca_file,
                )
            )
        elif name == "email":
            made.append(
                EmailChannel(
                    settings.smtp_host,
                    settings.smtp_port,
                    sender=settings.email_from,
                    recipient=settings.email_to,
                    user=settings.smtp_user,
                    password_file=settings.smtp_password_file,
                    ca_file=settings.smtp_ca_file,
                )
            )
    return made or [
        FolderChannel(
            data_dir / "outgoing",
            recipient=settings.folder_recipient,
            plain=settings.folder_plain,
        )
    ]


def backoff_delay(attempts: int, cap: float, rng: random.Random) -> float:
    """Seconds before the next try after ``attempts`` failures: full jitter, at least 1 s."""
    ceiling = min(cap, BASE_DELAY_SECONDS * 2.0 ** min(attempts, 40))
    return max(MIN_DELAY_SECONDS, rng.uniform(0.0, ceiling))


class DeliveryWorker(threading.Thread):
    """Delivers due requests in the background until :meth:`stop`; :meth:`wake` to hurry."""

    def __init__(
        self,
        outbox: Outbox,
        channels: Sequence[Channel],
        *,
        retry_max_seconds: float = 900.0,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(name="visit-delivery", daemon=True)
        self.outbox = outbox
        self.channels = {channel.name: channel for channel in channels}
        self.retry_max_seconds = retry_max_seconds
        self.clock = clock
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._wakeup = threading.Event()
        self._stopping = threading.Event()

    def wake(self) -> None:
        """Try due requests now (call after a submit)."""
        self._wakeup.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the attempt in progress and end the thread."""
        self._stopping.set()
        self._wakeup.set()
        if self.is_alive():
            self.join(timeout)

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.run_once()
            except Exception as error:  # the worker must outlive a bad pass; retried later
                log.error("delivery pass failed (%s); retrying", type(error).__name__)
            if self._stopping.is_set():
                break
            self._pause(self._seconds_to_next())

    def _seconds_to_next(self) -> float:
        try:
            due_at = self.outbox.next_due_at()
        except Exception:
            return MIN_DELAY_SECONDS
        if due_at is None:
            return IDLE_POLL_SECONDS
        return min(IDLE_POLL_SECONDS, max(0.0, due_at - self.clock()))

    def _pause(self, seconds: float) -> None:
        if self._wakeup.is_set():
            self._wakeup.clear()
            return
        if self._sleep is not None:
            self._sleep(seconds)
        else:
            self._wakeup.wait(seconds)
        self._wakeup.clear()

    def run_once(self) -> int:
        """One pass over every due request; returns the number of attempts made."""
        made = 0
        for due in self.outbox.due(self.clock()):
            if self._stopping.is_set():
                break
            try:
                request = self.outbox.load(due.request_id)
            except (SealError, ValueError, KeyError, TypeError) as error:
                log.error("request %s cannot be opened (%s)", due.request_id, type(error).__name__)
                for name in due.channels:
                    self._failed(due.request_id, name, "cannot be opened: " + str(error))
                continue
            for name in due.channels:
                channel = self.channels.get(name)
                if channel is None:
                    continue  # not configured in this run; the outbox keeps it pending
                made += 1
                self._attempt(request, channel)
        return made

    def _attempt(self, request: VisitRequest, channel: Channel) -> None:
        try:
            channel.deliver(request)
        except DeliveryError as error:
            self._failed(request.id, channel.name, str(error))
            return
        except Exception as error:  # a bug in a channel must not stop the others
            self._failed(request.id, channel.name, describe(error))
            return
        done = self.outbox.record_success(request.id, channel.name, self.clock())
        log.info("request %s delivered by %s%s", request.id, channel.name, " (all)" * done)

    def _failed(self, rid: uuid.UUID, channel: str, error: str) -> None:
        attempts = self.outbox.attempts(rid, channel) + 1
        now = self.clock()
        retry_at = now + backoff_delay(attempts, self.retry_max_seconds, self._rng)
        self.outbox.record_failure(rid, channel, now, error, retry_at)
        log.warning(
            "request %s: %s attempt %d failed (%s); next try in %.0f s",
            rid,
            channel,
            attempts,
            error,
            retry_at - now,
        )


__all__ = [
    "Channel",
    "DeliveryError",
    "DeliveryWorker",
    "EmailChannel",
    "FolderChannel",
    "Refused",
    "WebhookChannel",
    "backoff_delay",
    "channels_from_config",
    "describe",
    "message_id",
]
