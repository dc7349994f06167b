"""Proof of play: one JSON line per panel shown, appended so the file survives a kill.

Each line is written with a single ``os.write`` to a file opened with O_APPEND, so a line is
either all there or (after a power cut mid-write) a torn last line, which the next start cuts
off. The file is reopened for every line, so logrotate may move it away at any time.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject

log = logging.getLogger(__name__)
TAIL_CHUNK = 4096


RECORD_START = b'{"start": "'  # every line append_line writes begins so


class NotAPlayLogError(OSError):
    """The file holds something else: the kiosk neither repairs nor appends to it."""


def repair_torn_tail(path: Path) -> int:
    """Cut an unfinished last line off ``path``; returns how many bytes were dropped.

    Only a play log is touched: a file that holds anything else (its first line is not a
    record) raises NotAPlayLogError and is left exactly as it was.
    """
    try:
        fd = os.open(path, os.O_RDWR | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return 0
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAPlayLogError(f"{path} is not a regular file")
        if info.st_size and not os.pread(fd, len(RECORD_START), 0) == RECORD_START:
            raise NotAPlayLogError(f"{path} holds something other than a play log; it is left alone")
        size = end = info.st_size
        while end > 0:
            start = max(0, end - TAIL_CHUNK)
            chunk = os.pread(fd, end - start, start)
            if end == size and chunk.endswith(b"\n"):
                return 0
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                end = start + newline + 1
                break
            end = start
        os.ftruncate(fd, end)
        return size - end
    finally:
        os.close(fd)


def append_line(path: Path, record: dict[str, object]) -> None:
    """Append one JSON line to ``path`` in a single write."""
    line = (json.dumps(record, ensure_ascii=False, separators=(", ", ": ")) + "\n").encode()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        written = os.write(fd, line)
        if written != len(line):  # only a full disk does this; don't leave half a line behind
            raise OSError(f"wrote {written} of {len(line)} bytes")
    finally:
        os.close(fd)


class PlayLog(QObject):
    """Writes a line when a panel leaves the screen: when it came, its id, seconds, content version.

    A time the screen slept (``settings.power``) is a line too, ``{"start", "screen": "off", "seconds"}``,
    and so is an urgent message, ``{"start", "urgent": TITLE, "seconds"}``. A layout's side column
    keeps a PlayLog of its own on the same file, its lines marked ``"region": "side"``.
    """

    def __init__(self, path: Path, parent: QObject | None = None, *,
                 clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
                 monotonic: Callable[[], float] = time.monotonic, region: str | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._region = {"region": region} if region else {}  # a layout's side column: its own showings
        self._clock, self._monotonic = clock, monotonic
        # the line's fields before "seconds", after it, and when the showing began (monotonic)
        self._current: tuple[dict[str, object], dict[str, object], float] | None = None
        self._failed = self._refused = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            dropped = repair_torn_tail(self.path)
        except OSError as exc:
            self._give_up(exc)
            dropped = 0
        if dropped:
            log.warning("play log %s: cut off a torn last line (%d bytes) left by a crash", self.path, dropped)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    @property
    def usable(self) -> bool:
        """False when the file was refused at start (its one warning given): a second log on it is pointless."""
        return not self._refused

    def panel_shown(self, panel_id: str, page: int, digest: str, lang: str | None = None) -> None:
        """A panel (or a further page of it) is on screen now; ``lang`` when the content has several."""
        if self._current and self._current[0].get("panel") == panel_id and page > 0:
            return  # later pages of one panel are one showing
        self._begin({"panel": panel_id}, {"content": digest, **({"lang": lang} if lang else {}), **self._region})

    def screen_off(self) -> None:
        """The screen sleeps now (``settings.power``): end the showing, and count the time it is off."""
        if not (self._current and self._current[0].get("screen") == "off"):
            self._begin({"screen": "off"}, {})

    def urgent_shown(self, text: str) -> None:
        """An urgent message covers the screen now: the panel behind it is not being shown."""
        self._begin({"urgent": text}, {})

    def _begin(self, head: dict[str, object], tail: dict[str, object]) -> None:
        self.close()
        self._current = ({"start": self._clock().isoformat(timespec="seconds"), **head}, tail, self._monotonic())

    def close(self) -> None:
        """End the showing on screen now (a panel change, blanking, or quitting) and write its line."""
        if self._current is None:
            return
        head, tail, t0 = self._current
        self._current = None
        record: dict[str, object] = {**head, "seconds": round(self._monotonic() - t0, 1), **tail}
        if self._refused:
            return
        try:
            append_line(self.path, record)
        except OSError as exc:
            if not self._failed:
                self._failed = True
                log.error("cannot write the play log %s: %s; the kiosk plays on without it "
                          "and tries again at each panel", self.path, exc.strerror or exc)
        else:
            if self._failed:
                log.info("writing the play log %s again", self.path)
            self._failed = False

    def _give_up(self, exc: OSError) -> None:
        """A play log that can't be opened or isn't one: one warning, and the kiosk plays on."""
        self._refused = True
        reason = exc if isinstance(exc, NotAPlayLogError) else f"cannot write the play log {self.path}: " \
            f"{exc.strerror or exc}"
        log.warning("%s; the kiosk plays on without a play log. Fix the path or its permissions and restart",
                    reason)
