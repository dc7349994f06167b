"""When a panel or an update item is on: windows in local wall-clock time. No Qt here.

A ``show:`` window holds when every condition it gives holds: after ``from``,
before the end of ``until``, on one of ``days``, within one of the ``hours``.
A range of hours that crosses midnight belongs to the day it starts on, so a
Friday "22:00-02:00" still shows at 01:00 on Saturday.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import get_args

from kiosk.core.content import model
from kiosk.core.content.timetext import MINUTES_PER_DAY, ONE_DAY, end_of, instant, later, start_of

Warning = tuple[tuple[str | int, ...], str]
DAYS = get_args(model.Weekday)  # mon .. sun, in the order of date.weekday()


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
        yield from _item_warnings(index, panel, now)


def _window_warnings(loc: tuple[str | int, ...], show: model.Show, now: datetime) -> Iterator[Warning]:
    if show.from_ is not None and show.until is not None and start_of(show.from_) >= end_of(show.until):
        yield ((*loc, "from"), f"`from` ({written(show.from_)}) is not before `until` "
                               f"({written(show.until)}), so this panel never shows")
    elif show.until is not None and end_of(show.until) <= now:
        yield ((*loc, "until"), f"this window ended with {written(show.until)}, so the panel no longer "
                                "shows; delete the panel or move `until`")


def _item_warnings(index: int, panel: model.PanelBase, now: datetime) -> Iterator[Warning]:
    items = panel.expiring_items()
    for loc, until in items:
        if until is not None and end_of(until) <= now:
            yield (("panels", index, *loc, "until"),
                   f"expired with {written(until)}; this item no longer shows, delete it")
    if items and panel.playing_at(now) is None:
        yield (("panels", index, *items[0].loc[:-1]),  # the list that holds the items
               "every item has expired, so this panel no longer shows")


def written(moment: date | datetime | None) -> str:
    """A moment the way the file writes it: 2026-12-01 or 2026-12-01 09:00."""
    if isinstance(moment, datetime):
        return moment.strftime("%Y-%m-%d %H:%M" if not moment.second else "%Y-%m-%d %H:%M:%S")
    return moment.isoformat() if moment is not None else ""
