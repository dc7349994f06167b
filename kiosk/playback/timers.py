"""The player's two clocks: when the slide on screen is due to change, and when to ask the schedule again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer

from kiosk.core.content.model import Content
from kiosk.core.content.timetext import instant
from kiosk.core.playlist import next_change

# The wall clock can jump (NTP after boot, daylight saving, a suspended machine), so the
# player never waits longer than this before asking the schedule again.
RECHECK_SECONDS = 60.0


class RotationTimers(QObject):
    """A single-shot timer for the slide's time on screen and one for the schedule's next change."""

    def __init__(self, parent: QObject, *, time_scale: float, on_due: Callable[[], None],
                 on_recheck: Callable[[], None]) -> None:
        super().__init__(parent)
        self.time_scale = time_scale  # tests and benchmarks run the rotation faster
        self._due = QTimer(self)
        self._due.setSingleShot(True)
        self._due.timeout.connect(on_due)
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setTimerType(Qt.TimerType.PreciseTimer)
        self._recheck.timeout.connect(on_recheck)

    def start_due(self, seconds: float) -> None:
        """The slide on screen changes after ``seconds`` (scaled)."""
        self._due.start(self._ms(seconds))

    def stop_due(self) -> None:
        """No change is due: paused, or a change is under way."""
        self._due.stop()

    def arm_recheck(self, content: Content | None, now: datetime) -> None:
        """Look at the schedule again when a window next opens or closes (or in a minute)."""
        change = next_change(content, now) if content is not None else None
        seconds = RECHECK_SECONDS if change is None else min(RECHECK_SECONDS, instant(change) - instant(now))
        self._recheck.start(self._ms(seconds))

    @property
    def interval_ms(self) -> int:
        """How long the slide on screen was scheduled to stay (-1 when paused or idle)."""
        return self._due.interval() if self._due.isActive() else -1

    @property
    def remaining_ms(self) -> int:
        """Milliseconds until the next automatic change (-1 when paused or idle)."""
        return self._due.remainingTime() if self._due.isActive() else -1

    @property
    def recheck_ms(self) -> int:
        """Milliseconds until the schedule is asked again (-1 when not armed)."""
        return self._recheck.remainingTime() if self._recheck.isActive() else -1

    def _ms(self, seconds: float) -> int:
        return max(1, round(seconds * 1000 * self.time_scale))
