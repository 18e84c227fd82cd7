"""icons: Qt-free icon-name check against qtawesome's charmap files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.content.icons import (
    ICON_PREFIXES,
    IconCatalog,
    default_catalog,
    qtawesome_fonts_dir,
    split_icon_name,
)


@pytest.mark.parametrize(
    "name", ["mdi6.bone", "mdi6.human-handsup", "fa6s.bone", "fa6.heart", "fa6b.github", "ph.heart"]
)
def test_real_icons_exist(name: str) -> None:
    assert default_catalog().exists(name)


@pytest.mark.parametrize(
    "name",
    [
        "mdi6.bonez",
        "mdi.bone",
        "fa5s.bone",
        "fa.bone",
        "ei.heart",
        "mdi6.",
        "bone",
        "MDI6.bone",
        "mdi6.Bone",
        "mdi6.bone ",
        "mdi6.bone.x",
        "mdi6..bone",
        "mdi6.-bone",
        "",
        "mdi6.bone\n",
    ],
)
def test_unknown_or_malformed_icons_do_not_exist(name: str) -> None:
    assert not default_catalog().exists(name)


def test_suggestions() -> None:
    catalog = default_catalog()
    assert catalog.suggestion("mdi6.bonez") == "mdi6.bone"
    assert catalog.suggestion("mdi.bone") == "mdi6.bone"
    assert catalog.suggestion("mdi6.zzzzqqqq") is None
    assert catalog.suggestion("nothing") is None


def test_default_catalog_is_created_once() -> None:
    assert default_catalog() is default_catalog()


def test_fonts_are_found_without_importing_qtawesome() -> None:
    fonts = qtawesome_fonts_dir()
    assert fonts is not None and fonts.name == "fonts"
    for stem in ICON_PREFIXES.values():
        assert list(fonts.glob(f"{stem}*.json")), stem


def test_content_pipeline_does_not_import_qt() -> None:
    code = (
        "import sys\n"
        "from kiosk.content import loader, render, validate, icons\n"
        "assert icons.default_catalog().exists('mdi6.bone')\n"
        "render.render_markdown('# x')\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'qtawesome', 'qtpy', "
        "'shiboken6')]\n"
        "assert not bad, bad\n"
    )
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def _fonts(tmp_path: Path, files: dict[str, object]) -> Path:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for name, content in files.items():
        text = content if isinstance(content, str) else json.dumps(content)
        (fonts / name).write_text(text, encoding="utf-8")
    return fonts


def test_catalog_reads_only_matching_charmaps(tmp_path: Path) -> None:
    fonts = _fonts(
        tmp_path,
        {
            "materialdesignicons6-webfont-charmap-6.9.96.json": {"bone": "0xf1", "hip": "0xf2"},
            "materialdesignicons6-webfont-charmap-7.0.json": {"newer": "0xf3"},
            "materialdesignicons5-webfont-charmap-5.9.55.json": {"old": "0xf4"},
            "fontawesome6-solid-webfont-charmap-6.7.2.json": {"heart": "0xf5"},
            "fontawesome6-regular-webfont-charmap-6.7.2.json": "{not json",
            "fontawesome6-brands-webfont-charmap-6.7.2.json": ["a", "list"],
        },
    )
    catalog = IconCatalog(fonts)
    assert catalog.exists("mdi6.bone") and catalog.exists("mdi6.newer")
    assert not catalog.exists("mdi6.old")
    assert catalog.exists("fa6s.heart") and not catalog.exists("fa6s.bone")
    # unreadable or missing charmaps: any well-formed name of that prefix is accepted
    assert catalog.exists("fa6.anything") and catalog.exists("fa6b.anything")
    assert catalog.exists("ph.anything")
    assert not catalog.exists("ph.Not Well Formed")
    assert not catalog.exists("mdi.bone")


def test_catalog_caches_loaded_names(tmp_path: Path) -> None:
    fonts = _fonts(tmp_path, {"phosphor-charmap-1.3.0.json": {"heart": "0x1"}})
    catalog = IconCatalog(fonts)
    assert catalog.exists("ph.heart")
    (fonts / "phosphor-charmap-1.3.0.json").unlink()
    assert catalog.exists("ph.heart")
    assert not catalog.exists("ph.other")


def test_without_qtawesome_any_well_formed_name_is_accepted(tmp_path: Path) -> None:
    for catalog in (IconCatalog(None), IconCatalog(tmp_path / "no-such-folder")):
        assert catalog.exists("mdi6.whatever-icon")
        assert catalog.exists("fa6b.x1")
        assert not catalog.exists("mdi6.")
        assert not catalog.exists("unknown.prefix")
        assert catalog.suggestion("mdi6.bonez") is None


def test_missing_qtawesome_spec(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert qtawesome_fonts_dir() is None


def test_split_icon_name() -> None:
    assert split_icon_name("mdi6.bone") == ("mdi6", "bone")
    assert split_icon_name("ph.heart-fill") == ("ph", "heart-fill")
    assert split_icon_name("xx.bone") is None


def test_loader_accepts_a_custom_catalog(tmp_path: Path) -> None:
    from kiosk.content.loader import load_library
    from tests.unit.content.content_helpers import TODAY, make_root, page_text, write

    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text(icon="mdi6.not-in-real-qtawesome"))
    assert load_library(root, today=TODAY).decks == ()
    assert load_library(root, today=TODAY, icons=IconCatalog(None)).decks[0].pages[0].icon == (
        "mdi6.not-in-real-qtawesome"
    )
