"""Switching the interface language at run time through Qt's own translation mechanism.

Every visible string in ``kiosk/ui`` goes through ``self.tr()``; the Spanish catalogue lives in
``assets/i18n/kiosk_es.ts`` (source, edited with Qt Linguist) and ``kiosk_es.qm`` (compiled by
``pyside6-lrelease``). Installing a translator sends ``QEvent.LanguageChange`` to every widget,
and each screen re-reads its strings in ``changeEvent``. The default QLocale follows the
language too: it is what the application reports to a screen reader (AT-SPI ``GetLocale``).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.resources import asset_path
from kiosk.ui import accessibility

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"


def catalogue_path(language: str) -> str:
    return str(asset_path(f"i18n/kiosk_{language}.qm"))


class UiLanguage:
    """Owns the one installed translator and swaps it when the patient picks a language."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translator: QTranslator | None = None
        self._language = SOURCE_LANGUAGE
        accessibility.set_language(SOURCE_LANGUAGE)

    @property
    def language(self) -> str:
        return self._language

    def set_language(self, language: str) -> None:
        if language == self._language:
            return
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator = None
        if language != SOURCE_LANGUAGE:
            translator = QTranslator(self._app)
            if translator.load(catalogue_path(language)):
                self._app.installTranslator(translator)
                self._translator = translator
            else:
                log.warning("no interface translation for %r; buttons stay in English", language)
        self._language = language
        # What a screen reader is told the screen's language is (its voice follows it).
        accessibility.set_language(language)
