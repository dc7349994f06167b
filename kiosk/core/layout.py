"""Where each region of a layout sits on the screen: the main area, the ticker band, the side column.

Plain arithmetic over the screen's size, no Qt: the screen layer places its widgets in these
rectangles, and ``kiosk check`` fits panels to the same ones, so what is checked is what shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.core import theme
from kiosk.core.content.model import Content
from kiosk.core.placement import (
    Arrangement,
    BandAt,
    ColumnAt,
    TickerItem,
    arrangement_of,
    placed_ids,
    side_content,
    ticker_items,
)

__all__ = ["Arrangement", "BandAt", "ColumnAt", "Rect", "Regions", "TickerItem", "arrangement_of", "band_height",
           "column_width", "placed_ids", "regions", "regions_at", "side_content", "ticker_items", "ticker_speed"]


@dataclass(frozen=True)
class Rect:
    """A rectangle in screen pixels, its top-left corner first."""

    x: int
    y: int
    width: int
    height: int

    @property
    def size(self) -> tuple[int, int]:
        """(width, height)."""
        return self.width, self.height


@dataclass(frozen=True)
class Regions:
    """The rectangles of one layout on one screen; ``band`` and ``column`` are None when absent."""

    main: Rect
    band: Rect | None = None
    column: Rect | None = None


def band_height(width: int, height: int) -> int:
    """The ticker band's height: a fixed share of the screen, a larger one on a portrait screen."""
    share = theme.TICKER_BAND_PORTRAIT if height > width else theme.TICKER_BAND
    return max(1, round(height * share))


def column_width(width: int, percent: float) -> int:
    """The side column's width: ``percent`` of the screen's width."""
    return max(1, round(width * percent / 100))


def regions(width: int, height: int, *, band: BandAt | None = None, column: ColumnAt | None = None,
            column_percent: float = 30) -> Regions:
    """Split a ``width`` x ``height`` screen: the band across its whole width, the column beside
    the main area above (or below) the band, the main area taking the rest."""
    band_rect = None
    top, rest = 0, height
    if band is not None:
        tall = band_height(width, height)
        rest = height - tall
        band_rect = Rect(0, rest if band == "bottom" else 0, width, tall)
        top = 0 if band == "bottom" else tall
    column_rect = None
    left, main_width = 0, width
    if column is not None:
        wide = column_width(width, column_percent)
        main_width = width - wide
        column_rect = Rect(main_width if column == "right" else 0, top, wide, rest)
        left = 0 if column == "right" else wide
    return Regions(Rect(left, top, main_width, rest), band_rect, column_rect)


def ticker_speed(speed: float, height: int) -> float:
    """Pixels a second on this screen for ``speed`` given at 1080p: the same crossing time on any screen."""
    return speed * height / theme.TICKER_SPEED_HEIGHT


def regions_at(content: Content, width: int, height: int, when: datetime, lang: str) -> Regions:
    """The regions as the screen shows them at ``when``: the band only while the ticker has items."""
    arrangement = arrangement_of(content.settings)
    band = arrangement.band if ticker_items(content, when, lang) else None
    return regions(width, height, band=band, column=arrangement.column, column_percent=arrangement.column_percent)
