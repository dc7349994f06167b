"""Calendar files read off the UI thread before the content that names them is loaded again.

The largest calendar the kiosk accepts takes icalendar a second or two to parse. Saved while the
kiosk runs, it would freeze the screen (a fade, a ticking countdown) for that long if it were read
where content.yaml is read. So the watcher first has the changed calendars read here, on a thread
of their own, into the calendar store; loading the content then finds them already read.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.core.calendar.events import SUFFIXES
from kiosk.core.calendar.store import calendars
from kiosk.core.file_signature import Signature

log = logging.getLogger(__name__)



def is_calendar(path: Path) -> bool:
    """Whether ``path`` names a calendar file (the store reads it), by its name."""
    return path.suffix.lower() in SUFFIXES


class CalendarReads(QObject):
    """Reads calendar files on a worker thread; ``done`` comes on the UI thread once they are read."""

    done = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._read: dict[Path, Signature] = {}  # what was read, as the file was then
        self._reading = threading.Event()  # set while a worker reads; cleared before it says done

    @property
    def busy(self) -> bool:
        """True while a worker is reading."""
        return self._reading.is_set()

    def start(self, files: dict[Path, Signature]) -> bool:
        """Read the files (path: its signature now) not read yet as they are now. True when the caller
        must wait for ``done`` (reading has begun, or is still going); False when nothing is left to read."""
        if self.busy:
            return True
        wanted = {path: sig for path, sig in files.items() if self._read.get(path, ...) != sig}
        if not wanted:
            return False
        self._read.update(wanted)
        self._reading.set()
        threading.Thread(target=self._work, args=(list(wanted),), name="calendar-reads", daemon=True).start()
        return True

    def _work(self, paths: list[Path]) -> None:
        for path in paths:
            try:
                calendars.read(path)
            except Exception:  # the store catches what a bad file raises; this is a bug, not the file
                log.exception("reading %s in the background failed; it is read when the content loads", path)
        self._reading.clear()  # before done: the watcher, hearing it, may start the next reads
        self.done.emit()  # a queued connection: the watcher hears it on the UI thread
