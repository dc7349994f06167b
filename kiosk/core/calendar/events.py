"""One occurrence of a calendar event in local wall-clock time, and the error a calendar file raises."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

# Hostile files must fail in seconds, not hang: these bound every read and every expansion.
# ~1,500 events; icalendar takes about 2 s for this much on a small, busy machine (7 s for 1 MB)
MAX_FILE_BYTES = 256_000
MAX_DAYS = 14  # an agenda looks at most two weeks ahead (AgendaPanel.days)
MAX_OCCURRENCES = 5_000  # occurrences in one expansion window, across every event
MAX_RULE_STEPS = 200_000  # steps a recurrence rule may take from its first date to the window's end


@dataclass(frozen=True)
class Event:
    """One occurrence: start and end are naive local wall-clock times; an all-day event ends at midnight."""

    start: datetime
    end: datetime
    title: str
    location: str = ""
    all_day: bool = False

    @property
    def day(self) -> date:
        """The local date the occurrence starts on."""
        return self.start.date()

    def in_progress(self, moment: datetime) -> bool:
        """Started at or before ``moment`` and not yet over."""
        return self.start <= moment < self.end

    @property
    def length(self) -> timedelta:
        """How long the occurrence lasts (zero for a moment in time)."""
        return self.end - self.start


class CalendarError(ValueError):
    """A calendar file that cannot be used, with the line the trouble is on (0: the file as a whole)."""

    def __init__(self, message: str, line: int = 0) -> None:
        self.message = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)
