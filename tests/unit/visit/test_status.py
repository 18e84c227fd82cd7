"""Tests for ``kiosk outbox status``."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import time
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kiosk.visit.crypto import KEY_FILE
from kiosk.visit.outbox import DB_FILE, Outbox
from kiosk.visit.status import day_start_of, outbox_status_command, read_status
from tests.unit.visit.samples import make_request


def run(data_dir: Path, as_json: bool) -> tuple[int, str]:
    out = io.StringIO()
    code = outbox_status_command(data_dir, out, as_json=as_json)
    return code, out.getvalue()


def test_empty_folder(tmp_path: Path) -> None:
    code, text = run(tmp_path, False)
    assert code == 0 and "none are waiting" in text
    assert not (tmp_path / KEY_FILE).exists()


def test_counts_errors_and_no_patient_data(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path, ["folder", "webhook"])
    first, second = make_request(1), make_request(2)
    outbox.submit(first)
    outbox.submit(second)
    now = first.created_at.timestamp() + 60
    outbox.record_success(first.id, "folder", now)
    outbox.record_success(first.id, "webhook", now)
    outbox.record_failure(second.id, "webhook", now, "HTTP 503", now + 10)
    code, text = run(tmp_path, False)
    assert code == 0
    assert "1 visit request(s) waiting" in text and "1 request(s) delivered" in text
    assert "webhook: 1 waiting" in text and "HTTP 503" in text
    code, raw = run(tmp_path, True)
    data = json.loads(raw)
    assert (data["pending"], data["delivered"], data["unreadable"]) == (1, 1, 0)
    assert data["channels"]["webhook"]["last_error"] == "HTTP 503"
    assert data["oldest_pending_age_seconds"] >= 0
    for request in (first, second):
        assert request.name not in text + raw and request.phone not in text + raw
    outbox.close()


def test_lost_key_is_reported(tmp_path: Path) -> None:
    Outbox(tmp_path, ["folder"]).submit(make_request(3))
    os.remove(tmp_path / KEY_FILE)
    code, text = run(tmp_path, False)
    assert code == 0 and "PROBLEM: 1 waiting request(s) cannot be read" in text


def test_unreadable_outbox_exits_1(tmp_path: Path) -> None:
    (tmp_path / DB_FILE).write_bytes(b"garbage" * 1000)
    assert run(tmp_path, False)[0] == 1
    code, raw = run(tmp_path, True)
    assert code == 1 and json.loads(raw)["ok"] is False


def test_refused_requests_need_attention(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path, ["folder", "webhook"])
    first, second, third = make_request(1), make_request(2), make_request(3)
    for request in (first, second, third):
        outbox.submit(request)
    now = first.created_at.timestamp() + 60
    outbox.record_failure(first.id, "webhook", now, "HTTP 400", now + 10, refused=True)
    outbox.record_failure(second.id, "webhook", now, "HTTP 400", now + 10, refused=True)
    outbox.record_failure(
        third.id, "folder", now, "no clinic key set (delivery.folder_recipient)", now, refused=True
    )
    outbox.record_failure(third.id, "webhook", now, "HTTP 503", now + 10)  # retryable: no flag
    code, text = run(tmp_path, False)
    assert code == 0
    assert (
        "NEEDS ATTENTION: 2 request(s) were refused by webhook (HTTP 400): they cannot be "
        "delivered this way as things are set up. They are kept and retried; ask IT to check "
        "the webhook settings."
    ) in text
    assert "refused by folder (no clinic key set (delivery.folder_recipient))" in text
    data = json.loads(run(tmp_path, True)[1])
    assert data["refused"] == 3
    assert data["channels"]["webhook"]["refused"] == 2
    assert [line[:15] for line in data["attention"]] == ["NEEDS ATTENTION"] * 2
    outbox.record_success(first.id, "webhook", now + 20)
    outbox.record_success(second.id, "webhook", now + 20)
    assert "refused by webhook" not in run(tmp_path, False)[1]
    outbox.close()


def test_a_damaged_outbox_is_never_all_delivered(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path, ["folder"])
    outbox.submit(make_request(4))
    outbox.maintain()
    outbox.close()
    os.truncate(tmp_path / DB_FILE, 0)
    code, text = run(tmp_path, False)
    assert code == 1 and "All visit requests" not in text
    assert (
        text.startswith("PROBLEM: the outbox in")
        and "is damaged: the outbox file is empty (0 bytes)." in text
    )
    code, raw = run(tmp_path, True)
    assert code == 1 and "Restart the kiosk" in json.loads(raw)["error"]


# --- Delivered today ------------------------------------------------------------------------------


def test_delivered_since_counts_from_the_day_start_on(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path, ["folder"])
    requests = [make_request(n) for n in range(4)]
    for request in requests:
        outbox.submit(request)
    day_start = requests[0].created_at.timestamp() + 3600
    outbox.record_success(requests[0].id, "folder", day_start - 1)  # yesterday
    outbox.record_success(requests[1].id, "folder", day_start)  # at midnight: today
    outbox.record_success(requests[2].id, "folder", day_start + 60)
    outbox.record_failure(requests[3].id, "folder", day_start + 60, "HTTP 503", day_start + 120)
    outbox.close()
    status = read_status(tmp_path, day_start=day_start)
    assert (status.delivered, status.delivered_since, status.pending) == (3, 2, 1)
    assert read_status(tmp_path).delivered_since == 0, "no day given, nothing counted"
    assert read_status(tmp_path, day_start=day_start + 3600).delivered_since == 0


def test_the_json_status_says_how_many_were_delivered_today(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path, ["folder"])
    old, new = make_request(1), make_request(2)
    outbox.submit(old)
    outbox.submit(new)
    today = day_start_of(time.time())
    outbox.record_success(old.id, "folder", today - 10)
    outbox.record_success(new.id, "folder", time.time())
    outbox.close()
    data = json.loads(run(tmp_path, True)[1])
    assert (data["delivered"], data["delivered_since"]) == (2, 1)
    assert data["day_start"] == today or data["day_start"] > today, "unless midnight just passed"
    code, text = run(tmp_path, False)
    assert code == 0 and "2 request(s) delivered so far." in text


@given(st.floats(min_value=0, max_value=4_000_000_000))
def test_the_day_starts_at_the_local_midnight_before(now: float) -> None:
    start = day_start_of(now)
    local = dt.datetime.fromtimestamp(start)
    assert start <= now < start + 26 * 3600
    assert local.date() == dt.datetime.fromtimestamp(now).date()
    assert dt.datetime.fromtimestamp(start - 1).date() < local.date(), "the day's first second"
