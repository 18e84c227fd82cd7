"""Walk an application's AT-SPI tree as a screen reader (Orca) sees it and print it as JSON.

Run with the SYSTEM python (``/usr/bin/python3``), which has ``pyatspi`` from the Debian package
``python3-pyatspi`` (the project's venv cannot import it), inside a D-Bus session with
at-spi2-core installed (its bus is started on demand), for example::

    dbus-run-session -- /usr/bin/python3 tests/atspi_walk.py --steps steps.json \\
        --out walks.json -- .venv/bin/python -m kiosk run --windowed

It starts the command (with ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1``), then for each step of the
JSON list (``{"label": ..., "press": NAME, "wait_for": NAME}``, both names optional) carries out
the first action of the showing object named ``press`` (as Orca's "activate" does), waits until
an object named ``wait_for`` shows, and walks the tree. It writes
``{"steps": [{"label", "locale", "nodes": [...]}, ...]}``: each node with its depth, role, name,
description, states, actions, whether it offers the image interface and its text; ``locale``
is the application's answer to AT-SPI ``GetLocale`` (what Orca picks a voice by).

The walk is bounded: only showing objects, at most ``--max-depth`` levels and ``--max-nodes``
objects a walk, and the whole run gives up after ``--timeout`` seconds. Nothing of the kiosk is
imported: standard library and pyatspi only.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from typing import Any

import pyatspi  # type: ignore[import-not-found]  # the system python's, not the venv's
from gi.repository import Atspi, Gio, GLib  # type: ignore[import-not-found]  # pyatspi's own


class Deadline:
    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds

    @property
    def passed(self) -> bool:
        return time.monotonic() > self._end


def _states(node: Any) -> list[str]:
    return sorted(str(pyatspi.stateToString(state)) for state in node.getState().getStates())


def _actions(node: Any) -> list[str]:
    try:
        action = node.queryAction()
    except NotImplementedError:
        return []
    return [str(action.getName(index)) for index in range(action.nActions)]


def _image(node: Any) -> bool:
    try:
        node.queryImage()
    except NotImplementedError:
        return False
    return True


def _text(node: Any) -> str:
    try:
        text = node.queryText()
    except NotImplementedError:
        return ""
    return str(text.getText(0, min(text.characterCount, 200)))


def application_locale(app: Any) -> str:
    """What the application answers to AT-SPI ``GetLocale`` now (Qt: ``QLocale().name()``),
    asked over the accessibility bus: libatspi keeps the first answer it got for good."""
    session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    address = session.call_sync(
        "org.a11y.Bus",
        "/org/a11y/bus",
        "org.a11y.Bus",
        "GetAddress",
        None,
        GLib.VariantType.new("(s)"),
        Gio.DBusCallFlags.NONE,
        5000,
        None,
    ).unpack()[0]
    flags = (
        Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
        | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION
    )
    bus = Gio.DBusConnection.new_for_address_sync(address, flags, None, None)
    try:
        answer = bus.call_sync(
            app.app.bus_name,
            "/org/a11y/atspi/accessible/root",
            "org.a11y.atspi.Application",
            "GetLocale",
            GLib.Variant("(u)", (int(Atspi.LocaleType.MESSAGES),)),
            GLib.VariantType.new("(s)"),
            Gio.DBusCallFlags.NONE,
            5000,
            None,
        )
        return str(answer.unpack()[0])
    finally:
        bus.close_sync(None)


def describe(node: Any) -> dict[str, Any]:
    return {
        "role": str(node.getRoleName()),
        "name": str(node.name or ""),
        "description": str(node.description or ""),
        "states": _states(node),
        "actions": _actions(node),
        "image": _image(node),
        "text": _text(node),
    }


def _children(node: Any) -> list[Any]:
    return [node.getChildAtIndex(index) for index in range(node.childCount)]


def shown_objects(
    root: Any, max_depth: int, max_nodes: int, deadline: Deadline
) -> list[tuple[Any, dict[str, Any]]]:
    """The showing objects under ``root`` (and it), depth first, each with its description
    and depth: what Orca reaches. What is not showing is passed over with all inside it."""
    found: list[tuple[Any, dict[str, Any]]] = []
    stack: list[tuple[Any, int]] = [(root, 0)]
    while stack and len(found) < max_nodes and not deadline.passed:
        node, depth = stack.pop()
        try:
            entry = describe(node)
        except Exception as error:  # an object that went away mid-walk
            found.append((node, {"depth": depth, "error": repr(error)}))
            continue
        if depth > 0 and "showing" not in entry["states"]:
            continue
        entry["depth"] = depth
        found.append((node, entry))
        if depth < max_depth:
            try:
                children = _children(node)
            except Exception:
                continue
            stack.extend((child, depth + 1) for child in reversed(children) if child is not None)
    return found


def walk(root: Any, max_depth: int, max_nodes: int, deadline: Deadline) -> list[dict[str, Any]]:
    return [entry for _, entry in shown_objects(root, max_depth, max_nodes, deadline)]


def find_application(pid: int, deadline: Deadline) -> Any:
    """The application of process ``pid``, read afresh on every call: libatspi's cache would
    keep objects the kiosk has since deleted (it rebuilds its screens for a new look) and
    their old states."""
    desktop = pyatspi.Registry.getDesktop(0)
    desktop.set_cache_mask(Atspi.Cache.NONE)
    while not deadline.passed:
        for app in _children(desktop):
            try:
                if app is not None and app.get_process_id() == pid and app.childCount > 0:
                    app.set_cache_mask(Atspi.Cache.NONE)
                    app.clear_cache()
                    return app
            except Exception:
                continue
        time.sleep(0.2)
    raise SystemExit(f"no accessible application for process {pid}")


def find_showing(
    app: Any, name: str, max_depth: int, max_nodes: int, *, pressable: bool = False
) -> Any | None:
    """The first showing object named ``name`` (with ``pressable``: that has an action; a
    tile's panel and its button carry the same name)."""
    for node, entry in shown_objects(app, max_depth, max_nodes, Deadline(30)):
        named = entry.get("depth", 0) > 0 and entry.get("name") == name
        if named and (not pressable or entry.get("actions")):
            return node
    return None


def wait_showing(
    app: Any, name: str, args: argparse.Namespace, deadline: Deadline, *, pressable: bool = False
) -> Any:
    while not deadline.passed:
        found = find_showing(app, name, args.max_depth, args.max_nodes, pressable=pressable)
        if found is not None:
            return found
        time.sleep(0.2)
    shown = [n.get("name") for n in walk(app, args.max_depth, args.max_nodes, Deadline(10))]
    raise SystemExit(f"nothing named {name!r} showed; showing: {shown}")


def press(app: Any, name: str, args: argparse.Namespace, deadline: Deadline) -> None:
    """Carry out the first action of the showing object named ``name``: again on a fresh
    lookup if the object went away meanwhile (the kiosk rebuilds its screens for a new look)."""
    while True:
        target = wait_showing(app, name, args, deadline, pressable=True)
        try:
            target.queryAction().doAction(0)
            return
        except Exception:
            if deadline.passed:
                raise
            time.sleep(0.3)


def run_steps(app: Any, steps: list[dict[str, str]], args: argparse.Namespace) -> dict[str, Any]:
    deadline = Deadline(args.timeout)
    done = []
    for step in steps:
        if step.get("press"):
            press(app, step["press"], args, deadline)
        if step.get("wait_for"):
            wait_showing(app, step["wait_for"], args, deadline)
        time.sleep(args.settle)  # the page slide and the labels' last changes
        done.append(
            {
                "label": step.get("label", ""),
                "locale": application_locale(app),
                "nodes": walk(app, args.max_depth, args.max_nodes, deadline),
            }
        )
    return {"steps": done}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", required=True, help="a JSON file: the list of steps")
    parser.add_argument("--out", required=True, help="where to write the walks (JSON)")
    parser.add_argument("--max-depth", type=int, default=40)
    parser.add_argument("--max-nodes", type=int, default=3000)
    parser.add_argument("--timeout", type=float, default=90.0)
    parser.add_argument("--settle", type=float, default=0.8)
    parser.add_argument(
        "--start-wait", type=float, default=3.0, help="seconds for the application to settle"
    )
    parser.add_argument("command", nargs="+", help="the application to start (after --)")
    args = parser.parse_args(argv)
    with open(args.steps, encoding="utf-8") as file:
        steps = json.load(file)
    pyatspi.Registry.getDesktop(0)  # the accessibility bus runs before the application starts
    env = {**os.environ, "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
    app_process = subprocess.Popen(args.command, env=env, stdout=sys.stderr, stderr=sys.stderr)
    try:
        app = find_application(app_process.pid, Deadline(args.timeout))
        time.sleep(args.start_wait)  # past start-up: the first screens are built again
        result = run_steps(app, steps, args)
    finally:
        app_process.terminate()
        try:
            app_process.wait(15)
        except subprocess.TimeoutExpired:
            app_process.kill()
            app_process.wait(5)
    # A file, not stdout: the session's daemons (at-spi2-registryd) print there too.
    with open(args.out, "w", encoding="utf-8") as file:
        json.dump(result, file, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
