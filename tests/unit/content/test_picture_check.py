"""picture_check: pictures judged by their bytes, damaged and hostile files refused in bounded
time with a sentence naming the file, and through the loader no page is lost for a picture."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from kiosk.content.loader import load_library
from kiosk.content.model import Severity
from kiosk.content.picture_check import (
    MAX_JPEG_BYTES,
    MAX_JPEG_PIXELS,
    MAX_PNG_BYTES,
    MAX_PNG_PIXELS,
    MAX_SVG_BYTES,
    MAX_SVG_DEPTH,
    MAX_SVG_DRAWN,
    MAX_SVG_ELEMENTS,
    PictureFacts,
    PictureRefused,
    check_picture,
    check_picture_bytes,
    checked_picture,
)
from tests.paths import BUNDLED_CONTENT
from tests.unit.content.content_helpers import TODAY, assert_problem, make_root, page_text, write
from tests.unit.content.picture_files import (
    billion_laughs,
    deep_svg,
    png_chunk,
    png_claiming,
    qt_jpeg,
    real_png,
    svg_doc,
    use_fan_out,
)

GUARD_S = 5.0
"""Generous time guard for one check (real figures: tests/benchmarks/pictures.py)."""


def refused(path: Path, name: str = "") -> tuple[str, float]:
    """The refusal sentence for ``path`` and the seconds the check took."""
    started = time.perf_counter()
    with pytest.raises(PictureRefused) as caught:
        check_picture(path, name)
    return str(caught.value), time.perf_counter() - started


# --- pictures that pass --------------------------------------------------------------------


def test_every_bundled_picture_passes() -> None:
    pictures = sorted((BUNDLED_CONTENT / "images").glob("*.svg"))
    assert pictures
    for path in pictures:
        assert check_picture(path) == PictureFacts("SVG"), path.name


@pytest.mark.parametrize(
    ("colour", "depth", "interlace"),
    [(2, 8, 0), (6, 8, 0), (0, 1, 0), (3, 4, 0), (4, 16, 0), (6, 16, 1), (0, 2, 1), (3, 8, 1)],
)
def test_valid_pngs_pass(tmp_path: Path, colour: int, depth: int, interlace: int) -> None:
    path = write(
        tmp_path, "a.png", real_png(37, 23, colour=colour, depth=depth, interlace=interlace)
    )
    assert check_picture(path) == PictureFacts("PNG", 37, 23)


@pytest.mark.parametrize("progressive", [False, True])
@pytest.mark.parametrize("suffix", [".jpg", ".JPEG"])
def test_jpegs_pass(qapp: object, tmp_path: Path, suffix: str, progressive: bool) -> None:
    path = write(tmp_path, "photo" + suffix, qt_jpeg(640, 480, progressive=progressive))
    assert check_picture(path) == PictureFacts("JPEG", 640, 480)


def test_an_svg_may_use_its_own_parts_and_embed_a_small_png(tmp_path: Path) -> None:
    import base64

    embedded = base64.b64encode(real_png(4, 4)).decode("ascii")
    body = (
        '<defs><linearGradient id="g"/><rect id="r" width="5" height="5"/></defs>'
        '<use href="#r"/><use xlink:href="#r" x="10"/><rect fill="url(#g)" width="3" height="3"/>'
        f'<image width="4" height="4" href="data:image/png;base64,{embedded}"/>'
        "<style>rect { fill: url(#g); }</style>"
    )
    path = write(tmp_path, "ok.svg", '<?xml version="1.0"?>\n' + svg_doc(body))
    assert check_picture(path) == PictureFacts("SVG")


# --- the wrong bytes for the name ----------------------------------------------------------


def test_a_png_saved_as_svg_is_named_with_what_to_do(tmp_path: Path) -> None:
    path = write(tmp_path, "hip-joint.svg", real_png(20, 10))
    message, _ = refused(path)
    assert message == (
        '"hip-joint.svg" is a PNG picture saved with the .svg name: rename it hip-joint.png '
        "and change the page to match"
    )


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("photo.png", "jpeg", "is a JPEG picture saved with the .png name: rename it photo.jpg"),
        ("drawing.jpg", "svg", "is a SVG picture saved with the .jpg name: rename it drawing.svg"),
        ("anim.png", "gif", "is a GIF file, which the kiosk cannot show"),
        ("phone.jpg", "heic", "is a HEIC file, which the kiosk cannot show"),
        ("x.svg", "svgz", "is a compressed (gzip or .svgz) file"),
        ("notes.png", "text", "is not a picture the kiosk can show"),
        ("empty.svg", "empty", "is not a picture the kiosk can show"),
        ("page.svg", "html", "is not an SVG drawing"),
    ],
)
def test_bytes_that_do_not_match_the_name(
    qapp: object, tmp_path: Path, name: str, content: str, fragment: str
) -> None:
    samples: dict[str, bytes] = {
        "jpeg": qt_jpeg(8, 8),
        "svg": svg_doc("").encode(),
        "gif": b"GIF89a" + b"\x00" * 20,
        "heic": b"\x00\x00\x00\x18ftypheic" + b"\x00" * 20,
        "svgz": b"\x1f\x8b\x08\x00" + b"\x00" * 20,
        "text": b"just some notes\n",
        "empty": b"",
        "html": b"<html><body>hello</body></html>",
    }
    data = samples[content]
    message, _ = refused(write(tmp_path, name, data))
    assert message.startswith(f'"{name}" ')
    assert fragment in message


# --- damaged and truncated -----------------------------------------------------------------


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9, 0.99])
def test_a_truncated_png_is_cut_short(tmp_path: Path, keep: float) -> None:
    whole = real_png(300, 200, colour=6)
    path = write(tmp_path, "cut.png", whole[: int(len(whole) * keep)])
    message, seconds = refused(path)
    assert message.startswith('"cut.png" is cut short') or "damaged" in message
    assert seconds < GUARD_S


def test_a_png_cut_inside_its_data_is_cut_short(tmp_path: Path) -> None:
    """Whole chunks with right CRCs, but the compressed data stops early: only inflating it
    to the size IHDR gives can tell."""
    import zlib

    whole = real_png(200, 200)
    header = whole[8:33]
    raw = zlib.compress(os.urandom(200 * 601))[:5000]
    data = b"\x89PNG\r\n\x1a\n" + header + png_chunk(b"IDAT", raw) + png_chunk(b"IEND", b"")
    message, _ = refused(write(tmp_path, "short.png", data))
    assert message.startswith('"short.png" is cut short')


def test_a_png_with_a_wrong_checksum_is_damaged(tmp_path: Path) -> None:
    data = bytearray(real_png(50, 50))
    data[45] ^= 0xFF  # inside the IDAT data (it starts at byte 41)
    message, _ = refused(write(tmp_path, "crc.png", bytes(data)))
    assert message == (
        '"crc.png" is damaged (the checksum of its IDAT part is wrong): '
        "save or copy the picture again"
    )


def test_a_png_without_a_header_is_damaged(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IEND", b"")
    assert "its header is missing" in refused(write(tmp_path, "h.png", data))[0]


@pytest.mark.parametrize("keep", [0.2, 0.5, 0.95])
def test_a_truncated_jpeg_is_cut_short(qapp: object, tmp_path: Path, keep: float) -> None:
    whole = qt_jpeg(400, 300)
    message, seconds = refused(write(tmp_path, "cut.jpg", whole[: int(len(whole) * keep)]))
    assert message.startswith('"cut.jpg" is cut short'), message
    assert seconds < GUARD_S


def test_a_jpeg_without_its_end_marker_is_cut_short(qapp: object, tmp_path: Path) -> None:
    whole = qt_jpeg(64, 64)
    assert whole.endswith(b"\xff\xd9")
    message, _ = refused(write(tmp_path, "noend.jpeg", whole[:-2]))
    assert message.startswith('"noend.jpeg" is cut short')


# --- too large -----------------------------------------------------------------------------


def test_a_tiny_png_claiming_60000_by_60000_is_refused_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "huge.png", png_claiming(60000, 60000))
    assert path.stat().st_size < 200
    message, seconds = refused(path)
    assert message.startswith('"huge.png" is 60000 x 60000 pixels: the kiosk shows PNG pictures')
    assert "save a smaller copy" in message
    assert seconds < 1.0


def test_a_png_just_over_the_pixel_limit_is_refused(tmp_path: Path) -> None:
    assert check_picture(write(tmp_path, "ok.png", real_png(1920, 1200, colour=0))).width == 1920
    side = int(MAX_PNG_PIXELS**0.5) + 1
    message, _ = refused(write(tmp_path, "big.png", png_claiming(side, side)))
    assert f"{side} x {side} pixels" in message


def test_a_jpeg_claiming_too_many_pixels_is_refused(qapp: object, tmp_path: Path) -> None:
    data = bytearray(qt_jpeg(16, 16))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = (5000).to_bytes(2, "big") + (5000).to_bytes(2, "big")
    assert MAX_JPEG_PIXELS < 5000 * 5000
    message, _ = refused(write(tmp_path, "big.jpg", bytes(data)))
    assert message.startswith('"big.jpg" is 5000 x 5000 pixels')


@pytest.mark.parametrize(
    ("name", "limit"), [("big.png", MAX_PNG_BYTES), ("big.jpg", MAX_JPEG_BYTES)]
)
def test_raster_files_over_their_size_limit(tmp_path: Path, name: str, limit: int) -> None:
    path = tmp_path / name
    with open(path, "wb") as file:
        file.truncate(limit + 1)  # sparse: the size alone must refuse it, nothing is read
    message, seconds = refused(path)
    assert message.startswith(f'"{name}" is ')
    assert "MB at most" in message
    assert seconds < 1.0


def test_a_40_mb_svg_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.svg"
    rect = b'<rect width="1" height="1"/>'
    with open(path, "wb") as file:
        file.write(svg_doc("").encode()[:-6])
        file.write(rect * (40 * 1024 * 1024 // len(rect)))
        file.write(b"</svg>")
    message, seconds = refused(path)
    assert message.startswith('"huge.svg" is 40.0 MB: SVG pictures may be 1.0 MB at most')
    assert seconds < 1.0


def test_an_svg_just_under_the_size_limit_with_too_many_elements(tmp_path: Path) -> None:
    rect = '<rect width="1" height="1"/>'
    body = rect * ((MAX_SVG_BYTES - 200) // len(rect))
    path = write(tmp_path, "many.svg", svg_doc(body))
    message, seconds = refused(path)
    assert message.startswith(f'"many.svg" has more than {MAX_SVG_ELEMENTS:,} elements')
    assert seconds < GUARD_S


# --- hostile SVG ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reference",
    [
        '<image href="/etc/hostname" width="10" height="10"/>',
        '<image xlink:href="../../secret.png" width="10" height="10"/>',
        '<image href="http://example.com/x.png" width="10" height="10"/>',
        '<image href="file:///etc/passwd" width="10" height="10"/>',
        '<image href="photo.png" width="10" height="10"/>',
        '<use href="other.svg#part"/>',
        '<rect fill="url(/tmp/x.svg#p)" width="1" height="1"/>',
        "<style>@import url(http://example.com/x.css);</style>",
        '<image href="data:image/svg+xml;base64,PHN2Zy8+" width="1" height="1"/>',
    ],
)
def test_an_svg_referring_outside_itself_is_refused(tmp_path: Path, reference: str) -> None:
    message, seconds = refused(write(tmp_path, "outside.svg", svg_doc(reference)))
    assert message.startswith('"outside.svg" refers to something outside the drawing'), message
    assert seconds < GUARD_S


def test_an_xlink_href_under_another_prefix_is_still_seen(tmp_path: Path) -> None:
    """QtSvg reads the attribute by its written name, so the namespace must not hide it."""
    text = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="urn:not-xlink" width="9" '
        'height="9"><image xlink:href="/etc/hostname" width="9" height="9"/></svg>'
    )
    assert "outside the drawing" in refused(write(tmp_path, "ns.svg", text))[0]


def test_an_embedded_picture_is_checked_too(tmp_path: Path) -> None:
    import base64

    payload = base64.b64encode(png_claiming(60000, 60000)).decode()
    body = f'<image width="1" height="1" href="data:image/png;base64,{payload}"/>'
    message, _ = refused(write(tmp_path, "embed.svg", svg_doc(body)))
    assert message.startswith('"embed.svg" embeds a picture that cannot be shown')
    assert "60000 x 60000" in message


def test_a_use_fan_out_is_refused(tmp_path: Path) -> None:
    text = use_fan_out()
    assert len(text) < 2000
    message, seconds = refused(write(tmp_path, "fan.svg", text))
    assert message.startswith(f'"fan.svg" draws more than {MAX_SVG_DRAWN:,} shapes')
    assert seconds < 1.0


def test_a_use_that_copies_itself_is_refused(tmp_path: Path) -> None:
    body = '<g id="a"><g id="b"><use href="#a"/></g></g>'
    assert "copies itself" in refused(write(tmp_path, "loop.svg", svg_doc(body)))[0]


def test_a_small_fan_out_within_the_limit_passes(tmp_path: Path) -> None:
    assert check_picture(write(tmp_path, "small.svg", use_fan_out(levels=3))) == PictureFacts("SVG")


def _see_through_circles(count: int) -> str:
    """Small and inside every count limit, slow to paint: large see-through stroked circles
    (2,000 of them took 3.5 s to draw at 1920x1080)."""
    return svg_doc(
        "".join(
            f'<circle cx="{500 + i % 7}" cy="{500 + i % 5}" r="{480 - i % 40}" fill="#3366aa" '
            'fill-opacity="0.3" stroke="#112233" stroke-width="40" stroke-opacity="0.5"/>'
            for i in range(count)
        ),
        attributes='viewBox="0 0 1000 1000"',
    )


def test_an_svg_with_too_much_to_paint_is_refused(tmp_path: Path) -> None:
    text = _see_through_circles(2000)
    assert len(text) < 300_000
    message, seconds = refused(write(tmp_path, "circles.svg", text))
    assert message.startswith('"circles.svg" has too much to paint')
    assert seconds < 1.0
    # a handful of the same circles is a drawing like any other
    assert check_picture(write(tmp_path, "few.svg", _see_through_circles(5))).kind == "SVG"


def test_the_entity_bomb_is_refused_at_once(tmp_path: Path) -> None:
    message, seconds = refused(write(tmp_path, "lol.svg", billion_laughs()))
    assert message.startswith('"lol.svg" has a DOCTYPE declaration')
    assert seconds < 1.0


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    message, seconds = refused(write(tmp_path, "deep.svg", deep_svg(50_000)))
    assert message.startswith(f'"deep.svg" nests its shapes more than {MAX_SVG_DEPTH} levels')
    assert seconds < GUARD_S
    assert check_picture(write(tmp_path, "ok.svg", deep_svg(MAX_SVG_DEPTH - 1))).kind == "SVG"


def test_filter_effects_are_refused(tmp_path: Path) -> None:
    body = '<filter id="f"><feGaussianBlur stdDeviation="50"/></filter><rect filter="url(#f)"/>'
    message, _ = refused(write(tmp_path, "blur.svg", svg_doc(body)))
    assert message.startswith('"blur.svg" uses a filter effect')


def test_broken_xml_names_the_line(tmp_path: Path) -> None:
    message, _ = refused(write(tmp_path, "broken.svg", svg_doc("\n\n<rect>")))
    assert message.startswith('"broken.svg" is not a valid SVG file (broken at line 3)')


# --- the cache follows the file ------------------------------------------------------------


def test_the_cached_verdict_follows_a_file_replaced_in_place(tmp_path: Path) -> None:
    path = write(tmp_path, "hip.png", real_png(10, 10))
    assert checked_picture(path).width == 10
    path.write_bytes(b"garbage, not a picture at all")
    with pytest.raises(PictureRefused, match="is not a picture the kiosk can show"):
        checked_picture(path)
    path.write_bytes(real_png(12, 10))
    assert checked_picture(path).width == 12


# --- through the loader: the page stays, the picture is named ------------------------------


def test_through_the_loader_a_bad_picture_keeps_every_page(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "images/hip-joint.svg", real_png(20, 10))
    write(root, "images/fan.svg", use_fan_out())
    write(root, "images/photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF")
    write(root, "en/01-a.md", page_text(illustration="hip-joint.svg"))
    write(root, "en/02-b.md", page_text(illustration="fan.svg"))
    write(root, "en/03-c.md", page_text("Text.\n\n![A photo](photo.jpg)\n"))
    write(root, "en/04-d.md", page_text())
    started = time.perf_counter()
    library = load_library(root, today=TODAY)
    assert time.perf_counter() - started < GUARD_S
    deck = library.deck("en")
    assert deck is not None
    assert [page.slug for page in deck.pages] == ["a", "b", "c", "d"]
    assert deck.pages[0].illustration is None
    assert deck.pages[3].illustration is not None
    assert_problem(
        library,
        root / "en" / "01-a.md",
        4,
        Severity.ERROR,
        '"hip-joint.svg" is a PNG picture saved with the .svg name: rename it hip-joint.png',
    )
    assert_problem(library, root / "en" / "02-b.md", 4, Severity.ERROR, "<use> copies")
    assert_problem(library, root / "en" / "03-c.md", 10, Severity.ERROR, '"photo.jpg" is cut')


# --- random bytes ---------------------------------------------------------------------------


@settings(max_examples=300, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=2048),
        st.binary(max_size=512).map(lambda tail: b"\x89PNG\r\n\x1a\n" + tail),
        st.binary(max_size=512).map(lambda tail: b"\xff\xd8\xff" + tail),
        st.binary(max_size=512).map(lambda tail: b"<svg " + tail),
        st.integers(0, 400).map(lambda cut: real_png(16, 16, colour=6)[:cut]),
        st.tuples(st.integers(8, 200), st.integers(0, 255)).map(
            lambda spot: _flip(real_png(8, 8), *spot)
        ),
    ),
    kind=st.sampled_from(["PNG", "JPEG", "SVG"]),
)
def test_random_bytes_only_ever_refuse_or_pass(data: bytes, kind: str) -> None:
    started = time.perf_counter()
    try:
        facts = check_picture_bytes(data, "random", kind)
    except PictureRefused as refusal:
        assert str(refusal).startswith('"random" ')
    else:
        assert facts.kind == kind
    assert time.perf_counter() - started < 1.0


def _flip(data: bytes, at: int, value: int) -> bytes:
    at = min(at, len(data) - 1)
    return data[:at] + bytes([value]) + data[at + 1 :]


def test_qt_can_decode_jpeg(qtbot: QtBot) -> None:
    """The JPEG builders need Qt's jpeg plugin, which the bundle must carry too."""
    from PySide6.QtGui import QImageReader

    assert b"jpeg" in [bytes(f.data()) for f in QImageReader.supportedImageFormats()]
