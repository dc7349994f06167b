"""A calendar as a spreadsheet saves it: a header ``start,end,title,location``, then one event a row.

``start`` and ``end`` are ISO dates (2026-12-08, an all-day event) or dates and times
(2026-12-08 09:30 or 2026-12-08T09:30, local time); ``end`` may be left empty (a moment, or one
day), and the ``end`` and ``location`` columns may be left out. Errors name the line.
"""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta

from kiosk.core.calendar.events import MAX_OCCURRENCES, CalendarError, Event
from kiosk.core.content.timetext import parse_moment, start_of

COLUMNS = ("start", "end", "title", "location")
REQUIRED = ("start", "title")


class CsvCalendar:
    """The events of a CSV file, read once."""

    def __init__(self, text: str) -> None:
        self.events = read_rows(text)

    def events_between(self, start: datetime, end: datetime) -> list[Event]:
        """The events that overlap [start, end), in order."""
        return [event for event in self.events
                if (event.end > start or event.start == start) and event.start < end]


def read_rows(text: str) -> list[Event]:
    """Every row of ``text`` as an Event, or CalendarError naming the first bad line."""
    reader = csv.reader(text.splitlines(), strict=True)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        raise CalendarError("the file is empty; write a header line: start,end,title,location", 1) from None
    except csv.Error as error:
        raise CalendarError(f"cannot read the header: {error}", 1) from None
    _check_header(header)
    events: list[Event] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                events.append(_event(dict(zip(header, row)), len(row), len(header), reader.line_num))
            if len(events) > MAX_OCCURRENCES:
                raise CalendarError(f"more than {MAX_OCCURRENCES:,} events; keep the coming weeks only",
                                    reader.line_num)
    except csv.Error as error:
        raise CalendarError(f"cannot read this line: {error}", reader.line_num) from None
    return sorted(events, key=lambda event: (event.start, event.end, event.title))


def _check_header(header: list[str]) -> None:
    unknown = [name for name in header if name not in COLUMNS]
    missing = [name for name in REQUIRED if name not in header]
    if unknown or missing or len(set(header)) != len(header):
        problem = (f"unknown column {unknown[0]!r}" if unknown else f"no {missing[0]!r} column" if missing
                   else "a column named twice")
        raise CalendarError(f"{problem}; the first line names the columns: start,end,title,location", 1)


def _event(cells: dict[str, str], width: int, expected: int, line: int) -> Event:
    if width > expected:
        raise CalendarError(f"{width} cells where the header names {expected}; put a title with a comma "
                            'in quotes: "Coffee, tea and cake"', line)
    title = " ".join(cells.get("title", "").split())
    if not title:
        raise CalendarError("the title is empty", line)
    start = _moment(cells.get("start", ""), "start", line)
    all_day = not isinstance(start, datetime)
    end_text = cells.get("end", "").strip()
    end = _moment(end_text, "end", line) if end_text else None
    first = start_of(start)
    if end is None:
        last = first + timedelta(days=1) if all_day else first
    else:
        # an all-day end is the last day shown, as people write it (ICS writes the day after)
        last = start_of(end) + timedelta(days=1) if not isinstance(end, datetime) else end
    if last < first:
        raise CalendarError(f"the end {end_text!r} is before the start", line)
    return Event(first, last, title, " ".join(cells.get("location", "").split()), all_day)


def _moment(text: str, column: str, line: int) -> date | datetime:
    try:
        return parse_moment(text)
    except ValueError:
        raise CalendarError(f"{column}: cannot read {text.strip()!r} as a date; write 2026-12-08 "
                            "or 2026-12-08 09:30", line) from None
