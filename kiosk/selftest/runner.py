"""Visit every page in every language like a patient would, then return to the start.

Each step taps the real button with a window-system touch event and checks what the window
shows afterwards; the result is a list of failures (empty when all went well).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app import KioskApp
from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen

SETTLE_MS = 3000


@dataclass
class SelfTestResult:
    languages: int = 0
    pages_visited: int = 0
    content_errors: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures and self.content_errors == 0

    def summary(self) -> str:
        verdict = "ok" if self.ok else "FAILED"
        text = (
            f"self-test {verdict}: {self.languages} languages, {self.pages_visited} pages visited, "
            f"{self.content_errors} content errors, {len(self.failures)} failures, "
            f"{self.seconds:.1f} s"
        )
        if self.failures:
            text += " -- " + "; ".join(self.failures[:5])
        return text


def _painted(widget: QWidget) -> bool:
    """The widget produced a non-empty, non-uniform picture."""
    image = widget.grab().toImage()
    if image.isNull() or image.width() < 8:
        return False
    step_x, step_y = max(1, image.width() // 16), max(1, image.height() // 16)
    first = image.pixel(0, 0)
    return any(
        image.pixel(x, y) != first
        for x in range(0, image.width(), step_x)
        for y in range(0, image.height(), step_y)
    )


def run_self_test(kiosk: KioskApp) -> SelfTestResult:
    started = time.perf_counter()
    result = SelfTestResult(content_errors=len(kiosk.library.errors))
    window, session = kiosk.window, kiosk.session

    def expect(screen: Screen, what: str) -> bool:
        if wait_until(lambda: session.view.screen is screen, SETTLE_MS):
            return True
        result.failures.append(f"{what}: expected {screen.value}, got {session.view.screen.value}")
        return False

    handle = window.windowHandle()
    if not wait_until(lambda: handle is not None and handle.isExposed(), SETTLE_MS):
        result.failures.append("the window never appeared on screen")
    QApplication.processEvents()  # let the first layout settle before touching anything
    if not kiosk.library.usable:
        result.failures.append("no usable page: the kiosk shows 'out of service'")
        result.seconds = time.perf_counter() - started
        return result

    for deck in session.languages:
        result.languages += 1
        kiosk.reset()
        button = window.attract.language_buttons.get(deck.language)
        if button is not None:
            tap(button)
        tap(window.attract.start_button)
        if not expect(Screen.MENU, f"{deck.language}: touch to start"):
            continue
        if session.view.deck is not deck:
            result.failures.append(f"{deck.language}: language button did not switch")
            continue
        tap(window.menu.start_button)
        for index, page in enumerate(deck.pages):
            if not wait_until(
                lambda i=index: (
                    session.view.page_index == i  # type: ignore[misc]
                    and not window.reader.slider.animating
                ),
                SETTLE_MS,
            ):
                result.failures.append(f"{deck.language}/{page.slug}: page did not open")
                break
            shown = window.reader.slider.current
            if shown.page != page or not _painted(shown):
                result.failures.append(f"{deck.language}/{page.slug}: page not shown")
            result.pages_visited += 1
            sources = window.reader.sources_button
            if sources.isVisible():  # the visit page ends the path: the sources are beside it
                tap(sources)
            elif session.view.on_path and not session.view.has_next:
                tap(window.reader.home_button)  # the path's end without pages after it
            else:
                tap(window.reader.next_button)  # after the last page: back to the topics
        expect(Screen.MENU, f"{deck.language}: the last page returns to the topics")

    if kiosk.desk is not None:  # the visit form opens, draws and can be left
        kiosk.reset()
        tap(window.attract.start_button)
        tap(window.menu.visit_button)
        if expect(Screen.REQUEST_FORM, "request a visit opens the form"):
            if not _painted(window.request_form):
                result.failures.append("the request form is blank")
            tap(window.request_form.cancel_button)
            expect(Screen.MENU, "cancel returns to the topics")

    kiosk.reset()
    if (
        expect(Screen.ATTRACT, "reset")
        and session.view.deck is not None
        and session.view.deck.language != session.default_language
    ):
        result.failures.append("reset did not restore the default language")
    result.seconds = time.perf_counter() - started
    return result
