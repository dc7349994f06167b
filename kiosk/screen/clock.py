"""The header clock (``settings.clock``): the time, and the date where there is room, in the header's corner."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QLabel

from kiosk.core import theme
from kiosk.core.dates import clock_texts
from kiosk.screen.style import Style

SEPARATOR = "  ·  "


class HeaderClock(QLabel):
    """Changes on each minute; only this label repaints, so the rest of the slide is left alone."""

    def __init__(self, style: Style, room: int) -> None:
        super().__init__()
        self._style, self._room = style, room
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setFont(style.font(theme.HEADER_TEXT, QFont.Weight.DemiBold))
        palette = self.palette()
        palette.setColor(self.foregroundRole(), QColor(style.palette.muted))
        self.setPalette(palette)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick.timeout.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the time now and wait for the next minute."""
        now = self._style.clock()
        time_text, date_text = clock_texts(now, self._style.locale.name())
        both = f"{date_text}{SEPARATOR}{time_text}"
        text = both if QFontMetrics(self.font()).horizontalAdvance(both) <= self._room else time_text
        self.setText(text)
        # Sized for the widest digits, so a new minute never changes the width: a change of width
        # would lay the header out again and repaint the title beside it.
        width = QFontMetrics(self.font()).horizontalAdvance(re.sub(r"\d", self._widest_digit(), text)) + 2
        if width != self.width():
            self.setFixedWidth(width)
        self._tick.start((60 - now.second) * 1000 - now.microsecond // 1000 + 50)

    def _widest_digit(self) -> str:
        metrics = QFontMetrics(self.font())
        return max("0123456789", key=metrics.horizontalAdvance)
