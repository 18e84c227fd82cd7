"""Tests for kiosk.visit.outbox: durability settings, sealing, ledger, privacy of the raw bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.visit.crypto import KEY_FILE
from kiosk.visit.outbox import DB_FILE, Outbox, OutboxError
from tests.unit.visit.samples import FakeClock, make_request, utc

NAMES = ["Zebulon Quixotic", "Ærwyn Þórsdóttir", "Ximena Wolfeschlegel"]


def raw_bytes(data_dir: Path) -> bytes:
    parts = [data_dir / DB_FILE, data_dir / f"{DB_FILE}-wal"]
    return b"".join(path.read_bytes() for path in parts if path.exists())


def forms(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]


def test_pragmas_and_round_trip(tmp_path: Path, clock: FakeClock) -> None:
    outbox = Outbox(tmp_path, ["folder"], clock=clock)
    conn = outbox._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    request = make_request(0, now=utc())
    outbox.submit(request)
    outbox.submit(request)  # same UUID twice: one row
    assert outbox.pending_ids() == [request.id]
    assert outbox.load(request.id) == request
    outbox.close()
    reopened = Outbox(tmp_path, ["folder"], clock=clock)
    assert reopened.load(request.id) == request
    assert [d.request_id for d in reopened.due(clock())] == [request.id]


def test_raw_files_hold_no_patient_data(tmp_path: Path, clock: FakeClock) -> None:
    outbox = Outbox(tmp_path, ["folder"], clock=clock)
    requests = [make_request(n, name=name) for n, name in enumerate(NAMES)]
    for request in requests:
        outbox.submit(request)
    data = raw_bytes(tmp_path)
    assert (tmp_path / f"{DB_FILE}-wal").exists()
    for request in requests:
        digits = request.phone.lstrip("+")
        for secret in (request.name, request.phone, digits, request.email, digits[-7:]):
            for form in forms(secret):
                assert form not in data, secret
    outbox.close()


def test_after_delivery_only_the_ledger_remains(tmp_path: Path, clock: FakeClock) -> None:
    outbox = Outbox(tmp_path, ["folder", "webhook"], clock=clock)
    request = make_request(7)
    outbox.submit(request)
    sealed = outbox._conn.execute("SELECT sealed FROM requests").fetchone()[0]
    assert outbox.record_success(request.id, "folder", clock()) is False
    assert outbox.load(request.id) == request  # still waiting for the webhook
    outbox.record_failure(request.id, "webhook", clock(), "HTTP 500", clock() + 5)
    assert outbox.record_success(request.id, "webhook", clock() + 6) is True
    outbox.checkpoint()
    assert sealed not in raw_bytes(tmp_path)
    row = outbox._conn.execute(
        "SELECT key_id, sealed, delivered_at FROM requests WHERE id=?", (str(request.id),)
    ).fetchone()
    assert row[0] is None and row[1] is None and row[2] == clock() + 6
    ledger = outbox._conn.execute(
        "SELECT channel, attempts, done_at FROM deliveries ORDER BY channel"
    ).fetchall()
    assert ledger == [("folder", 1, clock()), ("webhook", 2, clock() + 6)]
    assert outbox.pending_ids() == [] and outbox.due(clock() + 100) == []
    outbox.close()


def test_lost_key_keeps_old_rows_and_stores_new_ones(tmp_path: Path, clock: FakeClock) -> None:
    outbox = Outbox(tmp_path, ["folder"], clock=clock)
    old = make_request(1)
    outbox.submit(old)
    outbox.close()
    key = (tmp_path / KEY_FILE).read_bytes()
    os.remove(tmp_path / KEY_FILE)
    outbox = Outbox(tmp_path, ["folder"], clock=clock)  # must not crash
    assert outbox.unreadable_count() == 1
    new = make_request(2)
    outbox.submit(new)
    assert [d.request_id for d in outbox.due(clock())] == [new.id]
    assert set(outbox.pending_ids()) == {old.id, new.id}
    outbox.close()
    (tmp_path / "outbox-restored.key").write_bytes(key)
    outbox = Outbox(tmp_path, ["folder"], clock=clock)
    assert outbox.unreadable_count() == 0
    assert outbox.load(old.id) == old and outbox.load(new.id) == new
    outbox.close()


def test_channels_follow_the_configuration(tmp_path: Path, clock: FakeClock) -> None:
    outbox = Outbox(tmp_path, ["folder", "email"], clock=clock)
    request = make_request(3)
    outbox.submit(request)
    outbox.record_success(request.id, "folder", clock())
    outbox.close()
    outbox = Outbox(tmp_path, ["folder"], clock=clock)  # email removed: folder already has it
    assert outbox.pending_ids() == []
    outbox.close()


def test_not_a_database_is_an_error(tmp_path: Path) -> None:
    (tmp_path / DB_FILE).write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(OutboxError):
        Outbox(tmp_path, ["folder"])
