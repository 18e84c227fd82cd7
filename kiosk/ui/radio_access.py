"""The form's one-of-many choices as a screen reader sees them: now part of
:mod:`kiosk.ui.accessibility`, whose :func:`install` describes every kiosk widget. Kept so the
modules that install it from here go on working."""

from __future__ import annotations

from kiosk.ui.accessibility import ChoiceAccessible, install

__all__ = ["ChoiceAccessible", "install"]
