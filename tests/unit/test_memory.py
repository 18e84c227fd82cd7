"""kiosk.memory: the allocator tuning and the source-line cache dropped."""

from __future__ import annotations

import linecache
import platform
import traceback

import pytest

from kiosk.memory import forget_source_lines, return_freed_memory_promptly


def test_forget_source_lines_empties_the_cache_and_tracebacks_still_show_their_lines() -> None:
    assert linecache.getlines(__file__), "this file's lines are cached"
    assert forget_source_lines() >= 1
    assert linecache.cache == {}
    try:
        raise ValueError("boom")
    except ValueError:
        text = traceback.format_exc()
    assert 'raise ValueError("boom")' in text  # read again from disk


def test_the_kiosk_keeps_no_source_lines_after_start_up_and_after_a_visit(qapp: object) -> None:
    """PySide6's import hook caches the source of each module importing it; the kiosk drops
    those copies once it is built and at each end of visit."""
    from tests.kiosk_fixtures import running_kiosk
    from tests.paths import BUNDLED_CONTENT

    linecache.getlines(__file__)
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        assert linecache.cache == {}
        linecache.getlines(__file__)
        kiosk.reset()
        assert linecache.cache == {}


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's mallopt")
def test_the_allocator_tuning_applies_with_glibc() -> None:
    assert return_freed_memory_promptly() is True
