"""A damaged outbox is noticed, kept aside, recovered into a fresh one, and reported to staff.

Each kind of damage found on purpose has its own test: the main file truncated to 0 bytes
while requests wait (with and without its -wal), flipped bytes in the -wal, the file half
truncated, a garbage header, flipped bytes in the main file, and a hostile 1 GB file. The
"crash image" of a running kiosk is a copy of ``outbox.sqlite3`` and its ``-wal`` taken while
the outbox is open (every request committed, nothing checkpointed at close).
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import sqlite3
import stat
import struct
import time
from pathlib import Path

import pytest

from kiosk.visit import recover, salvage
from kiosk.visit.crypto import KEY_FILE
from kiosk.visit.model import VisitRequest
from kiosk.visit.outbox import DB_FILE, Outbox
from kiosk.visit.status import outbox_status_command, read_status
from tests.unit.visit.samples import FakeClock, make_request

WAL = f"{DB_FILE}-wal"


def crash_image(data_dir: Path, requests: list[VisitRequest], *, checkpoint: bool) -> None:
    """``data_dir`` as a kiosk killed with ``requests`` waiting (optionally after a checkpoint:
    then the main file holds them and the -wal is empty)."""
    work = data_dir.parent / f"{data_dir.name}-live"
    outbox = Outbox(work, ["folder", "webhook"])
    for request in requests:
        outbox.submit(request)
    if checkpoint:
        outbox.maintain()  # checkpoint + count file, as the worker does after a pass
    data_dir.mkdir()
    for name in (DB_FILE, WAL, KEY_FILE, salvage.COUNT_FILE):
        if (work / name).exists():
            shutil.copy2(work / name, data_dir / name)
    outbox.close()
    shutil.rmtree(work)


def damaged_copies(data_dir: Path) -> list[str]:
    return sorted(p.name for p in data_dir.glob(f"{salvage.DAMAGED_PREFIX}*"))


def status_text(data_dir: Path) -> str:
    out = io.StringIO()
    assert outbox_status_command(data_dir, out, as_json=False) == 0
    return out.getvalue()


def reopen(data_dir: Path, clock: FakeClock) -> Outbox:
    started = time.monotonic()
    outbox = Outbox(data_dir, ["folder", "webhook"], clock=clock)
    assert time.monotonic() - started < salvage.CHECK_SECONDS + salvage.SALVAGE_SECONDS
    return outbox


def assert_fresh_and_working(outbox: Outbox) -> None:
    """New patients can still ask for a visit after the replacement."""
    new = make_request(99)
    outbox.submit(new)
    assert outbox.load(new.id) == new
    assert outbox._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def flip(path: Path, offset: int, count: int = 16) -> None:
    data = bytearray(path.read_bytes())
    for i in range(offset, min(offset + count, len(data))):
        data[i] ^= 0xA5
    path.write_bytes(bytes(data))


def test_zero_bytes_with_the_wal_recovers_every_request(tmp_path: Path, clock: FakeClock) -> None:
    data = tmp_path / "data"
    waiting = [make_request(n) for n in range(4)]
    crash_image(data, waiting, checkpoint=False)
    wal_bytes = (data / WAL).read_bytes()
    os.truncate(data / DB_FILE, 0)
    outbox = reopen(data, clock)
    event = outbox.salvage
    assert event is not None and "0 bytes" in event.reason
    assert (event.salvaged, event.not_salvaged, event.counted) == (4, 0, True)
    assert set(outbox.pending_ids()) == {r.id for r in waiting}
    for request in waiting:
        assert outbox.load(request.id) == request
    assert [d.request_id for d in outbox.due(clock())] == [r.id for r in waiting]
    copies = damaged_copies(data)
    assert copies == [event.damaged_copy, f"{event.damaged_copy}-wal"]
    assert (data / copies[0]).stat().st_size == 0, "the damaged file is kept as it was"
    assert (data / copies[1]).read_bytes() == wal_bytes
    for name in copies:
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600
    assert_fresh_and_working(outbox)
    outbox.close()
    text = status_text(data)
    assert "5 visit request(s) waiting" in text
    assert (
        f"It was moved to {event.damaged_copy}" in text
        and "4 waiting request(s) were recov" in text
    )
    assert "PROBLEM" not in text


def test_zero_bytes_without_the_wal_is_reported_as_a_loss(tmp_path: Path, clock: FakeClock) -> None:
    data = tmp_path / "data"
    crash_image(data, [make_request(n) for n in range(4)], checkpoint=True)
    os.truncate(data / DB_FILE, 0)
    (data / WAL).unlink(missing_ok=True)
    with pytest.raises(OSError, match="0 bytes"):
        read_status(data)  # before the kiosk starts: never "all delivered"
    out = io.StringIO()
    assert outbox_status_command(data, out, as_json=False) == 1
    assert "is damaged" in out.getvalue() and "Restart the kiosk" in out.getvalue()
    outbox = reopen(data, clock)
    assert outbox.salvage is not None
    assert (outbox.salvage.salvaged, outbox.salvage.not_salvaged) == (0, 4)
    assert outbox.pending_ids() == []
    outbox.close()
    text = status_text(data)
    assert "All visit requests have been delivered" not in text
    assert "No visit requests are waiting" in text
    assert "PROBLEM: up to 4 waiting request(s) could not be recovered" in text
    document = json.loads(_json(data))
    assert document["requests_lost"] == 4 and document["salvages"][0]["not_salvaged"] == 4


def _json(data_dir: Path) -> str:
    out = io.StringIO()
    assert outbox_status_command(data_dir, out, as_json=True) == 0
    return out.getvalue()


def test_an_emptied_outbox_with_nothing_waiting_says_so(tmp_path: Path, clock: FakeClock) -> None:
    data = tmp_path / "data"
    outbox = Outbox(data, ["folder"], clock=clock)
    request = make_request(1)
    outbox.submit(request)
    outbox.record_success(request.id, "folder", clock())
    outbox.maintain()
    outbox.close()
    os.truncate(data / DB_FILE, 0)
    outbox = reopen(data, clock)
    assert outbox.salvage is not None and outbox.salvage.not_salvaged == 0
    outbox.close()
    text = status_text(data)
    assert "No request was waiting in it." in text and "PROBLEM" not in text
    assert text.startswith("All visit requests have been delivered")


def test_a_deleted_outbox_with_requests_waiting_is_a_loss(tmp_path: Path, clock: FakeClock) -> None:
    data = tmp_path / "data"
    crash_image(data, [make_request(n) for n in range(2)], checkpoint=True)
    (data / DB_FILE).unlink()
    (data / WAL).unlink(missing_ok=True)
    outbox = reopen(data, clock)
    assert outbox.salvage is not None and outbox.salvage.reason == "the outbox file is missing"
    assert outbox.salvage.damaged_copy == "" and outbox.salvage.not_salvaged == 2
    outbox.close()
    assert "There was nothing left to keep" in status_text(data)


def test_flipped_bytes_in_the_wal(tmp_path: Path, clock: FakeClock) -> None:
    data = tmp_path / "data"
    waiting = [make_request(n) for n in range(4)]
    crash_image(data, waiting, checkpoint=False)
    wal = data / WAL
    page_size = recover.wal_page_size(wal.read_bytes())
    assert page_size is not None
    frame = page_size + recover.FRAME_HEADER
    flip(wal, recover.WAL_HEADER + frame * 2 + recover.FRAME_HEADER + 40)  # early in frame 3
    damaged = wal.read_bytes()
    plain = sqlite3.connect(f"{(data / DB_FILE).as_uri()}?mode=ro", uri=True)
    try:  # what SQLite alone makes of it: everything after the flipped frame is gone
        assert plain.execute("SELECT count(*) FROM requests").fetchone()[0] < 4
    except sqlite3.OperationalError:
        pass
    finally:
        plain.close()
    outbox = reopen(data, clock)
    event = outbox.salvage
    assert event is not None  # the lost frames hid rows, or even the tables
    assert event.salvaged + event.not_salvaged == 4 and event.salvaged >= 3
    for request_id in outbox.pending_ids():
        assert outbox.load(request_id) in waiting
    assert (data / f"{event.damaged_copy}-wal").read_bytes() == damaged
    assert_fresh_and_working(outbox)
    outbox.close()


def test_half_truncated(tmp_path: Path, clock: FakeClock) -> None:
    data = tmp_path / "data"
    waiting = [make_request(n) for n in range(60)]
    crash_image(data, waiting, checkpoint=True)
    size = (data / DB_FILE).stat().st_size
    os.truncate(data / DB_FILE, size // 2)
    outbox = reopen(data, clock)
    event = outbox.salvage
    assert event is not None and event.counted
    assert event.salvaged + event.not_salvaged == 60 and event.salvaged > 0
    assert len(outbox.pending_ids()) == event.salvaged
    for request_id in outbox.pending_ids():
        assert outbox.load(request_id) in waiting
    assert (data / event.damaged_copy).stat().st_size == size // 2
    assert_fresh_and_working(outbox)
    outbox.close()
    assert f"up to {event.not_salvaged} waiting request(s) could not" in status_text(data)


@pytest.mark.parametrize("checkpoint", [True, False], ids=["in-main-file", "in-wal"])
def test_garbage_header(tmp_path: Path, clock: FakeClock, checkpoint: bool) -> None:
    data = tmp_path / "data"
    waiting = [make_request(n) for n in range(4)]
    crash_image(data, waiting, checkpoint=checkpoint)
    with (data / DB_FILE).open("r+b") as handle:
        handle.write(random.Random(3).randbytes(100))
    outbox = reopen(data, clock)
    assert outbox.salvage is not None and "not a database" in outbox.salvage.reason
    assert outbox.salvage.salvaged == 4 and outbox.salvage.not_salvaged == 0
    assert {outbox.load(i) for i in outbox.pending_ids()} == set(waiting)
    assert_fresh_and_working(outbox)
    outbox.close()


def test_flipped_bytes_in_the_main_file(tmp_path: Path, clock: FakeClock) -> None:
    data = tmp_path / "data"
    waiting = [make_request(n) for n in range(60)]
    crash_image(data, waiting, checkpoint=True)
    conn = sqlite3.connect(data / DB_FILE)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name='requests'").fetchone()[0]
    conn.close()
    flip(data / DB_FILE, (root - 1) * page_size, 64)  # the table's root page header
    outbox = reopen(data, clock)
    event = outbox.salvage
    assert event is not None and "damaged" in event.reason
    assert event.salvaged + event.not_salvaged == 60
    for request_id in outbox.pending_ids():
        assert outbox.load(request_id) in waiting
    assert_fresh_and_working(outbox)
    outbox.close()


def test_a_flipped_sealed_record_is_counted_not_queued(tmp_path: Path, clock: FakeClock) -> None:
    data = tmp_path / "data"
    waiting = [make_request(n) for n in range(4)]
    crash_image(data, waiting, checkpoint=False)
    live = data.parent / "peek"
    shutil.copytree(data, live)
    conn = sqlite3.connect(live / DB_FILE)
    blob = conn.execute("SELECT sealed FROM requests ORDER BY rowid DESC").fetchone()[0]
    conn.close()
    wal = data / WAL
    flip(wal, wal.read_bytes().rindex(blob) + 20, 8)  # one sealed record in the last frame
    outbox = reopen(data, clock)
    assert outbox.salvage is not None
    assert (outbox.salvage.salvaged, outbox.salvage.not_salvaged) == (3, 1)
    assert len(outbox.pending_ids()) == 3
    for request_id in outbox.pending_ids():
        assert outbox.load(request_id) in waiting
    outbox.close()


def test_a_hostile_1_gb_file_does_not_hang_the_start(tmp_path: Path, clock: FakeClock) -> None:
    data = tmp_path / "data"
    crash_image(data, [make_request(n) for n in range(3)], checkpoint=True)
    path = data / DB_FILE
    with path.open("r+b") as handle:  # a valid header that claims a gigabyte of pages
        header = bytearray(handle.read(100))
        struct.pack_into(">I", header, 28, (1 << 30) // 4096)
        handle.seek(0)
        handle.write(header)
        handle.seek((1 << 30) - 1)
        handle.write(b"\x01")
    started = time.monotonic()
    outbox = reopen(data, clock)
    assert time.monotonic() - started < 30
    assert outbox.salvage is not None and outbox.salvage.salvaged == 3
    assert_fresh_and_working(outbox)
    outbox.close()
    assert (data / outbox.salvage.damaged_copy).stat().st_size == 1 << 30


def test_a_hostile_wal_is_bounded_by_the_deadline(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    crash_image(data, [make_request(1)], checkpoint=False)
    wal = (data / WAL).read_bytes()
    page_size = recover.wal_page_size(wal)
    assert page_size is not None
    frame = wal[recover.WAL_HEADER : recover.WAL_HEADER + page_size + recover.FRAME_HEADER]
    with (data / WAL).open("ab") as out:  # 8 MB of frames with the right salts
        out.write(frame * ((8 << 20) // len(frame)))
    os.truncate(data / DB_FILE, 0)
    monkeypatch.setattr(salvage, "SALVAGE_SECONDS", 0.5)
    started = time.monotonic()
    outbox = reopen(data, clock)
    assert time.monotonic() - started < 10
    assert outbox.salvage is not None
    assert_fresh_and_working(outbox)
    outbox.close()


def test_an_interrupted_replacement_is_finished_at_the_next_start(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    waiting = [make_request(n) for n in range(3)]
    crash_image(data, waiting, checkpoint=False)
    os.truncate(data / DB_FILE, 0)
    real_move = salvage._move_without_overwrite
    moves: list[str] = []

    def crash_after_first(source: Path, target: Path) -> None:
        if moves:
            raise KeyboardInterrupt("power cut")
        moves.append(source.name)
        real_move(source, target)

    monkeypatch.setattr(salvage, "_move_without_overwrite", crash_after_first)
    with pytest.raises(KeyboardInterrupt):
        Outbox(data, ["folder", "webhook"], clock=clock)
    assert moves == [WAL] and (data / salvage.FRESH_FILE).exists()
    monkeypatch.setattr(salvage, "_move_without_overwrite", real_move)
    outbox = reopen(data, clock)
    assert outbox.salvage is not None and outbox.salvage.salvaged == 3
    assert {outbox.load(i) for i in outbox.pending_ids()} == set(waiting)
    assert len(outbox._conn.execute("SELECT * FROM salvage").fetchall()) == 1
    name = outbox.salvage.damaged_copy
    assert damaged_copies(data) == [name, f"{name}-wal"]
    outbox.close()
    assert Outbox(data, ["folder"], clock=clock).salvage is None, "once, not at every start"


def test_damaged_copies_are_never_overwritten(tmp_path: Path, clock: FakeClock) -> None:
    data = tmp_path / "data"
    crash_image(data, [make_request(1)], checkpoint=True)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(clock()))
    earlier = data / f"{salvage.DAMAGED_PREFIX}{stamp}.sqlite3"
    earlier.write_bytes(b"an earlier damaged copy")
    (data / DB_FILE).write_bytes(b"garbage" * 1000)
    outbox = reopen(data, clock)
    assert outbox.salvage is not None
    assert outbox.salvage.damaged_copy == f"{salvage.DAMAGED_PREFIX}{stamp}-2.sqlite3"
    assert earlier.read_bytes() == b"an earlier damaged copy"
    outbox.close()


def test_a_second_salvage_keeps_the_first_event(tmp_path: Path, clock: FakeClock) -> None:
    data = tmp_path / "data"
    crash_image(data, [make_request(n) for n in range(2)], checkpoint=True)
    os.truncate(data / DB_FILE, 0)
    reopen(data, clock).close()  # the first loss: 2 requests
    outbox = reopen(data, clock)
    outbox.submit(make_request(5))
    outbox.maintain()
    outbox.close()
    clock.sleep(3600)
    with (data / DB_FILE).open("r+b") as handle:
        handle.write(b"\0" * 100)
    outbox = reopen(data, clock)
    events = outbox._conn.execute("SELECT not_salvaged FROM salvage ORDER BY at").fetchall()
    assert events == [(2,), (0,)]
    assert len(outbox.pending_ids()) == 1
    outbox.close()
    assert len(read_status(data).salvages) == 2
    text = status_text(data)
    assert "No waiting request could be recovered from it." in text  # the first: 2 lost
    assert "1 waiting request(s) were recovered from it" in text  # the second


def test_a_sound_outbox_is_not_touched(tmp_path: Path, clock: FakeClock) -> None:
    data = tmp_path / "data"
    crash_image(data, [make_request(n) for n in range(3)], checkpoint=False)
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    outbox = reopen(data, clock)
    assert outbox.salvage is None and len(outbox.pending_ids()) == 3
    assert damaged_copies(data) == []
    outbox.close()
    assert {DB_FILE, KEY_FILE} <= set(before) and not (data / salvage.FRESH_FILE).exists()


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads all")
def test_a_file_without_permission_is_not_damage(tmp_path: Path, clock: FakeClock) -> None:
    from kiosk.visit.outbox import OutboxError

    data = tmp_path / "data"
    crash_image(data, [make_request(1)], checkpoint=True)
    os.chmod(data / DB_FILE, 0)
    try:
        with pytest.raises(OutboxError):
            Outbox(data, ["folder"], clock=clock)
        assert damaged_copies(data) == []
    finally:
        os.chmod(data / DB_FILE, 0o600)


def test_the_count_file_is_private_and_follows_the_outbox(tmp_path: Path, clock: FakeClock) -> None:
    outbox = Outbox(tmp_path, ["folder"], clock=clock)
    request = make_request(1)
    outbox.submit(request)
    count = salvage.read_count(tmp_path)
    assert count == salvage.Count(outbox.outbox_id, 1, 1)
    assert stat.S_IMODE((tmp_path / salvage.COUNT_FILE).stat().st_mode) == 0o600
    outbox.record_success(request.id, "folder", clock())
    outbox.maintain()
    assert salvage.read_count(tmp_path) == salvage.Count(outbox.outbox_id, 1, 0)
    outbox.close()
    text = (tmp_path / salvage.COUNT_FILE).read_text(encoding="ascii")
    assert request.name not in text and str(request.id) not in text
