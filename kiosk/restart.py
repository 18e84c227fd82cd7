"""The daily restart (Qt-free): whether the kiosk should exit now to be started afresh.

Daily restart (``kiosk.daily_restart = "HH:MM"``): :func:`restart_due` decides, from the clock,
the time of the last (re)start and the screen showing, whether the kiosk should exit now with
``ExitCode.RESTART`` so that its supervisor (systemd ``Restart=always``, Shell Launcher) starts
it afresh. Only on a quiet screen (:attr:`kiosk.session.Screen.quiet`), never during a visit:
:mod:`kiosk.upkeep` asks every minute and whenever the kiosk becomes quiet, so a visit under way at
the restart time postpones the restart until that visit ends (at the latest when it times out).
"""

from __future__ import annotations

import datetime as dt

from kiosk.session import Screen

RESTART_CHECK_MS = 60_000
"""How often the kiosk asks :func:`restart_due` (it also asks at every return to attract)."""


def parse_restart_time(text: str) -> dt.time | None:
    """``"HH:MM"`` (24-hour) as a time; None for ``""`` (no daily restart) or a bad value."""
    try:
        hours, minutes = (int(part) for part in text.strip().split(":"))
        return dt.time(hours, minutes) if len(text.strip()) == 5 else None
    except ValueError:
        return None


def last_scheduled(now: dt.datetime, at: dt.time) -> dt.datetime:
    """The latest moment at or before ``now`` when the clock showed ``at`` (same tz as now)."""
    today = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return today if today <= now else today - dt.timedelta(days=1)


def restart_due(
    now: dt.datetime, last_restart: dt.datetime, screen: Screen, at: dt.time | None
) -> bool:
    """Whether the kiosk should restart now.

    True when a daily restart time ``at`` has passed since ``last_restart`` (the start of this
    process) and ``screen`` shows no patient's visit. During a visit it is False; the caller
    asks again each minute and at the next attract screen,
    which comes at the latest when the visit times out. A kiosk started after today's time
    (a power cut, a crash) waits for tomorrow's.
    """
    if at is None or not screen.quiet:
        return False
    return last_restart < last_scheduled(now, at) <= now
