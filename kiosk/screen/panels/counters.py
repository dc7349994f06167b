"""Counters: big numbers that count up, a bar of each group's share, and the total."""

from __future__ import annotations

import math

from PySide6.QtCore import QEasingCurve, QPoint, QRect, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QRegion
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout

from kiosk.core import theme
from kiosk.core.content.localize import resolved
from kiosk.core.content.model import Counter, CountersPanel
from kiosk.screen.faults import PaintedWidget
from kiosk.screen.icons import icon_label
from kiosk.screen.pacing import FramePacer
from kiosk.screen.panels import register
from kiosk.screen.panels.base import PanelWidget, link_block

Weight = QFont.Weight
Align = Qt.AlignmentFlag


class ShareBar(PaintedWidget):
    """A horizontal bar split into each counter's share of the total."""

    def __init__(self, values: list[int], colors: list[str], height: int) -> None:
        super().__init__()
        self.values = values
        self.colors = [QColor(c) for c in colors]
        self.setFixedHeight(height)

    def paint(self, event: object) -> None:
        """Draw each share as a block in its colour, with a gap between blocks."""
        total = sum(self.values) or 1
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x, gap = 0.0, max(2.0, self.height() * 0.12)
        for value, color in zip(self.values, self.colors):
            width = self.width() * value / total
            painter.fillRect(QRectF(x, 0, max(0.0, width - gap), self.height()), color)
            x += width


def columns_for(count: int, portrait: bool) -> int:
    """Tiles per row: one row of up to six on landscape, two rows beyond; two columns on portrait."""
    if portrait:
        return min(2, count)
    return count if count <= 6 else math.ceil(count / 2)


@register("counters")
class CountersWidget(PanelWidget):
    """The counters panel: numbers that count up as it arrives, each group's share, and the total."""

    panel: CountersPanel
    moves_in = True

    def build(self) -> None:
        """Lay out the title, intro, number tiles, share bar, total and foot; the numbers start at zero."""
        s, p = self.style_, self.panel
        layout = self.column(s.px(theme.GAP) // 2)
        width = self.area.width()
        layout.addWidget(self.label(p.title, theme.TITLE, weight=Weight.Bold, width=width, field=("title",)))
        if p.intro:
            layout.addWidget(self.label(p.intro, theme.SUBTITLE, color="muted", width=width, field=("intro",)))
        layout.addSpacing(s.px(theme.GAP))
        series = s.palette.series
        colors = [series[i % len(series)] for i in range(len(p.counters))]
        self._numbers: list[QLabel] = []
        layout.addLayout(self._tiles(colors, width))
        layout.addSpacing(s.px(theme.GAP) // 2)
        layout.addWidget(ShareBar([c.value for c in p.counters], colors, s.px(theme.SHARE_BAR)))
        layout.addSpacing(s.px(theme.GAP))
        if p.total is not None:
            layout.addLayout(self._total())
        layout.addStretch(1)
        layout.addLayout(self._foot(width))
        self._targets = [c.value for c in p.counters] + ([p.total_value] if p.total_value is not None else [])
        self._count_up = QVariantAnimation(self)
        self._count_up.setStartValue(0.0)
        self._count_up.setEndValue(1.0)
        self._count_up.setDuration(theme.COUNT_UP_MS)
        self._count_up.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._pacer = FramePacer(theme.COUNT_UP_FPS)
        self._count_up.valueChanged.connect(self._count_step)
        self._show_fraction(0.0)

    def _tiles(self, colors: list[str], width: int) -> QGridLayout:
        s, counters = self.style_, self.panel.counters
        grid = QGridLayout()
        gap = s.px(theme.GAP)
        grid.setHorizontalSpacing(gap)
        grid.setVerticalSpacing(gap)
        columns = columns_for(len(counters), s.portrait)
        tile_width = (width - gap * (columns - 1)) // columns
        for index, (counter, color) in enumerate(zip(counters, colors)):
            tile = self._tile(index, counter, color, tile_width)
            row, column = divmod(index, columns)
            if index == len(counters) - 1 and column == 0 and columns == 2:  # a lone last tile: centred
                grid.addLayout(tile, row, 0, 1, 2, Align.AlignHCenter)
            else:
                grid.addLayout(tile, row, column)
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        return grid

    def _tile(self, index: int, counter: Counter, color: str, width: int) -> QVBoxLayout:
        s = self.style_
        tile = QVBoxLayout()
        tile.setSpacing(s.px(0.006))
        if counter.icon:
            tile.addWidget(icon_label(counter.icon, QColor(color), s.px(theme.ICON * s.scale)),
                           0, Align.AlignHCenter)
        size = self._number_size(theme.COUNTER_NUMBER, counter.value, width, ("counters", index, "value"))
        number = self.label("0", size, weight=Weight.Bold, align=Align.AlignHCenter, wrap=False)
        self._reserve_width(number, counter.value)
        self._numbers.append(number)
        tile.addWidget(number)
        tile.addWidget(self.label(counter.label, theme.COUNTER_LABEL, color="muted", align=Align.AlignHCenter,
                                  width=width, field=("counters", index, "label")))
        tile.addStretch(1)
        return tile

    def _number_size(self, size: float, value: int, room: int, loc: tuple) -> float:
        """A number never wraps: when it is wider than its room, its own size shrinks."""
        font = self.style_.font(size, Weight.Bold)
        need = QFontMetrics(font).horizontalAdvance(self.style_.number(value))
        if need <= room:
            return size
        self.fit_notes.append((loc, f"number shown at {room / need:.0%} size to fit its space"))
        return size * room / need * 0.97

    def _total(self) -> QHBoxLayout | QVBoxLayout:
        """Icon, total and its label in one row; the label goes under them when the row is too wide."""
        s, total = self.style_, self.panel.total
        if total is None:
            raise ValueError("a counters panel without a total has no total row")
        total_label = resolved(total.label)
        gap, icon = s.px(theme.GAP), s.px(theme.ICON * 1.2 * s.scale)
        size = self._number_size(theme.TOTAL_NUMBER, self.panel.total_value or 0,
                                 self.area.width() - icon - gap, ("total", "value"))
        number = self.label("0", size, color="accent", weight=Weight.Bold, wrap=False)
        self._reserve_width(number, self.panel.total_value or 0)
        self._numbers.append(number)
        row = QHBoxLayout()
        row.setSpacing(gap)
        row.addStretch(1)
        row.addWidget(icon_label("fa5s.users", s.color("accent"), icon), 0, Align.AlignVCenter)
        row.addWidget(number, 0, Align.AlignVCenter)
        room = self.area.width() - icon - number.minimumWidth() - 3 * gap
        font = s.font(theme.SUBTITLE, Weight.DemiBold)
        beside = QFontMetrics(font).horizontalAdvance(total_label) <= room
        label = self.label(total_label, theme.SUBTITLE, weight=Weight.DemiBold,
                           align=Align.AlignLeft if beside else Align.AlignHCenter,
                           width=room if beside else self.area.width(), field=("total", "label"))
        if beside:
            label.setFixedWidth(QFontMetrics(font).horizontalAdvance(total_label) + 1)
            row.addWidget(label, 0, Align.AlignVCenter)
        row.addStretch(1)
        if beside:
            return row
        column = QVBoxLayout()
        column.addLayout(row)
        column.addWidget(label)
        return column

    def _foot(self, width: int) -> QHBoxLayout:
        """The notes, with the panel's link (a QR code) at the right."""
        s, p = self.style_, self.panel
        row = QHBoxLayout()
        row.setSpacing(s.px(theme.GAP) * 2)
        link = link_block(self, p.link, ("link",), beside=s.portrait,
                          width=width if s.portrait else None) if p.link else None
        notes = QVBoxLayout()
        notes.setSpacing(s.px(0.004))
        notes_width = width - (link.width() + row.spacing() if link and not s.portrait else 0)
        for index, note in enumerate(p.notes):
            notes.addWidget(self.label(note, theme.FINE_PRINT, color="muted", width=notes_width,
                                       field=("notes", index)))
        row.addLayout(notes, 1)
        if link and not s.portrait:
            row.addWidget(link, 0, Align.AlignBottom)
        if link and s.portrait:
            notes.addSpacing(s.px(theme.GAP))
            notes.addWidget(link)
        return row

    def _reserve_width(self, label, value: int) -> None:
        """Keep the layout still while the digits count up."""
        label.setMinimumWidth(label.fontMetrics().horizontalAdvance(self.style_.number(value)))

    def _show_fraction(self, fraction: float) -> None:
        for label, target in zip(self._numbers, self._targets):
            label.setText(self.style_.number(round(target * fraction)))

    def _count_step(self, fraction: float) -> None:
        if self._pacer.due(last=fraction >= 1.0):
            self._show_fraction(fraction)

    def start(self) -> None:
        """Count the numbers up from zero (with reduced motion, show them at once)."""
        if self.style_.settings.reduce_motion:  # accessibility: the numbers simply appear
            self.finish()
            return
        self._count_up.stop()
        self._show_fraction(0.0)
        self._pacer.restart()
        self._count_up.start()

    def finish(self) -> None:
        """Show the final numbers."""
        self._count_up.stop()
        self._show_fraction(1.0)

    def rewind(self) -> None:
        """Back to zero, ready to count up on the next turn."""
        self._count_up.stop()
        self._show_fraction(0.0)

    @property
    def animating(self) -> bool:
        """True while the numbers count up."""
        return self._count_up.state() == QVariantAnimation.State.Running

    def moving_region(self) -> QRegion:
        """The numbers' rectangles: a count-up repaints nothing else."""
        region = QRegion()
        for label in self._numbers:
            region += QRect(label.mapTo(self, QPoint()), label.size())
        return region

    @property
    def shown_numbers(self) -> list[str]:
        """The numbers as they read on screen right now."""
        return [label.text() for label in self._numbers]
