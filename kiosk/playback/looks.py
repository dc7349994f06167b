"""How slides look as a transition starts: their grabs, taken again only when stale.

A fade blends two pictures. The leaving slide's is its cached grab, with what moves in it (a
count-up's numbers) painted again over it; the arriving slide's is the grab made ready in idle
time (``kiosk.playback.prefetcher``), or one taken now.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QPixmap, QRegion

from kiosk.playback.slide_cache import Ready, SlideCache
from kiosk.screen.fallback import AnySlide


@dataclass(frozen=True)
class Leaving:
    """How the slide leaving the screen looks as it goes, and what that look was made from."""

    look: QPixmap
    grabbed_as: int  # the cache key of the grab it was painted from (0: grabbed just now)
    moving: QRegion  # where it was painted again: there it may differ from that grab


def minute_of(clock: Callable[[], datetime]) -> datetime:
    """The clock's minute: a grab showing the header's clock is good for that long."""
    return clock().replace(second=0, microsecond=0)


def look_of(ready: Ready | None, minute: datetime, page: int) -> QPixmap | None:
    """The slide's grab, taken again only if it is missing or stale (its page, the clock's minute)."""
    if ready is None or ready.slide is None or ready.slide.body.live:
        return None
    return ready.look_at(minute, page) or ready.regrab(minute, page)


def leaving_look(slide: AnySlide, cache: SlideCache, minute: datetime) -> Leaving:
    """How the slide on screen looks now: its cached grab, with what moves in it (a count-up's
    numbers) painted again over it, in place: the grab is let go of as the slide leaves."""
    ready = cache.holding(slide)
    if ready is None or slide.body.live:
        return Leaving(slide.grab(), 0, QRegion())
    look = ready.look_at(minute) or ready.regrab(minute, ready.look_page)
    grabbed_as, moving = look.cacheKey(), slide.body.moving_region().translated(slide.body.mapTo(slide, QPoint()))
    if not moving.isEmpty():
        cache.stop_comparing()  # it shares the grab: painting on it would copy the screen
        slide.render(look, moving.boundingRect().topLeft(), moving)
    return Leaving(look, grabbed_as, moving)


def changed_region(leaving: Leaving, incoming: QPixmap, cache: SlideCache, screen: QRect) -> QRegion:
    """Where a fade repaints: what idle time found differs, or else the whole screen (comparing
    now would hold the first frame back 30-70 ms; blending it all costs each frame a few ms)."""
    known = cache.known_region(leaving.grabbed_as, incoming) if leaving.grabbed_as else None
    return QRegion(screen) if known is None else known | leaving.moving


def let_go(slide: AnySlide, cache: SlideCache) -> None:
    """The slide leaves the screen: kept ready as it looked before it came on (a clicker may
    go back to it), unless it plays by itself (a video) or is not cached."""
    slide.hide()
    ready = cache.holding(slide)
    if ready is None or slide.body.live:
        if ready is not None:
            cache.discard(ready.key.identity)
        slide.deleteLater()
        return
    slide.body.rewind()
    if slide.body.moves_in:
        ready.drop_look()  # its grab showed it counted up: grabbed again, rewound, before its next turn
    # else the grab still shows it (a later page is grabbed again by page), so the fade that brought
    # it in and the way back to it are one comparison (kiosk/playback/slide_cache.py)
