"""Load a content folder into an immutable :class:`~kiosk.content.model.Library`.

``load_library`` never raises for anything found in the folder: every problem becomes a
:class:`~kiosk.content.model.Problem` (``path:line``, error or warning, plain words for clinic
staff). One mistake never takes other pages down:

* a page with an error in its own text or settings is left out, the rest are shown;
* a picture that cannot be used is an error, but the page is shown without it;
* a link to a page that is missing or left out is shown as plain text (a warning);
* two pages with one number are both shown, in file-name order (a warning says which to
  renumber).

Markdown is not rendered here; links are found with a light scan (see
:mod:`kiosk.content.links`) and the text is checked against the limits of
:mod:`kiosk.content.limits`, as are the folder's size, its number of languages and pages.

Folder layout::

    <root>/images/             pictures shared by all languages (optional)
    <root>/<lang>/deck.yml     deck settings (optional, see kiosk.content.deckfile)
    <root>/<lang>/NN-slug.md   pages (see kiosk.content.pagefile); the number has 1 to 3
                               digits, so 010, 020, ... leave room for pages added later

Language folders and ``deck.yml`` must be inside the content folder (symbolic links out of
it are refused, as for pages and pictures); names that are not valid UTF-8 are ignored.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.deckfile import DECK_FILE, DeckSettings, read_deck_settings
from kiosk.content.frontmatter import too_big_message
from kiosk.content.icons import IconCatalog, default_catalog
from kiosk.content.images import SHARED_IMAGES_DIR, ImageResolver
from kiosk.content.limits import (
    MAX_FILE_BYTES,
    MAX_IGNORED_REPORTED,
    MAX_LANGUAGE_BYTES,
    MAX_LANGUAGES,
    MAX_PAGES_PER_LANGUAGE,
)
from kiosk.content.model import Deck, Library, Problem, Severity
from kiosk.content.names import is_language_code
from kiosk.content.pagefile import PAGE_FILE_RE, PageDraft, parse_page


@dataclass(slots=True)
class _Budget:
    """Bytes of content files that may still be read for one language
    (:data:`MAX_LANGUAGE_BYTES`)."""

    left: int
    spent_reported: bool = False


@dataclass(slots=True)
class _Language:
    code: str
    folder: Path
    settings: DeckSettings
    drafts: list[PageDraft]
    problems: list[Problem]
    deck: Deck | None = None


def printable_name(name: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 become ``\\xNN``."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _entries(folder: Path, problems: list[Problem]) -> list[os.DirEntry[str]]:
    """The entries of ``folder`` by name, without hidden ones; names that are not valid
    UTF-8 (surrogate escapes) are reported with a printable name and left out."""
    kept: list[os.DirEntry[str]] = []
    with os.scandir(folder) as scan:
        for entry in scan:
            if entry.name.startswith("."):
                continue
            if not _is_utf8(entry.name):
                shown = printable_name(entry.name)
                problems.append(
                    Problem(
                        Path(printable_name(os.fspath(folder))) / shown,
                        1,
                        Severity.WARNING,
                        f'ignored: the name "{shown}" has characters that are not UTF-8: '
                        "rename it using plain letters, digits and dashes",
                    )
                )
                continue
            kept.append(entry)
    return sorted(kept, key=_name)


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


def _links_outside(entry: os.DirEntry[str], path: Path, root: Path) -> bool:
    """True when ``entry`` is a symbolic link whose target is outside the content folder."""
    try:
        return entry.is_symlink() and root.resolve() not in path.resolve().parents
    except (OSError, RuntimeError):
        return True


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
    if _links_outside(entry, path, root):
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
    budget = _Budget(left=MAX_LANGUAGE_BYTES)
    deck_path = folder / DECK_FILE
    if _deck_file_outside(deck_path, root):
        settings = DeckSettings(path=deck_path, language_name=code)
        settings.error(
            1,
            f"{DECK_FILE} is a link to a file outside the content folder: copy the file here "
            "instead; the default deck settings are used",
        )
        settings.chapters_trusted = False
    else:
        budget.left -= _size(deck_path)
        settings = read_deck_settings(folder, language=code, images=images)
    language = _Language(code, folder, settings, [], [])
    try:
        entries = _entries(folder, language.problems)
    except OSError as error:
        language.problems.append(
            Problem(folder, 1, Severity.ERROR, f"the folder cannot be read ({error.strerror})")
        )
        return language
    read = 0
    ignored = 0
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
            ignored += 1
            if ignored <= MAX_IGNORED_REPORTED or problem.severity is Severity.ERROR:
                language.problems.append(problem)
            continue
        assert match is not None
        if read == MAX_PAGES_PER_LANGUAGE:
            language.problems.append(
                Problem(
                    path,
                    1,
                    Severity.WARNING,
                    f"too many pages: the kiosk shows the first {MAX_PAGES_PER_LANGUAGE} of "
                    f"{code}/ (by file name); this page and the ones after it are not read. "
                    "A deck is easier to use with fewer pages: move some to another folder",
                )
            )
            break
        size = _entry_size(entry)
        if size > MAX_FILE_BYTES:  # refused unread, so it costs nothing from the budget
            draft = PageDraft(path=path, order=int(match["order"]), slug=match["slug"])
            draft.error(1, too_big_message(size))
            language.drafts.append(draft)
            continue
        if not _spend(budget, size, path, language.problems, code):
            break
        read += 1
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
    if ignored > MAX_IGNORED_REPORTED:
        language.problems.append(
            Problem(
                folder,
                1,
                Severity.WARNING,
                f"{ignored} .md files in this folder are not read as pages (the first "
                f"{MAX_IGNORED_REPORTED} are listed): rename or remove them",
            )
        )
    language.drafts.sort(key=lambda draft: (draft.order, draft.path.name))
    _check_duplicates(language.drafts)
    _check_chapters(language)
    return language


def _deck_file_outside(path: Path, root: Path) -> bool:
    try:
        return path.is_symlink() and root.resolve() not in path.resolve().parents
    except (OSError, RuntimeError):
        return True


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def _entry_size(entry: os.DirEntry[str]) -> int:
    try:
        return entry.stat().st_size
    except OSError:
        return 0


def _spend(budget: _Budget, size: int, path: Path, problems: list[Problem], code: str) -> bool:
    """Take ``size`` bytes from the budget; False (with one warning) once it is spent."""
    if budget.left - size >= 0:
        budget.left -= size
        return True
    if not budget.spent_reported:
        budget.spent_reported = True
        problems.append(
            Problem(
                path,
                1,
                Severity.WARNING,
                f"{code}/ holds more than {_amount(MAX_LANGUAGE_BYTES)} of "
                "pages: this page and the ones after it are not read. Remove files that are "
                "not pages, or split very long pages",
            )
        )
    return False


def _amount(size: int) -> str:
    """``24 MB``, ``200 KB``."""
    return f"{size // 2**20} MB" if size >= 2**20 else f"{size // 1024} KB"


def _joined(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _renumber_hint(number: str, count: int) -> str:
    """Example numbers for ``count`` pages sharing ``number``: one more digit, spread out."""
    base = int(number) * 10
    width = len(number) + 1
    return _joined([f"{base + index * 10 // count:0{width}d}" for index in range(count)])


def _check_duplicates(drafts: list[PageDraft]) -> None:
    """Two pages with one name: the later one is left out (links would be ambiguous). Two
    pages with one number: both are shown (in file-name order) with a warning to renumber."""
    by_slug: dict[str, PageDraft] = {}
    by_order: dict[int, list[PageDraft]] = {}
    for draft in drafts:
        first = by_slug.setdefault(draft.slug, draft)
        if first is not draft:
            draft.error(
                1,
                f'another page is also named "{draft.slug}" ({first.path.name}): '
                "give each page its own name",
            )
        by_order.setdefault(draft.order, []).append(draft)
    for group in by_order.values():
        if len(group) < 2:
            continue
        names = [draft.path.name for draft in group]
        number = group[0].path.name.split("-", 1)[0]
        group[-1].warning(
            1,
            f"{_joined(names)} share number {number}: give each its own number, e.g. "
            f"{_renumber_hint(number, len(group))}, and number the other pages with as many "
            "digits (010, 020, ...) so they stay in order; meanwhile they are shown in "
            "file-name order",
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
    """Check page links against the pages shown; return the pages shown.

    A link to a page that is missing or left out for its own errors is a warning: the link is
    shown as plain text and the page that has it stays (one mistake never takes other pages
    down). Links of pages that are left out are checked too, so staff see every problem.
    """
    left_out = {draft.slug: draft for draft in language.drafts if draft.has_errors}
    good = [draft for draft in language.drafts if not draft.has_errors]
    shown = {draft.slug for draft in good}
    for draft in language.drafts:
        for line, slug in draft.page_links:
            if slug in shown:
                continue
            target = left_out.get(slug)
            if target is not None:
                reason = f"which has errors and is not shown (fix {target.path.name} first)"
            else:
                reason = (
                    f"which does not exist in {language.code} (write the file name of a page "
                    "without its number and .md, e.g. page:hip-joint)"
                )
            draft.warning(line, f'link to page "{slug}", {reason}: the link is shown as plain text')
    return good


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
    """Pages shown in one language but not in another: "translate it" when the page file is
    missing, "fix it" when it exists but was left out for errors (already reported there)."""
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
        left_out = {draft.slug: draft for draft in language.drafts if draft.has_errors}
        missing: dict[str, list[str]] = {}
        for other, other_slugs in slugs.items():
            for slug in other_slugs - here:
                missing.setdefault(slug, []).append(other)
        for slug in sorted(missing):
            elsewhere = ", ".join(missing[slug])
            draft = left_out.get(slug)
            if draft is not None:
                problems.append(
                    Problem(
                        draft.path,
                        1,
                        Severity.WARNING,
                        f'page "{slug}" is shown in {elsewhere} but not in {language.code}, '
                        "because this file has errors: fix them and it is shown again",
                    )
                )
                continue
            problems.append(
                Problem(
                    language.folder,
                    1,
                    Severity.WARNING,
                    f'{language.code}: page "{slug}" exists in {elsewhere} '
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
    extra: list[Problem] = []
    try:
        entries = _entries(root, extra)
    except OSError as error:
        message = f"the content folder cannot be read ({error.strerror})"
        return Library(root=root, decks=(), problems=(Problem(root, 1, Severity.ERROR, message),))
    images = ImageResolver(root)
    languages: list[_Language] = []
    for entry in entries:
        if not _is_dir(entry) or entry.name == SHARED_IMAGES_DIR:
            continue
        folder = root / entry.name
        if _links_outside(entry, folder, root):
            extra.append(
                Problem(
                    folder,
                    1,
                    Severity.ERROR,
                    "ignored: this language folder is a link to a folder outside the content "
                    "folder: copy the folder here instead",
                )
            )
            continue
        if len(languages) == MAX_LANGUAGES and is_language_code(entry.name):
            extra.append(
                Problem(
                    folder,
                    1,
                    Severity.WARNING,
                    f"ignored: the kiosk offers at most {MAX_LANGUAGES} languages "
                    "(the first ones by folder name)",
                )
            )
            continue
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
                entry.name,
                folder,
                root=root,
                today=today,
                images=images,
                icons=icons,
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
