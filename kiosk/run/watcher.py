"""Watch content.yaml, and the files it points at, the way editors really save them.

Editors and sync tools save in different ways: in place, by renaming a temporary file
over the original (the watcher then loses the path), or by deleting and re-creating
it. So the watcher also watches the folder, re-adds the file whenever it reappears,
waits for a burst of events to settle, and reads the file only once it stopped
changing. Content whose bytes (and photos) did not change is ignored.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.core.content import ContentError, Loaded, load_bytes
from kiosk.core.content.loader import content_digest
from kiosk.core.content.model import PanelBase
from kiosk.core.content.yamlsource import read_bytes

DEBOUNCE_MS = 150
MAX_SETTLE_ROUNDS = 10  # a file that never stops changing is read anyway after this many rounds

Signature = tuple[int, int, int] | None  # inode, size, mtime in ns; None when missing


def signature(path: Path) -> Signature:
    """What changes when a file is written, replaced or deleted."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


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

    def __init__(self, path: str | Path, *, debounce_ms: int = DEBOUNCE_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)  # as given, so problems name it the way `kiosk check` does
        self._assets: dict[Path, Signature] = {}
        self._seen: tuple | None = None  # what the last handled version looked like
        self._last_stat: Signature = None
        self._rounds = 0
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._poke)
        self._watcher.directoryChanged.connect(self._poke)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._settle)

    def start(self, loaded: Loaded | None = None) -> None:
        """Begin watching. ``loaded`` is the version already on screen, if any."""
        if loaded is not None:
            self._remember_assets(loaded)
            self._seen = (loaded.digest, self._asset_key())
        self._rewatch()
        if loaded is None:
            self.check_now()
        else:
            self._poke()  # catch an edit made between the start-up load and now

    def check_now(self) -> None:
        """Read the file now; emit if it differs from the last version handled."""
        try:
            raw = read_bytes(self.path)
        except ContentError as error:  # missing, unreadable, too large
            self._handle_failure(error, ("unreadable", str(error)))
            return
        key = (content_digest(raw), self._asset_key())
        if key == self._seen:
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
        self.loaded.emit(loaded, changed)

    def watched(self) -> list[str]:
        return [*self._watcher.files(), *self._watcher.directories()]

    # -- internals --------------------------------------------------------------------

    def _handle_failure(self, error: ContentError, key: tuple) -> None:
        if key != self._seen:
            self._seen = key
            self.failed.emit(error)

    def _poke(self, _changed: str = "") -> None:
        """Any event restarts the quiet period; the file is read once events stop."""
        self._rewatch()
        self._last_stat = signature(self.path)
        self._rounds = 0
        self._timer.start()

    def _settle(self) -> None:
        now = signature(self.path)
        if now != self._last_stat and self._rounds < MAX_SETTLE_ROUNDS:
            self._last_stat, self._rounds = now, self._rounds + 1
            self._timer.start()  # still being written
            return
        self.check_now()

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
        stale = set(self.watched()) - present
        if stale:
            self._watcher.removePaths(sorted(stale))
        missing = present - set(self.watched())
        if missing:
            self._watcher.addPaths(sorted(missing))
