"""When a panel or an update item is on: windows in local wall-clock time. No Qt here.

A ``show:`` window holds when every condition it gives holds: after ``from``,
before the end of ``until``, on one of ``days``, within one of the ``hours``.
A range of hours that crosses midnight belongs to the day it starts on, so a
Friday "22:00-02:00" still shows at 01:00 on Saturday.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import get_args

from kiosk.core.content import model
from kiosk.core.content.timetext import MINUTES_PER_DAY

Warning = tuple[tuple[str | int, ...], str]
ONE_DAY = timedelta(days=1)
DAYS = get_args(model.Weekday)  # mon .. sun, in the order of date.weekday()


def start_of(moment: date | datetime) -> datetime:
    """The first instant of ``moment``: a date starts at midnight."""
    return moment if isinstance(moment, datetime) else datetime.combine(moment, time())


def end_of(moment: date | datetime) -> datetime:
    """The first instant after ``moment``: a date lasts through the end of that day.

    "Never expires" is often written 9999-12-31, the last date there is: it ends at the
    last representable instant instead of overflowing into year 10000.
    """
    return moment if isinstance(moment, datetime) else later(datetime.combine(moment, time()), ONE_DAY)


def later(moment: datetime, delta: timedelta) -> datetime:
    """``moment + delta``, held at the last representable instant instead of overflowing."""
    try:
        return moment + delta
    except OverflowError:
        return datetime.max


def instant(moment: datetime) -> float:
    """Seconds since the epoch of a local wall-clock moment, so that order follows real time.

    On the autumn night of daylight saving the same wall-clock hour comes twice (the second
    time with ``fold=1``, as datetime.now() gives it); compared as instants, an ``until``
    01:45 is over in both. A moment in the spring gap maps to the real time it becomes.
    """
    try:
        return moment.timestamp()
    except (OverflowError, ValueError, OSError):  # past the platform's or datetime's range
        return math.inf if moment.year > 1970 else -math.inf


def local(seconds: float) -> datetime:
    """The local wall-clock moment of an instant (``fold=1`` in a repeated hour)."""
    try:
        return datetime.fromtimestamp(seconds)
    except (OverflowError, ValueError, OSError):
        return datetime.max if seconds > 0 else datetime.min


def showing(show: model.Show | None, when: datetime) -> bool:
    """True when ``when`` falls inside the window (no window: always)."""
    if show is None:
        return True
    if show.from_ is not None and instant(when) < instant(start_of(show.from_)):
        return False
    if show.until is not None and instant(when) >= instant(end_of(show.until)):
        return False
    return _in_week(show, when)


def _in_week(show: model.Show, when: datetime) -> bool:
    today = when.date()
    if show.hours is None:
        return _on_day(show, today)
    minute = when.hour * 60 + when.minute
    for start, end in show.hours:
        if start < end and start <= minute < end and _on_day(show, today):
            return True
        if start > end and ((minute >= start and _on_day(show, today))
                            or (minute < end and _on_day(show, today - ONE_DAY))):
            return True
    return False


def _on_day(show: model.Show, day: date) -> bool:
    return show.days is None or DAYS[day.weekday()] in show.days


def item_current(item: model.UpdateItem, when: datetime) -> bool:
    """An update item stays until the end of its ``until``."""
    return item.until is None or instant(when) < instant(end_of(item.until))


def changes(show: model.Show | None, when: datetime) -> Iterator[datetime]:
    """Moments after ``when`` at which ``showing`` may turn; the earliest is always among them."""
    if show is None:
        return
    if show.from_ is not None:
        yield start_of(show.from_)
    if show.until is not None:
        yield end_of(show.until)
    midnight = datetime.combine(when.date(), time())
    if show.days is not None:
        yield later(midnight, ONE_DAY)
    # Every boundary of ``hours`` recurs daily, so today's and tomorrow's cover the next one.
    for start, end in show.hours or ():
        for minute in (start, end % MINUTES_PER_DAY):
            for day in (timedelta(), ONE_DAY):
                boundary = later(midnight, day + timedelta(minutes=minute))
                yield boundary
                yield boundary.replace(fold=1)  # the same wall-clock minute again, in a repeated hour


def schedule_errors(content: model.Content) -> Iterator[Warning]:
    """A fallback that names no panel would silently fall back to the clock."""
    fallback = content.settings.fallback
    if fallback is not None and fallback not in {panel.id for panel in content.panels}:
        yield (("settings", "fallback"), f"no panel has the id {fallback!r}")


def schedule_warnings(content: model.Content, now: datetime) -> Iterator[Warning]:
    """Windows that never open or are over, and update items that have expired."""
    for index, panel in enumerate(content.panels):
        if panel.show is not None:
            yield from _window_warnings(("panels", index, "show"), panel.show, now)
        if isinstance(panel, model.UpdatesPanel):
            yield from _item_warnings(index, panel, now)


def _window_warnings(loc: tuple[str | int, ...], show: model.Show, now: datetime) -> Iterator[Warning]:
    if show.from_ is not None and show.until is not None and start_of(show.from_) >= end_of(show.until):
        yield ((*loc, "from"), f"`from` ({written(show.from_)}) is not before `until` "
                               f"({written(show.until)}), so this panel never shows")
    elif show.until is not None and end_of(show.until) <= now:
        yield ((*loc, "until"), f"this window ended with {written(show.until)}, so the panel no longer "
                                "shows; delete the panel or move `until`")


def _item_warnings(index: int, panel: model.UpdatesPanel, now: datetime) -> Iterator[Warning]:
    expired = 0
    for number, item in enumerate(panel.items):
        if not item_current(item, now):
            expired += 1
            yield (("panels", index, "items", number, "until"),
                   f"expired with {written(item.until)}; this item no longer shows, delete it")
    if expired == len(panel.items):
        yield (("panels", index, "items"), "every item has expired, so this panel no longer shows")


def written(moment: date | datetime | None) -> str:
    """A moment the way the file writes it: 2026-12-01 or 2026-12-01 09:00."""
    if isinstance(moment, datetime):
        return moment.strftime("%Y-%m-%d %H:%M" if not moment.second else "%Y-%m-%d %H:%M:%S")
    return moment.isoformat() if moment is not None else ""
