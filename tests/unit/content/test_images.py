"""images: Qt-free intrinsic sizes, picture lookup and kiosk-image URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.images import (
    KIOSK_IMAGE_SCHEME,
    ImageNotUsable,
    ImageResolver,
    image_size,
    kiosk_image_url,
    path_from_kiosk_image_url,
    resolve_image,
    scaled_size,
)
from tests.unit.content.content_helpers import png_bytes, svg, write


@pytest.mark.parametrize(
    ("content", "size"),
    [
        (svg("400", "300"), (400, 300)),
        (svg("400px", "300px"), (400, 300)),
        (svg("3in", "1in"), (288, 96)),
        (svg("75pt", "150pt"), (100, 200)),
        (svg("25.4mm", "2.54cm"), (96, 96)),
        (svg("10.6", "0.2"), (11, 1)),
        (svg(None, None, "0 0 640 480"), (640, 480)),
        (svg(None, None, "0,0,640,480"), (640, 480)),
        (svg("100%", "100%", "0 0 640 480"), (640, 480)),
        (svg("320", None, "0 0 640 480"), (320, 240)),
        (svg(None, "240", "0 0 640 480"), (320, 240)),
        (svg("2e2", "1e2"), (200, 100)),
        ('<?xml version="1.0"?>\n<!-- comment -->\n' + svg("5", "6"), (5, 6)),
    ],
)
def test_svg_sizes(tmp_path: Path, content: str, size: tuple[int, int]) -> None:
    assert image_size(write(tmp_path, "a.svg", content)) == size


@pytest.mark.parametrize(
    "content",
    [
        svg(None, None),
        svg("100%", "50%"),
        svg("10em", "10em"),
        svg("0", "10"),
        svg("-5", "10"),
        svg("inf", "10"),
        svg(None, None, "0 0 0 100"),
        svg(None, None, "0 0 nan 100"),
        svg(None, None, "0 0 100"),
        svg("1e9", "1"),
        svg("320", None),
        "<html><body/></html>",
        "not xml at all",
        "",
        "<svg width='10' height='10'",
        '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg width="10" height="10">&a;</svg>',
        '<!doctype svg SYSTEM "http://evil/x.dtd"><svg width="1" height="1"/>',
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        '<svg width="&lol2;" height="1"/>',
    ],
)
def test_svg_without_usable_size_is_none(tmp_path: Path, content: str) -> None:
    assert image_size(write(tmp_path, "a.svg", content)) is None


def test_svg_utf16_and_nul_bytes_are_none(tmp_path: Path) -> None:
    assert image_size(write(tmp_path, "a.svg", svg().encode("utf-16"))) is None
    assert image_size(write(tmp_path, "b.svg", b"<svg width='1'\x00 height='1'/>")) is None


def test_png_size(tmp_path: Path) -> None:
    assert image_size(write(tmp_path, "a.png", png_bytes(640, 480))) == (640, 480)
    assert image_size(write(tmp_path, "b.png", png_bytes(0, 480))) is None
    assert image_size(write(tmp_path, "c.png", png_bytes(640, 480)[:20])) is None
    assert image_size(write(tmp_path, "d.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 30)) is None


def test_size_is_by_content_not_by_name(tmp_path: Path) -> None:
    assert image_size(write(tmp_path, "really-a-png.svg", png_bytes(3, 4))) == (3, 4)


def test_missing_or_folder_is_none(tmp_path: Path) -> None:
    assert image_size(tmp_path / "nope.svg") is None
    assert image_size(tmp_path) is None


@pytest.mark.parametrize(
    ("size", "column", "expected"),
    [((1600, 800), 800, (800, 400)), ((200, 100), 800, (200, 100)), ((1000, 1), 10, (10, 1))],
)
def test_scaled_size(size: tuple[int, int], column: int, expected: tuple[int, int]) -> None:
    assert scaled_size(size, column) == expected


def test_kiosk_image_urls_round_trip(tmp_path: Path) -> None:
    path = write(tmp_path, "odd name #1 ?%.svg", svg())
    url = kiosk_image_url(path)
    assert url.startswith(KIOSK_IMAGE_SCHEME + ":/")
    assert "#" not in url and "?" not in url and " " not in url
    assert path_from_kiosk_image_url(url) == path
    assert path_from_kiosk_image_url(url, root=tmp_path) == path
    decoded = f"{KIOSK_IMAGE_SCHEME}:{path.as_posix()}"
    assert path_from_kiosk_image_url(decoded.replace("%", "%25")) == path


@pytest.mark.parametrize(
    "url",
    [
        "http://x/a.svg",
        "kiosk-image:relative.svg",
        "kiosk-image:/etc/passwd",
        "kiosk-image:/a%00b.svg",
        "",
    ],
)
def test_path_from_url_rejects_others(tmp_path: Path, url: str) -> None:
    assert path_from_kiosk_image_url(url, root=tmp_path) is None


def test_path_from_url_without_root_accepts_any_absolute() -> None:
    assert path_from_kiosk_image_url("kiosk-image:/etc/passwd") == Path("/etc/passwd")


def test_resolver_caches_failures_too(tmp_path: Path) -> None:
    resolver = ImageResolver(tmp_path)
    (tmp_path / "en").mkdir()
    with pytest.raises(ImageNotUsable, match="was not found"):
        resolver.resolve("a.svg", tmp_path / "en")
    write(tmp_path, "en/a.svg", svg())
    with pytest.raises(ImageNotUsable, match="was not found"):
        resolver.resolve("a.svg", tmp_path / "en")
    assert (
        resolve_image("a.svg", root=tmp_path, language_dir=tmp_path / "en")
        == (tmp_path / "en" / "a.svg").resolve()
    )


def test_resolve_image_accepts_jpeg_and_refuses_a_mismatch(qapp: object, tmp_path: Path) -> None:
    from tests.unit.content.picture_files import qt_jpeg, real_png

    language = tmp_path / "en"
    write(tmp_path, "en/photo.JPG", qt_jpeg(32, 24))
    write(tmp_path, "images/hip-joint.svg", real_png(4, 4))
    found = resolve_image("photo.JPG", root=tmp_path, language_dir=language)
    assert found == (language / "photo.JPG").resolve()
    assert image_size(found) == (32, 24)
    with pytest.raises(ImageNotUsable, match=r'"hip-joint.svg" is a PNG picture saved with the'):
        resolve_image("hip-joint.svg", root=tmp_path, language_dir=language)
    with pytest.raises(ImageNotUsable, match=r"is not an \.svg, \.png or \.jpg picture"):
        resolve_image("hip.gif", root=tmp_path, language_dir=language)


def test_the_resolver_checks_the_file_again_once_it_changed(tmp_path: Path) -> None:
    from tests.unit.content.picture_files import real_png

    language = tmp_path / "en"
    path = write(tmp_path, "en/hip.png", real_png(4, 4))
    assert resolve_image("hip.png", root=tmp_path, language_dir=language) == path.resolve()
    path.write_bytes(real_png(4, 4)[:40])
    with pytest.raises(ImageNotUsable, match="is cut short"):
        ImageResolver(tmp_path).resolve("hip.png", language)
