"""Read a calendar file (.ics or .csv), bounded in size, and give its events for any window of days."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from kiosk.core.calendar.csvfile import CsvCalendar
from kiosk.core.calendar.events import MAX_DAYS, MAX_FILE_BYTES, CalendarError, Event
from kiosk.core.calendar.ics import IcsCalendar
from kiosk.core.content.timetext import start_of

SUFFIXES = (".ics", ".csv")
WINDOW = timedelta(days=MAX_DAYS + 2)  # one expansion covers any agenda asked for that day


class Source(Protocol):
    """What a calendar format gives: its events overlapping a window."""

    def events_between(self, start: datetime, end: datetime) -> list[Event]:
        """Every event overlapping [start, end), in order."""
        ...


class CalendarFile:
    """One calendar file's events; working them out is done once a day and kept."""

    def __init__(self, path: Path, source: Source) -> None:
        self.path = path
        self._source = source
        self._window: tuple[datetime, datetime, list[Event]] | None = None

    def events_between(self, start: datetime, end: datetime) -> list[Event]:
        """Every event overlapping [start, end), in order."""
        if self._window is None or not self._window[0] <= start <= end <= self._window[1]:
            first = start_of(start.date()) - timedelta(days=1)
            last = max(end, first + WINDOW)
            self._window = (first, last, self._source.events_between(first, last))
        return [event for event in self._window[2]
                if (event.end > start or event.start == start) and event.start < end]


def read_calendar(path: Path, around: datetime | None = None) -> CalendarFile:
    """Read and check ``path``, working out the days after ``around`` (now) so that errors show at once.

    CalendarError for any problem: a missing, huge, or unreadable file, or a bad line (its number).
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise CalendarError(f"{path.name} is not a calendar file; give an .ics or a .csv file")
    text = _text(path)
    source: Source = IcsCalendar(text) if suffix == ".ics" else CsvCalendar(text)
    calendar = CalendarFile(path, source)
    moment = around or datetime.now()
    calendar.events_between(moment, moment + timedelta(days=MAX_DAYS))
    return calendar


def _text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CalendarError(f"{path.name} is {size / 1e3:,.0f} KB; the kiosk reads calendar files up to "
                                f"{MAX_FILE_BYTES / 1e3:g} KB (about 1,500 events): export the coming weeks only")
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)  # the file may grow between stat and read
    except OSError as error:
        raise CalendarError(f"cannot read {path.name}: {error.strerror or error}") from None
    if len(data) > MAX_FILE_BYTES:
        raise CalendarError(f"{path.name} is over {MAX_FILE_BYTES / 1e3:g} KB; export the coming weeks only")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CalendarError("this line is not UTF-8 text; save the file as UTF-8", line) from None
