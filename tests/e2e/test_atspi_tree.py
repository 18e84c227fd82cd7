"""The kiosk as Orca sees it over AT-SPI: the real kiosk under Xvfb in a D-Bus session with
at-spi2-core's accessibility bus, driven by AT-SPI actions (as a screen reader user activates
things) and walked by ``tests/atspi_walk.py`` with the system python's pyatspi, on the attract
screen, the menu, a page with links, and that page in Spanish.

Skipped only where the tools are missing (CI installs xvfb, dbus, dbus-x11, at-spi2-core and
python3-pyatspi)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.content.model import Page
from kiosk.content.source import load_content
from tests.paths import BUNDLED_CONTENT, REPO
from tests.xserver import xvfb

SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
LAUNCH = """
import sys
import kiosk.app
from kiosk.ui import accessibility
from kiosk.cli import main

build = kiosk.app.KioskApp.__init__
def installing(self, *args, **kwargs):
    accessibility.install()
    build(self, *args, **kwargs)
kiosk.app.KioskApp.__init__ = installing
sys.exit(main(sys.argv[1:]))
"""
"""``python -m kiosk`` with the accessibility factory installed as the kiosk starts (once the
QApplication exists): harmless once kiosk.app installs it itself (a second install does
nothing)."""
INTERACTIVE = {"push button", "check box", "radio button", "link", "entry", "toggle button"}


def _has_pyatspi() -> bool:
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        return False
    found = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False, timeout=30
    )
    return found.returncode == 0


pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not (
            shutil.which("Xvfb")
            and shutil.which("dbus-run-session")
            and any(os.path.exists(path) for path in BUS_LAUNCHERS)
            and _has_pyatspi()
        ),
        reason="needs Xvfb, dbus-run-session, at-spi2-core and the system python's pyatspi",
    ),
]


@pytest.fixture
def x_display() -> Iterator[str]:
    with xvfb(1920, 1080) as display:
        yield display


def _pages(language: str) -> tuple[Page, ...]:
    deck = load_content(BUNDLED_CONTENT).deck(language)
    assert deck is not None
    return deck.pages


def _walk(
    display: str, data: Path, steps: list[dict[str, str]], tmp: Path, settings: str = ""
) -> list[Any]:
    script = tmp / "steps.json"
    script.write_text(json.dumps(steps), encoding="utf-8")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DBUS_", "AT_SPI", "QT_"))
    }
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    kiosk = [sys.executable, "-c", LAUNCH, "run", "--windowed", "--data-dir", str(data)]
    if settings:
        config = tmp / "kiosk.toml"
        config.write_text(settings, encoding="utf-8")
        kiosk += ["--config", str(config)]
    out = tmp / "walks.json"
    walker = [SYSTEM_PYTHON, str(REPO / "tests" / "atspi_walk.py"), "--steps", str(script)]
    walker += ["--out", str(out)]
    done = subprocess.run(
        ["dbus-run-session", "--", *walker, "--", *kiosk],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    steps_done: list[Any] = json.loads(out.read_text(encoding="utf-8"))["steps"]
    return steps_done


def _check_everything_is_told(label: str, nodes: list[dict[str, Any]]) -> None:
    assert not [n for n in nodes if "error" in n], label
    for node in nodes:
        where = f"{label}: {node['role']} {node['name']!r}"
        editable = node["role"] == "text" and "editable" in node["states"]
        if node["role"] in INTERACTIVE or editable:
            assert node["name"].strip(), f"unnamed control ({where})"
            assert node["actions"], f"a control without an action ({where})"
        if node["role"] == "image":
            assert node["name"].strip(), f"an image without words ({where}) {node}"
        if "focusable" in node["states"]:
            assert node["role"] not in ("filler", "panel", "unknown"), f"focusable {where}"
            assert node["name"].strip(), f"focusable and unnamed ({where})"


def test_orca_sees_named_controls_images_links_and_the_language(
    x_display: str, tmp_path: Path
) -> None:
    english, spanish = _pages("en"), _pages("es")
    linked = next(page for page in english if "](page:" in page.body_markdown)
    number = english.index(linked) + 1
    en_spanish = next(page for page in spanish if page.slug == linked.slug)
    steps = [
        {"label": "attract", "wait_for": "Touch to start"},
        {
            "label": "menu",
            "press": "Touch to start",
            "wait_for": f"1. {english[0].title}",
        },
        {"label": "page", "press": f"{number}. {linked.title}", "wait_for": linked.alt},
        {
            "label": "page-es",
            "press": "Change language to Español",
            "wait_for": en_spanish.alt,
        },
    ]
    attract, menu, page, page_es = _walk(x_display, tmp_path / "data", steps, tmp_path)
    for step in (attract, menu, page, page_es):
        _check_everything_is_told(step["label"], step["nodes"])

    assert attract["locale"].startswith("en")
    start = [n for n in attract["nodes"] if n["name"] == "Touch to start"]
    assert start and start[0]["role"] == "push button" and "Press" in start[0]["actions"]
    assert any(n["role"] == "image" and n["name"] for n in attract["nodes"])
    assert not [n for n in attract["nodes"] if n["role"] == "filler" and "focusable" in n["states"]]

    tiles = {n["name"]: n for n in menu["nodes"] if n["role"] == "push button"}
    for index, shown in enumerate(english, start=1):
        tile = tiles.get(f"{index}. {shown.title}")
        if tile is None:
            continue  # scrolled out of view: not showing
        assert "Press" in tile["actions"] and tile["description"] == shown.summary
    assert f"1. {english[0].title}" in tiles
    assert not [n for n in menu["nodes"] if n["role"] == "image"]  # the icons are decoration

    for step, shown in ((page, linked), (page_es, en_spanish)):
        images = [n for n in step["nodes"] if n["role"] == "image"]
        assert [n["name"] for n in images] == [shown.alt], step["label"]
        links = [n for n in step["nodes"] if n["role"] == "link"]
        assert links, f"no links on {step['label']}"
        assert all(n["name"] and "Press" in n["actions"] for n in links)
        texts = [n for n in step["nodes"] if n["name"] == shown.title and n["text"]]
        assert texts, "the page's text is readable through the text interface"
    assert page["locale"].startswith("en")
    assert page_es["locale"] == "es_ES"


def test_orca_hears_the_forms_questions_choices_and_errors(x_display: str, tmp_path: Path) -> None:
    steps = [
        {"label": "menu", "press": "Touch to start", "wait_for": "Request a visit"},
        {"label": "form", "press": "Request a visit", "wait_for": "Send request"},
        {"label": "errors", "press": "Send request", "wait_for": "Please choose one."},
    ]
    _, form, errors = _walk(x_display, tmp_path / "data", steps, tmp_path)
    for step in (form, errors):
        _check_everything_is_told(step["label"], step["nodes"])
    nodes = form["nodes"]
    fields = {n["name"]: n for n in nodes if n["role"] == "text" and "editable" in n["states"]}
    assert {"Your name", "Phone number"} <= set(fields)
    groups = [i for i, n in enumerate(nodes) if n["name"] == "How long has it hurt?"]
    group = next(nodes[i] for i in groups if nodes[i]["role"] != "label")
    inside = nodes[nodes.index(group) + 1 :]
    choices = [n for n in inside if n["depth"] == group["depth"] + 1]
    assert group["role"] == "panel" and [n["role"] for n in choices] == ["radio button"] * 3
    assert all("Press" in n["actions"] and "checkable" in n["states"] for n in choices)

    nodes = errors["nodes"]
    shown_words = {n["name"] for n in nodes if n["role"] == "label"}
    told = {n["name"]: n["description"] for n in nodes if n["description"]}
    for name in ("Your name", "Phone number", "How long has it hurt?", "Best time to call you"):
        assert told.get(name), f"{name!r} does not say what is wrong"
        assert told[name] in shown_words  # the words shown under the field
    consent = next(n for n in nodes if n["role"] == "check box" and n["name"].startswith("Yes"))
    assert consent["description"] in shown_words
    email = next(n for n in nodes if n["name"].startswith("Email") and n["role"] == "text")
    assert email["description"] == ""  # optional, and nothing wrong with it


def test_orca_is_alerted_by_the_idle_card(x_display: str, tmp_path: Path) -> None:
    steps = [
        {"label": "menu", "press": "Touch to start", "wait_for": "Request a visit"},
        {"label": "idle", "wait_for": "Are you still there?"},  # the attract screen never asks
    ]
    settings = "[idle]\ntimeout_seconds = 10\nwarning_seconds = 60\n"
    _, idle = _walk(x_display, tmp_path / "data", steps, tmp_path, settings)
    _check_everything_is_told("idle", idle["nodes"])
    card = [n for n in idle["nodes"] if n["role"] == "alert"]
    assert [n["name"] for n in card] == ["Are you still there?"]
    assert "seconds" in card[0]["description"]  # the countdown, read with it
    answers = [
        n for n in idle["nodes"] if n["depth"] > card[0]["depth"] and n["role"] == "push button"
    ]
    assert {n["name"] for n in answers} >= {"I'm still here", "I need more time"}
