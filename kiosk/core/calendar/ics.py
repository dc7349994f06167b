"""ICS calendars through icalendar and recurring-ical-events, bounded so that a hostile file fails fast.

The libraries do the calendar work (RRULE, EXDATE, RDATE, RECURRENCE-ID, TZID blocks, DST,
X-WR-TIMEZONE); this module only bounds it and turns what they give into local wall-clock Events:
every recurrence rule is cut off at the end of the window asked for (a rule whose BY parts never
match would otherwise search up to the year 9999), and a rule that would take too many steps from
its first date to get there is refused, as is a window with too many occurrences.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import icalendar
import recurring_ical_events

from kiosk.core.calendar.events import MAX_OCCURRENCES, CalendarError, Event
from kiosk.core.calendar.ics_lines import EventLines, IcsLines, map_lines
from kiosk.core.calendar.ics_rules import check_rule

# Properties the agenda reads; an error icalendar found in any other (X-…, ATTENDEE) is no concern of ours.
READ = {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "SUMMARY", "LOCATION", "STATUS"}
# Occurrences written in another zone can fall up to 14 hours either side of local time.
ZONE_MARGIN = timedelta(days=1)


class IcsCalendar:
    """An ICS file, checked line by line and parsed once; its events are worked out per window."""

    def __init__(self, text: str) -> None:
        self.lines = map_lines(text)
        self.calendar = parsed(text, self.lines)
        self.query = _query(self.calendar)

    def events_between(self, start: datetime, end: datetime) -> list[Event]:
        """Every occurrence that overlaps [start, end), in local time, in order."""
        check_rules(self.calendar, self.lines, end + ZONE_MARGIN)
        found: list[Event] = []
        for series in self.query.series:
            occurrences = series.between(start - ZONE_MARGIN, end + ZONE_MARGIN)
            for occurrence in _bounded(occurrences, self.lines.line_of_uid(str(series.uid)), len(found)):
                event = _event(occurrence.as_component(False))
                if event and (event.end > start or event.start == start) and event.start < end:
                    found.append(event)
        return sorted(found, key=lambda event: (event.start, event.end, event.title))


def parsed(text: str, lines: IcsLines) -> icalendar.Calendar:
    """icalendar's reading of the file; a broken property the agenda reads is an error on its line."""
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as error:
        raise CalendarError(f"icalendar cannot read this file: {error}") from None
    for event, place in zip(calendar.walk("VEVENT"), lines.events):
        _check_event(event, place)
    return calendar


def _check_event(event: icalendar.cal.Component, place: EventLines) -> None:
    for name, message in event.errors:
        if name and name.upper() in READ:
            raise CalendarError(f"{name}: {message}", place.line_of(name))
    if "DTSTART" not in event:
        raise CalendarError("an event without DTSTART; every event needs a start", place.line)


def check_rules(calendar: icalendar.Calendar, lines: IcsLines, horizon: datetime) -> None:
    """Refuse, on its line, any RRULE too costly to expand up to ``horizon``."""
    for event, place in zip(calendar.walk("VEVENT"), lines.events):
        rules = event.get("RRULE")
        if rules is None:
            continue
        first = _local(event.decoded("DTSTART"))
        for rule in rules if isinstance(rules, list) else [rules]:
            check_rule(rule, first, horizon, place.line_of("RRULE"))


def _bounded(occurrences: Any, line: int, already: int) -> Any:
    """The occurrences, with an error once the window holds more than the agenda can use."""
    for count, occurrence in enumerate(occurrences, start=already + 1):
        if count > MAX_OCCURRENCES:
            raise CalendarError(f"more than {MAX_OCCURRENCES:,} events in the days the agenda shows; "
                                "a series repeats too often (or the file holds too much)", line)
        yield occurrence


def _query(calendar: icalendar.Calendar) -> Any:
    try:
        return recurring_ical_events.of(calendar)
    except (recurring_ical_events.InvalidCalendar, ValueError) as error:
        raise CalendarError(str(error)) from None


def _event(component: icalendar.cal.Component) -> Event | None:
    """A local-time Event, or None for a cancelled one."""
    if str(component.get("STATUS", "")).upper() == "CANCELLED":
        return None
    start, end = component.decoded("DTSTART"), component.decoded("DTEND", None)
    all_day = not isinstance(start, datetime)
    first = _local(start)
    last = _local(end) if end is not None else first + (timedelta(days=1) if all_day else timedelta())
    return Event(first, max(last, first), _one_line(component.get("SUMMARY", "")),
                 _one_line(component.get("LOCATION", "")), all_day)


def _local(moment: date | datetime) -> datetime:
    """A date as local midnight, an aware time as local wall-clock time, a floating time as it is."""
    if not isinstance(moment, datetime):
        return datetime.combine(moment, time())
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


def _one_line(value: object) -> str:
    return " ".join(str(value).split())
