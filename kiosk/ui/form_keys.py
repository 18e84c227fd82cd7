"""The visit form by keys alone: the order Tab follows, the focused control kept in view, Enter
in a text field going on to the next one, and the focus on the first answer that needs a look.

The order is the order the form reads: name, phone, email, best time, location (when asked),
the body map's spots, duration, consent, Send, Cancel, then the display controls. A one-of-many
group is one stop (:class:`kiosk.ui.form_parts.ChoiceGroup` moves within it by arrows); the
on-screen keyboard is reached from a text field (:mod:`kiosk.ui.keyboard_dock`). Enter in a
text field goes on to the next control, as Tab does; Back (a keypad's Back, Esc, and Backspace
outside a text field: :data:`kiosk.ui.keys.KEY_MAP`) is the form's Cancel.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget

from kiosk.ui.form_parts import FormSection
from kiosk.ui.keyboard_dock import scroll_into_view

if TYPE_CHECKING:
    from kiosk.ui.request_form import RequestFormScreen


class FormKeys(QObject):
    """Tab order and focus-follows-view for the controls of ``form`` (top to bottom)."""

    def __init__(self, form: RequestFormScreen, margin: int) -> None:
        super().__init__(form.scroll_area)
        self._form, self._area, self._margin = form, form.scroll_area, margin
        self._fields = tuple(form.fields.values())
        for field in self._fields:
            field.returnPressed.connect(lambda f=field: self.focus_next(f))

    def order(self) -> list[QWidget]:
        """Every control in the order the form reads."""
        form = self._form
        return [
            *form.fields.values(),
            *form.best_time.buttons.values(),
            *form.location.buttons.values(),
            *form.body_map.buttons.values(),
            *form.duration.buttons.values(),
            form.consent_button,
            form.send_button,
            form.cancel_button,
            form.discard_question.keep_button,
            form.discard_question.discard_button,
            *form.display_controls.buttons,
        ]

    def first_control(self, key: str) -> QWidget | None:
        """The control of field ``key`` the focus goes to when it needs another look."""
        form = self._form
        groups = {"best_time": form.best_time, "location": form.location}
        if key in form.fields:
            return form.fields[key]
        if key in groups or key == "duration":
            return groups.get(key, form.duration).tab_stop()
        if key == "pain_areas":
            return next(iter(form.body_map.buttons.values()))
        return form.consent_button if key == "consent" else None

    def apply(self) -> None:
        """Chain the controls in reading order (again after the controls changed)."""
        controls = self.order()
        # Qt leaves a widget that takes no focus out of setTabOrder(), and a choice group's
        # other buttons take none until one is chosen: each takes its place first, with its
        # own policy back after (Tab skips them while they take no focus). The chain starts
        # at the form itself: Qt's chain is a ring, and from the window (which holds the
        # focus when a screen opens) Tab goes on to the first control after the form, so the
        # display controls, built before the fields, must be moved after them.
        chain = [self._form, *controls]
        policies = [widget.focusPolicy() for widget in chain]
        for widget in chain:
            widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        for widget, policy in zip(chain, policies, strict=True):
            widget.setFocusPolicy(policy)
        for control in controls:
            control.installEventFilter(self)

    def focus_next(self, widget: QWidget) -> None:
        """The focus to the next control Tab would reach (Enter in a text field)."""
        candidate = widget.nextInFocusChain()
        while candidate is not None and candidate is not widget:
            if (
                candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
                and candidate.isVisible()
                and candidate.isEnabled()
                and candidate.window() is widget.window()
            ):
                candidate.setFocus(Qt.FocusReason.TabFocusReason)
                return
            candidate = candidate.nextInFocusChain()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.FocusIn
            and isinstance(watched, QWidget)
            and watched not in self._fields  # the keyboard dock keeps those in view
        ):
            self.reveal(watched)
        return super().eventFilter(watched, event)

    def reveal(self, widget: QWidget) -> None:
        """Scroll the least distance that brings ``widget`` in view, with its question above it
        when both fit (the first choice of a group, a body-map spot)."""
        content = self._area.widget()
        if content is None or not content.isAncestorOf(widget):
            return  # Send, Cancel and the display controls: in the bars, always in view
        section = widget.parentWidget()
        while section is not None and not isinstance(section, FormSection):
            section = section.parentWidget()
        scroll_into_view(self._area, widget, section, self._margin)
