"""Figure 6: the same pages in headless Chromium, as a peer for start-up time and memory.

The bundled pages are written as static HTML files: the body rendered by
:func:`kiosk.content.render.render_page`, a simple template with the title, the illustration
``<img>``, the kiosk's colours and the same Atkinson Hyperlegible font files via
``@font-face`` from ``assets/fonts``, plus an attract page per language (the kiosk's first
screen). Chromium runs headless with networking, sync and component updates off.

(a) Start-up: wall time of ``chromium --headless=new ... --screenshot=x.png
--window-size=1920,1080 file:///.../attract.html`` from ``Popen`` until the process exits
(so it includes writing the screenshot), a fresh ``--user-data-dir`` each run; 1 warm-up
run, then the median of 5.

(b) Memory: one Chromium (``--remote-debugging-port=0``) tours every page of every language
in one tab (a tiny script, active only with ``#tour`` in the URL, moves on 300 ms after each
page has loaded); when the last page is shown, the total PSS of all its processes is read
from ``/proc`` after 3 s, then Chromium is stopped.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import Config
from kiosk.content.images import path_from_kiosk_image_url
from kiosk.content.loader import load_library
from kiosk.content.model import Deck, Library, Page
from kiosk.content.render import render_page
from kiosk.resources import asset_path, bundled_content_dir
from tests.benchmarks.common import (
    BenchmarkError,
    child_env,
    end_process,
    fmt_mib,
    fmt_ms,
    median,
    ms,
    process_tree,
    pss_kib,
)

RUNS = 5
QUICK_RUNS = 3
COLUMN_WIDTH = 900
SETTLE_S = 3.0
TOUR_STEP_MS = 300
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1920,1080",
)
FONTS = (
    ("AtkinsonHyperlegible_400Regular.ttf", 400, "normal"),
    ("AtkinsonHyperlegible_400Regular_Italic.ttf", 400, "italic"),
    ("AtkinsonHyperlegible_700Bold.ttf", 700, "normal"),
    ("AtkinsonHyperlegible_700Bold_Italic.ttf", 700, "italic"),
)
_SRC_RE = re.compile(r'src="(kiosk-image:[^"]*)"')
_HREF_RE = re.compile(r'href="([^"]*)"')
_TOUR_SCRIPT = f"""<script>
if (location.hash === "#tour") {{
  addEventListener("load", function () {{
    setTimeout(function () {{
      var next = document.body.getAttribute("data-next");
      if (next) {{ location.replace(next + "#tour"); }} else {{ document.title = "tour-done"; }}
    }}, {TOUR_STEP_MS});
  }});
}}
</script>"""


def find_chromium() -> str | None:
    for name in ("chromium", "/usr/bin/chromium"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass(frozen=True)
class _Colours:
    """The colours of ``kiosk.ui.theme.Palette``, copied: importing the theme would load Qt
    into the benchmark's parent process, and Qt's pages shared with it would make the kiosk's
    PSS (figure 3) read lower."""

    background: str = "#FBF7EF"
    surface: str = "#FFFFFF"
    sand: str = "#F3E3C7"
    ink: str = "#1E2B2F"
    primary: str = "#1F5F66"
    on_primary: str = "#FFFFFF"
    accent: str = "#C4502B"
    on_accent: str = "#FFFFFF"


def _style() -> str:
    p = _Colours()
    faces = "\n".join(
        f'@font-face {{ font-family: "Atkinson Hyperlegible"; font-weight: {weight}; '
        f'font-style: {style}; src: url("{asset_path("fonts/" + name).as_uri()}"); }}'
        for name, weight, style in FONTS
    )
    return f"""{faces}
html, body {{ margin: 0; height: 100%; }}
body {{ display: flex; flex-direction: column; background: {p.background}; color: {p.ink};
  font-family: "Atkinson Hyperlegible", sans-serif; font-size: 34px; line-height: 1.45; }}
header, nav {{ display: flex; gap: 24px; align-items: center; padding: 16px 48px;
  background: {p.sand}; }}
main {{ flex: 1; display: flex; gap: 48px; padding: 24px 48px; min-height: 0; }}
h1 {{ margin: 0 0 16px; font-size: 60px; line-height: 1.15; color: {p.primary}; }}
.picture {{ flex: 5; display: flex; align-items: center; justify-content: center; }}
.picture img {{ max-width: 100%; max-height: 100%; object-fit: contain; }}
.text {{ flex: 6; overflow: auto; }}
p.h1 {{ font-size: 48px; font-weight: bold; }} p.h2 {{ font-size: 40px; font-weight: bold; }}
p.h3 {{ font-size: 36px; font-weight: bold; }}
a {{ color: {p.primary}; }}
button {{ flex: 1; font: inherit; font-weight: bold; min-height: 96px; border: 0;
  border-radius: 20px; background: {p.surface}; color: {p.primary}; }}
button.primary {{ background: {p.primary}; color: {p.on_primary}; }}
button.accent {{ background: {p.accent}; color: {p.on_accent}; }}"""


def _document(lang: str, title: str, body: str, next_url: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{_style()}</style>
{_TOUR_SCRIPT}
</head><body data-next="{next_url}">
{body}
</body></html>
"""


@dataclass(frozen=True)
class Site:
    """The static pages written for Chromium, in tour order (each language: attract, pages)."""

    files: tuple[Path, ...]

    @property
    def first(self) -> Path:
        return self.files[0]


def _page_body(page: Page, deck: Deck, library: Library, names: dict[str, str]) -> str:
    fragment = render_page(page, root=library.root, column_width=COLUMN_WIDTH, deck=deck)

    def src(match: re.Match[str]) -> str:
        path = path_from_kiosk_image_url(match[1])
        return f'src="{path.as_uri()}"' if path is not None else 'src=""'

    def href(match: re.Match[str]) -> str:
        target = match[1]
        if target.startswith("page:"):
            return f'href="{names.get(target.removeprefix("page:"), "#")}"'
        if target == "action:request-visit" and deck.visit_page:
            return f'href="{names.get(deck.visit_page, "#")}"'
        return 'href="#"'

    fragment = _HREF_RE.sub(href, _SRC_RE.sub(src, fragment))
    picture = (
        f'<img src="{page.illustration.as_uri()}" alt="{html.escape(page.alt)}">'
        if page.illustration is not None
        else ""
    )
    return f"""<header><span>{deck.index_of(page.slug) + 1} / {len(deck.pages)}</span>
<span style="flex: 1"></span><button class="accent">Request a visit</button></header>
<main><div class="picture">{picture}</div>
<div class="text"><h1>{html.escape(page.title)}</h1>{fragment}</div></main>
<nav><button>Back</button><button>Home</button><button class="primary">Next</button></nav>"""


def _attract_body(deck: Deck, library: Library) -> str:
    picture = (
        f'<img src="{deck.attract_illustration.as_uri()}" alt="">'
        if deck.attract_illustration is not None
        else ""
    )
    languages = "".join(f"<button>{html.escape(d.language_name)}</button>" for d in library.decks)
    return f"""<main style="padding: 96px"><div class="picture">{picture}</div>
<div class="text" style="display: flex; flex-direction: column; justify-content: center">
<h1 style="font-size: 96px">{html.escape(deck.welcome_title or deck.language_name)}</h1>
<p style="font-size: 40px">{html.escape(deck.welcome_text)}</p>
<p><button class="accent" style="font-size: 44px; flex: 0; padding: 0 56px">Touch to start
</button></p><nav style="background: none; padding: 0">{languages}</nav></div></main>"""


def write_site(folder: Path) -> Site:
    """Write the bundled content as static HTML under ``folder``."""
    library = load_library(bundled_content_dir())
    default = Config().default_language
    decks = sorted(library.decks, key=lambda deck: deck.language != default)
    entries: list[tuple[Path, str, str, str]] = []  # path, lang, title, body
    for deck in decks:
        base = folder / deck.language
        base.mkdir(parents=True)
        names = {page.slug: f"{page.order:02d}-{page.slug}.html" for page in deck.pages}
        entries.append(
            (base / "attract.html", deck.language, deck.welcome_title, _attract_body(deck, library))
        )
        for page in deck.pages:
            entries.append(
                (
                    base / names[page.slug],
                    deck.language,
                    page.title,
                    _page_body(page, deck, library, names),
                )
            )
    for index, (path, lang, title, body) in enumerate(entries):
        following = entries[index + 1][0].as_uri() if index + 1 < len(entries) else ""
        path.write_text(_document(lang, title, body, following), encoding="utf-8")
    return Site(tuple(path for path, *_ in entries))


def _start(binary: str, profile: Path, extra: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [binary, *FLAGS, f"--user-data-dir={profile}", *extra],
        env=child_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def startup_ms(binary: str, page: Path) -> float:
    """One run: ``Popen`` to exit of a headless screenshot of ``page``."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-chromium-") as tmp:
        profile, shot = Path(tmp) / "profile", Path(tmp) / "x.png"
        started = time.monotonic()
        process = _start(binary, profile, [f"--screenshot={shot}", page.as_uri()])
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            _stop(process, profile)
            raise BenchmarkError("chromium: no screenshot within 60 s") from None
        took = ms(time.monotonic() - started)
        if process.returncode != 0 or not shot.is_file():
            raise BenchmarkError(f"chromium: exit {process.returncode}, no screenshot written")
        _stop(process, profile)  # helpers left behind, if any
    return took


def _ours(process: subprocess.Popen[bytes], profile: Path) -> list[int]:
    """Chromium's processes: descendants of the one started, and any that use its profile
    (a helper that re-parented itself)."""
    pids = set(process_tree(process.pid))
    marker = str(profile).encode()
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) not in pids:
            try:
                if marker in Path(f"/proc/{entry}/cmdline").read_bytes():
                    pids.add(int(entry))
            except OSError:
                continue
    return sorted(pids)


def _stop(process: subprocess.Popen[bytes], profile: Path) -> None:
    """Stop the Chromium started here and every helper of it, by process id."""
    pids = _ours(process, profile)
    end_process(process)
    for pid in pids:
        if pid != process.pid:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)


def _devtools_json(profile: Path, path: str) -> list[dict[str, str]]:
    port_file = profile / "DevToolsActivePort"
    port = port_file.read_text().split()[0]
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(f"http://127.0.0.1:{port}{path}", timeout=5) as answer:
        data: list[dict[str, str]] = json.loads(answer.read())
    return data


def tour_pss(binary: str, site: Site) -> tuple[int, int, float]:
    """Total PSS (KiB) and process count of a Chromium that showed every page; tour seconds."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-chromium-") as tmp:
        profile = Path(tmp) / "profile"
        started = time.monotonic()
        process = _start(
            binary, profile, ["--remote-debugging-port=0", site.first.as_uri() + "#tour"]
        )
        try:
            deadline = started + 60 + len(site.files) * TOUR_STEP_MS / 1000
            done = False
            while not done:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise BenchmarkError("chromium: the tour of the pages did not finish")
                time.sleep(0.25)
                try:
                    targets = _devtools_json(profile, "/json/list")
                except (OSError, ValueError, IndexError):
                    continue  # not listening yet
                done = any(target.get("title") == "tour-done" for target in targets)
            toured = time.monotonic() - started
            time.sleep(SETTLE_S)
            total = count = 0
            for pid in _ours(process, profile):
                pss = pss_kib(pid)
                if pss is not None:
                    total += pss
                    count += 1
        finally:
            _stop(process, profile)
    return total, count, toured


@dataclass
class ChromiumResult:
    startup_ms: list[float]
    pss_kib: int
    processes: int
    pages: int
    tour_s: float

    @property
    def startup_median_ms(self) -> float:
        return median(self.startup_ms)

    def notes(self) -> list[str]:
        runs = ", ".join(fmt_ms(value) for value in self.startup_ms)
        return [
            f"start-up: median of {len(self.startup_ms)} runs after 1 warm-up ({runs}): "
            "`chromium --headless=new ... --screenshot --window-size=1920,1080` on the attract "
            "page, Popen to exit, so it includes writing the screenshot; fresh profile each run",
            f"memory: {fmt_mib(self.pss_kib)} total PSS of {self.processes} Chromium processes, "
            f"{SETTLE_S:.0f} s after one tab had shown all {self.pages} pages (every language, "
            f"attract pages included; tour {self.tour_s:.1f} s)",
        ]


def measure(quick: bool) -> ChromiumResult | None:
    """Chromium's figures, or None when Chromium is not installed."""
    binary = find_chromium()
    if binary is None:
        return None
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-site-") as tmp:
        site = write_site(Path(tmp))
        startup_ms(binary, site.first)  # warm-up: OS file cache
        runs = [startup_ms(binary, site.first) for _ in range(QUICK_RUNS if quick else RUNS)]
        total, count, toured = tour_pss(binary, site)
    return ChromiumResult(runs, total, count, len(site.files), toured)


if __name__ == "__main__":
    import sys

    result = measure(quick="--quick" in sys.argv[1:])
    if result is None:
        print("chromium not installed: ratio skipped")
    else:
        print(f"chromium start-up median {fmt_ms(result.startup_median_ms)}")
        print("\n".join(result.notes()))
