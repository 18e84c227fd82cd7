"""The delivery settings' own checks: a bad channel setting drops only that channel.

:func:`check_delivery` runs after ``[delivery]`` is read. Each address is checked in full --
the webhook URL (:func:`webhook_url_problem`), the mail server name (:func:`smtp_host_problem`)
and the email addresses (:func:`email_address_problem`, email-validator without DNS) -- and a
bad one is reported by key, cleared, and its channel left out, as is a channel missing a
setting it needs. When no channel is left, folder is used so nothing is lost.

The channels (:mod:`kiosk.visit.channels`) use the same functions, so whatever ``kiosk config
check`` accepts builds a channel, and a URL's user name or password never reaches a message.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import re
from typing import TYPE_CHECKING

from kiosk.config_schema import ConfigProblem, show

if TYPE_CHECKING:
    from kiosk.config import DeliveryConfig

_URL = re.compile(
    r"https://(?P<host>\[[^\]/?#]*\]|[^:/?#\[\]]*)(?::(?P<port>[^/?#]*))?(?P<rest>[/?#].*)?",
    re.DOTALL,
)
_LABEL = re.compile(r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)")
_PRINTABLE_ASCII = re.compile(r"[\x21-\x7e]+")

URL_RULE = "an https:// address with a host name, no spaces, user name or password"
HOST_RULE = "a host name or IP address"
ADDRESS_RULE = "a plain email address such as desk@clinic.example"


def host_problem(host: str) -> str | None:
    """Why ``host`` is not a usable host name or IP address (None when it is)."""
    try:
        ipaddress.ip_address(host)
        return None
    except ValueError:
        pass
    if re.fullmatch(r"[0-9.]+", host):
        return "is not a valid IP address"
    name = host.removesuffix(".")
    if not name or len(name) > 253 or not all(_LABEL.fullmatch(p) for p in name.split(".")):
        return (
            "is not a valid host name (letters, digits, hyphens and dots; an international "
            "name in its xn-- form)"
        )
    return None


def webhook_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the webhook address (None when it can)."""
    if not url.startswith("https://"):
        return "must start with https:// (plain http is refused)"
    if not _PRINTABLE_ASCII.fullmatch(url):
        return (
            "must be one line of plain ASCII without spaces (write %20 for a space, and an "
            "international host name in its xn-- form)"
        )
    authority = re.split(r"[/?#]", url[len("https://") :], maxsplit=1)[0]
    if "@" in authority:
        return (
            "must not hold a user name or password (they would be written to logs); the "
            "webhook must accept the kiosk without them"
        )
    found = _URL.fullmatch(url)
    if found is None:
        return "is not a valid address (https://host:port/path)"
    host, port = found["host"], found["port"]
    if not host:
        return "has no host name after https://"
    if host.startswith("["):
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            return "has a bracketed host that is not a valid IPv6 address"
    else:
        problem = host_problem(host)
        if problem:
            return f"host {problem}"
    if port and not (port.isdigit() and 1 <= int(port) <= 65535):
        return "has a port that is not a number between 1 and 65535"
    return None


def smtp_host_problem(host: str) -> str | None:
    """Why ``host`` cannot be the mail server name (None when it can)."""
    if re.search(r"[\s\x00-\x1f\x7f]", host):
        return "must be a host name without spaces"
    if re.fullmatch(r"[^:]+:[0-9]+", host):
        return "must be the host name only; put the port in delivery.smtp_port"
    problem = host_problem(host)
    return None if problem is None else problem


def email_address_problem(address: str) -> str | None:
    """Why ``address`` cannot be a sender or recipient (None when it can). No DNS lookup.

    Domains kept for private networks (``clinic.local``, ``mail.lan``) are accepted: the mail
    goes to the configured server, which knows them.
    """
    # Imported here: settings are read at start-up, and the attract screen must not wait for
    # the form's libraries (only an email channel's addresses need it).
    from email_validator import EmailNotValidError, validate_email

    if not address.isascii():
        return (
            "must be plain ASCII (write an international domain in its xn-- form; "
            "international names before the @ are not supported)"
        )
    try:
        validate_email(address, check_deliverability=False, globally_deliverable=False)
        return None
    except EmailNotValidError as error:
        first = str(error)
    local, at, domain = address.rpartition("@")
    if at and host_problem(domain) is None:
        try:  # a special-use domain (.local, .lan ...): check the part before the @ alone
            validate_email(f"{local}@example.com", check_deliverability=False)
            return None
        except EmailNotValidError:
            pass
    return f"is not a valid email address ({first[:1].lower()}{first[1:].rstrip('.')})"


def masked_url(url: str) -> str:
    """``url`` with anything before an ``@`` in its host part hidden (a user name, a password)."""
    return re.sub(r"^(https?://)[^/?#]*@", r"\1***@", url, flags=re.IGNORECASE)


_CHECKS = {
    "webhook_url": ("webhook", URL_RULE, webhook_url_problem),
    "smtp_host": ("email", HOST_RULE, smtp_host_problem),
    "email_from": ("email", ADDRESS_RULE, email_address_problem),
    "email_to": ("email", ADDRESS_RULE, email_address_problem),
}
CHANNEL_NEEDS = {"webhook": ("webhook_url",), "email": ("smtp_host", "email_from", "email_to")}


def check_delivery(delivery: DeliveryConfig, problems: list[ConfigProblem]) -> DeliveryConfig:
    """``delivery`` without bad channel settings, and with only the channels that can work.

    A bad value is reported by key and cleared; each channel missing a setting it needs (or
    whose setting was bad) is left out; folder is used if no channel is left.
    """
    bad: dict[str, str] = {}
    for key, (channel, rule, check) in _CHECKS.items():
        value: str = getattr(delivery, key)
        reason = check(value) if value else None
        if reason is None:
            continue
        bad[key] = reason
        tail = f"; the {channel} channel is not used" if channel in delivery.channels else ""
        problems.append(
            ConfigProblem(f"delivery.{key}", show(masked_url(value)), rule, reason + tail)
        )
    cleaned = dataclasses.replace(
        delivery,
        webhook_url="" if "webhook_url" in bad else delivery.webhook_url,
        smtp_host="" if "smtp_host" in bad else delivery.smtp_host,
        email_from="" if "email_from" in bad else delivery.email_from,
        email_to="" if "email_to" in bad else delivery.email_to,
    )
    kept: list[str] = []
    for channel in dict.fromkeys(delivery.channels):
        missing = [key for key in CHANNEL_NEEDS.get(channel, ()) if not getattr(cleaned, key)]
        if channel == "email" and cleaned.smtp_user and cleaned.smtp_password_file is None:
            missing.append("smtp_password_file")
        for key in missing:
            if key not in bad:  # a bad value was reported above, with its reason
                why = f"is needed by the {channel} channel; that channel is not used"
                problems.append(ConfigProblem(f"delivery.{key}", '""', "set", why))
        if not missing:
            kept.append(channel)
    channels = tuple(kept) or ("folder",)
    if channels == delivery.channels and not bad:
        return delivery
    return dataclasses.replace(cleaned, channels=channels)


def delivery_warnings(delivery: DeliveryConfig) -> list[str]:
    """Settings that are valid but that IT should know the cost of (``config check`` prints
    them without failing; start-up logs them)."""
    if "folder" not in delivery.channels:
        return []
    if delivery.folder_plain:
        return [
            "warning: delivery.folder_plain = true: requests are written as readable files in "
            "the drop folder; anyone who can open that folder can read them"
        ]
    if not delivery.folder_recipient:
        return [
            "warning: delivery.folder_recipient is empty: the folder channel keeps every "
            "request waiting in the kiosk's encrypted outbox until the clinic's public key is "
            "set (make a key pair with `kiosk inbox new-key`)"
        ]
    return []
