"""Anonymous usage counts, Qt-free: daily totals only, never a visit or a person.

- :mod:`~kiosk.usage.tally`: one visit counted in memory, handed over when it ends;
- :mod:`~kiosk.usage.store`: the daily totals in ``usage.sqlite`` (bounded, damage set aside);
- :mod:`~kiosk.usage.recorder`: what the composition root feeds (views, read aloud, the form);
- :mod:`~kiosk.usage.table`: the totals as the staff panel's cells ("fewer than 5" for 1 to 4);
- :mod:`~kiosk.usage.export`: those cells as CSV, saved to a USB stick;
- :mod:`~kiosk.usage.command`: ``kiosk usage [--csv]``.
"""
