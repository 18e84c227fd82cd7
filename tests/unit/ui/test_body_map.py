"""The body map: four named areas, each a big target, toggled by touch on the spot or its word."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.selftest.touch import tap
from kiosk.ui.body_map import BodyMap
from kiosk.ui.theme import Theme, load_bundled_fonts
from kiosk.visit.model import PAIN_AREAS


@pytest.fixture
def body_map(qtbot: QtBot) -> Iterator[BodyMap]:
    theme = Theme(family=load_bundled_fonts())
    window = QWidget()
    window.setStyleSheet(theme.stylesheet())
    widget = BodyMap(theme, window)
    qtbot.addWidget(window)
    window.resize(widget.size())
    window.show()
    qtbot.waitExposed(window)
    yield widget
    window.close()


@pytest.mark.parametrize("area", PAIN_AREAS)
def test_touching_an_area_toggles_it(body_map: BodyMap, area: str) -> None:
    button = body_map.buttons[area]
    tap(body_map, body_map.area_rect(area).center().toPoint())
    assert body_map.selected() == (area,)
    assert button.isChecked()
    tap(body_map, body_map.area_rect(area).center().toPoint())
    assert body_map.selected() == ()


@pytest.mark.parametrize("area", PAIN_AREAS)
def test_touching_the_word_toggles_it_too(body_map: BodyMap, area: str) -> None:
    tap(body_map, body_map.label_rect(area).center().toPoint())
    assert body_map.selected() == (area,)


def test_several_areas_in_model_order_and_clear(body_map: BodyMap) -> None:
    for area in reversed(PAIN_AREAS):
        tap(body_map, body_map.area_rect(area).center().toPoint())
    assert body_map.selected() == PAIN_AREAS
    body_map.clear()
    assert body_map.selected() == ()


def test_areas_are_big_named_and_inside_the_map(body_map: BodyMap) -> None:
    names = set()
    for area in PAIN_AREAS:
        rect = body_map.area_rect(area)
        assert rect.width() >= Theme.MIN_TOUCH_TARGET
        assert rect.height() >= Theme.MIN_TOUCH_TARGET
        assert body_map.rect().toRectF().contains(rect)
        assert body_map.rect().toRectF().contains(body_map.label_rect(area))
        button = body_map.buttons[area]
        assert button.width() >= Theme.MIN_TOUCH_TARGET
        assert button.accessibleName().strip()
        names.add(button.accessibleName())
    assert len(names) == len(PAIN_AREAS)


def test_targets_do_not_steal_each_other(body_map: BodyMap) -> None:
    """The centre of each target chooses that area and no other."""
    for area in PAIN_AREAS:
        tap(body_map, body_map.area_rect(area).center().toPoint())
        assert body_map.selected() == (area,)
        body_map.clear()


def test_the_picture_is_drawn(body_map: BodyMap) -> None:
    image = body_map.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, 600, 9)}
    assert len(colours) > 20
