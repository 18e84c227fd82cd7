"""A page's ``home_url``: only a plain https address is kept; anything else is a warning naming
the rule, and the page still shows (without a QR code). ``kiosk validate`` points out the pages
without one once the folder uses them."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.content.loader import load_library
from kiosk.content.model import Page, Severity
from kiosk.content.pagefile import MAX_HOME_URL_CHARS, home_url_problem
from kiosk.content.validate import NO_HOME_URL, NO_HOME_URL_ANYWHERE, validate_command
from tests.unit.content.content_helpers import (
    TODAY,
    assert_problem,
    make_root,
    page_text,
    slugs,
    write,
)

GOOD = "https://clinic.example/hip-pain?lang=en#top"
TIME_GUARD_S = 1.0
"""Loose bound for refusing a hostile value: a real freeze fails, a busy machine does not."""


def _page(root: Path, slug: str = "a") -> Page:
    deck = load_library(root, today=TODAY).deck("en")
    assert deck is not None
    page = deck.page(slug)
    assert page is not None
    return page


@pytest.mark.parametrize(
    "url",
    [
        GOOD,
        "https://xn--clnica-0ya.example/cadera",
        "https://www.clinic.example:8443/a/b",
        "HTTPS://clinic.example",
        "https://clinic.example/caf%C3%A9",
    ],
)
def test_good_addresses_are_kept(url: str) -> None:
    assert home_url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "rule"),
    [
        ("http://clinic.example/hip", "https://"),
        ("ftp://clinic.example/hip", "https://"),
        ("clinic.example/hip", "https://"),
        ("https://", "name a web site"),
        ("https:clinic.example", "name a web site"),
        ("https://localhost/hip", "name a web site"),
        ("https://-bad-.example", "name a web site"),
        ("https://user:secret@clinic.example/hip", "user name or password"),
        ("https://user@clinic.example/hip", "user name or password"),
        ("https://clinic.example/hip pain", "no spaces"),
        ("https://clínica.example/cadera", "xn--"),
        ("https://clinic.example/\x00", "no spaces"),
        ("https://[::1", "not a web address"),
        ("https://clinic.example:99999/", "not a web address"),
        ("https://clinic.example/" + "a" * MAX_HOME_URL_CHARS, f"{MAX_HOME_URL_CHARS} at most"),
    ],
)
def test_bad_addresses_name_the_rule(url: str, rule: str) -> None:
    problem = home_url_problem(url)
    assert problem is not None and rule in problem


def test_the_longest_address_allowed_is_kept() -> None:
    url = "https://clinic.example/" + "a" * (MAX_HOME_URL_CHARS - len("https://clinic.example/"))
    assert len(url) == MAX_HOME_URL_CHARS
    assert home_url_problem(url) is None


def test_a_megabyte_value_is_refused_fast() -> None:
    hostile = "https://clinic.example/" + "a" * 1_000_000
    start = time.perf_counter()
    problem = home_url_problem(hostile)
    assert time.perf_counter() - start < TIME_GUARD_S
    assert problem is not None and f"{MAX_HOME_URL_CHARS} at most" in problem


@given(st.text(max_size=400))
def test_any_kept_value_is_a_short_plain_https_address(value: str) -> None:
    if home_url_problem(value) is None:
        assert value.lower().startswith("https://")
        assert len(value) <= MAX_HOME_URL_CHARS
        assert all("!" <= char <= "~" for char in value)
        assert "@" not in value.split("/")[2]


def test_the_page_carries_its_address(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text(home_url=GOOD))
    assert _page(root).home_url == GOOD


def test_no_address_means_none(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text())
    assert _page(root).home_url is None


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("http://clinic.example/hip", "https://"),
        ('"https://clinic.example/hip pain"', "no spaces"),
        ("[1, 2]", "must be a web address"),
        ("''", "must be a web address"),
        ("https://clinic.example/" + "a" * 2000, "at most"),
    ],
)
def test_a_bad_value_warns_and_the_page_still_shows(tmp_path: Path, value: str, rule: str) -> None:
    root = make_root(tmp_path)
    path = write(root, "en/01-a.md", page_text(home_url=value))
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["a"]
    assert not library.errors
    line = 7  # the field's line: after ---, title, icon, illustration, alt, review
    problem = assert_problem(library, path, line, Severity.WARNING, '"home_url" cannot be used')
    assert rule in problem.message and "no QR code" in problem.message
    assert _page(root).home_url is None


def _report(root: Path) -> list[str]:
    out = io.StringIO()
    validate_command(root, out, today=TODAY)
    return out.getvalue().splitlines()


def test_validate_warns_for_each_page_without_an_address(tmp_path: Path) -> None:
    root = make_root(tmp_path, ("en", "es"))
    write(root, "en/01-a.md", page_text(home_url=GOOD))
    write(root, "en/02-b.md", page_text())
    write(root, "es/01-a.md", page_text())
    write(root, "es/02-b.md", page_text(home_url="http://clinic.example/"))
    lines = _report(root)
    assert f"en/02-b.md:1: warning: {NO_HOME_URL}" in lines
    assert f"es/01-a.md:1: warning: {NO_HOME_URL}" in lines
    assert not any(line.startswith("en/01-a.md") for line in lines)
    refused = [line for line in lines if line.startswith("es/02-b.md")]
    assert len(refused) == 1 and '"home_url" cannot be used' in refused[0]
    assert NO_HOME_URL_ANYWHERE not in lines
    assert lines[-1] == "content: 2 languages, 4 pages shown, 0 errors, 3 warnings"


def test_validate_says_once_when_no_page_has_an_address(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text())
    write(root, "en/02-b.md", page_text())
    lines = _report(root)
    assert lines.count(NO_HOME_URL_ANYWHERE) == 1
    assert not any(NO_HOME_URL in line for line in lines)
    assert lines[-1] == "content: 1 language, 2 pages shown, 0 errors, 0 warnings"
