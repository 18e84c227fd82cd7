"""What the visit form says aloud: the questions, the control under the focus, the key under the
finger, errors, the discard question and the not-saved note.

:meth:`FormSpeech.script` is what "Listen" reads on the form (its heading, how to fill it in by
touch and by keys, the question that has the focus or else the first, and any error shown).
Everything else is said through the form's ``narrate`` signal as it happens; the window says it
only while the patient has read-aloud on:

- the focus moves to a control: a text field or a choice says its question (once, on entering
  its group), its kind ("text field", "choose one of: ..."), "required", "needs another look"
  with the error, and whether a choice is chosen; Send, Cancel and the other buttons their name;
- a choice, a body-map spot or the consent box is answered (by touch or by keys): its new state;
- the on-screen keyboard's highlight reaches a key: that key's spoken label; a control key is
  pressed: what it did (see :mod:`kiosk.ui.keyboard` for why a touched character says nothing);
- "Send" found answers that need another look: each error with its question;
- the discard question and the "could not be saved" note appear.

While Listen reads, the part being read wears the page reader's frame (:class:`ReadingFrame`):
the title, the question read, the errors' note.

Privacy: what the patient typed (name, phone, email) is never said, neither whole nor in part:
a text field says only how many characters it holds. The choices, the spots and the consent are
said, as they are on screen; they are answers picked from the kiosk's own words.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget

from kiosk.speech.script import Script, Utterance
from kiosk.ui.form_parts import ChoiceGroup
from kiosk.ui.reader import ReadingFrame
from kiosk.ui.theme import Theme

if TYPE_CHECKING:
    from kiosk.ui.request_form import RequestFormScreen

REQUIRED = frozenset({"name", "phone", "best_time", "location", "duration", "consent"})
"""The questions Send does not accept unanswered (kiosk.visit.model.check_form)."""


def sentence(text: str) -> str:
    """``text`` as a sentence for the speech engine: trimmed, ending in a stop (a pause)."""
    text = text.strip()
    return text if not text or text[-1] in ".?!:;…" else text + "."


class FormSpeech(QObject):
    """Says the form (see the module's docstring); ``form.narrate`` carries what it says."""

    def __init__(self, form: RequestFormScreen, theme: Theme) -> None:
        super().__init__(form)
        self._form = form
        self.frame = ReadingFrame(theme, form)
        self._read_key = "name"
        """The question the last script read (where the frame goes for its "field" part)."""
        self._holding = 0
        self._watched: set[QAbstractButton] = set()
        self._last_section: str | None = None
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        keyboard = form.keyboard
        keyboard.key_reached.connect(lambda words: self._say(words))
        keyboard.control_pressed.connect(lambda words: self._say(words))
        keyboard.left_keys.connect(self._left_keys)
        form.body_map.answered.connect(self._spots_answered)
        form.consent_button.clicked.connect(lambda: self._say(self._consent_state()))
        self.watch_choices()

    def watch_choices(self) -> None:
        """Say a choice's new state when a patient answers it (again after new choices)."""
        for group in self._groups().values():
            for button in group.buttons.values():
                if button not in self._watched:
                    self._watched.add(button)
                    button.destroyed.connect(lambda _=None, b=button: self._watched.discard(b))
                    button.clicked.connect(lambda _=False, b=button: self._choice_answered(b))

    # --- what Listen reads ----------------------------------------------------------------

    def script(self) -> Script:
        """The form read aloud: heading, how to fill it in, the question with the focus (or
        the first), any errors shown."""
        form = self._form
        title, intro, note = form.words
        lines = [(sentence(title), "title"), (sentence(intro), "")]
        if not form.discard_question.isHidden():  # it stands in for the answers
            return self._script(*lines, (self._discard_words(), ""))
        lines.append((self._how_to(), ""))
        key = self._read_key = self._section_of(QApplication.focusWidget()) or "name"
        lines.append((self._question(key, with_error=True), "field"))
        errors = self._errors_words(skip=key) if form.errors else sentence(note)
        return self._script(*lines, (errors, "errors"))

    def _how_to(self) -> str:
        return " ".join(
            (
                self.tr(
                    "By touch: touch a box to type in it, and a keyboard comes up; touch a "
                    "choice to choose it."
                ),
                self.tr(
                    "By keys: Tab goes to the next question, the arrows move between choices, "
                    "Enter or Space chooses, and in a box the Down arrow goes into the keyboard."
                ),
            )
        )

    def show_reading(self, part: str, title: QWidget, note: QWidget) -> None:
        """Frame the part of the script being read ("" or a part without a place: none)."""
        form = self._form
        target = {"title": title, "errors": note}.get(part)
        if part == "field":
            target = form.sections[self._read_key]
        frame = self.frame
        answers = form.scroll_area.widget()
        parent = form if target is None or target in (title, note) else answers
        if parent is not None and frame.parentWidget() is not parent:
            frame.setParent(parent)  # in the answers it scrolls with them, clipped by the view
        frame.follow(target)

    # --- said as it happens -----------------------------------------------------------------

    @contextmanager
    def held(self) -> Iterator[None]:
        """Say nothing about focus moves inside this block (the caller says what happened)."""
        self._holding += 1
        try:
            yield
        finally:
            self._holding -= 1

    def errors_shown(self) -> None:
        """Send found answers that need another look: say each, with its question, then
        where the focus went (for a key user it moved to the first of them)."""
        words = self._errors_words()
        if not words:
            return
        lines = [(words, "errors")]
        focused = QApplication.focusWidget()
        control = self._describe(focused, with_error=False) if focused is not None else ""
        self._last_section = self._section_of(focused)
        if control:
            lines.append((control, "field"))
            self._read_key = self._last_section or self._read_key
        self._narrate(self._script(*lines))

    def discard_asked(self) -> None:
        """Cancel asked whether to discard the answers: the question, its answers, the focus."""
        self._last_section = None
        self._say(self._discard_words())

    def _discard_words(self) -> str:
        question = self._form.discard_question
        answers = self.tr("Answer {0} or {1}").format(
            question.discard_button.text(), question.keep_button.text()
        )
        words = [sentence(question.question.text()), sentence(answers)]
        focused = QApplication.focusWidget()
        if focused in (question.keep_button, question.discard_button):
            words.append(self._button_words(focused))
        return " ".join(words)

    def not_saved(self, note: str) -> None:
        self._narrate(self._script((sentence(note), "errors")))

    # --- describing a control -------------------------------------------------------------

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        form = self._form
        if now is None or not form.isAncestorOf(now):
            self._last_section = None
            return
        if self._holding:
            return
        section = self._section_of(now)
        words = self._describe(now, with_error=True, entering=section != self._last_section)
        self._last_section = section
        if words:
            self._say(words)

    def _describe(self, widget: QWidget, *, with_error: bool, entering: bool = True) -> str:
        """What the focus on ``widget`` says: its question when ``entering`` its section,
        then the control itself."""
        form = self._form
        section = self._section_of(widget)
        if section in form.fields:
            return self._question(section, with_error=with_error)
        if section is None:
            return self._button_words(widget) if isinstance(widget, QAbstractButton) else ""
        question = self._question(section, with_error=with_error, brief=True) if entering else ""
        if isinstance(widget, QAbstractButton) and section == "pain_areas":
            key = next(k for k, b in form.body_map.buttons.items() if b is widget)
            control = sentence(form.body_map.spot_words(key))
        elif section == "consent":
            control = self._consent_state()
        else:
            control = self._choice_words(widget)
        return " ".join(part for part in (question, control) if part)

    def _question(self, key: str, *, with_error: bool, brief: bool = False) -> str:
        """A question as said: its words, hint, kind, "required", its state (never what was
        typed: only how much), its error. ``brief`` leaves the state to the focused control."""
        form = self._form
        section = form.sections[key]
        parts = [sentence(section.heading.text())]
        if section.hint.text():
            parts.append(sentence(section.hint.text()))
        if key in form.fields:
            parts.append(sentence(self.tr("Text field")))
        elif key == "pain_areas":
            spots = ", ".join(b.text() for b in form.body_map.buttons.values())
            parts.append(sentence(self.tr("Choose all that apply: {0}").format(spots)))
        elif key != "consent":  # the consent box says its words with its state
            group = self._groups()[key]
            choices = ", ".join(b.words.text() for b in group.buttons.values())
            parts.append(sentence(self.tr("Choose one of: {0}").format(choices)))
        if key in REQUIRED:
            parts.append(sentence(self.tr("Required")))
        if not brief:
            parts.append(self._state(key))
        if with_error and key in form.errors:
            parts.append(self._error_words(key))
        return " ".join(part for part in parts if part)

    def _state(self, key: str) -> str:
        form = self._form
        if key in form.fields:
            count = len(form.fields[key].text())  # how much, never what
            if count == 0:
                return sentence(self.tr("Empty"))
            if count == 1:
                return sentence(self.tr("1 character entered"))
            return sentence(self.tr("{0} characters entered").format(count))
        if key == "pain_areas":
            chosen = [form.body_map.buttons[k].text() for k in form.body_map.selected()]
            if not chosen:
                return sentence(self.tr("None chosen"))
            return sentence(self.tr("Chosen: {0}").format(", ".join(chosen)))
        if key == "consent":
            return self._consent_state()
        group = self._groups()[key]
        value = group.value()
        if not value:
            return sentence(self.tr("Nothing chosen yet"))
        return sentence(self.tr("Chosen: {0}").format(group.buttons[value].words.text()))

    def _choice_words(self, widget: QWidget) -> str:
        for group in self._groups().values():
            for index, button in enumerate(group.buttons.values()):
                if button is widget:
                    state = self.tr("chosen") if button.isChecked() else self.tr("not chosen")
                    where = self.tr("{0} of {1}").format(index + 1, len(group.buttons))
                    return sentence(f"{button.words.text()}, {state}, {where}")
        return ""

    def _consent_state(self) -> str:
        button = self._form.consent_button
        state = self.tr("ticked") if button.isChecked() else self.tr("not ticked")
        return sentence(self.tr("{0}, check box, {1}").format(button.words.text(), state))

    def _button_words(self, button: QWidget) -> str:
        name = button.accessibleName() or (
            button.text() if isinstance(button, QAbstractButton) else ""
        )
        name = name.strip().rstrip(".")
        return sentence(self.tr("{0}, button").format(name)) if name else ""

    def _error_words(self, key: str) -> str:
        words = self._form.sections[key].error_text.text()
        return sentence(self.tr("Needs another look: {0}").format(words)) if words else ""

    def _errors_words(self, skip: str | None = None) -> str:
        """Every error shown, each after its question (``skip``: said with its question)."""
        form = self._form
        said = [
            f"{sentence(form.sections[key].heading.text())} "
            f"{sentence(form.sections[key].error_text.text())}"
            for key in form.errors
            if key != skip and form.sections[key].error_text.text()
        ]
        if not said:
            return ""
        return " ".join([sentence(form.words[2]), *said])

    # --- answers --------------------------------------------------------------------------

    def _choice_answered(self, button: QAbstractButton) -> None:
        """A tap, Enter or Space chose ``button`` (a choice made by the arrows moves the
        focus with it, and the focus says it; the form's own choices, such as a preset
        location, say nothing)."""
        self._say(self._choice_words(button))

    def _spots_answered(self, keys: tuple[str, ...]) -> None:
        body_map = self._form.body_map
        self._say(" ".join(sentence(body_map.spot_words(key)) for key in keys))

    def _left_keys(self) -> None:
        """Out of the on-screen keyboard, back in the field: say the field again."""
        field = self._form.dock.focused()
        if field is not None and not self._holding:
            key = next(k for k, f in self._form.fields.items() if f is field)
            self._say(self._question(key, with_error=True))

    # --- plumbing -------------------------------------------------------------------------

    def _groups(self) -> dict[str, ChoiceGroup]:
        form = self._form
        return {"best_time": form.best_time, "location": form.location, "duration": form.duration}

    def _section_of(self, widget: QWidget | None) -> str | None:
        """The question ``widget`` answers (None: not one of the answers)."""
        if widget is None:
            return None
        form = self._form
        for key, field in form.fields.items():
            if widget is field:
                return key
        if isinstance(widget, QLineEdit):
            return None
        if widget in form.body_map.buttons.values():
            return "pain_areas"
        if widget is form.consent_button:
            return "consent"
        for key, group in self._groups().items():
            if widget in group.buttons.values():
                return key
        return None

    def _script(self, *lines: tuple[str, str]) -> Script:
        language = self._form.language
        return tuple(Utterance(text, language, part) for text, part in lines if text)

    def _say(self, words: str) -> None:
        if words:
            self._narrate(self._script((words, "")))

    def _narrate(self, script: Script) -> None:
        if script:
            self._form.narrate.emit(script)
