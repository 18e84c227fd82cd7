"""Small text helpers for the Qt-free core (no Qt, no I/O)."""

from __future__ import annotations


def one_line(text: str, limit: int) -> str:
    """``text`` as one line of at most ``limit`` characters, for logs, ledgers and status files.

    Every run of whitespace (newlines and tabs included) becomes one space, leading and
    trailing whitespace is dropped, then the result is cut to ``limit`` characters. So an
    error message from a library never spreads over several log lines or grows a status file.
    """
    return " ".join(text.split())[:limit]


def printable(text: str) -> str:
    """``text`` with every byte of a name that is not valid UTF-8 as ``\\xNN`` (Python keeps
    such bytes as lone surrogates, which no strict encoder writes)."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that did not come from a file name's bytes
        raw = text.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")
