"""Screenshots of the real kiosk, fullscreen on a real X server, as a patient sees it.

Starts one Xvfb per display size (1920x1080, 1080x1920, 1366x768), runs the kiosk in it
fullscreen (no window manager: the kiosk covers the screen itself), walks every screen a patient
meets at every text step, in both languages and both palettes, and takes each picture with
``import -window root`` (the whole X screen: a window that grew past the screen shows as cut
off, exactly as on the clinic's monitor). Then ``montage`` makes contact sheets.

Needs ``apt-get install -y xvfb x11-utils imagemagick libxcb-cursor0``. Usage::

    .venv/bin/python -m tests.screenshots OUT_DIR [--steps 1 2 3] [--displays landscape ...]
        [--screens staff-usage cleaning ...] [--content DIR] [--sheet docs/screenshots/x.png]

Not part of the test run (it takes a few minutes).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

DISPLAYS = {"landscape": (1920, 1080), "portrait": (1080, 1920), "small": (1366, 768)}
LANGUAGES = ("en", "es")
PALETTES = ("standard", "contrast")
SCREENS = (
    "attract",
    "menu",
    "page-hip-joint",
    "page-compensation",
    "reading-page-hip-joint",
    "reading-menu",
    "form-keyboard",
    "form-errors",
    "form-body-map",
    "form-discard",
    "form-idle",
    "thank-you",
    "idle",
    "out-of-service",
    "staff-pin",
    "staff-content",
    "staff-requests",
    "staff-usage",
    "staff-kiosk",
    "staff-exit",
    "cleaning",
)
STAFF_PIN = "4826"


@contextlib.contextmanager
def xvfb(number: int, width: int, height: int) -> Iterator[str]:
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                break
            time.sleep(0.05)
        yield display
    finally:
        server.terminate()
        server.wait(10)


def shoot(display: str, path: Path) -> None:
    subprocess.run(
        ["import", "-display", display, "-window", "root", str(path)], check=True, timeout=60
    )


def child(
    out: Path, display_name: str, steps: list[int], screens: list[str], pages: Path | None
) -> None:
    """Inside the X server: the kiosk fullscreen, every screen, every step/language/palette."""
    from PySide6.QtWidgets import QApplication

    from kiosk.app import KioskApp
    from kiosk.session import Look
    from kiosk.staff.pin import hash_pin
    from kiosk.visit.model import FieldError
    from tests.form_driving import touch_in_form
    from tests.kiosk_fixtures import running_kiosk
    from tests.paths import BUNDLED_CONTENT

    app = QApplication.instance() or QApplication([sys.argv[0]])
    width, height = DISPLAYS[display_name]

    def settle(seconds: float = 0.6) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.02)

    def look(kiosk: KioskApp, step: int, contrast: bool) -> None:
        while kiosk.session.view.look.text_step != step:
            kiosk.show_view(kiosk.session.larger_text())
        if kiosk.session.view.look.high_contrast != contrast:
            kiosk.show_view(kiosk.session.other_contrast())

    def staff(kiosk: KioskApp, screen: str) -> None:
        """The staff overlays, drawn in the kiosk's default look: set it to this shot's."""
        kiosk.staff.default_look = kiosk.session.view.look
        kiosk.staff.open_pad()
        pad = kiosk.staff.pad
        assert pad is not None
        for digit in STAFF_PIN[: 2 if screen == "staff-pin" else None]:
            pad.type_digit(digit)
        if screen == "staff-pin":
            return
        pad.confirm()
        panel = kiosk.staff.panel
        assert panel is not None, "the PIN did not open the panel"
        if screen == "cleaning":
            panel.show_page("kiosk")
            panel.controls.cleaning_button.click()
        elif screen == "staff-exit":
            panel.show_page("kiosk")
            panel.controls.exit_button.click()
        else:
            panel.show_page(screen.removeprefix("staff-"))

    def visit(kiosk: KioskApp, screen: str) -> None:
        session = kiosk.session
        if screen == "attract":
            return
        if screen.startswith("staff-") or screen == "cleaning":
            staff(kiosk, screen)
            return
        kiosk.show_view(session.start())
        if screen.startswith("reading-"):
            # Read-aloud on (Qt's silent mock engine): Listen shows Stop, with Pause and Volume,
            # and on a page the part being read wears its frame.
            if screen.startswith("reading-page-"):
                kiosk.show_view(session.open_page(screen.removeprefix("reading-page-")))
            kiosk.window.listen()
            settle(0.3)
        elif screen.startswith("page-"):
            kiosk.show_view(session.open_page(screen.removeprefix("page-")))
        elif screen.startswith("form") or screen == "thank-you":
            kiosk.show_view(session.request_visit())
            form = kiosk.window.request_form
            if screen == "form-keyboard":
                settle(0.3)
                touch_in_form(form, form.name_field)
            elif screen == "form-errors":
                kiosk.window.show_request_errors(
                    {"name": FieldError.REQUIRED, "phone": FieldError.REQUIRED}
                )
            elif screen == "form-body-map":
                form.body_map.set_selected(("groin-left", "outer-hip-right", "low-back"))
                settle(0.3)
                form.scroll_area.ensureWidgetVisible(form.body_map, 0, 0)
            elif screen in ("form-discard", "form-idle"):
                settle(0.3)
                touch_in_form(form, form.name_field)
                form.name_field.setText("Ana Typed-Name")
                if screen == "form-discard":
                    touch_in_form(form, form.cancel_button)
                else:
                    kiosk.window.show_idle_warning(20)
            else:
                kiosk.window.show_thanks("K7Q-4M2")
                kiosk.show_view(session.request_sent())
        elif screen == "idle":
            kiosk.show_view(session.open_page("hip-joint"))
            kiosk.window.show_idle_warning(20)

    shots = 0
    with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as data:
        for screen in screens:
            content = Path(empty) if screen == "out-of-service" else pages or BUNDLED_CONTENT
            staff_screen = screen.startswith("staff-") or screen == "cleaning"
            with running_kiosk(
                content,
                size=(width, height),
                data_dir=Path(data) / screen,
                animations=False,
                keeps_data=staff_screen,
                staff={"pin_hash": hash_pin(STAFF_PIN)},
            ) as kiosk:
                kiosk.window.present(fullscreen=True, hide_cursor=False)
                if staff_screen:  # a visit to count, in both languages
                    for language in LANGUAGES:
                        kiosk.show_view(kiosk.session.set_language(language))
                        kiosk.show_view(kiosk.session.start())
                        kiosk.show_view(kiosk.session.open_page("hip-joint"))
                        kiosk.reset()
                # Without pages there is no deck to switch to: out of service is in English.
                languages = LANGUAGES[:1] if screen == "out-of-service" else LANGUAGES
                for language in languages:
                    for palette in PALETTES:
                        for step in steps:
                            kiosk.staff.close()
                            kiosk.reset()
                            kiosk.show_view(kiosk.session.set_language(language))
                            look(kiosk, step, palette == "contrast")
                            assert kiosk.window.look == Look(step, palette == "contrast")
                            visit(kiosk, screen)
                            settle()
                            name = f"{display_name}-{screen}-{language}-{palette}-step{step}.png"
                            shoot(os.environ["DISPLAY"], out / name)
                            shots += 1
    del app
    print(f"{display_name}: {shots} screenshots", flush=True)


def contact_sheet(pictures: list[Path], sheet: Path, columns: int) -> None:
    """One sheet of small copies (made one at a time: ImageMagick's default resource policy
    refuses a montage of a hundred full-size screenshots)."""
    sheet.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        thumbnails = []
        for index, picture in enumerate(pictures):
            thumbnail = Path(folder) / f"{index:03d}.png"
            subprocess.run(
                ["convert", str(picture), "-resize", "300x300", str(thumbnail)],
                check=True,
                timeout=120,
            )
            thumbnails.append(str(thumbnail))
        subprocess.run(
            ["montage", *thumbnails, "-tile", f"{columns}x", "-geometry", "+6+6", str(sheet)],
            check=True,
            timeout=600,
        )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.screenshots")
    parser.add_argument("out", type=Path)
    parser.add_argument("--steps", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--displays", nargs="+", default=list(DISPLAYS), choices=list(DISPLAYS))
    parser.add_argument("--sheet", type=Path, help="contact sheet of the largest step")
    parser.add_argument("--screens", nargs="+", default=list(SCREENS), choices=list(SCREENS))
    parser.add_argument("--content", type=Path, help="pages to show (default: the bundled ones)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.child:
        child(args.out, args.child, args.steps, args.screens, args.content)
        return 0
    for tool in ("Xvfb", "import", "convert", "montage"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing: apt-get install -y xvfb imagemagick", file=sys.stderr)
            return 1
    for number, name in enumerate(args.displays, start=71):
        width, height = DISPLAYS[name]
        with xvfb(number, width, height) as display:
            env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
            command = [sys.executable, "-m", "tests.screenshots", str(args.out), "--child", name]
            command += ["--steps", *map(str, args.steps), "--screens", *args.screens]
            command += ["--content", str(args.content.absolute())] if args.content else []
            subprocess.run(command, env=env, check=True, timeout=1800)
    if args.sheet is not None:
        largest = max(args.steps)
        pictures = sorted(args.out.glob(f"*-step{largest}.png"), key=_sheet_order)
        contact_sheet(pictures, args.sheet, columns=6)
        print(f"contact sheet: {args.sheet}")
    return 0


def _sheet_order(path: Path) -> tuple[int, int, str]:
    display, rest = path.stem.split("-", 1)
    screen = next((i for i, s in enumerate(SCREENS) if rest.startswith(s + "-")), 99)
    return (list(DISPLAYS).index(display), screen, rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
