"""Test configuration shared by every test.

Qt runs on the offscreen platform (no display needed), and no test touches the real machine's
settings or data folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# One virtual screen large enough for the 1920x1080 and 1080x1920 windows the tests open (plus
# the offscreen frame margins): on Qt's default 800x800 screen a touch on the lower part of a
# window lies outside every screen, and Qt's gesture manager cannot find the flick's target.
OFFSCREEN_CONFIG = Path(__file__).with_name("offscreen.json")
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={OFFSCREEN_CONFIG}"
os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "0")


@pytest.fixture(autouse=True)
def _isolated_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local-app-data"))
    yield
