"""``kiosk config defaults`` and ``kiosk config check FILE``, as IT would use them."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.config import Config, ConfigResult, defaults_toml, load_config
from kiosk.config_delivery import delivery_warnings
from tests.unit.test_cli import run_kiosk


def _without_warnings(out: str) -> list[str]:
    return [line for line in out.splitlines() if not line.startswith("warning: ")]


@pytest.mark.parametrize("action", ["defaults", "check"])
def test_config_commands_have_help(action: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["config", action, "--help"])
    assert exit_info.value.code == 0
    assert f"usage: kiosk config {action}" in capsys.readouterr().out


def test_config_needs_an_action(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["config"])
    assert exit_info.value.code == 2
    assert "usage: kiosk config" in capsys.readouterr().err


def test_defaults_prints_the_commented_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["config", "defaults"]) == 0
    text = capsys.readouterr().out
    assert text == defaults_toml()
    tomllib.loads(text)
    saved = tmp_path / "kiosk.toml"
    saved.write_text(text, encoding="utf-8")
    assert load_config(saved) == ConfigResult(Config(), (), saved)
    assert cli.main(["config", "check", str(saved)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == f"{saved}: no problems"
    assert lines[:-1] == [delivery_warnings(Config().delivery)[0]]
    assert "folder_recipient is empty" in lines[0] and "kiosk inbox new-key" in lines[0]


@pytest.mark.parametrize(
    ("delivery", "warned"),
    [
        ("folder_plain = true", "readable files"),
        ('folder_recipient = "age1' + "q" * 58 + '"', ""),
        ('channels = ["webhook"]\nwebhook_url = "https://clinic.example/in"', ""),
    ],
)
def test_check_warns_about_readable_or_unsealed_drop_files_without_failing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], delivery: str, warned: str
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(f"[delivery]\n{delivery}\n", encoding="utf-8")
    assert cli.main(["config", "check", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == f"{path}: no problems"
    warnings = [line for line in lines if line.startswith("warning: ")]
    assert (warned in warnings[0]) if warned else warnings == []


def test_check_lists_every_problem_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        "[idle]\ntimeout_seconds = 'soon'\n[kiosk]\ndaily_restart = \"25:00\"\ncolour = 1\n",
        encoding="utf-8",
    )
    assert cli.main(["config", "check", str(path)]) == 1
    lines = _without_warnings(capsys.readouterr().out)
    expected = [str(problem) for problem in load_config(path).problems]
    assert len(expected) == 3
    assert lines[:3] == expected
    assert lines[0].startswith('idle.timeout_seconds = "soon": must be a whole number')
    assert lines[1].startswith('kiosk.daily_restart = "25:00": must be empty or a 24-hour time')
    assert lines[2].startswith("kiosk.colour = 1: unknown setting")
    assert lines[3] == f"{path}: 3 problems; the kiosk would use the default for each bad value"


def test_check_reports_the_old_15_second_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file written for the old default (15 s) is named, and the kiosk would use 20 s."""
    path = tmp_path / "kiosk.toml"
    path.write_text("[idle]\nwarning_seconds = 15\n", encoding="utf-8")
    assert cli.main(["config", "check", str(path)]) == 1
    assert _without_warnings(capsys.readouterr().out) == [
        "idle.warning_seconds = 15: must be between 20 and 120; using 20",
        f"{path}: 1 problem; the kiosk would use the default for each bad value",
    ]
    assert load_config(path).config.idle.warning_seconds == 20


def test_check_a_missing_or_broken_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.toml"
    assert cli.main(["config", "check", str(missing)]) == 1
    assert "was not found" in capsys.readouterr().out
    broken = tmp_path / "broken.toml"
    broken.write_text("[display\n", encoding="utf-8")
    assert cli.main(["config", "check", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "not valid TOML" in out and "1 problem;" in out


def test_config_commands_in_a_real_process(tmp_path: Path) -> None:
    result = run_kiosk("config", "defaults", timeout=60)
    assert result.returncode == 0 and result.stdout == defaults_toml()
    path = tmp_path / "kiosk.toml"
    path.write_text("[monitoring]\nstatus_interval_seconds = 1\n", encoding="utf-8")
    result = run_kiosk("config", "check", str(path), timeout=60)
    assert result.returncode == 1
    assert result.stdout.startswith("monitoring.status_interval_seconds = 1: must be")


def test_check_names_a_bad_channel_setting_and_hides_credentials(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        '[delivery]\nchannels = ["folder", "webhook"]\n'
        'webhook_url = "https://kiosk:hunter2-x@intake.example/visits"\n',
        encoding="utf-8",
    )
    assert cli.main(["config", "check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "hunter2-x" not in out
    assert out.splitlines()[0].startswith(
        'delivery.webhook_url = "https://***@intake.example/visits": must not hold a user name'
    )
    assert out.splitlines()[0].endswith("; the webhook channel is not used")
