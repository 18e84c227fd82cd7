"""The first start-up steps: settings and the data folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.boot.settings import load_settings, prepare_data_dir


def test_unusable_data_folder_falls_back_and_still_runs(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    chosen = prepare_data_dir(blocked)
    assert chosen != blocked
    assert (chosen / "logs").is_dir()


def test_lang_on_the_command_line_wins_and_problems_are_counted(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('default_language = "en"\n[idle]\ntimeout_seconds = "soon"\n', "utf-8")
    settings = load_settings(argparse.Namespace(config=config, lang="es"))
    assert settings.config.default_language == "es"
    assert settings.problems == 1
    assert settings.config.idle.timeout_seconds == 90
