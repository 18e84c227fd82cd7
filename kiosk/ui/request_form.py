"""The "Request a visit" form: three text fields, big choices, a body map and a consent toggle.

The form only shows and forwards: "Send request" emits ``submit_requested`` with a
:class:`~kiosk.visit.model.FormInput`; the composition root checks it and, through the window
(``KioskWindow.show_request_errors``), has :meth:`RequestFormScreen.show_errors` mark what needs
another look, or moves on. Text fields are plain ``QLineEdit``s (what a patient types is never
shown as rich text). The on-screen keyboard rises under the form when a text field has focus,
and the form scrolls so the field is never hidden behind it.

Its privacy note says only what the kiosk's delivery settings make true (the clauses of
:func:`kiosk.visit.promise.privacy_clauses`, each a sentence in the patient's language). With
one clinic location the location question is not asked (that location is preset). Cancel with
answers given asks once whether to discard them.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.model import Deck
from kiosk.speech.script import Script
from kiosk.ui import accessibility
from kiosk.ui.body_map import BodyMap
from kiosk.ui.display_controls import DisplayControls
from kiosk.ui.form_fit import FormFit, FormParts
from kiosk.ui.form_keys import FormKeys
from kiosk.ui.form_parts import (
    ChoiceGroup,
    ControlsPlacement,
    DiscardQuestion,
    FormSection,
    NavRow,
    WrappingButton,
    plain_label,
    two_state_icon,
)
from kiosk.ui.form_speech import FormSpeech
from kiosk.ui.keyboard import OnScreenKeyboard
from kiosk.ui.keyboard_dock import KeyboardDock
from kiosk.ui.keys import Action, action_for
from kiosk.ui.theme import Theme
from kiosk.ui.touch import TapRescue, enable_kinetic_scrolling
from kiosk.ui.widgets import ScreenWidget, bar, big_button, set_label
from kiosk.visit.model import (
    BEST_TIMES,
    DURATIONS,
    EMAIL_MAX,
    NAME_MAX,
    PHONE_MAX,
    FieldError,
    FormInput,
)
from kiosk.visit.promise import Clause

FIELDS = ("name", "phone", "email", "best_time", "location", "pain_areas", "duration", "consent")
"""Every field, top to bottom: the order errors are looked at."""


class RequestFormScreen(ScreenWidget):
    """The form. Signals: ``submit_requested(FormInput)``, ``cancel_requested()``."""

    submit_requested = Signal(object)
    cancel_requested = Signal()
    language_chosen = Signal(str)
    """The patient switched language; what they typed stays."""
    question_answered = Signal(str)
    """The patient typed in or chose an answer to the question ``key`` (one of :data:`FIELDS`);
    only which question, never the answer (for the anonymous usage counts: where a form that
    was not sent was left)."""
    narrates_focus = True  # kiosk.ui.form_speech says each focus move (question, kind, state)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._errors: dict[str, FieldError] = {}
        self._locations: tuple[str, ...] = ()
        self._clauses: tuple[Clause, ...] = ()
        self._concealed_focus: QLineEdit | None = None
        self._concealed_scroll = 0
        self._by_keys = False  # the last Send or Cancel came from a key, not a tap
        self.language = "en"
        """The language the form shows (read aloud in it)."""
        self.setStyleSheet(self._style())

        self._top = top = bar("TopBar", self)
        self._title = plain_label("title", top)
        self._intro = plain_label("small", top)
        self.display_controls = DisplayControls(theme, top)
        self.display_controls.language_chosen.connect(self.language_chosen)
        self.language_button = self.display_controls.language_button
        self._controls_bar = bar("NavBar", self)
        self._controls_bar.hide()
        self._placement = ControlsPlacement(
            theme, self._title, self._intro, self.display_controls, top, self._controls_bar
        )

        self._content = content = QWidget()
        self._column = QVBoxLayout()
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(theme.spacing * 2)
        centre = QHBoxLayout(content)
        centre.setContentsMargins(theme.margin, theme.margin, theme.margin, theme.margin * 2)
        holder = QWidget(content)
        holder.setLayout(self._column)
        holder.setMaximumWidth(theme.px(1100))
        centre.addStretch(1)
        centre.addWidget(holder, 100)
        centre.addStretch(1)

        self.name_field = self._text_field(NAME_MAX)
        self.phone_field = self._text_field(PHONE_MAX)
        self.email_field = self._text_field(EMAIL_MAX)
        self.phone_field.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.email_field.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.fields: dict[str, QLineEdit] = {
            "name": self.name_field,
            "phone": self.phone_field,
            "email": self.email_field,
        }
        self.best_time = ChoiceGroup(theme)
        self.best_time.set_choices(BEST_TIMES)
        self.location = ChoiceGroup(theme)
        self.duration = ChoiceGroup(theme)
        self.duration.set_choices(DURATIONS, columns=1)
        self.body_map = BodyMap(theme)
        p = theme.palette
        self.consent_button = WrappingButton(
            theme,
            two_state_icon(
                theme,
                "mdi6.checkbox-blank-outline",
                "mdi6.checkbox-marked",
                p.primary,
                p.on_primary,
            ),
            role="consent",
        )
        self._privacy = plain_label("small", self)

        bodies: dict[str, QWidget] = {
            **self.fields,
            "best_time": self.best_time,
            "location": self.location,
            "pain_areas": self.body_map,
            "duration": self.duration,
            "consent": self.consent_button,
        }
        self.sections = {k: FormSection(theme, bodies[k], k == "pain_areas") for k in FIELDS}
        accessibility.mark_required(self.sections)  # "Required" to a screen reader
        for section in self.sections.values():
            self._column.addWidget(section)
        self._column.addWidget(self._privacy)
        self._column.addStretch(1)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Room for a field and a little around it: the viewport's least height beside the
        # keyboard on a short screen (the scroll bar's own minimum asks for more).
        self.scroll_area.setMinimumHeight(theme.target + 2 * theme.spacing)
        self.scroll_area.setWidget(content)
        enable_kinetic_scrolling(self.scroll_area.viewport())

        self._nav = nav = bar("NavBar", self)
        self.cancel_button = big_button(theme, icon="mdi6.close")
        self.send_button = big_button(
            theme, role="primary", icon="mdi6.send", icon_colour=p.on_primary
        )
        self.send_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self._summary = plain_label("error", nav)
        self._summary.hide()
        for button in (self.send_button, self.cancel_button):
            button.setAutoDefault(True)  # Enter presses it, as Space does
        self.send_button.setMinimumWidth(theme.px(340))
        self.cancel_button.setMinimumWidth(theme.px(220))
        self._nav_row = NavRow(theme, nav, self.cancel_button, self._summary, self.send_button)
        self.discard_question = DiscardQuestion(theme, self)

        self.keyboard = OnScreenKeyboard(theme, self)
        self.keyboard.hide()
        self._fit = FormFit(
            theme,
            FormParts(
                form=self,
                top=top,
                title=self._title,
                intro=self._intro,
                answers=self.scroll_area,
                controls_bar=self._controls_bar,
                nav=nav,
                question=self.discard_question,
                keyboard=self.keyboard,
            ),
        )
        self.keyboard.shown.connect(self._fit_keyboard)
        self.keyboard.rising.connect(lambda: self._fit_keyboard(True))
        rescue = TapRescue(self)
        for widget in (*self.fields.values(), self.consent_button):
            widget.installEventFilter(rescue)
        self.dock = KeyboardDock(
            self.keyboard,
            self.scroll_area,
            tuple(self.fields.values()),
            phone=self.phone_field,
            context=lambda field: field.parentWidget(),
            margin=theme.spacing,
        )
        self.keys = FormKeys(self, theme.spacing)
        self.speech = FormSpeech(self, theme)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for widget in (
            top,
            self.scroll_area,
            self._controls_bar,
            nav,
            self.discard_question,
            self.keyboard,
        ):
            # The question takes the answers' place while it shows: on a short screen at the
            # largest text the answers and the question do not fit one above the other.
            stretch = widget is self.scroll_area or widget is self.discard_question
            layout.addWidget(widget, 1 if stretch else 0)

        self.send_button.clicked.connect(self._send)
        self.cancel_button.clicked.connect(self._cancel)
        self.discard_question.discard.connect(self._discard)
        self.discard_question.keep.connect(self._keep_editing)
        for key, field in self.fields.items():
            field.textEdited.connect(lambda _t="", k=key: self._answered(k))
        for key, group in (("best_time", self.best_time), ("location", self.location)):
            group.changed.connect(lambda k=key: self._touched(k))
        self.duration.changed.connect(lambda: self._touched("duration"))
        self.body_map.changed.connect(lambda: self._touched("pain_areas"))
        self.consent_button.clicked.connect(lambda: self._touched("consent"))
        self.retranslate()
        self._arrange()
        self.keys.apply()

    # --- public API ---------------------------------------------------------------------

    def set_locations(self, locations: tuple[str, ...]) -> None:
        """The clinic locations the patient can choose from, as configured (what the request
        carries). With a single one it is preset and the question is not shown."""
        self._locations = locations
        self.location.set_choices(locations)
        self.sections["location"].setVisible(len(locations) != 1)
        self._preset_location()
        self.keys.apply()  # new location buttons take their place in the order
        self.speech.watch_choices()

    def show_location_names(self, names: Mapping[str, str]) -> None:
        """How each location is shown in the patient's language (the deck's ``locations``);
        a location without a name there is shown as configured."""
        self.location.set_labels(names)

    def set_privacy(self, clauses: tuple[Clause, ...]) -> None:
        """What the privacy note may say: the clauses the delivery settings make true."""
        self._clauses = clauses
        self._show_privacy()

    @property
    def privacy_note(self) -> str:
        return self._privacy.text()

    def has_answers(self) -> bool:
        """The patient typed or chose something (a preset location is not their answer)."""
        return self.form_input() != self._blank()

    def set_concealed(self, concealed: bool) -> None:
        """Hide everything the patient entered (the "Are you still there?" card shows over
        the form: nothing typed may stay readable behind its dim layer), or show it again as
        it was, with the text field that had the focus focused again."""
        content = self._content
        if concealed and not content.isHidden():
            field = self.dock.focused()
            self._concealed_focus = field
            self._concealed_scroll = self.scroll_area.verticalScrollBar().value()
            self.dock.leave()  # no key goes on typing, unseen, into the hidden field
            content.hide()
        elif not concealed and content.isHidden():
            content.show()
            QApplication.processEvents()  # the scroll range first, then the position
            self.scroll_area.verticalScrollBar().setValue(self._concealed_scroll)
            field, self._concealed_focus = self._concealed_focus, None
            if field is not None:
                field.setFocus(Qt.FocusReason.MouseFocusReason)  # the keyboard rises again

    @property
    def concealed(self) -> bool:
        return self._content.isHidden()

    def form_input(self) -> FormInput:
        return FormInput(
            name=self.name_field.text(),
            phone=self.phone_field.text(),
            email=self.email_field.text(),
            best_time=self.best_time.value(),
            location=self.location.value(),
            pain_areas=self.body_map.selected(),
            duration=self.duration.value(),
            consent=self.consent_button.isChecked(),
        )

    def restore(self, entries: FormInput, errors: Mapping[str, FieldError]) -> None:
        """Put back what a patient had entered (the form was rebuilt for a new text size or
        contrast), with the notes on what still needs a look."""
        self.name_field.setText(entries.name)
        self.phone_field.setText(entries.phone)
        self.email_field.setText(entries.email)
        for group, value in (
            (self.best_time, entries.best_time),
            (self.location, entries.location),
            (self.duration, entries.duration),
        ):
            if value:
                group.choose(value)
        self.body_map.set_selected(entries.pain_areas)
        self.consent_button.setChecked(entries.consent)
        self._errors = {key: errors[key] for key in FIELDS if key in errors}
        self._show_error_words()

    def show_languages(self, current: str, languages: tuple[Deck, ...]) -> None:
        self.language = current
        self.display_controls.show_languages(current, languages)

    def speech_script(self) -> Script:
        """What "Listen" reads here (see :mod:`kiosk.ui.form_speech`)."""
        return self.speech.script()

    def show_reading(self, part: str) -> None:
        self.speech.show_reading(part, self._title, self._summary)

    def show_errors(self, errors: Mapping[str, FieldError]) -> None:
        """Plain words next to each field that needs another look; scroll to the first."""
        self._errors = {key: errors[key] for key in FIELDS if key in errors}
        with self.speech.held():  # one announcement of the errors, not a focus move first
            self.dock.leave()
            self._show_error_words()
            if self._errors:
                first = next(iter(self._errors))
                QTimer.singleShot(0, self, lambda: self._scroll_to_section(first))
                if self._by_keys:  # Send by keys: the focus on what needs another look
                    control = self.keys.first_control(first)
                    if control is not None:
                        control.setFocus(Qt.FocusReason.TabFocusReason)
        self.speech.errors_shown()

    def clear(self) -> None:
        """Wipe everything the last patient typed or chose, with undo history and errors."""
        self.dock.leave()
        for field in self.fields.values():
            field.clear()  # undoable on its own...
            field.setText("")  # ...but setText() also drops the undo/redo history
            field.setModified(False)
            field.deselect()
        for group in (self.best_time, self.location, self.duration):
            group.clear()
        self.body_map.clear()
        self.consent_button.setChecked(False)
        self._preset_location()
        self._errors = {}
        self._show_error_words()
        self._concealed_focus = None
        self._by_keys = False
        self._content.show()
        self._close_question()
        self.keyboard.reset()
        self.keyboard.hide()
        self.scroll_area.verticalScrollBar().setValue(0)

    def show_not_saved(self) -> None:
        """The request could not be stored: say so plainly and keep what was typed."""
        self._summary.setText(
            self.tr("Sorry, your request could not be saved. Please ask at the front desk.")
        )
        self._summary.setVisible(True)
        self.dock.leave()
        self._fit_keyboard(False)
        self.speech.not_saved(self._summary.text())

    @property
    def errors(self) -> dict[str, FieldError]:
        return dict(self._errors)

    @property
    def words(self) -> tuple[str, str, str]:
        """The form's title, its introduction and the note under it (errors, not saved)."""
        note = self._summary.text() if not self._summary.isHidden() else ""
        return self._title.text(), self._intro.text(), note

    # --- building -----------------------------------------------------------------------

    def _blank(self) -> FormInput:
        return FormInput(location=self._locations[0] if len(self._locations) == 1 else "")

    def _preset_location(self) -> None:
        if len(self._locations) == 1:
            self.location.choose(self._locations[0])

    def _text_field(self, limit: int) -> QLineEdit:
        field = QLineEdit()
        field.setMaxLength(limit)
        field.setMinimumHeight(self._theme.target)
        field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no copy/paste menu
        field.setDragEnabled(False)
        # Focus from a touch or from Tab, never by itself: the keyboard must not rise on its
        # own when the form opens (the window holds the focus until a key or a tap moves it).
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return field

    def _style(self) -> str:
        t, p = self._theme, self._theme.palette
        return f"""
        QLineEdit {{ font-size: {t.px(36)}px; min-height: {t.target}px; padding: 0 {t.px(20)}px;
            background: {p.surface}; color: {p.ink}; border: 3px solid {p.outline};
            border-radius: {t.radius}px; selection-background-color: {p.primary};
            selection-color: {p.on_primary}; }}
        QLineEdit:focus {{ border: 5px solid {p.primary}; }}
        QLineEdit[error="true"] {{ border: 5px solid {p.accent}; }}
        QLabel[role="field"] {{ font-size: {t.px(38)}px; font-weight: bold; color: {p.primary}; }}
        QLabel[role="error"] {{ font-size: {t.px(t.body_px)}px; font-weight: bold;
            color: {p.accent}; }}
        QPushButton[role="choice"], QPushButton[role="consent"] {{ text-align: left;
            padding-left: {t.px(24)}px; color: {p.ink}; border-color: {p.outline}; }}
        QPushButton[role="choice"]:checked, QPushButton[role="consent"]:checked {{
            background: {p.primary}; color: {p.on_primary}; border-color: {p.primary}; }}
        QPushButton[role="consent"] {{ min-height: {t.target + t.px(16)}px; padding: 0; }}
        QPushButton[role="choice"] {{ padding: 0; }}
        QLabel[role="consent-words"], QLabel[role="choice-words"] {{
            font-size: {t.px(t.button_px)}px; font-weight: bold; color: {p.ink};
            background: transparent; }}
        QLabel[role="consent-words"][on="true"], QLabel[role="choice-words"][on="true"] {{
            color: {p.on_primary}; }}
        QPushButton[role="choice"]:focus, QPushButton[role="consent"]:focus {{
            border: {t.FOCUS_RING}px double {p.focus_ring}; background-clip: padding; }}
        """

    # --- behaviour ----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Back (a keypad's Back, Esc) on the form is Cancel: it asks first when answers were
        given. Inside the on-screen keyboard it leaves the keyboard instead (the dock eats it)."""
        back = action_for(event.key()) is Action.BACK
        if back and self.discard_question.isHidden():
            event.accept()
            self._cancel()
            self._by_keys = True
            return
        super().keyPressEvent(event)

    def _send(self) -> None:
        self._by_keys = self.send_button.hasFocus()  # buttons take focus from keys only
        self.dock.leave()
        self.submit_requested.emit(self.form_input())

    def _cancel(self) -> None:
        """Cancel: at once when nothing was entered, else after asking once."""
        self._by_keys = self.cancel_button.hasFocus()
        self.dock.leave()
        if not self.has_answers():
            self.cancel_requested.emit()
            return
        with self.speech.held():  # the focus leaves Cancel for the question: one announcement
            self._nav.hide()
            self.scroll_area.hide()
            self.discard_question.ask()
        self._fit_keyboard(False)
        self.speech.discard_asked()

    def _discard(self) -> None:
        self._close_question()
        self.cancel_requested.emit()

    def _keep_editing(self) -> None:
        self._close_question()
        if self._by_keys:  # back where the patient was: on Cancel
            self.cancel_button.setFocus(Qt.FocusReason.TabFocusReason)
        self._by_keys = False

    def _close_question(self) -> None:
        if self.discard_question.isHidden():
            return
        self.discard_question.hide()
        self.scroll_area.show()
        self._nav.show()

    def _scroll_to_section(self, key: str) -> None:
        section = self.sections[key]
        top = section.mapTo(self._content, QPoint(0, 0)).y() - self._theme.spacing
        self.scroll_area.verticalScrollBar().setValue(top)

    def _arrange(self) -> None:
        """Reflow the bars for this width and reach (see ControlsPlacement and NavRow)."""
        width = self.width()
        if width <= 0 or not self.isVisible():
            return  # not laid out yet: showEvent arranges for the real width
        self._placement.arrange(width, self.reach.top)
        self._nav_row.arrange(width)

    def place_for_reach(self) -> None:
        self._arrange()
        self._fit_keyboard(self.keyboard.isVisible())

    def _fit_keyboard(self, up: bool) -> None:
        """Make room for the keyboard until the form fits the screen (see FormFit)."""
        self._fit.fit(up, portrait=self._placement.portrait)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()
        self._fit_keyboard(self.keyboard.isVisible())
        self.speech.frame.place()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._arrange()

    def _touched(self, key: str) -> None:
        """A choice was tapped: its error (if any) goes, and so does the keyboard."""
        self._answered(key)
        self.dock.leave()

    def _answered(self, key: str) -> None:
        self._forget_error(key)
        self.question_answered.emit(key)

    def _forget_error(self, key: str) -> None:
        if self._errors.pop(key, None) is not None:
            self._show_error_words()

    def _error_words(self, key: str, error: FieldError) -> str:
        if error is FieldError.TOO_LONG:
            return self.tr("That is longer than we can take.")
        if error is FieldError.PHONE_INVALID:
            return self.tr(
                "Please check the phone number: it should be a number we can call, such as 312 555 0123."  # noqa: E501
            )
        if error is FieldError.EMAIL_INVALID:
            return self.tr("This email address does not look right.")
        if error is FieldError.CONSENT_NEEDED or key == "consent":
            return self.tr("Please tick the box so we may contact you.")
        if key == "name":
            return self.tr("Please enter your name.")
        if key == "phone":
            return self.tr("Please enter a phone number we can call.")
        return self.tr("Please choose one.")

    def _show_error_words(self) -> None:
        for key, section in self.sections.items():
            error = self._errors.get(key)
            section.set_error(None if error is None else self._error_words(key, error))
            if key in self.fields:
                field = self.fields[key]
                field.setProperty("error", error is not None)
                field.style().unpolish(field)
                field.style().polish(field)
        self._summary.setText(self.tr("Some answers need another look. They are marked above."))
        self._summary.setVisible(bool(self._errors))
        self._fit_keyboard(self.keyboard.isVisible())  # the notes take room

    def _show_privacy(self) -> None:
        """The privacy note: one sentence for each clause that is true, and nothing else."""
        sentences = {
            Clause.STORED_ENCRYPTED: self.tr(
                "Your details are kept encrypted on this kiosk until they are sent."
            ),
            Clause.SEALED_FILE: self.tr(
                "They are sent to the clinic sealed, so only the clinic can open them."
            ),
            Clause.READABLE_FILE: self.tr(
                "They are saved as a file in the clinic's folder, which staff with access to that folder can read."  # noqa: E501
            ),
            Clause.SECURE_CONNECTION: self.tr(
                "They travel to the clinic over a secure connection."
            ),
            Clause.EMAIL: self.tr("They are sent to the clinic by email."),
            Clause.DELETED_AFTER: self.tr(
                "Once the clinic has them, this kiosk keeps no copy it can read."
            ),
        }
        self._privacy.setText(" ".join(sentences[clause] for clause in self._clauses))
        self._privacy.setVisible(bool(self._clauses))

    def retranslate(self) -> None:
        self._title.setText(self.tr("Request a visit"))
        self._intro.setText(self.tr("Fill in your details and the clinic will call you."))
        headings = {
            "name": self.tr("Your name"),
            "phone": self.tr("Phone number"),
            "email": self.tr("Email (you can leave this empty)"),
            "best_time": self.tr("Best time to call you"),
            "location": self.tr("Which clinic suits you?"),
            "pain_areas": self.tr("Where does it hurt?"),
            "duration": self.tr("How long has it hurt?"),
            "consent": self.tr("May we contact you?"),
        }
        hints = {
            "phone": self.tr("We will call you on this number."),
            "pain_areas": self.tr("Touch every place that hurts. You can skip this."),
        }
        for key, section in self.sections.items():
            section.set_texts(headings[key], hints.get(key, ""))
        for key, field in self.fields.items():
            field.setAccessibleName(headings[key])
        for key, group in (
            ("best_time", self.best_time),
            ("location", self.location),
            ("duration", self.duration),
        ):
            group.setAccessibleName(headings[key])  # the radio group named by its question
        self.best_time.set_labels(
            {
                "morning": self.tr("Morning"),
                "afternoon": self.tr("Afternoon"),
                "evening": self.tr("Evening"),
                "any": self.tr("Any time"),
            }
        )
        self.duration.set_labels(
            {
                "under-6-weeks": self.tr("Less than 6 weeks"),
                "6-weeks-to-3-months": self.tr("6 weeks to 3 months"),
                "over-3-months": self.tr("More than 3 months"),
            }
        )
        self.consent_button.set_words(self.tr("Yes, the clinic may contact me about a visit"))
        self._show_privacy()
        self.discard_question.set_words(
            self.tr("Discard what you have entered?"),
            self.tr("Yes, discard"),
            self.tr("No, keep editing"),
        )
        set_label(self.send_button, self.tr("Send request"))
        set_label(self.cancel_button, self.tr("Cancel"), self.tr("Cancel and forget what I typed"))
        self._arrange()  # the buttons' words changed: side by side or one above the other
        self._show_error_words()
