"""Idle work: the next slide (and the previous, once a clicker is in use) made ready to fade in.

A change then starts at once: the incoming slide is built, grabbed and compared with the one on
screen before its turn, in slices short enough to run between two frames of a count-up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Literal, Protocol

from PySide6.QtCore import QObject, QSize, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.core.content import Loaded
from kiosk.core.playlist import Entry
from kiosk.core.rotation import Rotation, identity
from kiosk.playback.looks import minute_of
from kiosk.playback.slide_builder import build_slide
from kiosk.playback.slide_cache import Ready, SlideCache, SlideKey, band_height, screens_kept
from kiosk.screen.fallback import AnySlide
from kiosk.screen.panels import widget_class
from kiosk.screen.style import Style

# While a transition runs, the idle work waits this long and looks again; during a count-up
# only a build waits (tens of milliseconds, more than one of its frames).
PREFETCH_RETRY_MS = 50
Step = Literal["worked", "waits", "ready"]  # a slice of idle work done; only a build is left; nothing is


class Stage(Protocol):
    """What the prefetcher reads of the player: where the rotation stands and how its slides are made."""

    rotation: Rotation

    @property
    def loaded(self) -> Loaded | None: ...  # noqa: D102
    @property
    def slide(self) -> AnySlide | None: ...  # noqa: D102
    @property
    def entries(self) -> list[Entry]: ...  # noqa: D102
    @property
    def page_count(self) -> int: ...  # noqa: D102
    def size(self) -> QSize: ...  # noqa: D102
    def slide_key(self, index: int) -> SlideKey: ...  # noqa: D102
    def style_for(self, entry: Entry | None) -> Style: ...  # noqa: D102
    def transition_kind(self) -> str: ...  # noqa: D102
    def transition_running(self) -> bool: ...  # noqa: D102


class Prefetcher(QObject):
    """Makes the slides around the one on screen ready in idle time, one slice per event-loop turn."""

    ready = Signal()  # the idle work is done: the next and previous slides are ready

    def __init__(self, stage: Stage, cache: SlideCache, *, builds_on: QWidget, compares: bool,
                 clock: Callable[[], datetime]) -> None:
        super().__init__(builds_on)
        self._stage, self._cache, self._builds_on = stage, cache, builds_on
        self._compares = compares  # software fades repaint only where the screens differ
        self._clock = clock
        self._goes_back = False  # a clicker went back (or presentation mode): the previous is grabbed too
        self._timer = QTimer(self)  # 0 ms: after whatever the event loop has queued
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)

    def soon(self) -> None:
        """Start (or restart) the idle work after what the event loop has queued."""
        self._timer.start(0)

    def soon_unless_busy(self) -> None:
        """Start the idle work unless it is already on its way."""
        if not self._timer.isActive():
            self._timer.start(0)

    def expect_going_back(self) -> None:
        """Keep the previous slide grabbed ahead from now on, as well as the next (where the grabs'
        budget allows it): a clicker is in use. An unattended rotation never goes back, and the grab
        would cost a screen's worth of memory (~8 MB at 1080p) for nothing."""
        self._goes_back = True

    def screens_grabbed(self) -> int:
        """The current and the next; the previous too once a clicker goes back, where the grabs'
        budget leaves room for it (not at 4K). Going back the first time grabs and compares then."""
        size = self._stage.size()
        kept = screens_kept(size.width(), size.height())
        return kept if self._goes_back else min(kept, 2)

    def _step(self) -> None:
        """One slice of idle work (a build, a band of a grab or of a comparison), then the next. Never
        during a transition; during a count-up only bands, short enough to fit between two of its frames."""
        stage = self._stage
        if stage.loaded is None or stage.slide is None or stage.size().isEmpty():
            return
        if stage.transition_running():
            self._timer.start(PREFETCH_RETRY_MS)
            return
        step = self._one(can_build=not stage.slide.body.animating)
        if step != "ready":
            self._timer.start(0 if step == "worked" else PREFETCH_RETRY_MS)
            return
        self.ready.emit()
        if stage.loaded.content.settings.clock and self._cache.looks():  # grabs show the clock: again each minute
            now = self._clock()
            self._timer.start((60 - now.second) * 1000 - now.microsecond // 1000 + 500)

    def _one(self, can_build: bool) -> Step:
        """Do a slice of the first thing missing for a change to start at once."""
        stage = self._stage
        kind = stage.transition_kind()  # a cut needs no grabs: only the widgets are made ready
        around = stage.rotation.around(stage.page_count)[:self.screens_grabbed() - 1]  # the next first
        wanted = {identity(stage.entries[index]) for index in around}
        if stage.rotation.on_screen is not None:
            wanted.add(stage.rotation.on_screen)
        self._cache.keep_looks_only(wanted if kind != "none" else set())
        slide, minute = stage.slide, minute_of(self._clock)
        current = self._cache.holding(slide) if slide and kind != "none" and not slide.body.live else None
        if current is not None and current.look_at(minute) is None:
            current.grab_band(minute, current.look_page, self._band_rows())
            return "worked"
        waits = False
        for index in around:
            step = self._ahead(index, kind, current, can_build)
            if step == "worked":
                return step
            waits = waits or step == "waits"
        return "waits" if waits else "ready"

    def _band_rows(self) -> int:
        size = self._stage.size()
        return band_height(size.width(), size.height())

    def _ahead(self, index: int, kind: str, current: Ready | None, can_build: bool) -> Step:
        """One slice of work towards entry ``index`` being ready to fade in."""
        stage = self._stage
        key = stage.slide_key(index)
        ready = self._cache.get(key)
        if ready is None:
            entry = stage.entries[index]
            if widget_class(entry.panel.kind).live:
                return "ready"  # opening a video waits for its first frame: built on its turn
            if not can_build:
                return "waits"  # a build is one piece, longer than a frame of the count-up
            slide = build_slide(entry, stage.style_for(entry), key.position, self._builds_on)
            self._cache.put(key, slide).built_ahead = True
            return "worked"
        if ready.slide is None or ready.slide.body.live or kind == "none":
            return "ready"
        minute = minute_of(self._clock)
        if ready.look_at(minute, 0) is None:
            if ready.drawing.isNull():
                ready.slide.body.set_page(0)  # it may have left the screen on a later page
            ready.grab_band(minute, 0, self._band_rows())
            return "worked"
        if kind == "fade" and self._compares and current is not None \
                and self._cache.compare_band(current.look, ready.look):
            return "worked"
        return "ready"
