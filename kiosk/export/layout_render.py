"""A rendered screen with its layout: the slide in the main area, the column's first panel, the band.

``kiosk render`` and ``--pdf`` draw the layout as it is on screen at ``--at``: the side column shows
the panel its rotation starts with, the ticker its items at their start position.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize

from kiosk.core.content import Loaded
from kiosk.core.layout import arrangement_of, regions_at, side_content, ticker_items, ticker_speed
from kiosk.core.playlist import playlist_at
from kiosk.playback.slide_builder import build_slide
from kiosk.screen.fallback import AnySlide, FallbackSlide
from kiosk.screen.frame import LayoutFrame
from kiosk.screen.style import style_for


def framed(slide: AnySlide, loaded: Loaded, size: QSize, when: datetime, lang: str, *,
           for_print: bool = False) -> LayoutFrame | None:
    """The whole screen around ``slide`` (built for the main area), or None without a layout."""
    content = loaded.content
    settings = content.settings
    if settings.ticker is None and settings.side is None:
        return None
    frame = LayoutFrame(slide)
    frame.arrange(arrangement_of(settings), _side_slide(loaded, size, when, lang, for_print))
    style = style_for(settings, size, loaded.folder, lang=lang, for_print=for_print, clock=lambda: when)
    speed = ticker_speed(settings.ticker.speed, size.height()) if settings.ticker else 0
    frame.show_ticker(ticker_items(content, when, lang), style, speed)
    frame.resize(size)
    return frame


def _side_slide(loaded: Loaded, size: QSize, when: datetime, lang: str, for_print: bool) -> AnySlide | None:
    """The side column's first panel at ``when`` (its fallback clock when none plays)."""
    side = side_content(loaded.content, lang)
    column = regions_at(loaded.content, size.width(), size.height(), when, lang).column
    if side is None or column is None:
        return None
    style = style_for(side.settings, QSize(*column.size), loaded.folder, lang=lang, for_print=for_print,
                      clock=lambda: when, screen=size, bare=True)
    entries = playlist_at(side, when)
    slide = build_slide(entries[0], style, (0, len(entries))) if entries else None
    shown: AnySlide = slide if slide is not None else FallbackSlide(style, clock=lambda: when)
    shown.body.finish()
    return shown
