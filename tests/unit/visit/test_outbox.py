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


def test_not_a_database_is_moved_aside_and_a_fresh_outbox_is_used(
    tmp_path: Path, clock: FakeClock
) -> None:
    (tmp_path / DB_FILE).write_bytes(b"not sqlite at all" * 100)
    outbox = Outbox(tmp_path, ["folder"], clock=clock)
    assert outbox.salvage is not None and outbox.salvage.salvaged == 0
    assert (tmp_path / outbox.salvage.damaged_copy).read_bytes() == b"not sqlite at all" * 100
    outbox.submit(make_request(1))
    assert len(outbox.pending_ids()) == 1
    outbox.close()


def test_an_unusable_data_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / DB_FILE).mkdir()  # a folder where the file should be: not damage, nothing moved
    with pytest.raises(OutboxError):
        Outbox(tmp_path, ["folder"])
    assert (tmp_path / DB_FILE).is_dir()


def test_refusals_are_flagged_until_a_later_answer(tmp_path: Path, clock: FakeClock) -> None:
    outbox = Outbox(tmp_path, ["folder", "webhook"], clock=clock)
    first, second = make_request(1), make_request(2)
    outbox.submit(first)
    outbox.submit(second)
    now = clock()
    outbox.record_failure(first.id, "webhook", now, "HTTP 400", now + 5, refused=True)
    outbox.record_failure(second.id, "webhook", now, "HTTP 400", now + 5, refused=True)
    outbox.record_failure(second.id, "folder", now, "no clinic key set", now + 5, refused=True)
    assert outbox.refused_count() == 2
    outbox.record_failure(first.id, "webhook", now + 6, "HTTP 503", now + 9)  # plain failure
    outbox.record_success(second.id, "webhook", now + 7)
    assert outbox.refused_count() == 1  # second's folder refusal still stands
    outbox.record_success(second.id, "folder", now + 8)
    assert outbox.refused_count() == 0
    outbox.close()


def test_an_outbox_from_before_refusals_gains_the_column(tmp_path: Path, clock: FakeClock) -> None:
    import sqlite3

    conn = sqlite3.connect(tmp_path / DB_FILE)
    conn.executescript(
        "CREATE TABLE requests (id TEXT PRIMARY KEY, created_at REAL NOT NULL, key_id TEXT, "
        "sealed BLOB, delivered_at REAL);"
        "CREATE TABLE deliveries (request_id TEXT NOT NULL REFERENCES requests(id), "
        "channel TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at REAL NOT "
        "NULL, last_attempt_at REAL, done_at REAL, last_error TEXT NOT NULL DEFAULT '', "
        "PRIMARY KEY (request_id, channel));"
        "INSERT INTO requests VALUES ('3f1c2a4e-1111-4222-8333-944455556666', 1, NULL, NULL, 2);"
    )
    conn.close()
    outbox = Outbox(tmp_path, ["folder"], clock=clock)
    assert outbox.salvage is None
    columns = [row[1] for row in outbox._conn.execute("PRAGMA table_info(deliveries)")]
    assert columns[-1] == "refused"
    request = make_request(3)
    outbox.submit(request)
    outbox.record_failure(request.id, "folder", clock(), "no clinic key set", clock(), refused=True)
    assert outbox.refused_count() == 1
    outbox.close()


def test_clamp_schedule_undoes_a_clock_jump(tmp_path: Path, clock: FakeClock) -> None:
    outbox = Outbox(tmp_path, ["folder", "webhook"], clock=clock)
    request = make_request(4)
    outbox.submit(request)
    longest = 3600.0
    outbox.record_failure(request.id, "webhook", clock(), "HTTP 503", clock() + longest)
    outbox.record_success(request.id, "folder", clock())
    clock.now -= 365 * 86400  # the machine's clock resets to a year ago
    assert outbox.next_due_at() == pytest.approx(clock() + 365 * 86400 + longest)
    assert outbox.clamp_schedule(clock(), longest) == 1
    assert outbox.next_due_at() == pytest.approx(clock() + longest)
    assert outbox.clamp_schedule(clock(), longest) == 0, "done and in-range rows stay"
    clock.sleep(longest)
    assert [d.channels for d in outbox.due(clock())] == [("webhook",)]
    outbox.close()


def test_maintain_checkpoints_after_writes(tmp_path: Path, clock: FakeClock) -> None:
    outbox = Outbox(tmp_path, ["folder"], clock=clock)
    wal = tmp_path / f"{DB_FILE}-wal"
    for n in range(3):
        outbox.submit(make_request(n))
    assert wal.stat().st_size > 0
    outbox.maintain()
    assert wal.stat().st_size == 0, "the requests are in the main file now"
    conn = __import__("sqlite3").connect(f"{(tmp_path / DB_FILE).as_uri()}?mode=ro", uri=True)
    assert conn.execute("SELECT count(*) FROM requests").fetchone()[0] == 3
    conn.close()
    size = (tmp_path / DB_FILE).stat().st_mtime_ns
    outbox.maintain()  # nothing written since: no checkpoint, no write
    assert (tmp_path / DB_FILE).stat().st_mtime_ns == size and wal.stat().st_size == 0
    outbox.close()


def test_a_reader_holding_the_wal_does_not_block_maintain(tmp_path: Path, clock: FakeClock) -> None:
    import sqlite3
    import time

    outbox = Outbox(tmp_path, ["folder"], clock=clock)
    outbox.submit(make_request(1))
    reader = sqlite3.connect(f"{(tmp_path / DB_FILE).as_uri()}?mode=ro", uri=True)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM requests").fetchone()  # holds a read snapshot
    outbox.submit(make_request(2))
    started = time.monotonic()
    outbox.maintain()
    assert time.monotonic() - started < 2
    reader.close()
    outbox.maintain()  # tried again after the next pass
    assert (tmp_path / f"{DB_FILE}-wal").stat().st_size == 0
    outbox.close()


def test_a_key_file_deleted_while_running_is_written_back(
    tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    import stat

    outbox = Outbox(tmp_path, ["folder"], clock=clock)
    request = make_request(5)
    outbox.submit(request)
    key = (tmp_path / KEY_FILE).read_bytes()
    os.remove(tmp_path / KEY_FILE)
    with caplog.at_level("ERROR", logger="kiosk.visit.outbox"):
        outbox.maintain()
        outbox.maintain()
    assert (tmp_path / KEY_FILE).read_bytes() == key
    assert stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode) == 0o600
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors == [
        "the outbox key file was deleted while the kiosk was running; it was written back "
        "from memory"
    ]
    assert key.hex() not in caplog.text
    outbox.close()
    reopened = Outbox(tmp_path, ["folder"], clock=clock)
    assert reopened.unreadable_count() == 0 and reopened.load(request.id) == request
    reopened.close()


def test_a_replaced_key_file_is_kept_and_the_running_key_saved(
    tmp_path: Path, clock: FakeClock
) -> None:
    outbox = Outbox(tmp_path, ["folder"], clock=clock)
    request = make_request(6)
    outbox.submit(request)
    (tmp_path / KEY_FILE).write_bytes(b"\x07" * 32)  # someone copied another kiosk's key in
    outbox.maintain()
    assert (tmp_path / KEY_FILE).read_bytes() == b"\x07" * 32, "never overwritten"
    saved = tmp_path / f"outbox-kept-{outbox.keys.current_id}.key"
    assert saved.read_bytes() == outbox.keys.current
    outbox.close()
    reopened = Outbox(tmp_path, ["folder"], clock=clock)
    assert reopened.load(request.id) == request, "the saved key still opens it"
    reopened.close()


def test_due_lists_one_channels_requests_past_any_backlog_of_unreadable_ones(
    tmp_path: Path,
) -> None:
    """Neither another channel's backlog nor old requests sealed with a lost key hide a due
    request from the channel that asks."""
    outbox = Outbox(tmp_path, ["folder", "webhook"], clock=lambda: 1000.0)
    for number in range(1, 31):
        outbox.submit(make_request(number))
    first_ids = outbox.pending_ids()[:25]
    with outbox._conn:
        outbox._conn.executemany(
            "UPDATE requests SET key_id='lost' WHERE id=?", [(str(rid),) for rid in first_ids]
        )
        outbox._conn.execute("UPDATE deliveries SET done_at=1 WHERE channel='webhook'")
    due = outbox.due(2000.0, limit=5, channel="folder")
    assert [d.request_id for d in due] == outbox.pending_ids()[25:30]
    assert outbox.due(2000.0, limit=5, channel="webhook") == []
    assert outbox.next_due_at(channel="webhook") is None
    assert outbox.next_due_at(channel="folder") == 1000.0
    outbox.close()
