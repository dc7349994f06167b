"""The panel kinds that change with the clock: an agenda read from a calendar file, and a countdown.

Both answer for themselves what they show at a moment (``playing_at``) and when that changes
(``changes_after``), so the player, ``kiosk render --at``, ``kiosk playlist`` and the tests'
fake clocks all see them as they are at the moment they ask about.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, PrivateAttr

# Only the calendar modules that need nothing of kiosk.core.content: the others import it.
from kiosk.core.calendar.agenda import AgendaView, agenda_at, next_change, window
from kiosk.core.calendar.events import MAX_DAYS, SUFFIXES, CalendarError, Unit
from kiosk.core.content.panels import Loc, PanelBase, ShownFile
from kiosk.core.content.rules import Check, Doc, Items, OneOf, Range, StaffError, Unique
from kiosk.core.content.timetext import instant, start_of
from kiosk.core.content.values import FilePath, Moment, Text, inside_folder

if TYPE_CHECKING:
    from kiosk.core.calendar.reader import CalendarFile

__all__ = ["AgendaPanel", "CalendarPath", "CountdownPanel"]

log = logging.getLogger(__name__)
_said: set[tuple[str, str]] = set()  # the calendar errors already logged
Warning = tuple[Loc, str]

SUFFIX_HINT = ("{value!r} is not a calendar file; give an .ics file (every calendar program exports one) "
               "or a .csv file with the columns start,end,title,location")


OUTSIDE_HINT = ("{value!r} is outside the content file's folder; put the calendar beside it "
                "(or in a folder inside it) and write its name, such as sessions.ics")


class CalendarName(Check):
    """A calendar file's name: inside the content folder, and an .ics or a .csv (one message for each)."""

    def __init__(self) -> None:
        super().__init__(lambda path: Path(path).suffix.lower() in SUFFIXES, SUFFIX_HINT)

    def messages(self) -> list[str]:
        """Both asks, for the schema and the editor."""
        return [OUTSIDE_HINT, SUFFIX_HINT]

    def check(self, value: str) -> str:
        """The name, if the kiosk will read it; else what is wrong with it."""
        if not inside_folder(value):
            raise StaffError(OUTSIDE_HINT.format(value=value))
        return super().check(value)


CalendarPath = Annotated[FilePath, CalendarName(), Doc("calendar path")]


class AgendaPanel(PanelBase):
    """What is on now and what comes next, from an .ics or .csv calendar beside the content file."""

    kind: Literal["agenda"]
    title: Text = Field(description="The panel's heading, e.g. Today at the booth.")
    file: CalendarPath = Field(description=(
        "An `.ics` file (RRULE, EXDATE, time zones and cancelled events as calendar programs write them) "
        "or a `.csv` with the header `start,end,title,location`, relative to the content file; "
        "reloaded when it is saved, the last good version kept."))
    count: Annotated[int, Range(1, 12), Doc("1 – 12")] = Field(4, description=(
        "How many events show at most: those in progress, then those to come."))
    days: Annotated[int, Range(1, MAX_DAYS), Doc(f"1 – {MAX_DAYS}")] = Field(1, description=(
        "How far ahead to look: 1 is today only; once today holds nothing more, the next day with events shows."))

    _calendar: CalendarFile | None = PrivateAttr(None)  # the last good calendar, read at load
    _view: AgendaView | None = PrivateAttr(None)  # what it shows, set by playing_at

    def shown_files(self) -> list[ShownFile]:
        """The calendar: saving it reloads the agenda."""
        return [ShownFile(("file",), self.file, "the agenda is left out of the rotation", "calendar")]

    def read_files(self, folder: Path, now: datetime) -> list[Warning]:
        """Read the calendar (again only if it changed); a bad version keeps the last good one."""
        from kiosk.core.calendar.store import calendars  # it reads files through kiosk.core.content

        reading = calendars.read(folder / self.file, now)
        self._calendar = reading.calendar
        if reading.error is None:
            return []
        kept = ("the agenda keeps showing the last good version" if reading.calendar is not None
                else "the agenda is left out of the rotation until it reads")
        return [(("file",), f"{_place(self.file, reading.error)}{reading.error.message}; {kept}")]

    @property
    def view(self) -> AgendaView:
        """The rows shown: as ``playing_at`` found them (an empty agenda before that)."""
        return self._view or AgendaView()

    def events_at(self, when: datetime) -> AgendaView | None:
        """The agenda at ``when``; None without a calendar that ever read well."""
        if self._calendar is None:
            return None
        try:
            return agenda_at(self._calendar.events_between(*window(when, self.days)), when, self.days, self.count)
        except CalendarError as error:  # a window the first reading did not cover, e.g. `--at` next year
            if (self.file, str(error)) not in _said:  # asked at every step of a timeline: say it once
                _said.add((self.file, str(error)))
                log.warning("%s: %s; the agenda shows nothing around %s", self.file, error, f"{when:%Y-%m-%d}")
            return AgendaView()

    def playing_at(self, when: datetime) -> AgendaPanel | None:
        """The agenda with its rows at ``when``; None without a calendar, or when empty and
        ``show: {when: agenda-has-events}`` says so."""
        view = self.events_at(when)
        if view is None or (not view.has_events and self.show is not None and self.show.when is not None):
            return None
        playing = self.model_copy()
        playing._view = view
        return playing

    def changes_after(self, when: datetime) -> Iterator[datetime]:
        """The next start or end of an event (or midnight): the rows change then."""
        if self._calendar is not None:
            try:
                yield next_change(self._calendar.events_between(when, window(when, self.days)[1]), when)
            except CalendarError:
                return

    def playing_note(self) -> str:
        """ "now: Keynote", "next: Lunch", or "nothing left" for `kiosk playlist`."""
        view = self.view
        if view.now:
            return "now: " + ", ".join(event.title for event in view.now)
        if view.next:
            return f"next: {view.next[0].title}" + (f" on {view.day:%a %Y-%m-%d}" if view.day else "")
        return "nothing left"

    def redraws_in_place(self) -> bool:
        """An event starting or ending redraws the agenda where it is, rather than moving on."""
        return True

    def warnings_at(self, now: datetime) -> list[Warning]:
        """``show.when`` is this kind's own, so nothing to say about it here."""
        return []


def _place(name: str, error: CalendarError) -> str:
    return f"{name}:{error.line}: " if error.line else f"{name}: "


class CountdownPanel(PanelBase):
    """The time left until a moment, ticking each second on screen; then a message, or it leaves."""

    kind: Literal["countdown"]
    title: Text = Field(description="Above the figures, e.g. Enrollment closes in.")
    to: Moment = Field(examples=["2026-12-11 17:00"], description=(
        "The moment it counts to, local time: `2026-12-11 17:00`, or a date (its midnight)."))
    then: Text | None = Field(None, description=(
        "Shown from that moment on, e.g. Enrollment is closed; without it the panel leaves the rotation."))
    units: Annotated[list[Annotated[Unit, OneOf()]], Items(1, 4), Unique("unit"),
                     Doc("list of days, hours, minutes, seconds")] | None = Field(None, description=(
        "Which figures show, e.g. `[days, hours]`; the smallest is rounded up; default: two that suit "
        "the distance (days and hours, hours and minutes, or minutes and seconds)."))

    def past(self, when: datetime) -> bool:
        """True from the moment ``to`` on."""
        return instant(when) >= instant(start_of(self.to))

    def playing_at(self, when: datetime) -> CountdownPanel | None:
        """The countdown, or its ``then`` once past; None once past without one."""
        return None if self.then is None and self.past(when) else self

    def changes_after(self, when: datetime) -> Iterator[datetime]:
        """The moment ``to``: the countdown leaves, or shows ``then``."""
        if not self.past(when):
            yield start_of(self.to)

    def warnings_at(self, now: datetime) -> list[Warning]:
        """A ``to`` already past: the panel shows only ``then``, or never plays."""
        if not self.past(now):
            return []
        instead = "shows only its `then` text" if self.then is not None else "never plays"
        return [(("to",), f"{start_of(self.to):%Y-%m-%d %H:%M} is past, so the countdown {instead}; "
                          "set a moment still to come")]
