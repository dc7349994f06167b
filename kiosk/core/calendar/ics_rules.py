"""Refuse the recurrence rules that would keep dateutil busy for seconds or minutes, before it runs them.

dateutil expands a rule step by step from its first date, and looks for the next match until the
year 9999 when none comes (its UNTIL only ends the search at a match). So two kinds of rule would
hang a kiosk: one that takes too many steps to reach the days the agenda shows (every minute since
1990), and one whose BY parts no day satisfies (February 30th). Both are errors on their line.
"""

from __future__ import annotations

from datetime import datetime
from math import prod
from typing import Any

from kiosk.core.calendar.events import MAX_RULE_STEPS, CalendarError

STEP = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600, "DAILY": 86_400, "WEEKLY": 7 * 86_400,
        "MONTHLY": 28 * 86_400, "YEARLY": 365 * 86_400}
# How many days one period of each frequency holds at most, for BYSETPOS.
PERIOD_DAYS = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}
# The BY parts that make a sub-daily period hold more than one occurrence.
FINER = {"HOURLY": ("BYMINUTE", "BYSECOND"), "MINUTELY": ("BYSECOND",), "SECONDLY": ()}
MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def check_rule(rule: Any, first: datetime, horizon: datetime, line: int) -> None:
    """Raise CalendarError on ``line`` for a rule too costly to expand from ``first`` to ``horizon``."""
    freq = str((rule.get("FREQ") or [""])[0]).upper()
    if freq not in STEP:
        raise CalendarError(f"RRULE FREQ={freq or '(none)'}: write one of {', '.join(STEP)}", line)
    interval = max(_int((rule.get("INTERVAL") or [1])[0]), 1)
    steps = (horizon - first).total_seconds() / (STEP[freq] * interval)
    if steps > MAX_RULE_STEPS:
        raise CalendarError(
            f"RRULE FREQ={freq} from {first:%Y-%m-%d} repeats too often to work out (over {MAX_RULE_STEPS:,} "
            "repetitions before the days the agenda shows); start the series later or repeat less often", line)
    if not some_day_matches(rule):
        raise CalendarError(f"RRULE {_text(rule)} never happens: no date is in its BYMONTH, BYMONTHDAY "
                            "and BYYEARDAY", line)
    if not some_position_fits(rule, freq):
        raise CalendarError(f"RRULE {_text(rule)} never happens: BYSETPOS is past the end of every period", line)


def some_day_matches(rule: Any) -> bool:
    """Whether any day of a common or a leap year is in BYMONTH, BYMONTHDAY and BYYEARDAY at once."""
    months = {_int(month) for month in rule.get("BYMONTH", [])} or set(range(1, 13))
    monthdays = {_int(day) for day in rule.get("BYMONTHDAY", [])}
    yeardays = {_int(day) for day in rule.get("BYYEARDAY", [])}
    for year_length in (365, 366):
        day_of_year = 0
        for month, common_length in enumerate(MONTH_DAYS, start=1):
            length = common_length + (month == 2 and year_length == 366)
            for day in range(1, length + 1):
                counted = day_of_year + day
                if (month in months and (not monthdays or {day, day - length - 1} & monthdays)
                        and (not yeardays or {counted, counted - year_length - 1} & yeardays)):
                    return True
            day_of_year += length
    return False


def some_position_fits(rule: Any, freq: str) -> bool:
    """Whether some BYSETPOS is within the most occurrences one period can hold."""
    positions = [_int(position) for position in rule.get("BYSETPOS", [])]
    if not positions:
        return True
    parts = FINER.get(freq, ("BYHOUR", "BYMINUTE", "BYSECOND"))
    times = prod(len(rule.get(part, [])) or 1 for part in parts)
    most = PERIOD_DAYS.get(freq, 1) * times
    return any(0 < abs(position) <= most for position in positions)


def _int(value: object) -> int:
    """An RRULE number (vMonth writes a leap month as 5L; the Gregorian calendar has none)."""
    try:
        return int(str(value).rstrip("Ll"))
    except ValueError:
        return 0


def _text(rule: Any) -> str:
    return bytes(rule.to_ical()).decode(errors="replace")
