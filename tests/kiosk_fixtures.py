"""Building a real KioskApp for tests: real window, real session, short idle timings."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.app import KioskApp, Timings
from kiosk.config import Config
from kiosk.content.source import load_content
from kiosk.selftest.touch import tap, wait_until
from kiosk.ui.menu import Tile
from kiosk.ui.page_browser import PageBrowser

LANDSCAPE = (1920, 1080)
PORTRAIT = (1080, 1920)
RELAXED = Timings(idle_ms=60_000, warning_ms=15_000)
"""Idle timings long enough never to fire during a test that is not about idleness."""


@contextmanager
def running_kiosk(
    content: Path,
    *,
    size: tuple[int, int] = LANDSCAPE,
    timings: Timings = RELAXED,
    kiosk_mode: bool = True,
    animations: bool = True,
    data_dir: Path | None = None,
    locations: tuple[str, ...] = ("Main clinic",),
    text_step: int = 1,
    high_contrast: bool = False,
    display: dict[str, object] | None = None,
    speech: dict[str, object] | None = None,
    staff: dict[str, object] | None = None,
    keeps_data: bool = False,
) -> Iterator[KioskApp]:
    """The real kiosk; with ``data_dir`` it also takes visit requests (outbox + delivery), and
    with ``keeps_data`` it keeps there what ``kiosk run`` keeps (status, usage counts, the staff
    PIN lockout and choices). ``staff`` holds ``[staff]`` settings (e.g. a ``pin_hash``).
    Read-aloud uses Qt's silent ``mock`` engine unless ``speech`` says otherwise (a test never
    waits on, nor talks through, the machine's speech-dispatcher)."""
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    config = Config()
    config = dataclasses.replace(
        config,
        kiosk=dataclasses.replace(config.kiosk, fullscreen=False, hide_cursor=False),
        display=dataclasses.replace(
            config.display,
            animations=animations,
            text_step=text_step,
            high_contrast=high_contrast,
            **(display or {}),  # type: ignore[arg-type]
        ),
        clinic=dataclasses.replace(config.clinic, locations=locations),
        speech=dataclasses.replace(config.speech, **{"engine": "mock", **(speech or {})}),  # type: ignore[arg-type]
        staff=dataclasses.replace(config.staff, **(staff or {})),  # type: ignore[arg-type]
    )
    desk = None
    if data_dir is not None:
        from kiosk.visit.desk import RequestDesk  # only tests of the form pay for its imports

        desk = RequestDesk.open(config, data_dir)
    kiosk = KioskApp(
        qapp,
        load_content(content),
        config,
        kiosk_mode=kiosk_mode,
        timings=timings,
        desk=desk,
        data_dir=data_dir if keeps_data else None,
    )
    if desk is not None:
        desk.start()
    kiosk.window.resize(*size)
    kiosk.window.show()
    assert wait_until(lambda: kiosk.window.isVisible())
    QApplication.processEvents()
    try:
        yield kiosk
    finally:
        kiosk.close()
        QApplication.processEvents()
        # Tests run no event loop, so deleteLater() alone would never free the window: each
        # test would leave its kiosk behind and the later ones would slow down.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def settle(kiosk: KioskApp) -> None:
    """Wait for any page slide to finish."""
    assert wait_until(lambda: not kiosk.window.reader.slider.animating)


def tile_for(kiosk: KioskApp, slug: str) -> Tile:
    """The topic tile that opens the page ``slug`` (found by page, not by position)."""
    tile = next((tile for tile in kiosk.window.menu.tiles if tile.slug == slug), None)
    assert tile is not None, f"no tile for page {slug!r}"
    return tile


def open_tile(kiosk: KioskApp, slug: str) -> PageBrowser:
    """Touch to start, touch the topic tile of page ``slug``; returns the text of that page."""
    tap(kiosk.window.attract.start_button)
    tile = tile_for(kiosk, slug)
    kiosk.window.menu.scroll_area.ensureWidgetVisible(tile)  # below the fold, as a patient scrolls
    tap(tile)
    assert wait_until(lambda: (page := kiosk.session.view.page) is not None and page.slug == slug)
    settle(kiosk)
    return kiosk.window.reader.slider.current.browser


def press_key(kiosk: KioskApp, pressed: Qt.Key, times: int = 1) -> None:
    """A key pressed on the keyboard: it reaches the window (its QWindow, as a real keyboard's
    keys do), then the focused control."""
    handle = kiosk.window.windowHandle()
    assert handle is not None
    for _ in range(times):
        QTest.keyClick(handle, pressed)
        QApplication.processEvents()
