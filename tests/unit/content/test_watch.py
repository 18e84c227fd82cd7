"""Noticing staff edits to the content folder from its signature."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.watch import folder_signature
from tests.helpers import edit_title, write_content


def test_signature_changes_with_any_edit(tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    before = folder_signature(root)
    assert folder_signature(root) == before
    edit_title(root / "en" / "01-first.md", "Changed")
    assert folder_signature(root) != before
    after_edit = folder_signature(root)
    (root / "images" / "picture.svg").unlink()
    assert folder_signature(root) != after_edit


def test_signature_tells_a_missing_folder_from_an_empty_one_or_a_file(tmp_path: Path) -> None:
    root = tmp_path / "content"
    missing = folder_signature(root)
    root.mkdir()
    empty = folder_signature(root)
    root.rmdir()
    root.write_text("garbage", encoding="utf-8")
    a_file = folder_signature(root)
    assert len({missing, empty, a_file}) == 3


def test_signature_ignores_hidden_files(tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    before = folder_signature(root)
    (root / "en" / ".~lock.01-first.md#").write_text("lock", encoding="utf-8")
    (root / ".sync").mkdir()
    (root / ".sync" / "state").write_text("x", encoding="utf-8")
    assert folder_signature(root) == before
