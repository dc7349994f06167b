"""The one key map: the README's "Keys" table says what it holds, and every mode reads it the same way."""

from __future__ import annotations

import logging
import re

import pytest
from PySide6.QtCore import Qt

from kiosk.run.input.keys import KEY_MAP
from kiosk.run.input.lock import QUIT_HOLD_MS
from kiosk.run.operation import Operation, RunOptions
from kiosk.run.window.window import KioskWindow
from tests.conftest import ROOT

Key = Qt.Key
Modifier = Qt.KeyboardModifier


def readme_keys() -> dict[str, tuple[str, str, bool]]:
    """Each key of the README's table: what it does, when, and whether it is held."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Keys\n"):]
    rows = re.findall(r"^\| (.+?) \| (.+?) \| (.+?) \|$", section[:section.index("\n\n", 20)], re.MULTILINE)
    table: dict[str, tuple[str, str, bool]] = {}
    assert rows[0] == ("key", "does", "when")
    for cell, does, when in rows[1:]:
        names = re.findall(r"`([^`]+)`", cell)
        if "–" in cell:  # `1` – `9`
            names = [chr(c) for c in range(ord(names[0]), ord(names[1]) + 1)]
        held = cell.startswith("hold ")
        if held:
            assert f"for {QUIT_HOLD_MS // 1000} s" in cell, "the README's hold time is not the lock's"
        for name in names:
            assert name not in table, f"{name} is in the README's key table twice"
            table[name] = (does, when, held)
    return table


def map_keys() -> dict[str, tuple[str, str, bool]]:
    labels = [(b.label(key), (b.action.value, b.mode.value, b.held)) for b in KEY_MAP for key in b.keys]
    assert len({label for label, _ in labels}) == len(labels), "a key is in the map twice"
    return dict(labels)


def test_readme_key_table_and_the_key_map_agree():
    readme, keymap = readme_keys(), map_keys()
    assert sorted(keymap) == sorted(readme), "keys in only one of the map and the README's table"
    for name, meaning in keymap.items():
        assert readme[name] == meaning, f"{name}: the README says {readme[name]}, the map {meaning}"
    assert {"PgDn", "Esc", "Ctrl+Shift+Q", "5", "."} <= set(keymap)


@pytest.fixture
def quits(monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QApplication.quit", lambda: calls.append("quit"))
    return calls


def kiosk(make_player, seed, options: RunOptions) -> KioskWindow:
    """A windowed kiosk with every part of a run attached, held on its first panel."""
    player = make_player(seed, size=(960, 540), time_scale=0.01, options=options)
    if not player.paused:
        player.set_paused(True)  # only the keys move it
    return player.window()


def parts(window: KioskWindow) -> Operation:
    """The run's parts around the window (a child of it, as in a run)."""
    return window.findChild(Operation)


def press(qtbot, window, key, modifiers=Modifier.NoModifier, expected: str | None = None) -> None:
    qtbot.keyClick(window, key, modifiers)
    if expected is not None:
        qtbot.waitUntil(lambda: window.player.current_id == expected, timeout=2000)


@pytest.mark.parametrize(("keys", "expected"), [
    ((Key.Key_Down,), "goal"), ((Key.Key_Up,), "updates"), ((Key.Key_End,), "updates"),
    ((Key.Key_3, Key.Key_Home), "impact"),
])
def test_a_lobby_keyboard_moves_like_a_clicker(qtbot, make_player, seed, keys, expected):
    """Up/Down and Home/End are in the map for every mode, not only for a booth."""
    window = kiosk(make_player, seed, RunOptions())
    for key in keys:
        press(qtbot, window, key)
    qtbot.waitUntil(lambda: window.player.current_id == expected, timeout=2000)


def test_blank_keys_with_ctrl_or_alt_do_not_blank(qtbot, make_player, seed):
    window = kiosk(make_player, seed, RunOptions(presentation=True))
    presenter = parts(window).presenter
    press(qtbot, window, Key.Key_W, Modifier.ControlModifier)
    press(qtbot, window, Key.Key_B, Modifier.AltModifier)
    assert presenter.blank_color is None and not presenter.blank.isVisible()
    press(qtbot, window, Key.Key_Period, Modifier.KeypadModifier)  # the keypad's "." is a clicker's too
    assert presenter.blank_color == "#000000"


def test_f5_neither_moves_nor_brings_the_panel_back(qtbot, make_player, seed):
    window = kiosk(make_player, seed, RunOptions(presentation=True))
    with qtbot.assertNotEmitted(window.player.shown, wait=300):
        press(qtbot, window, Key.Key_F5)
    press(qtbot, window, Key.Key_B)
    press(qtbot, window, Key.Key_F5)
    assert parts(window).presenter.blank_color == "#000000"
    assert window.player.current_id == "impact"


def test_a_locked_booth_still_blanks_and_still_refuses_esc(qtbot, make_player, seed, quits, caplog):
    window = kiosk(make_player, seed, RunOptions(presentation=True, lock=True))
    presenter = parts(window).presenter
    press(qtbot, window, Key.Key_B)
    assert presenter.blank_color == "#000000"
    with caplog.at_level(logging.WARNING, logger="kiosk.run.input.lock"):
        press(qtbot, window, Key.Key_Escape)
    assert quits == [] and "quit refused" in caplog.text and "(Esc pressed)" in caplog.text
    assert presenter.blank_color == "#000000"  # a refused quit is not a click that brings it back
    press(qtbot, window, Key.Key_PageDown)
    assert presenter.blank_color is None and window.player.current_id == "impact"
    press(qtbot, window, Key.Key_PageDown, expected="goal")
    parts(window).lock.unlocking = True  # as the held chord does: pytest-qt's close then goes through


def test_unlocked_ctrl_shift_q_quits_at_once(qtbot, make_player, seed, quits):
    window = kiosk(make_player, seed, RunOptions())
    qtbot.keyPress(window, Key.Key_Q, Modifier.ControlModifier | Modifier.ShiftModifier)
    assert quits == ["quit"]  # the held chord is the locked kiosk's way out; unlocked, Q is enough


def test_keys_outside_the_map_reach_no_action(qtbot, make_player, seed, quits):
    window = kiosk(make_player, seed, RunOptions(presentation=True))
    with qtbot.assertNotEmitted(window.player.shown, wait=300):
        for key in (Key.Key_A, Key.Key_0, Key.Key_Return, Key.Key_Tab):
            press(qtbot, window, key)
    assert quits == [] and parts(window).presenter.blank_color is None


def test_digits_act_behind_a_blank_screen_and_a_click_reveals_the_panel(qtbot, make_player, seed):
    window = kiosk(make_player, seed, RunOptions(presentation=True))
    presenter = parts(window).presenter
    press(qtbot, window, Key.Key_B)
    press(qtbot, window, Key.Key_3, expected="student-of-the-year")
    assert presenter.blank_color == "#000000" and presenter.blank.isVisible()
    press(qtbot, window, Key.Key_Space)
    assert presenter.blank_color is None and window.player.current_id == "student-of-the-year"


def test_presentation_mode_grabs_the_previous_slide_ahead_too(qtbot, make_player, seed):
    """A clicker drives a presentation: going back is as ready as going on from the start."""
    assert kiosk(make_player, seed, RunOptions(presentation=True)).player.prefetcher.screens_grabbed() == 3
    assert kiosk(make_player, seed, RunOptions()).player.prefetcher.screens_grabbed() == 2
