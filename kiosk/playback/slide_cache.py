"""Slides kept ready: built once, grabbed once, compared once, while they stay the same slide.

A slide is known by its rotation ``Identity`` (kiosk/core/rotation.py); a ``SlideKey`` adds
what its look depends on, so a cached slide is reused only while that is unchanged: the
panel as it plays now (an expired item changes it), the settings, the screen size, the
dots (its place in the rotation) and the day (dates such as "today" are relative to it).
The header clock's minute only makes a *grab* stale: the widget keeps its own time.

Two bounds, because the two things kept cost very different memory (measured; see docs/performance.md):
a slide's widgets cost ~0.3 MB of PSS at 1080p and ~0.55 MB at 4K, its grab
(a screen-sized pixmap) ~8 MB and ~32 MB. So the widgets of up to ``SLIDES_KEPT`` slides are
kept (a rotation of that many panels never builds a slide twice), but grabs only of the
slides a change can land on: the previous, current and next (``SCREENS_KEPT``), within
``GRABS_BUDGET_MB``: at 4K that leaves out the previous (a clicker going back there waits
for a grab, ~60 ms, but not for a build or a comparison: a fade whose changed region is not
known yet blends the whole screen). The player asks for the previous only once a clicker
has gone back (``Prefetcher.expect_going_back``): an unattended rotation never does.

Grabs and comparisons are made ready in slices (``band_height``), a band of the screen at a
time, so that they can run between two frames of a count-up without a visible hitch.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPixmap, QRegion

from kiosk.core.content.model import PanelBase, Settings
from kiosk.core.rotation import Identity
from kiosk.playback.transition import changed_band, covering_both, tile_side
from kiosk.screen.slide import Slide

SLIDES_KEPT = 12  # slides whose widgets are kept: ~4 MB of PSS at 1080p, ~7 MB at 4K
SCREENS_KEPT = 3  # grabs kept at most: previous, current and next (~24 MB at 1080p)
GRABS_BUDGET_MB = 72  # ...and at most this much of them: at 4K (~32 MB a screen) the current and next
REGIONS_KEPT = 2 * SCREENS_KEPT  # changed regions: current->next and current->previous, and a few spare
# A slice of idle work grabs or compares a band of about this many pixels: ~2-7 ms here at 1080p
# and 4K (a whole 4K grab takes ~60 ms, a comparison ~70), well within the ~33 ms between two
# frames of a count-up, and still short on a Pi several times slower.
BAND_PIXELS = 1920 * 1080 // 4


def band_height(width: int, height: int) -> int:
    """How many rows one slice of idle work grabs or compares: whole rows of comparison tiles."""
    tile = tile_side(height)
    return tile * max(1, BAND_PIXELS // max(1, width * tile))


def screens_kept(width: int, height: int) -> int:
    """How many grabs a screen of this size keeps: never fewer than the current and next."""
    screen_mb = width * height * 4 / 2**20
    return max(2, min(SCREENS_KEPT, int(GRABS_BUDGET_MB // screen_mb)))


@dataclass(frozen=True)
class SlideKey:
    """Everything a built slide depends on; two equal keys build the same widgets."""

    identity: Identity
    panel: PanelBase
    settings: Settings
    size: tuple[int, int]
    position: tuple[int, int]  # index and count: the footer's dots
    day: date


@dataclass(eq=False)
class Ready:
    """A cached slide (None: it failed to build under this key) and its look."""

    key: SlideKey
    slide: Slide | None
    look: QPixmap = field(default_factory=QPixmap)  # null: grab it again
    look_minute: datetime | None = None  # the header clock's minute when it was grabbed
    look_page: int = 0
    epoch: int = 0  # the cache's epoch it was made in: older ones are stale (``invalidate``)
    built_ahead: bool = False  # built in idle time: a failure then stands for its turn's try
    drawing: QPixmap = field(default_factory=QPixmap)  # a grab under way, band by band (``grab_band``)
    drawn_to: int = 0  # the rows of ``drawing`` done
    drawing_as: tuple[datetime | None, int] | None = None  # the minute and page it is being grabbed at

    def look_at(self, minute: datetime, page: int | None = None) -> QPixmap | None:
        """The grabbed look, if it still shows the slide as it is at ``minute`` (and ``page``)."""
        if self.look.isNull() or (page is not None and self.look_page != page):
            return None
        if self.key.settings.clock and self.look_minute != minute:
            return None
        return self.look

    def regrab(self, minute: datetime, page: int) -> QPixmap:
        """Grab it whole, now (a change waits for it): only what is left of a grab under way."""
        if not self.drawing.isNull() and self.drawing_as == (minute, page):
            self.grab_band(minute, page, rows=self._grabbable().height())
            return self.look
        self.drop_look()
        self.look, self.look_minute, self.look_page = self._grabbable().grab(), minute, page
        return self.look

    def grab_band(self, minute: datetime, page: int, rows: int) -> bool:
        """Grab ``rows`` more rows of it (a slice of idle work); True once the look is whole."""
        slide = self._grabbable()
        if self.drawing.isNull() or self.drawing_as != (minute, page):
            self.drawing, self.drawn_to, self.drawing_as = QPixmap(), 0, (minute, page)
        bottom = min(slide.height(), self.drawn_to + rows)
        self.drawing = draw_band(self.drawing, slide, self.drawn_to, bottom)
        self.drawn_to = bottom
        if bottom < slide.height():
            return False
        self.look, self.look_minute, self.look_page = self.drawing, minute, page
        self.drawing, self.drawing_as = QPixmap(), None
        return True

    def drop_look(self) -> None:
        """Let go of its grab, and of any grab under way (each a screen's worth of memory)."""
        self.look, self.drawing, self.drawing_as = QPixmap(), QPixmap(), None

    def _grabbable(self) -> Slide:
        if self.slide is None:
            raise RuntimeError("a panel that failed to build has nothing to grab")
        return self.slide


def draw_band(screen: QPixmap, slide: Slide, top: int, bottom: int) -> QPixmap:
    """``screen`` (null: a new one) with the rows ``top`` to ``bottom`` of ``slide`` grabbed into it;
    what ``slide.grab()`` gives, once every band is in."""
    band = slide.grab(QRect(0, top, slide.width(), bottom - top))
    if screen.isNull():
        screen = QPixmap(slide.size() * band.devicePixelRatio())
        screen.setDevicePixelRatio(band.devicePixelRatio())
        if band.hasAlphaChannel():
            screen.fill(Qt.GlobalColor.transparent)  # the format a grab of the whole slide has
    painter = QPainter(screen)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
    painter.drawPixmap(0, top, band)
    painter.end()
    return screen


@dataclass(eq=False)
class Comparison:
    """Two screens compared a band at a time (``changed_band``), one band a slice of idle work."""

    before: QPixmap
    after: QPixmap
    rows: int  # a band's height
    done_to: int = 0
    region: QRegion = field(default_factory=QRegion)

    @property
    def pair(self) -> tuple[int, int]:
        """The two screens' grab keys, the same whichever way round (see ``pair_key``)."""
        return pair_key(self.before.cacheKey(), self.after.cacheKey())

    def step(self) -> bool:
        """Compare one band more; True once the whole screens are compared."""
        both = covering_both(self.before, self.after)
        if both is not None:
            self.region = both
            return True
        bottom = min(self.before.height(), self.done_to + self.rows)
        self.region += changed_band(self.before, self.after, self.done_to, bottom)
        self.done_to = bottom
        return bottom >= self.before.height()


class SlideCache:
    """At most ``bound`` slides, one per identity, least recently used out first; grabs only
    of the slides the player says it may need (``keep_looks_only``).

    The slide on screen is never deleted here: the player hides a slide before it lets go.
    """

    def __init__(self, bound: int = SLIDES_KEPT) -> None:
        self.bound = bound
        self._slides: OrderedDict[Identity, Ready] = OrderedDict()
        self._regions: OrderedDict[tuple[int, int], QRegion] = OrderedDict()
        self._comparing: Comparison | None = None  # the comparison under way, a band at a time
        self._epoch = 0

    def __len__(self) -> int:
        return len(self._slides)

    def get(self, key: SlideKey) -> Ready | None:
        """The slide cached under ``key`` (possibly a known failure), or None to build it."""
        ready = self._slides.get(key.identity)
        if ready is None or ready.key != key or ready.epoch != self._epoch \
                or (ready.slide is not None and ready.slide.body.incomplete):
            return None
        self._slides.move_to_end(key.identity)
        return ready

    def holding(self, slide: object) -> Ready | None:
        """The cache entry of this very slide widget, or None when it isn't cached."""
        return next((ready for ready in self._slides.values() if ready.slide is slide), None)

    def put(self, key: SlideKey, slide: Slide | None, look: QPixmap | None = None,
            minute: datetime | None = None, page: int = 0) -> Ready:
        """Keep ``slide`` under ``key`` in place of its identity's old one; the least recent go beyond ``bound``."""
        self.discard(key.identity, unless=slide)
        ready = self._slides[key.identity] = Ready(key, slide, look or QPixmap(), minute, page, self._epoch)
        self._slides.move_to_end(key.identity)
        while len(self._slides) > self.bound:
            self._drop(next(iter(self._slides)))
        return ready

    def keep_looks_only(self, wanted: set[Identity]) -> None:
        """Let go of the grabs of every slide a change cannot land on next (the widgets stay)."""
        for identity, ready in self._slides.items():
            if identity not in wanted:
                ready.drop_look()
        held = {ready.look.cacheKey() for ready in self._slides.values()}
        if self._comparing is not None and not set(self._comparing.pair) <= held:
            self._comparing = None  # it would keep a screen let go of alive

    def looks(self) -> int:
        """How many grabs are held (each a screen's worth of memory)."""
        return sum(not ready.look.isNull() for ready in self._slides.values())

    def discard(self, identity: Identity, unless: object = None) -> None:
        """Forget the slide kept for ``identity``, unless it is the widget ``unless``."""
        ready = self._slides.get(identity)
        if ready is not None and ready.slide is not unless:
            self._drop(identity)

    def invalidate(self) -> None:
        """Nothing cached so far is reused (a file a slide shows may have changed). The stale slides
        are deleted as they are replaced or pushed out, from the event loop, not here."""
        self._epoch += 1
        for ready in self._slides.values():
            ready.drop_look()
        self._regions.clear()
        self._comparing = None

    def _drop(self, identity: Identity) -> None:
        ready = self._slides.pop(identity)
        if ready.slide is not None and ready.slide.isHidden():
            ready.slide.deleteLater()  # the slide on screen belongs to the player until it leaves

    def compare_band(self, before: QPixmap, after: QPixmap) -> bool:
        """One band more of comparing two screens (a slice of idle work); False once they are compared."""
        pair = pair_key(before.cacheKey(), after.cacheKey())
        if pair in self._regions:
            return False
        if self._comparing is None or self._comparing.pair != pair:
            self._comparing = Comparison(before, after, band_height(before.width(), before.height()))
        if self._comparing.step():
            self._regions[pair] = self._comparing.region
            self._comparing = None
            while len(self._regions) > REGIONS_KEPT:
                self._regions.popitem(last=False)
        return True

    def known_region(self, before_key: int, after: QPixmap) -> QRegion | None:
        """Where the screen whose grab had ``before_key`` differs from ``after``, if already compared."""
        return self._regions.get(pair_key(before_key, after.cacheKey()))

    def stop_comparing(self) -> None:
        """Drop the comparison under way: it holds on to two screens (which then can't be painted on
        in place without a copy)."""
        self._comparing = None


def pair_key(first: int, second: int) -> tuple[int, int]:
    """The same key for both directions: the way back to a slide differs where the way there did."""
    return (first, second) if first <= second else (second, first)
