"""urgent.yaml takes over the screen: within 2 s of appearing, until it is removed or its ``until`` passes.

The file is looked at twice a second (one ``stat``), which also works in synced folders and on
file systems without change notification. A broken file is logged and, in ``--windowed``,
shown to staff in a corner marker; it never hides the rotation.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.core.content import ContentError
from kiosk.core.content.model import Settings, Urgent
from kiosk.core.file_signature import Signature, signature
from kiosk.core.urgent import in_languages, load_urgent, urgent_active
from kiosk.playback.player import Player
from kiosk.run.power.screen_power import PauseHold, ScreenPower
from kiosk.screen.problem_marker import ProblemMarker
from kiosk.screen.style import style_for
from kiosk.screen.urgent import UrgentScreen

log = logging.getLogger(__name__)
POLL_MS = 500


class UrgentTakeover(QObject):
    """Watches one urgent.yaml and shows its message over the window while it is current."""

    changed = Signal()  # a message came on screen or left it

    def __init__(self, path: Path, window: QWidget, player: Player, power: ScreenPower | None = None, *,
                 windowed: bool = False, clock: Callable[[], datetime] = datetime.now,
                 poll_ms: int = POLL_MS) -> None:
        super().__init__(window)
        self.path, self.window, self.player, self.power, self.clock = path, window, player, power, clock
        self.message: Urgent | None = None  # the last good message in the file, current or not
        self.screen: UrgentScreen | None = None
        self.marker = ProblemMarker(window, detailed=True) if windowed else None
        self._seen: Signature | object = object()  # never equal to a signature: the first look reads
        self._pause = PauseHold(player, "urgent message")
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.look)
        window.installEventFilter(self)
        if power is not None:
            power.changed.connect(lambda _on: self._show())

    def start(self) -> None:
        """Look at urgent.yaml now, and again on the timer."""
        self.look()
        self._timer.start()

    @property
    def showing(self) -> Urgent | None:
        """The message on screen now, if any."""
        return self.message if self.screen is not None else None

    def look(self) -> None:
        """Read the file if it changed, then show or take down the message."""
        seen = signature(self.path)
        if seen != self._seen:
            self._seen = seen
            self._read()
        self._show()

    def _read(self) -> None:
        try:
            message = load_urgent(self.path)
        except ContentError as error:
            for problem in error.problems:
                log.error("%s", problem)
            log.info("urgent message not changed: %s has errors", self.path.name)
            if self.marker is not None:
                self.marker.show_problems(error, self._settings())
            return
        if self.marker is not None:
            self.marker.clear()
        if message != self.message:
            log.info("urgent message %s", f"from {self.path}: {message.title or message.text!r}" if message
                     else "cleared")
            self.message = message
            self._rebuild()

    def _show(self) -> None:
        active = urgent_active(self.message, self.clock())
        if self.power is not None:
            self.power.set_urgent_wake(active and self.message is not None and self.message.wake)
        wanted = active and (self.power is None or self.power.on)
        if wanted and self.screen is None:
            self._rebuild()
        elif not wanted and self.screen is not None:
            if not active:
                log.info("urgent message over (%s)", "its `until` passed" if self.message else "file removed")
            self._take_down()
            self.changed.emit()

    def _rebuild(self) -> None:
        """Build the message screen afresh (a new message, or a new window size)."""
        message = self.message
        asleep = self.power is not None and not self.power.on
        if message is None or not urgent_active(message, self.clock()) or asleep:
            self._take_down()
            self.changed.emit()
            return
        settings = self._settings()
        style = style_for(settings, self.window.size(), Path("."))
        old, self.screen = self.screen, UrgentScreen(in_languages(message, settings.languages), style,
                                                     self.window)
        self.screen.show()
        self.screen.raise_()
        if self.marker is not None and not self.marker.isHidden():
            self.marker.raise_()
        if old is not None:
            old.deleteLater()
        self._pause.hold(True)  # the rotation waits where it was
        self.changed.emit()

    def _take_down(self) -> None:
        if self.screen is not None:
            self.screen.hide()
            self.screen.deleteLater()
            self.screen = None
        self._pause.hold(False)

    def _settings(self) -> Settings:
        return self.player.loaded.content.settings if self.player.loaded else Settings(title="")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Rebuild the urgent screen when the window changes size."""
        if event.type() == QEvent.Type.Resize and self.screen is not None \
                and self.screen.size() != self.window.size():
            self._rebuild()
        return False
