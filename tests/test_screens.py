"""Screens: `kiosk screens` lists them, --screen picks one by index or name, and the kiosk goes back to it."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QObject, QRect, QSize, Signal
from PySide6.QtGui import QGuiApplication

from kiosk.playback.player import Player
from kiosk.run.window.screens import ScreenKeeper, choose_screen, find_screen, parse_screen, screen_infos
from kiosk.run.window.window import KioskWindow
from tests.conftest import ROOT

TWO_SCREENS = {"screens": [
    {"name": "eDP-1", "x": 0, "y": 0, "width": 1366, "height": 768},
    {"name": "HDMI-1", "x": 1366, "y": 0, "width": 1920, "height": 1080},
]}


def run_with_two_screens(tmp_path, *args: str) -> subprocess.CompletedProcess:
    """Run Python under Qt's offscreen platform configured with a laptop panel and a TV."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(TWO_SCREENS), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)


def test_kiosk_screens_lists_index_name_geometry_and_primary(tmp_path):
    result = run_with_two_screens(tmp_path, "main.py", "screens")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    rows = {line.split()[1]: line.split() for line in lines}
    assert rows["HDMI-1"][2] == "1920x1080+1366+0"
    assert rows["eDP-1"][2] == "1366x768+0+0"
    assert sum("primary" in line for line in lines) == 1
    assert sorted(row[0] for row in rows.values()) == ["0", "1"]


@pytest.mark.parametrize("spec", ["eDP-1", "edp-1", "HDMI-1"])
def test_kiosk_goes_full_screen_on_the_named_screen(tmp_path, spec):
    code = textwrap.dedent(f"""
        from PySide6.QtGui import QGuiApplication
        from kiosk.app import make_app
        from kiosk.playback.player import Player
        from kiosk.run.window.screens import choose_screen
        from kiosk.run.window.window import KioskWindow
        app = make_app()
        window = KioskWindow(Player(), screen=choose_screen({spec!r}))
        window.present()
        app.processEvents()
        g = window.geometry()
        print(window.screen().name(), g.x(), g.y(), g.width(), g.height())
    """)
    result = run_with_two_screens(tmp_path, "-c", code)
    assert result.returncode == 0, result.stderr
    wanted = next(s for s in TWO_SCREENS["screens"] if s["name"].lower() == spec.lower())
    assert result.stdout.split() == [wanted["name"], *(str(wanted[k]) for k in ("x", "y", "width", "height"))]


def test_parse_screen_takes_an_index_or_a_name():
    assert parse_screen("1") == 1
    assert parse_screen(" HDMI-1 ") == "HDMI-1"


def test_an_unknown_screen_falls_back_to_the_primary_and_says_so(kiosk_app, caplog):
    caplog.set_level(logging.WARNING, logger="kiosk.run.window.screens")
    primary = QGuiApplication.primaryScreen()
    assert find_screen(0) is primary
    assert find_screen(7) is None and find_screen("no-such-tv") is None
    assert choose_screen("no-such-tv") is primary
    assert "screen 'no-such-tv' is not attached" in caplog.text
    infos = screen_infos()
    assert infos[0].primary and infos[0].width == primary.geometry().width()


class FakeScreen(QObject):
    geometryChanged = Signal(QRect)  # noqa: N815 (Qt's name)

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def name(self) -> str:
        return self._name


class FakeDesk:
    """Stands in for QGuiApplication's screen list, so screens can come and go in a test."""

    def __init__(self, *screens: FakeScreen) -> None:
        self.attached = list(screens)

    def screens(self) -> list[FakeScreen]:
        return list(self.attached)

    def primaryScreen(self) -> FakeScreen:  # noqa: N802
        return self.attached[0]

    def instance(self):
        return QGuiApplication.instance()


@pytest.mark.expect_log("screen detached: HDMI-1")
def test_keeper_follows_the_tv_off_and_on_again(qtbot, kiosk_app, monkeypatch):
    laptop, tv = FakeScreen("eDP-1"), FakeScreen("HDMI-1")
    desk = FakeDesk(laptop)
    monkeypatch.setattr("kiosk.run.window.screens.QGuiApplication", desk)
    moves: list[str] = []
    keeper = ScreenKeeper("HDMI-1", lambda screen: moves.append(screen.name()))
    keeper.place()
    assert moves == ["eDP-1"]  # the TV is off at boot: the laptop screen until it comes
    desk.attached.append(tv)
    keeper.screen_added(tv)
    qtbot.waitUntil(lambda: moves[-1:] == ["HDMI-1"])
    desk.attached.remove(tv)
    keeper.screen_removed(tv)  # switched off
    qtbot.waitUntil(lambda: moves[-1:] == ["eDP-1"])
    tv = FakeScreen("HDMI-1")  # on again: Qt makes a new QScreen for it
    desk.attached.append(tv)
    keeper.screen_added(tv)
    qtbot.waitUntil(lambda: moves[-1:] == ["HDMI-1"])
    count = len(moves)
    tv.geometryChanged.emit(QRect(0, 0, 3840, 2160))  # it came back in another mode
    qtbot.waitUntil(lambda: len(moves) == count + 1 and moves[-1] == "HDMI-1")
    keeper.deleteLater()


def test_window_move_to_covers_the_new_screen(qtbot, kiosk_app):
    window = KioskWindow(Player(), size=QSize(640, 360))
    qtbot.addWidget(window)
    window.present()
    screen = QGuiApplication.primaryScreen()
    window.move_to(screen)
    assert window.geometry() == screen.geometry() and window.isFullScreen()
