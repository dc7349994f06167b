"""The calm screen shown when nothing else can be: the title and a clock. Never black."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDate, QLocale, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QRegion
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core import theme
from kiosk.core.content.localize import resolved
from kiosk.core.rotation import FALLBACK_ID
from kiosk.screen.slide import Slide
from kiosk.screen.style import Style
from kiosk.screen.text import text_label


class FallbackSlide(QWidget):
    """Full-screen title, the time and the date; redraws once a minute, on the minute."""

    # A slide's parts the presenter and the PDF handout line up with; the clock screen has none of them.
    footer: QWidget | None = None
    dots: QWidget | None = None
    clock: QWidget | None = None
    incomplete = False  # like a panel's body: nothing here waits for an image to decode

    def __init__(self, style: Style, message: str = "", clock: Callable[[], datetime] = datetime.now,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel_id = FALLBACK_ID
        self.lang = style.lang
        self._clock, self._style = clock, style
        self.setFixedSize(QSize(style.size))
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), style.color("background"))
        self.setPalette(palette)
        layout = self.column = QVBoxLayout(self)  # live reload adds the problems under the message
        layout.setSpacing(style.px(theme.GAP))
        layout.addStretch(1)
        center = Qt.AlignmentFlag.AlignHCenter
        layout.addWidget(text_label(resolved(style.settings.title), style.font(theme.TITLE, QFont.Weight.Bold),
                                    style.color("text"), align=center))
        self.time_label = text_label("", style.font(theme.COUNTER_NUMBER * 1.6, QFont.Weight.Light),
                                     style.color("accent"), wrap=False, align=center)
        self.date_label = text_label("", style.font(theme.SUBTITLE), style.color("muted"), wrap=False,
                                     align=center)
        layout.addWidget(self.time_label)
        layout.addWidget(self.date_label)
        if message:
            layout.addWidget(text_label(message, style.font(theme.BODY), style.color("muted"), align=center))
        layout.addStretch(1)
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.timeout.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the time and date now, and wait for the next minute."""
        now = self._clock()
        locale = self._style.locale
        self.time_label.setText(f"{now:%H:%M}")
        today = QDate(now.year, now.month, now.day)
        self.date_label.setText(locale.toString(today, QLocale.FormatType.LongFormat))  # per language
        self._tick.start((60 - now.second) * 1000 - now.microsecond // 1000 + 50)

    # The player treats every slide alike: this one has one page and no entry animation.
    @property
    def body(self) -> FallbackSlide:
        """The part the player starts and pages, as on every slide; here the slide itself."""
        return self

    def page_count(self) -> int:
        """Always one: the title and clock have no pages."""
        return 1

    def seconds(self, scheduled: float) -> float:
        """The scheduled time: nothing on this slide sets its own length."""
        return scheduled

    def set_page(self, page: int) -> None:
        """One page only."""

    def start(self) -> None:
        """Nothing animates in."""

    def finish(self) -> None:
        """Nothing to finish."""

    def rewind(self) -> None:
        """Nothing to rewind."""

    def moving_region(self) -> QRegion:
        """Never asked: a live slide is grabbed afresh as it leaves."""
        return QRegion(self.rect())

    live = True  # its clock keeps itself current: never kept once it leaves
    moves_in = False
    animating = False


AnySlide = Slide | FallbackSlide  # what the player and render put on screen: a panel's slide, or the clock
