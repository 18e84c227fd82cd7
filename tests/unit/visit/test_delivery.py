"""Tests for kiosk.visit.delivery against real servers on loopback (HTTPS, SMTP + STARTTLS)."""

from __future__ import annotations

import json
import logging
import random
import smtplib
import threading
import time
from pathlib import Path

import pytest
import trustme
from fhir.resources.R4B.appointment import Appointment

from kiosk.visit.delivery import (
    Channel,
    DeliveryError,
    DeliveryWorker,
    EmailChannel,
    FolderChannel,
    WebhookChannel,
    backoff_delay,
    channels_from_config,
    describe,
    message_id,
)
from kiosk.visit.outbox import Outbox
from tests.unit.visit.samples import FakeClock, make_request
from tests.unit.visit.servers import Mailbox, Receiver


def test_folder_is_atomic_and_idempotent(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    channel = FolderChannel(folder, plain=True)
    request = make_request(1)
    channel.deliver(request)
    target = folder / f"{request.id}.json"
    assert json.loads(target.read_bytes())["id"] == str(request.id)
    before = target.stat().st_mtime_ns
    channel.deliver(request)  # rerun: success, untouched
    assert target.stat().st_mtime_ns == before
    assert [p.name for p in folder.iterdir()] == [target.name]  # no temp files left


def test_folder_never_shows_a_partial_file(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    seen_bad: list[str] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            for path in folder.glob("*.json"):
                try:
                    json.loads(path.read_bytes())
                except (ValueError, OSError):
                    seen_bad.append(path.name)

    folder.mkdir()
    watcher = threading.Thread(target=watch)
    watcher.start()
    channel = FolderChannel(folder, plain=True)
    for n in range(60):
        channel.deliver(make_request(n))
    stop.set()
    watcher.join()
    assert seen_bad == [] and len(list(folder.glob("*.json"))) == 60


def test_folder_failure_is_a_delivery_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(DeliveryError):
        FolderChannel(tmp_path / "file" / "sub", plain=True).deliver(make_request(1))


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
    https.statuses[:] = [500, 409, 404]
    with pytest.raises(DeliveryError, match="HTTP 500"):
        channel.deliver(make_request(4))
    channel.deliver(make_request(4))  # 409: the receiver has it already
    with pytest.raises(DeliveryError, match="HTTP 404"):
        channel.deliver(make_request(4))


def test_webhook_refuses_untrusted_certificates_and_plain_http(https: Receiver) -> None:
    with pytest.raises(DeliveryError, match="SSLCertVerificationError"):
        WebhookChannel(https.url).deliver(make_request(5))  # system CAs only
    with pytest.raises(ValueError):
        WebhookChannel(https.url.replace("https", "http"))
    assert https.bodies == []


def test_webhook_500_then_200_via_worker(
    tmp_path: Path, https: Receiver, ca_file: Path, clock: FakeClock
) -> None:
    outbox = Outbox(tmp_path, ["webhook"], clock=clock)
    worker = DeliveryWorker(
        outbox, [WebhookChannel(https.url, ca_file=ca_file)], clock=clock, rng=random.Random(1)
    )
    request = make_request(6)
    outbox.submit(request)
    https.statuses[:] = [500]
    assert worker.run_once() == 1
    assert worker.run_once() == 0  # backing off
    clock.sleep(3600)
    assert worker.run_once() == 1
    assert https.count(str(request.id)) == 1 and outbox.pending_ids() == []
    row = outbox._conn.execute("SELECT attempts, last_error FROM deliveries").fetchone()
    assert row == (2, "")


def email_channel(port: int, ca_file: Path | None, tmp_path: Path) -> EmailChannel:
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


def test_email_untrusted_server_fails_then_is_retried(
    smtp: tuple[Mailbox, int], ca_file: Path, tmp_path: Path, clock: FakeClock
) -> None:
    box, port = smtp
    other_ca = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other_ca))
    outbox = Outbox(tmp_path / "data", ["email"], clock=clock)
    request = make_request(8)
    outbox.submit(request)
    worker = DeliveryWorker(outbox, [email_channel(port, other_ca, tmp_path)], clock=clock)
    worker.run_once()
    error = outbox._conn.execute("SELECT last_error FROM deliveries").fetchone()[0]
    assert "SSLCertVerificationError" in error and box.messages == []
    assert request.email not in error and request.name not in error
    worker.channels["email"] = email_channel(port, ca_file, tmp_path)  # CA fixed by IT
    clock.sleep(10_000)
    worker.run_once()
    assert len(box.messages) == 1 and outbox.pending_ids() == []


def test_smtp_errors_are_described_without_their_text() -> None:
    refused = smtplib.SMTPRecipientsRefused({"zeb@example.org": (550, b"no zeb@example.org")})
    auth = smtplib.SMTPAuthenticationError(535, b"bad login for zeb@example.org")
    assert describe(refused) == "SMTPRecipientsRefused 550"
    assert describe(auth) == "SMTPAuthenticationError 535"
    assert describe(ValueError("Zebulon")) == "ValueError"


def test_backoff_is_capped_jittered_and_unlimited() -> None:
    rng = random.Random(3)
    delays = [backoff_delay(n, 900, rng) for n in range(1, 200)]
    assert all(1 <= d <= 900 for d in delays)
    assert len(set(delays)) > 100
    assert max(delays[20:]) > 450


def test_long_outage_then_back_delivers_each_once(
    tmp_path: Path,
    https: Receiver,
    ca_file: Path,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    outbox = Outbox(tmp_path, ["webhook", "folder"], clock=clock)
    requests = [make_request(n) for n in range(3)]
    for request in requests:
        outbox.submit(request)
    back_at = clock() + 24 * 3600  # a whole day down
    https.down = True

    def sleep(seconds: float) -> None:
        clock.sleep(seconds)
        if clock() >= back_at:
            https.down = False
        if not outbox.pending_ids():
            worker._stopping.set()

    channels: list[Channel] = [
        WebhookChannel(https.url, ca_file=ca_file),
        FolderChannel(tmp_path / "out", plain=True),
    ]
    worker = DeliveryWorker(
        outbox, channels, retry_max_seconds=3600, clock=clock, sleep=sleep, rng=random.Random(2)
    )
    caplog.set_level(logging.INFO)
    started = time.monotonic()
    worker.start()
    # A hang guard, not a speed test: every attempt is a real HTTPS post on loopback (about
    # 60 attempts x 3 requests), some 11 s on a 2-core machine; 5 requests took 18-23 s and
    # failed a 20 s bound under load.
    worker.join(90)
    assert not worker.is_alive() and time.monotonic() - started < 60
    assert clock() >= back_at
    assert all(https.count(str(r.id)) == 1 for r in requests)
    assert len(https.bodies) == len(requests)
    assert len(list((tmp_path / "out").glob("*.json"))) == len(requests)
    attempts = outbox._conn.execute(
        "SELECT max(attempts) FROM deliveries WHERE channel='webhook'"
    ).fetchone()[0]
    assert attempts > 20  # kept trying the whole day, no retry limit
    for request in requests:
        assert request.name not in caplog.text and request.phone not in caplog.text


def test_worker_thread_wake_and_stop(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path, ["folder"])
    worker = DeliveryWorker(outbox, [FolderChannel(tmp_path / "out", plain=True)])
    worker.start()
    request = make_request(1)
    outbox.submit(request)
    worker.wake()
    deadline = time.monotonic() + 5
    while outbox.pending_ids() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert outbox.pending_ids() == []
    worker.stop(5)
    assert not worker.is_alive()


def test_channels_from_config(tmp_path: Path) -> None:
    from kiosk.config import config_from_text

    result = config_from_text(
        '[delivery]\nchannels = ["folder", "webhook", "email"]\n'
        'webhook_url = "https://example.org/in"\n'
    )
    assert {p.key for p in result.problems} == {
        "delivery.smtp_host",
        "delivery.email_from",
        "delivery.email_to",
    }
    made = channels_from_config(result.config, tmp_path)
    assert [c.name for c in made] == ["folder", "webhook"]
    assert isinstance(made[0], FolderChannel) and made[0].folder == tmp_path / "outgoing"
