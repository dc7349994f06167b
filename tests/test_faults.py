"""One broken panel never stops the screen: it is logged with its id and skipped.

The faults are injected: a test-only panel kind whose widget raises while it is
built, or while one of its children paints, is registered through monkeypatch.
"""

from __future__ import annotations

import logging
import sys
from datetime import datetime

import pytest
from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QVBoxLayout

from kiosk.app import log_uncaught
from kiosk.core.content import Loaded, load_content
from kiosk.export.render import render_deck
from kiosk.screen import faults, panels
from kiosk.screen.fallback import FALLBACK_ID
from kiosk.screen.faults import PaintedWidget
from kiosk.screen.panels.base import PanelWidget
from tests.helpers.screen import distinct_colors

CONTENT = """
settings: {title: Lobby, transition: none}
panels:
  - {id: first, kind: text, title: First, body: One}
  - {id: broken, kind: text, title: Broken, body: Two}
  - {id: last, kind: text, title: Last, body: Three}
"""


class BuildFails(PanelWidget):
    def build(self) -> None:
        raise RuntimeError("build broken on purpose")


class Boom(PaintedWidget):
    def paint(self, event: object) -> None:
        raise RuntimeError("paint broken on purpose")


class PaintFails(PanelWidget):
    def build(self) -> None:
        QVBoxLayout(self).addWidget(Boom())


FAULTS = {"build": BuildFails, "paint": PaintFails}


@pytest.fixture
def with_fault(monkeypatch, write_content):
    """Content whose panels with the given ids are of a failing, test-only kind."""
    monkeypatch.setattr(faults, "_reported", set())  # each test sees the first, full report
    for name, cls in FAULTS.items():
        monkeypatch.setitem(panels._REGISTRY, f"broken-{name}", cls)

    def make(fault: str, broken_ids: tuple[str, ...] = ("broken",)) -> Loaded:
        loaded = load_content(write_content(CONTENT))
        swapped = [panel.model_copy(update={"kind": f"broken-{fault}"}) if panel.id in broken_ids else panel
                   for panel in loaded.content.panels]
        content = loaded.content.model_copy(update={"panels": swapped})
        return Loaded(content, loaded.path, [], loaded.digest)
    return make


@pytest.fixture
def player(make_player):
    return make_player(time_scale=0.002, clock=lambda: datetime(2024, 5, 6, 9, 30), show=False)


def shown_ids(qtbot, player, count: int) -> list[str]:
    seen: list[str] = []
    player.shown.connect(lambda shown: seen.append(shown.id))
    qtbot.waitUntil(lambda: len(seen) >= count, timeout=5000)
    return seen[:count]


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_failing_panel_is_logged_and_skipped(qtbot, player, with_fault, fault, caplog):
    with caplog.at_level(logging.ERROR, logger="kiosk.screen.faults"):
        player.set_content(with_fault(fault))
        assert shown_ids(qtbot, player, 5) == ["last", "first", "last", "first", "last"]
    messages = [record.getMessage() for record in caplog.records]
    assert messages[0].startswith("panel 'broken' failed")
    assert "Traceback" in messages[0] and f"RuntimeError: {fault} broken on purpose" in messages[0]
    assert all("'broken'" in message for message in messages)


@pytest.mark.expect_log("panel 'broken' failed")
def test_starting_on_a_failing_panel_moves_on(qtbot, player, with_fault):
    player.set_content(with_fault("build"), start_id="broken")
    assert player.current_id == "last"


@pytest.mark.expect_log("panel 'broken' failed")
def test_going_back_over_a_failing_panel_skips_it_backwards(qtbot, player, with_fault):
    player.set_content(with_fault("paint"), start_id="last")
    player.toggle_pause()
    player.previous()
    assert player.current_id == "first"


@pytest.mark.expect_log("failed to build or paint", "failed again", "no panel could be shown")
def test_when_every_panel_fails_the_fallback_shows_and_time_goes_on(qtbot, player, with_fault):
    player.set_content(with_fault("build", ("first", "broken", "last")))
    assert player.current_id == FALLBACK_ID
    assert distinct_colors(player.grab().toImage(), step=8) > 2  # the title and clock, never black
    assert player.timers.remaining_ms >= 0  # still rotating: a later panel may recover
    assert shown_ids(qtbot, player, 2) == [FALLBACK_ID, FALLBACK_ID]


def test_render_skips_a_failing_panel_and_writes_the_rest(tmp_path, kiosk_app, with_fault, caplog):
    caplog.set_level(logging.ERROR)
    written = render_deck(with_fault("build"), tmp_path / "shots", QSize(640, 360))
    assert [path.name for path in written] == ["01-first.png", "03-last.png"]
    assert "panel 'broken'" in caplog.text


def test_uncaught_errors_are_logged_not_shown(qtbot, kiosk_app, monkeypatch, caplog):
    """The kiosk's excepthook: an error in a timer slot is logged and the event loop goes on."""
    caplog.set_level(logging.CRITICAL)
    monkeypatch.setattr(sys, "excepthook", log_uncaught)
    ticks: list[int] = []

    def tick() -> None:
        ticks.append(1)
        if len(ticks) == 1:
            raise ValueError("a slot failed")

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(1)
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=2000)
    timer.stop()
    failures = [record for record in caplog.records if record.levelno == logging.CRITICAL]
    assert failures and "keeps running" in failures[0].getMessage()
    assert isinstance(failures[0].exc_info[1], ValueError)


def test_every_widget_on_a_slide_paints_inside_the_guard(make_slide, seed):
    """No run-time patching: a widget that paints itself inherits the guard instead."""
    from PySide6.QtWidgets import QWidget

    from kiosk.core.playlist import playlist_at

    painters: set[str] = set()
    for entry in playlist_at(seed.content, datetime(2026, 12, 1, 10, 0)):
        slide = make_slide(seed, entry, show=False, finish=False)
        for widget in (slide, *slide.findChildren(QWidget)):
            own = [cls for cls in type(widget).__mro__
                   if "paintEvent" in vars(cls) and cls.__module__.startswith("kiosk")]
            assert own in ([], [PaintedWidget]), f"{type(widget).__name__} paints outside the guard"
            if own:
                painters.add(type(widget).__name__)
    assert {"Dots", "QrCode", "ShareBar", "Avatar"} <= painters


def test_a_failing_panel_is_tried_once_a_turn_even_when_made_ready_ahead(qtbot, player, with_fault, caplog):
    """Built ahead in idle time, it fails there; its turn then skips it without trying again."""
    with caplog.at_level(logging.ERROR, logger="kiosk.screen.faults"):
        player.set_content(with_fault("build"), start_id="first")
        player.set_paused(True)
        with qtbot.waitSignal(player.prefetched, timeout=5000):
            pass
        assert len(caplog.records) == 1  # the next one, "broken", failed while made ready
        player.next()
        assert player.current_id == "last" and len(caplog.records) == 1
