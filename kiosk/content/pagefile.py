"""One page file (``NN-slug.md``) -> a :class:`PageDraft` with every problem found in it.

Checks that need other files (duplicate names, chapters, links to other pages) are done by
:mod:`kiosk.content.loader`; the draft keeps what they need.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from kiosk.content.frontmatter import (
    ContentFileError,
    Field,
    Unreadable,
    parse_settings,
    read_content_file,
    split_front_matter,
)
from kiosk.content.icons import ICON_PREFIXES, IconCatalog
from kiosk.content.images import ImageNotUsable, ImageResolver
from kiosk.content.limits import MAX_FRONT_MATTER_CHARS, markdown_problem
from kiosk.content.links import (
    MAX_BRACKETS,
    is_external,
    link_problem,
    page_link_slug,
    scan_body,
)
from kiosk.content.model import Page, Problem, Severity
from kiosk.content.names import SLUG_PATTERN

PAGE_FILE_RE = re.compile(rf"(?P<order>[0-9]{{1,3}})-(?P<slug>{SLUG_PATTERN})\.md")
"""Page file names: ``NN-slug.md``, a number of 1 to 3 digits (``03``, or ``030`` to leave gaps
for pages added later), a dash, lower-case words joined by dashes."""

PAGE_FIELDS = (
    "title",
    "icon",
    "illustration",
    "alt",
    "review",
    "summary",
    "chapter",
    "reading_check",
    "home_url",
)
MAX_TITLE_LENGTH = 80
MAX_HOME_URL_CHARS = 300
"""Longest ``home_url``: a QR code of 300 characters is version 13 at error correction M (77
modules with its quiet zone), still readable by a phone at the size the page shows it."""
_URL_CHARS = frozenset(string.ascii_letters + string.digits + string.punctuation)
"""Printable ASCII without the space: an address as written, a non-ASCII host in its ``xn--``
form and other characters %-escaped."""
_HOST_RE = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}", re.IGNORECASE)
_ISO_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_EXAMPLES = {
    "title": "title: Your hip joint",
    "icon": "icon: mdi6.bone",
    "illustration": "illustration: hip-joint.svg",
    "alt": "alt: A drawing of the hip joint",
    "review": "review: 2027-05-31",
}
_MISSING_HINTS = {
    "title": "add the page title",
    "icon": "add an icon name",
    "illustration": "add the file name of the page's picture",
    "alt": "add a short description of the picture",
    "review": "add the date by which this page must be re-read",
}


@dataclass(slots=True)
class PageDraft:
    """A page file being checked; becomes a :class:`Page` unless an error leaves it out.

    Most errors leave the page out (:attr:`has_errors`); a picture that cannot be used is an
    error that keeps the page, shown without that picture (``page_kept=True``).
    """

    path: Path
    order: int
    slug: str
    problems: list[Problem] = field(default_factory=list)
    title: str = ""
    icon: str = ""
    illustration: Path | None = None
    alt: str = ""
    review: dt.date | None = None
    summary: str = ""
    chapter: str | None = None
    chapter_line: int = 1
    reading_check: bool = True
    home_url: str | None = None
    body: str = ""
    body_line: int = 1
    page_links: list[tuple[int, str]] = field(default_factory=list)
    """``(file line, slug)`` of every ``page:<slug>`` link, checked once all pages are known."""
    dropping_errors: int = 0
    """Errors found that leave the page out (picture errors do not count)."""

    def error(self, line: int, message: str, *, page_kept: bool = False) -> None:
        """Record an error; unless ``page_kept``, the page is left out of the deck."""
        self.problems.append(Problem(self.path, line, Severity.ERROR, message))
        if not page_kept:
            self.dropping_errors += 1

    def warning(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, Severity.WARNING, message))

    def add(self, problem: Problem) -> None:
        """Record a problem found by a shared reader (an error leaves the page out)."""
        self.problems.append(problem)
        if problem.severity is Severity.ERROR:
            self.dropping_errors += 1

    @property
    def has_errors(self) -> bool:
        """True when an error leaves the page out."""
        return self.dropping_errors > 0

    def to_page(self) -> Page:
        """The finished page; only valid when :attr:`has_errors` is False."""
        assert self.review is not None
        return Page(
            slug=self.slug,
            order=self.order,
            title=self.title,
            icon=self.icon,
            illustration=self.illustration,
            alt=self.alt,
            review=self.review,
            body_markdown=self.body,
            source=self.path,
            chapter=self.chapter,
            summary=self.summary,
            body_line=self.body_line,
            reading_check=self.reading_check,
            home_url=self.home_url,
        )


def _text_field(
    draft: PageDraft, fields: dict[str, Field], name: str, *, required: bool
) -> tuple[str, int] | None:
    """The stripped text of a field and its line; reports missing / empty / wrong type."""
    item = fields.get(name)
    if item is None:
        if required:
            draft.error(1, f'missing "{name}": {_MISSING_HINTS[name]}, e.g. "{_EXAMPLES[name]}"')
        return None
    value = item.value
    if isinstance(value, Unreadable):
        draft.error(item.line, f'"{name}" cannot be read: {value.reason}')
        return None
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            draft.error(item.line, f'"{name}" is empty: {_MISSING_HINTS[name]}')
        return None
    if not isinstance(value, str):
        draft.error(
            item.line,
            f'"{name}" must be text: put the value in quotes, e.g. {name}: "..."',
        )
        return None
    return value.strip(), item.line


def _check_review(draft: PageDraft, fields: dict[str, Field], today: dt.date) -> None:
    item = fields.get("review")
    if item is None:
        draft.error(1, f'missing "review": {_MISSING_HINTS["review"]}, e.g. "review: 2027-05-31"')
        return
    value = item.value
    date: dt.date | None = None
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    elif isinstance(value, str) and _ISO_DATE_RE.fullmatch(value.strip()):
        try:
            date = dt.date.fromisoformat(value.strip())
        except ValueError:
            date = None
    if date is None:
        draft.error(
            item.line,
            '"review" must be a real date written like 2027-05-31 (year-month-day)',
        )
        return
    draft.review = date
    if date < today:
        draft.warning(
            item.line,
            f"review date {date.isoformat()} has passed: "
            "please re-read this page and set a new date",
        )


def home_url_problem(value: str) -> str | None:
    """Why ``value`` cannot be a page's ``home_url`` (the rule it breaks), or None when it can."""
    if len(value) > MAX_HOME_URL_CHARS:
        return f"it is {len(value)} characters long: {MAX_HOME_URL_CHARS} at most"
    if not _URL_CHARS.issuperset(value):
        return (
            "it may hold only plain letters, digits and signs, no spaces (write a non-English "
            "host in its xn-- form and %-escape other characters)"
        )
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as problem:
        return f"it is not a web address ({problem})"
    if parts.scheme.lower() != "https":
        return "it must start with https:// (a secure web address)"
    if "@" in parts.netloc:
        return "it must not hold a user name or password"
    host = parts.netloc if port is None else parts.netloc.rsplit(":", 1)[0]
    if not _HOST_RE.fullmatch(host):
        return "it must name a web site after https://, such as https://clinic.example/hip"
    return None


def _check_home_url(draft: PageDraft, fields: dict[str, Field]) -> None:
    item = fields.get("home_url")
    if item is None:
        return
    value = item.value
    if isinstance(value, Unreadable):
        reason: str | None = value.reason
    elif not isinstance(value, str) or not value.strip():
        reason = "it must be a web address such as https://clinic.example/hip"
    else:
        reason = home_url_problem(value.strip())
    if reason is None:
        assert isinstance(value, str)
        draft.home_url = value.strip()
        return
    draft.warning(
        item.line, f'"home_url" cannot be used: {reason}; the page shows no QR code until then'
    )


def _check_fields(
    draft: PageDraft,
    fields: dict[str, Field],
    *,
    language_dir: Path,
    today: dt.date,
    images: ImageResolver,
    icons: IconCatalog,
) -> None:
    title = _text_field(draft, fields, "title", required=True)
    if title is not None:
        draft.title, line = title
        if len(draft.title) > MAX_TITLE_LENGTH:
            draft.error(
                line,
                f'"title" is {len(draft.title)} characters long: '
                f"shorten it to {MAX_TITLE_LENGTH} at most so it fits on the screen",
            )
    icon = _text_field(draft, fields, "icon", required=True)
    if icon is not None:
        draft.icon, line = icon
        if not icons.exists(draft.icon):
            suggestion = icons.suggestion(draft.icon)
            hint = (
                f'did you mean "{suggestion}"?'
                if suggestion
                else "pick a name from the qtawesome icon browser starting with "
                + ", ".join(f"{prefix}." for prefix in ICON_PREFIXES)
            )
            draft.error(line, f'unknown icon "{draft.icon[:60]}": {hint}')
    picture = _text_field(draft, fields, "illustration", required=True)
    if picture is not None:
        try:
            draft.illustration = images.resolve(picture[0], language_dir)
        except ImageNotUsable as problem:
            draft.error(
                picture[1],
                f'"illustration": {problem}; the page is shown without its picture until then',
                page_kept=True,
            )
    alt = _text_field(draft, fields, "alt", required=True)
    if alt is not None:
        draft.alt = alt[0]
    _check_review(draft, fields, today)
    _check_home_url(draft, fields)
    summary = _text_field(draft, fields, "summary", required=False)
    if summary is not None:
        draft.summary = summary[0]
    chapter = _text_field(draft, fields, "chapter", required=False)
    if chapter is not None:
        draft.chapter, draft.chapter_line = chapter
    check = fields.get("reading_check")
    if check is not None:
        if isinstance(check.value, bool):
            draft.reading_check = check.value
        else:
            draft.warning(
                check.line,
                '"reading_check" must be true or false (false only for pages such as a list '
                "of sources); the reading level is checked",
            )


def _check_body(
    draft: PageDraft, body: str, first_line: int, *, language_dir: Path, images: ImageResolver
) -> None:
    if not body.strip():
        draft.error(
            first_line - 1,
            'the page has no text: write the page text below the closing "---" line',
        )
        return
    draft.body_line = first_line
    too_much = markdown_problem(body)
    if too_much is not None:  # the text is not kept: a refused page must not hold memory
        draft.error(first_line + too_much.line - 1, too_much.message)
        return
    draft.body = body
    if body.count("[") > MAX_BRACKETS:
        draft.warning(
            first_line,
            f'the text has more than {MAX_BRACKETS} "[" characters, so the kiosk shows it as '
            "plain text without links or formatting: split the page or remove brackets",
        )
    html_lines: set[int] = set()
    for found in scan_body(body):
        line = first_line + found.line - 1
        if found.kind == "html":
            if line not in html_lines:
                html_lines.add(line)
                draft.warning(
                    line,
                    f"HTML such as {found.value} is not used: it is shown as plain text. "
                    "Use Markdown instead (e.g. **bold**)",
                )
        elif found.kind == "autolink":
            draft.error(
                line,
                f'links to outside the kiosk are not allowed: remove "{found.value[:60]}" '
                "(patients cannot leave the kiosk)",
            )
        elif found.kind == "image":
            _check_body_image(draft, found.value, line, language_dir, images)
        else:
            slug = page_link_slug(found.value)
            if slug is not None:
                draft.page_links.append((line, slug))
                continue
            problem = link_problem(found.value, shown=(), existing=(), language=language_dir.name)
            if problem is not None:
                draft.error(line, problem)


def _check_body_image(
    draft: PageDraft, target: str, line: int, language_dir: Path, images: ImageResolver
) -> None:
    if is_external(target):
        draft.warning(
            line,
            "pictures from outside the kiosk cannot be shown: copy the picture into the "
            "content folder and write its file name; until then its description is shown",
        )
        return
    try:
        images.resolve(target, language_dir)
    except ImageNotUsable as problem:
        draft.error(
            line,
            f"picture {problem}; until then its description is shown instead",
            page_kept=True,
        )


def parse_page(
    path: Path,
    *,
    order: int,
    slug: str,
    language_dir: Path,
    today: dt.date,
    images: ImageResolver,
    icons: IconCatalog,
) -> PageDraft:
    """Read and check one page file; never raises."""
    draft = PageDraft(path=path, order=order, slug=slug)
    try:
        text = read_content_file(path)
        parts = split_front_matter(text)
    except ContentFileError as problem:
        draft.error(problem.line, problem.message)
        return draft
    settings = parse_settings(
        parts.yaml_text,
        path=path,
        first_line=parts.yaml_first_line,
        known=PAGE_FIELDS,
        what='the settings between the "---" lines',
        max_chars=MAX_FRONT_MATTER_CHARS,
    )
    for found in settings.problems:
        draft.add(found)
    if settings.fields is not None:
        _check_fields(
            draft,
            settings.fields,
            language_dir=language_dir,
            today=today,
            images=images,
            icons=icons,
        )
    _check_body(
        draft,
        parts.body,
        parts.body_first_line,
        language_dir=language_dir,
        images=images,
    )
    return draft
