"""Builders for small content folders, so tests do not depend on the bundled pages' wording."""

from __future__ import annotations

import os
from pathlib import Path

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">'
    "<title>test</title>"
    '<rect x="0" y="0" width="400" height="300" fill="#F3E3C7"/>'
    '<circle cx="200" cy="150" r="100" fill="#1F5F66"/></svg>'
)

PAGES = (
    (
        "01-first",
        "First page",
        "mdi6.bone",
        "Body of the first page. Go to [the second](page:second).",
    ),
    ("02-second", "Second page", "mdi6.walk", "Body of the second page.\n\n- one\n- two"),
    ("03-third", "Third page", "mdi6.calendar-check", "Body of the third page. " * 200),
)


def page_text(title: str, icon: str, body: str, illustration: str = "picture.svg") -> str:
    return (
        f"---\ntitle: {title}\nicon: {icon}\nillustration: {illustration}\n"
        f"alt: A test picture\nreview: 2099-01-01\nsummary: About {title.lower()}\n---\n{body}\n"
    )


def write_content(root: Path, languages: tuple[str, ...] = ("en", "es")) -> Path:
    """A valid folder: three pages per language, a shared picture, one deck.yml each."""
    (root / "images").mkdir(parents=True, exist_ok=True)
    (root / "images" / "picture.svg").write_text(SVG, encoding="utf-8")
    names = {"en": "English", "es": "Español"}
    for language in languages:
        folder = root / language
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "deck.yml").write_text(
            f"language_name: {names.get(language, language)}\n"
            f"welcome_title: Welcome {language}\nwelcome_text: Touch the screen\n"
            "attract_illustration: picture.svg\nvisit_page: third\n",
            encoding="utf-8",
        )
        for stem, title, icon, body in PAGES:
            (folder / f"{stem}.md").write_text(
                page_text(f"{title} {language}", icon, body), encoding="utf-8"
            )
    return root


def edit_title(page: Path, new_title: str) -> None:
    """Change a page's title and make sure its modification time moves on."""
    text = page.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("title: "))
    page.write_text(text.replace(old, f"title: {new_title}"), encoding="utf-8")
    stat = page.stat()  # make sure the change is visible even on coarse-mtime filesystems
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
