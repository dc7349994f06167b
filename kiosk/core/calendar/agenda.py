"""What an agenda shows at a moment: the events in progress ("now"), the ones still to come today
("next"), or, once today holds nothing more, the next day that has events; and when that changes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kiosk.core.calendar.events import Event


@dataclass(frozen=True)
class AgendaView:
    """The rows an agenda shows; ``day`` is the date ``next`` belongs to when it is not today."""

    now: tuple[Event, ...] = ()
    next: tuple[Event, ...] = ()
    day: date | None = None

    @property
    def has_events(self) -> bool:
        """Whether there is anything to show (``show: {when: agenda-has-events}``)."""
        return bool(self.now or self.next)


def midnight_after(moment: datetime) -> datetime:
    """The start of the day after ``moment``'s."""
    return datetime.combine(moment.date() + timedelta(days=1), time())


def window(moment: datetime, days: int) -> tuple[datetime, datetime]:
    """The span an agenda of ``days`` days looks at: from ``moment`` to the end of its last day."""
    return moment, datetime.combine(moment.date() + timedelta(days=days), time())


def agenda_at(events: Sequence[Event], moment: datetime, days: int = 1, count: int = 4) -> AgendaView:
    """The agenda at ``moment`` from ``events`` (those overlapping its window), at most ``count`` rows.

    Events in progress come first, but leave at least one row to what comes next.
    """
    now = [event for event in events if event.in_progress(moment)]
    tonight = midnight_after(moment)
    coming = [event for event in events if moment < event.start < tonight]
    day = None
    if not now and not coming:
        later = [event for event in events if tonight <= event.start < window(moment, days)[1]]
        if later:
            day = later[0].day
            coming = [event for event in later if event.day == day]
    shown_now = min(len(now), max(1, count - 1) if coming else count)
    return AgendaView(tuple(now[:shown_now]), tuple(coming[: count - shown_now]), day)


def next_change(events: Sequence[Event], moment: datetime) -> datetime:
    """The first moment after ``moment`` at which an agenda may differ: an event's start or end, or midnight."""
    ends = [edge for event in events for edge in (event.start, event.end) if edge > moment]
    return min([*ends, midnight_after(moment)])
