"""Load a content folder into an immutable :class:`~kiosk.content.model.Library`.

``load_library`` never raises for anything found in the folder: every problem becomes a
:class:`~kiosk.content.model.Problem` (``path:line``, error or warning, plain words for clinic
staff). Pages with an error are left out, the rest are shown. Markdown is not rendered here;
links are found with a light scan (see :mod:`kiosk.content.links`).

Folder layout::

    <root>/images/          pictures shared by all languages (optional)
    <root>/<lang>/deck.yml  deck settings (optional, see kiosk.content.deckfile)
    <root>/<lang>/NN-slug.md pages (see kiosk.content.pagefile)
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.deckfile import DECK_FILE, DeckSettings, read_deck_settings
from kiosk.content.icons import IconCatalog, default_catalog
from kiosk.content.images import SHARED_IMAGES_DIR, ImageResolver
from kiosk.content.links import link_problem, page_link
from kiosk.content.model import Deck, Library, Problem, Severity
from kiosk.content.names import is_language_code
from kiosk.content.pagefile import PAGE_FILE_RE, PageDraft, parse_page


@dataclass(slots=True)
class _Language:
    code: str
    folder: Path
    settings: DeckSettings
    drafts: list[PageDraft]
    problems: list[Problem]
    deck: Deck | None = None


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as scan:
        return sorted((entry for entry in scan if not entry.name.startswith(".")), key=_name)


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _file_problem(
    entry: os.DirEntry[str], path: Path, well_named: bool, root: Path
) -> Problem | None:
    """Why a ``.md`` entry is not read as a page (None when it should be)."""
    if not well_named:
        return Problem(
            path,
            1,
            Severity.WARNING,
            "ignored: page file names look like 03-hip-joint.md "
            "(a number, a dash, lower-case words joined by dashes, .md)",
        )
    if not _is_file(entry):
        return Problem(path, 1, Severity.WARNING, "ignored: not a regular file (a broken link?)")
    try:
        outside = entry.is_symlink() and root.resolve() not in path.resolve().parents
    except (OSError, RuntimeError):
        outside = True
    if outside:
        return Problem(
            path,
            1,
            Severity.ERROR,
            "the page is a link to a file outside the content folder: copy the file here instead",
        )
    return None


def _read_language(
    code: str,
    folder: Path,
    *,
    root: Path,
    today: dt.date,
    images: ImageResolver,
    icons: IconCatalog,
) -> _Language:
    settings = read_deck_settings(folder, language=code, images=images)
    language = _Language(code, folder, settings, [], [])
    try:
        entries = _entries(folder)
    except OSError as error:
        language.problems.append(
            Problem(folder, 1, Severity.ERROR, f"the folder cannot be read ({error.strerror})")
        )
        return language
    for entry in entries:
        name = entry.name
        if not name.lower().endswith(".md"):
            if name.lower() in ("deck.yaml", "deck.yml") and name != DECK_FILE:
                language.problems.append(
                    Problem(
                        folder / name, 1, Severity.WARNING, f'ignored: name this file "{DECK_FILE}"'
                    )
                )
            continue
        path = folder / name
        match = PAGE_FILE_RE.fullmatch(name)
        if _is_dir(entry):
            continue
        problem = _file_problem(entry, path, match is not None, root)
        if problem is not None:
            language.problems.append(problem)
            continue
        assert match is not None
        try:
            draft = parse_page(
                path,
                order=int(match["order"]),
                slug=match["slug"],
                language_dir=folder,
                today=today,
                images=images,
                icons=icons,
            )
        except Exception as error:  # last resort: one odd file must not stop the kiosk
            draft = PageDraft(path=path, order=int(match["order"]), slug=match["slug"])
            draft.error(1, f"this page could not be checked ({type(error).__name__})")
        language.drafts.append(draft)
    language.drafts.sort(key=lambda draft: (draft.order, draft.slug, draft.path.name))
    _check_duplicates(language.drafts)
    _check_chapters(language)
    return language


def _check_duplicates(drafts: list[PageDraft]) -> None:
    by_slug: dict[str, PageDraft] = {}
    by_order: dict[int, PageDraft] = {}
    for draft in drafts:
        first = by_slug.setdefault(draft.slug, draft)
        if first is not draft:
            draft.error(
                1,
                f'another page is also named "{draft.slug}" ({first.path.name}): '
                "give each page its own name",
            )
        first = by_order.setdefault(draft.order, draft)
        if first is not draft:
            draft.error(
                1,
                f"another page has the same number {draft.order} ({first.path.name}): "
                "give each page its own number",
            )


def _check_chapters(language: _Language) -> None:
    known = {chapter.id for chapter in language.settings.chapters}
    listed = ", ".join(sorted(known)) or "none declared"
    for draft in language.drafts:
        if draft.chapter is None or draft.chapter in known:
            continue
        if language.settings.chapters_trusted:
            draft.error(
                draft.chapter_line,
                f'unknown chapter "{draft.chapter[:40]}": use one of the chapter ids in '
                f"{language.code}/{DECK_FILE} ({listed}) or remove this line",
            )
        else:
            draft.warning(
                draft.chapter_line,
                f'chapter "{draft.chapter[:40]}" cannot be used because {DECK_FILE} has a '
                "problem: the page is shown without a chapter until it is fixed",
            )
            draft.chapter = None


def _check_links(language: _Language) -> list[PageDraft]:
    """Check page links against the pages without other errors; return the pages shown.

    Links of pages that already have errors are checked too, so staff see every problem at
    once; pages left out for a bad link do not make links to them bad (a single pass).
    """
    existing = {draft.slug for draft in language.drafts}
    candidates = [draft for draft in language.drafts if not draft.has_errors]
    shown = {draft.slug for draft in candidates}
    for draft in language.drafts:
        for line, slug in draft.page_links:
            problem = link_problem(
                page_link(slug), shown=shown, existing=existing, language=language.code
            )
            if problem is not None:
                draft.error(line, problem)
    return [draft for draft in candidates if not draft.has_errors]


def _finish_deck(language: _Language) -> None:
    good = _check_links(language)
    settings = language.settings
    slugs = {draft.slug for draft in good}
    visit_page = settings.visit_page
    if visit_page is not None and visit_page not in slugs:
        settings.error(
            settings.visit_page_line,
            f'"visit_page": there is no page "{visit_page[:40]}" to show in {language.code}: '
            "write the name of a page file without its number and .md",
        )
        visit_page = None
    if not good:
        language.problems.append(
            Problem(
                language.folder,
                1,
                Severity.WARNING,
                f'no page can be shown in "{language.code}", so this language is not offered',
            )
        )
        return
    language.deck = Deck(
        language=language.code,
        language_name=settings.language_name,
        pages=tuple(draft.to_page() for draft in good),
        chapters=settings.chapters,
        welcome_title=settings.welcome_title,
        welcome_text=settings.welcome_text,
        attract_illustration=settings.attract_illustration,
        visit_page=visit_page,
        location_names=settings.location_names,
        callback_text=settings.callback_text,
    )


def _compare_languages(languages: list[_Language]) -> list[Problem]:
    slugs = {
        language.code: {page.slug for page in language.deck.pages}
        for language in languages
        if language.deck is not None
    }
    problems: list[Problem] = []
    for language in languages:
        if language.deck is None:
            continue
        here = slugs[language.code]
        missing: dict[str, list[str]] = {}
        for other, other_slugs in slugs.items():
            for slug in other_slugs - here:
                missing.setdefault(slug, []).append(other)
        for slug in sorted(missing):
            problems.append(
                Problem(
                    language.folder,
                    1,
                    Severity.WARNING,
                    f'{language.code}: page "{slug}" exists in {", ".join(missing[slug])} '
                    "but not here: translate it, or patients switching language will not find it",
                )
            )
    return problems


def _all_problems(languages: Iterable[_Language], extra: list[Problem]) -> tuple[Problem, ...]:
    problems = list(extra)
    for language in languages:
        problems.extend(language.settings.problems)
        problems.extend(language.problems)
        for draft in language.drafts:
            problems.extend(draft.problems)
    problems.sort(key=lambda problem: (problem.path.parts, problem.line))
    return tuple(problems)


def load_library(
    root: Path, *, today: dt.date | None = None, icons: IconCatalog | None = None
) -> Library:
    """Load and check the content folder ``root``; never raises for content problems.

    ``today`` decides which review dates have passed (default: the real date). ``icons`` is
    the icon catalog to check icon names against (default: the installed qtawesome's).
    """
    root = Path(os.path.abspath(root))
    today = today if today is not None else dt.date.today()
    icons = icons if icons is not None else default_catalog()
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        message = f"the content folder {what}: check the path given to the kiosk"
        return Library(root=root, decks=(), problems=(Problem(root, 1, Severity.ERROR, message),))
    try:
        entries = _entries(root)
    except OSError as error:
        message = f"the content folder cannot be read ({error.strerror})"
        return Library(root=root, decks=(), problems=(Problem(root, 1, Severity.ERROR, message),))
    images = ImageResolver(root)
    languages: list[_Language] = []
    extra: list[Problem] = []
    for entry in entries:
        if not _is_dir(entry) or entry.name == SHARED_IMAGES_DIR:
            continue
        folder = root / entry.name
        if not is_language_code(entry.name):
            extra.append(
                Problem(
                    folder,
                    1,
                    Severity.WARNING,
                    "ignored: language folders are named with a language code such as en, es "
                    f"or pt-BR; shared pictures go in {SHARED_IMAGES_DIR}/",
                )
            )
            continue
        try:
            language = _read_language(
                entry.name, folder, root=root, today=today, images=images, icons=icons
            )
            _finish_deck(language)
        except Exception as error:  # last resort: never raise on content
            message = f"this language could not be checked ({type(error).__name__})"
            extra.append(Problem(folder, 1, Severity.ERROR, message))
            continue
        languages.append(language)
    extra.extend(_compare_languages(languages))
    decks = tuple(language.deck for language in languages if language.deck is not None)
    if not decks:
        message = (
            "no page can be shown in any language: fix the errors in the page files"
            if languages
            else "no language folder found: put the pages in a folder named with a "
            "language code, such as en/"
        )
        extra.append(Problem(root, 1, Severity.ERROR, message))
    return Library(root=root, decks=decks, problems=_all_problems(languages, extra))
