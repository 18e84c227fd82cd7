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
