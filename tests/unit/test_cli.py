"""The command line as staff and IT use it: real processes, real exit codes."""

from __future__ import annotations

import importlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.boot.crashsignal import FATAL_SCREEN_MS
from kiosk.config import load_config
from kiosk.content.validate import SETTINGS_UNUSABLE
from kiosk.exit_codes import ExitCode
from kiosk.staff.pin import verify_pin
from tests.helpers import write_content
from tests.paths import REPO


def run_kiosk(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=REPO,
    )


def test_no_command_means_run() -> None:
    assert cli.parse_args([]).command == "run"
    args = cli.parse_args(["--windowed", "--lang", "es"])
    assert (args.command, args.windowed, args.lang) == ("run", True, "es")


def test_every_command_in_the_table_resolves_to_a_function() -> None:
    for name, command in cli.COMMANDS.items():
        module, function = command.handler.split(":")
        assert module in cli.command_modules(), name
        assert callable(getattr(importlib.import_module(module), function)), name


@pytest.mark.parametrize(
    "command", ["run", "validate", "preview", "self-test", "outbox", "config", "inbox"]
)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: kiosk" in capsys.readouterr().out


@pytest.mark.parametrize("action", ["list", "show", "export", "done", "new-key", "public-key"])
def test_every_inbox_action_has_help(action: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["inbox", action, "--help"])
    assert exit_info.value.code == 0
    assert f"usage: kiosk inbox {action}" in capsys.readouterr().out


def test_the_command_line_loads_no_cryptography_until_a_command_needs_it() -> None:
    probe = "import sys; from kiosk import cli; cli.build_parser(); print('pyrage' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert result.stdout.strip() == "False", result.stderr


def test_inbox_from_key_pair_to_handled(tmp_path: Path) -> None:
    from kiosk.visit.drop import FolderChannel
    from tests.unit.visit.samples import make_request

    key, folder = tmp_path / "clinic.key", tmp_path / "drop"
    made = run_kiosk("inbox", "new-key", "--out", str(key), timeout=60)
    assert made.returncode == ExitCode.OK, made.stderr
    public = made.stdout.strip().splitlines()[-1].split('"')[1]
    request = make_request(1)
    FolderChannel(folder, recipient=public).deliver(request)
    where = ("--key", str(key), "--folder", str(folder))
    listed = run_kiosk("inbox", *where, timeout=60)
    assert listed.returncode == ExitCode.OK, listed.stderr
    assert request.reference in listed.stdout and request.name in listed.stdout
    done = run_kiosk("inbox", "done", request.reference, *where, timeout=60)
    assert done.returncode == ExitCode.OK and "marked handled" in done.stdout
    assert "No new visit requests" in run_kiosk("inbox", *where, timeout=60).stdout
    keyless = run_kiosk("inbox", "--folder", str(folder), timeout=60)
    assert keyless.returncode == ExitCode.FAILED
    assert "No key given" in keyless.stderr and "Traceback" not in keyless.stderr
    bad = run_kiosk("inbox", "show", *where, timeout=60)  # REF missing
    assert bad.returncode == ExitCode.USAGE


def test_validate_bundled_content_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(REPO / "content")]) == 0
    out = capsys.readouterr().out
    assert "0 errors" in out


def test_validate_reports_path_line_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_content(tmp_path / "content")
    page = root / "en" / "02-second.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("icon: mdi6.walk", "icon: mdi6.no-such-icon"),
        encoding="utf-8",
    )
    assert cli.main(["validate", str(root)]) == 1
    lines = capsys.readouterr().out.splitlines()
    problem = next(line for line in lines if ": error: " in line)
    assert problem.startswith(f"{Path('en', '02-second.md')}:3: error: ")  # the icon line


def test_self_test_passes_on_bundled_content() -> None:
    result = run_kiosk("self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("self-test ok: 2 languages, 16 pages visited")


def test_self_test_fails_when_nothing_can_be_shown(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    result = run_kiosk("self-test", "--content", str(tmp_path))
    assert result.returncode == 1
    assert "self-test FAILED" in result.stdout
    assert "Traceback" not in result.stderr


def test_self_test_fails_on_a_broken_page_but_visits_the_rest(tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    (root / "es" / "02-second.md").write_text("no front matter\n", encoding="utf-8")
    result = run_kiosk("self-test", "--content", str(root))
    assert result.returncode == 1
    # only the broken page is left out: the Spanish page linking to it shows, without the link
    assert "5 pages visited, 1 content errors" in result.stdout


def test_second_instance_refuses_to_start(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    first = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run", "--windowed", "--data-dir", str(tmp_path)],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / "kiosk.lock").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        second = run_kiosk("run", "--windowed", "--data-dir", str(tmp_path), timeout=60)
        assert second.returncode == ExitCode.ALREADY_RUNNING
        assert "already running" in second.stderr
    finally:
        first.kill()
        first.wait(timeout=30)


def test_bad_config_never_stops_the_kiosk(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("[idle]\ntimeout_seconds = 'soon'\n", encoding="utf-8")
    result = run_kiosk("self-test", "--config", str(config))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "idle.timeout_seconds" in result.stderr  # named for IT, with the rule
    broken = tmp_path / "broken.toml"
    broken.write_text("[display\n", encoding="utf-8")
    result = run_kiosk("self-test", "--config", str(broken))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "not valid TOML" in result.stderr


CRASHING_KIOSK = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from kiosk import app, cli
from kiosk.ui.fatal_error import FatalErrorScreen

shown = app.KioskApp.show

def report_screen():
    screens = [w for w in QApplication.topLevelWidgets() if isinstance(w, FatalErrorScreen)]
    visible = [w for w in screens if w.isVisible() and w.isFullScreen()]
    print("restart screen visible:", len(visible), visible[0].headline.text(), flush=True)

def show_then_fail(self):
    shown(self)
    QTimer.singleShot(100, lambda: 1 / 0)
    QTimer.singleShot(300, lambda: [][1])  # a second error while the screen shows
    QTimer.singleShot(1000, report_screen)

app.KioskApp.show = show_then_fail
sys.exit(cli.main(["run", "--windowed", "--data-dir", sys.argv[1]]))
"""


def test_unhandled_error_is_logged_and_exits_for_a_restart(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", CRASHING_KIOSK, str(tmp_path)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == ExitCode.INTERNAL_ERROR
    log_text = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "unexpected internal error" in log_text
    assert "ZeroDivisionError" in log_text
    # the calm screen covered the kiosk for about 3 s before the exit
    assert "showing the 'screen is restarting' notice for 3.0 s" in log_text
    assert "restart screen visible: 1 This screen is restarting, please wait" in result.stdout
    assert time.monotonic() - started >= FATAL_SCREEN_MS / 1000
    # a second error while it shows is logged, and does not postpone the exit
    assert "another internal error while restarting" in log_text
    assert "IndexError" in log_text


def test_sigterm_stops_the_kiosk_cleanly(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run", "--windowed", "--data-dir", str(tmp_path)],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    log = tmp_path / "logs" / "kiosk.log"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (
        not log.exists() or "started" not in log.read_text(encoding="utf-8")
    ):
        time.sleep(0.1)
    kiosk.send_signal(signal.SIGTERM)
    assert kiosk.wait(timeout=30) == ExitCode.OK
    assert "shutting down" in log.read_text(encoding="utf-8")


def test_validate_without_a_folder_checks_the_configured_one(tmp_path: Path) -> None:
    root = write_content(tmp_path / "clinic")
    settings = tmp_path / "kiosk.toml"
    settings.write_text(f'content_dir = "{root}"\n', encoding="utf-8")
    result = run_kiosk("validate", "--config", str(settings), timeout=60)
    assert result.returncode == ExitCode.OK, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Checking {root} (content_dir in {settings})"
    assert lines[-1] == "content: 2 languages, 6 pages shown, 0 errors, 0 warnings"


def test_validate_refuses_a_settings_file_it_cannot_read(tmp_path: Path) -> None:
    broken = tmp_path / "kiosk.toml"
    broken.write_text("content_dir = [\n", encoding="utf-8")
    result = run_kiosk("validate", "--config", str(broken), timeout=60)
    assert result.returncode == SETTINGS_UNUSABLE
    assert result.stdout == ""  # no report of some other folder
    assert "is not valid TOML" in result.stderr
    assert f"kiosk config check {broken}" in result.stderr
    assert "Traceback" not in result.stderr


def _not_utf8_names(root: Path) -> None:
    """A valid deck plus names Linux allows and UTF-8 does not: a page, a picture, a language
    folder and a page inside it (bytes as ``os.fsencode`` gives them)."""
    write_content(root)
    base = os.fsencode(root)
    (Path(os.fsdecode(base + b"/en/04-caf\xe9.md"))).write_text("x", encoding="utf-8")
    (Path(os.fsdecode(base + b"/images/pic\xff.svg"))).write_text("x", encoding="utf-8")
    language = Path(os.fsdecode(base + b"/\xfe\xfe"))
    language.mkdir()
    (language / "01-first.md").write_text("x", encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="Windows names are UTF-16, never bytes")
@pytest.mark.parametrize("encoding", ["utf-8:strict", "ascii:strict"])
def test_validate_shows_names_that_are_not_utf8_escaped(tmp_path: Path, encoding: str) -> None:
    root = tmp_path / "content"
    _not_utf8_names(root)
    env = {**os.environ, "PYTHONIOENCODING": encoding, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", str(root)],
        capture_output=True,
        timeout=60,
        env=env,
        cwd=tmp_path,
    )
    assert time.perf_counter() - started < 30  # a generous guard: it takes about 1 s
    codec = encoding.split(":")[0]  # what was written is valid in the terminal's encoding
    out, err = result.stdout.decode(codec), result.stderr.decode(codec)
    assert result.returncode == ExitCode.OK, out + err  # only warnings: nothing is left out
    assert "Traceback" not in err
    assert "content/en/04-caf\\xe9.md:1: warning: ignored" in out
    assert "content/\\xfe\\xfe:1: warning: ignored" in out
    assert out.splitlines()[-1] == "content: 2 languages, 6 pages shown, 0 errors, 2 warnings"


def test_staff_pin_from_stdin_to_a_working_settings_file(tmp_path: Path) -> None:
    pin = "4826"
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "staff", "pin", "--stdin"],
        input=f"{pin}\n",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert result.returncode == ExitCode.OK, result.stderr
    assert "kiosk.toml" in result.stderr
    assert pin not in result.stdout + result.stderr
    settings = tmp_path / "kiosk.toml"
    settings.write_text(result.stdout, encoding="utf-8")
    loaded = load_config(settings)
    assert loaded.problems == ()
    assert verify_pin(pin, loaded.config.staff.pin_hash)
    assert not verify_pin("4827", loaded.config.staff.pin_hash)
    check = run_kiosk("config", "check", str(settings))
    assert check.returncode == ExitCode.OK, check.stdout


def test_staff_pin_refuses_a_weak_pin_from_stdin() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "staff", "pin", "--stdin"],
        input="1234\n",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert result.returncode == ExitCode.FAILED
    assert result.stdout == ""
    assert "in a row" in result.stderr


def test_staff_pin_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["staff", "pin", "--help"])
    assert exit_info.value.code == 0
    assert "usage: kiosk staff pin" in capsys.readouterr().out


def test_usage_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["usage", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "usage: kiosk usage" in out and "--csv" in out
