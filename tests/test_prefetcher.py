"""The prefetcher on its own: the slides around the one on screen made ready in idle time, never during a change."""

from __future__ import annotations

from kiosk.playback.prefetcher import Prefetcher
from kiosk.playback.slide_cache import SlideCache
from tests.test_transitions import seed_with


class HeldStage:
    """A paused player as the prefetcher sees it, with a transition that runs as long as the test says."""

    def __init__(self, player) -> None:
        self._player = player
        self.running = False
        self.asked = 0  # how often the prefetcher looked whether a transition runs

    def __getattr__(self, name):
        return getattr(self._player, name)

    def transition_running(self) -> bool:
        self.asked += 1
        return self.running


def prefetcher_for(make_player, qtbot, transition="fade"):
    player = make_player(seed_with(transition))
    player.set_paused(True)
    qtbot.waitUntil(lambda: not player.slide.body.animating, timeout=10000)  # during a count-up no build starts
    stage, cache = HeldStage(player), SlideCache()
    prefetcher = Prefetcher(stage, cache, builds_on=player, compares=True, clock=player.clock)
    return prefetcher, stage, cache


def test_the_next_slide_is_built_and_grabbed_before_ready_is_said(make_player, qtbot):
    prefetcher, stage, cache = prefetcher_for(make_player, qtbot)
    with qtbot.waitSignal(prefetcher.ready, timeout=10000):
        prefetcher.soon()
    ahead = cache.get(stage.slide_key(1))
    assert ahead is not None and ahead.built_ahead and ahead.slide is not None
    assert not ahead.look.isNull()  # grabbed: the fade to it can start at once
    assert cache.get(stage.slide_key(len(stage.entries) - 1)) is None  # nobody goes back unattended


def test_no_work_is_done_while_a_transition_runs(make_player, qtbot):
    prefetcher, stage, cache = prefetcher_for(make_player, qtbot)
    stage.running = True
    prefetcher.soon()
    qtbot.waitUntil(lambda: stage.asked >= 3, timeout=5000)  # it looked again and again, and waited
    assert cache.get(stage.slide_key(1)) is None and cache.looks() == 0
    stage.running = False
    with qtbot.waitSignal(prefetcher.ready, timeout=10000):
        pass
    assert cache.get(stage.slide_key(1)) is not None


def test_a_clicker_makes_the_previous_slide_ready_too(make_player, qtbot):
    prefetcher, stage, cache = prefetcher_for(make_player, qtbot)
    assert prefetcher.screens_grabbed() == 2
    prefetcher.expect_going_back()
    assert prefetcher.screens_grabbed() == 3
    with qtbot.waitSignal(prefetcher.ready, timeout=10000):
        prefetcher.soon()
    previous = cache.get(stage.slide_key(len(stage.entries) - 1))
    assert previous is not None and not previous.look.isNull()


def test_a_cut_needs_the_widgets_but_no_grabs(make_player, qtbot):
    prefetcher, stage, cache = prefetcher_for(make_player, qtbot, transition="none")
    with qtbot.waitSignal(prefetcher.ready, timeout=10000):
        prefetcher.soon()
    ahead = cache.get(stage.slide_key(1))
    assert ahead is not None and ahead.slide is not None
    assert cache.looks() == 0
