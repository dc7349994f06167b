"""The player: one rotation timer, slides built off-screen, and pixmap transitions."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QWidget

from kiosk.core.content import Loaded
from kiosk.core.playlist import Entry
from kiosk.core.rotation import FALLBACK_ID, Rotation, identity
from kiosk.diagnostics import trace
from kiosk.playback.looks import changed_region, leaving_look, let_go, look_of, minute_of
from kiosk.playback.prefetcher import Prefetcher
from kiosk.playback.slide_builder import build_slide, first_working_slide, start_panel
from kiosk.playback.slide_cache import SlideCache, SlideKey
from kiosk.playback.timers import RECHECK_SECONDS, RotationTimers
from kiosk.playback.transition import Transition
from kiosk.screen.decode import decoded
from kiosk.screen.fallback import AnySlide, FallbackSlide
from kiosk.screen.slide import Slide
from kiosk.screen.style import Style, style_for

if TYPE_CHECKING:
    from kiosk.playback.gl_transition import GlTransition

log = logging.getLogger(__name__)

__all__ = ["RECHECK_SECONDS", "Player"]


class Player(QWidget):
    """Shows the playlist's panels one after another, forever, in file order.

    Where the rotation stands lives in ``kiosk.core.rotation``, its clocks in ``timers``, the
    grabs in ``looks`` and the idle work in ``prefetcher``; the player keeps the slide widgets
    and the transition between them.
    """

    shown = Signal(object)  # a Showing, once a slide is fully on screen
    content_changed = Signal()  # it took new content (a start or a reload): a layout around it follows

    def __init__(self, parent: QWidget | None = None, *, time_scale: float = 1.0,
                 clock: Callable[[], datetime] = datetime.now, render: str = "software", bare: bool = False) -> None:
        super().__init__(parent)
        self._bare = bare  # a side column's: its slides have no header or footer
        self.time_scale = time_scale  # a side column's player beside this one runs at the same pace
        self.clock = clock
        self.rotation = Rotation()
        self.paused = False  # read it; set_paused changes it
        self.slide: AnySlide | None = None
        self._built_for = QSize()
        self._generation = 0
        self._pending = -1  # the generation whose transition, once done, brings its slide in
        self._painted_digest: str | None = None
        self._quiet_arrival = False  # a rebuild for a new size arrives without a ``shown``
        self.timers = RotationTimers(self, time_scale=time_scale, on_due=self.next,
                                     on_recheck=self._recheck_schedule)
        self._transition = make_transition(render, self)
        # software fades repaint only where the screens differ; GL draws whole frames, no comparison needed
        self._compares = isinstance(self._transition, Transition)
        self._transition.finished.connect(self._transition_done)
        self._cache = SlideCache()
        self.prefetcher = Prefetcher(self, self._cache, builds_on=self, compares=self._compares, clock=clock)
        self.prefetched = self.prefetcher.ready  # the idle work is done: the next and previous slides are ready
        decoded.ready.connect(self._image_decoded)  # a bound method: delivered on the UI thread

    # -- what plays -------------------------------------------------------------------

    def set_content(self, loaded: Loaded, start_id: str | None = None) -> None:
        """Play ``loaded``, staying on the slide on screen if it still plays (or from ``start_id``)."""
        self.rotation.start(loaded, self.clock(), start_id)
        self._cache.invalidate()
        self._present(direction=1, animate=False)
        self.timers.arm_recheck(self.loaded.content if self.loaded else None, self.clock())
        self.content_changed.emit()

    def update_content(self, loaded: Loaded, *, refresh: bool = False) -> None:
        """Take a new version of the content while playing (a live reload).

        The slide on screen is rebuilt at once (a cut) only if what it shows changed: its panel,
        the settings, the rotation's panels (its dots), or (``refresh``) a file it shows, such
        as a photo. Otherwise it stays, its timer restarts, and the new version takes over at
        the next transition. A removed panel gives way to the next one.
        """
        if self.loaded is None or self.slide is None or not self.rotation.entries:
            self.set_content(loaded)
            return
        change = self.rotation.update(loaded, self.clock(), files_changed=refresh)
        self._cache.invalidate()  # a file a slide off screen shows may have changed, not only its panel
        if change.unchanged:
            # the screen already shows what this version says
            self._painted_digest = log_first_paint(self.loaded, self._painted_digest)
            if not self._transition.running:
                self._schedule()  # staff who just saved get the panel's full time again
                self.prefetcher.soon()
        else:
            self._present(direction=1, animate=not change.stays)
        self.content_changed.emit()

    @property
    def loaded(self) -> Loaded | None:
        """The content version playing (None before the first)."""
        return self.rotation.loaded

    @property
    def _on_screen(self) -> AnySlide:
        """The slide on screen; only asked for once there is one."""
        if self.slide is None:
            raise RuntimeError("the player shows no slide yet")
        return self.slide

    @property
    def entries(self) -> list[Entry]:
        """The playlist as it plays now: one entry per panel and language."""
        return self.rotation.entries

    @property
    def index(self) -> int:
        """Where the rotation stands in ``entries``."""
        return self.rotation.index

    @property
    def page(self) -> int:
        """The page of the slide on screen, counted from 0."""
        return self.rotation.page

    @property
    def current_id(self) -> str | None:
        """The id of the panel on screen (None before the first slide)."""
        return self.rotation.on_screen.id if self.slide is not None and self.rotation.on_screen else None

    @property
    def page_count(self) -> int:
        """How many pages the slide on screen has."""
        return self.slide.body.page_count() if self.slide else 1

    # -- moving -----------------------------------------------------------------------

    def next(self) -> None:
        """The next page or panel, asking the playlist again: windows open and close."""
        self.rotation.advance(self.clock(), self.page_count)
        self._present(direction=1)

    def previous(self) -> None:
        """The previous page or panel (a clicker)."""
        self.prefetcher.expect_going_back()
        self.rotation.back()
        self._present(direction=-1)

    def jump(self, index: int) -> None:
        """Go straight to entry ``index`` (the presenter's number keys)."""
        direction = self.rotation.jump(index)
        if direction:
            self._present(direction=direction)

    def restart(self) -> None:
        """Start the rotation again at its first panel (the screen woke up), asking the schedule afresh."""
        if self.loaded is None:
            return
        self.rotation.restart(self.clock())
        self._present(direction=1, animate=False)
        self.timers.arm_recheck(self.loaded.content if self.loaded else None, self.clock())

    def set_paused(self, paused: bool) -> None:
        """Stop or restart the rotation timer; every pause (P, blanking, presentation mode) comes here."""
        self.paused = paused
        if paused:
            self.timers.stop_due()
        elif not self._transition.running:
            self._schedule()

    def toggle_pause(self) -> None:
        """Pause a running rotation, or run a paused one (P)."""
        self.set_paused(not self.paused)

    # -- showing ----------------------------------------------------------------------

    def _present(self, direction: int, animate: bool = True) -> None:
        """Bring the rotation's current entry on screen, with a transition when ``animate``."""
        if self.loaded is None or self.size().isEmpty():
            return
        trace.mark("change")
        entry = self.rotation.current
        if entry is None and animate and self.current_id == FALLBACK_ID:
            return  # the clock is already up, and keeps itself current
        self._generation += 1
        self._transition.complete()
        self.timers.stop_due()
        kind = self.transition_kind()
        minute = minute_of(self.clock)
        leaving = leaving_look(self.slide, self._cache, minute) if self.slide and animate and kind != "none" else None
        if animate and entry is not None and self.rotation.is_on_screen(entry) and isinstance(self.slide, Slide) \
                and self.slide.body.panel == entry.panel and self._built_for == self.size():
            self.slide.body.set_page(self.page)  # the same slide, as it was built: only its page moves
        else:
            self._replace_slide(direction)
        if leaving is None or kind == "none":
            self._arrive()
            return
        self._pending = self._generation
        incoming = look_of(self._cache.holding(self.slide), minute, self.page) or self._on_screen.grab()
        changed = changed_region(leaving, incoming, self._cache, self.rect()) \
            if kind == "fade" and self._compares else None
        self._transition.run(leaving.look, incoming, kind, direction, changed=changed)

    def transition_kind(self) -> str:
        """The settings' transition: fade, slide, or none (a cut)."""
        settings = self._playing().content.settings
        # reduce_motion (accessibility): an instant change instead of a crossfade
        return "none" if settings.reduce_motion else settings.transition

    def slide_key(self, index: int) -> SlideKey:
        """What entry ``index``'s slide is built from, at this size, today: its key in the cache."""
        entry, size = self.entries[index], self.size()
        return SlideKey(identity(entry), entry.panel, self._playing().content.settings, (size.width(), size.height()),
                        (index, len(self.entries)), self.clock().date())

    def _slide_for(self, index: int, page: int) -> Slide | None:
        """Entry ``index``'s slide at ``page``: the one made ready, else built now (None: it fails)."""
        key = self.slide_key(index)
        ready = self._cache.get(key)
        if ready is not None and ready.slide is None and ready.built_ahead:
            self._cache.discard(key.identity)  # it failed in idle time: that was this turn's try
            return None
        if ready is None or ready.slide is None:  # a panel that failed is tried again on each of its turns
            entry = self.entries[index]
            ready = self._cache.put(key, build_slide(entry, self.style_for(entry), key.position, self, page))
        if ready.slide is not None:
            ready.slide.body.set_page(page)
        return ready.slide

    def _replace_slide(self, direction: int = 1) -> None:
        """Put entry ``index``'s slide on screen, or the first that works after it, or the fallback."""
        # A panel that fails to build or paint is skipped (kiosk/playback/slide_builder.py), so the index may move.
        found = first_working_slide(len(self.entries), self.index, direction, self._slide_for, self.page)
        slide: AnySlide
        if found is None:  # nothing scheduled, or nothing works: the title and a clock, never black
            slide = FallbackSlide(self.style_for(None), clock=self.clock, parent=self)
            self.rotation.landed(None, 0, slide.lang)
        else:
            index, page, slide = found
            self.rotation.landed(index, page, slide.lang)
        slide.body.set_page(self.page)
        slide.move(0, 0)
        slide.show()
        if self.slide is not None and self.slide is not slide:
            let_go(self.slide, self._cache)
        self.slide = slide
        self._built_for = QSize(self.size())

    def style_for(self, entry: Entry | None) -> Style:
        """How ``entry``'s slide looks at this size: the header, footer and number formats in its language."""
        # entry.panel is already in entry.lang (see playlist_at)
        lang = entry.lang if entry is not None else None
        loaded = self._playing()
        # In a layout the player has a region of the window; legibility floors are of the whole screen.
        return style_for(loaded.content.settings, self.size(), loaded.folder, lang=lang, clock=self.clock,
                         screen=self.window().size(), bare=self._bare)

    def _image_decoded(self, _key: object) -> None:
        """An image the slide on screen waited for is decoded: draw the slide again, with it."""
        if self.slide is not None and self.slide.body.incomplete and self.loaded:
            self.update_content(self.loaded, refresh=True)
        self.prefetcher.soon()  # a slide made ready while the image was decoding is built again

    def _transition_done(self) -> None:
        """The transition ended: the slide it brought in arrives, unless a newer change replaced it."""
        if self._pending == self._generation:
            self._arrive()

    def _arrive(self) -> None:
        """The slide is fully on screen: start it, log it and time its stay."""
        slide = self._on_screen
        if self.page == 0:
            start_panel(slide)
        ready = self._cache.holding(slide)
        if ready is not None and slide.body.live:
            ready.drop_look()  # it no longer looks as grabbed (what a count-up moves is painted again as it leaves)
        self._painted_digest = log_first_paint(self.loaded, self._painted_digest)
        if not self._quiet_arrival:
            self.shown.emit(self.rotation.showing())
        self._schedule()
        self.prefetcher.soon()

    def _schedule(self) -> None:
        """Time the stay of the slide on screen: its panel's time, shared by its pages."""
        entry = self.rotation.current
        if self.paused or entry is None:
            return
        self.timers.start_due(self._on_screen.body.seconds(entry.seconds) / max(1, self.page_count))

    def _recheck_schedule(self) -> None:
        """A window opened or closed: keep the slide on screen if it still plays, else move on."""
        if not self.paused and not self.rotation.refresh(self.clock()):
            self._present(direction=1)
        self.timers.arm_recheck(self.loaded.content if self.loaded else None, self.clock())
        self.prefetcher.soon_unless_busy()  # the schedule may have changed what comes next

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        """A new size: every slide is built again for it."""
        if self.loaded is not None and self.size() != self._built_for:
            self._transition.complete()
            self._cache.invalidate()
            # the same panel, built again for the new size (a layout's band came): not a new showing
            self._quiet_arrival = True
            try:
                self._present(direction=1, animate=False)
            finally:
                self._quiet_arrival = False

    def transition_running(self) -> bool:
        """True while a transition is on screen (idle work waits for its end)."""
        return self._transition.running

    def _playing(self) -> Loaded:
        """The content playing; only asked for once there is some."""
        if self.rotation.loaded is None:
            raise RuntimeError("the player has no content yet")
        return self.rotation.loaded


def make_transition(render: str, player: QWidget) -> Transition | GlTransition:
    """The overlay that draws transitions: on the GPU for ``render`` "gl", else in software."""
    if render != "gl":
        return Transition(player)
    from kiosk.playback.gl_transition import GlTransition  # Qt's OpenGL libraries only when used

    return GlTransition(player)


def log_first_paint(loaded: Loaded | None, painted: str | None) -> str:
    """Log when a content version first reached the screen (the benchmarks read this line); its digest."""
    digest = loaded.digest if loaded else ""
    if digest != painted:
        log.info("content %s painted at monotonic=%.6f", digest, time.monotonic())
    return digest
