"""The first start-up steps: settings and the data folder."""

from __future__ import annotations

import argparse
import os
import stat
import tempfile
from pathlib import Path

import pytest

from kiosk.boot.settings import load_settings, prepare_data_dir

posix_only = pytest.mark.skipif(os.name != "posix", reason="owner and mode checks are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_usable_data_folder_is_used_and_made_private(tmp_path: Path) -> None:
    chosen = prepare_data_dir(tmp_path / "data", {"XDG_DATA_HOME": str(tmp_path / "xdg")})
    assert chosen.path == tmp_path / "data" and chosen.problem == ""
    assert (chosen.path / "logs").is_dir()
    if os.name == "posix":
        assert _mode(chosen.path) == 0o700


@posix_only
def test_an_existing_data_folder_open_to_others_is_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    assert prepare_data_dir(folder, {}).path == folder
    assert _mode(folder) == 0o700


def test_unusable_data_folder_falls_back_to_the_private_per_user_folder(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    chosen = prepare_data_dir(blocked, {"XDG_DATA_HOME": str(tmp_path / "xdg")})
    assert chosen.path == tmp_path / "xdg" / "hip-kiosk"
    assert (chosen.path / "logs").is_dir()
    assert str(blocked) in chosen.problem and "it is a file, not a folder" in chosen.problem
    assert str(chosen.path) in chosen.problem
    if os.name == "posix":
        assert _mode(chosen.path) == 0o700


@posix_only
def test_a_fallback_owned_by_another_account_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a folder owned by another account needs root")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    blocked = tmp_path / "blocked"
    blocked.write_text("x", encoding="utf-8")
    for taken in (tmp_path / "xdg" / "hip-kiosk", tmp_path / "tmp" / f"hip-kiosk-{os.getuid()}"):
        taken.mkdir(parents=True, mode=0o777)
        os.chown(taken, 65534, 65534)  # nobody: another user made it first
    chosen = prepare_data_dir(blocked, {"XDG_DATA_HOME": str(tmp_path / "xdg")})
    assert chosen.path.parent == tmp_path / "tmp"
    assert chosen.path.name.startswith("hip-kiosk-") and chosen.path.stat().st_uid == 0
    assert _mode(chosen.path) == 0o700
    assert "temporary folder" in chosen.problem


def test_lang_on_the_command_line_wins_and_problems_are_counted(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('default_language = "en"\n[idle]\ntimeout_seconds = "soon"\n', "utf-8")
    settings = load_settings(argparse.Namespace(config=config, lang="es"))
    assert settings.config.default_language == "es"
    assert settings.problems == 1
    assert settings.config.idle.timeout_seconds == 90
