"""Clock: the time and (or) the date, large, in the theme's colours; a side column's usual companion."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel

from kiosk.core import theme
from kiosk.core.content.model import ClockPanel
from kiosk.core.dates import clock_texts, long_date_text
from kiosk.screen.panels import register
from kiosk.screen.panels.base import PanelWidget

CLOCK_TIME = 0.15  # the time's size, of the unit: the largest text on the screen
CLOCK_DATE = theme.SUBTITLE * 1.2


@register("clock")
class ClockWidget(PanelWidget):
    """The time in the accent colour over the date, centred; changes on the minute."""

    panel: ClockPanel
    live = True  # it changes by itself each minute: grabbed afresh whenever it leaves

    def build(self) -> None:
        """The title (if any), the time and the date, centred in the area."""
        s, p = self.style_, self.panel
        layout = self.column(s.px(theme.GAP))
        layout.addStretch(1)
        center = Qt.AlignmentFlag.AlignHCenter
        if p.title:
            layout.addWidget(self.label(p.title, theme.TITLE * 0.8, weight=QFont.Weight.Bold, align=center,
                                        width=self.area.width(), field=("title",)))
        self._time = self._line(CLOCK_TIME, "accent", QFont.Weight.Light) if p.format != "date" else None
        self._date = self._line(CLOCK_DATE, "muted", QFont.Weight.Normal) if p.format != "time" else None
        for line in (self._time, self._date):
            if line is not None:
                layout.addWidget(line)
        layout.addStretch(1)
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.timeout.connect(self.refresh)
        self.refresh()

    def _line(self, size: float, color: str, weight: QFont.Weight) -> QLabel:
        label = self.label("", size, color=color, weight=weight, wrap=True, align=Qt.AlignmentFlag.AlignHCenter)
        label.setFixedWidth(self.area.width())
        return label

    def refresh(self) -> None:
        """Show the time now (``style.clock``: a render's moment) and wait for the next minute."""
        now = self.style_.clock()
        locale = self.style_.locale.name()
        if self._time is not None:
            self._time.setText(clock_texts(now, locale)[0])
            self._fit_time(self._time)
        if self._date is not None:
            self._date.setText(self._broken(self._date, long_date_text(now, locale)))
        self._tick.start((60 - now.second) * 1000 - now.microsecond // 1000 + 50)

    def _broken(self, label: QLabel, text: str) -> str:
        """A date too long for one line breaks after the weekday ("Monday," / "December 7, 2026"),
        not wherever the words run out ("Monday, December 7," / "2026")."""
        if QFontMetrics(label.font()).horizontalAdvance(text) <= self.area.width() or ", " not in text:
            return text
        return text.replace(", ", ",\n", 1)

    def _fit_time(self, label: QLabel) -> None:
        """A narrow column gets a smaller time rather than a wrapped one (sized for the widest digits)."""
        font = label.font()
        widest = max("0123456789", key=QFontMetrics(font).horizontalAdvance)
        sample = re.sub(r"\d", widest, label.text())
        while font.pixelSize() > 8 and QFontMetrics(font).horizontalAdvance(sample) > self.area.width():
            font.setPixelSize(font.pixelSize() * 9 // 10)
        label.setFont(font)
        label.setMinimumHeight(QFontMetrics(font).height())
