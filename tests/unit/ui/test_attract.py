"""The attract screen's breathing ring: a patient can stop and restart it, it is forgotten with
the visit, it runs only while the screen shows, and it is drawn so that it costs little (its own
small widget, clear of the start button, a frame only when the ring moves)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtGui import QAccessible, QColor, QImage
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from kiosk.ui.attract import AttractScreen
from kiosk.ui.halo import PULSE_PERIOD_MS, RING_STEPS, STEP_TIMES, ms_to_next_step, ring_step
from kiosk.ui.theme import Theme
from tests.kiosk_fixtures import LANDSCAPE, PORTRAIT, running_kiosk
from tests.paths import BUNDLED_CONTENT

LONGEST_GAP_MS = max(
    later - earlier
    for earlier, later in itertools.pairwise((*STEP_TIMES, PULSE_PERIOD_MS + STEP_TIMES[0]))
)
"""The longest the ring rests between two frames (at the ends of the breath)."""


class PaintCounter(QObject):
    """Counts the paint events a widget receives."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _quiet_for(qtbot: QtBot, ms: int) -> None:
    """Let the event loop run for ``ms`` (longer than any pause between two frames)."""
    done = QTimer(singleShot=True, interval=ms)
    with qtbot.waitSignal(done.timeout, timeout=ms + 5000):
        done.start()


def _as_read_aloud(button: QPushButton) -> tuple[str, bool, bool]:
    """Name, checkable and checked, as Qt's accessibility interface reports them."""
    found = QAccessible.queryAccessibleInterface(button)
    assert found is not None
    state = found.state()
    return found.text(QAccessible.Text.Name), bool(state.checkable), bool(state.checked)


def _attract(kiosk: KioskApp) -> AttractScreen:
    attract = kiosk.window.attract
    assert kiosk.window.current_screen is attract
    return attract


def test_the_toggle_stops_the_ring_and_starts_it_again(qtbot: QtBot) -> None:
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        attract = _attract(kiosk)
        paints = PaintCounter(attract.halo)
        assert attract.animating and attract.halo.isVisible()
        assert wait_until(lambda: paints.count >= 3, 3000), "the ring does not move"

        tap(attract.motion_button)
        assert not attract.motion and not attract.animating
        assert not attract.halo.isVisible()
        stopped_at = paints.count
        _quiet_for(qtbot, 2 * LONGEST_GAP_MS)
        assert paints.count == stopped_at, "the ring still repaints"

        tap(attract.motion_button)
        assert attract.motion and attract.animating and attract.halo.isVisible()
        assert wait_until(lambda: paints.count >= stopped_at + 3, 3000)


def test_the_toggle_says_what_it_does_and_shows_its_state(qtbot: QtBot) -> None:
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        attract = _attract(kiosk)
        button = attract.motion_button
        toggled: list[bool] = []
        attract.motion_toggled.connect(toggled.append)
        assert button.isVisible() and button.isCheckable() and not button.isChecked()
        assert button.text() == button.accessibleName() == "Stop motion"
        assert _as_read_aloud(button) == ("Stop motion", True, False)
        assert button.accessibleDescription()
        assert not button.icon().isNull()
        assert button.height() >= Theme.MIN_TOUCH_TARGET
        assert button.width() >= Theme.MIN_TOUCH_TARGET
        width, start = button.width(), attract.start_button.geometry()

        tap(button)
        assert button.isChecked()
        assert button.text() == button.accessibleName() == "Start motion"
        assert _as_read_aloud(button) == ("Start motion", True, True)  # checked: motion stopped
        assert toggled == [False]
        assert kiosk.session.view.screen is Screen.ATTRACT, "the touch must not start a visit"
        assert button.width() == width, "the layout must not shift when the label changes"
        assert attract.start_button.geometry() == start

        tap(attract.language_buttons["es"])
        assert button.text() == button.accessibleName() == "Activar movimiento"
        tap(button)
        assert button.text() == "Detener movimiento" and not button.isChecked()
        assert toggled == [False, True]


def test_the_next_patient_gets_the_configured_motion_back(qtbot: QtBot) -> None:
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        attract = _attract(kiosk)
        tap(attract.motion_button)
        assert not attract.motion
        tap(attract.start_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
        assert not attract.animating, "the ring must not run while the screen is hidden"
        kiosk.reset()
        assert _attract(kiosk) is attract
        assert attract.motion and attract.animating
        assert not attract.motion_button.isChecked()
        assert attract.motion_button.text() == "Stop motion"


def test_the_ring_runs_only_while_the_screen_shows(qtbot: QtBot) -> None:
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        attract = _attract(kiosk)
        assert attract.animating
        tap(attract.start_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
        assert not attract.animating
        kiosk.reset()
        assert attract.animating


def test_with_animations_off_nothing_moves_and_there_is_no_toggle(qtbot: QtBot) -> None:
    with running_kiosk(BUNDLED_CONTENT, animations=False) as kiosk:
        attract = _attract(kiosk)
        assert not attract.animating and not attract.halo.isVisible()
        assert not attract.motion_button.isVisible()
        attract.set_motion(True)  # the configuration wins
        assert not attract.animating
        kiosk.reset()
        assert not attract.animating and not attract.motion_button.isVisible()


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT, (1366, 768)])
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_ring_has_room_of_its_own(qtbot: QtBot, size: tuple[int, int], language: str) -> None:
    """Each frame repaints only the ring's band: no other widget lies under it, or it would be
    repainted with every frame too."""
    with running_kiosk(BUNDLED_CONTENT, size=size) as kiosk:
        if language != "en":
            tap(kiosk.window.attract.language_buttons[language])
        attract = _attract(kiosk)
        halo = attract.halo.geometry()
        assert halo.contains(attract.start_button.geometry())
        assert attract.rect().contains(halo)
        for other in attract.findChildren(QWidget):
            neighbour = other not in (attract.halo, attract.start_button)
            if neighbour and other.isVisible() and other.parentWidget() is attract:
                assert not halo.intersects(other.geometry()), other.accessibleName()


def test_the_ring_never_reaches_into_the_button_rectangle(qtbot: QtBot) -> None:
    """The band repainted each frame leaves out the button's rectangle, so the ring must never
    be drawn there, not even into the corners outside the button's rounded shape."""
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        attract = _attract(kiosk)
        halo = attract.halo
        reach = halo.reach
        inside = QRect(reach, reach, attract.start_button.width(), attract.start_button.height())
        background = QColor(Theme().palette.background)
        untouched = QImage(inside.size(), QImage.Format.Format_RGB32)
        untouched.fill(background)
        for step in range(RING_STEPS + 1):
            halo.set_step(step)
            image = QImage(halo.size(), QImage.Format.Format_RGB32)
            halo.render(image)
            assert image.copy(inside) == untouched, f"ring pixels under the button at {step}"
            if step < RING_STEPS:  # at the last step it has faded out
                spread = halo.gap + halo.pen / 2 + halo.travel * step / RING_STEPS
                on_ring = image.pixelColor(round(reach - spread), reach + inside.height() // 2)
                assert on_ring != background, f"no ring drawn at step {step}"


@given(st.integers(min_value=0, max_value=10**8))
def test_a_frame_comes_only_when_the_ring_moves_one_step(elapsed: int) -> None:
    wait = ms_to_next_step(elapsed)
    assert wait >= 1
    assert ring_step(elapsed + wait - 1) == ring_step(elapsed), "a frame with nothing to draw"
    assert abs(ring_step(elapsed + wait) - ring_step(elapsed)) == 1, "a step missed or none"


def test_a_breath_is_calm_and_costs_few_frames() -> None:
    elapsed, frames, steps = 0, 0, {0}
    while elapsed < PULSE_PERIOD_MS:
        elapsed += ms_to_next_step(elapsed)
        steps.add(ring_step(elapsed))
        frames += 1
    assert frames == 2 * RING_STEPS + 1  # out, back, and the first step of the next breath
    assert steps == set(range(RING_STEPS + 1))
    assert min(b - a for a, b in itertools.pairwise(STEP_TIMES)) >= 80, "faster than 12.5 fps"
