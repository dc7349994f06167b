"""Calendars read from a local file (ICS or CSV), the agenda seen at a moment, and countdowns. No Qt here."""

from kiosk.core.calendar.agenda import AgendaView, agenda_at, next_change
from kiosk.core.calendar.countdown import UNITS, Unit, default_units, next_tick, remaining_parts, seconds_left
from kiosk.core.calendar.events import CalendarError, Event
from kiosk.core.calendar.reader import CalendarFile, read_calendar

__all__ = [
    "UNITS", "AgendaView", "CalendarError", "CalendarFile", "Event", "Unit", "agenda_at", "default_units",
    "next_change", "next_tick", "read_calendar", "remaining_parts", "seconds_left",
]
