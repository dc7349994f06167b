"""The layout frame: the screen split into the player's area, a ticker band and a side column.

The frame only places widgets in the rectangles ``kiosk.core.layout`` computes. The player in
the main area (and the one in the column) is sized to its rectangle and fits its panels to it,
so no panel ever learns that a band or a column exists.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from kiosk.core.layout import Arrangement, Rect, Regions, TickerItem, regions
from kiosk.screen.style import Style
from kiosk.screen.ticker import TickerBand


class LayoutFrame(QWidget):
    """Holds the main area's widget, the side column's and the ticker band, each in its rectangle."""

    def __init__(self, main: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = main
        main.setParent(self)
        self.side: QWidget | None = None
        self.ticker: TickerBand | None = None
        self._arrangement = Arrangement()

    # -- what it holds ------------------------------------------------------------------

    def arrange(self, arrangement: Arrangement, side: QWidget | None = None) -> None:
        """Take a new layout: the column holds ``side`` (None: no column)."""
        if side is not self.side and self.side is not None:
            self.side.hide()
        self.side = side
        if side is not None:
            side.setParent(self)
        self._arrangement = arrangement
        self._place()

    def show_ticker(self, items: Sequence[TickerItem], style: Style, pixels_per_second: float) -> None:
        """Scroll ``items`` in the band; no items takes the band away and gives the panels its room."""
        if not items:
            if self.ticker is not None:
                self.ticker.hide()
                self.ticker.set_items((), style, pixels_per_second)
            self._place()
            return
        if self.ticker is None:
            self.ticker = TickerBand(style, self)
        self.ticker.set_items(items, style, pixels_per_second)
        self._place()

    @property
    def arrangement(self) -> Arrangement:
        """The layout the frame has now."""
        return self._arrangement

    def regions(self) -> Regions:
        """The rectangles of the regions shown now (the band only while it has items)."""
        a = self._arrangement
        band = a.band if self.ticker is not None and self.ticker.items else None
        column = a.column if self.side is not None else None
        return regions(self.width(), self.height(), band=band, column=column, column_percent=a.column_percent)

    # -- placing ------------------------------------------------------------------------

    def _place(self) -> None:
        if self.width() <= 0 or self.height() <= 0:
            return
        found = self.regions()
        _put(self.main, found.main)
        if self.side is not None:
            _put(self.side, found.column)
        if self.ticker is not None:
            _put(self.ticker, found.band)

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        """A new screen size: every region is placed again."""
        self._place()


def _put(widget: QWidget, rect: Rect | None) -> None:
    """Show ``widget`` over ``rect``, or hide it when its region is absent."""
    if rect is None:
        widget.hide()
        return
    geometry = QRect(rect.x, rect.y, rect.width, rect.height)
    if widget.geometry() != geometry:
        widget.setGeometry(geometry)
    if widget.isHidden():
        widget.show()
