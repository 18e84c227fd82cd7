"""Figure 14: pictures. The check of every bundled picture; each bundled picture drawn at full
screen (1920x1080, as :func:`kiosk.ui.picture_draw.render_picture` draws it: read, check,
decode or render); the largest pictures the check accepts drawn the same way (a PNG of noise
at the pixel limit, a JPEG of noise at the pixel limit, an SVG of 10,000 shapes); and the check
of each hostile picture of issue 12, each of which must be refused in under 1 s.

Every check is timed on a fresh file (the verdict cache is keyed by the file, so each round
writes its files anew). Qt is imported only in the child process.

Run alone: ``python -m tests.benchmarks.pictures --child [--rounds N]``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.benchmarks.common import Figure, fmt_ms, median, ms, rounds_main, run_child

ROUNDS = 10
QUICK_ROUNDS = 3
DRAW_TARGET_MS = 100.0
CHECK_BUNDLED_TARGET_MS = 100.0
HOSTILE_TARGET_MS = 1000.0


def _hostile_files(folder: Path) -> dict[str, Path]:
    """The hostile pictures of issue 12 (and the damaged ones), written into ``folder``."""
    from kiosk.content.picture_check import MAX_PNG_BYTES
    from tests.unit.content.picture_files import (
        billion_laughs,
        deep_svg,
        png_claiming,
        qt_jpeg,
        real_png,
        svg_doc,
        use_fan_out,
    )

    def put(name: str, data: bytes | str) -> Path:
        path = folder / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path

    png = real_png(1000, 800, colour=6)
    crc = bytearray(png)
    crc[45] ^= 0xFF
    jpeg = qt_jpeg(2000, 1500)
    files = {
        "PNG saved as .svg": put("png-as.svg", png),
        "truncated PNG": put("cut.png", png[: len(png) // 2]),
        "PNG with a CRC error": put("crc.png", bytes(crc)),
        "PNG claiming 60000x60000": put("claim.png", png_claiming(60000, 60000)),
        "PNG header just under Qt's 256 MB (8000x8000)": put("qt.png", png_claiming(8000, 8000)),
        "truncated JPEG": put("cut.jpg", jpeg[: len(jpeg) * 2 // 3]),
        "SVG <image> to an absolute path": put(
            "abs.svg", svg_doc('<image href="/etc/hostname" width="9" height="9"/>')
        ),
        "SVG <image> to ../": put(
            "up.svg", svg_doc('<image href="../x.png" width="9" height="9"/>')
        ),
        "SVG <image> to http:": put("http.svg", svg_doc('<image href="http://x/y.png"/>')),
        "SVG <use> fan-out (1 KB)": put("fan.svg", use_fan_out()),
        "SVG entity bomb (billion laughs)": put("lol.svg", billion_laughs()),
        "SVG nested 50,000 deep": put("deep.svg", deep_svg(50_000)),
        "SVG of 1 MB of tiny elements": put(
            "many.svg", svg_doc('<rect width="1" height="1"/>' * 37_000)
        ),
    }
    big = folder / "big.svg"
    with open(big, "wb") as file:
        file.write(b"<svg>" + b"<g/>" * (10 * 1024 * 1024) + b"</svg>")  # 40 MB
    files["SVG of 40 MB"] = big
    sparse = folder / "big.png"
    with open(sparse, "wb") as file:
        file.truncate(MAX_PNG_BYTES + 1)
    files["PNG one byte over its size limit (sparse)"] = sparse
    return files


def _limit_files(folder: Path) -> dict[str, Path]:
    """The largest pictures the check lets through, of the costliest content (noise)."""
    from PySide6.QtGui import QImage, QImageWriter

    from kiosk.content.picture_check import MAX_JPEG_BYTES, MAX_PNG_PIXELS, MAX_SVG_ELEMENTS

    files: dict[str, Path] = {}
    width = 1920
    height = MAX_PNG_PIXELS // width
    noise = QImage(os.urandom(width * height * 4), width, height, QImage.Format.Format_ARGB32)
    png = folder / "limit.png"
    noise.copy().save(str(png))
    files[f"PNG of noise {width}x{height} ({png.stat().st_size / 2**20:.1f} MB)"] = png
    jpeg_noise = QImage(os.urandom(4000 * 3000 * 4), 4000, 3000, QImage.Format.Format_RGB32)
    jpeg = folder / "limit.jpg"
    for quality in (90, 80, 70, 60, 50, 40, 30):
        writer = QImageWriter(str(jpeg), b"jpeg")
        writer.setQuality(quality)
        writer.write(jpeg_noise.copy())
        if jpeg.stat().st_size <= MAX_JPEG_BYTES:
            break
    files[f"JPEG of noise 4000x3000 ({jpeg.stat().st_size / 2**20:.1f} MB)"] = jpeg
    count = MAX_SVG_ELEMENTS - 2
    rects = "".join(
        f'<rect x="{i % 100 * 19}" y="{i // 100 * 10}" width="15" height="8" '
        f'fill="#{i % 4096:03x}"/>'
        for i in range(count)
    )
    svg = folder / "limit.svg"
    svg.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080">{rects}</svg>',
        encoding="utf-8",
    )
    files[f"SVG of {count:,} shapes ({svg.stat().st_size / 1024:.0f} KB)"] = svg
    # The costliest paint: large see-through stroked circles, as many as the draw estimate
    # (picture_check.MAX_SVG_DRAW_MS) lets through.
    circles = _circles_at_the_area_limit()
    painted = folder / "limit-area.svg"
    painted.write_text(circles[1], encoding="utf-8")
    files[f"SVG of {circles[0]} see-through stroked circles (at the draw-estimate limit)"] = painted
    return files


def _circles_at_the_area_limit() -> tuple[int, str]:
    import defusedxml.ElementTree as DefusedET

    from kiosk.content.picture_check import MAX_SVG_DRAW_MS
    from kiosk.content.svg_cost import draw_cost_ms

    def drawing(count: int) -> str:
        circles = "".join(
            f'<circle cx="{960 + i % 7}" cy="{540 + i % 5}" r="{520 - i % 40}" fill="#3366aa" '
            'fill-opacity="0.3" stroke="#112233" stroke-width="40" stroke-opacity="0.5"/>'
            for i in range(count)
        )
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080">{circles}</svg>'

    count = 1
    while draw_cost_ms(DefusedET.fromstring(drawing(count + 1)), {}, 1e9) <= MAX_SVG_DRAW_MS:
        count += 1
    return count, drawing(count)


def _fresh(path: Path) -> None:
    """Give ``path`` a new modification time, so no cached verdict answers for it."""
    now = time.time_ns()
    os.utime(path, ns=(now, now))


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return ms(time.perf_counter() - started)


def _draw_ms(render: Callable[[Path, Any, float], Any], path: Path) -> float:
    """One full-screen draw of ``path``, in ms; a refused picture is an error here."""
    from PySide6.QtCore import QSize

    started = time.perf_counter()
    drawn = render(path, QSize(1920, 1080), 1.0)
    elapsed = ms(time.perf_counter() - started)
    if drawn.isNull():
        raise RuntimeError(f"{path.name} was not drawn")
    return elapsed


def child(rounds: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from kiosk.content.picture_check import PictureRefused, check_picture, checked_picture
    from kiosk.ui.picture_draw import render_picture
    from tests.paths import BUNDLED_CONTENT

    app = QApplication.instance() or QApplication([])
    del app
    bundled = sorted((BUNDLED_CONTENT / "images").glob("*"))
    check_all: list[float] = []
    draws: dict[str, list[float]] = {path.name: [] for path in bundled}
    with tempfile.TemporaryDirectory(prefix="kiosk-pictures-") as temporary:
        folder = Path(temporary)
        copies = []
        for path in bundled:
            copy = folder / path.name
            copy.write_bytes(path.read_bytes())
            copies.append(copy)
        for _ in range(rounds):
            for copy in copies:
                _fresh(copy)
            check_all.append(_timed(lambda: [check_picture(copy) for copy in copies]))
            for copy in copies:
                checked_picture(copy)  # as the load leaves it: this version passed
                draws[copy.name].append(_draw_ms(render_picture, copy))
        limits = _limit_files(folder)
        limit_draws: dict[str, list[float]] = {name: [] for name in limits}
        changed_draws: dict[str, list[float]] = {name: [] for name in limits}
        for _ in range(rounds):
            for name, path in limits.items():
                _fresh(path)
                checked_picture(path)
                limit_draws[name].append(_draw_ms(render_picture, path))
                _fresh(path)  # changed since the load: the draw checks the bytes first
                changed_draws[name].append(_draw_ms(render_picture, path))
        hostile = _hostile_files(folder)
        hostile_ms: dict[str, float] = {}
        reasons: dict[str, str] = {}
        for name, path in hostile.items():
            worst = 0.0
            for _ in range(max(1, rounds // 3)):
                _fresh(path)
                started = time.perf_counter()
                try:
                    check_picture(path)
                except PictureRefused as refused:
                    reasons[name] = str(refused)
                else:
                    raise RuntimeError(f"{name} passed the check")
                worst = max(worst, ms(time.perf_counter() - started))
            hostile_ms[name] = worst
    return {
        "check_bundled_ms": check_all,
        "pictures": len(bundled),
        "draw_ms": draws,
        "limit_draw_ms": limit_draws,
        "changed_draw_ms": changed_draws,
        "hostile_ms": hostile_ms,
        "reasons": reasons,
    }


def figures(result: dict[str, Any]) -> list[Figure]:
    check = result["check_bundled_ms"]
    draws: dict[str, list[float]] = result["draw_ms"]
    every = [sample for samples in draws.values() for sample in samples]
    limits: dict[str, list[float]] = result["limit_draw_ms"]
    changed: dict[str, list[float]] = result["changed_draw_ms"]
    hostile: dict[str, float] = result["hostile_ms"]
    worst_limit = max((max(samples) for samples in limits.values()), default=0.0)
    return [
        Figure(
            "14a",
            f"Check of every bundled picture ({result['pictures']} files, median of rounds)",
            median(check),
            "ms",
            shown=f"{fmt_ms(median(check))} (max {fmt_ms(max(check))})",
            limit=CHECK_BUNDLED_TARGET_MS,
            target=f"< {fmt_ms(CHECK_BUNDLED_TARGET_MS)}",
            details={"samples_ms": check},
        ),
        Figure(
            "14b",
            "Bundled picture drawn at 1920x1080 (read, stat, render), max over pictures",
            max(every),
            "ms",
            shown=f"median {fmt_ms(median(every))}, max {fmt_ms(max(every))}",
            limit=DRAW_TARGET_MS,
            target=f"< {fmt_ms(DRAW_TARGET_MS)}",
            notes=[
                f"{name}: median {fmt_ms(median(samples))}, max {fmt_ms(max(samples))}"
                for name, samples in draws.items()
            ],
            details={"samples_ms": draws},
        ),
        Figure(
            "14c",
            "Largest accepted pictures drawn at 1920x1080 after the load, max",
            worst_limit,
            "ms",
            shown=f"max {fmt_ms(worst_limit)}",
            limit=DRAW_TARGET_MS,
            target=f"< {fmt_ms(DRAW_TARGET_MS)}",
            notes=[
                f"{name}: median {fmt_ms(median(samples))}, max {fmt_ms(max(samples))}; "
                f"changed since the load (bytes re-checked): median "
                f"{fmt_ms(median(changed[name]))}, max {fmt_ms(max(changed[name]))}"
                for name, samples in limits.items()
            ],
            details={"samples_ms": limits, "changed_samples_ms": changed},
        ),
        Figure(
            "14d",
            f"Check of each hostile picture ({len(hostile)} files), slowest",
            max(hostile.values()),
            "ms",
            shown=f"max {fmt_ms(max(hostile.values()))}",
            limit=HOSTILE_TARGET_MS,
            target=f"each < {fmt_ms(HOSTILE_TARGET_MS)}",
            notes=[f"{name}: {fmt_ms(value)}" for name, value in hostile.items()],
            details={"ms": hostile, "reasons": result["reasons"]},
        ),
    ]


def measure(quick: bool) -> list[Figure]:
    rounds = QUICK_ROUNDS if quick else ROUNDS
    return figures(run_child("pictures", ["--rounds", str(rounds)], timeout_s=600))


def main(argv: list[str]) -> int:
    return rounds_main("pictures", argv, ROUNDS, child, figures)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
