"""``kiosk preview``: the real kiosk in a window that reloads on save and lays each problem
over the page it concerns (offscreen, driven by touches on the real widgets)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from kiosk.boot.preview import PREVIEW_POLL_MS, Preview
from kiosk.exit_codes import ExitCode
from kiosk.session import Screen
from kiosk.ui.preview_overlay import ProblemPanel
from tests.helpers import edit_title, write_content
from tests.kiosk_fixtures import open_tile, running_kiosk, settle
from tests.paths import REPO

POLL_MS = 50
"""The tests poll faster than staff need (PREVIEW_POLL_MS) so they finish sooner."""
WAIT_MS = 10_000
"""Generous: a reload of a 6-page folder takes a few ms; a loaded CI machine may be slower."""


@contextmanager
def previewing(content: Path) -> Iterator[tuple[KioskApp, Preview]]:
    with running_kiosk(content, kiosk_mode=False) as kiosk:
        preview = Preview(kiosk, poll_ms=POLL_MS)
        try:
            yield kiosk, preview
        finally:
            preview.stop()


def _title_shown(kiosk: KioskApp) -> str:
    pane = kiosk.window.reader.slider.current
    titles = [
        label.text() for label in pane.findChildren(QLabel) if label.property("role") == "title"
    ]
    return titles[0] if titles else ""


def _touch(path: Path) -> None:
    """Move the modification time on (a coarse-mtime file system would hide a quick save)."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def _warn(page: Path) -> None:
    """Give a page an unknown field: a warning, the page still shows."""
    page.write_text(
        page.read_text(encoding="utf-8").replace("icon:", "colour: red\nicon:"), "utf-8"
    )
    _touch(page)


def test_the_panel_lists_a_pages_problems_over_that_page(qtbot: QtBot, tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    _warn(root / "en" / "02-second.md")
    with previewing(root) as (kiosk, preview):
        panel = preview.panel
        open_tile(kiosk, "second")
        assert panel.isVisible()
        assert panel.heading.text() == "Preview: problems in en/02-second.md: 1"
        assert len(panel.lines) == 1
        assert panel.lines[0].startswith("en/02-second.md:")
        assert ": warning: " in panel.lines[0] and "colour" in panel.lines[0]
        # over the page: across the top of the window, above the reader in the stacking order
        assert panel.parentWidget() is kiosk.window
        assert panel.geometry().top() == 0 and panel.width() == kiosk.window.width()
        assert kiosk.window.childAt(panel.geometry().center()) is not None
        assert isinstance(_ancestor_panel(kiosk, panel), ProblemPanel)
        kiosk.show_view(kiosk.session.next())  # the next page is clean
        settle(kiosk)
        assert panel.heading.text() == "Preview: no problems in en/03-third.md"
        assert not panel.lines


def _ancestor_panel(kiosk: KioskApp, panel: ProblemPanel) -> ProblemPanel | None:
    widget = kiosk.window.childAt(panel.geometry().center())
    while widget is not None and widget is not panel:
        widget = widget.parentWidget()
    return widget if isinstance(widget, ProblemPanel) else None


def test_a_save_shows_at_once_on_the_same_page(qtbot: QtBot, tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    with previewing(root) as (kiosk, preview):
        open_tile(kiosk, "second")
        assert _title_shown(kiosk) == "Second page en"
        started = time.perf_counter()
        edit_title(root / "en" / "02-second.md", "A new title")
        qtbot.waitUntil(lambda: _title_shown(kiosk) == "A new title", timeout=WAIT_MS)
        assert time.perf_counter() - started < 5  # polled every 50 ms here, 500 ms for staff
        view = kiosk.session.view
        assert view.screen is Screen.PAGE and view.page is not None and view.page.slug == "second"
        assert preview.reloads == 1
        assert PREVIEW_POLL_MS <= 1000  # staff see their save within about a second


def test_a_broken_save_is_shown_and_the_preview_keeps_running(qtbot: QtBot, tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    page = root / "en" / "02-second.md"
    good = page.read_text(encoding="utf-8")
    with previewing(root) as (kiosk, preview):
        panel = preview.panel
        open_tile(kiosk, "second")
        page.write_text("---\ntitle: [\n---\nhalf a page", encoding="utf-8")
        _touch(page)
        # the page is left out: the preview goes to the menu and says so there
        qtbot.waitUntil(lambda: kiosk.session.view.screen is Screen.MENU, timeout=WAIT_MS)
        assert "second" not in [tile.slug for tile in kiosk.window.menu.tiles]
        details = panel.details.text()
        assert "The page you were on, en/02-second.md, is now left out" in details
        assert "Left out of the menu because of errors: en/02-second.md" in details
        assert any(
            line.startswith("en/02-second.md:") and ": error: " in line for line in panel.lines
        )
        # the other pages still show, and the next good save brings the page back
        assert "first" in [tile.slug for tile in kiosk.window.menu.tiles]
        page.write_text(good.replace("Second page en", "Fixed page"), encoding="utf-8")
        _touch(page)
        qtbot.waitUntil(
            lambda: "second" in [tile.slug for tile in kiosk.window.menu.tiles], timeout=WAIT_MS
        )
        assert "is now left out" not in panel.details.text()
        assert not any("02-second.md" in line for line in panel.lines)


def test_a_folder_deleted_and_put_back(qtbot: QtBot, tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    with previewing(root) as (kiosk, preview):
        moved = tmp_path / "elsewhere"
        root.rename(moved)
        qtbot.waitUntil(lambda: kiosk.session.view.screen is Screen.OUT_OF_SERVICE, timeout=WAIT_MS)
        assert any("does not exist" in line for line in preview.panel.lines)
        moved.rename(root)
        qtbot.waitUntil(lambda: kiosk.session.view.screen is Screen.ATTRACT, timeout=WAIT_MS)
        assert preview.panel.heading.text() == "Preview: no problems in the content folder"


def test_preview_without_a_display_says_so(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "preview", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=REPO,
    )
    assert result.returncode == ExitCode.NO_DISPLAY
    assert "no display" in result.stderr and "Traceback" not in result.stderr
