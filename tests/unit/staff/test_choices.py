"""Staff choices: kept across a restart, and a bad file never stops the kiosk."""

from __future__ import annotations

import logging
import stat
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.config import DisplayConfig
from kiosk.session import TEXT_STEPS
from kiosk.staff.choices import (
    MAX_CHOICES_FILE_BYTES,
    StaffChoices,
    load_choices,
    save_choices,
)

GUARD_SECONDS = 5.0
"""Loose bound on reading a hostile file: a freeze fails, a busy machine does not."""

choices = st.builds(
    StaffChoices,
    text_step=st.none() | st.integers(1, TEXT_STEPS),
    high_contrast=st.none() | st.booleans(),
)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "staff-choices.json"


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=choices)
def test_saved_choices_load_back(chosen: StaffChoices, path: Path) -> None:
    save_choices(path, chosen)
    assert load_choices(path) == chosen


def test_the_file_is_private_and_written_in_one_step(path: Path) -> None:
    save_choices(path, StaffChoices(text_step=2))
    save_choices(path, StaffChoices(high_contrast=True))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [entry.name for entry in path.parent.iterdir()] == [path.name]
    assert load_choices(path) == StaffChoices(high_contrast=True)


def test_no_file_means_no_choices_quietly(path: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert load_choices(path) == StaffChoices()
    assert not caplog.records


def test_saving_where_it_cannot_be_written_raises(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with pytest.raises(OSError):
        save_choices(blocker / "staff-choices.json", StaffChoices(text_step=3))


@pytest.mark.parametrize("step", [0, TEXT_STEPS + 1, -1])
def test_a_text_step_out_of_range_cannot_be_made(step: int) -> None:
    with pytest.raises(ValueError, match="text_step"):
        StaffChoices(text_step=step)


def test_choices_override_the_settings_file() -> None:
    display = DisplayConfig(text_step=1, high_contrast=False, animations=False)
    assert StaffChoices().applied_to(display) == display
    assert StaffChoices(text_step=3).applied_to(display) == DisplayConfig(
        text_step=3, high_contrast=False, animations=False
    )
    assert StaffChoices(high_contrast=True).applied_to(display) == DisplayConfig(
        text_step=1, high_contrast=True, animations=False
    )
    assert StaffChoices(text_step=1, high_contrast=False).applied_to(
        DisplayConfig(text_step=2, high_contrast=True)
    ) == DisplayConfig(text_step=1, high_contrast=False)


DAMAGED = {
    "not JSON": b"{",
    "not UTF-8": b"\xff\xfe{}",
    "a list": b"[2, true]",
    "an unknown key": b'{"text_step": 2, "volume": 4}',
    "a step too large": b'{"text_step": 4}',
    "a step of zero": b'{"text_step": 0}',
    "a step as text": b'{"text_step": "2"}',
    "a step as a bool": b'{"text_step": true}',
    "a step as a float": b'{"text_step": 2.0}',
    "a huge step": b'{"text_step": 1' + b"0" * 4000 + b"}",
    "contrast as a number": b'{"high_contrast": 1}',
    "contrast as text": b'{"high_contrast": "yes"}',
    "deep nesting": b"[" * MAX_CHOICES_FILE_BYTES,
    "oversized": b'{"text_step": 2}' + b" " * MAX_CHOICES_FILE_BYTES,
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_file_gives_no_choices_and_one_warning(
    content: bytes, path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path.parent.mkdir()
    path.write_bytes(content)
    started = time.monotonic()
    assert load_choices(path) == StaffChoices()
    assert time.monotonic() - started < GUARD_SECONDS
    assert [record.levelno for record in caplog.records] == [logging.WARNING]


def test_a_huge_file_is_not_read_whole(path: Path) -> None:
    path.parent.mkdir()
    with path.open("wb") as handle:
        handle.truncate(4 * 1024**3)  # 4 GB of holes: reading it whole would take minutes
    started = time.monotonic()
    assert load_choices(path) == StaffChoices()
    assert time.monotonic() - started < GUARD_SECONDS


def test_an_unreadable_file_gives_no_choices(path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path.mkdir(parents=True)  # a folder where the file belongs
    assert load_choices(path) == StaffChoices()
    assert [record.levelno for record in caplog.records] == [logging.WARNING]


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_file_content_never_raises(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "staff-choices.json"
    path.write_bytes(content)
    loaded = load_choices(path)
    assert loaded.text_step is None or 1 <= loaded.text_step <= TEXT_STEPS
    assert loaded.high_contrast in (None, True, False)
