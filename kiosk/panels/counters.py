"""Counters: big numbers that count up, a bar of each group's share, and the total."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.content.model import Counter, CountersPanel
from kiosk.panels import register
from kiosk.panels.base import PanelWidget
from kiosk.widgets import icon_label

Weight = QFont.Weight
Align = Qt.AlignmentFlag


class ShareBar(QWidget):
    """A horizontal bar split into each counter's share of the total."""

    def __init__(self, values: list[int], colors: list[str], height: int) -> None:
        super().__init__()
        self.values = values
        self.colors = [QColor(c) for c in colors]
        self.setFixedHeight(height)

    def paintEvent(self, event: object) -> None:  # noqa: N802
        total = sum(self.values) or 1
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x, gap = 0.0, max(2.0, self.height() * 0.12)
        for value, color in zip(self.values, self.colors):
            width = self.width() * value / total
            painter.fillRect(QRectF(x, 0, max(0.0, width - gap), self.height()), color)
            x += width


@register("counters")
class CountersWidget(PanelWidget):
    panel: CountersPanel

    def build(self) -> None:
        s, p = self.style_, self.panel
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(s.px(theme.GAP) // 2)
        width = self.area.width()
        layout.addWidget(self.label(p.title, theme.TITLE, weight=Weight.Bold, width=width))
        if p.intro:
            layout.addWidget(self.label(p.intro, theme.SUBTITLE, color="muted", width=width))
        layout.addSpacing(s.px(theme.GAP))
        colors = [theme.SERIES[i % len(theme.SERIES)] for i in range(len(p.counters))]
        self._numbers = []
        tiles = QHBoxLayout()
        tiles.setSpacing(s.px(theme.GAP))
        tile_width = (width - s.px(theme.GAP) * (len(p.counters) - 1)) // len(p.counters)
        for counter, color in zip(p.counters, colors):
            tiles.addLayout(self._tile(counter, color, tile_width), 1)
        layout.addLayout(tiles)
        layout.addSpacing(s.px(theme.GAP) // 2)
        layout.addWidget(ShareBar([c.value for c in p.counters], colors, s.px(theme.SHARE_BAR)))
        layout.addSpacing(s.px(theme.GAP))
        if p.total is not None:
            layout.addLayout(self._total_row())
        layout.addStretch(1)
        for note in p.notes:
            layout.addWidget(self.label(note, theme.FINE_PRINT, color="muted", width=width))
        self._targets = [c.value for c in p.counters] + ([p.total_value] if p.total else [])
        self._count_up = QVariantAnimation(self)
        self._count_up.setStartValue(0.0)
        self._count_up.setEndValue(1.0)
        self._count_up.setDuration(theme.COUNT_UP_MS)
        self._count_up.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._count_up.valueChanged.connect(self._show_fraction)
        self._show_fraction(0.0)

    def _tile(self, counter: Counter, color: str, width: int) -> QVBoxLayout:
        s = self.style_
        tile = QVBoxLayout()
        tile.setSpacing(s.px(0.006))
        if counter.icon:
            tile.addWidget(icon_label(counter.icon, QColor(color), s.px(theme.ICON)),
                           0, Align.AlignHCenter)
        number = self.label("0", theme.COUNTER_NUMBER, weight=Weight.Bold,
                            align=Align.AlignHCenter, wrap=False)
        self._reserve_width(number, counter.value)
        self._numbers.append(number)
        tile.addWidget(number)
        tile.addWidget(self.label(counter.label, theme.COUNTER_LABEL, color="muted",
                                  align=Align.AlignHCenter, width=width))
        tile.addStretch(1)
        return tile

    def _total_row(self) -> QHBoxLayout:
        s, total = self.style_, self.panel.total
        row = QHBoxLayout()
        row.setSpacing(s.px(theme.GAP))
        row.addStretch(1)
        row.addWidget(icon_label("fa5s.users", s.color("accent"), s.px(theme.ICON * 1.2)),
                      0, Align.AlignVCenter)
        number = self.label("0", theme.TOTAL_NUMBER, color="accent", weight=Weight.Bold, wrap=False)
        self._reserve_width(number, self.panel.total_value or 0)
        self._numbers.append(number)
        row.addWidget(number, 0, Align.AlignVCenter)
        row.addWidget(self.label(total.label, theme.SUBTITLE, weight=Weight.DemiBold, wrap=False),
                      0, Align.AlignVCenter)
        row.addStretch(1)
        return row

    def _reserve_width(self, label, value: int) -> None:
        """Keep the layout still while the digits count up."""
        label.setMinimumWidth(label.fontMetrics().horizontalAdvance(self.style_.number(value)))

    def _show_fraction(self, fraction: float) -> None:
        for label, target in zip(self._numbers, self._targets):
            label.setText(self.style_.number(round(target * fraction)))

    def start(self) -> None:
        self._count_up.stop()
        self._show_fraction(0.0)
        self._count_up.start()

    def finish(self) -> None:
        self._count_up.stop()
        self._show_fraction(1.0)

    @property
    def shown_numbers(self) -> list[str]:
        """The numbers as they read on screen right now."""
        return [label.text() for label in self._numbers]
