"""The kiosk as a screen reader sees it, in process: a walk of the QAccessible tree of every
screen (attract, menu, each page, the form with its errors, thank you, the idle card) in both
languages, the way Orca walks it over AT-SPI (what Qt reports there is built from these
interfaces); plus the pieces of :mod:`kiosk.ui.accessibility` on their own."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QObject, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleAnnouncementEvent,
    QAccessibleEvent,
)
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from kiosk.content.source import load_content
from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from kiosk.ui import accessibility
from kiosk.ui.page_browser import PageLink
from kiosk.ui.request_form import RequestFormScreen
from kiosk.ui.widgets import Picture
from tests.form_driving import fill_form, touch_in_form
from tests.kiosk_fixtures import press_key, running_kiosk, settle
from tests.paths import BUNDLED_CONTENT

Role = QAccessible.Role
INTERACTIVE = frozenset(
    {Role.Button, Role.CheckBox, Role.RadioButton, Role.Link, Role.EditableText, Role.ComboBox}
)
LIBRARY = load_content(BUNDLED_CONTENT)


@dataclasses.dataclass(frozen=True)
class Node:
    role: QAccessible.Role
    name: str
    description: str
    state: QAccessible.State
    actions: tuple[str, ...]
    widget: QObject | None

    def __str__(self) -> str:
        kind = type(self.widget).__name__
        return f"{self.role.name} {self.name!r} ({kind}, actions {list(self.actions)})"


def shown_tree(root: QWidget, limit: int = 3000) -> list[Node]:
    """Every object a screen reader reaches under ``root``: invisible ones and what lies inside
    them are passed over, as Orca passes over what is not showing."""
    found: list[Node] = []
    top = QAccessible.queryAccessibleInterface(root)
    assert top is not None
    stack = [top]
    while stack and len(found) < limit:
        face = stack.pop()
        state = face.state()
        if state.invisible:
            continue
        actions = face.actionInterface()
        found.append(
            Node(
                face.role(),
                face.text(QAccessible.Text.Name),
                face.text(QAccessible.Text.Description),
                state,
                tuple(actions.actionNames()) if actions is not None else (),
                face.object(),
            )
        )
        children = [face.child(i) for i in range(face.childCount())]
        stack.extend(child for child in reversed(children) if child is not None)
    assert len(found) < limit, "the walk did not end"
    return found


def check_screen(root: QWidget) -> list[Node]:
    """What every screen owes a screen reader; returns the tree for the screen's own checks."""
    nodes = shown_tree(root)
    for node in nodes:
        if node.role in INTERACTIVE:
            assert node.name.strip(), f"unnamed control: {node}"
            assert node.actions, f"a control without an action: {node}"
        filler = node.role in (Role.Client, Role.NoRole, Role.Graphic)
        if node.state.focusable and filler:
            pytest.fail(f"a focusable object a reader cannot tell apart: {node}")
        if isinstance(node.widget, Picture):
            assert node.role is Role.Graphic and node.name, f"a picture without words: {node}"
        if node.role is Role.Graphic:
            assert node.name, f"an image without words (decorative ones are hidden): {node}"
    buttons = [
        w for w in root.findChildren(QPushButton) if w.isVisible() and w.property("role") != "key"
    ]
    reached = {node.widget for node in nodes}
    for button in buttons:  # nothing a patient can press is hidden from the reader
        assert button in reached, f"{button.accessibleName()!r} is not in the tree"
    return nodes


def _language(kiosk: KioskApp, language: str) -> None:
    deck = kiosk.session.view.deck
    if deck is None or deck.language != language:
        tap(kiosk.window.attract.language_buttons[language])
        assert wait_until(
            lambda: (d := kiosk.session.view.deck) is not None and d.language == language
        )
    assert QLocale().name().startswith(language)  # what AT-SPI's GetLocale answers


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path) -> Iterator[KioskApp]:
    # As with a screen reader running: Qt then describes each widget as it is made and shown
    # (before its words or picture are set), not only when the tree is walked.
    QAccessible.setActive(True)
    try:
        with running_kiosk(
            BUNDLED_CONTENT, data_dir=tmp_path / "data", animations=False
        ) as running:
            yield running
    finally:
        QAccessible.setActive(False)


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_screen_names_its_controls_and_pictures(kiosk: KioskApp, language: str) -> None:
    window = kiosk.window
    _language(kiosk, language)
    deck = LIBRARY.deck(language)
    assert deck is not None
    nodes = check_screen(window)
    assert any(n.role is Role.Button and n.widget is window.attract.start_button for n in nodes)

    tap(window.attract.start_button)
    assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
    nodes = check_screen(window)
    tiles = {n.name: n for n in nodes if n.widget in {t.key for t in window.menu.tiles}}
    assert len(tiles) == len(deck.pages)
    for number, page in enumerate(deck.pages, start=1):  # tiles are buttons with a press
        tile = tiles[f"{number}. {page.title}"]
        assert tile.role is Role.Button and QAccessibleActionInterface.pressAction() in tile.actions
        assert tile.description == page.summary
    assert not [n for n in nodes if n.role is Role.Graphic]  # the tile icons are decoration

    for page in deck.pages:
        kiosk.show_view(kiosk.session.open_page(page.slug))
        settle(kiosk)
        nodes = check_screen(window)
        pictures = [n for n in nodes if n.role is Role.Graphic]
        assert [n.name for n in pictures] == [page.alt], page.slug
        links = [n for n in nodes if n.role is Role.Link]
        browser = window.reader.slider.current.browser
        text = next(n for n in nodes if n.widget is browser)
        assert text.name == page.title
        if "](" in page.body_markdown:
            assert links, f"the links of {page.slug} are not exposed"
        for link in links:
            assert link.name and QAccessibleActionInterface.pressAction() in link.actions
            assert isinstance(link.widget, PageLink) and link.widget.parent() is browser.viewport()

    window.show_idle_warning(20)
    QApplication.processEvents()
    nodes = check_screen(window)
    card = next(n for n in nodes if n.role is Role.AlertMessage)
    assert card.name == window.idle_overlay.accessibleName() != ""
    assert "20" in card.description  # the countdown sentence
    window.hide_idle_warning()


def test_a_link_in_the_text_is_followed_by_its_action(kiosk: KioskApp) -> None:
    deck = LIBRARY.deck("en")
    assert deck is not None
    page = next(p for p in deck.pages if "](page:" in p.body_markdown)
    kiosk.show_view(kiosk.session.open_page(page.slug))
    settle(kiosk)
    browser = kiosk.window.reader.slider.current.browser
    links = [link for link in browser.viewport().findChildren(PageLink) if link.isVisible()]
    assert links
    link = next(link for link in links if link.target.startswith("page:"))
    assert browser.anchorAt(link.geometry().center()) == link.target  # it lies over its words
    face = QAccessible.queryAccessibleInterface(link)
    assert face is not None and face.role() is Role.Link
    assert face.text(QAccessible.Text.Name) in browser.toPlainText()
    target = link.target  # the link is laid over the next page's words once it shows
    followed: list[str] = []
    browser.link_activated.connect(followed.append)
    actions = face.actionInterface()
    assert actions is not None
    actions.doAction(QAccessibleActionInterface.pressAction())
    assert followed == [target]
    assert wait_until(lambda: (p := kiosk.session.view.page) is not None and p.slug != page.slug)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_form_ties_required_and_errors_to_fields(kiosk: KioskApp, language: str) -> None:
    window = kiosk.window
    _language(kiosk, language)
    tap(window.attract.start_button)
    tap(window.menu.visit_button)
    assert wait_until(lambda: kiosk.session.view.screen is Screen.REQUEST_FORM)
    form = window.request_form
    nodes = check_screen(window)
    groups = {n.widget: n for n in nodes if n.role is Role.Grouping}
    for group in (form.best_time, form.location, form.duration):
        if not group.isVisible():
            continue  # one clinic only: its name is chosen already
        node = groups[group]
        assert node.name == form.sections[_key(form, group)].heading.text()
        choices = [n for n in nodes if n.widget in set(group.buttons.values())]
        assert choices and all(n.role is Role.RadioButton for n in choices)
    required = accessibility.required_fields()
    assert required == {"name", "phone", "best_time", "location", "duration", "consent"}
    said = QAccessible.queryAccessibleInterface(form.name_field)
    assert said is not None
    words = said.text(QAccessible.Text.Description)
    assert words and said.text(QAccessible.Text.Name) == form.sections["name"].heading.text()
    email = QAccessible.queryAccessibleInterface(form.email_field)
    assert email is not None and email.text(QAccessible.Text.Description) == ""

    touch_in_form(form, form.send_button)  # nothing filled in
    assert wait_until(lambda: "consent" in form.errors)
    nodes = check_screen(window)
    by_widget = {n.widget: n for n in nodes}
    for key, section in form.sections.items():
        if not section.body.isVisible():
            continue
        node = by_widget[section.body]
        if key in form.errors:
            assert node.description == section.error_text.text() != "", key
            if key not in form.fields:  # Qt's text fields keep Qt's own interface
                assert node.state.invalid, key
        else:
            assert not node.state.invalid, key
    consent = by_widget[form.consent_button]
    assert consent.role is Role.CheckBox and consent.state.invalid and not consent.state.checked

    fill_form(form)
    nodes = check_screen(window)
    by_widget = {n.widget: n for n in nodes}
    assert not any(
        by_widget[s.body].state.invalid for s in form.sections.values() if s.body.isVisible()
    )
    touch_in_form(form, form.send_button)
    assert wait_until(lambda: kiosk.session.view.screen is Screen.THANK_YOU)
    check_screen(window)


def _key(form: RequestFormScreen, group: QWidget) -> str:
    return next(key for key, section in form.sections.items() if section.body is group)


def test_decoration_is_hidden(kiosk: KioskApp) -> None:
    attract = kiosk.window.attract
    halo = QAccessible.queryAccessibleInterface(attract.halo)
    assert halo is not None and halo.state().invisible and halo.childCount() == 0
    shown = attract.findChild(Picture)
    assert shown is not None
    picture = QAccessible.queryAccessibleInterface(shown)
    assert picture is not None and picture.role() is Role.Graphic
    assert picture.text(QAccessible.Text.Name) != ""


def test_announce_sends_an_announcement(kiosk: KioskApp, monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[tuple[QAccessible.Event, str, QAccessible.AnnouncementPoliteness, QObject]] = []

    def record(event: QAccessibleEvent) -> None:
        assert isinstance(event, QAccessibleAnnouncementEvent)
        sent.append((event.type(), event.message(), event.politeness(), event.object()))

    monkeypatch.setattr(QAccessible, "updateAccessibility", record)
    window = kiosk.window
    accessibility.announce(window, "Page 2 of 8")
    accessibility.announce(window, "Request sent", assertive=True)
    accessibility.announce(window, "")
    Polite = QAccessible.AnnouncementPoliteness
    assert sent == [
        (QAccessible.Event.Announcement, "Page 2 of 8", Polite.Polite, window),
        (QAccessible.Event.Announcement, "Request sent", Polite.Assertive, window),
    ]


def test_a_page_turn_and_a_request_sent_are_announced(
    kiosk: KioskApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[tuple[str, QAccessible.AnnouncementPoliteness]] = []

    def record(event: QAccessibleEvent) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            sent.append((event.message(), event.politeness()))

    monkeypatch.setattr(QAccessible, "updateAccessibility", record)
    window = kiosk.window
    Polite = QAccessible.AnnouncementPoliteness
    tap(window.attract.start_button)
    tap(window.menu.start_button)
    assert wait_until(lambda: kiosk.session.view.screen is Screen.PAGE)
    settle(kiosk)
    first = kiosk.session.view.page
    assert first is not None
    length = kiosk.session.view.path_length  # the reading path: the sources are off it
    assert sent == [(f"Page 1 of {length}. {first.title}", Polite.Polite)], (
        "the menu is not announced"
    )
    tap(window.reader.next_button)
    settle(kiosk)
    second = kiosk.session.view.page
    assert second is not None and sent[-1] == (f"Page 2 of {length}. {second.title}", Polite.Polite)
    count = len(sent)
    kiosk.show_view(kiosk.session.set_language("en"))  # the same page again: not said again
    assert len(sent) == count
    tap(window.reader.visit_button)
    assert wait_until(lambda: kiosk.session.view.screen is Screen.REQUEST_FORM)
    fill_form(window.request_form)
    touch_in_form(window.request_form, window.request_form.send_button)
    assert wait_until(lambda: kiosk.session.view.screen is Screen.THANK_YOU)
    message, politeness = sent[-1]
    assert politeness is Polite.Assertive and message.startswith("Thank you")


def test_the_idle_card_alerts_when_it_shows(
    kiosk: KioskApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = kiosk.window
    card = QAccessible.queryAccessibleInterface(window.idle_overlay)  # a reader asks about it
    assert card is not None and card.role() is Role.AlertMessage
    sent: list[tuple[QAccessible.Event, QObject]] = []
    monkeypatch.setattr(
        QAccessible, "updateAccessibility", lambda e: sent.append((e.type(), e.object()))
    )
    window.show_idle_warning(15)
    window.show_idle_warning(14)  # the countdown goes on: no second alert
    alerts = [entry for entry in sent if entry[0] is QAccessible.Event.Alert]
    assert alerts == [(QAccessible.Event.Alert, window.idle_overlay)]
    window.hide_idle_warning()


def test_link_objects_follow_the_pages_turned_by_keys(qtbot: QtBot) -> None:
    """Pages with links and without, turned by keys (both panes sliding) while a screen reader
    listens: the link objects follow the page shown, none over a page without links, and the
    kiosk closes cleanly."""
    accessibility.install()
    QAccessible.setActive(True)
    try:
        with running_kiosk(BUNDLED_CONTENT) as kiosk:
            _every_page_by_keys(kiosk)
    finally:
        QAccessible.setActive(False)


def _every_page_by_keys(kiosk: KioskApp) -> None:
    from tests.e2e.test_keys_journey import _focus_to, _read_every_page

    _focus_to(kiosk, kiosk.window.attract.start_button)
    press_key(kiosk, Qt.Key.Key_Return)
    assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
    _read_every_page(kiosk)
    reader = kiosk.window.reader
    assert not [
        link
        for pane in reader.slider.panes
        for link in pane.browser.viewport().findChildren(PageLink)
        if link.isVisible() and pane.page is not None and "](" not in pane.page.body_markdown
    ]  # the last page has no links: none shows over its text
