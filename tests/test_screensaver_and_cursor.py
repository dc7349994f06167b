"""Keeping the screen awake (freedesktop ScreenSaver over D-Bus) and the pointer hidden."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtDBus import QDBusConnection
from PySide6.QtTest import QTest

from kiosk.platform.session import current_session
from kiosk.playback.player import Player
from kiosk.run.input.cursor import CURSOR_IDLE_MS, CursorHider
from kiosk.run.power.screensaver import CONNECTION_NAME, ScreenAwake
from kiosk.run.window.window import KioskWindow
from tests.conftest import ROOT


@pytest.fixture
def private_bus():
    """A D-Bus daemon of our own; its address, and a fake ScreenSaver service on it."""
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
                              stdout=subprocess.PIPE, text=True)
    address = daemon.stdout.readline().strip()
    service = subprocess.Popen([sys.executable, "-m", "tests.helpers.fake_screensaver"], cwd=ROOT,
                               env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": address},
                               stdout=subprocess.PIPE, text=True)
    try:
        assert service.stdout.readline().strip() == "ready"
        yield address, service
    finally:
        for process in (service, daemon):
            process.terminate()
            process.wait(timeout=10)
            process.stdout.close()


def test_inhibits_blanking_through_the_screensaver_service(qapp, private_bus, caplog):
    address, service = private_bus
    awake = ScreenAwake(address=address)
    with caplog.at_level(logging.INFO, logger="kiosk.run.power.screensaver"):
        assert awake.start() is True
    assert awake.cookie == 42
    assert service.stdout.readline().strip() == "Inhibit 'kiosk' 'showing the information display'"
    assert "screen blanking inhibited" in caplog.text and "xset" not in caplog.text
    awake.stop()  # closing our connection is what makes the desktop drop the inhibition
    assert not QDBusConnection(CONNECTION_NAME).isConnected() and awake.cookie is None


def test_without_the_service_the_xset_advice_is_logged_once(qapp, caplog):
    awake = ScreenAwake(address="unix:path=/nonexistent/kiosk-no-bus", session=current_session("xcb", {}))
    with caplog.at_level(logging.WARNING, logger="kiosk.run.power.screensaver"):
        assert awake.start() is False
        assert awake.start() is False
    assert caplog.text.count("xset s off -dpms") == 1
    assert "in X11; on X11 turn blanking off" in caplog.text
    awake.stop()


@pytest.mark.parametrize(("platform", "environ", "name", "advice"), [
    ("wayland", {"XDG_CURRENT_DESKTOP": "sway", "SWAYSOCK": "/run/sway"}, "sway (Wayland)", "swayidle"),
    ("wayland", {"XDG_CURRENT_DESKTOP": "labwc:wlroots"}, "labwc (Wayland)", "raspi-config nonint do_blanking 1"),
    ("wayland", {"XDG_CURRENT_DESKTOP": "ubuntu:GNOME"}, "GNOME (Wayland)", "idle-delay 0"),
    ("xcb", {"XDG_CURRENT_DESKTOP": "KDE"}, "KDE (X11)", "Power Management"),
    ("wayland", {}, "Wayland", "compositor's idle blanking"),
    ("xcb", {}, "X11", "xset s off -dpms"),
])
def test_the_advice_names_the_session_it_is_for(platform, environ, name, advice):
    session = current_session(platform, environ)
    assert session.name == name
    assert advice in session.blanking_advice()
    assert "xset" not in session.blanking_advice() or platform == "xcb"


@pytest.mark.parametrize(("platform", "environ", "name"), [
    ("wayland", {"XDG_CURRENT_DESKTOP": "cage"}, "cage (Wayland)"),
    ("eglfs", {}, "the console (KMS)"),
    ("linuxfb", {}, "the console (framebuffer)"),
])
def test_where_nothing_blanks_there_is_no_advice(platform, environ, name):
    session = current_session(platform, environ)
    assert (session.name, session.blanking_advice()) == (name, None)


@pytest.fixture
def preview(make_player):
    return make_player(window=True).window()


def test_full_screen_never_shows_the_pointer(qtbot, kiosk_app):
    window = KioskWindow(Player())
    qtbot.addWidget(window)
    hider = CursorHider(window, windowed=False)
    window.present()
    qtbot.waitExposed(window)
    QTest.mouseMove(window, QPoint(100, 100))
    QTest.mouseMove(window, QPoint(120, 110))
    assert hider.hidden


def test_preview_hides_the_pointer_after_it_rests(qtbot, preview):
    hider = CursorHider(preview, windowed=True, idle_ms=200)
    assert not hider.hidden
    qtbot.waitUntil(lambda: hider.hidden, timeout=2000)
    QTest.mouseMove(preview, QPoint(50, 50))
    QTest.mouseMove(preview, QPoint(60, 55))
    assert not hider.hidden
    assert preview.cursor().shape() == Qt.CursorShape.ArrowCursor
    qtbot.waitUntil(lambda: hider.hidden, timeout=2000)


def test_preview_waits_two_seconds_by_default(qtbot, preview):
    hider = CursorHider(preview, windowed=True)
    assert CURSOR_IDLE_MS == 2000 and hider._idle.interval() == 2000 and hider._idle.isActive()
