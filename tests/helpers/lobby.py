"""A windowed kiosk with the run's parts, a clock the test sets, and a display that records requests."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize

from kiosk.core.content import load_content
from kiosk.playback.player import Player
from kiosk.run.operation import Operation, RunOptions
from kiosk.run.window.window import KioskWindow
from tests.helpers.clock import FakeClock

SCALE = 0.01  # 12 s panels last 120 ms; a minute of checking the schedule is 0.6 s


class FakeDisplay:
    """Stands in for DisplayPower: records each request."""

    def __init__(self) -> None:
        self.calls: list[bool] = []

    def switch(self, on: bool) -> None:
        self.calls.append(on)

    def close(self) -> None:
        pass


def lobby_factory(qtbot, write_content):
    """Factory: a kiosk on ``text`` from the moment ``start``; ``options`` may name the urgent file and more."""
    def make(start: datetime, text: str, **options):
        clock = FakeClock(start)
        player = Player(time_scale=SCALE, clock=clock)
        window = KioskWindow(player, windowed=True, size=QSize(640, 360))
        qtbot.addWidget(window)
        window.operation = Operation(window, player, RunOptions(clock=clock, time_scale=SCALE, **options))
        window.operation.power._display = window.display = FakeDisplay()
        window.present()
        qtbot.waitExposed(window)
        player.set_content(load_content(write_content(text)))
        window.operation.start_day()  # all of start() but the D-Bus screen saver
        window.clock = clock
        return window
    return make


