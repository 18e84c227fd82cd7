"""Private files and no core dumps: checked in child processes (they change process state)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

CHILD_SETUP = """
import os, resource, sys
try:
    resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
except (ValueError, OSError):
    pass
"""

posix_only = pytest.mark.skipif(os.name != "posix", reason="umask and core files are POSIX")


def _child(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_ALLOW_CORE_DUMPS"}
    return subprocess.run(
        [sys.executable, "-c", CHILD_SETUP + code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@posix_only
def test_files_and_folders_the_kiosk_creates_are_private(tmp_path: Path) -> None:
    code = """
from kiosk.boot.hardening import harden_process
harden_process({})
open("written.txt", "w").write("x")
os.mkdir("made")
"""
    os.umask(old := os.umask(0o022))  # the test runner's own umask stays as it was
    result = _child(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE((tmp_path / "written.txt").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "made").stat().st_mode) == 0o700
    assert old == os.umask(old)


@posix_only
def test_hardened_process_reports_no_core_dumps(tmp_path: Path) -> None:
    code = """
from kiosk.boot.hardening import core_dumps_disabled, harden_process
before = core_dumps_disabled()
done = harden_process({})
print(before, done.core_dumps_off, core_dumps_disabled())
"""
    result = _child(code, tmp_path)
    assert result.stdout.split() == ["False", "True", "True"], result.stderr


@posix_only
def test_a_crash_with_patient_data_in_memory_writes_no_core_file(tmp_path: Path) -> None:
    secret = "Zebulon Quarternight 312-555-0199"
    crash = f"\nheld = {secret!r} * 1000\nos.abort()\n"
    control = tmp_path / "control"
    control.mkdir()
    unprotected = _child(crash, control)
    assert unprotected.returncode == -signal.SIGABRT
    if not any(path.name.startswith("core") for path in control.iterdir()):
        pytest.skip("this machine writes no core files to the working folder (core_pattern)")
    hardened = tmp_path / "hardened"
    hardened.mkdir()
    harden = "from kiosk.boot.hardening import harden_process\nharden_process({})"
    result = _child(harden + crash, hardened)
    assert result.returncode == -signal.SIGABRT
    assert list(hardened.iterdir()) == []


@posix_only
def test_core_dumps_can_be_allowed_for_debugging_only_by_name(tmp_path: Path) -> None:
    from kiosk.boot.hardening import ALLOW_CORE_DUMPS_VAR

    code = f"""
from kiosk.boot.hardening import harden_process
print(harden_process({{"{ALLOW_CORE_DUMPS_VAR}": "1"}}).core_dumps_off)
print(harden_process({{"{ALLOW_CORE_DUMPS_VAR}": "yes"}}).core_dumps_off)
"""
    result = _child(code, tmp_path)
    assert result.stdout.split() == ["False", "True"], result.stderr
