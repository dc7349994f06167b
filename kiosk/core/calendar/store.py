"""Calendar files as the kiosk keeps them: read again only when they change, the last good one kept.

A calendar is saved by whatever tool keeps it current (a calendar export, a sync tool), and a save
can be broken or half written. Like content.yaml, a bad version never reaches the screen: the
agenda keeps the last good calendar, and the problem is reported with its file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.core.calendar.events import CalendarError
from kiosk.core.calendar.reader import CalendarFile, read_calendar
from kiosk.core.file_signature import Signature, signature


@dataclass(frozen=True)
class Reading:
    """What a calendar file gives now: the last good calendar (None if none ever was) and the
    problem with the file as it is on disk (None when it reads well)."""

    calendar: CalendarFile | None
    error: CalendarError | None = None


class CalendarStore:
    """Every calendar file read so far, by path, with the signature it was read at."""

    def __init__(self) -> None:
        self._known: dict[Path, tuple[Signature, Reading]] = {}

    def read(self, path: Path, around: datetime | None = None) -> Reading:
        """``path`` as it is now: read again only if it changed since; a bad version keeps the last good."""
        path = path.absolute()
        now = signature(path)
        known = self._known.get(path)
        if known is not None and known[0] == now and now is not None:
            return known[1]
        try:
            reading = Reading(read_calendar(path, around))
        except CalendarError as error:
            reading = Reading(known[1].calendar if known else None, error)
        self._known[path] = (now, reading)
        return reading


calendars = CalendarStore()  # one per process: the last good calendar outlives each content version
