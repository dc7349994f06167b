"""Which watched files a writer still has open, from the kernel's own word (Linux inotify, no Qt).

A file written in place can be read half-written, and half a YAML file can be valid. Only the
writer knows when it is done; on Linux the kernel passes that on: ``IN_MODIFY`` for each write,
``IN_CLOSE_WRITE`` when a writer closes the file. A file modified and not yet closed is being
written; a file closed or renamed in whole (``IN_MOVED_TO``) can be read at once. The watcher
keeps its quiet period for writers that never close, and for folders this tracker cannot see
(no inotify, the watch limit reached, the event queue overflowed).

inotify_simple (one small ctypes module, no threads) gives a non-blocking descriptor the Qt event
loop can wait on beside QFileSystemWatcher; watchdog would bring an observer thread of its own,
and its events would have to cross into the GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
import weakref
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

log = logging.getLogger(__name__)

try:  # Linux only (see pyproject.toml); elsewhere the watcher keeps its quiet period
    import inotify_simple
except ImportError:  # pragma: no cover - exercised on platforms without inotify
    inotify_simple = None

MODIFY, CLOSE_WRITE, MOVED_FROM, MOVED_TO = 0x2, 0x8, 0x40, 0x80
CREATE, DELETE, Q_OVERFLOW, IGNORED, ISDIR = 0x100, 0x200, 0x4000, 0x8000, 0x40000000
WATCHED = MODIFY | CLOSE_WRITE | MOVED_FROM | MOVED_TO | CREATE | DELETE
BEING_WRITTEN = MODIFY | CREATE  # a file made by open() is its maker's until closed
WHOLE = CLOSE_WRITE | MOVED_TO  # its writer is done, or it was renamed in complete
GONE = MOVED_FROM | DELETE  # nobody writes it now, but there is nothing to read either


class Event(NamedTuple):
    """One inotify event, as inotify_simple reads it: watch, mask, cookie, name in the folder."""

    wd: int
    mask: int
    cookie: int
    name: str


FolderId = tuple[int, int]  # st_dev, st_ino: a folder made again, or a symlink swapped, is a new one


class OpenWriters:
    """Tracks, per file in the watched folders, whether a writer has modified it and not closed it."""

    def __init__(self, inotify: Any) -> None:
        self._inotify = inotify
        # The descriptor goes with the tracker, or at close(); never an unclosed-file warning.
        self._release = weakref.finalize(self, os.close, inotify.fileno())
        self._folders: dict[Path, tuple[int, FolderId]] = {}  # folder as the watcher names it -> watch
        self._writing: set[Path] = set()
        self._blind_since_overflow: bool = False
        self._closed_since_overflow: set[Path] = set()

    @classmethod
    def open(cls) -> OpenWriters | None:
        """A tracker on a fresh inotify descriptor, or None where the kernel offers none."""
        if inotify_simple is None:
            return None
        try:
            return cls(inotify_simple.INotify(nonblocking=True, closefd=False))
        except (OSError, AttributeError) as error:  # EMFILE: max_user_instances; a C library without inotify
            log.info("no close events (%s): every save in place waits for its quiet period", error)
            return None

    def fileno(self) -> int:
        """The descriptor to wait on: readable when events are queued."""
        return int(self._inotify.fileno())

    def close(self) -> None:
        """Release the descriptor and every watch with it."""
        self._release()

    def watch(self, folders: Iterable[Path]) -> None:
        """Watch exactly these folders; one made again, or reached through a swapped symlink, anew."""
        wanted = {folder: _folder_id(folder) for folder in folders}
        for folder, (wd, seen) in list(self._folders.items()):
            if wanted.get(folder) != seen:
                self._unwatch(folder, wd)
        for folder, identity in wanted.items():
            if identity is not None and folder not in self._folders:
                self._add(folder, identity)

    def sees(self, path: Path) -> bool:
        """Whether events for ``path`` reach this tracker: its folder is watched, nothing was lost."""
        if self._blind_since_overflow and path not in self._closed_since_overflow:
            return False
        return path.parent in self._folders

    def writing(self, path: Path) -> bool:
        """Whether a writer modified ``path`` and has not closed it yet."""
        return path in self._writing

    def read(self) -> set[Path]:
        """Take the queued events; the files they left whole (closed by their writer, renamed in)."""
        return self.take(Event(*raw) for raw in self._inotify.read(timeout=0))

    def take(self, events: Iterable[Event]) -> set[Path]:
        """Apply ``events`` in the order the kernel queued them (``read``'s half, for tests too)."""
        whole: set[Path] = set()
        for event in events:
            if event.mask & Q_OVERFLOW:
                self._lost_events()
                continue
            if event.mask & IGNORED:  # the folder is gone: watch it again once it is back
                self._forget(event.wd)
                continue
            if event.mask & ISDIR:
                continue
            for path in self._paths(event):
                if event.mask & BEING_WRITTEN:
                    self._writing.add(path)
                    whole.discard(path)
                if event.mask & (WHOLE | GONE):
                    self._writing.discard(path)
                    self._closed_since_overflow.add(path)
                    whole.discard(path)
                if event.mask & WHOLE:
                    whole.add(path)
        return whole

    # -- internals --------------------------------------------------------------------

    def _paths(self, event: Event) -> Sequence[Path]:
        """One event names a file in every folder path that reaches its watch (a link and its target)."""
        if not event.name:
            return ()
        return [folder / event.name for folder, (wd, _) in self._folders.items() if wd == event.wd]

    def _add(self, folder: Path, identity: FolderId) -> None:
        try:
            wd = self._inotify.add_watch(folder, WATCHED)
        except OSError as error:  # ENOSPC: fs.inotify.max_user_watches reached
            log.info("no close events in %s (%s): saves there wait for their quiet period", folder, error)
            return
        self._folders[folder] = (wd, identity)

    def _unwatch(self, folder: Path, wd: int) -> None:
        del self._folders[folder]
        self._drop_writers(folder)
        if all(other != wd for other, _ in self._folders.values()):
            with contextlib.suppress(OSError):  # the kernel dropped it already (the folder went)
                self._inotify.rm_watch(wd)

    def _forget(self, wd: int) -> None:
        for folder, (watch, _) in list(self._folders.items()):
            if watch == wd:
                del self._folders[folder]
                self._drop_writers(folder)

    def _drop_writers(self, folder: Path) -> None:
        self._writing = {path for path in self._writing if path.parent != folder}

    def _lost_events(self) -> None:
        """The queue overflowed: who is writing is unknown until each file's next close."""
        log.info("file events were lost: saves wait for their quiet period until their next close")
        self._writing.clear()
        self._blind_since_overflow = True
        self._closed_since_overflow = set()


def _folder_id(folder: Path) -> FolderId | None:
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return info.st_dev, info.st_ino
