"""Presenter mode as a booth uses it: the clicker drives, B/W blank, the corner says "3 / 5"."""

from __future__ import annotations

import argparse

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QSize, Qt

from kiosk.run.operation import Operation, RunOptions
from kiosk.run.window.window import KioskWindow
from tests.helpers.screen import distinct_colors

Key = Qt.Key
ORDER = ["impact", "goal", "student-of-the-year", "pass", "updates"]


def make_kiosk(make_player, seed, options: RunOptions, start_id: str | None = None) -> KioskWindow:
    """A windowed kiosk with durations shrunk 100-fold (12 s -> 120 ms) and the run's parts attached."""
    return make_player(seed, size=(960, 540), time_scale=0.01, options=options, start_id=start_id).window()


def operation(window: KioskWindow) -> Operation:
    """The run's parts around the window (a child of it, as in a run)."""
    return window.findChild(Operation)


@pytest.fixture
def booth(qtbot, make_player, seed):
    return make_kiosk(make_player, seed, RunOptions(presentation=True))


def press(qtbot, window, key, expected: str | None = None) -> None:
    qtbot.keyClick(window, key)
    if expected is not None:
        qtbot.waitUntil(lambda: window.player.current_id == expected, timeout=2000)


def test_presentation_waits_for_the_clicker(qtbot, booth):
    player = booth.player
    assert player.paused and player.timers.interval_ms == -1
    with qtbot.assertNotEmitted(player.shown, wait=500):  # 4 panel durations at this scale
        pass
    assert player.current_id == "impact"


@pytest.mark.parametrize(("key", "expected"), [
    (Key.Key_PageDown, "goal"), (Key.Key_Right, "goal"), (Key.Key_Down, "goal"), (Key.Key_Space, "goal"),
    (Key.Key_PageUp, "updates"), (Key.Key_Left, "updates"), (Key.Key_Up, "updates"),
    (Key.Key_End, "updates"),
])
def test_each_clicker_key_moves_to_its_panel(qtbot, booth, key, expected):
    press(qtbot, booth, key, expected)


def test_home_goes_back_to_the_first_panel(qtbot, booth):
    press(qtbot, booth, Key.Key_3, "student-of-the-year")
    press(qtbot, booth, Key.Key_Home, "impact")


def test_auto_presentation_keeps_rotating(qtbot, make_player, seed):
    window = make_kiosk(make_player, seed, RunOptions(presentation=True, auto=True))
    with qtbot.waitSignal(window.player.shown, timeout=2000):
        pass
    assert window.player.current_id == "goal"


def test_corner_number_follows_the_panel(qtbot, booth):
    number = operation(booth).presenter.number
    assert number.isVisible() and number.text() == "1 / 5"
    press(qtbot, booth, Key.Key_PageDown, "goal")
    qtbot.waitUntil(lambda: number.text() == "2 / 5")
    press(qtbot, booth, Key.Key_End, "updates")
    qtbot.waitUntil(lambda: number.text() == "5 / 5")
    # In the top right corner, inside the header band, clear of the title on the left.
    geometry = number.geometry()
    assert geometry.right() < booth.width() and geometry.left() > booth.width() * 0.8
    assert geometry.top() == 0 and geometry.bottom() < booth.height() * 0.1


def test_rotate_mode_shows_no_number(qtbot, make_player, seed):
    window = make_kiosk(make_player, seed, RunOptions())
    assert not operation(window).presenter.number.isVisible()


@pytest.mark.parametrize(("key", "color"), [(Key.Key_B, 0xff000000), (Key.Key_Period, 0xff000000),
                                            (Key.Key_W, 0xffffffff)])
def test_blank_keys_cover_the_screen_and_the_same_key_returns(qtbot, booth, key, color):
    booth.player.slide.body.finish()  # numbers still, so the two grabs can match
    before = booth.grab().toImage()
    press(qtbot, booth, key)
    shot = booth.grab().toImage()
    assert distinct_colors(shot) == 1 and shot.pixel(QPoint(10, 10)) == color
    press(qtbot, booth, key)
    assert booth.grab().toImage() == before
    assert booth.player.current_id == "impact"


def test_w_while_black_turns_white_and_a_click_returns_without_moving(qtbot, booth):
    presenter = operation(booth).presenter
    press(qtbot, booth, Key.Key_B)
    press(qtbot, booth, Key.Key_W)
    assert presenter.blank_color == "#ffffff"
    press(qtbot, booth, Key.Key_PageDown)
    assert presenter.blank_color is None and not presenter.blank.isVisible()
    assert booth.player.current_id == "impact"  # the first click only brings the panel back
    press(qtbot, booth, Key.Key_PageDown, "goal")


def test_blanking_stops_the_auto_rotation_until_back(qtbot, make_player, seed):
    window = make_kiosk(make_player, seed, RunOptions(presentation=True, auto=True))
    press(qtbot, window, Key.Key_B)
    with qtbot.assertNotEmitted(window.player.shown, wait=400):
        pass
    press(qtbot, window, Key.Key_B)
    assert not window.player.paused
    with qtbot.waitSignal(window.player.shown, timeout=2000):
        pass


def test_b_does_nothing_in_rotate_mode(qtbot, make_player, seed):
    window = make_kiosk(make_player, seed, RunOptions())
    press(qtbot, window, Key.Key_B)
    assert operation(window).presenter.blank_color is None


def test_counters_count_up_again_when_shown_again(qtbot, booth):
    body = booth.player.slide.body
    body.finish()
    final = body.shown_numbers
    press(qtbot, booth, Key.Key_PageDown, "goal")
    press(qtbot, booth, Key.Key_Home, "impact")
    body = booth.player.slide.body
    assert body.shown_numbers != final  # counting up from zero again
    qtbot.waitUntil(lambda: body.shown_numbers == final, timeout=4000)


def test_settings_mode_and_cli_flags_merge(seed, write_content, tmp_path):
    from kiosk.core.content import load_content
    from kiosk.run.operation import run_options

    args = argparse.Namespace(presentation=False, auto=False, lock=False, screen=None, play_log=None)
    assert run_options(args, seed) == RunOptions()
    path = write_content("settings:\n  title: T\n  mode: presentation\n  lock: true\n  screen: HDMI-1\n"
                         "  play_log: logs/play.jsonl\npanels:\n  - {id: a, kind: text, title: A, body: B}\n")
    options = run_options(args, load_content(path))
    assert options == RunOptions(presentation=True, lock=True, screen="HDMI-1",
                                 play_log=tmp_path / "logs" / "play.jsonl")
    cli = argparse.Namespace(presentation=False, auto=True, lock=False, screen="1", play_log="here.jsonl")
    options = run_options(cli, load_content(path))
    assert options.screen == 1 and options.play_log.name == "here.jsonl" and options.auto


def test_play_log_records_panels_and_leaves_out_the_blank_screen(qtbot, make_player, seed, tmp_path):
    import json

    path = tmp_path / "play.jsonl"
    window = make_kiosk(make_player, seed, RunOptions(presentation=True, play_log=path))
    press(qtbot, window, Key.Key_PageDown, "goal")
    qtbot.waitUntil(lambda: path.exists())  # impact's line, once it left the screen
    press(qtbot, window, Key.Key_B)
    press(qtbot, window, Key.Key_B)
    operation(window).stop()
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["panel"] for line in lines] == ["impact", "goal", "goal"]
    assert {line["content"] for line in lines} == {seed.digest}


def test_the_number_steps_aside_for_the_content_problem_marker(qtbot, booth, write_content):
    from kiosk.core.content import ContentError, load_content
    from kiosk.screen.problem_marker import ProblemMarker

    number = operation(booth).presenter.number
    marker = ProblemMarker(booth)
    with pytest.raises(ContentError) as bad:
        load_content(write_content("settings: {title: T}\npanels: []\n"))
    marker.show_problems(bad.value, booth.player.loaded.content.settings)
    qtbot.waitUntil(lambda: number.geometry().right() < marker.x())
    assert number.isVisible() and number.text() == "1 / 5"
    marker.clear()
    qtbot.waitUntil(lambda: number.geometry().right() > marker.x())


def test_play_log_names_the_language_of_a_bilingual_rotation(qtbot, make_player, tmp_path):
    import json

    from kiosk.core.content import load_content
    from tests.conftest import ROOT

    bilingual = load_content(ROOT / "examples" / "bilingual.yaml")
    path = tmp_path / "play.jsonl"
    window = make_kiosk(make_player, bilingual, RunOptions(presentation=True, play_log=path))
    expected = [(e.id, e.lang) for e in window.player.entries]
    with qtbot.waitSignal(window.player.shown, timeout=3000):
        press(qtbot, window, Key.Key_End)
    operation(window).stop()
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [(line["panel"], line["lang"]) for line in lines] == [expected[0], expected[-1]]
    assert expected[0][1] != expected[-1][1]  # the rotation ends in the other language


def test_a_booth_taken_down_while_on_screen_stops_cleanly(qtbot, kiosk_app, seed):
    """As `kiosk run` ends (SIGTERM, or a locked kiosk that refused to close): the visible window
    is deleted, and its last Hide reaches the presenter while Qt destroys it. That used to crash."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from kiosk.playback.player import Player

    player = Player(time_scale=0.01)
    window = KioskWindow(player, windowed=True, size=QSize(960, 540))  # not pytest-qt's to close
    Operation(window, player, RunOptions(presentation=True))
    window.present()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(player.shown, timeout=2000):
        player.set_content(seed)
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(window)
