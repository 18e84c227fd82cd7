"""The webhook and email channels against real servers on loopback (HTTPS, SMTP + STARTTLS):
what counts as success, refusal and "later", the total time bound of an attempt, cutting an
attempt at shutdown, and building channels from settings that may be bad.
"""

from __future__ import annotations

import dataclasses
import http.client
import logging
import smtplib
import threading
import time
from email.utils import formatdate
from pathlib import Path

import pytest
import trustme
from fhir.resources.R4B.appointment import Appointment
from hypothesis import given
from hypothesis import strategies as st

from kiosk.config import Config, config_from_text
from kiosk.config_delivery import webhook_url_problem
from kiosk.visit.channels import (
    EmailChannel,
    WebhookChannel,
    channels_from_config,
    message_id,
    retry_after_seconds,
    smtp_error,
    status_error,
)
from kiosk.visit.desk import RequestDesk
from kiosk.visit.drop import FolderChannel
from kiosk.visit.errors import Aborted, DeliveryError, Refused, SettingError, describe
from tests.unit.visit.samples import make_request
from tests.unit.visit.servers import Dribbler, Mailbox, Receiver, server_context

# --- Webhook ----------------------------------------------------------------------------------


def test_an_ipv6_host_without_a_port_gets_443() -> None:
    channel = WebhookChannel("https://[::1]/visits")
    assert (channel.host, channel.port, channel.path) == ("::1", 443, "/visits")


def test_webhook_json_and_idempotency_key(https: Receiver, ca_file: Path) -> None:
    request = make_request(2)
    WebhookChannel(https.url, ca_file=ca_file).deliver(request)
    assert https.keys == [str(request.id)]
    assert https.bodies[0]["name"] == request.name
    assert https.content_types[0].startswith("application/json")


def test_webhook_fhir_validates(https: Receiver, ca_file: Path) -> None:
    request = make_request(3)
    WebhookChannel(https.url, fhir=True, ca_file=ca_file).deliver(request)
    body = dict(https.bodies[0])
    body.pop("id")  # added by the test receiver for counting
    appointment = Appointment.model_validate(body)
    assert appointment.status == "proposed"
    assert https.keys == [str(request.id)]


def test_webhook_statuses(https: Receiver, ca_file: Path) -> None:
    channel = WebhookChannel(https.url, ca_file=ca_file)
    answers = {500: DeliveryError, 503: DeliveryError, 408: DeliveryError, 429: DeliveryError}
    answers |= {425: DeliveryError, 400: Refused, 404: Refused, 401: Refused, 301: DeliveryError}
    https.statuses[:] = [*answers, 409]
    for status, kind in answers.items():
        with pytest.raises(DeliveryError, match=f"^HTTP {status}$") as caught:
            channel.deliver(make_request(4))
        assert type(caught.value) is kind, status
    channel.deliver(make_request(4))  # 409: the receiver has it already


def test_statuses_without_a_server() -> None:
    assert status_error(200, None) is None and status_error(204, 5) is None
    assert status_error(409, None) is None
    refused = status_error(422, 30.0)
    assert isinstance(refused, Refused) and refused.retry_after == 30.0
    later = status_error(429, 120.0)
    assert type(later) is DeliveryError and later.retry_after == 120.0


def test_retry_after_is_passed_on_in_seconds_and_as_a_date(https: Receiver, ca_file: Path) -> None:
    channel = WebhookChannel(https.url, ca_file=ca_file)
    https.down = True
    https.headers["Retry-After"] = "120"
    with pytest.raises(DeliveryError) as caught:
        channel.deliver(make_request(1))
    assert caught.value.retry_after == 120.0
    https.headers["Retry-After"] = formatdate(time.time() + 300, usegmt=True)
    with pytest.raises(DeliveryError) as caught:
        channel.deliver(make_request(1))
    assert caught.value.retry_after is not None and 290 <= caught.value.retry_after <= 301


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 7 ", 7.0),
        ("0", 0.0),
        ("99999999999999999999", 1e9),
        ("-5", None),
        ("1.5", None),
        ("soon", None),
        ("", None),
        (None, None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # in the past: now
        ("Thu, 01 Jan 2026 00:02:00 GMT", 120.0),
        ("Thu, 01 Jan 2026 00:02:00", 120.0),  # no zone: GMT
        ("Thu, 99 Foo 2026 00:02:00 GMT", None),
        ("٣", None),  # a non-ASCII digit
    ],
)
def test_retry_after_values(value: str | None, seconds: float | None) -> None:
    now = 1_767_225_600.0  # 2026-01-01 00:00:00 UTC
    assert retry_after_seconds(value, now) == seconds


def test_webhook_refuses_untrusted_certificates_and_plain_http(https: Receiver) -> None:
    with pytest.raises(DeliveryError, match="SSLCertVerificationError") as caught:
        WebhookChannel(https.url).deliver(make_request(5))  # system CAs only
    assert not isinstance(caught.value, Refused)  # may be the clock: not flagged
    with pytest.raises(SettingError, match=r"delivery\.webhook_url"):
        WebhookChannel(https.url.replace("https", "http"))
    assert https.bodies == []


def test_a_dribbling_webhook_is_cut_at_the_deadline(ca: trustme.CA, ca_file: Path) -> None:
    server = Dribbler(0.2, tls=server_context(ca))  # one header byte every 0.2 s, for ever
    try:
        channel = WebhookChannel(server.url, ca_file=ca_file, attempt_seconds=1.5)
        started = time.monotonic()
        with pytest.raises(
            DeliveryError, match=r"TimeoutError \(no complete answer within 1\.5 s"
        ) as e:
            channel.deliver(make_request(1))
        took = time.monotonic() - started
    finally:
        server.stop()
    assert type(e.value) is DeliveryError and server.answering.is_set()
    assert 1.4 <= took < 3.0  # each byte restarts a socket timeout; the deadline does not


def test_close_cuts_the_attempt_in_progress(ca: trustme.CA, ca_file: Path) -> None:
    server = Dribbler(0.2, tls=server_context(ca))
    channel = WebhookChannel(server.url, ca_file=ca_file, attempt_seconds=60)
    outcome: list[BaseException] = []

    def deliver() -> None:
        try:
            channel.deliver(make_request(1))
        except DeliveryError as error:
            outcome.append(error)

    thread = threading.Thread(target=deliver)
    thread.start()
    try:
        assert server.answering.wait(10)
        started = time.monotonic()
        channel.close()
        thread.join(5)
        took = time.monotonic() - started
    finally:
        server.stop()
    assert not thread.is_alive() and took < 1.0
    assert len(outcome) == 1 and isinstance(outcome[0], Aborted)
    with pytest.raises(Aborted):  # a closed channel starts no new attempt
        channel.deliver(make_request(2))
    assert server.connections == 1


# --- Email ------------------------------------------------------------------------------------


def email_channel(
    port: int, ca_file: Path | None, tmp_path: Path, attempt_seconds: float = 30
) -> EmailChannel:
    secret = tmp_path / "smtp-password"
    secret.write_text("s3cret\n")
    return EmailChannel(
        "127.0.0.1",
        port,
        sender="kiosk@clinic.example",
        recipient="front-desk@clinic.example",
        user="clinic",
        password_file=secret,
        ca_file=ca_file,
        attempt_seconds=attempt_seconds,
    )


def test_email_over_starttls(smtp: tuple[Mailbox, int], ca_file: Path, tmp_path: Path) -> None:
    box, port = smtp
    request = make_request(7)
    email_channel(port, ca_file, tmp_path).deliver(request)
    assert box.logins == ["clinic"]
    (message,) = box.messages
    assert message["Message-ID"] == message_id(request)
    assert request.name in message.get_payload(decode=True).decode()
    assert box.envelopes == [("kiosk@clinic.example", ["front-desk@clinic.example"])]


def test_a_permanent_smtp_reply_is_a_refusal(
    smtp: tuple[Mailbox, int], ca_file: Path, tmp_path: Path
) -> None:
    box, port = smtp
    channel = email_channel(port, ca_file, tmp_path)
    request = make_request(8)
    box.data_reply = f"554 5.7.1 no mail from {request.email}"
    with pytest.raises(Refused, match=r"^SMTPDataError 554$"):
        channel.deliver(request)
    box.data_reply = "451 4.3.0 try later"
    with pytest.raises(DeliveryError, match=r"^SMTPDataError 451$") as caught:
        channel.deliver(request)
    assert not isinstance(caught.value, Refused)
    assert box.messages == []


def test_a_slow_smtp_greeting_is_cut_at_the_deadline(tmp_path: Path) -> None:
    server = Dribbler(0.2)  # "220 sss..." one byte every 0.2 s
    try:
        channel = email_channel(server.port, None, tmp_path, attempt_seconds=1.5)
        started = time.monotonic()
        with pytest.raises(DeliveryError, match="TimeoutError"):
            channel.deliver(make_request(1))
        took = time.monotonic() - started
    finally:
        server.stop()
    assert server.answering.is_set() and 1.4 <= took < 3.0


def test_a_slow_answer_after_starttls_is_cut_at_the_deadline(
    smtp: tuple[Mailbox, int], ca_file: Path, tmp_path: Path
) -> None:
    box, port = smtp
    box.data_delay = 4.0
    channel = email_channel(port, ca_file, tmp_path, attempt_seconds=1.5)
    started = time.monotonic()
    with pytest.raises(DeliveryError, match="TimeoutError"):
        channel.deliver(make_request(1))
    assert time.monotonic() - started < 3.0


def test_smtp_errors_are_described_without_their_text() -> None:
    refused = smtplib.SMTPRecipientsRefused({"zeb@example.org": (550, b"no zeb@example.org")})
    auth = smtplib.SMTPAuthenticationError(535, b"bad login for zeb@example.org")
    assert describe(refused) == "SMTPRecipientsRefused 550"
    assert describe(auth) == "SMTPAuthenticationError 535"
    assert describe(ValueError("Zebulon")) == "ValueError"
    assert isinstance(smtp_error(refused), Refused) and isinstance(smtp_error(auth), Refused)
    mixed = smtplib.SMTPRecipientsRefused({"a@b.c": (550, b"x"), "d@e.f": (450, b"y")})
    assert type(smtp_error(mixed)) is DeliveryError
    assert type(smtp_error(smtplib.SMTPServerDisconnected("x"))) is DeliveryError
    assert type(smtp_error(smtplib.SMTPResponseException(421, b"busy"))) is DeliveryError
    assert isinstance(smtp_error(smtplib.SMTPNotSupportedError("x")), Refused)


def test_an_unreadable_password_file_is_a_refusal(tmp_path: Path) -> None:
    channel = EmailChannel(
        "127.0.0.1",
        9,
        sender="kiosk@clinic.example",
        recipient="desk@clinic.example",
        user="clinic",
        password_file=tmp_path / "missing",
    )
    with pytest.raises(Refused, match=r"delivery\.smtp_password_file"):
        channel.deliver(make_request(1))


# --- Built from the settings ------------------------------------------------------------------


def test_channels_from_config(tmp_path: Path) -> None:
    result = config_from_text(
        '[delivery]\nchannels = ["folder", "webhook", "email"]\n'
        'webhook_url = "https://example.org/in"\nattempt_seconds = 12\n'
    )
    assert {p.key for p in result.problems} == {
        "delivery.smtp_host",
        "delivery.email_from",
        "delivery.email_to",
    }
    made = channels_from_config(result.config, tmp_path)
    assert [c.name for c in made] == ["folder", "webhook"]
    assert isinstance(made[0], FolderChannel) and made[0].folder == tmp_path / "outgoing"
    assert isinstance(made[1], WebhookChannel) and made[1]._guard.seconds == 12


def unchecked(**delivery: object) -> Config:
    """Settings that skipped ``config check`` (built in code, or checked by an older kiosk)."""
    settings = dataclasses.replace(Config().delivery, **delivery)  # type: ignore[arg-type]
    return dataclasses.replace(Config(), delivery=settings)


@pytest.mark.parametrize(
    ("delivery", "left", "key"),
    [
        ({"webhook_url": "https://:8443/x"}, ["folder", "email"], "delivery.webhook_url"),
        ({"webhook_url": "https://[::1/x"}, ["folder", "email"], "delivery.webhook_url"),
        ({"email_to": "desk at clinic"}, ["folder", "webhook"], "delivery.email_to"),
        ({"smtp_host": "mail host"}, ["folder", "webhook"], "delivery.smtp_host"),
    ],
)
def test_a_bad_channel_drops_only_itself_at_run_time(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    delivery: dict[str, object],
    left: list[str],
    key: str,
) -> None:
    good: dict[str, object] = {
        "channels": ("folder", "webhook", "email"),
        "webhook_url": "https://clinic.example/in",
        "smtp_host": "mail.clinic.example",
        "email_from": "kiosk@clinic.example",
        "email_to": "desk@clinic.example",
    }
    config = unchecked(**(good | delivery))
    with caplog.at_level(logging.ERROR):
        desk = RequestDesk.open(config, tmp_path)
    assert desk is not None  # the form stays on
    try:
        assert list(desk.worker.channels) == left and desk.outbox.channels == tuple(left)
        assert desk.delivery.channels == tuple(left)  # what the privacy note must follow
    finally:
        desk.close()
    (line,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    missing = ({"folder", "webhook", "email"} - set(left)).pop()
    assert line.startswith(f"the {missing} channel is left out: {key} ")
    assert "outbox" not in line


def test_with_no_channel_left_the_folder_is_used(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = "https://alice-q:zq-secret-77@clinic.example/"
    config = unchecked(channels=("webhook",), webhook_url=url)
    with caplog.at_level(logging.INFO):
        made = channels_from_config(config, tmp_path)
    assert [c.name for c in made] == ["folder"]
    assert "zq-secret-77" not in caplog.text and "alice-q" not in caplog.text


# Pieces of URLs, right and wrong, so that the accepted ones are not all alike.
_hosts = st.one_of(
    st.from_regex(r"[A-Za-z0-9_-]{1,12}(\.[A-Za-z0-9_-]{1,12}){0,3}\.?", fullmatch=True),
    st.sampled_from(["127.0.0.1", "[::1]", "[fe80::1%eth0]", "[::ffff:1.2.3.4]", "999.1.1.1"]),
    st.sampled_from(["", "[::1", "[]", "[x]", "xn--bcher-kva.example", "bücher.example", "-a"]),
)
_ports = st.one_of(
    st.just(""),
    st.integers(0, 100_000).map(lambda port: f":{port}"),
    st.sampled_from([":", ":abc", ":+1", ": 1", ":٣"]),
)
_rests = st.one_of(
    st.just(""),
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=20).map("/".__add__),
    st.text(max_size=8).map("?".__add__),
    st.text(max_size=8),
)
_urls = st.one_of(
    st.builds(
        lambda user, host, port, rest: f"https://{user}{host}{port}{rest}",
        st.sampled_from(["", "", "", "u@", "u:p@", "@"]),
        _hosts,
        _ports,
        _rests,
    ),
    st.text(max_size=40),
    st.text(max_size=30).map("https://".__add__),
)


@given(_urls)
def test_any_webhook_url_config_check_accepts_builds_a_channel(url: str) -> None:
    problem = webhook_url_problem(url)
    if problem is not None:
        with pytest.raises(SettingError):
            WebhookChannel(url)
        return
    channel = WebhookChannel(url)  # and http.client takes its host, port and path as they are
    conn = http.client.HTTPSConnection(channel.host, channel.port)
    assert (conn.host, conn.port) == (channel.host, channel.port)  # as meant, e.g. for IPv6
    conn.putrequest("POST", channel.path)  # builds the request line and Host header, no I/O
    result = config_from_text(f'[delivery]\nchannels = ["webhook"]\nwebhook_url = "{url}"\n')
    if '"' not in url and "\\" not in url:  # else it is not this TOML string
        assert result.problems == () and result.config.delivery.channels == ("webhook",)
