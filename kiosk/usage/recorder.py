"""What the composition root feeds usage counting: the views shown, read aloud, form questions.

:class:`UsageRecorder` wraps a :class:`~kiosk.usage.tally.VisitTally` and, at the end of each
visit, adds that visit's counts to today's totals in the :class:`~kiosk.usage.store.UsageStore`
(one transaction, a few milliseconds; a store that fails logs and drops the counts, the kiosk
goes on). Without a store (the data folder is unusable) visits are still followed and forgotten,
and the table is empty.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.session import View
from kiosk.staff.report import UsageTable
from kiosk.usage.table import usage_table
from kiosk.usage.tally import VisitTally

if TYPE_CHECKING:  # sqlite3 loads with the store, which the app makes when it keeps data
    from kiosk.usage.store import UsageStore


class UsageRecorder:
    """Counts visits into the daily totals; every method is safe to call at any moment."""

    def __init__(
        self,
        store: UsageStore | None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._store = store
        self._today = today
        self._tally = VisitTally(clock)

    def follow_view(self, view: View) -> None:
        """The view now on screen; a visit that ends here is added to today's totals."""
        counts = self._tally.follow_view(view)
        if counts is not None and self._store is not None:
            self._store.add(counts, self._today())

    def read_aloud_used(self) -> None:
        self._tally.read_aloud_used()

    def form_question(self, key: str) -> None:
        """The form question the patient touched (its field key, such as ``phone``)."""
        self._tally.form_question(key)

    def table(self) -> UsageTable:
        """The totals as the staff panel shows them, with the store's problem as the note."""
        today = self._today()
        if self._store is None:
            return usage_table([], today)
        return usage_table(self._store.table_rows(today), today, note=self._store.problem)
