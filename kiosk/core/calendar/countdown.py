"""Countdown arithmetic: the time left in the units chosen, and when the figures shown next change.

Differences are taken between real instants (``instant``), so a countdown across a change of
daylight saving time is not an hour off. The smallest unit shown is rounded up: the figures never
read zero before the moment, and the moment itself is the first instant past it.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Literal

from kiosk.core.content.timetext import instant, start_of

Unit = Literal["days", "hours", "minutes", "seconds"]
UNITS: dict[Unit, int] = {"days": 86_400, "hours": 3_600, "minutes": 60, "seconds": 1}


def seconds_left(to: date | datetime, moment: datetime) -> float:
    """Seconds from ``moment`` until ``to`` (a date counts to its first instant); 0 or less once past."""
    return round(instant(start_of(to)) - instant(moment), 6)  # microseconds: what datetimes hold


def default_units(left: float) -> tuple[Unit, ...]:
    """Units that read well at this distance: days and hours, hours and minutes, or minutes and seconds."""
    if left >= 2 * UNITS["days"]:
        return ("days", "hours")
    if left >= UNITS["hours"]:
        return ("hours", "minutes")
    return ("minutes", "seconds")


def _in_order(units: tuple[Unit, ...] | list[Unit]) -> list[Unit]:
    return sorted(set(units), key=lambda unit: -UNITS[unit])


def remaining_parts(left: float, units: tuple[Unit, ...] | list[Unit]) -> tuple[tuple[Unit, int], ...]:
    """``left`` seconds as whole numbers of ``units``, largest first; the smallest rounded up."""
    order = _in_order(units)
    smallest = UNITS[order[-1]]
    rest = max(math.ceil(left / smallest), 0) * smallest
    parts: list[tuple[Unit, int]] = []
    for unit in order:
        value, rest = divmod(rest, UNITS[unit])
        parts.append((unit, value))
    return tuple(parts)


def next_tick(left: float, units: tuple[Unit, ...] | list[Unit]) -> float | None:
    """Seconds until the figures shown change (the moment itself, at the end); None once past."""
    if left <= 0:
        return None
    smallest = UNITS[_in_order(units)[-1]]
    return left - (math.ceil(left / smallest) - 1) * smallest
