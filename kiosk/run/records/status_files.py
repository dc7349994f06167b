"""The status folder (``--status-dir``): status.json and screen.png, for an office that never visits.

Both files are written atomically (a temporary file and a rename), so a sync tool or the
office's file manager only ever sees whole files. status.json is rewritten whenever something
changes and at least once a minute (its age says the kiosk is alive); screen.png each time a
panel comes on screen, but at most once every ``settings.status_every``.
"""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

from kiosk.core.atomic import write_atomically
from kiosk.core.content import ContentError, Loaded
from kiosk.core.playlist import timeline
from kiosk.core.status import SCREEN_NAME, SCREEN_WIDTH, STATUS_NAME, Status, stamp
from kiosk.export.render import png_bytes
from kiosk.playback.player import Player
from kiosk.run.live.urgent_takeover import UrgentTakeover
from kiosk.run.power.screen_power import ScreenPower

log = logging.getLogger(__name__)
HEARTBEAT_MS = 60_000
LOOK_AHEAD = timedelta(days=8)  # power and show: windows repeat weekly


class StatusFiles(QObject):
    """Keeps status.json and screen.png in ``folder`` up to date for one running kiosk."""

    def __init__(self, folder: Path, window: QWidget, player: Player, *, power: ScreenPower | None = None,
                 urgent: UrgentTakeover | None = None, every_seconds: float = 60.0, time_scale: float = 1.0,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        super().__init__(window)
        self.folder, self.window, self.player, self.power, self.urgent = Path(folder), window, player, power, urgent
        self.clock, self.time_scale = clock, time_scale
        self.status = Status(host=socket.gethostname(), started=stamp(datetime.now()))
        self._started = time.monotonic()
        self._every_ms = max(1, round(every_seconds * 1000 * time_scale))
        self._last_picture: float | None = None
        self._failed: set[int | str] = set()
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(max(1, round(HEARTBEAT_MS * time_scale)))
        self._heartbeat.timeout.connect(self.write_status)
        self._picture_later = QTimer(self)
        self._picture_later.setSingleShot(True)
        self._picture_later.timeout.connect(self.write_picture)
        player.shown.connect(self._panel_shown)
        if power is not None:
            power.changed.connect(self._screen_changed)
        if urgent is not None:
            urgent.changed.connect(self._screen_changed)

    def start(self) -> None:
        """Create the status folder and start the heartbeat."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._report(exc, f"cannot create the status folder {self.folder}: {exc.strerror}")
        self._heartbeat.start()
        self._screen_changed()  # the first panel came on screen before the folder was set up

    # -- what happened --------------------------------------------------------------------

    def content_loaded(self, loaded: Loaded, *_: object) -> None:
        """A reload was accepted: record its digest and time."""
        self.status.content, self.status.content_loaded = loaded.digest, stamp(datetime.now())
        self.status.reload = {"ok": True, "errors": []}
        self.write_status()

    def content_refused(self, error: ContentError) -> None:
        """A reload was refused: record its errors."""
        self.status.reload = {"ok": False, "errors": [str(p) for p in error.problems if p.is_error]}
        self.write_status()

    def _panel_shown(self, *_: object) -> None:
        self._screen_changed()

    def _screen_changed(self, *_: object) -> None:
        if self._heartbeat.isActive():  # started: the folder exists
            self.write_status()
            self._picture_soon()

    # -- the files ----------------------------------------------------------------------

    def write_status(self) -> None:
        """Write status.json with what the display is doing now."""
        status = self.status
        loaded = self.player.loaded
        if loaded is not None and not status.content:
            status.content, status.content_loaded = loaded.digest, stamp(datetime.now())
        status.updated = stamp(datetime.now())
        status.uptime_seconds = round(time.monotonic() - self._started)
        status.panel = self.player.current_id
        status.lang = self.player.slide.lang if self.player.slide is not None else None
        status.screen = self.power.state if self.power is not None else "on"
        message = self.urgent.showing if self.urgent is not None else None
        status.urgent = message.model_dump(mode="json", exclude_defaults=True) if message else None
        status.next_change = self._next_change()
        self._write(STATUS_NAME, status.to_json())

    def _next_change(self) -> str | None:
        """When what the screen shows next changes by itself: the schedule, the power, a woken screen."""
        now, loaded = self.clock(), self.player.loaded
        segments = timeline(loaded.content, now, now + LOOK_AHEAD) if loaded else []
        moments = [segments[1].start if len(segments) > 1 else None,
                   self.power.next_change() if self.power is not None else None]
        soonest = min((m for m in moments if m is not None), default=None)
        return soonest.isoformat(timespec="minutes") if soonest else None

    def _picture_soon(self) -> None:
        """A new picture now, or at the end of the interval if one was taken less than ``every`` ago."""
        if self._picture_later.isActive():
            return
        waited = None if self._last_picture is None else (time.monotonic() - self._last_picture) * 1000
        if waited is None or waited >= self._every_ms:
            self.write_picture()
        else:
            self._picture_later.start(max(1, round(self._every_ms - waited)))

    def write_picture(self) -> None:
        """screen.png: what the window shows, at most SCREEN_WIDTH pixels wide."""
        self._last_picture = time.monotonic()
        image = self.window.grab().toImage()
        if image.width() > SCREEN_WIDTH:
            image = image.scaledToWidth(SCREEN_WIDTH, Qt.TransformationMode.SmoothTransformation)
        self._write(SCREEN_NAME, png_bytes(image))

    def _write(self, name: str, data: bytes) -> None:
        try:
            write_atomically(self.folder / name, data)
        except OSError as exc:
            self._report(exc, f"cannot write {self.folder / name}: {exc.strerror or exc}; check that the "
                              "folder exists and the kiosk may write to it")

    def _report(self, exc: OSError, message: str) -> None:
        """Log each cause once: a missing folder is one line, not two a minute."""
        cause = exc.errno or str(exc)
        if cause not in self._failed:
            self._failed.add(cause)
            log.error("status: %s", message)

    def stop(self) -> None:
        """Stop the heartbeat and the pending screenshot."""
        self._heartbeat.stop()
        self._picture_later.stop()
