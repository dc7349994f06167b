"""The locked kiosk: a visitor's Esc does nothing (and is logged); holding Ctrl+Shift+Q quits."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QSize, Qt

from kiosk.playback.player import Player
from kiosk.run.input.keys import KeyHandler
from kiosk.run.input.lock import KioskLock
from kiosk.run.window.window import KioskWindow

Key = Qt.Key
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def quits(monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QApplication.quit", lambda: calls.append("quit"))
    return calls


def unlock(window: KioskWindow) -> None:
    """What the held Ctrl+Shift+Q does: pytest-qt's close after the test then goes through."""
    window.lock.unlocking = True


@pytest.fixture
def locked(qtbot, kiosk_app, seed):
    player = Player(time_scale=0.01)
    window = KioskWindow(player, windowed=True, size=QSize(640, 360))
    qtbot.addWidget(window, before_close_func=unlock)
    window.lock = KioskLock(window, hold_ms=300)
    window.keys = KeyHandler(window, player, gate=window.lock)  # as kiosk.run.operation hands it the gate
    window.present()
    qtbot.waitExposed(window)
    player.set_content(seed)
    return window


@pytest.mark.parametrize("key", [Key.Key_Escape, Key.Key_Q])
def test_quit_keys_are_refused_and_logged(qtbot, locked, quits, key, caplog):
    with caplog.at_level(logging.WARNING, logger="kiosk.run.input.lock"):
        qtbot.keyClick(locked, key)
    assert quits == []
    assert locked.lock.refused == 1
    assert "quit refused: the kiosk is locked" in caplog.text and "Ctrl+Shift+Q" in caplog.text


def test_other_keys_still_work(qtbot, locked):
    locked.player.toggle_pause()
    qtbot.keyClick(locked, Key.Key_Right)
    qtbot.waitUntil(lambda: locked.player.current_id == "goal", timeout=2000)


def test_closing_the_window_is_refused(qtbot, locked, caplog):
    with caplog.at_level(logging.WARNING, logger="kiosk.run.input.lock"):
        assert locked.close() is False
    assert locked.isVisible()
    assert "asked to close" in caplog.text


def test_holding_ctrl_shift_q_for_the_hold_time_quits(qtbot, locked, quits):
    qtbot.keyPress(locked, Key.Key_Q, CTRL_SHIFT)
    assert quits == []  # not at once
    qtbot.waitUntil(lambda: quits == ["quit"], timeout=2000)
    assert locked.lock.unlocking and locked.close()


def test_letting_go_of_q_early_does_not_quit(qtbot, locked, quits):
    qtbot.keyPress(locked, Key.Key_Q, CTRL_SHIFT)
    qtbot.keyRelease(locked, Key.Key_Q)  # (with modifiers given, QTest would release those too)
    assert locked.lock._hold.isActive()
    qtbot.waitUntil(lambda: not locked.lock._hold.isActive(), timeout=2000)  # the hold time is over
    assert quits == []


def test_key_repeat_while_holding_still_quits(qtbot, locked, quits):
    """X key repeat can reach Qt as release+press pairs; holding on through them counts."""
    qtbot.keyPress(locked, Key.Key_Q, CTRL_SHIFT)
    for _ in range(3):
        qtbot.keyRelease(locked, Key.Key_Q)
        qtbot.keyPress(locked, Key.Key_Q, CTRL_SHIFT)
    qtbot.waitUntil(lambda: quits == ["quit"], timeout=2000)


def test_letting_go_of_ctrl_early_does_not_quit(qtbot, locked, quits):
    qtbot.keyPress(locked, Key.Key_Q, CTRL_SHIFT)
    qtbot.keyRelease(locked, Key.Key_Control, Qt.KeyboardModifier.ShiftModifier)
    assert not locked.lock._hold.isActive() and quits == []


def test_the_default_hold_is_two_seconds(qtbot, kiosk_app):
    window = KioskWindow(Player(), windowed=True)
    qtbot.addWidget(window, before_close_func=unlock)
    window.lock = KioskLock(window)
    assert window.lock._hold.interval() == 2000


def test_unlocked_escape_still_quits(qtbot, kiosk_app, seed, quits):
    player = Player()
    window = KioskWindow(player, windowed=True)
    qtbot.addWidget(window)
    window.keys = KeyHandler(window, player)
    qtbot.keyClick(window, Key.Key_Escape)
    assert quits == ["quit"]


@pytest.mark.qt_log_ignore("does not support raise")  # the offscreen platform has no stacking
def test_lock_keeps_a_full_screen_kiosk_on_top_and_full_screen(qtbot, kiosk_app, seed):
    window = KioskWindow(Player(time_scale=0.01))
    qtbot.addWidget(window, before_close_func=unlock)
    window.lock = KioskLock(window)
    window.present()
    qtbot.waitExposed(window)
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    window.showNormal()
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
