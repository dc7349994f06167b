"""Slides made ready before their turn, and never built, grabbed or compared twice while unchanged."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize
from PySide6.QtGui import QPainter, QRegion
from PySide6.QtWidgets import QApplication

from kiosk.core.playlist import playlist_at
from kiosk.core.rotation import Identity, identity
from kiosk.playback import player as player_module
from kiosk.playback import slide_cache, transition
from kiosk.playback.slide_builder import build_slide
from kiosk.playback.slide_cache import REGIONS_KEPT, SCREENS_KEPT, SLIDES_KEPT, SlideCache, SlideKey, screens_kept
from kiosk.screen.slide import Slide
from kiosk.screen.style import style_for
from tests.test_transitions import seed_with

NOW = datetime(2026, 12, 4, 12, 0)


@pytest.fixture
def slides(qtbot, kiosk_app, seed):
    """Factory: (key, hidden slide) for the seed's entry ``index`` at 320x180; deleted after the test."""
    entries = playlist_at(seed.content, NOW)

    def make(index: int) -> tuple[SlideKey, Slide]:
        entry = entries[index]
        style = style_for(seed.content.settings, QSize(320, 180), seed.folder, lang=entry.lang)
        slide = build_slide(entry, style, (index, len(entries)))
        qtbot.addWidget(slide)  # closed and deleted after the test, unless the cache deleted it first
        key = SlideKey(identity(entry), entry.panel, seed.content.settings, (320, 180), (index, len(entries)),
                       NOW.date())
        return key, slide

    return make


@pytest.fixture
def compares(monkeypatch):
    """Counts the changed-region comparisons (10-60 ms each)."""
    count = []
    real = slide_cache.changed_band

    def band(before, after, top, bottom):
        if top == 0:  # a comparison's first band
            count.append(1)
        return real(before, after, top, bottom)

    monkeypatch.setattr(slide_cache, "changed_band", band)
    return count


@pytest.fixture
def builds(monkeypatch):
    """Counts the slides the player builds."""
    count = []
    real = player_module.build_slide
    monkeypatch.setattr(player_module, "build_slide", lambda *a, **k: count.append(1) or real(*a, **k))
    return count


def test_the_same_slide_is_a_hit_and_any_change_a_miss(slides, seed):
    key, slide = slides(1)
    cache = SlideCache()
    cache.put(key, slide)
    assert cache.get(key).slide is slide
    other_panel = playlist_at(seed.content, NOW)[2].panel
    for changed in [replace(key, panel=other_panel),  # its content changed, or an item expired
                    replace(key, size=(640, 360)),
                    replace(key, identity=Identity(key.identity.id, "es")),  # another language
                    replace(key, day=date(2026, 12, 5)),  # "today" and "tomorrow" move
                    replace(key, position=(1, 6)),  # a panel added: the dots
                    replace(key, settings=seed.content.settings.model_copy(update={"title": "Other"}))]:
        assert cache.get(changed) is None, changed
    slide.body.incomplete = True  # an image still decoding: built again once it is there
    assert cache.get(key) is None
    slide.body.incomplete = False
    cache.invalidate()  # a reload: a file it shows may have changed
    assert cache.get(key) is None


def test_a_grab_showing_the_clock_is_stale_at_the_next_minute(slides):
    key, slide = slides(1)
    settings = key.settings
    with_clock = SlideCache().put(replace(key, settings=settings.model_copy(update={"clock": True})),
                                  slide, slide.grab(), NOW)
    assert with_clock.look_at(NOW) is not None
    assert with_clock.look_at(NOW + timedelta(minutes=1)) is None
    without = SlideCache().put(replace(key, settings=settings.model_copy(update={"clock": False})),
                               slide, slide.grab(), NOW)
    assert without.look_at(NOW + timedelta(minutes=1)) is not None


def test_the_cache_keeps_its_bound_and_deletes_what_it_lets_go(slides, qtbot):
    cache = SlideCache(bound=3)
    made = [slides(index) for index in range(4)]
    deleted = []
    made[0][1].destroyed.connect(lambda: deleted.append(True))
    for key, slide in made:
        cache.put(key, slide)
    assert len(cache) == 3
    assert cache.get(made[0][0]) is None  # the least recently used went first
    qtbot.waitUntil(lambda: bool(deleted))


def test_grabs_kept_are_previous_current_and_next_but_only_current_and_next_at_4k():
    assert screens_kept(1920, 1080) == SCREENS_KEPT == 3  # ~24 MB
    assert screens_kept(3840, 2160) == 2  # ~64 MB: a third screen would be ~96 MB


def compared(cache, before, after):
    """Where two screens differ, compared to the end, a band at a time, as idle work does."""
    while cache.compare_band(before, after):
        pass
    return cache.known_region(before.cacheKey(), after)


def has_region(cache, before, after):
    return cache.known_region(before.cacheKey(), after) is not None


def test_two_screens_are_compared_once(slides, compares):
    (_, first), (_, second) = slides(1), slides(2)
    cache, before, after = SlideCache(), first.grab(), second.grab()
    region = compared(cache, before, after)
    assert compared(cache, after, before) == region and compares == [1]  # either way round
    assert region != QRegion(QRect(0, 0, 320, 180))  # the header is the same on both


def test_the_compared_pairs_kept_are_bounded(kiosk_app):
    """A week of fades compares thousands of pairs: the cache keeps only the last few regions
    (keyed by the pixmaps' cache keys: it holds no screen)."""
    from PySide6.QtGui import QColor, QPixmap

    def screen(shade: int) -> QPixmap:
        pixmap = QPixmap(64, 36)
        pixmap.fill(QColor(shade, shade, shade))
        return pixmap

    cache = SlideCache()
    pairs = [(screen(2 * n), screen(2 * n + 1)) for n in range(REGIONS_KEPT + 4)]
    for before, after in pairs:
        compared(cache, before, after)
    kept = [has_region(cache, before, after) for before, after in pairs]
    assert kept == [False] * 4 + [True] * REGIONS_KEPT  # the oldest went first


def ready_player(make_player, seed, qtbot, going_back=False, **kwargs):
    player = make_player(seed_with("fade"), **kwargs)
    player.set_paused(True)
    if going_back:
        player.prefetcher.expect_going_back()  # a clicker is in use (it went back, or presentation mode)
    wait_ready(qtbot, player)
    return player


def wait_ready(qtbot, player):
    with qtbot.waitSignal(player.prefetched, timeout=10000):
        pass


def test_next_and_previous_are_ready_after_a_slide_arrives(make_player, seed, qtbot):
    player = ready_player(make_player, seed, qtbot, going_back=True)
    last = len(player.entries) - 1
    for index in (1, last):  # the next for the timer, the previous for a clicker going back
        ready = player._cache.get(player.slide_key(index))
        assert ready is not None and not ready.look.isNull()
        assert has_region(player._cache, player._cache.holding(player.slide).look, ready.look)


def test_an_unattended_rotation_grabs_only_the_current_and_next(make_player, seed, qtbot):
    """Nothing goes back without a clicker: the previous slide's grab (~8 MB at 1080p) is not
    kept until a key goes back once; from then on it is made ready too."""
    player = ready_player(make_player, seed, qtbot)
    last = len(player.entries) - 1
    assert player._cache.looks() == 2
    previous = player._cache.get(player.slide_key(last))
    assert previous is None or previous.look.isNull()
    player.previous()
    player._transition.complete()
    wait_ready(qtbot, player)
    before = player._cache.get(player.slide_key(last - 1))
    assert before is not None and not before.look.isNull()
    assert player._cache.looks() == 3


@pytest.mark.parametrize("move", ["next", "previous"])
def test_a_key_starts_the_fade_without_building_grabbing_or_comparing(make_player, seed, qtbot, builds,
                                                                     compares, monkeypatch, move):
    player = ready_player(make_player, seed, qtbot, going_back=True)
    grabs = []
    monkeypatch.setattr(Slide, "grab", lambda *a: grabs.append(1) or QWidgetGrab(*a))
    builds.clear()
    compares.clear()
    getattr(player, move)()
    assert player._transition.running
    assert (builds, grabs, compares) == ([], [], [])


QWidgetGrab = Slide.grab


def test_a_slide_coming_back_unchanged_is_the_same_widget(make_player, seed, qtbot, builds):
    player = ready_player(make_player, seed, qtbot)
    first = player.slide
    with qtbot.waitSignal(player.shown, timeout=3000):
        player.next()
    wait_ready(qtbot, player)
    builds.clear()
    with qtbot.waitSignal(player.shown, timeout=3000):
        player.previous()
    assert player.slide is first and builds == []
    assert player.slide.body.animating  # the counters count up again, from zero


def test_a_new_screen_size_builds_again(make_player, seed, qtbot, builds):
    player = ready_player(make_player, seed, qtbot)
    first = player.slide
    builds.clear()
    player.resize(800, 450)
    qtbot.waitUntil(lambda: player.slide is not first and player.slide.size() == QSize(800, 450))
    assert builds


def test_an_edit_to_the_next_panel_is_built_again_before_its_turn(make_player, seed, qtbot):
    player = ready_player(make_player, seed, qtbot)
    before = player._cache.get(player.slide_key(1)).slide
    panels = list(player.loaded.content.panels)
    panels[1] = panels[1].model_copy(update={"title": "Edited"})
    edited = replace(player.loaded, content=player.loaded.content.model_copy(update={"panels": panels}))
    player.update_content(edited)
    wait_ready(qtbot, player)
    after = player._cache.get(player.slide_key(1)).slide
    assert after is not before and after.body.panel.title == "Edited"


def test_memory_a_fade_borrowed_is_given_back(make_player, seed, qtbot):
    player = ready_player(make_player, seed, qtbot)
    for _ in range(2 * len(player.entries)):
        with qtbot.waitSignal(player.shown, timeout=3000):
            player.next()
        assert player._transition._from.isNull() and player._transition._to.isNull()
    wait_ready(qtbot, player)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(player.findChildren(Slide)) == len(player._cache) == len(player.entries) <= SLIDES_KEPT
    assert player._cache.looks() <= SCREENS_KEPT  # grabs of the previous, current and next only


def test_after_a_still_slide_leaves_only_the_new_next_is_grabbed_and_compared(make_player, seed, qtbot,
                                                                              compares, monkeypatch):
    player = ready_player(make_player, seed, qtbot, going_back=True)  # a clicker: the previous is kept ready
    # a whole round first, so that every slide is built (a build paints once: a grab of its own),
    # then the counters (they count up, so are grabbed again) and a still text slide leave
    for _ in range(len(player.entries) + 2):
        with qtbot.waitSignal(player.shown, timeout=3000):
            player.next()
        wait_ready(qtbot, player)
    grabs = []
    monkeypatch.setattr(Slide, "grab", lambda *a: grabs.append(1) or QWidgetGrab(*a))
    compares.clear()
    with qtbot.waitSignal(player.shown, timeout=3000):
        player.next()
    wait_ready(qtbot, player)
    # the way back to the text slide is the fade that brought this one in, reversed: kept, not redone
    assert (len(grabs), len(compares)) == (1, 1)


def test_a_whole_round_later_nothing_is_built_again(make_player, seed, qtbot, builds):
    player = ready_player(make_player, seed, qtbot)
    for _ in range(len(player.entries)):  # the first round builds each slide once
        with qtbot.waitSignal(player.shown, timeout=3000):
            player.next()
        wait_ready(qtbot, player)
    builds.clear()
    for _ in range(len(player.entries)):
        with qtbot.waitSignal(player.shown, timeout=3000):
            player.next()
        wait_ready(qtbot, player)
    assert builds == []


class RegionRecorder(QObject):
    """Every paint event in the application, as a rectangle in ``within``'s coordinates."""

    def __init__(self, within) -> None:
        super().__init__()
        self.within, self.regions = within, []

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and hasattr(watched, "mapTo") \
                and (watched is self.within or self.within.isAncestorOf(watched)):
            self.regions.append(event.region().translated(watched.mapTo(self.within, QPoint(0, 0))))
        return False


def test_a_count_up_repaints_only_its_numbers(make_player, qtbot):
    player = make_player(seed_with("none"), size=(960, 540))
    player.set_paused(True)
    counters = player.slide.body
    qtbot.waitUntil(lambda: not counters.animating, timeout=4000)
    player.slide.window().repaint()  # whatever is still to be painted is painted now, before recording
    numbers = QRegion()
    for label in counters._numbers:
        numbers += QRect(label.mapTo(player.slide, label.rect().topLeft()), label.size())
    recorder = RegionRecorder(player.slide)
    QApplication.instance().installEventFilter(recorder)
    try:
        counters.start()
        qtbot.waitUntil(lambda: not counters.animating, timeout=4000)
        # The last frame's paint, now: painting the numbers paints every region still marked dirty
        # in the window, so a repaint outside them would be recorded too.
        player.slide.repaint(numbers)
    finally:
        QApplication.instance().removeEventFilter(recorder)
    assert len(recorder.regions) > 10  # it did count up, frame by frame
    outside = [region.boundingRect() for region in recorder.regions if not (region - numbers).isEmpty()]
    assert outside == []


def test_a_grab_in_bands_is_the_whole_grab(slides):
    key, slide = slides(1)
    ready = SlideCache().put(key, slide)
    bands = 0
    while not ready.grab_band(NOW, 0, rows=16):  # a slice of idle work each
        bands += 1
        assert ready.look_at(NOW) is None  # half a grab is no look
    assert bands > 5
    assert ready.look_at(NOW).toImage() == slide.grab().toImage()


def test_a_comparison_in_bands_finds_what_a_whole_one_does(slides, monkeypatch):
    monkeypatch.setattr(slide_cache, "BAND_PIXELS", 320 * 20)  # bands of tile rows, as on a big screen
    (_, first), (_, second) = slides(1), slides(2)
    before, after = first.grab(), second.grab()
    cache = SlideCache()
    steps = 0
    while cache.compare_band(before, after):
        steps += 1
    assert steps > 1 and cache.known_region(before.cacheKey(), after) == transition.changed_region(before, after)


def back_on_the_counters(make_player, qtbot):
    """A player back on the counters, counting up for an hour (so what idle work does meanwhile is
    seen, not raced): the slides around it are built, but their grabs are let go (as a new minute does
    when the header shows the clock), so they are grabbed again, and compared, while it counts."""
    player = make_player(seed_with("fade"))
    player.set_paused(True)
    player.prefetcher.expect_going_back()  # a clicker: the previous is made ready too
    wait_ready(qtbot, player)
    with qtbot.waitSignal(player.shown, timeout=3000):
        player.next()
    wait_ready(qtbot, player)
    with qtbot.waitSignal(player.shown, timeout=3000):
        player.previous()
    counters = player.slide.body
    for index in (1, len(player.entries) - 1):
        player._cache.get(player.slide_key(index)).drop_look()
    assert counters.animating
    counters._count_up.setDuration(3_600_000)
    return player


def test_during_a_count_up_the_next_and_previous_become_ready(make_player, qtbot, builds):
    player = back_on_the_counters(make_player, qtbot)
    builds.clear()
    wait_ready(qtbot, player)
    assert player.slide.body.animating and builds == []
    current = player._cache.holding(player.slide).look
    for index in (1, len(player.entries) - 1):
        ready = player._cache.get(player.slide_key(index))
        assert ready is not None and not ready.look.isNull()
        assert has_region(player._cache, current, ready.look)


def test_a_key_mid_count_up_fades_from_ready_grabs_and_what_the_screen_shows(make_player, qtbot, builds, compares,
                                                                          monkeypatch):
    player = back_on_the_counters(make_player, qtbot)
    wait_ready(qtbot, player)
    qtbot.waitUntil(lambda: player.slide.body.shown_numbers[0] != "0")  # it has counted a little
    on_screen = player.slide.grab().toImage()
    grabs = []
    monkeypatch.setattr(Slide, "grab", lambda *a: grabs.append(1) or QWidgetGrab(*a))
    builds.clear()
    compares.clear()
    player.next()
    fade = player._transition
    assert fade.running and (builds, grabs, compares) == ([], [], [])
    assert fade._from.toImage() == on_screen  # no jump back to zero as the fade starts
    assert fade._changed != QRegion(player.rect())  # the region found in idle time, not the whole screen
    assert only_within(fade._changed, fade._from, fade._to) == fade._to.toImage()  # nothing left out


def only_within(region, before, after):
    """``before`` with ``after`` painted over it within ``region``: what a fade repainting only there ends at."""
    image = before.toImage()
    painter = QPainter(image)
    painter.setClipRegion(region)
    painter.drawPixmap(0, 0, after)
    painter.end()
    return image
