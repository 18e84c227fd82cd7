"""``kiosk staff pin``: the PIN asked twice or read from stdin, the [staff] lines printed."""

from __future__ import annotations

import getpass
import io
import time
from collections.abc import Iterator

import pytest

from kiosk import cli
from kiosk.config import config_from_text
from kiosk.exit_codes import ExitCode
from kiosk.staff.pin import PIN_MAX_DIGITS, verify_pin

PIN = "4826"
GUARD_SECONDS = 5.0
"""Loose bound on refusing a hostile stdin: a freeze fails, a busy machine does not."""


def typed(monkeypatch: pytest.MonkeyPatch, *answers: str | None) -> list[str]:
    """Make getpass answer ``answers`` in turn (None: end of input); returns its prompts."""
    prompts: list[str] = []
    queue: Iterator[str | None] = iter(answers)

    def fake_getpass(prompt: str = "Password: ", stream: object = None) -> str:
        prompts.append(prompt)
        answer = next(queue)
        if answer is None:
            raise EOFError
        return answer

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    return prompts


def with_stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def printed_hash(out: str) -> str:
    return config_from_text(out).config.staff.pin_hash


def test_the_pin_typed_twice_gives_lines_for_kiosk_toml(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prompts = typed(monkeypatch, PIN, PIN)
    assert cli.main(["staff", "pin"]) == ExitCode.OK
    out, err = capsys.readouterr()
    assert len(prompts) == 2
    assert out.splitlines()[0] == "[staff]"
    assert out.splitlines()[1].startswith('pin_hash = "scrypt$')
    assert len(out.splitlines()) == 2
    result = config_from_text(out)
    assert result.problems == ()
    assert verify_pin(PIN, result.config.staff.pin_hash)
    assert "kiosk.toml" in err
    assert PIN not in out and PIN not in err


def test_two_different_pins_print_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed(monkeypatch, PIN, "4862")
    assert cli.main(["staff", "pin"]) == ExitCode.FAILED
    out, err = capsys.readouterr()
    assert out == ""
    assert "not the same" in err and PIN not in err


def test_no_pin_typed_prints_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed(monkeypatch, None)
    assert cli.main(["staff", "pin"]) == ExitCode.FAILED
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("pin", ["1234", "1111", "482", "48a6", "", "4" + "8" * PIN_MAX_DIGITS])
def test_a_refused_pin_says_why_and_prints_nothing(
    pin: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed(monkeypatch, pin, pin)
    assert cli.main(["staff", "pin"]) == ExitCode.FAILED
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("The PIN must")


@pytest.mark.parametrize("ending", ["\n", "\r\n", ""])
def test_stdin_gives_the_same_lines(
    ending: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with_stdin(monkeypatch, f"{PIN}{ending}ignored second line\n" if ending else PIN)
    assert cli.main(["staff", "pin", "--stdin"]) == ExitCode.OK
    assert verify_pin(PIN, printed_hash(capsys.readouterr().out))


def test_a_refused_pin_on_stdin_prints_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with_stdin(monkeypatch, "9876\n")
    assert cli.main(["staff", "pin", "--stdin"]) == ExitCode.FAILED
    out, err = capsys.readouterr()
    assert out == "" and "in a row" in err


def test_a_huge_stdin_is_refused_without_reading_it_all(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with_stdin(monkeypatch, "48" * 5_000_000)
    started = time.monotonic()
    assert cli.main(["staff", "pin", "--stdin"]) == ExitCode.FAILED
    assert time.monotonic() - started < GUARD_SECONDS
    assert capsys.readouterr().out == ""


def test_the_pin_action_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["staff"])
    assert exit_info.value.code == ExitCode.USAGE
    assert "ACTION" in capsys.readouterr().err
