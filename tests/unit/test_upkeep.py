"""Between-visits upkeep in a running kiosk: content reloads, the daily restart, health files.

Never during a visit: each job waits until the kiosk is quiet again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk import upkeep
from kiosk.app import KioskApp
from kiosk.config import Config
from kiosk.content.loader import load_library
from kiosk.content.model import Library
from kiosk.content.reload import ReloadTimings
from kiosk.content.source import load_content
from kiosk.exit_codes import ExitCode
from kiosk.health import METRICS_FILE, STATUS_FILE
from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from kiosk.staff_side import SettingsInfo
from tests.helpers import edit_title, write_content
from tests.kiosk_fixtures import RELAXED, running_kiosk, tile_for
from tests.paths import REPO
from tests.prometheus import parse_prometheus

QUICK = ReloadTimings(debounce=0.2, max_wait=3.0, poll=0.2, deadline=5.0)


@pytest.fixture
def quick_reload(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every kiosk built in the test polls every 0.2 s and reads 0.2 s after a change."""
    monkeypatch.setattr(upkeep, "RELOAD_TIMINGS", QUICK)


def status_content(data: Path) -> dict[str, object]:
    content = json.loads((data / STATUS_FILE).read_text(encoding="utf-8"))["content"]
    assert isinstance(content, dict)
    return content


@pytest.mark.usefixtures("quick_reload")
def test_staff_edit_shows_at_the_next_visit_not_during_one(qtbot: QtBot, tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    with running_kiosk(root) as kiosk:
        before = kiosk.library
        tap(kiosk.window.attract.start_button)
        edit_title(root / "en" / "01-first.md", "Fresh title")
        qtbot.waitUntil(lambda: kiosk.upkeep.content_status().state.startswith("new version w"))
        assert kiosk.library is before  # a patient reads: the pages stay
        assert kiosk.session.languages == before.decks
        assert tile_for(kiosk, "first").accessibleName() == "1. First page en"
        with qtbot.waitSignal(kiosk.upkeep.content_reloaded, timeout=1000):
            kiosk.reset()  # the visit ends (idle reset): the new pages are taken at once
        assert kiosk.session.view.screen is Screen.ATTRACT
        assert kiosk.upkeep.content_status().state == "ok"
        tap(kiosk.window.attract.start_button)
        assert tile_for(kiosk, "first").accessibleName() == "1. Fresh title"


@pytest.mark.usefixtures("quick_reload")
def test_reloaded_pages_still_offer_the_visit_form(qtbot: QtBot, tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    with running_kiosk(root, data_dir=tmp_path / "data") as kiosk:
        with qtbot.waitSignal(kiosk.upkeep.content_reloaded, timeout=5000):
            edit_title(root / "en" / "01-first.md", "Fresh title")
        assert kiosk.session.view.form_available
        tap(kiosk.window.attract.start_button)
        tap(kiosk.window.menu.visit_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.REQUEST_FORM)


@pytest.mark.usefixtures("quick_reload")
def test_broken_content_is_refused_and_the_last_good_version_stays(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = write_content(tmp_path / "content", languages=("en",))
    data = tmp_path / "data"
    pages = sorted((root / "en").glob("*.md"))
    saved = {page: page.read_text(encoding="utf-8") for page in pages}
    kiosk = make_kiosk(root, data)
    try:
        good = kiosk.library
        reloaded: list[object] = []
        kiosk.upkeep.content_reloaded.connect(reloaded.append)
        with caplog.at_level(logging.WARNING, logger="kiosk"):
            for page in pages:
                page.write_text("---\ntitle: [broken\n---\nx\n", encoding="utf-8")
            qtbot.waitUntil(lambda: status_content(data)["state"] != "ok", timeout=5000)
        content = status_content(data)
        errors = content["pending_problems"]
        assert isinstance(errors, int) and errors >= 3
        assert content["state"] == f"new version refused: {errors} errors, no page can be shown"
        assert content["folder"] == str(root)
        assert reloaded == [] and kiosk.library is good
        assert kiosk.window.current_screen is kiosk.window.attract
        assert status_document_errors(data) == 0, "the errors shown are the good version's"
        for page in pages:
            assert re.search(
                rf"content: {re.escape(str(page.relative_to(root)))}:\d+: error: ", caplog.text
            )
        assert f"new version of {root} refused ({errors} errors, no page" in caplog.text
        tap(kiosk.window.attract.start_button)
        assert len(kiosk.window.menu.tiles) == 3, "no page lost"
        kiosk.reset()
        with qtbot.waitSignal(kiosk.upkeep.content_reloaded, timeout=5000):
            for page, text in saved.items():
                page.write_text(text + "\nFixed.\n", encoding="utf-8")
        assert status_content(data)["state"] == "ok"
        assert status_content(data)["pending_problems"] == 0
    finally:
        kiosk.close()
        QApplication.processEvents()


def status_document_errors(data: Path) -> int:
    errors = json.loads((data / STATUS_FILE).read_text(encoding="utf-8"))["content_errors"]
    assert isinstance(errors, int)
    return errors


@pytest.mark.usefixtures("quick_reload")
def test_out_of_service_takes_the_first_version_with_pages(qtbot: QtBot, tmp_path: Path) -> None:
    root = tmp_path / "content"
    root.mkdir()
    with running_kiosk(root) as kiosk:
        assert kiosk.window.current_screen is kiosk.window.out_of_service
        write_content(tmp_path / "draft", languages=("en",))
        broken = tmp_path / "draft" / "en" / "02-second.md"
        broken.write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
        with qtbot.waitSignal(kiosk.upkeep.content_reloaded, timeout=5000):
            (tmp_path / "draft" / "images").rename(root / "images")
            (tmp_path / "draft" / "en").rename(root / "en")
        assert kiosk.session.view.screen is Screen.ATTRACT
        assert kiosk.library.errors and kiosk.upkeep.content_status().state.startswith("shown with")


def make_kiosk(content: Path, data_dir: Path, *, daily_restart: str = "") -> KioskApp:
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    config = Config(data_dir=data_dir)
    config = dataclasses.replace(
        config,
        kiosk=dataclasses.replace(
            config.kiosk, fullscreen=False, hide_cursor=False, daily_restart=daily_restart
        ),
    )
    app = KioskApp(
        qapp,
        load_content(content),
        config,
        kiosk_mode=False,
        timings=RELAXED,
        data_dir=data_dir,
        settings=SettingsInfo(problems=("idle.timeout_seconds = 5: ...", "kiosk.x: unknown")),
    )
    app.window.resize(1280, 800)
    app.window.show()
    return app


def test_kiosk_writes_status_at_start_and_counts_pages(qtbot: QtBot, tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    data = tmp_path / "data"
    kiosk = make_kiosk(root, data)
    try:
        status = json.loads((data / STATUS_FILE).read_text(encoding="utf-8"))
        assert status["up"] is True and status["pages_shown"] == 0
        assert status["config_problems"] == 2 and status["languages"] == ["en", "es"]
        assert kiosk.upkeep._health_timer.isActive()
        assert kiosk.upkeep._health_timer.interval() == 30_000
        tap(kiosk.window.attract.start_button)
        tap(tile_for(kiosk, "first"))
        kiosk.show_view(kiosk.session.next())
        assert kiosk.upkeep.pages_shown == 2
        logging.getLogger("kiosk.app").error("the delivery folder is full")
        assert kiosk.upkeep.write_health()
        status = json.loads((data / STATUS_FILE).read_text(encoding="utf-8"))
        assert status["pages_shown"] == 2
        assert status["last_error"] == "the delivery folder is full"
        metrics = parse_prometheus((data / "metrics" / METRICS_FILE).read_text(encoding="utf-8"))
        assert metrics["hip_kiosk_pages_shown_total"] == 2
        assert not kiosk.upkeep._restart_timer.isActive(), "no daily restart unless configured"
    finally:
        kiosk.close()
        QApplication.processEvents()
    assert not kiosk.upkeep._health_timer.isActive()


def test_kiosk_restarts_daily_only_on_the_attract_screen(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    exits: list[int] = []  # the real exit() outside a running loop would upset later tests
    monkeypatch.setattr(QApplication, "exit", staticmethod(exits.append))
    root = write_content(tmp_path / "content")
    kiosk = make_kiosk(root, tmp_path / "data", daily_restart="03:30")
    try:
        assert kiosk.upkeep._restart_timer.isActive()
        tomorrow = dt.datetime.now() + dt.timedelta(days=1, hours=1)
        tap(kiosk.window.attract.start_button)
        assert not kiosk.upkeep.check_daily_restart(tomorrow)  # a patient is here
        kiosk.reset()
        with caplog.at_level(logging.INFO, logger="kiosk.upkeep"):
            assert kiosk.upkeep.check_daily_restart(tomorrow)
        assert f"exiting with code {ExitCode.RESTART}" in caplog.text
        assert exits == [ExitCode.RESTART]
        assert not kiosk.upkeep._restart_timer.isActive()
    finally:
        kiosk.close()
        QApplication.processEvents()


def test_no_daily_restart_while_staff_work_then_at_once(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(exits.append))
    kiosk = make_kiosk(
        write_content(tmp_path / "content"), tmp_path / "data", daily_restart="03:30"
    )
    try:
        kiosk.upkeep._started = dt.datetime.now() - dt.timedelta(days=2)
        kiosk.staff.open_pad()  # the pad is up on the attract screen, a quiet screen
        assert not kiosk.upkeep.check_daily_restart()
        assert exits == []
        kiosk.staff.pad.cancelled.emit()  # type: ignore[union-attr]
        assert exits == [ExitCode.RESTART]
    finally:
        kiosk.close()
        QApplication.processEvents()


RESTARTING_KIOSK = """
import datetime as dt, sys
from kiosk import app, cli

shown = app.KioskApp.show

def show_then_restart(self):
    shown(self)
    self.upkeep._started = dt.datetime.now() - dt.timedelta(days=2)  # as if up since the day before
    self.upkeep._restart_timer.setInterval(200)

app.KioskApp.show = show_then_restart
sys.exit(cli.main(["run", "--windowed", "--data-dir", sys.argv[1], "--config", sys.argv[2]]))
"""


def test_daily_restart_exits_75_and_status_files_exist(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        '[kiosk]\ndaily_restart = "00:00"\n[monitoring]\nstatus_interval_seconds = 5\n'
        'metrics_dir = "node-metrics"\nunknown = 1\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-c", RESTARTING_KIOSK, str(tmp_path / "data"), str(config)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == ExitCode.RESTART, result.stderr
    assert "daily restart" in result.stderr
    status = json.loads((tmp_path / "data" / STATUS_FILE).read_text(encoding="utf-8"))
    assert status["config_problems"] == 1
    parse_prometheus((tmp_path / "node-metrics" / METRICS_FILE).read_text(encoding="utf-8"))


def test_a_fallback_data_folder_is_named_in_status_and_metrics(
    qtbot: QtBot, tmp_path: Path
) -> None:
    root = write_content(tmp_path / "content")
    data = tmp_path / "data"
    kiosk = make_kiosk(root, data)
    try:
        status = json.loads((data / STATUS_FILE).read_text(encoding="utf-8"))
        assert status["data_dir_problem"] is None
        problem = "the data folder /srv/kiosk cannot be used (Permission denied); using " + str(
            data
        )
        kiosk.upkeep.data_dir_problem = problem
        status = json.loads((data / STATUS_FILE).read_text(encoding="utf-8"))
        assert status["data_dir_problem"] == problem
        metrics = parse_prometheus((data / "metrics" / METRICS_FILE).read_text(encoding="utf-8"))
        assert metrics["hip_kiosk_data_dir_fallback"] == 1
    finally:
        kiosk.close()
        QApplication.processEvents()


def test_closing_the_kiosk_leaves_no_reloader_thread_nor_watch(
    qtbot: QtBot, tmp_path: Path
) -> None:
    def content_threads() -> list[threading.Thread]:
        return [
            t
            for t in threading.enumerate()
            if t.name.startswith("content-") or "Observer" in type(t).__name__
        ]

    before = content_threads()
    root = write_content(tmp_path / "content")
    with running_kiosk(root) as kiosk:
        assert kiosk.upkeep.reloader.watching
        assert len(content_threads()) > len(before)
    assert content_threads() == before
    assert not kiosk.upkeep.reloader.watching


def test_a_read_past_the_deadline_keeps_the_last_good_version(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(upkeep, "RELOAD_TIMINGS", dataclasses.replace(QUICK, deadline=0.5))
    root = write_content(tmp_path / "content")
    data = tmp_path / "data"
    kiosk = make_kiosk(root, data)
    try:
        good = kiosk.library

        def hangs(folder: Path) -> Library:  # as a hostile folder near the loader's limits
            time.sleep(2)
            return load_library(folder)

        kiosk.upkeep.reloader.load = hangs
        started = time.perf_counter()
        with caplog.at_level(logging.ERROR, logger="kiosk"):
            edit_title(root / "en" / "01-first.md", "Too slow")
            qtbot.waitUntil(lambda: status_content(data)["state"] != "ok", timeout=5000)
        assert time.perf_counter() - started < 5
        assert status_content(data)["state"] == (
            "new version refused: reading it took longer than 0.5 s"
        )
        assert f"gave up reading the new version of {root}" in caplog.text
        assert kiosk.library is good
        tap(kiosk.window.attract.start_button)
        assert len(kiosk.window.menu.tiles) == 3, "no page lost"
        assert tile_for(kiosk, "first").accessibleName() == "1. First page en"
    finally:
        kiosk.close()
        QApplication.processEvents()
