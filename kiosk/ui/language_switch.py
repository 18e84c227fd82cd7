"""The language switch every patient-facing screen carries: one big button naming the next
language in that language's own words ("Español", "English"), so a reader who does not know the
current one still finds theirs. With more than two languages it steps through them in order."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.content.model import Deck
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import make_big, set_label


class LanguageSwitch(QPushButton):
    """Emits ``language_chosen(code)`` with the next language; hidden with fewer than two."""

    language_chosen = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current = ""
        self._languages: tuple[Deck, ...] = ()
        make_big(self, theme, icon="mdi6.translate")
        self.setObjectName("LanguageSwitch")
        self.clicked.connect(self._choose_next)
        self.hide()

    def show_languages(self, current: str, languages: tuple[Deck, ...]) -> None:
        """The language showing now and the ones a patient can choose between."""
        self._current = current
        self._languages = languages
        self.setVisible(len(languages) > 1 and self.next_language() is not None)
        self.retranslate()

    def next_language(self) -> Deck | None:
        codes = [deck.language for deck in self._languages]
        if len(codes) < 2 or self._current not in codes:
            return None
        return self._languages[(codes.index(self._current) + 1) % len(codes)]

    def _choose_next(self) -> None:
        target = self.next_language()
        if target is not None:
            self.language_chosen.emit(target.language)

    def retranslate(self) -> None:
        target = self.next_language()
        if target is not None:
            set_label(
                self,
                target.language_name,
                self.tr("Change language to {0}").format(target.language_name),
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
