"""Rotation order, durations, transitions and keys, driven by signals, never by sleeping."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

ORDER = ["impact", "goal", "student-of-the-year", "pass", "updates"]


@pytest.fixture
def window(make_player, seed):
    """A windowed portrait kiosk (where the seed updates take two pages), durations shrunk 100-fold."""
    return make_player(seed, size=(540, 960), time_scale=0.01, window=True).window()


def shown_sequence(qtbot, player, count):
    seen = []
    player.shown.connect(lambda shown: seen.append((shown.id, shown.page)))
    qtbot.waitUntil(lambda: len(seen) >= count, timeout=20000)
    return seen[:count]


def test_panels_rotate_forever_in_file_order(qtbot, window):
    seen = shown_sequence(qtbot, window.player, 8)
    pages = window.player.slide.body.page_count() if window.player.current_id == "updates" else 2
    assert pages == 2
    assert seen == [("goal", 0), ("student-of-the-year", 0), ("pass", 0), ("updates", 0),
                    ("updates", 1), ("impact", 0), ("goal", 0), ("student-of-the-year", 0)]


def test_each_panel_waits_its_own_duration(qtbot, window, seed):
    player = window.player
    assert player.current_id == "impact"
    # impact overrides the default with 15 s; scaled by 0.01 that is 150 ms.
    assert player.timers.interval_ms == 150
    with qtbot.waitSignal(player.shown, timeout=2000):
        pass
    assert player.current_id == "goal"
    assert player.timers.interval_ms == 120  # settings.duration: 12 s


def test_updates_pages_share_the_panel_time(qtbot, window):
    player = window.player
    with qtbot.waitSignal(player.shown, timeout=10000,
                          check_params_cb=lambda shown: shown.id == "updates"):
        pass
    assert player.page_count == 2
    assert player.timers.interval_ms == 100  # 20 s split over 2 pages, scaled by 0.01


@pytest.mark.parametrize(("key", "expected"), [
    (Qt.Key.Key_Right, "goal"), (Qt.Key.Key_PageDown, "goal"), (Qt.Key.Key_Space, "goal"),
    (Qt.Key.Key_Left, "updates"), (Qt.Key.Key_PageUp, "updates"), (Qt.Key.Key_3, "student-of-the-year"),
])
def test_keys_move_between_panels(qtbot, window, key, expected):
    window.player.toggle_pause()
    qtbot.keyClick(window, key)
    qtbot.waitUntil(lambda: window.player.current_id == expected, timeout=2000)


def test_p_pauses_and_resumes(qtbot, window):
    player = window.player
    qtbot.keyClick(window, Qt.Key.Key_P)
    assert player.paused and player.timers.interval_ms == -1
    with qtbot.assertNotEmitted(player.shown, wait=400):
        pass
    assert player.current_id == "impact"
    qtbot.keyClick(window, Qt.Key.Key_P)
    with qtbot.waitSignal(player.shown, timeout=2000):
        pass
    assert player.current_id == "goal"


@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_Q])
def test_escape_and_q_quit(qtbot, window, key, monkeypatch):
    quits = []
    monkeypatch.setattr("PySide6.QtWidgets.QApplication.quit", lambda: quits.append(True))
    qtbot.keyClick(window, key)
    assert quits == [True]


def test_fade_paints_pixmaps_then_swaps(qtbot, window):
    player = window.player
    player.toggle_pause()
    player.next()
    assert player._transition.running  # the overlay crossfades two pre-rendered pixmaps
    with qtbot.waitSignal(player.shown, timeout=2000):
        pass
    assert not player._transition.isVisible()
    assert player.current_id == "goal"


def test_start_on_a_given_panel(make_player, seed):
    player = make_player(seed, start_id="pass", show=False)
    assert player.current_id == "pass"
