"""The preview's problem panel: which problems it lists over which view, and how it reads."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.content.loader import load_library
from kiosk.content.model import Library
from kiosk.session import Screen, View
from kiosk.ui.palette import contrast_ratio
from kiosk.ui.preview_overlay import (
    BACKGROUND,
    BUTTON_BACKGROUND,
    BUTTON_TEXT,
    ERROR_TEXT,
    MAX_SHARE,
    TEXT,
    ProblemPanel,
    concerns,
)
from tests.helpers import write_content


def _broken_folder(tmp_path: Path) -> Library:
    """Three English pages: 02 shown with a warning (an unknown field), 03 left out (no
    title), and a deck.yml with an unknown setting."""
    root = write_content(tmp_path / "content", ("en",))
    second = root / "en" / "02-second.md"
    second.write_text(
        second.read_text(encoding="utf-8").replace("icon:", "colour: red\nicon:"), "utf-8"
    )
    third = root / "en" / "03-third.md"
    third.write_text(
        "\n".join(
            line for line in third.read_text(encoding="utf-8").splitlines() if "title:" not in line
        ),
        "utf-8",
    )
    deck = root / "en" / "deck.yml"
    deck.write_text(deck.read_text(encoding="utf-8") + "no_such_setting: 1\n", "utf-8")
    return load_library(root)


def _page_view(library: Library, slug: str) -> View:
    deck = library.deck("en")
    assert deck is not None
    return View(Screen.PAGE, deck, deck.index_of(slug))


def test_over_a_page_only_its_own_problems(tmp_path: Path) -> None:
    library = _broken_folder(tmp_path)
    found = concerns(_page_view(library, "second"), library)
    assert found is not None
    assert found.page == "en/02-second.md"
    assert found.problems, "the unknown field's warning"
    assert {p.path.name for p in found.problems} == {"02-second.md"}
    clean = concerns(_page_view(library, "first"), library)
    assert clean is not None and clean.problems == ()


def test_over_the_menu_the_files_that_are_not_a_page_shown(tmp_path: Path) -> None:
    library = _broken_folder(tmp_path)
    deck = library.deck("en")
    found = concerns(View(Screen.MENU, deck), library, lost=library.root / "en" / "03-third.md")
    assert found is not None and found.page == ""
    names = {p.path.name for p in found.problems}
    assert {"03-third.md", "deck.yml"} <= names
    assert "02-second.md" not in names  # a page shown has its problems over itself
    assert found.left_out == ("en/03-third.md",)
    assert found.lost == "en/03-third.md"
    assert concerns(View(Screen.REQUEST_FORM, deck), library) is None


def test_the_panel_lists_them_legibly_and_folds(qtbot: QtBot, tmp_path: Path) -> None:
    library = _broken_folder(tmp_path)
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    panel = ProblemPanel(window)
    window.show()
    panel.show_concerns(concerns(View(Screen.MENU, library.deck("en")), library), library.root)
    assert panel.isVisible()
    assert "Left out of the menu because of errors: en/03-third.md" in panel.details.text()
    assert any(line.startswith("en/03-third.md:") and ": error: " in line for line in panel.lines)
    assert any(line.startswith("en/deck.yml:") for line in panel.lines)
    assert panel.geometry().top() == 0 and panel.width() == window.width()
    assert panel.height() <= window.height() * MAX_SHARE
    panel.fold_button.click()
    assert (
        panel.folded and not panel.list_area.isVisible() and panel.fold_button.text() == "Show list"
    )
    assert panel.height() < 100  # one line: the page under it can be seen
    window.resize(900, 700)
    assert panel.width() == 900  # follows the window


def test_the_colours_pass_7_to_1() -> None:
    for text in (TEXT, ERROR_TEXT):
        assert contrast_ratio(text, BACKGROUND) >= 7, text
    assert contrast_ratio(BUTTON_TEXT, BUTTON_BACKGROUND) >= 7
