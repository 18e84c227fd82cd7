"""Every interface string has a Spanish translation, and the compiled catalogue is current."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.content.render import PageRenderer
from kiosk.content.source import load_content
from kiosk.ui.i18n import UiLanguage
from kiosk.ui.reader import ReaderScreen
from kiosk.ui.theme import Theme
from tests.paths import REPO

TS = REPO / "assets" / "i18n" / "kiosk_es.ts"
QM = REPO / "assets" / "i18n" / "kiosk_es.qm"


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


TRANSLATED = (
    "kiosk/ui/*.py",
    "kiosk/staff_side.py",
    "kiosk/staff/report.py",
    "kiosk/usage/table.py",
)
"""Where the interface's words are (the README's lupdate command lists the same)."""


def _translated_sources() -> list[str]:
    return sorted(str(path) for pattern in TRANSLATED for path in REPO.glob(pattern))


def test_every_module_with_words_is_in_the_translated_list() -> None:
    listed = set(_translated_sources())
    marked = {
        str(path)
        for path in (REPO / "kiosk").rglob("*.py")
        if "self.tr(" in (text := path.read_text(encoding="utf-8")) or "QT_TRANSLATE_NOOP(" in text
    }
    assert marked <= listed, f"add to TRANSLATED and the README's lupdate line: {marked - listed}"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pyside6-lupdate " + " ".join(TRANSLATED) + " -ts" in readme


def test_every_ui_string_is_translated(tmp_path: Path) -> None:
    fresh = tmp_path / "kiosk_es.ts"
    shutil.copy(TS, fresh)
    sources = _translated_sources()
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(fresh), "-no-obsolete"],
        check=True,
        capture_output=True,
    )
    untranslated = [
        message.findtext("source")
        for message in ET.parse(fresh).iter("message")
        if message.find("translation") is None
        or message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
        or not (message.findtext("translation") or "").strip()
    ]
    assert not untranslated, f"add Spanish for these in {TS.name}: {untranslated}"


def test_compiled_catalogue_matches_source(tmp_path: Path) -> None:
    compiled = tmp_path / "kiosk_es.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(compiled)], check=True, capture_output=True
    )
    assert compiled.read_bytes() == QM.read_bytes(), "run pyside6-lrelease (see README)"


def test_switching_language_retranslates_live_widgets(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    language = UiLanguage(app)
    reader = ReaderScreen(Theme(), PageRenderer(load_content(REPO / "content")))
    qtbot.addWidget(reader)
    try:
        language.set_language("es")
        qtbot.waitUntil(lambda: reader.home_button.text() == "Inicio")
        assert reader.visit_button.accessibleName() == "Pedir una cita"
        language.set_language("fr")  # no catalogue: back to English, never blank
        qtbot.waitUntil(lambda: reader.home_button.text() == "Home")
    finally:
        language.set_language("en")
