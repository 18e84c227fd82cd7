"""How a delivery attempt fails, in words that are safe to log and store.

A channel raises :class:`DeliveryError` (try again later) or :class:`Refused` (the receiver
said no in a way that repeating the same request will not change: HTTP 400, SMTP 554, a channel
that is not set up). Both are retried -- nothing a patient sent is ever dropped -- but a refusal
is flagged so staff see that it needs a person. :class:`Aborted` is an attempt cut short because
the kiosk is stopping: it is not counted at all, and the request is tried again at the next
start. The text names an error class and a status code, never a server's reply (an SMTP reply
may echo an address) and never what the patient typed.

:class:`SettingError` is a channel that cannot be built from its settings; it names the setting,
so the log can say which one to fix.
"""

from __future__ import annotations

import smtplib
import ssl


class DeliveryError(Exception):
    """A retryable failure; its text names the kind of error only (no patient data).

    ``retry_after`` is the receiver's own wait in seconds (HTTP ``Retry-After``), if it sent one.
    """

    def __init__(self, text: str, *, retry_after: float | None = None) -> None:
        super().__init__(text)
        self.retry_after = retry_after


class Refused(DeliveryError):
    """The receiver refused the request outright, or the channel is not set up: still retried,
    but flagged for staff ("needs attention")."""


class Aborted(DeliveryError):
    """The attempt was cut because the kiosk is stopping; not a failure of the channel."""


class SettingError(ValueError):
    """A channel's setting ``key`` (e.g. ``delivery.webhook_url``) cannot be used: ``reason``."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"{key}: {reason}")
        self.key = key
        self.reason = reason


def describe(error: BaseException) -> str:
    """A patient-data-free description of ``error``: its class, and a code where there is one."""
    name = type(error).__name__
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{name} {error.smtp_code}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({str(code) for code, _ in error.recipients.values()})
        return f"{name} {' '.join(codes)}"
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"{name} (certificate not trusted: {error.verify_code})"
    if isinstance(error, ssl.SSLError):
        return f"{name} ({error.reason})"
    if isinstance(error, OSError) and error.errno is not None:
        return f"{name} (errno {error.errno})"
    return name
