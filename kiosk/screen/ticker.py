"""The ticker band: lines of text crossing the screen, smooth at the display's refresh rate.

Each item is rendered once, when the items change, into a tile of its own (a whole strip of 50
long items would outgrow what a pixmap may hold). A frame only blits the tiles in view at a new
position: no text layout, no widget layout. The position follows the frame number, not the time
a timer happened to fire, so every frame moves the same distance; a frame the machine misses is
skipped, not slowed down. A step that is a fraction of a pixel (90 px/s at 60 Hz is 1.5 px) is
drawn from tiles pre-rendered half a pixel apart, so the text glides instead of stepping 1, 2, 1.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPixmap, QPolygonF
from PySide6.QtWidgets import QWidget

from kiosk.core import theme
from kiosk.core.layout import TickerItem
from kiosk.screen.style import Style

COVERED_POLL_MS = 250  # covered whole (an urgent message, a sleeping screen): look this often, paint nothing
ITEM_MAX_WIDTHS = 3  # an item longer than this many band widths is cut with "…": a pixmap has a size limit


@dataclass(frozen=True)
class Pace:
    """How the strip moves: the same step every frame, ``phases`` sub-pixel offsets pre-rendered."""

    period: float  # seconds between frames
    step: float  # pixels a frame, a whole multiple of 1 / phases
    phases: int


def pace_for(pixels_per_second: float, refresh_hz: float) -> Pace:
    """The steady step nearest ``pixels_per_second`` at ``refresh_hz``: a whole pixel, or a half."""
    hz = refresh_hz if refresh_hz >= 20 else 60.0  # a screen that reports no rate is treated as 60 Hz
    exact = pixels_per_second / hz
    if abs(exact - round(exact)) < 0.05 and round(exact) >= 1:
        return Pace(1 / hz, float(round(exact)), 1)
    phases = theme.TICKER_PHASES
    return Pace(1 / hz, max(1, round(exact * phases)) / phases, phases)


class TickerTiles:
    """The items drawn once: one tile per item (its text, then the separator), at each sub-pixel phase."""

    def __init__(self, items: Sequence[TickerItem], style: Style, height: int, width: int, phases: int) -> None:
        self.height, self.phases = height, phases
        self.gap = round(height * theme.TICKER_GAP)
        self._font = _font(style, height * theme.TICKER_TEXT, QFont.Weight.DemiBold)
        self._date_font = _font(style, height * theme.TICKER_DATE_TEXT, QFont.Weight.Normal)
        self._band, self._text = QColor(style.palette.band), style.color("text")
        self._accent = style.color("accent")
        self.widths: list[int] = []
        self.tiles: list[list[QPixmap]] = []  # [item][phase]
        for item in items:
            widths, tiles = self._tile(item, width * ITEM_MAX_WIDTHS)
            self.widths.append(widths)
            self.tiles.append(tiles)

    @property
    def cycle(self) -> int:
        """The width of one pass of every item: the strip repeats after it."""
        return sum(self.widths)

    def _tile(self, item: TickerItem, longest: int) -> tuple[int, list[QPixmap]]:
        text_metrics, date_metrics = QFontMetricsF(self._font), QFontMetricsF(self._date_font)
        text = text_metrics.elidedText(item.text, Qt.TextElideMode.ElideRight, longest)
        date_gap = self.gap / 2 if item.date else 0
        text_width = text_metrics.horizontalAdvance(text)
        date_width = date_metrics.horizontalAdvance(item.date) if item.date else 0
        width = math.ceil(text_width + date_gap + date_width + 2 * self.gap)
        baseline = (self.height + text_metrics.ascent() - text_metrics.descent()) / 2
        tiles = []
        for phase in range(self.phases):
            shift = phase / self.phases
            tile = QPixmap(width + 1, self.height)  # one pixel more: room for the shifted edge
            tile.fill(self._band)
            painter = QPainter(tile)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.setFont(self._font)
            painter.setPen(self._text)
            painter.drawText(QPointF(shift, baseline), text)
            if item.date:
                painter.setFont(self._date_font)
                painter.setPen(self._accent)
                painter.drawText(QPointF(shift + text_width + date_gap, baseline), item.date)
            self._mark(painter, shift + width - self.gap)
            painter.end()
            tiles.append(tile)
        return width, tiles

    def _mark(self, painter: QPainter, centre_x: float) -> None:
        """The separator: a small diamond in the accent colour, painted so no font need have it."""
        half, middle = self.height * theme.TICKER_MARK / 2, self.height / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._accent)
        painter.drawPolygon(QPolygonF([QPointF(centre_x, middle - half), QPointF(centre_x + half, middle),
                                       QPointF(centre_x, middle + half), QPointF(centre_x - half, middle)]))


def _font(style: Style, pixels: float, weight: QFont.Weight) -> QFont:
    font = style.font(theme.BODY, weight)  # the theme's families, hinting and ligatures
    font.setPixelSize(max(6, round(pixels)))
    return font


class TickerBand(QWidget):
    """The band: tiles blitted at a position that moves one step per display frame.

    ``now`` (seconds, monotonic) is the clock frames are counted on; tests pass a fake one.
    ``frames`` and ``dropped`` count the frames painted and the frame slots missed, for the benchmarks.
    """

    def __init__(self, style: Style, parent: QWidget | None = None, *,
                 now: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # every pixel is painted: no background first
        self._style, self._now = style, now
        self._items: tuple[TickerItem, ...] = ()
        self._speed = 90.0  # pixels a second on this screen
        self._tiles: TickerTiles | None = None
        self._origin = now()
        self._frame = 0  # the frame number on screen
        self._painted: int | None = None
        self.frames = self.dropped = 0
        self._pace = pace_for(self._speed, self._refresh_rate())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.tick)

    # -- what it shows ------------------------------------------------------------------

    def set_items(self, items: Sequence[TickerItem], style: Style, pixels_per_second: float) -> None:
        """Show ``items``; new items (or a new look) start again from the first, the same ones scroll on."""
        items = tuple(items)
        pace = pace_for(pixels_per_second, self._refresh_rate())
        if items == self._items and style == self._style and pace == self._pace:
            return
        self._items, self._style, self._speed, self._pace = items, style, pixels_per_second, pace
        self._tiles = None
        self.restart()

    @property
    def items(self) -> tuple[TickerItem, ...]:
        """What the band scrolls."""
        return self._items

    @property
    def pace(self) -> Pace:
        """The step and frame period the band moves at."""
        return self._pace

    def restart(self) -> None:
        """Back to the start position: the first item at the band's left edge."""
        self._origin, self._frame, self._painted = self._now(), 0, None
        self.update()
        self._arm()

    def offset(self) -> float:
        """How far the strip has moved from its start position, in pixels."""
        return self._frame * self._pace.step

    # -- frames -------------------------------------------------------------------------

    def tick(self) -> None:
        """A frame is due: move to the frame the clock says, and ask for a paint if it moved."""
        frame = math.floor((self._now() - self._origin) / self._pace.period + 0.5)
        if frame != self._frame:
            self._frame = frame
            self.update()
        self._arm()

    def _arm(self) -> None:
        """Wake at the next frame's moment, counted from the origin so the rate never drifts."""
        if not self.isVisible() or not self._items:
            self._timer.stop()
            return
        if self.visibleRegion().isEmpty():
            self._timer.start(COVERED_POLL_MS)  # position still follows the clock once uncovered
            return
        due = self._origin + (self._frame + 1) * self._pace.period
        self._timer.start(max(1, round((due - self._now()) * 1000)))

    def _refresh_rate(self) -> float:
        screen = self.screen()
        return screen.refreshRate() if screen is not None else 60.0

    def paintEvent(self, event: object) -> None:  # noqa: N802
        """Blit the tiles in view at the frame's position: no text is laid out here."""
        painter = QPainter(self)
        tiles = self._tiles_now()
        if tiles is None or not tiles.cycle:
            painter.fillRect(self.rect(), QColor(self._style.palette.band))
            return
        self._count_frame()
        # Where the first item's tile starts, unwrapped (at the start, the separator before it is off screen).
        position = tiles.gap // 2 - self.offset()
        whole = math.floor(position)
        phase = min(tiles.phases - 1, round((position - whole) * tiles.phases))
        x = whole % tiles.cycle - tiles.cycle  # the cycle that starts at or left of the band's edge
        index = 0
        while x < self.width():
            width = tiles.widths[index]
            if x + width > 0:
                painter.drawPixmap(x, 0, tiles.tiles[index][phase])
            x += width
            index = (index + 1) % len(tiles.widths)

    def _count_frame(self) -> None:
        if self._painted is not None and self._frame > self._painted + 1:
            self.dropped += self._frame - self._painted - 1
        if self._painted != self._frame:
            self.frames += 1
        self._painted = self._frame

    def _tiles_now(self) -> TickerTiles | None:
        """The tiles for the band's size, drawn again only when the items or the height changed."""
        if not self._items or self.height() <= 0:
            return None
        tiles = self._tiles
        if tiles is None or tiles.height != self.height() or tiles.phases != self._pace.phases:
            tiles = self._tiles = TickerTiles(self._items, self._style, self.height(), self.width(),
                                              self._pace.phases)
        return tiles

    def showEvent(self, event: object) -> None:  # noqa: N802
        """Start the frames, at the rate of the screen it shows on."""
        self._pace = pace_for(self._speed, self._refresh_rate())  # the screen it shows on may differ
        self._arm()

    def hideEvent(self, event: object) -> None:  # noqa: N802
        """No frames while hidden."""
        self._timer.stop()

    def sizeHint(self) -> QSize:  # noqa: N802
        """The band's size on its style's screen."""
        return QSize(self._style.size.width(), round(self._style.size.height() * theme.TICKER_BAND))
