"""The body map: seven named spots (the hip areas on each side, the low back), each a big target
where a physical therapist would point, toggled by touch on the spot; an area's word marks both
of its sides."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.selftest.touch import tap
from kiosk.ui.body_map import (
    BACK_X,
    FRONT_X,
    GROUPS,
    MIN_WIDTH,
    SPOTS,
    BodyMap,
    Spot,
)
from kiosk.ui.i18n import UiLanguage
from kiosk.ui.theme import Theme, load_bundled_fonts
from kiosk.visit.model import PAIN_AREAS


def _map(qtbot: QtBot, step: int = 1, width: int | None = None) -> tuple[QWidget, BodyMap]:
    theme = Theme(family=load_bundled_fonts()).at_text_step(step)
    window = QWidget()
    window.setStyleSheet(theme.stylesheet())
    widget = BodyMap(theme, window)
    qtbot.addWidget(window)
    width = width or widget.sizeHint().width()
    widget.resize(width, widget.heightForWidth(width))
    window.resize(widget.size())
    window.show()
    qtbot.waitExposed(window)
    return window, widget


@pytest.fixture
def body_map(qtbot: QtBot) -> Iterator[BodyMap]:
    window, widget = _map(qtbot)
    yield widget
    window.close()


def _centre(body_map: BodyMap, key: str) -> QPointF:
    return body_map.area_rect(key).center()


@pytest.mark.parametrize("area", PAIN_AREAS)
def test_touching_a_spot_toggles_it(body_map: BodyMap, area: str) -> None:
    tap(body_map, _centre(body_map, area).toPoint())
    assert body_map.selected() == (area,)
    assert body_map.buttons[area].isChecked()
    tap(body_map, _centre(body_map, area).toPoint())
    assert body_map.selected() == ()


def test_each_side_is_its_own_answer_and_named_for_the_patient(body_map: BodyMap) -> None:
    tap(body_map, _centre(body_map, "groin-left").toPoint())
    assert body_map.selected() == ("groin-left",)
    names = {key: button.accessibleName() for key, button in body_map.buttons.items()}
    assert names["groin-left"] == "Groin, your left side"
    assert names["outer-hip-right"] == "Outer hip, your right side"
    assert names["buttock-left"] == "Buttock, your left side"
    assert names["low-back"] == "Low back"
    assert len(set(names.values())) == len(PAIN_AREAS)


def test_the_front_shows_the_patients_left_on_the_viewers_right(body_map: BodyMap) -> None:
    """A front view is a mirror: the patient's left is on the viewer's right; a back view is
    not. Each spot sits on its figure's own side of the midline."""
    scale = body_map.width() / 1000
    front, back = FRONT_X * scale, BACK_X * scale
    for key in ("groin", "outer-hip"):
        assert _centre(body_map, f"{key}-left").x() > front > _centre(body_map, f"{key}-right").x()
    assert _centre(body_map, "buttock-left").x() < back < _centre(body_map, "buttock-right").x()
    assert abs(_centre(body_map, "low-back").x() - back) < 1


def _art(spot: Spot) -> tuple[float, float]:
    """Where a spot is in the figure art's own coordinates (content/images/where-it-hurts.svg):
    x from the midline towards the spot's side, y down from the top."""
    return abs(spot.at[0]), spot.at[1]


WAIST, CROTCH, HEMLINE = 312, 368, 410
"""The figure's waistband (about the iliac crest), the crotch and the shorts' hem."""
HIP_OUTLINE, HAND = 70, (132, 360)
"""The shorts' side outline at hip height and where the hand hangs (art coordinates)."""


PICTURE = Path(__file__).parents[3] / "content" / "images" / "where-it-hurts.svg"
PICTURE_MARKS = {
    "groin": ('<circle cx="198" cy="358" r="12"', 220, (198, 358)),
    "outer-hip": ('<rect x="145" y="339" width="22" height="22"', 220, (156, 350)),
    "buttock": ('<path d="M 612 350 L 628 376 L 596 376 Z"', 580, (612, 366)),
}
"""The page picture's marks (circle, square, triangle): how each is drawn in the SVG, its
figure's midline and the mark's centre."""
NEAR_THE_MARK = 14
"""How far (art units) a target may sit from the picture's mark: only as far as keeping two
round targets apart needs."""


def test_spots_are_where_the_page_picture_marks_them() -> None:
    picture = PICTURE.read_text(encoding="utf-8")
    spots = {spot.key: spot for spot in SPOTS}
    for group, (drawn, midline, (mark_x, mark_y)) in PICTURE_MARKS.items():
        assert drawn in picture  # the picture still marks the place there
        for side in ("left", "right"):
            x, y = _art(spots[f"{group}-{side}"])
            assert math.dist((x, y), (abs(mark_x - midline), mark_y)) <= NEAR_THE_MARK, group


def test_spots_are_where_a_physical_therapist_would_point() -> None:
    spots = {spot.key: spot for spot in SPOTS}
    for side in ("left", "right"):
        x, y = _art(spots[f"groin-{side}"])
        # The front crease: between the waistband and the crotch, off the midline, inside the
        # outline (not on the thigh below the crotch as before).
        assert WAIST < y < CROTCH and 15 < x < HIP_OUTLINE - 20
        x, y = _art(spots[f"outer-hip-{side}"])
        # The side of the hip just below the waist: on the outline, below the waistband, and
        # well away from the hand (it used to sit on the hand).
        assert abs(x - HIP_OUTLINE) <= 6 and WAIST + 20 < y < CROTCH
        assert math.dist((x, y), HAND) > 50
        x, y = _art(spots[f"buttock-{side}"])
        assert spots[f"buttock-{side}"].figure_x == BACK_X
        assert 20 < x < HIP_OUTLINE - 20 and CROTCH - 20 < y < HEMLINE
    x, y = _art(spots["low-back"])
    # The lumbar midline, just above the pelvis (not beside the spine).
    assert x == 0 and WAIST - 40 < y < WAIST
    assert {s.figure_x for s in SPOTS if s.group in ("groin", "outer-hip")} == {FRONT_X}


def test_the_word_marks_both_sides_then_clears_them(body_map: BodyMap) -> None:
    word = body_map.label_rect("groin").center().toPoint()
    tap(body_map, word)
    assert body_map.selected() == ("groin-left", "groin-right")
    tap(body_map, word)
    assert body_map.selected() == ()
    tap(body_map, _centre(body_map, "buttock-right").toPoint())
    tap(body_map, body_map.label_rect("buttock").center().toPoint())  # one side: both
    assert body_map.selected() == ("buttock-left", "buttock-right")
    tap(body_map, body_map.label_rect("low-back").center().toPoint())
    assert body_map.selected() == ("buttock-left", "buttock-right", "low-back")


def test_several_spots_in_model_order_and_clear(body_map: BodyMap) -> None:
    for area in reversed(PAIN_AREAS):
        tap(body_map, _centre(body_map, area).toPoint())
    assert body_map.selected() == PAIN_AREAS
    body_map.clear()
    assert body_map.selected() == ()


def _segments_near(line: list[QPointF], centre: QPointF) -> float:
    """The least distance from ``centre`` to the polyline ``line``."""
    best = math.inf
    for a, b in itertools.pairwise(line):
        ab = b - a
        length = QPointF.dotProduct(ab, ab)
        t = 0.0 if length == 0 else max(0.0, min(1.0, QPointF.dotProduct(centre - a, ab) / length))
        closest = a + ab * t
        best = min(best, math.dist((closest.x(), closest.y()), (centre.x(), centre.y())))
    return best


def _check_layout(body_map: BodyMap) -> None:
    bounds = QRectF(body_map.rect())
    radius = body_map.area_rect(PAIN_AREAS[0]).width() / 2
    assert 2 * radius >= Theme.MIN_TOUCH_TARGET
    for key in PAIN_AREAS:
        rect = body_map.area_rect(key)
        assert bounds.contains(rect), key
        assert body_map.buttons[key].width() >= Theme.MIN_TOUCH_TARGET
        for other in PAIN_AREAS:
            if other != key:  # no two targets overlap: a touch on one never means two
                gap = math.dist(
                    *((_centre(body_map, k).x(), _centre(body_map, k).y()) for k in (key, other))
                )
                assert gap >= 2 * radius, (key, other)
    for group in GROUPS:
        pill = body_map.label_rect(group)
        assert bounds.contains(pill), group
        for key in PAIN_AREAS:  # no word covers a target
            assert not pill.intersects(body_map.area_rect(key)), (group, key)
        for other in GROUPS:
            if other != group:
                assert not pill.intersects(body_map.label_rect(other)), (group, other)
        for line in body_map.leader_lines(group):
            mine = [key for key in PAIN_AREAS if _centre(body_map, key) == line[-1]]
            assert mine and body_map.group_of(mine[0]) == group
            for key in PAIN_AREAS:  # a line never runs over another spot's target
                if key != mine[0]:
                    assert _segments_near(line, _centre(body_map, key)) > radius, (group, key)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("step", [1, 2, 3])
def test_targets_words_and_lines_never_overlap(qtbot: QtBot, step: int, language: str) -> None:
    """At every text step, in both languages, at the narrowest map and the widest."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    ui = UiLanguage(app)
    ui.set_language(language)
    try:
        window, widget = _map(qtbot, step)
        QApplication.processEvents()
        if language == "es":
            assert widget.buttons["groin-left"].accessibleName() != "Groin, your left side"
        for width in sorted({MIN_WIDTH, widget.sizeHint().width()}):
            widget.resize(width, widget.heightForWidth(width))
            _check_layout(widget)
        window.close()
    finally:
        ui.set_language("en")


def test_the_picture_is_drawn(body_map: BodyMap) -> None:
    image = body_map.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, 600, 9)}
    assert len(colours) > 20


def _on_ring(body_map: BodyMap, area: str) -> list[QPoint]:
    """Eight points round spot ``area`` on the middle of its focus ring's line."""
    rect, theme = body_map.area_rect(area), body_map._theme
    radius = rect.width() / 2 + theme.px(5) * 1.5
    centre = rect.center()
    return [
        QPointF(
            centre.x() + radius * math.cos(a * math.pi / 4),
            centre.y() + radius * math.sin(a * math.pi / 4),
        ).toPoint()
        for a in range(8)
    ]


def test_every_spot_by_keys_with_a_ring_round_the_focused_one(body_map: BodyMap) -> None:
    """Tab reaches the seven spots in the model's order (an area's two sides together); Enter
    and Space mark or clear the focused spot; a ring in the focus colour is drawn round it,
    and round no other."""
    ring = body_map._theme.colour("focus_ring")
    first = body_map.buttons[PAIN_AREAS[0]]
    assert first.focusPolicy() == Qt.FocusPolicy.TabFocus
    body_map.window().setFocus(Qt.FocusReason.OtherFocusReason)  # as the kiosk's window does
    assert not any(button.hasFocus() for button in body_map.buttons.values())
    unfocused = body_map.grab().toImage()
    first.setFocus(Qt.FocusReason.TabFocusReason)
    for index, area in enumerate(PAIN_AREAS):
        button = body_map.buttons[area]
        assert button.hasFocus(), area
        QTest.keyClick(button, Qt.Key.Key_Enter if index % 2 else Qt.Key.Key_Space)
        assert button.isChecked(), area
        image = body_map.grab().toImage()
        points = _on_ring(body_map, area)
        assert all(image.pixelColor(p) == ring for p in points), area
        was_ring = sum(unfocused.pixelColor(p) == ring for p in points)
        assert was_ring <= 2, area  # (a line of the ink's colour may cross the ring)
        for other in PAIN_AREAS:
            if other != area:
                others = _on_ring(body_map, other)
                assert not all(image.pixelColor(p) == ring for p in others), (area, other)
        QTest.keyClick(button, Qt.Key.Key_Tab)
    assert body_map.selected() == PAIN_AREAS
    QTest.keyClick(body_map.buttons[PAIN_AREAS[0]], Qt.Key.Key_Enter)
    assert PAIN_AREAS[0] not in body_map.selected()
