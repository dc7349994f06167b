"""The player: one rotation timer, slides built off-screen, and pixmap transitions."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap, QRegion
from PySide6.QtWidgets import QWidget

from kiosk.core.content import Loaded
from kiosk.core.content.timetext import instant
from kiosk.core.playlist import Entry, next_change
from kiosk.core.rotation import FALLBACK_ID, Rotation, identity
from kiosk.playback import trace
from kiosk.playback.slide_builder import build_slide, first_working_slide, start_panel
from kiosk.playback.slide_cache import Ready, SlideCache, SlideKey, band_height, screens_kept
from kiosk.playback.transition import Transition
from kiosk.screen.decode import decoded
from kiosk.screen.fallback import AnySlide, FallbackSlide
from kiosk.screen.panels import widget_class
from kiosk.screen.slide import Slide
from kiosk.screen.style import Style, style_for

if TYPE_CHECKING:
    from kiosk.playback.gl_transition import GlTransition

log = logging.getLogger(__name__)

# The wall clock can jump (NTP after boot, daylight saving, a suspended machine), so the
# player never waits longer than this before asking the schedule again.
RECHECK_SECONDS = 60.0
# While a transition runs, the idle work (making the next slide ready) waits this long and looks
# again; during a count-up only a build waits (tens of milliseconds, more than one of its frames).
PREFETCH_RETRY_MS = 50
Step = Literal["worked", "waits", "ready"]  # a slice of idle work done; only a build is left; nothing is


@dataclass(frozen=True)
class Leaving:
    """How the slide leaving the screen looks as it goes, and what that look was made from."""

    look: QPixmap
    grabbed_as: int  # the cache key of the grab it was painted from (0: grabbed just now)
    moving: QRegion  # where it was painted again: there it may differ from that grab


class Player(QWidget):
    """Shows the playlist's panels one after another, forever, in file order.

    Where the rotation stands lives in ``kiosk.core.rotation``; the player keeps the timers,
    the slide widgets and the transition between them.
    """

    shown = Signal(object)  # a Showing, once a slide is fully on screen
    prefetched = Signal()  # the idle work is done: the next and previous slides are ready
    content_changed = Signal()  # it took new content (a start or a reload): a layout around it follows

    def __init__(self, parent: QWidget | None = None, *, time_scale: float = 1.0,
                 clock: Callable[[], datetime] = datetime.now, render: str = "software", bare: bool = False) -> None:
        super().__init__(parent)
        self._bare = bare  # a side column's: its slides have no header or footer
        self._screen: QSize | None = None  # the whole screen, when the player has a region of it
        self.time_scale = time_scale
        self.clock = clock
        self.rotation = Rotation()
        self._paused = False
        self.slide: AnySlide | None = None
        self._built_for = QSize()
        self._generation = 0
        self._pending = -1  # the generation whose transition, once done, brings its slide in
        self._painted_digest: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.next)
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setTimerType(Qt.TimerType.PreciseTimer)
        self._recheck.timeout.connect(self._recheck_schedule)
        self._transition = self._make_transition(render)
        # software fades repaint only where the screens differ; GL draws whole frames, no comparison needed
        self._compares = isinstance(self._transition, Transition)
        self._transition.finished.connect(self._transition_done)
        self._cache = SlideCache()
        self._goes_back = False  # a clicker went back (or presentation mode): the previous slide is grabbed ahead too
        self._prefetch = QTimer(self)  # idle work: 0 ms, after whatever the event loop has queued
        self._prefetch.setSingleShot(True)
        self._prefetch.timeout.connect(self._prefetch_step)
        decoded.ready.connect(self._image_decoded)  # a bound method: delivered on the UI thread

    def _make_transition(self, render: str) -> Transition | GlTransition:
        """The overlay that draws transitions: on the GPU for ``render`` "gl", else in software."""
        if render != "gl":
            return Transition(self)
        from kiosk.playback.gl_transition import GlTransition  # Qt's OpenGL libraries only when used

        return GlTransition(self)

    # -- what plays -------------------------------------------------------------------

    def set_content(self, loaded: Loaded, start_id: str | None = None) -> None:
        """Play ``loaded``, staying on the slide on screen if it still plays (or from ``start_id``)."""
        self.rotation.start(loaded, self.clock(), start_id)
        self._cache.invalidate()
        self._present(direction=1, animate=False)
        self._arm_recheck()
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
            self._log_first_paint()  # the screen already shows what this version says
            if not self._transition.running:
                self._schedule()  # staff who just saved get the panel's full time again
                self._prefetch.start(0)
        else:
            self._present(direction=1, animate=not change.stays)
        self.content_changed.emit()

    def set_screen(self, size: QSize) -> None:
        """The whole screen the player's area is part of (a layout's): legibility floors are of it."""
        if size != self._screen:
            self._screen = QSize(size)
            self._cache.invalidate()

    @property
    def loaded(self) -> Loaded | None:
        return self.rotation.loaded

    @property
    def _content(self) -> Loaded:
        """The content playing; only asked for once there is some."""
        if self.rotation.loaded is None:
            raise RuntimeError("the player has no content yet")
        return self.rotation.loaded

    @property
    def _on_screen(self) -> AnySlide:
        """The slide on screen; only asked for once there is one."""
        if self.slide is None:
            raise RuntimeError("the player shows no slide yet")
        return self.slide

    @property
    def entries(self) -> list[Entry]:
        return self.rotation.entries

    @property
    def index(self) -> int:
        return self.rotation.index

    @property
    def page(self) -> int:
        return self.rotation.page

    @property
    def current_id(self) -> str | None:
        return self.rotation.on_screen.id if self.slide is not None and self.rotation.on_screen else None

    @property
    def page_count(self) -> int:
        return self.slide.body.page_count() if self.slide else 1

    @property
    def paused(self) -> bool:
        return self._paused

    # -- moving -----------------------------------------------------------------------

    def next(self) -> None:
        """The next page or panel, asking the playlist again: windows open and close."""
        self.rotation.advance(self.clock(), self.page_count)
        self._present(direction=1)

    def previous(self) -> None:
        self.expect_going_back()
        self.rotation.back()
        self._present(direction=-1)

    def expect_going_back(self) -> None:
        """Keep the previous slide grabbed ahead from now on, as well as the next (where the grabs'
        budget allows it): a clicker is in use. An unattended rotation never goes back, and the grab
        would cost a screen's worth of memory (~8 MB at 1080p) for nothing."""
        self._goes_back = True

    def jump(self, index: int) -> None:
        direction = self.rotation.jump(index)
        if direction:
            self._present(direction=direction)

    def restart(self) -> None:
        """Start the rotation again at its first panel (the screen woke up), asking the schedule afresh."""
        if self.loaded is None:
            return
        self.rotation.restart(self.clock())
        self._present(direction=1, animate=False)
        self._arm_recheck()

    def set_paused(self, paused: bool) -> None:
        """Stop or restart the rotation timer; every pause (P, blanking, presentation mode) comes here."""
        self._paused = paused
        if paused:
            self._timer.stop()
        elif not self._transition.running:
            self._schedule()

    def toggle_pause(self) -> None:
        self.set_paused(not self._paused)

    # -- showing ----------------------------------------------------------------------

    def _present(self, direction: int, animate: bool = True) -> None:
        if self.loaded is None or self.size().isEmpty():
            return
        trace.mark("change")
        entry = self.rotation.current
        if entry is None and animate and self.current_id == FALLBACK_ID:
            return  # the clock is already up, and keeps itself current
        self._generation += 1
        self._transition.complete()
        self._timer.stop()
        kind = self._transition_kind()
        leaving = self._leaving() if self.slide and animate and kind != "none" else None
        if animate and entry is not None and self.rotation.is_on_screen(entry) and isinstance(self.slide, Slide) \
                and self.slide.body.panel == entry.panel and self._built_for == self.size():
            self.slide.body.set_page(self.page)  # the same slide, as it was built: only its page moves
        else:
            self._replace_slide(direction)
        if leaving is None or kind == "none":
            self._arrive()
            return
        self._pending = self._generation
        incoming = self._look_of(self._cache.holding(self.slide)) or self._on_screen.grab()
        changed = self._changed(leaving, incoming) if kind == "fade" and self._compares else None
        self._transition.run(leaving.look, incoming, kind, direction, changed=changed)

    def _changed(self, leaving: Leaving, incoming: QPixmap) -> QRegion:
        """Where a fade repaints: what idle time found differs, or else the whole screen (comparing
        now would hold the first frame back 30-70 ms; blending it all costs each frame a few ms)."""
        known = self._cache.known_region(leaving.grabbed_as, incoming) if leaving.grabbed_as else None
        return QRegion(self.rect()) if known is None else known | leaving.moving

    def _transition_kind(self) -> str:
        settings = self._content.content.settings
        # reduce_motion (accessibility): an instant change instead of a crossfade
        return "none" if settings.reduce_motion else settings.transition

    def _minute(self) -> datetime:
        return self.clock().replace(second=0, microsecond=0)

    def _look_of(self, ready: Ready | None) -> QPixmap | None:
        """The slide's grab, taken again only if it is missing or stale (its page, the clock's minute)."""
        if ready is None or ready.slide is None or ready.slide.body.live:
            return None
        return ready.look_at(self._minute(), self.page) or ready.regrab(self._minute(), self.page)

    def _leaving(self) -> Leaving:
        """How the slide on screen looks now: its cached grab, with what moves in it (a count-up's
        numbers) painted again over it, in place: the grab is let go of as the slide leaves."""
        slide = self._on_screen
        ready = self._cache.holding(slide)
        if ready is None or slide.body.live:
            return Leaving(slide.grab(), 0, QRegion())
        look = ready.look_at(self._minute()) or ready.regrab(self._minute(), ready.look_page)
        grabbed_as, moving = look.cacheKey(), slide.body.moving_region().translated(slide.body.mapTo(slide, QPoint()))
        if not moving.isEmpty():
            self._cache.stop_comparing()  # it shares the grab: painting on it would copy the screen
            slide.render(look, moving.boundingRect().topLeft(), moving)
        return Leaving(look, grabbed_as, moving)

    def _key(self, index: int) -> SlideKey:
        entry, size = self.entries[index], self.size()
        return SlideKey(identity(entry), entry.panel, self._content.content.settings, (size.width(), size.height()),
                        (index, len(self.entries)), self.clock().date())

    def _slide_for(self, index: int, page: int) -> Slide | None:
        """Entry ``index``'s slide at ``page``: the one made ready, else built now (None: it fails)."""
        key = self._key(index)
        ready = self._cache.get(key)
        if ready is not None and ready.slide is None and ready.built_ahead:
            self._cache.discard(key.identity)  # it failed in idle time: that was this turn's try
            return None
        if ready is None or ready.slide is None:  # a panel that failed is tried again on each of its turns
            entry = self.entries[index]
            ready = self._cache.put(key, build_slide(entry, self._style_for(entry), key.position, self, page))
        if ready.slide is not None:
            ready.slide.body.set_page(page)
        return ready.slide

    def _replace_slide(self, direction: int = 1) -> None:
        # A panel that fails to build or paint is skipped (kiosk/playback/slide_builder.py), so the index may move.
        found = first_working_slide(len(self.entries), self.index, direction, self._slide_for, self.page)
        slide: AnySlide
        if found is None:  # nothing scheduled, or nothing works: the title and a clock, never black
            slide = FallbackSlide(self._style_for(None), clock=self.clock, parent=self)
            self.rotation.landed(None, 0, slide.lang)
        else:
            index, page, slide = found
            self.rotation.landed(index, page, slide.lang)
        slide.body.set_page(self.page)
        slide.move(0, 0)
        slide.show()
        if self.slide is not None and self.slide is not slide:
            self._let_go(self.slide)
        self.slide = slide
        self._built_for = QSize(self.size())

    def _let_go(self, slide: Slide | FallbackSlide) -> None:
        """The slide leaves the screen: kept ready as it looked before it came on (a clicker may
        go back to it), unless it plays by itself (a video) or is not cached."""
        slide.hide()
        ready = self._cache.holding(slide)
        if ready is None or slide.body.live:
            if ready is not None:
                self._cache.discard(ready.key.identity)
            slide.deleteLater()
            return
        slide.body.rewind()
        if slide.body.moves_in:
            ready.drop_look()  # its grab showed it counted up: grabbed again, rewound, before its next turn
        # else the grab still shows it (a later page is grabbed again by page), so the fade that brought
        # it in and the way back to it are one comparison (kiosk/playback/slide_cache.py)

    def _style_for(self, entry: Entry | None) -> Style:
        # entry.panel is already in entry.lang (see playlist_at); the style brings the
        # header, footer and number formats in the same language.
        lang = entry.lang if entry is not None else None
        loaded = self._content
        return style_for(loaded.content.settings, self.size(), loaded.folder, lang=lang, clock=self.clock,
                         screen=self._screen, bare=self._bare)

    def _image_decoded(self, _key: object) -> None:
        """An image the slide on screen waited for is decoded: draw the slide again, with it."""
        if self.slide is not None and self.slide.body.incomplete and self.loaded:
            self.update_content(self.loaded, refresh=True)
        self._prefetch.start(0)  # a slide made ready while the image was decoding is built again

    def _transition_done(self) -> None:
        if self._pending == self._generation:
            self._arrive()

    def _arrive(self) -> None:
        slide = self._on_screen
        if self.page == 0:
            start_panel(slide)
        ready = self._cache.holding(slide)
        if ready is not None and slide.body.live:
            ready.drop_look()  # it no longer looks as grabbed (what a count-up moves is painted again as it leaves)
        self._log_first_paint()
        self.shown.emit(self.rotation.showing())
        self._schedule()
        self._prefetch.start(0)

    # -- ready before it is needed ------------------------------------------------------

    def _prefetch_step(self) -> None:
        """One slice of idle work (a build, a band of a grab or of a comparison), then the next. Never
        during a transition; during a count-up only bands, short enough to fit between two of its frames."""
        if self.loaded is None or self.slide is None or self.size().isEmpty():
            return
        if self._transition.running:
            self._prefetch.start(PREFETCH_RETRY_MS)
            return
        step = self._prefetch_one(can_build=not self.slide.body.animating)
        if step != "ready":
            self._prefetch.start(0 if step == "worked" else PREFETCH_RETRY_MS)
            return
        self.prefetched.emit()
        if self.loaded.content.settings.clock and self._cache.looks():  # grabs show the clock: again each minute
            now = self.clock()
            self._prefetch.start((60 - now.second) * 1000 - now.microsecond // 1000 + 500)

    def _prefetch_one(self, can_build: bool) -> Step:
        """Do a slice of the first thing missing for a change to start at once."""
        kind = self._transition_kind()  # a cut needs no grabs: only the widgets are made ready
        around = self.rotation.around(self.page_count)[:self._screens_grabbed() - 1]  # the next first
        wanted = {identity(self.entries[index]) for index in around}
        if self.rotation.on_screen is not None:
            wanted.add(self.rotation.on_screen)
        self._cache.keep_looks_only(wanted if kind != "none" else set())
        slide = self._on_screen
        current = self._cache.holding(slide) if kind != "none" and not slide.body.live else None
        if current is not None and current.look_at(self._minute()) is None:
            current.grab_band(self._minute(), current.look_page, self._band_rows())
            return "worked"
        waits = False
        for index in around:
            step = self._ready_ahead(index, kind, current, can_build)
            if step == "worked":
                return step
            waits = waits or step == "waits"
        return "waits" if waits else "ready"

    def _band_rows(self) -> int:
        return band_height(self.width(), self.height())

    def _screens_grabbed(self) -> int:
        """The current and the next; the previous too once a clicker goes back, where the grabs'
        budget leaves room for it (not at 4K). Going back the first time grabs and compares then."""
        kept = screens_kept(self.width(), self.height())
        return kept if self._goes_back else min(kept, 2)

    def _ready_ahead(self, index: int, kind: str, current: Ready | None, can_build: bool) -> Step:
        """One slice of work towards entry ``index`` being ready to fade in."""
        key = self._key(index)
        ready = self._cache.get(key)
        if ready is None:
            entry = self.entries[index]
            if widget_class(entry.panel.kind).live:
                return "ready"  # opening a video waits for its first frame: built on its turn
            if not can_build:
                return "waits"  # a build is one piece, longer than a frame of the count-up
            self._cache.put(key, build_slide(entry, self._style_for(entry), key.position, self)).built_ahead = True
            return "worked"
        if ready.slide is None or ready.slide.body.live or kind == "none":
            return "ready"
        if ready.look_at(self._minute(), 0) is None:
            if ready.drawing.isNull():
                ready.slide.body.set_page(0)  # it may have left the screen on a later page
            ready.grab_band(self._minute(), 0, self._band_rows())
            return "worked"
        if kind == "fade" and self._compares and current is not None \
                and self._cache.compare_band(current.look, ready.look):
            return "worked"
        return "ready"

    def _log_first_paint(self) -> None:
        """The benchmarks read this line: when a content version first reached the screen."""
        digest = self.loaded.digest if self.loaded else ""
        if digest != self._painted_digest:
            self._painted_digest = digest
            log.info("content %s painted at monotonic=%.6f", digest, time.monotonic())

    def _schedule(self) -> None:
        entry = self.rotation.current
        if self._paused or entry is None:
            return
        seconds = self._on_screen.body.seconds(entry.seconds) / max(1, self.page_count)
        self._timer.start(max(1, round(seconds * 1000 * self.time_scale)))

    def _arm_recheck(self) -> None:
        """Look at the schedule again when a window next opens or closes (or in a minute)."""
        now = self.clock()
        change = next_change(self.loaded.content, now) if self.loaded else None
        seconds = RECHECK_SECONDS if change is None else min(RECHECK_SECONDS, instant(change) - instant(now))
        self._recheck.start(max(1, round(seconds * 1000 * self.time_scale)))

    def _recheck_schedule(self) -> None:
        """A window opened or closed: keep the slide on screen if it still plays, else move on."""
        if not self._paused and not self.rotation.refresh(self.clock()):
            self._present(direction=1)
        self._arm_recheck()
        if not self._prefetch.isActive():
            self._prefetch.start(0)  # the schedule may have changed what comes next

    @property
    def interval_ms(self) -> int:
        """How long the slide on screen was scheduled to stay (-1 when paused or idle)."""
        return self._timer.interval() if self._timer.isActive() else -1

    @property
    def remaining_ms(self) -> int:
        """Milliseconds until the next automatic change (-1 when paused or idle)."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        if self.loaded is not None and self.size() != self._built_for:
            self._transition.complete()
            self._cache.invalidate()
            self._present(direction=1, animate=False)
