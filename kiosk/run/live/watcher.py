"""Watch content.yaml, and the files it points at, the way editors really save them.

Editors and sync tools save in different ways: in place, by renaming a temporary file
over the original (the watcher then loses the path), or by deleting and re-creating
it. So the watcher also watches the folder, re-adds the file whenever it reappears,
waits for a burst of events to settle, and reads the file only once it stopped
changing. Content whose bytes (and photos) did not change is ignored.

A file written in place (the same inode as the version on screen), or made again after
it was gone, can be caught half written, and a half can itself be valid YAML. On Linux the
kernel says when its writer closes it (kiosk/platform/open_writers.py): a file closed, or renamed
over the old one, is taken at once; one still open for writing waits for its close. Only a
writer that never closes, or a folder those events don't reach (another platform, a watch
limit), leaves the old rule: the file must stay unchanged for a quiet period before it is
taken, unless it came by a rename, which is atomic.

Deployments do what events can't follow: a folder deleted and made again, a symlinked
release folder swapped (``mv -T current.new current``), a USB stick unplugged. So the
watcher also looks at the file's identity (through every symlink) once a second, and
treats any difference like an event.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QSocketNotifier, QTimer, Signal

from kiosk.core.content import ContentError, Loaded, load_bytes
from kiosk.core.content.loader import content_digest
from kiosk.core.content.model import PanelBase
from kiosk.core.content.yamlsource import read_bytes
from kiosk.core.file_signature import Signature, signature
from kiosk.platform.open_writers import OpenWriters
from kiosk.run.live.calendar_reads import CalendarReads, is_calendar

DEBOUNCE_MS = 150
CLOSED_MS = 10  # a file its writer closed is read this soon (the other watcher's events for it come along)
QUIET_MS = 1500  # a save no close event vouches for rests this long; a writer pausing a second mid-file is seen
POLL_MS = 1000  # the look that needs no event: a swapped symlink, a folder made again
MAX_SETTLE_SECONDS = 10.0  # a file that never stops changing is read anyway after this long

def panel_files(panel: PanelBase, folder: Path) -> list[Path]:
    """Files one panel shows (a photo, images), relative paths resolved against ``folder``."""
    return [folder / shown.path for shown in panel.shown_files()]


def referenced_files(loaded: Loaded) -> list[Path]:
    """Files the content points at, so that replacing one refreshes the screen."""
    return [path for panel in loaded.content.panels for path in panel_files(panel, loaded.folder)]


class ContentWatcher(QObject):
    """Emits ``loaded`` for each new good version of the file and ``failed`` for each new bad one."""

    loaded = Signal(object, object)  # Loaded, and the set of referenced files (photos) that changed
    failed = Signal(object)  # ContentError

    def __init__(self, path: str | Path, *, debounce_ms: int = DEBOUNCE_MS, quiet_ms: int = QUIET_MS,
                 poll_ms: int = POLL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)  # as given, so problems name it the way `kiosk check` does
        self._assets: dict[Path, Signature] = {}
        self._seen: tuple | None = None  # what the last handled version looked like
        self._last_stat: Signature = None
        self._read_inode: int | None = None  # the inode of the version last read
        self._changed_at = self._poked_at = 0.0  # monotonic seconds
        self._quiet, self._debounce = quiet_ms / 1000, debounce_ms
        self._closing_soon = False  # a close brought the next look forward: other events don't push it back
        self._polled: tuple | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._poke)
        self._watcher.directoryChanged.connect(self._poke)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._settle)
        self._writers = self._follow_closes()
        self._calendar_reads = CalendarReads(self)
        self._calendar_reads.done.connect(self.check_now)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self._look)

    def start(self, loaded: Loaded | None = None) -> None:
        """Begin watching. ``loaded`` is the version already on screen, if any."""
        if loaded is not None:
            on_disk = signature(self.path)
            self._read_inode = on_disk[0] if on_disk else None
            self._remember_assets(loaded)
            self._seen = (loaded.digest, self._asset_key())
        self._rewatch()
        self._polled = self._identity()
        self._poll.start()
        if loaded is None:
            self.check_now()
        else:
            self._poke()  # catch an edit made between the start-up load and now

    def check_now(self) -> None:
        """Read the file now; emit if it differs from the last version handled."""
        current = signature(self.path)
        self._read_inode = current[0] if current else None
        self._polled = (current, self._asset_key())  # the periodic look compares with what was read
        try:
            raw = read_bytes(self.path)
        except ContentError as error:  # missing, unreadable, too large
            self._handle_failure(error, ("unreadable", str(error)))
            return
        key = (content_digest(raw), self._asset_key())
        if key == self._seen or self._reading_calendars():
            return
        try:
            loaded = load_bytes(raw, self.path)
        except ContentError as error:
            self._handle_failure(error, key)
            return
        old_assets = self._assets
        self._remember_assets(loaded)
        changed = frozenset(path for path, sig in self._assets.items() if old_assets.get(path, sig) != sig)
        self._seen = (loaded.digest, self._asset_key())
        self._rewatch()
        self._polled = (current, self._asset_key())
        self.loaded.emit(loaded, changed)

    def _reading_calendars(self) -> bool:
        """Have changed calendars read off the UI thread first: True while that goes on (``check_now``
        comes again when it is done)."""
        now = {path: signature(path) for path in self._assets if is_calendar(path)}
        changed = {path: sig for path, sig in now.items() if sig != self._assets[path]}
        return bool(changed) and self._calendar_reads.start(changed)

    def watched(self) -> list[str]:
        """The files and folders being watched now."""
        return [*self._watcher.files(), *self._watcher.directories()]

    # -- internals --------------------------------------------------------------------

    def _handle_failure(self, error: ContentError, key: tuple) -> None:
        if key != self._seen:
            self._seen = key
            self.failed.emit(error)

    def _poke(self, _changed: str = "", *, closed: bool = False) -> None:
        """Any event restarts the debounce; the file is read once it stopped changing. A close
        (``closed``) has the file read almost at once."""
        self._rewatch()
        self._last_stat = signature(self.path)
        self._changed_at = time.monotonic()
        if not self._timer.isActive():
            self._poked_at = self._changed_at  # the start of this burst
        if closed:
            self._closing_soon = True
            self._timer.start(CLOSED_MS)
        elif not self._closing_soon:
            self._timer.start(self._debounce)

    def _settle(self) -> None:
        self._closing_soon = False
        now, clock = signature(self.path), time.monotonic()
        if clock - self._poked_at < MAX_SETTLE_SECONDS and self._unfinished(now, clock):
            self._timer.start(self._debounce)
            return
        self.check_now()

    def _unfinished(self, now: Signature, clock: float) -> bool:
        """Whether the file may still be half written, so reading it must wait."""
        if now != self._last_stat:
            self._last_stat, self._changed_at = now, clock
            return True
        rested = clock - self._changed_at >= self._quiet
        files = self._written_files()
        if self._writers is not None and all(self._writers.sees(path) for path in files):
            # The kernel's word: waiting for a writer that has the file open, unless it never closes.
            return not rested and any(self._writers.writing(path) for path in files)
        # Written in place, or made again after it was gone (deleted, or not there yet): the
        # writer may only have paused half-way. A rename over the file brings it whole.
        in_place = now is not None and now[0] == self._read_inode
        reappeared = now is not None and self._read_inode is None
        return (in_place or reappeared) and not rested

    def _follow_closes(self) -> OpenWriters | None:
        """Close events beside QFileSystemWatcher, where the platform has them."""
        writers = OpenWriters.open()
        if writers is not None:
            notifier = QSocketNotifier(writers.fileno(), QSocketNotifier.Type.Read, self)
            notifier.activated.connect(self._take_closes)
            # Emitted once the notifier no longer watches the descriptor: it can go.
            notifier.destroyed.connect(writers.close)
        return writers

    def _take_closes(self) -> None:
        assert self._writers is not None
        if self._writers.read() & set(self._written_files()):
            self._poke(closed=True)

    def _written_files(self) -> list[Path]:
        """The file and its photos, by the names a save reaches them under (through a symlink, too)."""
        paths = (self.path, *self._assets)
        return [*(path.absolute() for path in paths), *(Path(os.path.realpath(path)) for path in paths)]

    def _identity(self) -> tuple:
        """What the file and its photos are now, through every symlink on the way."""
        return signature(self.path), self._asset_key()

    def _look(self) -> None:
        """The periodic look: a change no event reported counts as one."""
        identity = self._identity()
        if identity != self._polled:
            self._polled = identity
            self._poke()

    def _remember_assets(self, loaded: Loaded) -> None:
        self._assets = {path: signature(path) for path in referenced_files(loaded)}

    def _asset_key(self) -> tuple:
        return tuple(sorted((str(path), signature(path)) for path in self._assets))

    def _rewatch(self) -> None:
        """Watch the file, its folder and its photos; re-add paths a rename or delete dropped."""
        wanted: set[Path] = set()
        for path in (self.path, *self._assets):
            # A symlinked file (into a synced folder, say) is replaced in its target's folder.
            wanted |= {path.absolute(), path.absolute().parent, Path(os.path.realpath(path)).parent}
        present = {str(path) for path in wanted if path.exists()}
        if self._writers is not None:
            self._writers.watch(sorted(path for path in wanted if path.is_dir()))
        stale = set(self.watched()) - present
        if stale:
            self._watcher.removePaths(sorted(stale))
        missing = present - set(self.watched())
        if missing:
            self._watcher.addPaths(sorted(missing))
