"""Slides kept ready: built once, grabbed once, compared once, while they stay the same slide.

A slide is known by its rotation ``Identity`` (kiosk/core/rotation.py); a ``SlideKey`` adds
what its look depends on, so a cached slide is reused only while that is unchanged: the
panel as it plays now (an expired item changes it), the settings, the screen size, the
dots (its place in the rotation) and the day (dates such as "today" are relative to it).
The header clock's minute only makes a *grab* stale: the widget keeps its own time.

Two bounds, because the two things kept cost very different memory (measured, README
"Performance"): a slide's widgets cost ~0.3 MB of PSS at 1080p and ~0.55 MB at 4K, its grab
(a screen-sized pixmap) ~8 MB and ~32 MB. So the widgets of up to ``SLIDES_KEPT`` slides are
kept (a rotation of that many panels never builds a slide twice), but grabs only of the
slides a change can land on: the previous, current and next (``SCREENS_KEPT``), within
``GRABS_BUDGET_MB``: at 4K that leaves out the previous (a clicker going back there waits
for a grab and a comparison, ~70 ms, but not for a build).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime

from PySide6.QtGui import QPixmap, QRegion

from kiosk.core.content.model import PanelBase, Settings
from kiosk.core.rotation import Identity
from kiosk.playback.transition import changed_region
from kiosk.screen.slide import Slide

SLIDES_KEPT = 12  # slides whose widgets are kept: ~4 MB of PSS at 1080p, ~7 MB at 4K
SCREENS_KEPT = 3  # grabs kept at most: previous, current and next (~24 MB at 1080p)
GRABS_BUDGET_MB = 72  # ...and at most this much of them: at 4K (~32 MB a screen) the current and next
REGIONS_KEPT = 2 * SCREENS_KEPT  # changed regions: current->next and current->previous, and a few spare


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

    def look_at(self, minute: datetime, page: int | None = None) -> QPixmap | None:
        """The grabbed look, if it still shows the slide as it is at ``minute`` (and ``page``)."""
        if self.look.isNull() or (page is not None and self.look_page != page):
            return None
        if self.key.settings.clock and self.look_minute != minute:
            return None
        return self.look

    def regrab(self, minute: datetime, page: int) -> QPixmap:
        if self.slide is None:
            raise RuntimeError("a panel that failed to build has nothing to grab")
        self.look, self.look_minute, self.look_page = self.slide.grab(), minute, page
        return self.look


class SlideCache:
    """At most ``bound`` slides, one per identity, least recently used out first; grabs only
    of the slides the player says it may need (``keep_looks_only``).

    The slide on screen is never deleted here: the player hides a slide before it lets go.
    """

    def __init__(self, bound: int = SLIDES_KEPT) -> None:
        self.bound = bound
        self._slides: OrderedDict[Identity, Ready] = OrderedDict()
        self._regions: OrderedDict[tuple[int, int], QRegion] = OrderedDict()
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
        return next((ready for ready in self._slides.values() if ready.slide is slide), None)

    def put(self, key: SlideKey, slide: Slide | None, look: QPixmap | None = None,
            minute: datetime | None = None, page: int = 0) -> Ready:
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
                ready.look = QPixmap()

    def looks(self) -> int:
        """How many grabs are held (each a screen's worth of memory)."""
        return sum(not ready.look.isNull() for ready in self._slides.values())

    def discard(self, identity: Identity, unless: object = None) -> None:
        ready = self._slides.get(identity)
        if ready is not None and ready.slide is not unless:
            self._drop(identity)

    def invalidate(self) -> None:
        """Nothing cached so far is reused (a file a slide shows may have changed). The stale slides
        are deleted as they are replaced or pushed out, from the event loop, not here."""
        self._epoch += 1
        for ready in self._slides.values():
            ready.look = QPixmap()
        self._regions.clear()

    def _drop(self, identity: Identity) -> None:
        ready = self._slides.pop(identity)
        if ready.slide is not None and ready.slide.isHidden():
            ready.slide.deleteLater()  # the slide on screen belongs to the player until it leaves

    def region(self, before: QPixmap, after: QPixmap) -> QRegion:
        """Where two screens differ (kiosk/playback/transition.py), compared once per pair, either way round."""
        pair = self._pair(before, after)
        if pair not in self._regions:
            self._regions[pair] = changed_region(before, after)
            while len(self._regions) > REGIONS_KEPT:
                self._regions.popitem(last=False)
        self._regions.move_to_end(pair)
        return self._regions[pair]

    def has_region(self, before: QPixmap, after: QPixmap) -> bool:
        return self._pair(before, after) in self._regions

    @staticmethod
    def _pair(before: QPixmap, after: QPixmap) -> tuple[int, int]:
        """The same key for both directions: the way back to a slide differs where the way there did."""
        first, second = before.cacheKey(), after.cacheKey()
        return (first, second) if first <= second else (second, first)
