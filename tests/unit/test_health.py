"""Health reporting for IT: status.json, the Prometheus textfile, and how the running kiosk
writes them."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from pathlib import Path

import pytest

from kiosk import __version__
from kiosk.content.loader import load_library
from kiosk.content.reload import ContentStatus
from kiosk.health import (
    METRICS_FILE,
    STATUS_FILE,
    Health,
    HealthWriter,
    LastErrorHandler,
    collect,
    prometheus_text,
    status_document,
    write_atomically,
    write_health,
)
from kiosk.visit.outbox import DB_FILE, Outbox
from tests.helpers import write_content
from tests.prometheus import parse_prometheus
from tests.unit.visit.samples import make_request

START = 1_800_000_000.0


def test_the_prometheus_checker_rejects_broken_text() -> None:
    for broken in ("x 1\n", "# TYPE x gauge\nx one\n", "# HELP x a\n# TYPE x gauge\nx 1"):
        with pytest.raises(AssertionError):
            parse_prometheus(broken)


# --- Collecting and writing ---------------------------------------------------------------------


def sample(**changes: object) -> Health:
    values: dict[str, object] = {
        "started_at": START,
        "updated_at": START + 90,
        "content_errors": 2,
        "content_warnings": 1,
        "languages": ("en", "es"),
        "pages_shown": 41,
        "config_problems": 3,
        "requests_pending": 1,
        "oldest_pending_age_seconds": 61.25,
        "last_delivery_at": START + 30,
        "last_error": "delivery: HTTP 503",
    }
    values.update(changes)
    return Health(**values)  # type: ignore[arg-type]


def test_status_document_fields() -> None:
    document = status_document(sample())
    assert document == {
        "kiosk_version": __version__,
        "up": True,
        "started_at": "2027-01-15T08:00:00+00:00",
        "updated_at": "2027-01-15T08:01:30+00:00",
        "content_errors": 2,
        "content_warnings": 1,
        "languages": ["en", "es"],
        "pages_shown": 41,
        "requests_pending": 1,
        "oldest_pending_age_seconds": 61.2,
        "last_successful_delivery_at": "2027-01-15T08:00:30+00:00",
        "outbox_readable": True,
        "requests_refused": 0,
        "requests_key_missing": 0,
        "outbox_salvages": 0,
        "requests_salvaged": 0,
        "requests_lost": 0,
        "outbox_attention": [],
        "config_problems": 3,
        "data_dir_problem": None,
        "last_error": "delivery: HTTP 503",
        "content": None,
    }
    json.dumps(document)
    moved = status_document(sample(data_dir_problem="/srv/kiosk is not writable"))
    assert moved["data_dir_problem"] == "/srv/kiosk is not writable"


def test_status_says_when_the_newest_content_was_refused(tmp_path: Path) -> None:
    shown = ContentStatus(
        folder=tmp_path / "content",
        shown_loaded_at=START + 10,
        shown_signature=-2,
        pending_problems=0,
        last_check=START + 80,
        state="ok",
        watching=True,
    )
    document = status_document(sample(content=shown))
    assert document["content"] == {
        "folder": str(tmp_path / "content"),
        "shown_version": {"loaded_at": "2027-01-15T08:00:10+00:00", "signature": "f" * 15 + "e"},
        "state": "ok",
        "pending_problems": 0,
        "last_check": "2027-01-15T08:01:20+00:00",
        "watching": "events and polling",
    }
    fine = parse_prometheus(prometheus_text(sample(content=shown)))
    assert fine["hip_kiosk_content_refused"] == 0
    assert fine["hip_kiosk_content_loaded_timestamp_seconds"] == START + 10
    refused = dataclasses.replace(
        shown, state="new version refused: 3 errors", pending_problems=3, watching=False
    )
    document = status_document(sample(content=refused))
    content = document["content"]
    assert isinstance(content, dict)
    assert content["state"] == "new version refused: 3 errors"
    assert content["pending_problems"] == 3 and content["watching"] == "polling only"
    samples = parse_prometheus(prometheus_text(sample(content=refused)))
    assert samples["hip_kiosk_content_refused"] == 1
    assert samples["hip_kiosk_content_pending_problems"] == 3
    unwatched = parse_prometheus(prometheus_text(sample()))
    assert unwatched["hip_kiosk_content_refused"] == 0
    assert unwatched["hip_kiosk_content_loaded_timestamp_seconds"] == 0


def test_prometheus_text_is_valid_and_complete() -> None:
    samples = parse_prometheus(prometheus_text(sample()))
    assert samples["hip_kiosk_up"] == 1
    assert samples["hip_kiosk_content_errors"] == 2
    assert samples["hip_kiosk_requests_pending"] == 1
    assert samples["hip_kiosk_oldest_pending_seconds"] == 61.25
    assert samples["hip_kiosk_last_delivery_timestamp_seconds"] == START + 30
    assert samples["hip_kiosk_start_time_seconds"] == START
    assert samples["hip_kiosk_pages_shown_total"] == 41
    quiet = parse_prometheus(
        prometheus_text(sample(oldest_pending_age_seconds=None, last_delivery_at=None))
    )
    assert quiet["hip_kiosk_oldest_pending_seconds"] == 0
    assert quiet["hip_kiosk_last_delivery_timestamp_seconds"] == 0


ALL_SERIES = {
    "hip_kiosk_up",
    "hip_kiosk_start_time_seconds",
    "hip_kiosk_content_errors",
    "hip_kiosk_content_warnings",
    "hip_kiosk_content_refused",
    "hip_kiosk_content_pending_problems",
    "hip_kiosk_content_loaded_timestamp_seconds",
    "hip_kiosk_config_problems",
    "hip_kiosk_pages_shown_total",
    "hip_kiosk_requests_pending",
    "hip_kiosk_oldest_pending_seconds",
    "hip_kiosk_last_delivery_timestamp_seconds",
    "hip_kiosk_outbox_readable",
    "hip_kiosk_requests_refused",
    "hip_kiosk_requests_key_missing",
    "hip_kiosk_outbox_salvaged_total",
    "hip_kiosk_requests_salvaged_total",
    "hip_kiosk_requests_lost",
    "hip_kiosk_data_dir_fallback",
    "hip_kiosk_status_updated_timestamp_seconds",
}


def test_an_unreadable_outbox_keeps_every_series_and_says_so() -> None:
    samples = parse_prometheus(
        prometheus_text(sample(requests_pending=None, outbox_readable=False, pending_last_known=4))
    )
    assert set(samples) == ALL_SERIES
    assert samples["hip_kiosk_outbox_readable"] == 0
    assert samples["hip_kiosk_requests_pending"] == 4, "the last known value, for alerts"
    assert samples["hip_kiosk_up"] == 1
    fine = parse_prometheus(prometheus_text(sample()))
    assert set(fine) == ALL_SERIES and fine["hip_kiosk_outbox_readable"] == 1
    assert fine["hip_kiosk_data_dir_fallback"] == 0
    moved = parse_prometheus(prometheus_text(sample(data_dir_problem="not writable")))
    assert moved["hip_kiosk_data_dir_fallback"] == 1


def test_refusals_and_salvage_reach_status_and_metrics(tmp_path: Path) -> None:
    library = load_library(write_content(tmp_path / "content"))
    data = tmp_path / "data"
    outbox = Outbox(data, ["folder", "webhook"])
    waiting = [make_request(n) for n in range(3)]
    for request in waiting:
        outbox.submit(request)
    outbox.maintain()
    outbox.close()
    os.truncate(data / DB_FILE, 0)
    outbox = Outbox(data, ["folder", "webhook"])  # all three lost: nothing left in the file
    kept = make_request(7)
    outbox.submit(kept)
    now = kept.created_at.timestamp()
    outbox.record_failure(kept.id, "webhook", now, "HTTP 400", now + 60, refused=True)
    assert outbox.salvage is not None
    copy = outbox.salvage.damaged_copy
    outbox.close()
    found = collect(library, data, started_at=START, pages_shown=0, config_problems=0)
    assert (found.requests_refused, found.outbox_salvages, found.requests_lost) == (1, 1, 3)
    document = status_document(found)
    attention = document["outbox_attention"]
    assert isinstance(attention, list) and any(copy in line for line in attention)
    assert any(
        "up to 3 waiting request(s) could not be recovered" in line
        for line in found.outbox_attention
    )
    assert any(
        line.startswith("NEEDS ATTENTION: 1 request(s) were refused by webhook")
        for line in found.outbox_attention
    )
    samples = parse_prometheus(prometheus_text(found))
    assert samples["hip_kiosk_requests_refused"] == 1
    assert samples["hip_kiosk_outbox_salvaged_total"] == 1
    assert samples["hip_kiosk_requests_lost"] == 3
    assert samples["hip_kiosk_requests_salvaged_total"] == 0
    text = json.dumps(document) + prometheus_text(found)
    assert kept.name not in text and kept.phone not in text


def test_the_writer_keeps_the_last_known_figures(tmp_path: Path) -> None:
    library = load_library(write_content(tmp_path / "content"))
    data, metrics = tmp_path / "data", tmp_path / "metrics"
    outbox = Outbox(data, ["folder"])
    for n in range(2):
        outbox.submit(make_request(n))
    outbox.maintain()
    outbox.close()
    writer = HealthWriter(data, metrics, started_at=START, data_dir_problem="moved")
    assert writer.write(library, pages_shown=0, config_problems=0)
    (data / DB_FILE).write_bytes(b"")  # emptied under the running kiosk
    assert writer.write(library, pages_shown=0, config_problems=0)
    samples = parse_prometheus((metrics / METRICS_FILE).read_text(encoding="utf-8"))
    assert samples["hip_kiosk_outbox_readable"] == 0
    assert samples["hip_kiosk_requests_pending"] == 2
    assert samples["hip_kiosk_data_dir_fallback"] == 1
    document = json.loads((data / STATUS_FILE).read_text(encoding="utf-8"))
    assert document["outbox_readable"] is False and document["requests_pending"] is None
    assert document["data_dir_problem"] == "moved"
    assert document["outbox_attention"][0].startswith("PROBLEM: the outbox in")
    assert "0 bytes" in document["last_error"]


def test_collect_without_an_outbox(tmp_path: Path) -> None:
    library = load_library(write_content(tmp_path / "content"))
    found = collect(
        library, tmp_path / "data", started_at=START, pages_shown=5, config_problems=0, now=START
    )
    assert found.requests_pending == 0 and found.oldest_pending_age_seconds is None
    assert found.last_delivery_at is None and found.last_error == ""
    assert (found.content_errors, found.languages, found.pages_shown) == (0, ("en", "es"), 5)
    broken = tmp_path / "content" / "es" / "02-second.md"
    broken.write_text("no front matter\n", encoding="utf-8")
    found = collect(
        load_library(tmp_path / "content"),
        tmp_path / "data",
        started_at=START,
        pages_shown=0,
        config_problems=2,
    )
    assert found.content_errors >= 1 and found.config_problems == 2


def test_collect_reads_the_outbox_without_patient_data(tmp_path: Path) -> None:
    library = load_library(write_content(tmp_path / "content"))
    outbox = Outbox(tmp_path, ["folder", "webhook"])
    first, second = make_request(1), make_request(2)
    outbox.submit(first)
    outbox.submit(second)
    created = second.created_at.timestamp()
    outbox.record_success(first.id, "folder", created + 5)
    outbox.record_success(first.id, "webhook", created + 6)
    outbox.record_failure(second.id, "webhook", created + 7, "HTTP 503", created + 60)
    outbox.close()
    found = collect(
        library, tmp_path, started_at=START, pages_shown=0, config_problems=0, now=created + 100
    )
    assert found.requests_pending == 1
    assert found.oldest_pending_age_seconds == pytest.approx(100, abs=0.01)
    assert found.last_delivery_at == pytest.approx(created + 6)
    assert found.last_error == "delivery: HTTP 503"
    text = json.dumps(status_document(found)) + prometheus_text(found)
    for request in (first, second):
        assert request.name not in text and request.phone not in text
    logged = collect(
        library, tmp_path, started_at=START, pages_shown=0, config_problems=0, last_error="disk"
    )
    assert logged.last_error == "disk", "a logged error comes first"


def test_collect_reports_an_unreadable_outbox(tmp_path: Path) -> None:
    (tmp_path / DB_FILE).write_bytes(b"garbage" * 1000)
    library = load_library(write_content(tmp_path / "content"))
    found = collect(library, tmp_path, started_at=START, pages_shown=0, config_problems=0)
    assert found.requests_pending is None
    assert found.last_error.startswith("the outbox cannot be read")


def test_write_health_writes_both_files_atomically(tmp_path: Path) -> None:
    data, metrics = tmp_path / "data", tmp_path / "data" / "metrics"
    write_health(sample(), data, metrics)
    assert json.loads((data / STATUS_FILE).read_text(encoding="utf-8"))["pages_shown"] == 41
    parse_prometheus((metrics / METRICS_FILE).read_text(encoding="utf-8"))
    write_health(sample(pages_shown=42), data, metrics)
    assert json.loads((data / STATUS_FILE).read_text(encoding="utf-8"))["pages_shown"] == 42
    leftovers = [p.name for p in [*data.iterdir(), *metrics.iterdir()] if p.is_file()]
    assert sorted(leftovers) == [METRICS_FILE, STATUS_FILE], "no temporary files are left"


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "status.json"
    write_atomically(target, "old\n")

    def fail(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)  # as kiosk.health calls it
    with pytest.raises(OSError):
        write_atomically(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["status.json"]


def test_writer_logs_a_failure_once_and_recovers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    library = load_library(write_content(tmp_path / "content"))
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the metrics folder should be", encoding="utf-8")
    writer = HealthWriter(tmp_path, blocked / "metrics", started_at=START)
    with caplog.at_level(logging.INFO, logger="kiosk.health"):
        assert not writer.write(library, pages_shown=0, config_problems=0)
        assert not writer.write(library, pages_shown=0, config_problems=0)
        warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 1 and "cannot write the status file" in warnings[0].message
        blocked.unlink()
        assert writer.write(library, pages_shown=3, config_problems=1)
        assert "written again" in caplog.records[-1].message
    document = json.loads((tmp_path / STATUS_FILE).read_text(encoding="utf-8"))
    assert (document["pages_shown"], document["config_problems"]) == (3, 1)


def test_last_error_handler_keeps_one_line_of_the_last_error() -> None:
    handler = LastErrorHandler()
    logger = logging.getLogger("kiosk.test-health")
    logger.addHandler(handler)
    try:
        logger.warning("only a warning")
        assert handler.text == ""
        logger.error("delivery failed for %s:\n  %s", "abc", "timeout")
        logger.info("later news")
    finally:
        logger.removeHandler(handler)
    assert handler.text == "delivery failed for abc: timeout"


def test_only_the_metrics_file_is_readable_by_monitoring_agents(tmp_path: Path) -> None:
    from kiosk.health import write_atomically, write_health

    target = tmp_path / "metrics" / "hip_kiosk.prom"
    write_atomically(target, "hip_kiosk_up 1\n")
    assert target.stat().st_mode & 0o777 == 0o600, "private unless asked"
    library = load_library(write_content(tmp_path / "content"))
    health = collect(library, tmp_path, started_at=0.0, pages_shown=0, config_problems=0)
    write_health(health, tmp_path / "data", tmp_path / "metrics")
    assert (tmp_path / "data" / STATUS_FILE).stat().st_mode & 0o777 == 0o600
    assert target.stat().st_mode & 0o777 == 0o644
