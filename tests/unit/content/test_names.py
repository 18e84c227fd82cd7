"""names: one slug pattern and one language-code pattern, used wherever such a name is read."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.config import config_from_mapping
from kiosk.content.links import PAGE_LINK_PREFIX, page_link, page_link_slug
from kiosk.content.names import LANGUAGE_PATTERN, SLUG_PATTERN, is_language_code, is_slug
from kiosk.content.pagefile import PAGE_FILE_RE

SLUGS = ["hip-joint", "a", "01", "step-2-of-3"]
NOT_SLUGS = ["", "Hip", "hip_joint", "hip--joint", "-hip", "hip-", "hip joint", "hip\n", "é", 3]
LANGUAGES = ["en", "es", "pt-BR", "haw", "zh-Hant", "es-419"]
NOT_LANGUAGES = ["", "e", "EN", "engl", "en-", "en_GB", "en-GB-x", "en\n", "pt-BR ", 1]


@pytest.mark.parametrize("name", SLUGS)
def test_slugs(name: str) -> None:
    assert is_slug(name)
    assert page_link_slug(page_link(name)) == name
    match = PAGE_FILE_RE.fullmatch(f"03-{name}.md")
    assert match is not None and match["slug"] == name


@pytest.mark.parametrize("name", NOT_SLUGS)
def test_not_slugs(name: object) -> None:
    assert not is_slug(name)
    if isinstance(name, str):
        assert page_link_slug(PAGE_LINK_PREFIX + name) is None
        assert PAGE_FILE_RE.fullmatch(f"03-{name}.md") is None


@pytest.mark.parametrize("code", LANGUAGES)
def test_language_codes(code: str) -> None:
    assert is_language_code(code)
    assert config_from_mapping({"default_language": code}).problems == ()


@pytest.mark.parametrize("code", NOT_LANGUAGES)
def test_not_language_codes(code: object) -> None:
    assert not is_language_code(code)
    assert len(config_from_mapping({"default_language": code}).problems) == 1


@given(st.text(max_size=12))
def test_functions_agree_with_the_patterns(text: str) -> None:
    assert is_slug(text) == (re.fullmatch(SLUG_PATTERN, text) is not None)
    assert is_language_code(text) == (re.fullmatch(LANGUAGE_PATTERN, text) is not None)
