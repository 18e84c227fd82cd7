"""What staff set in the panel that outlives a restart: the look every visit starts with.

Staff choose the text step and high contrast that each visit starts at; a choice overrides the
settings file's ``display.text_step`` / ``display.high_contrast`` (:meth:`StaffChoices.applied_to`)
and None leaves the settings file in charge. They are kept in ``<data_dir>/staff-choices.json``
(0600, written atomically), e.g. ``{"text_step": 2, "high_contrast": null}``.

Decisions: loading never raises, since the kiosk must start whatever the file holds. A file
that is missing gives no choices quietly; a damaged, oversized or hostile one gives no choices
and a warning (the whole file is dropped: half a choice read from a damaged file is a guess).
Saving raises OSError so the panel can say the choice was not kept.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import DisplayConfig
from kiosk.health import write_atomically
from kiosk.session import TEXT_STEPS

log = logging.getLogger(__name__)

MAX_CHOICES_FILE_BYTES = 4096
"""The file is under 100 bytes; a bigger one is not ours and is not read further."""
FOLDER_MODE = 0o700
"""The file's folder, if saving has to create it, is private to the kiosk's account."""
_KEYS = frozenset({"text_step", "high_contrast"})


@dataclass(frozen=True, slots=True)
class StaffChoices:
    """The look staff chose; None for each part the settings file decides."""

    text_step: int | None = None
    """1 (normal) to :data:`kiosk.session.TEXT_STEPS`."""
    high_contrast: bool | None = None

    def __post_init__(self) -> None:
        if self.text_step is not None and not 1 <= self.text_step <= TEXT_STEPS:
            raise ValueError(f"text_step must be 1 to {TEXT_STEPS}")

    def applied_to(self, display: DisplayConfig) -> DisplayConfig:
        """``display`` with each choice made here in place of the settings file's."""
        text_step = display.text_step if self.text_step is None else self.text_step
        contrast = display.high_contrast if self.high_contrast is None else self.high_contrast
        return dataclasses.replace(display, text_step=text_step, high_contrast=contrast)


def load_choices(path: Path) -> StaffChoices:
    """The choices kept in ``path``; none when it is missing or unusable (then logged)."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_CHOICES_FILE_BYTES + 1)
    except FileNotFoundError:
        return StaffChoices()
    except OSError as error:
        log.warning(
            "staff choices file %s cannot be read (%s); using the settings file",
            path,
            error.strerror or error,
        )
        return StaffChoices()
    choices = _parse(raw)
    if choices is None:
        log.warning("staff choices file %s is damaged; using the settings file", path)
        return StaffChoices()
    return choices


def save_choices(path: Path, choices: StaffChoices) -> None:
    """Keep ``choices`` in ``path`` (0600, atomically; the folder is made 0700). Raises OSError."""
    path.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    document = {"text_step": choices.text_step, "high_contrast": choices.high_contrast}
    write_atomically(path, json.dumps(document) + "\n")


def _parse(raw: bytes) -> StaffChoices | None:
    """The choices in ``raw``, or None when it is not exactly what :func:`save_choices` writes."""
    if len(raw) > MAX_CHOICES_FILE_BYTES:
        return None
    try:
        document = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return None
    if not isinstance(document, dict) or not set(document) <= _KEYS:
        return None
    text_step, contrast = document.get("text_step"), document.get("high_contrast")
    if text_step is not None and (type(text_step) is not int or not 1 <= text_step <= TEXT_STEPS):
        return None
    if contrast is not None and type(contrast) is not bool:
        return None
    return StaffChoices(text_step=text_step, high_contrast=contrast)
