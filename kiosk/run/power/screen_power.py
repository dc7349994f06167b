"""The screen's day: asleep outside ``settings.power``, awake at on-time, woken by a key.

While the screen is off the rotation pauses, the window paints black (whatever the display
does with the DPMS or CEC request, the desktop never shows) and the display back-ends are asked
to switch the screen off. At on-time the rotation starts again at the first panel.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from weakref import WeakKeyDictionary

from PySide6.QtCore import QChildEvent, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QWidget

from kiosk.core.content.model import Power
from kiosk.core.power import next_power_change, scheduled_on, screen_on, wake_end
from kiosk.playback.player import Player
from kiosk.run.power.display_power import DisplayPower, methods_for
from kiosk.run.window.window import KioskWindow
from kiosk.screen.slide import paint_background

log = logging.getLogger(__name__)
RECHECK_SECONDS = 60.0  # the wall clock can jump; look again at least this often


class PauseHold:
    """Pauses the rotation for one reason (a dark screen, an urgent message) while it holds.

    Several reasons may hold the same player at once; the rotation resumes when the last one
    lets go, and only if a hold paused it: a rotation paused by hand or by presenter mode stays
    paused.
    """

    _holders: WeakKeyDictionary[Player, set[str]] = WeakKeyDictionary()
    _paused_by_holds: WeakKeyDictionary[Player, bool] = WeakKeyDictionary()

    def __init__(self, player: Player, reason: str) -> None:
        self.player, self.reason = player, reason

    def hold(self, hold: bool) -> None:
        """Hold the rotation paused for this reason (True), or let go of it (False)."""
        holders = self._holders.setdefault(self.player, set())
        before = bool(holders)
        (holders.add if hold else holders.discard)(self.reason)
        if holders and not before and not self.player.paused:
            self.player.set_paused(True)
            self._paused_by_holds[self.player] = True
        elif before and not holders and self._paused_by_holds.pop(self.player, False):
            self.player.set_paused(False)


class ScreenPower(QObject):
    """Follows the power schedule for one window and its player."""

    changed = Signal(bool)  # the screen is on (True) or off

    def __init__(self, window: KioskWindow, player: Player, *, clock: Callable[[], datetime] = datetime.now,
                 time_scale: float = 1.0, display: DisplayPower | None = None) -> None:
        super().__init__(window)
        self.window, self.player, self.clock, self.time_scale = window, player, clock, time_scale
        self.on = True
        self.woken_until: datetime | None = None
        self.urgent_wake = False
        self._display, self._pause = display, PauseHold(player, "screen off")
        self._built_for_cec: bool | None = None  # None: given from outside (a preview, a test), kept as it is
        self.black = QWidget(window)
        paint_background(self.black, QColor("#000000"))
        self.black.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.evaluate)
        window.installEventFilter(self)  # clicks, resizes, and new widgets that might cover the black
        children: Iterable[QWidget] = window.findChildren(QWidget)
        for child in children:
            child.installEventFilter(self)

    @property
    def power(self) -> Power | None:
        """The schedule of the content on screen, so a live edit of it counts at the next look."""
        return self.player.loaded.content.settings.power if self.player.loaded else None

    @property
    def state(self) -> str:
        """``on`` by schedule, ``off``, or ``woken`` (by a key or an urgent message) outside it."""
        if not self.on:
            return "off"
        return "on" if scheduled_on(self.power, self.clock()) else "woken"

    def evaluate(self) -> None:
        """Switch the screen the way the schedule, a key and an urgent message want it now."""
        now = self.clock()
        wanted = screen_on(self.power, now, woken_until=self.woken_until, urgent_wake=self.urgent_wake)
        if wanted != self.on:
            self._switch(wanted)
        self._arm(now)

    def next_change(self) -> datetime | None:
        """When the screen next turns on or off by itself."""
        now = self.clock()
        moments = [next_power_change(self.power, now)]
        if self.woken_until is not None and self.woken_until > now:
            moments.append(self.woken_until)
        return min((m for m in moments if m is not None), default=None)

    def wake(self) -> None:
        """A key or a clicker: keep the screen on for ``power.wake_minutes`` from now."""
        if self.power is None or scheduled_on(self.power, self.clock()):
            return
        self.woken_until = wake_end(self.power, self.clock())
        if not self.on:
            log.info("screen woken by a key until %s", f"{self.woken_until:%H:%M}")
        self.evaluate()

    def key_wakes(self) -> bool:
        """A key or clicker press outside the on-hours: wake the screen, or keep it awake longer.
        True when the screen was asleep, so the key does nothing else."""
        if self.power is None or scheduled_on(self.power, self.clock()):
            return False
        was_off = not self.on
        self.wake()
        return was_off

    def set_urgent_wake(self, wake: bool) -> None:
        """An urgent message with ``wake: true`` keeps the screen on while it lasts."""
        if wake != self.urgent_wake:
            self.urgent_wake = wake
            self.evaluate()

    def _switch(self, on: bool) -> None:
        self.on = on
        if on:
            self.black.hide()
            self._pause.hold(False)
            self.player.restart()  # a new day starts with the first panel
        else:
            self.black.setGeometry(self.window.rect())
            self.black.show()
            self.black.raise_()
            self._pause.hold(True)
        log.info("screen %s (%s)", "on" if on else "off", self._why(on))
        self._display_power().switch(on)
        self.changed.emit(on)

    def _why(self, on: bool) -> str:
        if not on:
            return "settings.power"
        if self.urgent_wake and not scheduled_on(self.power, self.clock()):
            return "an urgent message wakes it"
        return "a key woke it" if self.woken_until and self.woken_until > self.clock() else "settings.power"

    def _display_power(self) -> DisplayPower:
        """The back-ends for this machine, built again when a live edit turns ``power.cec`` on or off."""
        cec = bool(self.power and self.power.cec)
        if self._display is None or (self._built_for_cec is not None and self._built_for_cec != cec):
            if self._display is not None:
                self._display.close()
            outputs = [screen.name() for screen in QGuiApplication.screens()]
            self._display = DisplayPower(methods_for(QGuiApplication.platformName(), outputs, cec=cec))
            self._built_for_cec = cec
        return self._display

    def _arm(self, now: datetime) -> None:
        change = self.next_change()
        seconds = RECHECK_SECONDS if change is None else min(RECHECK_SECONDS, (change - now).total_seconds())
        self._timer.start(max(1, round(max(0.0, seconds) * 1000 * self.time_scale)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Keep the black on top at night, size it with the window; a click wakes the screen."""
        kind = event.type()
        if watched is not self.window:  # a widget over the window (a marker, a number) came up
            if kind in (QEvent.Type.Show, QEvent.Type.ZOrderChange) and watched is not self.black and not self.on:
                self.black.raise_()  # at night nothing shows but black
            return False
        if kind == QEvent.Type.ChildPolished and isinstance(event, QChildEvent):
            event.child().installEventFilter(self)  # a widget, before it shows (see presenter.py)
        elif kind == QEvent.Type.Resize:
            self.black.setGeometry(self.window.rect())
        elif kind == QEvent.Type.MouseButtonPress:
            return self.key_wakes()  # a click wakes a sleeping screen as a key does
        return False

    def stop(self) -> None:
        """When the kiosk quits: leave the screen on for whoever comes next."""
        self._timer.stop()
        if self._display is not None:
            if not self.on:
                self._display.switch(True)
            self._display.close()
