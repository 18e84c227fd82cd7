"""A usage store as full as a kiosk can make it, for the tests and benchmark 15."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from kiosk.usage.store import MAX_KEYS_PER_DAY, RETENTION_DAYS, UsageStore

COUNT = 7
"""Each page key's count on each day."""


def fill_to_the_limits(path: Path, today: dt.date) -> UsageStore:
    """Every day kept (RETENTION_DAYS + 1 up to ``today``) holding the most page keys a day may
    (MAX_KEYS_PER_DAY, ``page-0``...), each counted :data:`COUNT` times: about 366,000 rows,
    40 MB. Written in one transaction straight into the file (adding them one visit at a time
    would take minutes); returns the store opened on it."""
    UsageStore(path)  # the schema, made as the kiosk makes it
    conn = sqlite3.connect(path)
    conn.executemany(
        f"INSERT INTO daily VALUES (?, 'page_views', ?, {COUNT})",
        (
            ((today - dt.timedelta(days=age)).isoformat(), f"page-{key}")
            for age in range(RETENTION_DAYS + 1)
            for key in range(MAX_KEYS_PER_DAY)
        ),
    )
    conn.commit()
    conn.close()
    return UsageStore(path)
