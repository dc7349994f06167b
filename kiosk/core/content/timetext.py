"""Read dates, times and weekdays the way staff write them in content.yaml.

Every moment is local wall-clock time, as a naive ``datetime``: the kiosk shows
what the lobby clock says, so a time zone written in the file is converted to
local time and then dropped.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta

MINUTES_PER_DAY = 24 * 60

_CLOCK = r"(\d{1,2})(?::(\d{2}))?"
HOURS_RANGE = rf"\s*{_CLOCK}\s*[-–—]\s*{_CLOCK}\s*"  # also the JSON Schema's pattern, so editors agree
_RANGE = re.compile(rf"^{HOURS_RANGE}$")
_SPAN_SEPARATOR = re.compile(r"\s*/\s*|\s+to\s+|\s+[–—]\s+")
_FULL_DAY_NAMES = {name: name[:3] for name in
                   ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")}

HOURS_HINT = 'write hours like "08:00-17:30", or several as "08:00-12:00, 13:00-17:00"'


ONE_DAY = timedelta(days=1)


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


def naive_local(moment: datetime) -> datetime:
    """``moment`` as local wall-clock time without a time zone."""
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


def parse_moment(value: object) -> date | datetime:
    """A date (2026-12-01) or a local date-time (2026-12-01T09:00 or "2026-12-01 09:00")."""
    if isinstance(value, datetime):
        return naive_local(value)
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text) if len(text) == 10 else naive_local(datetime.fromisoformat(text))
        except ValueError:
            pass
    raise ValueError(f"cannot read {value!r} as a date or a date and time; "
                     "write 2026-12-01 or 2026-12-01T09:00")


def parse_hours(value: object) -> tuple[tuple[int, int], ...]:
    """``"08:00-17:30"`` (or several, comma-separated) as (start, end) minutes after midnight.

    An end at or before its start crosses midnight: ``"22:00-06:00"`` is a night shift.
    """
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"cannot read {value!r} as hours; {HOURS_HINT} (in quotes)")
    return tuple(_parse_range(part, value) for part in value.split(","))


def _parse_range(part: str, whole: str) -> tuple[int, int]:
    match = _RANGE.match(part)
    if not match:
        raise ValueError(f"cannot read {whole!r} as hours; {HOURS_HINT}")
    start = _minutes(match[1], match[2], whole, allow_24=False)
    end = _minutes(match[3], match[4], whole, allow_24=True)
    if start == end % MINUTES_PER_DAY and end != MINUTES_PER_DAY:
        raise ValueError(f"hours {part.strip()!r} start and end at the same time; "
                         'for the whole day leave `hours` out (or write "00:00-24:00")')
    return start, end


def _minutes(hour: str, minute: str | None, whole: str, *, allow_24: bool) -> int:
    h, m = int(hour), int(minute or 0)
    if m > 59 or h > 24 or (h == 24 and (m or not allow_24)):
        raise ValueError(f"{hour}:{minute or '00'} in {whole!r} is not a time of day; {HOURS_HINT}")
    return h * 60 + m


def parse_days(value: object) -> object:
    """Lower-case day names and shorten full ones, so "Monday" and "mon" both work."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return value
    return [_FULL_DAY_NAMES.get(day.strip().lower(), day.strip().lower()) if isinstance(day, str) else day
            for day in value]


def parse_date_span(value: object) -> tuple[date, date]:
    """One date, or a first and last day: "2023-03-01 to 2023-03-02" (or ISO "2023-03-01/2023-03-02")."""
    if isinstance(value, datetime):  # a time of day is more than an item's date needs
        value = value.date()
    if isinstance(value, date):
        return value, value
    if isinstance(value, str):
        parts = _SPAN_SEPARATOR.split(value.strip())
        try:
            days = [date.fromisoformat(part) for part in parts]
        except ValueError:
            days = []
        if len(days) in (1, 2):
            first, last = days[0], days[-1]
            if last < first:
                raise ValueError(f"the range {value!r} ends before it starts")
            return first, last
    raise ValueError(f"cannot read {value!r} as a date; write 2023-03-01, "
                     "or a range as 2023-03-01 to 2023-03-02")
