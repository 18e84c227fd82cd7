"""Walk one application's AT-SPI tree as a screen reader (Orca) sees it and print it as JSON.

Run with the SYSTEM python (``/usr/bin/python3``), which has ``pyatspi`` from the Debian package
``python3-pyatspi``; the project's venv cannot import it. It needs the session's accessibility
bus (at-spi2-core) and an application started with ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1``.

    /usr/bin/python3 tests/atspi_walk.py --pid 1234 [--press NAME] [--wait-for NAME]

The walk is bounded: only showing objects, at most ``--max-depth`` levels and ``--max-nodes``
objects, and the whole run gives up after ``--timeout`` seconds. Each object is printed with its
role, name, description, states, action names, the interfaces it offers (image, text) and, for
the application, its locale. ``--press`` first carries out the first action of the showing
object of that name (as Orca's "activate" does), ``--wait-for`` then waits until an object of
that name shows. Written to stay in the standard library plus pyatspi: nothing of the kiosk is
imported.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

import pyatspi  # type: ignore[import-not-found]  # the system python's, not the venv's

SHOWING = pyatspi.STATE_SHOWING


def _states(node: Any) -> list[str]:
    states = node.getState()
    return sorted(pyatspi.stateToString(state) for state in states.getStates() if state is not None)


def _actions(node: Any) -> list[str]:
    try:
        action = node.queryAction()
    except NotImplementedError:
        return []
    return [action.getName(index) for index in range(action.nActions)]


def _offers(node: Any, query: str) -> bool:
    try:
        getattr(node, query)()
    except NotImplementedError:
        return False
    return True


def _text(node: Any) -> str:
    try:
        text = node.queryText()
    except NotImplementedError:
        return ""
    return str(text.getText(0, min(text.characterCount, 400)))


def _locale(app: Any) -> str:
    """What the application says its language is (Qt answers with ``QLocale().name()``)."""
    try:
        return str(app.queryApplication().getLocale(pyatspi.LOCALE_TYPE_MESSAGES))
    except Exception as error:
        return f"error: {error}"


def describe(node: Any) -> dict[str, Any]:
    return {
        "role": node.getRoleName(),
        "name": node.name or "",
        "description": node.description or "",
        "states": _states(node),
        "actions": _actions(node),
        "image": _offers(node, "queryImage"),
        "image_description": node.queryImage().imageDescription
        if _offers(node, "queryImage")
        else "",
        "text": _text(node),
    }


def walk(root: Any, max_depth: int, max_nodes: int, deadline: float) -> list[dict[str, Any]]:
    """The showing objects under ``root``, depth first, each with its depth and path."""
    found: list[dict[str, Any]] = []
    stack: list[tuple[Any, int, str]] = [(root, 0, "0")]
    while stack and len(found) < max_nodes and time.monotonic() < deadline:
        node, depth, path = stack.pop()
        try:
            entry = describe(node)
        except Exception as error:  # an object that went away mid-walk
            found.append({"path": path, "depth": depth, "error": repr(error)})
            continue
        entry.update(path=path, depth=depth)
        found.append(entry)
        if depth >= max_depth or (depth > 0 and "showing" not in entry["states"]):
            continue
        try:
            children = [node.getChildAtIndex(i) for i in range(node.childCount)]
        except Exception:
            continue
        for index in reversed(range(len(children))):
            child = children[index]
            if child is not None:
                stack.append((child, depth + 1, f"{path}.{index}"))
    return found


def find_application(pid: int, deadline: float) -> Any:
    desktop = pyatspi.Registry.getDesktop(0)
    while time.monotonic() < deadline:
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            try:
                if app is not None and app.get_process_id() == pid and app.childCount > 0:
                    return app
            except Exception:
                continue
        time.sleep(0.2)
    raise SystemExit(f"no accessible application for process {pid}")


def find_showing(app: Any, name: str, max_depth: int, max_nodes: int) -> Any | None:
    stack: list[tuple[Any, int]] = [(app, 0)]
    seen = 0
    while stack and seen < max_nodes:
        node, depth = stack.pop()
        seen += 1
        try:
            showing = node.getState().contains(SHOWING)
            if depth > 0 and not showing:
                continue
            if node.name == name and depth > 0:
                return node
            if depth < max_depth:
                stack.extend((node.getChildAtIndex(i), depth + 1) for i in range(node.childCount))
        except Exception:
            continue
    return None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--press", default="", help="the name of an object to activate first")
    parser.add_argument("--wait-for", default="", help="then wait until this name shows")
    parser.add_argument("--max-depth", type=int, default=40)
    parser.add_argument("--max-nodes", type=int, default=3000)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args(argv)
    deadline = time.monotonic() + args.timeout
    app = find_application(args.pid, deadline)
    if args.press:
        target = None
        while target is None and time.monotonic() < deadline:
            target = find_showing(app, args.press, args.max_depth, args.max_nodes)
            if target is None:
                time.sleep(0.2)
        if target is None:
            raise SystemExit(f"nothing named {args.press!r} shows")
        target.queryAction().doAction(0)
    if args.wait_for:
        while find_showing(app, args.wait_for, args.max_depth, args.max_nodes) is None:
            if time.monotonic() > deadline:
                raise SystemExit(f"nothing named {args.wait_for!r} showed")
            time.sleep(0.2)
    nodes = walk(app, args.max_depth, args.max_nodes, deadline)
    result: dict[str, Any] = {"locale": _locale(app), "nodes": nodes}
    json.dump(result, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
