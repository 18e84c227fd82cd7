"""The composition root: content reloads between visits, never in the middle of one."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.content.watch import folder_signature
from kiosk.selftest.touch import tap
from kiosk.session import Screen
from tests.helpers import write_content
from tests.kiosk_fixtures import running_kiosk


def _edit_title(page: Path, new_title: str) -> None:
    text = page.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("title: "))
    page.write_text(text.replace(old, f"title: {new_title}"), encoding="utf-8")
    stat = page.stat()  # make sure the change is visible even on coarse-mtime filesystems
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_signature_changes_with_any_edit(tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    before = folder_signature(root)
    assert folder_signature(root) == before
    _edit_title(root / "en" / "01-first.md", "Changed")
    assert folder_signature(root) != before
    after_edit = folder_signature(root)
    (root / "images" / "picture.svg").unlink()
    assert folder_signature(root) != after_edit


def test_staff_edit_shows_at_the_next_visit_not_during_one(qtbot: QtBot, tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    with running_kiosk(root) as kiosk:
        tap(kiosk.window.attract.start_button)
        _edit_title(root / "en" / "01-first.md", "Fresh title")
        assert not kiosk.check_content()  # a patient is reading: leave the pages alone
        kiosk.reset()  # the visit ends (idle reset): the new pages are picked up
        assert kiosk.session.view.screen is Screen.ATTRACT
        tap(kiosk.window.attract.start_button)
        assert kiosk.window.menu.tiles[0].accessibleName() == "1. Fresh title"


def test_broken_then_fixed_content_goes_out_of_service_and_back(
    qtbot: QtBot, tmp_path: Path
) -> None:
    root = write_content(tmp_path / "content", languages=("en",))
    pages = sorted((root / "en").glob("*.md"))
    saved = {page: page.read_text(encoding="utf-8") for page in pages}
    with running_kiosk(root) as kiosk:
        for page in pages:
            page.write_text("---\ntitle: [broken\n---\nx\n", encoding="utf-8")
        assert kiosk.check_content()
        assert kiosk.session.view.screen is Screen.OUT_OF_SERVICE
        assert kiosk.window.current_screen is kiosk.window.out_of_service
        for page, text in saved.items():
            page.write_text(text, encoding="utf-8")
        assert kiosk.check_content()
        assert kiosk.session.view.screen is Screen.ATTRACT
