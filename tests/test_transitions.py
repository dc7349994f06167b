"""Transitions are two pre-rendered pixmaps; between them nothing repaints."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from kiosk.core.content import load_bytes
from tests.conftest import SEED


class PaintCounter(QObject):
    """Counts paint events anywhere in the application."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: list[str] = []

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.painted.append(type(watched).__name__)
        return False


def seed_with(transition: str):
    raw = SEED.read_bytes().replace(b"transition: fade", f"transition: {transition}".encode())
    return load_bytes(raw, SEED)


@pytest.fixture
def player(make_player):
    return make_player()


@pytest.mark.parametrize("kind", ["fade", "slide"])
def test_animated_transitions_run_then_hand_over(qtbot, player, kind):
    player.set_content(seed_with(kind))
    player.toggle_pause()
    player.next()
    assert player._transition.running and player._transition._kind == kind
    with qtbot.waitSignal(player.shown, timeout=3000) as shown:
        pass
    assert (shown.args[0].id, shown.args[0].page) == ("goal", 0)
    assert not player._transition.isVisible()


def test_none_cuts_straight_to_the_next_panel(qtbot, player):
    player.set_content(seed_with("none"))
    player.toggle_pause()
    with qtbot.waitSignal(player.shown, timeout=1000) as shown:
        player.next()
    assert (shown.args[0].id, shown.args[0].page) == ("goal", 0)
    assert not player._transition.running


def test_nothing_repaints_between_transitions(qtbot, player):
    player.set_content(seed_with("none"))
    ready = []
    player.prefetched.connect(lambda: ready.append(True))
    player.jump(1)  # a text panel: no count-up running
    painted = PaintCounter()
    QApplication.instance().installEventFilter(painted)
    qtbot.waitUntil(lambda: "Slide" in painted.painted)  # the new slide's first paint
    QApplication.instance().removeEventFilter(painted)
    qtbot.waitUntil(lambda: bool(ready))  # the next and previous slides are built and grabbed off screen
    counter = PaintCounter()
    QApplication.instance().installEventFilter(counter)
    try:
        # an idle stretch of half a second, measured on the rotation timer itself (armed for 12 s)
        qtbot.waitUntil(lambda: 0 <= player.timers.remaining_ms <= 11500, timeout=3000)
    finally:
        QApplication.instance().removeEventFilter(counter)
    assert counter.painted == []
    assert player.timers.interval_ms == 12000


def test_a_crossfade_paints_at_its_own_frame_rate(qtbot, player):
    """About FADE_FPS frames a second: enough to look smooth, half the blending of 60."""
    from kiosk.core import theme

    player.set_content(seed_with("fade"))
    player.toggle_pause()
    painted = PaintCounter()
    player._transition.installEventFilter(painted)
    with qtbot.waitSignal(player.shown, timeout=3000):
        player.next()
    frames = len(painted.painted)
    expected = theme.FADE_MS / 1000 * theme.FADE_FPS
    assert expected * 0.5 <= frames <= expected * 1.3, frames


def test_the_count_up_still_ends_on_the_exact_numbers(qtbot, player):
    player.set_content(seed_with("none"))
    counters = player.slide.body
    qtbot.waitUntil(lambda: counters.shown_numbers[-1] == "213,569", timeout=4000)
    assert counters.shown_numbers == ["2,923", "16,029", "172,192", "19,011", "3,414", "213,569"]


def test_traced_change_logs_its_start_and_one_first_frame(qtbot, player, monkeypatch, caplog):
    """The benchmarks time key-to-first-frame from these two lines (KIOSK_TRACE_TRANSITIONS=1)."""
    from kiosk.diagnostics import trace

    monkeypatch.setattr(trace, "ENABLED", True)
    player.set_content(seed_with("fade"))
    player.show()
    player.set_paused(True)
    caplog.set_level("INFO", logger="kiosk.diagnostics.trace")
    with qtbot.waitSignal(player.shown, timeout=3000):
        player.next()
    marks = [r.getMessage().split(" at monotonic=") for r in caplog.records if r.name == "kiosk.diagnostics.trace"]
    assert [event for event, _ in marks] == ["change", "first frame"]
    assert float(marks[0][1]) <= float(marks[1][1])
