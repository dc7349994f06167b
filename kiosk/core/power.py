"""When the screen is on: ``settings.power`` in the grammar of ``show:``. No Qt here.

The schedule says on or off; a key press can wake a sleeping screen for a while, and an
urgent message with ``wake: true`` wakes it while it lasts. The process layer
(kiosk/run/power/screen_power.py) turns these answers into DPMS, wlopm and CEC calls.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.core.content.model import Power
from kiosk.core.content.schedule import changes, showing
from kiosk.core.content.timetext import later

MAX_LOOKS = 64


def scheduled_on(power: Power | None, when: datetime) -> bool:
    """True when the schedule wants the screen on at ``when`` (no ``power``: always)."""
    return power is None or showing(power.window, when)


def screen_on(power: Power | None, when: datetime, *, woken_until: datetime | None = None,
              urgent_wake: bool = False) -> bool:
    """Whether the screen should be on: by schedule, woken by a key, or by an urgent message."""
    if urgent_wake or scheduled_on(power, when):
        return True
    return woken_until is not None and when < woken_until


def wake_end(power: Power | None, when: datetime) -> datetime:
    """Until when a key press at ``when`` keeps a sleeping screen on."""
    minutes = power.wake_minutes if power is not None else 0
    return later(when, timedelta(minutes=minutes))  # held on 9999-12-31, not overflowing


def next_power_change(power: Power | None, when: datetime) -> datetime | None:
    """The first moment after ``when`` at which the schedule turns the screen on or off."""
    if power is None:
        return None
    on, moment = scheduled_on(power, when), when
    # Each look moves to the next boundary (an hour, midnight); a week holds well under this many.
    for _ in range(MAX_LOOKS):
        following = min((m for m in changes(power.window, moment) if m > moment), default=None)
        if following is None or scheduled_on(power, following) != on:
            return following
        moment = following
    return None
