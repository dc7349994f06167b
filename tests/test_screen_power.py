"""The screen's day in the window: black and paused at night, the first panel at on-time, a key wakes it."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt

OFFICE = """\
settings:
  title: Lobby
  transition: none
  duration: 3600  # the tests move the rotation themselves
  power: {days: [mon, tue, wed, thu, fri], hours: "07:30-18:30", wake_minutes: 5}
panels:
  - {id: welcome, kind: text, title: Welcome, body: Hello.}
  - {id: second, kind: text, title: Second, body: Two.}
  - {id: third, kind: text, title: Third, body: Three.}
"""


def all_black(window) -> bool:
    image = window.grab().toImage()
    return {image.pixel(x, y) for x in range(0, image.width(), 16) for y in range(0, image.height(), 16)} \
        == {0xff000000}


def test_outside_the_hours_the_screen_is_black_and_the_rotation_waits(lobby, qtbot):
    quick = OFFICE.replace("  duration: 3600  # the tests move the rotation themselves\n", "")  # 12 s: 120 ms
    window = lobby(datetime(2026, 12, 4, 19, 0), quick)  # Friday evening
    power, player = window.operation.power, window.player
    assert power.state == "off" and window.display.calls == [False]
    assert all_black(window) and player.paused
    with qtbot.assertNotEmitted(player.shown, wait=300):  # twenty panel turns at this time scale
        pass


def test_at_on_time_the_screen_wakes_on_the_first_panel(lobby, qtbot):
    window = lobby(datetime(2026, 12, 4, 18, 29, 59, 900000), OFFICE)
    power, player = window.operation.power, window.player
    player.next()
    assert player.current_id == "second" and power.state == "on"
    window.clock.now = datetime(2026, 12, 4, 18, 30)
    qtbot.waitUntil(lambda: power.state == "off", timeout=3000)  # by its own timer
    window.clock.now = datetime(2026, 12, 7, 7, 30)  # Monday morning
    with qtbot.waitSignal(player.shown, timeout=3000):
        power.evaluate()
    assert power.state == "on" and player.current_id == "welcome" and not player.paused
    assert not all_black(window) and window.display.calls == [False, True]


def test_a_key_wakes_the_screen_for_wake_minutes_and_does_nothing_else(lobby, qtbot):
    window = lobby(datetime(2026, 12, 5, 12, 0), OFFICE)  # Saturday
    power, player = window.operation.power, window.player
    with qtbot.waitSignal(player.shown, timeout=3000):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    assert power.state == "woken" and player.current_id == "welcome"  # woken, not moved on
    qtbot.keyClick(window, Qt.Key.Key_Right)  # awake now: keys work as ever
    qtbot.waitUntil(lambda: player.current_id == "second")
    window.clock.now += timedelta(minutes=4, seconds=59)
    power.evaluate()
    assert power.state == "woken"
    window.clock.now += timedelta(seconds=1)
    power.evaluate()
    assert power.state == "off" and all_black(window) and window.display.calls == [False, True, False]


def test_presenter_mode_stays_paused_after_the_night(lobby, qtbot):
    window = lobby(datetime(2026, 12, 4, 20, 0), OFFICE, presentation=True)
    window.clock.now = datetime(2026, 12, 7, 8, 0)
    window.operation.power.evaluate()
    assert window.operation.power.state == "on" and window.player.paused  # the clicker still drives


def test_without_power_settings_the_screen_never_sleeps(lobby):
    window = lobby(datetime(2026, 12, 5, 3, 0), OFFICE.replace("  power:", "  #power:"))
    assert window.operation.power.state == "on" and window.display.calls == []


def test_quitting_at_night_leaves_the_screen_on_for_whoever_comes_next(lobby):
    window = lobby(datetime(2026, 12, 4, 23, 0), OFFICE)
    window.operation.stop()
    assert window.display.calls == [False, True]


def test_nothing_that_comes_up_at_night_shows_over_the_black(lobby):
    from kiosk.core.content import ContentError, Problem, Severity
    from kiosk.screen.problem_marker import ProblemMarker

    window = lobby(datetime(2026, 12, 4, 23, 0), OFFICE)
    error = ContentError([Problem("content.yaml", 3, 5, Severity.ERROR, "panels[0].kind", "unknown kind")])
    ProblemMarker(window).show_problems(error, window.player.loaded.content.settings)  # a bad save at night
    assert all_black(window)


def test_a_click_wakes_the_screen_like_a_key(lobby, qtbot):
    window = lobby(datetime(2026, 12, 5, 12, 0), OFFICE)
    with qtbot.waitSignal(window.player.shown, timeout=3000):
        qtbot.mouseClick(window, Qt.MouseButton.LeftButton)
    assert window.operation.power.state == "woken"


def test_a_live_edit_of_power_cec_counts_at_the_next_switch(lobby, write_content, monkeypatch):
    from kiosk.core.content import load_content
    from kiosk.run.power import screen_power

    asked: list[bool] = []
    monkeypatch.setattr(screen_power, "methods_for", lambda platform, outputs, cec: asked.append(cec) or [])
    window = lobby(datetime(2026, 12, 4, 12, 0), OFFICE)
    power = window.operation.power
    power._display = None  # the machine's own back-ends, as a real run builds them (the fixture fakes them)
    window.clock.now = datetime(2026, 12, 4, 19, 0)
    power.evaluate()  # off, without CEC
    window.player.update_content(load_content(write_content(OFFICE.replace("wake_minutes: 5", "cec: true"))))
    window.clock.now = datetime(2026, 12, 7, 8, 0)
    power.evaluate()  # on again: the edited settings ask for CEC
    assert asked == [False, True] and power.state == "on"
